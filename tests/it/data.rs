//! The committed data files: they load without a single diagnostic and join up.

use std::collections::BTreeSet;

use treaty_map::core::class::StatusClass;
use treaty_map::core::dataset::Dataset;
use treaty_map::core::load::{assemble, Inputs};
use treaty_map::core::region::Region;
use treaty_map::core::scene::{Scene, ELEMENTS_PER_SLICE};

fn committed() -> Dataset {
    assemble(Inputs::texts(
        include_str!("../../data/status.json"),
        include_str!("../../data/world.geo.json"),
        include_str!("../../data/regions.json"),
        Some(include_str!("../../www/content.json")),
    ))
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
    let with_status: Vec<_> = scene.shapes.iter().filter(|s| s.is_state()).collect();
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
    // The legend counts every state once, and every area without a state's colour; a territory drawn in its
    // party's class is counted in the legend's key instead.
    let total: usize = scene.legend.iter().map(|e| e.count).sum();
    let territories = scene
        .shapes
        .iter()
        .filter(|s| {
            !s.is_state() && s.class != StatusClass::NoData && s.class != StatusClass::Disputed
        })
        .count();
    assert_eq!(total + territories, scene.shapes.len());
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
    // Ecuador and Colombia both border Peru to the north, at about the same distance from its anchor.
    let up = neighbour(&scene.points(), code("PER"), Direction::Up);
    assert!(up == Some(code("ECU")) || up == Some(code("COL")), "{up:?}");
    assert_eq!(
        neighbour(&scene.points(), code("BRA"), Direction::Left),
        Some(code("PER"))
    );
}

#[test]
fn each_shipped_region_is_drawn_in_one_slice_and_the_world_in_two() {
    // The first render of a map is sliced past `ELEMENTS_PER_SLICE` (a task each): a region's map never is, so
    // it shows whole at once; the world's takes two tasks.
    let data = committed();
    for region in Region::ALL {
        let scene = Scene::build(&data, region);
        let first = scene.slice_end(0, ELEMENTS_PER_SLICE);
        if region == Region::World {
            assert!(first < scene.shapes.len());
            assert_eq!(
                scene.slice_end(first, ELEMENTS_PER_SLICE),
                scene.shapes.len()
            );
        } else {
            assert_eq!(first, scene.shapes.len(), "{region:?}");
        }
    }
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
    assert!(at(&in_french, "États-Unis d’Amérique") < at(&in_french, "Guatemala"));
    assert!(at(&english, "United States of America") > at(&english, "Guatemala"));
}

/// Every area of a geometry file, with its polygons (lines left out).
fn areas_of(geometry: &str) -> Vec<treaty_map::core::area::Area> {
    let (areas, diagnostics) = treaty_map::core::area::read_areas(geometry).unwrap();
    assert_eq!(diagnostics, []);
    areas.into_iter().filter(|a| a.line.is_none()).collect()
}

/// Whether (lon, lat) lies inside the polygons (even–odd over every ring, holes included).
fn contains(polygons: &[treaty_map::core::area::Polygon], (lon, lat): (f64, f64)) -> bool {
    let mut inside = false;
    for ring in polygons.iter().flatten() {
        for w in ring.windows(2) {
            let ((x1, y1), (x2, y2)) = (w[0], w[1]);
            if (y1 > lat) != (y2 > lat) && lon < x1 + (lat - y1) / (y2 - y1) * (x2 - x1) {
                inside = !inside;
            }
        }
    }
    inside
}

/// The codes (or names) of the areas that contain a point.
fn areas_at(areas: &[treaty_map::core::area::Area], point: (f64, f64)) -> Vec<String> {
    areas
        .iter()
        .filter(|a| contains(&a.polygons, point))
        .map(|a| a.iso3.map_or_else(|| a.name.clone(), |c| c.to_string()))
        .collect()
}

/// The areas a place lies in; for a place on the coast that the simplified coastline leaves in the sea (Kyrenia's
/// harbour), the areas within about 2 km of it (a ring of points 0.02° around it): never another area.
fn areas_near(areas: &[treaty_map::core::area::Area], (lon, lat): (f64, f64)) -> Vec<String> {
    let here = areas_at(areas, (lon, lat));
    if !here.is_empty() {
        return here;
    }
    let mut near: Vec<String> = (0..16)
        .flat_map(|i| {
            let angle = f64::from(i) * std::f64::consts::TAU / 16.0;
            areas_at(areas, (lon + 0.02 * angle.cos(), lat + 0.02 * angle.sin()))
        })
        .collect();
    near.sort();
    near.dedup();
    near
}

