//! `cargo xtask build`: compile the widget to wasm, run wasm-bindgen and
//! wasm-opt, minify the glue and the loader with esbuild (each with a source map beside it), assemble the
//! static site in `target/site/` with the pre-renders (`prerender.rs`), a `favicon.ico` and a `.gz` and `.br`
//! sibling of every text and wasm file (which `cargo xtask serve` sends), write `dist/` (`dist.rs`) and print
//! its sizes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::files::{self, copy_file, copy_tree, create_dir, precompress_tree, sorted_entries};
use crate::tools::{self, cmd, run};
use crate::{compact, dist, layout, prerender};
use treaty_map::core::i18n::Lang;

/// The crate that is compiled to wasm.
const PACKAGE: &str = "treaty-map";
/// Output name of the wasm-bindgen glue (`treaty_map.js`, `treaty_map_bg.wasm`).
const OUT_NAME: &str = "treaty_map";

/// wasm-opt's passes. Functions that differ only in constants are merged first (`--merge-similar-functions`,
/// −0.4 KB); the control flow is flattened and rebuilt by the relooper (`--flatten --rereloop`) and `-Oz` runs;
/// the whole program's types and values are followed (`--gufa`); the control flow is flattened and rebuilt
/// again and `-Oz` runs twice. The first rebuild and the repeated `-Oz` took 2.6 KB of brotli wasm off one
/// `-Oz`, and made the demo interactive sooner, as there is less code to compile; the second rebuild after
/// `--gufa` 0.6 to 0.9 KB more. A function called from one place is put into its caller only if it is small
/// (`--one-caller-inline-max-function-size`; by default any size): a large one stays a function of its own,
/// which keeps its own locals and its likeness to others and is laid out beside them, where brotli finds it
/// (−9.2 to −9.5 KB; the load as fast within this machine's noise). bench/SIZE.md has each figure.
///
/// The feature flags mirror what rustc 1.9x enables by default for wasm32-unknown-unknown (`rustc --print cfg
/// --target wasm32-unknown-unknown`): bulk-memory, multivalue, mutable-globals, nontrapping-fptoint,
/// reference-types, sign-ext. Binaryen defaults to fewer features and then fails validation on rustc's output,
/// so each must be enabled explicitly.
pub const WASM_OPT_FLAGS: &[&str] = &[
    "--one-caller-inline-max-function-size=20",
    "--merge-similar-functions",
    "--flatten",
    "--rereloop",
    "-Oz",
    "--gufa",
    "--flatten",
    "--rereloop",
    "-Oz",
    "-Oz",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// wasm-opt's last run, after [`layout::name_by_likeness`] has named the functions in the order to lay them out
/// in: it lays them out in the order of those names (each function beside the one most like it, where brotli
/// finds their likeness: bench/SIZE.md, "Functions laid out by likeness"), and drops the names, the `producers`
/// and the `target_features` custom sections, which no browser reads (−0.1 KB).
const WASM_OPT_LAYOUT: &[&str] = &[
    "--reorder-functions-by-name",
    "--strip-producers",
    "--strip-target-features",
];

/// `cargo build` of a release wasm (the widget's, and the bench's, which shares its target folder), made as the
/// widget ships: the standard library is compiled with the crate (`-Zbuild-std`) in its `optimize_for_size`
/// form and with `panic=immediate-abort`, under which a panic traps at once, formatting no message; the loader
/// handles that trap as it handles any other (ARCHITECTURE.md, "Panics and traps"). `-Zlocation-detail=none`
/// drops the source locations code asks for (`#[track_caller]`), which only panics would have said. Together
/// −21.5 KB of brotli wasm (bench/SIZE.md). These are unstable options of the stable toolchain, enabled by
/// `RUSTC_BOOTSTRAP=1` for this build only: the tests, clippy and the native builds use the toolchain as it
/// comes.
pub fn release_wasm_build(cargo: &mut Command) -> &mut Command {
    cargo
        .args([
            "-Zbuild-std=std,panic_abort",
            "-Zbuild-std-features=optimize_for_size",
        ])
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_ENCODED_RUSTFLAGS", release_rustflags())
}

/// The rustflags of [`release_wasm_build`]: any set in `CARGO_ENCODED_RUSTFLAGS` or `RUSTFLAGS`, then
/// `-Cpanic=immediate-abort` (with `-Zunstable-options`, which it needs) and `-Zlocation-detail=none`, then
/// `--remap-path-prefix` for each folder of this machine that source paths start with, so that any source path
/// still compiled in names `crates.io/yew-0.23.0/…` and `src/…` instead of the build machine's home and project
/// folders. Joined by 0x1f, as `CARGO_ENCODED_RUSTFLAGS` wants them.
fn release_rustflags() -> String {
    let mut flags: Vec<String> = match std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        Ok(encoded) if !encoded.is_empty() => encoded.split('\x1f').map(str::to_owned).collect(),
        _ => std::env::var("RUSTFLAGS")
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    };
    flags.extend([
        "-Zunstable-options".to_owned(),
        "-Cpanic=immediate-abort".to_owned(),
        "-Zlocation-detail=none".to_owned(),
    ]);
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    // rustc applies the last prefix that matches, so the longer ones come later.
    let mut remaps = vec![(tools::repo_root(), ".".to_owned())];
    if let Some(home) = cargo_home {
        remaps.push((home.clone(), "cargo".to_owned()));
        remaps.push((home.join("git/checkouts"), "git".to_owned()));
        // One folder per registry (`index.crates.io-<hash>`).
        for registry in sorted_entries(&home.join("registry/src")).unwrap_or_default() {
            let name = registry
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            let short = match name.as_deref() {
                Some(n) if n.starts_with("index.crates.io-") => "crates.io".to_owned(),
                Some(n) => n.to_owned(),
                None => continue,
            };
            remaps.push((registry, short));
        }
    }
    for (from, to) in remaps {
        flags.push(format!("--remap-path-prefix={}={to}", from.display()));
    }
    flags.join("\x1f")
}

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

    // The registry's folders exist once the crates are downloaded; `release_rustflags` names them.
    run(cmd(tools::cargo()).args(["fetch", "--target", tools::WASM_TARGET]))?;
    run(release_wasm_build(cmd(tools::cargo()).args([
        "build",
        "-p",
        PACKAGE,
        "--lib",
        "--release",
        "--target",
        tools::WASM_TARGET,
        // English's words only; the others' are files beside the wasm (`words_files`).
        "--features",
        "fetched-words",
    ])))?;

    let wasm_in = tools::target_dir()
        .join(tools::WASM_TARGET)
        .join("release")
        .join(format!("{}.wasm", PACKAGE.replace('-', "_")));
    bindgen(&wasm_in, &pkg, OUT_NAME)?;
    let bound = pkg.join(format!("{OUT_NAME}_bg.wasm"));
    check_unlinked(&fs::read(&bound).map_err(|e| format!("cannot read the wasm: {e}"))?)?;
    optimise(&bound)?;
    minify_names(&bound, &pkg.join(format!("{OUT_NAME}.js")))?;
    let words = words_files();
    for (code, text) in &words {
        files::write(&pkg.join(format!("{}-{code}.txt", dist::WORDS_STEM)), text)?;
    }

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
    // Both scripts ship minified, each with its source map beside it; dist/ minifies its own rewritten copies.
    let glue_path = pkg.join(format!("{OUT_NAME}.js"));
    let glue = files::read_text(&glue_path)?;
    write_minified(&glue_path, &glue)?;
    write_minified(&loader, &stamped)?;
    // The widget's stylesheet as a file: the pre-renders link it, and the loader fetches it for the live widget.
    let css = site.join(prerender::STYLESHEET);
    fs::write(&css, treaty_map::ui::widget::stylesheet())
        .map_err(|e| format!("cannot write {}: {e}", css.display()))?;

    let data_src = root.join("data");
    if data_src.is_dir() {
        let data_dst = site.join("data");
        // The status table ships without the states' names, which the geometry's features carry (`compact`).
        let status_src = data_src.join("status.json");
        let (status, names) = compact::shipped_status(&files::read_text(&status_src)?)
            .map_err(|e| format!("{}: {e}", status_src.display()))?;
        for src in sorted_entries(&data_src)? {
            if src.is_file() && src.extension().is_some_and(|e| e == "json") {
                create_dir(&data_dst)?;
                let dst = data_dst.join(src.file_name().expect("entry has a name"));
                // The geometry ships in its compact form, under the same name.
                if src.to_string_lossy().ends_with(".geo.json") {
                    let text = compact::compact(&files::read_text(&src)?, &names)
                        .map_err(|e| format!("{}: {e}", src.display()))?;
                    files::write(&dst, text.as_bytes())?;
                } else if src == status_src {
                    files::write(&dst, status.as_bytes())?;
                } else {
                    copy_file(&src, &dst)?;
                }
            }
        }
    }

    // Pre-renders of every region from the committed data, and in place of the pages' placeholders.
    let prerenders = prerender::render_all(&data_src)?;
    prerender::write_all(&site.join("prerender"), &prerenders)?;
    let pages = prerender::fill_pages(&site, &prerenders)?;
    // For clients that ask for /favicon.ico without reading the pages' `<link rel="icon">` (favicon.svg).
    files::write(&site.join("favicon.ico"), favicon_ico())?;
    // Served as a CDN serves them: `cargo xtask serve` sends these in the encoding a request accepts.
    let compressed = precompress_tree(&site)?;

    println!(
        "site ready in {} ({} pre-renders, {pages} page(s) with pre-rendered maps, {compressed} files with .gz and .br siblings)",
        site.display(),
        prerenders.len()
    );

    // The sizes of everything in dist/, from the compressed siblings `dist::write` makes.
    let dist_dir = dist_dir();
    let bundle = dist::write(
        &site,
        &dist_dir,
        &dist::Sources {
            glue: &glue,
            loader: &stamped,
            words: &words,
        },
        &dist::minify,
    )?;
    println!("{}", dist::listing(&dist_dir)?);
    println!(
        "dist ready in {} (loader {}, {}); every text and wasm file has .gz and .br siblings",
        dist_dir.display(),
        bundle.loader,
        bundle.loader_sri
    );
    Ok(())
}

