//! The features of a GeoJSON FeatureCollection found a slice of text at a time. A scan of the document's
//! structure (objects, arrays, strings, brackets) hands out each feature's text, which the geometry reader then
//! parses on its own: a 16 MiB file is never gone through in one piece of work.
//!
//! The scan checks the document's outline (an object whose `features` member is an array of values) and ends
//! with a [`DataError`] naming where the outline breaks; what lies inside a feature is checked when that
//! feature is parsed, so one broken feature costs only itself. The `transform` member of the compact form
//! (`core::area::grid`) is handed out whole, to be read before the features it applies to; other members
//! (`type`, `bbox`, `crs`) are skipped by their brackets and strings, unchecked: they are not read.

use crate::core::error::{line_and_column, DataError};
use crate::core::json::ValueScan;
use crate::core::limits::MAX_FEATURES;

/// What [`Splitter::next`] found.
#[derive(Debug, PartialEq)]
pub enum Found<'a> {
    /// The text of the next feature (one of the first [`MAX_FEATURES`]).
    Feature(&'a str),
    /// A feature past [`MAX_FEATURES`]: counted, not handed out.
    Over,
    /// The text of the document's `transform` member (the compact form's grid, `core::area::grid`).
    Transform(&'a str),
    /// The budget is spent; call again to go on.
    Paused,
    /// The document is over.
    Done,
}

/// The scan of one FeatureCollection.
#[derive(Debug)]
pub struct Splitter<'a> {
    text: &'a str,
    pos: usize,
    state: State,
    found: usize,
    features_seen: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    /// Before the document's `{`.
    Open,
    /// In the top object, before a key (or its `}`, if `first`).
    Key { first: bool },
    /// After a key, before its `:`.
    Colon(Member),
    /// After the `:`, before the value.
    Value(Member),
    /// Skipping a member's value.
    Skip(ValueScan),
    /// Scanning the `transform` member's value, which began at `start`.
    InTransform { start: usize, scan: ValueScan },
    /// In the features array, before an element (or its `]`, if `first`).
    Element { first: bool },
    /// Scanning an element that began at `start`.
    InElement { start: usize, scan: ValueScan },
    /// After an element, before `,` or `]`.
    AfterElement,
    /// After a member, before `,` or `}`.
    AfterMember,
    /// After the document's `}`: only white space may follow.
    End,
    /// Done, or stopped at an error.
    Over,
}

/// The members of the document the scan reads; it skips the others.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Member {
    Features,
    Transform,
    Other,
}

