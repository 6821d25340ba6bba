//! Sendings put together from their files: every shape a sender meets (all delivered, one
//! failed, an ordinary mailbox, a 12-hour then a 24-hour notice, a breve receipt with and
//! without its originals, a forged receipt mixed in, two sendings mixed together), from the
//! factory; and the real Aruba acceptance and delivery of 13 November 2018.

mod support;

use pec::dossier::breve::{Encoding, Outcome as HashOutcome};
use pec::dossier::{ContentProof, Dossier, Field, File, Outcome, Problem};
use pec::{CheckId, Report, Verdict};
use pec_factory::sending::{self, ANNA, LUCA, ORDINARY, Shape, of_sending};
use pec_factory::{Edit, ErroreConsegna, Kind, Message, Ricevuta};

/// A file as the user gives it: a name, its bytes and the report of them.
struct Given {
    name: String,
    bytes: Vec<u8>,
    report: Report,
}

fn given(name: &str, bytes: Vec<u8>) -> Given {
    let report = pec::verify(&bytes, &support::options());
    Given {
        name: name.to_owned(),
        bytes,
        report,
    }
}

fn taken((name, bytes): sending::File) -> Given {
    given(&name, bytes)
}

fn receipt(kind: Kind, recipient: &str, minutes: i64) -> Given {
    taken(sending::receipt(kind, recipient, minutes))
}

fn envelope() -> Given {
    taken(sending::envelope())
}

fn acceptance() -> Given {
    taken(sending::acceptance())
}

fn dossiers(files: &[Given]) -> Vec<Dossier> {
    let files: Vec<File<'_>> = files
        .iter()
        .map(|g| File {
            name: &g.name,
            bytes: &g.bytes,
            report: &g.report,
        })
        .collect();
    pec::dossier::dossiers(&files)
}

