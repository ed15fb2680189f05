//! The widget's stylesheet: `widget.css`, the status colours from the core, and the pre-render's rules.

use crate::core::class::class_stylesheet;

/// The widget's stylesheet: layout from `widget.css` (compiled in without its comments, `build.rs`), the status
/// colours from the core, and the pre-render's rules. `cargo xtask build` writes it to `treaty-map.css`, which
/// the pre-renders link to and the loader fetches for the live widget, which adopts it as a constructed
/// stylesheet (`web`), as a strict Content Security Policy allows, unlike a `<style>` element. The release wasm
/// does not carry it (nothing there calls this). Built once.
pub fn stylesheet() -> &'static str {
    static CSS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CSS.get_or_init(|| {
        format!(
            "{}{}{PRERENDER_CSS}",
            include_str!(concat!(env!("OUT_DIR"), "/widget.css")),
            class_stylesheet()
        )
    })
}

/// Rules for the pre-render only (part of the widget's stylesheet): the widget's controls keep their place but
/// are hidden (they need the script), and the legend is not a button yet. The table below the map is under a
/// closed `<details>` (`prerender.rs`): in the page's text for crawlers, and opened by its summary, with a click
/// or a key, without any script. A page of ten pre-rendered maps laid out every row of ten open tables in its
/// first frames. With `content-visibility: auto` on them (this rule's earlier form), the longest task of that
/// page's load was 99 ms (median of twelve loads, at most 135 ms); with the tables closed, 73 ms (at most
/// 99 ms). Only the table: the whole pre-render contained measured slower, the loader's measure of each map's
/// width then laying out the pre-renders one by one.
pub const PRERENDER_CSS: &str = "\
.tm-prerender .tm-view-switch, .tm-prerender .tm-time, .tm-prerender .tm-search, .tm-prerender .tm-table-toggle, \
.tm-prerender .tm-zoom, .tm-prerender .tm-export { visibility: hidden; }
.tm-prerender .tm-legend-toggle, .tm-prerender .tm-row-open, .tm-prerender .tm-shape { pointer-events: none; cursor: default; }
.tm-prerender .tm-row-open { color: inherit; }
.tm-prerender-table { margin-top: 1rem; }
.tm-prerender-table summary { font-weight: 600; cursor: pointer; }
";
