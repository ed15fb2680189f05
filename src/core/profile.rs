//! The profile panel's view model: every line of text the panel shows for one state, in order.

use crate::core::class::StatusClass;
use crate::core::content::CountryContent;
use crate::core::iso3::Iso3;
use crate::core::status::{Sources, StateStatus, Treaty, TreatyStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub iso3: Iso3,
    /// The panel's heading: the country's name.
    pub heading: String,
    pub class: StatusClass,
    /// "CAT: State party since 7 July 1988 (ratification)", the same for OPCAT, the review line, then the
    /// Committee's complaint procedures a CAT party accepts.
    pub facts: Vec<String>,
    /// "Status as at 3 February 2026 — UN Treaty Collection", then the review years' source where given.
    pub sources: Vec<String>,
    /// The host's content for the state, if it gave any.
    pub content: Option<CountryContent>,
}

impl Profile {
    pub fn new(
        iso3: Iso3,
        name: &str,
        status: Option<&StateStatus>,
        sources: &Sources,
        content: Option<&CountryContent>,
    ) -> Profile {
        let facts = match status {
            Some(s) => {
                let mut facts = vec![
                    treaty_line(Treaty::Cat, s.cat),
                    treaty_line(Treaty::Opcat, s.opcat),
                    match s.last_review {
                        Some(year) => {
                            format!("Last reviewed by the Committee against Torture: {year}")
                        }
                        None => {
                            "Last reviewed by the Committee against Torture: no review on record"
                                .to_owned()
                        }
                    },
                ];
                if s.cat.is_party() {
                    facts.push(complaints_line(
                        "Individual complaints to the Committee (article 22)",
                        s.art22,
                    ));
                    facts.push(complaints_line(
                        "Complaints between states (article 21)",
                        s.art21,
                    ));
                }
                facts
            }
            None => vec!["No treaty status on record for this area.".to_owned()],
        };
        let mut source_lines = vec![sources.status_line()];
        if status.is_some() {
            source_lines.extend(sources.review_line());
        }
        Profile {
            iso3,
            heading: status.map_or(name, |s| s.name.as_str()).to_owned(),
            class: StatusClass::of(status),
            facts,
            sources: source_lines,
            content: content.filter(|c| !c.is_empty()).cloned(),
        }
    }
}

/// The short sentence a screen reader hears when a state takes focus:
/// "Peru — CAT party since 1988, OPCAT party since 2006, last reviewed 2018".
pub fn announcement(name: &str, status: Option<&StateStatus>) -> String {
    let Some(s) = status else {
        return format!("{name} — no treaty status on record");
    };
    let treaty = |treaty: Treaty, status: TreatyStatus| {
        let abbreviation = treaty.abbreviation();
        match status {
            TreatyStatus::Party { since, .. } => {
                format!("{abbreviation} party since {}", since.year())
            }
            TreatyStatus::Signatory { since } => {
                format!("{abbreviation} signatory since {}", since.year())
            }
            TreatyStatus::NoAction => format!("not a party to {abbreviation}"),
        }
    };
    let review = s
        .last_review
        .map_or("no review on record".to_owned(), |year| {
            format!("last reviewed {year}")
        });
    format!(
        "{} — {}, {}, {review}",
        s.name,
        treaty(Treaty::Cat, s.cat),
        treaty(Treaty::Opcat, s.opcat)
    )
}

/// Whether a CAT party accepts one of the Committee's complaint procedures (its declaration under article 21
/// or 22).
fn complaints_line(procedure: &str, accepted: Option<bool>) -> String {
    match accepted {
        Some(true) => format!("{procedure}: accepted"),
        Some(false) => format!("{procedure}: not accepted"),
        None => format!("{procedure}: not recorded"),
    }
}

/// One treaty's line, such as "OPCAT: Signatory since 23 September 2003".
pub fn treaty_line(treaty: Treaty, status: TreatyStatus) -> String {
    format!("{}: {}", treaty.abbreviation(), status_text(status))
}

