//! The shared samples (`../shared/samples`, beside the repository), read in place: never
//! copied into the project.

#![allow(dead_code)] // each test crate uses its own part of this module

/// The bytes of `../shared/samples/<path>`.
pub fn sample(path: &str) -> Vec<u8> {
    let full = format!(
        "{}/../../../shared/samples/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// `<dir>/<name>.eml` for every sample in `dir`, sorted.
pub fn samples_in(dir: &str) -> Vec<String> {
    let full = format!(
        "{}/../../../shared/samples/{dir}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut names: Vec<String> = std::fs::read_dir(&full)
        .unwrap_or_else(|e| panic!("{full}: {e}"))
        .map(|entry| format!("{dir}/{}", entry.unwrap().file_name().to_str().unwrap()))
        .filter(|name| name.ends_with(".eml"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no samples in {dir}");
    names
}
