//! The engine as a JavaScript module for portals (crates/pec-js): built for wasm with the `web`
//! profile like the page, bound by wasm-bindgen for ES modules, shrunk by wasm-opt, into
//! dist/engine/ next to the page, which does not load it; with the scripts that run it in a
//! worker.

use crate::{Result, cmd, exec, root};

/// Where the module lands, relative to the workspace root.
pub const DIR: &str = "dist/engine";

/// The module's files: `pec.js`, which a portal imports, and the wasm it fetches; then
/// `pec-worker.js`, which runs it in `worker.js`, off the portal page's thread.
pub const FILES: [&str; 4] = ["pec.js", "pec_bg.wasm", "pec-worker.js", "worker.js"];

/// The module's TypeScript declarations, for portals' editors and compilers: not loaded.
pub const TYPES: [&str; 2] = ["pec.d.ts", "pec-worker.d.ts"];

/// Where the worker's two scripts and the declarations are kept, beside the crate they serve.
const SCRIPTS: &str = "crates/pec-js/js";

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
    exec(cmd("wasm-opt", &["-Oz", "--output", &wasm, &wasm]))?;
    for script in FILES[2..].iter().chain(&TYPES) {
        std::fs::copy(root.join(SCRIPTS).join(script), dir.join(script))
            .map_err(|e| format!("cannot copy {script} into {DIR}: {e}"))?;
    }
    Ok(())
}
