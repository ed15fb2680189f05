//! `cargo xtask anchors FILE`: every state's anchor (the point inside its shape the core computes, in viewBox
//! pixels) on the world map and on its region's map, from the committed data, as JSON for the end-to-end test
//! that each anchor hits its state in the browser (`tests/e2e/un-practice.test.mjs`, which runs this command once,
//! unless `TREATY_MAP_ANCHORS` names a file already written).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use treaty_map::core::region::Region;
use treaty_map::core::scene::Scene;

pub fn run(args: &[String]) -> Result<(), String> {
    let [file] = args else {
        return Err("usage: cargo xtask anchors FILE".into());
    };
    write(Path::new(file))
}

/// Writes `{"world": {"width": 1000, "height": 520, "anchors": {"AFG": [x, y, extent], …}}, "africa": …}`: the
/// states (areas with a status row) of each map, each with its anchor and the larger side of its largest polygon
/// (viewBox pixels).
pub fn write(path: &Path) -> Result<(), String> {
    let data = crate::data::committed_dataset(&crate::tools::repo_root().join("data"))?;
    let mut out = String::from("{");
    for (i, region) in Region::ALL.into_iter().enumerate() {
        let scene = Scene::build(&data, region);
        let anchors: Vec<String> = scene
            .shapes
            .iter()
            .filter(|s| s.is_state())
            .map(|s| {
                format!(
                    "\"{}\":[{:.2},{:.2},{:.2}]",
                    s.iso3, s.point.0, s.point.1, s.extent_px
                )
            })
            .collect();
        let _ = write!(
            out,
            "{}\"{}\":{{\"width\":{},\"height\":{},\"anchors\":{{{}}}}}",
            if i == 0 { "" } else { "," },
            region.key(),
            scene.width_px,
            scene.height_px,
            anchors.join(",")
        );
    }
    out.push_str("}\n");
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_state_has_an_anchor_on_the_world_map_and_its_region_s() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("anchors.json");
        super::write(&path).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(json["world"]["anchors"].as_object().unwrap().len(), 195);
        let in_regions: usize = [
            "africa",
            "americas",
            "asia-pacific",
            "europe-central-asia",
            "mena",
        ]
        .iter()
        .map(|r| json[r]["anchors"].as_object().unwrap().len())
        .sum();
        assert_eq!(in_regions, 195);
        let andorra = &json["europe-central-asia"]["anchors"]["AND"];
        assert!(andorra[0].as_f64().unwrap() > 0.0 && andorra[1].as_f64().unwrap() > 0.0);
    }
}
