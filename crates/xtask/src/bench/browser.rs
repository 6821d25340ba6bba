//! Parts 3 and 4, the page: tests/bench/browser.mjs drives headless Chromium against the static
//! server of dist/ (brotli, as a good host serves it) and prints raw runs; this turns them into
//! rows after checking the verdicts the page showed.

use std::process::Stdio;

use serde_json::Value;

use super::table::{Row, Target, Unit, median};
use super::{Inputs, Part, file_name};
use crate::{Result, cmd, serve};

const IN_PAGE: &str =
    "3. In the browser (the page's size-optimised release build, headless Chromium)";
const FIRST_VISIT: &str = "4. First visit (Fast 4G, CPU 4× slower, cold cache)";

/// Measured choices of each file, after the first choice on each fresh page (timed apart).
const RUNS: usize = 30;
/// First visits, each on a new browser context.
const VISITS: usize = 10;
/// Fresh browsers whose renderer's peak memory is measured.
const PEAK_RUNS: usize = 5;
/// A page keeps every file chosen on it: past this many bytes, the runs go on in a fresh page.
const PAGE_KEEPS_BYTES: f64 = 150e6;

const TARGET_SAMPLE_ENGINE_MS: f64 = 1.0;
const TARGET_FIRST_FILE_MS: f64 = 30.0;
const TARGET_20_MB_ENGINE_MS: f64 = 250.0;
/// The page's memory for the 50 MB envelope above the loaded page, in times the file.
const TARGET_PEAK_TIMES: f64 = 2.5;
const TARGET_TRANSFER_BYTES: f64 = 200_000.0;
const TARGET_USABLE_MS: f64 = 1500.0;

