//! Instants the factory writes: Unix seconds with the zone a provider writes them in, and their
//! forms in mail headers, daticert.xml and X.509.

use std::time::Duration;

use der::DateTime;
use der::asn1::UtcTime;
use x509_cert::time::Time;

/// An instant and the UTC offset (minutes) it is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instant {
    pub unix: i64,
    pub zone_minutes: i32,
}

const DAY: i64 = 86_400;

/// Unix seconds of a UTC civil time. Panics on an impossible date: the factory's dates are
/// constants.
pub fn utc(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> i64 {
    let time = DateTime::new(year, month, day, hour, minute, second).expect("a valid date");
    i64::try_from(time.unix_duration().as_secs()).expect("after 1970")
}

impl Instant {
    /// The civil time at this instant's zone.
    fn local(self) -> DateTime {
        let local = self.unix + i64::from(self.zone_minutes) * 60;
        DateTime::from_unix_duration(Duration::from_secs(local.unsigned_abs())).expect("in range")
    }

    fn zone(self) -> String {
        let sign = if self.zone_minutes < 0 { '-' } else { '+' };
        let minutes = self.zone_minutes.abs();
        format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
    }

    /// RFC 5322, as in a Date header: `Fri, 15 Mar 2024 10:30:00 +0100`.
    pub fn rfc5322(self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let local = self.local();
        let days = (self.unix + i64::from(self.zone_minutes) * 60).div_euclid(DAY);
        format!(
            "{}, {} {} {} {:02}:{:02}:{:02} {}",
            DAYS[usize::try_from(days.rem_euclid(7)).unwrap_or_default()],
            local.day(),
            MONTHS[usize::from(local.month() - 1)],
            local.year(),
            local.hour(),
            local.minutes(),
            local.seconds(),
            self.zone()
        )
    }

    /// daticert.xml's `giorno` (dd/mm/yyyy), `ora` (hh:mm:ss) and `zona` (+hhmm).
    pub fn daticert(self) -> (String, String, String) {
        let local = self.local();
        (
            format!("{:02}/{:02}/{}", local.day(), local.month(), local.year()),
            format!(
                "{:02}:{:02}:{:02}",
                local.hour(),
                local.minutes(),
                local.seconds()
            ),
            self.zone(),
        )
    }

    /// A compact stamp for identifiers: `20240315103000`.
    pub fn stamp(self) -> String {
        let local = self.local();
        format!(
            "{}{:02}{:02}{:02}{:02}{:02}",
            local.year(),
            local.month(),
            local.day(),
            local.hour(),
            local.minutes(),
            local.seconds()
        )
    }
}

/// An X.509 / CMS time (UTCTime: every factory date lies before 2050).
pub fn x509(unix: i64) -> Time {
    let duration = Duration::from_secs(unix.unsigned_abs());
    Time::UtcTime(UtcTime::from_unix_duration(duration).expect("a UTCTime date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_forms() {
        let at = Instant {
            unix: utc(2024, 3, 15, 9, 30, 5),
            zone_minutes: 60,
        };
        assert_eq!(at.rfc5322(), "Fri, 15 Mar 2024 10:30:05 +0100");
        assert_eq!(
            at.daticert(),
            ("15/03/2024".into(), "10:30:05".into(), "+0100".into())
        );
        assert_eq!(at.stamp(), "20240315103005");
    }
}
