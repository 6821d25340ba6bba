//! The size report: every file of dist/ raw, gzip and brotli, and the transfer of a first visit
//! (index.html and what it references), checked against the budget in size-budget.txt; then the
//! engine module of dist/engine/, which portals load and the page does not.

use std::io::Write;
use std::path::Path;

use crate::{Result, module, root};

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
        let size = Size::of(&dist.join(name))?;
        let loaded = name == "index.html" || index.contains(&format!("/{name}"));
        if loaded {
            first_visit += size.brotli;
        }
        println!("{}  {}", size.row(name), if loaded { "yes" } else { "" });
    }
    println!("first visit, brotli: {first_visit} bytes (budget {budget})");
    if first_visit > budget {
        return Err(format!(
            "the first visit transfers {first_visit} bytes brotli, over the budget of {budget}"
        ));
    }
    engine(&root)
}

/// The engine module's files and their total: what a portal's visitors transfer.
fn engine(root: &Path) -> Result {
    println!("\nEngine module ({}/, not loaded by the page)", module::DIR);
    let mut total = Size::default();
    for name in module::FILES {
        let size = Size::of(&root.join(module::DIR).join(name)).map_err(|e| {
            format!("{e}: the engine module is missing, run `cargo xtask build` first")
        })?;
        println!("{}", size.row(name));
        total = Size {
            raw: total.raw + size.raw,
            gzip: total.gzip + size.gzip,
            brotli: total.brotli + size.brotli,
        };
    }
    println!("{}", total.row("engine module, total"));
    Ok(())
}

/// A file's size raw and compressed as a server would send it, in bytes.
#[derive(Default)]
struct Size {
    raw: usize,
    gzip: usize,
    brotli: usize,
}

impl Size {
    fn of(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Self {
            raw: bytes.len(),
            gzip: gzip(&bytes),
            brotli: crate::serve::brotli(&bytes).len(),
        })
    }

    /// The line of the report for `name`.
    fn row(&self, name: &str) -> String {
        format!(
            "{name:<40} {:>10} {:>10} {:>10}",
            self.raw, self.gzip, self.brotli
        )
    }
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