/// Places on either side of the lines UN practice redraws, and the one area of the shipped map each lies in,
/// in the world file and in every region file that draws it. Coordinates (degrees, WGS 84) are those the
/// infobox of each place's English Wikipedia article gives (as copies of the articles from 2023–2024 show
/// them; Hebron's from the Simple English article): Simferopol 44°57′7″N 34°6′8″E; Laayoune 27°9′0″N
/// 13°11′56″W; Smara 26°44′22″N 11°40′13″W; Katzrin 32°59′31″N 35°41′28″E; Kyrenia 35°20′25″N 33°19′9″E;
/// Hargeisa 9°33′47″N 44°4′3″E; Hebron 31°32′0″N 35°5′42″E; Bethlehem 31°42′16″N 35°12′23″E; Jenin 32°27′40″N
/// 35°18′0″E; Gaza City 31°31′N 34°27′E; Srinagar 34°5′24″N 74°47′24″E; Leh 34°9′51″N 77°35′5″E; Abyei
/// 9°36′0″N 28°26′0″E; Taipei 25°4′N 121°31′E. (Places within a few kilometres of a boundary, closer than the
/// map's simplification keeps borders, are not among them.)
#[test]
fn places_lie_where_united_nations_practice_puts_them() {
    let places: [(&str, (f64, f64), &str); 14] = [
        ("Simferopol", (34.10222, 44.95194), "UKR"),
        ("Laayoune", (-13.19889, 27.15), "ESH"),
        ("Smara", (-11.67028, 26.73944), "ESH"),
        ("Katzrin", (35.69111, 32.99194), "SYR"),
        ("Kyrenia", (33.31917, 35.34028), "CYP"),
        ("Hargeisa", (44.0675, 9.56306), "SOM"),
        ("Hebron", (35.095, 31.53333), "PSE"),
        ("Bethlehem", (35.20639, 31.70444), "PSE"),
        ("Jenin", (35.3, 32.46111), "PSE"),
        ("Gaza City", (34.45, 31.51667), "PSE"),
        ("Srinagar", (74.79, 34.09), "XJK"),
        ("Leh", (77.58472, 34.16417), "XJK"),
        ("Abyei", (28.43333, 9.6), "XAB"),
        ("Taipei", (121.51667, 25.06667), "CHN"),
    ];
    let regions: std::collections::BTreeMap<String, String> =
        serde_json::from_str(include_str!("../../data/regions.json")).unwrap();
    let world = areas_of(include_str!("../../data/world.geo.json"));
    for (place, point, expected) in places {
        assert_eq!(
            areas_near(&world, point),
            [expected],
            "{place} in the world file"
        );
        let region = Region::from_key(&regions[expected]).unwrap();
        let text = std::fs::read_to_string(format!(
            "{}/data/{}",
            env!("CARGO_MANIFEST_DIR"),
            region.geometry_file()
        ))
        .unwrap();
        assert_eq!(
            areas_near(&areas_of(&text), point),
            [expected],
            "{place} in {}",
            region.geometry_file()
        );
    }
    // What Natural Earth drew apart is gone: no Taiwan, Somaliland, Northern Cyprus or Siachen of their own.
    for gone in [
        "TWN",
        "Somaliland",
        "N. Cyprus",
        "Cyprus U.N. Buffer Zone",
        "Siachen Glacier",
    ] {
        assert!(
            !world
                .iter()
                .any(|a| a.name == gone || a.iso3.is_some_and(|c| c.as_str() == gone)),
            "{gone}"
        );
    }
}

