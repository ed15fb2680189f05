//! Reading `status.json` into a [`StatusTable`]: the document, each state's row and each area's row read on
//! their own, so that a bad row is a diagnostic and the rest of the table loads.

use crate::core::date::Date;
use crate::core::error::{excerpt, DataError, Diagnostic, Diagnostics, NotIso3};
use crate::core::iso3::{Iso3, IsoMap};
use crate::core::json::{self, Object, Raw};
use crate::core::limits::{MAX_TABLE_BYTES, MAX_TEXT_BYTES};
use crate::core::status::reviews::parse_reviews;
use crate::core::status::{
    Act, Application, AreaStatus, Effect, Sources, StateStatus, StatusTable, Treaty, TreatyStatus,
    UnNote, CAT_OPENED, FIRST_REVIEW_YEAR, OPCAT_OPENED,
};

impl StatusTable {
    /// Reads `status.json`. A malformed document is an error; a malformed row becomes a diagnostic and the
    /// state is left out (it then shows as "no data"). A second row for the same state is skipped; the first
    /// counts. Dates must exist, lie no later than `as_of` and no earlier than the day the treaty opened for
    /// signature.
    pub fn from_json(text: &str) -> Result<(StatusTable, Vec<Diagnostic>), DataError> {
        const FILE: &str = "status data";
        DataError::check_size(FILE, text, MAX_TABLE_BYTES)?;
        // The document's fields, each row kept as its text (borrowed from the file's) to be read on its own: no
        // tree of values is built in between (a 2 MiB table is parsed in one task).
        let raw = Fields(Object::read(text).map_err(|e| DataError::json(FILE, &e))?);
        let field = |field: &'static str, message: String| DataError::Field {
            file: FILE,
            field,
            message,
        };
        let text_of = |key: &'static str| match raw.optional(key) {
            None => Ok(None),
            Some(value) => json::text(value)
                .map(Some)
                .ok_or_else(|| field(key, json::expected("a text", value))),
        };
        let as_of_text = text_of("as_of")?.ok_or_else(|| field("as_of", "missing".to_owned()))?;
        let as_of = Date::parse_iso(&as_of_text).ok_or_else(|| {
            field(
                "as_of",
                format!("{} is not a YYYY-MM-DD date", excerpt(&as_of_text)),
            )
        })?;
        let text_field = |key: &'static str, text: String| {
            let text = text.trim().to_owned();
            if text.is_empty() || text.len() > MAX_TEXT_BYTES {
                return Err(field(
                    key,
                    format!("must be a text of 1 to {MAX_TEXT_BYTES} bytes"),
                ));
            }
            Ok(text)
        };
        let source = text_field("source", text_of("source")?.unwrap_or_default())?;
        let review_source = text_of("review_source")?
            .map(|t| text_field("review_source", t))
            .transpose()?;
        let rows_of = |key: &'static str, required: bool| match raw.optional(key) {
            None if required => Err(field(key, "missing".to_owned())),
            None => Ok(Vec::new()),
            Some(value) => {
                json::list(value).ok_or_else(|| field(key, json::expected("a list", value)))
            }
        };
        let (state_rows, area_rows) = (rows_of("states", true)?, rows_of("areas", false)?);
        let mut diagnostics = Diagnostics::new(FILE);
        let mut states = IsoMap::new();
        let mut rows: IsoMap<usize> = IsoMap::new();
        for (index, row) in state_rows.into_iter().enumerate() {
            let number = index + 1;
            let mut problems = Vec::new();
            match parse_row(row, as_of, &mut problems) {
                Ok(state) => {
                    if let Some(first) = rows.get(state.iso3) {
                        diagnostics.push(|| {
                            format!(
                                "status row {number}: {} again (first in row {first}); skipped",
                                state.iso3
                            )
                        });
                        continue;
                    }
                    for problem in problems {
                        diagnostics.push(|| format!("status row {number}: {problem}"));
                    }
                    rows.insert(state.iso3, number);
                    states.insert(state.iso3, state);
                }
                Err(message) => diagnostics.push(|| format!("status row {number}: {message}")),
            }
        }
        let mut areas = IsoMap::new();
        for (index, row) in area_rows.into_iter().enumerate() {
            let number = index + 1;
            match parse_area(row, &states) {
                Ok(area) if areas.contains(area.iso3) => {
                    diagnostics.push(|| format!("area row {number}: {} again; skipped", area.iso3))
                }
                Ok(area) => {
                    areas.insert(area.iso3, area);
                }
                Err(message) => diagnostics.push(|| format!("area row {number}: {message}")),
            }
        }
        let sources = Sources {
            as_of,
            source,
            review_source,
        };
        Ok((
            StatusTable {
                sources,
                states,
                areas,
            },
            diagnostics.finish(),
        ))
    }
}

