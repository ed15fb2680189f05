//! Languages: the widget's words in English, French, Spanish and Arabic, dates written the way each language
//! writes them, and localized country names.
//!
//! Every user-visible string of the widget lives in one [`Catalogue`] per language (`i18n/en.rs`, `fr.rs`,
//! `es.rs`, `ar.rs`). A catalogue is a struct with one field per string, so a language that lacks a key does
//! not compile; the tests check that no string is empty and that every template has English's placeholders.
//! Templates name their placeholders (`{name}`, `{date}`, `{count}`) and are filled by [`fill`]. The catalogues
//! are plain `&'static str` constants, except in the release wasm, which carries English's only and installs
//! another language's from its words file when a map needs it ([`words`]).
//!
//! Diagnostics (technical messages about bad data, for the site's maintainers) stay in English.

mod ar;
mod catalogue;
mod en;
mod es;
mod fr;
mod names;
mod words;

pub use names::Names;
pub use words::install;

use crate::core::class::{StatusClass, View};
use crate::core::date::Date;
use crate::core::region::Region;
use crate::core::status::{Act, Treaty, UnNote};

/// A language of the widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
    Es,
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ar];

    /// The language of a BCP 47 tag, by its primary subtag: "fr", "fr-CA" and "FR" are French. Unknown
    /// languages are `None`.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::i18n::Lang;
    /// assert_eq!(Lang::from_code("fr-CA"), Some(Lang::Fr));
    /// assert_eq!(Lang::from_code("AR"), Some(Lang::Ar));
    /// assert_eq!(Lang::from_code("de"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// The BCP 47 code, for the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ar => "ar",
        }
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The `dir` attribute: "rtl" or "ltr".
    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The language's strings; English's for a language whose words are not at hand ([`Lang::has_words`]).
    pub fn catalogue(self) -> &'static Catalogue {
        match self {
            Lang::En => &en::EN,
            #[cfg(not(feature = "fetched-words"))]
            Lang::Fr => &fr::FR,
            #[cfg(not(feature = "fetched-words"))]
            Lang::Es => &es::ES,
            #[cfg(not(feature = "fetched-words"))]
            Lang::Ar => &ar::AR,
            #[cfg(feature = "fetched-words")]
            _ => words::installed(self).unwrap_or(&en::EN),
        }
    }

    /// Whether the language's words are at hand: compiled in, or installed from its words file ([`install`]).
    pub fn has_words(self) -> bool {
        self == Lang::En || cfg!(not(feature = "fetched-words")) || words::installed(self).is_some()
    }

    /// The notice that replaces every map after an internal error (a bug). It is compiled in for every
    /// language, as a crash may come before a language's words are in.
    pub fn crashed(self) -> &'static str {
        match self {
            Lang::En => en::CRASHED,
            Lang::Fr => fr::CRASHED,
            Lang::Es => es::CRASHED,
            Lang::Ar => ar::CRASHED,
        }
    }

    /// Whether `n` takes the singular form (CLDR plural category "one"): 1 in English and Spanish, 0 and 1 in
    /// French. Arabic's catalogue words its counts so that the noun does not change with the number ("عدد
    /// الدول: 5"), so its two forms are the same.
    pub fn is_singular(self, n: usize) -> bool {
        match self {
            Lang::Fr => n <= 1,
            Lang::En | Lang::Es | Lang::Ar => n == 1,
        }
    }
}

/// A counted phrase: the singular and plural template, each with `{count}`. Laid out as two strings, as a
/// catalogue needs (`catalogue!`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

pub use catalogue::Catalogue;

impl Catalogue {
    /// A date as this language writes it: "7 July 1988", "1er juillet 1988", "7 de julio de 1988",
    /// "7 يوليو 1988".
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::{date::Date, i18n::Lang};
    /// let date = Date::parse_iso("1988-07-07").unwrap();
    /// assert_eq!(Lang::Es.catalogue().date(date), "7 de julio de 1988");
    /// ```
    pub fn date(&self, date: Date) -> String {
        let day = if date.day() == 1 {
            self.first_day.to_owned()
        } else {
            date.day().to_string()
        };
        fill(
            self.date,
            &[
                ("day", &day),
                ("month", self.months[usize::from(date.month() - 1)]),
                ("year", &date.year().to_string()),
            ],
        )
    }

