//! Every test the project has, in order, stopping at the first failure.

use std::process::Command;
use std::time::Instant;

use crate::{Result, cmd, exec, root, serve, setup};

/// The engines of the cross-engine suite (tests/engines/), each a file there, with the name a
/// report gives it.
const OTHER_ENGINES: [(&str, &str); 2] = [("webkit", "WebKit"), ("firefox", "Firefox")];

/// The Python package's crate, a workspace of its own.
const PYTHON_CRATE: &str = "crates/pec-py/Cargo.toml";

pub fn run() -> Result {
    setup::run()?;
    step(
        "formatting",
        exec(cmd("cargo", &["fmt", "--all", "--check"])).and_then(|()| {
            exec(cmd(
                "cargo",
                &["fmt", "--manifest-path", PYTHON_CRATE, "--check"],
            ))
        }),
    )?;
    step(
        "clippy",
        exec(cmd(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ))
        .and_then(|()| {
            exec(cmd(
                "cargo",
                &[
                    "clippy",
                    "-p",
                    "pec-web",
                    "-p",
                    "pec-js",
                    "--all-targets",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--",
                    "-D",
                    "warnings",
                ],
            ))
        })
        .and_then(|()| {
            exec(cmd(
                "cargo",
                &[
                    "clippy",
                    "--manifest-path",
                    PYTHON_CRATE,
                    "--",
                    "-D",
                    "warnings",
                ],
            ))
        }),
    )?;
    step("native tests", exec(cmd("cargo", &["test", "--workspace"])))?;
    step("the Python package", crate::python::run())?;
    let mut wasm_tests = cmd(
        "cargo",
        &[
            "test",
            "-p",
            "pec-web",
            "--target",
            "wasm32-unknown-unknown",
        ],
    );
    wasm_tests.env("CHROMEDRIVER", "/usr/bin/chromedriver");
    step("wasm tests in headless Chromium", exec(wasm_tests))?;
    step("release build", crate::build::run())?;
    step("browser end-to-end tests", end_to_end())?;
    step("size report", crate::size::run())?;
    println!("\nxtask test: every step passed");
    Ok(())
}

/// The tests of what a host changes (the page's headers, caching, offline use, framing) again
/// against Debian's nginx with the configuration of `deploy/nginx`.
fn behind_nginx(node: &dyn Fn(&[&str]) -> Command) -> Result {
    let started = Instant::now();
    let nginx = crate::nginx::spawn()?;
    let mut tests = node(&[
        "--test",
        "--test-concurrency=1",
        "tests/hosting.test.mjs",
        "tests/hosting/nginx.mjs",
        "tests/page.test.mjs",
        "tests/offline.test.mjs",
        "tests/embed.test.mjs",
    ]);
    tests.env("PEC_URL", &nginx.url).env("PEC_HOST", "nginx");
    step("behind nginx", exec(tests))?;
    println!(
        "end-to-end tests behind nginx: {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn step(name: &str, result: Result) -> Result {
    result.map_err(|e| format!("{name}: {e}"))
}

/// The end-to-end tests run against a static server of dist/, as a user's browser would see it:
/// every test in Chromium, then the cross-engine suite in each other engine, timed.
fn end_to_end() -> Result {
    let (url, _server) = serve::spawn()?;
    let node = |args: &[&str]| -> Command {
        let mut tests = cmd("node", args);
        tests
            .env("PEC_URL", &url)
            .env("PEC_SHARED", root().join("../shared"));
        tests
    };
    step(
        "in Chromium",
        exec(node(&["--test", "--test-concurrency=1", "tests/"])),
    )?;
    behind_nginx(&node)?;
    for (engine, name) in OTHER_ENGINES {
        let started = Instant::now();
        let suite = format!("tests/engines/{engine}.mjs");
        step(&format!("in {name}"), exec(node(&["--test", &suite])))?;
        println!(
            "end-to-end tests in {name}: {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
