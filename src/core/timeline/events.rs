//! A state's dated treaty actions and reviews (its timeline), and the latest actions among a set of states.

use std::cmp::Reverse;

use crate::core::date::Date;
use crate::core::iso3::Iso3;
use crate::core::status::{Act, Review, StateStatus, Treaty, TreatyStatus};

/// What a state did under a treaty on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Signed the treaty, or succeeded to a predecessor's signature (`by_succession`).
    Signature { by_succession: bool },
    /// Became a party, by ratification, accession or succession.
    Party(Act),
}

/// One dated treaty action of a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub date: Date,
    pub treaty: Treaty,
    pub action: Action,
}

impl Event {
    /// The actions one treaty's status records: the signature, if any, then the act that made the state a
    /// party, if any (the tests' way to `push_of`).
    #[cfg(test)]
    pub fn of(treaty: Treaty, status: TreatyStatus) -> Vec<Event> {
        let mut events = Vec::new();
        Event::push_of(&mut events, treaty, status);
        events
    }

    /// [`Event::of`], pushed onto `events`.
    fn push_of(events: &mut Vec<Event>, treaty: Treaty, status: TreatyStatus) {
        let mut push = |date, action| {
            events.push(Event {
                date,
                treaty,
                action,
            })
        };
        match status {
            TreatyStatus::Party {
                since,
                act,
                signed,
                signed_by_succession,
            } => {
                if let Some(date) = signed {
                    let by_succession = signed_by_succession;
                    push(date, Action::Signature { by_succession });
                }
                push(since, Action::Party(act));
            }
            TreatyStatus::Signatory {
                since,
                by_succession,
            } => push(since, Action::Signature { by_succession }),
            TreatyStatus::NoAction => {}
        }
    }

    /// A state's actions under both treaties, CAT's first, each treaty's in [`Event::of`]'s order.
    fn of_state(state: &StateStatus) -> Vec<Event> {
        let mut events = Vec::new();
        Event::push_of(&mut events, Treaty::Cat, state.cat);
        Event::push_of(&mut events, Treaty::Opcat, state.opcat);
        events
    }

    /// The order of a state's timeline: by date, then CAT before OPCAT, then a signature before the act of
    /// becoming a party.
    fn chronological(&self) -> (Date, u8, u8) {
        let treaty = match self.treaty {
            Treaty::Cat => 0,
            Treaty::Opcat => 1,
        };
        let action = match self.action {
            Action::Signature { .. } => 0,
            Action::Party(_) => 1,
        };
        (self.date, treaty, action)
    }
}

/// Everything dated that the data records of one state: its treaty actions and the Committee's reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// Oldest first; on one day, CAT before OPCAT and a signature before becoming a party.
    pub events: Vec<Event>,
    /// Oldest first: every review `status.json` lists (sessions 35–83, from November 2005).
    pub reviews: Vec<Review>,
}

impl Timeline {
    pub fn of(state: &StateStatus) -> Timeline {
        // At most four events, each inserted in its place: the key orders them fully, and no sort's code is
        // in the wasm.
        let mut events: Vec<Event> = Vec::new();
        for event in Event::of_state(state) {
            let at = events.partition_point(|e| e.chronological() <= event.chronological());
            events.insert(at, event);
        }
        Timeline {
            events,
            reviews: state.reviews.clone(),
        }
    }
}

/// A treaty action and the state that took it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateEvent {
    pub iso3: Iso3,
    pub event: Event,
}

