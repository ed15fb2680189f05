//! The profile panel's view model: every line of text the panel shows for one state, in order, in the
//! reader's language.

use crate::core::class::StatusClass;
use crate::core::content::CountryContent;
use crate::core::i18n::{fill, Lang};
use crate::core::iso3::Iso3;
use crate::core::status::{Act, AreaStatus, Effect, Sources, StateStatus, Treaty, TreatyStatus};

mod dated;

pub use dated::{action_text, status_text_on, Then, TimelineLine};

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
    /// On a date before the data's, what was true then, where it differs from `facts` (today's).
    pub then: Option<Then>,
    /// A state's treaty actions and reviews, oldest first, with the map's date marked; empty for an area that is
    /// not a state.
    pub timeline: Vec<TimelineLine>,
}

impl Profile {
    /// The profile of the state `iso3`, headed by `name` (its name in `lang`).
    pub fn new(
        iso3: Iso3,
        name: &str,
        status: Option<&StateStatus>,
        sources: &Sources,
        content: Option<&CountryContent>,
        lang: Lang,
    ) -> Profile {
        let t = lang.catalogue();
        let facts = match status {
            Some(s) => {
                let mut facts = vec![
                    treaty_line(Treaty::Cat, s.cat, lang),
                    treaty_line(Treaty::Opcat, s.opcat, lang),
                ];
                // Say what a succession's date is, where one is shown.
                if [s.cat, s.opcat].into_iter().any(by_succession) {
                    facts.push(t.succession_note.to_owned());
                }
                facts.push(match s.last_review {
                    Some(year) => fill(t.last_review, &[("year", &year.to_string())]),
                    None => t.no_review.to_owned(),
                });
                if s.cat.is_party() {
                    facts.push(complaints_line(t.complaints_individual, s.art22, lang));
                    facts.push(complaints_line(t.complaints_between_states, s.art21, lang));
                }
                facts
            }
            None => vec![t.no_status.to_owned()],
        };
        let mut source_lines = vec![source_line(sources, lang)];
        if status.is_some() {
            source_lines.extend(review_source_line(sources, lang));
        }
        Profile {
            iso3,
            heading: name.to_owned(),
            class: StatusClass::of(status),
            facts,
            sources: source_lines,
            content: content.filter(|c| !c.is_empty()).cloned(),
            then: None,
            timeline: Vec::new(),
        }
    }
}

/// The panel's facts for an area that is not a state: for a territory the UNTC notes tie to a party, what
/// they say of each treaty ("CAT: applies to this territory through the ratification of the State party United
/// Kingdom of Great Britain and Northern Ireland (UNTC, CAT note 12)"); then the UN's notes on the area; for an
/// area with neither, that no status is on record. `party` is the party's status and its name in `lang`.
pub fn area_facts(
    area: &AreaStatus,
    party: Option<(&StateStatus, &str)>,
    lang: Lang,
) -> Vec<String> {
    let t = lang.catalogue();
    let mut facts = Vec::new();
    if let Some((party, party_name)) = party {
        for treaty in [Treaty::Cat, Treaty::Opcat] {
            let status = match treaty {
                Treaty::Cat => party.cat,
                Treaty::Opcat => party.opcat,
            };
            let act = match status {
                TreatyStatus::Party { act, .. } => t.act(act),
                _ => t.act(Act::Ratification),
            };
            let line = match area.application(treaty) {
                Some(application) => fill(
                    match application.effect {
                        Effect::Applies => t.territory_applies,
                        Effect::Excluded => t.territory_excluded,
                    },
                    &[
                        ("treaty", treaty.abbreviation()),
                        ("act", act),
                        ("party", party_name),
                        ("note", &application.note.to_string()),
                    ],
                ),
                None => fill(
                    t.territory_not_recorded,
                    &[("treaty", treaty.abbreviation())],
                ),
            };
            facts.push(line);
        }
    }
    facts.extend(area.notes.iter().map(|note| t.note(*note).to_owned()));
    if !area.is_covered() {
        facts.push(t.no_status.to_owned());
    }
    facts
}

