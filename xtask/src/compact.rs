//! The data files as the site ships them. The geometry: the committed GeoJSON in its compact form
//! (`treaty_map::core::area::grid`): TopoJSON's `transform`, each position a whole number of ten-thousandths of a
//! degree, each ring's and line's positions delta-encoded, in steps of a power of ten of its own where all its
//! decimals allow (most have two: hundredths of a degree), its step and first position written as numbers and
//! the rest as one text in the Encoded Polyline Algorithm Format. The status table: without the states' names
//! ([`shipped_status`]), which the geometry's features carry instead. The committed files stay plain GeoJSON
//! and the whole table, which people and tools read; the widget reads both forms, and tests here hold the two
//! forms of every shipped file to the same areas and the same names.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

/// Steps per degree: the committed positions have at most four decimals (`cargo xtask data geometry` rounds
/// them so), and a file with a finer one is refused rather than changed.
const STEPS: f64 = 1e4;
/// Where the steps count from, in degrees (longitude, latitude): every position is then a count ≥ 0.
const ORIGIN: [f64; 2] = [-180.0, -90.0];

/// The GeoJSON FeatureCollection `text` in the compact form, one feature a line, each feature of a state that
/// `names` holds (code → name: the status table's, which [`shipped_status`] leaves out) named so; or why it
/// cannot be, naming the feature (a position the grid cannot hold exactly, a geometry that is not a
/// (Multi)Polygon or (Multi)LineString).
pub fn compact(text: &str, names: &BTreeMap<String, String>) -> Result<String, String> {
    let collection: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let features = collection["features"]
        .as_array()
        .ok_or("not a FeatureCollection with a features array")?;
    let mut lines = Vec::with_capacity(features.len());
    for (number, feature) in features.iter().enumerate() {
        let name = feature["properties"]["name"].as_str().unwrap_or("?");
        let why = |e: String| format!("feature {} ({name}): {e}", number + 1);
        let geometry = &feature["geometry"];
        let coordinates = &geometry["coordinates"];
        let (depth, ring) = match geometry["type"].as_str() {
            Some("LineString") => (0, false),
            Some("MultiLineString") => (1, false),
            Some("Polygon") => (1, true),
            Some("MultiPolygon") => (2, true),
            other => return Err(why(format!("a geometry of type {other:?}"))),
        };
        let mut out = feature.clone();
        out["geometry"]["coordinates"] = encode(coordinates, depth, ring).map_err(why)?;
        if let Some(name) = feature["properties"]["iso3"]
            .as_str()
            .and_then(|c| names.get(c))
        {
            out["properties"]["name"] = json!(name);
        }
        lines.push(out.to_string());
    }
    let translate = ORIGIN.map(|degrees| degrees as i64);
    let transform = json!({ "scale": [1.0 / STEPS, 1.0 / STEPS], "translate": translate });
    Ok(format!(
        "{{\"type\":\"FeatureCollection\",\"transform\":{transform},\"features\":[\n{}\n]}}\n",
        lines.join(",\n")
    ))
}

/// `status.json` as the site ships it, and the names it leaves out (code → name). A state's English name is
/// the table's (the UN Treaty Collection's), and the shipped geometry's features carry it ([`compact`]), so the
/// widget reads it there; the table keeps it only for a state that a territory names as its party, which a
/// region's map may not draw (the United Kingdom's name, for the Falkland Islands (Malvinas) on the map of the
/// Americas). A row's `last_review` is left out too where it is its last review's year, which the widget takes
/// then. Each row stays on its line, as the committed file writes it, without what it leaves out.
pub fn shipped_status(text: &str) -> Result<(String, BTreeMap<String, String>), String> {
    let table: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let parties: BTreeSet<&str> = table["areas"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|area| area["party"].as_str())
        .collect();
    let mut names = BTreeMap::new();
    let mut lines = Vec::new();
    for line in text.split_inclusive('\n') {
        let row = serde_json::from_str::<Value>(line.trim_end().trim_end_matches(',')).ok();
        let mut line = line.to_owned();
        // A state's row: its code and name.
        if let Some((row, code, name)) = row
            .as_ref()
            .and_then(|row| Some((row, row["iso3"].as_str()?, row.get("name")?)))
        {
            if !parties.contains(code) {
                let text = name
                    .as_str()
                    .ok_or_else(|| format!("{code}: a name that is not a text"))?;
                names.insert(code.to_owned(), text.to_owned());
                line = cut_member(&line, "name", name)?;
            }
            let last_year = row["reviews"]
                .as_array()
                .and_then(|r| r.last())
                .map(|r| &r["year"]);
            if let Some(year) = row
                .get("last_review")
                .filter(|&year| Some(year) == last_year)
            {
                line = cut_member(&line, "last_review", year)?;
            }
        }
        lines.push(line);
    }
    Ok((lines.concat(), names))
}

