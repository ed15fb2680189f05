//! Exports of the current view: the map as a standalone SVG document (fills and textures inlined, a title, the
//! legend and the source line, no external CSS) and the region's data as CSV for spreadsheets.
//!
//! Both are plain strings built from a [`Scene`]; the UI turns them into downloads (and the SVG into a PNG).

use std::fmt::Write as _;

use crate::core::class::{StatusClass, Texture, BORDER, TERRITORY_TEXTURE};
use crate::core::date::Date;
use crate::core::fixed::Fixed;
use crate::core::i18n::Lang;
use crate::core::scene::Scene;
use crate::core::status::{AreaStatus, Effect, Treaty, TreatyStatus};
use crate::core::trig::length;

/// Height of the title band above the map, in SVG units (the map is 1000 units wide).
const TITLE_PX: f64 = 48.0;
/// Height of one legend row.
const LEGEND_ROW_PX: f64 = 28.0;
/// Legend entries per row.
const LEGEND_COLUMNS: usize = 3;
/// Height of the source line under the legend.
const SOURCE_PX: f64 = 32.0;

/// The map as an SVG document that stands alone: every fill and texture is an attribute, so it renders the
/// same in any viewer or editor. `title` heads it (and is its `<title>`), the legend with counts in `lang`
/// follows the map, `source` closes it, then `disclaimer` (the map-wide line on boundaries and names; none if
/// empty). Classes in `hidden` are dimmed, as on the live map.
pub fn svg(
    scene: &Scene,
    lang: Lang,
    title: &str,
    source: &str,
    disclaimer: &str,
    hidden: &[StatusClass],
) -> String {
    let words = lang.catalogue();
    let width = f64::from(scene.width_px.max(1));
    let map_height = f64::from(scene.height_px);
    let territories = scene.shapes.iter().filter(|s| s.territory).count();
    let entries = scene.legend.len() + usize::from(territories > 0);
    let rows = entries.div_ceil(LEGEND_COLUMNS);
    let legend_top = TITLE_PX + map_height + 12.0;
    let disclaimer_px = if disclaimer.is_empty() { 0.0 } else { 20.0 };
    let height = legend_top + rows as f64 * LEGEND_ROW_PX + SOURCE_PX + disclaimer_px;
    let (w, h, map_h) = (Fixed(width, 0), Fixed(height, 0), Fixed(map_height, 0));
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"Helvetica, Arial, sans-serif\">\n\
         <title>{t}</title>\n<desc>{d}</desc>\n<defs>\n",
        t = escape_xml(title),
        d = escape_xml(&scene.summary_in(lang)),
    );
    for class in StatusClass::ALL {
        if let Some(name) = class.pattern() {
            let _ = writeln!(
                out,
                "<pattern id=\"p-{name}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
                 <rect width=\"6\" height=\"6\" fill=\"{fill}\"/>{texture}</pattern>",
                fill = class.fill(),
                texture = texture(class.texture()),
            );
        }
    }
    // The territories' own texture, over their party's class (no background of its own).
    let _ = writeln!(
        out,
        "<pattern id=\"p-territory\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">{}</pattern>",
        texture(Some(TERRITORY_TEXTURE))
    );
    let _ = write!(
        out,
        "</defs>\n<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n\
         <text x=\"16\" y=\"31\" font-size=\"20\" font-weight=\"bold\" fill=\"#1a1a1a\">{t}</text>\n\
         <g transform=\"translate(0 {title_px})\">\n\
         <rect width=\"{w}\" height=\"{map_h}\" fill=\"#e8eef3\"/>\n\
         <g fill=\"#dedede\" stroke=\"#8a8a8a\" stroke-width=\"0.5\">\n",
        title_px = Fixed(TITLE_PX, 0),
        t = escape_xml(title),
    );
    for context in scene.context.iter() {
        let _ = writeln!(out, "<path d=\"{}\"/>", escape_xml(&context.d));
    }
    let _ = writeln!(
        out,
        "</g>\n<g stroke=\"{BORDER}\" stroke-width=\"0.5\" stroke-linejoin=\"round\">"
    );
    for shape in scene.draw_order.iter().filter_map(|&i| scene.shapes.get(i)) {
        let dim = if hidden.contains(&shape.class) {
            " fill-opacity=\"0.15\" stroke-opacity=\"0.4\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<path data-iso3=\"{iso3}\" d=\"{d}\" fill=\"{fill}\"{dim}><title>{name}</title></path>",
            iso3 = shape.iso3,
            d = escape_xml(&shape.d),
            fill = paint(shape.class),
            name = escape_xml(&scene.accessible_name(shape, lang)),
        );
        if shape.territory {
            let _ = writeln!(
                out,
                "<path d=\"{}\" fill=\"url(#p-territory)\" stroke=\"none\"{dim}/>",
                escape_xml(&shape.d)
            );
        }
    }
    // Boundary lines over the areas, dotted or dashed over a white casing, as on the live map.
    out.push_str("</g>\n<g fill=\"none\">\n");
    for line in scene.lines.iter() {
        let _ = writeln!(
            out,
            "<path d=\"{d}\" stroke=\"#ffffff\" stroke-width=\"2\"/>\
             <path d=\"{d}\" stroke=\"{BORDER}\" stroke-width=\"1.25\" stroke-dasharray=\"{dash}\"/>",
            d = escape_xml(&line.d),
            dash = line.style.dasharray(),
        );
    }
    out.push_str("</g>\n<g stroke=\"#444444\" stroke-width=\"0.75\">\n");
    for shape in &scene.shapes {
        if let Some((x, y)) = shape.dot {
            let (px, py) = shape.point;
            if length(px - x, py - y) > 2.0 {
                let _ = writeln!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                    Fixed(px, 1),
                    Fixed(py, 1),
                    Fixed(x, 1),
                    Fixed(y, 1)
                );
            }
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\" stroke=\"{BORDER}\"/>",
                Fixed(x, 1),
                Fixed(y, 1),
                paint(shape.class)
            );
        }
    }
    out.push_str("</g>\n</g>\n<g font-size=\"14\" fill=\"#1a1a1a\">\n");
    let column_px = (width - 32.0) / LEGEND_COLUMNS as f64;
    // Entry `i`'s swatch (its corner) and text (where it starts).
    let place = |i: usize| {
        let x = 16.0 + (i % LEGEND_COLUMNS) as f64 * column_px;
        let y = legend_top + (i / LEGEND_COLUMNS) as f64 * LEGEND_ROW_PX;
        (
            Fixed(x, 0),
            Fixed(y, 0),
            Fixed(x + 26.0, 0),
            Fixed(y + 14.0, 0),
        )
    };
    for (i, entry) in scene.legend.iter().enumerate() {
        let (x, y, tx, ty) = place(i);
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"18\" height=\"18\" fill=\"{fill}\" stroke=\"{BORDER}\"/>\
             <text x=\"{tx}\" y=\"{ty}\">{label} ({count})</text>",
            fill = paint(entry.class),
            label = escape_xml(&words.class_on(entry.class, scene.view, scene.date)),
            count = entry.count,
        );
    }
    if territories > 0 {
        let (x, y, tx, ty) = place(scene.legend.len());
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"18\" height=\"18\" fill=\"#ffffff\" stroke=\"{BORDER}\"/>\
             <rect x=\"{x}\" y=\"{y}\" width=\"18\" height=\"18\" fill=\"url(#p-territory)\"/>\
             <text x=\"{tx}\" y=\"{ty}\">{label} ({territories})</text>",
            label = escape_xml(words.territory_key),
        );
    }
    let _ = writeln!(
        out,
        "</g>\n<text x=\"16\" y=\"{y}\" font-size=\"12\" fill=\"#444444\">{s}</text>",
        y = Fixed(height - 12.0 - disclaimer_px, 0),
        s = escape_xml(source),
    );
    if !disclaimer.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"16\" y=\"{y}\" font-size=\"12\" fill=\"#444444\">{d}</text>",
            y = Fixed(height - 12.0, 0),
            d = escape_xml(disclaimer),
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The region's data as CSV, one row per area of the map in the map's order (by name): ISO3 code, name, then
/// for CAT and for OPCAT the status (party, signatory, no action, or no data), its date (`YYYY-MM-DD`) and the
/// act, then the year of the last review, then the day the statuses are for (the map's date: the data's as-of
/// date, or an earlier day, when a treaty not yet open for signature reads so). UTF-8 with a byte-order mark, so that Excel reads the accents; rows
/// end in CRLF (RFC 4180).
pub fn csv(scene: &Scene) -> String {
    let mut out = String::from("\u{feff}");
    push_row(
        &mut out,
        &[
            "ISO3",
            "Name",
            "CAT status",
            "CAT date",
            "CAT act",
            "OPCAT status",
            "OPCAT date",
            "OPCAT act",
            "Last review",
            "Status on",
        ],
    );
    let shown = scene.shown_date().iso();
    for shape in &scene.shapes {
        let status = shape.standing.state();
        let (cat, opcat) = match (status, shape.standing.area()) {
            (Some(s), _) => (
                treaty_fields(Treaty::Cat, s.cat, scene.date),
                treaty_fields(Treaty::Opcat, s.opcat, scene.date),
            ),
            (None, Some(area)) => (
                application_fields(area, Treaty::Cat),
                application_fields(area, Treaty::Opcat),
            ),
            (None, None) => (no_data(), no_data()),
        };
        let review = status
            .and_then(|s| s.last_review)
            .map_or_else(String::new, |y| y.to_string());
        let iso3 = shape.iso3.to_string();
        push_row(
            &mut out,
            &[
                &iso3,
                &shape.name,
                cat.0,
                &cat.1,
                cat.2,
                opcat.0,
                &opcat.1,
                opcat.2,
                &review,
                &shown,
            ],
        );
    }
    out
}