impl<'a> Splitter<'a> {
    pub fn new(text: &'a str) -> Splitter<'a> {
        Splitter {
            text,
            pos: 0,
            state: State::Open,
            found: 0,
            features_seen: false,
        }
    }

    /// Scans on for at most `budget` bytes (less what it scans), to the next feature, the end of the document
    /// or an error in its outline.
    pub fn next(&mut self, budget: &mut usize) -> Result<Found<'a>, DataError> {
        let bytes = self.text.as_bytes();
        loop {
            if *budget == 0 && self.state != State::Over {
                return Ok(Found::Paused);
            }
            // Scans of long values stop at the budget; single bytes count one each.
            let state = self.state;
            if let State::Skip(mut scan)
            | State::InElement { mut scan, .. }
            | State::InTransform { mut scan, .. } = state
            {
                let to = bytes.len().min(self.pos.saturating_add(*budget));
                let end = scan.advance(bytes, self.pos, to);
                let scanned = end.unwrap_or(to) - self.pos;
                *budget = budget.saturating_sub(scanned);
                self.pos = end.unwrap_or(to);
                match (state, end) {
                    (State::Skip(_), None) => self.state = State::Skip(scan),
                    (State::Skip(_), Some(_)) => self.state = State::AfterMember,
                    (State::InElement { start, .. }, None) => {
                        self.state = State::InElement { start, scan }
                    }
                    (State::InTransform { start, .. }, None) => {
                        self.state = State::InTransform { start, scan }
                    }
                    (State::InTransform { start, .. }, Some(end)) => {
                        self.state = State::AfterMember;
                        return Ok(Found::Transform(&self.text[start..end]));
                    }
                    (State::InElement { start, .. }, Some(end)) => {
                        self.state = State::AfterElement;
                        self.found += 1;
                        if self.found > MAX_FEATURES {
                            return Ok(Found::Over);
                        }
                        return Ok(Found::Feature(&self.text[start..end]));
                    }
                    _ => {}
                }
                if self.pos >= bytes.len() {
                    return Err(self.error("EOF while parsing a value"));
                }
                continue;
            }
            // Between values: white space, then one structural byte.
            while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            let Some(&b) = bytes.get(self.pos) else {
                return match self.state {
                    State::End | State::Over => {
                        self.state = State::Over;
                        Ok(Found::Done)
                    }
                    _ => Err(self.error("EOF while parsing a value")),
                };
            };
            *budget = budget.saturating_sub(1);
            self.state = match (self.state, b) {
                (State::Open, b'{') => State::Key { first: true },
                (State::Open, b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                    return Err(not_a_collection());
                }
                (State::Key { .. }, b'"') => {
                    let (key, end) = self.key()?;
                    self.pos = end;
                    self.state = State::Colon(match key {
                        "features" => Member::Features,
                        "transform" => Member::Transform,
                        _ => Member::Other,
                    });
                    continue;
                }
                (State::Key { first: true }, b'}') => {
                    self.pos += 1;
                    return Err(not_a_collection());
                }
                (State::Key { .. }, _) => return Err(self.error("key must be a string")),
                (State::Colon(member), b':') => State::Value(member),
                (State::Colon(_), _) => return Err(self.error("expected `:`")),
                (State::Value(Member::Features), _) if self.features_seen => {
                    return Err(self.error("duplicate field `features`"));
                }
                (State::Value(Member::Features), b'[') => {
                    self.features_seen = true;
                    State::Element { first: true }
                }
                (State::Value(Member::Features), _) => return Err(not_a_collection()),
                (State::Value(member), _) => {
                    let start = self.pos;
                    let scan = ValueScan::start(b);
                    // A literal or number is scanned from its first byte on.
                    if !scan.is_scalar() {
                        self.pos += 1;
                    }
                    self.state = if member == Member::Transform {
                        State::InTransform { start, scan }
                    } else {
                        State::Skip(scan)
                    };
                    continue;
                }
                (State::Element { first: true }, b']') => State::AfterMember,
                (State::Element { .. }, b']' | b',') => {
                    return Err(self.error("expected value"));
                }
                (State::Element { .. }, _) => {
                    let start = self.pos;
                    let scan = ValueScan::start(b);
                    if !scan.is_scalar() {
                        self.pos += 1;
                    }
                    self.state = State::InElement { start, scan };
                    continue;
                }
                (State::AfterElement, b',') => State::Element { first: false },
                (State::AfterElement, b']') => State::AfterMember,
                (State::AfterElement, _) => return Err(self.error("expected `,` or `]`")),
                (State::AfterMember, b',') => State::Key { first: false },
                (State::AfterMember, b'}') => {
                    self.pos += 1;
                    if !self.features_seen {
                        return Err(not_a_collection());
                    }
                    self.state = State::End;
                    continue;
                }
                (State::AfterMember, _) => return Err(self.error("expected `,` or `}`")),
                (State::End, _) => return Err(self.error("trailing characters")),
                (State::Open, _) => return Err(self.error("expected value")),
                (State::Over, _) => return Ok(Found::Done),
                // Handled above, before white space.
                (State::Skip(_) | State::InElement { .. } | State::InTransform { .. }, _) => {
                    continue
                }
            };
            self.pos += 1;
        }
    }

    /// The key starting at `self.pos` (its opening quote), and where it ends.
    fn key(&mut self) -> Result<(&'a str, usize), DataError> {
        let bytes = self.text.as_bytes();
        let mut scan = ValueScan::start(b'"');
        match scan.advance(bytes, self.pos + 1, bytes.len()) {
            Some(end) => Ok((&self.text[self.pos + 1..end - 1], end)),
            None => Err(self.error("EOF while parsing a string")),
        }
    }

    /// A JSON error at the current position, worded as serde_json words its own (`… at line 3 column 7`).
    fn error(&mut self, what: &str) -> DataError {
        self.state = State::Over;
        let (line, column) = line_and_column(self.text, self.pos);
        DataError::Json {
            file: "geometry",
            message: format!("{what} at line {line} column {column}"),
        }
    }
}

