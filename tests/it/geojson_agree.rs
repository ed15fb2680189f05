//! The widget's own GeoJSON reader (`core::area`) against georust's `geojson` crate (a dev-dependency only: it
//! is never in the wasm). Every shipped geometry file (`data/*.geo.json`), the test fixture, every geometry file
//! of the hostile corpus (`tests/fixtures/hostile/`) and a few generated cases are read by both, and:
//!
//! - wherever `geojson` reads a feature, the widget keeps it with the same code, the same (trimmed) name and the
//!   same positions, bit for bit, after its documented repairs (an open ring closed, a ring of fewer than four
//!   positions left out: `core::area::kept_polygon`, applied to what `geojson` read); or it skips it with a diagnostic naming the feature, for one of the reasons the widget
//!   documents and `geojson` does not check (no name, a code that is not ISO 3166-1 alpha-3, a geometry that is
//!   not an area, a position out of range, over the position limit, a code already drawn…), which this test
//!   works out from what `geojson` read, so a feature skipped for no such reason fails it;
//! - where `geojson` refuses a feature, the widget skips that feature alone, with a diagnostic; `geojson` then
//!   refuses the whole file, which the widget reads all the same: the deliberate difference, said per file;
//! - where the document itself is not a FeatureCollection, both refuse it.

use std::collections::BTreeSet;
use std::str::FromStr;

use geojson::{Feature, FeatureCollection, GeometryValue, Position};
use serde::Deserialize;
use serde_json::value::RawValue;
use treaty_map::core::area::{kept_polygon, read_areas};

use crate::{drawn, Drawn};
use treaty_map::core::error::Diagnostic;
use treaty_map::core::limits::{MAX_FEATURE_POSITIONS, MAX_LAT_DEG, MAX_LON_DEG, MAX_TEXT_BYTES};

type Polygons = Vec<Vec<Vec<(f64, f64)>>>;

/// The document's outline: its features, each left as text.
#[derive(Deserialize)]
struct Outline<'a> {
    #[serde(borrow)]
    features: Vec<&'a RawValue>,
}

/// What happened to one feature.
#[derive(Debug)]
enum Fate {
    /// Read by `geojson` and kept by the widget, identical.
    Kept,
    /// Read by `geojson`, skipped by the widget with a diagnostic, for this documented reason.
    SkippedByWidget(&'static str),
    /// Refused by `geojson`; skipped by the widget with a diagnostic.
    RefusedByGeojson(String),
}

/// How one file went.
struct Outcome {
    fates: Vec<Fate>,
    /// Whether `geojson` read the whole file as a FeatureCollection.
    whole_file_read: bool,
}

fn xy(position: &Position) -> Option<(f64, f64)> {
    (position.len() >= 2).then(|| (position[0], position[1]))
}

/// Why the widget skips a feature that `geojson` reads, by the rules `core::area` documents; `None` if it
/// must keep it. `drawn` holds the codes already kept.
fn skip_reason(feature: &Feature, drawn: &BTreeSet<String>) -> Option<&'static str> {
    let property = |key: &str| feature.property(key).filter(|v| !v.is_null());
    let name = match property("name") {
        Some(serde_json::Value::String(name)) => name,
        _ => return Some("no name property"),
    };
    if name.len() > MAX_TEXT_BYTES {
        return Some("a name over the size limit");
    }
    if name.trim().is_empty() {
        return Some("a blank name");
    }
    let iso3 = match property("iso3") {
        None => None,
        Some(serde_json::Value::String(code))
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            Some(code)
        }
        Some(_) => return Some("an iso3 that is not an ISO 3166-1 alpha-3 code"),
    };
    if let Some(aliases) = property("aliases") {
        let ok = aliases.as_array().is_some_and(|list| {
            list.len() <= 64
                && list
                    .iter()
                    .all(|a| a.as_str().is_some_and(|t| t.len() <= MAX_TEXT_BYTES))
        });
        if !ok {
            return Some("aliases that are not a list of texts");
        }
    }
    let Some(geometry) = &feature.geometry else {
        return Some("no geometry");
    };
    let line = property("line");
    if line.is_some_and(|l| l != "dotted" && l != "dashed") {
        return Some("a line style that is not dotted or dashed");
    }
    let positions: Vec<&Position> = match (&geometry.value, line.is_some()) {
        (GeometryValue::Polygon { coordinates }, false) => coordinates.iter().flatten().collect(),
        (GeometryValue::MultiPolygon { coordinates }, false) => {
            coordinates.iter().flatten().flatten().collect()
        }
        (GeometryValue::LineString { coordinates }, true) => coordinates.iter().collect(),
        (GeometryValue::MultiLineString { coordinates }, true) => {
            coordinates.iter().flatten().collect()
        }
        (_, false) => return Some("a geometry that is not an area"),
        (_, true) => return Some("a line whose geometry is not a line"),
    };
    if positions.iter().any(|p| p.len() < 2) {
        return Some("a position of fewer than two numbers");
    }
    if positions.len() > MAX_FEATURE_POSITIONS {
        return Some("more positions than the limit for one feature");
    }
    if positions
        .iter()
        .any(|p| !(p[0].abs() <= MAX_LON_DEG && p[1].abs() <= MAX_LAT_DEG))
    {
        return Some("a position out of range");
    }
    if drawn_as(feature).2.is_empty() {
        return Some(if line.is_some() {
            "no line of two positions"
        } else {
            "no ring of four positions"
        });
    }
    if line.is_none() && iso3.is_some_and(|code| drawn.contains(code)) {
        return Some("a code already drawn by an earlier feature");
    }
    None
}

