//! Reading `mount`'s options and the handle's arguments: each value trimmed, checked and turned into the
//! core's type, or refused with a message that names it. `options` may be anything (`undefined`, a number, an
//! object with getters that throw): reading from it never throws, a value of the wrong type is absent.

use wasm_bindgen::prelude::*;

use crate::core::class::View;
use crate::core::date::Date;
use crate::core::error::{excerpt, NotIso3};
use crate::core::fragment::HistoryMode;
use crate::core::i18n::Lang;
use crate::core::iso3::Iso3;
use crate::core::region::Region;
use crate::core::timeline::first_day;

/// `mount`'s options, read and checked.
pub(super) struct Options {
    pub region: Region,
    /// The folder holding the data files, ending in `/`.
    pub data_url: String,
    pub country: Option<Iso3>,
    pub view: Option<View>,
    pub theme: Option<&'static str>,
    pub height: Option<String>,
    pub lang: Lang,
    pub history: HistoryMode,
    pub disclaimer: Option<String>,
    pub content_url: Option<String>,
    /// The URL of the other languages' words files, `*` for the language's code (`wordsUrl`, which the loader
    /// gives).
    pub words_url: Option<String>,
    pub as_of: Option<Date>,
}

impl Options {
    /// Reads every option, in the order `mount` documents them, and refuses the first bad value.
    pub(super) fn read(options: &JsValue) -> Result<Options, JsValue> {
        let text = |key: &str| option_text(options, key);
        let region = parse_region(text("region").as_deref().unwrap_or("world"))?;
        let data_url = text("dataUrl")
            .ok_or_else(|| JsValue::from_str("treaty-map: the dataUrl option is required"))?;
        let data_url = if data_url.ends_with('/') {
            data_url
        } else {
            format!("{data_url}/")
        };
        let country = text("country").map(|c| parse_country(&c)).transpose()?;
        let view = match text("view") {
            None => None,
            Some(key) => Some(View::from_key(&key.to_ascii_lowercase()).ok_or_else(|| {
                JsValue::from_str(&format!(
                    "treaty-map: unknown view {}; use combined, cat or opcat",
                    excerpt(&key)
                ))
            })?),
        };
        let theme = parse_theme(text("theme").as_deref())?;
        let height = text("height").map(|h| parse_height(&h)).transpose()?;
        let lang = parse_lang(text("lang").as_deref().unwrap_or("en"))?;
        let history = parse_history(text("history").as_deref())?;
        let disclaimer = parse_disclaimer(options)?;
        let as_of = parse_as_of(text("asOf").as_deref())?;
        Ok(Options {
            region,
            data_url,
            country,
            view,
            theme,
            height,
            lang,
            history,
            disclaimer,
            content_url: text("contentUrl"),
            words_url: text("wordsUrl"),
            as_of,
        })
    }
}

fn parse_history(mode: Option<&str>) -> Result<HistoryMode, JsValue> {
    let Some(mode) = mode else {
        return Ok(HistoryMode::None);
    };
    HistoryMode::from_key(&mode.trim().to_ascii_lowercase()).ok_or_else(|| {
        JsValue::from_str(&format!(
            "treaty-map: unknown history {}; use none, replace or push",
            excerpt(mode)
        ))
    })
}

/// A day to show (`asOf`, `data-as-of`, `setAsOf()`): `YYYY-MM-DD`, a day of the calendar from 1 January
/// 1985; absent or empty, the data's own date. A day on or after the data's as-of date shows the data as it is.
pub(super) fn parse_as_of(text: Option<&str>) -> Result<Option<Date>, JsValue> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match Date::parse_iso(text) {
        Some(date) if date >= first_day() => Ok(Some(date)),
        _ => Err(JsValue::from_str(&format!(
            "treaty-map: the date {} is not a day from 1985-01-01 on, written YYYY-MM-DD",
            excerpt(text)
        ))),
    }
}

pub(super) fn parse_region(name: &str) -> Result<Region, JsValue> {
    Region::from_key(&name.trim().to_ascii_lowercase()).ok_or_else(|| {
        // `String`s, as every other list the wasm joins: `join` has a copy of its code per item type.
        let keys: Vec<String> = Region::ALL.iter().map(|r| r.key().to_owned()).collect();
        JsValue::from_str(&format!(
            "treaty-map: unknown region {}; use one of {}",
            excerpt(name),
            keys.join(", ")
        ))
    })
}

