//! The size report: every file of dist/ raw, gzip and brotli, and the transfer of a first visit
//! (index.html and what it references), checked against the budget in size-budget.txt.

use std::io::Write;
use std::path::Path;

use crate::{Result, root};

pub fn run() -> Result {
    let root = root();
    let dist = root.join("dist");
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|_| "dist/index.html is missing: run `cargo xtask build` first".to_owned())?;
    let budget = budget(&root.join("crates/xtask/size-budget.txt"))?;

    let mut files: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|e| format!("dist/: {e}"))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();

    println!(
        "\nSize report (bytes)\n{:<40} {:>10} {:>10} {:>10}  first visit",
        "file", "raw", "gzip", "brotli"
    );
    let mut first_visit = 0;
    for name in &files {
        let bytes = std::fs::read(dist.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let (gz, br) = (gzip(&bytes), crate::serve::brotli(&bytes).len());
        let loaded = name == "index.html" || index.contains(&format!("/{name}"));
        if loaded {
            first_visit += br;
        }
        println!(
            "{name:<40} {:>10} {gz:>10} {br:>10}  {}",
            bytes.len(),
            if loaded { "yes" } else { "" }
        );
    }
    println!("first visit, brotli: {first_visit} bytes (budget {budget})");
    if first_visit > budget {
        return Err(format!(
            "the first visit transfers {first_visit} bytes brotli, over the budget of {budget}"
        ));
    }
    Ok(())
}

fn budget(path: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|l| {
            l.trim()
                .strip_prefix("first_visit_brotli =")
                .map(|v| v.trim().parse().ok())
        })
        .flatten()
        .ok_or_else(|| format!("{}: no `first_visit_brotli = BYTES` line", path.display()))
}

fn gzip(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |v| v.len())
}
