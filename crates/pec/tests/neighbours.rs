//! Every part of a file that claims to be a PEC message gets an answer: a genuine receipt does
//! not vouch for an unsigned forgery beside it, a part nested too deep or signed in a form the
//! engine cannot read is reported, and ordinary mails of an mbox are counted.

mod support;

use pec::check::Claim;
use pec::check::Effect;
use pec::report::InputError;
use pec::{CheckId, Param, Value};
use pec::{MessageReport, Report, Status, Verdict};
use pec_factory::{Kind, Message, Ricevuta};
use support::{not_passed, options};

fn verify(input: &[u8]) -> Report {
    pec::verify(input, &options())
}

fn genuine() -> Vec<u8> {
    Message::new(Kind::Accettazione).build()
}

fn forged() -> Vec<u8> {
    Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa)).build_unsigned()
}

const ORDINARY: &[u8] =
    b"From: anna@example.it\r\nTo: mario@example.it\r\nSubject: Ci vediamo\r\n\r\nA domani.\r\n";

fn mbox(messages: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for message in messages {
        out.extend_from_slice(b"From mario@example.it Fri Mar 15 10:30:00 2024\r\n");
        out.extend_from_slice(message);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// A mail with the given parts (each headers and body) in a `multipart/mixed`.
fn mixed(parts: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"From: mario@example.it\r\nSubject: Fwd: ricevute\r\nMIME-Version: 1.0\r\n\
                    Content-Type: multipart/mixed; boundary=\"fwd\"\r\n\r\n"
        .to_vec();
    for part in parts {
        out.extend_from_slice(b"--fwd\r\n");
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"--fwd--\r\n");
    out
}

fn attached(message: &[u8]) -> Vec<u8> {
    [
        b"Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"r.eml\"\r\n\r\n"
            .as_slice(),
        message,
    ]
    .concat()
}

/// The only check of an entry that could not be verified: its id, status, effect and `claim`.
fn reason(message: &MessageReport) -> (CheckId, Status, Effect, Option<&Value>) {
    assert_eq!(message.checks.len(), 1, "{:#?}", message.checks);
    let check = &message.checks[0];
    (
        check.id,
        check.status,
        check.effect,
        check.value(Param::Claim),
    )
}

const UNSIGNED: (CheckId, Status, Effect) = (CheckId::MimeUnsigned, Status::Fail, Effect::Failed);

fn assert_unsigned(message: &MessageReport, claim: Claim) {
    let (id, status, effect, found) = reason(message);
    assert_eq!((id, status, effect), UNSIGNED);
    assert_eq!(found, Some(&Value::Claim(claim)));
    assert_eq!(message.verdict, Verdict::TotalFailed);
    assert_eq!(
        message.daticert, None,
        "an unsigned daticert is never shown as data"
    );
}

#[test]
fn an_unsigned_forgery_beside_a_genuine_receipt_has_its_own_entry() {
    let report = verify(&mbox(&[&genuine(), &forged()]));
    assert_eq!(report.messages.len(), 2);
    assert_eq!(report.messages[0].verdict, Verdict::TotalPassed);
    assert_eq!(report.messages[1].location.to_string(), "mbox message 2");
    assert_unsigned(&report.messages[1], Claim::Daticert);
    assert!(!report.all_passed());
}

#[test]
fn an_unsigned_forgery_alone_is_not_passed() {
    let report = verify(&forged());
    assert_eq!(report.error, None);
    assert_eq!(report.messages.len(), 1);
    assert_unsigned(&report.messages[0], Claim::Daticert);
}

#[test]
fn a_forwarded_forgery_beside_a_forwarded_genuine_receipt() {
    let report = verify(&mixed(&[attached(&genuine()), attached(&forged())]));
    let locations: Vec<String> = report
        .messages
        .iter()
        .map(|m| m.location.to_string())
        .collect();
    assert_eq!(locations, ["attachment 1 (r.eml)", "attachment 2 (r.eml)"]);
    assert_eq!(report.messages[0].verdict, Verdict::TotalPassed);
    assert_unsigned(&report.messages[1], Claim::Daticert);
}

#[test]
fn a_providers_headers_or_subject_are_a_claim_an_ordinary_subject_is_not() {
    let report =
        verify(b"From: x@pec.prova.it\r\nSubject: CONSEGNA: Fattura 42\r\n\r\nConsegnata.\r\n");
    assert_unsigned(&report.messages[0], Claim::Subject);
    let headers =
        verify(b"From: x@pec.prova.it\r\nX-Ricevuta: avvenuta-consegna\r\n\r\nFatto.\r\n");
    assert_unsigned(&headers.messages[0], Claim::Header);
    let ordinary = verify(b"From: x@example.it\r\nSubject: Consegna: documenti\r\n\r\nEcco.\r\n");
    assert_eq!(ordinary.error, Some(InputError::Unsigned));
}

#[test]
fn a_daticert_outside_the_signature_is_not_certified_data() {
    let daticert = b"Content-Type: application/xml; name=\"daticert.xml\"\r\n\r\n<postacert tipo=\"avvenuta-consegna\"/>\r\n".to_vec();
    let report = verify(&mixed(&[attached(&genuine()), daticert]));
    assert_eq!(report.messages.len(), 2, "{:#?}", report.messages);
    assert_eq!(report.messages[0].verdict, Verdict::TotalPassed);
    assert_eq!(report.messages[1].location.to_string(), "");
    assert_unsigned(&report.messages[1], Claim::Daticert);
}

#[test]
fn an_opaque_signature_that_cannot_be_read_is_reported_unverifiable() {
    let opaque =
        b"Content-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"\r\n\
                   Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\r\n"
            .to_vec();
    let report = verify(&mixed(&[attached(&genuine()), opaque]));
    assert_eq!(report.messages.len(), 2);
    let (id, status, effect, _) = reason(&report.messages[1]);
    assert_eq!(
        (id, status, effect),
        (
            CheckId::MimeOpaqueSignature,
            Status::Fail,
            Effect::Indeterminate
        )
    );
    assert_eq!(report.messages[1].verdict, Verdict::Indeterminate);
    assert_eq!(
        report.messages[1].location.to_string(),
        "attachment 2 (smime.p7m)"
    );
    assert!(!report.all_passed());
}

#[test]
fn a_message_nested_beyond_the_limit_is_reported_beside_a_genuine_one() {
    let mut deep = forged();
    for level in 0..=pec::locate::MAX_DEPTH {
        deep = [
            format!("Subject: livello {level}\r\nContent-Type: message/rfc822\r\n\r\n").as_bytes(),
            &deep,
        ]
        .concat();
    }
    let report = verify(&mixed(&[attached(&genuine()), attached(&deep)]));
    assert_eq!(report.messages.len(), 2, "{:#?}", report.messages);
    assert_eq!(report.messages[0].verdict, Verdict::TotalPassed);
    let too_deep = &report.messages[1];
    let (id, status, effect, _) = reason(too_deep);
    assert_eq!(
        (id, status, effect),
        (CheckId::MimeTooDeep, Status::Fail, Effect::Indeterminate)
    );
    assert_eq!(too_deep.checks[0].params[&Param::Count].to_string(), "1");
    assert!(!report.all_passed());
}

#[test]
fn ordinary_mails_of_an_mbox_are_counted_and_change_nothing() {
    let report = verify(&mbox(&[ORDINARY, &genuine(), ORDINARY]));
    assert_eq!(report.messages.len(), 1);
    assert_eq!(report.ordinary_messages, 2);
    assert!(report.all_passed());
    assert!(report.to_json("x").contains("\"ordinary_messages\":2"));
    let none = verify(&mbox(&[ORDINARY, ORDINARY]));
    assert_eq!(none.error, Some(InputError::Unsigned));
}

#[test]
fn the_original_of_a_genuine_envelope_is_its_content_not_a_neighbour() {
    // The sender chose a subject a provider would write: it is still the content of a genuine
    // envelope, shown as such.
    let mut message = Message::new(Kind::PostaCertificata(Ricevuta::Completa));
    message.facts.oggetto = "CONSEGNA: documenti".into();
    let report = verify(&message.build());
    assert_eq!(report.messages.len(), 1);
    assert_eq!(report.messages[0].verdict, Verdict::TotalPassed);
    assert_eq!(not_passed(&report.messages[0]), []);
}

#[test]
fn a_byte_order_mark_before_the_headers_changes_nothing() {
    let report = verify(&[b"\xEF\xBB\xBF".as_slice(), &genuine()].concat());
    assert_eq!(report.error, None);
    assert!(report.all_passed(), "{:#?}", report.messages);
}

#[test]
fn beyond_a_thousand_unverified_parts_the_rest_are_counted() {
    let forgery = attached(b"X-Ricevuta: accettazione\r\nSubject: x\r\n\r\nx");
    let parts = vec![forgery; pec::locate::MAX_UNVERIFIED + 5];
    let report = verify(&mixed(&parts));
    assert_eq!(report.messages.len(), pec::locate::MAX_UNVERIFIED + 1);
    let last = report.messages.last().expect("the count");
    let (id, status, effect, _) = reason(last);
    assert_eq!(
        (id, status, effect),
        (CheckId::MimeUnlisted, Status::Fail, Effect::Indeterminate)
    );
    assert_eq!(last.checks[0].params[&Param::Count].to_string(), "5");
    assert!(!report.all_passed());
}
