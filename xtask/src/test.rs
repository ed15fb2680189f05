//! `cargo xtask test`: every check and every test, in order, stopping at the
//! first failing step. Prints a per-kind summary and a final
//! `N passed, N failed` line.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::Instant;

use crate::build;
use crate::serve::Background;
use crate::size;
use crate::tools::{self, cmd, describe, echo, run};

#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Counts {
    passed: u64,
    failed: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

#[derive(Default)]
struct Kind {
    counts: Counts,
    seconds: f64,
    ran: bool,
}

#[derive(Default)]
struct Summary {
    native: Kind,
    core_wasm: Kind,
    wasm: Kind,
    e2e: Kind,
}

/// The names of the core's unit tests under wasm-bindgen-test-runner, which drops the crate's name.
const CORE_TESTS: &str = "core::";

/// The variable expect-test reads: set to anything, it rewrites the golden files instead of checking them.
const UPDATE_EXPECT: &str = "UPDATE_EXPECT";

pub fn run_all(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("unknown argument `{arg}` (usage: test)"));
    }
    refuse_update_expect(std::env::var_os(UPDATE_EXPECT))?;
    let started = Instant::now();
    let mut summary = Summary::default();
    let result = steps(&mut summary);
    if let Err(e) = &result {
        eprintln!();
        eprintln!("error: {e}");
    }
    // The summary's last line (`N passed, N failed`) is the last line printed.
    let total = print_summary(&summary, started.elapsed().as_secs_f64());
    if result.is_err() || total.failed > 0 {
        // Already reported above; main prints nothing for an empty error.
        Err(String::new())
    } else {
        Ok(())
    }
}

/// `cargo xtask test` checks; it never rewrites. With `UPDATE_EXPECT` in the environment (any value, even
/// empty) every golden file would be rewritten to whatever the code now gives, and the run would pass.
fn refuse_update_expect(value: Option<std::ffi::OsString>) -> Result<(), String> {
    match value {
        None => Ok(()),
        Some(value) => Err(format!(
            "{UPDATE_EXPECT} is set ({UPDATE_EXPECT}={}): the golden files would be rewritten instead of checked, \
             so `cargo xtask test` does not run. Unset it (`env -u {UPDATE_EXPECT} cargo xtask test`); to refresh \
             golden files on purpose, run `{UPDATE_EXPECT}=1 cargo test` and review the diff.",
            value.to_string_lossy()
        )),
    }
}

fn step(name: &str) {
    println!();
    println!("══ {name} ══");
}

