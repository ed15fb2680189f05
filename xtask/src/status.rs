//! `cargo xtask data status`: converts the status table `data/cat_opcat_status.csv` (the UN Treaty Collection's
//! table) into `data/status.json`, the file the widget loads, with the reviews (sessions and years) of
//! `data/cat_review_sessions.tsv`, the article 21/22 declarations of `data/cat_art21_22_declarations.csv`, the
//! territories of `data/territories.csv` and the UN's notes of `data/un-areas.csv`; the "as at" date comes from
//! `data/sources.json`.
//!
//! The rows are validated by the widget's own rules: the document written is read back with the core's
//! `StatusTable::from_json`, and anything the widget would skip is an error naming the row. Checked here are
//! only what the core cannot see, between the files: review years against the sessions file, declarations
//! against the parties, a territory through one party.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use treaty_map::core::date::Date;
use treaty_map::core::status::StatusTable;

use crate::reviews::Review;
use crate::table::{
    read_csv, Cells, DeclarationRow, Row, TerritoryRow, Treaty, AREAS_FILE, DECLARATIONS_FILE,
    REVIEWS_FILE, STATUS_FILE, TERRITORIES_FILE,
};

/// The source named in `status.json`.
const STATUS_SOURCE: &str = "UN Treaty Collection";
/// The file this module writes.
pub const STATUS_JSON: &str = "status.json";

/// `data/sources.json`: the "as at" date of the UNTC pages the status table was built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sources {
    pub untc_status_as_of: String,
}

impl Sources {
    pub const FILE: &'static str = "sources.json";

    /// Reads `data/sources.json`; the date must be one the core reads (`Date::parse_iso`).
    pub fn read(data: &Path) -> Result<Sources, String> {
        let path = data.join(Sources::FILE);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let sources: Sources =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        sources.as_of().ok_or_else(|| {
            format!(
                "{}: untc_status_as_of {:?} is not a YYYY-MM-DD date",
                path.display(),
                sources.untc_status_as_of
            )
        })?;
        Ok(sources)
    }

    /// The "as at" date, if it is one.
    pub fn as_of(&self) -> Option<Date> {
        Date::parse_iso(&self.untc_status_as_of)
    }

    /// The file's text: one line, `{"untc_status_as_of":"YYYY-MM-DD"}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default() + "\n"
    }
}

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

