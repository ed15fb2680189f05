//! The map on any date, against the committed data: the spot checks of issue 15, and the counts of parties and
//! signatories at every stop, world and per region, held to counts made here straight from
//! `data/cat_opcat_status.csv`, without the widget's code.

use std::collections::BTreeMap;

use treaty_map::core::date::Date;
use treaty_map::core::iso3::Iso3;
use treaty_map::core::region::{Region, RegionTable};
use treaty_map::core::status::{Act, StateStatus, StatusTable, Treaty, TreatyStatus};
use treaty_map::core::timeline::{counts_over_time, latest, Action, Counts, Timeline};

fn table() -> StatusTable {
    let (table, diagnostics) =
        StatusTable::from_json(include_str!("../../data/status.json")).expect("status.json reads");
    assert_eq!(diagnostics, []);
    table
}

fn state(table: &StatusTable, code: &str) -> StateStatus {
    table
        .get(Iso3::parse(code).expect("a code"))
        .unwrap_or_else(|| panic!("{code} has a status row"))
        .clone()
}

fn d(text: &str) -> Date {
    Date::parse_iso(text).expect("a date")
}

#[test]
fn peru_became_an_opcat_party_on_14_september_2006() {
    let table = table();
    let (peru, as_of) = (state(&table, "PER"), table.sources.as_of);
    let before = peru.on(d("2006-09-13"), as_of);
    assert!(before.cat.is_party() && !before.opcat.is_party());
    let on = peru.on(d("2006-09-14"), as_of);
    assert!(on.cat.is_party() && on.opcat.is_party());
    assert!(!peru.on(d("1988-07-06"), as_of).cat.is_party());
    assert!(peru.on(d("1988-07-07"), as_of).cat.is_party());
}

#[test]
fn colombia_became_an_opcat_party_on_10_november_2025() {
    let table = table();
    let (colombia, as_of) = (state(&table, "COL"), table.sources.as_of);
    assert_eq!(
        colombia.on(d("2025-11-09"), as_of).opcat,
        TreatyStatus::NoAction
    );
    assert!(colombia.on(d("2025-11-10"), as_of).opcat.is_party());
    let newest = latest(table.codes().filter_map(|c| table.get(c)), as_of, 1);
    assert_eq!(newest.len(), 1);
    assert_eq!(newest[0].iso3.to_string(), "COL");
    assert_eq!(newest[0].event.treaty, Treaty::Opcat);
    assert_eq!(newest[0].event.action, Action::Party(Act::Accession));
    assert_eq!(newest[0].event.date, d("2025-11-10"));
}

#[test]
fn tuvalu_took_no_cat_action_before_25_march_2024() {
    let table = table();
    let (tuvalu, as_of) = (state(&table, "TUV"), table.sources.as_of);
    assert_eq!(
        tuvalu.on(d("2024-03-24"), as_of).cat,
        TreatyStatus::NoAction
    );
    assert!(tuvalu.on(d("2024-03-25"), as_of).cat.is_party());
    let timeline = Timeline::of(&tuvalu);
    let first_cat = timeline.events.iter().find(|e| e.treaty == Treaty::Cat);
    assert_eq!(first_cat.map(|e| e.date), Some(d("2024-03-25")));
}

/// One row of the CSV: the code and its four dates, as written (ISO dates compare as text).
struct Row {
    code: String,
    cat_signed: String,
    cat_party: String,
    opcat_signed: String,
    opcat_party: String,
}

/// The rows of `cat_opcat_status.csv`; only its last column is ever quoted, and no earlier field holds a comma.
fn csv_rows() -> Vec<Row> {
    let text = include_str!("../../data/cat_opcat_status.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (code, cs, cp, os, op) = (
        column("iso3"),
        column("cat_signed"),
        column("cat_party"),
        column("opcat_signed"),
        column("opcat_party"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            Row {
                code: fields[code].to_owned(),
                cat_signed: fields[cs].to_owned(),
                cat_party: fields[cp].to_owned(),
                opcat_signed: fields[os].to_owned(),
                opcat_party: fields[op].to_owned(),
            }
        })
        .collect()
}

