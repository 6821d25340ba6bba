//! `cargo xtask bench`: the figures to publish, each the median of many runs with its spread and
//! set against its target: the core natively, a batch against OpenSSL, the page in Chromium, a
//! first visit on a throttled phone. Prints the report and writes target/bench/report.md.

mod batch;
mod browser;
mod native;
mod table;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, cmd, exec, output, root};

/// The generated envelopes: their size in megabytes (10^6 bytes), made up by the files their
/// postacert.eml carries.
const ENVELOPES_MB: [usize; 3] = [1, 20, 50];

/// How many distinct genuine messages the batch verifies.
const SERIES: usize = 1000;

/// What the measurements read: the genuine samples, the factory's envelopes and series, and
/// the test anchors that make the factory's messages TOTAL-PASSED.
pub struct Inputs {
    samples: Vec<PathBuf>,
    /// (megabytes of attachments, file).
    envelopes: Vec<(usize, PathBuf)>,
    series: Vec<PathBuf>,
    anchors: [PathBuf; 2],
}

impl Inputs {
    /// `--trust` arguments for the test anchors.
    fn trust_args(&self) -> Vec<String> {
        self.anchors
            .iter()
            .flat_map(|a| ["--trust".to_owned(), a.display().to_string()])
            .collect()
    }

    fn envelope(&self, megabytes: usize) -> Result<&PathBuf> {
        self.envelopes
            .iter()
            .find(|(mb, _)| *mb == megabytes)
            .map(|(_, path)| path)
            .ok_or_else(|| format!("no {megabytes} MB envelope"))
    }

    /// How the table names an input: "20 MB envelope (20.0 MB file)", "sample.eml (13.1 KB)".
    fn describe(&self, name: &str, bytes: f64) -> String {
        let size = table::Unit::Bytes.show(bytes);
        match self
            .envelopes
            .iter()
            .find(|(_, path)| file_name(path) == name)
        {
            Some((mb, _)) => format!("{mb} MB envelope ({size} file)"),
            None => format!("{name} ({size})"),
        }
    }
}

/// A part of the benchmark: its lines of the table and how they are measured.
struct Part {
    rows: Vec<table::Row>,
    method: Vec<String>,
}

pub fn run() -> Result {
    crate::setup::run()?;
    let machine = table::Machine::now();
    exec(cmd(
        "cargo",
        &["build", "--release", "-p", "pec-cli", "-p", "pec-bench"],
    ))?;
    let inputs = inputs()?;
    let mut parts = vec![native::run(&inputs)?, batch::run(&inputs)?];
    crate::build::run()?;
    parts.push(browser::run(&inputs)?);

    let rows: Vec<_> = parts.iter().flat_map(|p| &p.rows).collect();
    let mut method = vec![
        "**Median and spread**: the spread is p10 – p90 by nearest rank (with fewer than 10 \
         runs, that is min – max). MB and KB are 10^6 and 10^3 bytes; MB/s is 10^6 bytes per \
         second."
            .to_owned(),
    ];
    method.extend(parts.iter().flat_map(|p| p.method.iter().cloned()));
    let report = table::report(&machine, &rows, &method);
    let path = root().join("target/bench/report.md");
    std::fs::write(&path, &report).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("\n{report}\nbench: written to {}", path.display());
    Ok(())
}

/// Writes the factory's inputs into target/bench/inputs/ (afresh: they are deterministic, and a
/// changed factory must not leave stale files behind).
fn inputs() -> Result<Inputs> {
    let dir = root().join("target/bench/inputs");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let series_dir = dir.join("series");
    factory(&["--series", &SERIES.to_string(), &path_arg(&series_dir)])?;
    let mut envelopes = Vec::new();
    for mb in ENVELOPES_MB {
        let file = dir.join(format!("envelope-{mb}mb.eml"));
        factory(&[
            "--envelope",
            &(mb * 1_000_000).to_string(),
            &path_arg(&file),
        ])?;
        envelopes.push((mb, file));
    }
    let series = emls(&series_dir)?;
    if series.len() != SERIES {
        return Err(format!(
            "the factory wrote {} messages, not {SERIES}",
            series.len()
        ));
    }
    let samples = emls(&root().join("../shared/samples/real"))?;
    if samples.is_empty() {
        return Err("no genuine samples in ../shared/samples/real".into());
    }
    Ok(Inputs {
        samples,
        envelopes,
        series,
        anchors: [
            series_dir.join("test-root.pem"),
            series_dir.join("test-pec-ca.pem"),
        ],
    })
}

fn factory(args: &[&str]) -> Result {
    let mut command = cmd("cargo", &["run", "--quiet", "-p", "pec-factory", "--"]);
    command.args(args);
    exec(command)
}

/// The `.eml` files of `dir`, sorted.
fn emls(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .collect();
    files.sort();
    Ok(files)
}

fn path_arg(path: &Path) -> String {
    path.display().to_string()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Whether `taskset` can pin the measured processes to one core.
fn can_pin() -> bool {
    output(cmd("taskset", &["-c", "0", "true"])).is_some()
}

/// `program` with `args`, pinned to core 0 when `taskset` is there.
fn pinned(program: &Path, args: &[String]) -> Command {
    let program = program.to_string_lossy();
    let mut command = if can_pin() {
        cmd("taskset", &["-c", "0", &program])
    } else {
        cmd(&program, &[])
    };
    command.args(args);
    command
}

/// A binary of the release build.
fn release(binary: &str) -> PathBuf {
    root().join("target/release").join(binary)
}