/// `cargo xtask data status`: writes `data/status.json` from the files beside it.
pub fn write(data: &Path) -> Result<(), String> {
    let read = |name: &str| {
        let path = data.join(name);
        fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let csv = read(STATUS_FILE)?;
    let as_of = Sources::read(data)?.untc_status_as_of;
    let (declarations, reviews) = (read(DECLARATIONS_FILE)?, read(REVIEWS_FILE)?);
    let (territories, areas) = (read(TERRITORIES_FILE)?, read(AREAS_FILE)?);
    let inputs = StatusInputs {
        csv: &csv,
        as_of: &as_of,
        declarations: &declarations,
        reviews: &reviews,
        territories: &territories,
        areas: &areas,
    };
    let (json, count) = status_json(&inputs).map_err(|e| format!("{}/{e}", data.display()))?;
    let target = data.join(STATUS_JSON);
    fs::write(&target, json).map_err(|e| format!("{}: {e}", target.display()))?;
    println!("wrote {count} states to {}", target.display());
    Ok(())
}

/// Converts the status table's CSV text into `status.json`'s text; also returns the number of states. Reviews
/// are derived from the sessions file: the last review's year (of any session) must equal the table's
/// `last_cat_review` column, and the reviews of sessions 35 to 83 are listed; article 21/22
/// acceptance comes from the declarations table (a CAT party without a row accepts neither). The text is then
/// read as the widget reads it, and must load without a diagnostic. Errors start with the file they are about,
/// and name the row.
pub fn status_json(inputs: &StatusInputs) -> Result<(String, usize), String> {
    let as_of = inputs.as_of;
    let rows: Vec<Row> = read_csv(inputs.csv, STATUS_FILE)?;
    let names: HashMap<String, String> = rows
        .iter()
        .map(|r| (r.name.clone(), r.iso3.clone()))
        .collect();
    let all_reviews = crate::reviews::reviews(inputs.reviews, &names)?;
    let listed = crate::reviews::listed(&all_reviews);
    let declarations = read_declarations(inputs.declarations)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{{\"as_of\":\"{as_of}\",\"source\":\"{STATUS_SOURCE}\",\"review_source\":\"{}\",\"states\":[",
        crate::reviews::REVIEW_SOURCE
    );
    for (index, row) in rows.iter().enumerate() {
        let derived = all_reviews
            .get(&row.iso3)
            .and_then(|reviews| reviews.last())
            .map(|review| review.year.to_string())
            .unwrap_or_default();
        if derived != row.last_cat_review {
            return Err(format!(
                "{STATUS_FILE}: {} ({}): last_cat_review {:?} in the status table, but {REVIEWS_FILE} gives \
                 {derived:?}",
                row.iso3, row.name, row.last_cat_review
            ));
        }
        let listed = listed.get(&row.iso3).map_or(&[][..], Vec::as_slice);
        let line = state_json(row, listed, declarations.get(&row.iso3).copied())
            .map_err(|e| format!("{STATUS_FILE}: {} ({}): {e}", row.iso3, row.name))?;
        if index > 0 {
            out.push_str(",\n");
        }
        out.push_str(&line);
    }
    out.push_str("\n],\"areas\":[\n");
    out.push_str(&areas_json(inputs)?.join(",\n"));
    out.push_str("\n]}\n");
    validate(&out)?;
    Ok((out, rows.len()))
}

/// Reads `status.json`'s text as the widget does (`StatusTable::from_json`): the file must load, and every row
/// with it. A state's row number is its row in the status table; an area's, its place in ISO3 order.
fn validate(json: &str) -> Result<(), String> {
    let (_, diagnostics) = StatusTable::from_json(json)
        .map_err(|e| format!("{STATUS_JSON} as built: the widget cannot load it: {e}"))?;
    if diagnostics.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    Err(format!(
        "{STATUS_JSON} as built: the widget would skip {} row(s) (a status row's number is its row in \
         {STATUS_FILE}):\n  {}",
        listed.len(),
        listed.join("\n  ")
    ))
}

/// The areas that are not states and have something to say: the party whose ratification applies to (or
/// excludes) a territory, per treaty and note (`territories.csv`), and the UN's notes (`un-areas.csv`). One JSON
/// object per area, by ISO3: `{"iso3":"GIB","party":"GBR","cat":{"effect":"applies","note":12},"notes":[…]}`.
/// A territory named by rows of both treaties is one area: the rows must name the same party.
fn areas_json(inputs: &StatusInputs) -> Result<Vec<String>, String> {
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
    let mut areas: BTreeMap<String, AreaOut> = BTreeMap::new();
    fn entry<'m>(areas: &'m mut BTreeMap<String, AreaOut>, iso3: &str) -> &'m mut AreaOut {
        areas.entry(iso3.to_owned()).or_insert_with(|| AreaOut {
            iso3: iso3.to_owned(),
            ..AreaOut::default()
        })
    }
    let territories: Vec<TerritoryRow> = read_csv(inputs.territories, TERRITORIES_FILE)?;
    for row in &territories {
        let area = entry(&mut areas, &row.territory);
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
    let notes: Vec<NoteRow> = read_csv(inputs.areas, AREAS_FILE)?;
    for row in &notes {
        entry(&mut areas, &row.iso3).notes.push(row.note.clone());
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
    /// Every review of sessions 35 to 83, oldest first (`crate::reviews::listed`).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    reviews: &'a [Review],
    #[serde(skip_serializing_if = "Option::is_none")]
    art21: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    art22: Option<bool>,
}

/// Article 21 and 22 acceptance per ISO3; `None` where the table leaves a cell empty (not recorded).
type Declarations = (Option<bool>, Option<bool>);

fn read_declarations(csv: &str) -> Result<HashMap<String, Declarations>, String> {
    let mut out = HashMap::new();
    for row in read_csv::<DeclarationRow>(csv, DECLARATIONS_FILE)? {
        if row.iso3.is_empty() {
            continue; // A historical participant (Yugoslavia (former)).
        }
        let answer = |cell: &str| match cell {
            "yes" => Ok(Some(true)),
            "no" => Ok(Some(false)),
            "" => Ok(None),
            other => Err(format!(
                "{DECLARATIONS_FILE} {}: {other:?} is not yes, no or empty",
                row.iso3
            )),
        };
        let answers = (answer(&row.art21)?, answer(&row.art22)?);
        out.insert(row.iso3, answers);
    }
    Ok(out)
}

/// One treaty's cells of a status row, empty cells left out. Whether they make sense together is the core's
/// to say (`validate`).
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

impl<'a> From<Cells<'a>> for TreatyOut<'a> {
    fn from(cells: Cells<'a>) -> TreatyOut<'a> {
        let optional = |text: &'a str| (!text.is_empty()).then_some(text);
        TreatyOut {
            signed: optional(cells.signed),
            signed_act: optional(cells.signed_act),
            party: optional(cells.party),
            act: optional(cells.act),
        }
    }
}

impl TreatyOut<'_> {
    /// No cell at all: the treaty is left out of the state's line. A cell without the cells it needs (an act
    /// without a party date) is written, for the core to reject.
    fn is_empty(&self) -> bool {
        [self.signed, self.signed_act, self.party, self.act]
            .iter()
            .all(Option::is_none)
    }
}

/// A state's line of `status.json`, with its listed `reviews`. The declarations table may only name CAT parties.
fn state_json(
    row: &Row,
    reviews: &[Review],
    declarations: Option<Declarations>,
) -> Result<String, String> {
    let last_review = match row.last_cat_review.as_str() {
        "" => None,
        year => Some(
            year.parse()
                .map_err(|_| format!("last_cat_review {year:?} is not a year"))?,
        ),
    };
    let cat = TreatyOut::from(row.cells(Treaty::Cat));
    let (art21, art22) = match (cat.party.is_some(), declarations) {
        (true, Some(answers)) => answers,
        (true, None) => (Some(false), Some(false)),
        (false, None) => (None, None),
        (false, Some(_)) => {
            return Err(format!(
                "declarations under articles 21/22 in {DECLARATIONS_FILE} but not a CAT party"
            ))
        }
    };
    let state = StateOut {
        iso3: &row.iso3,
        name: &row.name,
        cat,
        opcat: TreatyOut::from(row.cells(Treaty::Opcat)),
        last_review,
        reviews,
        art21,
        art22,
    };
    serde_json::to_string(&state).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::write_csv;

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
            source_notes: String::new(),
        }
    }

    /// `status.json` from one status row, with Peru's review in 2018 and no declarations, territories or notes.
    fn status_of(row: Row) -> Result<String, String> {
        let csv = write_csv(&[row])?;
        let inputs = StatusInputs {
            csv: &csv,
            as_of: "2026-02-03",
            declarations: "iso3,name,art21,art22\n",
            reviews: "session\tyear\tstates\n65\t2018\tPeru\n",
            territories: "territory,treaty,party,effect,note\n",
            areas: "iso3,note,source\n",
        };
        status_json(&inputs).map(|(json, _)| json)
    }

    #[test]
    fn writes_a_row_the_widget_reads() {
        assert_eq!(
            state_json(&row("1985-05-29", "1988-07-07", "ratification"), &[], None).unwrap(),
            r#"{"iso3":"PER","name":"Peru","cat":{"signed":"1985-05-29","party":"1988-07-07","act":"ratification"},"opcat":{"party":"2006-09-14","act":"accession"},"last_review":2018,"art21":false,"art22":false}"#
        );
        assert!(status_of(row("1985-05-29", "1988-07-07", "ratification"))
            .unwrap()
            .contains(r#""last_review":2018,"reviews":[{"session":65,"year":2018}],"art21""#));
    }

    /// The core's rules apply, with the row named: each case is a valid row with one thing wrong, which the
    /// widget would skip. (The wording of each reason is the core's, and tested there.)
    #[test]
    fn rejects_inconsistent_rows() {
        let valid = row("1985-05-29", "1988-07-07", "ratification");
        assert!(status_of(valid.clone()).is_ok());
        let signed_how = |act: &str, signed: &str| Row {
            cat_signed: signed.into(),
            cat_signed_action: act.into(),
            ..valid.clone()
        };
        for (row, shown) in [
            (row("1989-01-01", "1988-07-07", "ratification"), "PER"),
            (row("", "1988-07-07", "ratified"), "ratified"),
            (row("", "", "accession"), "PER"),
            (signed_how("succession", ""), "PER"),
            (signed_how("ratification", "1985-05-29"), "ratification"),
            (row("7 Jul 1988", "", ""), "7 Jul 1988"),
            (row("1988-02-30", "", ""), "1988-02-30"),
            (row("1984-12-31", "", ""), "1984-12-31"),
            (
                Row {
                    iso3: "Per".into(),
                    ..valid.clone()
                },
                "\"Per\"",
            ),
        ] {
            let message = status_of(row).unwrap_err();
            assert!(
                message.starts_with("status.json as built: the widget would skip 1 row(s)"),
                "{message}"
            );
            assert!(message.contains("\n  status row 1: "), "{message}");
            assert!(message.contains(shown), "{shown:?} not in {message:?}");
        }
        assert!(status_of(signed_how("succession", "1985-05-29"))
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
        assert!(json.contains(
            "\"last_review\":2018,\"reviews\":[{\"session\":65,\"year\":2018}],\"art21\":true,\"art22\":true}"
        ));
        assert!(json.ends_with(
            "],\"areas\":[\n\
             {\"iso3\":\"MSR\",\"party\":\"PER\",\"cat\":{\"effect\":\"applies\",\"note\":12},\"notes\":[\"non-self-governing\"]},\n\
             {\"iso3\":\"XKX\",\"notes\":[\"kosovo\"]}\n]}\n"
        ));
        // Areas the widget would skip: a state as an area, a party without a status row, an unknown effect or
        // note.
        for (territories, areas, shown) in [
            (
                "territory,treaty,party,effect,note\nPER,CAT,PER,applies,1\n",
                "iso3,note,source\n",
                "PER",
            ),
            (
                "territory,treaty,party,effect,note\nMSR,CAT,GBR,applies,1\n",
                "iso3,note,source\n",
                "GBR",
            ),
            (
                "territory,treaty,party,effect,note\nMSR,CAT,PER,applied,1\n",
                "iso3,note,source\n",
                "applied",
            ),
            (
                "territory,treaty,party,effect,note\n",
                "iso3,note,source\nXKX,mars,x\n",
                "mars",
            ),
        ] {
            let bad = StatusInputs {
                territories,
                areas,
                ..inputs
            };
            let message = status_json(&bad).unwrap_err();
            assert!(
                message.starts_with("status.json as built: the widget would skip 1 row(s)"),
                "{message}"
            );
            assert!(message.contains("\n  area row 1: "), "{message}");
            assert!(message.contains(shown), "{shown:?} not in {message:?}");
        }
        let argentina = format!("{csv}ARG,Argentina,,,,,,,,,,\r\n");
        let two_parties = StatusInputs {
            csv: &argentina,
            territories: "territory,treaty,party,effect,note\nMSR,CAT,PER,applies,1\nMSR,OPCAT,ARG,applies,1\n",
            ..inputs
        };
        assert_eq!(
            status_json(&two_parties).unwrap_err(),
            "territories.csv: MSR through two parties"
        );
        assert!(status_json(&StatusInputs {
            territories: "territory,treaty,party,effect,note\nMSR,CAT,PER,applies,1\nMSR,OPCAT,PER,applies,1\n",
            ..two_parties
        })
        .unwrap()
        .0
        .contains(r#"{"iso3":"MSR","party":"PER","cat":{"effect":"applies","note":1},"opcat":{"effect":"applies","note":1}"#));
        let unparty = StatusInputs {
            csv: &csv.replace("1988-07-07,ratification", ","),
            ..inputs
        };
        assert_eq!(
            status_json(&unparty).unwrap_err(),
            "cat_opcat_status.csv: PER (Peru): declarations under articles 21/22 in \
             cat_art21_22_declarations.csv but not a CAT party"
        );
        let stale = StatusInputs {
            reviews: "session\tyear\tstates\n83\t2025\tPeru\n",
            ..inputs
        };
        assert_eq!(
            status_json(&stale).unwrap_err(),
            "cat_opcat_status.csv: PER (Peru): last_cat_review \"2018\" in the status table, but \
             cat_review_sessions.tsv gives \"2025\""
        );
        let stale_as_of = StatusInputs {
            as_of: "2026-02-30",
            ..inputs
        };
        let message = status_json(&stale_as_of).unwrap_err();
        assert!(
            message.starts_with("status.json as built: the widget cannot load it: ")
                && message.contains("as_of")
                && message.contains("2026-02-30"),
            "{message}"
        );
        fs::write(
            dir.path().join(Sources::FILE),
            "{\"untc_status_as_of\":\"3 Feb 2026\"}",
        )
        .unwrap();
        assert!(Sources::read(dir.path())
            .unwrap_err()
            .contains("untc_status_as_of \"3 Feb 2026\" is not a YYYY-MM-DD date"));
    }
}
