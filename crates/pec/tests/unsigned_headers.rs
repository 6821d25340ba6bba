//! No unsigned header decides a certified fact: the receipt type and the virus form come from
//! daticert.xml alone; a header that says otherwise is a warning naming both values.

mod support;

use pec::Status;
use pec::kind::{ReceiptType, Variant};
use pec::{CheckId, Param};
use pec_factory::{Kind, Message, Ricevuta};
use support::{check, not_passed, verify};

fn with_header(mut message: Message, name: &str, value: Option<&str>) -> Message {
    message
        .headers
        .push((name.to_owned(), value.map(str::to_owned)));
    message
}

#[test]
fn a_receipt_type_daticert_does_not_state_is_not_stated() {
    let mut message = Message::new(Kind::PostaCertificata(Ricevuta::Breve));
    message.facts.ricevuta = None;
    let message = with_header(message, "X-TipoRicevuta", Some("completa"));
    let report = verify(&message.build());
    assert_eq!(report.classification.receipt_type, None);
    let warning = check(&report, CheckId::HeadersReceiptType);
    assert_eq!(warning.status, Status::Warn);
    assert_eq!(
        (
            warning.params[&Param::Header].to_string().as_str(),
            warning.params[&Param::Daticert].to_string().as_str()
        ),
        ("completa", "")
    );
}

#[test]
fn a_receipt_type_header_that_contradicts_daticert_is_a_warning() {
    let message = with_header(
        Message::new(Kind::PostaCertificata(Ricevuta::Breve)),
        "X-TipoRicevuta",
        Some("completa"),
    );
    let report = verify(&message.build());
    assert_eq!(report.classification.receipt_type, Some(ReceiptType::Breve));
    let warning = check(&report, CheckId::HeadersReceiptType);
    assert_eq!(
        (
            warning.status,
            warning.params[&Param::Daticert].to_string().as_str()
        ),
        (Status::Warn, "breve")
    );
    assert_eq!(
        not_passed(&report),
        [(CheckId::HeadersReceiptType, Status::Warn)]
    );
}

#[test]
fn a_security_header_does_not_make_a_virus_notice() {
    let message = with_header(
        Message::new(Kind::NonAccettazione),
        "X-VerificaSicurezza",
        Some("errore"),
    );
    let report = verify(&message.build());
    assert_eq!(report.classification.variant, None);
    let warning = check(&report, CheckId::HeadersSecurity);
    assert_eq!(
        (
            warning.status,
            warning.params[&Param::Header].to_string().as_str(),
            warning.params[&Param::Daticert].to_string().as_str()
        ),
        (Status::Warn, "errore", "")
    );
}

#[test]
fn a_virus_notice_without_its_header_is_still_one() {
    for kind in [
        Kind::NonAccettazioneVirus,
        Kind::ErroreConsegna(pec_factory::ErroreConsegna::Virus),
    ] {
        let genuine = verify(&Message::new(kind).build());
        assert_eq!(genuine.classification.variant, Some(Variant::Virus));
        assert!(
            check(&genuine, CheckId::HeadersSecurity).is_pass(),
            "{kind:?}"
        );
        let stripped = with_header(Message::new(kind), "X-VerificaSicurezza", None);
        let report = verify(&stripped.build());
        assert_eq!(
            report.classification.variant,
            Some(Variant::Virus),
            "{kind:?}"
        );
        assert_eq!(
            check(&report, CheckId::HeadersSecurity).status,
            Status::Warn
        );
    }
}
