//! `docs/report.md`, the description of the JSON report, held to the code: its tables list
//! every check id with its parameters, every parameter and every code, in the code's order, and
//! it names every value of the report's own fields. A check added, renamed or given another
//! parameter fails here until the page says so.

use std::collections::BTreeSet;
use std::path::PathBuf;

use pec::check::{
    Ambiguity, CheckId, Claim, Effect, Fault, LayoutProblem, Param, Revocation, RevocationReason,
    Status,
};
use pec::dossier::breve::{Encoding, Outcome as HashOutcome};
use pec::dossier::{Field, Outcome, Problem};
use pec::filetype::Detected;
use pec::kind::{Kind, ReceiptType, Variant};
use pec::{InputError, Verdict};

fn doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/report.md");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The rows of the table between `<!-- begin NAME -->` and `<!-- end NAME -->`, below its
/// header, each as its cells with backticks removed.
fn table(doc: &str, name: &str) -> Vec<Vec<String>> {
    let begin = format!("<!-- begin {name} -->");
    let end = format!("<!-- end {name} -->");
    let start = doc
        .find(&begin)
        .unwrap_or_else(|| panic!("docs/report.md has no {begin}"));
    let length = doc[start..]
        .find(&end)
        .unwrap_or_else(|| panic!("docs/report.md has no {end} after {begin}"));
    doc[start + begin.len()..start + length]
        .lines()
        .filter(|line| line.starts_with('|'))
        .skip(2)
        .map(|row| {
            row.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().replace('`', ""))
                .collect()
        })
        .collect()
}

/// The first cell of every row.
fn first_column(doc: &str, name: &str) -> Vec<String> {
    table(doc, name)
        .into_iter()
        .map(|row| row[0].clone())
        .collect()
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|&v| name(v).to_owned()).collect()
}

#[test]
fn the_check_table_lists_every_id_with_its_params() {
    let documented: Vec<(String, String)> = table(&doc(), "checks")
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    let code: Vec<(String, String)> = CheckId::ALL
        .iter()
        .map(|id| {
            let params: Vec<&str> = id.params().iter().map(|p| p.as_str()).collect();
            (id.as_str().to_owned(), params.join(", "))
        })
        .collect();
    let row = |(id, params): &(String, String)| format!("| `{id}` | {} |", quoted(params));
    let first = (0..documented.len().max(code.len()))
        .find(|&i| documented.get(i) != code.get(i))
        .map(|i| {
            let shown = |r: Option<&(String, String)>| r.map_or("nothing".into(), row);
            format!(
                "row {}: docs/report.md has {}, the code {}",
                i + 1,
                shown(documented.get(i)),
                shown(code.get(i))
            )
        });
    if let Some(first) = first {
        let all: Vec<String> = code.iter().map(row).collect();
        panic!(
            "the check table of docs/report.md is not the code's (CheckId::ALL, \
             CheckId::params): {first}; its first two columns should read:\n{}",
            all.join("\n")
        );
    }
}