    /// The wording of a colour class in `view`.
    pub fn class(&self, class: StatusClass, view: View) -> &'static str {
        match (view, class) {
            (View::Cat, StatusClass::CatAndOpcatParty) => self.cat_party,
            (View::Cat, StatusClass::CatSignatoryOnly) => self.cat_signatory_only,
            (View::Cat, StatusClass::NoAction) => self.cat_no_action,
            (View::Opcat, StatusClass::CatAndOpcatParty) => self.opcat_party,
            (View::Opcat, StatusClass::CatSignatoryOnly) => self.opcat_signatory_only,
            (View::Opcat, StatusClass::NoAction) => self.opcat_no_action,
            (_, StatusClass::CatAndOpcatParty) => self.class_both,
            (_, StatusClass::CatPartyOpcatSignatory) => self.class_cat_opcat_signatory,
            (_, StatusClass::CatPartyOnly) => self.class_cat_only,
            (_, StatusClass::CatSignatoryOnly) => self.class_cat_signatory_only,
            (_, StatusClass::NoAction) => self.class_no_action,
            (_, StatusClass::Disputed) => self.class_disputed,
            (_, StatusClass::NoData) => self.class_no_data,
        }
    }

    /// A class's wording in `view` on `date` (`None`: the data's own date). Before a treaty opened for
    /// signature no state could act on it: the class of no action reads "not yet open for signature", and the
    /// combined view's classes say that OPCAT was not yet open ("CAT party (OPCAT not yet open for signature)").
    pub fn class_on(&self, class: StatusClass, view: View, date: Option<Date>) -> String {
        let open = |treaty: Treaty| treaty.is_open_at(date);
        match (view, class) {
            (View::Opcat, StatusClass::NoAction) if !open(Treaty::Opcat) => {
                self.opcat_not_open.to_owned()
            }
            (_, StatusClass::NoAction) if !open(Treaty::Cat) => self.cat_not_open.to_owned(),
            (
                View::Combined,
                StatusClass::CatPartyOnly | StatusClass::CatSignatoryOnly | StatusClass::NoAction,
            ) if !open(Treaty::Opcat) => {
                // The class's CAT standing, as the CAT view words it.
                let cat = match class {
                    StatusClass::CatPartyOnly => StatusClass::CatAndOpcatParty,
                    other => other,
                };
                fill(
                    self.class_opcat_not_open,
                    &[("class", self.class(cat, View::Cat))],
                )
            }
            _ => self.class(class, view).to_owned(),
        }
    }

    /// The treaty switch's wording for `view`.
    pub fn view(&self, view: View) -> &'static str {
        match view {
            View::Combined => self.view_combined,
            View::Cat => self.view_cat,
            View::Opcat => self.view_opcat,
        }
    }

    pub fn region(&self, region: Region) -> &'static str {
        match region {
            Region::World => self.region_world,
            Region::Africa => self.region_africa,
            Region::Americas => self.region_americas,
            Region::AsiaPacific => self.region_asia_pacific,
            Region::EuropeCentralAsia => self.region_europe_central_asia,
            Region::MiddleEastNorthAfrica => self.region_mena,
        }
    }

    /// The text of one of the UN's notes on an area.
    pub fn note(&self, note: UnNote) -> &'static str {
        match note {
            UnNote::NonSelfGoverning => self.note_non_self_governing,
            UnNote::Falklands => self.note_falklands,
            UnNote::JammuKashmir => self.note_jammu_kashmir,
            UnNote::AksaiChin => self.note_aksai_chin,
            UnNote::Abyei => self.note_abyei,
            UnNote::Kosovo => self.note_kosovo,
        }
    }

    pub fn act(&self, act: Act) -> &'static str {
        match act {
            Act::Ratification => self.act_ratification,
            Act::Accession => self.act_accession,
            Act::Succession => self.act_succession,
        }
    }

    /// The short phrases of the announcement for one treaty: party, party by succession, signatory, neither.
    pub fn announce_treaty(&self, treaty: Treaty) -> [&'static str; 4] {
        match treaty {
            Treaty::Cat => [
                self.announce_cat_party,
                self.announce_cat_succession,
                self.announce_cat_signatory,
                self.announce_cat_none,
            ],
            Treaty::Opcat => [
                self.announce_opcat_party,
                self.announce_opcat_succession,
                self.announce_opcat_signatory,
                self.announce_opcat_none,
            ],
        }
    }

    /// A counted phrase for `n` in this catalogue's language.
    pub fn count(&self, lang: Lang, phrase: Plural, n: usize) -> String {
        let template = if lang.is_singular(n) {
            phrase.one
        } else {
            phrase.other
        };
        fill(template, &[("count", &n.to_string())])
    }
}

/// Fills a template's `{key}` placeholders with their values; a placeholder without a value stays as written.
///
/// # Examples
/// ```
/// use treaty_map::core::i18n::fill;
/// assert_eq!(fill("{name}: {class}", &[("name", "Peru"), ("class", "CAT party")]), "Peru: CAT party");
/// ```
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let key = after.find('}').map(|close| &after[..close]);
        match key.and_then(|key| values.iter().find(|(k, _)| *k == key)) {
            Some((key, value)) => {
                out.push_str(value);
                rest = &after[key.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