/// What the widget draws for a feature it keeps, from what `geojson` read: rings of fewer than four positions
/// left out (a polygon with its exterior), open rings closed; for a line, each part of two positions or more.
fn drawn_as(feature: &Feature) -> Drawn {
    let property = |key: &str| feature.property(key).and_then(|v| v.as_str());
    let ring = |ring: &Vec<Position>| -> Vec<(f64, f64)> { ring.iter().filter_map(xy).collect() };
    // The widget's own rule for a kept polygon, applied to the positions `geojson` read.
    let polygon = |rings: &Vec<Vec<Position>>| kept_polygon(rings.iter().map(ring), &mut 0, &mut 0);
    let polygons: Polygons = match feature.geometry.as_ref().map(|g| &g.value) {
        Some(GeometryValue::Polygon { coordinates }) => vec![polygon(coordinates)],
        Some(GeometryValue::MultiPolygon { coordinates }) => {
            coordinates.iter().map(polygon).collect()
        }
        Some(GeometryValue::LineString { coordinates }) => vec![vec![ring(coordinates)]],
        Some(GeometryValue::MultiLineString { coordinates }) => {
            coordinates.iter().map(|part| vec![ring(part)]).collect()
        }
        _ => Vec::new(),
    };
    let is_line = feature.property("line").is_some_and(|v| !v.is_null());
    let polygons = polygons
        .into_iter()
        .filter(|p| match p.first() {
            Some(first) if is_line => first.len() >= 2,
            Some(_) => true,
            None => false,
        })
        .collect();
    (
        if is_line {
            None
        } else {
            property("iso3").map(str::to_owned)
        },
        property("name").unwrap_or_default().trim().to_owned(),
        polygons,
    )
}

/// Whether the widget said why it did not keep feature `number` (from 1).
fn named(diagnostics: &[Diagnostic], number: usize) -> bool {
    let prefix = format!("geometry feature {number}:");
    diagnostics.iter().any(|d| d.0.starts_with(&prefix))
}

