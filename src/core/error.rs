//! Errors that stop a whole data file (or load) from loading, and diagnostics that only leave one item out.

use std::fmt::Write as _;

use crate::core::fixed::Fixed;
use crate::core::limits::{MAX_DIAGNOSTICS_PER_FILE, MAX_MESSAGE_CHARS};

/// A data file the widget cannot use at all. The message names the file and the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    #[error("{file}: not valid JSON: {message}")]
    Json { file: &'static str, message: String },
    #[error("{file}: field {field}: {message}")]
    Field {
        file: &'static str,
        field: &'static str,
        message: String,
    },
    #[error("{file}: the file is {}, more than the limit of {}", size(*bytes), size(*limit))]
    TooLarge {
        file: &'static str,
        bytes: usize,
        limit: usize,
    },
    /// A download cancelled as it passed the limit, its whole size unknown.
    #[error("{file}: the file is more than the limit of {}", size(*limit))]
    OverLimit { file: &'static str, limit: usize },
}

impl DataError {
    /// A JSON syntax or shape error (`core::json`), shortened as every message is.
    pub fn json(file: &'static str, error: impl std::fmt::Display) -> DataError {
        DataError::Json {
            file,
            message: shorten(&error.to_string()),
        }
    }

    /// The error for `text` if it is longer than `limit` bytes; checked before parsing.
    pub fn check_size(file: &'static str, text: &str, limit: usize) -> Result<(), DataError> {
        if text.len() > limit {
            return Err(DataError::TooLarge {
                file,
                bytes: text.len(),
                limit,
            });
        }
        Ok(())
    }
}

/// Why a load, or one file of it, failed: what the loader hands the widget, which shows its message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be had (the network, the server, a deadline), in the fetcher's words, which name
    /// its URL.
    #[error("{0}")]
    Fetch(String),
    /// An HTML page where JSON was expected (a login wall, a 404 page served with status 200, a single-page
    /// app's fallback).
    #[error(
        "the response is an HTML page, not JSON (content type: {}): is the URL right?",
        excerpt(content_type).trim_matches('"')
    )]
    Html { content_type: String },
    /// The file was had, but cannot be used at all.
    #[error(transparent)]
    Data(#[from] DataError),
    /// Nothing can be drawn: each data file that failed, in the order status, geometry, regions.
    #[error("{}", join(.0))]
    Files(Vec<LoadError>),
}

fn join(errors: &[LoadError]) -> String {
    let messages: Vec<String> = errors.iter().map(LoadError::to_string).collect();
    messages.join("; ")
}

/// A text that is not an ISO 3166-1 alpha-3 code. Its message quotes the text ([`excerpt`]); it is the only
/// place the core writes those words.
///
/// # Examples
/// ```
/// use treaty_map::core::error::NotIso3;
/// assert_eq!(NotIso3::new("peru").to_string(), "\"peru\" is not an ISO 3166-1 alpha-3 code");
/// assert_eq!(NotIso3::quoted("a list".into()).to_string(), "a list is not an ISO 3166-1 alpha-3 code");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{quoted} is not an ISO 3166-1 alpha-3 code")]
pub struct NotIso3 {
    quoted: String,
}

impl NotIso3 {
    /// The error for `text`.
    pub fn new(text: &str) -> NotIso3 {
        NotIso3 {
            quoted: excerpt(text),
        }
    }

    /// The error for a value its reader has already quoted: a JSON value that should have been a code, as
    /// `core::json::excerpt` names it.
    pub fn quoted(quoted: String) -> NotIso3 {
        NotIso3 { quoted }
    }
}

/// One item of input that was skipped, with the reason; the rest of the map still works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic(pub String);

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Collects one file's diagnostics: each message is shortened to [`MAX_MESSAGE_CHARS`], and after
/// [`MAX_DIAGNOSTICS_PER_FILE`] the rest are only counted, so that a file of a million bad rows gives a short
/// list rather than a million lines.
#[derive(Debug)]
pub(crate) struct Diagnostics {
    file: &'static str,
    items: Vec<Diagnostic>,
    unlisted: usize,
}

impl Diagnostics {
    pub(crate) fn new(file: &'static str) -> Diagnostics {
        Diagnostics {
            file,
            items: Vec::new(),
            unlisted: 0,
        }
    }

