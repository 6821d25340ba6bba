//! The core's layering, read from its sources: its modules form no cycle, and the report is
//! assembled at the end: only `pipeline` (and the crate root, which re-exports it) use the
//! report; the stages produce their own values.

use std::path::Path;

fn graph() -> std::collections::BTreeMap<String, Vec<String>> {
    pec_modules::graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn the_cores_modules_form_no_cycle() {
    assert_eq!(pec_modules::cycle(&graph()), None);
}

#[test]
fn only_the_pipeline_knows_the_report() {
    let users: Vec<String> = graph()
        .into_iter()
        .filter(|(module, uses)| uses.iter().any(|m| m == "report") && module != "pipeline")
        .map(|(module, _)| module)
        .collect();
    assert!(users.is_empty(), "the report is used by {users:?}");
}
