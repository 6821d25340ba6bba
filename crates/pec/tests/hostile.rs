//! Hostile inputs through `pec::verify`: each answered in bounded time, without a panic, and
//! never TOTAL-PASSED unless it is a genuine signed message. (reading.rs covers `locate` alone.)

mod common;
mod support;

use pec::CheckId;
use std::time::{Duration, Instant};

use base64ct::{Base64, Encoding};
use pec::report::InputError;
use pec::{Report, Status, Verdict};
use pec_factory::{Attachment, Bomb, Failure, Kind, Message, Ricevuta, Zip};
use support::{check, not_passed, options, verify};

/// Verifies `input`, failing if it takes longer than an unoptimised build on a busy machine
/// needs for linear work; a quadratic blow-up takes minutes.
fn bounded(what: &str, input: &[u8]) -> Report {
    let start = Instant::now();
    let report = pec::verify(input, &options());
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{what} took {:?}",
        start.elapsed()
    );
    report
}

fn never_passes(what: &str, report: &Report) {
    for message in &report.messages {
        assert_ne!(message.verdict, Verdict::TotalPassed, "{what}");
    }
}

#[test]
fn inputs_that_are_not_mail() {
    let not_mail = common::not_mail();
    // What each is told: a PDF is a print, a zip cut short is incomplete.
    let error = |what: &str| match what {
        "pdf" => InputError::Print,
        "zip" => InputError::Incomplete,
        _ => InputError::NotEmail,
    };
    let inputs = not_mail
        .iter()
        .map(|(what, bytes)| (*what, bytes.as_slice(), error(what)));
    for (what, input, error) in
        std::iter::once(("empty", b"".as_slice(), InputError::Empty)).chain(inputs)
    {
        let report = bounded(what, input);
        assert_eq!(report.error, Some(error), "{what}");
        assert!(report.messages.is_empty() && !report.all_passed(), "{what}");
    }
}

#[test]
fn ten_thousand_nested_multiparts() {
    let mut input = String::from("Subject: nested\n");
    for level in 0..10_000 {
        input.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{level}\"\n\n--b{level}\n"
        ));
    }
    input.push_str("Content-Type: text/plain\n\nfondo\n");
    let report = bounded("nested multiparts", input.as_bytes());
    assert_eq!(report.error, Some(InputError::Unsigned));
}

#[test]
fn a_one_megabyte_header_line_on_top_of_a_receipt() {
    let mut input = format!("X-Long: {}\r\n", "a".repeat(1 << 20)).into_bytes();
    input.extend_from_slice(&Message::new(Kind::Accettazione).build());
    let report = bounded("long header", &input);
    assert_eq!(report.messages.len(), 1);
    assert_eq!(report.messages[0].verdict, Verdict::TotalPassed);
    assert_eq!(not_passed(&report.messages[0]), []);
}

/// The text of `eml` and where in it the base64 body of smime.p7s lies.
fn p7s_range(eml: &[u8]) -> (String, std::ops::Range<usize>) {
    let text = String::from_utf8(eml.to_vec()).expect("ASCII");
    let marker = "filename=\"smime.p7s\"\r\n\r\n";
    let start = text.find(marker).expect("a smime.p7s part") + marker.len();
    let end = start + text[start..].find("\r\n--").expect("a closing boundary");
    (text, start..end)
}

/// `eml` with the base64 body of smime.p7s replaced.
fn with_p7s(eml: &[u8], base64: &str) -> Vec<u8> {
    let (text, range) = p7s_range(eml);
    format!("{}{base64}{}", &text[..range.start], &text[range.end..]).into_bytes()
}

#[test]
fn truncated_base64_in_the_signature() {
    let eml = Message::new(Kind::Accettazione).build();
    let (text, range) = p7s_range(&eml);
    let p7s = &text[range];
    // Whole 4-character groups and more: a lost padding `=` alone decodes to the same bytes.
    for keep in [0, 1, 5, 64, 65, p7s.len() / 2, p7s.len() - 8] {
        let report = bounded("truncated p7s", &with_p7s(&eml, &p7s[..keep]));
        let message = report.messages.first().expect("still a signed message");
        assert_eq!(message.verdict, Verdict::TotalFailed, "{keep}");
        // Either not base64 any more, or base64 of a cut-off DER.
        let fails = |id: CheckId| {
            message
                .checks
                .iter()
                .any(|c| c.id == id && c.status == Status::Fail)
        };
        assert!(
            fails(CheckId::MimeSignaturePart) || fails(CheckId::CmsParse),
            "{keep}: {:#?}",
            message.checks
        );
    }
}

#[test]
fn malformed_der_in_the_signature() {
    let eml = Message::new(Kind::Accettazione).build();
    let garbage: [&[u8]; 4] = [
        // A SEQUENCE claiming 64 KB, then nothing.
        b"\x30\x82\xff\xff\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02",
        // Indefinite length, which DER forbids.
        b"\x30\x80\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02\x00\x00",
        // A ContentInfo of type data, not SignedData.
        b"\x30\x0f\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01\xa0\x02\x04\x00",
        b"not DER at all",
    ];
    for der in garbage {
        let report = verify(&with_p7s(&eml, &Base64::encode_string(der)));
        assert_eq!(report.verdict, Verdict::TotalFailed, "{der:02x?}");
        assert_eq!(
            check(&report, CheckId::CmsParse).status,
            Status::Fail,
            "{der:02x?}"
        );
    }
}

#[test]
fn truncated_messages() {
    let eml = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa)).build();
    for cut in (0..eml.len()).step_by(eml.len() / 40) {
        never_passes(&format!("cut at {cut}"), &bounded("truncated", &eml[..cut]));
    }
}

#[test]
fn zip_bombs_and_cut_zips() {
    for bomb in Bomb::ALL {
        let report = bounded(&format!("{bomb:?}"), &bomb.build());
        never_passes(&format!("{bomb:?}"), &report);
        assert!(report.error.is_some() || !report.messages.is_empty());
    }
    let eml = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa)).build();
    let zip = Zip::Nested.pack("consegna.eml", &eml);
    for cut in (0..zip.len()).step_by(zip.len() / 40) {
        never_passes(
            &format!("zip cut at {cut}"),
            &bounded("cut zip", &zip[..cut]),
        );
    }
}

#[test]
fn a_certificate_with_an_unknown_critical_extension() {
    let report = verify(&Failure::UnknownCriticalExtension.message().build());
    assert_eq!(
        report.verdict,
        Verdict::Indeterminate,
        "{:#?}",
        report.checks
    );
    let check = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::TrustCriticalExtensions);
    assert_eq!(
        check.map(|c| c.status),
        Some(Status::Fail),
        "{:#?}",
        report.checks
    );
}

#[test]
fn a_fifty_megabyte_envelope() {
    let mut message = Message::new(Kind::PostaCertificata(Ricevuta::Completa));
    // 37.5 MB of file is 50 MB of base64.
    let size = 37 << 20 | 512 << 10;
    message.attachments.push(Attachment {
        name: "archivio.bin".into(),
        content_type: "application/octet-stream".into(),
        bytes: (0..size).map(|i| (i % 251) as u8).collect(),
    });
    let eml = message.build();
    assert!(eml.len() > 50 << 20, "{}", eml.len());
    let report = bounded("50 MB", &eml);
    let verified = report.messages.first().expect("a message");
    assert_eq!(
        verified.verdict,
        Verdict::TotalPassed,
        "{:#?}",
        verified.checks
    );
    let files = &verified
        .postacert
        .as_ref()
        .expect("postacert.eml")
        .attachments;
    assert_eq!(files.last().map(|f| f.size), Some(size));
}
