//! The status model: where each state stands under CAT and OPCAT, read from the widget's `status.json`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::core::date::Date;
use crate::core::error::{DataError, Diagnostic};
use crate::core::iso3::Iso3;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
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

/// One state's standing under one treaty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreatyStatus {
    /// Bound by the treaty since `since`, by `act`; `signed` is the earlier signature, if any.
    Party {
        since: Date,
        act: Act,
        signed: Option<Date>,
    },
    /// Signed on `since` but not (yet) bound.
    Signatory { since: Date },
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

/// Everything the data says about one state.
#[derive(Debug, Clone, PartialEq)]
pub struct StateStatus {
    pub iso3: Iso3,
    /// The UN Treaty Collection's name for the state.
    pub name: String,
    pub cat: TreatyStatus,
    pub opcat: TreatyStatus,
    /// Year of the Committee against Torture session that last considered the state's report.
    pub last_review: Option<u16>,
    /// Whether a CAT party accepts the Committee's competence under article 21 (complaints between states)
    /// and article 22 (individual complaints); `None` where not recorded or not a CAT party.
    pub art21: Option<bool>,
    pub art22: Option<bool>,
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
    /// "Status as at 3 February 2026 — UN Treaty Collection".
    pub fn status_line(&self) -> String {
        format!("Status as at {} — {}", self.as_of, self.source)
    }

    /// "Review years: …", where the data names its source.
    pub fn review_line(&self) -> Option<String> {
        self.review_source
            .as_ref()
            .map(|s| format!("Review years: {s}"))
    }
}

/// All states' statuses, with the date and source they are true as of.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusTable {
    pub sources: Sources,
    states: BTreeMap<Iso3, StateStatus>,
}

impl StatusTable {
    /// Reads `status.json`. A malformed document is an error; a malformed row becomes a diagnostic and the
    /// state is left out (it then shows as "no data").
    pub fn from_json(text: &str) -> Result<(StatusTable, Vec<Diagnostic>), DataError> {
        let raw: RawTable = serde_json::from_str(text).map_err(|e| DataError::Json {
            file: "status data",
            message: e.to_string(),
        })?;
        let as_of = Date::parse_iso(&raw.as_of).ok_or_else(|| DataError::Field {
            file: "status data",
            field: "as_of",
            message: format!("{:?} is not a YYYY-MM-DD date", raw.as_of),
        })?;
        let mut diagnostics = Vec::new();
        let mut states = BTreeMap::new();
        for (index, row) in raw.states.into_iter().enumerate() {
            match parse_row(row) {
                Ok(state) => {
                    states.insert(state.iso3, state);
                }
                Err(message) => {
                    diagnostics.push(Diagnostic(format!("status row {}: {message}", index + 1)))
                }
            }
        }
        let sources = Sources {
            as_of,
            source: raw.source,
            review_source: raw.review_source,
        };
        Ok((StatusTable { sources, states }, diagnostics))
    }

    pub fn get(&self, iso3: Iso3) -> Option<&StateStatus> {
        self.states.get(&iso3)
    }

    pub fn len(&self) -> usize {
        self.states.len()
    }

    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }
}

