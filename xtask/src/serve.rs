//! `cargo xtask serve [--port N] [--csp] [--dist]`: build, then serve `target/site` (with `--dist`, `dist/`) on
//! 127.0.0.1 as a CDN would serve it, so that every measurement sees a realistic deployment:
//! - a file that `cargo xtask build` gave `.br` and `.gz` siblings (every text, JSON and wasm file) is sent in
//!   the encoding the request's `Accept-Encoding` accepts best (brotli, then gzip, then none on a tie), with
//!   `Content-Encoding`, `Vary: Accept-Encoding` and the length of the bytes sent;
//! - a content-hashed name (`<name>.<8 hex digits>.<ext>`, as `dist/` names its code) is cached for a year as
//!   `immutable`; any other name (the pages, the loader, the data) is revalidated (`no-cache`) against its
//!   `ETag`, and a request whose `If-None-Match` holds it gets `304 Not Modified`;
//! - HTTP/1.1 keep-alive: a connection is answered request after request until the client closes it, asks to
//!   (`Connection: close`, or HTTP/1.0 without `keep-alive`), sends a body, or stays idle for [`IDLE_TIMEOUT`].
//!
//! With `--csp`, every HTML page carries the strict Content Security Policy [`CSP_HEADER`] the widget must work
//! under. Also used (in a background thread) by `cargo xtask test` for the end-to-end tests and by
//! `cargo xtask bench`.
//!
//! A few lines of HTTP/1.1 on `std::net` rather than a server crate: tiny_http 0.12 (the latest) hands each
//! new connection to a pool of threads that can lose the wake-up of a waiting thread while the others sit on
//! kept-alive connections, so that a request of a page that opens many at once (the demo preloads seven files)
//! was at times never answered, and the page stayed on its pre-render. Here a connection gets a thread of its
//! own as soon as it is accepted, and that thread waits on nothing but its own socket: no pool, no hand-over,
//! so no wake-up to lose, however many connections are kept alive.

use std::fs;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, UNIX_EPOCH};

use crate::build;
use crate::files::{is_compressible, sibling};

pub const DEFAULT_PORT: u16 = 8080;

/// The longest request head read; a longer one is refused.
const MAX_HEAD_BYTES: usize = 16 * 1024;

/// How long a kept-alive connection may wait for its next request before the server closes it.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// What a content-hashed name is sent with: cache for a year, never revalidate (a new version has a new name).
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    build::run_build()?;
    let root = if options.dist {
        build::dist_dir()
    } else {
        build::site_dir()
    };
    let port = options.port;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let page = if options.dist { "example.html" } else { "" };
    println!(
        "serving {} at http://127.0.0.1:{port}/{page} (Ctrl-C to stop)",
        root.display()
    );
    if options.csp {
        println!("every HTML page with Content-Security-Policy: {CSP_HEADER}");
    }
    serve_all(
        &listener,
        root,
        options.csp,
        true,
        Arc::new(AtomicBool::new(false)),
    );
    Ok(())
}