/// The `n` most recent treaty actions among `states` on or before `until` (the data's as-of date for "the
/// latest"), newest first. Actions of one day go by state code, then CAT before OPCAT, then becoming a party
/// before the signature, so the order never depends on the order of `states`.
pub fn latest<'a>(
    states: impl IntoIterator<Item = &'a StateStatus>,
    until: Date,
    n: usize,
) -> Vec<StateEvent> {
    let order = |e: &StateEvent| {
        let (date, treaty, action) = e.event.chronological();
        (Reverse(date), e.iso3, treaty, Reverse(action))
    };
    // The `n` first in that order, each action inserted in its place if it is among them: the key orders the
    // actions fully, and no sort's code is in the wasm.
    let mut newest: Vec<StateEvent> = Vec::with_capacity(n + 1);
    for state in states {
        let iso3 = state.iso3;
        for event in Event::of_state(state) {
            if event.date > until {
                continue;
            }
            let action = StateEvent { iso3, event };
            let at = newest.partition_point(|kept| order(kept) <= order(&action));
            if at < n {
                newest.insert(at, action);
                newest.truncate(n);
            }
        }
    }
    newest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::timeline::tests::{d, party, signatory, state};
    use crate::harness::test;

    fn event(date: &str, treaty: Treaty, action: Action) -> Event {
        Event {
            date: d(date),
            treaty,
            action,
        }
    }

    const SIGNED: Action = Action::Signature {
        by_succession: false,
    };

    #[test]
    fn a_treaty_status_gives_its_signature_then_its_act() {
        let ratified = party("1988-07-07", Act::Ratification, Some("1985-05-29"));
        assert_eq!(
            Event::of(Treaty::Cat, ratified),
            [
                event("1985-05-29", Treaty::Cat, SIGNED),
                event("1988-07-07", Treaty::Cat, Action::Party(Act::Ratification)),
            ]
        );
        let acceded = party("2006-09-14", Act::Accession, None);
        assert_eq!(
            Event::of(Treaty::Opcat, acceded),
            [event(
                "2006-09-14",
                Treaty::Opcat,
                Action::Party(Act::Accession)
            )]
        );
        let succeeded = TreatyStatus::Signatory {
            since: d("1993-01-01"),
            by_succession: true,
        };
        assert_eq!(
            Event::of(Treaty::Cat, succeeded),
            [event(
                "1993-01-01",
                Treaty::Cat,
                Action::Signature {
                    by_succession: true
                }
            )]
        );
        assert_eq!(Event::of(Treaty::Cat, TreatyStatus::NoAction), []);
    }

    #[test]
    fn a_timeline_is_chronological_with_cat_first_on_a_shared_day() {
        let mut angola = state(
            "AGO",
            party("2019-10-02", Act::Ratification, Some("2013-09-24")),
            signatory("2013-09-24"),
        );
        let reviewed = |year, session| Review { year, session };
        angola.last_review = Some(2019);
        angola.reviews = vec![reviewed(2015, None), reviewed(2019, Some(67))];
        let timeline = Timeline::of(&angola);
        assert_eq!(
            timeline.events,
            [
                event("2013-09-24", Treaty::Cat, SIGNED),
                event("2013-09-24", Treaty::Opcat, SIGNED),
                event("2019-10-02", Treaty::Cat, Action::Party(Act::Ratification)),
            ]
        );
        assert_eq!(
            timeline.reviews,
            [reviewed(2015, None), reviewed(2019, Some(67))]
        );
        // Signed and bound on one day: the signature first.
        let same_day = state(
            "XXA",
            TreatyStatus::NoAction,
            party("2010-05-05", Act::Ratification, Some("2010-05-05")),
        );
        let actions: Vec<Action> = Timeline::of(&same_day)
            .events
            .iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(actions, [SIGNED, Action::Party(Act::Ratification)]);
        let none = state("XXB", TreatyStatus::NoAction, TreatyStatus::NoAction);
        assert_eq!(
            Timeline::of(&none),
            Timeline {
                events: Vec::new(),
                reviews: Vec::new()
            }
        );
    }

    #[test]
    fn the_latest_actions_are_newest_first_in_an_order_that_does_not_depend_on_the_input() {
        let states = vec![
            state(
                "PER",
                party("1988-07-07", Act::Ratification, Some("1985-05-29")),
                party("2006-09-14", Act::Accession, None),
            ),
            state(
                "ARM",
                party("1993-09-13", Act::Accession, None),
                party("2006-09-14", Act::Accession, None),
            ),
            state(
                "XXA",
                party("2006-09-14", Act::Ratification, Some("2006-09-14")),
                signatory("2006-09-14"),
            ),
        ];
        let codes = |events: &[StateEvent]| -> Vec<(String, Date, Treaty, Action)> {
            events
                .iter()
                .map(|e| {
                    (
                        e.iso3.to_string(),
                        e.event.date,
                        e.event.treaty,
                        e.event.action,
                    )
                })
                .collect()
        };
        let latest_five = latest(&states, d("2026-02-03"), 5);
        let ratified = Action::Party(Act::Ratification);
        let acceded = Action::Party(Act::Accession);
        let day = d("2006-09-14");
        assert_eq!(
            codes(&latest_five),
            [
                ("ARM".to_owned(), day, Treaty::Opcat, acceded),
                ("PER".to_owned(), day, Treaty::Opcat, acceded),
                ("XXA".to_owned(), day, Treaty::Cat, ratified),
                ("XXA".to_owned(), day, Treaty::Cat, SIGNED),
                ("XXA".to_owned(), day, Treaty::Opcat, SIGNED),
            ]
        );
        let reversed: Vec<StateStatus> = states.iter().rev().cloned().collect();
        assert_eq!(latest(&reversed, d("2026-02-03"), 5), latest_five);
        // Only what had happened by `until`; fewer than `n` when there are fewer.
        assert_eq!(
            codes(&latest(&states, d("2006-09-13"), 10)),
            [
                ("ARM".to_owned(), d("1993-09-13"), Treaty::Cat, acceded),
                ("PER".to_owned(), d("1988-07-07"), Treaty::Cat, ratified),
                ("PER".to_owned(), d("1985-05-29"), Treaty::Cat, SIGNED),
            ]
        );
        assert_eq!(latest(&states, d("2026-02-03"), 0), []);
    }
}
