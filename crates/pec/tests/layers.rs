//! The core's layering, read from its sources: its modules form no cycle, and the report is
//! assembled at the end: only `pipeline` (and the crate root, which re-exports it) builds the
//! report, and only `dossier` (and its table of many files) reads finished ones, besides
//! `transport`, which writes them whole; the stages produce their own values.

use std::path::Path;

fn graph() -> std::collections::BTreeMap<String, Vec<String>> {
    pec_modules::graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn the_cores_modules_form_no_cycle() {
    assert_eq!(pec_modules::cycle(&graph()), None);
}

#[test]
fn only_the_pipeline_the_dossier_and_the_transport_know_the_report() {
    let readers = ["pipeline", "dossier", "dossier::table", "transport"];
    let users: Vec<String> = graph()
        .into_iter()
        .filter(|(module, uses)| {
            uses.iter().any(|m| m == "report") && !readers.contains(&module.as_str())
        })
        .map(|(module, _)| module)
        .collect();
    assert!(users.is_empty(), "the report is used by {users:?}");
}

#[test]
fn the_dossier_reads_finished_reports_and_no_stage_reads_it() {
    let graph = graph();
    assert!(!graph["dossier"].iter().any(|m| m == "pipeline"));
    let users: Vec<&String> = graph
        .iter()
        .filter(|(module, uses)| {
            !module.starts_with("dossier::") && uses.iter().any(|m| m == "dossier")
        })
        .map(|(module, _)| module)
        .collect();
    assert!(users.is_empty(), "the dossier is used by {users:?}");
}