/// The undetermined boundaries and the Line of Control are lines of the geometry, drawn by the maps that show
/// them: dashed and dotted.
#[test]
fn the_line_of_control_is_dotted_and_undetermined_boundaries_are_dashed() {
    use treaty_map::core::area::LineStyle;
    let data = committed();
    let lines: Vec<_> = data.areas.iter().filter(|a| a.line.is_some()).collect();
    let style_of = |name: &str| lines.iter().find(|l| l.name == name).and_then(|l| l.line);
    assert_eq!(
        style_of("Line of Control in Jammu and Kashmir"),
        Some(LineStyle::Dotted)
    );
    for pair in [
        "MAR–ESH",
        "SDN–SSD",
        "SDN–XAB",
        "SSD–XAB",
        "IND–XJK",
        "PAK–XJK",
        "CHN–XJK",
        "SRB–XKX",
    ] {
        assert_eq!(
            style_of(&format!("{pair} boundary")),
            Some(LineStyle::Dashed),
            "{pair}"
        );
    }
    let drawn = |region| {
        Scene::build(&data, region)
            .lines
            .iter()
            .map(|l| l.name.clone())
            .collect::<Vec<_>>()
    };
    assert!(drawn(Region::AsiaPacific).contains(&"Line of Control in Jammu and Kashmir".to_owned()));
    assert!(drawn(Region::World).contains(&"Line of Control in Jammu and Kashmir".to_owned()));
    assert!(drawn(Region::MiddleEastNorthAfrica).contains(&"MAR–ESH boundary".to_owned()));
    assert!(drawn(Region::EuropeCentralAsia).contains(&"SRB–XKX boundary".to_owned()));
    assert!(!drawn(Region::Americas).contains(&"SRB–XKX boundary".to_owned()));
}

/// Distinct corners of a ring: positions less repeats and points on a straight line between their neighbours
/// (the measure the geometry build uses, xtask/js/geometry.mjs).
fn corners(ring: &[(f64, f64)]) -> usize {
    let mut points: Vec<(f64, f64)> = Vec::new();
    for &p in ring {
        if points.last() != Some(&p) {
            points.push(p);
        }
    }
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    let n = points.len();
    (0..n)
        .filter(|&i| {
            let (a, b, c) = (points[(i + n - 1) % n], points[i], points[(i + 1) % n]);
            (b.0 - a.0) * (c.1 - b.1) - (b.1 - a.1) * (c.0 - b.0) != 0.0
        })
        .count()
}

/// Square kilometres of polygons in degrees (planar, each ring scaled at its mean latitude), as the build
/// measures them.
fn km2(polygons: &[treaty_map::core::area::Polygon]) -> f64 {
    let ring_km2 = |ring: &[(f64, f64)]| {
        let twice: f64 = ring
            .windows(2)
            .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
            .sum();
        let lat = ring[..ring.len() - 1].iter().map(|p| p.1).sum::<f64>() / (ring.len() - 1) as f64;
        twice.abs() / 2.0 * 111.32 * 111.32 * lat.to_radians().cos()
    };
    polygons
        .iter()
        .flat_map(|rings| rings.iter().enumerate())
        .map(|(i, ring)| {
            if i == 0 {
                ring_km2(ring)
            } else {
                -ring_km2(ring)
            }
        })
        .sum()
}

