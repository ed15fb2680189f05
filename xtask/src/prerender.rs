//! Static pre-renders: each region's widget rendered on the server (yew `ssr`, `treaty_map::ui::prerender`)
//! from the committed data, written to `target/site/prerender/<region>.<lang>.html` and put in place of the
//! placeholders `<!--treaty-map-prerender REGION LANG-->` of the site's HTML pages.

use std::fmt::Write as _;
use std::path::Path;
use std::rc::Rc;

use treaty_map::core::i18n::{Lang, Names};
use treaty_map::core::region::Region;
use treaty_map::core::scene::{Scene, DEFAULT_WIDTH_CSS_PX};
use treaty_map::ui::prerender::render_fragment;
use treaty_map::ui::Shared;

use crate::files::{create_dir, read_text, sorted_files_deep, write};

/// What opens a placeholder comment; region and language follow, then `-->`.
const PLACEHOLDER: &str = "<!--treaty-map-prerender";

/// The widget's stylesheet, beside the loader, as the pre-renders link to it (relative to the page).
pub const STYLESHEET: &str = "treaty-map.css";

/// One region in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Prerender {
    pub region: &'static str,
    pub lang: &'static str,
    /// The fragment: a declarative shadow root (`<template shadowrootmode="open">…</template>`).
    pub html: String,
}

impl Prerender {
    /// `americas.en.html`.
    pub fn file_name(&self) -> String {
        format!("{}.{}.html", self.region, self.lang)
    }
}

