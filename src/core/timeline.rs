//! Time: where each state stood on any date since the Convention opened for signature, the counts of parties
//! and signatories at each year end, and (in `timeline/events.rs`) a state's dated treaty actions.
//!
//! A date's status is the status at the end of that day: a state that became a party on 14 September 2006 is a
//! party on that day, not on the day before. Dates come from `status.json`, which records a ratification or
//! accession by the day the instrument was deposited, and a succession by the day the notification was received.

use crate::core::date::Date;
use crate::core::status::{Standing, StateStatus, Treaty, TreatyStatus, CAT_OPENED, OPCAT_OPENED};

pub mod chart;
mod events;

pub use crate::core::status::Review;
pub use events::{latest, Action, Event, StateEvent, Timeline};

impl Treaty {
    /// The day the treaty opened for signature: no state could sign, ratify or accede before it.
    pub fn opened(self) -> Date {
        match self {
            Treaty::Cat => CAT_OPENED,
            Treaty::Opcat => OPCAT_OPENED,
        }
    }

    /// Whether the treaty was open for signature on `date`; before, its status reads "not yet open for
    /// signature" rather than "no action".
    pub fn is_open_on(self, date: Date) -> bool {
        date >= self.opened()
    }

    /// Whether the treaty was open on the map's date: `None` is the data's own date, when both are.
    pub fn is_open_at(self, date: Option<Date>) -> bool {
        date.is_none_or(|date| self.is_open_on(date))
    }
}

/// The earliest day the map can show (the date field, `asOf`, `setAsOf`, `#asof`): 1 January of the year the
/// Convention opened for signature.
pub fn first_day() -> Date {
    Date::new(CAT_OPENED.year(), 1, 1).unwrap_or(CAT_OPENED)
}

impl TreatyStatus {
    /// The standing on `date`: a party since a later day was a signatory on `date` if it had signed by then,
    /// else it had taken no action; a signatory since a later day had taken no action.
    pub fn on(self, date: Date) -> TreatyStatus {
        match self {
            TreatyStatus::Party { since, .. } if since <= date => self,
            TreatyStatus::Party {
                signed: Some(signed),
                signed_by_succession,
                ..
            } if signed <= date => TreatyStatus::Signatory {
                since: signed,
                by_succession: signed_by_succession,
            },
            TreatyStatus::Signatory { since, .. } if since <= date => self,
            _ => TreatyStatus::NoAction,
        }
    }
}

impl StateStatus {
    /// The state as it stood at the end of `date`, in data true as of `as_of`; on or after `as_of`, the state
    /// as the data has it. Before `as_of`: each treaty by [`TreatyStatus::on`]; each listed review only if its
    /// year had ended by `date` (the data gives the year, not the day), and the last review the latest of those
    /// (the data's last review if its year had ended, else the latest listed review whose year had); and the
    /// article 21 and 22 declarations unknown (`None`), since the data does not date them.
    pub fn on(&self, date: Date, as_of: Date) -> StateStatus {
        if date >= as_of {
            return self.clone();
        }
        // Oldest first: the reviews up to the first whose year had not ended.
        let ended = self
            .reviews
            .partition_point(|review| year_ended(review.year, date));
        StateStatus {
            iso3: self.iso3,
            name: self.name.clone(),
            cat: self.cat.on(date),
            opcat: self.opcat.on(date),
            last_review: self
                .last_review
                .filter(|&year| year_ended(year, date))
                .or_else(|| self.reviews[..ended].last().map(|review| review.year)),
            reviews: self.reviews[..ended].to_vec(),
            art21: None,
            art22: None,
        }
    }
}

impl Standing {
    /// What the table said of the area on `date` (see [`StateStatus::on`]): a state's own status, or a
    /// territory's party's, as it stood then.
    pub fn on(&self, date: Date, as_of: Date) -> Standing {
        match self {
            Standing::State(state) => Standing::State(state.on(date, as_of)),
            Standing::Area { area, party } => Standing::Area {
                area: area.clone(),
                party: party.as_ref().map(|p| p.on(date, as_of)),
            },
            Standing::Unknown => Standing::Unknown,
        }
    }
}

