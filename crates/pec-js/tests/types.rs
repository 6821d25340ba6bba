//! The module's TypeScript declarations (`js/pec.d.ts`) held to the engine: every check id and
//! kind is in their unions and nothing else is, and every field of the report of every shared
//! sample is declared.

use std::collections::BTreeSet;
use std::path::Path;

fn declarations() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("js/pec.d.ts");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The quoted names of `export type NAME = 'a' | 'b' …;`.
fn union(text: &str, name: &str) -> BTreeSet<String> {
    let start = text
        .find(&format!("export type {name} ="))
        .unwrap_or_else(|| panic!("no type {name}"));
    let body = &text[start..start + text[start..].find(';').expect("the type ends")];
    body.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_unions_are_the_engines_names() {
    let text = declarations();
    let ids: BTreeSet<String> = pec::CheckId::ALL
        .iter()
        .map(|id| id.as_str().to_owned())
        .collect();
    assert_eq!(union(&text, "CheckId"), ids);
    let kinds: BTreeSet<String> = pec::kind::Kind::all()
        .map(|k| k.as_str().to_owned())
        .collect();
    assert_eq!(union(&text, "Kind"), kinds);
}

/// Every key of `value`, at any depth, but the names of a check's details (`params` is a
/// record of any name).
fn keys(value: &serde_json::Value, found: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                found.insert(key.clone());
                if key != "params" {
                    keys(value, found);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, found)),
        _ => {}
    }
}

#[test]
fn every_field_of_the_samples_reports_is_declared() {
    let text = declarations();
    let declared: BTreeSet<&str> = text
        .lines()
        .filter_map(|line| {
            let field = line.trim().split(':').next()?.trim_end_matches('?');
            (!field.is_empty()
                && field
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .then_some(field)
        })
        .collect();
    let mut found = BTreeSet::new();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples");
    for folder in ["real", "tampered", "unsigned", "unverifiable", "msg"] {
        let dir = Path::new(samples).join(folder);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for path in entries.map(|e| e.expect("a readable folder").path()) {
            let bytes = std::fs::read(&path).expect("a sample");
            let json = pec::verify(&bytes, &pec::Options::default()).to_json("-");
            keys(&serde_json::from_str(&json).expect("JSON"), &mut found);
        }
    }
    assert!(
        found.len() > 50,
        "the samples were read ({} fields)",
        found.len()
    );
    let missing: Vec<&String> = found
        .iter()
        .filter(|k| !declared.contains(k.as_str()))
        .collect();
    assert!(missing.is_empty(), "not declared in pec.d.ts: {missing:?}");
}