/// The counts on `date` (`YYYY-MM-DD`) among `rows`: a party if bound by then, a signatory if signed by then
/// and not bound.
fn csv_counts<'a>(rows: impl Iterator<Item = &'a Row>, date: &str) -> [usize; 4] {
    let by = |field: &str| !field.is_empty() && field <= date;
    let mut counts = [0; 4];
    for row in rows {
        let (cat_party, opcat_party) = (by(&row.cat_party), by(&row.opcat_party));
        counts[0] += usize::from(cat_party);
        counts[1] += usize::from(!cat_party && by(&row.cat_signed));
        counts[2] += usize::from(opcat_party);
        counts[3] += usize::from(!opcat_party && by(&row.opcat_signed));
    }
    counts
}

fn as_array(counts: Counts) -> [usize; 4] {
    [
        counts.cat_parties,
        counts.cat_signatories,
        counts.opcat_parties,
        counts.opcat_signatories,
    ]
}

#[test]
fn counts_at_every_stop_equal_counts_made_from_the_csv() {
    let table = table();
    let rows = csv_rows();
    let as_of = table.sources.as_of.iso();
    let mut codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    codes.sort_unstable();
    let table_codes: Vec<String> = table.codes().map(|c| c.to_string()).collect();
    assert_eq!(
        codes, table_codes,
        "the CSV and status.json list the same states"
    );

    let mut expected_dates: Vec<String> = (1985..=2025).map(|y| format!("{y}-12-31")).collect();
    expected_dates.push(as_of.clone());
    assert_eq!(
        as_of, "2026-02-03",
        "the stops below assume this as-of date"
    );

    let regions: BTreeMap<String, String> =
        serde_json::from_str(include_str!("../../data/regions.json")).expect("regions.json");
    let (region_table, diagnostics) =
        RegionTable::from_json(include_str!("../../data/regions.json")).expect("regions read");
    assert_eq!(diagnostics, []);

    let mut checked = 0;
    for region in Region::ALL {
        let members = table
            .codes()
            .filter(|&c| region_table.contains(region, Some(c)))
            .filter_map(|c| table.get(c));
        let stops = counts_over_time(members, table.sources.as_of);
        let dates: Vec<String> = stops.iter().map(|s| s.date.iso()).collect();
        assert_eq!(dates, expected_dates, "{}", region.key());
        let in_region = |row: &&Row| {
            region == Region::World
                || regions.get(&row.code).map(String::as_str) == Some(region.key())
        };
        for stop in &stops {
            let date = stop.date.iso();
            let expected = csv_counts(rows.iter().filter(in_region), &date);
            assert_eq!(
                as_array(stop.counts),
                expected,
                "{} on {date}: [CAT parties, CAT signatories only, OPCAT parties, OPCAT signatories only]",
                region.key()
            );
            checked += 1;
        }
        if region == Region::World {
            // The reference table's totals today (shared/reference/SOURCES.md), and none before CAT opened.
            assert_eq!(
                stops.last().map(|s| as_array(s.counts)),
                Some([175, 4, 96, 11])
            );
            assert_eq!(as_array(stops[0].counts)[2..], [0, 0]);
        }
    }
    assert_eq!(checked, Region::ALL.len() * 42);
}