fn steps(summary: &mut Summary) -> Result<(), String> {
    step("a. tools");
    tools::ensure_test_tools()?;

    step("b. rustfmt");
    run(cmd(tools::cargo()).args(["fmt", "--all", "--check"]))?;

    step("c. clippy");
    let clippy = |args: &[&str]| {
        run(cmd(tools::cargo())
            .arg("clippy")
            .args(args)
            .args(["--", "-D", "warnings"]))
    };
    clippy(&["--workspace", "--all-targets"])?;
    let wasm = ["-p", "treaty-map", "--target", tools::WASM_TARGET];
    clippy(&[&wasm[..], &["--all-targets"]].concat())?;
    // The release wasm's own configuration: English's words only (`fetched-words`), the others fetched.
    clippy(&[&wasm[..], &["--lib", "--features", "fetched-words"]].concat())?;

    step("d. native tests (unit, integration, doctests)");
    timed_tests(
        &mut summary.native,
        cmd(tools::cargo()).args(["test", "--workspace"]),
        parse_cargo,
    )?;

    step("e. the core's unit tests on wasm32 (node)");
    // The widget's real target: the same `#[test]`s as step d, which `src/harness.rs` makes wasm-bindgen tests
    // on wasm32. `node-tests` builds the library's test binary for node instead of a browser; the filter keeps
    // the core's tests (the `web` tests need a browser and run in step f).
    timed_tests(
        &mut summary.core_wasm,
        cmd(tools::cargo()).args([
            "test",
            "-p",
            "treaty-map",
            "--lib",
            "--target",
            tools::WASM_TARGET,
            "--features",
            "node-tests",
            "--",
            CORE_TESTS,
        ]),
        parse_cargo,
    )?;

    step("f. wasm-bindgen-test (headless chromium)");
    timed_tests(
        &mut summary.wasm,
        cmd(tools::cargo())
            // `--tests`: lib + integration tests, but not doctests. Doctests built
            // for wasm32 go through wasm-bindgen-test-runner, which finds no
            // #[wasm_bindgen_test] in them and reports a vacuous "ok" even when
            // the doctest would panic, so they would only inflate the count.
            // `--skip`: the core's tests ran in step e; run again here they would be counted twice.
            .args([
                "test",
                "-p",
                "treaty-map",
                "--tests",
                "--target",
                tools::WASM_TARGET,
                "--",
                "--skip",
                CORE_TESTS,
            ])
            .env("CHROMEDRIVER", tools::CHROMEDRIVER),
        parse_cargo,
    )?;

    step("g. build site");
    build::run_build()?;

    step("h. size budgets (as `cargo xtask size`)");
    size::report(&build::site_dir())?;

    step("i. end-to-end tests (node --test)");
    let server = Background::start(build::site_dir())?;
    // The same site with the strict Content Security Policy on every page (tests/e2e/host-page.test.mjs).
    let strict = Background::start_with(build::site_dir(), true)?;
    println!(
        "serving {} at {} (and with a strict Content-Security-Policy at {})",
        build::site_dir().display(),
        server.url,
        strict.url
    );
    let result = timed_tests(
        &mut summary.e2e,
        cmd("node")
            .args(["--test", "--test-concurrency=1", "tests/e2e/"])
            .env("TREATY_MAP_URL", &server.url)
            .env("TREATY_MAP_CSP_URL", &strict.url)
            .env("CHROMIUM", tools::CHROMIUM),
        parse_node,
    );
    server.stop();
    strict.stop();
    result
}

/// Run a test command, stream + capture its output, record counts and time.
fn timed_tests(kind: &mut Kind, c: &mut Command, parse: fn(&str) -> Counts) -> Result<(), String> {
    // Checked at the start too; removed here as well, so that no test this command runs can rewrite a file.
    let c = c.env_remove(UPDATE_EXPECT);
    let started = Instant::now();
    let (output, success) = run_captured(c)?;
    kind.seconds += started.elapsed().as_secs_f64();
    kind.counts += parse(&output);
    kind.ran = true;
    if success {
        Ok(())
    } else {
        Err(format!("`{}` failed", describe(c)))
    }
}

