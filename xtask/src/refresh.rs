//! `cargo xtask data refresh --untc DIR`: rebuilds the status table from newer saved UN Treaty Collection pages
//! (`DIR/IV-9.html`, CAT; `DIR/IV-9-b.html`, OPCAT). See data/REFRESH.md.
//!
//! Everything is read and validated first ([`plan`]); only a plan without problems is printed as a diff and
//! written ([`Plan::write`]), so a page that fails validation leaves `data/` untouched.

mod build;
mod diff;
mod territories;

use std::fs;
use std::path::Path;

use crate::status::{self, Sources, StatusInputs, STATUS_JSON};
use crate::table::{
    self, DeclarationRow, Names, Row, TerritoryRow, Treaty, AREAS_FILE, DECLARATIONS_FILE,
    NAMES_FILE, REVIEWS_FILE, STATUS_FILE, TERRITORIES_FILE,
};
use crate::untc::{self, Date, StatusPage};
use build::{build_rows, check_page, declaration_rows};
use territories::{TerritoryNames, TERRITORY_NAMES_FILE};

/// Reads, validates, prints the diff, writes.
pub fn run(untc: &Path, data: &Path) -> Result<(), String> {
    let plan = plan(untc, data)?;
    let as_at = plan.as_at.to_string();
    match plan.previous_as_at.filter(|before| *before != plan.as_at) {
        Some(before) => println!("UNTC status as at {as_at} — was {before}"),
        None => println!("UNTC status as at {as_at}"),
    }
    if plan.changes.is_empty() {
        println!("no changes");
    }
    for line in &plan.changes {
        println!("{line}");
    }
    for note in &plan.notes {
        eprintln!("note: {note}");
    }
    plan.write(data)?;
    let written: Vec<String> = plan
        .files
        .iter()
        .map(|(name, _)| format!("data/{name}"))
        .collect();
    println!(
        "wrote {} ({} states, {} declarations, {} territorial applications)",
        written.join(", "),
        plan.rows.len(),
        plan.declarations.len(),
        plan.territories.len()
    );
    Ok(())
}

