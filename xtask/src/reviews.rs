//! Review years: the year of the last Committee against Torture session that considered each state's report,
//! derived from `data/cat_review_sessions.tsv` (one row per session: session, year, states, source_url,
//! source_kind; states named as the UN Treaty Collection names them, separated by semicolons).

use std::collections::{BTreeMap, HashMap};

/// Where the review years come from, as the widget shows it under the profile.
pub const REVIEW_SOURCE: &str =
    "Committee against Torture session reports and press releases (sessions 35–83, November 2005 – November 2025)";

/// The last review year per ISO3 code. `iso3_of_name` maps UNTC names to codes; a state named in the file but
/// not in the map is an error naming it and the session.
pub fn last_reviews(
    tsv: &str,
    iso3_of_name: &HashMap<String, String>,
) -> Result<BTreeMap<String, u16>, String> {
    let mut lines = tsv.lines();
    let header = lines.next().ok_or("cat_review_sessions.tsv is empty")?;
    let columns: Vec<&str> = header.split('\t').collect();
    let column = |name: &str| {
        columns
            .iter()
            .position(|c| *c == name)
            .ok_or_else(|| format!("cat_review_sessions.tsv: no {name:?} column in the header"))
    };
    let (session_col, year_col, states_col) =
        (column("session")?, column("year")?, column("states")?);
    let mut last = BTreeMap::new();
    for (index, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let where_ = format!(
            "cat_review_sessions.tsv line {} (session {})",
            index + 2,
            cell(session_col)
        );
        let year: u16 = cell(year_col)
            .parse()
            .map_err(|_| format!("{where_}: year {:?} is not a year", cell(year_col)))?;
        for name in cell(states_col)
            .split(';')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let iso3 = iso3_of_name
                .get(name)
                .ok_or_else(|| format!("{where_}: unknown state {name:?}"))?;
            let entry = last.entry(iso3.clone()).or_insert(year);
            *entry = (*entry).max(year);
        }
    }
    Ok(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> HashMap<String, String> {
        [("Peru", "PER"), ("Bolivia (Plurinational State of)", "BOL")]
            .into_iter()
            .map(|(n, c)| (n.to_owned(), c.to_owned()))
            .collect()
    }

    #[test]
    fn keeps_the_latest_year_per_state() {
        let tsv = "session\tyear\tstates\tsource_url\tsource_kind\n\
                   49\t2012\tPeru; Bolivia (Plurinational State of)\thttps://a\tpress\n\
                   65\t2018\tPeru\thttps://b\tpress\n";
        let last = last_reviews(tsv, &names()).unwrap();
        assert_eq!(last["PER"], 2018);
        assert_eq!(last["BOL"], 2012);
    }

    #[test]
    fn names_an_unknown_state_and_its_session() {
        let tsv = "session\tyear\tstates\n65\t2018\tPerú\n";
        assert_eq!(
            last_reviews(tsv, &names()).unwrap_err(),
            "cat_review_sessions.tsv line 2 (session 65): unknown state \"Perú\""
        );
    }

    #[test]
    fn the_committed_file_reproduces_the_status_tables_review_column() {
        let csv = include_str!("../../data/cat_opcat_status.csv");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let review = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "last_cat_review")
            .unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let names: HashMap<String, String> = rows
            .iter()
            .map(|r| (r[1].to_owned(), r[0].to_owned()))
            .collect();
        let last =
            last_reviews(include_str!("../../data/cat_review_sessions.tsv"), &names).unwrap();
        for row in &rows {
            let expected = last.get(&row[0]).map(u16::to_string).unwrap_or_default();
            assert_eq!(row[review], expected, "{}", &row[0]);
        }
        assert_eq!(
            last.len(),
            145,
            "145 of 175 CAT parties have a review on record"
        );
    }
}