/// `line` without its member `key`, whose value is `value`: cut out of the text, which is otherwise kept as it
/// is; an error unless the member is written there once, as `serde_json` writes it (no spaces).
pub fn cut_member(line: &str, key: &str, value: &Value) -> Result<String, String> {
    let member = format!("{}:{value}", json!(key));
    [format!("{member},"), format!(",{member}")]
        .iter()
        .find(|cut| line.matches(member.as_str()).count() == 1 && line.contains(cut.as_str()))
        .map(|cut| line.replacen(cut.as_str(), "", 1))
        .ok_or_else(|| format!("cannot cut {member} out of {}", line.trim_end()))
}

/// The positions of `value` (a list of positions nested `depth` lists deep), each list of positions
/// delta-encoded in steps and written as one flat list of numbers, led by its own step where it is more than
/// one of the grid's; a ring's (`ring`) closing position, its first again, left out (a ring that is not closed
/// is refused: the reader could not give it back as it is).
fn encode(value: &Value, depth: usize, ring: bool) -> Result<Value, String> {
    let list = value.as_array().ok_or("coordinates that are not a list")?;
    if depth > 0 {
        return list.iter().map(|v| encode(v, depth - 1, ring)).collect();
    }
    let mut kept = &list[..];
    if ring {
        let xy = |position: &Value| (position[0].as_f64(), position[1].as_f64());
        if list.first().map(xy) != list.last().map(xy) {
            return Err("a ring that is not closed (RFC 7946 § 3.1.6)".to_owned());
        }
        kept = &list[..list.len().saturating_sub(1)];
    }
    let mut last = [0i64; 2];
    let mut out = Vec::with_capacity(2 * kept.len());
    for position in kept {
        for axis in 0..2 {
            let degrees = position[axis]
                .as_f64()
                .ok_or_else(|| format!("a position {position} without two numbers"))?;
            let steps = ((degrees - ORIGIN[axis]) * STEPS).round();
            if (steps + ORIGIN[axis] * STEPS) / STEPS != degrees {
                return Err(format!(
                    "{degrees} is not a whole number of ten-thousandths of a degree"
                ));
            }
            out.push(steps as i64 - last[axis]);
            last[axis] = steps as i64;
        }
    }
    // A ring or line whose positions all have fewer decimals than the grid's (most have two) is written in
    // steps of its own, a power of ten, given first (`core::area::grid::flat_positions_at`).
    let mut step = 1;
    while step < STEPS as i64 && out.iter().all(|n| n % (step * 10) == 0) {
        step *= 10;
    }
    // The step and the first position as numbers, the rest as one text: `[100, x0, y0, "…"]`.
    let numbers: Vec<i64> = out.iter().map(|n| n / step).collect();
    let (first, rest) = numbers.split_at(numbers.len().min(2));
    let mut list: Vec<Value> = (step > 1)
        .then_some(step)
        .iter()
        .chain(first)
        .map(|n| json!(n))
        .collect();
    if !rest.is_empty() {
        list.push(json!(polyline(rest)));
    }
    Ok(Value::Array(list))
}