pub(super) fn parse_country(code: &str) -> Result<Iso3, JsValue> {
    Iso3::parse(&code.trim().to_ascii_uppercase())
        .ok_or_else(|| JsValue::from_str(&format!("treaty-map: {}", NotIso3::new(code))))
}

/// A language of the widget; a regional variant (`es-PE`) speaks its language.
pub(super) fn parse_lang(code: &str) -> Result<Lang, JsValue> {
    Lang::from_code(code).ok_or_else(|| {
        let codes: Vec<String> = Lang::ALL.iter().map(|l| l.code().to_owned()).collect();
        JsValue::from_str(&format!(
            "treaty-map: unknown language {}; use one of {}",
            excerpt(code),
            codes.join(", ")
        ))
    })
}

pub(super) fn parse_theme(theme: Option<&str>) -> Result<Option<&'static str>, JsValue> {
    match theme.map(|t| t.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") | Some("auto") => Ok(None),
        Some("dark") => Ok(Some("dark")),
        Some("light") => Ok(Some("light")),
        Some(other) => Err(JsValue::from_str(&format!(
            "treaty-map: unknown theme {}; use dark, light or auto",
            excerpt(other)
        ))),
    }
}

/// A height is any CSS length the browser accepts for `height` (`600px`, `40rem`, `70vh`,
/// `calc(100vh - 4rem)`), and nothing else: it becomes the value of a custom property.
fn parse_height(height: &str) -> Result<String, JsValue> {
    let height = height.trim();
    let keyword = [
        "auto",
        "inherit",
        "initial",
        "unset",
        "revert",
        "revert-layer",
        "none",
    ]
    .iter()
    .any(|k| height.eq_ignore_ascii_case(k));
    let valid = !keyword
        && !height.contains([';', '{', '}', '"', '\'', '\\'])
        && web_sys::css::supports_with_value("height", height).unwrap_or(false);
    if valid {
        Ok(height.to_owned())
    } else {
        Err(JsValue::from_str(&format!(
            "treaty-map: the height {} is not a CSS length (like 600px or 40rem)",
            excerpt(height)
        )))
    }
}

/// The `disclaimer` option: the host's wording of the map-wide line on boundaries and names, shown as text;
/// an empty string hides the line; absent, the widget shows its own. A text over the text limit is refused.
fn parse_disclaimer(options: &JsValue) -> Result<Option<String>, JsValue> {
    if !options.is_object() {
        return Ok(None);
    }
    let Some(text) = js_sys::Reflect::get(options, &JsValue::from_str("disclaimer"))
        .ok()
        .and_then(|v| v.as_string())
    else {
        return Ok(None);
    };
    let text = text.trim().to_owned();
    if text.len() > crate::core::limits::MAX_TEXT_BYTES {
        return Err(JsValue::from_str(&format!(
            "treaty-map: the disclaimer is {} bytes, more than {}",
            text.len(),
            crate::core::limits::MAX_TEXT_BYTES
        )));
    }
    Ok(Some(text))
}

/// A string option, trimmed; absent, empty, over 2,048 bytes or not a string is `None`. `options` itself may
/// be anything (`undefined`, a number): reading from it never throws.
pub(super) fn option_text(options: &JsValue, key: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && s.len() <= crate::core::limits::MAX_URL_BYTES)
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;

    #[wasm_bindgen_test]
    fn heights_are_css_lengths() {
        for good in ["600px", "40rem", "70vh", "calc(100vh - 4rem)", "50%"] {
            assert_eq!(parse_height(good).ok().as_deref(), Some(good));
        }
        for bad in [
            "",
            "600",
            "red",
            "1px;color:red",
            "url(x)",
            "none",
            "-webkit-fill",
        ] {
            assert!(parse_height(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_lang("es-PE").ok(), Some(Lang::Es));
        assert_eq!(parse_theme(Some("Dark")).ok(), Some(Some("dark")));
        assert_eq!(parse_theme(Some("auto")).ok(), Some(None));
    }
}
