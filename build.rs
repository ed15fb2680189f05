//! The widget's stylesheet as the crate compiles it in (`ui::style`): `src/ui/widget.css` without its comments
//! and blank lines, which explain the rules to their readers and would otherwise ship in the wasm (about 1.9 KB
//! raw, 0.8 KB brotli).

use std::path::Path;

fn main() {
    const SOURCE: &str = "src/ui/widget.css";
    println!("cargo::rerun-if-changed={SOURCE}");
    let css =
        std::fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("cannot read {SOURCE}: {e}"));
    let mut kept = String::with_capacity(css.len());
    let mut rest = css.as_str();
    // The stylesheet has no string or URL holding "/*", so every "/*" opens a comment.
    while let Some(start) = rest.find("/*") {
        kept.push_str(&rest[..start]);
        let end = rest[start..]
            .find("*/")
            .unwrap_or_else(|| panic!("{SOURCE}: a comment is not closed"));
        rest = &rest[start + end + 2..];
    }
    kept.push_str(rest);
    let lines: Vec<&str> = kept.lines().filter(|l| !l.trim().is_empty()).collect();
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("widget.css");
    std::fs::write(&out, lines.join("\n") + "\n")
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