    /// Adds the message `make` writes; it is only written while the list has room.
    pub(crate) fn push(&mut self, make: impl FnOnce() -> String) {
        if self.items.len() < MAX_DIAGNOSTICS_PER_FILE {
            self.items.push(Diagnostic(shorten(&make())));
        } else {
            self.unlisted += 1;
        }
    }

    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        if self.unlisted > 0 {
            self.items.push(Diagnostic(format!(
                "{}: {} more item(s) skipped, not listed",
                self.file, self.unlisted
            )));
        }
        self.items
    }
}

/// `text` quoted ([`quote`]), cut to 40 characters: how a diagnostic names a bad value without repeating a
/// megabyte of it.
///
/// # Examples
/// ```
/// use treaty_map::core::error::excerpt;
/// assert_eq!(excerpt("peru"), "\"peru\"");
/// assert_eq!(excerpt(&"x".repeat(100)), format!("\"{}…\"", "x".repeat(40)));
/// ```
pub fn excerpt(text: &str) -> String {
    const CHARS: usize = 40;
    match text.char_indices().nth(CHARS) {
        None => quote(text),
        Some((end, _)) => {
            let quoted = quote(&text[..end]);
            format!("{}…\"", &quoted[..quoted.len() - 1])
        }
    }
}

/// `text` in double quotes, with what a reader could not see or tell apart escaped as Rust's `{:?}` escapes it:
/// `\"`, `\\`, `\n`, `\r`, `\t`, `\0`, and `\u{…}` for the other control characters, the format characters
/// (soft hyphen, zero-width spaces and joiners, direction marks and embeddings, the byte order mark, …) and
/// the spaces and separators other than U+0020. Letters and marks of every script are written as they are,
/// where `{:?}` also escapes combining marks (Arabic's vowel signs among them) and unassigned code points: its
/// tables of what is printable weigh 3 KB of the wasm's brotli (bench/SIZE.md).
///
/// # Examples
/// ```
/// use treaty_map::core::error::quote;
/// assert_eq!(quote("a\"b\\\n"), r#""a\"b\\\n""#);
/// assert_eq!(quote("PER\u{200b}"), r#""PER\u{200b}""#);
/// assert_eq!(quote("بِيرُو"), "\"بِيرُو\"");
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if unseen(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `c` is a control or format character, or a space or separator other than U+0020 (Unicode 16's
/// general categories Cc, Cf, Zs, Zl and Zp).
fn unseen(c: char) -> bool {
    const RANGES: &[(u32, u32)] = &[
        (0x0, 0x1f),
        (0x7f, 0xa0),
        (0xad, 0xad),
        (0x600, 0x605),
        (0x61c, 0x61c),
        (0x6dd, 0x6dd),
        (0x70f, 0x70f),
        (0x890, 0x891),
        (0x8e2, 0x8e2),
        (0x1680, 0x1680),
        (0x180e, 0x180e),
        (0x2000, 0x200f),
        (0x2028, 0x202f),
        (0x205f, 0x2064),
        (0x2066, 0x206f),
        (0x3000, 0x3000),
        (0xfeff, 0xfeff),
        (0xfff9, 0xfffb),
        (0x110bd, 0x110bd),
        (0x110cd, 0x110cd),
        (0x13430, 0x1343f),
        (0x1bca0, 0x1bca3),
        (0x1d173, 0x1d17a),
        (0xe0001, 0xe0001),
        (0xe0020, 0xe007f),
    ];
    let c = u32::from(c);
    RANGES
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// The line and column (from 1; the column in bytes, as serde_json counts) of the byte at `index` of `text`.
pub fn line_and_column(text: &str, index: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..index.min(text.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - start + 1)
}

/// `message` cut to [`MAX_MESSAGE_CHARS`] characters, with an ellipsis when cut.
pub(crate) fn shorten(message: &str) -> String {
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        None => message.to_owned(),
        Some((end, _)) => format!("{}…", &message[..end]),
    }
}

/// A byte count as a reader says it: "512 bytes", "16 KiB", "1.5 MiB".
fn size(bytes: usize) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} bytes")
    } else if b < KIB * KIB {
        format!("{} KiB", trim(b / KIB))
    } else {
        format!("{} MiB", trim(b / (KIB * KIB)))
    }
}

