//! Every form in which people hold a receipt gives the verdict and facts of the receipt itself
//! (and what is no receipt gets advice for what it is):
//! a SignedData in BER as mail clients write it, the real S/MIME messages mail clients saved,
//! Outlook's `.msg` (as Outlook saves a signed message, forwarded, or without signature), and
//! signed files (`.p7m`), whose own signature is reported apart, and zip archives, each of
//! whose files is searched as a file of its own.

mod common;
mod support;

use pec::check::Effect;
use pec::{CheckId, InputError, MessageReport, Options, Status, Verdict};
use pec_factory::{Ber, Bomb, Kind, Message, P7m, Ricevuta, Saved, Zip};

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
        // Not a PEC message, and nothing in it was changed: trust is what it lacks.
        assert_eq!(message.verdict, Verdict::Indeterminate, "{file}");
        assert_check(
            message,
            CheckId::KindNotPec,
            Status::Fail,
            Effect::Indeterminate,
        );
        assert!(
            message
                .checks
                .iter()
                .all(|c| c.id != CheckId::DaticertPresent)
        );
    }
}

/// What a user reads of a message: verdict, reason, the digest of what the provider signed
/// (one receipt, however wrapped), kind, certified facts, signature, and every check.
fn facts(report: &MessageReport) -> String {
    assert!(report.signed_sha256.is_some());
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        report.verdict,
        report.reason,
        report.signed_sha256,
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
fn the_signed_digest_is_the_digest_the_provider_signed_and_changes_with_the_receipt() {
    let eml = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa)).build();
    let report = support::verify(&eml);
    // The factory signs with SHA-256: the signature's message-digest attribute is the same
    // digest of the same bytes.
    let digest = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::CmsMessageDigest);
    let signed = digest.and_then(|c| c.params.get(&pec::check::Param::Signed));
    assert_eq!(
        signed,
        report
            .signed_sha256
            .clone()
            .map(pec::check::Value::Text)
            .as_ref()
    );
    let other = support::verify(&Message::new(Kind::Accettazione).build());
    assert_ne!(other.signed_sha256, report.signed_sha256);
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

/// The file signature's sentence details: intact or not, whose, when.
fn file_signature(report: &pec::report::FileSignatureReport) -> (Status, String, Option<String>) {
    let check = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::FileSignature)
        .unwrap();
    assert_eq!(check.effect, Effect::None);
    assert!(
        report
            .checks
            .iter()
            .any(|c| c.id == CheckId::FileQualificationNotChecked && c.status == Status::Info)
    );
    let time = check
        .value(pec::Param::SigningTime)
        .map(ToString::to_string);
    let name = check
        .value(pec::Param::Certificate)
        .map(ToString::to_string);
    (check.status, name.unwrap_or_default(), time)
}

#[test]
fn a_receipt_in_a_signed_file_verifies_like_its_eml_and_the_file_signature_is_apart() {
    let eml = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa)).build();
    let expected = support::verify(&eml);
    let signed_at = pec::Timestamp::utc(P7m::signing_time()).rfc3339();
    for form in P7m::ALL {
        let report = pec::verify(&form.sign(&eml), &support::options());
        assert_eq!(report.error, None, "{form:?}");
        assert_eq!(report.messages.len(), 1, "{form:?}");
        // The PEC message is the evidence: its own verdict and facts, whatever the file's
        // signature says.
        assert_eq!(facts(&report.messages[0]), facts(&expected), "{form:?}");
        let layers = if form == P7m::Nested { 2 } else { 1 };
        assert_eq!(
            report.messages[0].location.to_string(),
            vec!["signed content"; layers].join(" > "),
            "{form:?}"
        );
        assert_eq!(report.file_signatures.len(), layers, "{form:?}");
        let intact = if form == P7m::BrokenSignature {
            Status::Warn
        } else {
            Status::Pass
        };
        for signature in &report.file_signatures {
            let (status, name, time) = file_signature(signature);
            assert_eq!(status, intact, "{form:?}");
            assert!(name.contains("Abusivo PEC"), "{form:?}: {name}");
            assert_eq!(time.as_deref(), Some(signed_at.as_str()), "{form:?}");
            assert!(signature.signer.is_some());
        }
        assert!(report.all_passed(), "{form:?}");
    }
}

