//! Part 2, a batch: `pec-verify --json` over the factory's series of genuine messages in one
//! process, against the usual way, one `openssl cms -verify` process per file; both on one core.
//! Then `pec-verify` again on every core, which must print the same bytes.

use std::path::Path;
use std::time::Instant;

use serde_json::Value;

use super::table::{Row, Target, Unit};
use super::{Inputs, Part, pinned, release};
use crate::Result;

const SECTION: &str = "2. Batch, one core";
const SECTION_CORES: &str = "2. Batch, every core";

/// Rounds of one `pec-verify` run then one OpenSSL run, so both see the same moments of noise.
const ROUNDS: usize = 10;

const TARGET_RATE: f64 = 2000.0;
const TARGET_RATIO: f64 = 10.0;
/// On two cores; with more, the same figure is a floor.
const TARGET_CORES_RATIO: f64 = 1.7;

/// One `openssl cms -verify` process per file, as a shell script around OpenSSL would: the
/// test root as CAfile, certificates judged at the signing time (`-attime`) as the core judges
/// them. Arguments: the CAfile, then pairs of signing time (Unix seconds) and file. Exits 1 if
/// any file fails.
const OPENSSL_LOOP: &str = r#"ca=$1; shift; failed=0
while [ $# -ge 2 ]; do
  openssl cms -verify -CAfile "$ca" -attime "$1" -in "$2" -out /dev/null || failed=1
  shift 2
done
exit $failed"#;

pub fn run(inputs: &Inputs) -> Result<Part> {
    let count = inputs.series.len();
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut ratios = Vec::new();
    let mut every_core = Vec::new();
    let mut core_ratios = Vec::new();
    for round in 1..=ROUNDS {
        println!("bench: batch round {round} of {ROUNDS}");
        let one = pec_verify(inputs, true)?;
        let openssl_seconds = openssl(inputs, &one.signing_times)?;
        let all = pec_verify(inputs, false)?;
        if all.stdout != one.stdout {
            return Err("pec-verify printed other bytes on every core than on one".into());
        }
        ours.push(count as f64 / one.seconds);
        theirs.push(count as f64 / openssl_seconds);
        ratios.push(openssl_seconds / one.seconds);
        every_core.push(count as f64 / all.seconds);
        core_ratios.push(one.seconds / all.seconds);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rows = vec![
        Row::new(
            SECTION,
            format!("`pec-verify --json`, {count} receipts, one process"),
            &ours,
            Unit::ReceiptsPerSecond,
            Some(Target::AtLeast(TARGET_RATE)),
        )?,
        Row::new(
            SECTION,
            format!("`openssl cms -verify`, the same {count} receipts, one process each"),
            &theirs,
            Unit::ReceiptsPerSecond,
            None,
        )?,
        Row::new(
            SECTION,
            "Speed-up of `pec-verify` over OpenSSL, round by round",
            &ratios,
            Unit::Times,
            Some(Target::AtLeast(TARGET_RATIO)),
        )?,
        Row::new(
            SECTION_CORES,
            format!("`pec-verify --json`, the same {count} receipts, {cores} cores"),
            &every_core,
            Unit::ReceiptsPerSecond,
            None,
        )?,
        Row::new(
            SECTION_CORES,
            format!("Speed-up on {cores} cores over one, round by round"),
            &core_ratios,
            Unit::Times,
            (cores >= 2).then_some(Target::AtLeast(TARGET_CORES_RATIO)),
        )?,
    ];
    Ok(Part {
        rows,
        method: vec![format!(
            "**2. Batch**: {count} distinct genuine messages from the test factory \
             (`pec-factory --series {count}`: the 18 kinds in turn, signed with RSA and SHA-256, \
             RSA and SHA-1, ECDSA P-256 and SHA-256), signed by the test CA. Each of {ROUNDS} \
             rounds runs `pec-verify --json --trust test-root.pem --trust test-pec-ca.pem` on \
             all of them in one process, then a shell loop starting one `openssl cms -verify \
             -CAfile test-root.pem -attime <signing time> -in FILE -out /dev/null` per file; \
             both pinned like part 1, timed from start to exit. Every round checks \
             that the JSON has one line per file and every message TOTAL-PASSED, and that \
             OpenSSL printed \"Verification successful\" once per file and exited 0 each time. \
             The ratio is OpenSSL's time over `pec-verify`'s in the same round. Each round \
             then runs the same `pec-verify` unpinned, on every core of the machine (one \
             thread per core, each with its own verifier), and checks that it prints the same \
             bytes as on one core; the speed-up is the pinned run's time over this one's."
        )],
    })
}

/// One `pec-verify --json` run over the series.
struct Run {
    /// Wall time.
    seconds: f64,
    /// Each file's CMS signing time (Unix seconds).
    signing_times: Vec<i64>,
    stdout: Vec<u8>,
}

/// One `pec-verify --json` run over the series, on one core or on every core, after checking
/// every message is TOTAL-PASSED.
fn pec_verify(inputs: &Inputs, one_core: bool) -> Result<Run> {
    let mut args = vec!["--json".to_owned()];
    args.extend(inputs.trust_args());
    args.extend(inputs.series.iter().map(|f| f.display().to_string()));
    let program = release("pec-verify");
    let mut command = if one_core {
        pinned(&program, &args)
    } else {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        crate::cmd(&program.to_string_lossy(), &args)
    };
    let start = Instant::now();
    let out = command.output().map_err(|e| format!("pec-verify: {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    let signing_times = check_json(&String::from_utf8_lossy(&out.stdout), &inputs.series)?;
    if !out.status.success() {
        return Err(format!(
            "pec-verify exited with {} on the series",
            out.status
        ));
    }
    Ok(Run {
        seconds,
        signing_times,
        stdout: out.stdout,
    })
}

/// Every file has its JSON line, in order, with at least one message and every message
/// TOTAL-PASSED; returns the first message's signing time of each file.
fn check_json(json_lines: &str, files: &[impl AsRef<Path>]) -> Result<Vec<i64>> {
    let lines: Vec<&str> = json_lines.lines().collect();
    if lines.len() != files.len() {
        return Err(format!(
            "pec-verify printed {} JSON lines for {} files",
            lines.len(),
            files.len()
        ));
    }
    lines
        .iter()
        .zip(files)
        .map(|(line, file)| {
            let name = file.as_ref().display().to_string();
            let report: Value =
                serde_json::from_str(line).map_err(|e| format!("{name}: not JSON: {e}"))?;
            if report["file"] != name.as_str() {
                return Err(format!("{name}: the JSON names {}", report["file"]));
            }
            let messages = report["messages"].as_array().cloned().unwrap_or_default();
            if messages.is_empty() || messages.iter().any(|m| m["verdict"] != "TOTAL-PASSED") {
                return Err(format!("{name}: not every message is TOTAL-PASSED"));
            }
            messages[0]["signature"]["signing_time"]
                .as_str()
                .and_then(pec::Timestamp::parse_rfc3339)
                .map(|t| t.unix)
                .ok_or_else(|| format!("{name}: no signing time"))
        })
        .collect()
}

/// The OpenSSL loop over the series: its wall time in seconds, after checking every file
/// verified.
fn openssl(inputs: &Inputs, signing_times: &[i64]) -> Result<f64> {
    let mut args = vec![
        "-c".to_owned(),
        OPENSSL_LOOP.to_owned(),
        "sh".to_owned(),
        inputs.anchors[0].display().to_string(),
    ];
    for (file, time) in inputs.series.iter().zip(signing_times) {
        args.extend([time.to_string(), file.display().to_string()]);
    }
    let mut command = pinned(Path::new("sh"), &args);
    let start = Instant::now();
    let out = command.output().map_err(|e| format!("sh: {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    let successes = String::from_utf8_lossy(&out.stderr)
        .matches("Verification successful")
        .count();
    if !out.status.success() || successes != inputs.series.len() {
        return Err(format!(
            "OpenSSL verified {successes} of {} files (exit {})",
            inputs.series.len(),
            out.status
        ));
    }
    Ok(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_must_pass_for_every_file() {
        let good = r#"{"file":"a.eml","messages":[{"verdict":"TOTAL-PASSED","signature":{"signing_time":"2024-03-15T09:30:00Z"}}]}"#;
        assert_eq!(check_json(good, &["a.eml"]), Ok(vec![1_710_495_000]));
        let failed = good.replace("TOTAL-PASSED", "TOTAL-FAILED");
        assert!(check_json(&failed, &["a.eml"]).is_err());
        let none = r#"{"file":"a.eml","messages":[]}"#;
        assert!(check_json(none, &["a.eml"]).is_err());
        assert!(check_json(good, &["b.eml"]).is_err());
        assert!(check_json(good, &["a.eml", "b.eml"]).is_err());
    }
}