/// Whether the year `year` had ended by the end of `date`.
fn year_ended(year: u16, date: Date) -> bool {
    Date::new(year, 12, 31).is_some_and(|end| end <= date)
}

/// How many of a set of states were parties and signatories only of each treaty on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub cat_parties: usize,
    /// Signed CAT and not (yet) bound by it.
    pub cat_signatories: usize,
    pub opcat_parties: usize,
    /// Signed OPCAT and not (yet) bound by it.
    pub opcat_signatories: usize,
}

impl Counts {
    /// The counts among `states` at the end of `date`.
    pub fn on<'a>(states: impl IntoIterator<Item = &'a StateStatus>, date: Date) -> Counts {
        let mut counts = Counts::default();
        for state in states {
            let (cat, opcat) = (state.cat.on(date), state.opcat.on(date));
            counts.cat_parties += usize::from(cat.is_party());
            counts.cat_signatories += usize::from(cat.is_signatory());
            counts.opcat_parties += usize::from(opcat.is_party());
            counts.opcat_signatories += usize::from(opcat.is_signatory());
        }
        counts
    }
}

/// One stop of the time line: a date and the counts on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop {
    pub date: Date,
    pub counts: Counts,
}

/// The dates the time line stops at: 31 December of each year from the year CAT opened (1985) while that day
/// lies before `as_of`, then `as_of` itself (the data's "today"). Oldest first; `as_of` alone if it lies
/// before the end of 1985.
pub fn stops(as_of: Date) -> Vec<Date> {
    let mut dates: Vec<Date> = Vec::new();
    for year in CAT_OPENED.year()..=as_of.year() {
        if let Some(end) = Date::new(year, 12, 31).filter(|&end| end < as_of) {
            dates.push(end);
        }
    }
    dates.push(as_of);
    dates
}

/// The stop that shows `date` among `stops` (oldest first): the first on or after it, else the last; an exact
/// day between two year ends is shown by the later. The date control's slider and the chart stand on it.
pub fn stop_of(stops: &[Date], date: Date) -> usize {
    stops
        .partition_point(|&stop| stop < date)
        .min(stops.len().saturating_sub(1))
}

