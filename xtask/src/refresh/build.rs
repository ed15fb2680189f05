//! Checks a parsed page and builds the new tables from the pages, the name map and the current table.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::table::{
    DeclarationRow, Names, Row, Treaty, DECLARATIONS_FILE, NAMES_FILE, STATUS_FILE,
};
use crate::untc::{self, Participant, StatusPage};

/// Stated totals against counted ones, signature before party, no participant twice.
pub fn check_page(treaty: Treaty, page: &StatusPage, problems: &mut Vec<String>) {
    let file = treaty.file();
    let (stated, counted) = (page.stated, page.counted());
    for (what, stated, counted) in [
        ("parties", stated.parties, counted.parties),
        ("signatories", stated.signatories, counted.signatories),
    ] {
        if stated != counted {
            problems.push(format!(
                "{file}: the page states {stated} {what}, its participant table has {counted}"
            ));
        }
    }
    let mut seen = HashSet::new();
    for participant in &page.participants {
        if !seen.insert(participant.name.as_str()) {
            problems.push(format!("{file}: {} is listed twice", participant.name));
        }
        if let (Some(signed), Some((party, _))) = (participant.signed, participant.party) {
            if signed > party {
                problems.push(format!(
                    "{file}: {} signed on {}, after becoming a party on {}",
                    participant.name,
                    signed.iso(),
                    party.iso()
                ));
            }
        }
    }
}

/// The new table: every current row with its treaty cells taken from the pages (cleared for a state absent
/// from a page), the UNTC spelling of its name, and its `last_cat_review` and `source_notes` kept; plus a row
/// for any participant whose ISO3 has none yet.
pub fn build_rows(
    existing: &[Row],
    names: &Names,
    pages: &[(Treaty, &StatusPage)],
    problems: &mut Vec<String>,
) -> Vec<Row> {
    let mut rows = BTreeMap::new();
    for row in existing {
        if rows.insert(row.iso3.clone(), row.clone()).is_some() {
            problems.push(format!("data/{STATUS_FILE}: {} has two rows", row.iso3));
        }
    }
    let mut on_page: Vec<(Treaty, HashMap<String, &Participant>)> = Vec::new();
    for (treaty, page) in pages {
        let mut by_iso3 = HashMap::new();
        for participant in &page.participants {
            match names.iso3(&participant.name, treaty.file()) {
                Err(e) => problems.push(e),
                Ok("") => problems.push(format!(
                    "{}: {:?} has no ISO3 in data/{NAMES_FILE} (a historical name), yet is in the \
                     participant table",
                    treaty.file(),
                    participant.name
                )),
                Ok(iso3) => {
                    if let Some(other) = by_iso3.insert(iso3.to_string(), participant) {
                        problems.push(format!(
                            "{}: {:?} and {:?} both map to {iso3} in data/{NAMES_FILE}",
                            treaty.file(),
                            other.name,
                            participant.name
                        ));
                    }
                    rows.entry(iso3.to_string()).or_insert_with(|| Row {
                        iso3: iso3.to_string(),
                        ..Row::default()
                    });
                }
            }
        }
        on_page.push((*treaty, by_iso3));
    }
    for (iso3, row) in &mut rows {
        let mut page_name = None;
        for (treaty, by_iso3) in &on_page {
            let participant = by_iso3.get(iso3).copied();
            row.set(*treaty, participant);
            page_name = page_name.or(participant.map(|p| p.name.clone()));
        }
        if let Some(name) = page_name {
            row.name = name;
        }
    }
    rows.into_values().collect()
}

/// The declarations section as table rows (`yes`/`no`, empty when the text says neither).
pub fn declaration_rows(
    cat: &StatusPage,
    names: &Names,
    problems: &mut Vec<String>,
    notes: &mut Vec<String>,
) -> Vec<DeclarationRow> {
    let file = Treaty::Cat.file();
    let Some(declarations) = &cat.declarations else {
        problems.push(format!(
            "{file}: no section \"{}\"",
            untc::DECLARATIONS_HEADING
        ));
        return Vec::new();
    };
    let yes_no = |accepts: Option<bool>| match accepts {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    let mut rows = Vec::new();
    for declaration in declarations {
        let iso3 = match names.iso3(&declaration.name, file) {
            Ok(iso3) => iso3.to_string(),
            Err(e) => {
                problems.push(format!("{e} (declarations section)"));
                continue;
            }
        };
        if declaration.accepts.is_none() && !iso3.is_empty() {
            notes.push(format!(
                "{}: the declaration's text is not on the page, so art21/art22 are left empty in data/{DECLARATIONS_FILE}",
                declaration.name
            ));
        }
        rows.push(DeclarationRow {
            iso3,
            name: declaration.name.clone(),
            art21: yes_no(declaration.accepts.map(|a| a.art21)).into(),
            art22: yes_no(declaration.accepts.map(|a| a.art22)).into(),
        });
    }
    rows
}
