//! The CSV tables of `data/` that both `data status` (`crate::status`) and `data refresh` (`crate::refresh`)
//! read: their file names, their rows, and reading and writing them. The status table
//! `data/cat_opcat_status.csv`, the name map `data/untc-names.csv`, the declarations table
//! `data/cat_art21_22_declarations.csv` and the territories table `data/territories.csv`. CSV files are written
//! with CRLF line ends and minimal quoting, like the committed table.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use treaty_map::core::iso3::Iso3;

use crate::untc::Participant;

/// The status table, from the UN Treaty Collection's pages: written by the refresh.
pub const STATUS_FILE: &str = "cat_opcat_status.csv";
/// Articles 21 and 22 declarations of CAT parties: written by the refresh.
pub const DECLARATIONS_FILE: &str = "cat_art21_22_declarations.csv";
/// The Committee's review sessions (tab-separated): hand-maintained (`crate::reviews` reads it).
pub const REVIEWS_FILE: &str = "cat_review_sessions.tsv";
/// The territories table: written by the refresh.
pub const TERRITORIES_FILE: &str = "territories.csv";
/// The UN's notes on areas that are not states (Non-Self-Governing Territories, disputed areas): editable.
pub const AREAS_FILE: &str = "un-areas.csv";

/// One row of `data/cat_opcat_status.csv`, columns in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub iso3: String,
    pub name: String,
    pub cat_signed: String,
    /// `succession` for a succession to signature (`d` after the signature date), else empty.
    pub cat_signed_action: String,
    pub cat_party: String,
    pub cat_party_action: String,
    pub opcat_signed: String,
    pub opcat_signed_action: String,
    pub opcat_party: String,
    pub opcat_party_action: String,
    pub last_cat_review: String,
    pub source_notes: String,
}

/// The two treaties, each with its UNTC page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treaty {
    Cat,
    Opcat,
}

impl Treaty {
    pub const BOTH: [Treaty; 2] = [Treaty::Cat, Treaty::Opcat];

    pub fn label(self) -> &'static str {
        match self {
            Treaty::Cat => "CAT",
            Treaty::Opcat => "OPCAT",
        }
    }

    /// The saved page's file name (the UNTC chapter number).
    pub fn file(self) -> &'static str {
        match self {
            Treaty::Cat => "IV-9.html",
            Treaty::Opcat => "IV-9-b.html",
        }
    }
}

/// A treaty's cells of a row: signature date and how (`succession` or empty), party date, act (ISO dates,
/// empty = none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cells<'a> {
    pub signed: &'a str,
    pub signed_act: &'a str,
    pub party: &'a str,
    pub act: &'a str,
}

impl Row {
    pub fn cells(&self, treaty: Treaty) -> Cells<'_> {
        match treaty {
            Treaty::Cat => Cells {
                signed: &self.cat_signed,
                signed_act: &self.cat_signed_action,
                party: &self.cat_party,
                act: &self.cat_party_action,
            },
            Treaty::Opcat => Cells {
                signed: &self.opcat_signed,
                signed_act: &self.opcat_signed_action,
                party: &self.opcat_party,
                act: &self.opcat_party_action,
            },
        }
    }

    /// Sets a treaty's cells from the page's participant row, or clears them if the state is not on the page.
    pub fn set(&mut self, treaty: Treaty, participant: Option<&Participant>) {
        let signed = participant
            .and_then(|p| p.signed)
            .map(|d| d.iso())
            .unwrap_or_default();
        let signed_act = match participant {
            Some(p) if p.signed.is_some() && p.signed_by_succession => "succession".to_owned(),
            _ => String::new(),
        };
        let (party, act) = match participant.and_then(|p| p.party) {
            Some((date, act)) => (date.iso(), act.name().to_string()),
            None => (String::new(), String::new()),
        };
        let cells = match treaty {
            Treaty::Cat => [
                &mut self.cat_signed,
                &mut self.cat_signed_action,
                &mut self.cat_party,
                &mut self.cat_party_action,
            ],
            Treaty::Opcat => [
                &mut self.opcat_signed,
                &mut self.opcat_signed_action,
                &mut self.opcat_party,
                &mut self.opcat_party_action,
            ],
        };
        for (cell, value) in cells.into_iter().zip([signed, signed_act, party, act]) {
            *cell = value;
        }
    }
}

