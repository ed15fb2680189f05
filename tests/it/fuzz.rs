//! Fuzzing with proptest: the loaders (GeoJSON, status, host content, and the whole assembly into scenes) keep
//! their invariants and their promise that one bad item costs only itself; `SafeUrl` admits only web and mail
//! links; projections never give NaN for valid coordinates; `svg_path` always writes well-formed path data.
//!
//! The loaders' generators write **valid** documents (so that the checks on what is kept have something to
//! check) and then corrupt them **once**: a bad date, a wrong type, a missing field, an unknown code, a huge
//! text, a hostile link, a broken outline… Each case knows what the loader must make of it: keep everything,
//! skip the one bad item with one diagnostic naming it, repair it with one diagnostic, or refuse the file. Each
//! property counts how many cases reached each of its checks, prints the counts (`-- --nocapture`) and fails if
//! a check was reached too rarely, so that a generator that drifts into producing only rejected input fails.
//!
//! Runs are deterministic: a fixed seed (`TREATY_MAP_FUZZ_SEED` picks another); cases per property are set
//! below, multiplied by `TREATY_MAP_FUZZ_SCALE` (default 1) for longer runs.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::subsequence;
use proptest::test_runner::{Config, RngSeed, TestCaseResult, TestRunner};
use serde_json::{json, Value};
use treaty_map::core::area::read_areas;

use crate::{drawn, Drawn};
use treaty_map::core::class::StatusClass;
use treaty_map::core::content::{Alert, ContentTable, CountryContent, Link, SafeUrl};
use treaty_map::core::date::Date;
use treaty_map::core::error::Diagnostic;
use treaty_map::core::iso3::Iso3;
use treaty_map::core::limits::{MAX_LAT_DEG, MAX_LON_DEG, MAX_MESSAGE_CHARS, MAX_TEXT_BYTES};
use treaty_map::core::load::{assemble, Inputs};
use treaty_map::core::path::svg_path;
use treaty_map::core::projection::{Projection, ProjectionKind};
use treaty_map::core::region::{Region, RegionTable};
use treaty_map::core::scene::Scene;
use treaty_map::core::status::{Act, StatusTable, TreatyStatus};

/// The seed of every property here, unless `TREATY_MAP_FUZZ_SEED` says otherwise.
const SEED: u64 = 14;

fn config(cases: u32) -> Config {
    let env = |name: &str| std::env::var(name).ok().and_then(|s| s.parse::<u64>().ok());
    let scale = env("TREATY_MAP_FUZZ_SCALE").unwrap_or(1) as u32;
    Config {
        cases: cases * scale,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(env("TREATY_MAP_FUZZ_SEED").unwrap_or(SEED)),
        ..Config::default()
    }
}

// ------------------------------------------------------------------------------------------------------------
// Counting the checks reached

/// How many cases of a property reached each of its checks.
struct Tally {
    property: &'static str,
    cases: RefCell<u32>,
    this_case: RefCell<BTreeSet<&'static str>>,
    reached: RefCell<BTreeMap<&'static str, u32>>,
}

impl Tally {
    /// Notes that the current case reached `check` (counted once per case).
    fn hit(&self, check: &'static str) {
        self.this_case.borrow_mut().insert(check);
    }

    fn reached(&self, check: &str) -> u32 {
        self.reached.borrow().get(check).copied().unwrap_or(0)
    }

    /// Fails unless `check` was reached by at least `share` of the cases.
    fn expect(&self, check: &str, share: f64) {
        let cases = *self.cases.borrow();
        let reached = self.reached(check);
        assert!(
            f64::from(reached) >= share * f64::from(cases),
            "{}: check `{check}` reached by {reached} of {cases} cases, fewer than {:.0}%: the generator no longer \
             reaches it",
            self.property,
            share * 100.0
        );
    }
}

/// Runs `test` on `cases` values of `strategy`, counting the checks each case reached, and prints the counts.
fn run<S: Strategy>(
    property: &'static str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value, &Tally) -> TestCaseResult,
) -> Tally {
    let tally = Tally {
        property,
        cases: RefCell::new(0),
        this_case: RefCell::default(),
        reached: RefCell::default(),
    };
    let mut runner = TestRunner::new(config(cases));
    let result = runner.run(&strategy, |value| {
        tally.this_case.borrow_mut().clear();
        let result = test(value, &tally);
        *tally.cases.borrow_mut() += 1;
        for check in tally.this_case.borrow().iter() {
            *tally.reached.borrow_mut().entry(check).or_default() += 1;
        }
        result
    });
    if let Err(error) = result {
        panic!("{property}: {error}");
    }
    let cases = *tally.cases.borrow();
    eprintln!("{property}: {cases} cases");
    for (check, count) in tally.reached.borrow().iter() {
        eprintln!(
            "  {count:>5} ({:>3.0}%) {check}",
            100.0 * f64::from(*count) / f64::from(cases)
        );
    }
    tally
}

fn messages_are_short(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.len() <= 52
        && diagnostics
            .iter()
            .all(|d| d.0.chars().count() <= MAX_MESSAGE_CHARS + 1)
}

// ------------------------------------------------------------------------------------------------------------
// What a case expects of the loader

/// What the loader must make of a generated document.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Everything kept, no diagnostic.
    Valid,
    /// Item `n` (from 0) skipped with one diagnostic naming it; every other item kept.
    Skip(usize),
    /// Item `n` kept, repaired, with one diagnostic naming it.
    Repair(usize),
    /// The whole file refused.
    Error,
}

/// What a reader made of a case's document, against what the case expects of the whole file: the document as
/// read, `None` for a broken file refused as it should be, or the failure.
fn read_as_expected<T: std::fmt::Debug, E: std::fmt::Debug>(
    read: Result<T, E>,
    expect: Expect,
    what: &str,
    tally: &Tally,
) -> Result<Option<T>, TestCaseError> {
    match (read, expect) {
        (Err(_), Expect::Error) => {
            tally.hit("a broken file is refused");
            Ok(None)
        }
        (Ok(read), expect) if expect != Expect::Error => Ok(Some(read)),
        (read, expect) => Err(TestCaseError::fail(format!(
            "{what}: expected {expect:?}, got {read:?}"
        ))),
    }
}

/// One corruption, drawn before the document it applies to: which kind (as a roll from 0 to 99, which the
/// generators map to their own kinds), which item and which variant of the kind.
#[derive(Debug, Clone, Copy)]
struct Mutation {
    roll: u8,
    target: usize,
    pick: usize,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (0u8..100, any::<usize>(), any::<usize>()).prop_map(|(roll, target, pick)| Mutation {
        roll,
        target,
        pick,
    })
}

