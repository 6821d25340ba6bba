//! Keys, signers, time and identity, through `pec::verify`: nothing weak, extra or out of time
//! passes. A weak RSA key warns, a key too short to vouch for anything leaves trust
//! unestablished; a second signer is not a PEC message; a signature from after the moment of
//! verification, or judged at a time before it was made, is not trusted; a provider certificate
//! must name its address in the SAN; a certificate is verified over its TBS bytes as signed.

mod common;
mod support;

use base64ct::{Base64, Encoding};
use pec::certificate::Cert;
use pec::check::Effect;
use pec::{Check, MessageReport, Options, Status, Timestamp, Verdict};
use pec::{CheckId, Param};
use pec_factory::message::default_time;
use pec_factory::{KeyAlgorithm, Kind, Leaf, Message, Ricevuta};
use support::{assert_check, check, not_passed, options, verify, verify_with};

/// Every check with `id`, in report order.
fn all(report: &MessageReport, id: CheckId) -> Vec<&Check> {
    report.checks.iter().filter(|c| c.id == id).collect()
}

/// The factory's completa delivery receipt, genuine: every failure below is one knob away.
fn genuine() -> Message {
    Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa))
}

fn signed_with_key(algorithm: KeyAlgorithm) -> MessageReport {
    let mut message = genuine();
    message.signer.algorithm = algorithm;
    verify(&message.build())
}

#[test]
fn strong_keys_pass_the_key_size_check() {
    for algorithm in [KeyAlgorithm::Rsa2048, KeyAlgorithm::EcdsaP256] {
        let report = signed_with_key(algorithm);
        assert_eq!(report.verdict, Verdict::TotalPassed, "{algorithm:?}");
        assert!(check(&report, CheckId::TrustKeySize).params.is_empty());
        assert_eq!(not_passed(&report), [], "{algorithm:?}");
    }
}

#[test]
fn a_1024_bit_provider_key_passes_with_a_warning() {
    let report = signed_with_key(KeyAlgorithm::Rsa1024);
    assert_eq!(report.verdict, Verdict::TotalPassed, "{:#?}", report.checks);
    let size = assert_check(&report, CheckId::TrustKeySize, Status::Warn, Effect::None);
    assert_eq!(size.params[&Param::Bits].to_string(), "1024");
    assert!(
        size.params[&Param::Certificate]
            .to_string()
            .starts_with("CN=Posta Certificata Altra PEC")
    );
    assert_eq!(not_passed(&report), [(CheckId::TrustKeySize, Status::Warn)]);
}

