//! Many files as one table, for a clerk's spreadsheet or an archive's pipeline: one row per
//! file in CSV, one report per line in JSON Lines. The row speaks for the file through its
//! decisive message ([`Report::decisive`]), as the page's summary does.
//!
//! Everything in a cell but the codes was written by whoever made the file, so a value that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first)
//! is written with a `'` before it, and every cell is quoted.

use crate::report::Report;

/// The columns of [`csv`], in order.
pub const COLUMNS: [&str; 12] = [
    "file",
    "sha256",
    "standing",
    "reason",
    "kind",
    "date",
    "mittente",
    "destinatari",
    "oggetto",
    "identificativo",
    "messages",
    "location",
];

/// The files (a name and its report) as CSV (RFC 4180, CRLF, a header row), one row per file.
pub fn csv<'a>(files: impl IntoIterator<Item = (&'a str, &'a Report)>) -> String {
    let mut out = header();
    for (name, report) in files {
        out += &row(name, report);
    }
    out
}

/// The CSV's header line, [`COLUMNS`].
pub fn header() -> String {
    line(COLUMNS.map(str::to_owned))
}

/// The CSV line of one file, for writing a file at a time.
pub fn row(name: &str, report: &Report) -> String {
    line(cells(name, report))
}

/// The files as JSON Lines: each report as `pec-verify --json` writes it, one per line.
pub fn json_lines<'a>(files: impl IntoIterator<Item = (&'a str, &'a Report)>) -> String {
    files
        .into_iter()
        .map(|(name, report)| report.to_json(name) + "\n")
        .collect()
}

fn cells(name: &str, report: &Report) -> [String; 12] {
    let message = report.decisive();
    let daticert = message.and_then(|m| m.daticert.as_ref());
    let reason = match (report.error, message.and_then(|m| m.reason)) {
        (Some(error), _) => error.code(),
        (None, Some(id)) => id.as_str(),
        (None, None) => "",
    };
    [
        name.to_owned(),
        report.sha256.clone(),
        report.standing().as_str().to_owned(),
        reason.to_owned(),
        message
            .and_then(|m| m.classification.kind)
            .map_or("", |k| k.as_str())
            .to_owned(),
        daticert
            .and_then(|d| d.data)
            .map(|at| at.rfc3339())
            .unwrap_or_default(),
        daticert.map(|d| d.mittente.clone()).unwrap_or_default(),
        daticert
            .map(|d| {
                let addresses: Vec<&str> =
                    d.destinatari.iter().map(|r| r.address.as_str()).collect();
                addresses.join("; ")
            })
            .unwrap_or_default(),
        daticert.and_then(|d| d.oggetto.clone()).unwrap_or_default(),
        daticert
            .map(|d| d.identificativo.clone())
            .unwrap_or_default(),
        report.messages.len().to_string(),
        message.map(|m| m.location.to_string()).unwrap_or_default(),
    ]
}

fn line(cells: [String; 12]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    }
    out + "\r\n"
}