fn only(files: &[Given]) -> Dossier {
    let mut all = dossiers(files);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

fn outcomes(dossier: &Dossier) -> Vec<(&str, Outcome)> {
    dossier
        .recipients
        .iter()
        .map(|r| (r.address.as_str(), r.outcome))
        .collect()
}

#[test]
fn every_recipient_delivered_makes_a_complete_dossier() {
    let completa = Kind::AvvenutaConsegna(Ricevuta::Completa);
    let files = [
        envelope(),
        acceptance(),
        receipt(completa, ANNA, 1),
        receipt(completa, LUCA, 2),
    ];
    assert!(files.iter().all(|f| f.report.all_passed()));
    let dossier = only(&files);
    assert!(dossier.complete, "{dossier:#?}");
    assert!(dossier.problems.is_empty(), "{:#?}", dossier.problems);
    assert_eq!(
        outcomes(&dossier),
        [
            (ANNA, Outcome::Delivered),
            (LUCA, Outcome::Delivered),
            (ORDINARY, Outcome::NoReceiptExpected),
        ]
    );
    let accepted = dossier.accepted.as_ref().expect("accepted");
    assert_eq!(accepted.file, "accettazione.eml");
    assert_eq!(
        dossier.sent.as_ref().map(|e| e.file.as_str()),
        Some("busta.eml")
    );
    let anna = &dossier.recipients[0];
    let delivered_at = anna.receipt.as_ref().and_then(|r| r.at).expect("a time");
    assert_eq!(delivered_at.unix, accepted.at.expect("a time").unix + 60);
    assert_eq!(
        anna.content,
        Some(ContentProof::Completa {
            same_as_envelope: Some(true)
        })
    );
    assert_eq!(dossier.mittente, "mario.rossi@pec.prova.it");
    assert_eq!(
        dossier.identificativo,
        files[1].report.messages[0]
            .daticert
            .as_ref()
            .unwrap()
            .identificativo
    );
}

#[test]
fn a_recipient_without_a_receipt_leaves_the_dossier_incomplete() {
    let completa = Kind::AvvenutaConsegna(Ricevuta::Completa);
    let dossier = only(&[acceptance(), receipt(completa, ANNA, 1)]);
    assert!(!dossier.complete);
    assert_eq!(dossier.recipients[1].outcome, Outcome::Unknown);
    assert_eq!(dossier.recipients[1].receipt, None);
    // No envelope among the files: nothing to compare the original with.
    assert_eq!(
        dossier.recipients[0].content,
        Some(ContentProof::Completa {
            same_as_envelope: None
        })
    );
}

#[test]
fn without_the_acceptance_the_dossier_is_not_complete() {
    let completa = Kind::AvvenutaConsegna(Ricevuta::Completa);
    let dossier = only(&[receipt(completa, ANNA, 1), receipt(completa, LUCA, 2)]);
    assert_eq!(dossier.accepted, None);
    assert!(!dossier.complete);
    assert_eq!(
        dossier.recipients.len(),
        3,
        "the recipients come from the receipts"
    );
}

#[test]
fn a_failed_delivery_is_an_outcome_with_its_reason() {
    let files = [
        acceptance(),
        receipt(Kind::AvvenutaConsegna(Ricevuta::Sintetica), ANNA, 1),
        receipt(Kind::ErroreConsegna(ErroreConsegna::NoDest), LUCA, 2),
    ];
    let dossier = only(&files);
    assert!(dossier.complete, "{dossier:#?}");
    assert_eq!(
        outcomes(&dossier)[..2],
        [(ANNA, Outcome::Delivered), (LUCA, Outcome::Failed)]
    );
    assert_eq!(dossier.recipients[0].content, Some(ContentProof::Sintetica));
    assert!(dossier.recipients[1].error.is_some(), "{dossier:#?}");
    assert_eq!(dossier.recipients[1].content, None);
}

#[test]
fn a_12_hour_notice_is_pending_and_the_24_hour_one_final() {
    let completa = Kind::AvvenutaConsegna(Ricevuta::Completa);
    let twelve = receipt(Kind::PreavvisoErroreConsegna, LUCA, 12 * 60);
    let pending = only(&[acceptance(), receipt(completa, ANNA, 1), twelve]);
    assert_eq!(pending.recipients[1].outcome, Outcome::Pending);
    assert!(!pending.complete);

    let files = [
        acceptance(),
        receipt(completa, ANNA, 1),
        receipt(Kind::PreavvisoErroreConsegna, LUCA, 12 * 60),
        receipt(Kind::PreavvisoErroreConsegna24h, LUCA, 24 * 60),
    ];
    let failed = only(&files);
    assert_eq!(failed.recipients[1].outcome, Outcome::Failed);
    let decided = failed.recipients[1].receipt.as_ref().expect("a receipt");
    assert_eq!(decided.file, files[3].name);
    assert!(failed.complete, "{failed:#?}");
}

#[test]
fn a_delivery_and_a_failure_for_one_recipient_contradict_each_other() {
    let files = [
        acceptance(),
        receipt(Kind::AvvenutaConsegna(Ricevuta::Sintetica), ANNA, 1),
        receipt(Kind::ErroreConsegna(ErroreConsegna::Altro), ANNA, 3),
        receipt(Kind::AvvenutaConsegna(Ricevuta::Sintetica), LUCA, 2),
    ];
    let dossier = only(&files);
    assert!(!dossier.complete);
    assert!(
        dossier.problems.iter().any(|p| matches!(
            p,
            Problem::Contradicts { message, address: Some(a) } if a == ANNA && message.file == files[2].name
        )),
        "{:#?}",
        dossier.problems
    );
}

#[test]
fn the_same_receipt_given_twice_is_no_contradiction() {
    let completa = Kind::AvvenutaConsegna(Ricevuta::Completa);
    let files = [
        acceptance(),
        receipt(completa, ANNA, 1),
        receipt(completa, ANNA, 1),
        receipt(completa, LUCA, 1),
    ];
    let dossier = only(&files);
    assert!(dossier.problems.is_empty(), "{:#?}", dossier.problems);
    assert!(dossier.complete);
}

#[test]
fn a_tampered_receipt_is_a_problem_and_no_evidence() {
    let mut tampered = of_sending(Kind::AvvenutaConsegna(Ricevuta::Completa)).about(LUCA, 2);
    tampered.edit = Some(Edit::Attachment);
    let files = [
        acceptance(),
        receipt(Kind::AvvenutaConsegna(Ricevuta::Completa), ANNA, 1),
        given("manomessa.eml", tampered.build()),
    ];
    assert!(!files[2].report.all_passed());
    let dossier = only(&files);
    assert_eq!(dossier.recipients[1].outcome, Outcome::Unknown);
    assert!(!dossier.complete);
    assert_eq!(
        dossier.problems,
        [Problem::NotGenuine {
            message: pec::dossier::Event {
                at: None,
                file: "manomessa.eml".into(),
                location: pec::locate::Location::default(),
            },
            verdict: Verdict::TotalFailed,
            reason: Some(CheckId::CmsMessageDigest),
        }]
    );
    // The files a report of the sending lists: the evidence, then the file that is none.
    assert_eq!(
        dossier.files(),
        [
            "accettazione.eml",
            "avvenuta-consegna-completa-anna@pec.altra.it.eml",
            "manomessa.eml"
        ]
    );
}

#[test]
fn a_receipt_that_disagrees_with_the_acceptance_is_a_problem() {
    let mut other = of_sending(Kind::AvvenutaConsegna(Ricevuta::Completa)).about(ANNA, 1);
    other.facts.oggetto = "Un altro oggetto".into();
    let files = [acceptance(), given("altro.eml", other.build())];
    let dossier = only(&files);
    assert!(
        dossier.problems.iter().any(|p| matches!(
            p,
            Problem::Disagrees { message, field: Field::Oggetto } if message.file == "altro.eml"
        )),
        "{:#?}",
        dossier.problems
    );
    assert_eq!(
        dossier.oggetto.as_deref(),
        files[0].report.messages[0]
            .daticert
            .as_ref()
            .unwrap()
            .oggetto
            .as_deref()
    );
}

#[test]
fn a_receipt_for_an_address_the_sending_does_not_name_is_a_problem() {
    let files = [
        acceptance(),
        receipt(
            Kind::AvvenutaConsegna(Ricevuta::Sintetica),
            "intruso@pec.altra.it",
            1,
        ),
    ];
    let dossier = only(&files);
    assert!(dossier.problems.iter().any(|p| matches!(
        p,
        Problem::UnexpectedRecipient { address, .. } if address == "intruso@pec.altra.it"
    )));
}

#[test]
fn a_refused_message_is_a_complete_dossier_of_its_own() {
    let dossier = only(&[given(
        "non-accettazione.eml",
        of_sending(Kind::NonAccettazione).build(),
    )]);
    assert!(dossier.refused.is_some());
    assert!(dossier.complete);
}

#[test]
fn two_sendings_give_two_dossiers_the_earliest_first() {
    let mut later = of_sending(Kind::Accettazione).about(ANNA, 600);
    later.facts.identificativo = "opec210.altro.42@pec.prova.it".into();
    let files = [given("dopo.eml", later.build()), acceptance()];
    let all = dossiers(&files);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].accepted.as_ref().unwrap().file, "accettazione.eml");
    assert_eq!(all[1].identificativo, "opec210.altro.42@pec.prova.it");
}