/// Answers every connection `listener` accepts, each on a thread of its own, until `stop` is set (and one more
/// connection wakes the loop). A connection open when `stop` is set gets its current request answered, then
/// closed.
fn serve_all(listener: &TcpListener, site: PathBuf, csp: bool, log: bool, stop: Arc<AtomicBool>) {
    let site: Arc<Path> = Arc::from(site);
    for stream in listener.incoming() {
        if stop.load(Ordering::Acquire) {
            break;
        }
        let Ok(stream) = stream else {
            continue;
        };
        let site = Arc::clone(&site);
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            if let Err(e) = connection(stream, &site, csp, log, &stop) {
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
    /// Serve `dist/` (as a site would deploy it) instead of `target/site/` (the demo).
    dist: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        port: DEFAULT_PORT,
        csp: false,
        dist: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let value = match arg.as_str() {
            "--csp" => {
                options.csp = true;
                continue;
            }
            "--dist" => {
                options.dist = true;
                continue;
            }
            "--port" | "-p" => it.next().ok_or("--port needs a value")?.as_str(),
            other => match other.strip_prefix("--port=") {
                Some(v) => v,
                None => {
                    return Err(format!(
                        "unknown argument `{other}` (usage: serve [--port N] [--csp] [--dist])"
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
            std::thread::spawn(move || serve_all(&listener, site, csp, false, stop))
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

/// One request's head: method, target, version and header fields (names in lower case).
#[derive(Debug)]
struct Request {
    method: String,
    target: String,
    version: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn parse(head: &str) -> Request {
        let mut lines = head.split("\r\n");
        let mut words = lines.next().unwrap_or("").split_whitespace();
        let mut word = || words.next().unwrap_or("").to_string();
        let (method, target, version) = (word(), word(), word());
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        Request {
            method,
            target,
            version,
            headers,
        }
    }

    /// The first field named `name` (lower case).
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the connection may carry another request after this one's answer: HTTP/1.1 unless the client
    /// asked to close, HTTP/1.0 only if it asked to keep alive, and never after a request with a body (which
    /// this server does not read, so the connection would lose its place).
    fn keep_alive(&self) -> bool {
        let connection = self.header("connection").unwrap_or("").to_ascii_lowercase();
        let asked = |token: &str| connection.split(',').any(|t| t.trim() == token);
        let body = self.header("transfer-encoding").is_some()
            || self
                .header("content-length")
                .is_some_and(|n| n.trim() != "0");
        !body
            && !asked("close")
            && match self.version.as_str() {
                "HTTP/1.1" => true,
                "HTTP/1.0" => asked("keep-alive"),
                _ => false,
            }
    }
}

/// An answer: status and reason, header fields (besides the framing ones [`write_answer`] adds), and the body
/// (which a `HEAD` request and a 304 do not get).
#[derive(Debug)]
struct Answer {
    status: u16,
    reason: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn text(status: u16, reason: &'static str) -> Answer {
        let mut headers = vec![
            ("Content-Type", "text/plain; charset=utf-8".to_string()),
            ("Cache-Control", "no-cache".to_string()),
        ];
        if status == 405 {
            headers.push(("Allow", "GET, HEAD".to_string()));
        }
        Answer {
            status,
            reason,
            headers,
            body: reason.to_ascii_lowercase().into_bytes(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Answers the requests of one connection in turn, until it is to be closed (see [`Request::keep_alive`]), the
/// client closes it or stays idle for [`IDLE_TIMEOUT`], or the server stops.
fn connection(
    mut stream: TcpStream,
    site: &Path,
    csp: bool,
    log: bool,
    stop: &AtomicBool,
) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    // The head and body go out in one write; no wait for the client's acknowledgement between answers.
    stream.set_nodelay(true)?;
    let mut pending = Vec::new();
    while let Some(head) = read_head(&mut stream, &mut pending)? {
        let request = Request::parse(&head);
        let answer = respond(site, &request, csp);
        let keep_alive = request.keep_alive() && !stop.load(Ordering::Acquire);
        if log {
            let encoding = answer.header("Content-Encoding").unwrap_or("identity");
            println!(
                "{} {} {} {encoding}",
                request.method, request.target, answer.status
            );
        }
        write_answer(&mut stream, &answer, request.method == "HEAD", keep_alive)?;
        if !keep_alive {
            break;
        }
    }
    stream.shutdown(Shutdown::Write)
}

/// The next request's head from `stream`, up to the blank line that ends it; `pending` keeps what was read
/// past it (a pipelined request). `None` when the client closed the connection or stayed idle before sending
/// a request.
fn read_head(stream: &mut TcpStream, pending: &mut Vec<u8>) -> io::Result<Option<String>> {
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            let head: Vec<u8> = pending.drain(..end + 4).collect();
            return Ok(Some(String::from_utf8_lossy(&head).into_owned()));
        }
        if pending.len() > MAX_HEAD_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "request head too long",
            ));
        }
        let n = match stream.read(&mut chunk) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Ok(None)
            }
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(None);
        }
        pending.extend_from_slice(&chunk[..n]);
    }
}

/// Writes `answer` with its framing fields, and its body unless `head_only` or a 304.
fn write_answer(
    stream: &mut TcpStream,
    answer: &Answer,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", answer.status, answer.reason);
    for (name, value) in &answer.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if answer.status != 304 {
        out.push_str(&format!("Content-Length: {}\r\n", answer.body.len()));
    }
    if keep_alive {
        out.push_str(&format!(
            "Connection: keep-alive\r\nKeep-Alive: timeout={}\r\n\r\n",
            IDLE_TIMEOUT.as_secs()
        ));
    } else {
        out.push_str("Connection: close\r\n\r\n");
    }
    let mut bytes = out.into_bytes();
    if !head_only && answer.status != 304 {
        bytes.extend_from_slice(&answer.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

/// The answer to `request` from the files below `site`.
fn respond(site: &Path, request: &Request, csp: bool) -> Answer {
    if !request.version.starts_with("HTTP/1.") {
        return Answer::text(400, "Bad Request");
    }
    if request.method != "GET" && request.method != "HEAD" {
        return Answer::text(405, "Method Not Allowed");
    }
    let path = match resolve(site, &request.target) {
        Resolved::Forbidden => return Answer::text(403, "Forbidden"),
        Resolved::File(path) if path.is_file() => path,
        Resolved::File(_) => return Answer::text(404, "Not Found"),
    };
    let (encoding, variant) = if is_compressible(&path) {
        let encoding = negotiate(request.header("accept-encoding"), |encoding| {
            encoding
                .extension()
                .is_some_and(|ext| is_fresh(&sibling(&path, ext), &path))
        });
        let variant = match encoding.extension() {
            Some(ext) => sibling(&path, ext),
            None => path.clone(),
        };
        (Some(encoding), variant)
    } else {
        (None, path.clone())
    };
    let (Ok(body), Ok(meta)) = (fs::read(&variant), fs::metadata(&variant)) else {
        return Answer::text(404, "Not Found");
    };
    let mime = mime_type(&path);
    let etag = etag(&meta, encoding.unwrap_or(Encoding::Identity));
    let mut headers = vec![
        ("Content-Type", mime.to_string()),
        ("Cache-Control", cache_control(&path).to_string()),
        ("ETag", etag.clone()),
    ];
    if let Some(encoding) = encoding {
        headers.push(("Vary", "Accept-Encoding".to_string()));
        if encoding != Encoding::Identity {
            headers.push(("Content-Encoding", encoding.token().to_string()));
        }
    }
    if csp && mime.starts_with("text/html") {
        headers.push(("Content-Security-Policy", CSP_HEADER.to_string()));
    }
    let not_modified = request.header("if-none-match").is_some_and(|tags| {
        tags.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*")
    });
    if not_modified {
        return Answer {
            status: 304,
            reason: "Not Modified",
            headers,
            body: Vec::new(),
        };
    }
    Answer {
        status: 200,
        reason: "OK",
        headers,
        body,
    }
}

/// A content coding the server can send a file in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// Its name in `Accept-Encoding` and `Content-Encoding`.
    fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
            Encoding::Identity => "identity",
        }
    }

    /// The extension of the precompressed sibling that holds a file in this coding.
    fn extension(self) -> Option<&'static str> {
        match self {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gz"),
            Encoding::Identity => None,
        }
    }
}

/// The coding to send a file in, given the request's `Accept-Encoding` and which precompressed siblings the
/// file `has`: of the codings the request accepts (a `q` above 0; `*` stands for any not named) the one with
/// the highest `q`, brotli before gzip before none when equal (RFC 9110, section 12.5.3). Without the field,
/// none: a client that does not ask gets the plain file.
fn negotiate(accept: Option<&str>, has: impl Fn(Encoding) -> bool) -> Encoding {
    let Some(accept) = accept else {
        return Encoding::Identity;
    };
    let listed: Vec<(String, f32)> = accept
        .split(',')
        .filter_map(|item| {
            let item = item.to_ascii_lowercase();
            let mut parts = item.split(';');
            let coding = parts.next()?.trim().to_string();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (!coding.is_empty()).then_some((coding, q))
        })
        .collect();
    let q = |token: &str| {
        let named = |name: &str| listed.iter().find(|(c, _)| c == name).map(|(_, q)| *q);
        named(token)
            .or_else(|| (token == "gzip").then(|| named("x-gzip")).flatten())
            .or_else(|| named("*"))
    };
    let mut best = (Encoding::Identity, q("identity").unwrap_or(1.0));
    for encoding in [Encoding::Gzip, Encoding::Brotli] {
        let quality = q(encoding.token()).unwrap_or(0.0);
        if quality > 0.0 && quality >= best.1 && has(encoding) {
            best = (encoding, quality);
        }
    }
    best.0
}

/// Whether the precompressed `variant` exists and is no older than `original` (a file changed by hand after
/// the build is sent as it now is, not from a stale sibling).
fn is_fresh(variant: &Path, original: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(variant), modified(original)) {
        (Some(variant), Some(original)) => variant >= original,
        _ => false,
    }
}

/// A strong validator of the bytes sent: the variant's modification time and length, and its coding (each
/// coding of a file is a different representation).
fn etag(meta: &fs::Metadata, encoding: Encoding) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .unwrap_or_default();
    format!(
        "\"{:x}-{:x}-{}\"",
        modified.as_nanos(),
        meta.len(),
        encoding.token()
    )
}

/// `Cache-Control` for a file: [`IMMUTABLE`] if its name is content-hashed, else `no-cache` (revalidate each
/// use against the `ETag`).
fn cache_control(path: &Path) -> &'static str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if is_hashed_name(name) {
        IMMUTABLE
    } else {
        "no-cache"
    }
}