/// Reads one area row; a state's own code, an unknown party or note, or an application without a party is an
/// error (the row is then skipped with a diagnostic).
fn parse_area(row: Raw<'_>, states: &IsoMap<StateStatus>) -> Result<AreaStatus, String> {
    let fields = Fields::object(row)?;
    let iso3 = fields.code("iso3")?;
    if states.contains(iso3) {
        return Err(format!("{iso3} is a state, not a territory or area"));
    }
    let party = fields
        .optional_code("party")
        .map_err(|message| format!("{iso3}: {message}"))?;
    if let Some(party) = party.filter(|p| !states.contains(*p)) {
        return Err(format!("{iso3}: party {party} has no status row"));
    }
    let application = |which: &str, key: &str| {
        let Some(value) = fields.optional(key) else {
            return Ok(None);
        };
        let at = |message: String| format!("{iso3} {which}: {message}");
        let application = Fields::object(value).map_err(at)?;
        let effect = match application.text("effect").map_err(at)?.as_str() {
            "applies" => Effect::Applies,
            "excluded" => Effect::Excluded,
            other => {
                return Err(at(format!(
                    "effect {} is not applies or excluded",
                    excerpt(other)
                )))
            }
        };
        let note = application
            .number("note")
            .map_err(at)?
            .ok_or_else(|| at("no note".to_owned()))?;
        if party.is_none() {
            return Err(format!("{iso3} {which}: an application without a party"));
        }
        Ok(Some(Application { effect, note }))
    };
    let cat = application("CAT", "cat")?;
    let opcat = application("OPCAT", "opcat")?;
    let notes = match fields.optional("notes") {
        None => Vec::new(),
        Some(list) => json::list(list)
            .and_then(|items| {
                items
                    .into_iter()
                    .map(json::text)
                    .collect::<Option<Vec<_>>>()
            })
            .ok_or_else(|| format!("{iso3}: notes: a list of texts is expected"))?,
    };
    let notes = notes
        .iter()
        .map(|key| {
            UnNote::from_key(key).ok_or_else(|| format!("{iso3}: unknown note {}", excerpt(key)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AreaStatus {
        iso3,
        party,
        cat,
        opcat,
        notes,
    })
}

/// A row's fields (the document's, a state's, a treaty's, an application's, a review's), read by name from its
/// raw JSON (`core::json`): an unknown field is ignored, `null` is as good as absent, and what is wrong is said
/// with the field's name. No derived `Deserialize`, whose visitor
/// per kind of row cost the wasm more than these few readers (bench/SIZE.md).
pub(super) struct Fields<'a>(pub(super) Object<'a>);

impl<'a> Fields<'a> {
    fn object(value: Raw<'a>) -> Result<Fields<'a>, String> {
        json::object(value)
            .map(Fields)
            .ok_or_else(|| json::expected("an object", value))
    }

    fn optional(&self, key: &str) -> Option<Raw<'a>> {
        json::given(self.0.get(key))
    }

    fn text(&self, key: &str) -> Result<String, String> {
        self.optional_text(key)?.ok_or_else(|| format!("no {key}"))
    }

    fn optional_text(&self, key: &str) -> Result<Option<String>, String> {
        self.optional(key)
            .map(|value| {
                json::text(value)
                    .ok_or_else(|| format!("{key}: {}", json::expected("a text", value)))
            })
            .transpose()
    }

    /// A code: a text that is an ISO3 code.
    fn code(&self, key: &str) -> Result<Iso3, String> {
        self.optional_code(key)?.ok_or_else(|| format!("no {key}"))
    }

    fn optional_code(&self, key: &str) -> Result<Option<Iso3>, String> {
        self.optional(key)
            .map(|value| {
                json::text(value)
                    .as_deref()
                    .and_then(Iso3::parse)
                    .ok_or_else(|| format!("{key} {}", NotIso3::quoted(json::excerpt(value))))
            })
            .transpose()
    }

    pub(super) fn number(&self, key: &str) -> Result<Option<u16>, String> {
        let Some(value) = self.optional(key) else {
            return Ok(None);
        };
        json::small_number(value).map(Some).ok_or_else(|| {
            format!(
                "{key} {} is not a whole number below 65536",
                json::excerpt(value)
            )
        })
    }

    fn flag(&self, key: &str) -> Result<Option<bool>, String> {
        let Some(value) = self.optional(key) else {
            return Ok(None);
        };
        json::flag(value)
            .map(Some)
            .ok_or_else(|| format!("{key} {} is not true or false", json::excerpt(value)))
    }

    fn act(&self, key: &str) -> Result<Option<Act>, String> {
        let Some(text) = self.optional_text(key)? else {
            return Ok(None);
        };
        [Act::Ratification, Act::Accession, Act::Succession]
            .into_iter()
            .find(|act| act.name() == text)
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "{key} {} is not ratification, accession or succession",
                    excerpt(&text)
                )
            })
    }
}