/// One of `choices`, by `pick`.
fn one<T: Clone>(pick: usize, choices: &[T]) -> T {
    choices[pick % choices.len()].clone()
}

/// Document-level corruptions shared by every file: the text cut short, an HTML page, JSON of another shape.
fn break_document(text: &str, kind: usize, pick: usize) -> String {
    match kind % 3 {
        0 => text[..pick % text.len()].to_owned(),
        1 => "<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>".to_owned(),
        _ => one(pick, &["[]", "7", "null", "\"text\"", "[{}]"]).to_owned(),
    }
}

/// A string that is not a safe link, in the forms hosts and attackers write.
const UNSAFE_LINKS: [&str; 7] = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/",
    "https://",
];

/// ISO3 codes of states: real codes, so that a whole load can be tied to its regions.
const CODES: [&str; 16] = [
    "PER", "CHL", "MEX", "ARG", "BRA", "KEN", "FRA", "JPN", "IND", "TUN", "USA", "CAN", "NZL",
    "SEN", "EGY", "FJI",
];

/// A name: plain, accented, or a payload that must stay text.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Z][a-z]{2,12}( [A-Z][a-z]{2,8})?",
        1 => prop::sample::select(vec![
            "Côte d’Ivoire",
            "Türkiye",
            "São Tomé and Príncipe",
            "<script>window.__pwned=1</script>",
            "<img src=x onerror=alert(1)>",
            "Bolivia (Plurinational State of)",
        ])
        .prop_map(str::to_owned),
    ]
}

// ------------------------------------------------------------------------------------------------------------
// GeoJSON

type Polygon = Vec<Vec<(f64, f64)>>;

/// A feature as generated: what the reader must give back for it.
#[derive(Debug, Clone)]
struct GenFeature {
    iso3: Option<String>,
    name: String,
    polygons: Vec<Polygon>,
    multi: bool,
}

/// Degrees rounded to thousandths, which JSON carries exactly both ways.
fn round(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// A simple polygon: points at increasing angles around a centre (so no edge crosses another), closed; with,
/// sometimes, a small square hole at the centre.
fn polygon() -> impl Strategy<Value = Polygon> {
    (
        -170.0..170.0f64,
        -80.0..80.0f64,
        vec((0.0..0.5f64, 0.5..5.0f64), 4..10),
        any::<bool>(),
    )
        .prop_map(|(cx, cy, spokes, hole)| {
            let step = std::f64::consts::TAU / spokes.len() as f64;
            let mut ring: Vec<(f64, f64)> = spokes
                .iter()
                .enumerate()
                .map(|(i, (jitter, radius))| {
                    let angle = (i as f64 + jitter) * step;
                    (
                        round(cx + radius * angle.cos()),
                        round(cy + radius * angle.sin()),
                    )
                })
                .collect();
            ring.push(ring[0]);
            let (cx, cy) = (round(cx), round(cy));
            let mut rings = vec![ring];
            if hole {
                let (left, right) = (round(cx - 0.1), round(cx + 0.1));
                let (bottom, top) = (round(cy - 0.1), round(cy + 0.1));
                rings.push(vec![
                    (left, bottom),
                    (left, top),
                    (right, top),
                    (right, bottom),
                    (left, bottom),
                ]);
            }
            rings
        })
}

impl GenFeature {
    fn coordinates(&self) -> Value {
        let polygon = |p: &Polygon| {
            Value::Array(
                p.iter()
                    .map(|ring| ring.iter().map(|&(x, y)| json!([x, y])).collect())
                    .collect(),
            )
        };
        if self.multi {
            Value::Array(self.polygons.iter().map(polygon).collect())
        } else {
            polygon(&self.polygons[0])
        }
    }

    fn json(&self) -> Value {
        let mut properties = json!({ "name": self.name });
        if let Some(iso3) = &self.iso3 {
            properties["iso3"] = json!(iso3);
        }
        json!({
            "type": "Feature",
            "properties": properties,
            "geometry": {
                "type": if self.multi { "MultiPolygon" } else { "Polygon" },
                "coordinates": self.coordinates(),
            }
        })
    }
}

/// Features for `codes`, one each, and 0 to 2 areas without a code (context), in a shuffled order.
fn features(codes: Vec<&'static str>) -> impl Strategy<Value = Vec<GenFeature>> {
    let count = codes.len();
    (
        vec((name(), vec(polygon(), 1..4), any::<bool>()), count + 2),
        0..3usize,
        Just(codes),
    )
        .prop_map(|(shapes, context, codes)| {
            let iso3 = codes
                .into_iter()
                .map(|c| Some(c.to_owned()))
                .chain(std::iter::repeat_n(None, context));
            iso3.zip(shapes)
                .map(|(iso3, (name, polygons, multi))| GenFeature {
                    iso3,
                    name,
                    multi: multi || polygons.len() > 1,
                    polygons,
                })
                .collect()
        })
        .prop_shuffle()
}

/// A geometry file: its features as generated, its text (with one corruption) and what the reader must do.
#[derive(Debug, Clone)]
struct GeometryCase {
    features: Vec<GenFeature>,
    text: String,
    expect: Expect,
    what: &'static str,
}

/// Applies `m` to a valid FeatureCollection of `features`. Kinds: 20% none, 55% one bad feature, 10% one
/// feature repaired, 15% the file broken.
fn corrupt_geometry(mut features: Vec<GenFeature>, m: Mutation) -> GeometryCase {
    let mut values: Vec<Value> = features.iter().map(GenFeature::json).collect();
    let t = m.target % values.len();
    let pick = m.pick;
    let mut overflow = false;
    let (expect, what) = match m.roll {
        0..20 => (Expect::Valid, "valid"),
        20..75 => {
            let feature = &mut values[t];
            let what = match (m.roll - 20) % 18 {
                0 => {
                    feature["properties"]["iso3"] = one(
                        pick,
                        &[
                            json!("per"),
                            json!("P3R"),
                            json!("<img src=x>"),
                            json!(604),
                            json!(""),
                        ],
                    );
                    "bad iso3"
                }
                1 => {
                    match pick % 3 {
                        0 => drop(
                            feature["properties"]
                                .as_object_mut()
                                .unwrap()
                                .remove("name"),
                        ),
                        1 => feature["properties"] = Value::Null,
                        _ => drop(feature.as_object_mut().unwrap().remove("properties")),
                    }
                    "no name"
                }
                2 => {
                    feature["properties"]["name"] = json!(one(pick, &["", "   ", "\t\n"]));
                    "blank name"
                }
                3 => {
                    feature["properties"]["name"] =
                        one(pick, &[json!(7), json!(["x"]), json!({"en": "x"})]);
                    "name not a text"
                }
                4 => {
                    feature["properties"]["name"] = json!("N".repeat(MAX_TEXT_BYTES + 1));
                    "huge name"
                }
                5 => {
                    match pick % 2 {
                        0 => feature["geometry"] = Value::Null,
                        _ => drop(feature.as_object_mut().unwrap().remove("geometry")),
                    }
                    "no geometry"
                }
                6 => {
                    feature["geometry"]["type"] = json!(one(
                        pick,
                        &["Point", "LineString", "Polygonn", "GeometryCollection", ""]
                    ));
                    "geometry not an area"
                }
                7 => {
                    feature["geometry"]["coordinates"] =
                        one(pick, &[json!("[[0,0]]"), json!(7), Value::Null, json!({})]);
                    "coordinates of the wrong type"
                }
                8 => {
                    let first = first_position(feature);
                    *first = json!([first[0].clone()]);
                    "a position of one number"
                }
                9 => {
                    *first_position(feature) = one(
                        pick,
                        &[
                            json!([0, 91]),
                            json!([180.5, 0]),
                            json!([1e300, 0]),
                            json!([-180.001, 0]),
                        ],
                    );
                    "a position out of range"
                }
                10 => {
                    *first_position(feature) = json!([777777.0, 0]);
                    overflow = true;
                    "a number too large for f64 (1e400)"
                }
                11 => {
                    feature["geometry"] =
                        json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]});
                    "no ring of four positions"
                }
                12 => {
                    *feature = one(pick, &[json!("Feature"), json!(7), Value::Null, json!([])]);
                    "feature not an object"
                }
                13 => {
                    feature["properties"] = one(pick, &[json!("iso3=PER"), json!(7), json!([])]);
                    "properties not an object"
                }
                14 => {
                    match pick % 3 {
                        0 => feature["type"] = json!("Polygon"),
                        1 => feature["type"] = json!("feature"),
                        _ => drop(feature.as_object_mut().unwrap().remove("type")),
                    }
                    "not a Feature"
                }
                15 => {
                    feature["properties"]["line"] = json!(one(pick, &["dotted", "wavy"]));
                    "a polygon as a line"
                }
                16 => {
                    feature["properties"]["aliases"] =
                        one(pick, &[json!("x"), json!([1]), json!({})]);
                    "aliases not a list of texts"
                }
                _ => {
                    // A second feature with a code already drawn: the later one is skipped.
                    let coded = features.iter().position(|f| f.iso3.is_some()).unwrap();
                    let mut again = values[coded].clone();
                    again["properties"]["name"] = json!("Again");
                    values.push(again);
                    let skipped = values.len() - 1;
                    return finish_geometry(
                        features,
                        values,
                        Expect::Skip(skipped),
                        "duplicate code",
                        false,
                    );
                }
            };
            (Expect::Skip(t), what)
        }
        75..85 => {
            let what = match (m.roll - 75) % 3 {
                0 => {
                    // The exterior's closing position left out: the reader closes the ring again.
                    ring_mut(&mut values[t], 0).as_array_mut().unwrap().pop();
                    "ring not closed"
                }
                1 => {
                    // A hole of three positions: left out.
                    polygon_mut(&mut values[t])
                        .as_array_mut()
                        .unwrap()
                        .push(json!([[0, 0], [0.5, 0.5], [0, 0]]));
                    "a hole too short"
                }
                _ => {
                    // A bow tie: drawn as given.
                    let (x, y) = features[t].polygons[0][0][0];
                    let (x1, y1) = (round(x + 1.0), round(y + 1.0));
                    let bow = vec![(x, y), (x1, y1), (x1, y), (x, y1), (x, y)];
                    *ring_mut(&mut values[t], 0) =
                        bow.iter().map(|&(x, y)| json!([x, y])).collect();
                    features[t].polygons[0][0] = bow;
                    "a ring that crosses itself"
                }
            };
            (Expect::Repair(t), what)
        }
        _ => {
            let text = json!({"type": "FeatureCollection", "features": values.clone()}).to_string();
            let (text, what) = match (m.roll - 85) % 5 {
                0..3 => (break_document(&text, usize::from(m.roll), pick), "broken document"),
                3 => (
                    json!({"type": "FeatureCollection", "features": one(pick, &[json!({}), json!("x"), Value::Null])})
                        .to_string(),
                    "features not a list",
                ),
                _ => (
                    json!({"type": "Topology", "objects": {"countries": {"geometries": values}}}).to_string(),
                    "TopoJSON",
                ),
            };
            return GeometryCase {
                features,
                text,
                expect: Expect::Error,
                what,
            };
        }
    };
    finish_geometry(features, values, expect, what, overflow)
}

