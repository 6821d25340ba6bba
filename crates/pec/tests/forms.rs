//! Every form in which people hold a receipt gives the verdict and facts of the receipt itself:
//! a SignedData in BER as mail clients write it, and the real S/MIME messages mail clients
//! saved.

mod common;
mod support;

use pec::check::Effect;
use pec::{CheckId, MessageReport, Options, Status, Verdict};
use pec_factory::{Ber, Kind, Message, Ricevuta};

use support::{assert_check, not_passed};

/// Each check as `(id, status)`, in order: what two forms of one message must share.
fn findings(report: &MessageReport) -> Vec<(CheckId, Status)> {
    report.checks.iter().map(|c| (c.id, c.status)).collect()
}

#[test]
fn a_signature_in_ber_verifies_like_the_same_in_der() {
    for kind in [
        Kind::Accettazione,
        Kind::PostaCertificata(Ricevuta::Completa),
    ] {
        let der = support::verify(&Message::new(kind).build());
        for ber in Ber::ALL {
            let mut message = Message::new(kind);
            message.ber = Some(ber);
            let bytes = message.build();
            let report = support::verify(&bytes);
            assert_eq!(
                report.verdict,
                Verdict::TotalPassed,
                "{ber:?}: {:?}",
                not_passed(&report)
            );
            assert_eq!(findings(&report), findings(&der), "{ber:?}");
            assert_eq!(
                report.signature.unwrap().signer,
                der.signature.clone().unwrap().signer
            );
        }
    }
}

#[test]
fn a_broken_signature_in_ber_still_fails() {
    for ber in Ber::ALL {
        let mut message = Message::new(Kind::Accettazione);
        message.ber = Some(ber);
        message.corrupt_signature_value = true;
        let report = support::verify(&message.build());
        assert_check(&report, CheckId::CmsSignature, Status::Fail, Effect::Failed);
        let mut message = Message::new(Kind::Accettazione);
        message.ber = Some(ber);
        message.corrupt_message_digest = true;
        let report = support::verify(&message.build());
        assert_check(
            &report,
            CheckId::CmsMessageDigest,
            Status::Fail,
            Effect::Failed,
        );
    }
}

/// The S/MIME messages saved by mail clients (`msg/*.eml`): signatures in BER, opaque or
/// detached, intact, by signers who are not PEC providers.
#[test]
fn real_smime_messages_have_intact_signatures_not_from_a_pec_provider() {
    for (file, signer) in [
        (
            "msg/outlook-smime-multipart-signed-sha512.eml",
            "Simple Java Mail",
        ),
        (
            "msg/outlook-smime-opaque-signed.eml",
            "shatzing5@outlook.com",
        ),
    ] {
        let report = pec::verify(&common::sample(file), &Options::default());
        assert_eq!(report.messages.len(), 1, "{file}");
        let message = &report.messages[0];
        for id in [
            CheckId::CmsParse,
            CheckId::CmsMessageDigest,
            CheckId::CmsSignature,
        ] {
            assert_check(message, id, Status::Pass, Effect::None);
        }
        assert_check(
            message,
            CheckId::TrustPecCa,
            Status::Fail,
            Effect::Indeterminate,
        );
        let name = &message
            .signature
            .as_ref()
            .unwrap()
            .signer
            .as_ref()
            .unwrap()
            .subject;
        assert!(name.contains(signer), "{file}: {name}");
        assert_ne!(message.verdict, Verdict::TotalPassed);
    }
}
