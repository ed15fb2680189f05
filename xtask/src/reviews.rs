//! Reviews: every Committee against Torture session that considered each state's report, and the year of the
//! last, derived from `data/cat_review_sessions.tsv` (one row per session: session, year, states, source_url,
//! source_kind; states named as the UN Treaty Collection names them, separated by semicolons).
//!
//! The file is complete from session 35 (November 2005) to session 83 (November 2025): every session's reviews,
//! from its closing press release or the Committee's annual report. The few rows before session 35 are
//! single-state entries found along the way, not a check of those sessions (their `source_kind` says so). They
//! count for a state's last review year (`last_review`, as the status table has it), but the list of reviews
//! (`reviews`) holds sessions 35 to 83 only, the period the widget says it lists.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

/// Where the reviews come from, as the widget shows it under the profile.
pub const REVIEW_SOURCE: &str =
    "Committee against Torture session reports and press releases (sessions 35–83, November 2005 – November 2025)";

/// The first session of the period the sessions file covers completely (November 2005): the first one listed.
pub const FIRST_LISTED_SESSION: u16 = 35;

/// One consideration of a state's report: the session, and the year it was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Review {
    pub session: u16,
    pub year: u16,
}

/// Every review per ISO3 code, oldest first, of every row of the file (before session 35 too).
/// `iso3_of_name` maps UNTC names to codes. Errors name the line and the session: a state not in the map, a
/// state twice in one session, a session or year that is not a number, sessions out of order or repeated, or a
/// later session in an earlier year.
pub fn reviews(
    tsv: &str,
    iso3_of_name: &HashMap<String, String>,
) -> Result<BTreeMap<String, Vec<Review>>, String> {
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
    let mut all: BTreeMap<String, Vec<Review>> = BTreeMap::new();
    let mut previous: Option<Review> = None;
    for (index, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let where_ = format!(
            "cat_review_sessions.tsv line {} (session {})",
            index + 2,
            cell(session_col)
        );
        let session: u16 = cell(session_col)
            .parse()
            .map_err(|_| format!("{where_}: session {:?} is not a number", cell(session_col)))?;
        let year: u16 = cell(year_col)
            .parse()
            .map_err(|_| format!("{where_}: year {:?} is not a year", cell(year_col)))?;
        let review = Review { session, year };
        if let Some(previous) = previous {
            if session <= previous.session || year < previous.year {
                return Err(format!(
                    "{where_}: after session {} ({}): sessions go in order, each once, years with them",
                    previous.session, previous.year
                ));
            }
        }
        previous = Some(review);
        for name in cell(states_col)
            .split(';')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let iso3 = iso3_of_name
                .get(name)
                .ok_or_else(|| format!("{where_}: unknown state {name:?}"))?;
            let state = all.entry(iso3.clone()).or_default();
            if state.last() == Some(&review) {
                return Err(format!("{where_}: {name:?} twice"));
            }
            state.push(review);
        }
    }
    Ok(all)
}

/// The reviews `status.json` lists: those of sessions 35 to 83 ([`FIRST_LISTED_SESSION`] on), oldest first; a
/// state without one is left out.
pub fn listed(all: &BTreeMap<String, Vec<Review>>) -> BTreeMap<String, Vec<Review>> {
    all.iter()
        .map(|(iso3, reviews)| {
            let kept = reviews.iter().filter(|r| r.session >= FIRST_LISTED_SESSION);
            (iso3.clone(), kept.copied().collect::<Vec<_>>())
        })
        .filter(|(_, reviews)| !reviews.is_empty())
        .collect()
}

/// The last review year per ISO3 code, of every row of the file (see [`reviews`]).
pub fn last_reviews(
    tsv: &str,
    iso3_of_name: &HashMap<String, String>,
) -> Result<BTreeMap<String, u16>, String> {
    Ok(reviews(tsv, iso3_of_name)?
        .into_iter()
        .filter_map(|(iso3, reviews)| Some((iso3, reviews.last()?.year)))
        .collect())
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
    fn lists_every_review_from_session_35_oldest_first() {
        let tsv = "session\tyear\tstates\n\
                   22\t1999\tPeru\n\
                   23\t1999\tBolivia (Plurinational State of)\n\
                   36\t2006\tPeru\n\
                   49\t2012\tPeru; Bolivia (Plurinational State of)\n\
                   65\t2018\tPeru\n";
        let all = reviews(tsv, &names()).unwrap();
        let review = |session, year| Review { session, year };
        assert_eq!(
            all["PER"],
            [
                review(22, 1999),
                review(36, 2006),
                review(49, 2012),
                review(65, 2018)
            ]
        );
        let kept = listed(&all);
        assert_eq!(
            kept["PER"],
            [review(36, 2006), review(49, 2012), review(65, 2018)]
        );
        assert_eq!(kept["BOL"], [review(49, 2012)]);
        // A review before session 35 still counts for the last review year.
        let only_early = "session\tyear\tstates\n23\t1999\tPeru\n";
        assert!(listed(&reviews(only_early, &names()).unwrap()).is_empty());
        assert_eq!(last_reviews(only_early, &names()).unwrap()["PER"], 1999);
    }

    #[test]
    fn sessions_go_in_order_each_once_and_a_state_once_per_session() {
        for (tsv, message) in [
            (
                "session\tyear\tstates\n49\t2012\tPeru\n36\t2006\tPeru\n",
                "cat_review_sessions.tsv line 3 (session 36): after session 49 (2012): sessions go in order, \
                 each once, years with them",
            ),
            (
                "session\tyear\tstates\n49\t2012\tPeru\n49\t2012\tBolivia (Plurinational State of)\n",
                "cat_review_sessions.tsv line 3 (session 49): after session 49 (2012): sessions go in order, \
                 each once, years with them",
            ),
            (
                "session\tyear\tstates\n49\t2012\tPeru\n50\t2011\tPeru\n",
                "cat_review_sessions.tsv line 3 (session 50): after session 49 (2012): sessions go in order, \
                 each once, years with them",
            ),
            (
                "session\tyear\tstates\n49\t2012\tPeru; Peru\n",
                "cat_review_sessions.tsv line 2 (session 49): \"Peru\" twice",
            ),
            (
                "session\tyear\tstates\nXLIX\t2012\tPeru\n",
                "cat_review_sessions.tsv line 2 (session XLIX): session \"XLIX\" is not a number",
            ),
        ] {
            assert_eq!(reviews(tsv, &names()).unwrap_err(), message);
        }
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
        // The listed reviews: sessions 35 to 83, and the last of them is the last review where both exist.
        let all = reviews(include_str!("../../data/cat_review_sessions.tsv"), &names).unwrap();
        let listed = listed(&all);
        assert_eq!(
            listed.len(),
            142,
            "3 states' only review is before session 35"
        );
        for (iso3, reviews) in &listed {
            assert!(reviews.iter().all(|r| (35..=83).contains(&r.session)));
            assert_eq!(reviews.last().map(|r| r.year), last.get(iso3).copied());
        }
    }
}
