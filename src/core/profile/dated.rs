//! The profile on a date: what was true on the map's date beside what is true now, and the state's timeline
//! (its treaty actions and the Committee's reviews) with the map's date marked.

use crate::core::date::Date;
use crate::core::i18n::{fill, Lang};
use crate::core::profile::{status_text, Profile};
use crate::core::status::{StateStatus, Treaty, TreatyStatus};
use crate::core::timeline::{Action, Event, Timeline};

/// The panel's facts on an earlier day than the data's, beside today's, when they differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Then {
    /// "On 31 December 2000".
    pub heading: String,
    /// "CAT: State party since 7 July 1988 (ratification)", "OPCAT: Not yet open for signature", the review.
    pub facts: Vec<String>,
    /// "Today (data as at 3 February 2026)", heading the profile's usual facts.
    pub today: String,
}

/// One line of a state's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineLine {
    /// "7 July 1988", or a review's year.
    pub when: String,
    /// "CAT ratification", "Review by the Committee against Torture, session 65" (without the session where the
    /// data has none), or the marker's "Date shown on the map: …".
    pub what: String,
    /// Whether this is the marker of the map's date rather than an event.
    pub marker: bool,
    /// Whether the event came after the map's date.
    pub later: bool,
}

/// A treaty's status on `date` as the panel and the table show it: before the treaty opened for signature,
/// "Not yet open for signature" rather than "Not a party".
pub fn status_text_on(
    treaty: Treaty,
    status: TreatyStatus,
    date: Option<Date>,
    lang: Lang,
) -> String {
    if status == TreatyStatus::NoAction && !treaty.is_open_at(date) {
        return lang.catalogue().not_yet_open.to_owned();
    }
    status_text(status, lang)
}

/// The treaty lines and the review line of a state's status on `date`.
fn facts_on(status: &StateStatus, date: Date, lang: Lang) -> Vec<String> {
    let t = lang.catalogue();
    let line = |treaty: Treaty, status| {
        fill(
            t.treaty_line,
            &[
                ("treaty", treaty.abbreviation()),
                ("status", &status_text_on(treaty, status, Some(date), lang)),
            ],
        )
    };
    vec![
        line(Treaty::Cat, status.cat),
        line(Treaty::Opcat, status.opcat),
        match status.last_review {
            Some(year) => fill(t.last_review, &[("year", &year.to_string())]),
            None => t.no_review.to_owned(),
        },
    ]
}

/// An event's wording: "CAT ratification", "OPCAT signature".
pub fn action_text(event: &Event, lang: Lang) -> String {
    let t = lang.catalogue();
    let action = match event.action {
        Action::Signature {
            by_succession: false,
        } => t.act_signature,
        Action::Signature {
            by_succession: true,
        } => t.act_signature_succession,
        Action::Party(act) => t.act(act),
    };
    fill(
        t.timeline_action,
        &[("treaty", event.treaty.abbreviation()), ("action", action)],
    )
}

