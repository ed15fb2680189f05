//! Deep links: the URL fragment `#country=PER&region=americas&view=combined` names what a page opens with.
//! Parsing is defensive: unknown keys are ignored, bad values are dropped, nothing panics.

use crate::core::class::View;
use crate::core::iso3::Iso3;
use crate::core::region::Region;

/// What a fragment asks for. Every field is optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fragment {
    pub country: Option<Iso3>,
    pub region: Option<Region>,
    pub view: Option<View>,
}

/// The longest fragment read; the rest is ignored.
const MAX_FRAGMENT_BYTES: usize = 512;

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
                _ => {}
            }
        }
        fragment
    }

    /// The fragment for this state (or none) in this region and view: `#country=PER&region=americas`, with
    /// `&view=cat` or `&view=opcat` when the map is not in the combined view.
    pub fn hash(country: Option<Iso3>, region: Region, view: View) -> String {
        let mut hash = match country {
            Some(code) => format!("#country={code}&region={}", region.key()),
            None => format!("#region={}", region.key()),
        };
        if view != View::Combined {
            hash.push_str("&view=");
            hash.push_str(view.key());
        }
        hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                view: None
            }
        );
        assert_eq!(Fragment::parse("#country=PÉR").country, None);
    }

    #[test]
    fn hashes_round_trip() {
        let per = Iso3::parse("PER");
        let hash = Fragment::hash(per, Region::Americas, View::Combined);
        assert_eq!(hash, "#country=PER&region=americas");
        assert_eq!(
            Fragment::parse(&hash),
            Fragment {
                country: per,
                region: Some(Region::Americas),
                view: None
            }
        );
        assert_eq!(
            Fragment::hash(None, Region::World, View::Opcat),
            "#region=world&view=opcat"
        );
        assert_eq!(Fragment::parse("#view=OPCAT").view, Some(View::Opcat));
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
                let hash = Fragment::hash(country, region, View::Cat);
                prop_assert_eq!(Fragment::parse(&hash), Fragment { country, region: Some(region), view: Some(View::Cat) });
            }
        }
    }
}
