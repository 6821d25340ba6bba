//! When a signature was made: its signing time against the verifier's clock (no signature comes
//! from the future) and against the moment asked for with `at` (before the signature, the
//! message did not exist); and the instant its certificates are judged at.

use crate::Options;
use crate::check::{Check, CheckId, Param};
use crate::time::Timestamp;

/// How far ahead of the verifier's clock a signing time may be and still pass: the provider's
/// clock and the user's device each drift, and five minutes is the usual allowance for clocks
/// that are set but not synchronised (Kerberos' default), far below any signature back-dated
/// or forward-dated on purpose.
const CLOCK_TOLERANCE_SECS: i64 = 5 * 60;

/// The instant the signer's certificates are judged at (`at` when asked for, otherwise the
/// signing time) and the checks of the signing time; without either instant the certificates
/// cannot be judged, and `cms.signing-time` says so.
pub fn judge(
    signing_time: Option<Timestamp>,
    options: &Options,
) -> (Option<Timestamp>, Vec<Check>) {
    let mut checks = Vec::new();
    if let Some(signing_time) = signing_time {
        checks.extend(options.now.map(|now| future_check(signing_time, now)));
        checks.extend(options.at.map(|at| at_check(at, signing_time)));
    }
    let at = options.at.or(signing_time);
    if at.is_none() {
        checks.push(Check::indeterminate(CheckId::CmsSigningTime));
    }
    (at, checks)
}

/// Give or take [`CLOCK_TOLERANCE_SECS`]. The pass names no times, so a file gets the same
/// report whenever it is verified.
fn future_check(signing_time: Timestamp, now: Timestamp) -> Check {
    if signing_time.unix <= now.unix.saturating_add(CLOCK_TOLERANCE_SECS) {
        return Check::pass(CheckId::TimeFuture);
    }
    Check::indeterminate(CheckId::TimeFuture)
        .with(Param::SigningTime, signing_time)
        .with(Param::Now, now)
}

/// `at` is chosen, not read from a clock: it gets no tolerance.
fn at_check(at: Timestamp, signing_time: Timestamp) -> Check {
    Check::pass_or_indeterminate(CheckId::TimeAtBeforeSigning, at.unix >= signing_time.unix)
        .with(Param::At, at)
        .with(Param::SigningTime, signing_time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Status;

    fn options(at: Option<i64>, now: Option<i64>) -> Options {
        Options {
            at: at.map(Timestamp::utc),
            now: now.map(Timestamp::utc),
            ..Options::default()
        }
    }

    #[test]
    fn certificates_are_judged_at_the_moment_asked_for_or_else_at_signing() {
        let signed = Some(Timestamp::utc(1_000));
        assert_eq!(judge(signed, &options(None, None)), (signed, Vec::new()));
        let (at, checks) = judge(signed, &options(Some(2_000), None));
        assert_eq!(at, Some(Timestamp::utc(2_000)));
        assert_eq!(checks[0].id, CheckId::TimeAtBeforeSigning);
        assert!(checks[0].is_pass());
        let (at, checks) = judge(None, &options(None, Some(5_000)));
        assert_eq!(at, None);
        assert_eq!(checks, [Check::indeterminate(CheckId::CmsSigningTime)]);
    }

    #[test]
    fn a_signature_from_the_future_is_not_trusted_beyond_the_clock_tolerance() {
        let now = 10_000;
        let within = judge(
            Some(Timestamp::utc(now + CLOCK_TOLERANCE_SECS)),
            &options(None, Some(now)),
        );
        assert!(within.1[0].is_pass());
        let (_, checks) = judge(
            Some(Timestamp::utc(now + CLOCK_TOLERANCE_SECS + 1)),
            &options(None, Some(now)),
        );
        assert_eq!(
            (checks[0].id, checks[0].status),
            (CheckId::TimeFuture, Status::Fail)
        );
    }
}
