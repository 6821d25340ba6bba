//! The Python package: `cargo xtask python` builds the wheel of `crates/pec-py` with maturin
//! and tests it as a user gets it, installed in a fresh virtual environment, with pytest
//! against `pec-verify --json`. The tools (maturin, pytest) come from PyPI once, into
//! target/python/, at pinned versions.

use std::path::{Path, PathBuf};

use crate::{Result, cmd, exec, root};

const MATURIN: &str = "maturin==1.16.0";
const PYTEST: &str = "pytest==9.2.0";

fn dir() -> PathBuf {
    root().join("target/python")
}

/// Builds the wheel, then tests it.
pub fn run() -> Result {
    let wheel = build()?;
    test(&wheel)
}

/// A virtual environment at `path`, made when missing; its Python.
fn venv(path: &Path) -> Result<PathBuf> {
    let python = path.join("bin/python");
    if !python.exists() {
        exec(cmd("python3", &["-m", "venv", &path.display().to_string()]))?;
    }
    Ok(python)
}

/// The wheel, built with maturin in release mode into target/python/wheels/.
fn build() -> Result<PathBuf> {
    let tools = venv(&dir().join("tools"))?;
    let maturin = dir().join("tools/bin/maturin");
    if !maturin.exists() {
        let python = tools.display().to_string();
        exec(cmd(&python, &["-m", "pip", "install", "-q", MATURIN]))?;
    }
    let wheels = dir().join("wheels");
    let _ = std::fs::remove_dir_all(&wheels);
    exec(cmd(
        &maturin.display().to_string(),
        &[
            "build",
            "--release",
            "--quiet",
            "--manifest-path",
            "crates/pec-py/Cargo.toml",
            "--out",
            &wheels.display().to_string(),
        ],
    ))?;
    let built = std::fs::read_dir(&wheels)
        .map_err(|e| format!("{}: {e}", wheels.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|path| path.extension().is_some_and(|e| e == "whl"));
    built.ok_or_else(|| "maturin wrote no wheel".to_owned())
}

/// The wheel installed in a new virtual environment, then `tests/python` run there with the
/// command line and the factory's messages beside it.
fn test(wheel: &Path) -> Result {
    let fresh = dir().join("check");
    let _ = std::fs::remove_dir_all(&fresh);
    let python = venv(&fresh)?.display().to_string();
    let downloads = dir().join("downloads").display().to_string();
    if !dir().join("downloads").exists() {
        exec(cmd(
            &python,
            &["-m", "pip", "download", "-q", "-d", &downloads, PYTEST],
        ))?;
    }
    let wheel = wheel.display().to_string();
    exec(cmd(
        &python,
        &[
            "-m",
            "pip",
            "install",
            "-q",
            "--no-index",
            "--find-links",
            &downloads,
            &wheel,
            PYTEST,
        ],
    ))?;
    exec(cmd(
        "cargo",
        &["build", "--quiet", "-p", "pec-cli", "-p", "pec-factory"],
    ))?;
    let factory = dir().join("factory");
    let _ = std::fs::remove_dir_all(&factory);
    exec(cmd(
        &root()
            .join("target/debug/pec-factory")
            .display()
            .to_string(),
        &[&factory.display().to_string()],
    ))?;
    let mut pytest = cmd(
        &python,
        &[
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/python",
        ],
    );
    pytest
        .env("PEC_SHARED", root().join("../shared"))
        .env("PEC_VERIFY", root().join("target/debug/pec-verify"))
        .env("PEC_FACTORY", &factory);
    exec(pytest)
}