fn finish_geometry(
    features: Vec<GenFeature>,
    values: Vec<Value>,
    expect: Expect,
    what: &'static str,
    overflow: bool,
) -> GeometryCase {
    let mut text = json!({"type": "FeatureCollection", "features": values}).to_string();
    if overflow {
        text = text.replace("777777.0", "1e400");
    }
    GeometryCase {
        features,
        text,
        expect,
        what,
    }
}

/// The first polygon of a feature's coordinates.
fn polygon_mut(feature: &mut Value) -> &mut Value {
    let multi = feature["geometry"]["type"] == "MultiPolygon";
    let coordinates = &mut feature["geometry"]["coordinates"];
    if multi {
        &mut coordinates[0]
    } else {
        coordinates
    }
}

fn ring_mut(feature: &mut Value, ring: usize) -> &mut Value {
    &mut polygon_mut(feature)[ring]
}

fn first_position(feature: &mut Value) -> &mut Value {
    &mut ring_mut(feature, 0)[0]
}

fn geometry_case(codes: Vec<&'static str>) -> impl Strategy<Value = GeometryCase> {
    (features(codes), mutation()).prop_map(|(features, m)| corrupt_geometry(features, m))
}

/// The areas the reader must keep for `case`, as (iso3, name, polygons).
fn expected_areas(case: &GeometryCase) -> Vec<Drawn> {
    case.features
        .iter()
        .enumerate()
        .filter(|(i, _)| case.expect != Expect::Skip(*i))
        .map(|(_, f)| (f.iso3.clone(), f.name.clone(), f.polygons.clone()))
        .collect()
}

/// The one diagnostic a skipped or repaired item must have, naming it (`prefix` and its number from 1).
fn one_diagnostic_naming(diagnostics: &[Diagnostic], prefix: &str, index: usize) -> bool {
    let number = format!("{prefix} {}:", index + 1);
    diagnostics.len() == 1 && diagnostics[0].0.starts_with(&number)
}

