//! Every file of `tests/fixtures/hostile/` through the loader (`core::load::assemble`), on top of the good
//! fixtures: the load fails only where `cases.json` says the visitor sees an error, every other case keeps
//! the good states, and the expected diagnostic is there. The browser test `tests/e2e/hostile.test.mjs` serves
//! the same files to the demo page.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use treaty_map::core::class::StatusClass;
use treaty_map::core::dataset::Dataset;
use treaty_map::core::i18n::Lang;
use treaty_map::core::iso3::Iso3;
use treaty_map::core::limits::{MAX_FEATURE_POSITIONS, MAX_GEOMETRY_BYTES};
use treaty_map::core::load::{assemble, Inputs};
use treaty_map::core::region::Region;
use treaty_map::core::scene::Scene;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
const STATUS: &str = include_str!("../fixtures/status.json");
const GEOMETRY: &str = include_str!("../fixtures/geometry.geo.json");
const REGIONS: &str = include_str!("../fixtures/regions.json");
const CONTENT: &str = include_str!("../fixtures/content.json");

#[derive(Deserialize)]
struct Case {
    file: String,
    mode: String,
    sees: String,
    expect: Option<String>,
}

/// The good file `target` with the hostile `body` applied by `mode`.
fn apply(base: &str, mode: &str, body: &str) -> String {
    if mode == "replace" {
        return body.to_owned();
    }
    let mut base: Value = serde_json::from_str(base).unwrap();
    let body: Value = serde_json::from_str(body).unwrap();
    match mode {
        "append" => {
            let key = if base.get("features").is_some() {
                "features"
            } else {
                "states"
            };
            let extra = body[key].as_array().unwrap().clone();
            base[key].as_array_mut().unwrap().extend(extra);
        }
        "merge" => {
            for (k, v) in body.as_object().unwrap() {
                base[k] = v.clone();
            }
        }
        other => panic!("unknown mode {other}"),
    }
    base.to_string()
}

fn load(target: &str, text: &str) -> Result<Dataset, String> {
    let pick = |name: &str, good: &'static str| {
        if name == target {
            text.to_owned()
        } else {
            good.to_owned()
        }
    };
    let (status, geometry, regions, content) = (
        pick("status", STATUS),
        pick("geometry", GEOMETRY),
        pick("regions", REGIONS),
        pick("content", CONTENT),
    );
    assemble(Inputs {
        status: Ok(&status),
        geometry: Ok(&geometry),
        regions: Ok(&regions),
        content: Some(Ok(&content)),
    })
    .map_err(|e| e.to_string())
}

/// The diagnostics the hostile input added to those of the good fixtures (which drop one `javascript:` link).
fn new_messages(data: &Dataset) -> Vec<&str> {
    let baseline = load("none", "").unwrap().diagnostics;
    data.diagnostics
        .iter()
        .filter(|d| !baseline.contains(d))
        .map(|d| d.0.as_str())
        .collect()
}

fn peru() -> Iso3 {
    Iso3::parse("PER").unwrap()
}

/// What every usable load must still give: Peru drawn in the Americas and the world, with a profile.
fn assert_good_states_work(data: &Dataset, name: &str, status_expected: bool) {
    for region in Region::ALL {
        let _ = Scene::build(data, region);
    }
    let scene = Scene::build(data, Region::Americas);
    let shape = scene
        .shape(peru())
        .unwrap_or_else(|| panic!("{name}: Peru is drawn"));
    assert!(!shape.d.is_empty(), "{name}");
    let expected = if status_expected {
        StatusClass::CatAndOpcatParty
    } else {
        StatusClass::NoData
    };
    assert_eq!(shape.class, expected, "{name}");
    assert!(
        scene.profile(&data.content, peru(), Lang::En).is_some(),
        "{name}"
    );
}

