//! `cargo xtask bench`: the core side by side with d3-geo, in one run, written to `bench/RESULTS.md`.
//!
//! 1. Inputs: the world-atlas countries at 1:110m, 1:50m and 1:10m as GeoJSON (`bench/inputs.mjs`).
//! 2. Native: criterion (`benches/core.rs`, at `opt-level = 3`), then d3-geo in node (`bench/node.mjs`).
//! 3. Browser: the core compiled to wasm with the widget's release profile (`bench/wasm`) and d3-geo in the same
//!    Chromium page; the served demo's load and interaction latency; a CPU profile of the click path on a copy of
//!    the site whose wasm keeps its function names (`bench/browser.mjs`).
//! 4. The payload table (`cargo xtask size`'s).
//! 5. Lighthouse on the demo and on `dist/example.html`, each served as a CDN would (`bench/lighthouse.rs`).
//!
//! `BENCH_PARTS` (comma-separated) picks parts: `bench/browser.mjs`'s (`compare`, `load`, `interaction`,
//! `profile`, `worst`, `stages`, `time`) and `lighthouse`; unset, all run. `BENCH_PARTS=lighthouse` runs Lighthouse
//! alone and replaces only its section of `bench/RESULTS.md`; a run without it keeps the section there was.
//!
//! Benchmarks print figures; they are not tests, and `cargo xtask test` does not run them.

mod lighthouse;
mod report;

use std::fs;
use std::path::{Path, PathBuf};

use crate::build;
use crate::serve::Background;
use crate::size;
use crate::tools::{self, cmd};

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("`bench` takes no arguments (got `{arg}`)"));
    }
    let root = tools::repo_root();
    let dir = tools::target_dir().join("bench");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let load_before = tools::load_average();

    let parts = std::env::var("BENCH_PARTS").ok();
    let wants = |part: &str| {
        parts
            .as_deref()
            .is_none_or(|p| p.split(',').any(|x| x.trim() == part))
    };
    // Everything but Lighthouse is the measurement pipeline below, which `bench/browser.mjs` filters itself.
    let others = parts.as_deref().is_none_or(|p| {
        p.split(',')
            .any(|x| !x.trim().is_empty() && x.trim() != "lighthouse")
    });

    tools::ensure_test_tools()?;
    build::build_site()?;
    // A private copy: `cargo xtask build` and `test` wipe and rebuild target/site, which may happen while the
    // benchmarks run.
    let site = copy_dir(&build::site_dir(), &dir.join("site"))?;
    let dist = copy_dir(&build::dist_dir(), &dir.join("dist"))?;
    let out = root.join("bench/RESULTS.md");
    let previous = fs::read_to_string(&out).unwrap_or_default();

    let mut text = if others {
        measure(&root, &dir, &site, load_before.clone())?
    } else {
        previous.clone()
    };
    if wants("lighthouse") {
        let section = lighthouse::run(&dir, &site, &dist, &load_before)?;
        text = lighthouse::merge_section(&text, lighthouse::HEADING, &section);
    } else if let Some(kept) = lighthouse::take_section(&previous, lighthouse::HEADING) {
        text = lighthouse::merge_section(&text, lighthouse::HEADING, &kept);
    }
    fs::write(&out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("results written to {}", out.display());
    Ok(())
}

/// Everything but Lighthouse: inputs, native and browser benchmarks, the payload; returns the report.
fn measure(root: &Path, dir: &Path, site: &Path, load_before: String) -> Result<String, String> {
    let (dir, site) = (dir.to_path_buf(), site.to_path_buf());
    tools::run(cmd("node").arg(root.join("bench/inputs.mjs")).arg(&dir))?;

    // Native: criterion at opt-level 3 (the release profile's `z` is for the wasm download), then d3-geo.
    tools::run(
        cmd(tools::cargo())
            .args(["bench", "-p", "treaty-map", "--bench", "core"])
            .args(["--config", "profile.bench.opt-level=3"])
            .env("TREATY_MAP_BENCH_DIR", &dir),
    )?;
    tools::run(
        cmd("node")
            .arg("--expose-gc")
            .arg(root.join("bench/node.mjs"))
            .arg(&dir),
    )?;

    build_bench_wasm(&dir)?;
    let names = site_with_names(&site, &dir)?;
    let server = Background::start(site.clone())?;
    let browser = tools::run(
        cmd("node")
            .arg(root.join("bench/browser.mjs"))
            .arg(&dir)
            .env("TREATY_MAP_URL", &server.url)
            .env("SITE_NAMES_DIR", &names)
            .env("BENCH_SITE_DIR", &site),
    );
    server.stop();
    browser?;

    let payload = size::payload_rows(&site)?;
    let world = size::world_row(&site)?;
    report::write(&report::Inputs {
        dir: &dir,
        payload: &payload,
        world: &world,
        load_before,
        load_after: tools::load_average(),
    })
}

/// Compiles `bench/wasm` for wasm32 with the widget's release profile, binds it and runs wasm-opt as
/// `cargo xtask build` does, into `dir/wasm-pkg`.
///
/// In a target folder of its own (`target/bench-wasm`): built for this package, the widget's crate is a
/// dependency with other features (all the languages' words), and cargo writes a dependency's wasm to the same
/// `deps/treaty_map.wasm` as the widget's own build, which then, having nothing to do, would leave it there:
/// `cargo xtask build` after a bench shipped that wasm (639,003 B instead of 622,799).
fn build_bench_wasm(dir: &Path) -> Result<(), String> {
    let manifest = tools::repo_root().join("bench/wasm/Cargo.toml");
    let target = tools::target_dir().join("bench-wasm");
    tools::run(
        build::release_wasm_build(
            cmd(tools::cargo())
                .args(["build", "--release", "--target", tools::WASM_TARGET])
                .arg("--manifest-path")
                .arg(&manifest),
        )
        .env("CARGO_TARGET_DIR", &target),
    )?;
    let pkg = dir.join("wasm-pkg");
    let wasm_in = target
        .join(tools::WASM_TARGET)
        .join("release/treaty_map_bench.wasm");
    build::bindgen(&wasm_in, &pkg, "treaty_map_bench")?;
    build::optimise(&pkg.join("treaty_map_bench_bg.wasm"))
}

/// A copy of the site whose wasm is wasm-bindgen's output before wasm-opt, which keeps the function names a
/// profile needs (and is larger and somewhat slower than what ships).
fn site_with_names(site: &Path, dir: &Path) -> Result<PathBuf, String> {
    let names = copy_dir(site, &dir.join("site-names"))?;
    let wasm_in = tools::target_dir()
        .join(tools::WASM_TARGET)
        .join("release/treaty_map.wasm");
    build::bindgen(&wasm_in, &names.join("pkg"), "treaty_map")?;
    Ok(names)
}

/// Replaces `to` with a copy of `from`; returns `to`.
fn copy_dir(from: &Path, to: &Path) -> Result<PathBuf, String> {
    if to.exists() {
        fs::remove_dir_all(to).map_err(|e| format!("cannot wipe {}: {e}", to.display()))?;
    }
    crate::files::copy_tree(from, to)?;
    Ok(to.to_path_buf())
}
