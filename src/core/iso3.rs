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
}