pub fn run(inputs: &Inputs) -> Result<Part> {
    let envelope = inputs.envelope(20)?;
    let peak_file = inputs.envelope(50)?;
    let (url, _server) = serve::spawn()?;
    let mut args = vec![
        "tests/bench/browser.mjs".to_owned(),
        RUNS.to_string(),
        VISITS.to_string(),
        PEAK_RUNS.to_string(),
        PAGE_KEEPS_BYTES.to_string(),
        peak_file.display().to_string(),
    ];
    args.extend(
        inputs
            .samples
            .iter()
            .chain([envelope])
            .map(|f| f.display().to_string()),
    );
    println!("\n$ node {}", args.join(" "));
    let mut node = cmd("node", &[]);
    node.args(&args)
        .env("PEC_URL", &url)
        .stderr(Stdio::inherit());
    let out = node.output().map_err(|e| format!("node: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "tests/bench/browser.mjs exited with {}",
            out.status
        ));
    }
    let records = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).map_err(|e| format!("bench output {line}: {e}")))
        .collect::<Result<Vec<Value>>>()?;

    let mut rows = Vec::new();
    let mut visits = String::new();
    // Calls timed together in each round beside PKI.js.
    let mut repeat = 0;
    // Each row with its place in the table: engine, page path, memory, first visit.
    for record in &records {
        let values = numbers(&record["values"]);
        let file = record["file"].as_str().unwrap_or_default();
        let bytes = record["bytes"].as_f64().unwrap_or_default();
        let described = inputs.describe(file, bytes);
        let is_envelope = inputs.envelopes.iter().any(|(_, p)| file_name(p) == file);
        let verdicts = shown_verdicts(record, is_envelope)?;
        let row = match record["measure"].as_str().unwrap_or_default() {
            "engine" => (0, {
                let target = if is_envelope {
                    TARGET_20_MB_ENGINE_MS
                } else {
                    TARGET_SAMPLE_ENGINE_MS
                };
                Row::new(
                    IN_PAGE,
                    format!("{described}: engine{verdicts}"),
                    &values,
                    Unit::Ms,
                    Some(Target::AtMost(target)),
                )?
            }),
            "first" => (
                1,
                Row::new(
                    IN_PAGE,
                    format!("{described}: engine, first file of a fresh page{verdicts}"),
                    &values,
                    Unit::Ms,
                    // A receipt's target: an envelope's first run has none, its size sets its time.
                    (!is_envelope).then_some(Target::AtMost(TARGET_FIRST_FILE_MS)),
                )?,
            ),
            "warm-up" => (
                1,
                Row::new(
                    IN_PAGE,
                    "The worker's warm-up on a fresh page, before it is ready",
                    &values,
                    Unit::Ms,
                    None,
                )?,
            ),
            "worker" => (
                2,
                Row::new(
                    IN_PAGE,
                    format!("{described}: hand-over to the page's worker until the report is back"),
                    &values,
                    Unit::Ms,
                    None,
                )?,
            ),
            "page" => (
                2,
                Row::new(
                    IN_PAGE,
                    format!("{described}: choice to verdict on screen"),
                    &values,
                    Unit::Ms,
                    None,
                )?,
            ),
            "peak" => {
                let before = numbers(&record["before"]);
                let above: Vec<f64> = values
                    .iter()
                    .zip(&before)
                    .map(|(peak, before)| (peak - before) / bytes)
                    .collect();
                rows.push((
                    3,
                    Row::new(
                        IN_PAGE,
                        format!("{described}: the page's memory above the loaded page"),
                        &above,
                        Unit::Times,
                        Some(Target::AtMost(TARGET_PEAK_TIMES)),
                    )?,
                ));
                let row = Row::new(
                    IN_PAGE,
                    format!("{described}: peak RSS of the page's renderer{verdicts}"),
                    &values,
                    Unit::Bytes,
                    None,
                )?;
                let times = row.median / bytes;
                let before = median(&before).unwrap_or_default();
                (
                    3,
                    row.with_note(&format!(
                        "{times:.2} × the file; {} before it was chosen",
                        Unit::Bytes.show(before)
                    )),
                )
            }
            "peer" => {
                repeat = record["repeat"].as_u64().unwrap_or_default();
                let note = format!(
                    "engine {} and PKI.js {} a file, medians",
                    Unit::Ms.show(median(&numbers(&record["engine"])).unwrap_or_default()),
                    Unit::Ms.show(median(&numbers(&record["peer"])).unwrap_or_default()),
                );
                (
                    3,
                    Row::new(
                        IN_PAGE,
                        format!(
                            "{described}: PKI.js (the CMS signature alone) ÷ the engine module \
                             (every check), round by round"
                        ),
                        &values,
                        Unit::Times,
                        None,
                    )?
                    .with_note(&note),
                )
            }
            "transfer" => (4, {
                visits = describe_visits(record);
                Row::new(
                    FIRST_VISIT,
                    "Transfer as received, headers included",
                    &values,
                    Unit::Bytes,
                    Some(Target::AtMost(TARGET_TRANSFER_BYTES)),
                )?
            }),
            "takes-files" => (
                5,
                Row::new(
                    FIRST_VISIT,
                    "Navigation start until the page takes files (first paint)",
                    &values,
                    Unit::Ms,
                    None,
                )?,
            ),
            "usable" => (
                6,
                Row::new(
                    FIRST_VISIT,
                    "Navigation start until the engine runs (its drop zone works)",
                    &values,
                    Unit::Ms,
                    Some(Target::AtMost(TARGET_USABLE_MS)),
                )?,
            ),
            "ready" => (
                7,
                Row::new(
                    FIRST_VISIT,
                    "Navigation start until the engine's worker is ready",
                    &values,
                    Unit::Ms,
                    None,
                )?,
            ),
            other => return Err(format!("unknown measure `{other}` from browser.mjs")),
        };
        rows.push(row);
    }
    rows.sort_by_key(|(place, _)| *place);
    let rows = rows.into_iter().map(|(_, row)| row).collect();

    Ok(Part {
        rows,
        method: vec![
            format!(
                "**3. In the browser**: the page as `cargo xtask build` makes it, served by \
                 xtask's static server, in headless Chromium driven by playwright-core \
                 (tests/bench/browser.mjs). Each file is chosen through the page's file input \
                 {RUNS} times; a page keeps every file it was given, so a fresh page (new \
                 context) is opened whenever its files would pass {}. *Engine* is the page's own User Timing measure \
                 `pec-verify`: the call of `pec::verify` in the page's worker, timed by the \
                 worker's clock (the worker reads its trust anchors once, when it starts). \
                 *Hand-over to the page's worker* is the measure `pec-worker`, from posting the \
                 file to the worker to having its report and bytes back: the worker's reading of \
                 the file and the two messages added. Each page's first \
                 choice is timed apart, on at least 10 fresh pages, once the page's worker is \
                 ready: *first file of a fresh page* pays for what the worker's warm-up left \
                 cold (it verifies the test factory's completa delivery receipt once, before it \
                 says it is ready: its measure `pec-warm-up`) and for verifying the provider's \
                 certificate links (two RSA-4096 signatures), which the engine then remembers \
                 for the page's life. *Choice to verdict on screen* runs from \
                 the `change` event to the animation frame after the verdict is in the page \
                 (reading the file, the busy state, the engine, rendering). A page's clock \
                 ticks in 0.1 ms steps (Chromium, not cross-origin isolated). The page trusts \
                 only the real PEC anchors, so the test factory's envelope is INDETERMINATE \
                 there (its signature intact, its test CA not trusted): the same work up to the \
                 last step of the chain.",
                Unit::Bytes.show(PAGE_KEEPS_BYTES)
            ),
            format!(
                "**Beside PKI.js**: on each genuine sample, in one page of the served origin, \
                 {RUNS} rounds each time {repeat} calls of the engine module's `verify` (every \
                 PEC check, the report as a JavaScript object) and then {repeat} of PKI.js 4.0.0 \
                 (`ContentInfo.fromBER`, `SignedData.verify` with the signed part's bytes: the \
                 CMS signature over WebCrypto, no chain, no PEC rule), bundled by esbuild; the \
                 row is the ratio of the two times, round by round (tests/bench/peer.mjs)."
            ),
            format!(
                "**Page memory**: in a fresh browser with one fresh page, the 50 MB envelope is \
                 chosen; once its verdict shows, the peak resident set (VmHWM in \
                 /proc/PID/status) of each renderer process listed by the DevTools protocol's \
                 `SystemInfo.getProcessInfo` is read, and the largest is the page's \
                 ({PEAK_RUNS} browsers). The same reading just before the file is chosen shows \
                 what the loaded page holds without it; the memory above the loaded page is \
                 the difference, in times the file, run by run."
            ),
            format!(
                "**4. First visit**: {VISITS} visits, each in a new browser context (empty \
                 cache), with the DevTools protocol's `Network.emulateNetworkConditions` set to \
                 Chrome DevTools' own *Fast 4G* preset (`Fast4GConditions` in devtools-frontend \
                 front_end/core/sdk/NetworkManager.ts: 9 Mbit/s down and 1.5 Mbit/s up, both \
                 × 0.9, latency 60 ms × 2.75) and `Emulation.setCPUThrottlingRate`, after one \
                 unthrottled visit that lets the server compress each file once. *Transfer* is the sum of \
                 `Network.loadingFinished` `encodedDataLength` over every response, headers \
                 included; the server sends brotli (quality 11) when the browser accepts it. \
                 *The page takes files* from its first contentful paint: index.html's own drop \
                 zone is painted then, and the page's script holds what it is given until the \
                 engine runs. *The drop zone works* when the app is mounted: its file input is \
                 in the page (the input and its listeners come with the mounted wasm app), timed \
                 with `performance.now()` from navigation start; files given then wait in \
                 the page's worker until it is ready (its User Timing mark \
                 `pec-engine-ready`). Emulation adds latency per request, \
                 not the DNS and TCP set-up of a real network. {visits}"
            ),
        ],
    })
}

