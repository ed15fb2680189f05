//! Reading a state's `reviews` from `status.json`: entry by entry, so that a bad review is a diagnostic and the
//! state's row still loads with the others.

use crate::core::date::Date;
use crate::core::iso3::Iso3;
use crate::core::json::{self, Raw};
use crate::core::status::read::Fields;
use crate::core::status::{Review, FIRST_REVIEW_YEAR};

/// Reads a state's `reviews`, a list of `{"session":63,"year":2018}` oldest first (the session may be left
/// out), each year between the Committee's first and the as-of year, each session from 1, each entry after the
/// one before it (by year, then session). Absent (or `null`): no reviews. An entry that is not such is left
/// out with a message in `problems` (the first [`MAX_REVIEW_PROBLEMS`], then one that counts the rest); a value
/// that is not a list gives no reviews and one message. Read by hand from the raw JSON (`core::json`), not by
/// a derived `Deserialize`, which would cost the wasm a visitor for one small object.
pub(super) fn parse_reviews(
    iso3: Iso3,
    value: Option<Raw<'_>>,
    as_of: Date,
    problems: &mut Vec<String>,
) -> Vec<Review> {
    let Some(value) = value else {
        return Vec::new();
    };
    let Some(entries) = json::list(value) else {
        problems.push(format!(
            "{iso3}: reviews {} is not a list; no reviews read",
            json::excerpt(value)
        ));
        return Vec::new();
    };
    let mut reviews: Vec<Review> = Vec::new();
    let mut bad = 0;
    for (index, entry) in entries.iter().enumerate() {
        match review(*entry, as_of, reviews.last()) {
            Ok(review) => reviews.push(review),
            Err(message) => {
                bad += 1;
                if bad <= MAX_REVIEW_PROBLEMS {
                    let number = index + 1;
                    problems.push(format!("{iso3}: review {number}: {message}; left out"));
                }
            }
        }
    }
    if bad > MAX_REVIEW_PROBLEMS {
        let unlisted = bad - MAX_REVIEW_PROBLEMS;
        problems.push(format!(
            "{iso3}: {unlisted} more bad review(s) left out, not listed"
        ));
    }
    reviews
}

/// One entry of `reviews`, after `before` (the last entry kept), or why not.
fn review(entry: Raw<'_>, as_of: Date, before: Option<&Review>) -> Result<Review, String> {
    let fields = Fields(
        json::object(entry).ok_or_else(|| format!("{} is not an object", json::excerpt(entry)))?,
    );
    let year = fields.number("year")?.ok_or("no year")?;
    if !(FIRST_REVIEW_YEAR..=as_of.year()).contains(&year) {
        return Err(format!(
            "year {year} is not between {FIRST_REVIEW_YEAR} and {}",
            as_of.year()
        ));
    }
    let session = fields.number("session")?;
    if session == Some(0) {
        return Err("session 0 is not a session".to_owned());
    }
    let review = Review { year, session };
    if before.is_some_and(|before| *before >= review) {
        return Err("not after the review before it".to_owned());
    }
    Ok(review)
}

/// How many bad reviews of one row are listed one by one.
const MAX_REVIEW_PROBLEMS: usize = 8;