#[test]
fn a_512_bit_provider_key_vouches_for_nothing() {
    let report = signed_with_key(KeyAlgorithm::Rsa512);
    assert_eq!(
        report.verdict,
        Verdict::Indeterminate,
        "{:#?}",
        report.checks
    );
    let size = assert_check(
        &report,
        CheckId::TrustKeySize,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert_eq!(size.params[&Param::Bits].to_string(), "512");
    // The signature itself verifies: it is the key that cannot be relied on.
    assert_check(&report, CheckId::CmsSignature, Status::Pass, Effect::None);
    assert_eq!(not_passed(&report), [(CheckId::TrustKeySize, Status::Fail)]);
}

#[test]
fn one_signer_passes_and_is_not_numbered() {
    let report = verify(&genuine().build());
    assert_check(&report, CheckId::CmsSigners, Status::Pass, Effect::None);
    assert!(
        report
            .checks
            .iter()
            .all(|c| !c.params.contains_key(&Param::Signer))
    );
}

/// The genuine receipt with a second SignerInfo, by another certificate of the same provider
/// (the PEC CA issued both).
fn with_a_second_signer() -> Message {
    let mut message = genuine();
    message.extra_signer = Some(Leaf::new(message.signer.gestore, KeyAlgorithm::EcdsaP256));
    message
}

#[test]
fn a_second_signer_is_not_a_pec_message() {
    let report = verify(&with_a_second_signer().build());
    assert_eq!(
        report.verdict,
        Verdict::Indeterminate,
        "{:#?}",
        report.checks
    );
    let signers = assert_check(
        &report,
        CheckId::CmsSigners,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert_eq!(signers.params[&Param::Count].to_string(), "2");
    // Both signers were verified, each named by its position.
    for id in [
        CheckId::CmsSignature,
        CheckId::CmsMessageDigest,
        CheckId::CmsSignerCertificate,
    ] {
        let checks = all(&report, id);
        let numbered: Vec<(String, Status)> = checks
            .iter()
            .map(|c| (c.params[&Param::Signer].to_string(), c.status))
            .collect();
        assert_eq!(
            numbered,
            [("1".into(), Status::Pass), ("2".into(), Status::Pass)],
            "{id}"
        );
    }
    assert_eq!(not_passed(&report), [(CheckId::CmsSigners, Status::Fail)]);
}

#[test]
fn a_broken_second_signature_fails_the_message() {
    let mut message = with_a_second_signer();
    message.corrupt_extra_signature = true;
    let report = verify(&message.build());
    assert_eq!(report.verdict, Verdict::TotalFailed, "{:#?}", report.checks);
    let checks = all(&report, CheckId::CmsSignature);
    let broken: Vec<&&Check> = checks.iter().filter(|c| c.status == Status::Fail).collect();
    assert_eq!((checks.len(), broken.len()), (2, 1), "{checks:#?}");
    let broken = broken[0];
    assert_eq!(broken.effect, Effect::Failed);
    assert!(broken.params.contains_key(&Param::Signer));
}

#[test]
fn a_provider_certificate_without_a_san_address_is_not_a_pec_provider() {
    let mut message = genuine();
    // The address only in the subject's emailAddress attribute.
    message.signer.san = false;
    let report = verify(&message.build());
    assert_eq!(
        report.verdict,
        Verdict::Indeterminate,
        "{:#?}",
        report.checks
    );
    let email = assert_check(
        &report,
        CheckId::TrustProviderEmail,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert!(
        email.params[&Param::Certificate]
            .to_string()
            .starts_with("EMAILADDRESS=posta-certificata@pec.altra.it,CN="),
        "{email:?}"
    );
    // The subject's address still matches the (unsigned) From: only the SAN rule fails.
    assert_eq!(
        not_passed(&report),
        [(CheckId::TrustProviderEmail, Status::Fail)]
    );
}

#[test]
fn the_provider_address_is_read_from_the_san() {
    let report = verify(&genuine().build());
    let email = assert_check(
        &report,
        CheckId::TrustProviderEmail,
        Status::Pass,
        Effect::None,
    );
    assert_eq!(
        email.params[&Param::Email].to_string(),
        "posta-certificata@pec.altra.it"
    );
}

fn utc(text: &str) -> Timestamp {
    Timestamp::parse_rfc3339(text).unwrap()
}

/// The factory's options with the moment of verification `minutes` after the signing time.
fn now_after_signing(minutes: i64) -> Options {
    Options {
        now: Some(Timestamp::utc(default_time().unix + minutes * 60)),
        ..options()
    }
}

#[test]
fn a_signature_from_the_future_of_now_is_not_trusted() {
    let report = verify_with(&genuine().build(), &now_after_signing(-60));
    assert_eq!(
        report.verdict,
        Verdict::Indeterminate,
        "{:#?}",
        report.checks
    );
    let future = assert_check(
        &report,
        CheckId::TimeFuture,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert_eq!(
        future.params[&Param::SigningTime].to_string(),
        "2024-03-15T09:30:00Z"
    );
    assert_eq!(
        future.params[&Param::Now].to_string(),
        "2024-03-15T08:30:00Z"
    );
    assert_eq!(not_passed(&report), [(CheckId::TimeFuture, Status::Fail)]);
}

#[test]
fn clocks_may_disagree_by_five_minutes() {
    for (minutes, status) in [(-6, Status::Fail), (-5, Status::Pass), (0, Status::Pass)] {
        let report = verify_with(&genuine().build(), &now_after_signing(minutes));
        assert_eq!(
            check(&report, CheckId::TimeFuture).status,
            status,
            "{minutes}"
        );
    }
    let report = verify_with(&genuine().build(), &now_after_signing(60 * 24 * 365));
    assert_eq!(report.verdict, Verdict::TotalPassed, "{:#?}", report.checks);
    // Without a moment of verification there is nothing to compare.
    let report = verify(&genuine().build());
    assert!(all(&report, CheckId::TimeFuture).is_empty());
}

#[test]
fn a_verification_time_before_the_signature_is_refused() {
    let before = Options {
        at: Some(utc("2024-03-14T09:30:00Z")),
        ..options()
    };
    let report = verify_with(&genuine().build(), &before);
    assert_eq!(
        report.verdict,
        Verdict::Indeterminate,
        "{:#?}",
        report.checks
    );
    let at = assert_check(
        &report,
        CheckId::TimeAtBeforeSigning,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert_eq!(at.params[&Param::At].to_string(), "2024-03-14T09:30:00Z");
    assert_eq!(
        at.params[&Param::SigningTime].to_string(),
        "2024-03-15T09:30:00Z"
    );
    // The certificates were valid then: that is not what fails.
    assert_eq!(
        not_passed(&report),
        [(CheckId::TimeAtBeforeSigning, Status::Fail)]
    );

    for at in ["2024-03-15T09:30:00Z", "2025-06-01T00:00:00Z"] {
        let after = Options {
            at: Some(utc(at)),
            ..options()
        };
        let report = verify_with(&genuine().build(), &after);
        assert_check(
            &report,
            CheckId::TimeAtBeforeSigning,
            Status::Pass,
            Effect::None,
        );
    }
}

#[test]
fn a_certificate_is_verified_over_its_unsorted_rdn_as_signed() {
    let mut message = genuine();
    message.signer.unsorted_rdn = true;
    // The knob does what it says: encoding the decoded certificate gives other bytes.
    let cert = Cert::from_der(&message.signer.der()).unwrap();
    assert_ne!(
        cert.tbs(),
        der::Encode::to_der(&cert.tbs_certificate).unwrap()
    );

    let report = verify(&message.build());
    assert_eq!(report.verdict, Verdict::TotalPassed, "{:#?}", report.checks);
    assert_check(
        &report,
        CheckId::TrustCertificateSignatures,
        Status::Pass,
        Effect::None,
    );
    let signer = report.signature.and_then(|s| s.signer).unwrap();
    assert!(
        signer.subject.contains("OU=Servizio PEC"),
        "{}",
        signer.subject
    );
}

#[test]
fn a_changed_byte_of_a_certificate_with_an_unsorted_rdn_breaks_its_signature() {
    let mut message = genuine();
    message.signer.unsorted_rdn = true;
    let eml = edit_p7s(&message.build(), |p7s| {
        let at = p7s.windows(8).position(|w| w == b"Servizio").unwrap();
        p7s[at] ^= 0x20;
    });
    let report = verify(&eml);
    assert_eq!(report.verdict, Verdict::TotalFailed, "{:#?}", report.checks);
    let link = assert_check(
        &report,
        CheckId::TrustCertificateSignatures,
        Status::Fail,
        Effect::Failed,
    );
    assert!(
        link.params[&Param::Certificate]
            .to_string()
            .contains("OU=servizio PEC")
    );
    // The CMS signature is the leaf key's, untouched.
    assert_check(&report, CheckId::CmsSignature, Status::Pass, Effect::None);
}

/// `eml` with its `smime.p7s` decoded, changed by `edit` and encoded again.
fn edit_p7s(eml: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let marker = b"filename=\"smime.p7s\"\r\n\r\n";
    let find = |from: usize, needle: &[u8]| {
        from + eml[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .unwrap()
    };
    let start = find(0, marker) + marker.len();
    let end = find(start, b"\r\n\r\n--") + 2;
    let text: Vec<u8> = eml[start..end]
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let mut p7s = Base64::decode_vec(std::str::from_utf8(&text).unwrap()).unwrap();
    edit(&mut p7s);
    let lines: Vec<String> = Base64::encode_string(&p7s)
        .as_bytes()
        .chunks(64)
        .map(|line| format!("{}\r\n", std::str::from_utf8(line).unwrap()))
        .collect();
    [&eml[..start], lines.concat().as_bytes(), &eml[end..]].concat()
}

#[test]
fn real_samples_verified_now_pass_and_only_the_digitpa_key_warns() {
    let options = Options {
        now: Some(utc("2026-12-01T12:00:00Z")),
        ..Options::default()
    };
    for file in common::samples_in("real") {
        let report = pec::verify(&common::sample(&file), &options);
        let message = &report.messages[0];
        assert_eq!(message.verdict, Verdict::TotalPassed, "{file}");
        assert_check(message, CheckId::TimeFuture, Status::Pass, Effect::None);
        if file.contains("digitpa") {
            assert_eq!(not_passed(message), [(CheckId::TrustKeySize, Status::Warn)]);
            let size = check(message, CheckId::TrustKeySize);
            assert_eq!(size.params[&Param::Bits].to_string(), "1024");
            assert_eq!(
                size.params[&Param::Certificate].to_string(),
                "C=IT,O=ARUBA PEC S.p.A.,CN=Posta Certificata ARUBA PEC"
            );
        } else {
            assert_eq!(not_passed(message), [], "{file}");
        }
    }
}

/// The digest that names what the provider signed is SHA-256 over those bytes whatever the
/// signature's own digest, taken from the signature's computation when that is SHA-256.
#[test]
fn the_signed_digest_is_sha256_of_what_was_signed_whatever_the_signature_digest() {
    use pec_factory::Digest;
    use sha2::Digest as _;
    for (algorithm, digest) in [
        (KeyAlgorithm::Rsa2048, Digest::Sha256),
        (KeyAlgorithm::Rsa2048, Digest::Sha1),
        (KeyAlgorithm::EcdsaP256, Digest::Sha256),
    ] {
        let eml = genuine().signed_with(algorithm, digest).build();
        let located = pec::locate::find(&eml).expect("a message");
        let found = located.signed().next().expect("a signed entity");
        let expected = pec::hex(&sha2::Sha256::digest(&found.signed));
        let report = verify(&eml);
        assert_eq!(
            report.verdict,
            Verdict::TotalPassed,
            "{algorithm:?} {digest:?}"
        );
        assert_eq!(
            report.signed_sha256,
            Some(expected),
            "{algorithm:?} {digest:?}"
        );
    }
}
