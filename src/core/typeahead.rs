//! Type-ahead on the map: letters typed within [`TYPE_AHEAD_MS`] of each other add up to one prefix, and
//! focus moves to the next state whose name starts with it ([`next_by_prefix`]). Pure: the Yew layer hands it
//! each key and the time.

use crate::core::iso3::Iso3;
use crate::core::navigate::next_by_prefix;

/// How long typed letters keep adding to one search, in milliseconds.
pub const TYPE_AHEAD_MS: f64 = 800.0;

/// The letters typed so far, and when the last one was.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct TypeAhead {
    typed: String,
    last_ms: f64,
}

impl TypeAhead {
    /// Adds `key` (one character) typed at `now_ms`, and returns the state to move to from `current`, in the
    /// order of `names`. A repeated single letter cycles through the states it starts; a longer prefix searches
    /// from the current state on; a prefix nothing starts with falls back to the key alone.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::iso3::Iso3;
    /// use treaty_map::core::typeahead::TypeAhead;
    /// let code = |c| Iso3::parse(c).unwrap();
    /// let names = [(code("CHL"), "Chile"), (code("CHN"), "China"), (code("COL"), "Colombia")];
    /// let mut typed = TypeAhead::default();
    /// assert_eq!(typed.key("c", 0.0, &names, code("COL")), Some(code("CHL")));
    /// assert_eq!(typed.key("o", 100.0, &names, code("CHL")), Some(code("COL")));
    /// ```
    pub fn key(
        &mut self,
        key: &str,
        now_ms: f64,
        names: &[(Iso3, &str)],
        current: Iso3,
    ) -> Option<Iso3> {
        if now_ms - self.last_ms > TYPE_AHEAD_MS {
            self.typed.clear();
        }
        self.typed.push_str(key);
        self.last_ms = now_ms;
        let from = if self.typed.chars().count() == 1 {
            Some(current)
        } else {
            None
        };
        next_by_prefix(names, from, &self.typed)
            .or_else(|| next_by_prefix(names, Some(current), key))
    }

    /// What has been typed in the current search.
    pub fn typed(&self) -> &str {
        &self.typed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    fn code(c: &str) -> Iso3 {
        Iso3::parse(c).unwrap()
    }

    const NAMES: [(&str, &str); 4] = [
        ("CAN", "Canada"),
        ("CHL", "Chile"),
        ("CHN", "China"),
        ("PER", "Peru"),
    ];

    fn names() -> Vec<(Iso3, &'static str)> {
        NAMES.iter().map(|&(c, n)| (code(c), n)).collect()
    }

    #[test]
    fn a_repeated_letter_cycles_through_the_states_it_starts() {
        let (names, mut typed) = (names(), TypeAhead::default());
        let mut at = code("PER");
        let mut seen = Vec::new();
        for step in 0..4 {
            // Each press after the last has timed out: one letter, from the current state on.
            at = typed
                .key("c", f64::from(step) * 1000.0, &names, at)
                .unwrap();
            seen.push(at.as_str().to_owned());
        }
        assert_eq!(seen, ["CAN", "CHL", "CHN", "CAN"]);
    }

    #[test]
    fn letters_typed_quickly_make_one_prefix_and_a_pause_starts_again() {
        let (names, mut typed) = (names(), TypeAhead::default());
        assert_eq!(typed.key("c", 0.0, &names, code("PER")), Some(code("CAN")));
        assert_eq!(
            typed.key("h", 500.0, &names, code("CAN")),
            Some(code("CHL"))
        );
        assert_eq!(
            typed.key("i", 1000.0, &names, code("CHL")),
            Some(code("CHL"))
        );
        assert_eq!(
            typed.key("n", 1700.0, &names, code("CHL")),
            Some(code("CHN"))
        );
        assert_eq!(typed.typed(), "chin");
        assert_eq!(
            typed.key("p", 2600.0, &names, code("CHN")),
            Some(code("PER"))
        );
        assert_eq!(
            typed.typed(),
            "p",
            "800 ms without a key starts a new search"
        );
    }

    #[test]
    fn a_prefix_nothing_starts_falls_back_to_the_key_alone() {
        let (names, mut typed) = (names(), TypeAhead::default());
        assert_eq!(typed.key("p", 0.0, &names, code("CAN")), Some(code("PER")));
        assert_eq!(
            typed.key("c", 100.0, &names, code("PER")),
            Some(code("CAN"))
        );
        assert_eq!(typed.key("x", 200.0, &names, code("CAN")), None);
    }
}