/// Where the statuses come from: "Status as at 3 February 2026 — UN Treaty Collection" (the source's name is
/// data, shown as the data gives it), or that they could not be loaded.
pub fn source_line(sources: &Sources, lang: Lang) -> String {
    let t = lang.catalogue();
    if sources.source.is_empty() {
        return t.status_unavailable.to_owned();
    }
    fill(
        t.status_as_at,
        &[
            ("date", &t.date(sources.as_of)),
            ("source", &sources.source),
        ],
    )
}

/// "Review years: …", where the data names its source.
pub fn review_source_line(sources: &Sources, lang: Lang) -> Option<String> {
    let template = lang.catalogue().review_years;
    sources
        .review_source
        .as_ref()
        .map(|source| fill(template, &[("source", source)]))
}

/// The short sentence a screen reader hears when a state takes focus:
/// "Peru — CAT party since 1988, OPCAT party since 2006, last reviewed 2018".
pub fn announcement(name: &str, status: Option<&StateStatus>, lang: Lang) -> String {
    let t = lang.catalogue();
    let Some(s) = status else {
        return fill(t.announce_no_status, &[("name", name)]);
    };
    let treaty = |treaty: Treaty, status: TreatyStatus| {
        let [party, by_succession, signatory, neither] = t.announce_treaty(treaty);
        match status {
            TreatyStatus::Party {
                since,
                act: Act::Succession,
                ..
            } => fill(by_succession, &[("year", &since.year().to_string())]),
            TreatyStatus::Party { since, .. } => {
                fill(party, &[("year", &since.year().to_string())])
            }
            TreatyStatus::Signatory { since, .. } => {
                fill(signatory, &[("year", &since.year().to_string())])
            }
            TreatyStatus::NoAction => neither.to_owned(),
        }
    };
    let review = s
        .last_review
        .map_or(t.announce_no_review.to_owned(), |year| {
            fill(t.announce_reviewed, &[("year", &year.to_string())])
        });
    fill(
        t.announce,
        &[
            ("name", name),
            ("cat", &treaty(Treaty::Cat, s.cat)),
            ("opcat", &treaty(Treaty::Opcat, s.opcat)),
            ("review", &review),
        ],
    )
}

/// Whether a CAT party accepts one of the Committee's complaint procedures (its declaration under article 21
/// or 22).
fn complaints_line(procedure: &str, accepted: Option<bool>, lang: Lang) -> String {
    let t = lang.catalogue();
    let answer = match accepted {
        Some(true) => t.accepted,
        Some(false) => t.not_accepted,
        None => t.not_recorded,
    };
    fill(
        t.complaints_line,
        &[("procedure", procedure), ("answer", answer)],
    )
}

/// One treaty's line, such as "OPCAT: Signatory since 23 September 2003".
pub fn treaty_line(treaty: Treaty, status: TreatyStatus, lang: Lang) -> String {
    fill(
        lang.catalogue().treaty_line,
        &[
            ("treaty", treaty.abbreviation()),
            ("status", &status_text(status, lang)),
        ],
    )
}

/// A treaty status on its own, as the table view shows it: "State party since 7 July 1988 (ratification)",
/// "Signatory since 16 August 2013" or "Not a party". A succession says what its date is: "State party by
/// succession, notified on 22 February 1993"; so does a succession to signature ("State party since 6 March
/// 2009 (ratification); signatory by succession, notified on 23 October 2006").
pub fn status_text(status: TreatyStatus, lang: Lang) -> String {
    let t = lang.catalogue();
    match status {
        TreatyStatus::Party {
            since,
            act: Act::Succession,
            ..
        } => fill(t.party_by_succession, &[("date", &t.date(since))]),
        TreatyStatus::Party {
            since,
            act,
            signed,
            signed_by_succession,
        } => {
            let party = fill(
                t.party_since,
                &[("date", &t.date(since)), ("act", t.act(act))],
            );
            match signed.filter(|_| signed_by_succession) {
                Some(date) => format!(
                    "{party}{}{}",
                    t.list_separator,
                    fill(t.signature_by_succession, &[("date", &t.date(date))])
                ),
                None => party,
            }
        }
        TreatyStatus::Signatory {
            since,
            by_succession: true,
        } => fill(t.signatory_by_succession, &[("date", &t.date(since))]),
        TreatyStatus::Signatory { since, .. } => {
            fill(t.signatory_since, &[("date", &t.date(since))])
        }
        TreatyStatus::NoAction => t.not_a_party.to_owned(),
    }
}

