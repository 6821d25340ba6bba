//! The engine as a JavaScript module for portals (crates/pec-js): built for wasm with the `web`
//! profile like the page, bound by wasm-bindgen for ES modules, shrunk by wasm-opt, into
//! dist/engine/ next to the page, which does not load it.

use crate::{Result, cmd, exec, root};

/// Where the module lands, relative to the workspace root.
pub const DIR: &str = "dist/engine";

/// The module's files: `pec.js`, which a portal imports, and the wasm it fetches.
pub const FILES: [&str; 2] = ["pec.js", "pec_bg.wasm"];

pub fn run() -> Result {
    exec(cmd(
        "cargo",
        &[
            "build",
            "-p",
            "pec-js",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "web",
        ],
    ))?;
    let root = root();
    let dir = root.join(DIR);
    let built = root.join("target/wasm32-unknown-unknown/web/pec_js.wasm");
    exec(cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "pec",
            "--out-dir",
            &dir.to_string_lossy(),
            &built.to_string_lossy(),
        ],
    ))?;
    // The same optimisation Trunk gives the page's wasm (data-wasm-opt="z"), in place.
    let wasm = dir.join(FILES[1]).to_string_lossy().into_owned();
    exec(cmd("wasm-opt", &["-Oz", "--output", &wasm, &wasm]))
}