/// `numbers` in the Encoded Polyline Algorithm Format (`core::area::grid::decode_polyline` reads it): each
/// doubled, its bits inverted if it is negative, in chunks of five bits from the lowest, each chunk the
/// character of code 63 plus the chunk, plus 32 if another chunk of the number follows.
fn polyline(numbers: &[i64]) -> String {
    let mut text = String::with_capacity(2 * numbers.len());
    for &n in numbers {
        let mut bits = if n < 0 { !(n << 1) } else { n << 1 } as u64;
        while bits >= 32 {
            text.push(char::from((bits & 31) as u8 + 32 + 63));
            bits >>= 5;
        }
        text.push(char::from(bits as u8 + 63));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::brotli_len;
    use crate::tools::repo_root;
    use treaty_map::core::area::read_areas;

    #[test]
    fn every_shipped_geometry_reads_the_same_in_both_forms() {
        let data = repo_root().join("data");
        let mut files = 0;
        for entry in std::fs::read_dir(&data).unwrap() {
            let path = entry.unwrap().path();
            if !path.to_string_lossy().ends_with(".geo.json") {
                continue;
            }
            files += 1;
            let plain = std::fs::read_to_string(&path).unwrap();
            let compact = compact(&plain, &BTreeMap::new()).unwrap();
            let (before, after) = (brotli_len(plain.as_bytes()), brotli_len(compact.as_bytes()));
            eprintln!(
                "{}: brotli {before} B as GeoJSON, {after} B compact",
                path.display()
            );
            assert!(
                after < before,
                "{}: {after} B compact, {before} B plain",
                path.display()
            );
            let (areas, diagnostics) = read_areas(&plain).unwrap();
            let (decoded, decoded_diagnostics) = read_areas(&compact).unwrap();
            assert_eq!(decoded_diagnostics, diagnostics, "{}", path.display());
            assert_eq!(decoded.len(), areas.len(), "{}", path.display());
            for (a, b) in areas.iter().zip(&decoded) {
                assert_eq!(
                    (&a.iso3, &a.name, &a.aliases, a.line),
                    (&b.iso3, &b.name, &b.aliases, b.line)
                );
                // Bit for bit: the same decimals, so the same paths, the pre-render's and the live map's.
                let bits = |area: &treaty_map::core::area::Area| {
                    area.positions()
                        .map(|(x, y)| (x.to_bits(), y.to_bits()))
                        .collect::<Vec<_>>()
                };
                assert_eq!(bits(a), bits(b), "{} in {}", a.name, path.display());
                assert_eq!(a.polygons.len(), b.polygons.len());
            }
        }
        assert_eq!(files, 6, "the world and five regions");
    }

    #[test]
    fn the_shipped_table_and_geometry_name_every_area_as_the_committed_files_do() {
        use treaty_map::core::load::{assemble, Inputs};
        use treaty_map::core::region::Region;
        use treaty_map::core::scene::Scene;

        let data = repo_root().join("data");
        let read = |name: &str| std::fs::read_to_string(data.join(name)).unwrap();
        let (status, regions) = (read("status.json"), read("regions.json"));
        let (shipped, names) = shipped_status(&status).unwrap();
        eprintln!(
            "status.json: brotli {} B committed, {} B shipped",
            brotli_len(status.as_bytes()),
            brotli_len(shipped.as_bytes())
        );
        // Every name the table leaves out is a state's, and the parties of territories keep theirs.
        assert!(names.len() > 180, "{} names", names.len());
        for party in ["GBR", "NLD", "DNK", "NZL", "CHN"] {
            assert!(!names.contains_key(party), "{party}");
            assert!(
                shipped.contains(&format!("{{\"iso3\":\"{party}\",\"name\":")),
                "{party}"
            );
        }
        assert_eq!(shipped.lines().count(), status.lines().count());
        for region in Region::ALL {
            let geometry = read(&region.geometry_file());
            let dataset = |status: &str, geometry: &str| {
                assemble(Inputs::texts(status, geometry, &regions, None)).unwrap()
            };
            let committed = dataset(&status, &geometry);
            let as_shipped = dataset(&shipped, &compact(&geometry, &names).unwrap());
            assert_eq!(as_shipped.diagnostics, committed.diagnostics, "{region:?}");
            // The same table but for the names it leaves out.
            for code in committed.statuses.codes() {
                let mut state = committed.statuses.get(code).unwrap().clone();
                if names.contains_key(code.as_str()) {
                    state.name.clear();
                }
                assert_eq!(as_shipped.statuses.get(code), Some(&state), "{code:?}");
            }
            let named = |dataset| {
                let scene = Scene::build(dataset, region);
                scene
                    .shapes
                    .iter()
                    .map(|s| {
                        (
                            s.iso3,
                            s.name.clone(),
                            s.english_name.clone(),
                            s.party.clone(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            let shapes = named(&committed);
            assert!(shapes.len() > 15, "{region:?}");
            assert_eq!(named(&as_shipped), shapes, "{region:?}");
        }
    }

    #[test]
    fn a_member_is_cut_out_of_its_line_and_nothing_else() {
        let cut = |line: &str, value: Value| cut_member(line, "name", &value);
        assert_eq!(
            cut(r#"{"iso3":"PER","name":"Peru","cat":{}},"#, json!("Peru")),
            Ok(r#"{"iso3":"PER","cat":{}},"#.to_owned())
        );
        assert_eq!(
            cut(r#"{"iso3":"PER","name":"Peru"}"#, json!("Peru")),
            Ok(r#"{"iso3":"PER"}"#.to_owned())
        );
        // Written otherwise than `serde_json` writes it, or twice: refused, not cut wrongly.
        assert!(cut(r#"{"iso3":"PER", "name": "Peru"}"#, json!("Peru")).is_err());
        assert!(cut(r#"{"name":"Peru","x":{"name":"Peru"}}"#, json!("Peru")).is_err());
    }

    #[test]
    fn positions_are_counted_in_steps_from_the_last() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"LineString","coordinates":[[-180,-90,5],[0.0001,12.5]]}}]}"#;
        let out = compact(text, &BTreeMap::new()).unwrap();
        assert_eq!(
            out,
            "{\"type\":\"FeatureCollection\",\"transform\":{\"scale\":[0.0001,0.0001],\"translate\":[-180,-90]},\"features\":[\n\
             {\"geometry\":{\"coordinates\":[0,0,\"aszlBo}p}@\"],\"type\":\"LineString\"},\"properties\":{\"name\":\"A\"},\"type\":\"Feature\"}\n]}\n"
        );
    }

    #[test]
    fn a_ring_is_written_without_its_closing_position() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[0.001,0],[0,0.0002],[0,0]]]}}]}"#;
        let out = compact(text, &BTreeMap::new()).unwrap();
        assert!(
            // The deltas 10, 0, -10, 2 in the Encoded Polyline Algorithm Format.
            out.contains(r#"{"coordinates":[[1800000,900000,"S?RC"]],"type":"Polygon"}"#),
            "{out}"
        );
        let (areas, _) = read_areas(&out).unwrap();
        assert_eq!(areas, read_areas(text).unwrap().0);
    }

    #[test]
    fn a_ring_of_fewer_decimals_is_written_in_steps_of_its_own() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"MultiPolygon","coordinates":[
            [[[0,0],[0.01,0],[0,0.02],[0,0]]],
            [[[1,1],[1.1,1],[1,1.3],[1,1]]],
            [[[0,0],[0.0101,0],[0,0.02],[0,0]]]]}}]}"#;
        let out = compact(text, &BTreeMap::new()).unwrap();
        assert!(
            // The deltas 1, 0, -1, 2 (then 1, 0, -1, 3; 101, 0, -101, 200) in the Encoded Polyline Algorithm Format.
            out.contains(r#"[[[100,18000,9000,"A?@C"]],[[1000,1810,910,"A?@E"]],[[1800000,900000,"iE?hEoK"]]]"#),
            "{out}"
        );
        let (areas, _) = read_areas(&out).unwrap();
        assert_eq!(areas, read_areas(text).unwrap().0);
    }

    #[test]
    fn numbers_are_written_in_the_encoded_polyline_algorithm_format() {
        // The format's own example: (38.5, -120.2), (40.7, -120.95), (43.252, -126.453) in steps of 1e-5,
        // delta-encoded, latitude first.
        let numbers = [3_850_000, -12_020_000, 220_000, -75_000, 255_200, -550_300];
        assert_eq!(polyline(&numbers), "_p~iF~ps|U_ulLnnqC_mqNvxq`@");
        assert_eq!(polyline(&[0, -1, 1, -16, 15, 16]), "?@A^]_@");
        // What the widget reads back, through the JSON text serde_json writes (a backslash escaped).
        let text = json!([polyline(&[-15, 14, 31, 1 << 40])]).to_string();
        assert_eq!(text, r#"["\\[}@________A"]"#);
        let read = treaty_map::core::area::grid::flat_positions_at(&text, 0)
            .unwrap()
            .0;
        assert_eq!(read, [(-15.0, 14.0), (31.0, (1i64 << 40) as f64)]);
    }

    #[test]
    fn what_the_grid_cannot_hold_is_refused_naming_the_feature() {
        for (geometry, message) in [
            (
                r#"{"type":"Polygon","coordinates":[[[1.00005,0],[1,1],[0,0],[1.00005,0]]]}"#,
                "feature 1 (B): 1.00005 is not a whole number of ten-thousandths of a degree",
            ),
            (
                r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,1],[0,1],[0,0]]],[[[0,0],[1,1],[0,1]]]]}"#,
                "feature 1 (B): a ring that is not closed (RFC 7946 § 3.1.6)",
            ),
            (
                r#"{"type":"Point","coordinates":[1,2]}"#,
                "feature 1 (B): a geometry of type Some(\"Point\")",
            ),
        ] {
            let text = format!(
                r#"{{"features":[{{"type":"Feature","properties":{{"name":"B"}},"geometry":{geometry}}}]}}"#
            );
            assert_eq!(compact(&text, &BTreeMap::new()).unwrap_err(), message);
        }
    }
}