#[derive(Deserialize)]
struct RawTable {
    as_of: String,
    source: String,
    #[serde(default)]
    review_source: Option<String>,
    states: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawState {
    iso3: String,
    name: String,
    #[serde(default)]
    cat: RawTreaty,
    #[serde(default)]
    opcat: RawTreaty,
    #[serde(default)]
    last_review: Option<u16>,
    #[serde(default)]
    art21: Option<bool>,
    #[serde(default)]
    art22: Option<bool>,
}

#[derive(Deserialize, Default)]
struct RawTreaty {
    signed: Option<String>,
    party: Option<String>,
    act: Option<Act>,
}

fn parse_row(row: serde_json::Value) -> Result<StateStatus, String> {
    let raw: RawState = serde_json::from_value(row).map_err(|e| e.to_string())?;
    let iso3 = Iso3::parse(&raw.iso3)
        .ok_or_else(|| format!("iso3 {:?} is not an ISO 3166-1 alpha-3 code", raw.iso3))?;
    let treaty = |treaty: RawTreaty, which: Treaty| {
        parse_treaty(treaty)
            .map_err(|message| format!("{iso3} {}: {message}", which.abbreviation()))
    };
    Ok(StateStatus {
        iso3,
        name: raw.name,
        cat: treaty(raw.cat, Treaty::Cat)?,
        opcat: treaty(raw.opcat, Treaty::Opcat)?,
        last_review: raw.last_review,
        art21: raw.art21,
        art22: raw.art22,
    })
}

fn parse_treaty(raw: RawTreaty) -> Result<TreatyStatus, String> {
    let date = |field: &str, text: Option<String>| -> Result<Option<Date>, String> {
        text.map(|t| {
            Date::parse_iso(&t).ok_or_else(|| format!("{field} {t:?} is not a YYYY-MM-DD date"))
        })
        .transpose()
    };
    let signed = date("signed", raw.signed)?;
    let party = date("party", raw.party)?;
    match (party, raw.act, signed) {
        (Some(since), Some(act), signed) => {
            if signed.is_some_and(|s| s > since) {
                return Err("signed after becoming a party".to_owned());
            }
            Ok(TreatyStatus::Party { since, act, signed })
        }
        (Some(_), None, _) => Err("party date without the kind of act".to_owned()),
        (None, Some(_), _) => Err("kind of act without a party date".to_owned()),
        (None, None, Some(since)) => Ok(TreatyStatus::Signatory { since }),
        (None, None, None) => Ok(TreatyStatus::NoAction),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERU: &str = r#"{"as_of":"2026-02-03","source":"UN Treaty Collection","states":[
        {"iso3":"PER","name":"Peru","cat":{"signed":"1985-05-29","party":"1988-07-07","act":"ratification"},
         "opcat":{"party":"2006-09-14","act":"accession"},"last_review":2018,"art21":false,"art22":false},
        {"iso3":"HTI","name":"Haiti","cat":{"signed":"2013-08-16"}},
        {"iso3":"TUV","name":"Tuvalu"}]}"#;

    fn iso(code: &str) -> Iso3 {
        Iso3::parse(code).unwrap()
    }

    #[test]
    fn reads_party_signatory_and_no_action() {
        let (table, diagnostics) = StatusTable::from_json(PERU).unwrap();
        assert!(diagnostics.is_empty());
        assert_eq!(
            table.sources.status_line(),
            "Status as at 3 February 2026 — UN Treaty Collection"
        );
        assert_eq!(table.sources.review_line(), None);
        let peru = table.get(iso("PER")).unwrap();
        assert_eq!(
            peru.cat,
            TreatyStatus::Party {
                since: Date::parse_iso("1988-07-07").unwrap(),
                act: Act::Ratification,
                signed: Date::parse_iso("1985-05-29"),
            }
        );
        assert!(peru.opcat.is_party());
        assert_eq!(peru.last_review, Some(2018));
        assert_eq!((peru.art21, peru.art22), (Some(false), Some(false)));
        assert!(table.get(iso("HTI")).unwrap().cat.is_signatory());
        assert_eq!(table.get(iso("TUV")).unwrap().opcat, TreatyStatus::NoAction);
        assert!(table.get(iso("FRA")).is_none());
    }

    #[test]
    fn a_bad_row_is_a_diagnostic_and_the_rest_still_loads() {
        let text = r#"{"as_of":"2026-02-03","source":"UNTC","states":[
            {"iso3":"PER","name":"Peru","cat":{"party":"1988-07-07"}},
            {"iso3":"peru","name":"Peru"},
            {"iso3":"CHL","name":"Chile","cat":{"signed":"1990-01-01","party":"1988-09-30","act":"ratification"}},
            {"iso3":"MEX","name":"Mexico","opcat":{"party":"2005-04-11","act":"accession"}}]}"#;
        let (table, diagnostics) = StatusTable::from_json(text).unwrap();
        assert_eq!(table.len(), 1);
        let messages: Vec<String> = diagnostics.iter().map(|d| d.0.clone()).collect();
        assert_eq!(
            messages,
            [
                "status row 1: PER CAT: party date without the kind of act",
                "status row 2: iso3 \"peru\" is not an ISO 3166-1 alpha-3 code",
                "status row 3: CHL CAT: signed after becoming a party",
            ]
        );
    }

    #[test]
    fn a_broken_document_names_the_problem() {
        let error = StatusTable::from_json(r#"{"as_of":"3 Feb 2026","source":"x","states":[]}"#)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "status data: field as_of: \"3 Feb 2026\" is not a YYYY-MM-DD date"
        );
        assert!(StatusTable::from_json("[").is_err());
    }
}
