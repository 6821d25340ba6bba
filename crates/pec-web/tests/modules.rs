//! The page's modules form no cycle: each file's `crate::` and `super::` paths are its
//! dependencies, and following them never leads back to where they started. (A parent's
//! `mod` declarations and its own children's names are not dependencies.)
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::Path;

/// Every module of the crate's `src/` by path (`components::app`), with its source.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &[String], found: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("a source directory") {
            let path = entry.expect("an entry").path();
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name");
            let mut module = prefix.to_vec();
            if path.is_dir() {
                module.push(stem.to_owned());
                walk(&path, &module, found);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || stem == "main" {
                continue;
            }
            if !matches!(stem, "mod" | "lib") {
                module.push(stem.to_owned());
            }
            let source = std::fs::read_to_string(&path).expect("a source file");
            found.insert(module.join("::"), source);
        }
    }
    let mut found = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &[],
        &mut found,
    );
    found
}

/// The modules `source` (the module `at`) names through `crate::` or `super::`, each resolved
/// to the longest module path it starts with.
fn dependencies(at: &str, source: &str, known: &BTreeMap<String, String>) -> Vec<String> {
    let parent = at.rsplit_once("::").map_or("", |(parent, _)| parent);
    let mut paths = Vec::new();
    for (root, base) in [("crate::", ""), ("super::", parent)] {
        for (i, _) in source.match_indices(root) {
            let rest = &source[i + root.len()..];
            // `crate::{a, b::c}` names several paths.
            let heads: Vec<&str> = match rest.strip_prefix('{') {
                Some(list) => list[..list.find('}').unwrap_or(0)].split(',').collect(),
                None => vec![rest],
            };
            for head in heads {
                let path: String = head
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let full = [base, path.trim_end_matches(':')]
                    .iter()
                    .filter(|p| !p.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("::");
                paths.push(full);
            }
        }
    }
    let mut modules: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            let segments: Vec<&str> = path.split("::").collect();
            (0..=segments.len())
                .rev()
                .map(|n| segments[..n].join("::"))
                .find(|m| known.contains_key(m))
        })
        // A module's own items and its ancestors' (a child using `super::Shared`) are not a
        // dependency on a sibling; an ancestor is, unless it is the crate root.
        .filter(|m| m != at && !m.is_empty())
        .collect();
    modules.sort_unstable();
    modules.dedup();
    modules
}

#[test]
fn the_pages_modules_form_no_cycle() {
    let known = modules();
    let graph: BTreeMap<&str, Vec<String>> = known
        .iter()
        .map(|(module, source)| (module.as_str(), dependencies(module, source, &known)))
        .collect();
    // Depth-first from every module; a module met again on the current path closes a cycle.
    fn visit<'a>(
        module: &'a str,
        graph: &'a BTreeMap<&str, Vec<String>>,
        path: &mut Vec<&'a str>,
        done: &mut Vec<&'a str>,
    ) {
        if let Some(start) = path.iter().position(|m| *m == module) {
            panic!("a cycle: {} -> {module}", path[start..].join(" -> "));
        }
        if done.contains(&module) {
            return;
        }
        path.push(module);
        for next in graph.get(module).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.push(module);
    }
    let mut done = Vec::new();
    for module in graph.keys() {
        visit(module, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn components_depend_on_the_state_never_on_the_app() {
    let known = modules();
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