/// The breve receipt about Anna, and the original files the sender attached.
fn breve() -> (Given, Vec<Given>) {
    let (receipt, originals) = sending::breve();
    (taken(receipt), originals.into_iter().map(taken).collect())
}

fn hash_outcomes(dossier: &Dossier) -> Vec<(String, HashOutcome, Option<Encoding>)> {
    match &dossier.recipients[0].content {
        Some(ContentProof::Breve { attachments }) => attachments
            .iter()
            .map(|a| (a.name.clone(), a.outcome, a.encoding))
            .collect(),
        other => panic!("not a breve proof: {other:?}"),
    }
}

#[test]
fn a_breve_receipt_proves_the_content_with_the_original_files() {
    let (receipt, originals) = breve();
    let names: Vec<String> = Message::new(Kind::Accettazione)
        .attachments
        .iter()
        .map(|a| a.name.clone())
        .collect();
    let mut files = vec![acceptance(), receipt];
    files.extend(originals);
    let dossier = only(&files);
    let expected: Vec<_> = names
        .iter()
        .map(|n| {
            (
                n.clone(),
                HashOutcome::Matches,
                Some(Encoding::Base64Crlf76),
            )
        })
        .collect();
    assert_eq!(hash_outcomes(&dossier), expected);
}

#[test]
fn a_breve_receipt_without_its_originals_or_with_other_files_proves_no_content() {
    let (receipt, mut originals) = breve();
    let alone = only(&[acceptance(), given("breve.eml", receipt.bytes.clone())]);
    assert!(
        hash_outcomes(&alone)
            .iter()
            .all(|(_, o, _)| *o == HashOutcome::NoFile)
    );

    originals[0].bytes.push(b' ');
    let files = [acceptance(), receipt, originals.remove(0)];
    let changed = only(&files);
    assert_eq!(hash_outcomes(&changed)[0].1, HashOutcome::DoesNotMatch);
    assert_eq!(hash_outcomes(&changed)[1].1, HashOutcome::NoFile);
}