#[test]
fn a_signed_file_that_holds_no_receipt_says_so_and_keeps_its_signature() {
    let report = pec::verify(&P7m::Der.sign(b"%PDF-1.7\n"), &support::options());
    assert_eq!(report.error, Some(InputError::Print));
    assert_eq!(report.file_signatures.len(), 1);
    assert_eq!(file_signature(&report.file_signatures[0]).0, Status::Pass);
}

#[test]
fn a_receipt_changed_inside_a_signed_file_fails_on_its_own() {
    let mut message = Message::new(Kind::Accettazione);
    message.edit = Some(pec_factory::Edit::Text);
    let report = pec::verify(&P7m::Der.sign(&message.build()), &support::options());
    assert_eq!(report.messages[0].verdict, Verdict::TotalFailed);
    // The lawyer signed the changed bytes: their signature holds, and says nothing of the PEC.
    assert_eq!(file_signature(&report.file_signatures[0]).0, Status::Pass);
}

#[test]
fn attachments_of_a_receipt_in_a_signed_file_are_handed_out() {
    let eml = Message::new(Kind::PostaCertificata(Ricevuta::Completa)).build();
    let expected = pec::attachment(&eml, &pec::verify(&eml, &support::options()), 0, 0);
    assert!(expected.is_some());
    for form in [P7m::Der, P7m::Base64, P7m::Nested] {
        let file = form.sign(&eml);
        let report = pec::verify(&file, &support::options());
        assert_eq!(pec::attachment(&file, &report, 0, 0), expected, "{form:?}");
    }
}

#[test]
fn signed_files_nested_beyond_the_limit_are_reported_not_searched() {
    let mut file = Message::new(Kind::Accettazione).build();
    let layers = pec::locate::MAX_DEPTH + 1;
    for _ in 0..layers {
        file = P7m::Der.sign(&file);
    }
    let report = pec::verify(&file, &support::options());
    assert_eq!(report.file_signatures.len(), layers);
    assert_eq!(report.messages.len(), 1);
    assert_eq!(report.messages[0].reason, Some(CheckId::MimeTooDeep));
    assert_eq!(report.messages[0].verdict, Verdict::Indeterminate);
}

/// Where a receipt named `name` lies in an archive of `form`.
fn zip_location(form: Zip, name: &str) -> String {
    match form {
        Zip::Nested => format!("zip entry (ricevute.zip) > zip entry ({name})"),
        _ => format!("zip entry ({})", form.path(name)),
    }
}

#[test]
fn a_receipt_in_a_zip_verifies_like_its_eml() {
    let eml = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa)).build();
    let expected = support::verify(&eml);
    let attachment = pec::attachment(&eml, &pec::verify(&eml, &support::options()), 0, 0);
    assert!(attachment.is_some());
    for form in Zip::ALL {
        let file = form.pack("consegna.eml", &eml);
        let report = pec::verify(&file, &support::options());
        assert_eq!(report.error, None, "{form:?}");
        assert_eq!(report.messages.len(), 1, "{form:?}");
        let message = &report.messages[0];
        assert_eq!(facts(message), facts(&expected), "{form:?}");
        assert_eq!(message.headers, expected.headers, "{form:?}");
        assert_eq!(
            message.location.to_string(),
            zip_location(form, "consegna.eml")
        );
        assert_eq!(
            pec::attachment(&file, &report, 0, 0),
            attachment,
            "{form:?}"
        );
    }
}