/// `a, b` as `` `a`, `b` ``, as the table writes them.
fn quoted(params: &str) -> String {
    if params.is_empty() {
        return String::new();
    }
    params
        .split(", ")
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn the_parameter_and_code_tables_list_every_name() {
    let doc = doc();
    let lists = [
        ("params", names(Param::ALL, Param::as_str)),
        ("error", names(Fault::ALL, Fault::as_str)),
        ("layout", names(LayoutProblem::ALL, LayoutProblem::as_str)),
        ("ambiguity", names(Ambiguity::ALL, Ambiguity::as_str)),
        ("claim", names(Claim::ALL, Claim::as_str)),
        ("revocation", names(Revocation::ALL, Revocation::as_str)),
        (
            "reason",
            names(RevocationReason::ALL, RevocationReason::as_str),
        ),
        ("outcome", names(Outcome::ALL, Outcome::as_str)),
        ("problem", problem_codes()),
        ("hash-outcome", names(HashOutcome::ALL, HashOutcome::as_str)),
        ("encoding", names(Encoding::ALL, Encoding::as_str)),
        ("detected", names(Detected::ALL, Detected::as_str)),
    ];
    for (table, code) in lists {
        assert_eq!(
            first_column(&doc, table),
            code,
            "the {table} table of docs/report.md is not the code's list"
        );
    }
}

/// The `problem` of each kind of dossier problem, as the JSON writes it.
fn problem_codes() -> Vec<String> {
    let message = || pec::dossier::Event {
        at: None,
        file: String::new(),
        location: pec::locate::Location::default(),
    };
    let problem = |p: Problem| {
        // A new kind of problem stops this from compiling until it is listed below.
        match &p {
            Problem::NotGenuine { .. }
            | Problem::Contradicts { .. }
            | Problem::Disagrees { .. }
            | Problem::UnexpectedRecipient { .. } => {}
        }
        let json = serde_json::to_value(&p).expect("serialisable");
        json["problem"].as_str().expect("a problem code").to_owned()
    };
    vec![
        problem(Problem::NotGenuine {
            message: message(),
            verdict: Verdict::TotalFailed,
            reason: None,
        }),
        problem(Problem::Contradicts {
            message: message(),
            address: None,
        }),
        problem(Problem::Disagrees {
            message: message(),
            field: Field::Oggetto,
        }),
        problem(Problem::UnexpectedRecipient {
            message: message(),
            address: String::new(),
        }),
    ]
}

/// Every variant of a field-less enum: the match stops compiling when one is added.
macro_rules! every {
    ($enum:ident: $($variant:ident),+ $(,)?) => {{
        let _exhaustive = |value: $enum| match value {
            $($enum::$variant)|+ => {}
        };
        [$($enum::$variant),+]
    }};
}

#[test]
fn every_value_of_the_documents_own_fields_is_named() {
    let doc = doc();
    let mut values: Vec<&str> = Kind::all().map(Kind::as_str).collect();
    values.extend(every!(Verdict: TotalPassed, TotalFailed, Indeterminate).map(Verdict::as_str));
    values.extend(every!(Status: Pass, Fail, Warn, Info).map(Status::as_str));
    values.extend(every!(Effect: None, Indeterminate, Failed).map(Effect::as_str));
    values.extend(every!(Variant: Virus, Timeout24h).map(Variant::as_str));
    values.extend(every!(ReceiptType: Completa, Breve, Sintetica).map(ReceiptType::as_str));
    values.extend(
        every!(
            InputError: Empty,
            NotEmail,
            Unsigned,
            TooLarge,
            MsgUnsigned,
            MsgUnreadable,
            Incomplete,
            ZipBomb,
            ZipUnsupported,
            Print,
            Office,
            Crl,
        )
        .map(InputError::code),
    );
    let missing: Vec<&str> = values
        .into_iter()
        .filter(|value| !doc.contains(&format!("`{value}`")))
        .collect();
    assert!(missing.is_empty(), "docs/report.md never names {missing:?}");
}

/// Every field of every golden document (`tests/golden/`) is named: a field added to the
/// report fails here until the page describes it.
#[test]
fn every_field_of_the_golden_documents_is_named() {
    fn keys(value: &serde_json::Value, found: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    found.insert(key.clone());
                    keys(value, found);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, found)),
            _ => {}
        }
    }
    let mut found = BTreeSet::new();
    let mut dirs = vec![PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden"
    ))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a readable directory").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let text = std::fs::read_to_string(&path).expect("a golden file");
                let value = serde_json::from_str(&text).expect("a golden file is JSON");
                keys(&value, &mut found);
            }
        }
    }
    assert!(!found.is_empty(), "no golden documents");
    let doc = doc();
    let missing: Vec<&String> = found
        .iter()
        .filter(|key| !doc.contains(&format!("`{key}`")))
        .collect();
    assert!(missing.is_empty(), "docs/report.md never names {missing:?}");
}