/// A treaty status on its own, as the table view shows it: "State party since 7 July 1988 (ratification)",
/// "Signatory since 16 August 2013" or "Not a party".
pub fn status_text(status: TreatyStatus) -> String {
    match status {
        TreatyStatus::Party { since, act, .. } => {
            format!("State party since {since} ({})", act.name())
        }
        TreatyStatus::Signatory { since } => format!("Signatory since {since}"),
        TreatyStatus::NoAction => "Not a party".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::date::Date;
    use crate::core::status::Act;

    fn date(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn sources(review_source: Option<&str>) -> Sources {
        Sources {
            as_of: date("2026-02-03"),
            source: "UN Treaty Collection".into(),
            review_source: review_source.map(str::to_owned),
        }
    }

    fn party(since: &str, act: Act) -> TreatyStatus {
        TreatyStatus::Party {
            since: date(since),
            act,
            signed: None,
        }
    }

    #[test]
    fn peru_reads_as_the_issue_describes() {
        let peru = StateStatus {
            iso3: Iso3::parse("PER").unwrap(),
            name: "Peru".into(),
            cat: party("1988-07-07", Act::Ratification),
            opcat: party("2006-09-14", Act::Accession),
            last_review: Some(2018),
            art21: Some(true),
            art22: Some(true),
        };
        let sources = sources(Some("Committee against Torture session reports, 2005–2025"));
        let profile = Profile::new(peru.iso3, "Peru", Some(&peru), &sources, None);
        assert_eq!(profile.heading, "Peru");
        assert_eq!(
            profile.facts,
            [
                "CAT: State party since 7 July 1988 (ratification)",
                "OPCAT: State party since 14 September 2006 (accession)",
                "Last reviewed by the Committee against Torture: 2018",
                "Individual complaints to the Committee (article 22): accepted",
                "Complaints between states (article 21): accepted",
            ]
        );
        assert_eq!(
            profile.sources,
            [
                "Status as at 3 February 2026 — UN Treaty Collection",
                "Review years: Committee against Torture session reports, 2005–2025",
            ]
        );
        assert_eq!(profile.class, StatusClass::CatAndOpcatParty);
        assert_eq!(profile.content, None);
    }

    #[test]
    fn announcements_are_short() {
        let peru = StateStatus {
            iso3: Iso3::parse("PER").unwrap(),
            name: "Peru".into(),
            cat: party("1988-07-07", Act::Ratification),
            opcat: party("2006-09-14", Act::Accession),
            last_review: Some(2018),
            art21: None,
            art22: None,
        };
        assert_eq!(
            announcement("Peru", Some(&peru)),
            "Peru — CAT party since 1988, OPCAT party since 2006, last reviewed 2018"
        );
        let haiti = StateStatus {
            name: "Haiti".into(),
            cat: TreatyStatus::Signatory {
                since: date("2013-08-16"),
            },
            opcat: TreatyStatus::NoAction,
            last_review: None,
            ..peru
        };
        assert_eq!(
            announcement("Haiti", Some(&haiti)),
            "Haiti — CAT signatory since 2013, not a party to OPCAT, no review on record"
        );
        assert_eq!(
            announcement("Greenland", None),
            "Greenland — no treaty status on record"
        );
    }

    #[test]
    fn a_party_without_declarations_and_one_not_recorded() {
        let mut state = StateStatus {
            iso3: Iso3::parse("UKR").unwrap(),
            name: "Ukraine".into(),
            cat: party("1987-02-24", Act::Ratification),
            opcat: TreatyStatus::NoAction,
            last_review: None,
            art21: None,
            art22: Some(false),
        };
        let profile = Profile::new(state.iso3, "Ukraine", Some(&state), &sources(None), None);
        assert_eq!(
            profile.facts[3],
            "Individual complaints to the Committee (article 22): not accepted"
        );
        assert_eq!(
            profile.facts[4],
            "Complaints between states (article 21): not recorded"
        );
        assert_eq!(profile.sources.len(), 1);
        state.cat = TreatyStatus::NoAction;
        let profile = Profile::new(state.iso3, "Ukraine", Some(&state), &sources(None), None);
        assert_eq!(
            profile.facts.len(),
            3,
            "no complaint lines for a state that is not a CAT party"
        );
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
            art21: None,
            art22: None,
        };
        let empty = CountryContent::default();
        let profile = Profile::new(
            haiti.iso3,
            "Haiti",
            Some(&haiti),
            &sources(None),
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
        let review = sources(Some("CAT sessions"));
        let profile = Profile::new(
            Iso3::parse("GRL").unwrap(),
            "Greenland",
            None,
            &review,
            None,
        );
        assert_eq!(profile.heading, "Greenland");
        assert_eq!(profile.facts, ["No treaty status on record for this area."]);
        assert_eq!(
            profile.sources,
            ["Status as at 3 February 2026 — UN Treaty Collection"]
        );
        assert_eq!(profile.class, StatusClass::NoData);
    }
}
