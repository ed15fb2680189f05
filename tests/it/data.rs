//! The committed data files: they load without a single diagnostic and join up.

use std::collections::BTreeSet;

use treaty_map::core::class::StatusClass;
use treaty_map::core::region::Region;
use treaty_map::core::scene::{Dataset, Scene};

fn committed() -> Dataset {
    Dataset::from_json(
        include_str!("../../data/status.json"),
        include_str!("../../data/world.geo.json"),
        include_str!("../../data/regions.json"),
        Some(include_str!("../../www/content.json")),
    )
    .expect("data files load")
}

fn status_codes() -> BTreeSet<String> {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../../data/status.json")).unwrap();
    json["states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["iso3"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn data_files_load_without_diagnostics() {
    let data = committed();
    assert_eq!(data.diagnostics, []);
    assert_eq!(
        data.statuses.len(),
        195,
        "193 UN members, the Holy See and the State of Palestine"
    );
}

#[test]
fn status_table_matches_the_reference_counts() {
    // shared/reference/SOURCES.md: CAT 175 parties and 4 signatories only; OPCAT 96 parties.
    let data = committed();
    let codes = status_codes();
    let states: Vec<_> = codes
        .iter()
        .filter_map(|c| data.statuses.get(treaty_map::core::iso3::Iso3::parse(c)?))
        .collect();
    assert_eq!(states.iter().filter(|s| s.cat.is_party()).count(), 175);
    assert_eq!(states.iter().filter(|s| s.cat.is_signatory()).count(), 4);
    assert_eq!(states.iter().filter(|s| s.opcat.is_party()).count(), 96);
    assert_eq!(states.iter().filter(|s| s.opcat.is_signatory()).count(), 11);
}

#[test]
fn every_state_is_in_the_geometry_once_and_in_one_region() {
    let data = committed();
    let coded: Vec<String> = data
        .areas
        .iter()
        .filter_map(|a| a.iso3)
        .map(|c| c.to_string())
        .collect();
    let drawn: BTreeSet<String> = coded.iter().cloned().collect();
    assert_eq!(drawn.len(), coded.len(), "no area appears twice");
    let missing: Vec<String> = status_codes().difference(&drawn).cloned().collect();
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "every status row joins a geometry"
    );

    let regions: std::collections::BTreeMap<String, String> =
        serde_json::from_str(include_str!("../../data/regions.json")).unwrap();
    let without_region: Vec<String> = status_codes()
        .into_iter()
        .filter(|c| !regions.contains_key(c))
        .collect();
    assert!(
        without_region.is_empty(),
        "states without a region: {without_region:?}"
    );
    let mut per_region = std::collections::BTreeMap::new();
    for code in status_codes() {
        *per_region.entry(regions[&code].as_str()).or_insert(0) += 1;
    }
    let counts: Vec<(&str, i32)> = per_region.into_iter().collect();
    assert_eq!(
        counts,
        [
            ("africa", 48),
            ("americas", 35),
            ("asia-pacific", 38),
            ("europe-central-asia", 54),
            ("mena", 20)
        ],
        "UN M49 regrouped as data/README.md documents: 195 states"
    );
}

#[test]
fn every_coded_area_has_names_in_four_languages() {
    let names: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> =
        serde_json::from_str(include_str!("../../data/names.json")).unwrap();
    let data = committed();
    for area in data.areas.iter().filter(|a| a.iso3.is_some()) {
        let code = area.iso3.unwrap().to_string();
        let entry = names
            .get(&code)
            .unwrap_or_else(|| panic!("{code} has no names"));
        for language in ["en", "fr", "es", "ar"] {
            assert!(!entry[language].trim().is_empty(), "{code} {language}");
        }
        assert!(
            entry["ar"]
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "{code}: Arabic name in Arabic script"
        );
    }
    assert_eq!(names["PER"]["fr"], "Pérou");
    assert_eq!(names["PER"]["es"], "Perú");
}

