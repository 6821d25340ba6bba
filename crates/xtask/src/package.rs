//! The npm package: `cargo xtask package` builds the engine module and packs it, with its
//! worker, its Node entry and its TypeScript declarations, as `target/npm/pec-verify-VERSION.tgz`
//! (`npm pack`), which `npm install` takes as it is. `tests/package.test.mjs` installs it in a
//! scratch project and uses it in Node and in Chromium, bundled and not.

use crate::module::{self, DIR, FILES, TYPES};
use crate::{Result, cmd, exec, root};

/// The package's name on npm, and the version of the workspace.
const NAME: &str = "pec-verify";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the package adds to the module's files: its entry for Node, its README.
const NODE: [&str; 2] = ["node.js", "node.d.ts"];
const README: &str = "crates/pec-js/README.md";

pub fn run() -> Result {
    module::run()?;
    let root = root();
    let staging = root.join("target/npm/package");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| format!("cannot make {staging:?}: {e}"))?;
    let copy = |from: std::path::PathBuf, name: &str| {
        std::fs::copy(&from, staging.join(name))
            .map(|_| ())
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))
    };
    for name in FILES.iter().chain(&TYPES) {
        copy(root.join(DIR).join(name), name)?;
    }
    for name in NODE {
        copy(root.join("crates/pec-js/js").join(name), name)?;
    }
    copy(root.join(README), "README.md")?;
    std::fs::write(staging.join("package.json"), manifest())
        .map_err(|e| format!("cannot write package.json: {e}"))?;
    let out = root.join("target/npm");
    let mut pack = cmd(
        "npm",
        &[
            "pack",
            "--quiet",
            "--pack-destination",
            &out.to_string_lossy(),
        ],
    );
    pack.current_dir(&staging);
    exec(pack)?;
    println!("\n{}", out.join(tarball()).display());
    Ok(())
}

/// The packed file's name, as `npm pack` writes it.
pub fn tarball() -> String {
    format!("{NAME}-{VERSION}.tgz")
}

/// package.json: an ES module, Node's entry apart from the browsers', the worker as its own
/// export, the types of each.
fn manifest() -> String {
    let files: Vec<String> = FILES
        .iter()
        .chain(&TYPES)
        .chain(&NODE)
        .map(|f| format!("\"{f}\""))
        .collect();
    format!(
        r#"{{
  "name": "{NAME}",
  "version": "{VERSION}",
  "description": "Verify Italian PEC receipts and envelopes (.eml, Outlook .msg, signed .p7m) in the browser or in Node: signature, chain to the PEC CA, certified data. WebAssembly, no network.",
  "license": "{license}",
  "type": "module",
  "files": [{files}],
  "exports": {{
    ".": {{
      "node": {{ "types": "./node.d.ts", "default": "./node.js" }},
      "types": "./pec.d.ts",
      "default": "./pec.js"
    }},
    "./worker": {{ "types": "./pec-worker.d.ts", "default": "./pec-worker.js" }},
    "./pec_bg.wasm": "./pec_bg.wasm"
  }},
  "sideEffects": ["./node.js"],
  "keywords": ["pec", "posta elettronica certificata", "cades", "cms", "s/mime", "verify"]
}}
"#,
        license = env!("CARGO_PKG_LICENSE"),
        files = files.join(", "),
    )
}