/// Reads one state's row; an error skips the row. What is wrong with a part the row can do without (a review)
/// is added to `problems`, and the row loads without it.
fn parse_row(row: Raw<'_>, as_of: Date, problems: &mut Vec<String>) -> Result<StateStatus, String> {
    let fields = Fields::object(row)?;
    let iso3 = fields.code("iso3")?;
    // Left out where the geometry names the state (the table as the site ships it).
    let name = fields
        .optional_text("name")
        .map_err(|message| format!("{iso3}: {message}"))?;
    let name = name.as_deref().map(str::trim);
    if name.is_some_and(|name| name.is_empty() || name.len() > MAX_TEXT_BYTES) {
        return Err(format!(
            "{iso3}: the name must be a text of 1 to {MAX_TEXT_BYTES} bytes, not {} bytes",
            name.map_or(0, str::len)
        ));
    }
    let name = name.unwrap_or_default().to_owned();
    let treaty = |which: Treaty, key: &str| {
        let opened = match which {
            Treaty::Cat => CAT_OPENED,
            Treaty::Opcat => OPCAT_OPENED,
        };
        let treaty = match fields.optional(key) {
            None => Ok(TreatyStatus::NoAction),
            Some(value) => Fields::object(value).and_then(|raw| parse_treaty(&raw, opened..=as_of)),
        };
        treaty.map_err(|message| format!("{iso3} {}: {message}", which.abbreviation()))
    };
    let cat = treaty(Treaty::Cat, "cat")?;
    let opcat = treaty(Treaty::Opcat, "opcat")?;
    let at = |message: String| format!("{iso3}: {message}");
    let last_review = fields.number("last_review").map_err(at)?;
    if let Some(year) = last_review {
        if !(FIRST_REVIEW_YEAR..=as_of.year()).contains(&year) {
            return Err(format!(
                "{iso3}: last_review {year} is not between {FIRST_REVIEW_YEAR} and {}",
                as_of.year()
            ));
        }
    }
    let art21 = fields.flag("art21").map_err(at)?;
    let art22 = fields.flag("art22").map_err(at)?;
    let reviews = parse_reviews(iso3, fields.optional("reviews"), as_of, problems);
    // Left out where it is the last review's year (the table as the site ships it).
    let last_review = last_review.or_else(|| reviews.last().map(|review| review.year));
    Ok(StateStatus {
        iso3,
        name,
        cat,
        opcat,
        last_review,
        reviews,
        art21,
        art22,
    })
}