/// Run a command, echoing its stdout/stderr to ours as it arrives, and
/// return everything it printed plus whether it succeeded.
fn run_captured(c: &mut Command) -> Result<(String, bool), String> {
    echo(c);
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{}`: {e}", describe(c)))?;
    let out = child.stdout.take().expect("stdout is piped");
    let err = child.stderr.take().expect("stderr is piped");
    let out = thread::spawn(move || tee(out, std::io::stdout()));
    let err = thread::spawn(move || tee(err, std::io::stderr()));
    let status = child
        .wait()
        .map_err(|e| format!("waiting for `{}`: {e}", describe(c)))?;
    let mut text = out.join().unwrap_or_default();
    text.push_str(&err.join().unwrap_or_default());
    Ok((text, status.success()))
}

fn tee(from: impl Read, mut to: impl Write) -> String {
    let mut reader = BufReader::new(from);
    let mut captured = String::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let _ = to.write_all(&line);
                let _ = to.flush();
                captured.push_str(&String::from_utf8_lossy(&line));
            }
        }
    }
    captured
}

/// Remove ANSI colour escapes (`ESC [ … letter`).
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The number right before `label` in `line` (`"3 passed"` → 3).
fn number_before(line: &str, label: &str) -> Option<u64> {
    let idx = line.find(label)?;
    let digits: String = line[..idx]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// Sum libtest / wasm-bindgen-test-runner `test result: … N passed; M failed;` lines.
fn parse_cargo(output: &str) -> Counts {
    let mut total = Counts::default();
    for line in output.lines().map(strip_ansi) {
        let Some(idx) = line.find("test result:") else {
            continue;
        };
        let rest = &line[idx..];
        total += Counts {
            passed: number_before(rest, " passed").unwrap_or(0),
            failed: number_before(rest, " failed").unwrap_or(0),
        };
    }
    total
}

/// node --test summary: `# pass N` / `# fail N` (TAP) or `ℹ pass N` (spec).
fn parse_node(output: &str) -> Counts {
    let mut total = Counts::default();
    for line in output.lines().map(strip_ansi) {
        let line = line.trim();
        let rest = line.strip_prefix("# ").or_else(|| line.strip_prefix("ℹ "));
        let Some(rest) = rest else { continue };
        let value = |label: &str| {
            rest.strip_prefix(label)
                .and_then(|n| n.trim().parse::<u64>().ok())
        };
        if let Some(n) = value("pass ") {
            total.passed += n;
        } else if let Some(n) = value("fail ") {
            total.failed += n;
        }
    }
    total
}

fn print_summary(summary: &Summary, total_seconds: f64) -> Counts {
    let rows = [
        ("native unit+integration", &summary.native),
        ("core on wasm32 (node)", &summary.core_wasm),
        ("wasm-bindgen-test", &summary.wasm),
        ("e2e", &summary.e2e),
    ];
    println!();
    println!(
        "{:<24} | {:>6} | {:>6} | {:>8}",
        "kind", "passed", "failed", "seconds"
    );
    println!("{:-<24}-+-{:->6}-+-{:->6}-+-{:->8}", "", "", "", "");
    let mut total = Counts::default();
    for (name, kind) in rows {
        if kind.ran {
            println!(
                "{name:<24} | {:>6} | {:>6} | {:>8.1}",
                kind.counts.passed, kind.counts.failed, kind.seconds
            );
        } else {
            println!("{name:<24} | {:>6} | {:>6} | {:>8}", "-", "-", "not run");
        }
        total += kind.counts;
    }
    println!("{:-<24}-+-{:->6}-+-{:->6}-+-{:->8}", "", "", "", "");
    println!(
        "{:<24} | {:>6} | {:>6} | {:>8.1}",
        "total (all steps)", total.passed, total.failed, total_seconds
    );
    println!();
    println!("{} passed, {} failed", total.passed, total.failed);
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_run_with_update_expect_set() {
        assert_eq!(refuse_update_expect(None), Ok(()));
        for value in ["1", "", "0"] {
            let message = refuse_update_expect(Some(value.into())).unwrap_err();
            assert!(
                message.contains("golden files would be rewritten instead of checked"),
                "{message}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn test_commands_run_without_update_expect() {
        let mut kind = Kind::default();
        let mut c = Command::new("sh");
        c.args(["-c", "test -z \"${UPDATE_EXPECT+set}\""])
            .env(UPDATE_EXPECT, "1");
        assert_eq!(timed_tests(&mut kind, &mut c, parse_cargo), Ok(()));
    }

    #[test]
    fn parses_cargo_results() {
        let out = "\
running 3 tests
test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
   Doc-tests treaty_map
test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out
\u{1b}[32mtest result: ok. 10 passed; 0 failed; 1 ignored\u{1b}[0m
no tests to run!
";
        assert_eq!(
            parse_cargo(out),
            Counts {
                passed: 14,
                failed: 2
            }
        );
    }

    #[test]
    fn parses_node_tap_and_spec() {
        let tap = "# tests 5\n# suites 1\n# pass 4\n# fail 1\n# cancelled 0\n";
        assert_eq!(
            parse_node(tap),
            Counts {
                passed: 4,
                failed: 1
            }
        );
        let spec = "ℹ tests 2\nℹ pass 2\nℹ fail 0\n";
        assert_eq!(
            parse_node(spec),
            Counts {
                passed: 2,
                failed: 0
            }
        );
    }

    #[test]
    fn number_before_label() {
        assert_eq!(
            number_before("ok. 12 passed; 3 failed", " passed"),
            Some(12)
        );
        assert_eq!(number_before("ok. 12 passed; 3 failed", " failed"), Some(3));
        assert_eq!(number_before("nothing", " failed"), None);
    }
}