/// The counts among `states` at each of [`stops`]`(as_of)`: the data of the parties-over-time chart, for the
/// world (every state of the table) or a region's members.
pub fn counts_over_time<'a, I>(states: I, as_of: Date) -> Vec<Stop>
where
    I: IntoIterator<Item = &'a StateStatus>,
{
    let states: Vec<&StateStatus> = states.into_iter().collect();
    let mut over_time = Vec::new();
    for date in stops(as_of) {
        let counts = Counts::on(states.iter().copied(), date);
        over_time.push(Stop { date, counts });
    }
    over_time
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::class::StatusClass;
    use crate::core::iso3::Iso3;
    use crate::core::status::{Act, AreaStatus};
    use crate::harness::test;

    pub(super) fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    pub(super) fn party(since: &str, act: Act, signed: Option<&str>) -> TreatyStatus {
        TreatyStatus::Party {
            since: d(since),
            act,
            signed: signed.map(d),
            signed_by_succession: false,
        }
    }

    pub(super) fn signatory(since: &str) -> TreatyStatus {
        TreatyStatus::Signatory {
            since: d(since),
            by_succession: false,
        }
    }

    pub(super) fn state(code: &str, cat: TreatyStatus, opcat: TreatyStatus) -> StateStatus {
        StateStatus {
            iso3: Iso3::parse(code).unwrap(),
            name: code.to_owned(),
            cat,
            opcat,
            last_review: None,
            reviews: Vec::new(),
            art21: None,
            art22: None,
        }
    }

    /// Peru's reviews as `data/cat_review_sessions.tsv` lists them.
    pub(super) fn peru_reviews() -> Vec<Review> {
        [(36, 2006), (49, 2012), (65, 2018)]
            .into_iter()
            .map(|(session, year)| Review {
                year,
                session: Some(session),
            })
            .collect()
    }

    fn peru() -> StateStatus {
        StateStatus {
            last_review: Some(2018),
            reviews: peru_reviews(),
            art21: Some(true),
            art22: Some(true),
            ..state(
                "PER",
                party("1988-07-07", Act::Ratification, Some("1985-05-29")),
                party("2006-09-14", Act::Accession, None),
            )
        }
    }

    const AS_OF: &str = "2026-02-03";

    #[test]
    fn a_party_is_a_party_from_its_day_on_and_a_signatory_before() {
        let cat = peru().cat;
        assert_eq!(cat.on(d("1985-05-28")), TreatyStatus::NoAction);
        let signed = TreatyStatus::Signatory {
            since: d("1985-05-29"),
            by_succession: false,
        };
        assert_eq!(cat.on(d("1985-05-29")), signed);
        assert_eq!(cat.on(d("1988-07-06")), signed);
        assert_eq!(cat.on(d("1988-07-07")), cat);
        assert_eq!(cat.on(d("2030-01-01")), cat);
        let acceded = peru().opcat;
        assert_eq!(acceded.on(d("2006-09-13")), TreatyStatus::NoAction);
        assert_eq!(acceded.on(d("2006-09-14")), acceded);
    }

    #[test]
    fn a_signature_keeps_how_it_was_made() {
        let succeeded = TreatyStatus::Party {
            since: d("2000-03-01"),
            act: Act::Ratification,
            signed: Some(d("1993-01-01")),
            signed_by_succession: true,
        };
        assert_eq!(
            succeeded.on(d("1999-12-31")),
            TreatyStatus::Signatory {
                since: d("1993-01-01"),
                by_succession: true
            }
        );
        let signed = signatory("2013-09-24");
        assert_eq!(signed.on(d("2013-09-23")), TreatyStatus::NoAction);
        assert_eq!(signed.on(d("2013-09-24")), signed);
        assert_eq!(
            TreatyStatus::NoAction.on(d("2020-01-01")),
            TreatyStatus::NoAction
        );
    }

    #[test]
    fn the_state_on_a_date_keeps_the_classes_of_the_map() {
        let as_of = d(AS_OF);
        let class = |date: &str| StatusClass::of(Some(&peru().on(d(date), as_of)));
        assert_eq!(class("1985-05-28"), StatusClass::NoAction);
        assert_eq!(class("1987-12-31"), StatusClass::CatSignatoryOnly);
        assert_eq!(class("2006-09-13"), StatusClass::CatPartyOnly);
        assert_eq!(class("2006-09-14"), StatusClass::CatAndOpcatParty);
    }

    #[test]
    fn the_state_on_the_as_of_date_is_the_data_and_undated_facts_are_unknown_before() {
        let (peru, as_of) = (peru(), d(AS_OF));
        assert_eq!(peru.on(as_of, as_of), peru);
        assert_eq!(peru.on(d("2027-01-01"), as_of), peru);
        let before = peru.on(d("2026-02-02"), as_of);
        assert_eq!((before.cat, before.opcat), (peru.cat, peru.opcat));
        assert_eq!((before.art21, before.art22), (None, None));
        assert_eq!(before.name, "PER");
        // A review's year is known, not its day: it counts once that year has ended. Until the last review's
        // has, the last review is the one before it (Colombia's profile on 31 December 2010 said "no review on
        // record" with its 2009 review listed in its timeline below).
        let last_review = |date: &str| peru.on(d(date), as_of).last_review;
        assert_eq!(last_review("2006-12-30"), None);
        assert_eq!(last_review("2006-12-31"), Some(2006));
        assert_eq!(last_review("2012-06-30"), Some(2006));
        assert_eq!(last_review("2018-12-30"), Some(2012));
        assert_eq!(last_review("2018-12-31"), Some(2018));
        // A last review the list does not hold (before November 2005) counts alone, once its year has ended.
        let chile = StateStatus {
            last_review: Some(2004),
            ..state("CHL", TreatyStatus::NoAction, TreatyStatus::NoAction)
        };
        assert_eq!(chile.on(d("2004-12-30"), as_of).last_review, None);
        assert_eq!(chile.on(d("2004-12-31"), as_of).last_review, Some(2004));
        // Likewise each listed review: on a day of 2018, the reviews of 2006 and 2012.
        let sessions = |date: &str| -> Vec<Option<u16>> {
            let then = peru.on(d(date), as_of);
            then.reviews.iter().map(|r| r.session).collect()
        };
        assert_eq!(sessions("2006-12-30"), []);
        assert_eq!(sessions("2006-12-31"), [Some(36)]);
        assert_eq!(sessions("2018-12-30"), [Some(36), Some(49)]);
        assert_eq!(sessions("2018-12-31"), [Some(36), Some(49), Some(65)]);
        assert_eq!(peru.on(as_of, as_of).reviews, peru.reviews);
    }

    #[test]
    fn a_territory_on_a_date_takes_its_party_as_it_stood() {
        let area = AreaStatus {
            iso3: Iso3::parse("GUF").unwrap(),
            party: Some(Iso3::parse("PER").unwrap()),
            cat: None,
            opcat: None,
            notes: Vec::new(),
        };
        let standing = Standing::Area {
            area: area.clone(),
            party: Some(peru()),
        };
        let then = standing.on(d("1986-01-01"), d(AS_OF));
        assert_eq!(then.area(), Some(&area));
        assert!(then.party().is_some_and(|p| p.cat.is_signatory()));
        let state = Standing::State(peru()).on(d("1986-01-01"), d(AS_OF));
        assert!(state.state().is_some_and(|s| !s.opcat.is_party()));
        assert_eq!(
            Standing::Unknown.on(d("1986-01-01"), d(AS_OF)),
            Standing::Unknown
        );
    }

    #[test]
    fn each_treaty_opens_on_its_day() {
        assert!(!Treaty::Cat.is_open_on(d("1985-02-03")));
        assert!(Treaty::Cat.is_open_on(d("1985-02-04")));
        assert!(!Treaty::Opcat.is_open_on(d("2003-02-03")));
        assert!(Treaty::Opcat.is_open_on(d("2003-02-04")));
        assert_eq!(Treaty::Opcat.opened().iso(), "2003-02-04");
    }

    #[test]
    fn the_stops_are_year_ends_then_the_as_of_date() {
        let stops = stops(d(AS_OF));
        assert_eq!(stops.len(), 2025 - 1985 + 2);
        assert_eq!(stops[0], d("1985-12-31"));
        assert_eq!(stops[stops.len() - 2], d("2025-12-31"));
        assert_eq!(stops.last(), Some(&d(AS_OF)));
        assert!(stops.windows(2).all(|w| w[0] < w[1]));
        // A year end that is the as-of date is one stop, not two.
        let year_end = super::stops(d("2025-12-31"));
        assert_eq!(year_end.len(), 2025 - 1985 + 1);
        assert_eq!(year_end.last(), Some(&d("2025-12-31")));
        assert_eq!(super::stops(d("1985-06-01")), [d("1985-06-01")]);
    }

    #[test]
    fn counts_follow_the_date() {
        let states = [
            peru(),
            state("AGO", signatory("2013-09-24"), signatory("2013-09-24")),
            state(
                "TUV",
                party("2024-03-25", Act::Accession, None),
                TreatyStatus::NoAction,
            ),
        ];
        let on = |date: &str| Counts::on(&states, d(date));
        assert_eq!(on("1985-01-01"), Counts::default());
        let counts = |cat_parties, cat_signatories, opcat_parties, opcat_signatories| Counts {
            cat_parties,
            cat_signatories,
            opcat_parties,
            opcat_signatories,
        };
        assert_eq!(on("1987-12-31"), counts(0, 1, 0, 0));
        assert_eq!(on("2006-09-14"), counts(1, 0, 1, 0));
        assert_eq!(on("2013-09-24"), counts(1, 1, 1, 1));
        assert_eq!(on("2024-03-25"), counts(2, 1, 1, 1));
        let over_time = counts_over_time(&states, d(AS_OF));
        assert_eq!(over_time.len(), stops(d(AS_OF)).len());
        for stop in &over_time {
            assert_eq!(stop.counts, Counts::on(&states, stop.date));
        }
        assert_eq!(over_time[2].date, d("1987-12-31"));
        assert_eq!(over_time[2].counts, counts(0, 1, 0, 0));
        assert_eq!(over_time.last().map(|s| s.counts), Some(counts(2, 1, 1, 1)));
    }
}