fn parse_treaty(
    raw: &Fields,
    possible: std::ops::RangeInclusive<Date>,
) -> Result<TreatyStatus, String> {
    let date = |field: &str| -> Result<Option<Date>, String> {
        let Some(text) = raw.optional_text(field)? else {
            return Ok(None);
        };
        let date = Date::parse_iso(&text)
            .ok_or_else(|| format!("{field} {} is not a YYYY-MM-DD date", excerpt(&text)))?;
        if !possible.contains(&date) {
            return Err(format!(
                "{field} {} is not between {} and {}",
                date.iso(),
                possible.start().iso(),
                possible.end().iso()
            ));
        }
        Ok(Some(date))
    };
    let signed = date("signed")?;
    let party = date("party")?;
    let by_succession = match (raw.act("signed_act")?, signed) {
        (None, _) => false,
        (Some(Act::Succession), Some(_)) => true,
        (Some(Act::Succession), None) => {
            return Err("signature act without a signature date".to_owned())
        }
        (Some(other), _) => {
            return Err(format!("signature act {} is not succession", other.name()))
        }
    };
    match (party, raw.act("act")?, signed) {
        (Some(since), Some(act), signed) => {
            if signed.is_some_and(|s| s > since) {
                return Err("signed after becoming a party".to_owned());
            }
            Ok(TreatyStatus::Party {
                since,
                act,
                signed,
                signed_by_succession: by_succession,
            })
        }
        (Some(_), None, _) => Err("party date without the kind of act".to_owned()),
        (None, Some(_), _) => Err("kind of act without a party date".to_owned()),
        (None, None, Some(since)) => Ok(TreatyStatus::Signatory {
            since,
            by_succession,
        }),
        (None, None, None) => Ok(TreatyStatus::NoAction),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;
    use crate::core::limits::{MAX_TABLE_BYTES, MAX_TEXT_BYTES};
    use crate::core::profile::{review_source_line, source_line};
    use crate::core::status::Review;
    use crate::harness::test;

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
            source_line(&table.sources, Lang::En),
            "Status as at 3 February 2026 — UN Treaty Collection"
        );
        assert_eq!(review_source_line(&table.sources, Lang::En), None);
        let peru = table.get(iso("PER")).unwrap();
        assert_eq!(
            peru.cat,
            TreatyStatus::Party {
                since: Date::parse_iso("1988-07-07").unwrap(),
                act: Act::Ratification,
                signed: Date::parse_iso("1985-05-29"),
                signed_by_succession: false,
            }
        );
        assert!(peru.opcat.is_party());
        assert_eq!(peru.last_review, Some(2018));
        assert_eq!(peru.reviews, [], "no reviews listed");
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

    fn load(rows: &str) -> (StatusTable, Vec<String>) {
        let text = format!(r#"{{"as_of":"2026-02-03","source":"UNTC","states":[{rows}]}}"#);
        let (table, diagnostics) = StatusTable::from_json(&text).unwrap();
        (table, diagnostics.into_iter().map(|d| d.0).collect())
    }

    #[test]
    fn fixed_dates_are_valid() {
        assert_eq!(CAT_OPENED.iso(), "1985-02-04");
        assert_eq!(OPCAT_OPENED.iso(), "2003-02-04");
        let table = StatusTable::unavailable();
        assert!(table.is_empty() && table.is_unavailable());
        assert!(!StatusTable::from_json(PERU).unwrap().0.is_unavailable());
        assert_eq!(review_source_line(&table.sources, Lang::En), None);
    }

    #[test]
    fn a_duplicate_row_is_skipped_naming_the_state_and_the_first_counts() {
        let (table, messages) = load(
            r#"{"iso3":"PER","name":"Peru","cat":{"party":"1988-07-07","act":"ratification"}},
               {"iso3":"PER","name":"Peru (again)"}"#,
        );
        assert_eq!(
            messages,
            ["status row 2: PER again (first in row 1); skipped"]
        );
        assert!(table.get(iso("PER")).unwrap().cat.is_party());
    }

    #[test]
    fn a_row_without_its_last_review_takes_its_last_reviews_year() {
        let (table, messages) = load(
            r#"{"iso3":"PER","reviews":[{"session":44,"year":2010},{"session":62,"year":2017}]},
               {"iso3":"CHL","last_review":2004,"reviews":[]}, {"iso3":"MEX"}"#,
        );
        assert!(messages.is_empty(), "{messages:?}");
        let year = |code| table.get(iso(code)).unwrap().last_review;
        assert_eq!(
            (year("PER"), year("CHL"), year("MEX")),
            (Some(2017), Some(2004), None)
        );
    }

    #[test]
    fn a_row_without_its_name_is_read_and_a_blank_name_refused() {
        // The table as the site ships it leaves most names out: the geometry names the state.
        let (table, messages) = load(
            r#"{"iso3":"PER","cat":{"party":"1988-07-07","act":"ratification"}},
               {"iso3":"CHL","name":" Chile "}, {"iso3":"MEX","name":" "}"#,
        );
        let peru = table.get(iso("PER")).unwrap();
        assert!(peru.cat.is_party());
        assert_eq!((peru.name.as_str(), peru.named()), ("", None));
        assert_eq!(table.get(iso("CHL")).unwrap().named(), Some("Chile"));
        assert_eq!(
            messages,
            [format!(
                "status row 3: MEX: the name must be a text of 1 to {MAX_TEXT_BYTES} bytes, not 0 bytes"
            )]
        );
    }

    #[test]
    fn wrong_types_name_the_row_and_the_state() {
        let (table, messages) = load(
            r#"7, "PER", {"iso3":"PER","name":42}, {"iso3":["x"],"name":"X"}, {"iso3":"CHL","name":"Chile","last_review":"2018"},
               {"iso3":"MEX","name":"Mexico","cat":"party"}, {"iso3":"HTI","name":"Haiti","art22":"yes"},
               {"iso3":"ARG","name":"Argentina","cat":{"party":"1986-09-24","act":"treaty"}}, {"iso3":"URY","name":"Uruguay"}"#,
        );
        assert_eq!(table.len(), 1);
        assert_eq!(
            messages,
            [
                "status row 1: an object is expected, not a number",
                "status row 2: an object is expected, not a text",
                "status row 3: PER: name: a text is expected, not a number",
                "status row 4: iso3 a list is not an ISO 3166-1 alpha-3 code",
                "status row 5: CHL: last_review \"2018\" is not a whole number below 65536",
                "status row 6: MEX CAT: an object is expected, not a text",
                "status row 7: HTI: art22 \"yes\" is not true or false",
                "status row 8: ARG CAT: act \"treaty\" is not ratification, accession or succession",
            ]
        );
    }

    #[test]
    fn impossible_dates_and_years_are_diagnostics() {
        let (table, messages) = load(
            r#"{"iso3":"PER","name":"Peru","cat":{"party":"1988-02-30","act":"ratification"}},
               {"iso3":"CHL","name":"Chile","cat":{"signed":"1984-12-10"}},
               {"iso3":"MEX","name":"Mexico","opcat":{"party":"2030-01-01","act":"ratification"}},
               {"iso3":"HTI","name":"Haiti","opcat":{"signed":"2002-12-18"}},
               {"iso3":"ARG","name":"Argentina","last_review":1950},
               {"iso3":"BRA","name":"Brazil","last_review":2027},
               {"iso3":"URY","name":"Uruguay","last_review":99999}"#,
        );
        assert!(table.is_empty());
        assert_eq!(
            messages[..6],
            [
                "status row 1: PER CAT: party \"1988-02-30\" is not a YYYY-MM-DD date",
                "status row 2: CHL CAT: signed 1984-12-10 is not between 1985-02-04 and 2026-02-03",
                "status row 3: MEX OPCAT: party 2030-01-01 is not between 2003-02-04 and 2026-02-03",
                "status row 4: HTI OPCAT: signed 2002-12-18 is not between 2003-02-04 and 2026-02-03",
                "status row 5: ARG: last_review 1950 is not between 1988 and 2026",
                "status row 6: BRA: last_review 2027 is not between 1988 and 2026",
            ]
        );
        assert_eq!(
            messages[6],
            "status row 7: URY: last_review \"99999\" is not a whole number below 65536"
        );
    }

    #[test]
    fn reviews_are_read_oldest_first_and_a_bad_one_is_left_out_with_a_diagnostic() {
        let review = |year, session| Review { year, session };
        let (table, messages) = load(
            r#"{"iso3":"PER","name":"Peru","last_review":2018,
                "reviews":[{"session":36,"year":2006},{"session":49,"year":2012},{"session":65,"year":2018}]},
               {"iso3":"CHL","name":"Chile","reviews":[{"year":2009},{"session":64,"year":2018}]},
               {"iso3":"MEX","name":"Mexico"},
               {"iso3":"ARG","name":"Argentina","reviews":null},
               {"iso3":"BRA","name":"Brazil","reviews":[{"session":76,"year":2023},{"session":"77","year":2023},
                {"session":77},{"session":77,"year":2027},{"session":0,"year":2023},7,
                {"session":76,"year":2023},{"session":75,"year":2022},{"session":78,"year":99999},
                {"session":78,"year":2023}]},
               {"iso3":"URY","name":"Uruguay","reviews":{"session":73,"year":2022}},
               {"iso3":"HTI","name":"Haiti","reviews":"2022"}"#,
        );
        assert_eq!(table.len(), 7, "a bad review leaves the row in");
        let reviews = |code: &str| table.get(iso(code)).unwrap().reviews.clone();
        assert_eq!(
            reviews("PER"),
            [
                review(2006, Some(36)),
                review(2012, Some(49)),
                review(2018, Some(65))
            ]
        );
        assert_eq!(reviews("CHL"), [review(2009, None), review(2018, Some(64))]);
        assert_eq!(reviews("MEX"), []);
        assert_eq!(reviews("ARG"), []);
        assert_eq!(
            reviews("BRA"),
            [review(2023, Some(76)), review(2023, Some(78))]
        );
        assert_eq!(reviews("URY"), []);
        assert_eq!(reviews("HTI"), []);
        assert_eq!(
            messages,
            [
                "status row 5: BRA: review 2: session \"77\" is not a whole number below 65536; left out",
                "status row 5: BRA: review 3: no year; left out",
                "status row 5: BRA: review 4: year 2027 is not between 1988 and 2026; left out",
                "status row 5: BRA: review 5: session 0 is not a session; left out",
                "status row 5: BRA: review 6: \"7\" is not an object; left out",
                "status row 5: BRA: review 7: not after the review before it; left out",
                "status row 5: BRA: review 8: not after the review before it; left out",
                "status row 5: BRA: review 9: year \"99999\" is not a whole number below 65536; left out",
                "status row 6: URY: reviews an object is not a list; no reviews read",
                "status row 7: HTI: reviews \"2022\" is not a list; no reviews read",
            ]
        );
        // Many bad reviews: a few listed, the rest counted; many good ones read in one pass, repeats left out.
        let bad = vec![r#"{"year":"x"}"#; 50_000].join(",");
        let good = (0..40_000)
            .map(|i| format!(r#"{{"session":{},"year":2000}}"#, 1 + i % 20_000))
            .collect::<Vec<_>>()
            .join(",");
        let (table, messages) = load(&format!(
            r#"{{"iso3":"PER","name":"Peru","reviews":[{bad}]}}, {{"iso3":"CHL","name":"Chile","reviews":[{good}]}}"#
        ));
        assert_eq!(table.get(iso("PER")).unwrap().reviews, []);
        assert_eq!(table.get(iso("CHL")).unwrap().reviews.len(), 20_000);
        assert_eq!(
            messages.len(),
            18,
            "eight listed per row, then one counting the rest"
        );
        assert_eq!(
            messages[0],
            "status row 1: PER: review 1: year \"x\" is not a whole number below 65536; left out"
        );
        assert_eq!(
            messages[8],
            "status row 1: PER: 49992 more bad review(s) left out, not listed"
        );
        assert!(messages[9]
            .starts_with("status row 2: CHL: review 20001: not after the review before it"));
        assert_eq!(
            messages[17],
            "status row 2: CHL: 19992 more bad review(s) left out, not listed"
        );
    }

    #[test]
    fn a_succession_to_signature_is_read_and_a_wrong_one_is_a_diagnostic() {
        let (table, messages) = load(
            r#"{"iso3":"MNE","name":"Montenegro","opcat":{"signed":"2006-10-23","signed_act":"succession","party":"2009-03-06","act":"ratification"}},
               {"iso3":"SRB","name":"Serbia","opcat":{"signed":"2003-09-25","signed_act":"succession"}},
               {"iso3":"PER","name":"Peru","opcat":{"signed":"2006-10-23","signed_act":"accession"}},
               {"iso3":"CHL","name":"Chile","opcat":{"signed_act":"succession"}}"#,
        );
        assert_eq!(
            messages,
            [
                "status row 3: PER OPCAT: signature act accession is not succession",
                "status row 4: CHL OPCAT: signature act without a signature date",
            ]
        );
        assert!(matches!(
            table.get(iso("MNE")).unwrap().opcat,
            TreatyStatus::Party {
                signed_by_succession: true,
                ..
            }
        ));
        assert_eq!(
            table.get(iso("SRB")).unwrap().opcat,
            TreatyStatus::Signatory {
                since: Date::parse_iso("2003-09-25").unwrap(),
                by_succession: true
            }
        );
    }

    #[test]
    fn areas_read_their_party_applications_and_notes() {
        let text = r#"{"as_of":"2026-02-03","source":"UNTC","states":[
            {"iso3":"GBR","name":"United Kingdom","cat":{"party":"1988-12-08","act":"ratification"}}],
            "areas":[
            {"iso3":"GIB","party":"GBR","cat":{"effect":"applies","note":12},"notes":["non-self-governing"]},
            {"iso3":"XJK","notes":["jammu-kashmir"]},
            {"iso3":"GBR","notes":["kosovo"]},
            {"iso3":"ESH","notes":["mars"]},
            {"iso3":"FLK","party":"ARG","cat":{"effect":"applies","note":12}},
            {"iso3":"MSR","cat":{"effect":"applies","note":12}},
            {"iso3":"AIA","party":"GBR","cat":{"effect":"maybe","note":12}},
            {"iso3":"GIB","notes":[]}]}"#;
        let (table, diagnostics) = StatusTable::from_json(text).unwrap();
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(
            messages,
            [
                "area row 3: GBR is a state, not a territory or area",
                "area row 4: ESH: unknown note \"mars\"",
                "area row 5: FLK: party ARG has no status row",
                "area row 6: MSR CAT: an application without a party",
                "area row 7: AIA CAT: effect \"maybe\" is not applies or excluded",
                "area row 8: GIB again; skipped",
            ]
        );
        let gibraltar = table.area(iso("GIB")).unwrap();
        assert!(gibraltar.is_covered());
        assert_eq!(gibraltar.notes, [UnNote::NonSelfGoverning]);
        assert_eq!(
            gibraltar.cat,
            Some(Application {
                effect: Effect::Applies,
                note: 12
            })
        );
        assert!(!table.area(iso("XJK")).unwrap().is_covered());
        assert!(table.area(iso("PER")).is_none());
    }

    #[test]
    fn a_half_megabyte_string_is_skipped_without_being_repeated() {
        let big = "<script>window.__pwned=1</script>".repeat(16 * 1024);
        let (table, messages) = load(&format!(
            r#"{{"iso3":"PER","name":"{big}"}}, {{"iso3":"{big}","name":"X"}}, {{"iso3":"CHL","name":"Chile","cat":{{"signed":"{big}"}}}}, {{"iso3":"MEX","name":"Mexico"}}"#
        ));
        assert_eq!(table.len(), 1);
        assert_eq!(
            messages[0],
            format!("status row 1: PER: the name must be a text of 1 to {MAX_TEXT_BYTES} bytes, not {} bytes", big.len())
        );
        assert!(
            messages.iter().all(|m| m.chars().count() <= 300),
            "{messages:?}"
        );
        assert!(
            messages[1]
                .starts_with("status row 2: iso3 \"<script>window.__pwned=1</script><script…\""),
            "{}",
            messages[1]
        );
        let error = StatusTable::from_json(&format!(
            r#"{{"as_of":"2026-02-03","source":"{big}","states":[]}}"#
        ))
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("status data: field source: must be a text of 1 to {MAX_TEXT_BYTES} bytes")
        );
    }

    #[test]
    fn a_file_over_the_limit_and_a_document_of_the_wrong_shape_are_errors() {
        let error = StatusTable::from_json(&" ".repeat(MAX_TABLE_BYTES + 1)).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("status data: the file is 2 MiB"),
            "{error}"
        );
        for text in [
            "[]",
            "{}",
            r#"{"as_of":7,"source":"x","states":[]}"#,
            r#"{"as_of":"2026-02-03","source":"x","states":{}}"#,
            "null",
        ] {
            assert!(StatusTable::from_json(text).is_err(), "{text}");
        }
    }
}
