//! daticert.xml files that say two things at once, signed by the provider as they are: each
//! must fail verification with a check that names what is ambiguous, never be read one way in
//! silence. One test per way, on a completa delivery receipt whose genuine daticert.xml is
//! changed before signing.

mod support;

use pec::daticert::MAX_SIZE;
use pec::{Check, MessageReport, Status, Verdict};
use pec::{CheckId, Param};
use pec_factory::message::daticert_xml;
use pec_factory::{Kind, Message, Ricevuta};
use support::{check, not_passed, verify};

fn receipt() -> Message {
    Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa))
}

/// The report of a receipt whose daticert.xml is the genuine one changed by `change`.
fn with_daticert(change: impl Fn(&str) -> String) -> MessageReport {
    let mut message = receipt();
    let genuine = daticert_xml(&message.facts);
    let changed = change(&genuine);
    assert_ne!(changed, genuine, "the change must apply");
    message.daticert_xml = Some(changed);
    verify(&message.build())
}

/// The message fails on `daticert.unambiguous` alone: the signature holds (the provider signed
/// these bytes), no reading of the data is reported, and the check names `element` and
/// `problem`.
fn assert_ambiguous(report: &MessageReport, element: &str, problem: &str) -> Check {
    assert_eq!(report.verdict, Verdict::TotalFailed, "{:#?}", report.checks);
    assert_eq!(
        check(report, CheckId::CmsMessageDigest).status,
        Status::Pass
    );
    assert_eq!(check(report, CheckId::CmsSignature).status, Status::Pass);
    assert_eq!(report.daticert, None);
    // The first failure, so the one the page gives as the reason.
    let first = report.checks.iter().find(|c| c.status == Status::Fail);
    assert_eq!(first.map(|c| c.id), Some(CheckId::DaticertUnambiguous));
    let found = check(report, CheckId::DaticertUnambiguous).clone();
    assert_eq!(found.status, Status::Fail);
    assert_eq!(found.params[&Param::Element].to_string(), element);
    assert_eq!(found.params[&Param::Problem].to_string(), problem);
    found
}

/// `text` with `insert` added right after the first `after`.
fn insert_after(text: &str, after: &str, insert: &str) -> String {
    text.replacen(after, &format!("{after}{insert}"), 1)
}

#[test]
fn the_genuine_daticert_through_the_knob_changes_nothing() {
    let plain = verify(&receipt().build());
    let mut message = receipt();
    message.daticert_xml = Some(daticert_xml(&message.facts));
    let report = verify(&message.build());
    assert_eq!(report.verdict, Verdict::TotalPassed);
    assert_eq!(not_passed(&report), []);
    assert_eq!(report.checks, plain.checks);
    assert!(
        report
            .checks
            .iter()
            .all(|c| c.id != CheckId::DaticertUnambiguous)
    );
}

#[test]
fn a_second_mittente_with_a_forged_value() {
    let report = with_daticert(|xml| {
        insert_after(
            xml,
            "</mittente>\n",
            "        <mittente>direzione@pec.altra.it</mittente>\n",
        )
    });
    assert_ambiguous(&report, "mittente", "repeated");
}

#[test]
fn a_second_data() {
    let report = with_daticert(|xml| {
        insert_after(
            xml,
            "</data>\n",
            "        <data zona=\"+0100\">\n            <giorno>01/02/2024</giorno>\n            \
             <ora>09:00:00</ora>\n        </data>\n",
        )
    });
    assert_ambiguous(&report, "data", "repeated");
}

#[test]
fn a_second_intestazione() {
    let report = with_daticert(|xml| {
        let start = xml.find("    <intestazione>").expect("intestazione");
        let end = xml.find("</intestazione>\n").expect("its end") + "</intestazione>\n".len();
        let forged = xml[start..end].replace("mario.rossi@pec.prova.it", "direzione@pec.altra.it");
        insert_after(xml, "</intestazione>\n", &forged)
    });
    assert_ambiguous(&report, "intestazione", "repeated");
}

#[test]
fn an_element_nested_in_oggetto() {
    let report = with_daticert(|xml| {
        xml.replacen(
            "<oggetto>Richiesta",
            "<oggetto>Richiesta<mittente>direzione@pec.altra.it</mittente>",
            1,
        )
    });
    assert_ambiguous(&report, "oggetto", "nested-in-text");
}

#[test]
fn a_duplicate_tipo_attribute() {
    let report = with_daticert(|xml| {
        xml.replacen(
            "<postacert tipo=\"avvenuta-consegna\"",
            "<postacert tipo=\"avvenuta-consegna\" tipo=\"errore-consegna\"",
            1,
        )
    });
    let found = assert_ambiguous(&report, "postacert", "duplicate-attribute");
    assert_eq!(found.params[&Param::Attribute].to_string(), "tipo");
}

#[test]
fn a_doctype_whose_attlist_defaults_the_errore() {
    // A reader that applies the DOCTYPE reads errore="no-dest"; one that ignores it, nessuno.
    let report = with_daticert(|xml| {
        let body = xml.replacen(" errore=\"nessuno\"", "", 1).replacen(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "",
            1,
        );
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE postacert [\n  \
             <!ATTLIST postacert errore (nessuno|no-dest|no-dominio|virus|altro) \"no-dest\">\n]>\n{body}"
        )
    });
    assert_ambiguous(&report, "DOCTYPE", "doctype-subset");
}

#[test]
fn a_daticert_over_the_size_limit() {
    let report = with_daticert(|xml| format!("{xml}<!--{}-->", " ".repeat(MAX_SIZE)));
    assert_eq!(report.verdict, Verdict::TotalFailed);
    assert_eq!(
        check(&report, CheckId::CmsMessageDigest).status,
        Status::Pass
    );
    let found = check(&report, CheckId::DaticertWellFormed);
    assert_eq!(found.status, Status::Fail);
    assert_eq!(found.params[&Param::Error].to_string(), "too-large");
    assert_eq!(
        found.params[&Param::Limit].to_string(),
        MAX_SIZE.to_string()
    );
    assert_eq!(report.daticert, None);
}