fn trim(value: f64) -> String {
    let text = Fixed(value, 1).to_string();
    text.strip_suffix(".0").unwrap_or(&text).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    #[test]
    fn too_large_names_the_file_and_both_sizes() {
        let error =
            DataError::check_size("geometry", &"x".repeat(3 * 1024 * 1024 / 2), 1024 * 1024);
        assert_eq!(
            error.unwrap_err().to_string(),
            "geometry: the file is 1.5 MiB, more than the limit of 1 MiB"
        );
        assert!(DataError::check_size("geometry", "{}", 2).is_ok());
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(16 * 1024), "16 KiB");
    }

    #[test]
    fn a_failed_load_names_each_file_in_its_own_words() {
        let html = LoadError::Html {
            content_type: "text/html; charset=utf-8".to_owned(),
        };
        let too_large = LoadError::from(DataError::OverLimit {
            file: "geometry",
            limit: 1024,
        });
        let files = LoadError::Files(vec![
            LoadError::Fetch("d/status.json: HTTP 500 Internal Server Error".to_owned()),
            too_large,
            html,
        ]);
        assert_eq!(
            files.to_string(),
            "d/status.json: HTTP 500 Internal Server Error; geometry: the file is more than the limit of 1 KiB; \
             the response is an HTML page, not JSON (content type: text/html; charset=utf-8): is the URL right?"
        );
    }

    #[test]
    fn quote_escapes_as_debug_does_where_it_escapes_at_all() {
        let debug = |c: char| format!("{:?}", format!("a{c}"))[2..].to_owned();
        let ours = |c: char| quote(&format!("a{c}"))[2..].to_owned();
        // ASCII and Latin-1 as `{:?}` writes them.
        for c in ('\0'..='\u{ff}').chain(['\u{2028}', '\u{feff}', '\u{e0041}']) {
            assert_eq!(ours(c), debug(c), "U+{:04X}", u32::from(c));
        }
        // Whatever this escapes, `{:?}` escapes the same way.
        for c in ('\0'..=char::MAX).filter(|&c| unseen(c)) {
            assert_eq!(ours(c), debug(c), "U+{:04X}", u32::from(c));
        }
        // Exactly Cc, Cf, Zs but U+0020, Zl and Zp.
        for c in '\0'..=char::MAX {
            use unicode_general_category::{get_general_category, GeneralCategory as G};
            let category = get_general_category(c);
            let hidden = matches!(
                category,
                G::Control | G::Format | G::LineSeparator | G::ParagraphSeparator
            ) || (category == G::SpaceSeparator && c != ' ');
            assert_eq!(unseen(c), hidden, "U+{:04X} {category:?}", u32::from(c));
        }
        // Where they differ: a combining mark (here Arabic's kasra and damma) is written as it is.
        assert_eq!(quote("بِيرُو"), "\"بِيرُو\"");
        assert_ne!(format!("{:?}", "بِيرُو"), "\"بِيرُو\"");
    }

    #[test]
    fn excerpt_cuts_on_a_character_boundary_and_escapes() {
        assert_eq!(excerpt(&"é".repeat(50)), format!("\"{}…\"", "é".repeat(40)));
        assert_eq!(excerpt("a\"<b>\n"), r#""a\"<b>\n""#);
    }

    #[test]
    fn diagnostics_beyond_the_cap_are_counted_not_listed() {
        let mut diagnostics = Diagnostics::new("status data");
        for i in 0..MAX_DIAGNOSTICS_PER_FILE + 5 {
            diagnostics.push(|| format!("row {i}"));
        }
        diagnostics.push(|| "y".repeat(10 * MAX_MESSAGE_CHARS));
        let list = diagnostics.finish();
        assert_eq!(list.len(), MAX_DIAGNOSTICS_PER_FILE + 1);
        assert_eq!(
            list.last().unwrap().0,
            "status data: 6 more item(s) skipped, not listed"
        );
        let mut one = Diagnostics::new("x");
        one.push(|| "y".repeat(10 * MAX_MESSAGE_CHARS));
        assert_eq!(one.finish()[0].0.chars().count(), MAX_MESSAGE_CHARS + 1);
    }
}
