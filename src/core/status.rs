//! The status model: where each state stands under CAT and OPCAT, read from the widget's `status.json`.

use crate::core::date::Date;
use crate::core::iso3::{Iso3, IsoMap};

mod read;
mod reviews;

/// The two treaties the widget maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treaty {
    /// Convention against Torture (UNTC IV-9).
    Cat,
    /// Optional Protocol to the Convention against Torture (UNTC IV-9-b).
    Opcat,
}

impl Treaty {
    pub fn abbreviation(self) -> &'static str {
        match self {
            Treaty::Cat => "CAT",
            Treaty::Opcat => "OPCAT",
        }
    }
}

/// The act by which a state became a party, as the UN Treaty Collection records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Ratification,
    Accession,
    Succession,
}

impl Act {
    pub fn name(self) -> &'static str {
        match self {
            Act::Ratification => "ratification",
            Act::Accession => "accession",
            Act::Succession => "succession",
        }
    }
}

/// One state's standing under one treaty. For an act of succession the UN Treaty Collection records the date
/// the Secretary-General received the notification of succession (a `d` after the date on its pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreatyStatus {
    /// Bound by the treaty since `since`, by `act`; `signed` is the earlier signature, if any, and
    /// `signed_by_succession` whether that signature was a succession to signature.
    Party {
        since: Date,
        act: Act,
        signed: Option<Date>,
        signed_by_succession: bool,
    },
    /// Signed on `since` (by succession to signature if `by_succession`) but not (yet) bound.
    Signatory { since: Date, by_succession: bool },
    /// Neither signed nor bound.
    NoAction,
}

impl TreatyStatus {
    pub fn is_party(self) -> bool {
        matches!(self, TreatyStatus::Party { .. })
    }

    pub fn is_signatory(self) -> bool {
        matches!(self, TreatyStatus::Signatory { .. })
    }
}

/// A consideration of a state's report by the Committee against Torture, known by its year and, where the data
/// gives it, its session. Ordered oldest first: by year, then session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Review {
    pub year: u16,
    pub session: Option<u16>,
}

/// Everything the data says about one state.
#[derive(Debug, Clone, PartialEq)]
pub struct StateStatus {
    pub iso3: Iso3,
    /// The UN Treaty Collection's name for the state; empty where the table leaves it out (as the site ships
    /// it: the geometry's feature names the state).
    pub name: String,
    pub cat: TreatyStatus,
    pub opcat: TreatyStatus,
    /// Year of the Committee against Torture session that last considered the state's report (of any session
    /// on record, before November 2005 too); where the row leaves it out, its last review's.
    pub last_review: Option<u16>,
    /// The Committee's reviews of the state's reports that the data lists (sessions 35–83, November 2005 –
    /// November 2025), oldest first; the last is in the year `last_review`.
    pub reviews: Vec<Review>,
    /// Whether a CAT party accepts the Committee's competence under article 21 (complaints between states)
    /// and article 22 (individual complaints); `None` where not recorded or not a CAT party.
    pub art21: Option<bool>,
    pub art22: Option<bool>,
}

impl StateStatus {
    /// The state's name, where the table gives it.
    pub fn named(&self) -> Option<&str> {
        Some(self.name.as_str()).filter(|name| !name.is_empty())
    }
}

/// A note the United Nations attaches to an area that is not a state: shown in the area's tooltip, panel and
/// accessible name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnNote {
    /// On the UN list of Non-Self-Governing Territories.
    NonSelfGoverning,
    /// The sovereignty dispute over the Falkland Islands (Malvinas).
    Falklands,
    /// Jammu and Kashmir: the Line of Control, final status not yet agreed.
    JammuKashmir,
    /// Aksai Chin: administered by China, claimed by India.
    AksaiChin,
    /// The Abyei Area: final status not yet determined.
    Abyei,
    /// Kosovo, in the context of Security Council resolution 1244 (1999).
    Kosovo,
}

impl UnNote {
    pub const ALL: [UnNote; 6] = [
        UnNote::NonSelfGoverning,
        UnNote::Falklands,
        UnNote::JammuKashmir,
        UnNote::AksaiChin,
        UnNote::Abyei,
        UnNote::Kosovo,
    ];

    /// The key `status.json` writes.
    pub fn key(self) -> &'static str {
        match self {
            UnNote::NonSelfGoverning => "non-self-governing",
            UnNote::Falklands => "falklands",
            UnNote::JammuKashmir => "jammu-kashmir",
            UnNote::AksaiChin => "aksai-chin",
            UnNote::Abyei => "abyei",
            UnNote::Kosovo => "kosovo",
        }
    }

    pub fn from_key(key: &str) -> Option<UnNote> {
        UnNote::ALL.into_iter().find(|n| n.key() == key)
    }
}

/// What a UNTC note says of a party's treaty and a territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The treaty applies to the territory through the party's ratification.
    Applies,
    /// The party's ratification excludes the territory.
    Excluded,
}

/// A treaty's application to a territory, and the note of the treaty's UNTC page that records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Application {
    pub effect: Effect,
    pub note: u16,
}

impl Application {
    pub fn applies(application: Option<Application>) -> bool {
        application.is_some_and(|a| a.effect == Effect::Applies)
    }
}