/// The diagnostics a case expects of a reader whose diagnostics name their item ("status row 3: …"): none for
/// a valid document, one naming the skipped or repaired item. `checks` names the skip check and the repair check
/// (`None` for a reader that repairs nothing).
fn diagnostics_as_expected(
    diagnostics: &[Diagnostic],
    expect: Expect,
    (item, what): (&str, &str),
    tally: &Tally,
    checks: (&'static str, Option<&'static str>),
) -> Result<(), TestCaseError> {
    let (index, check) = match expect {
        Expect::Valid => {
            prop_assert!(diagnostics.is_empty(), "{diagnostics:?}");
            tally.hit("valid: no diagnostic");
            return Ok(());
        }
        Expect::Skip(index) => (index, checks.0),
        Expect::Repair(index) => (index, checks.1.expect("this reader repairs nothing")),
        Expect::Error => unreachable!(),
    };
    prop_assert!(
        one_diagnostic_naming(diagnostics, item, index),
        "{what}: {diagnostics:?}"
    );
    tally.hit(check);
    Ok(())
}

#[test]
fn geojson_reader_keeps_good_features_and_skips_each_bad_one_alone() {
    let codes = subsequence(CODES.to_vec(), 1..10);
    let tally = run(
        "geojson",
        1500,
        codes.prop_flat_map(geometry_case),
        |case, tally| {
            let read = read_areas(&case.text);
            let Some((areas, diagnostics)) = read_as_expected(read, case.expect, case.what, tally)?
            else {
                return Ok(());
            };
            tally.hit("read: messages short");
            prop_assert!(messages_are_short(&diagnostics));
            for area in &areas {
                prop_assert!(
                    !area.polygons.is_empty()
                        && !area.name.is_empty()
                        && area.name.len() <= MAX_TEXT_BYTES
                );
                for ring in area.polygons.iter().flatten() {
                    prop_assert!(ring.len() >= 4 && ring.first() == ring.last());
                    prop_assert!(ring
                        .iter()
                        .all(|(x, y)| x.abs() <= MAX_LON_DEG && y.abs() <= MAX_LAT_DEG));
                }
            }
            if !areas.is_empty() {
                tally.hit("read: rings closed and in range");
            }
            prop_assert_eq!(drawn(&areas), expected_areas(&case), "{}", case.what);
            tally.hit("read: areas as generated (codes, names, positions)");
            diagnostics_as_expected(
                &diagnostics,
                case.expect,
                ("geometry feature", case.what),
                tally,
                (
                    "one bad feature: skipped alone, named",
                    Some("one repaired feature: kept, named"),
                ),
            )
        },
    );
    for check in [
        "read: messages short",
        "read: rings closed and in range",
        "read: areas as generated (codes, names, positions)",
    ] {
        tally.expect(check, 0.6);
    }
    tally.expect("valid: no diagnostic", 0.1);
    tally.expect("one bad feature: skipped alone, named", 0.35);
    tally.expect("one repaired feature: kept, named", 0.05);
    tally.expect("a broken file is refused", 0.08);
}

// ------------------------------------------------------------------------------------------------------------
// status.json

const AS_OF: &str = "2026-02-03";

#[derive(Debug, Clone)]
enum GenTreaty {
    Party {
        signed: Option<String>,
        party: String,
        act: Act,
    },
    Signatory(String),
    NoAction,
}