/// Simplification keeps every state's and territory's shape recognisable: its largest polygon keeps at least
/// ten corners (or all the source has, if fewer), so that no state is a triangle, as does every polygon of
/// 10,000 km² or more (Taiwan, Sicily, Hainan), and its area stays within
/// 10 % of the unsimplified source's (20 % for the largest areas, whose coasts are fjords and islands).
/// Leaving out small islands keeps every island of 300 km² or more and the source's largest polygon, where the
/// source has it (the United States Minor Outlying Islands are Palmyra in the Pacific, not Navassa in the
/// Caribbean, which would stretch the Asia–Pacific map across the Americas).
/// `data/geometry-source.csv` records what the source measures (the 1:10m shapes after the moves).
#[test]
fn every_area_keeps_its_shape() {
    #[derive(serde::Deserialize)]
    struct Source {
        area: String,
        positions: usize,
        km2: f64,
        islands: usize,
        lon: f64,
        lat: f64,
    }
    let sources: std::collections::BTreeMap<String, Source> =
        csv_rows::<Source>(include_str!("../../data/geometry-source.csv"))
            .into_iter()
            .map(|s| (s.area.clone(), s))
            .collect();
    let world = areas_of(include_str!("../../data/world.geo.json"));
    let mut checked = 0;
    for area in &world {
        let key = area
            .iso3
            .map_or_else(|| area.name.clone(), |c| c.to_string());
        let source = sources
            .get(&key)
            .unwrap_or_else(|| panic!("{key}: no source measure"));
        let largest = area
            .polygons
            .iter()
            .map(|p| corners(&p[0]))
            .max()
            .unwrap_or(0);
        assert!(
            largest >= source.positions.min(10),
            "{key}: {largest} corners, the source has {}",
            source.positions
        );
        for polygon in area
            .polygons
            .iter()
            .filter(|p| km2(std::slice::from_ref(*p)) >= 10000.0)
        {
            assert!(
                corners(&polygon[0]) >= 10,
                "{key}: a polygon of {:.0} km² has {} corners",
                km2(std::slice::from_ref(polygon)),
                corners(&polygon[0])
            );
        }
        let error = (km2(&area.polygons) - source.km2).abs() / source.km2;
        let bound = if source.km2 >= 1e6 { 0.2 } else { 0.1 };
        assert!(error <= bound, "{key}: area off by {:.1} %", error * 100.0);
        // (A polygon cut at the antimeridian is drawn as two, so the count can only grow.)
        assert!(
            area.polygons.len() >= source.islands,
            "{key}: {} polygons drawn, the source has {} of 300 km² or more",
            area.polygons.len(),
            source.islands
        );
        // The corner recorded is an arc's end, which simplification keeps (rounded to no coarser than 0.01°).
        let at_corner = |&(lon, lat): &(f64, f64)| {
            let dlon = (lon - source.lon).abs();
            (dlon.min(360.0 - dlon)) <= 0.006 && (lat - source.lat).abs() <= 0.006
        };
        assert!(
            area.polygons.iter().any(|p| p[0].iter().any(at_corner)),
            "{key}: the source's largest polygon (at {}, {}) is not drawn",
            source.lon,
            source.lat
        );
        checked += 1;
    }
    assert_eq!(checked, sources.len());
    // The State of Palestine, a triangle in Natural Earth's 1:50m layer, keeps the West Bank's outline.
    let palestine = world
        .iter()
        .find(|a| a.iso3.is_some_and(|c| c.as_str() == "PSE"))
        .unwrap();
    assert!(
        palestine
            .polygons
            .iter()
            .map(|p| corners(&p[0]))
            .max()
            .unwrap()
            >= 10
    );
}

fn csv_rows<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut fields = Vec::new();
            let mut field = String::new();
            let mut quoted = false;
            for c in line.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields.push(std::mem::take(&mut field)),
                    c => field.push(c),
                }
            }
            fields.push(field);
            let object: serde_json::Map<String, serde_json::Value> = header
                .iter()
                .zip(fields)
                .map(|(k, v)| {
                    let value =
                        v.parse::<f64>()
                            .map_or(serde_json::Value::String(v.clone()), |n| {
                                if v.contains('.') || v.starts_with('-') {
                                    serde_json::json!(n)
                                } else {
                                    serde_json::json!(n as u64)
                                }
                            });
                    ((*k).to_owned(), value)
                })
                .collect();
            serde_json::from_value(serde_json::Value::Object(object)).unwrap()
        })
        .collect()
}

