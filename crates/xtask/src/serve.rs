//! A static server of dist/: what a user's browser gets from a well-configured web host (brotli
//! when the browser accepts it), with no autoreload socket. Used by `serve`, the browser
//! end-to-end tests and the benchmark.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::thread::JoinHandle;

use sha2::Digest;
use tiny_http::{Header, Request, Response, Server};

use crate::{Result, root};

pub const ADDRESS: &str = "127.0.0.1:8080";

pub fn run() -> Result {
    let server = Server::http(ADDRESS).map_err(|e| format!("cannot listen on {ADDRESS}: {e}"))?;
    println!("\nServing dist/ at http://{ADDRESS} (Ctrl-C stops)");
    serve(&server, &root().join("dist"));
    Ok(())
}

/// Serves dist/ on a free port in a background thread; returns its base URL.
pub fn spawn() -> Result<(String, JoinHandle<()>)> {
    let server = Server::http("127.0.0.1:0").map_err(|e| format!("cannot listen: {e}"))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or("no port")?;
    let dist = root().join("dist");
    let handle = std::thread::spawn(move || serve(&server, &dist));
    Ok((format!("http://127.0.0.1:{port}"), handle))
}

fn serve(server: &Server, dist: &Path) {
    let mut compressed = Compressed::default();
    for request in server.incoming_requests() {
        let response = match resolve(dist, request.url())
            .and_then(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        {
            Some((path, bytes)) if fresh(&request, &bytes) => Response::from_data(Vec::new())
                .with_status_code(304)
                .with_header(header("ETag", &etag(&bytes)))
                .with_header(header("Cache-Control", cache_control(&path))),
            Some((path, bytes)) => {
                let content_type = content_type(&path);
                let tag = etag(&bytes);
                let brotli = (accepts_brotli(&request) && content_type != OCTET_STREAM)
                    .then(|| compressed.get(&path, &bytes))
                    .filter(|encoded| encoded.len() < bytes.len());
                let response = match brotli {
                    Some(encoded) => Response::from_data(encoded.to_vec())
                        .with_header(header("Content-Encoding", "br")),
                    None => Response::from_data(bytes),
                };
                response
                    .with_header(header("Content-Type", content_type))
                    .with_header(header("Vary", "Accept-Encoding"))
                    .with_header(header("X-Content-Type-Options", "nosniff"))
                    .with_header(header("Cache-Control", cache_control(&path)))
                    .with_header(header("ETag", &tag))
            }
            None => Response::from_string("not found").with_status_code(404),
        };
        // A client that went away is not the server's problem.
        let _ = request.respond(response);
    }
}

/// A file's validator: its content's hash, so a revalidation costs no body when nothing
/// changed (the service worker revalidates every file of the build it keeps).
fn etag(bytes: &[u8]) -> String {
    let digest = sha2::Sha256::digest(bytes);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// The request's `If-None-Match` names the file's current validator.
fn fresh(request: &Request, bytes: &[u8]) -> bool {
    let tag = etag(bytes);
    request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("If-None-Match"))
        .any(|h| h.value.as_str().split(',').any(|t| t.trim() == tag))
}

/// Trunk's files carry their content's hash in their name (`style-0123456789abcdef.css`): they
/// never change. Everything else is revalidated on every use, as `deploy/nginx` does.
fn cache_control(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let stem = name
        .strip_suffix("_bg.wasm")
        .or_else(|| name.strip_suffix(".js"))
        .or_else(|| name.strip_suffix(".css"));
    let hashed = stem
        .and_then(|s| s.rsplit_once('-'))
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Each file's brotli form, compressed at its first request and again only when its bytes
/// change (a rebuild while serving).
#[derive(Default)]
struct Compressed(HashMap<PathBuf, (Vec<u8>, Vec<u8>)>);

impl Compressed {
    fn get(&mut self, path: &Path, bytes: &[u8]) -> &[u8] {
        let entry = self
            .0
            .entry(path.to_owned())
            .or_insert_with(|| (Vec::new(), Vec::new()));
        if entry.0 != bytes {
            *entry = (bytes.to_vec(), brotli(bytes));
        }
        &entry.1
    }
}

/// Brotli at its best setting (quality 11, 4 MiB window), as a host precompresses static files.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

/// Whether the request's Accept-Encoding lists `br` (or `*`) with a non-zero weight.
fn accepts_brotli(request: &Request) -> bool {
    request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("Accept-Encoding"))
        .any(|h| lists_brotli(h.value.as_str()))
}

fn lists_brotli(accept_encoding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let coding = parts.next().unwrap_or_default();
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        (coding.eq_ignore_ascii_case("br") || coding == "*") && !refused
    })
}

/// The file for a URL path, never outside dist/.
fn resolve(dist: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let file = dist.join(relative);
    Some(if file.is_dir() {
        file.join("index.html")
    } else {
        file
    })
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("json" | "webmanifest") => "application/manifest+json",
        _ => OCTET_STREAM,
    }
}

/// Anything else: served as is, never compressed.
const OCTET_STREAM: &str = "application/octet-stream";

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a static ASCII header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_leaves_dist() {
        let dist = Path::new("/srv/dist");
        assert_eq!(resolve(dist, "/a.js?v=1"), Some(dist.join("a.js")));
        assert_eq!(resolve(dist, "/../etc/passwd"), None);
        assert_eq!(resolve(dist, "/x/%2e%2e/y"), Some(dist.join("x/%2e%2e/y")));
    }

    #[test]
    fn only_files_named_by_their_hash_are_kept_without_asking() {
        let kept = "public, max-age=31536000, immutable";
        for name in [
            "pec-web-e5971d228aeffff6_bg.wasm",
            "style-c0ef6bc0e1eb8bd1.css",
            "page-33bebaabba1c4b7d.js",
        ] {
            assert_eq!(cache_control(Path::new(name)), kept, "{name}");
        }
        for name in [
            "index.html",
            "sw.js",
            "engine/pec.js",
            "engine/pec_bg.wasm",
            "a-123.js",
        ] {
            assert_eq!(cache_control(Path::new(name)), "no-cache", "{name}");
        }
    }

    #[test]
    fn brotli_only_when_accepted() {
        assert!(lists_brotli("gzip, deflate, br, zstd"));
        assert!(lists_brotli("BR;q=0.5"));
        assert!(lists_brotli("*"));
        assert!(!lists_brotli("gzip, deflate"));
        assert!(!lists_brotli("br;q=0, gzip"));
        assert!(!lists_brotli("brotli"));
    }
}