/// A date from `first_year` on, before `AS_OF`.
fn date(first_year: u16) -> impl Strategy<Value = String> {
    (first_year..=2025u16, 1..=12u8, 1..=28u8).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// A treaty status, dates after the treaty opened (CAT 1985, OPCAT 2003): mostly a party, half of them
/// with a signature before.
fn treaty(first_year: u16) -> impl Strategy<Value = GenTreaty> {
    let act = prop::sample::select(vec![Act::Ratification, Act::Accession, Act::Succession]);
    prop_oneof![
        3 => (date(first_year), date(first_year), act, any::<bool>()).prop_map(|(a, b, act, signed)| {
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            GenTreaty::Party { signed: signed.then_some(early), party: late, act }
        }),
        1 => date(first_year).prop_map(GenTreaty::Signatory),
        1 => Just(GenTreaty::NoAction),
    ]
}

impl GenTreaty {
    fn json(&self) -> Value {
        match self {
            GenTreaty::Party { signed, party, act } => {
                let mut value = json!({"party": party, "act": act.name()});
                if let Some(signed) = signed {
                    value["signed"] = json!(signed);
                }
                value
            }
            GenTreaty::Signatory(since) => json!({ "signed": since }),
            GenTreaty::NoAction => json!({}),
        }
    }

    fn expected(&self) -> TreatyStatus {
        let date = |text: &str| Date::parse_iso(text).unwrap();
        match self {
            GenTreaty::Party { signed, party, act } => TreatyStatus::Party {
                since: date(party),
                act: *act,
                signed: signed.as_deref().map(date),
                signed_by_succession: false,
            },
            GenTreaty::Signatory(since) => TreatyStatus::Signatory {
                since: date(since),
                by_succession: false,
            },
            GenTreaty::NoAction => TreatyStatus::NoAction,
        }
    }
}

#[derive(Debug, Clone)]
struct GenRow {
    iso3: &'static str,
    name: String,
    cat: GenTreaty,
    opcat: GenTreaty,
    last_review: Option<u16>,
}

impl GenRow {
    fn json(&self) -> Value {
        let mut row = json!({"iso3": self.iso3, "name": self.name, "cat": self.cat.json(), "opcat": self.opcat.json()});
        if let Some(year) = self.last_review {
            row["last_review"] = json!(year);
        }
        row
    }
}

fn rows(codes: Vec<&'static str>) -> impl Strategy<Value = Vec<GenRow>> {
    let count = codes.len();
    (
        vec(
            (
                name(),
                treaty(1986),
                treaty(2004),
                prop::option::of(1988..=2026u16),
            ),
            count,
        ),
        Just(codes),
    )
        .prop_map(|(rows, codes)| {
            codes
                .into_iter()
                .zip(rows)
                .map(|(iso3, (name, cat, opcat, last_review))| GenRow {
                    iso3,
                    name,
                    cat,
                    opcat,
                    last_review,
                })
                .collect()
        })
}

#[derive(Debug, Clone)]
struct StatusCase {
    rows: Vec<GenRow>,
    text: String,
    expect: Expect,
    what: &'static str,
}

/// Applies `m` to a valid status document of `rows`. Kinds: 20% none, 65% one bad row, 15% the file broken.
fn corrupt_status(rows: Vec<GenRow>, m: Mutation) -> StatusCase {
    let mut values: Vec<Value> = rows.iter().map(GenRow::json).collect();
    let t = m.target % values.len();
    let pick = m.pick;
    let treaty = if pick % 2 == 0 { "cat" } else { "opcat" };
    let document =
        |states: Value| json!({"as_of": AS_OF, "source": "UN Treaty Collection", "states": states});
    let (expect, what) = match m.roll {
        0..20 => (Expect::Valid, "valid"),
        20..85 => {
            let row = &mut values[t];
            let what = match (m.roll - 20) % 13 {
                0 => {
                    row[treaty] = json!({"signed": one(pick / 2, &["2026-02-30", "7 July 1988", "1988-13-01", "88-07-07", ""])});
                    "a date that does not exist"
                }
                1 => {
                    row[treaty] = json!({"party": "2026-02-04", "act": "ratification"});
                    "a date after as_of"
                }
                2 => {
                    row[treaty] = json!({"signed": if treaty == "cat" { "1985-02-03" } else { "2003-02-03" }});
                    "a date before the treaty opened"
                }
                3 => {
                    row[treaty] =
                        json!({"signed": "2010-05-02", "party": "2010-05-01", "act": "accession"});
                    "signed after becoming a party"
                }
                4 => {
                    let (field, value) = one(
                        pick,
                        &[
                            ("name", json!(7)),
                            ("cat", json!("party")),
                            ("last_review", json!("2018")),
                            ("last_review", json!(-1)),
                            ("art21", json!("yes")),
                            ("iso3", json!(604)),
                            ("opcat", json!({"signed": 20100501})),
                        ],
                    );
                    row[field] = value;
                    "a field of the wrong type"
                }
                5 => {
                    // (A row without its name is read: the geometry names the state.)
                    row.as_object_mut().unwrap().remove("iso3");
                    "a missing field"
                }
                6 => {
                    row[treaty] = one(
                        pick / 2,
                        &[
                            json!({"party": "2010-05-01"}),
                            json!({"act": "accession"}),
                            json!({"party": "2010-05-01", "act": "ratify"}),
                            json!({"signed": "2010-05-01", "signed_act": "ratification"}),
                        ],
                    );
                    "an act without its date, or an unknown act"
                }
                7 => {
                    row["iso3"] = json!(one(pick, &["per", "P3R", "PERU", "<b>x</b>", "", " PER"]));
                    "a malformed code"
                }
                8 => {
                    row["name"] = json!("N".repeat(MAX_TEXT_BYTES + 1));
                    "a huge name"
                }
                9 => {
                    row["name"] = json!("   ");
                    "a blank name"
                }
                10 => {
                    row["last_review"] = json!(one(pick, &[1987, 2027]));
                    "a review year out of range"
                }
                11 => {
                    *row = one(pick, &[json!(7), json!("PER"), Value::Null, json!([])]);
                    "a row that is not an object"
                }
                _ => {
                    let mut again = values[t].clone();
                    again["name"] = json!("Again");
                    values.push(again);
                    let skipped = values.len() - 1;
                    return StatusCase {
                        rows,
                        text: document(Value::Array(values)).to_string(),
                        expect: Expect::Skip(skipped),
                        what: "a second row for a state",
                    };
                }
            };
            (Expect::Skip(t), what)
        }
        _ => {
            let text = document(Value::Array(values.clone())).to_string();
            let (text, what) = match (m.roll - 85) % 5 {
                0..2 => (break_document(&text, pick, pick / 7), "broken document"),
                2 => (
                    json!({"as_of": one(pick, &[json!("2026-02-30"), json!(20260203), json!("3 Feb 2026")]), "source": "UNTC", "states": values})
                        .to_string(),
                    "a bad as_of",
                ),
                3 => (
                    json!({"as_of": AS_OF, "source": "UNTC", "states": {"PER": values[0].clone()}}).to_string(),
                    "states not a list",
                ),
                _ => (
                    json!({"as_of": AS_OF, "source": one(pick, &[json!(""), json!("  "), Value::Null]), "states": values}).to_string(),
                    "no source",
                ),
            };
            return StatusCase {
                rows,
                text,
                expect: Expect::Error,
                what,
            };
        }
    };
    StatusCase {
        rows,
        text: document(Value::Array(values)).to_string(),
        expect,
        what,
    }
}

fn status_case(codes: Vec<&'static str>) -> impl Strategy<Value = StatusCase> {
    (rows(codes), mutation()).prop_map(|(rows, m)| corrupt_status(rows, m))
}

#[test]
fn status_reader_keeps_good_rows_and_skips_each_bad_one_alone() {
    let codes = subsequence(CODES.to_vec(), 1..10);
    let tally = run(
        "status",
        1500,
        codes.prop_flat_map(status_case),
        |case, tally| {
            let Some((table, diagnostics)) = read_as_expected(
                StatusTable::from_json(&case.text),
                case.expect,
                case.what,
                tally,
            )?
            else {
                return Ok(());
            };
            tally.hit("read: messages short");
            prop_assert!(messages_are_short(&diagnostics));
            let as_of = Date::parse_iso(AS_OF).unwrap();
            for code in table.codes() {
                let state = table.get(code).unwrap();
                prop_assert!(state.name.len() <= MAX_TEXT_BYTES);
                for status in [state.cat, state.opcat] {
                    match status {
                        TreatyStatus::Party { since, signed, .. } => {
                            prop_assert!(since <= as_of);
                            if let Some(signed) = signed {
                                prop_assert!(signed <= since);
                                tally.hit("party: signed <= since <= as_of");
                            }
                        }
                        TreatyStatus::Signatory { since, .. } => prop_assert!(since <= as_of),
                        TreatyStatus::NoAction => {}
                    }
                }
            }
            let kept = case
                .rows
                .iter()
                .enumerate()
                .filter(|(i, _)| case.expect != Expect::Skip(*i));
            let mut count = 0;
            for (_, row) in kept {
                let state = table.get(Iso3::parse(row.iso3).unwrap());
                prop_assert!(
                    state.is_some(),
                    "{}: {} was dropped: {diagnostics:?}",
                    case.what,
                    row.iso3
                );
                let state = state.unwrap();
                prop_assert_eq!(&state.name, &row.name);
                prop_assert_eq!(state.cat, row.cat.expected());
                prop_assert_eq!(state.opcat, row.opcat.expected());
                prop_assert_eq!(state.last_review, row.last_review);
                count += 1;
            }
            prop_assert_eq!(table.len(), count, "{}", case.what);
            tally.hit("read: rows as generated");
            diagnostics_as_expected(
                &diagnostics,
                case.expect,
                ("status row", case.what),
                tally,
                ("one bad row: skipped alone, named", None),
            )
        },
    );
    tally.expect("read: messages short", 0.6);
    tally.expect("read: rows as generated", 0.6);
    tally.expect("party: signed <= since <= as_of", 0.4);
    tally.expect("valid: no diagnostic", 0.1);
    tally.expect("one bad row: skipped alone, named", 0.4);
    tally.expect("a broken file is refused", 0.08);
}

// ------------------------------------------------------------------------------------------------------------
// Host content

#[derive(Debug, Clone)]
struct GenEntry {
    iso3: &'static str,
    content: CountryContent,
}

fn safe_url() -> impl Strategy<Value = String> {
    prop_oneof![
        "https://[a-z]{1,10}\\.example/[a-z0-9/]{0,12}",
        "http://[a-z]{1,10}\\.example/",
        "mailto:[a-z]{1,8}@[a-z]{1,8}\\.example",
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Z][a-z ,.]{0,60}[a-z.]",
        1 => Just("<img src=x onerror=alert(1)> is text.".to_owned()),
    ]
}

