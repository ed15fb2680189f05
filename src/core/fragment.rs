//! Deep links: the URL fragment `#country=PER&region=americas&view=opcat&asof=2002-12-31` names what a page
//! opens with.
//! Parsing is defensive: unknown keys are ignored, bad values are dropped, nothing panics. The fragment is the
//! host page's too: the widget writes only its own keys (`country`, `region`, `view`, `asof`) and keeps every other
//! part as the page wrote it (`#section-3&country=PER&region=americas`).

use crate::core::class::View;
use crate::core::date::Date;
use crate::core::iso3::Iso3;
use crate::core::region::Region;

/// What a fragment asks for. Every field is optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fragment {
    pub country: Option<Iso3>,
    pub region: Option<Region>,
    pub view: Option<View>,
    /// The day the map shows (`asof`); absent, the data's own date.
    pub date: Option<Date>,
}

/// The longest fragment read; the rest is ignored.
const MAX_FRAGMENT_BYTES: usize = 512;

/// The keys of the fragment that are the widget's.
const KEYS: [&str; 4] = ["country", "region", "view", "asof"];

/// Whether the URL follows the open profile (`data-history`, `history:` in `mount`). By default the widget
/// reads a deep link when the page opens but never changes the page's URL or history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryMode {
    /// Never write the URL.
    #[default]
    None,
    /// Write the widget's keys into the current history entry.
    Replace,
    /// Write them into a new history entry per change, so that Back returns to the previous profile.
    Push,
}

impl HistoryMode {
    pub const ALL: [HistoryMode; 3] = [HistoryMode::None, HistoryMode::Replace, HistoryMode::Push];

    pub fn key(self) -> &'static str {
        match self {
            HistoryMode::None => "none",
            HistoryMode::Replace => "replace",
            HistoryMode::Push => "push",
        }
    }

    /// The mode named `key` (`none`, `replace`, `push`), if any.
    pub fn from_key(key: &str) -> Option<HistoryMode> {
        HistoryMode::ALL.into_iter().find(|mode| mode.key() == key)
    }
}

impl Fragment {
    /// Reads `location.hash` (with or without the leading `#`).
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::fragment::Fragment;
    /// use treaty_map::core::region::Region;
    /// let f = Fragment::parse("#country=per&view=opcat&region=americas&x=<script>");
    /// assert_eq!(f.view, Some(treaty_map::core::class::View::Opcat));
    /// assert_eq!(f.country.unwrap().as_str(), "PER");
    /// assert_eq!(f.region, Some(Region::Americas));
    /// ```
    pub fn parse(hash: &str) -> Fragment {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let end = (0..=hash.len().min(MAX_FRAGMENT_BYTES))
            .rev()
            .find(|&i| hash.is_char_boundary(i))
            .unwrap_or(0);
        let mut fragment = Fragment::default();
        for pair in hash[..end].split('&') {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            match key {
                "country" => {
                    fragment.country = Iso3::parse(&value.to_ascii_uppercase()).or(fragment.country)
                }
                "region" => {
                    fragment.region =
                        Region::from_key(&value.to_ascii_lowercase()).or(fragment.region)
                }
                "view" => {
                    fragment.view = View::from_key(&value.to_ascii_lowercase()).or(fragment.view)
                }
                "asof" => fragment.date = Date::parse_iso(value).or(fragment.date),
                _ => {}
            }
        }
        fragment
    }

    /// Whether the fragment names anything: a country, a region, a view or a date.
    pub fn is_empty(&self) -> bool {
        *self == Fragment::default()
    }

    /// Whether `hash` has any of the widget's keys (whatever their values): a `popstate` to a fragment without
    /// them is the host page's own navigation, not the widget's.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::fragment::Fragment;
    /// assert!(Fragment::has_keys("#section-3&country=PER"));
    /// assert!(!Fragment::has_keys("#section-3&countryside=1"));
    /// ```
    pub fn has_keys(hash: &str) -> bool {
        parts(hash).any(is_ours)
    }

    /// The fragment for this state (or none) in this region and view on this day: `#country=PER&region=americas`,
    /// with `&view=cat` or `&view=opcat` when the map is not in the combined view, and `&asof=2002-12-31` when it
    /// shows an earlier day than the data's.
    pub fn hash(country: Option<Iso3>, region: Region, view: View, date: Option<Date>) -> String {
        Fragment::merge("", country, region, view, date)
    }

    /// `hash` (the page's current fragment) with the widget's keys set to this state: every other part stays
    /// as the page wrote it, in its place, and the widget's keys follow them.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::class::View;
    /// use treaty_map::core::fragment::Fragment;
    /// use treaty_map::core::iso3::Iso3;
    /// use treaty_map::core::region::Region;
    /// let peru = Iso3::parse("PER");
    /// assert_eq!(
    ///     Fragment::merge("#section-3&country=MEX&lang=fr", peru, Region::Americas, View::Opcat, None),
    ///     "#section-3&lang=fr&country=PER&region=americas&view=opcat"
    /// );
    /// assert_eq!(Fragment::merge("#section-3", None, Region::Americas, View::Combined, None), "#section-3&region=americas");
    /// ```
    pub fn merge(
        hash: &str,
        country: Option<Iso3>,
        region: Region,
        view: View,
        date: Option<Date>,
    ) -> String {
        let mut out = String::from("#");
        for part in parts(hash).filter(|p| !p.is_empty() && !is_ours(p)) {
            out.push_str(part);
            out.push('&');
        }
        if let Some(code) = country {
            out.push_str("country=");
            out.push_str(code.as_str());
            out.push('&');
        }
        out.push_str("region=");
        out.push_str(region.key());
        if view != View::Combined {
            out.push_str("&view=");
            out.push_str(view.key());
        }
        if let Some(date) = date {
            out.push_str("&asof=");
            out.push_str(&date.iso());
        }
        out
    }
}