/// The words files of the languages the release wasm does not carry (its `fetched-words` feature): each
/// language's catalogue as this build compiles it, which the wasm reads back (`core::i18n::words`).
pub fn words_files() -> Vec<(&'static str, String)> {
    Lang::ALL
        .into_iter()
        .filter(|lang| *lang != Lang::En)
        .map(|lang| (lang.code(), lang.catalogue().to_text(lang)))
        .collect()
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

/// Writes `source` minified to `path`, and its map beside it as `<name>.map`.
fn write_minified(path: &Path, source: &str) -> Result<(), String> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{} has no name", path.display()))?;
    let minified = dist::minify(source, name)?;
    let map = files::sibling(path, "map");
    files::write(&map, &minified.map)?;
    files::write(
        path,
        dist::with_source_map(&minified.code, &format!("{name}.map")),
    )
}

/// The side of [`favicon_ico`]'s square, in pixels.
const FAVICON_PX: usize = 16;

/// `favicon.ico`: the disc of `www/favicon.svg` in its colour (#7a1f2b), [`FAVICON_PX`] pixels square, as a
/// 32-bit BMP in an ICO container (Microsoft's ICO format: a 6-byte header, one 16-byte directory entry, then a
/// BITMAPINFOHEADER of doubled height, the pixels bottom-up in BGRA, and a 1-bit AND mask left clear since the
/// alpha channel carries the shape). The edge is anti-aliased by 4 × 4 samples a pixel.
pub fn favicon_ico() -> Vec<u8> {
    let n = FAVICON_PX;
    let mask_row = n.div_ceil(32) * 4;
    let image_len = 40 + n * n * 4 + mask_row * n;
    let mut out = Vec::with_capacity(22 + image_len);
    let u16le = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_le_bytes());
    let u32le = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
    // ICONDIR: reserved, type 1 (icon), one image.
    for v in [0, 1, 1] {
        u16le(&mut out, v);
    }
    // ICONDIRENTRY: width, height, no palette, reserved; planes, bits per pixel; size and offset of the image.
    out.extend_from_slice(&[n as u8, n as u8, 0, 0]);
    u16le(&mut out, 1);
    u16le(&mut out, 32);
    u32le(&mut out, image_len as u32);
    u32le(&mut out, 22);
    // BITMAPINFOHEADER: size, width, height of colour and mask together, planes, bits, no compression, the
    // image's size, then resolution and palette fields left at 0.
    u32le(&mut out, 40);
    u32le(&mut out, n as u32);
    u32le(&mut out, 2 * n as u32);
    u16le(&mut out, 1);
    u16le(&mut out, 32);
    u32le(&mut out, 0);
    u32le(&mut out, (image_len - 40) as u32);
    for _ in 0..4 {
        u32le(&mut out, 0);
    }
    let (centre, radius) = (n as f64 / 2.0, n as f64 / 2.0 - 0.5);
    for row in (0..n).rev() {
        for col in 0..n {
            let inside = (0..16)
                .filter(|s| {
                    let x = col as f64 + (f64::from(s % 4) + 0.5) / 4.0 - centre;
                    let y = row as f64 + (f64::from(s / 4) + 0.5) / 4.0 - centre;
                    x * x + y * y <= radius * radius
                })
                .count();
            out.extend_from_slice(&[0x2b, 0x1f, 0x7a, (inside * 255 / 16) as u8]);
        }
    }
    out.resize(22 + image_len, 0);
    out
}