/// Territories that the UNTC notes tie to a party are drawn in its class, with a texture of their own and a panel
/// line citing the note; disputed areas and Non-Self-Governing Territories that no party's ratification covers
/// are muted, with their UN note; the legend still counts states only.
#[test]
fn territories_take_their_party_class_and_disputed_areas_are_muted_with_their_note() {
    use treaty_map::core::class::View;
    use treaty_map::core::i18n::{Lang, Names};
    use treaty_map::core::iso3::Iso3;
    let data = committed();
    let world = Scene::build(&data, Region::World);
    let code = |c: &str| Iso3::parse(c).unwrap();
    let shape = |c: &str| world.shape(code(c)).unwrap();
    let facts = |c: &str, lang: Lang| {
        world
            .profile(&Default::default(), code(c), lang)
            .unwrap()
            .facts
    };

    // Gibraltar: CAT through the United Kingdom (note 12), no OPCAT application recorded.
    assert_eq!(shape("GIB").class, StatusClass::CatPartyOnly);
    assert!(shape("GIB").territory && !shape("GIB").is_state());
    assert_eq!(
        facts("GIB", Lang::En),
        [
            "CAT: applies to this territory through the ratification of the State party United Kingdom of \
             Great Britain and Northern Ireland (UNTC, CAT note 12)",
            "OPCAT: no application to this territory is recorded (UNTC notes)",
            "Non-Self-Governing Territory (United Nations list)",
        ]
    );
    assert_eq!(
        world.accessible_name(shape("GIB"), Lang::En),
        "Gibraltar: CAT party only — territory; State party: United Kingdom of Great Britain and Northern \
         Ireland — Non-Self-Governing Territory (United Nations list)"
    );
    // The Isle of Man: both treaties (CAT note 12, OPCAT note 5).
    assert_eq!(shape("IMN").class, StatusClass::CatAndOpcatParty);
    assert!(facts("IMN", Lang::En)[1].ends_with("(UNTC, OPCAT note 5)"));
    // The Falkland Islands (Malvinas): the United Kingdom's class, and the UN's note on the dispute.
    assert_eq!(shape("FLK").name, "Falkland Islands (Malvinas)");
    assert!(facts("FLK", Lang::En).iter().any(|f| f.starts_with(
        "A dispute exists between the Governments of Argentina and the United Kingdom"
    )));
    // Hong Kong and Macao: China's class, the SAR notes.
    for (sar, note) in [("HKG", 6), ("MAC", 5)] {
        assert_eq!(shape(sar).class, StatusClass::CatPartyOnly, "{sar}");
        assert!(facts(sar, Lang::En)[0].ends_with(&format!("(UNTC, CAT note {note})")));
    }
    // Aruba, Curaçao, Sint Maarten: the Netherlands' CAT note 10 (OPCAT's note 3 is for the Kingdom in Europe).
    for territory in ["ABW", "CUW", "SXM"] {
        assert_eq!(
            shape(territory).class,
            StatusClass::CatPartyOnly,
            "{territory}"
        );
    }
    // The Faroe Islands: OPCAT through Denmark (its exclusion withdrawn, OPCAT note 1); CAT not recorded.
    assert_eq!(shape("FRO").class, StatusClass::NoData);
    assert!(shape("FRO").territory);
    let opcat = world.in_view(View::Opcat);
    assert_eq!(
        opcat.shape(code("FRO")).unwrap().class,
        StatusClass::CatAndOpcatParty
    );
    // Disputed areas and other Non-Self-Governing Territories: muted, with their note.
    for (area, note) in [
        ("XJK", "The final status of Jammu and Kashmir has not yet been agreed upon by the parties."),
        ("XAC", "Disputed area, administered by China and claimed by India."),
        ("XAB", "Final status of the Abyei area is not yet determined."),
        ("XKX", "References to Kosovo shall be understood to be in the context of Security Council resolution 1244 (1999)."),
        ("ESH", "Non-Self-Governing Territory (United Nations list)"),
        ("NCL", "Non-Self-Governing Territory (United Nations list)"),
    ] {
        assert_eq!(shape(area).class, StatusClass::Disputed, "{area}");
        assert!(!shape(area).territory, "{area}");
        assert!(facts(area, Lang::En).iter().any(|f| f.contains(note)), "{area}");
        assert!(world.accessible_name(shape(area), Lang::En).contains(note), "{area}");
        for view in [View::Cat, View::Opcat] {
            let scene = world.in_view(view);
            assert_eq!(scene.shape(code(area)).unwrap().class, StatusClass::Disputed);
        }
    }
    // The legend counts states only, whatever territories share their class.
    let both = world
        .legend
        .iter()
        .find(|e| e.class == StatusClass::CatAndOpcatParty)
        .unwrap();
    let parties_of_both = data
        .statuses
        .codes()
        .filter_map(|c| data.statuses.get(c))
        .filter(|s| s.cat.is_party() && s.opcat.is_party())
        .count();
    assert_eq!(both.count, parties_of_both);
    let drawn_in_the_class = world
        .shapes
        .iter()
        .filter(|s| s.class == StatusClass::CatAndOpcatParty)
        .count();
    assert_eq!(
        drawn_in_the_class,
        parties_of_both + 1,
        "the Isle of Man is drawn, not counted"
    );
    // In French, with the French names.
    let french = Names::from_json(include_str!("../../data/names.fr.json"))
        .unwrap()
        .0;
    let scene = Scene::build_localized(&data, Region::EuropeCentralAsia, 1000.0, &french);
    assert_eq!(
        scene.profile(&Default::default(), code("GIB"), Lang::Fr).unwrap().facts[0],
        "CAT\u{a0}: s’applique à ce territoire du fait de l’engagement de l’État partie Royaume-Uni de \
         Grande-Bretagne et d’Irlande du Nord (ratification\u{a0}; UNTC, CAT, note 12)"
    );
}