impl Profile {
    /// The profile as the map shows it on `date` (`None`: the data's own date, as-of `as_of`): for a state,
    /// its timeline with the date marked, and, on an earlier day whose facts differ from today's, what was
    /// true then (`then`: the state's status on that day) above what is true now.
    pub fn on_date(
        mut self,
        date: Option<Date>,
        as_of: Date,
        today: Option<&StateStatus>,
        then: Option<&StateStatus>,
        lang: Lang,
    ) -> Profile {
        let Some(today) = today else {
            return self;
        };
        let t = lang.catalogue();
        let shown = date.unwrap_or(as_of);
        if let (Some(date), Some(then)) = (date, then) {
            let facts = facts_on(then, date, lang);
            if facts != facts_on(today, as_of, lang) {
                self.then = Some(Then {
                    heading: fill(t.profile_on, &[("date", &t.date(date))]),
                    facts,
                    today: fill(t.profile_today, &[("date", &t.date(as_of))]),
                });
            }
        }
        let timeline = Timeline::of(today);
        // Each line and, beside it, the day it goes at.
        let mut days: Vec<Date> = Vec::new();
        let mut lines: Vec<TimelineLine> = Vec::new();
        for event in &timeline.events {
            days.push(event.date);
            lines.push(TimelineLine {
                when: t.date(event.date),
                what: action_text(event, lang),
                marker: false,
                later: event.date > shown,
            });
        }
        // A review is known by its year: it goes at the year's end, after that day's events (both lists are
        // oldest first; inserting keeps the order without a sort, whose code the wasm would carry).
        for review in &timeline.reviews {
            let Some(end) = Date::new(review.year, 12, 31) else {
                continue;
            };
            let what = match review.session {
                Some(session) => fill(
                    t.timeline_review_session,
                    &[("session", &session.to_string())],
                ),
                None => t.timeline_review.to_owned(),
            };
            let at = days.partition_point(|day| *day <= end);
            days.insert(at, end);
            lines.insert(
                at,
                TimelineLine {
                    when: review.year.to_string(),
                    what,
                    marker: false,
                    later: end > shown,
                },
            );
        }
        // The marker goes after the events of its day (the status is the day's end).
        let at = days.partition_point(|day| *day <= shown);
        lines.insert(
            at,
            TimelineLine {
                when: t.date(shown),
                what: fill(t.timeline_marker, &[("date", &t.date(shown))]),
                marker: true,
                later: false,
            },
        );
        self.timeline = lines;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::iso3::Iso3;
    use crate::core::status::{Act, Review, Sources};
    use crate::harness::test;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn peru() -> StateStatus {
        StateStatus {
            iso3: Iso3::parse("PER").unwrap(),
            name: "Peru".to_owned(),
            cat: TreatyStatus::Party {
                since: d("1988-07-07"),
                act: Act::Ratification,
                signed: Some(d("1985-05-29")),
                signed_by_succession: false,
            },
            opcat: TreatyStatus::Party {
                since: d("2006-09-14"),
                act: Act::Accession,
                signed: None,
                signed_by_succession: false,
            },
            last_review: Some(2018),
            // As data/cat_review_sessions.tsv lists them: sessions 36, 49 and 65.
            reviews: [(2006, 36), (2012, 49), (2018, 65)]
                .into_iter()
                .map(|(year, session)| Review {
                    year,
                    session: Some(session),
                })
                .collect(),
            art21: Some(true),
            art22: Some(true),
        }
    }

    fn profile(date: Option<&str>) -> Profile {
        let (today, as_of) = (peru(), d("2026-02-03"));
        let sources = Sources {
            as_of,
            source: "UN Treaty Collection".to_owned(),
            review_source: None,
        };
        let date = date.map(d);
        let then = date.map(|date| today.on(date, as_of));
        Profile::new(today.iso3, "Peru", Some(&today), &sources, None, Lang::En).on_date(
            date,
            as_of,
            Some(&today),
            then.as_ref(),
            Lang::En,
        )
    }

    #[test]
    fn on_an_earlier_day_the_panel_says_what_was_true_then_and_now() {
        let then = profile(Some("2000-12-31")).then.unwrap();
        assert_eq!(then.heading, "On 31 December 2000");
        assert_eq!(
            then.facts,
            [
                "CAT: State party since 7 July 1988 (ratification)",
                "OPCAT: Not yet open for signature",
                "Last reviewed by the Committee against Torture: no review on record",
            ]
        );
        assert_eq!(then.today, "Today (data as at 3 February 2026)");
        // On a day between two reviews, the one before it: as the timeline below lists it.
        assert_eq!(
            profile(Some("2010-12-31")).then.unwrap().facts[2],
            "Last reviewed by the Committee against Torture: 2006"
        );
        // The day after becoming an OPCAT party the facts are today's, bar the review (2018).
        assert!(profile(Some("2019-01-01")).then.is_none());
        assert!(profile(Some("2006-09-14")).then.is_some());
        assert!(profile(None).then.is_none());
    }

    #[test]
    fn the_timeline_lists_every_action_and_review_with_the_date_marked() {
        let lines = profile(Some("2000-12-31")).timeline;
        let texts: Vec<(&str, &str, bool)> = lines
            .iter()
            .map(|l| (l.when.as_str(), l.what.as_str(), l.later))
            .collect();
        assert_eq!(
            texts,
            [
                ("29 May 1985", "CAT signature", false),
                ("7 July 1988", "CAT ratification", false),
                (
                    "31 December 2000",
                    "Date shown on the map: 31 December 2000",
                    false
                ),
                ("14 September 2006", "OPCAT accession", true),
                (
                    "2006",
                    "Review by the Committee against Torture, session 36",
                    true
                ),
                (
                    "2012",
                    "Review by the Committee against Torture, session 49",
                    true
                ),
                (
                    "2018",
                    "Review by the Committee against Torture, session 65",
                    true
                ),
            ]
        );
        assert!(lines[2].marker);
        // A review is after a date until its year has ended; in the other languages, its session.
        let on_2012 = profile(Some("2012-12-31")).timeline;
        let reviews: Vec<(&str, bool)> = on_2012
            .iter()
            .filter(|l| l.what.starts_with("Review"))
            .map(|l| (l.when.as_str(), l.later))
            .collect();
        assert_eq!(reviews, [("2006", false), ("2012", false), ("2018", true)]);
        let (today, as_of) = (peru(), d("2026-02-03"));
        let sources = Sources {
            as_of,
            source: "UN Treaty Collection".to_owned(),
            review_source: None,
        };
        for (lang, text) in [
            (
                Lang::Fr,
                "Examen par le Comité contre la torture, 65e session",
            ),
            (
                Lang::Es,
                "Examen por el Comité contra la Tortura, 65.º período de sesiones",
            ),
            (Lang::Ar, "استعراض من قبل لجنة مناهضة التعذيب، الدورة 65"),
        ] {
            let timeline = Profile::new(today.iso3, "Peru", Some(&today), &sources, None, lang)
                .on_date(None, as_of, Some(&today), Some(&today), lang)
                .timeline;
            assert!(timeline.iter().any(|l| l.what == text), "{text}");
        }
        // A review whose session the data does not give reads without it.
        let unnumbered = StateStatus {
            reviews: vec![Review {
                year: 2018,
                session: None,
            }],
            ..peru()
        };
        let lines = Profile::new(
            today.iso3,
            "Peru",
            Some(&unnumbered),
            &sources,
            None,
            Lang::En,
        )
        .on_date(None, as_of, Some(&unnumbered), None, Lang::En)
        .timeline;
        assert!(lines
            .iter()
            .any(|l| l.when == "2018" && l.what == "Review by the Committee against Torture"));
        // On the data's own date the marker comes last.
        let today = profile(None).timeline;
        assert!(today
            .last()
            .is_some_and(|l| l.marker && l.when == "3 February 2026"));
        // On the day of an action, the action is before the marker: the status is the day's end.
        let on_the_day = profile(Some("2006-09-14")).timeline;
        let at = on_the_day.iter().position(|l| l.marker).unwrap();
        assert_eq!(on_the_day[at - 1].what, "OPCAT accession");
    }
}
