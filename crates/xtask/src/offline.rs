//! The page offline: the service worker Trunk copied to dist/sw.js (from www/sw.js) gets the
//! list of files to keep and a version derived from their content, so every build that changes
//! a file replaces the cache of the one before, and a build that changes nothing keeps it.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{Result, root};

const FILES: &str = "OFFLINE_FILES";
const VERSION: &str = "OFFLINE_VERSION";
/// The worker, which is not one of the files it keeps.
const WORKER: &str = "sw.js";

pub fn run() -> Result {
    let dist = root().join("dist");
    let files = kept(&dist)?;
    let worker = dist.join(WORKER);
    let script = std::fs::read_to_string(&worker).map_err(|e| format!("dist/{WORKER}: {e}"))?;
    let script = complete(&script, &files, &version(&dist, &files)?)?;
    std::fs::write(&worker, script).map_err(|e| format!("dist/{WORKER}: {e}"))
}

/// The page's files: everything at the top of dist/ but the worker (sub-folders are other
/// builds, not the page). index.html is kept as `./`, the address the page is visited at.
fn kept(dist: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dist).map_err(|e| format!("dist/: {e}"))? {
        let entry = entry.map_err(|e| format!("dist/: {e}"))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_file() || name == WORKER {
            continue;
        }
        // Written into the worker between quotes: plain names only.
        if !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        {
            return Err(format!("dist/{name}: a file name the worker cannot list"));
        }
        files.push(if name == "index.html" {
            "./".to_owned()
        } else {
            name
        });
    }
    files.sort();
    Ok(files)
}

/// The first 16 hex digits of the SHA-256 of every kept file's name and content.
fn version(dist: &Path, files: &[String]) -> Result<String> {
    let mut hash = Sha256::new();
    for file in files {
        let path = dist.join(if file == "./" { "index.html" } else { file });
        let bytes = std::fs::read(&path).map_err(|e| format!("dist/{file}: {e}"))?;
        hash.update(file.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Ok(format!("{:x}", hash.finalize())[..16].to_owned())
}

/// The worker's script with the list of files (a JavaScript array) and the version in place.
fn complete(script: &str, files: &[String], version: &str) -> Result<String> {
    if !script.contains(FILES) || !script.contains(VERSION) {
        return Err(format!(
            "dist/{WORKER} has no {FILES} or no {VERSION} to replace"
        ));
    }
    let list = files
        .iter()
        .map(|f| format!("'{f}'"))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(script
        .replace(FILES, &format!("[{list}]"))
        .replace(VERSION, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dist/ of the given files in a fresh temporary folder.
    fn dist(test: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-offline-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("engine")).unwrap();
        std::fs::write(dir.join("engine/engine.js"), "elsewhere").unwrap();
        for (name, content) in files {
            std::fs::write(dir.join(name), content).unwrap();
        }
        dir
    }

    const PAGE: &[(&str, &str)] = &[
        ("index.html", "<html>"),
        ("app-1a2b.wasm", "wasm"),
        ("icon.svg", "<svg>"),
        ("sw.js", "const FILES = OFFLINE_FILES;"),
    ];

    #[test]
    fn keeps_the_page_and_its_files_but_not_the_worker_or_sub_folders() {
        let dir = dist("kept", PAGE);
        assert_eq!(kept(&dir).unwrap(), ["./", "app-1a2b.wasm", "icon.svg"]);
        std::fs::write(dir.join("a file.txt"), "").unwrap();
        assert!(kept(&dir).is_err());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_version_changes_with_any_kept_byte_only() {
        let dir = dist("version", PAGE);
        let files = kept(&dir).unwrap();
        let first = version(&dir, &files).unwrap();
        assert_eq!(first.len(), 16);
        std::fs::write(dir.join("sw.js"), "changed").unwrap();
        std::fs::write(dir.join("engine/engine.js"), "changed").unwrap();
        assert_eq!(version(&dir, &files).unwrap(), first);
        std::fs::write(dir.join("index.html"), "<html lang=it>").unwrap();
        assert_ne!(version(&dir, &files).unwrap(), first);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn writes_the_list_and_version_into_the_worker() {
        let script = "const CACHE = 'pec-verify-OFFLINE_VERSION';\nconst FILES = OFFLINE_FILES;";
        let files = ["./".to_owned(), "a.js".to_owned()];
        assert_eq!(
            complete(script, &files, "0123abcd").unwrap(),
            "const CACHE = 'pec-verify-0123abcd';\nconst FILES = ['./', 'a.js'];"
        );
        assert!(complete("const FILES = [];", &files, "0123abcd").is_err());
    }
}
