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

/// Files that are not e-mail at all: 64 KiB of seeded random bytes, the start of a PDF, the
/// start of a zip (whose bytes happen to contain `Subject: x`).
pub fn not_mail() -> [(&'static str, Vec<u8>); 3] {
    let mut state = 0x9e37_79b9_u32;
    let random = (0..65_536)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00!\x00Subject: x\n".to_vec();
    [("random", random), ("pdf", pdf), ("zip", zip)]
}