#[test]
fn every_hostile_file_gives_its_message_and_keeps_the_good_states() {
    let cases: BTreeMap<String, Case> =
        serde_json::from_str(&std::fs::read_to_string(Path::new(DIR).join("cases.json")).unwrap())
            .unwrap();
    let mut files: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "cases.json")
        .collect();
    files.sort();
    let listed: Vec<&String> = cases.keys().collect();
    assert_eq!(
        files.iter().collect::<Vec<_>>(),
        listed,
        "cases.json lists every file"
    );
    for (name, case) in &cases {
        let body = std::fs::read_to_string(Path::new(DIR).join(name)).unwrap();
        let base = match case.file.as_str() {
            "status" => STATUS,
            "geometry" => GEOMETRY,
            "regions" => REGIONS,
            _ => CONTENT,
        };
        let text = apply(base, &case.mode, &body);
        let result = load(&case.file, &text);
        match (case.sees.as_str(), result) {
            ("error", Err(message)) => {
                let expect = case.expect.as_deref().unwrap();
                assert!(message.contains(expect), "{name}: {message}");
            }
            ("map" | "map-no-status", Ok(data)) => {
                let messages = new_messages(&data);
                match &case.expect {
                    Some(expect) => assert!(
                        messages.iter().any(|m| m.contains(expect.as_str())),
                        "{name}: {messages:#?}"
                    ),
                    None => assert_eq!(messages, Vec::<&str>::new(), "{name}"),
                }
                assert!(messages.iter().all(|m| m.chars().count() <= 301), "{name}");
                assert_eq!(
                    data.statuses.is_unavailable(),
                    case.sees == "map-no-status",
                    "{name}"
                );
                assert_good_states_work(&data, name, case.sees == "map");
            }
            (sees, Ok(_)) => panic!("{name}: expected {sees}, the load succeeded"),
            (sees, Err(message)) => panic!("{name}: expected {sees}, got {message}"),
        }
    }
}

#[test]
fn the_committed_data_assemble_without_diagnostics() {
    let data = assemble(Inputs {
        status: Ok(include_str!("../../data/status.json")),
        geometry: Ok(include_str!("../../data/world.geo.json")),
        regions: Ok(include_str!("../../data/regions.json")),
        content: Some(Ok(include_str!("../../www/content.json"))),
    })
    .unwrap();
    assert_eq!(data.diagnostics, []);
}

// Generated cases: too large to commit.

#[test]
fn a_fifty_megabyte_geometry_file_is_refused_with_its_size() {
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[],"padding":"{}"}}"#,
        "x".repeat(50 * 1024 * 1024)
    );
    let error = load("geometry", &text).unwrap_err();
    assert!(
        error.starts_with(&format!(
            "geometry: the file is 50 MiB, more than the limit of {} MiB",
            MAX_GEOMETRY_BYTES / 1024 / 1024
        )),
        "{error}"
    );
}

#[test]
fn a_feature_with_a_huge_point_count_is_skipped() {
    let ring: Vec<String> = (0..=MAX_FEATURE_POSITIONS)
        .map(|i| format!("[{},{}]", -60.0 + (i % 1000) as f64 * 0.001, 10))
        .chain(["[-60,10]".to_owned()])
        .collect();
    let feature = format!(
        r#"{{"type":"Feature","properties":{{"iso3":"ZZH","name":"Huge"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}"#,
        ring.join(",")
    );
    let body = format!(r#"{{"features":[{feature}]}}"#);
    let data = load("geometry", &apply(GEOMETRY, "append", &body)).unwrap();
    assert!(
        data.diagnostics[0].0.ends_with(&format!(
            "Huge: {} positions, more than the limit of {MAX_FEATURE_POSITIONS}",
            MAX_FEATURE_POSITIONS + 2
        )),
        "{:?}",
        data.diagnostics
    );
    assert_good_states_work(&data, "huge", true);
}

#[test]
fn half_megabyte_strings_in_status_and_content_are_skipped_with_a_short_message() {
    // Three of them fit a file under its 2 MiB limit.
    let big = "<script>window.__pwned=1</script>".repeat(16 * 1024);
    let rows =
        format!(r#"{{"states":[{{"iso3":"ZZB","name":"{big}"}},{{"iso3":"{big}","name":"x"}}]}}"#);
    let data = load("status", &apply(STATUS, "append", &rows)).unwrap();
    let messages = new_messages(&data);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().all(|m| m.len() < 300));
    assert_good_states_work(&data, "status", true);
    let content = format!(
        r#"{{"PER":{{"summary":["{big}","Kept."],"members":[{{"name":"{big}","url":"https://example.org/"}}],"review_url":"https://example.org/{big}"}}}}"#
    );
    let data = load("content", &content).unwrap();
    assert_eq!(data.diagnostics.len(), 3, "{:?}", data.diagnostics);
    assert_eq!(data.content.get(peru()).unwrap().summary, ["Kept."]);
    assert_good_states_work(&data, "content", true);
}
