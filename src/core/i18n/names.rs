//! Country names in one language other than English, read from `names.<code>.json` (written by
//! `cargo xtask data geometry`; see data/README.md). English names come from the status and geometry files.

use crate::core::error::{DataError, Diagnostic, Diagnostics, NotIso3};
use crate::core::iso3::{Iso3, IsoMap};
use crate::core::json::{self, Object};
use crate::core::limits::{MAX_TABLE_BYTES, MAX_TEXT_BYTES};

/// The localized name of each coded area. Empty for English, where the data files' names are used.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names(IsoMap<String>);

impl Names {
    /// Reads a names file: an object from ISO3 code to name. A malformed document is an error; a bad entry
    /// (unknown code shape, not a string, empty or over the text limit) is skipped with a diagnostic, and the
    /// area keeps its English name.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::{i18n::Names, iso3::Iso3};
    /// let (names, skipped) = Names::from_json(r#"{"PER": "Pérou", "xx": "?"}"#).unwrap();
    /// assert_eq!(names.get(Iso3::parse("PER").unwrap()), Some("Pérou"));
    /// assert_eq!(skipped.len(), 1);
    /// ```
    pub fn from_json(text: &str) -> Result<(Names, Vec<Diagnostic>), DataError> {
        const FILE: &str = "country names";
        DataError::check_size(FILE, text, MAX_TABLE_BYTES)?;
        let raw = Object::read(text).map_err(|e| DataError::json(FILE, &e))?;
        let mut names = IsoMap::new();
        let mut diagnostics = Diagnostics::new(FILE);
        for (key, value) in raw.fields() {
            let name = json::text(value).unwrap_or_default();
            let name = name.trim();
            match Iso3::parse(key) {
                Some(iso3) if !name.is_empty() && name.len() <= MAX_TEXT_BYTES => {
                    names.insert(iso3, name.to_owned());
                }
                Some(_) => {
                    diagnostics.push(|| format!("{FILE}: {key}: the name is not usable text"))
                }
                None => diagnostics.push(|| format!("{FILE}: {}", NotIso3::new(key))),
            }
        }
        let diagnostics = diagnostics.finish();
        Ok((Names(names), diagnostics))
    }

    pub fn get(&self, iso3: Iso3) -> Option<&str> {
        self.0.get(iso3).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
