//! Each way a PEC message fails verification, built by the test factory: the verdict and the
//! check a user would see. One test per way, on a completa delivery receipt.

mod support;

use pec::check::Effect;
use pec::kind::Kind as PecKind;
use pec::{CheckId, Param};
use pec::{MessageReport, Options, Status, TrustStore, Verdict};
use pec_factory::message::Edit;
use pec_factory::{ABUSIVO, Digest, Failure, KeyAlgorithm, Leaf, Message, pki};
use support::{assert_check, cert, not_passed, options, verify, verify_with};

/// Content changed after signing: the digest fails, the signature over the attributes holds.
fn assert_content_changed(report: &MessageReport) {
    assert_eq!(report.verdict, Verdict::TotalFailed);
    assert_check(
        report,
        CheckId::CmsMessageDigest,
        Status::Fail,
        Effect::Failed,
    );
    assert_check(report, CheckId::CmsSignature, Status::Pass, Effect::None);
}

#[test]
fn text_edited_after_signing() {
    assert_content_changed(&verify(&Failure::EditedText.message().build()));
}

#[test]
fn daticert_edited_after_signing() {
    let report = verify(&Failure::EditedDaticert.message().build());
    assert_content_changed(&report);
    // The edited (unsigned) date is what daticert now says: shown, but never trusted.
    assert_eq!(
        report.daticert.and_then(|d| d.data).map(|t| t.rfc3339()),
        Some("2024-03-14T10:30:00+01:00".to_owned())
    );
}

#[test]
fn attachment_edited_after_signing() {
    assert_content_changed(&verify(&Failure::EditedAttachment.message().build()));
}

#[test]
fn one_byte_anywhere_in_the_signed_part() {
    let mut message = Failure::EditedByte.message();
    let (mut digest_failures, mut lost_signatures) = (0, 0);
    // A prime stride walks the headers, boundaries, text, base64 and postacert.eml alike.
    for offset in (0..20_000).step_by(97) {
        message.edit = Some(Edit::Byte(offset));
        let report = verify(&message.build());
        assert_eq!(report.verdict, Verdict::TotalFailed, "byte {offset}");
        let failed = |id: CheckId| {
            report
                .checks
                .iter()
                .any(|c| c.id == id && c.status == Status::Fail)
        };
        if failed(CheckId::CmsMessageDigest) {
            digest_failures += 1;
        } else {
            // A changed boundary parameter makes the MIME parser swallow the signature part:
            // still a failure, named as a missing signature.
            assert!(
                failed(CheckId::MimeSignaturePart),
                "byte {offset}: {:#?}",
                report.checks
            );
            lost_signatures += 1;
        }
    }
    assert!(digest_failures > 150, "{digest_failures}");
    assert!(lost_signatures < 5, "{lost_signatures}");
}

#[test]
fn signature_value_altered() {
    for algorithm in [KeyAlgorithm::Rsa2048, KeyAlgorithm::EcdsaP256] {
        let mut message = Failure::SignatureValue.message();
        message.signer.algorithm = algorithm;
        let report = verify(&message.build());
        assert_eq!(report.verdict, Verdict::TotalFailed, "{algorithm:?}");
        assert_check(&report, CheckId::CmsSignature, Status::Fail, Effect::Failed);
        assert_check(
            &report,
            CheckId::CmsMessageDigest,
            Status::Pass,
            Effect::None,
        );
    }
}

#[test]
fn message_digest_attribute_altered() {
    let report = verify(&Failure::MessageDigest.message().build());
    assert_eq!(report.verdict, Verdict::TotalFailed);
    let digest = assert_check(
        &report,
        CheckId::CmsMessageDigest,
        Status::Fail,
        Effect::Failed,
    );
    assert_ne!(
        digest.params[&Param::Signed].to_string(),
        digest.params[&Param::Computed].to_string()
    );
    // The provider's key did sign those (wrong) attributes.
    assert_check(&report, CheckId::CmsSignature, Status::Pass, Effect::None);
}

#[test]
fn signer_certificate_swapped() {
    let report = verify(&Failure::SwappedSignerCertificate.message().build());
    assert_eq!(report.verdict, Verdict::TotalFailed);
    assert_check(&report, CheckId::CmsSignature, Status::Fail, Effect::Failed);
    // The other provider's certificate itself is genuine.
    assert_check(&report, CheckId::TrustChain, Status::Pass, Effect::None);
}