#[test]
fn the_americas_hold_all_35_member_states_with_a_shape_each() {
    let data = committed();
    let scene = Scene::build(&data, Region::Americas);
    let with_status: Vec<_> = scene
        .shapes
        .iter()
        .filter(|s| s.class != StatusClass::NoData)
        .collect();
    assert_eq!(with_status.len(), 35);
    for shape in &with_status {
        assert!(!shape.d.is_empty(), "{} has a visible shape", shape.name);
    }
    let peru = scene
        .shapes
        .iter()
        .find(|s| s.iso3.as_str() == "PER")
        .unwrap();
    assert_eq!(peru.class, StatusClass::CatAndOpcatParty);
    let total: usize = scene.legend.iter().map(|e| e.count).sum();
    assert_eq!(total, scene.shapes.len());
}

#[test]
fn every_region_has_states_and_the_world_has_them_all() {
    let data = committed();
    for region in Region::ALL {
        let scene = Scene::build(&data, region);
        assert!(
            scene.shapes.len() >= 20,
            "{region:?} has {} shapes",
            scene.shapes.len()
        );
    }
    let world = Scene::build(&data, Region::World);
    assert_eq!(
        world.shapes.len(),
        data.areas.iter().filter(|a| a.iso3.is_some()).count()
    );
}

#[test]
fn no_ring_jumps_across_the_antimeridian() {
    // Natural Earth's Russia and Fiji cross 180°; the data build cuts them there. A ring that jumped would be
    // drawn as a line across the whole world map.
    let data = committed();
    for area in &data.areas {
        for ring in area.polygons.iter().flatten() {
            for pair in ring.windows(2) {
                assert!(
                    (pair[1].0 - pair[0].0).abs() <= 180.0,
                    "{}: {:?} → {:?}",
                    area.name,
                    pair[0],
                    pair[1]
                );
            }
        }
    }
    let world = Scene::build(&data, Region::World);
    for shape in &world.shapes {
        for subpath in shape.d.split('M').filter(|s| !s.is_empty()) {
            let xs: Vec<f64> = subpath
                .trim_end_matches('Z')
                .split(' ')
                .map(|p| p.split_once(',').unwrap().0.parse().unwrap())
                .collect();
            for pair in xs.windows(2) {
                assert!(
                    (pair[1] - pair[0]).abs() < 400.0,
                    "{}: an edge spans the world map",
                    shape.name
                );
            }
        }
    }
}

#[test]
fn arrow_down_from_ecuador_reaches_peru() {
    use treaty_map::core::iso3::Iso3;
    use treaty_map::core::navigate::{neighbour, Direction};
    let scene = Scene::build(&committed(), Region::Americas);
    let code = |c| Iso3::parse(c).unwrap();
    assert_eq!(
        neighbour(&scene.points(), code("ECU"), Direction::Down),
        Some(code("PER"))
    );
    assert_eq!(
        neighbour(&scene.points(), code("PER"), Direction::Up),
        Some(code("ECU"))
    );
    assert_eq!(
        neighbour(&scene.points(), code("BRA"), Direction::Left),
        Some(code("PER"))
    );
}

#[test]
fn micro_states_get_dots_and_large_states_do_not() {
    let data = committed();
    for region in [Region::Americas, Region::World] {
        let scene = Scene::build(&data, region);
        let dots: Vec<&str> = scene
            .shapes
            .iter()
            .filter(|s| s.dot.is_some())
            .map(|s| s.iso3.as_str())
            .collect();
        println!("{region:?} dots ({}): {}", dots.len(), dots.join(" "));
        for micro in ["KNA", "GRD", "VCT", "LCA", "ATG", "DMA", "BRB"] {
            assert!(dots.contains(&micro), "{region:?}: {micro} has a dot");
        }
        for large in ["BRA", "USA", "CAN", "PER", "MEX"] {
            assert!(!dots.contains(&large), "{region:?}: {large} has no dot");
        }
    }
    // The list per region, for maintainers (`cargo test --test it dots -- --nocapture`).
    for region in Region::ALL {
        let scene = Scene::build(&data, region);
        let dots: Vec<&str> = scene
            .shapes
            .iter()
            .filter(|s| s.dot.is_some())
            .map(|s| s.name.as_str())
            .collect();
        println!(
            "{} — {} dots: {}",
            treaty_map::core::i18n::Lang::En.catalogue().region(region),
            dots.len(),
            dots.join(", ")
        );
    }
    let world = Scene::build(&data, Region::World);
    for micro in ["TUV", "NRU", "MCO", "VAT", "SMR", "LIE", "MHL", "MDV"] {
        assert!(
            world
                .shape(treaty_map::core::iso3::Iso3::parse(micro).unwrap())
                .unwrap()
                .dot
                .is_some(),
            "{micro}"
        );
    }
}