fn entry(iso3: &'static str) -> impl Strategy<Value = GenEntry> {
    let member = (name(), safe_url()).prop_map(|(text, url)| Link {
        text,
        url: SafeUrl::parse(&url).unwrap(),
    });
    let alert = (
        name(),
        prop::option::of(date(2020)),
        prop::option::of(safe_url()),
    )
        .prop_map(|(title, date, url)| Alert {
            title,
            date: date.map(|d| Date::parse_iso(&d).unwrap()),
            url: url.map(|u| SafeUrl::parse(&u).unwrap()),
        });
    (
        vec(paragraph(), 0..3),
        vec(member, 0..3),
        vec(alert, 0..3),
        prop::option::of(safe_url()),
        prop::option::of(safe_url()),
    )
        .prop_map(move |(summary, members, alerts, review, more)| {
            let links = [
                ("Committee against Torture documents", review),
                ("Read more", more),
            ]
            .into_iter()
            .filter_map(|(text, url)| {
                Some(Link {
                    text: text.to_owned(),
                    url: SafeUrl::parse(&url?).unwrap(),
                })
            })
            .collect();
            GenEntry {
                iso3,
                content: CountryContent {
                    summary,
                    members,
                    alerts,
                    links,
                },
            }
        })
}

impl GenEntry {
    fn json(&self) -> Value {
        let c = &self.content;
        let mut value = json!({
            "summary": c.summary,
            "members": c.members.iter().map(|l| json!({"name": l.text, "url": l.url.as_str()})).collect::<Vec<_>>(),
            "alerts": c.alerts.iter().map(|a| json!({
                "title": a.title, "date": a.date.map(|d| d.iso()), "url": a.url.as_ref().map(SafeUrl::as_str)
            })).collect::<Vec<_>>(),
        });
        for link in &c.links {
            let field = if link.text == "Read more" {
                "read_more_url"
            } else {
                "review_url"
            };
            value[field] = json!(link.url.as_str());
        }
        value
    }
}

#[derive(Debug, Clone)]
struct ContentCase {
    /// The entries the reader must give back, after the corruption (an item dropped, a date left out…).
    expected: Vec<GenEntry>,
    text: String,
    expect: Expect,
    what: &'static str,
}

/// Applies `m` to a valid content document of `entries`. Kinds: 20% none, 50% one bad item in an entry
/// (dropped or shown without the bad part), 15% one bad entry, 15% the file broken.
fn corrupt_content(mut entries: Vec<GenEntry>, m: Mutation) -> ContentCase {
    let mut values: BTreeMap<String, Value> = entries
        .iter()
        .map(|e| (e.iso3.to_owned(), e.json()))
        .collect();
    values.insert("_about".to_owned(), json!("A comment, ignored."));
    let t = m.target % entries.len();
    let pick = m.pick;
    let bad_link = one(pick, &UNSAFE_LINKS);
    let code = entries[t].iso3.to_owned();
    let target = values.get_mut(&code).unwrap();
    let expected = &mut entries[t].content;
    let (expect, what) = match m.roll {
        0..20 => (Expect::Valid, "valid"),
        20..70 => {
            let what = match (m.roll - 20) % 9 {
                0 => {
                    target["members"]
                        .as_array_mut()
                        .unwrap()
                        .push(json!({"name": "Bad", "url": bad_link}));
                    "a member with a hostile link"
                }
                1 => {
                    target["alerts"]
                        .as_array_mut()
                        .unwrap()
                        .push(json!({"title": "Alert", "url": bad_link}));
                    expected.alerts.push(Alert {
                        title: "Alert".to_owned(),
                        date: None,
                        url: None,
                    });
                    "an alert with a hostile link"
                }
                2 => {
                    target["review_url"] = json!(bad_link);
                    expected.links.retain(|l| l.text == "Read more");
                    "a hostile review link"
                }
                3 => {
                    target["summary"] = one(pick, &[json!(7), json!({"en": "x"}), json!(true)]);
                    expected.summary.clear();
                    "a summary of the wrong type"
                }
                4 => {
                    target["summary"]
                        .as_array_mut()
                        .unwrap()
                        .push(json!("S".repeat(MAX_TEXT_BYTES + 1)));
                    "a huge paragraph"
                }
                5 => {
                    target["alerts"].as_array_mut().unwrap().push(json!({"title": "Dated", "date": one(pick, &[json!("2026-02-30"), json!(2026), json!("soon")])}));
                    expected.alerts.push(Alert {
                        title: "Dated".to_owned(),
                        date: None,
                        url: None,
                    });
                    "an alert with a bad date"
                }
                6 => {
                    target["members"].as_array_mut().unwrap().push(one(
                        pick,
                        &[
                            json!({"url": "https://a.example/"}),
                            json!({"name": 7, "url": "https://a.example/"}),
                        ],
                    ));
                    "a member without a name"
                }
                7 => {
                    target["members"].as_array_mut().unwrap().push(one(
                        pick,
                        &[
                            json!({"name": "No link"}),
                            json!({"name": "No link", "url": 7}),
                        ],
                    ));
                    "a member without a link"
                }
                _ => {
                    target["members"] = one(pick, &[json!({}), json!("x"), json!(7)]);
                    expected.members.clear();
                    "members not a list"
                }
            };
            (Expect::Repair(t), what)
        }
        70..85 => {
            let what = if m.roll % 2 == 0 {
                let value = values.remove(&code).unwrap();
                values.insert(
                    one(pick, &["per", "P3R", "<img src=x>", "PERU"]).to_owned(),
                    value,
                );
                "an entry keyed by a malformed code"
            } else {
                values.insert(
                    code,
                    one(pick, &[json!(7), json!("text"), json!([]), json!(true)]),
                );
                "an entry that is not an object"
            };
            entries.remove(t);
            (Expect::Skip(t), what)
        }
        _ => {
            let text = serde_json::to_string(&values).unwrap();
            return ContentCase {
                expected: entries,
                text: break_document(&text, pick, pick / 3),
                expect: Expect::Error,
                what: "broken document",
            };
        }
    };
    ContentCase {
        expected: entries,
        text: serde_json::to_string(&values).unwrap(),
        expect,
        what,
    }
}

