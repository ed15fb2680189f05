//! Fuzzing at scale with proptest: the loaders (GeoJSON, status, host content, regions, and the whole
//! assembly into scenes) never panic on any input and keep their invariants; `SafeUrl` admits only web and
//! mail links; projections never give NaN for valid coordinates; `svg_path` always writes well-formed path
//! data. Cases per property are set below (multiplied by `TREATY_MAP_FUZZ_SCALE`, default 1, for longer runs);
//! the default keeps the whole file under about 20 s in a debug build.

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;
use treaty_map::core::area::read_areas;
use treaty_map::core::content::{ContentTable, SafeUrl};
use treaty_map::core::limits::{MAX_LAT_DEG, MAX_LON_DEG, MAX_MESSAGE_CHARS, MAX_TEXT_BYTES};
use treaty_map::core::load::{assemble, Inputs};
use treaty_map::core::path::svg_path;
use treaty_map::core::projection::{Projection, ProjectionKind};
use treaty_map::core::region::{Region, RegionTable};
use treaty_map::core::scene::Scene;
use treaty_map::core::status::{StatusTable, TreatyStatus};

fn config(cases: u32) -> Config {
    let scale: u32 = std::env::var("TREATY_MAP_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    Config {
        cases: cases * scale,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Strings that matter to the loaders: schema words, codes, dates, links of every scheme, payloads, noise.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Feature",
            "FeatureCollection",
            "Polygon",
            "MultiPolygon",
            "Point",
            "ratification",
            "accession",
            "succession",
            "americas",
            "africa",
            "world",
            "PER",
            "CHL",
            "ZZZ",
            "per",
            "",
            " ",
            "<script>window.__pwned=1</script>",
            "<img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "https://example.org/",
            "mailto:a@b.c",
            "1988-07-07",
            "2026-02-30",
        ])
        .prop_map(str::to_owned),
        "[A-Z]{3}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "(https?|mailto|javascript|data|ftp):[ -~]{0,12}",
        ".{0,12}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "type",
            "features",
            "properties",
            "geometry",
            "coordinates",
            "iso3",
            "name",
            "as_of",
            "source",
            "review_source",
            "states",
            "cat",
            "opcat",
            "party",
            "signed",
            "act",
            "last_review",
            "art21",
            "art22",
            "summary",
            "members",
            "alerts",
            "title",
            "date",
            "url",
            "review_url",
            "read_more_url",
            "_about",
            "PER",
            "CHL",
            "MEX",
        ])
        .prop_map(str::to_owned),
        "[A-Za-z_]{1,5}",
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-200.0..200.0f64).prop_map(Value::from),
        (-3i64..3000).prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |v| v.is_finite())
            .prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
    ]
}

/// Any JSON value, biased towards the shapes the loaders read.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        number(),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(key(), inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A coordinate: mostly valid, sometimes out of range or huge.
fn coordinate() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => (-180.0..=180.0f64, -90.0..=90.0f64).prop_map(|(x, y)| serde_json::json!([x, y])),
        1 => (any::<f64>(), any::<f64>())
            .prop_filter("finite", |(x, y)| x.is_finite() && y.is_finite())
            .prop_map(|(x, y)| serde_json::json!([x, y])),
        1 => vec(number(), 0..4).prop_map(Value::Array),
    ]
}

/// A feature: mostly well formed, with rings of any length, closed or not.
fn feature() -> impl Strategy<Value = Value> {
    let ring = (vec(coordinate(), 0..12), any::<bool>()).prop_map(|(mut points, close)| {
        if close && !points.is_empty() {
            points.push(points[0].clone());
        }
        Value::Array(points)
    });
    let polygon = vec(ring, 0..3).prop_map(Value::Array).boxed();
    let geometry = prop_oneof![
        polygon
            .clone()
            .prop_map(|c| serde_json::json!({"type": "Polygon", "coordinates": c})),
        vec(polygon, 0..3)
            .prop_map(|c| serde_json::json!({"type": "MultiPolygon", "coordinates": c})),
        json(),
    ];
    let properties = prop_oneof![
        4 => (prop::option::of(text()), prop::option::of(text()))
            .prop_map(|(iso3, name)| serde_json::json!({"iso3": iso3, "name": name})),
        1 => json(),
    ];
    prop_oneof![
        8 => (properties, geometry)
            .prop_map(|(p, g)| serde_json::json!({"type": "Feature", "properties": p, "geometry": g})),
        1 => json(),
    ]
}

fn geometry_document() -> impl Strategy<Value = String> {
    vec(feature(), 0..12).prop_map(|features| {
        serde_json::json!({"type": "FeatureCollection", "features": features}).to_string()
    })
}

fn row() -> impl Strategy<Value = Value> {
    let treaty = prop_oneof![
        3 => (prop::option::of(text()), prop::option::of(text()), prop::option::of(text()))
            .prop_map(|(s, p, a)| serde_json::json!({"signed": s, "party": p, "act": a})),
        1 => json(),
    ];
    prop_oneof![
        6 => (text(), text(), treaty.clone(), treaty, prop::option::of(-5i64..3000))
            .prop_map(|(iso3, name, cat, opcat, review)| serde_json::json!({
                "iso3": iso3, "name": name, "cat": cat, "opcat": opcat, "last_review": review
            })),
        1 => json(),
    ]
}

