//! Territories a party's ratification applies to (or excludes), as the end notes of the UNTC pages say
//! (`crate::untc::notes`): `data/territories.csv`, rebuilt by every refresh, from the pages and the names a
//! maintainer lists in `data/untc-territories.csv` (a note's wording → ISO3).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::table::{check_iso3, read_csv, Names, TerritoryRow, Treaty};
use crate::untc::notes;
use crate::untc::StatusPage;

/// The names of territories as the notes write them, per party: hand-maintained.
pub const TERRITORY_NAMES_FILE: &str = "untc-territories.csv";
/// `data/untc-territories.csv`: (party, name as the notes write it) → ISO3 codes; an empty code marks a name
/// that is no territory to draw (the party itself, "the Kingdom in Europe", Hong Kong under the United Kingdom
/// before 1997).
pub struct TerritoryNames {
    rows: Vec<(String, String, String)>,
}

#[derive(Deserialize)]
struct NameRow {
    party: String,
    untc_name: String,
    iso3: String,
}

impl TerritoryNames {
    pub fn parse(text: &str) -> Result<TerritoryNames, String> {
        let mut rows = Vec::new();
        for row in read_csv::<NameRow>(text, TERRITORY_NAMES_FILE)? {
            check_iso3(TERRITORY_NAMES_FILE, &row.untc_name, &row.party, false)?;
            check_iso3(TERRITORY_NAMES_FILE, &row.untc_name, &row.iso3, true)?;
            rows.push((row.party, row.untc_name, row.iso3));
        }
        Ok(TerritoryNames { rows })
    }

    fn names_of(&self, party: &str) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .rows
            .iter()
            .filter(|(p, ..)| p == party)
            .map(|(_, name, _)| name.as_str())
            .collect();
        names.dedup();
        names
    }

    fn codes(&self, party: &str, name: &str) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|(p, n, code)| p == party && n == name && !code.is_empty())
            .map(|(.., code)| code.as_str())
            .collect()
    }
}

/// The territories table from the pages' notes: for every participant, each note its name refers to, each
/// territory that note applies the treaty to or excludes. Problems (a note not on the page, a name the names
/// file does not know, two notes that disagree) are added to `problems`.
pub fn territory_rows(
    pages: &[(Treaty, &StatusPage)],
    names: &Names,
    territories: &TerritoryNames,
    problems: &mut Vec<String>,
) -> Vec<TerritoryRow> {
    let mut rows: BTreeMap<(String, String), TerritoryRow> = BTreeMap::new();
    for (treaty, page) in pages {
        let file = treaty.file();
        for participant in page.participants.iter().filter(|p| !p.notes.is_empty()) {
            let Ok(party) = names.iso3(&participant.name, file) else {
                continue; // Reported by the status rows.
            };
            let known = territories.names_of(party);
            for &number in &participant.notes {
                let Some(text) = page.notes.get(&number) else {
                    problems.push(format!(
                        "{file}: {} refers to note {number}, which is not on the page",
                        participant.name
                    ));
                    continue;
                };
                let said = notes::territorial(text, &known);
                for name in said.unknown {
                    problems.push(format!(
                        "{file}: note {number} ({}) names {name:?}, which data/{TERRITORY_NAMES_FILE} does not \
                         list: add a row `{party},{name},ISO3` (an empty ISO3 if it is no territory to draw)",
                        participant.name
                    ));
                }
                for (name, effect) in said.named {
                    for code in territories.codes(party, &name) {
                        let row = TerritoryRow {
                            territory: code.to_owned(),
                            treaty: treaty.label().to_owned(),
                            party: party.to_owned(),
                            effect: effect.key().to_owned(),
                            note: number,
                        };
                        let key = (row.territory.clone(), row.treaty.clone());
                        match rows.get(&key) {
                            Some(old) if (&old.party, &old.effect) != (&row.party, &row.effect) => {
                                problems.push(format!(
                                    "{file}: notes {} and {number} disagree about {code}",
                                    old.note
                                ))
                            }
                            Some(_) => {}
                            None => {
                                rows.insert(key, row);
                            }
                        }
                    }
                }
            }
        }
    }
    rows.into_values().collect()
}

/// One line per territory row added, removed or changed.
pub fn changes(old: &[TerritoryRow], new: &[TerritoryRow]) -> Vec<String> {
    let key = |r: &TerritoryRow| (r.territory.clone(), r.treaty.clone());
    let describe = |r: &TerritoryRow| {
        format!(
            "{} {} through {} (note {})",
            r.treaty, r.effect, r.party, r.note
        )
    };
    let old_rows: BTreeMap<_, _> = old.iter().map(|r| (key(r), r)).collect();
    let new_rows: BTreeMap<_, _> = new.iter().map(|r| (key(r), r)).collect();
    let mut lines = Vec::new();
    for (k, row) in &new_rows {
        match old_rows.get(k) {
            None => lines.push(format!("{}: {} — new", row.territory, describe(row))),
            Some(before) if before != row => lines.push(format!(
                "{}: {} — was {}",
                row.territory,
                describe(row),
                describe(before)
            )),
            Some(_) => {}
        }
    }
    for (k, row) in &old_rows {
        if !new_rows.contains_key(k) {
            lines.push(format!(
                "{}: {} — no longer on the page",
                row.territory,
                describe(row)
            ));
        }
    }
    lines
}

/// The names file's rows that no note of the saved pages uses, for a note to the maintainer.
pub fn unused(
    territories: &TerritoryNames,
    pages: &[(Treaty, &StatusPage)],
    names: &Names,
) -> Vec<String> {
    let mut used = std::collections::BTreeSet::new();
    for (treaty, page) in pages {
        for participant in &page.participants {
            let Ok(party) = names.iso3(&participant.name, treaty.file()) else {
                continue;
            };
            let known = territories.names_of(party);
            for number in &participant.notes {
                if let Some(text) = page.notes.get(number) {
                    for (name, _) in notes::territorial(text, &known).named {
                        used.insert((party.to_owned(), name));
                    }
                }
            }
        }
    }
    territories
        .rows
        .iter()
        .filter(|(party, name, _)| !used.contains(&(party.clone(), name.clone())))
        .map(|(party, name, _)| {
            format!("data/{TERRITORY_NAMES_FILE}: {party},{name} is named by no note")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn territory_names_take_codes_as_the_core_reads_them() {
        let header = "party,untc_name,iso3\n";
        let names = TerritoryNames::parse(&format!(
            "{header}GBR,Gibraltar,GIB\nGBR,the United Kingdom,\n"
        ))
        .unwrap();
        assert_eq!(names.codes("GBR", "Gibraltar"), ["GIB"]);
        assert!(names.codes("GBR", "the United Kingdom").is_empty());
        for (row, error) in [
            (
                "GBR,Gibraltar,gib",
                "\"Gibraltar\": \"gib\" is not an ISO 3166-1 alpha-3 code",
            ),
            (
                ",Gibraltar,GIB",
                "\"Gibraltar\": \"\" is not an ISO 3166-1 alpha-3 code",
            ),
        ] {
            let message = TerritoryNames::parse(&format!("{header}{row}\n"))
                .err()
                .unwrap();
            assert_eq!(message, format!("untc-territories.csv: {error}"));
        }
    }
}