fn not_a_collection() -> DataError {
    DataError::Field {
        file: "geometry",
        field: "features",
        message: "a GeoJSON FeatureCollection with a features array is expected".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    /// Every feature's text (and the transform's, as a feature `T:…`), or the error, scanning `budget` bytes at
    /// a time.
    fn split(text: &str, budget: usize) -> Result<(Vec<String>, usize, usize), String> {
        let mut splitter = Splitter::new(text);
        let (mut features, mut over, mut calls) = (Vec::new(), 0, 0);
        loop {
            calls += 1;
            let mut left = budget;
            match splitter.next(&mut left).map_err(|e| e.to_string())? {
                Found::Feature(text) => features.push(text.to_owned()),
                Found::Transform(text) => features.push(format!("T:{text}")),
                Found::Over => over += 1,
                Found::Paused => {}
                Found::Done => return Ok((features, over, calls)),
            }
        }
    }

    #[test]
    fn features_are_handed_out_whatever_the_slice() {
        let text = r#" {"type":"FeatureCollection","bbox":[1,[2,"]"]],"features":[ {"a":"}{\"x"} ,7, "s" ,[[]],null],"x":{}} "#;
        for budget in [1, 2, 3, 7, 1000] {
            let (features, over, _) = split(text, budget).unwrap();
            assert_eq!(
                features,
                [r#"{"a":"}{\"x"}"#, "7", r#""s""#, "[[]]", "null"],
                "{budget}"
            );
            assert_eq!(over, 0);
        }
        assert_eq!(
            split(r#"{"features":[]}"#, 5).unwrap().0,
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_transform_is_handed_out_whole_in_its_place() {
        let text = r#"{"type":"FeatureCollection","transform":{"scale":[0.5,"]"],"translate":[1,2]},"features":[[1],[2]]}"#;
        for budget in [1, 2, 5, 1000] {
            assert_eq!(
                split(text, budget).unwrap().0,
                [r#"T:{"scale":[0.5,"]"],"translate":[1,2]}"#, "[1]", "[2]"],
                "{budget}"
            );
        }
        let after = r#"{"features":[[1]],"transform":7 }"#;
        assert_eq!(split(after, 3).unwrap().0, ["[1]", "T:7"]);
    }

    #[test]
    fn the_budget_bounds_each_call() {
        let text = format!(r#"{{"features":[{}]}}"#, vec!["[0,0]"; 1000].join(","));
        let (_, _, calls) = split(&text, 100).unwrap();
        assert!(calls >= text.len() / 100, "{calls} calls");
    }

    #[test]
    fn features_past_the_limit_are_counted() {
        let text = format!(
            r#"{{"features":[{}]}}"#,
            vec!["1"; MAX_FEATURES + 3].join(",")
        );
        let (features, over, _) = split(&text, usize::MAX).unwrap();
        assert_eq!((features.len(), over), (MAX_FEATURES, 3));
    }

    #[test]
    fn a_broken_outline_is_an_error_naming_where() {
        for (text, error) in [
            (
                r#"{"type": "FeatureCollection", features: ["#,
                "geometry: not valid JSON: key must be a string at line 1 column 31",
            ),
            (
                "{\"features\":[1,\n2",
                "geometry: not valid JSON: EOF while parsing a value at line 2 column 2",
            ),
            (
                r#"{"features":[1,]}"#,
                "geometry: not valid JSON: expected value at line 1 column 16",
            ),
            (
                r#"{"features":[1] 2}"#,
                "geometry: not valid JSON: expected `,` or `}` at line 1 column 17",
            ),
            (
                r#"{"features":[],"features":[]}"#,
                "geometry: not valid JSON: duplicate field `features` at line 1 column 27",
            ),
            (
                r#"{"features":[]} x"#,
                "geometry: not valid JSON: trailing characters at line 1 column 17",
            ),
            (
                "<!doctype html>",
                "geometry: not valid JSON: expected value at line 1 column 1",
            ),
        ] {
            assert_eq!(split(text, 3).unwrap_err(), error, "{text}");
        }
        for text in [r#"{"type":"Feature"}"#, r#"{"features":{}}"#, "[1]", "{}"] {
            assert_eq!(
                split(text, 3).unwrap_err(),
                "geometry: field features: a GeoJSON FeatureCollection with a features array is expected",
                "{text}"
            );
        }
    }
}