/// A file name for an export: `treaty-map-americas.svg`, or on an earlier day than the data's
/// `treaty-map-americas-2002-12-31.svg`.
pub fn file_name(scene: &Scene, extension: &str) -> String {
    match scene.date {
        Some(date) => format!(
            "treaty-map-{}-{}.{extension}",
            scene.region.key(),
            date.iso()
        ),
        None => format!("treaty-map-{}.{extension}", scene.region.key()),
    }
}

/// Escapes text for XML content and attribute values, and drops the characters XML 1.0 cannot hold (control
/// characters other than tab, newline and carriage return), so that any name gives a well-formed document.
///
/// # Examples
///
/// ```
/// use treaty_map::core::export::escape_xml;
/// assert_eq!(escape_xml("Côte d'Ivoire & <Co>"), "Côte d&apos;Ivoire &amp; &lt;Co&gt;");
/// ```
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One CSV field: quoted when it holds a comma, quote or line break, with quotes doubled (RFC 4180). A text
/// that a spreadsheet would run as a formula gets a leading `'` (OWASP, "CSV injection"): one starting with
/// `=`, `+`, `-`, `@`, tab or carriage return, also after leading spaces or control characters (which
/// spreadsheets skip), and with the full-width forms `＝`, `＋`, `－`, `＠` (which some convert on input).
pub fn csv_field(text: &str) -> String {
    let text = if runs_as_formula(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Whether a spreadsheet could take `text` for a formula: its first character that is not white space or a
/// control character is a formula character, or it starts with a tab or carriage return.
fn runs_as_formula(text: &str) -> bool {
    const FORMULA: [char; 8] = [
        '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ];
    text.starts_with(['\t', '\r'])
        || text
            .chars()
            .find(|c| !(c.is_whitespace() || c.is_control()))
            .is_some_and(|c| FORMULA.contains(&c))
}

fn push_row(out: &mut String, fields: &[&str]) {
    let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// Status, date and act of one treaty, as CSV fields.
fn treaty_fields(
    treaty: Treaty,
    status: TreatyStatus,
    date: Option<Date>,
) -> (&'static str, String, &'static str) {
    match status {
        TreatyStatus::NoAction if !treaty.is_open_at(date) => {
            ("not yet open for signature", String::new(), "")
        }
        TreatyStatus::Party { since, act, .. } => ("party", since.iso(), act.name()),
        TreatyStatus::Signatory { since, .. } => ("signatory", since.iso(), ""),
        TreatyStatus::NoAction => ("no action", String::new(), ""),
    }
}

fn no_data() -> (&'static str, String, &'static str) {
    ("no data", String::new(), "")
}

/// A territory's fields for one treaty: whether the UNTC notes apply the treaty to it through a party or
/// exclude it ("applies through GBR (UNTC CAT note 12)"), else no data.
fn application_fields(area: &AreaStatus, treaty: Treaty) -> (&'static str, String, &'static str) {
    match (area.application(treaty), area.party) {
        (Some(application), Some(party)) => {
            let effect = match application.effect {
                Effect::Applies => "applies",
                Effect::Excluded => "excluded",
            };
            (
                effect,
                format!(
                    "through {party} (UNTC {} note {})",
                    treaty.abbreviation(),
                    application.note
                ),
                "",
            )
        }
        _ => no_data(),
    }
}

/// The fill of a class: a texture pattern where it has one, else its colour.
fn paint(class: StatusClass) -> String {
    match class.pattern() {
        Some(name) => format!("url(#p-{name})"),
        None => class.fill().to_owned(),
    }
}

/// A texture's mark, as on the live map (`ui::map`), in the same ink.
fn texture(texture: Option<Texture>) -> String {
    let shape = match texture {
        Some(Texture::Lines(d)) => format!("<path d=\"{d}\"/>"),
        Some(Texture::Dot { cx, cy, r }) => format!("<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\"/>"),
        Some(Texture::Ring { cx, cy, r }) => {
            format!("<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"none\"/>")
        }
        None => String::new(),
    };
    format!(
        "<g stroke=\"#000000\" stroke-opacity=\"0.45\" stroke-width=\"0.8\" fill=\"#000000\" \
         fill-opacity=\"0.45\">{shape}</g>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::class::View;
    use crate::core::dataset::Dataset;
    use crate::core::load::{assemble, Inputs};
    use crate::core::region::Region;
    use crate::harness::test;

    fn fixtures() -> Dataset {
        assemble(Inputs::texts(
            include_str!("../../tests/fixtures/status.json"),
            include_str!("../../tests/fixtures/geometry.geo.json"),
            include_str!("../../tests/fixtures/regions.json"),
            None,
        ))
        .unwrap()
    }

    /// A state whose name holds every character that needs escaping, and one XML cannot hold at all.
    fn hostile() -> Dataset {
        let status = r#"{"as_of":"2026-02-03","source":"UNTC <&>","states":[
            {"iso3":"PER","name":"P\"e'r<u>&amp;\u0001, \"Lima\"","cat":{"party":"1988-07-07","act":"ratification"}}]}"#;
        let geometry = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},"geometry":{"type":"Polygon","coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}}]}"#;
        assemble(Inputs::texts(
            status,
            geometry,
            r#"{"PER":"americas"}"#,
            None,
        ))
        .unwrap()
    }

    #[test]
    fn the_svg_is_well_formed_and_has_one_path_per_state_with_inline_fills() {
        let data = fixtures();
        let scene = Scene::build(&data, Region::Americas);
        let text = svg(
            &scene,
            Lang::En,
            "Americas & more",
            "Status as at 3 February 2026",
            Lang::En.catalogue().disclaimer,
            &[],
        );
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let codes: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("data-iso3"))
            .collect();
        // In draw order: larger areas first, smaller ones above them.
        let expected: Vec<String> = scene
            .draw_order
            .iter()
            .map(|&i| scene.shapes[i].iso3.to_string())
            .collect();
        assert_eq!(codes, expected);
        assert_eq!(codes.len(), scene.shapes.len());
        assert!(codes.contains(&"PER"));
        // No stylesheet and no class: every path carries its own paint.
        assert!(!text.contains("<style") && !text.contains("class="));
        let peru = doc
            .descendants()
            .find(|n| n.attribute("data-iso3") == Some("PER"))
            .unwrap();
        assert_eq!(
            peru.attribute("fill"),
            Some(StatusClass::CatAndOpcatParty.fill())
        );
        let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some("Americas & more"));
        // The map-wide line on boundaries and names closes the document, under the source line.
        let texts: Vec<&str> = root
            .children()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            texts[texts.len() - 2..],
            [
                "Status as at 3 February 2026",
                "Boundaries and names follow United Nations practice; they imply no opinion on the legal \
                 status of any territory."
            ]
        );
        // Each textured fill refers to a pattern that is defined in the document.
        for paint in doc.descendants().filter_map(|n| n.attribute("fill")) {
            if let Some(id) = paint
                .strip_prefix("url(#")
                .and_then(|p| p.strip_suffix(')'))
            {
                assert!(
                    doc.descendants().any(|n| n.attribute("id") == Some(id)),
                    "{id}"
                );
            }
        }
    }

    #[test]
    fn the_svg_legend_lists_every_class_of_the_view_with_its_count() {
        let data = fixtures();
        let scene = Scene::build(&data, Region::Americas).in_view(View::Opcat);
        let text = svg(&scene, Lang::En, "t", "s", "", &[]);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
        for entry in &scene.legend {
            let line = format!(
                "{} ({})",
                Lang::En.catalogue().class(entry.class, View::Opcat),
                entry.count
            );
            assert!(texts.contains(&line.as_str()), "{line} in {texts:?}");
        }
    }

    #[test]
    fn hidden_classes_are_dimmed_in_the_svg() {
        let data = fixtures();
        let scene = Scene::build(&data, Region::Americas);
        let text = svg(
            &scene,
            Lang::En,
            "t",
            "s",
            "",
            &[StatusClass::CatAndOpcatParty],
        );
        let doc = roxmltree::Document::parse(&text).unwrap();
        let peru = doc
            .descendants()
            .find(|n| n.attribute("data-iso3") == Some("PER"))
            .unwrap();
        assert_eq!(peru.attribute("fill-opacity"), Some("0.15"));
        let haiti = doc
            .descendants()
            .find(|n| n.attribute("data-iso3") == Some("HTI"))
            .unwrap();
        assert_eq!(haiti.attribute("fill-opacity"), None);
    }

    #[test]
    fn names_are_escaped_and_characters_xml_cannot_hold_are_dropped() {
        let data = hostile();
        let scene = Scene::build(&data, Region::Americas);
        let text = svg(
            &scene,
            Lang::En,
            "<script>alert(1)</script>",
            &crate::core::profile::source_line(&data.statuses.sources, Lang::En),
            "",
            &[],
        );
        let doc = roxmltree::Document::parse(&text).expect("well-formed despite the name");
        assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
        let tip = doc
            .descendants()
            .find(|n| n.attribute("data-iso3") == Some("PER"))
            .and_then(|n| n.children().find(|c| c.has_tag_name("title")))
            .unwrap();
        assert_eq!(tip.text(), Some("P\"e'r<u>&amp;, \"Lima\": CAT party only"));
        assert!(text.contains("UNTC &lt;&amp;&gt;"));
    }

    #[test]
    fn the_csv_has_a_bom_a_header_and_one_row_per_area() {
        let data = fixtures();
        let scene = Scene::build(&data, Region::Americas);
        let text = csv(&scene);
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text
            .trim_start_matches('\u{feff}')
            .split_terminator("\r\n")
            .collect();
        assert_eq!(
            lines[0],
            "ISO3,Name,CAT status,CAT date,CAT act,OPCAT status,OPCAT date,OPCAT act,Last review,Status on"
        );
        assert_eq!(lines.len(), scene.shapes.len() + 1);
        assert!(lines.contains(
            &"PER,Peru,party,1988-07-07,ratification,party,2006-09-14,accession,2018,2026-02-03"
        ));
        assert!(lines.contains(&"HTI,Haiti,signatory,2013-08-16,,no action,,,,2026-02-03"));
        // A territory without a status row is listed as the table lists it.
        assert!(lines.contains(&"GRL,Greenland,no data,,,no data,,,,2026-02-03"));
    }

    #[test]
    fn the_csv_of_an_earlier_day_gives_the_statuses_of_that_day() {
        let data = fixtures();
        let day = crate::core::date::Date::parse_iso("2000-12-31");
        let scene = Scene::build(&data, Region::Americas).showing(View::Combined, day);
        let text = csv(&scene);
        assert!(text.contains(
            "PER,Peru,party,1988-07-07,ratification,not yet open for signature,,,,2000-12-31\r\n"
        ));
        assert!(text.contains("HTI,Haiti,no action,,,not yet open for signature,,,,2000-12-31\r\n"));
        assert_eq!(
            file_name(&scene, "csv"),
            "treaty-map-americas-2000-12-31.csv"
        );
    }

    #[test]
    fn csv_fields_with_commas_quotes_or_line_breaks_are_quoted() {
        assert_eq!(csv_field("Peru"), "Peru");
        assert_eq!(csv_field("Korea, Republic of"), "\"Korea, Republic of\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn csv_fields_that_a_spreadsheet_would_run_as_formulas_are_defused() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("1988-07-07"), "1988-07-07");
    }

    #[test]
    fn formulas_behind_white_space_control_characters_or_in_full_width_are_defused() {
        for text in [
            " =1+1",
            "\u{a0}\u{3000}+1",
            "\u{0}=cmd",
            "\u{1b}@SUM(A1)",
            "\n-2",
            "\u{ff1d}HYPERLINK(1)",
            "\u{ff0b}1",
            "\u{ff0d}1",
            " \u{ff20}SUM(A1)",
        ] {
            assert!(
                csv_field(text).trim_start_matches('"').starts_with('\''),
                "{text:?}"
            );
        }
        assert_eq!(csv_field("\u{0}=cmd"), "'\u{0}=cmd");
        assert_eq!(csv_field(" Peru"), " Peru");
        assert_eq!(
            csv_field("\u{ff21}BC"),
            "\u{ff21}BC",
            "a full-width letter is text"
        );
        assert_eq!(csv_field("   "), "   ");
    }

    #[test]
    fn a_hostile_name_stays_in_one_csv_field() {
        let data = hostile();
        let scene = Scene::build(&data, Region::Americas);
        let text = csv(&scene);
        let row = text.split("\r\n").nth(1).unwrap();
        assert_eq!(
            row,
            "PER,\"P\"\"e'r<u>&amp;\u{1}, \"\"Lima\"\"\",party,1988-07-07,ratification,no action,,,,2026-02-03"
        );
    }

    #[test]
    fn file_names_name_the_region() {
        let scene = Scene::build(&fixtures(), Region::Americas);
        assert_eq!(file_name(&scene, "csv"), "treaty-map-americas.csv");
    }
}