fn numbers(array: &Value) -> Vec<f64> {
    array
        .as_array()
        .map(|v| v.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

/// " (verdict shown: indeterminate)" for the factory's envelopes; nothing for the genuine
/// samples, which must show that they are genuine.
fn shown_verdicts(record: &Value, is_envelope: bool) -> Result<String> {
    let Some(verdicts) = record["verdicts"].as_array() else {
        return Ok(String::new());
    };
    let verdicts: Vec<&str> = verdicts.iter().filter_map(Value::as_str).collect();
    let file = record["file"].as_str().unwrap_or_default();
    let allowed: &[&str] = if is_envelope {
        &["passed", "indeterminate"]
    } else {
        &["passed"]
    };
    if verdicts.is_empty() || verdicts.iter().any(|v| !allowed.contains(v)) {
        return Err(format!(
            "the page showed {file} as {verdicts:?}: the timing would mean nothing"
        ));
    }
    Ok(if is_envelope {
        format!(" (verdict shown: {})", verdicts.join(", "))
    } else {
        String::new()
    })
}

/// The emulation as applied and the last visit's responses: "Applied: … Responses: `/` br
/// 1.02 KB, …".
fn describe_visits(record: &Value) -> String {
    let network = &record["network"];
    let number = |value: &Value| value.as_f64().unwrap_or_default();
    let responses = record["responses"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|r| {
                    format!(
                        "`{}` {} {}",
                        r["url"].as_str().unwrap_or_default(),
                        r["encoding"].as_str().unwrap_or_default(),
                        Unit::Bytes.show(number(&r["bytes"]))
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    format!(
        "Applied: download {:.0} B/s, upload {:.0} B/s, latency {:.0} ms, CPU {}× slower. \
         Responses of the last visit: {responses}.",
        number(&network["downloadThroughput"]),
        number(&network["uploadThroughput"]),
        number(&network["latency"]),
        number(&record["cpuSlowdown"]),
    )
}
