//! The page's modules form no cycle: each file's `crate::` and `super::` paths are its
//! dependencies, and following them never leads back to where they started. (A parent's
//! `mod` declarations and its own children's names are not dependencies.)
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use pec_modules::{dependencies, modules};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_pages_modules_form_no_cycle() {
    assert_eq!(pec_modules::cycle(&pec_modules::graph(&src())), None);
}

#[test]
fn components_depend_on_the_state_never_on_the_app() {
    let known = modules(&src());
    for (module, source) in &known {
        if module.starts_with("components::") && module != "components::app" {
            let uses = dependencies(module, source, &known);
            assert!(
                !uses.iter().any(|m| m == "components::app"),
                "{module} depends on components::app: {uses:?}"
            );
        }
    }
    let state = dependencies("state", &known["state"], &known);
    assert!(
        !state.iter().any(|m| m.starts_with("components")),
        "state depends on {state:?}"
    );
    assert!(!known["state"].contains("web_sys"), "state uses web-sys");
}