#[test]
fn the_real_aruba_acceptance_and_delivery_form_one_complete_dossier() {
    let read = |name: &str| {
        let path = format!(
            "{}/../../../shared/samples/real/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let report = pec::verify(&bytes, &pec::Options::default());
        Given {
            name: name.to_owned(),
            bytes,
            report,
        }
    };
    let files = [
        read("aruba-agidca1-accettazione.eml"),
        read("aruba-agidca1-consegna-completa.eml"),
        read("aruba-agidca1-posta-certificata.eml"),
    ];
    let all = dossiers(&files);
    assert_eq!(all.len(), 2, "the envelope is another sending");
    let dossier = &all[0];
    assert!(dossier.complete, "{dossier:#?}");
    assert!(dossier.problems.is_empty());
    assert_eq!(
        outcomes(dossier),
        [("l.battistini@pec.it", Outcome::Delivered)]
    );
    assert_eq!(dossier.oggetto.as_deref(), Some("IT03339130126_00009.xml"));
    assert_eq!(
        dossier
            .accepted
            .as_ref()
            .and_then(|a| a.at)
            .map(|t| t.rfc3339())
            .as_deref(),
        Some("2018-11-13T16:39:26+01:00")
    );
    assert!(
        !all[1].complete,
        "an envelope alone is not a complete sending"
    );
}

#[test]
fn a_completa_receipt_whose_original_is_not_the_envelopes_says_so() {
    let mut other = of_sending(Kind::AvvenutaConsegna(Ricevuta::Completa)).about(ANNA, 1);
    other.attachments[0].bytes.push(b'\n');
    let files = [
        envelope(),
        acceptance(),
        given("consegna.eml", other.build()),
    ];
    let dossier = only(&files);
    assert_eq!(
        dossier.recipients[0].content,
        Some(ContentProof::Completa {
            same_as_envelope: Some(false)
        })
    );
}

#[test]
fn every_shape_the_factory_writes_gives_its_dossiers() {
    for shape in Shape::ALL {
        let files: Vec<Given> = shape.files().into_iter().map(taken).collect();
        let all = dossiers(&files);
        let found: Vec<(bool, usize)> =
            all.iter().map(|d| (d.complete, d.problems.len())).collect();
        let expected = match shape {
            Shape::Tampered => vec![(false, 1)],
            // The other sending: its acceptance alone.
            Shape::TwoSendings => vec![(true, 0), (false, 0)],
            _ => vec![(true, 0)],
        };
        assert_eq!(found, expected, "{shape:?}: {all:#?}");
        let luca = all[0].recipients.iter().find(|r| r.address == LUCA);
        let failed = matches!(shape, Shape::OneFailed | Shape::Notices);
        assert_eq!(
            luca.map(|r| r.outcome == Outcome::Failed),
            Some(failed),
            "{shape:?}"
        );
        let ordinary = all[0].recipients.iter().find(|r| r.address == ORDINARY);
        assert_eq!(
            ordinary.map(|r| r.outcome),
            Some(Outcome::NoReceiptExpected)
        );
    }
}
