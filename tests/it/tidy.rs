//! Tidy tests, as rust-analyzer's: rules about the source text itself that keep the layout this project
//! promises in ARCHITECTURE.md true, checked on every `cargo test`.
//!
//! - `src/core` imports nothing of the web (yew, web-sys, wasm-bindgen, js-sys, gloo);
//! - every source file in `src/` opens with a `//!` header saying what it holds;
//! - no `unwrap()` or `expect(` in `src/core` outside test modules and comments: bad input is a diagnostic,
//!   never a panic;
//! - no file in [`SHORT_FILE_DIRS`] is over [`MAX_LINES`] lines before its test module (files that are test
//!   modules themselves are exempt);
//! - each core module imports only modules of lower layers, as ARCHITECTURE.md lists them, and every module is
//!   listed there;
//! - the words of a message written once: "is not an ISO 3166-1 alpha-3 code" in one place in `src/core`;
//! - every file of `src/core` with tests imports `crate::harness::test`, so that its tests run on wasm32 too;
//! - only the loader (`src/ui/app/`) holds the `Dataset`;
//! - no element in `html!` has a `class` that is not a literal (`classes!`, `class={…}`): yew would parse it
//!   into its hashed set of classes, whose code the wasm then carries (`ui::nodes`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The most lines a source file may have before its `#[cfg(test)]` module.
const MAX_LINES: usize = 400;

/// The directories held to [`MAX_LINES`]: all of `src/` but `lib.rs` and `harness.rs`, a few lines each.
const SHORT_FILE_DIRS: &[&str] = &["src/core", "src/ui", "src/web"];

const WEB_CRATES: &[&str] = &[
    "yew",
    "web_sys",
    "wasm_bindgen",
    "wasm_bindgen_futures",
    "js_sys",
    "gloo",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir` (relative to the crate root), sorted.
fn rust_files(dir: &str) -> Vec<PathBuf> {
    fn walk(path: &Path, out: &mut Vec<PathBuf>) {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = fs::read_dir(path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .map(|entry| entry.unwrap().path())
                .collect();
            entries.sort();
            for entry in entries {
                walk(&entry, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.to_owned());
        }
    }
    let mut out = Vec::new();
    walk(&root().join(dir), &mut out);
    assert!(!out.is_empty(), "no Rust files under {dir}");
    out
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Whether the file is a test module of its own (`#[cfg(test)] mod tests;` in its parent).
fn is_test_file(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| s == "tests")
}

/// The file's lines before its test module: up to the first `#[cfg(test)]` (or `#[cfg(all(test, …))]`) at the
/// start of a line, and the comment lines just above it.
fn code_lines(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines
        .iter()
        .position(|l| l.starts_with("#[cfg(test)]") || l.starts_with("#[cfg(all(test"))
        .unwrap_or(lines.len());
    while end > 0 && lines[end - 1].trim_start().starts_with("//") {
        end -= 1;
    }
    lines[..end].to_vec()
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with("//")
}