/// Reads `text` with both and checks that they agree as the module's header says; `None` when both refuse it.
fn compare(name: &str, text: &str) -> Option<Outcome> {
    let widget = read_areas(text);
    let whole = FeatureCollection::from_str(text);
    let Ok(outline) = serde_json::from_str::<Outline>(text) else {
        assert!(
            widget.is_err() && whole.is_err(),
            "{name}: not a FeatureCollection, yet read: widget {widget:?}, geojson {whole:?}"
        );
        return None;
    };
    let (areas, diagnostics) =
        widget.unwrap_or_else(|e| panic!("{name}: the widget refuses it: {e}"));
    let mut drawn_codes = BTreeSet::new();
    let mut expected: Vec<Drawn> = Vec::new();
    let mut fates = Vec::new();
    for (index, raw) in outline.features.iter().enumerate() {
        let number = index + 1;
        let fate = match Feature::from_str(raw.get()) {
            Err(error) => Fate::RefusedByGeojson(error.to_string()),
            Ok(feature) => match skip_reason(&feature, &drawn_codes) {
                Some(reason) => Fate::SkippedByWidget(reason),
                None => {
                    let area = drawn_as(&feature);
                    if let Some(code) = &area.0 {
                        drawn_codes.insert(code.clone());
                    }
                    expected.push(area);
                    Fate::Kept
                }
            },
        };
        if !matches!(fate, Fate::Kept) {
            assert!(
                named(&diagnostics, number),
                "{name}: feature {number} ({fate:?}) is not kept, and no diagnostic says so: {diagnostics:?}"
            );
        }
        fates.push(fate);
    }
    let got = drawn(&areas);
    assert_eq!(got.len(), expected.len(), "{name}: kept features");
    for (index, (got, expected)) in got.iter().zip(&expected).enumerate() {
        assert!(
            got == expected,
            "{name}: kept area {index} differs: widget {got:?}, geojson {expected:?}"
        );
    }
    let refused = fates.iter().any(|f| matches!(f, Fate::RefusedByGeojson(_)));
    assert_eq!(
        whole.is_err(),
        refused,
        "{name}: geojson refuses the whole file exactly when it refuses one of its features ({:?})",
        whole.err()
    );
    Some(Outcome {
        fates,
        whole_file_read: !refused,
    })
}

/// Says what happened to a file's features, and returns it.
fn report(name: &str, outcome: &Outcome) -> String {
    let kept = outcome
        .fates
        .iter()
        .filter(|f| matches!(f, Fate::Kept))
        .count();
    let mut line = format!(
        "{name}: {} features, {kept} read alike by both",
        outcome.fates.len()
    );
    for fate in &outcome.fates {
        match fate {
            Fate::Kept => {}
            Fate::SkippedByWidget(reason) => {
                line += &format!("; geojson reads one the widget skips ({reason})")
            }
            Fate::RefusedByGeojson(error) => {
                line += &format!("; geojson refuses one ({error}), the widget skips it alone")
            }
        }
    }
    if !outcome.whole_file_read {
        line += "; geojson refuses the whole file for it, the widget keeps the rest";
    }
    eprintln!("{line}");
    line
}

fn files(dir: &str, filter: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| filter(&path.file_name().unwrap().to_string_lossy()))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                text,
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_shipped_geometry_file_reads_alike_in_both() {
    let shipped = files("data", |n| n.ends_with(".geo.json"));
    assert_eq!(shipped.len(), 6, "the world and five regions");
    let fixture = files("tests/fixtures", |n| n == "geometry.geo.json");
    for (name, text) in shipped.iter().chain(&fixture) {
        let outcome = compare(name, text).unwrap_or_else(|| panic!("{name}: refused by both"));
        report(name, &outcome);
        assert!(outcome.whole_file_read, "{name}: geojson reads it");
        assert!(
            outcome.fates.iter().all(|f| matches!(f, Fate::Kept)),
            "{name}: every feature kept by both: {:?}",
            outcome.fates
        );
    }
}