/// The `&`-separated parts of a fragment, without its `#`.
fn parts(hash: &str) -> impl Iterator<Item = &str> {
    hash.strip_prefix('#').unwrap_or(hash).split('&')
}

/// Whether a part of the fragment is one of the widget's keys.
fn is_ours(part: &str) -> bool {
    let key = part.split_once('=').map_or(part, |(key, _)| key);
    KEYS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    #[test]
    fn bad_values_and_unknown_keys_are_ignored() {
        assert_eq!(Fragment::parse(""), Fragment::default());
        assert_eq!(
            Fragment::parse("#country=PERU&region=mars&country"),
            Fragment::default()
        );
        assert_eq!(Fragment::parse("country=MEX").country, Iso3::parse("MEX"));
        let long = format!("#region=africa&{}&country=PER", "x".repeat(1000));
        assert_eq!(
            Fragment::parse(&long),
            Fragment {
                country: None,
                region: Some(Region::Africa),
                view: None,
                date: None,
            }
        );
        assert_eq!(Fragment::parse("#country=PÉR").country, None);
    }

    #[test]
    fn hashes_round_trip() {
        let per = Iso3::parse("PER");
        let hash = Fragment::hash(per, Region::Americas, View::Combined, None);
        assert_eq!(hash, "#country=PER&region=americas");
        assert_eq!(
            Fragment::parse(&hash),
            Fragment {
                country: per,
                region: Some(Region::Americas),
                view: None,
                date: None,
            }
        );
        assert_eq!(
            Fragment::hash(None, Region::World, View::Opcat, None),
            "#region=world&view=opcat"
        );
        let day = Date::parse_iso("2002-12-31");
        let hash = Fragment::hash(per, Region::Americas, View::Combined, day);
        assert_eq!(hash, "#country=PER&region=americas&asof=2002-12-31");
        assert_eq!(Fragment::parse(&hash).date, day);
        // A date that is not a day of the calendar is ignored.
        assert_eq!(Fragment::parse("#asof=2002-02-30").date, None);
        assert_eq!(Fragment::parse("#asof=yesterday").date, None);
        assert_eq!(Fragment::parse("#view=OPCAT").view, Some(View::Opcat));
    }

    #[test]
    fn merging_keeps_the_host_parts_and_replaces_only_the_widget_keys() {
        let per = Iso3::parse("PER");
        assert_eq!(
            Fragment::merge("", per, Region::Americas, View::Combined, None),
            "#country=PER&region=americas"
        );
        assert_eq!(
            Fragment::merge(
                "#top&view=cat&region=africa&x=1&",
                per,
                Region::Americas,
                View::Cat,
                None
            ),
            "#top&x=1&country=PER&region=americas&view=cat"
        );
        // A part that only starts like a key is the host's.
        assert_eq!(
            Fragment::merge(
                "#countryside&region",
                None,
                Region::World,
                View::Combined,
                None
            ),
            "#countryside&region=world"
        );
        let day = Date::parse_iso("1999-12-31");
        let merged = Fragment::merge(
            "#a=1&asof=2002-12-31&b",
            per,
            Region::MiddleEastNorthAfrica,
            View::Opcat,
            day,
        );
        assert_eq!(
            merged,
            "#a=1&b&country=PER&region=mena&view=opcat&asof=1999-12-31"
        );
        assert_eq!(
            Fragment::parse(&merged),
            Fragment {
                country: per,
                region: Some(Region::MiddleEastNorthAfrica),
                view: Some(View::Opcat),
                date: day,
            }
        );
        // Back to the data's own date: the key goes.
        assert_eq!(
            Fragment::merge(
                "#asof=2002-12-31",
                None,
                Region::World,
                View::Combined,
                None
            ),
            "#region=world"
        );
        assert!(Fragment::has_keys("view"));
        assert!(!Fragment::has_keys("#section-3"));
        assert!(!Fragment::has_keys(""));
    }

    #[test]
    fn history_modes_have_keys() {
        for mode in HistoryMode::ALL {
            assert_eq!(HistoryMode::from_key(mode.key()), Some(mode));
        }
        assert_eq!(HistoryMode::from_key("sometimes"), None);
        assert_eq!(HistoryMode::default(), HistoryMode::None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(5000))]
            #[test]
            fn any_text_parses_without_panicking(text in "\\PC{0,600}") {
                let fragment = Fragment::parse(&text);
                if let Some(code) = fragment.country {
                    prop_assert!(code.as_str().bytes().all(|b| b.is_ascii_uppercase()));
                }
            }

            #[test]
            fn hashes_parse_back(code in "[A-Z]{3}", region in 0..6usize) {
                let (country, region) = (Iso3::parse(&code), Region::ALL[region]);
                let hash = Fragment::hash(country, region, View::Cat, None);
                prop_assert_eq!(Fragment::parse(&hash), Fragment { country, region: Some(region), view: Some(View::Cat), date: None });
            }
        }
    }
}
