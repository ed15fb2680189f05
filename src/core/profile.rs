//! The profile panel's view model: every line of text the panel shows for one state, in order.

use crate::core::class::StatusClass;
use crate::core::content::CountryContent;
use crate::core::date::Date;
use crate::core::iso3::Iso3;
use crate::core::status::{StateStatus, Treaty, TreatyStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub iso3: Iso3,
    /// The panel's heading: the country's name.
    pub heading: String,
    pub class: StatusClass,
    /// "CAT: State party since 7 July 1988 (ratification)", the same for OPCAT, then the review line.
    pub facts: Vec<String>,
    /// "Status as at 3 February 2026 — UN Treaty Collection".
    pub source: String,
    /// The host's content for the state, if it gave any.
    pub content: Option<CountryContent>,
}

impl Profile {
    pub fn new(
        iso3: Iso3,
        name: &str,
        status: Option<&StateStatus>,
        as_of: Date,
        source: &str,
        content: Option<&CountryContent>,
    ) -> Profile {
        let facts = match status {
            Some(s) => vec![
                treaty_line(Treaty::Cat, s.cat),
                treaty_line(Treaty::Opcat, s.opcat),
                match s.last_review {
                    Some(year) => format!("Last reviewed by the Committee against Torture: {year}"),
                    None => "Last reviewed by the Committee against Torture: no review on record"
                        .to_owned(),
                },
            ],
            None => vec!["No treaty status on record for this area.".to_owned()],
        };
        Profile {
            iso3,
            heading: status.map_or(name, |s| s.name.as_str()).to_owned(),
            class: StatusClass::of(status),
            facts,
            source: format!("Status as at {as_of} — {source}"),
            content: content.filter(|c| !c.is_empty()).cloned(),
        }
    }
}

/// One treaty's line, such as "OPCAT: Signatory since 23 September 2003".
pub fn treaty_line(treaty: Treaty, status: TreatyStatus) -> String {
    let name = treaty.abbreviation();
    match status {
        TreatyStatus::Party { since, act, .. } => {
            format!("{name}: State party since {since} ({})", act.name())
        }
        TreatyStatus::Signatory { since } => format!("{name}: Signatory since {since}"),
        TreatyStatus::NoAction => format!("{name}: Not a party"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::status::Act;

    fn date(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    #[test]
    fn peru_reads_as_the_issue_describes() {
        let peru = StateStatus {
            iso3: Iso3::parse("PER").unwrap(),
            name: "Peru".into(),
            cat: TreatyStatus::Party {
                since: date("1988-07-07"),
                act: Act::Ratification,
                signed: Some(date("1985-05-29")),
            },
            opcat: TreatyStatus::Party {
                since: date("2006-09-14"),
                act: Act::Accession,
                signed: None,
            },
            last_review: Some(2018),
        };
        let profile = Profile::new(
            peru.iso3,
            "Peru",
            Some(&peru),
            date("2026-02-03"),
            "UN Treaty Collection",
            None,
        );
        assert_eq!(profile.heading, "Peru");
        assert_eq!(
            profile.facts,
            [
                "CAT: State party since 7 July 1988 (ratification)",
                "OPCAT: State party since 14 September 2006 (accession)",
                "Last reviewed by the Committee against Torture: 2018",
            ]
        );
        assert_eq!(
            profile.source,
            "Status as at 3 February 2026 — UN Treaty Collection"
        );
        assert_eq!(profile.class, StatusClass::CatAndOpcatParty);
        assert_eq!(profile.content, None);
    }

    #[test]
    fn signatory_not_party_and_no_review() {
        let haiti = StateStatus {
            iso3: Iso3::parse("HTI").unwrap(),
            name: "Haiti".into(),
            cat: TreatyStatus::Signatory {
                since: date("2013-08-16"),
            },
            opcat: TreatyStatus::NoAction,
            last_review: None,
        };
        let empty = CountryContent::default();
        let profile = Profile::new(
            haiti.iso3,
            "Haiti",
            Some(&haiti),
            date("2026-02-03"),
            "UNTC",
            Some(&empty),
        );
        assert_eq!(
            profile.facts,
            [
                "CAT: Signatory since 16 August 2013",
                "OPCAT: Not a party",
                "Last reviewed by the Committee against Torture: no review on record",
            ]
        );
        assert_eq!(profile.content, None, "empty host content shows nothing");
    }

    #[test]
    fn an_area_without_data_uses_the_geometry_name() {
        let profile = Profile::new(
            Iso3::parse("GRL").unwrap(),
            "Greenland",
            None,
            date("2026-02-03"),
            "UNTC",
            None,
        );
        assert_eq!(profile.heading, "Greenland");
        assert_eq!(profile.facts, ["No treaty status on record for this area."]);
        assert_eq!(profile.class, StatusClass::NoData);
    }
}
