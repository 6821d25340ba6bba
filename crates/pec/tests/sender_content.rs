//! What a sender writes travels under a genuine signature: attachments named and typed to
//! mislead, characters that turn text around or cannot be seen, look-alike domains. The
//! message stays TOTAL-PASSED (the provider did sign it), and the report says what each file
//! really is.

mod support;

use pec::filetype::Detected;
use pec::sender;
use pec_factory::{Attachment, Kind, Message, Ricevuta};

fn attachment(name: &str, content_type: &str, bytes: &[u8]) -> Attachment {
    Attachment {
        name: name.into(),
        content_type: content_type.into(),
        bytes: bytes.to_vec(),
    }
}

#[test]
fn each_attachment_says_what_it_is_whatever_its_name_and_declared_type() {
    let padded = format!("report.pdf{}.exe", " ".repeat(70));
    let mut message = Message::new(Kind::PostaCertificata(Ricevuta::Completa));
    message.attachments = vec![
        attachment("fattura\u{202e}fdp.exe", "application/pdf", b"MZ\x90\0\x03"),
        attachment("inv.pdf.scr", "application/pdf", b"%PDF-1.7\n"),
        attachment(&padded, "application/pdf", b"%PDF-1.7\n"),
        attachment(
            "avvio.lnk",
            "application/octet-stream",
            b"L\0\0\0\x01\x14\x02\0",
        ),
        attachment("lettera.pdf", "application/pdf", b"%PDF-1.7\n"),
        attachment(
            "fattura.xml",
            "application/xml",
            b"<?xml version=\"1.0\"?><a/>",
        ),
    ];
    let report = support::verify(&message.build());
    assert_eq!(
        report.verdict,
        pec::Verdict::TotalPassed,
        "{:?}",
        support::not_passed(&report)
    );
    let listed: Vec<(Option<String>, Option<Detected>, bool)> = report
        .postacert
        .as_ref()
        .expect("the original")
        .attachments
        .iter()
        .map(|a| (a.extension.clone(), a.detected_type, a.executable))
        .collect();
    let expected = [
        (Some("exe"), Some(Detected::Executable), true),
        (Some("scr"), Some(Detected::Pdf), true),
        (Some("exe"), Some(Detected::Pdf), true),
        (Some("lnk"), Some(Detected::Shortcut), true),
        (Some("pdf"), Some(Detected::Pdf), false),
        (Some("xml"), Some(Detected::Xml), false),
    ]
    .map(|(e, d, x)| (e.map(str::to_owned), d, x));
    assert_eq!(listed, expected);
    let name = report.postacert.as_ref().unwrap().attachments[0]
        .name
        .clone()
        .unwrap();
    assert_eq!(sender::visible(&name), "fattura[U+202E]fdp.exe");
}

#[test]
fn a_look_alike_sender_domain_is_flagged_in_a_genuine_message() {
    let mut message = Message::new(Kind::Accettazione);
    message.facts.mittente = "mario.rossi@pec.\u{440}rova.it".into();
    let report = support::verify(&message.build());
    assert_eq!(report.verdict, pec::Verdict::TotalPassed);
    let mittente = &report.daticert.as_ref().expect("daticert").mittente;
    assert!(sender::mixed_scripts(mittente), "{mittente}");
}

#[test]
fn every_trick_the_page_is_tested_with_travels_in_a_genuine_message() {
    for (trick, message) in pec_factory::sender::tricks() {
        let report = support::verify(&message.build());
        assert_eq!(
            report.verdict,
            pec::Verdict::TotalPassed,
            "{trick}: {:?}",
            support::not_passed(&report)
        );
        let original = report.postacert.as_ref().expect("the original");
        assert_eq!(
            original.html.as_deref(),
            message.original_html.as_deref(),
            "{trick}"
        );
        let names: Vec<_> = original
            .attachments
            .iter()
            .map(|a| a.name.clone())
            .collect();
        let written: Vec<_> = message
            .attachments
            .iter()
            .map(|a| Some(a.name.clone()))
            .collect();
        assert_eq!(names, written, "{trick}");
        let subject = original.headers.subject.as_deref();
        assert_eq!(subject, Some(message.facts.oggetto.as_str()), "{trick}");
    }
}