/// One row of `data/cat_art21_22_declarations.csv`: `yes`/`no`, or empty when the page's text says neither.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclarationRow {
    pub iso3: String,
    pub name: String,
    pub art21: String,
    pub art22: String,
}

/// One row of `data/territories.csv`: a treaty applies to (or excludes) a territory through a party, as note
/// `note` of the treaty's page says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TerritoryRow {
    pub territory: String,
    /// `CAT` or `OPCAT`.
    pub treaty: String,
    pub party: String,
    /// `applies` or `excluded`.
    pub effect: String,
    pub note: u32,
}

/// Checks a code of a table as the widget's core reads codes (`Iso3::parse`); an empty code passes where
/// `empty_ok` (a name with no area). The error names the file and the row's UNTC name.
pub fn check_iso3(file: &str, untc_name: &str, code: &str, empty_ok: bool) -> Result<(), String> {
    if empty_ok && code.is_empty() {
        return Ok(());
    }
    code.parse::<Iso3>()
        .map(|_| ())
        .map_err(|e| format!("{file}: {untc_name:?}: {e}"))
}

/// Reads a CSV file's text into rows; errors name the file and the row.
pub fn read_csv<T: DeserializeOwned>(text: &str, file: &str) -> Result<Vec<T>, String> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .enumerate()
        .map(|(index, row)| row.map_err(|e| format!("{file}: row {}: {e}", index + 1)))
        .collect()
}

/// Writes rows as CSV text with a header line.
pub fn write_csv<T: Serialize>(rows: &[T]) -> Result<String, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        writer.serialize(row).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// `data/untc-names.csv`: UNTC spelling → ISO3. An empty ISO3 marks a historical participant that has no state
/// row (UNTC lists "Yugoslavia (former)" in the declarations section).
pub struct Names {
    iso3: HashMap<String, String>,
}

pub const NAMES_FILE: &str = "untc-names.csv";

#[derive(Deserialize)]
struct NameRow {
    untc_name: String,
    iso3: String,
}

impl Names {
    pub fn parse(text: &str) -> Result<Names, String> {
        let mut iso3 = HashMap::new();
        for row in read_csv::<NameRow>(text, NAMES_FILE)? {
            check_iso3(NAMES_FILE, &row.untc_name, &row.iso3, true)?;
            if iso3.insert(row.untc_name.clone(), row.iso3).is_some() {
                return Err(format!("{NAMES_FILE}: {:?} is listed twice", row.untc_name));
            }
        }
        Ok(Names { iso3 })
    }

    /// The ISO3 code for a UNTC name (empty for a historical participant), or an error telling the maintainer
    /// what to add.
    pub fn iso3(&self, name: &str, page: &str) -> Result<&str, String> {
        self.iso3.get(name).map(String::as_str).ok_or_else(|| {
            format!(
                "{page}: unknown participant {name:?}: add a row `{name},ISO3` to data/{NAMES_FILE} \
                 (columns untc_name,iso3)"
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_committed_table_byte_for_byte() {
        let path = crate::tools::repo_root().join("data/cat_opcat_status.csv");
        let text = std::fs::read_to_string(path).unwrap();
        let rows: Vec<Row> = read_csv(&text, "cat_opcat_status.csv").unwrap();
        assert_eq!(write_csv(&rows).unwrap(), text);
    }

    #[test]
    fn names_reject_bad_rows_and_explain_unknown_ones() {
        let names = Names::parse("untc_name,iso3\r\nPeru,PER\r\nYugoslavia (former),\r\n").unwrap();
        assert_eq!(names.iso3("Peru", "IV-9.html"), Ok("PER"));
        assert_eq!(names.iso3("Yugoslavia (former)", "IV-9.html"), Ok(""));
        assert_eq!(
            names.iso3("Ruritania", "IV-9.html").unwrap_err(),
            "IV-9.html: unknown participant \"Ruritania\": add a row `Ruritania,ISO3` to \
             data/untc-names.csv (columns untc_name,iso3)"
        );
        assert_eq!(
            Names::parse("untc_name,iso3\nPeru,PE\n").err().unwrap(),
            "untc-names.csv: \"Peru\": \"PE\" is not an ISO 3166-1 alpha-3 code"
        );
        assert!(Names::parse("untc_name,iso3\nPeru,PER\nPeru,PER\n")
            .err()
            .unwrap()
            .contains("listed twice"));
    }
}