#[test]
fn the_hostile_corpus_reads_alike_wherever_geojson_reads_it() {
    // The compact form's files are left out: geojson knows no `transform`, and reads their steps as degrees
    // (`core::area::grid` and xtask's `compact` test that form).
    let corpus = files("tests/fixtures/hostile", |n| {
        n.starts_with("geometry-")
            && !n.starts_with("geometry-transform-")
            && !n.starts_with("geometry-compact-")
    });
    assert!(corpus.len() >= 14, "{} files", corpus.len());
    let mut refused_by_both = Vec::new();
    let mut kept = 0;
    let mut whole_file_differences = Vec::new();
    for (name, text) in &corpus {
        match compare(name, text) {
            None => {
                eprintln!("{name}: not a FeatureCollection: both refuse it");
                refused_by_both.push(name.as_str());
            }
            Some(outcome) => {
                report(name, &outcome);
                kept += outcome
                    .fates
                    .iter()
                    .filter(|f| matches!(f, Fate::Kept))
                    .count();
                if !outcome.whole_file_read {
                    whole_file_differences.push(name.as_str());
                }
            }
        }
    }
    // The files neither reads, and those geojson refuses whole for one bad feature, where the widget keeps the
    // rest: named here, so that a change on either side shows.
    assert_eq!(
        refused_by_both,
        [
            "geometry-features-not-an-array.geo.json",
            "geometry-html-page.geo.json",
            "geometry-not-geojson.geo.json",
            "geometry-not-json.geo.json",
        ]
    );
    assert_eq!(
        whole_file_differences,
        ["geometry-feature-wrong-types.geo.json"]
    );
    assert!(kept >= 5, "{kept} features kept by both across the corpus");
}

fn feature(iso3: &str, name: &str, ring: &str) -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"iso3":"{iso3}","name":"{name}"}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}"#
    )
}

const SQUARE: &str = "[[-60,10],[-59,10],[-59,11],[-60,11],[-60,10]]";

#[test]
fn one_number_too_large_for_f64_fails_geojson_s_whole_file_and_only_its_feature_in_the_widget() {
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
        feature("PER", "Peru", SQUARE),
        feature("CHL", "Chile", "[[1e400,0],[1,1],[2,2],[1e400,0]]"),
    );
    let outcome = compare("1e400", &text).unwrap();
    let line = report("1e400", &outcome);
    assert!(matches!(outcome.fates[0], Fate::Kept));
    assert!(
        matches!(&outcome.fates[1], Fate::RefusedByGeojson(e) if e.contains("number out of range")),
        "{line}"
    );
    assert!(!outcome.whole_file_read);
}

#[test]
fn a_feature_over_the_widget_s_position_limit_is_read_by_geojson_and_skipped_by_the_widget() {
    let mut ring: Vec<String> = (0..MAX_FEATURE_POSITIONS)
        .map(|i| format!("[{},0]", (i % 1000) as f64 / 1000.0))
        .collect();
    ring.push("[0,0]".to_owned());
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
        feature("ZZH", "Huge", &format!("[{}]", ring.join(","))),
        feature("PER", "Peru", SQUARE),
    );
    let outcome = compare("position limit", &text).unwrap();
    report("position limit", &outcome);
    assert!(matches!(
        outcome.fates[0],
        Fate::SkippedByWidget("more positions than the limit for one feature")
    ));
    assert!(matches!(outcome.fates[1], Fate::Kept));
    assert!(outcome.whole_file_read);
}

#[test]
fn repairs_and_skips_the_widget_documents_are_what_this_test_expects() {
    // An open ring (closed by the widget), a hole of three positions (left out), a second feature with the same
    // code, a blank name, a Point: the reasons and repairs `skip_reason` and `drawn_as` model.
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{},{},{},{},{}]}}"#,
        feature(
            "PER",
            " Peru ",
            "[[-60,10],[-59,10],[-59,11],[-60,11]],[[0,0],[1,1],[0,0]]"
        ),
        feature("PER", "Peru again", SQUARE),
        feature("CHL", "  ", SQUARE),
        r#"{"type":"Feature","properties":{"iso3":"MEX","name":"Mexico"},"geometry":{"type":"Point","coordinates":[1,2]}}"#,
        feature("ARG", "Argentina", SQUARE),
    );
    let outcome = compare("repairs", &text).unwrap();
    report("repairs", &outcome);
    let reasons: Vec<Option<&str>> = outcome
        .fates
        .iter()
        .map(|f| match f {
            Fate::SkippedByWidget(reason) => Some(*reason),
            _ => None,
        })
        .collect();
    assert_eq!(
        reasons,
        [
            None,
            Some("a code already drawn by an earlier feature"),
            Some("a blank name"),
            Some("a geometry that is not an area"),
            None,
        ]
    );
}