/// Whether `name` is `<stem>.<hash>.<ext>` with the hash as `dist::hash8` writes it (eight lower-case hex
/// digits), as `dist/` names the loader, glue, wasm and stylesheet.
fn is_hashed_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() == 3
        && !parts[0].is_empty()
        && !parts[2].is_empty()
        && parts[1].len() == 8
        && parts[1]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
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
                csp: true,
                dist: false
            })
        );
        assert!(!parse_args(&[]).unwrap().csp);
        assert!(parse_args(&args(&["--dist"])).unwrap().dist);
        assert!(!parse_args(&[]).unwrap().dist);
    }

    /// Sends `request` on `stream` and reads one answer, framed by its `Content-Length` (none for a 304 or
    /// the answer to a `HEAD`): the head, and the body.
    fn exchange(stream: &mut TcpStream, request: &str) -> (String, Vec<u8>) {
        stream.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        let mut byte = [0u8];
        while !bytes.ends_with(b"\r\n\r\n") {
            assert_eq!(stream.read(&mut byte).unwrap(), 1, "the answer ends early");
            bytes.push(byte[0]);
        }
        let head = String::from_utf8(bytes).unwrap();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .map_or(0, |n| n.parse().unwrap());
        let mut body = vec![
            0;
            if request.starts_with("HEAD ") {
                0
            } else {
                length
            }
        ];
        stream.read_exact(&mut body).unwrap();
        (head, body)
    }

    /// A site with a page, a data file and a hashed glue file, each with `.gz` and `.br` siblings as the build
    /// writes them, and an icon (which has none).
    fn site() -> tempfile::TempDir {
        let site = tempfile::tempdir().unwrap();
        let s = site.path();
        fs::create_dir_all(s.join("data")).unwrap();
        fs::write(s.join("index.html"), "<p>hi</p>").unwrap();
        fs::write(s.join("a.json"), "{}").unwrap();
        fs::write(s.join("data/status.json"), "{\"states\":[]}".repeat(40)).unwrap();
        fs::write(s.join("treaty_map.0123abcd.js"), "export {};\n".repeat(40)).unwrap();
        fs::write(s.join("favicon.ico"), [0, 0, 1, 0]).unwrap();
        crate::files::precompress_tree(s).unwrap();
        site
    }

    fn get(server: &Background, request: &str) -> (String, Vec<u8>) {
        exchange(&mut TcpStream::connect(server.addr).unwrap(), request)
    }

    #[test]
    fn answers_files_with_their_type_and_the_policy() {
        let site = site();
        let server = Background::start_with(site.path().to_path_buf(), true).unwrap();
        let get = |request: &str| get(&server, request);
        let (page, body) = get("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
        assert!(page.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(page.contains(&format!("Content-Security-Policy: {CSP_HEADER}\r\n")));
        assert_eq!(body, b"<p>hi</p>");
        let (json, body) = get("GET /a.json?v=1 HTTP/1.1\r\n\r\n");
        assert!(json.contains("Content-Type: application/json\r\n"));
        assert!(json.contains("Content-Length: 2\r\n") && body == b"{}");
        assert!(
            !json.contains("Content-Security-Policy"),
            "only pages carry the policy"
        );
        let (head, body) = get("HEAD /a.json HTTP/1.1\r\n\r\n");
        assert!(head.contains("Content-Length: 2\r\n") && body.is_empty());
        let (icon, body) = get("GET /favicon.ico HTTP/1.1\r\nAccept-Encoding: br\r\n\r\n");
        assert!(icon.contains("Content-Type: image/x-icon\r\n") && body == [0, 0, 1, 0]);
        assert!(!icon.contains("Vary") && !icon.contains("Content-Encoding"));
        assert!(get("GET /missing HTTP/1.1\r\n\r\n")
            .0
            .starts_with("HTTP/1.1 404 "));
        assert!(get("GET /data HTTP/1.1\r\n\r\n")
            .0
            .starts_with("HTTP/1.1 404 "));
        assert!(get("GET /../x HTTP/1.1\r\n\r\n")
            .0
            .starts_with("HTTP/1.1 403 "));
        assert!(get("GET /%2e%2e/x HTTP/1.1\r\n\r\n")
            .0
            .starts_with("HTTP/1.1 403 "));
        let (post, _) = get("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405 ") && post.contains("Allow: GET, HEAD\r\n"));
        server.stop();
    }

    #[test]
    fn sends_the_encoding_the_request_accepts_best_with_its_length() {
        let site = site();
        let server = Background::start(site.path().to_path_buf()).unwrap();
        let raw = fs::read(site.path().join("data/status.json")).unwrap();
        let fetch = |accept: &str| {
            let (head, body) = get(
                &server,
                &format!("GET /data/status.json HTTP/1.1\r\n{accept}\r\n"),
            );
            assert!(head.contains("Vary: Accept-Encoding\r\n"), "{head}");
            assert!(head.contains(&format!("Content-Length: {}\r\n", body.len())));
            let encoding = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Encoding: "))
                .unwrap_or("identity")
                .to_string();
            let mut plain = Vec::new();
            match encoding.as_str() {
                "br" => brotli::BrotliDecompress(&mut &body[..], &mut plain).unwrap(),
                "gzip" => {
                    flate2::read::GzDecoder::new(&body[..])
                        .read_to_end(&mut plain)
                        .unwrap();
                }
                _ => plain = body,
            }
            assert_eq!(plain, raw, "{encoding} decodes to the file");
            encoding
        };
        // Chromium's field, then others.
        assert_eq!(fetch("Accept-Encoding: gzip, deflate, br, zstd\r\n"), "br");
        assert_eq!(fetch("Accept-Encoding: gzip\r\n"), "gzip");
        assert_eq!(fetch("Accept-Encoding: br;q=0, gzip\r\n"), "gzip");
        assert_eq!(fetch("Accept-Encoding: gzip;q=1, br;q=0.5\r\n"), "gzip");
        assert_eq!(fetch("Accept-Encoding: deflate\r\n"), "identity");
        assert_eq!(fetch(""), "identity");
        assert!(
            raw.len()
                > fs::metadata(site.path().join("data/status.json.br"))
                    .unwrap()
                    .len() as usize
        );
        server.stop();
    }

    #[test]
    fn negotiation_follows_q_values_then_brotli_gzip_none() {
        let all = |_: Encoding| true;
        let only_gzip = |e: Encoding| e == Encoding::Gzip;
        let none = |_: Encoding| false;
        assert_eq!(
            negotiate(Some("gzip, deflate, br, zstd"), all),
            Encoding::Brotli
        );
        assert_eq!(
            negotiate(Some("gzip, deflate, br"), only_gzip),
            Encoding::Gzip
        );
        assert_eq!(negotiate(Some("br"), none), Encoding::Identity);
        assert_eq!(
            negotiate(Some("BR;Q=0, GZip"), all),
            Encoding::Gzip,
            "any case"
        );
        assert_eq!(negotiate(Some("br;q=0.9, gzip"), all), Encoding::Gzip);
        assert_eq!(negotiate(Some("x-gzip"), all), Encoding::Gzip);
        assert_eq!(negotiate(Some("*"), all), Encoding::Brotli);
        assert_eq!(negotiate(Some("*;q=0, identity"), all), Encoding::Identity);
        assert_eq!(
            negotiate(Some("identity;q=0.5, gzip;q=0.4"), all),
            Encoding::Identity
        );
        assert_eq!(negotiate(Some("identity"), all), Encoding::Identity);
        assert_eq!(negotiate(Some(""), all), Encoding::Identity);
        assert_eq!(negotiate(None, all), Encoding::Identity);
    }

    #[test]
    fn hashed_names_are_immutable_and_stable_names_revalidated() {
        for name in [
            "treaty_map_bg.0123abcd.wasm",
            "treaty_map.deadbeef.js",
            "treaty-map.00112233.css",
        ] {
            assert_eq!(cache_control(Path::new(name)), IMMUTABLE, "{name}");
        }
        for name in [
            "index.html",
            "treaty-map.js",
            "treaty_map_bg.wasm",
            "status.json",
            "americas.geo.json",
            "americas.en.html",
            "names.fr.json",
            "treaty_map.0123ABCD.js",
            "treaty_map.0123abc.js",
            "treaty_map.0123abcd.js.br",
            ".0123abcd.js",
        ] {
            assert_eq!(cache_control(Path::new(name)), "no-cache", "{name}");
        }
        let site = site();
        let server = Background::start(site.path().to_path_buf()).unwrap();
        let (glue, _) = get(
            &server,
            "GET /treaty_map.0123abcd.js HTTP/1.1\r\nAccept-Encoding: br\r\n\r\n",
        );
        assert!(
            glue.contains(&format!("Cache-Control: {IMMUTABLE}\r\n")),
            "{glue}"
        );
        assert!(glue.contains("Content-Type: text/javascript; charset=utf-8\r\n"));
        assert!(glue.contains("Content-Encoding: br\r\n"));
        let (page, _) = get(&server, "GET / HTTP/1.1\r\n\r\n");
        assert!(page.contains("Cache-Control: no-cache\r\n"), "{page}");
        server.stop();
    }

    #[test]
    fn a_stable_name_is_revalidated_by_its_etag_per_encoding() {
        let site = site();
        let server = Background::start(site.path().to_path_buf()).unwrap();
        let etag = |head: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix("ETag: "))
                .unwrap()
                .to_string()
        };
        let br = "Accept-Encoding: br\r\n";
        let (first, _) = get(
            &server,
            &format!("GET /data/status.json HTTP/1.1\r\n{br}\r\n"),
        );
        let tag = etag(&first);
        let (again, body) = get(
            &server,
            &format!("GET /data/status.json HTTP/1.1\r\n{br}If-None-Match: {tag}\r\n\r\n"),
        );
        assert!(
            again.starts_with("HTTP/1.1 304 Not Modified\r\n"),
            "{again}"
        );
        assert!(body.is_empty() && !again.contains("Content-Length"));
        assert!(again.contains("Vary: Accept-Encoding\r\n") && again.contains(&tag));
        // The plain file is another representation, with another tag.
        let (plain, _) = get(
            &server,
            &format!("GET /data/status.json HTTP/1.1\r\nIf-None-Match: {tag}\r\n\r\n"),
        );
        assert!(plain.starts_with("HTTP/1.1 200 OK\r\n") && etag(&plain) != tag);
        server.stop();
    }

    #[test]
    fn a_stale_sibling_is_not_sent() {
        let site = site();
        let page = site.path().join("index.html");
        std::thread::sleep(Duration::from_millis(20));
        fs::write(&page, "<p>edited</p>").unwrap();
        let server = Background::start(site.path().to_path_buf()).unwrap();
        let (head, body) = get(
            &server,
            "GET / HTTP/1.1\r\nAccept-Encoding: br, gzip\r\n\r\n",
        );
        assert!(!head.contains("Content-Encoding"), "{head}");
        assert_eq!(body, b"<p>edited</p>");
        server.stop();
    }

    #[test]
    fn keeps_a_connection_alive_for_several_requests_until_asked_to_close() {
        let site = site();
        let server = Background::start(site.path().to_path_buf()).unwrap();
        let mut stream = TcpStream::connect(server.addr).unwrap();
        let (first, body) = exchange(&mut stream, "GET /a.json HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(first.starts_with("HTTP/1.1 200 ") && body == b"{}");
        assert!(first.contains("Connection: keep-alive\r\n"), "{first}");
        assert!(first.contains(&format!(
            "Keep-Alive: timeout={}\r\n",
            IDLE_TIMEOUT.as_secs()
        )));
        // Errors keep the connection too; two requests sent at once (pipelined) are answered in order.
        let (missing, _) = exchange(&mut stream, "GET /missing HTTP/1.1\r\n\r\n");
        assert!(missing.starts_with("HTTP/1.1 404 ") && missing.contains("keep-alive"));
        stream
            .write_all(b"HEAD /a.json HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n")
            .unwrap();
        let (head, _) = exchange(&mut stream, "");
        assert!(head.starts_with("HTTP/1.1 200 ") && head.contains("Content-Length: 2\r\n"));
        let (page, body) = exchange(&mut stream, "");
        assert!(page.contains("text/html") && body == b"<p>hi</p>");
        let (last, _) = exchange(
            &mut stream,
            "GET /a.json HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert!(last.contains("Connection: close\r\n"), "{last}");
        let mut rest = Vec::new();
        stream.read_to_end(&mut rest).unwrap();
        assert!(rest.is_empty(), "closed after the answer");
        // HTTP/1.0 closes unless asked to keep alive, and a request with a body closes too.
        for request in [
            "GET /a.json HTTP/1.0\r\n\r\n",
            "POST /a.json HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
        ] {
            let mut stream = TcpStream::connect(server.addr).unwrap();
            let (head, _) = exchange(&mut stream, request);
            assert!(head.contains("Connection: close\r\n"), "{head}");
            assert_eq!(stream.read(&mut [0u8; 8]).unwrap(), 0, "{request}");
        }
        let mut stream = TcpStream::connect(server.addr).unwrap();
        let (head, _) = exchange(
            &mut stream,
            "GET /a.json HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        );
        assert!(head.contains("Connection: keep-alive\r\n"));
        assert!(exchange(&mut stream, "GET / HTTP/1.1\r\n\r\n")
            .0
            .starts_with("HTTP/1.1 200 "));
        server.stop();
    }

    #[test]
    fn requests_parse_into_method_target_version_and_fields() {
        let request =
            Request::parse("GET /a?b HTTP/1.1\r\nHost: x\r\nACCEPT-Encoding:  br \r\n\r\n");
        assert_eq!(
            (request.method.as_str(), request.target.as_str()),
            ("GET", "/a?b")
        );
        assert_eq!(request.header("accept-encoding"), Some("br"));
        assert!(request.keep_alive());
        assert!(!Request::parse("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").keep_alive());
        assert!(
            !Request::parse("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").keep_alive()
        );
        let site = Path::new("/nonexistent-site");
        assert_eq!(
            respond(site, &Request::parse("GET /\r\n\r\n"), false).status,
            400
        );
        assert_eq!(
            respond(site, &Request::parse("\r\n\r\n"), false).status,
            400
        );
    }

    #[test]
    fn the_served_policy_is_the_example_pages_minus_its_additions() {
        assert!(crate::dist::CSP.starts_with(CSP_HEADER));
    }
}
