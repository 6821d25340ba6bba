//! A static server of dist/: what a user's browser gets from any plain web host, with no
//! autoreload socket. Used by `serve` and by the browser end-to-end tests.

use std::path::{Component, Path, PathBuf};
use std::thread::JoinHandle;

use tiny_http::{Header, Response, Server};

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
    for request in server.incoming_requests() {
        let response = match resolve(dist, request.url())
            .and_then(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        {
            Some((path, bytes)) => Response::from_data(bytes)
                .with_header(header("Content-Type", content_type(&path)))
                .with_header(header("X-Content-Type-Options", "nosniff"))
                .with_header(header("Cache-Control", "no-cache")),
            None => Response::from_string("not found").with_status_code(404),
        };
        // A client that went away is not the server's problem.
        let _ = request.respond(response);
    }
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
        _ => "application/octet-stream",
    }
}

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
}
