//! The human-readable diff that `data refresh` prints before writing: one line per change, e.g.
//! `Colombia: OPCAT party since 10 November 2025 (accession) — new` or
//! `Angola: OPCAT party since 1 March 2026 (ratification) — was signatory since 24 September 2013`.

use std::collections::HashMap;

use crate::table::{Cells, DeclarationRow, Row, Treaty};
use crate::untc::Date;

/// Changes in the status table, in the new table's (ISO3) order, then rows that disappeared.
pub fn status_changes(old: &[Row], new: &[Row]) -> Vec<String> {
    let old_rows: HashMap<&str, &Row> = old.iter().map(|row| (row.iso3.as_str(), row)).collect();
    let blank = Row::default();
    let mut lines = Vec::new();
    for row in new {
        let before = match old_rows.get(row.iso3.as_str()) {
            Some(before) => before,
            None => {
                lines.push(format!("{}: new state row ({})", row.name, row.iso3));
                &blank
            }
        };
        if !before.name.is_empty() && before.name != row.name {
            lines.push(format!("{}: name now {:?}", before.name, row.name));
        }
        for treaty in Treaty::BOTH {
            if let Some(line) = treaty_change(treaty, before.cells(treaty), row.cells(treaty)) {
                lines.push(format!("{}: {line}", row.name));
            }
        }
    }
    let new_iso3: Vec<&str> = new.iter().map(|row| row.iso3.as_str()).collect();
    for row in old
        .iter()
        .filter(|row| !new_iso3.contains(&row.iso3.as_str()))
    {
        lines.push(format!("{}: state row removed ({})", row.name, row.iso3));
    }
    lines
}

fn treaty_change(treaty: Treaty, before: Cells, after: Cells) -> Option<String> {
    if before == after {
        return None;
    }
    let label = treaty.label();
    let (was, now) = (describe(before), describe(after));
    Some(if was != now {
        let was = if participant(before) {
            format!("was {was}")
        } else {
            "new".to_string()
        };
        format!("{label} {now} — {was}")
    } else {
        // Same status and date: only the signature changed.
        let signature = |cells: Cells| match cells.signed_act {
            "" => long_or_none(cells.signed),
            act => format!("{} ({act})", long_or_none(cells.signed)),
        };
        format!(
            "{label} signature {} — was {}",
            signature(after),
            signature(before)
        )
    })
}

fn participant(cells: Cells) -> bool {
    !cells.signed.is_empty() || !cells.party.is_empty()
}

fn describe(cells: Cells) -> String {
    let by_succession = if cells.signed_act.is_empty() {
        String::new()
    } else {
        format!(" ({})", cells.signed_act)
    };
    if !cells.party.is_empty() {
        format!("party since {} ({})", long(cells.party), cells.act)
    } else if !cells.signed.is_empty() {
        format!("signatory since {}{by_succession}", long(cells.signed))
    } else {
        "not a participant".into()
    }
}

/// `1988-07-07` → `7 July 1988` (text that is not a date is shown as it is).
fn long(iso: &str) -> String {
    Date::parse_iso(iso).map_or_else(|| iso.to_string(), |date| date.to_string())
}

fn long_or_none(iso: &str) -> String {
    match iso {
        "" => "none".into(),
        date => long(date),
    }
}

/// Changes in the declarations table, keyed by ISO3 (or by name for historical entries).
pub fn declaration_changes(old: &[DeclarationRow], new: &[DeclarationRow]) -> Vec<String> {
    let key = |row: &DeclarationRow| match row.iso3.as_str() {
        "" => row.name.clone(),
        iso3 => iso3.to_string(),
    };
    let old_rows: HashMap<String, &DeclarationRow> =
        old.iter().map(|row| (key(row), row)).collect();
    let mut lines = Vec::new();
    for row in new {
        let now = accepts(row);
        match old_rows.get(&key(row)) {
            None => lines.push(format!("{}: declarations {now} — new", row.name)),
            Some(before) if accepts(before) != now => lines.push(format!(
                "{}: declarations {now} — was {}",
                row.name,
                accepts(before)
            )),
            Some(_) => {}
        }
    }
    let new_keys: Vec<String> = new.iter().map(key).collect();
    for row in old.iter().filter(|row| !new_keys.contains(&key(row))) {
        lines.push(format!(
            "{}: no longer in the declarations section — was {}",
            row.name,
            accepts(row)
        ));
    }
    lines
}

fn accepts(row: &DeclarationRow) -> String {
    let word = |cell: &str| match cell {
        "" => "not stated".to_string(),
        other => other.to_string(),
    };
    format!(
        "article 21 {}, article 22 {}",
        word(&row.art21),
        word(&row.art22)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::slice;

    fn row(opcat_signed: &str, opcat_party: &str, act: &str) -> Row {
        Row {
            iso3: "AGO".into(),
            name: "Angola".into(),
            opcat_signed: opcat_signed.into(),
            opcat_party: opcat_party.into(),
            opcat_party_action: act.into(),
            ..Row::default()
        }
    }

    #[test]
    fn one_line_per_change() {
        let signatory = row("2013-09-24", "", "");
        let party = row("2013-09-24", "2026-03-01", "ratification");
        assert_eq!(
            status_changes(slice::from_ref(&signatory), slice::from_ref(&party)),
            ["Angola: OPCAT party since 1 March 2026 (ratification) — was signatory since 24 September 2013"]
        );
        assert_eq!(
            status_changes(slice::from_ref(&party), &[row("", "", "")]),
            ["Angola: OPCAT not a participant — was party since 1 March 2026 (ratification)"]
        );
        assert_eq!(
            status_changes(
                slice::from_ref(&party),
                &[row("2013-09-25", "2026-03-01", "ratification")]
            ),
            ["Angola: OPCAT signature 25 September 2013 — was 24 September 2013"]
        );
        let renamed = Row {
            name: "Republic of Angola".into(),
            ..party.clone()
        };
        assert_eq!(
            status_changes(slice::from_ref(&party), &[renamed]),
            ["Angola: name now \"Republic of Angola\""]
        );
        assert!(status_changes(slice::from_ref(&party), slice::from_ref(&party)).is_empty());
        assert_eq!(
            status_changes(&[], &[signatory]),
            [
                "Angola: new state row (AGO)",
                "Angola: OPCAT signatory since 24 September 2013 — new"
            ]
        );
    }

    #[test]
    fn declaration_lines() {
        let entry = |art21: &str, art22: &str| DeclarationRow {
            iso3: "HND".into(),
            name: "Honduras".into(),
            art21: art21.into(),
            art22: art22.into(),
        };
        assert_eq!(
            declaration_changes(&[], &[entry("no", "yes")]),
            ["Honduras: declarations article 21 no, article 22 yes — new"]
        );
        assert_eq!(
            declaration_changes(&[entry("no", "yes")], &[entry("yes", "yes")]),
            ["Honduras: declarations article 21 yes, article 22 yes — was article 21 no, article 22 yes"]
        );
        assert_eq!(
            declaration_changes(&[entry("", "")], &[]),
            ["Honduras: no longer in the declarations section — was article 21 not stated, article 22 not stated"]
        );
    }
}