/// Whether a status shows a date of succession (to the treaty, or to a signature).
fn by_succession(status: TreatyStatus) -> bool {
    match status {
        TreatyStatus::Party {
            act,
            signed_by_succession,
            ..
        } => act == Act::Succession || signed_by_succession,
        TreatyStatus::Signatory { by_succession, .. } => by_succession,
        TreatyStatus::NoAction => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::date::Date;
    use crate::harness::test;

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
            signed_by_succession: false,
        }
    }

    #[test]
    fn peru_reads_as_the_issue_describes() {
        let peru = StateStatus {
            art22: Some(true),
            ..peru()
        };
        let sources = sources(Some("Committee against Torture session reports, 2005–2025"));
        let profile = Profile::new(peru.iso3, "Peru", Some(&peru), &sources, None, Lang::En);
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
            art21: None,
            ..peru()
        };
        assert_eq!(
            announcement("Peru", Some(&peru), Lang::En),
            "Peru — CAT party since 1988, OPCAT party since 2006, last reviewed 2018"
        );
        let haiti = StateStatus {
            name: "Haiti".into(),
            cat: TreatyStatus::Signatory {
                since: date("2013-08-16"),
                by_succession: false,
            },
            opcat: TreatyStatus::NoAction,
            last_review: None,
            ..peru
        };
        assert_eq!(
            announcement("Haiti", Some(&haiti), Lang::En),
            "Haiti — CAT signatory since 2013, not a party to OPCAT, no review on record"
        );
        assert_eq!(
            announcement("Greenland", None, Lang::En),
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
            reviews: Vec::new(),
            art21: None,
            art22: Some(false),
        };
        let ukraine = |state: &StateStatus| {
            Profile::new(
                state.iso3,
                "Ukraine",
                Some(state),
                &sources(None),
                None,
                Lang::En,
            )
        };
        let profile = ukraine(&state);
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
        let profile = ukraine(&state);
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
                by_succession: false,
            },
            opcat: TreatyStatus::NoAction,
            last_review: None,
            reviews: Vec::new(),
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
            Lang::En,
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
            Lang::En,
        );
        assert_eq!(profile.heading, "Greenland");
        assert_eq!(profile.facts, ["No treaty status on record for this area."]);
        assert_eq!(
            profile.sources,
            ["Status as at 3 February 2026 — UN Treaty Collection"]
        );
        assert_eq!(profile.class, StatusClass::NoData);
    }

    fn peru() -> StateStatus {
        StateStatus {
            iso3: Iso3::parse("PER").unwrap(),
            name: "Peru".into(),
            cat: party("1988-07-07", Act::Ratification),
            opcat: party("2006-09-14", Act::Accession),
            last_review: Some(2018),
            reviews: Vec::new(),
            art21: Some(true),
            art22: None,
        }
    }

    #[test]
    fn peru_in_french() {
        let sources = sources(Some("Committee against Torture session reports, 2005–2025"));
        let profile = Profile::new(
            peru().iso3,
            "Pérou",
            Some(&peru()),
            &sources,
            None,
            Lang::Fr,
        );
        assert_eq!(profile.heading, "Pérou");
        assert_eq!(
            profile.facts,
            [
                "CAT\u{a0}: État partie depuis le 7 juillet 1988 (ratification)",
                "OPCAT\u{a0}: État partie depuis le 14 septembre 2006 (adhésion)",
                "Dernier examen par le Comité contre la torture\u{a0}: 2018",
                "Communications individuelles adressées au Comité (article 22)\u{a0}: non renseignées",
                "Communications entre États (article 21)\u{a0}: acceptées",
            ]
        );
        assert_eq!(
            profile.sources,
            [
                "Situation au 3 février 2026 — UN Treaty Collection",
                "Années d\u{2019}examen\u{a0}: Committee against Torture session reports, 2005–2025",
            ]
        );
        assert_eq!(
            announcement("Pérou", Some(&peru()), Lang::Fr),
            "Pérou — partie à la CAT depuis 1988, partie à l\u{2019}OPCAT depuis 2006, dernier examen en 2018"
        );
        let signed_first = TreatyStatus::Signatory {
            since: date("2013-08-01"),
            by_succession: false,
        };
        assert_eq!(
            status_text(signed_first, Lang::Fr),
            "Signataire depuis le 1er août 2013"
        );
    }

    #[test]
    fn peru_in_arabic_and_spanish() {
        let profile = Profile::new(
            peru().iso3,
            "بيرو",
            Some(&peru()),
            &sources(None),
            None,
            Lang::Ar,
        );
        assert_eq!(profile.heading, "بيرو");
        assert_eq!(
            profile.facts,
            [
                "CAT: دولة طرف منذ 7 يوليو 1988 (تصديق)",
                "OPCAT: دولة طرف منذ 14 سبتمبر 2006 (انضمام)",
                "آخر استعراض أجرته لجنة مناهضة التعذيب: 2018",
                "الشكاوى الفردية إلى اللجنة (المادة 22): غير مسجّلة",
                "الشكاوى بين الدول (المادة 21): مقبولة",
            ]
        );
        assert_eq!(
            profile.sources,
            ["الوضع في 3 فبراير 2026 — UN Treaty Collection"]
        );
        assert_eq!(
            announcement("غرينلاند", None, Lang::Ar),
            "غرينلاند — لا يوجد وضع تعاهدي مسجّل"
        );
        let spanish = Profile::new(
            peru().iso3,
            "Perú",
            Some(&peru()),
            &sources(None),
            None,
            Lang::Es,
        );
        assert_eq!(
            spanish.facts[0],
            "CAT: Estado parte desde el 7 de julio de 1988 (ratificación)"
        );
        assert_eq!(status_text(TreatyStatus::NoAction, Lang::Es), "No es parte");
    }

    /// A succession's date is the notification's, and the panel says so; Montenegro's OPCAT signature is a
    /// succession to signature ("d" on the UNTC page).
    #[test]
    fn successions_say_what_their_date_is() {
        let montenegro = StateStatus {
            iso3: Iso3::parse("MNE").unwrap(),
            name: "Montenegro".into(),
            cat: party("2006-10-23", Act::Succession),
            opcat: TreatyStatus::Party {
                since: date("2009-03-06"),
                act: Act::Ratification,
                signed: Some(date("2006-10-23")),
                signed_by_succession: true,
            },
            last_review: Some(2022),
            reviews: Vec::new(),
            art21: Some(true),
            art22: Some(true),
        };
        let profile = Profile::new(
            montenegro.iso3,
            "Montenegro",
            Some(&montenegro),
            &sources(None),
            None,
            Lang::En,
        );
        assert_eq!(
            profile.facts[..3],
            [
                "CAT: State party by succession, notified on 23 October 2006",
                "OPCAT: State party since 6 March 2009 (ratification); signatory by succession, notified on \
                 23 October 2006",
                "For a succession, the date shown is that of the notification of succession, as the UN Treaty \
                 Collection records it.",
            ]
        );
        assert_eq!(
            announcement("Montenegro", Some(&montenegro), Lang::En),
            "Montenegro — CAT party by succession, notified 2006, OPCAT party since 2009, last reviewed 2022"
        );
        assert_eq!(
            status_text(montenegro.cat, Lang::Fr),
            "État partie par succession, notifiée le 23 octobre 2006"
        );
        assert_eq!(
            status_text(montenegro.opcat, Lang::Es),
            "Estado parte desde el 6 de marzo de 2009 (ratificación); signatario por sucesión, notificada el \
             23 de octubre de 2006"
        );
        let signatory = TreatyStatus::Signatory {
            since: date("2006-10-23"),
            by_succession: true,
        };
        assert_eq!(
            status_text(signatory, Lang::Ar),
            "دولة موقّعة بالخلافة، أُخطر بها في 23 أكتوبر 2006"
        );
        let peru = Profile::new(
            peru().iso3,
            "Peru",
            Some(&peru()),
            &sources(None),
            None,
            Lang::En,
        );
        assert!(
            !peru.facts.iter().any(|f| f.contains("succession")),
            "no note without a succession"
        );
    }

    #[test]
    fn statuses_that_could_not_be_loaded_say_so_in_each_language() {
        let mut unavailable = sources(None);
        unavailable.source.clear();
        assert_eq!(
            source_line(&unavailable, Lang::En),
            "Treaty status could not be loaded: every state shows as \u{201c}no data\u{201d}"
        );
        assert!(source_line(&unavailable, Lang::Es).starts_with("No se pudo cargar"));
    }
}
