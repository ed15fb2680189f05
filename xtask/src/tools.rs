//! Shared helpers: repository paths, a command runner that echoes what it
//! runs, and the "ensure tool X is installed" steps.
//!
//! Every `ensure_*` function is idempotent: when the tool is present it prints
//! a `✓ … present` line and does nothing else; when it is missing (or the wrong
//! version) it installs it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The workspace root (the parent of the `xtask` crate), independent of cwd.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a subdirectory of the workspace")
        .to_path_buf()
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => repo_root().join(dir),
        _ => repo_root().join("target"),
    }
}

/// `cargo` on PATH (the rustup proxy, which keeps the toolchain we were
/// started with via `RUSTUP_TOOLCHAIN`); otherwise the cargo that launched us.
pub fn cargo() -> String {
    match (which("cargo"), std::env::var("CARGO")) {
        (None, Ok(launcher)) => launcher,
        _ => "cargo".to_string(),
    }
}

/// Make sure cargo-installed binaries (`~/.cargo/bin`) are on PATH for us and
/// every child process, so freshly installed wasm-bindgen is found.
pub fn init_path() {
    let cargo_bin = match std::env::var_os("CARGO_HOME") {
        Some(home) if !home.is_empty() => PathBuf::from(home).join("bin"),
        _ => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".cargo").join("bin"),
            None => return,
        },
    };
    let current = std::env::var_os("PATH").unwrap_or_default();
    if std::env::split_paths(&current).any(|p| p == cargo_bin) {
        return;
    }
    let mut paths = vec![cargo_bin];
    paths.extend(std::env::split_paths(&current));
    if let Ok(joined) = std::env::join_paths(paths) {
        // Single-threaded at this point (called first thing in main).
        std::env::set_var("PATH", joined);
    }
}

/// A command rooted at the repository root.
pub fn cmd(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = Command::new(program);
    c.current_dir(repo_root());
    c
}

/// Human-readable rendering of a command, for echoing and error messages.
pub fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for arg in c.get_args() {
        let arg = arg.to_string_lossy();
        s.push(' ');
        if arg.is_empty() || arg.contains(char::is_whitespace) {
            s.push_str(&format!("'{arg}'"));
        } else {
            s.push_str(&arg);
        }
    }
    s
}

/// Echo `$ command` to stderr.
pub fn echo(c: &Command) {
    eprintln!("$ {}", describe(c));
}

/// Run a command (inheriting stdio); error names the command on failure.
pub fn run(c: &mut Command) -> Result<(), String> {
    echo(c);
    let status = c
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", describe(c)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(c)))
    }
}

/// Run a command quietly and return its stdout, or `None` if it could not be
/// started or exited unsuccessfully. Used for probing tool versions.
pub fn probe(c: &mut Command) -> Option<String> {
    let out = c.output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Look an executable up on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The version of `package` recorded in Cargo.lock (must be unique).
pub fn lock_version(package: &str) -> Result<String, String> {
    let lock_path = repo_root().join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    let versions = lock_versions(&lock, package);
    match versions.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!("`{package}` is not in Cargo.lock")),
        many => Err(format!(
            "Cargo.lock has several versions of `{package}`: {}",
            many.join(", ")
        )),
    }
}

fn lock_versions(lock: &str, package: &str) -> Vec<String> {
    let wanted = format!("name = \"{package}\"");
    let mut versions = Vec::new();
    let mut in_package = false;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            in_package = false;
        } else if line == wanted {
            in_package = true;
        } else if in_package {
            if let Some(v) = line
                .strip_prefix("version = \"")
                .and_then(|rest| rest.strip_suffix('"'))
            {
                versions.push(v.to_string());
                in_package = false;
            }
        }
    }
    versions
}

/// `node_modules/.bin/wasm-opt` (from the npm `binaryen` package).
pub fn wasm_opt() -> PathBuf {
    repo_root()
        .join("node_modules")
        .join(".bin")
        .join("wasm-opt")
}

/// The load average over 1, 5 and 15 minutes (`/proc/loadavg`), which benchmarks print beside their figures.
pub fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// `node_modules/.bin/esbuild` (from the npm `esbuild` package), which minifies the glue and the loader.
pub fn esbuild() -> PathBuf {
    repo_root()
        .join("node_modules")
        .join(".bin")
        .join("esbuild")
}

// ---------------------------------------------------------------------------
// ensure_* steps
// ---------------------------------------------------------------------------

/// Everything `cargo xtask build` needs.
pub fn ensure_build_tools() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_rust_src()?;
    ensure_wasm_bindgen()?;
    ensure_npm_deps()
}

/// Everything `cargo xtask test` needs (a superset of the build tools).
pub fn ensure_test_tools() -> Result<(), String> {
    ensure_rust_components()?;
    ensure_build_tools()?;
    ensure_chromium()
}

/// The active toolchain's `lib/rustlib`.
fn rustlib() -> Result<PathBuf, String> {
    let sysroot = probe(Command::new("rustc").args(["--print", "sysroot"]))
        .ok_or("`rustc --print sysroot` failed; is Rust installed?")?;
    Ok(Path::new(&sysroot).join("lib").join("rustlib"))
}

