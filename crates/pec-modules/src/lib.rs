//! A crate's modules and the dependencies between them, read from its sources: each file's
//! `crate::` and `super::` paths are its dependencies (a parent's `mod` declarations and its
//! own children's names are not), unit tests left out. For tests that hold a crate's layering
//! to its rules.

use std::collections::BTreeMap;
use std::path::Path;

/// Every module under `src` (a crate's `src/`) by path (`components::app`), with its source.
pub fn modules(src: &Path) -> BTreeMap<String, String> {
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
            found.insert(module.join("::"), without_tests(&source).to_owned());
        }
    }
    let mut found = BTreeMap::new();
    walk(src, &[], &mut found);
    found
}

/// The modules `source` (the module `at`) names through `crate::` or `super::`, each resolved
/// to the longest module path it starts with.
pub fn dependencies(at: &str, source: &str, known: &BTreeMap<String, String>) -> Vec<String> {
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

/// `source` up to its unit tests (`#[cfg(test)] mod tests`): a module's tests may use any
/// module, as the crate's integration tests do.
fn without_tests(source: &str) -> &str {
    source
        .find("#[cfg(test)]\nmod tests")
        .map_or(source, |at| &source[..at])
}

/// Every module of `src` with the modules it depends on.
pub fn graph(src: &Path) -> BTreeMap<String, Vec<String>> {
    let known = modules(src);
    known
        .iter()
        .map(|(module, source)| (module.clone(), dependencies(module, source, &known)))
        .collect()
}

/// A cycle of `graph`, as the modules along it, when there is one.
pub fn cycle(graph: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    // Depth-first from every module; a module met again on the current path closes a cycle.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == module) {
            let mut cycle = path[start..].to_vec();
            cycle.push(module.to_owned());
            return Some(cycle);
        }
        if done.iter().any(|m| m == module) {
            return None;
        }
        path.push(module.to_owned());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.push(module.to_owned());
        None
    }
    let mut done = Vec::new();
    graph
        .keys()
        .find_map(|module| visit(module, graph, &mut Vec::new(), &mut done))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph_of(edges: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        edges
            .iter()
            .map(|(m, deps)| (m.to_string(), deps.iter().map(|d| d.to_string()).collect()))
            .collect()
    }

    #[test]
    fn a_cycle_is_found_and_a_tree_has_none() {
        let tree = graph_of(&[("a", &["b", "c"]), ("b", &["c"]), ("c", &[])]);
        assert_eq!(cycle(&tree), None);
        let looped = graph_of(&[("a", &["b"]), ("b", &["c"]), ("c", &["a"])]);
        assert_eq!(cycle(&looped).map(|c| c.len()), Some(4));
    }

    #[test]
    fn dependencies_are_read_from_crate_and_super_paths() {
        let known: BTreeMap<String, String> = ["a", "b", "c", "c::d"]
            .iter()
            .map(|m| (m.to_string(), String::new()))
            .collect();
        let source = "use crate::{a::X, b};\nuse super::d::Y;\nfn f() { crate::c::d::z() }";
        assert_eq!(dependencies("c::e", source, &known), ["a", "b", "c::d"]);
    }
}