/// An area that is not a state, with what the data says of it: the party whose ratification applies to it or
/// excludes it, per treaty, as the UNTC notes record; and the UN's notes on it.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaStatus {
    pub iso3: Iso3,
    pub party: Option<Iso3>,
    pub cat: Option<Application>,
    pub opcat: Option<Application>,
    pub notes: Vec<UnNote>,
}

impl AreaStatus {
    /// The application of one treaty.
    pub fn application(&self, treaty: Treaty) -> Option<Application> {
        match treaty {
            Treaty::Cat => self.cat,
            Treaty::Opcat => self.opcat,
        }
    }

    /// Whether a party's treaty applies to the area (it is then drawn in that party's class).
    pub fn is_covered(&self) -> bool {
        self.party.is_some() && (Application::applies(self.cat) || Application::applies(self.opcat))
    }

    /// Whether a party's treaty applied to the area with its party standing as `party` (as on the map's day): a
    /// treaty the notes extend to it, to which the party was a party. The notes do not date the extensions, so
    /// on an earlier day each counts from the party's own ratification (data/README.md).
    pub fn is_covered_by(&self, party: &StateStatus) -> bool {
        (Application::applies(self.cat) && party.cat.is_party())
            || (Application::applies(self.opcat) && party.opcat.is_party())
    }
}

/// What the data says of one area of the map: all a view needs to colour it, describe it and list it.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// A state with a status row.
    State(StateStatus),
    /// An area that is not a state, with what the data says of it and, for a territory the UNTC notes tie to a
    /// party, that party's status (the party may lie outside the map's region).
    Area {
        area: AreaStatus,
        party: Option<StateStatus>,
    },
    /// Nothing on record.
    Unknown,
}

impl Standing {
    /// The state's status, for a state.
    pub fn state(&self) -> Option<&StateStatus> {
        match self {
            Standing::State(status) => Some(status),
            _ => None,
        }
    }

    /// What the data says of an area that is not a state.
    pub fn area(&self) -> Option<&AreaStatus> {
        match self {
            Standing::Area { area, .. } => Some(area),
            _ => None,
        }
    }

    /// The status of the party a territory is tied to.
    pub fn party(&self) -> Option<&StateStatus> {
        match self {
            Standing::Area { party, .. } => party.as_ref(),
            _ => None,
        }
    }

    /// Whether this is a territory a party's treaty applies to ([`AreaStatus::is_covered_by`] its party as it
    /// stood): drawn in the party's class, with the territories' texture.
    pub fn is_covered_territory(&self) -> bool {
        matches!(self, Standing::Area { area, party: Some(party) } if area.is_covered_by(party))
    }
}

/// Where the status facts come from, and as of when. Status and review years have different sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Sources {
    pub as_of: Date,
    /// "UN Treaty Collection".
    pub source: String,
    /// Where the review years come from, such as "Committee against Torture session reports, 2005–2025".
    pub review_source: Option<String>,
}

impl Sources {
    /// Whether these are the sources of the [`StatusTable::unavailable`] stand-in: the status is missing.
    pub fn is_unavailable(&self) -> bool {
        self.source.is_empty()
    }
}

/// All states' statuses, with the date and source they are true as of.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusTable {
    pub sources: Sources,
    states: IsoMap<StateStatus>,
    areas: IsoMap<AreaStatus>,
}

impl StatusTable {
    /// The table used when `status.json` could not be loaded: no rows, so every state shows as "no data", and
    /// a source line saying the status is missing.
    pub fn unavailable() -> StatusTable {
        StatusTable {
            sources: Sources {
                as_of: CAT_OPENED,
                source: String::new(),
                review_source: None,
            },
            states: IsoMap::new(),
            areas: IsoMap::new(),
        }
    }

    /// Whether this is the [`StatusTable::unavailable`] stand-in.
    pub fn is_unavailable(&self) -> bool {
        self.sources.is_unavailable()
    }

    pub fn get(&self, iso3: Iso3) -> Option<&StateStatus> {
        self.states.get(iso3)
    }

    /// What the data says of an area that is not a state (a territory, a disputed area), if anything.
    pub fn area(&self, iso3: Iso3) -> Option<&AreaStatus> {
        self.areas.get(iso3)
    }

    /// Everything the table says of the area `iso3`: its own row, or what it says of an area that is not a
    /// state and of its party.
    pub fn standing(&self, iso3: Iso3) -> Standing {
        if let Some(state) = self.get(iso3) {
            return Standing::State(state.clone());
        }
        match self.area(iso3) {
            Some(area) => Standing::Area {
                area: area.clone(),
                party: area.party.and_then(|p| self.get(p)).cloned(),
            },
            None => Standing::Unknown,
        }
    }

    /// Every state with a row, by code.
    pub fn states(&self) -> impl Iterator<Item = &StateStatus> + '_ {
        self.states.values()
    }

    /// The codes with a row, in order.
    pub fn codes(&self) -> impl Iterator<Item = Iso3> + '_ {
        self.states.keys()
    }

    pub fn len(&self) -> usize {
        self.states.len()
    }

    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }
}

/// CAT opened for signature on 4 February 1985; OPCAT on 4 February 2003 (UN Treaty Collection).
pub const CAT_OPENED: Date = Date::known(1985, 2, 4);
pub const OPCAT_OPENED: Date = Date::known(2003, 2, 4);
/// The Committee against Torture first met in April 1988.
const FIRST_REVIEW_YEAR: u16 = 1988;
