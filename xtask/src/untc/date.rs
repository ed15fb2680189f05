//! Dates and acts as the UN Treaty Collection writes them: `4 Feb 1985` in a participant cell, followed by an
//! optional act suffix (`a` accession, `d` succession, none = ratification); `03-02-2026` in the page's
//! "STATUS AS AT" line; `YYYY-MM-DD` in the project's CSV.

pub use treaty_map::core::date::Date;
use treaty_map::core::date::MONTHS;
pub use treaty_map::core::status::Act;

/// Parses UNTC's `DD-MM-YYYY` (the "STATUS AS AT" line).
pub fn parse_dmy(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Date::new(number(y)?, number(m)?, number(d)?)
}

/// Parses UNTC's `4 Feb 1985` (three tokens; the month abbreviated or in full).
pub fn parse_untc(day: &str, month: &str, year: &str) -> Option<Date> {
    let month = month.to_ascii_lowercase();
    let index = MONTHS.iter().position(|full| {
        let full = full.to_ascii_lowercase();
        (month.len() >= 3 && full.starts_with(&month)) || (month == "sept" && full == "september")
    })?;
    if day.is_empty() || day.len() > 2 || year.len() != 4 {
        return None;
    }
    Date::new(number(year)?, index as u8 + 1, number(day)?)
}

fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// What one date cell of the participant table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub date: Date,
    /// The suffix after the date: `None` for none, else the letter (`a`, `d`, …).
    pub suffix: Option<char>,
}

/// Parses a date cell's text (`4 Feb 1985`, `11 May 1994 a`); `Ok(None)` for an empty cell. The error says
/// what the cell held.
pub fn parse_cell(text: &str) -> Result<Option<Cell>, String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let (date, suffix) = match tokens.as_slice() {
        [] => return Ok(None),
        [d, m, y] => (parse_untc(d, m, y), None),
        [d, m, y, s] => (parse_untc(d, m, y), Some(*s)),
        _ => (None, None),
    };
    let suffix = match suffix {
        None => Ok(None),
        Some(s) if s.chars().count() == 1 && s.chars().all(|c| c.is_ascii_alphabetic()) => {
            Ok(s.chars().next())
        }
        Some(_) => Err(()),
    };
    match (date, suffix) {
        (Some(date), Ok(suffix)) => Ok(Some(Cell { date, suffix })),
        _ => Err(format!(
            "{:?} is not a date like \"4 Feb 1985\", optionally followed by a one-letter act (a, d)",
            tokens.join(" ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_untc_cells() {
        let cell = parse_cell("\u{a0}4 Feb\t 1985 ").unwrap().unwrap();
        assert_eq!((cell.date.iso(), cell.suffix), ("1985-02-04".into(), None));
        let cell = parse_cell("11 May\t 1994 a").unwrap().unwrap();
        assert_eq!(
            (cell.date.iso(), cell.suffix),
            ("1994-05-11".into(), Some('a'))
        );
        assert_eq!(parse_cell(" \u{a0} ").unwrap(), None);
        assert_eq!(
            parse_cell("29 September 2000").unwrap().unwrap().date.iso(),
            "2000-09-29"
        );
    }

    #[test]
    fn rejects_garbled_cells() {
        for text in [
            "4 Fbx 1985",
            "31 Apr 1990",
            "4 Feb 85",
            "4 Feb 1985 ab",
            "Feb 1985",
            "x",
        ] {
            let error = parse_cell(text).unwrap_err();
            assert!(error.contains("is not a date like"), "{text}: {error}");
        }
    }

    #[test]
    fn reads_and_writes_other_forms() {
        let date = parse_dmy("03-02-2026").unwrap();
        assert_eq!(date.iso(), "2026-02-03");
        assert_eq!(Date::parse_iso("2026-02-03"), Some(date));
        assert_eq!(date.to_string(), "3 February 2026");
        assert_eq!(Date::parse_iso("2026-2-03"), None);
        assert_eq!(Date::parse_iso("2025-02-29"), None);
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("1988-07-07") < Date::parse_iso("1988-12-01"));
    }
}
