//! Fuzzing the core with cargo-fuzz (libFuzzer): installs cargo-fuzz when missing, seeds each
//! target's corpus from the shared samples, and runs the targets one after another.

use std::path::{Path, PathBuf};

use crate::{Result, cmd, exec, output, root};

/// Each target of crates/pec/fuzz with the longest input libFuzzer may build: whole messages
/// for `verify` (the largest sample is about 80 KB), one XML part for `daticert`, a signed
/// entity for `structure`, a few files for `dossier`, a signature for `ber`, an Outlook file
/// for `msg`, a zip of a message or two for `zip`, a revocation list for `crl`, a report's
/// binary form for `transport`.
const TARGETS: [(&str, usize); 9] = [
    ("verify", 256 << 10),
    ("daticert", 64 << 10),
    ("structure", 256 << 10),
    ("dossier", 512 << 10),
    ("ber", 64 << 10),
    ("msg", 256 << 10),
    ("zip", 256 << 10),
    ("crl", 64 << 10),
    ("transport", 256 << 10),
];

const DEFAULT_SECONDS: u64 = 60;

/// `args` are an optional target name and an optional number of seconds per target.
pub fn run(args: impl Iterator<Item = String>) -> Result {
    let mut targets = TARGETS.to_vec();
    let mut seconds = DEFAULT_SECONDS;
    for arg in args {
        if let Some(&target) = TARGETS.iter().find(|(name, _)| *name == arg) {
            targets = vec![target];
        } else {
            seconds = arg.parse().map_err(|_| {
                format!(
                    "`{arg}` is neither a fuzz target (verify, daticert, structure, dossier, ber, msg, zip, crl, transport) nor a number of seconds"
                )
            })?;
        }
    }

    cargo_fuzz()?;
    let fuzz_dir = root().join("crates/pec/fuzz");
    for (target, max_len) in targets {
        let corpus = fuzz_dir.join("corpus").join(target);
        let seeds = seed(target, &corpus)?;
        println!(
            "fuzz: {seeds} seed inputs for `{target}` in {}",
            corpus.display()
        );
        let mut fuzz = cmd(
            "cargo",
            &[
                "fuzz",
                "run",
                // Release build without cargo-fuzz's global `-Cdebug-assertions`: the fuzz
                // package's profile turns assertions on for everything but mail-parser.
                "-O",
                target,
                "--",
                &format!("-max_total_time={seconds}"),
                "-rss_limit_mb=4096",
                &format!("-max_len={max_len}"),
            ],
        );
        // cargo-fuzz needs nightly features (sanitizers, -Z flags); stable rustc allows them
        // with this variable, and stable is the project's only toolchain.
        fuzz.current_dir(root().join("crates/pec"))
            .env("RUSTC_BOOTSTRAP", "1");
        exec(fuzz)?;
    }
    Ok(())
}

fn cargo_fuzz() -> Result {
    if output(cmd("cargo", &["fuzz", "--version"])).is_some() {
        return Ok(());
    }
    println!("fuzz: installing cargo-fuzz (compiles from source, a minute or two)");
    exec(cmd("cargo", &["install", "cargo-fuzz", "--locked"]))
}

/// Copies the seed inputs of `target` into `corpus`, next to what earlier runs found; returns
/// how many there are. `verify` gets every sample and factory message, `daticert` the
/// daticert.xml parts they carry, `structure` their signed entities, `ber` their signatures,
/// `zip` each in every form of zip, `crl` the factory's revocation lists (the shared samples
/// hold none), `transport` their reports' binary form.
fn seed(target: &str, corpus: &Path) -> Result<usize> {
    std::fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut count = 0;
    let ext = match target {
        "msg" | "crl" => target,
        _ => "eml",
    };
    let shared = if target == "crl" {
        Vec::new()
    } else {
        samples(ext)?
    };
    for (name, bytes) in shared.into_iter().chain(factory_messages(ext)?) {
        let seeds = match target {
            "daticert" => daticerts(&bytes),
            "structure" => signed_entities(&bytes),
            "ber" => signatures(&bytes),
            "transport" => vec![pec::transport::encode(&pec::verify(
                &bytes,
                &pec::Options::default(),
            ))],
            "zip" => pec_factory::Zip::ALL
                .map(|form| form.pack("ricevuta.eml", &bytes))
                .to_vec(),
            _ => vec![bytes],
        };
        for (index, seed) in seeds.iter().enumerate() {
            let path = corpus.join(format!("seed-{name}-{index}"));
            std::fs::write(&path, seed).map_err(|e| format!("{}: {e}", path.display()))?;
            count += 1;
        }
    }
    Ok(count)
}

/// A message of every kind and every way to fail, as the test factory writes them, in the
/// files named `*.ext`.
fn factory_messages(ext: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let dir = root().join("target/fuzz-seeds");
    exec(cmd(
        "cargo",
        &[
            "run",
            "--quiet",
            "-p",
            "pec-factory",
            "--",
            &dir.to_string_lossy(),
        ],
    ))?;
    let mut messages = Vec::new();
    for file in read_dir(&dir)? {
        if file.extension().is_some_and(|found| found == ext) {
            let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            messages.push((format!("factory-{}", file_name(&file)), bytes));
        }
    }
    Ok(messages)
}

/// Every `*.ext` under ../shared/samples, named `<folder>-<file>`.
fn samples(ext: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let dir = root().join("../shared/samples");
    let mut samples = Vec::new();
    for folder in read_dir(&dir)? {
        if !folder.is_dir() {
            continue;
        }
        for file in read_dir(&folder)? {
            if file.extension().is_some_and(|found| found == ext) {
                let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
                let name = format!("{}-{}", file_name(&folder), file_name(&file));
                samples.push((name, bytes));
            }
        }
    }
    if samples.is_empty() {
        return Err(format!("no .{ext} samples under {}", dir.display()));
    }
    Ok(samples)
}

/// The daticert.xml of every signed message in `message`, as the core reads them.
fn daticerts(message: &[u8]) -> Vec<Vec<u8>> {
    signed_entities(message)
        .iter()
        .filter_map(|signed| pec::content::read(signed).daticert)
        .collect()
}

/// The signed entity of every signed message in `message`.
fn signed_entities(message: &[u8]) -> Vec<Vec<u8>> {
    pec::locate::find(message)
        .unwrap_or_default()
        .signed()
        .map(|found| found.signed.into_owned())
        .collect()
}

/// The signature of every signed message in `message`, as sent and in the BER forms mail
/// clients write.
fn signatures(message: &[u8]) -> Vec<Vec<u8>> {
    pec::locate::find(message)
        .unwrap_or_default()
        .signed()
        .filter_map(|found| found.signature)
        .flat_map(|sent| {
            let der = pec::ber::to_der(&sent).unwrap_or_default();
            let ber = pec_factory::Ber::ALL.map(|ber| ber.encode(&der));
            std::iter::once(sent).chain(ber)
        })
        .collect()
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}
