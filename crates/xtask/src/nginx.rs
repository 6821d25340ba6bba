//! Publishing on Debian's nginx: `cargo xtask nginx` writes the site's configuration from
//! `deploy/nginx/verifica-pec.conf` and the build in dist/ (its policy, with the hash of the
//! loader script that changes with each build); the end-to-end tests run against nginx
//! started with it on a loopback port.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Result, root};

/// Where the site lives unless told otherwise.
struct Site {
    listen: String,
    server_name: String,
    root: String,
    frame_ancestors: String,
}

impl Default for Site {
    fn default() -> Self {
        Self {
            listen: "80".into(),
            server_name: "_".into(),
            root: "/var/www/verifica-pec".into(),
            frame_ancestors: "/etc/nginx/verifica-pec-frame-ancestors.conf".into(),
        }
    }
}

/// `cargo xtask nginx [--root DIR] [--server-name NAME] [--listen PORT] [--frame-ancestors
/// FILE]`: the configuration, on standard output.
pub fn run(args: impl Iterator<Item = String>) -> Result {
    let mut site = Site::default();
    let mut args = args;
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let field = match flag.as_str() {
            "--root" => &mut site.root,
            "--server-name" => &mut site.server_name,
            "--listen" => &mut site.listen,
            "--frame-ancestors" => &mut site.frame_ancestors,
            _ => return Err(format!("unknown option {flag}")),
        };
        *field = value;
    }
    print!("{}", config(&site)?);
    Ok(())
}

/// The template filled in for `site`, with the policy of the build in dist/.
fn config(site: &Site) -> Result<String> {
    let template_path = root().join("deploy/nginx/verifica-pec.conf");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| format!("{}: {e}", template_path.display()))?;
    let index = std::fs::read_to_string(root().join("dist/index.html"))
        .map_err(|e| format!("dist/index.html: {e} (run cargo xtask build first)"))?;
    let csp = policy(&index)?;
    Ok(template
        .replace("@CSP@", &csp)
        .replace("@LISTEN@", &site.listen)
        .replace("@SERVER_NAME@", &site.server_name)
        .replace("@ROOT@", &site.root)
        .replace("@FRAME_ANCESTORS@", &site.frame_ancestors))
}

/// The Content-Security-Policy of the page's meta tag, as minified by Trunk or not.
fn policy(index: &str) -> Result<String> {
    let start = index
        .find("default-src 'none'")
        .ok_or("dist/index.html has no Content-Security-Policy")?;
    let end = index[start..]
        .find('"')
        .ok_or("dist/index.html: unterminated policy")?;
    let csp = &index[start..start + end];
    if csp.contains(['$', '\\', '\n']) {
        return Err(format!("the policy cannot go into nginx as it is: {csp}"));
    }
    Ok(csp.to_owned())
}

/// nginx serving dist/ on a free loopback port, for the tests; stopped when dropped.
pub struct Running {
    pub url: String,
    child: Child,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts Debian's nginx with the site's configuration and a main file of the tests' own (no
/// daemon, everything under target/nginx), the portals of the embedding tests (any port of
/// 127.0.0.1) listed as frame ancestors.
pub fn spawn() -> Result<Running> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let prefix = root().join("target/nginx");
    std::fs::create_dir_all(prefix.join("logs")).map_err(|e| format!("target/nginx: {e}"))?;
    let ancestors = prefix.join("frame-ancestors.conf");
    let write = |path: &Path, text: &str| {
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(
        &ancestors,
        "set $pec_frame_ancestors \"'self' http://127.0.0.1:*\";\n",
    )?;
    let site = Site {
        listen: format!("127.0.0.1:{port}"),
        server_name: "localhost".into(),
        root: root().join("dist").display().to_string(),
        frame_ancestors: ancestors.display().to_string(),
    };
    write(&prefix.join("site.conf"), &config(&site)?)?;
    write(&prefix.join("nginx.conf"), MAIN)?;
    let child = Command::new("nginx")
        .args(["-p", &format!("{}/", prefix.display()), "-c", "nginx.conf"])
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start nginx: {e}"))?;
    let running = Running {
        url: format!("http://127.0.0.1:{port}"),
        child,
    };
    wait_for(port, &prefix)?;
    Ok(running)
}

/// The main configuration of the tests' nginx: in the foreground, one worker, logs and
/// temporary files under its prefix, Debian's brotli module loaded, the site included.
const MAIN: &str = "\
load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;
daemon off;
worker_processes 1;
pid logs/nginx.pid;
error_log logs/error.log;
events { worker_connections 256; }
http {
    access_log logs/access.log;
    client_body_temp_path logs/body;
    proxy_temp_path logs/proxy;
    fastcgi_temp_path logs/fastcgi;
    uwsgi_temp_path logs/uwsgi;
    scgi_temp_path logs/scgi;
    include site.conf;
}
";

fn wait_for(port: u16, prefix: &Path) -> Result {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let log: PathBuf = prefix.join("logs/error.log");
    Err(format!(
        "nginx did not start on port {port}: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_read_from_a_minified_page() {
        let html = "<meta content=\"default-src 'none'; script-src 'self' 'sha256-x='\" http-equiv=Content-Security-Policy><title>";
        assert_eq!(
            policy(html).unwrap(),
            "default-src 'none'; script-src 'self' 'sha256-x='"
        );
        assert!(policy("<title>no policy</title>").is_err());
    }
}