/// What a refresh would write, validated.
pub struct Plan {
    /// The pages' "status as at" date, and the one in `data/sources.json` before.
    pub as_at: Date,
    pub previous_as_at: Option<Date>,
    /// The new status table, in ISO3 order.
    pub rows: Vec<Row>,
    /// The declarations table, in page order.
    pub declarations: Vec<DeclarationRow>,
    /// The territories table, by territory and treaty.
    pub territories: Vec<TerritoryRow>,
    /// The diff against the current files, one line per change.
    pub changes: Vec<String>,
    /// Things the maintainer should know that are not errors.
    pub notes: Vec<String>,
    /// File name in `data/` → new contents.
    files: Vec<(&'static str, String)>,
}

/// Reads the saved pages and the current `data/` files, builds the new files and validates everything. Every
/// problem found is listed in the error.
pub fn plan(untc: &Path, data: &Path) -> Result<Plan, String> {
    let cat = read_page(untc, Treaty::Cat).map_err(|e| report(&[e]))?;
    let opcat = read_page(untc, Treaty::Opcat).map_err(|e| report(&[e]))?;
    let existing: Vec<Row> = table::read_csv(&read(data, STATUS_FILE)?, STATUS_FILE)?;
    let names = Names::parse(&read(data, NAMES_FILE)?)?;
    let previous_as_at = if data.join(Sources::FILE).exists() {
        Sources::read(data)?.as_of()
    } else {
        None
    };
    let old_declarations: Vec<DeclarationRow> = if data.join(DECLARATIONS_FILE).exists() {
        table::read_csv(&read(data, DECLARATIONS_FILE)?, DECLARATIONS_FILE)?
    } else {
        Vec::new()
    };
    let territory_names = TerritoryNames::parse(&read(data, TERRITORY_NAMES_FILE)?)?;
    let old_territories: Vec<TerritoryRow> = if data.join(TERRITORIES_FILE).exists() {
        table::read_csv(&read(data, TERRITORIES_FILE)?, TERRITORIES_FILE)?
    } else {
        Vec::new()
    };

    let mut problems = Vec::new();
    let pages = [(Treaty::Cat, &cat), (Treaty::Opcat, &opcat)];
    for (treaty, page) in pages {
        check_page(treaty, page, &mut problems);
    }
    if cat.as_at != opcat.as_at {
        problems.push(format!(
            "{} is as at {} but {} is as at {}: save both pages on the same day",
            Treaty::Cat.file(),
            cat.as_at.iso(),
            Treaty::Opcat.file(),
            opcat.as_at.iso()
        ));
    }
    if let Some(before) = previous_as_at.filter(|before| *before > cat.as_at) {
        problems.push(format!(
            "the pages are as at {}, older than the current data (data/{}: {})",
            cat.as_at.iso(),
            Sources::FILE,
            before.iso()
        ));
    }
    let mut rows = build_rows(&existing, &names, &pages, &mut problems);
    // Review years are maintained in the sessions file: every row takes its year from there.
    let reviews = read(data, REVIEWS_FILE)?;
    let iso3_of_name = rows
        .iter()
        .map(|r| (r.name.clone(), r.iso3.clone()))
        .collect();
    match crate::reviews::last_reviews(&reviews, &iso3_of_name) {
        Ok(years) => {
            for row in &mut rows {
                row.last_cat_review = years.get(&row.iso3).map(u16::to_string).unwrap_or_default();
            }
        }
        Err(problem) => problems.push(problem),
    }
    let mut notes = Vec::new();
    let declarations = declaration_rows(&cat, &names, &mut problems, &mut notes);
    let territory_rows =
        territories::territory_rows(&pages, &names, &territory_names, &mut problems);
    notes.extend(territories::unused(&territory_names, &pages, &names));
    if !problems.is_empty() {
        return Err(report(&problems));
    }

    let status_csv = table::write_csv(&rows)?;
    let as_of = cat.as_at.iso();
    let declarations_csv = table::write_csv(&declarations)?;
    let territories_csv = table::write_csv(&territory_rows)?;
    let areas = read(data, AREAS_FILE)?;
    let inputs = StatusInputs {
        csv: &status_csv,
        as_of: &as_of,
        declarations: &declarations_csv,
        reviews: &reviews,
        territories: &territories_csv,
        areas: &areas,
    };
    // status_json's errors name the file they are about; here it is one of the new tables.
    let (status_json, _) =
        status::status_json(&inputs).map_err(|e| report(&[format!("the new tables: {e}")]))?;
    let sources = Sources {
        untc_status_as_of: as_of,
    };
    let mut changes = diff::status_changes(&existing, &rows);
    if !old_declarations.is_empty() {
        changes.extend(diff::declaration_changes(&old_declarations, &declarations));
    }
    if data.join(TERRITORIES_FILE).exists() {
        changes.extend(territories::changes(&old_territories, &territory_rows));
    }
    let files = vec![
        (STATUS_FILE, status_csv),
        (DECLARATIONS_FILE, declarations_csv),
        (TERRITORIES_FILE, territories_csv),
        (Sources::FILE, sources.to_json()),
        (STATUS_JSON, status_json),
    ];
    Ok(Plan {
        as_at: cat.as_at,
        previous_as_at,
        rows,
        declarations,
        territories: territory_rows,
        changes,
        notes,
        files,
    })
}

fn report(problems: &[String]) -> String {
    format!(
        "the saved UNTC pages did not pass validation; nothing in data/ was written:\n  {}",
        problems.join("\n  ")
    )
}

fn read(dir: &Path, file: &str) -> Result<String, String> {
    let path = dir.join(file);
    fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_page(dir: &Path, treaty: Treaty) -> Result<StatusPage, String> {
    let html = read(dir, treaty.file())?;
    untc::parse_status_page(&html).map_err(|e| format!("{}: {e}", treaty.file()))
}

impl Plan {
    /// Writes every file, each first to a temporary file in `data/` and then renamed over the old one, so no
    /// file is left half-written.
    pub fn write(&self, data: &Path) -> Result<(), String> {
        let mut temporary = Vec::new();
        for (name, text) in &self.files {
            let path = data.join(format!(".{name}.refresh"));
            if let Err(e) = fs::write(&path, text) {
                for (path, _) in &temporary {
                    let _ = fs::remove_file(path);
                }
                let _ = fs::remove_file(&path);
                return Err(format!("{}: {e}", path.display()));
            }
            temporary.push((path, data.join(name)));
        }
        for (from, to) in &temporary {
            fs::rename(from, to).map_err(|e| format!("{}: {e}", to.display()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn fixtures() -> PathBuf {
        crate::tools::repo_root().join("tests/fixtures/untc")
    }

    fn repo_data() -> PathBuf {
        crate::tools::repo_root().join("data")
    }

    /// A temporary copy of the `data/` files the refresh reads and writes (without `sources.json` and the
    /// declarations table, which a first refresh creates).
    fn data_copy() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            STATUS_FILE,
            NAMES_FILE,
            STATUS_JSON,
            REVIEWS_FILE,
            TERRITORY_NAMES_FILE,
            AREAS_FILE,
        ] {
            fs::copy(repo_data().join(file), dir.path().join(file)).unwrap();
        }
        dir
    }

    /// Every file in a directory with its bytes.
    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        fs::read_dir(dir)
            .unwrap()
            .map(|entry| {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy().into_owned();
                (name, fs::read(entry.path()).unwrap())
            })
            .collect()
    }

    fn committed_rows() -> Vec<Row> {
        table::read_csv(&read(&repo_data(), STATUS_FILE).unwrap(), STATUS_FILE).unwrap()
    }

    #[test]
    fn fixture_pages_reproduce_every_date_and_act_of_the_committed_table() {
        let data = data_copy();
        let plan = plan(&fixtures(), data.path()).unwrap();
        let committed = committed_rows();
        assert_eq!(plan.rows.len(), committed.len());
        let treaty_cells = |row: &Row| {
            Treaty::BOTH
                .map(|t| row.cells(t))
                .map(|c| (c.signed.to_string(), c.party.to_string(), c.act.to_string()))
        };
        for (built, committed) in plan.rows.iter().zip(&committed) {
            assert_eq!(built.iso3, committed.iso3);
            assert_eq!(
                treaty_cells(built),
                treaty_cells(committed),
                "{}",
                committed.iso3
            );
            assert_eq!(built, committed);
        }
        assert!(plan.changes.is_empty(), "{:?}", plan.changes);
        assert_eq!(plan.as_at.iso(), "2026-02-03");
    }

    #[test]
    fn fixture_declarations_reproduce_the_reference_columns() {
        let plan = plan(&fixtures(), data_copy().path()).unwrap();
        #[derive(serde::Deserialize)]
        struct Reference {
            iso3: String,
            art21: String,
            art22: String,
        }
        let reference: Vec<Reference> = table::read_csv(
            &read(&fixtures(), "cat_art21_22_declarations.reference.csv").unwrap(),
            "reference",
        )
        .unwrap();
        let columns = |iso3: &str, art21: &str, art22: &str| {
            (iso3.to_string(), art21.to_string(), art22.to_string())
        };
        let expected: Vec<_> = reference
            .iter()
            .map(|r| columns(&r.iso3, &r.art21, &r.art22))
            .collect();
        let parsed: Vec<_> = plan
            .declarations
            .iter()
            .map(|r| columns(&r.iso3, &r.art21, &r.art22))
            .collect();
        assert_eq!(parsed, expected);
        let yes = |cell: fn(&DeclarationRow) -> &str| {
            plan.declarations
                .iter()
                .filter(|r| cell(r) == "yes")
                .count()
        };
        assert_eq!((yes(|r| &r.art21), yes(|r| &r.art22)), (62, 69));
    }

    #[test]
    fn diff_of_the_table_with_colombias_opcat_cleared() {
        let changes = changes_after(|rows| {
            if let Some(colombia) = rows.iter_mut().find(|row| row.iso3 == "COL") {
                colombia.set(Treaty::Opcat, None);
            }
        });
        assert_eq!(
            changes,
            ["Colombia: OPCAT party since 10 November 2025 (accession) — new"]
        );
    }

    #[test]
    fn diff_of_the_table_with_colombias_row_removed() {
        let changes = changes_after(|rows| rows.retain(|row| row.iso3 != "COL"));
        assert_eq!(
            changes,
            [
                "Colombia: new state row (COL)",
                "Colombia: CAT party since 8 December 1987 (ratification) — new",
                "Colombia: OPCAT party since 10 November 2025 (accession) — new",
            ]
        );
    }

    /// The diff a refresh from the fixtures prints after `edit` changed a copy of the committed table.
    fn changes_after(edit: impl Fn(&mut Vec<Row>)) -> Vec<String> {
        let data = data_copy();
        let mut rows = committed_rows();
        edit(&mut rows);
        let csv = table::write_csv(&rows).unwrap();
        fs::write(data.path().join(STATUS_FILE), csv).unwrap();
        plan(&fixtures(), data.path()).unwrap().changes
    }

    #[test]
    fn refresh_into_a_copy_rewrites_the_same_files() {
        let data = data_copy();
        run(&fixtures(), data.path()).unwrap();
        for file in [STATUS_FILE, STATUS_JSON] {
            assert_eq!(
                read(data.path(), file).unwrap(),
                read(&repo_data(), file).unwrap(),
                "{file}"
            );
        }
        assert_eq!(
            read(data.path(), Sources::FILE).unwrap(),
            "{\"untc_status_as_of\":\"2026-02-03\"}\n"
        );
        let declarations = read(data.path(), DECLARATIONS_FILE).unwrap();
        assert!(declarations.starts_with("iso3,name,art21,art22\r\n"));
        let again = plan(&fixtures(), data.path()).unwrap();
        let written: Vec<DeclarationRow> =
            table::read_csv(&declarations, DECLARATIONS_FILE).unwrap();
        assert_eq!(written, again.declarations);
        // A second run finds nothing to change, declarations included.
        assert!(again.changes.is_empty(), "{:?}", again.changes);
        let files = snapshot(data.path());
        assert!(
            files.keys().all(|name| !name.ends_with(".refresh")),
            "{:?}",
            files.keys()
        );
    }

    /// Saves the fixture pages, with `edit` applied to one of them, into a temporary directory.
    fn edited_pages(treaty: Treaty, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for page in Treaty::BOTH {
            let html = read(&fixtures(), page.file()).unwrap();
            let html = if page == treaty { edit(&html) } else { html };
            fs::write(dir.path().join(page.file()), html).unwrap();
        }
        dir
    }

    /// An edit of a saved page, for the error cases.
    type Edit = fn(&str) -> String;

    #[test]
    fn refresh_leaves_data_untouched_on_any_error() {
        let cases: [(Treaty, Edit, &str); 5] = [
            (
                Treaty::Cat,
                |h| h.replacen("1 Apr\t 1987", "1 Apx\t 1987", 1),
                "IV-9.html: Afghanistan: party cell \"1 Apx 1987\" is not a date",
            ),
            (
                Treaty::Opcat,
                |h| h.replace("Participant<br>", "State<br>"),
                "IV-9-b.html: no participant table (looked for a table whose header row has Participant",
            ),
            (
                Treaty::Opcat,
                |h| h.replacen(">Colombia<", ">Columbia<", 1),
                "IV-9-b.html: unknown participant \"Columbia\": add a row `Columbia,ISO3` to \
                 data/untc-names.csv",
            ),
            (
                Treaty::Cat,
                |h| h.replacen("Parties :", "Parties : 176", 1),
                "IV-9.html: the page states 176 parties, its participant table has 175",
            ),
            (
                Treaty::Cat,
                |h| h.replacen("4 Feb\t 1985", "4 Feb\t 1988", 1),
                "IV-9.html: Afghanistan signed on 1988-02-04, after becoming a party on 1987-04-01",
            ),
        ];
        for (treaty, edit, expected) in cases {
            let data = data_copy();
            fs::write(
                data.path().join(Sources::FILE),
                "{\"untc_status_as_of\":\"2026-02-03\"}\n",
            )
            .unwrap();
            let before = snapshot(data.path());
            let pages = edited_pages(treaty, edit);
            let error = run(pages.path(), data.path()).unwrap_err();
            assert!(
                error.contains(expected),
                "expected {expected:?} in {error:?}"
            );
            assert_eq!(snapshot(data.path()), before, "{expected}");
        }
    }

    /// The notes of the saved pages give the committed territories table: 22 applications, from the CAT notes
    /// of China (5, 6), the Netherlands (10) and the United Kingdom (12), and the OPCAT notes of Denmark (1),
    /// New Zealand (4, an exclusion) and the United Kingdom (5).
    #[test]
    fn fixture_notes_reproduce_the_committed_territories() {
        let plan = plan(&fixtures(), data_copy().path()).unwrap();
        let committed: Vec<TerritoryRow> = table::read_csv(
            &read(&repo_data(), TERRITORIES_FILE).unwrap(),
            TERRITORIES_FILE,
        )
        .unwrap();
        assert_eq!(plan.territories, committed);
        assert_eq!(plan.territories.len(), 22);
        let row = |territory: &str, treaty: &str| {
            plan.territories
                .iter()
                .find(|r| r.territory == territory && r.treaty == treaty)
                .map(|r| (r.party.as_str(), r.effect.as_str(), r.note))
        };
        assert_eq!(row("GIB", "CAT"), Some(("GBR", "applies", 12)));
        assert_eq!(row("GIB", "OPCAT"), None);
        assert_eq!(row("IMN", "OPCAT"), Some(("GBR", "applies", 5)));
        assert_eq!(row("HKG", "CAT"), Some(("CHN", "applies", 6)));
        assert_eq!(row("MAC", "CAT"), Some(("CHN", "applies", 5)));
        assert_eq!(row("CUW", "CAT"), Some(("NLD", "applies", 10)));
        assert_eq!(row("FRO", "OPCAT"), Some(("DNK", "applies", 1)));
        assert_eq!(row("TKL", "OPCAT"), Some(("NZL", "excluded", 4)));
    }

    /// A territory a newer page's note no longer names is a change the refresh prints; a name the notes list
    /// that `untc-territories.csv` does not know stops the refresh, naming the row to add.
    #[test]
    fn territories_follow_the_notes_and_an_unknown_name_is_a_problem() {
        let data = data_copy();
        run(&fixtures(), data.path()).unwrap();
        let dropped = edited_pages(Treaty::Cat, |h| {
            h.replacen("Gibraltar, Montserrat", "Montserrat", 1)
        });
        let changes = plan(dropped.path(), data.path()).unwrap().changes;
        assert_eq!(
            changes,
            ["GIB: CAT applies through GBR (note 12) — no longer on the page"]
        );
        let added = edited_pages(Treaty::Cat, |h| {
            h.replacen(
                "Gibraltar, Montserrat",
                "Gibraltar, Atlantis, Montserrat",
                1,
            )
        });
        let error = plan(added.path(), data.path()).err().unwrap();
        assert!(
            error.contains("IV-9.html: note 12 (United Kingdom of Great Britain and Northern Ireland) names \"Atlantis\", which data/untc-territories.csv does not list: add a row `GBR,Atlantis,ISO3`"),
            "{error}"
        );
    }

    #[test]
    fn refresh_refuses_pages_older_than_the_data() {
        let data = data_copy();
        fs::write(
            data.path().join(Sources::FILE),
            "{\"untc_status_as_of\":\"2026-03-01\"}\n",
        )
        .unwrap();
        let before = snapshot(data.path());
        let error = run(&fixtures(), data.path()).unwrap_err();
        assert!(
            error.contains("the pages are as at 2026-02-03, older than the current data"),
            "{error}"
        );
        assert_eq!(snapshot(data.path()), before);
    }
}