fn content_case(codes: Vec<&'static str>) -> impl Strategy<Value = ContentCase> {
    let entries: Vec<_> = codes.into_iter().map(entry).collect();
    (entries, mutation()).prop_map(|(entries, m)| corrupt_content(entries, m))
}

#[test]
fn content_reader_keeps_only_safe_links_and_drops_each_bad_item_alone() {
    let codes = subsequence(CODES.to_vec(), 1..8);
    let tally = run(
        "content",
        1500,
        codes.prop_flat_map(content_case),
        |case, tally| {
            let Some((table, diagnostics)) = read_as_expected(
                ContentTable::from_json(&case.text),
                case.expect,
                case.what,
                tally,
            )?
            else {
                return Ok(());
            };
            tally.hit("read: messages short");
            prop_assert!(messages_are_short(&diagnostics));
            for code in table.codes() {
                let entry = table.get(code).unwrap();
                let urls = entry
                    .members
                    .iter()
                    .map(|l| &l.url)
                    .chain(entry.links.iter().map(|l| &l.url))
                    .chain(entry.alerts.iter().filter_map(|a| a.url.as_ref()));
                for url in urls {
                    let again = SafeUrl::parse(url.as_str());
                    prop_assert_eq!(again.as_ref(), Some(url));
                    prop_assert!(!UNSAFE_LINKS.contains(&url.as_str()));
                    tally.hit("read: every link kept re-parses as safe");
                }
                prop_assert!(entry.summary.iter().all(|p| p.len() <= MAX_TEXT_BYTES));
            }
            let codes: BTreeSet<Iso3> = table.codes().collect();
            let expected_codes: BTreeSet<Iso3> = case
                .expected
                .iter()
                .map(|e| Iso3::parse(e.iso3).unwrap())
                .collect();
            prop_assert_eq!(codes, expected_codes, "{}", case.what);
            for entry in &case.expected {
                prop_assert_eq!(
                    table.get(Iso3::parse(entry.iso3).unwrap()),
                    Some(&entry.content),
                    "{}",
                    case.what
                );
            }
            tally.hit("read: entries as generated");
            match case.expect {
                Expect::Valid => {
                    prop_assert!(diagnostics.is_empty(), "{diagnostics:?}");
                    tally.hit("valid: no diagnostic");
                }
                Expect::Repair(_) | Expect::Skip(_) => {
                    prop_assert_eq!(diagnostics.len(), 1, "{}: {:?}", case.what, diagnostics);
                    let check = if matches!(case.expect, Expect::Skip(_)) {
                        "one bad entry: skipped alone"
                    } else {
                        "one bad item: dropped alone, the entry kept"
                    };
                    tally.hit(check);
                }
                Expect::Error => unreachable!(),
            }
            Ok(())
        },
    );
    tally.expect("read: messages short", 0.6);
    tally.expect("read: entries as generated", 0.6);
    tally.expect("read: every link kept re-parses as safe", 0.5);
    tally.expect("valid: no diagnostic", 0.1);
    tally.expect("one bad item: dropped alone, the entry kept", 0.3);
    tally.expect("one bad entry: skipped alone", 0.08);
    tally.expect("a broken file is refused", 0.08);
}

// ------------------------------------------------------------------------------------------------------------
// The whole load

/// The four files of one load, for the same states, one of them (at most) corrupted.
#[derive(Debug, Clone)]
struct LoadCase {
    geometry: GeometryCase,
    status: StatusCase,
    regions: String,
    regions_broken: bool,
    content: ContentCase,
}

const REGION_KEYS: [&str; 5] = [
    "africa",
    "americas",
    "asia-pacific",
    "europe-central-asia",
    "mena",
];

fn load_case() -> impl Strategy<Value = LoadCase> {
    subsequence(CODES.to_vec(), 1..8)
        .prop_flat_map(|codes| {
            (
                features(codes.clone()),
                rows(codes.clone()),
                vec(prop::sample::select(REGION_KEYS.to_vec()), codes.len()),
                codes.clone().into_iter().map(entry).collect::<Vec<_>>(),
                Just(codes),
                (0..5usize, mutation()),
            )
        })
        .prop_map(|(features, rows, keys, entries, codes, (file, m))| {
            // One file gets the mutation; the others stay valid.
            let valid = Mutation { roll: 0, ..m };
            let of = |index: usize| if file == index { m } else { valid };
            let mut regions: BTreeMap<String, Value> = codes
                .iter()
                .zip(&keys)
                .map(|(c, k)| (c.to_string(), json!(k)))
                .collect();
            // Regions: half the time a bad entry (a diagnostic), half the time a broken file (the load fails).
            let regions_broken = file == 3 && m.roll >= 50;
            if file == 3 && !regions_broken {
                let (code, key) = one(
                    m.pick,
                    &[
                        ("per", json!("americas")),
                        ("ZZZ", json!("mars")),
                        ("ZZY", json!(7)),
                    ],
                );
                regions.insert(code.to_owned(), key);
            }
            let mut regions = serde_json::to_string(&regions).unwrap();
            if regions_broken {
                regions = break_document(&regions, m.pick, m.pick / 5);
            }
            LoadCase {
                geometry: corrupt_geometry(features, of(0)),
                status: corrupt_status(rows, of(1)),
                regions,
                regions_broken,
                content: corrupt_content(entries, of(2)),
            }
        })
}

