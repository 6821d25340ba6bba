//! The release build of the page: Trunk, offline, then the Content-Security-Policy completed
//! with the hash of the one inline script Trunk writes (the wasm loader).

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::{Result, cmd, exec, root};

const PLACEHOLDER: &str = "TRUNK_LOADER_HASH";

pub fn run() -> Result {
    exec(cmd("trunk", &["build", "--release"]))?;
    let index = root().join("dist/index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("dist/index.html: {e}"))?;
    let html = pin_inline_scripts(&html)?;
    std::fs::write(&index, html).map_err(|e| format!("dist/index.html: {e}"))?;
    crate::module::run()?;
    crate::offline::run()
}

/// Replaces the placeholder in the policy with `'sha256-…'` of every inline script.
fn pin_inline_scripts(html: &str) -> Result<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let tag_end = rest[start..].find('>').ok_or("unterminated <script> tag")? + start + 1;
        let body_end = rest[tag_end..]
            .find("</script>")
            .ok_or("unterminated <script>")?
            + tag_end;
        if !rest[start..tag_end].contains("src=") {
            let hash = sha256_base64(&rest.as_bytes()[tag_end..body_end]);
            hashes.push(format!("'sha256-{hash}'"));
        }
        rest = &rest[body_end..];
    }
    if !html.contains(PLACEHOLDER) {
        return Err(format!(
            "index.html has no {PLACEHOLDER} in its Content-Security-Policy"
        ));
    }
    Ok(html.replace(PLACEHOLDER, &hashes.join(" ")))
}

pub fn sha256_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = "<meta content=\"script-src 'self' TRUNK_LOADER_HASH\"><script src=\"/a.js\"></script>\
                    <script type=\"module\">boot()</script>";
        let pinned = pin_inline_scripts(html).unwrap();
        let expected = format!("'sha256-{}'", sha256_base64(b"boot()"));
        assert!(
            pinned.contains(&format!("script-src 'self' {expected}\"")),
            "{pinned}"
        );
    }

    #[test]
    fn refuses_a_page_without_the_placeholder() {
        assert!(pin_inline_scripts("<script>x</script>").is_err());
    }
}
