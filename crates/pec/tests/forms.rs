//! Every form in which people hold a receipt gives the verdict and facts of the receipt itself:
//! a SignedData in BER as mail clients write it, the real S/MIME messages mail clients saved,
//! and Outlook's `.msg` (as Outlook saves a signed message, forwarded, or without signature).

mod common;
mod support;

use pec::check::Effect;
use pec::{CheckId, InputError, MessageReport, Options, Status, Verdict};
use pec_factory::{Ber, Kind, Message, Ricevuta, Saved};

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

/// What a user reads of a message: verdict, reason, kind, certified facts, signature, where it
/// lies, and every check.
fn facts(report: &MessageReport) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?}",
        report.verdict,
        report.reason,
        report.classification,
        report.daticert,
        report.signature,
        findings(report)
    )
}

#[test]
fn every_kind_saved_by_outlook_verifies_like_its_eml() {
    for kind in Kind::ALL {
        let eml = Message::new(kind).build();
        let expected = support::verify(&eml);
        let report = pec::verify(&Saved::Signed.msg(&eml), &support::options());
        assert_eq!(report.error, None, "{kind:?}");
        assert_eq!(report.messages.len(), 1, "{kind:?}");
        let message = &report.messages[0];
        assert_eq!(facts(message), facts(&expected), "{kind:?}");
        assert_eq!(message.headers, expected.headers, "{kind:?}");
        assert!(message.location.is_empty());
    }
}

#[test]
fn a_receipt_forwarded_in_outlook_is_found_in_the_attached_message() {
    let eml = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa)).build();
    let expected = support::verify(&eml);
    let report = pec::verify(&Saved::Forwarded.msg(&eml), &support::options());
    assert_eq!(report.messages.len(), 1);
    assert_eq!(facts(&report.messages[0]), facts(&expected));
    assert_eq!(
        report.messages[0].location.to_string(),
        "attachment 1 (ricevuta)"
    );
}

#[test]
fn a_msg_saved_without_its_signature_says_so() {
    let eml = Message::new(Kind::Accettazione).build();
    let report = pec::verify(&Saved::Plain.msg(&eml), &support::options());
    assert_eq!(report.error, Some(InputError::MsgUnsigned));
    assert!(report.messages.is_empty());
}

#[test]
fn a_damaged_msg_says_so_and_a_changed_byte_in_one_fails() {
    let msg = Saved::Signed.msg(&Message::new(Kind::Accettazione).build());
    for len in [8, 512, msg.len() / 3] {
        let report = pec::verify(&msg[..len], &support::options());
        assert!(report.messages.is_empty(), "{len}");
        assert_eq!(report.error, Some(InputError::MsgUnreadable), "{len}");
    }
    // A byte of the signed entity, where Outlook keeps it.
    let entity = b"Content-Type: multipart/mixed";
    let at = msg
        .windows(entity.len())
        .rposition(|w| w == entity)
        .unwrap()
        + entity.len()
        + 200;
    let mut changed = msg.clone();
    changed[at] ^= 0x01;
    let report = pec::verify(&changed, &support::options());
    assert_eq!(report.messages[0].verdict, Verdict::TotalFailed);
}

/// Outlook's own files beside the `.eml` of the same message: the same signature findings.
#[test]
fn real_outlook_files_give_the_findings_of_their_eml_twins() {
    for twin in [
        "outlook-smime-multipart-signed-sha512",
        "outlook-smime-opaque-signed",
    ] {
        let of = |ext: &str| {
            let report = pec::verify(
                &common::sample(&format!("msg/{twin}.{ext}")),
                &Options::default(),
            );
            assert_eq!(report.messages.len(), 1, "{twin}.{ext}");
            report.messages.into_iter().next().unwrap()
        };
        let (msg, eml) = (of("msg"), of("eml"));
        // The sender cross-check compares unsigned headers, which Outlook may not keep.
        let signature = |m: &MessageReport| -> Vec<(CheckId, Status)> {
            findings(m)
                .into_iter()
                .filter(|(id, _)| *id != CheckId::TrustSender)
                .collect()
        };
        assert_eq!(signature(&msg), signature(&eml), "{twin}");
        assert_eq!(
            format!("{:?}", msg.signature),
            format!("{:?}", eml.signature),
            "{twin}"
        );
        assert_eq!(msg.verdict, eml.verdict, "{twin}");
    }
    let sha256 = pec::verify(
        &common::sample("msg/outlook-smime-multipart-signed-sha256.msg"),
        &Options::default(),
    );
    let message = &sha256.messages[0];
    assert_check(message, CheckId::CmsSignature, Status::Pass, Effect::None);
    assert_check(
        message,
        CheckId::CmsMessageDigest,
        Status::Pass,
        Effect::None,
    );
}

#[test]
fn attachments_of_a_receipt_in_a_msg_are_handed_out() {
    let eml = Message::new(Kind::PostaCertificata(Ricevuta::Completa)).build();
    for msg in [Saved::Signed.msg(&eml), Saved::Forwarded.msg(&eml)] {
        let report = pec::verify(&msg, &support::options());
        let original = report.messages[0].postacert.as_ref().unwrap();
        assert!(!original.attachments.is_empty());
        for index in 0..original.attachments.len() {
            assert_eq!(
                pec::attachment(&msg, &report, 0, index),
                pec::attachment(&eml, &pec::verify(&eml, &support::options()), 0, index)
            );
            assert!(pec::attachment(&msg, &report, 0, index).is_some());
        }
    }
}