#[test]
fn every_kind_and_form_in_a_zip_verifies_like_its_eml() {
    for kind in Kind::ALL {
        let eml = Message::new(kind).build();
        let expected = support::verify(&eml);
        let files = [
            ("ricevuta.eml", eml.clone()),
            ("ricevuta.msg", Saved::Signed.msg(&eml)),
            ("ricevuta.eml.p7m", P7m::Der.sign(&eml)),
        ];
        let entries: Vec<pec_factory::zip::Entry> = files
            .iter()
            .map(|(name, bytes)| pec_factory::zip::Entry {
                name,
                bytes,
                deflated: true,
            })
            .collect();
        let report = pec::verify(&pec_factory::zip::archive(&entries), &support::options());
        assert_eq!(report.messages.len(), 3, "{kind:?}");
        for (message, (name, _)) in report.messages.iter().zip(&files) {
            assert_eq!(facts(message), facts(&expected), "{kind:?} {name}");
            assert!(
                message
                    .location
                    .to_string()
                    .starts_with(&format!("zip entry ({name})")),
                "{}",
                message.location
            );
        }
        assert_eq!(report.file_signatures.len(), 1);
    }
}

#[test]
fn a_receipt_changed_inside_a_zip_fails_on_its_own() {
    let mut message = Message::new(Kind::Accettazione);
    message.edit = Some(pec_factory::Edit::Text);
    let report = pec::verify(
        &Zip::Deflated.pack("x.eml", &message.build()),
        &support::options(),
    );
    assert_eq!(report.messages[0].verdict, Verdict::TotalFailed);
}

#[test]
fn a_zip_damaged_on_the_way_says_to_download_it_again() {
    let eml = Message::new(Kind::Accettazione).build();
    for form in [Zip::Stored, Zip::Deflated] {
        let file = form.pack("ricevuta.eml", &eml);
        for cut in (4..file.len()).step_by(file.len() / 40) {
            let report = pec::verify(&file[..cut], &support::options());
            assert_eq!(report.error, Some(InputError::Incomplete), "{form:?} {cut}");
            assert!(report.messages.is_empty(), "{form:?} {cut}");
        }
        // A byte changed in the entry's data: its checksum no longer holds.
        let at = file.len() / 2;
        let mut changed = file.clone();
        changed[at] ^= 0x01;
        let report = pec::verify(&changed, &support::options());
        assert_eq!(report.error, Some(InputError::Incomplete), "{form:?}");
    }
}

#[test]
fn zip_bombs_are_refused_before_inflating() {
    for bomb in [Bomb::Ratio, Bomb::Entries, Bomb::Size] {
        let report = pec::verify(&bomb.build(), &support::options());
        assert_eq!(report.error, Some(InputError::ZipBomb), "{bomb:?}");
        assert!(report.messages.is_empty(), "{bomb:?}");
    }
    // Zips in zips are opened to the depth limit, and what lies deeper is said to.
    let report = pec::verify(&Bomb::Nested.build(), &support::options());
    assert_eq!(report.messages.len(), 1);
    assert_eq!(report.messages[0].reason, Some(CheckId::MimeTooDeep));
    assert_eq!(report.messages[0].verdict, Verdict::Indeterminate);
}

#[test]
fn an_encrypted_zip_is_said_to_be() {
    let eml = Message::new(Kind::Accettazione).build();
    let report = pec::verify(
        &pec_factory::zip::encrypted("ricevuta.eml", &eml),
        &support::options(),
    );
    assert_eq!(report.error, Some(InputError::ZipUnsupported));
}

#[test]
fn a_print_or_a_scan_is_told_apart_by_its_bytes() {
    for (what, bytes) in [
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".as_slice()),
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("jpeg", b"\xff\xd8\xff\xe0\0\x10JFIF\0"),
    ] {
        let report = pec::verify(bytes, &support::options());
        assert_eq!(report.error, Some(InputError::Print), "{what}");
        let report = pec::verify(&Zip::Deflated.pack("stampa", bytes), &support::options());
        assert_eq!(report.error, Some(InputError::Print), "{what} in a zip");
    }
    // A receipt beside a print is verified all the same.
    let eml = Message::new(Kind::Accettazione).build();
    let report = pec::verify(&Zip::Bundled.pack("r.eml", &eml), &support::options());
    assert_eq!(report.error, None);
    assert!(report.all_passed());
}

