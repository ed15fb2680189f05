//! `cargo xtask serve [--port N] [--csp]`: build, then serve `target/site` on
//! 127.0.0.1 with proper MIME types, each request answered on a thread of its own; with `--csp`, every HTML
//! page carries the strict Content Security Policy [`CSP_HEADER`] the widget must work under. Also used
//! (in a background thread) by `cargo xtask test` for the end-to-end tests and by `cargo xtask bench`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tiny_http::{Header, Method, Request, Response, Server};

use crate::build;

pub const DEFAULT_PORT: u16 = 8080;

pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    build::run_build()?;
    let site = build::site_dir();
    let port = options.port;
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!(
        "serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        site.display()
    );
    if options.csp {
        println!("every HTML page with Content-Security-Policy: {CSP_HEADER}");
    }
    serve_all(&server, site, options.csp, true);
    Ok(())
}

/// Answers every request `server` receives until it is unblocked, each on a thread of its own: on one thread, a
/// response the browser is slow to read (a large preload while the page is busy) would hold up every other.
fn serve_all(server: &Server, site: PathBuf, csp: bool, log: bool) {
    let site: Arc<Path> = Arc::from(site);
    for request in server.incoming_requests() {
        let site = Arc::clone(&site);
        std::thread::spawn(move || handle(&site, request, csp, log));
    }
}

/// What `serve` was asked for.
#[derive(Debug, PartialEq)]
struct Options {
    port: u16,
    /// Send the strict Content Security Policy with every HTML page.
    csp: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        port: DEFAULT_PORT,
        csp: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let value = match arg.as_str() {
            "--csp" => {
                options.csp = true;
                continue;
            }
            "--port" | "-p" => it.next().ok_or("--port needs a value")?.as_str(),
            other => match other.strip_prefix("--port=") {
                Some(v) => v,
                None => {
                    return Err(format!(
                        "unknown argument `{other}` (usage: serve [--port N] [--csp])"
                    ))
                }
            },
        };
        options.port = value
            .parse()
            .map_err(|_| format!("invalid port `{value}`"))?;
    }
    Ok(options)
}

/// A server running in a background thread; see [`Background::stop`].
pub struct Background {
    server: Arc<Server>,
    thread: JoinHandle<()>,
    pub url: String,
}

impl Background {
    /// Serve `site` on a free loopback port.
    pub fn start(site: PathBuf) -> Result<Self, String> {
        Background::start_with(site, false)
    }

    /// Serve `site` on a free loopback port, every HTML page with the strict policy if `csp`.
    pub fn start_with(site: PathBuf, csp: bool) -> Result<Self, String> {
        let server =
            Server::http("127.0.0.1:0").map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or("server is not listening on an IP address")?;
        let server = Arc::new(server);
        let thread = {
            let server = Arc::clone(&server);
            std::thread::spawn(move || serve_all(&server, site, csp, false))
        };
        Ok(Self {
            server,
            thread,
            url: format!("http://{addr}/"),
        })
    }

    pub fn stop(self) {
        self.server.unblock();
        let _ = self.thread.join();
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn handle(site: &Path, request: Request, csp: bool, log: bool) {
    let method = request.method().clone();
    let url = request.url().to_string();
    let (status, response) = if method != Method::Get && method != Method::Head {
        (
            405,
            text(405, "method not allowed").with_header(header("Allow", "GET, HEAD")),
        )
    } else {
        match resolve(site, &url) {
            Resolved::Forbidden => (403, text(403, "forbidden")),
            Resolved::File(path) => match fs::read(&path) {
                Ok(body) => {
                    let mime = mime_type(&path);
                    let mut response = Response::from_data(body)
                        // Always send Content-Length (never chunked).
                        .with_chunked_threshold(usize::MAX)
                        .with_header(header("Content-Type", mime))
                        .with_header(header("Cache-Control", "no-cache"));
                    if csp && mime.starts_with("text/html") {
                        response =
                            response.with_header(header("Content-Security-Policy", CSP_HEADER));
                    }
                    (200, response)
                }
                Err(_) => (404, text(404, "not found")),
            },
        }
    };
    if log {
        println!("{method} {url} {status}");
    }
    if let Err(e) = request.respond(response) {
        if log {
            eprintln!("error sending response for {url}: {e}");
        }
    }
}

/// The policy `--csp` sends: issue 12's, exactly (the example page's adds `object-src` and `base-uri`).
pub const CSP_HEADER: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data: blob:; connect-src 'self'; require-trusted-types-for 'script'";

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    Forbidden,
}

/// Map a request URL to a file below `site`. `/` and directories map to
/// their `index.html`; any `..` segment (also percent-encoded), backslash or
/// NUL byte is refused.
fn resolve(site: &Path, url: &str) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else {
        return Resolved::Forbidden;
    };
    let mut out = site.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::Forbidden,
            s if s.contains(['\\', '\0']) => return Resolved::Forbidden,
            s => out.push(s),
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Resolved::File(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_paths_inside_site() {
        let site = Path::new("/nonexistent-site");
        assert_eq!(
            resolve(site, "/pkg/treaty_map.js?v=1"),
            Resolved::File(site.join("pkg/treaty_map.js"))
        );
        assert_eq!(
            resolve(site, "/data/a%20b.json"),
            Resolved::File(site.join("data/a b.json"))
        );
    }

    #[test]
    fn root_maps_to_index_html() {
        let site = std::env::temp_dir();
        assert_eq!(resolve(&site, "/"), Resolved::File(site.join("index.html")));
    }

    #[test]
    fn rejects_traversal() {
        let site = Path::new("/srv");
        for url in [
            "/../etc/passwd",
            "/pkg/../../x",
            "/%2e%2e/etc/passwd",
            "/a%5c..%5cb",
            "/%zz",
        ] {
            assert_eq!(resolve(site, url), Resolved::Forbidden, "{url}");
        }
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("a.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("a.JSON")), "application/json");
        assert_eq!(mime_type(Path::new("a")), "application/octet-stream");
    }

    #[test]
    fn parses_port_and_csp() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let port = |v: &[&str]| parse_args(&args(v)).map(|o| o.port);
        assert_eq!(port(&[]), Ok(DEFAULT_PORT));
        assert_eq!(port(&["--port", "8099"]), Ok(8099));
        assert_eq!(port(&["--port=9000"]), Ok(9000));
        assert!(port(&["--port"]).is_err());
        assert!(port(&["--bogus"]).is_err());
        assert_eq!(
            parse_args(&args(&["--csp", "--port", "8081"])),
            Ok(Options {
                port: 8081,
                csp: true
            })
        );
        assert!(!parse_args(&[]).unwrap().csp);
    }

    #[test]
    fn the_served_policy_is_the_example_pages_minus_its_additions() {
        assert!(crate::dist::CSP.starts_with(CSP_HEADER));
    }
}
