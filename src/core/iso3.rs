//! ISO 3166-1 alpha-3 codes, the key that joins geometry, treaty status and host content.

use std::fmt;
use std::str::FromStr;

use crate::core::error::NotIso3;

/// Three upper-case ASCII letters, such as `PER`. Constructing one validates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iso3([u8; 3]);

impl Iso3 {
    /// # Examples
    /// ```
    /// use treaty_map::core::iso3::Iso3;
    /// assert_eq!(Iso3::parse("PER").unwrap().as_str(), "PER");
    /// assert!(Iso3::parse("per").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Iso3> {
        match text.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Some(Iso3([a, b, c])),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

/// Parsing with the reason: `"peru".parse::<Iso3>()` is an error whose message says what is wrong.
///
/// # Examples
/// ```
/// use treaty_map::core::iso3::Iso3;
/// assert_eq!("PER".parse::<Iso3>().unwrap().as_str(), "PER");
/// assert_eq!("pe".parse::<Iso3>().unwrap_err().to_string(), "\"pe\" is not an ISO 3166-1 alpha-3 code");
/// ```
impl FromStr for Iso3 {
    type Err = NotIso3;

    fn from_str(text: &str) -> Result<Iso3, NotIso3> {
        Iso3::parse(text).ok_or_else(|| NotIso3::new(text))
    }
}

impl fmt::Display for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Values by ISO3 code, in code order: the tables of statuses, regions, names and host content. One list of
/// codes, sorted, each with its value's position in a list of values, so that every table shares one copy of
/// the code in the wasm whatever its values (a `BTreeMap` per value type brought its own; one B-tree for all
/// still weighed 3.5 K raw, 0.5 KB brotli, more than this list: bench/SIZE.md). A code is found by binary
/// search. One inserted out of order moves the codes after it: for the most a table can hold, all 26³ codes in
/// reverse order, that is 33 ms natively (release build).
///
/// # Examples
/// ```
/// use treaty_map::core::iso3::{Iso3, IsoMap};
/// let code = |c| Iso3::parse(c).unwrap();
/// let mut names = IsoMap::new();
/// names.insert(code("PER"), "Peru");
/// names.insert(code("BOL"), "Bolivia");
/// assert_eq!(names.get(code("PER")), Some(&"Peru"));
/// assert_eq!(names.keys().map(|c| c.to_string()).collect::<Vec<_>>(), ["BOL", "PER"]);
/// ```
#[derive(Debug, Clone)]
pub struct IsoMap<V> {
    positions: Vec<(Iso3, usize)>,
    values: Vec<V>,
}

impl<V> IsoMap<V> {
    pub fn new() -> IsoMap<V> {
        IsoMap {
            positions: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Where `iso3` is in the sorted codes, or where it would go.
    fn find(&self, iso3: Iso3) -> Result<usize, usize> {
        self.positions.binary_search_by(|entry| entry.0.cmp(&iso3))
    }

    pub fn get(&self, iso3: Iso3) -> Option<&V> {
        let at = self.find(iso3).ok()?;
        Some(&self.values[self.positions[at].1])
    }

    pub fn contains(&self, iso3: Iso3) -> bool {
        self.find(iso3).is_ok()
    }

    /// Sets the value of `iso3`, replacing (and returning) the one it had.
    pub fn insert(&mut self, iso3: Iso3, value: V) -> Option<V> {
        match self.find(iso3) {
            Ok(at) => Some(std::mem::replace(
                &mut self.values[self.positions[at].1],
                value,
            )),
            Err(at) => {
                self.positions.insert(at, (iso3, self.values.len()));
                self.values.push(value);
                None
            }
        }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The codes, in order.
    pub fn keys(&self) -> impl Iterator<Item = Iso3> + '_ {
        self.positions.iter().map(|entry| entry.0)
    }

    /// The values, in the order of their codes.
    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.positions.iter().map(|entry| &self.values[entry.1])
    }
}

impl<V> Default for IsoMap<V> {
    fn default() -> IsoMap<V> {
        IsoMap::new()
    }
}

/// Equal when they hold the same values under the same codes, whatever the order they were inserted in.
impl<V: PartialEq> PartialEq for IsoMap<V> {
    fn eq(&self, other: &IsoMap<V>) -> bool {
        self.len() == other.len() && self.keys().all(|code| self.get(code) == other.get(code))
    }
}

impl<V> FromIterator<(Iso3, V)> for IsoMap<V> {
    fn from_iter<I: IntoIterator<Item = (Iso3, V)>>(entries: I) -> IsoMap<V> {
        let mut map = IsoMap::new();
        for (iso3, value) in entries {
            map.insert(iso3, value);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    #[test]
    fn rejects_anything_but_three_capitals() {
        for bad in ["", "PE", "PERU", "pe1", "PÉR", "P R"] {
            assert!(Iso3::parse(bad).is_none(), "{bad:?} parsed");
        }
    }

    #[test]
    fn a_map_by_code_is_in_code_order_and_replaces_a_value() {
        let code = |c| Iso3::parse(c).unwrap();
        let mut map = IsoMap::new();
        for (c, v) in [("PER", 1), ("ARG", 2), ("ZWE", 3), ("BOL", 4)] {
            assert_eq!(map.insert(code(c), v), None);
        }
        assert_eq!(map.insert(code("ARG"), 20), Some(2));
        assert_eq!(map.len(), 4);
        let keys: Vec<String> = map.keys().map(|c| c.to_string()).collect();
        assert_eq!(keys, ["ARG", "BOL", "PER", "ZWE"]);
        assert_eq!(map.values().copied().collect::<Vec<_>>(), [20, 4, 1, 3]);
        assert_eq!(map.get(code("ZWE")), Some(&3));
        assert!(map.get(code("CHL")).is_none() && !map.contains(code("CHL")));
        // Equal whatever the order of insertion; not equal with another value.
        let other: IsoMap<i32> = [("BOL", 4), ("ZWE", 3), ("PER", 1), ("ARG", 20)]
            .into_iter()
            .map(|(c, v)| (code(c), v))
            .collect();
        assert_eq!(map, other);
        map.insert(code("PER"), 0);
        assert_ne!(map, other);
        assert!(IsoMap::<i32>::default().is_empty());
    }
}