#[test]
fn an_office_document_is_told_apart_by_its_bytes() {
    use std::io::Write;
    let ooxml = pec_factory::zip::archive(&[
        pec_factory::zip::Entry {
            name: "[Content_Types].xml",
            bytes: b"<?xml version=\"1.0\"?><Types/>",
            deflated: true,
        },
        pec_factory::zip::Entry {
            name: "word/document.xml",
            bytes: b"<?xml version=\"1.0\"?><w:document/>",
            deflated: true,
        },
    ]);
    let odf = pec_factory::zip::archive(&[pec_factory::zip::Entry {
        name: "mimetype",
        bytes: b"application/vnd.oasis.opendocument.text",
        deflated: false,
    }]);
    let mut word = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    word.create_stream("/WordDocument")
        .unwrap()
        .write_all(&[0xEC, 0xA5, 0xC1, 0x00])
        .unwrap();
    word.flush().unwrap();
    let doc = word.into_inner().into_inner();
    for (what, bytes) in [("docx", ooxml), ("odt", odf), ("doc", doc)] {
        let report = pec::verify(&bytes, &support::options());
        assert_eq!(report.error, Some(InputError::Office), "{what}");
    }
}

#[test]
fn a_receipt_cut_short_is_said_to_be_incomplete() {
    let eml = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa)).build();
    // Anywhere once the signed part has begun (cut before it, the multipart/signed has no
    // parts at all, and says so: `mime.unsigned`).
    let mixed = eml
        .windows(15)
        .position(|w| w == b"multipart/mixed")
        .unwrap();
    let first_part = mixed
        + eml[mixed..]
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap();
    for cut in (first_part + 4..eml.len() - 4).step_by((eml.len() - first_part) / 30) {
        let report = pec::verify(&eml[..cut], &support::options());
        assert_eq!(report.messages.len(), 1, "{cut}");
        let message = &report.messages[0];
        assert_eq!(message.reason, Some(CheckId::MimeIncomplete), "{cut}");
        assert_eq!(message.verdict, Verdict::TotalFailed, "{cut}");
    }
    // The whole file, but for its close delimiter.
    let close = eml.windows(3).rposition(|w| w == b"\r\n-").unwrap();
    let report = pec::verify(&eml[..close], &support::options());
    assert_eq!(report.messages[0].reason, Some(CheckId::MimeIncomplete));
}

