//! A language's words as a text file, and the languages whose words arrived at run time.
//!
//! The release wasm is built with the `fetched-words` feature: it carries English's catalogue only, and the
//! live widget fetches another language's, `treaty_map_words-<code>.txt`, which `cargo xtask build` writes
//! beside the wasm from the catalogues compiled here ([`Catalogue::to_text`]). The file is a header line (what
//! it is, its language and how many strings follow), then one string per line in the catalogue's field order
//! ([`Catalogue::words`]); no string holds a line break. [`install`] reads it once per language and page, and
//! from then on [`Lang::catalogue`] gives that language's words; until then, English's. Without the feature
//! (the native build, the pre-renders, the tests) every catalogue is compiled in and nothing is fetched.

use std::sync::OnceLock;

use super::catalogue::COUNT;
use super::{Catalogue, Lang};
use crate::core::error::{excerpt, quote};

/// The words installed at run time, one slot per language (English's stays empty: it is compiled in).
static INSTALLED: [OnceLock<Catalogue>; 4] = [const { OnceLock::new() }; 4];

/// The header line of `lang`'s words file (which holds [`COUNT`] strings).
fn header(lang: Lang) -> String {
    format!("treaty-map words {} {COUNT}", lang.code())
}

impl Catalogue {
    /// The catalogue as the words file of `lang`: the header, then one string per line.
    ///
    /// # Panics
    /// If a string holds a line break (the catalogue tests rule it out).
    pub fn to_text(&self, lang: Lang) -> String {
        let words = self.words();
        let mut text = header(lang);
        for word in words {
            assert!(!word.contains('\n'), "a line break in {word:?}");
            text.push('\n');
            text.push_str(word);
        }
        text.push('\n');
        text
    }
}

/// Installs the words of `lang` from its words file, if the file is `lang`'s and holds exactly a catalogue's
/// strings. The strings must live as long as the page, so the file's text is kept: once per language, as a
/// language installed before is not read again, and only a file that passed the checks.
///
/// # Errors
/// A file of another language, or with another number of strings (a file of another build), says so; the
/// widget then keeps English's words.
pub fn install(lang: Lang, text: String) -> Result<(), String> {
    if lang.has_words() {
        return Ok(());
    }
    read(lang, &text)?;
    let text: &'static str = Box::leak(text.into_boxed_str());
    let catalogue = read(lang, text)?;
    let _ = INSTALLED[lang as usize].set(Catalogue::from_words(catalogue));
    Ok(())
}

/// The strings of `lang`'s words file, in order, once its header and their number are checked.
fn read(lang: Lang, text: &str) -> Result<[&str; COUNT], String> {
    let expected = header(lang);
    let (head, body) = text.split_once('\n').unwrap_or((text, ""));
    let words: Vec<&str> = body
        .strip_suffix('\n')
        .unwrap_or(body)
        .split('\n')
        .collect();
    let found = words.len();
    <[&str; COUNT]>::try_from(words)
        .ok()
        .filter(|_| head == expected)
        .ok_or_else(|| {
            format!(
                "expected a first line {} and {COUNT} lines after it, found {} and {found}",
                quote(&expected),
                excerpt(head)
            )
        })
}

/// The words of `lang` installed at run time, if they are.
pub(super) fn installed(lang: Lang) -> Option<&'static Catalogue> {
    INSTALLED[lang as usize].get()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    #[test]
    fn every_catalogue_reads_back_from_its_words_file() {
        for lang in Lang::ALL {
            let catalogue = lang.catalogue();
            let text = String::leak(catalogue.to_text(lang));
            let words = read(lang, text).unwrap();
            assert_eq!(&words, catalogue.words(), "{lang:?}");
            assert_eq!(&Catalogue::from_words(words), catalogue);
        }
    }

    #[test]
    fn the_words_follow_the_fields_order() {
        let t = Lang::Fr.catalogue();
        let words = t.words();
        assert_eq!(words[0], t.class_both);
        assert_eq!(words[COUNT - 1], t.timeline_review_session);
        let months = words.iter().position(|w| *w == t.months[0]).unwrap();
        assert_eq!(words[months..months + 12], t.months);
        let caption = words
            .iter()
            .position(|w| *w == t.table_caption.one)
            .unwrap();
        assert_eq!(words[caption + 1], t.table_caption.other);
        // Each field a string, a counted phrase two, the months twelve.
        assert_eq!(COUNT, 173);
    }

    #[test]
    fn a_words_file_of_another_language_or_build_is_refused() {
        let french = Lang::Fr.catalogue().to_text(Lang::Fr);
        let error = read(Lang::Es, &french).unwrap_err();
        assert!(
            error.contains(&format!("\"treaty-map words es {COUNT}\"")),
            "{error}"
        );
        let short = french.rsplitn(3, '\n').nth(2).unwrap().to_owned() + "\n";
        let error = read(Lang::Fr, &short).unwrap_err();
        assert!(error.ends_with(&format!("and {}", COUNT - 1)), "{error}");
        let long = french.clone() + "one more\n";
        let error = read(Lang::Fr, &long).unwrap_err();
        assert!(error.ends_with(&format!("and {}", COUNT + 1)), "{error}");
        assert!(read(Lang::Fr, "").is_err());
    }

    #[test]
    fn installing_a_compiled_in_language_reads_nothing() {
        // Without the release wasm's feature every language is compiled in: a file, even a bad one, changes
        // nothing.
        assert!(Lang::Fr.has_words());
        assert_eq!(install(Lang::Fr, String::new()), Ok(()));
        assert_eq!(Lang::Fr.catalogue().view_switch, "Colorer la carte selon");
    }
}
