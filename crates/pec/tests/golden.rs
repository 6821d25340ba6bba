//! The wire format held to golden files: for every shared sample `<dir>/<file>` there is
//! `tests/golden/<dir>/<file>.json`, the document `Report::to_json` writes for it, and for every
//! golden file a sample. Adding a case is adding a sample; `PEC_UPDATE_GOLDEN=1 cargo test -p
//! pec --test golden` rewrites the golden files from the current output (review the diff).

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pec::{Options, Timestamp};
use serde_json::Value;

/// The sample directories held to golden files.
const DIRS: [&str; 4] = ["real", "tampered", "unsigned", "unverifiable"];

/// The sample directories left out, each for a reason. `msg/`: Outlook's `.msg` files are not
/// read as such yet, so their reports are still to change. Any other directory of the shared
/// samples fails the test until it is listed in one of the two.
const LEFT_OUT: [&str; 1] = ["msg"];

/// The moment of verification, fixed so that a report does not depend on the day it is made
/// (later than every sample's signing time, so `time.future` passes).
const NOW: &str = "2026-01-01T00:00:00Z";

const UPDATE: &str = "PEC_UPDATE_GOLDEN";

#[test]
fn every_sample_gives_the_json_of_its_golden_file() {
    let samples_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    let samples_root = samples_root.canonicalize().unwrap_or_else(|e| {
        panic!(
            "the shared samples are not at {} ({e}): the golden test reads them in place, \
             from `../shared/samples` beside the repository",
            samples_root.display()
        )
    });
    let golden_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os(UPDATE).is_some_and(|v| v == "1");
    let options = Options {
        now: Some(NOW.parse::<Timestamp>().expect("an RFC 3339 time")),
        ..Options::default()
    };

    let unlisted: Vec<String> = directories_in(&samples_root)
        .into_iter()
        .filter(|dir| !DIRS.contains(&dir.as_str()) && !LEFT_OUT.contains(&dir.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "sample directories neither held to golden files nor left out: {unlisted:?} (list \
         them in DIRS or LEFT_OUT of {})",
        file!()
    );

    let samples: Vec<String> = DIRS
        .iter()
        .flat_map(|dir| common::samples_in(dir))
        .collect();
    let mut failures = Vec::new();
    for sample in &samples {
        let json = pec::verify(&common::sample(sample), &options).to_json(sample);
        let actual: Value = serde_json::from_str(&json).expect("the report is JSON");
        let golden = golden_root.join(format!("{sample}.json"));
        if update {
            write(&golden, &actual);
            continue;
        }
        let expected = match std::fs::read_to_string(&golden) {
            Ok(text) => serde_json::from_str::<Value>(&text)
                .unwrap_or_else(|e| panic!("{}: not JSON: {e}", golden.display())),
            Err(e) => {
                failures.push(format!(
                    "{sample}: no golden file {} ({e})",
                    golden.display()
                ));
                continue;
            }
        };
        if let Some(difference) = first_difference("$", &expected, &actual) {
            failures.push(format!("{sample}: {difference}"));
        }
    }

    let wanted: BTreeSet<PathBuf> = samples
        .iter()
        .map(|s| golden_root.join(format!("{s}.json")))
        .collect();
    for orphan in files_under(&golden_root)
        .into_iter()
        .filter(|f| !wanted.contains(f))
    {
        if update {
            std::fs::remove_file(&orphan).unwrap_or_else(|e| panic!("{}: {e}", orphan.display()));
        } else {
            failures.push(format!(
                "{}: a golden file without a sample in {}",
                orphan.display(),
                samples_root.display()
            ));
        }
    }

    assert!(
        failures.is_empty(),
        "{} differences between the {} samples and their golden files:\n{}\n\
         If the change is intended, `{UPDATE}=1 cargo test -p pec --test golden` rewrites them.",
        failures.len(),
        samples.len(),
        failures.join("\n")
    );
}

/// Pretty-printed with sorted keys (serde_json's map is ordered by key), one file per sample.
fn write(path: &Path, value: &Value) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    let text = serde_json::to_string_pretty(value).expect("a JSON value prints") + "\n";
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// The names of the directories in `dir`.
fn directories_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable directory").path())
        .filter(|path| path.is_dir())
        .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
        .collect()
}

/// Every file below `dir`, at any depth; none when `dir` does not exist yet.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.expect("a readable directory").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The first place, in document order, where `actual` departs from `expected`: its path
/// (`$.messages[0].checks[3].status`) and both values.
fn first_difference(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            let keys: BTreeSet<&String> = expected.keys().chain(actual.keys()).collect();
            keys.into_iter().find_map(|key| {
                let here = format!("{path}.{key}");
                match (expected.get(key), actual.get(key)) {
                    (Some(e), Some(a)) => first_difference(&here, e, a),
                    (Some(e), None) => Some(format!("{here}: expected {}, absent", shown(e))),
                    (None, a) => Some(format!("{here}: not expected, got {}", shown(a?))),
                }
            })
        }
        (Value::Array(expected), Value::Array(actual)) => expected
            .iter()
            .zip(actual)
            .enumerate()
            .find_map(|(i, (e, a))| first_difference(&format!("{path}[{i}]"), e, a))
            .or_else(|| {
                (expected.len() != actual.len()).then(|| {
                    format!(
                        "{path}: expected {} elements, got {}",
                        expected.len(),
                        actual.len()
                    )
                })
            }),
        _ if expected == actual => None,
        _ => Some(format!(
            "{path}: expected {}, got {}",
            shown(expected),
            shown(actual)
        )),
    }
}

/// A value as JSON, cut short when long (a message's text can run to pages).
fn shown(value: &Value) -> String {
    const MAX: usize = 160;
    let text = value.to_string();
    if text.chars().count() <= MAX {
        return text;
    }
    let mut cut: String = text.chars().take(MAX).collect();
    let _ = write!(cut, "… ({} characters)", text.chars().count());
    cut
}

#[test]
fn the_first_difference_is_named_by_its_path() {
    let expected: Value = serde_json::json!({"a": [1, {"b": "x"}], "c": true});
    let same = expected.clone();
    assert_eq!(first_difference("$", &expected, &same), None);
    let changed = serde_json::json!({"a": [1, {"b": "y"}], "c": false});
    assert_eq!(
        first_difference("$", &expected, &changed).as_deref(),
        Some(r#"$.a[1].b: expected "x", got "y""#)
    );
    let added = serde_json::json!({"a": [1, {"b": "x"}, 3], "c": true, "d": null});
    assert_eq!(
        first_difference("$", &expected, &added).as_deref(),
        Some("$.a: expected 2 elements, got 3")
    );
    let removed = serde_json::json!({"a": [1, {"b": "x"}]});
    assert_eq!(
        first_difference("$", &expected, &removed).as_deref(),
        Some("$.c: expected true, absent")
    );
}