#[test]
fn every_file_of_a_bundle_gets_an_answer_beside_the_receipt_found() {
    use pec_factory::zip::{Entry, archive};
    let eml = Message::new(Kind::Accettazione).build();
    let msg = Saved::Signed.msg(&Message::new(Kind::AvvenutaConsegna(Ricevuta::Breve)).build());
    let ordinary = b"From: a@example.it\r\nSubject: ciao\r\n\r\nciao\r\n".as_slice();
    let entry = |name, bytes| Entry {
        name,
        bytes,
        deflated: true,
    };
    let bundle = archive(&[
        entry("accettazione.eml", &eml),
        entry("scansione.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        entry("consegna.msg", &msg[..msg.len() / 3]),
        entry("nota.eml", ordinary),
    ]);
    let report = pec::verify(&bundle, &support::options());
    assert_eq!(report.error, None);
    assert_eq!(report.messages.len(), 1);
    assert_eq!(report.messages[0].verdict, Verdict::TotalPassed);
    let unread = unread(&report);
    assert_eq!(
        unread,
        [
            ("zip entry (scansione.pdf)".to_owned(), InputError::Print),
            (
                "zip entry (consegna.msg)".to_owned(),
                InputError::MsgUnreadable
            ),
            ("zip entry (nota.eml)".to_owned(), InputError::Unsigned),
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&report.to_json("bundle.zip")).unwrap();
    assert_eq!(json["unread"][1]["location"], "zip entry (consegna.msg)");
    assert_eq!(json["unread"][1]["error_code"], "msg-unreadable");
    assert_eq!(
        json["unread"][1]["error"],
        InputError::MsgUnreadable.sentence()
    );

    // A file that is itself what it is lists nothing: its reason is the report's own.
    let alone = pec::verify(b"%PDF-1.7\n", &support::options());
    assert_eq!(alone.error, Some(InputError::Print));
    assert!(alone.unread.is_empty());
}

/// An ordinary e-mail, as a lawyer's mail client sends it, with each file attached in base64
/// under its name and type.
fn email_with(files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut mail = b"From: avvocato@example.it\r\nTo: collega@example.it\r\nSubject: ricevute\r\n\
                     MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
                     --b\r\nContent-Type: text/plain\r\n\r\nIn allegato le ricevute.\r\n"
        .to_vec();
    for (name, content_type, bytes) in files {
        let part = format!(
            "--b\r\nContent-Type: {content_type}; name=\"{name}\"\r\nContent-Disposition: attachment; \
             filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
            pec_factory::encoding::base64_lines(bytes, 76)
        );
        mail.extend_from_slice(part.as_bytes());
    }
    mail.extend_from_slice(b"--b--\r\n");
    mail
}

#[test]
fn receipts_attached_to_an_e_mail_as_msg_p7m_or_zip_verify_like_their_eml() {
    let eml = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa)).build();
    let expected = support::verify(&eml);
    let mail = email_with(&[
        (
            "consegna.msg",
            "application/vnd.ms-outlook",
            &Saved::Signed.msg(&eml),
        ),
        (
            "consegna.eml.p7m",
            "application/pkcs7-mime",
            &P7m::Der.sign(&eml),
        ),
        (
            "consegna-b64.eml.p7m",
            "application/octet-stream",
            &P7m::Base64.sign(&eml),
        ),
        (
            "ricevute.zip",
            "application/zip",
            &Zip::Deflated.pack("consegna.eml", &eml),
        ),
    ]);
    let report = pec::verify(&mail, &support::options());
    assert_eq!(report.error, None);
    let places: Vec<String> = report
        .messages
        .iter()
        .map(|m| m.location.to_string())
        .collect();
    assert_eq!(
        places,
        [
            "attachment 1 (consegna.msg)",
            "attachment 2 (consegna.eml.p7m) > signed content",
            "attachment 3 (consegna-b64.eml.p7m) > signed content",
            "attachment 4 (ricevute.zip) > zip entry (consegna.eml)",
        ]
    );
    for message in &report.messages {
        assert_eq!(facts(message), facts(&expected), "{}", message.location);
    }
    // The lawyer's signatures are the files', reported apart.
    assert_eq!(report.file_signatures.len(), 2);
    // Every attachment of every receipt is handed out from the e-mail as from the receipt.
    let original = pec::attachment(&eml, &pec::verify(&eml, &support::options()), 0, 0);
    for message in 0..report.messages.len() {
        assert_eq!(
            pec::attachment(&mail, &report, message, 0),
            original,
            "{message}"
        );
    }
}

#[test]
fn an_e_mail_whose_attachments_hold_no_receipt_is_no_pec_message_and_each_says_why() {
    use pec_factory::zip::{Entry, archive};
    let docx = archive(&[Entry {
        name: "[Content_Types].xml",
        bytes: b"<Types/>",
        deflated: true,
    }]);
    let mail = email_with(&[
        ("relazione.docx", "application/octet-stream", &docx),
        ("vuoto.zip", "application/zip", b"PK\x03\x04 cut short"),
    ]);
    let report = pec::verify(&mail, &support::options());
    assert!(report.messages.is_empty());
    assert_eq!(report.error, Some(InputError::Unsigned));
    let unread = unread(&report);
    assert_eq!(
        unread,
        [
            (
                "attachment 1 (relazione.docx)".to_owned(),
                InputError::Office
            ),
            (
                "attachment 2 (vuoto.zip)".to_owned(),
                InputError::Incomplete
            ),
        ]
    );
}

/// Each file of the report that holds no message: where it lies and why.
fn unread(report: &pec::Report) -> Vec<(String, InputError)> {
    report
        .unread
        .iter()
        .map(|u| (u.location.to_string(), u.error))
        .collect()
}
