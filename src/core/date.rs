//! Calendar dates as the treaty data writes them (`YYYY-MM-DD`) and as the widget shows them ("7 July 1988").

use std::fmt;

/// A day of the Gregorian calendar. Field order makes the derived ordering chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// The English month names, January first: the English catalogue's (`core::i18n` takes them from here, and
/// holds the other languages'), and the names the UN Treaty Collection's pages write dates with.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date, if that day exists (Gregorian leap years).
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::date::Date;
    /// assert_eq!(Date::new(2024, 2, 29).unwrap().iso(), "2024-02-29");
    /// assert!(Date::new(2023, 2, 29).is_none());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day != 0 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// A date written in the code, such as the day a treaty opened for signature. In a `const` (its only use),
    /// a day that does not exist does not compile.
    pub(crate) const fn known(year: u16, month: u8, day: u8) -> Date {
        assert!(month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month));
        Date { year, month, day }
    }

    /// Parses an ISO 8601 calendar date (`YYYY-MM-DD`); anything else, or a day that does not exist, is `None`.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::date::Date;
    /// assert_eq!(Date::parse_iso("1988-07-07").unwrap().to_string(), "7 July 1988");
    /// assert!(Date::parse_iso("1988-02-30").is_none());
    /// ```
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = digits(&text[0..4])?;
        let month = u8::try_from(digits(&text[5..7])?).ok()?;
        let day = u8::try_from(digits(&text[8..10])?).ok()?;
        Date::new(year, month, day)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The date as `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Writes the date in English, as the widget shows it: day without a leading zero, month name, year. Other
/// languages: `Catalogue::date` in `core::i18n` (a test there holds the English catalogue to this).
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS[usize::from(self.month - 1)];
        write!(f, "{} {month} {}", self.day, self.year)
    }
}

/// The number that `text` (a few decimal digits) writes, or `None` if it holds anything else. Summed by hand:
/// `str::parse` would bring its code in once per integer type.
fn digits(text: &str) -> Option<u16> {
    text.bytes().try_fold(0u16, |n, b| {
        b.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(u16::from(b - b'0')))
            .flatten()
    })
}

const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    #[test]
    fn writes_day_without_leading_zero_and_full_month() {
        let date = Date::parse_iso("2006-09-14").unwrap();
        assert_eq!(date.to_string(), "14 September 2006");
        assert_eq!(date.iso(), "2006-09-14");
        assert_eq!(date.year(), 2006);
    }

    #[test]
    fn leap_days_follow_the_gregorian_rule() {
        assert!(Date::parse_iso("2000-02-29").is_some());
        assert!(Date::parse_iso("1900-02-29").is_none());
        assert!(Date::parse_iso("2024-02-29").is_some());
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "",
            "1988-7-7",
            "1988/07/07",
            "1988-13-01",
            "1988-00-10",
            "+988-07-07",
            "1988-07-07 ",
        ] {
            assert!(Date::parse_iso(bad).is_none(), "{bad:?} parsed");
        }
    }

    #[test]
    fn orders_chronologically() {
        let a = Date::parse_iso("1985-02-04").unwrap();
        let b = Date::parse_iso("1987-04-01").unwrap();
        let c = Date::parse_iso("1987-12-01").unwrap();
        assert!(a < b && b < c);
    }
}