fn status_document() -> impl Strategy<Value = String> {
    (text(), vec(row(), 0..10)).prop_map(|(as_of, rows)| {
        let as_of = if as_of.len() == 10 {
            as_of
        } else {
            "2026-02-03".to_owned()
        };
        serde_json::json!({"as_of": as_of, "source": "UNTC", "states": rows}).to_string()
    })
}

fn content_document() -> impl Strategy<Value = String> {
    let link = (text(), prop::option::of(text()))
        .prop_map(|(n, u)| serde_json::json!({"name": n, "url": u}));
    let alert = (text(), prop::option::of(text()), prop::option::of(text()))
        .prop_map(|(t, d, u)| serde_json::json!({"title": t, "date": d, "url": u}));
    let entry = prop_oneof![
        4 => (vec(text(), 0..3), vec(link, 0..3), vec(alert, 0..3), prop::option::of(text()))
            .prop_map(|(s, m, a, r)| serde_json::json!({"summary": s, "members": m, "alerts": a, "review_url": r})),
        1 => json(),
    ];
    btree_map(text(), entry, 0..6).prop_map(|m| Value::Object(m.into_iter().collect()).to_string())
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

fn messages_are_short(diagnostics: &[treaty_map::core::error::Diagnostic]) -> bool {
    diagnostics.len() <= 52
        && diagnostics
            .iter()
            .all(|d| d.0.chars().count() <= MAX_MESSAGE_CHARS + 1)
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn geojson_loader_keeps_its_invariants(text in geometry_document()) {
        if let Ok((areas, diagnostics)) = read_areas(&text) {
            prop_assert!(messages_are_short(&diagnostics));
            for area in &areas {
                prop_assert!(!area.polygons.is_empty() && !area.name.is_empty() && area.name.len() <= MAX_TEXT_BYTES);
                for ring in area.polygons.iter().flatten() {
                    prop_assert!(ring.len() >= 4 && ring.first() == ring.last());
                    prop_assert!(ring.iter().all(|(x, y)| x.abs() <= MAX_LON_DEG && y.abs() <= MAX_LAT_DEG));
                }
            }
        }
    }

    #[test]
    fn the_whole_load_never_panics_and_scenes_are_well_formed(
        geometry in geometry_document(),
        status in status_document(),
        content in content_document(),
        regions in btree_map(text(), text(), 0..8),
    ) {
        let regions = serde_json::to_string(&regions).unwrap();
        if let Ok(data) = assemble(Inputs { status: Ok(&status), geometry: Ok(&geometry), regions: Ok(&regions), content: Some(Ok(&content)) }) {
            for region in [Region::World, Region::Americas, Region::AsiaPacific] {
                let scene = Scene::build(&data, region);
                for shape in &scene.shapes {
                    prop_assert!(well_formed(&shape.d), "{}", shape.d);
                }
            }
        }
    }

    #[test]
    fn status_loader_keeps_its_invariants(text in status_document()) {
        if let Ok((table, diagnostics)) = StatusTable::from_json(&text) {
            prop_assert!(messages_are_short(&diagnostics));
            for code in table.codes() {
                let state = table.get(code).unwrap();
                prop_assert!(!state.name.is_empty() && state.name.len() <= MAX_TEXT_BYTES);
                for status in [state.cat, state.opcat] {
                    if let TreatyStatus::Party { since, signed: Some(signed), .. } = status {
                        prop_assert!(signed <= since);
                    }
                }
            }
        }
    }

    #[test]
    fn content_loader_keeps_only_safe_links_and_short_texts(text in content_document()) {
        if let Ok((table, diagnostics)) = ContentTable::from_json(&text) {
            prop_assert!(messages_are_short(&diagnostics));
            for code in table.codes() {
                let entry = table.get(code).unwrap();
                let urls = entry.members.iter().map(|l| &l.url)
                    .chain(entry.links.iter().map(|l| &l.url))
                    .chain(entry.alerts.iter().filter_map(|a| a.url.as_ref()));
                for url in urls {
                    let again = SafeUrl::parse(url.as_str());
                    prop_assert_eq!(again.as_ref(), Some(url));
                }
                prop_assert!(entry.summary.iter().all(|p| p.len() <= MAX_TEXT_BYTES));
            }
        }
    }

    #[test]
    fn loaders_survive_arbitrary_and_mutated_text(
        noise in ".{0,300}",
        (seed, at, len, how) in (status_document(), any::<usize>(), 0usize..40, any::<u8>()),
    ) {
        let _ = read_areas(&noise);
        let _ = StatusTable::from_json(&noise);
        let _ = ContentTable::from_json(&noise);
        let _ = RegionTable::from_json(&noise);
        let broken = mutate(&seed, at, len, how);
        let _ = StatusTable::from_json(&broken);
        let _ = read_areas(&broken);
        let _ = ContentTable::from_json(&broken);
    }
}

proptest! {
    #![proptest_config(config(20_000))]

    #[test]
    fn safe_url_admits_only_web_and_mail_links(text in prop_oneof![text(), ".{0,40}", "[ \\t]*[jJ][aA][vV][aA].{0,20}"]) {
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