#[test]
fn the_latest_actions_are_the_csvs_newest_dates() {
    let table = table();
    let as_of = table.sources.as_of;
    let mut dated: Vec<(String, String)> = csv_rows()
        .into_iter()
        .flat_map(|row| {
            [
                row.cat_signed,
                row.cat_party,
                row.opcat_signed,
                row.opcat_party,
            ]
            .into_iter()
            .filter(|date| !date.is_empty())
            .map(move |date| (date, row.code.clone()))
        })
        .collect();
    dated.sort_unstable_by(|a, b| b.cmp(a));
    let newest = latest(table.codes().filter_map(|c| table.get(c)), as_of, 5);
    let got: Vec<(String, String)> = newest
        .iter()
        .map(|e| (e.event.date.iso(), e.iso3.to_string()))
        .collect();
    assert_eq!(got, dated[..5]);
}

/// Every review of `data/cat_review_sessions.tsv` from session 35 (November 2005), per ISO3 code, oldest first:
/// the states named as the UN Treaty Collection names them, mapped to codes by `status.json`'s names; also the
/// year of each state's last review of any session (the few rows before session 35 included).
#[allow(clippy::type_complexity)]
fn tsv_reviews(
    names: &BTreeMap<String, String>,
) -> (BTreeMap<String, Vec<(u16, u16)>>, BTreeMap<String, u16>) {
    let text = include_str!("../../data/cat_review_sessions.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (session, year, states) = (column("session"), column("year"), column("states"));
    let (mut listed, mut last) = (BTreeMap::<String, Vec<(u16, u16)>>::new(), BTreeMap::new());
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let session: u16 = cells[session].parse().expect("a session number");
        let year: u16 = cells[year].parse().expect("a year");
        for name in cells[states].split("; ") {
            let code = names
                .get(name.trim())
                .unwrap_or_else(|| panic!("{name:?} (session {session}) is a name of status.json"));
            let last = last.entry(code.clone()).or_insert(year);
            *last = year.max(*last);
            if session >= 35 {
                listed
                    .entry(code.clone())
                    .or_default()
                    .push((session, year));
            }
        }
    }
    for reviews in listed.values_mut() {
        reviews.sort_unstable();
    }
    (listed, last)
}

#[test]
fn every_states_reviews_are_the_sessions_files_from_session_35() {
    let document: serde_json::Value =
        serde_json::from_str(include_str!("../../data/status.json")).expect("status.json");
    let rows = document["states"].as_array().expect("states");
    let names: BTreeMap<String, String> = rows
        .iter()
        .map(|row| {
            let text = |key: &str| row[key].as_str().expect("a text").to_owned();
            (text("name"), text("iso3"))
        })
        .collect();
    let (expected, last_years) = tsv_reviews(&names);
    let table = table();
    let mut with_reviews = 0;
    for row in rows {
        let code = row["iso3"].as_str().expect("iso3");
        let written: Vec<(u16, u16)> = row["reviews"]
            .as_array()
            .map(|reviews| {
                reviews
                    .iter()
                    .map(|r| {
                        let number = |key: &str| r[key].as_u64().expect("a number") as u16;
                        (number("session"), number("year"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let want = expected.get(code).cloned().unwrap_or_default();
        assert_eq!(written, want, "{code}: [(session, year)] in status.json");
        // As the widget reads them, and as its timeline lists them.
        let state = state(&table, code);
        let read: Vec<(u16, u16)> = Timeline::of(&state)
            .reviews
            .iter()
            .map(|r| (r.session.expect("a session"), r.year))
            .collect();
        assert_eq!(read, want, "{code}: the timeline's reviews");
        // `last_review` (any session) is the last listed review's year wherever both exist.
        let last_review = row["last_review"].as_u64().map(|y| y as u16);
        assert_eq!(last_review, last_years.get(code).copied(), "{code}");
        assert_eq!(state.last_review, last_review, "{code}");
        if let Some(&(_, year)) = want.last() {
            assert_eq!(last_review, Some(year), "{code}: last_review");
            with_reviews += 1;
        }
    }
    assert_eq!(with_reviews, 142, "states with a review in sessions 35–83");
    let peru: Vec<(u16, u16)> = expected["PER"].clone();
    assert_eq!(peru, [(36, 2006), (49, 2012), (65, 2018)]);
}