#[test]
fn a_self_made_ca_with_the_pec_ca_names() {
    let report = verify(&Failure::RogueCa.message().build());
    assert_eq!(
        report.verdict,
        Verdict::Indeterminate,
        "{:#?}",
        report.checks
    );
    assert_check(
        &report,
        CheckId::TrustPecCa,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert_check(
        &report,
        CheckId::TrustChain,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert_check(&report, CheckId::CmsSignature, Status::Pass, Effect::None);
}

#[test]
fn a_self_made_ca_with_the_pec_ca_names_next_to_the_real_one() {
    let mut options = options();
    options.trust.intermediates.push(cert(&pki().pec_ca));
    let report = verify_with(&Failure::RogueCa.message().build(), &options);
    assert_eq!(
        report.verdict,
        Verdict::Indeterminate,
        "{:#?}",
        report.checks
    );
    assert_check(
        &report,
        CheckId::TrustPecCa,
        Status::Fail,
        Effect::Indeterminate,
    );
}

#[test]
fn leaf_expired_at_signing_time() {
    let report = verify(&Failure::LeafExpired.message().build());
    assert_eq!(report.verdict, Verdict::TotalFailed);
    let validity = assert_check(
        &report,
        CheckId::TrustValidity,
        Status::Fail,
        Effect::Failed,
    );
    assert!(
        validity.params[&Param::Certificate]
            .to_string()
            .starts_with("CN=Posta Certificata")
    );
    assert_eq!(
        validity.params[&Param::NotAfter].to_string(),
        "2022-01-01T00:00:00Z"
    );
    assert_eq!(
        validity.params[&Param::At].to_string(),
        "2024-03-15T09:30:00Z"
    );
}

#[test]
fn leaf_not_yet_valid_at_signing_time() {
    let report = verify(&Failure::LeafNotYetValid.message().build());
    assert_eq!(report.verdict, Verdict::TotalFailed);
    let validity = assert_check(
        &report,
        CheckId::TrustValidity,
        Status::Fail,
        Effect::Failed,
    );
    assert_eq!(
        validity.params[&Param::NotBefore].to_string(),
        "2024-06-01T00:00:00Z"
    );
}

#[test]
fn ca_expired_at_signing_time() {
    let report = verify(&Failure::CaExpired.message().build());
    assert_eq!(report.verdict, Verdict::TotalFailed);
    let validity = assert_check(
        &report,
        CheckId::TrustValidity,
        Status::Fail,
        Effect::Failed,
    );
    assert!(
        validity.params[&Param::Certificate]
            .to_string()
            .starts_with("CN=Test PEC CA1")
    );
    assert_eq!(
        validity.params[&Param::NotAfter].to_string(),
        "2023-12-31T00:00:00Z"
    );
}

#[test]
fn ca_expired_but_a_valid_certificate_of_its_key_is_in_the_store() {
    // AgID CA1 is re-issued with the same key: a version valid at signing time vouches for the
    // leaf, as for the real Sogei sample.
    let mut options = options();
    options.trust.intermediates.push(cert(&pki().pec_ca));
    let report = verify_with(&Failure::CaExpired.message().build(), &options);
    assert_eq!(report.verdict, Verdict::TotalPassed, "{:#?}", report.checks);
}

#[test]
fn leaf_without_the_pec_policy() {
    let report = verify(&Failure::NoPecPolicy.message().build());
    assert_eq!(report.verdict, Verdict::Indeterminate);
    let policy = assert_check(
        &report,
        CheckId::TrustPecPolicy,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert_eq!(policy.params[&Param::Policy].to_string(), "1.3.76.16.3.1.1");
    assert_eq!(
        not_passed(&report),
        [(CheckId::TrustPecPolicy, Status::Fail)]
    );
}

#[test]
fn from_is_not_the_certificate_address() {
    let report = verify(&Failure::FromNotSan.message().build());
    // From is not signed: a warning that names both, not a verdict.
    assert_eq!(report.verdict, Verdict::TotalPassed);
    let sender = assert_check(&report, CheckId::TrustSender, Status::Warn, Effect::None);
    assert_eq!(
        sender.params[&Param::Certificate].to_string(),
        "posta-certificata@pec.altra.it"
    );
    assert_eq!(
        sender.params[&Param::Header].to_string(),
        "avvisi@pec.altra.it"
    );
}

#[test]
fn mail_domain_outside_the_pec_ca_name_constraints() {
    let report = verify(&Failure::NameConstraints.message().build());
    assert_eq!(report.verdict, Verdict::Indeterminate);
    let constraints = assert_check(
        &report,
        CheckId::TrustNameConstraints,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert_eq!(
        constraints.params[&Param::Name].to_string(),
        "posta-certificata@pec.abusivo.it"
    );
    assert_eq!(
        not_passed(&report),
        [(CheckId::TrustNameConstraints, Status::Fail)]
    );
}

#[test]
fn organisation_outside_the_pec_ca_name_constraints() {
    // A permitted mail domain, but an organisation the PEC CA does not list.
    let mut message = Failure::NameConstraints.message();
    message.signer = Leaf {
        email: "posta-certificata@pec.altra.it".into(),
        ..Leaf::new(ABUSIVO, KeyAlgorithm::Rsa2048)
    };
    let report = verify(&message.build());
    assert_eq!(report.verdict, Verdict::Indeterminate);
    let constraints = assert_check(
        &report,
        CheckId::TrustNameConstraints,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert!(
        constraints.params[&Param::Name]
            .to_string()
            .starts_with("CN=Posta Certificata Abusivo")
    );
}

#[test]
fn daticert_missing() {
    let report = verify(&Failure::NoDaticert.message().build());
    assert_eq!(report.verdict, Verdict::TotalFailed);
    assert_check(
        &report,
        CheckId::DaticertPresent,
        Status::Fail,
        Effect::Failed,
    );
    assert_eq!(report.classification.kind, None);
    // The provider did sign it that way.
    assert_check(
        &report,
        CheckId::CmsMessageDigest,
        Status::Pass,
        Effect::None,
    );
}

#[test]
fn daticert_malformed() {
    let report = verify(&Failure::MalformedDaticert.message().build());
    assert_eq!(report.verdict, Verdict::TotalFailed);
    assert_check(
        &report,
        CheckId::DaticertWellFormed,
        Status::Fail,
        Effect::Failed,
    );
    assert_eq!(report.daticert, None);
}

#[test]
fn daticert_with_an_unknown_tipo() {
    let report = verify(&Failure::UnknownTipo.message().build());
    assert_eq!(report.verdict, Verdict::TotalFailed);
    let tipo = assert_check(&report, CheckId::DaticertTipo, Status::Fail, Effect::Failed);
    assert_eq!(tipo.params[&Param::Tipo].to_string(), "consegna-avvenuta");
}

#[test]
fn x_ricevuta_contradicts_daticert() {
    let report = verify(&Failure::XRicevutaContradicts.message().build());
    // The signed tipo decides the kind; the header is only flagged.
    assert_eq!(report.verdict, Verdict::TotalPassed);
    assert_eq!(report.classification.kind, Some(PecKind::AvvenutaConsegna));
    let kind = assert_check(&report, CheckId::HeadersKind, Status::Warn, Effect::None);
    assert_eq!(kind.params[&Param::Value].to_string(), "accettazione");
    assert_eq!(
        kind.params[&Param::Daticert].to_string(),
        "avvenuta-consegna"
    );
}

#[test]
fn signing_time_days_away_from_daticert() {
    let report = verify(&Failure::SigningTimeAway.message().build());
    assert_eq!(report.verdict, Verdict::Indeterminate);
    let time = assert_check(
        &report,
        CheckId::TimeSigningTime,
        Status::Fail,
        Effect::Indeterminate,
    );
    assert_eq!(
        time.params[&Param::Time].to_string(),
        "2024-03-12T09:30:00Z"
    );
    assert_eq!(
        time.params[&Param::Daticert].to_string(),
        "2024-03-15T10:30:00+01:00"
    );
}

#[test]
fn every_failure_of_the_catalogue_is_seen() {
    // The catalogue the `pec-factory` binary writes: none of it may pass silently.
    for failure in Failure::ALL {
        let report = verify(&failure.message().build());
        if report.verdict == Verdict::TotalPassed {
            assert!(
                report.checks.iter().any(|c| c.status == Status::Warn),
                "{}: {:#?}",
                failure.name(),
                report.checks
            );
        }
    }
}

#[test]
fn the_pec_store_does_not_trust_the_test_pki() {
    let message = Message::new(pec_factory::Kind::Accettazione)
        .signed_with(KeyAlgorithm::Rsa2048, Digest::Sha256);
    let report = verify_with(&message.build(), &Options::default());
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert_check(
        &report,
        CheckId::TrustChain,
        Status::Fail,
        Effect::Indeterminate,
    );
    let empty = Options {
        trust: TrustStore::default(),
        ..Options::default()
    };
    assert_eq!(
        verify_with(&message.build(), &empty).verdict,
        Verdict::Indeterminate
    );
}
