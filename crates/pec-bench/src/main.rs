//! `pec-bench`: the native measurements of `cargo xtask bench`, in a release build. It prints raw
//! numbers, one line per file; xtask runs it, checks the verdicts and does the statistics.
//!
//! ```text
//! pec-bench time RUNS [--trust PEM]... FILE...   FILE TAB verdicts TAB bytes TAB ns,ns,…
//! pec-bench peak [--trust PEM]... FILE           FILE TAB verdicts TAB bytes TAB VmHWM in kB
//! ```
//!
//! `time` verifies each file once untimed (caches, page faults of the first allocation), then
//! RUNS times, each timed alone. `peak` is a process that only reads the file and verifies it
//! once, so its peak resident set (VmHWM) is what verifying that file costs.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pec::{Options, Report};

const USAGE: &str = "usage: pec-bench time RUNS [--trust PEM]... FILE...\n       pec-bench peak [--trust PEM]... FILE";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pec-bench: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (mode, rest) = args.split_first().ok_or(USAGE)?;
    match mode.as_str() {
        "time" => {
            let (runs, rest) = rest.split_first().ok_or(USAGE)?;
            let runs: usize = runs.parse().map_err(|_| USAGE)?;
            let (options, files) = options(rest)?;
            // One verifier for the run, as the page and `pec-verify` keep one for a batch.
            let mut verifier = pec::Verifier::new(options);
            for file in &files {
                let bytes = read(file)?;
                let report = verifier.verify(&bytes);
                let times: Vec<String> = (0..runs)
                    .map(|_| {
                        let start = Instant::now();
                        black_box(verifier.verify(black_box(&bytes)));
                        start.elapsed().as_nanos().to_string()
                    })
                    .collect();
                print_line(file, &report, bytes.len(), &times.join(","));
            }
            Ok(())
        }
        "peak" => {
            let (options, files) = options(rest)?;
            let [file] = files.as_slice() else {
                return Err(USAGE.into());
            };
            let bytes = read(file)?;
            let report = black_box(pec::verify(&bytes, &options));
            print_line(file, &report, bytes.len(), &peak_rss_kb()?.to_string());
            Ok(())
        }
        _ => Err(USAGE.into()),
    }
}

/// The options (the built-in trust store plus `--trust` files) and the files that follow them.
fn options(args: &[String]) -> Result<(Options, Vec<PathBuf>), String> {
    let mut options = Options::default();
    let mut files = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--trust" {
            let path = Path::new(args.next().ok_or(USAGE)?);
            options
                .trust
                .add_certificates(&read(path)?)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    if files.is_empty() {
        return Err(USAGE.into());
    }
    Ok((options, files))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every message's verdict (`TOTAL-PASSED,…`), or the input error's code.
fn verdicts(report: &Report) -> String {
    match report.error {
        Some(error) => error.code().to_owned(),
        None => report
            .messages
            .iter()
            .map(|m| m.verdict.as_str())
            .collect::<Vec<_>>()
            .join(","),
    }
}

fn print_line(file: &Path, report: &Report, bytes: usize, values: &str) {
    println!(
        "{}\t{}\t{bytes}\t{values}",
        file.display(),
        verdicts(report)
    );
}

/// The process's peak resident set size so far (VmHWM in /proc/self/status), in kB.
fn peak_rss_kb() -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status")
        .map_err(|e| format!("/proc/self/status: {e}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no VmHWM in /proc/self/status".to_owned())
}