#[test]
fn the_whole_load_gives_well_formed_scenes_of_every_good_area() {
    let tally = run("whole load", 300, load_case(), |case, tally| {
        let loaded = assemble(Inputs {
            status: Ok(&case.status.text),
            geometry: Ok(&case.geometry.text),
            regions: Ok(&case.regions),
            content: Some(Ok(&case.content.text)),
        });
        let must_fail = case.geometry.expect == Expect::Error || case.regions_broken;
        let data = match loaded {
            Err(error) if must_fail => {
                let message = error.to_string();
                prop_assert!(
                    message.contains("geometry") || message.contains("regions"),
                    "{message}"
                );
                tally.hit("a broken geometry or regions file fails the load, named");
                return Ok(());
            }
            Ok(data) if !must_fail => data,
            other => return Err(TestCaseError::fail(format!("{case:?}: {other:?}"))),
        };
        tally.hit("assembled");
        prop_assert!(messages_are_short(&data.diagnostics));
        let drawn: BTreeSet<String> = expected_areas(&case.geometry)
            .into_iter()
            .filter_map(|a| a.0)
            .collect();
        let world = Scene::build(&data, Region::World);
        let shapes: BTreeSet<String> = world
            .shapes
            .iter()
            .map(|s| s.iso3.as_str().to_owned())
            .collect();
        prop_assert_eq!(
            &shapes,
            &drawn,
            "every area with a code kept is a shape of the world map"
        );
        tally.hit("world map: a shape for every good area");
        if case.status.expect == Expect::Error {
            prop_assert!(world.shapes.iter().all(|s| s.class == StatusClass::NoData));
            tally.hit("status refused: every state shows no data");
        }
        let others =
            [Region::Americas, Region::AsiaPacific].map(|region| Scene::build(&data, region));
        for scene in std::iter::once(&world).chain(&others) {
            for shape in &scene.shapes {
                prop_assert!(well_formed(&shape.d), "{}", shape.d);
                tally.hit("scenes: every path well formed");
            }
        }
        Ok(())
    });
    tally.expect("assembled", 0.6);
    tally.expect("world map: a shape for every good area", 0.6);
    tally.expect("scenes: every path well formed", 0.6);
    tally.expect(
        "a broken geometry or regions file fails the load, named",
        0.02,
    );
    tally.expect("status refused: every state shows no data", 0.01);
}

/// Deletes, duplicates or flips a byte range of `text`: JSON that is nearly right.
fn mutate(text: &str, at: usize, len: usize, how: u8) -> String {
    let bytes = text.as_bytes();
    let at = at % (bytes.len() + 1);
    let end = (at + len).min(bytes.len());
    let mut out = bytes[..at].to_vec();
    match how % 3 {
        0 => {}
        1 => out.extend_from_slice(&bytes[at..end].repeat(2)),
        _ => out.extend(bytes[at..end].iter().map(|b| b ^ 0x20)),
    }
    out.extend_from_slice(&bytes[end..]);
    String::from_utf8_lossy(&out).into_owned()
}

proptest! {
    #![proptest_config(config(500))]

    /// No panic on noise, nor on valid documents with a byte range deleted, doubled or flipped.
    #[test]
    fn loaders_survive_arbitrary_and_mutated_text(
        noise in ".{0,300}",
        case in load_case(),
        (at, len, how) in (any::<usize>(), 0usize..40, any::<u8>()),
    ) {
        let _ = read_areas(&noise);
        let _ = StatusTable::from_json(&noise);
        let _ = ContentTable::from_json(&noise);
        let _ = RegionTable::from_json(&noise);
        let _ = StatusTable::from_json(&mutate(&case.status.text, at, len, how));
        let _ = read_areas(&mutate(&case.geometry.text, at, len, how));
        let _ = ContentTable::from_json(&mutate(&case.content.text, at, len, how));
        let _ = RegionTable::from_json(&mutate(&case.regions, at, len, how));
    }
}

proptest! {
    #![proptest_config(config(20_000))]

    #[test]
    fn safe_url_admits_only_web_and_mail_links(text in prop_oneof![
        prop::sample::select(UNSAFE_LINKS.to_vec()).prop_map(str::to_owned),
        safe_url(),
        "(https?|mailto|javascript|data|ftp):[ -~]{0,12}",
        ".{0,40}",
        "[ \\t]*[jJ][aA][vV][aA].{0,20}",
    ]) {
        if let Some(url) = SafeUrl::parse(&text) {
            let lower = url.as_str().to_ascii_lowercase();
            prop_assert!(["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)), "{text:?}");
            prop_assert!(!url.as_str().chars().any(|c| c.is_control() || c.is_whitespace()));
        }
    }

    #[test]
    fn projections_never_give_nan_for_valid_coordinates(lon in -180.0..=180.0f64, lat in -90.0..=90.0f64) {
        for region in Region::ALL {
            let kind = region.projection();
            match kind.forward(lon.to_radians(), lat.to_radians()) {
                Some((x, y)) => prop_assert!(x.is_finite() && y.is_finite(), "{region:?} {lon},{lat}"),
                None => prop_assert!(matches!(kind, ProjectionKind::LambertAzimuthal { .. }), "{region:?} {lon},{lat}"),
            }
        }
    }
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn svg_path_is_always_well_formed(
        polygons in vec(vec(vec((-180.0..=180.0f64, -90.0..=90.0f64), 0..10), 0..3), 0..3),
        region in prop::sample::select(Region::ALL.to_vec()),
        scale in prop_oneof![0.001..10.0f64, 10.0..1e6f64],
        tx in -1e4..1e4f64,
        ty in -1e4..1e4f64,
    ) {
        let projection = Projection { kind: region.projection(), scale, translate_x_px: tx, translate_y_px: ty };
        let d = svg_path(&polygons, &projection);
        prop_assert!(well_formed(&d), "{d}");
    }
}

/// The path grammar `svg_path` promises: subpaths `M x,y x,y x,y… Z` with at least three points, numbers
/// with an optional minus and at most one decimal, no exponent, no NaN.
fn well_formed(d: &str) -> bool {
    fn number(s: &str) -> bool {
        let s = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && (int == "0" || !int.starts_with('0'))
            && (s.contains('.') == (frac.len() == 1))
            && frac.bytes().all(|b| b.is_ascii_digit())
            && frac != "0"
    }
    if d.is_empty() {
        return true;
    }
    let Some(body) = d.strip_suffix('Z') else {
        return false;
    };
    body.split('Z').all(|subpath| {
        let Some(points) = subpath.strip_prefix('M') else {
            return false;
        };
        let points: Vec<&str> = points.split(' ').collect();
        points.len() >= 3
            && points.iter().all(|p| {
                p.split_once(',')
                    .is_some_and(|(x, y)| number(x) && number(y))
            })
    })
}

#[test]
fn the_path_grammar_rejects_what_it_should() {
    assert!(well_formed("M0,0 1.5,0 1.5,-2Z"));
    assert!(well_formed("M0,0 1,0 1,1ZM-3,-3 4,4 5,5Z"));
    for bad in [
        "M0,0 1,0Z",
        "M0,0 1,0 1,1",
        "M0,0 1,0 NaN,1Z",
        "M0,0 1,0 1e5,1Z",
        "M0,0 1.0,0 1,1Z",
        "M0,0 1.25,0 1,1Z",
        "M-0,0 1,0 1,1Z x",
    ] {
        assert!(!well_formed(bad), "{bad}");
    }
}