#[test]
fn the_core_imports_nothing_of_the_web() {
    let mut found = Vec::new();
    for path in rust_files("src/core") {
        for (n, line) in read(&path).lines().enumerate() {
            if is_comment(line) {
                continue;
            }
            for krate in WEB_CRATES {
                let used = line.contains(&format!("{krate}::"))
                    && !line.contains(&format!("_{krate}::"))
                    || line.trim_start().starts_with(&format!("use {krate}"))
                    || line.contains(&format!("extern crate {krate}"));
                if used {
                    found.push(format!("{}:{}: {}", relative(&path), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "web imports in src/core:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_source_file_opens_with_a_header() {
    let missing: Vec<String> = rust_files("src")
        .iter()
        .filter(|path| !read(path).starts_with("//!"))
        .map(|path| relative(path))
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` header:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_core_never_unwraps_outside_tests() {
    let mut found = Vec::new();
    for path in rust_files("src/core").iter().filter(|p| !is_test_file(p)) {
        let text = read(path);
        for (n, line) in code_lines(&text).iter().enumerate() {
            if !is_comment(line) && (line.contains(".unwrap()") || line.contains(".expect(")) {
                found.push(format!("{}:{}: {}", relative(path), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "unwrap()/expect() outside tests in src/core (bad input must be a diagnostic, not a panic):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_file_is_over_the_line_limit_before_its_tests() {
    let mut long = Vec::new();
    for dir in SHORT_FILE_DIRS {
        for path in rust_files(dir).iter().filter(|p| !is_test_file(p)) {
            let lines = code_lines(&read(path)).len();
            if lines > MAX_LINES {
                long.push(format!("{}: {lines} lines", relative(path)));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines before their test module (split them along a seam):\n{}",
        long.join("\n")
    );
}

/// The core's layers as ARCHITECTURE.md lists them: each numbered line under "**Layers**" names the modules of
/// one layer in backticks, before its " — ".
fn layers() -> BTreeMap<String, usize> {
    let text = read(&root().join("ARCHITECTURE.md"));
    let start = text
        .find("**Layers**")
        .expect("ARCHITECTURE.md lists the core's layers under **Layers**");
    let mut layers = BTreeMap::new();
    for line in text[start..]
        .lines()
        .skip_while(|l| !l.starts_with("0. "))
        .take_while(|l| !l.is_empty())
    {
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        let Ok(layer) = number.parse::<usize>() else {
            continue;
        };
        let names = rest.split(" — ").next().unwrap_or_default();
        for name in names.split('`').skip(1).step_by(2) {
            let module = name
                .split('/')
                .next()
                .unwrap_or(name)
                .trim_end_matches(".rs");
            assert!(
                layers.insert(module.to_owned(), layer).is_none(),
                "{module} is listed twice"
            );
        }
    }
    assert!(
        layers.len() > 10,
        "layers read from ARCHITECTURE.md: {layers:?}"
    );
    layers
}

/// The top-level core module a file belongs to: `src/core/scene/builder.rs` → `scene`.
fn module_of(path: &Path) -> String {
    let inside = path.strip_prefix(root().join("src/core")).unwrap_or(path);
    let first = inside.components().next().map_or_else(String::new, |c| {
        c.as_os_str().to_string_lossy().into_owned()
    });
    first.trim_end_matches(".rs").to_owned()
}

#[test]
fn each_core_module_imports_only_lower_layers() {
    let layers = layers();
    let mut wrong = Vec::new();
    for path in rust_files("src/core").iter().filter(|p| !is_test_file(p)) {
        let module = module_of(path);
        if module == "mod" {
            continue;
        }
        let Some(&layer) = layers.get(&module) else {
            wrong.push(format!(
                "{}: `{module}` is not in ARCHITECTURE.md's layers",
                relative(path)
            ));
            continue;
        };
        let text = read(path);
        for (n, line) in code_lines(&text).iter().enumerate() {
            for part in line.split("crate::core::").skip(1) {
                let used: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if used == module || used.is_empty() {
                    continue;
                }
                match layers.get(&used) {
                    Some(&other) if other < layer => {}
                    other => wrong.push(format!(
                        "{}:{}: `{module}` (layer {layer}) uses `{used}` (layer {}): {}",
                        relative(path),
                        n + 1,
                        other.map_or("unlisted".to_owned(), |l| l.to_string()),
                        line.trim()
                    )),
                }
            }
        }
    }
    let modules: Vec<String> = rust_files("src/core")
        .iter()
        .map(|p| module_of(p))
        .collect();
    for listed in layers.keys() {
        if !modules.contains(listed) {
            wrong.push(format!(
                "ARCHITECTURE.md lists `{listed}`, which is not a core module"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_bad_code_is_worded_in_one_place() {
    const WORDS: &str = "is not an ISO 3166-1 alpha-3 code";
    let places: Vec<String> = rust_files("src/core")
        .iter()
        .filter(|p| !is_test_file(p))
        .flat_map(|path| {
            let text = read(path);
            code_lines(&text)
                .iter()
                .enumerate()
                .filter(|(_, line)| !is_comment(line) && line.contains(WORDS))
                .map(|(n, _)| format!("{}:{}", relative(path), n + 1))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(places.len(), 1, "{WORDS:?} written in: {places:?}");
}

/// Data flows one way (ARCHITECTURE.md): only the loader (`src/ui/app/`) holds the `Dataset`; every component
/// below it is handed the scene, which carries everything a view needs.
#[test]
fn only_the_loader_holds_the_dataset() {
    let mut found = Vec::new();
    for path in rust_files("src/ui") {
        if relative(&path).starts_with("src/ui/app/") {
            continue;
        }
        let text = read(&path);
        for (n, line) in code_lines(&text).iter().enumerate() {
            if !is_comment(line) && line.contains("Dataset") {
                found.push(format!("{}:{}: {}", relative(&path), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the Dataset outside the loader (a view must read the scene):\n{}",
        found.join("\n")
    );
}

/// `html!` parses a `class` that is not a literal into yew's `Classes`, a hashed set whose code costs the wasm
/// about 3 KB brotli (bench/SIZE.md); `ui::nodes::element` writes a class as given. A component's own prop
/// named `class` (`<Dot class={…}>`) is not an element's attribute and is allowed.
#[test]
fn no_element_class_is_parsed_into_a_set() {
    let mut found = Vec::new();
    for path in rust_files("src/ui") {
        let text = read(&path);
        for (n, line) in code_lines(&text).iter().enumerate() {
            let component = line
                .split('<')
                .skip(1)
                .any(|tag| tag.starts_with(|c: char| c.is_ascii_uppercase()));
            let attribute = line.contains(" class={") || line.trim_start().starts_with("class={");
            let dynamic = line.contains("classes!") || (attribute && !component);
            if !is_comment(line) && dynamic {
                found.push(format!("{}:{}: {}", relative(&path), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a class parsed into yew's set (make the element with ui::nodes::element, or use a data- attribute):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_core_tests_run_on_wasm32_too() {
    const IMPORT: &str = "use crate::harness::test;";
    let mut wrong = Vec::new();
    for path in rust_files("src/core") {
        let text = read(&path);
        let name = relative(&path);
        let tested = text.lines().any(|l| l.trim() == "#[test]");
        let imports = text.lines().any(|l| l.trim() == IMPORT);
        if tested && !imports {
            wrong.push(format!(
                "{name}: has tests but not `{IMPORT}`, so they would be skipped on wasm32"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