/// Every region in every language, rendered from the data files in `data_dir`.
pub fn render_all(data_dir: &Path) -> Result<Vec<Prerender>, String> {
    let data = crate::data::committed_dataset(data_dir)
        .map_err(|e| format!("the data files cannot be pre-rendered: {e}"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start a runtime for server rendering: {e}"))?;
    let mut out = Vec::new();
    // Every language of the widget.
    for lang in Lang::ALL {
        let names = names(data_dir, lang)?;
        for region in Region::ALL {
            let scene = Scene::build_localized(&data, region, DEFAULT_WIDTH_CSS_PX, &names);
            let html = runtime.block_on(render_fragment(Shared(Rc::new(scene)), lang, STYLESHEET));
            out.push(Prerender {
                region: region.key(),
                lang: lang.code(),
                html,
            });
        }
    }
    Ok(out)
}

/// The country names in `lang`, from `names.<code>.json` (English names are the status table's own).
fn names(data_dir: &Path, lang: Lang) -> Result<Names, String> {
    if lang == Lang::En {
        return Ok(Names::default());
    }
    let path = data_dir.join(format!("names.{}.json", lang.code()));
    let text = read_text(&path)?;
    let (names, diagnostics) =
        Names::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match diagnostics.first() {
        None => Ok(names),
        Some(first) => Err(format!("{}: {first}", path.display())),
    }
}

/// Writes each pre-render to `dir/<region>.<lang>.html`.
pub fn write_all(dir: &Path, prerenders: &[Prerender]) -> Result<(), String> {
    create_dir(dir)?;
    for prerender in prerenders {
        write(&dir.join(prerender.file_name()), &prerender.html)?;
    }
    Ok(())
}

/// Replaces every `<!--treaty-map-prerender REGION LANG-->` in `page` with that pre-render. A placeholder
/// naming a region or language that has none, or one not closed, is an error: a typo should fail the build,
/// not ship a page without its map.
pub fn fill_placeholders(page: &str, prerenders: &[Prerender]) -> Result<String, String> {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find(PLACEHOLDER) {
        out.push_str(&rest[..start]);
        let after = &rest[start + PLACEHOLDER.len()..];
        let end = after
            .find("-->")
            .ok_or_else(|| format!("unclosed placeholder {PLACEHOLDER}"))?;
        let words: Vec<&str> = after[..end].split_whitespace().collect();
        let [region, lang] = words[..] else {
            return Err(format!(
                "placeholder {PLACEHOLDER}{}--> should name a region and a language",
                &after[..end]
            ));
        };
        let prerender = prerenders
            .iter()
            .find(|p| p.region == region && p.lang == lang)
            .ok_or_else(|| {
                let mut known = String::new();
                for p in prerenders {
                    let _ = write!(known, " {}/{}", p.region, p.lang);
                }
                format!("no pre-render for region `{region}` in `{lang}` (there are:{known})")
            })?;
        out.push_str(&prerender.html);
        rest = &after[end + "-->".len()..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Fills the placeholders of every `.html` file below `dir`; returns how many pages changed.
pub fn fill_pages(dir: &Path, prerenders: &[Prerender]) -> Result<usize, String> {
    let mut changed = 0;
    for path in sorted_files_deep(dir)? {
        if path.extension().is_some_and(|e| e == "html") {
            let page = read_text(&path)?;
            if page.contains(PLACEHOLDER) {
                let filled = fill_placeholders(&page, prerenders)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                write(&path, filled)?;
                changed += 1;
            }
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn sample() -> Vec<Prerender> {
        vec![Prerender {
            region: "americas",
            lang: "en",
            html: "<template shadowrootmode=\"open\">MAP</template>".into(),
        }]
    }

    #[test]
    fn placeholders_are_replaced_by_their_prerender() {
        let page = "<div data-treaty-map><!--treaty-map-prerender americas en--></div>\n\
                    <div><!--treaty-map-prerender   americas   en  --></div>";
        let filled = fill_placeholders(page, &sample()).unwrap();
        assert_eq!(
            filled,
            "<div data-treaty-map><template shadowrootmode=\"open\">MAP</template></div>\n\
             <div><template shadowrootmode=\"open\">MAP</template></div>"
        );
        assert_eq!(
            fill_placeholders("<p>none</p>", &sample()).unwrap(),
            "<p>none</p>"
        );
    }

    #[test]
    fn an_unknown_or_malformed_placeholder_fails_the_build() {
        let error =
            fill_placeholders("<!--treaty-map-prerender mars en-->", &sample()).unwrap_err();
        assert!(
            error.contains("`mars`") && error.contains("americas/en"),
            "{error}"
        );
        assert!(fill_placeholders("<!--treaty-map-prerender americas-->", &sample()).is_err());
        assert!(fill_placeholders("<!--treaty-map-prerender americas en", &sample()).is_err());
    }

    #[test]
    fn pages_below_a_folder_are_filled_and_others_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let page = dir.path().join("sub/page.html");
        fs::write(&page, "<!--treaty-map-prerender americas en-->").unwrap();
        let plain = dir.path().join("plain.html");
        fs::write(&plain, "<p>x</p>").unwrap();
        let script = dir.path().join("a.js");
        fs::write(&script, "// <!--treaty-map-prerender americas en-->").unwrap();
        assert_eq!(fill_pages(dir.path(), &sample()).unwrap(), 1);
        assert_eq!(fs::read_to_string(&page).unwrap(), sample()[0].html);
        assert_eq!(fs::read_to_string(&plain).unwrap(), "<p>x</p>");
        assert!(fs::read_to_string(&script).unwrap().contains("<!--"));
    }

    /// The committed data, rendered twice, gives the same bytes; each region's fragment is a declarative
    /// shadow root holding its map, legend and table.
    #[test]
    fn prerenders_of_the_committed_data_are_complete_and_deterministic() {
        let data = crate::tools::repo_root().join("data");
        let first = render_all(&data).unwrap();
        let second = render_all(&data).unwrap();
        assert_eq!(first, second);
        assert_eq!(first.len(), Region::ALL.len() * Lang::ALL.len());
        let arabic = first
            .iter()
            .find(|p| p.region == "mena" && p.lang == "ar")
            .unwrap();
        assert!(
            arabic.html.contains(r#"dir="rtl""#),
            "the Arabic pre-render is right to left"
        );
        let americas = first.iter().find(|p| p.region == "americas").unwrap();
        let html = &americas.html;
        // Styled by a stylesheet file, which a strict policy (`style-src 'self'`) allows: no inline style.
        assert!(html.starts_with(
            "<template shadowrootmode=\"open\"><div class=\"tm-prerender\"><link rel=\"stylesheet\" href=\"treaty-map.css\">"
        ));
        assert!(html.ends_with("</template>"));
        assert!(!html.contains("<style") && !html.contains(" style="));
        assert!(html.contains(r#"data-iso3="PER""#));
        assert!(html.contains(r#"class="tm-legend""#));
        assert!(html.contains(r#"<tr data-iso3="PER""#));
        assert!(html.contains("State party since 7 July 1988 (ratification)"));
        assert!(!html.contains("<script"));
    }
}