/// The loader and the documented schema (`www/content.schema.json`) agree: an entry is loaded without a
/// diagnostic exactly when the schema accepts it (`tests/e2e/schema.test.mjs` checks the schema's side).
#[test]
fn content_loader_agrees_with_the_schema_on_every_case() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/content-cases.json"
    ))
    .unwrap();
    let cases: serde_json::Value = serde_json::from_str(&text).unwrap();
    for case in cases["cases"].as_array().unwrap() {
        let what = case["what"].as_str().unwrap();
        let (_, diagnostics) =
            treaty_map::core::content::ContentTable::from_json(&case["content"].to_string())
                .unwrap();
        assert_eq!(
            diagnostics.is_empty(),
            case["valid"].as_bool().unwrap(),
            "{what}: {diagnostics:?}"
        );
    }
}

/// Each region's geometry file draws exactly what the world file draws for that region (the same scene, path
/// for path), and loads without a diagnostic although it lacks the other regions' states.
#[test]
fn each_region_file_draws_the_same_map_as_the_world_file() {
    use treaty_map::core::load::{assemble, Inputs};
    // Only the geometry differs between the loads.
    let data = |geometry: &str| {
        let geometry =
            std::fs::read_to_string(format!("{}/data/{geometry}", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        assemble(Inputs {
            status: Ok(include_str!("../../data/status.json")),
            geometry: Ok(&geometry),
            regions: Ok(include_str!("../../data/regions.json")),
            content: Some(Ok(include_str!("../../www/content.json"))),
        })
        .unwrap()
    };
    let world = data("world.geo.json");
    for region in Region::ALL.into_iter().filter(|r| *r != Region::World) {
        let own = data(&region.geometry_file());
        assert_eq!(own.diagnostics, [], "{region:?}");
        assert!(own.areas.len() < world.areas.len(), "{region:?}");
        assert_eq!(
            Scene::build(&own, region),
            Scene::build(&world, region),
            "{region:?}"
        );
    }
}

/// The load builds the first scene a part at a time, yielding to the browser in between; however the work is
/// cut, the map is the same as one built at once, in every region and language.
#[test]
fn a_scene_built_in_parts_is_the_scene_built_at_once() {
    use treaty_map::core::i18n::Names;
    use treaty_map::core::scene::SceneBuilder;
    let data = committed();
    let french = Names::from_json(include_str!("../../data/names.fr.json"))
        .unwrap()
        .0;
    for region in Region::ALL {
        for names in [&Names::default(), &french] {
            let whole = Scene::build_localized(&data, region, 640.0, names);
            for positions in [1, 997, 20_000] {
                let mut builder = SceneBuilder::new(&data, region, 640.0, names);
                let mut steps = 1;
                while !builder.step(positions) {
                    steps += 1;
                }
                if positions == 1 {
                    // One area at a time: at least one step per area projected and per area placed.
                    assert!(steps > whole.shapes.len(), "{region:?}: {steps} steps");
                }
                assert_eq!(
                    builder.finish(),
                    whole,
                    "{region:?}, {positions} positions a step"
                );
            }
        }
    }
}

/// In French the Americas are in French alphabetical order, which is not the English one: États-Unis comes
/// before Guatemala, United States after it.
#[test]
fn french_names_put_the_states_in_french_order() {
    use treaty_map::core::i18n::Names;
    use treaty_map::core::navigate::sort_key;
    let data = committed();
    let french = Names::from_json(include_str!("../../data/names.fr.json"))
        .unwrap()
        .0;
    let names =
        |scene: &Scene| -> Vec<String> { scene.shapes.iter().map(|s| s.name.clone()).collect() };
    let english = names(&Scene::build(&data, Region::Americas));
    let in_french = names(&Scene::build_localized(
        &data,
        Region::Americas,
        1000.0,
        &french,
    ));
    let mut sorted = in_french.clone();
    sorted.sort_by_key(|n| sort_key(n));
    assert_eq!(in_french, sorted);
    let at = |list: &[String], name: &str| list.iter().position(|n| n == name).unwrap();
    assert!(at(&in_french, "États-Unis d'Amérique") < at(&in_french, "Guatemala"));
    assert!(at(&english, "United States of America") > at(&english, "Guatemala"));
}