pub fn ensure_wasm_target() -> Result<(), String> {
    if rustlib()?.join(WASM_TARGET).is_dir() {
        println!("✓ rust target {WASM_TARGET} present");
        return Ok(());
    }
    println!("→ installing rust target {WASM_TARGET}");
    run(cmd("rustup").args(["target", "add", WASM_TARGET]))
}

/// The standard library's source, which the release wasm's build compiles with the widget
/// (`build::release_wasm_build`).
pub fn ensure_rust_src() -> Result<(), String> {
    if rustlib()?.join("src/rust/library/std").is_dir() {
        println!("✓ rust component rust-src present");
        return Ok(());
    }
    println!("→ installing rust component rust-src");
    run(cmd("rustup").args(["component", "add", "rust-src"]))
}

pub fn ensure_rust_components() -> Result<(), String> {
    for (component, subcommand) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
        if let Some(v) = probe(Command::new(cargo()).args([subcommand, "--version"])) {
            println!("✓ {component} present ({v})");
            continue;
        }
        println!("→ installing rust component {component}");
        run(cmd("rustup").args(["component", "add", component]))?;
    }
    Ok(())
}

pub fn ensure_wasm_bindgen() -> Result<(), String> {
    let wanted = lock_version("wasm-bindgen")?;
    let found = probe(Command::new("wasm-bindgen").arg("--version"));
    let found_version = found
        .as_deref()
        .and_then(|s| s.split_whitespace().nth(1))
        .map(str::to_string);
    let runner_present = which("wasm-bindgen-test-runner").is_some();
    if found_version.as_deref() == Some(wanted.as_str()) && runner_present {
        println!("✓ wasm-bindgen {wanted} present");
        return Ok(());
    }
    match &found_version {
        Some(v) if v != &wanted => {
            println!("→ wasm-bindgen {v} found but Cargo.lock wants {wanted}; installing")
        }
        _ => println!("→ installing wasm-bindgen-cli {wanted}"),
    }
    // No --locked: wasm-bindgen-cli's own lockfile does not build here.
    run(cmd(cargo()).args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))?;
    let after = probe(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if !after.ends_with(&wanted) {
        return Err(format!(
            "installed wasm-bindgen-cli {wanted}, but `wasm-bindgen --version` says `{after}` \
             (is ~/.cargo/bin first on PATH?)"
        ));
    }
    Ok(())
}

fn mtime(p: &Path) -> Option<SystemTime> {
    fs::metadata(p).and_then(|m| m.modified()).ok()
}

pub fn ensure_npm_deps() -> Result<(), String> {
    let root = repo_root();
    let lock = root.join("package-lock.json");
    let modules = root.join("node_modules");
    // npm writes node_modules/.package-lock.json on every install.
    let marker = modules.join(".package-lock.json");
    let installed = mtime(&marker).or_else(|| mtime(&modules));
    let stale = match (installed, mtime(&lock)) {
        (None, _) => true,
        (Some(inst), Some(lock_time)) => inst < lock_time,
        (Some(_), None) => false,
    };
    if !stale && wasm_opt().is_file() && esbuild().is_file() {
        let version = probe(Command::new(wasm_opt()).arg("--version")).unwrap_or_default();
        println!("✓ npm dependencies present ({version})");
        return Ok(());
    }
    println!("→ installing npm dependencies (npm ci)");
    run(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    for (tool, package) in [(wasm_opt(), "binaryen"), (esbuild(), "esbuild")] {
        if !tool.is_file() {
            return Err(format!(
                "`npm ci` finished but {} is missing (is `{package}` in package.json?)",
                tool.display()
            ));
        }
    }
    Ok(())
}

fn is_root() -> bool {
    probe(Command::new("id").arg("-u")).as_deref() == Some("0")
}

pub fn ensure_chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        let version = probe(Command::new(CHROMIUM).arg("--version")).unwrap_or_default();
        println!("✓ chromium and chromedriver present ({version})");
        return Ok(());
    }
    println!("→ installing chromium and chromium-driver (apt)");
    let apt = |args: &[&str]| {
        let mut c = if is_root() {
            cmd("apt-get")
        } else {
            let mut c = cmd("sudo");
            c.args(["--preserve-env=DEBIAN_FRONTEND", "apt-get"]);
            c
        };
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut c)
    };
    apt(&["update"])?;
    apt(&["install", "-y", "chromium", "chromium-driver"])?;
    for p in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(p).is_file() {
            return Err(format!("apt-get install finished but {p} is missing"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_version_in_lockfile() {
        let lock = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-futures"
version = "0.4.50"
"#;
        assert_eq!(lock_versions(lock, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(lock_versions(lock, "wasm-bindgen-futures"), ["0.4.50"]);
        assert!(lock_versions(lock, "yew").is_empty());
    }

    #[test]
    fn describe_quotes_spaces() {
        let mut c = Command::new("echo");
        c.args(["a b", "c"]);
        assert_eq!(describe(&c), "echo 'a b' c");
    }
}
