//! Part 1, the core natively: `pec::verify` timed by the release-built `pec-bench` on each
//! genuine sample and each generated envelope, and the peak memory of verifying the largest.

use std::path::PathBuf;

use super::table::{Row, Target, Unit};
use super::{Inputs, Part, can_pin, file_name, pinned, release};
use crate::Result;

const SECTION: &str = "1. Core, native (release build)";

/// Timed runs per file: the samples take about a millisecond, the envelopes up to a second.
const SAMPLE_RUNS: usize = 200;
const ENVELOPE_RUNS: [(usize, usize); 3] = [(1, 100), (20, 30), (50, 30)];

/// Processes measured for the peak memory.
const PEAK_PROCESSES: usize = 10;

const TARGET_20_MB_MS: f64 = 80.0;
const TARGET_PEAK_TIMES_FILE: f64 = 3.0;

pub fn run(inputs: &Inputs) -> Result<Part> {
    let mut rows = Vec::new();
    for line in pec_bench("time", SAMPLE_RUNS, &[], &inputs.samples)? {
        rows.push(time_row(inputs, &line, None)?);
    }
    for (mb, runs) in ENVELOPE_RUNS {
        let file = std::slice::from_ref(inputs.envelope(mb)?);
        let line = one(pec_bench("time", runs, &inputs.trust_args(), file)?)?;
        let target = (mb == 20).then_some(Target::AtMost(TARGET_20_MB_MS));
        rows.push(time_row(inputs, &line, target)?);
    }

    let file = std::slice::from_ref(inputs.envelope(50)?);
    let mut peaks = Vec::new();
    let mut bytes = 0.0;
    for _ in 0..PEAK_PROCESSES {
        let line = one(pec_bench("peak", 0, &inputs.trust_args(), file)?)?;
        bytes = line.bytes;
        peaks.extend(line.values.iter().map(|kb| kb * 1024.0));
    }
    let row = Row::new(
        SECTION,
        format!(
            "{}: peak RSS of a process that reads and verifies it",
            inputs.describe(&file_name(&file[0]), bytes)
        ),
        &peaks,
        Unit::Bytes,
        Some(Target::AtMost(TARGET_PEAK_TIMES_FILE * bytes)),
    )?;
    let times = row.median / bytes;
    rows.push(row.with_note(&format!("{times:.2} × the file")));

    let pinning = if can_pin() {
        "pinned to core 0 with `taskset`"
    } else {
        "not pinned (no `taskset` on this machine)"
    };
    Ok(Part {
        rows,
        method: vec![
            format!(
                "**1. Core, native**: `pec-bench` (crates/pec-bench, built with the release \
                 profile like `pec-verify`), {pinning}, reads each file, verifies it once \
                 untimed, then times each verification of the runs with a monotonic clock, \
                 building its options once as `pec-verify` does. Every file must be \
                 TOTAL-PASSED or the benchmark stops. The genuine samples are those of \
                 ../shared/samples/real; the envelopes come from the test factory \
                 (`pec-factory --envelope BYTES`): posta-certificata envelopes of 1, 20 and \
                 50 MB, the size made up by the files their postacert.eml carries (in base64, \
                 so about 3/4 of it); they are verified with the test anchors. MB/s is the file size over \
                 the median time."
            ),
            format!(
                "**Peak memory**: VmHWM from /proc/self/status of a fresh `pec-bench peak` \
                 process that reads the 50 MB envelope and verifies it once, one process per \
                 run; the file's own bytes are part of it."
            ),
        ],
    })
}

/// A line of `pec-bench` output: the file, its size and the measured values.
struct Line {
    file: PathBuf,
    bytes: f64,
    values: Vec<f64>,
}

/// Runs `pec-bench MODE [RUNS] ARGS FILES` and checks that every file is TOTAL-PASSED.
fn pec_bench(mode: &str, runs: usize, args: &[String], files: &[PathBuf]) -> Result<Vec<Line>> {
    let mut all = vec![mode.to_owned()];
    if mode == "time" {
        all.push(runs.to_string());
    }
    all.extend(args.iter().cloned());
    all.extend(files.iter().map(|f| f.display().to_string()));
    let out = pinned(&release("pec-bench"), &all)
        .output()
        .map_err(|e| format!("pec-bench: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "pec-bench {mode} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(parse)
        .collect::<Result<Vec<_>>>()?;
    if lines.len() != files.len() {
        return Err(format!(
            "pec-bench {mode}: {} lines for {} files",
            lines.len(),
            files.len()
        ));
    }
    Ok(lines)
}

/// `FILE TAB verdicts TAB bytes TAB v,v,…`, with every verdict TOTAL-PASSED.
fn parse(text: &str) -> Result<Line> {
    let bad = || format!("pec-bench printed an unexpected line: {text}");
    let mut fields = text.split('\t');
    let (Some(file), Some(verdicts), Some(bytes), Some(values), None) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return Err(bad());
    };
    if verdicts.is_empty() || verdicts.split(',').any(|v| v != "TOTAL-PASSED") {
        return Err(format!(
            "{file} is {verdicts}, not TOTAL-PASSED: its timing would mean nothing"
        ));
    }
    Ok(Line {
        file: PathBuf::from(file),
        bytes: bytes.parse().map_err(|_| bad())?,
        values: values
            .split(',')
            .map(|v| v.parse().map_err(|_| bad()))
            .collect::<Result<_>>()?,
    })
}

fn one(lines: Vec<Line>) -> Result<Line> {
    lines
        .into_iter()
        .next()
        .ok_or_else(|| "pec-bench printed nothing".to_owned())
}

/// A row of time per verification (ns measured, ms shown) with the throughput at the median.
fn time_row(inputs: &Inputs, line: &Line, target: Option<Target>) -> Result<Row> {
    let ms: Vec<f64> = line.values.iter().map(|ns| ns / 1e6).collect();
    let label = format!(
        "{}: verify",
        inputs.describe(&file_name(&line.file), line.bytes)
    );
    let row = Row::new(SECTION, label, &ms, Unit::Ms, target)?;
    let mb_per_s = line.bytes / 1e6 / (row.median / 1e3);
    Ok(row.with_note(&format!("{mb_per_s:.0} MB/s")))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn reads_lines_and_refuses_what_did_not_pass() {
        let line = parse("/x/a.eml\tTOTAL-PASSED,TOTAL-PASSED\t1234\t10,20").unwrap();
        assert_eq!(
            (line.file, line.bytes, line.values),
            (Path::new("/x/a.eml").to_owned(), 1234.0, vec![10.0, 20.0])
        );
        assert!(parse("/x/a.eml\tTOTAL-PASSED,INDETERMINATE\t1234\t10").is_err());
        assert!(parse("/x/a.eml\tnot-pec\t1234\t10").is_err());
        assert!(parse("/x/a.eml\tTOTAL-PASSED\t1234").is_err());
    }
}
