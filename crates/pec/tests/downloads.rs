//! Handing out an attachment after verification, as the page's download does: the bytes come
//! from where the report placed them, without reading the file again, and are exactly the ones
//! the report lists (size and SHA-256); where the report could not place them (a receipt
//! forwarded in base64), they are read again; a report of another file hands out nothing.

mod common;
mod support;

use base64ct::{Base64, Encoding};
use pec::Report;
use pec_factory::{Kind, Message, Ricevuta};
use sha2::{Digest, Sha256};

/// Every attachment of every message of `report` through `pec::attachment`, held to its
/// listing; how many there were, and how many the report had placed.
fn hand_out_all(input: &[u8], report: &Report) -> (usize, usize) {
    let (mut count, mut placed) = (0, 0);
    for (m, message) in report.messages.iter().enumerate() {
        let listed = message
            .postacert
            .as_ref()
            .map_or(&[][..], |o| &o.attachments[..]);
        for (i, attachment) in listed.iter().enumerate() {
            let bytes = pec::attachment(input, report, m, i).expect("the listed attachment");
            assert_eq!(bytes.len(), attachment.size);
            assert_eq!(pec::hex(&Sha256::digest(&bytes)), attachment.sha256);
            count += 1;
            placed += usize::from(attachment.span.is_some());
        }
        assert_eq!(pec::attachment(input, report, m, listed.len()), None);
    }
    assert_eq!(
        pec::attachment(input, report, report.messages.len(), 0),
        None
    );
    (count, placed)
}

#[test]
fn the_real_samples_attachments_are_handed_out_from_where_the_report_placed_them() {
    let mut total = 0;
    for path in common::samples_in("real") {
        let input = common::sample(&path);
        let report = pec::verify(&input, &support::options());
        let (count, placed) = hand_out_all(&input, &report);
        assert_eq!(placed, count, "{path}: every attachment placed");
        total += count;
    }
    assert!(total > 0, "no real sample has an attachment");
}

#[test]
fn attachments_of_crlf_and_lf_files_are_the_listed_bytes() {
    let mut message = Message::new(Kind::PostaCertificata(Ricevuta::Completa));
    message.attachments.push(pec_factory::message::Attachment {
        name: "nota.txt".into(),
        content_type: "text/plain".into(),
        bytes: "Testo con accenti: è à ù\r\n".repeat(40).into_bytes(),
    });
    let crlf = message.build();
    let lf = String::from_utf8_lossy(&crlf)
        .replace("\r\n", "\n")
        .into_bytes();
    for input in [crlf, lf] {
        let report = pec::verify(&input, &support::options());
        assert!(report.all_passed(), "{:#?}", report.messages[0].checks);
        let (count, placed) = hand_out_all(&input, &report);
        assert_eq!((count, placed), (count, count));
        assert!(count >= 2);
    }
}

#[test]
fn a_receipt_forwarded_in_base64_is_read_again() {
    let envelope = common::sample("real/sogei-agidca1-posta-certificata-sdi.eml");
    let encoded = Base64::encode_string(&envelope);
    let lines: Vec<&str> = encoded
        .as_bytes()
        .chunks(76)
        .map(|line| std::str::from_utf8(line).unwrap())
        .collect();
    let forwarded = format!(
        "From: mario@example.org\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"fwd\"\r\n\r\n--fwd\r\n\
         Content-Type: application/octet-stream; name=\"r.eml\"\r\n\
         Content-Transfer-Encoding: base64\r\n\
         Content-Disposition: attachment; filename=\"r.eml\"\r\n\r\n{}\r\n--fwd--\r\n",
        lines.join("\r\n")
    );
    let report = pec::verify(forwarded.as_bytes(), &support::options());
    let (count, placed) = hand_out_all(forwarded.as_bytes(), &report);
    assert!(count > 0);
    assert_eq!(
        placed, 0,
        "inside a decoded buffer, nothing is placed in the file"
    );
}

#[test]
fn a_report_of_another_file_hands_out_nothing() {
    // Two envelopes alike but for one byte of an attachment: the same places, other bytes.
    let with = |last: u8| {
        let mut message = Message::new(Kind::PostaCertificata(Ricevuta::Completa));
        let mut bytes = b"contenuto dell'allegato ".repeat(20);
        bytes.push(last);
        message.attachments.push(pec_factory::message::Attachment {
            name: "allegato.bin".into(),
            content_type: "application/octet-stream".into(),
            bytes,
        });
        message.build()
    };
    let (first, second) = (with(b'1'), with(b'2'));
    assert_eq!(first.len(), second.len());
    let report = pec::verify(&first, &support::options());
    let index = report.messages[0]
        .postacert
        .as_ref()
        .unwrap()
        .attachments
        .len()
        - 1;
    assert!(pec::attachment(&first, &report, 0, index).is_some());
    assert_eq!(pec::attachment(&second, &report, 0, index), None);
}
