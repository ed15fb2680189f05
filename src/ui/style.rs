//! The widget's stylesheet: `widget.css`, the status colours from the core, and the pre-render's rules.

use crate::core::class::class_stylesheet;

/// The widget's stylesheet: layout from `widget.css` (compiled in without its comments, `build.rs`), the status
/// colours from the core, and the pre-render's rules. The live widget adopts it as a constructed stylesheet
/// (`web`), which a strict Content Security Policy allows, unlike a `<style>` element; `cargo xtask build`
/// writes it to `treaty-map.css` for the pre-renders, which link to it. Built once per page.
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
/// are hidden (they need the script), the legend is not a button yet, and the table below the map is always
/// visible. That table is laid out and painted only near the screen (`content-visibility: auto`, in the page's
/// text and accessibility tree all the same): a page of ten pre-rendered maps laid out every row of ten tables
/// in its first frames. Traced, five loads of that page with the rule and five without, alternated: layout
/// 283 ms in all with it, 401 ms without (medians), tasks over 50 ms 2 and 4. Only the table: the whole
/// pre-render so contained was slower, the loader's measure of each map's width then laying out the contained
/// pre-renders one by one.
pub const PRERENDER_CSS: &str = "\
.tm-prerender .tm-view-switch, .tm-prerender .tm-time, .tm-prerender .tm-search, .tm-prerender .tm-table-toggle, \
.tm-prerender .tm-zoom, .tm-prerender .tm-export { visibility: hidden; }
.tm-prerender .tm-legend-toggle, .tm-prerender .tm-row-open, .tm-prerender .tm-shape { pointer-events: none; cursor: default; }
.tm-prerender .tm-row-open { color: inherit; }
.tm-prerender-table { margin-top: 1rem; content-visibility: auto; contain-intrinsic-size: auto none auto 2400px; }
.tm-prerender-table summary { font-weight: 600; cursor: pointer; }
";
