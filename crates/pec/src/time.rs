//! Instants as the core sees them: seconds since the Unix epoch plus the UTC offset they were
//! written with, so a daticert time keeps its "+0200". The core never reads a clock.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// An instant, and the UTC offset (in minutes) it was expressed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub struct Timestamp {
    pub unix: i64,
    pub offset_minutes: i32,
}

const DAY: i64 = 86_400;

impl Timestamp {
    pub const fn utc(unix: i64) -> Self {
        Self {
            unix,
            offset_minutes: 0,
        }
    }

    /// A civil date and time at the given offset; `None` when a field is out of range.
    pub fn from_civil(
        (year, month, day): (i64, u32, u32),
        (hour, minute, second): (u32, u32, u32),
        offset_minutes: i32,
    ) -> Option<Self> {
        let valid = (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60
            && second < 61
            && offset_minutes.abs() < 24 * 60;
        valid.then(|| {
            let local = days_from_civil(year, month, day) * DAY
                + i64::from(hour * 3600 + minute * 60 + second);
            Self {
                unix: local - i64::from(offset_minutes) * 60,
                offset_minutes,
            }
        })
    }

    /// The civil date and time in the offset the instant was written with, as
    /// [`Timestamp::from_civil`] takes them: `(year, month, day), (hour, minute, second)`.
    pub fn civil(&self) -> ((i64, u32, u32), (u32, u32, u32)) {
        let local = self.unix + i64::from(self.offset_minutes) * 60;
        // Below a day's 86 400 seconds: the casts cannot truncate.
        let secs = local.rem_euclid(DAY) as u32;
        (
            civil_from_days(local.div_euclid(DAY)),
            (secs / 3600, secs / 60 % 60, secs % 60),
        )
    }

    /// RFC 3339, in the offset the instant was written with (`Z` for UTC).
    pub fn rfc3339(&self) -> String {
        let ((y, m, d), (hour, minute, second)) = self.civil();
        let zone = match self.offset_minutes {
            0 => "Z".to_owned(),
            off => {
                let sign = if off < 0 { '-' } else { '+' };
                format!("{sign}{:02}:{:02}", off.abs() / 60, off.abs() % 60)
            }
        };
        format!("{y:04}-{m:02}-{d:02}T{hour:02}:{minute:02}:{second:02}{zone}")
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM` (fractions are not accepted).
    pub fn parse_rfc3339(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        let num = |range: std::ops::Range<usize>| -> Option<u32> {
            let s = text.get(range)?;
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        if b[13] != b':' || b[16] != b':' {
            return None;
        }
        // `get`, not indexing: byte 19 may fall inside a multi-byte character.
        let offset = match text.get(19..)? {
            "Z" | "z" => 0,
            zone if zone.len() == 6 && zone.as_bytes()[3] == b':' => {
                let sign = match zone.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                sign * (num(20..22)? * 60 + num(23..25)?) as i32
            }
            _ => return None,
        };
        Self::from_civil(
            (i64::from(num(0..4)?), num(5..7)?, num(8..10)?),
            (num(11..13)?, num(14..16)?, num(17..19)?),
            offset,
        )
    }
}

/// Text that [`Timestamp::parse_rfc3339`] does not read; shows the text and the expected form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeError(String);

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not an RFC 3339 time: {:?} (expected YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM)",
            self.0
        )
    }
}

impl std::error::Error for TimeError {}

/// A verification time as a user writes it (`--at`, the module's `at` option).
impl FromStr for Timestamp {
    type Err = TimeError;

    fn from_str(text: &str) -> Result<Self, TimeError> {
        Self::parse_rfc3339(text).ok_or_else(|| TimeError(text.to_owned()))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339())
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's civil-calendar algorithms (proleptic Gregorian, any year).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_offset() {
        let t = Timestamp::parse_rfc3339("2019-05-02T10:11:12+02:00").unwrap();
        assert_eq!(t.unix, 1_556_784_672);
        assert_eq!(t.rfc3339(), "2019-05-02T10:11:12+02:00");
        assert_eq!(Timestamp::utc(t.unix).rfc3339(), "2019-05-02T08:11:12Z");
    }

    #[test]
    fn handles_leap_days_and_negative_offsets() {
        let t = Timestamp::from_civil((2024, 2, 29), (23, 30, 0), -90).unwrap();
        assert_eq!(t.rfc3339(), "2024-02-29T23:30:00-01:30");
        assert_eq!(Timestamp::utc(t.unix).rfc3339(), "2024-03-01T01:00:00Z");
        assert!(Timestamp::from_civil((2023, 2, 29), (0, 0, 0), 0).is_none());
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "2019-05-02T10:11:1é",
            "2019-05-02T10:11:12é00:00",
            "",
            "2019-05-02",
            "2019-13-02T10:11:12Z",
            "2019-05-02T10:11:12+2:00",
            "x019-05-02T10:11:12Z",
        ] {
            assert!(Timestamp::parse_rfc3339(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn user_text_parses_or_says_what_is_expected() {
        let t: Timestamp = "2019-05-02T10:11:12+02:00".parse().unwrap();
        assert_eq!(t.rfc3339(), "2019-05-02T10:11:12+02:00");
        let error = "2 May 2019".parse::<Timestamp>().unwrap_err().to_string();
        assert_eq!(
            error,
            "not an RFC 3339 time: \"2 May 2019\" (expected YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM)"
        );
    }
}
