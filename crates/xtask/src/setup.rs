//! Installs what building and testing need, each only when missing, and says what it installs.
//! Versions are pinned: Trunk and geckodriver here, wasm-bindgen by Cargo.lock, npm packages by
//! package-lock.json; the browsers and their drivers are Debian's.

use std::path::Path;

use crate::{Result, cmd, exec, output, root};

const TRUNK_VERSION: &str = "0.21.14";
const GECKODRIVER_VERSION: &str = "0.37.1";

/// Debian's packages the tests need, each with a file that shows it is installed: Chromium
/// and its driver, WebKitGTK's driver (which brings MiniBrowser) with Xvfb for its display,
/// Firefox ESR, ca-certificates, whose Mozilla roots the core's embedded anchors are
/// compared with (`embedded_roots_are_debians`), and nginx with its brotli module, which the
/// hosting tests serve the page with (`deploy/nginx`).
const DEBIAN_PACKAGES: [(&str, &str); 8] = [
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    ("webkit2gtk-driver", "/usr/bin/WebKitWebDriver"),
    ("xvfb", "/usr/bin/Xvfb"),
    ("firefox-esr", "/usr/bin/firefox-esr"),
    ("ca-certificates", "/usr/share/ca-certificates/mozilla"),
    ("nginx", "/usr/sbin/nginx"),
    (
        "libnginx-mod-http-brotli-filter",
        "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so",
    ),
];

pub fn run() -> Result {
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_packages()?;
    debian_packages()?;
    geckodriver()?;
    println!("setup: everything is in place");
    Ok(())
}

fn wasm_target() -> Result {
    let installed = output(cmd("rustup", &["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    println!("setup: installing the wasm32-unknown-unknown target");
    exec(cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk() -> Result {
    if tool_version("trunk").as_deref() == Some(TRUNK_VERSION) {
        return Ok(());
    }
    println!("setup: installing Trunk {TRUNK_VERSION} (compiles from source, about 7 minutes)");
    exec(cmd(
        "cargo",
        &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
    ))
}

/// The CLI must match the wasm-bindgen crate exactly; its own lockfile names a crate version
/// the registry no longer has, hence no `--locked`.
fn wasm_bindgen() -> Result {
    let wanted = locked_version("wasm-bindgen")?;
    if tool_version("wasm-bindgen").as_deref() == Some(wanted.as_str())
        && tool_version("wasm-bindgen-test-runner").as_deref() == Some(wanted.as_str())
    {
        return Ok(());
    }
    println!("setup: installing wasm-bindgen-cli {wanted} (compiles from source, about 3 minutes)");
    exec(cmd(
        "cargo",
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &wanted,
            "--force",
        ],
    ))
}

/// `npm ci` when node_modules does not match package-lock.json.
fn npm_packages() -> Result {
    let root = root();
    let lock = std::fs::read(root.join("package-lock.json"))
        .map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = root.join("node_modules/.package-lock.stamp");
    let digest = crate::build::sha256_base64(&lock);
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == digest) {
        return Ok(());
    }
    println!(
        "setup: installing npm packages from package-lock.json (binaryen, playwright-core, selenium-webdriver, pngjs, axe-core, esbuild, typescript)"
    );
    exec(cmd("npm", &["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp, digest).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// One `apt-get install` of the packages whose file is missing.
fn debian_packages() -> Result {
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!(
        "setup: installing Debian's {} (a minute or two)",
        missing.join(", ")
    );
    exec(cmd("apt-get", &["update", "-q"]))?;
    let mut install = cmd("apt-get", &["install", "-y", "-q"]);
    install
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    exec(install)
}

/// Firefox's WebDriver server, from the Rust package registry (Debian has none).
fn geckodriver() -> Result {
    if tool_version("geckodriver").as_deref() == Some(GECKODRIVER_VERSION) {
        return Ok(());
    }
    println!(
        "setup: installing geckodriver {GECKODRIVER_VERSION} (compiles from source, about 5 minutes)"
    );
    exec(cmd(
        "cargo",
        &[
            "install",
            "geckodriver",
            "--version",
            GECKODRIVER_VERSION,
            "--locked",
        ],
    ))
}

/// The version a tool prints (`trunk 0.21.14`, `wasm-bindgen 0.2.130`): its second word.
fn tool_version(tool: &str) -> Option<String> {
    let text = output(cmd(tool, &["--version"]))?;
    text.split_whitespace().nth(1).map(str::to_owned)
}

/// The version of a package in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let marker = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&marker)
        .ok_or(format!("{package} is not in Cargo.lock"))?
        + marker.len();
    Ok(lock[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned())
}
