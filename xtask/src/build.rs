//! `cargo xtask build`: compile the widget to wasm, run wasm-bindgen and
//! wasm-opt, assemble the static site in `target/site/` with the pre-renders
//! (`prerender.rs`), write `dist/` (`dist.rs`) and print its sizes.

use std::fs;
use std::path::{Path, PathBuf};

use crate::files::{copy_file, copy_tree, create_dir, sorted_entries};
use crate::tools::{self, cmd, run};
use crate::{dist, prerender};

/// The crate that is compiled to wasm.
const PACKAGE: &str = "treaty-map";
/// Output name of the wasm-bindgen glue (`treaty_map.js`, `treaty_map_bg.wasm`).
const OUT_NAME: &str = "treaty_map";

/// wasm-opt flags. The feature flags mirror what rustc 1.9x enables by default
/// for wasm32-unknown-unknown (`rustc --print cfg --target wasm32-unknown-unknown`):
/// bulk-memory, multivalue, mutable-globals, nontrapping-fptoint,
/// reference-types, sign-ext. Binaryen defaults to fewer features and then
/// fails validation on rustc's output, so each must be enabled explicitly.
pub const WASM_OPT_FLAGS: &[&str] = &[
    "-Oz",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// `target/site`.
pub fn site_dir() -> PathBuf {
    tools::target_dir().join("site")
}

/// Ensure the tools, then build the site.
pub fn run_build() -> Result<(), String> {
    tools::ensure_build_tools()?;
    build_site()
}

/// Build the site, assuming the tools are present.
pub fn build_site() -> Result<(), String> {
    let root = tools::repo_root();
    let site = site_dir();
    let pkg = site.join("pkg");

    // A deterministic site: start from nothing.
    if site.exists() {
        fs::remove_dir_all(&site).map_err(|e| format!("cannot wipe {}: {e}", site.display()))?;
    }
    create_dir(&pkg)?;

    run(cmd(tools::cargo()).args([
        "build",
        "-p",
        PACKAGE,
        "--lib",
        "--release",
        "--target",
        tools::WASM_TARGET,
    ]))?;

    let wasm_in = tools::target_dir()
        .join(tools::WASM_TARGET)
        .join("release")
        .join(format!("{}.wasm", PACKAGE.replace('-', "_")));
    bindgen(&wasm_in, &pkg, OUT_NAME)?;
    optimise(&pkg.join(format!("{OUT_NAME}_bg.wasm")))?;

    let www = root.join("www");
    if www.is_dir() {
        copy_tree(&www, &site)?;
    } else {
        eprintln!(
            "warning: {} does not exist; no static files copied",
            www.display()
        );
    }
    // The loader names its build, so that two copies on one page can tell whether they are the same widget.
    let loader = site.join("treaty-map.js");
    let wasm = fs::read(pkg.join(format!("{OUT_NAME}_bg.wasm")))
        .map_err(|e| format!("cannot read the wasm: {e}"))?;
    let stamped = stamp_loader(
        &fs::read_to_string(&loader)
            .map_err(|e| format!("cannot read {}: {e}", loader.display()))?,
        &format!("{}+{}", treaty_map::VERSION, dist::hash8(&wasm)),
    )?;
    fs::write(&loader, stamped).map_err(|e| format!("cannot write {}: {e}", loader.display()))?;
    // The widget's stylesheet as a file, for the pre-renders (the live widget carries it).
    let css = site.join(prerender::STYLESHEET);
    fs::write(&css, treaty_map::ui::widget::stylesheet())
        .map_err(|e| format!("cannot write {}: {e}", css.display()))?;

    let data_src = root.join("data");
    if data_src.is_dir() {
        let data_dst = site.join("data");
        for src in sorted_entries(&data_src)? {
            if src.is_file() && src.extension().is_some_and(|e| e == "json") {
                create_dir(&data_dst)?;
                copy_file(
                    &src,
                    &data_dst.join(src.file_name().expect("entry has a name")),
                )?;
            }
        }
    }

    // Pre-renders of every region from the committed data, and in place of the pages' placeholders.
    let prerenders = prerender::render_all(&data_src)?;
    prerender::write_all(&site.join("prerender"), &prerenders)?;
    let pages = prerender::fill_pages(&site, &prerenders)?;

    println!(
        "site ready in {} ({} pre-renders, {pages} page(s) with pre-rendered maps)",
        site.display(),
        prerenders.len()
    );

    // The sizes of everything in dist/, from the compressed siblings `dist::write` makes.
    let dist_dir = dist_dir();
    let bundle = dist::write(&site, &dist_dir)?;
    println!("{}", dist::listing(&dist_dir)?);
    println!(
        "dist ready in {} (loader {}, {}); every text and wasm file has .gz and .br siblings",
        dist_dir.display(),
        bundle.loader,
        bundle.loader_sri
    );
    Ok(())
}

/// The loader with its build written into `const VERSION = "dev";`.
pub fn stamp_loader(loader: &str, version: &str) -> Result<String, String> {
    let from = "const VERSION = \"dev\";";
    match loader.matches(from).count() {
        1 => Ok(loader.replacen(from, &format!("const VERSION = \"{version}\";"), 1)),
        n => Err(format!(
            "the loader should hold {from} exactly once, found {n} times"
        )),
    }
}

/// wasm-bindgen for the browser (`--target web`): `out_dir/<out_name>.js` and `out_dir/<out_name>_bg.wasm`.
pub fn bindgen(wasm_in: &Path, out_dir: &Path, out_name: &str) -> Result<(), String> {
    run(cmd("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(out_dir)
        .args(["--out-name", out_name])
        .arg(wasm_in))
}

/// wasm-opt with [`WASM_OPT_FLAGS`], in place.
pub fn optimise(wasm: &Path) -> Result<(), String> {
    run(cmd(tools::wasm_opt())
        .args(WASM_OPT_FLAGS)
        .arg(wasm)
        .arg("-o")
        .arg(wasm))
}

/// `dist/` at the repository root (git-ignored).
pub fn dist_dir() -> PathBuf {
    tools::repo_root().join("dist")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_is_stamped_once() {
        let loader = "const VERSION = \"dev\";\nexport {};\n";
        assert_eq!(
            stamp_loader(loader, "0.1.0+abc").unwrap(),
            "const VERSION = \"0.1.0+abc\";\nexport {};\n"
        );
        assert!(stamp_loader("no version", "x").is_err());
        let www = fs::read_to_string(tools::repo_root().join("www/treaty-map.js")).unwrap();
        assert!(stamp_loader(&www, "x").is_ok());
    }
}
