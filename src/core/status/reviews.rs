//! Reading a state's `reviews` from `status.json`: entry by entry, so that a bad review is a diagnostic and the
//! state's row still loads with the others.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::core::date::Date;
use crate::core::error::excerpt_json;
use crate::core::iso3::Iso3;
use crate::core::status::{Review, FIRST_REVIEW_YEAR};

#[derive(Deserialize)]
struct RawReview {
    #[serde(default)]
    session: Option<u16>,
    year: u16,
}

/// Reads a state's `reviews`, a list of `{"session":63,"year":2018}` (the session may be left out), each year
/// between the Committee's first and the as-of year, each session from 1. Absent (or `null`): no reviews. An
/// entry that is not such, or repeats one before it, is left out with a message in `problems` (the first
/// [`MAX_REVIEW_PROBLEMS`], then one that counts the rest); a value that is not a list gives no reviews and one
/// message. The reviews come out oldest first (by year, then session).
pub(super) fn parse_reviews(
    iso3: Iso3,
    value: serde_json::Value,
    as_of: Date,
    problems: &mut Vec<String>,
) -> Vec<Review> {
    let entries = match value {
        serde_json::Value::Null => return Vec::new(),
        serde_json::Value::Array(entries) => entries,
        other => {
            problems.push(format!(
                "{iso3}: reviews {} is not a list; no reviews read",
                excerpt_json(&other)
            ));
            return Vec::new();
        }
    };
    let mut reviews: BTreeSet<Review> = BTreeSet::new();
    let (mut listed, mut unlisted) = (0, 0);
    for (index, entry) in entries.into_iter().enumerate() {
        let number = index + 1;
        let read = serde_json::from_value::<RawReview>(entry)
            .map_err(|e| e.to_string())
            .and_then(|raw| {
                if !(FIRST_REVIEW_YEAR..=as_of.year()).contains(&raw.year) {
                    return Err(format!(
                        "year {} is not between {FIRST_REVIEW_YEAR} and {}",
                        raw.year,
                        as_of.year()
                    ));
                }
                if raw.session == Some(0) {
                    return Err("session 0 is not a session".to_owned());
                }
                let review = Review {
                    year: raw.year,
                    session: raw.session,
                };
                if reviews.contains(&review) {
                    return Err("the same review again".to_owned());
                }
                Ok(review)
            });
        match read {
            Ok(review) => {
                reviews.insert(review);
            }
            Err(_) if listed == MAX_REVIEW_PROBLEMS => unlisted += 1,
            Err(message) => {
                listed += 1;
                problems.push(format!("{iso3}: review {number}: {message}; left out"));
            }
        }
    }
    if unlisted > 0 {
        problems.push(format!(
            "{iso3}: {unlisted} more bad review(s) left out, not listed"
        ));
    }
    reviews.into_iter().collect()
}

/// How many bad reviews of one row are listed one by one.
const MAX_REVIEW_PROBLEMS: usize = 8;
