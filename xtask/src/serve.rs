//! `cargo xtask serve [--port N] [--csp]`: build, then serve `target/site` on
//! 127.0.0.1 with proper MIME types, each connection answered on a thread of its own; with `--csp`, every HTML
//! page carries the strict Content Security Policy [`CSP_HEADER`] the widget must work under. Also used
//! (in a background thread) by `cargo xtask test` for the end-to-end tests and by `cargo xtask bench`.
//!
//! A few lines of HTTP/1.1 on `std::net` rather than a server crate: tiny_http 0.12 (the latest) hands each
//! new connection to a pool of threads that can lose the wake-up of a waiting thread while the others sit on
//! kept-alive connections, so that a request of a page that opens many at once (the demo preloads seven files)
//! was at times never answered, and the page stayed on its pre-render. Here every connection gets a thread and
//! one answer, and is closed (`Connection: close`).

use std::fs;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::build;

pub const DEFAULT_PORT: u16 = 8080;

/// The longest request head read; a longer one is refused.
const MAX_HEAD_BYTES: usize = 16 * 1024;

pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    build::run_build()?;
    let site = build::site_dir();
    let port = options.port;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!(
        "serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        site.display()
    );
    if options.csp {
        println!("every HTML page with Content-Security-Policy: {CSP_HEADER}");
    }
    serve_all(&listener, site, options.csp, true, &AtomicBool::new(false));
    Ok(())
}

/// Answers every connection `listener` accepts, each on a thread of its own, until `stop` is set (and one more
/// connection wakes the loop).
fn serve_all(listener: &TcpListener, site: PathBuf, csp: bool, log: bool, stop: &AtomicBool) {
    let site: Arc<Path> = Arc::from(site);
    for stream in listener.incoming() {
        if stop.load(Ordering::Acquire) {
            break;
        }
        let Ok(stream) = stream else {
            continue;
        };
        let site = Arc::clone(&site);
        std::thread::spawn(move || {
            if let Err(e) = answer(stream, &site, csp, log) {
                if log {
                    eprintln!("error answering a request: {e}");
                }
            }
        });
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
    stop: Arc<AtomicBool>,
    addr: SocketAddr,
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
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("the server has no address: {e}"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || serve_all(&listener, site, csp, false, &stop))
        };
        Ok(Self {
            stop,
            addr,
            thread,
            url: format!("http://{addr}/"),
        })
    }

    pub fn stop(self) {
        self.stop.store(true, Ordering::Release);
        // Wakes the accept loop, which then sees the flag.
        let _ = TcpStream::connect(self.addr);
        let _ = self.thread.join();
    }
}

/// An answer: status, reason, content type and body, and whether the body is an HTML page.
struct Answer {
    status: u16,
    reason: &'static str,
    mime: &'static str,
    body: Vec<u8>,
    allow: bool,
}

impl Answer {
    fn text(status: u16, reason: &'static str) -> Answer {
        Answer {
            status,
            reason,
            mime: "text/plain; charset=utf-8",
            body: reason.to_ascii_lowercase().into_bytes(),
            allow: status == 405,
        }
    }
}

/// Reads one request from `stream`, writes its answer and closes the connection.
fn answer(mut stream: TcpStream, site: &Path, csp: bool, log: bool) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let head = read_head(&mut stream)?;
    let mut words = head.lines().next().unwrap_or("").split_whitespace();
    let (method, url) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let answer = if method != "GET" && method != "HEAD" {
        Answer::text(405, "Method Not Allowed")
    } else {
        match resolve(site, url) {
            Resolved::Forbidden => Answer::text(403, "Forbidden"),
            Resolved::File(path) => match fs::read(&path) {
                Ok(body) => Answer {
                    status: 200,
                    reason: "OK",
                    mime: mime_type(&path),
                    body,
                    allow: false,
                },
                Err(_) => Answer::text(404, "Not Found"),
            },
        }
    };
    if log {
        println!("{method} {url} {}", answer.status);
    }
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n",
        answer.status,
        answer.reason,
        answer.mime,
        answer.body.len()
    );
    if answer.allow {
        out.push_str("Allow: GET, HEAD\r\n");
    }
    if csp && answer.mime.starts_with("text/html") {
        out.push_str(&format!("Content-Security-Policy: {CSP_HEADER}\r\n"));
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&answer.body)?;
    }
    stream.flush()?;
    stream.shutdown(Shutdown::Write)
}

/// The request's head, up to the blank line that ends it.
fn read_head(stream: &mut TcpStream) -> io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1024];
    while !head.ends_with(b"\r\n\r\n") {
        let n = stream.read(&mut byte)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&byte[..n]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(end + 4);
            break;
        }
        if head.len() > MAX_HEAD_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "request head too long",
            ));
        }
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// The policy `--csp` sends: issue 12's, exactly (the example page's adds `object-src` and `base-uri`).
pub const CSP_HEADER: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data: blob:; connect-src 'self'; require-trusted-types-for 'script'";

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
    fn answers_files_with_their_type_and_the_policy_and_closes() {
        let site = tempfile::tempdir().unwrap();
        fs::write(site.path().join("index.html"), "<p>hi</p>").unwrap();
        fs::write(site.path().join("a.json"), "{}").unwrap();
        let server = Background::start_with(site.path().to_path_buf(), true).unwrap();
        let get = |request: &str| {
            let mut stream = TcpStream::connect(server.addr).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            let mut out = String::new();
            stream.read_to_string(&mut out).unwrap();
            out
        };
        let page = get("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
        assert!(page.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(page.contains(&format!("Content-Security-Policy: {CSP_HEADER}\r\n")));
        assert!(page.contains("Connection: close\r\n"));
        assert!(page.ends_with("\r\n\r\n<p>hi</p>"));
        let json = get("GET /a.json?v=1 HTTP/1.1\r\n\r\n");
        assert!(json.contains("Content-Type: application/json\r\nContent-Length: 2\r\n"));
        assert!(
            !json.contains("Content-Security-Policy"),
            "only pages carry the policy"
        );
        assert!(get("HEAD /a.json HTTP/1.1\r\n\r\n").ends_with("\r\n\r\n"));
        assert!(get("GET /missing HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404 "));
        assert!(get("GET /../x HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 403 "));
        let post = get("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405 ") && post.contains("Allow: GET, HEAD\r\n"));
        server.stop();
    }

    #[test]
    fn the_served_policy_is_the_example_pages_minus_its_additions() {
        assert!(crate::dist::CSP.starts_with(CSP_HEADER));
    }
}