/// wasm-bindgen for the browser (`--target web`): `out_dir/<out_name>.js` and `out_dir/<out_name>_bg.wasm`.
pub fn bindgen(wasm_in: &Path, out_dir: &Path, out_name: &str) -> Result<(), String> {
    run(cmd("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(out_dir)
        .args(["--out-name", out_name])
        .arg(wasm_in))
}

/// Code the release wasm must not link, each with what links it: found by name in the bound wasm's name
/// section, which wasm-bindgen keeps and [`optimise`] drops.
const UNLINKED: &[(&str, &str)] = &[
    (
        "flt2dec",
        "core's float printing (9 K raw, 4.8 KB brotli; bench/SIZE.md) is linked: some code formats an f64 \
         with `{}` or `{:.N}`; write it with `core::fixed::Fixed`",
    ),
    (
        "unicode::printable",
        "core's tables of printable characters (2.8 KB brotli; bench/SIZE.md) are linked: some code writes a \
         text with `{:?}`; quote it with `core::error::quote`",
    ),
    (
        "rem_pio2",
        "the C library's reduction of an angle of any size (3.4 K raw, 1.8 KB brotli; bench/SIZE.md) is \
         linked: some code calls `f64::sin`, `cos`, `sin_cos` or `tan`; use `core::trig`",
    ),
    (
        "::hypot",
        "the C library's `hypot` (0.3 K raw; bench/SIZE.md) is linked: some code calls `f64::hypot`; use \
         `core::trig::length`",
    ),
    (
        "debug_string",
        "wasm-bindgen's `debugString` is in the glue: some code writes a `JsValue` with `{:?}`; give the value \
         to the console as it is",
    ),
];

/// A part of the crate's own function names ([`check_unlinked`] looks for it first: a wasm without function
/// names would pass every check without one being made).
const OWN_NAMES: &str = "::core::scene::";

/// Fails if the bound wasm links any of [`UNLINKED`], or has no function names to tell.
fn check_unlinked(wasm: &[u8]) -> Result<(), String> {
    let names = |name: &str| wasm.windows(name.len()).any(|w| w == name.as_bytes());
    if !names(OWN_NAMES) {
        return Err(format!(
            "the bound wasm names no function of `{OWN_NAMES}`: without its function names (wasm-bindgen's name \
             section) the build cannot check what it links"
        ));
    }
    for (name, why) in UNLINKED {
        if names(name) {
            return Err(format!("the wasm names `{name}`: {why}"));
        }
    }
    Ok(())
}

/// wasm-opt with [`WASM_OPT_FLAGS`], keeping the function names (`-g`); then the functions named in the order
/// to lay them out in ([`layout::name_by_likeness`]), and laid out in it by wasm-opt ([`WASM_OPT_LAYOUT`]),
/// which drops the names; all in place.
pub fn optimise(wasm: &Path) -> Result<(), String> {
    run(cmd(tools::wasm_opt())
        .args(WASM_OPT_FLAGS)
        .arg("-g")
        .arg(wasm)
        .arg("-o")
        .arg(wasm))?;
    let named = layout::name_by_likeness(&files::read(wasm)?)?;
    files::write(wasm, named)?;
    run(cmd(tools::wasm_opt())
        .args(WASM_OPT_LAYOUT)
        .args(features())
        .arg(wasm)
        .arg("-o")
        .arg(wasm))
}

/// The feature flags of [`WASM_OPT_FLAGS`], which every run of wasm-opt on the wasm needs.
fn features() -> impl Iterator<Item = &'static &'static str> {
    WASM_OPT_FLAGS.iter().filter(|f| f.starts_with("--enable-"))
}

/// The name wasm-opt's `--minify-imports-and-exports-and-modules` gives the one module the wasm imports from.
const MINIFIED_MODULE: &str = "a";

/// Gives the names the wasm and its glue know each other by a character or two, in both: wasm-bindgen names
/// each import for its function and a hash (`__wbg_setAttribute_f75317b2b5cabfb4`) and each closure's export
/// for its whole type, 12 KB of names in the wasm and again in the glue, the hashes incompressible (bench/SIZE.md).
/// wasm-opt renames them in the wasm and prints what it renamed; [`rename_in_glue`] renames them in the glue.
/// Then the glue's imports are put in the order of their code ([`layout::sort_imports`]).
fn minify_names(wasm: &Path, glue_path: &Path) -> Result<(), String> {
    let mut command = cmd(tools::wasm_opt());
    command
        .arg("--minify-imports-and-exports-and-modules")
        .args(features())
        .arg(wasm)
        .arg("-o")
        .arg(wasm);
    // Run as `tools::run` runs a command, but keeping the map wasm-opt prints.
    tools::echo(&command);
    let output = command
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", tools::describe(&command)))?;
    if !output.status.success() {
        return Err(format!(
            "`{}` failed ({}): {}",
            tools::describe(&command),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let map = String::from_utf8_lossy(&output.stdout);
    let glue = files::read_text(glue_path)?;
    files::write(
        glue_path,
        layout::sort_imports(&rename_in_glue(&glue, &map)?)?,
    )
}

/// The glue with the names wasm-opt gave the imports and exports (`map`, the JSON it prints: `imports` as
/// `[module, name, new name]`, `exports` as `[name, new name]`): each import's key in the import object, each
/// export where the glue reads it from the instance (`wasm.name`), and the module's key. Every name must be
/// found where it is expected, so that a glue of another shape fails the build rather than the page.
pub fn rename_in_glue(glue: &str, map: &str) -> Result<String, String> {
    let map: serde_json::Value =
        serde_json::from_str(map).map_err(|e| format!("wasm-opt's map of names: {e}"))?;
    let pairs = |key: &str| -> Result<Vec<(String, String)>, String> {
        let list = map[key]
            .as_array()
            .ok_or_else(|| format!("wasm-opt's map of names has no {key}"))?;
        list.iter()
            .map(|entry| {
                let entry = entry.as_array().map(Vec::as_slice).unwrap_or_default();
                match entry {
                    [.., old, new] => Ok((
                        old.as_str().unwrap_or_default().to_owned(),
                        new.as_str().unwrap_or_default().to_owned(),
                    )),
                    _ => Err(format!("wasm-opt's map of names: {entry:?}")),
                }
            })
            .collect()
    };
    let (imports, exports) = (pairs("imports")?, pairs("exports")?);
    let modules: std::collections::BTreeSet<String> = map["imports"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| Some(entry[0].as_str()?.to_owned()))
        .collect();
    let module_keys = modules
        .into_iter()
        .map(|m| (format!("\"{m}\": "), format!("{MINIFIED_MODULE}: "), 1));
    let import_keys = imports
        .iter()
        .map(|(old, new)| (format!("{old}: function"), format!("{new}: function"), 1));
    let export_reads = exports
        .iter()
        .map(|(old, new)| (format!("wasm.{old}"), format!("wasm.{new}"), 0));
    module_keys
        .chain(import_keys)
        .chain(export_reads)
        .try_fold(glue.to_owned(), |out, (old, new, at_least)| {
            rename(&out, &old, &new, at_least)
        })
}

/// `text` with every `old` replaced by `new`, but where `old` ends in a name that goes on (`wasm.mount` in
/// `wasm.mountain`); an error if fewer than `at_least` are replaced.
fn rename(text: &str, old: &str, new: &str, at_least: usize) -> Result<String, String> {
    let continues = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = 0;
    while let Some(at) = rest.find(old) {
        let after = &rest[at + old.len()..];
        out.push_str(&rest[..at]);
        if old.ends_with(continues) && after.starts_with(continues) {
            out.push_str(old);
        } else {
            out.push_str(new);
            found += 1;
        }
        rest = after;
    }
    out.push_str(rest);
    if found < at_least {
        return Err(format!("the glue has no {old:?} to rename"));
    }
    Ok(out)
}

/// `dist/` at the repository root (git-ignored).
pub fn dist_dir() -> PathBuf {
    tools::repo_root().join("dist")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wasm_that_links_what_it_must_not_is_refused() {
        let wasm = |names: &str| {
            format!("\0asm\x01\0\0\0\0\x04name treaty_map[0f]::core::scene::build {names}")
                .into_bytes()
        };
        let error = check_unlinked(&wasm(
            "core::num::flt2dec::strategy::grisu::format_exact_opt",
        ))
        .unwrap_err();
        assert!(error.contains("core::fixed::Fixed"), "{error}");
        assert_eq!(check_unlinked(&wasm("core::fmt::num")), Ok(()));
        let debug =
            check_unlinked(&wasm("__wbg___wbindgen_debug_string_f249a2a76caa9a55")).unwrap_err();
        assert!(debug.contains("JsValue"), "{debug}");
        let trig = check_unlinked(&wasm(
            "compiler_builtins[fd]::math::libm_math::rem_pio2::rem_pio2",
        ))
        .unwrap_err();
        assert!(trig.contains("core::trig"), "{trig}");
        let hypot = check_unlinked(&wasm(
            "compiler_builtins[fd]::math::partial_availability::hypot",
        ))
        .unwrap_err();
        assert!(hypot.contains("core::trig::length"), "{hypot}");
        // Without function names, nothing could be found: refused, not passed.
        let nameless = check_unlinked(b"\0asm\x01\0\0\0 code").unwrap_err();
        assert!(nameless.contains("name section"), "{nameless}");
    }

    #[test]
    fn the_glue_takes_the_names_wasm_opt_gave() {
        let glue = "const import0 = {\n    __wbg_get_0123456789abcdef: function(arg0) {\n        return wasm.mount(arg0) + wasm.mountain;\n    },\n};\nreturn { \"./x_bg.js\": import0 };\nexport function mount() { wasm.memory; }\n";
        let map = r#"{ "imports": [ ["./x_bg.js", "__wbg_get_0123456789abcdef", "b"] ], "exports": [ ["mount", "c"], ["memory", "d"], ["mountain", "e"] ] }"#;
        assert_eq!(
            rename_in_glue(glue, map).unwrap(),
            "const import0 = {\n    b: function(arg0) {\n        return wasm.c(arg0) + wasm.e;\n    },\n};\nreturn { a: import0 };\nexport function mount() { wasm.d; }\n"
        );
        let unknown = r#"{ "imports": [ ["./x_bg.js", "__wbg_gone_0123456789abcdef", "b"] ], "exports": [] }"#;
        assert_eq!(
            rename_in_glue(glue, unknown).unwrap_err(),
            "the glue has no \"__wbg_gone_0123456789abcdef: function\" to rename"
        );
        assert!(rename_in_glue(glue, "not json").is_err());
    }

    #[test]
    fn the_favicon_is_an_ico_of_one_32_bit_image_with_a_round_shape() {
        let ico = favicon_ico();
        let u32_at = |i: usize| u32::from_le_bytes(ico[i..i + 4].try_into().unwrap());
        assert_eq!(ico[..6], [0, 0, 1, 0, 1, 0], "an icon file with one image");
        assert_eq!(ico[6..8], [16, 16]);
        assert_eq!(
            u32_at(14) as usize,
            ico.len() - 22,
            "the entry gives the image's size"
        );
        assert_eq!(u32_at(18), 22, "and where it starts");
        assert_eq!((u32_at(22), u32_at(26), u32_at(30)), (40, 16, 32));
        // Pixels bottom-up, BGRA: the corner is clear, the centre opaque in the favicon's colour.
        let pixel = |row: usize, col: usize| {
            let i = 22 + 40 + ((15 - row) * 16 + col) * 4;
            ico[i..i + 4].to_vec()
        };
        assert_eq!(pixel(0, 0)[3], 0);
        assert_eq!(pixel(8, 8), [0x2b, 0x1f, 0x7a, 255]);
        assert_eq!(ico.len(), 22 + 40 + 16 * 16 * 4 + 16 * 4);
    }

    #[test]
    fn the_release_build_remaps_the_project_and_cargo_folders() {
        let flags = release_rustflags();
        let flags: Vec<&str> = flags.split('\x1f').collect();
        let project = format!("--remap-path-prefix={}=.", tools::repo_root().display());
        assert!(flags.contains(&project.as_str()), "{flags:?}");
        let abort = flags.iter().position(|&f| f == "-Cpanic=immediate-abort");
        let unstable = flags.iter().position(|&f| f == "-Zunstable-options");
        assert!(
            matches!((unstable, abort), (Some(u), Some(a)) if u < a),
            "{flags:?}"
        );
        if std::env::var_os("CARGO_HOME").is_some() || std::env::var_os("HOME").is_some() {
            let cargo = flags.iter().position(|f| f.ends_with("=cargo")).unwrap();
            let crates = flags.iter().rposition(|f| f.ends_with("=crates.io"));
            // The registry's own folder is more specific than the cargo home, so it comes later.
            assert!(crates.is_none_or(|c| c > cargo), "{flags:?}");
        }
    }

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

    /// The loader asks for each map's files ahead of the module (`prefetch`): it must know the regions the
    /// module knows, name their files as the module does, and know which languages' words it fetches.
    #[test]
    fn the_loader_knows_the_regions_their_files_and_the_fetched_words() {
        use treaty_map::core::region::Region;
        let www = fs::read_to_string(tools::repo_root().join("www/treaty-map.js")).unwrap();
        let list = |name: &str, keys: Vec<&str>| {
            let quoted: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
            format!("const {name} = [{}];", quoted.join(", "))
        };
        let regions = list("REGIONS", Region::ALL.iter().map(|r| r.key()).collect());
        assert!(www.lines().any(|l| l == regions), "{regions}");
        assert!(www.contains("`${region}.geo.json`"));
        for region in Region::ALL {
            assert_eq!(region.geometry_file(), format!("{}.geo.json", region.key()));
        }
        // The release wasm carries English's words alone (the `fetched-words` feature).
        let fetched = Lang::ALL.iter().filter(|l| **l != Lang::En);
        let words = list("FETCHED_WORDS", fetched.map(|l| l.code()).collect());
        assert!(www.lines().any(|l| l == words), "{words}");
    }
}
