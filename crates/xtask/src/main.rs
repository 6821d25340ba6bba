//! `cargo xtask`: everything the project needs, from a fresh machine to a tested build, with
//! cargo as the only prerequisite.

mod bench;
mod build;
mod fuzz;
mod module;
mod nginx;
mod offline;
mod package;
mod python;
mod serve;
mod setup;
mod size;
mod test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask <command>

  setup   install whatever is missing (wasm target, Trunk, wasm-bindgen CLI, npm packages,
          Chromium, WebKitGTK and Xvfb, Firefox ESR, geckodriver)
  build   set up, then build the page in release mode into dist/, the engine module into
          dist/engine/
  serve   build, then serve dist/ at http://127.0.0.1:8080
  test    set up, then run every test: fmt, clippy, native, wasm in Chromium, release build,
          browser end-to-end tests (Chromium, then WebKit and Firefox), size report
  size    print the size report of dist/ and check it against the budget
  fuzz [TARGET] [SECONDS]
          fuzz the core with cargo-fuzz: one target (verify, daticert, structure, dossier,
          ber, msg) or all (default), 60 s each
  python  build the Python package's wheel with maturin, install it in a fresh virtual
          environment and run its tests (tests/python, pytest)
  package build the engine module and pack it for npm: target/npm/pec-verify-VERSION.tgz
  nginx [--root DIR] [--server-name NAME] [--listen PORT] [--frame-ancestors FILE]
          print Debian nginx's configuration of the site for the build in dist/
  bench   set up, build, then measure the core natively, a batch against OpenSSL, the page in
          Chromium and its first visit; writes target/bench/report.md (minutes; not part of test)";

fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_default();
    let result = match command.as_str() {
        "setup" => setup::run(),
        "build" => setup::run().and_then(|()| build::run()),
        "serve" => setup::run()
            .and_then(|()| build::run())
            .and_then(|()| serve::run()),
        "test" => test::run(),
        "size" => size::run(),
        "fuzz" => fuzz::run(std::env::args().skip(2)),
        "nginx" => nginx::run(std::env::args().skip(2)),
        "python" => python::run(),
        "package" => setup::run().and_then(|()| package::run()),
        "bench" => bench::run(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask {command}: FAILED: {message}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (xtask lives in crates/xtask).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_default()
}

/// A command run from the workspace root, with the project's tools first on PATH.
fn cmd(program: &str, args: &[&str]) -> Command {
    let root = root();
    let mut path = vec![root.join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("HOME") {
        path.push(Path::new(&home).join(".cargo/bin"));
    }
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(&root)
        .env("PATH", std::env::join_paths(path).unwrap_or_default())
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

/// Runs a command, echoing it; fails with a sentence naming it.
fn exec(mut command: Command) -> Result {
    let shown = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    println!("\n$ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} exited with {status}"))
    }
}

/// A command's standard output, or `None` when it cannot run or fails.
fn output(mut command: Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
