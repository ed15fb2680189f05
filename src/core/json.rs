//! JSON read a piece at a time, by a reader of the crate's own: a document is checked whole ([`document`],
//! [`Object::read`]), then each value is kept as its text ([`Raw`], a slice of the document) until a reader asks
//! for it as a text, a number, a list or an object, so that one bad piece costs only itself and no tree of
//! values is built. Every reader of a data file uses it (the status table and its rows and reviews, regions,
//! names, host content, a GeoJSON feature and its positions, the compact form's grid).
//!
//! *Why not serde_json:* with its visitors in the readers it weighed 22 K raw, 8.4 KB brotli of the wasm
//! (bench/SIZE.md), for what these few hundred lines do; its messages are kept word for word where a document
//! is not JSON ("expected value at line 1 column 16"), so that a site's editor can look them up.

use crate::core::error::{excerpt as excerpt_text, line_and_column};

mod check;

pub use check::{document, value_at, Error, ValueScan};
use check::{members, separators};

/// A JSON value as its text: a slice of a document that has been checked whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raw<'a>(&'a str);

/// `null`, for a member that is absent.
pub const NULL: Raw<'static> = Raw("null");

impl<'a> Raw<'a> {
    /// The value's text, as written.
    pub fn get(self) -> &'a str {
        self.0
    }
}

/// What a JSON value is, told by its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    Text,
    List,
    Object,
}

impl Kind {
    pub fn of(value: Raw<'_>) -> Kind {
        match value.0.as_bytes().first() {
            Some(b'n') => Kind::Null,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'"') => Kind::Text,
            Some(b'[') => Kind::List,
            Some(b'{') => Kind::Object,
            _ => Kind::Number,
        }
    }

    /// For messages: "a number", "a list".
    pub fn described(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "true or false",
            Kind::Number => "a number",
            Kind::Text => "a text",
            Kind::List => "a list",
            Kind::Object => "an object",
        }
    }
}

/// What a reader says of a value of the wrong kind: "a text is expected, not a number".
pub fn expected(what: &str, value: Raw<'_>) -> String {
    format!("{what} is expected, not {}", Kind::of(value).described())
}

/// The value, unless it is absent or `null`: how the readers take an optional field.
pub fn given(value: Option<Raw<'_>>) -> Option<Raw<'_>> {
    value.filter(|v| Kind::of(*v) != Kind::Null)
}

/// The value as a text, if it is one (escapes decoded; `None` for a lone surrogate, which no text can hold).
pub fn text(value: Raw<'_>) -> Option<String> {
    let inner = value.0.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('\\') {
        return Some(inner.to_owned());
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    let hex = |chars: &mut std::str::Chars| -> Option<u32> {
        let digits = chars.as_str().get(..4)?;
        let code = u32::from_str_radix(digits, 16).ok()?;
        chars.nth(3);
        Some(code)
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let high = hex(&mut chars)?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    (chars.next()? == '\\' && chars.next()? == 'u').then_some(())?;
                    let low = hex(&mut chars)?;
                    (0xDC00..0xE000).contains(&low).then_some(())?;
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                char::from_u32(code)?
            }
            other => other,
        });
    }
    Some(out)
}

/// Powers of ten a `f64` holds exactly.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value as a number, if it is one that a `f64` holds (not `1e400`). Correctly rounded where the number
/// has at most 15 significant digits and a power of ten up to 22 (every number of the widget's data: a whole
/// number and a power of ten that a `f64` holds exactly, one division or product rounded once, as Clinger
/// showed); otherwise close (a relative error under 1e-14 in the tests), which no map could show, and a
/// number within a few units of the largest `f64` may read as out of range. Not `str::parse`, whose exact
/// algorithm and its tables are in the wasm for nothing else.
pub fn number(value: Raw<'_>) -> Option<f64> {
    let text = value.0;
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa_text, exponent_text) = match digits.find(['e', 'E']) {
        Some(at) => (&digits[..at], Some(&digits[at + 1..])),
        None => (digits, None),
    };
    let mut mantissa: u64 = 0;
    let mut exponent: i64 = 0;
    let mut inexact = false;
    let mut fraction = false;
    let mut any = false;
    for b in mantissa_text.bytes() {
        match b {
            b'.' if !fraction => fraction = true,
            b'0'..=b'9' => {
                any = true;
                if mantissa < 100_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    exponent -= i64::from(fraction);
                } else {
                    inexact |= b != b'0';
                    exponent += i64::from(!fraction);
                }
            }
            _ => return None,
        }
    }
    if !any {
        return None;
    }
    if let Some(e) = exponent_text {
        let (sign, e) = match e.as_bytes().first() {
            Some(b'-') => (-1, &e[1..]),
            Some(b'+') => (1, &e[1..]),
            _ => (1, e),
        };
        if e.is_empty() || !e.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Past a few thousand, any exponent gives zero or infinity.
        let e = e.trim_start_matches('0');
        let e: i64 = if e.len() > 6 {
            999_999
        } else {
            e.parse().unwrap_or(0)
        };
        exponent += sign * e;
    }
    let m = mantissa as f64;
    let magnitude = if mantissa == 0 {
        0.0
    } else if !inexact && mantissa < 1 << 53 && exponent.abs() <= 22 {
        let power = EXACT_POWERS[exponent.unsigned_abs() as usize];
        if exponent < 0 {
            m / power
        } else {
            m * power
        }
    } else {
        let mut v = m;
        let mut e = exponent.clamp(-800, 800);
        while e > 0 {
            let step = e.min(22);
            v *= EXACT_POWERS[step as usize];
            e -= step;
        }
        while e < 0 {
            let step = (-e).min(22);
            v /= EXACT_POWERS[step as usize];
            e += step;
        }
        v
    };
    magnitude
        .is_finite()
        .then_some(if negative { -magnitude } else { magnitude })
}

/// The value as a whole number that fits in a `u16`, if it is one.
pub fn small_number(value: Raw<'_>) -> Option<u16> {
    let text = value.0;
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The value as `true` or `false`, if it is one.
pub fn flag(value: Raw<'_>) -> Option<bool> {
    match value.0 {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The value's items, if it is a list.
pub fn list(value: Raw<'_>) -> Option<Vec<Raw<'_>>> {
    (Kind::of(value) == Kind::List).then(|| {
        let mut items = Vec::new();
        members(value, false, |_, item| items.push(item));
        items
    })
}

/// The value's fields, if it is an object.
pub fn object(value: Raw<'_>) -> Option<Object<'_>> {
    (Kind::of(value) == Kind::Object).then(|| {
        let mut fields = Vec::new();
        members(value, true, |key, v| {
            fields.push((text(Raw(key.unwrap_or_default())).unwrap_or_default(), v));
        });
        Object(fields)
    })
}

/// The positions of a list of them, `[[x, y], …]`: each position's first two numbers (a third and more, an
/// altitude, are read and left). Why not, if it is not one: the list's or a position's kind, a number out of
/// range, or a position of fewer than two numbers. Read from the checked value at `pos` of `text`, with where
/// it ends.
pub fn positions_at(text: &str, pos: usize) -> Result<(Vec<(f64, f64)>, usize), String> {
    list_at(text, pos, "a list of positions", &position_at)
}

/// The position at `pos` of a checked text, and where it ends: its numbers read one by one, with no list of
/// values made for it.
fn position_at(text: &str, pos: usize) -> Result<((f64, f64), usize), String> {
    let bytes = text.as_bytes();
    if bytes.get(pos) != Some(&b'[') {
        return Err(expected(
            "a position (a list of numbers)",
            value_at(text, pos).0,
        ));
    }
    let (mut count, mut first) = (0, [0.0; 2]);
    let mut pos = separators(bytes, pos + 1);
    while bytes.get(pos).is_some_and(|&b| b != b']') {
        let (v, end) = number_at(text, pos)?;
        if let Some(slot) = first.get_mut(count) {
            *slot = v;
        }
        count += 1;
        pos = separators(bytes, end);
    }
    if count < 2 {
        return Err(format!(
            "a position of at least two numbers is expected, not {count}"
        ));
    }
    Ok(((first[0], first[1]), pos + 1))
}

/// The number at `pos` of a checked text, and where it ends.
pub fn number_at(text: &str, pos: usize) -> Result<(f64, usize), String> {
    let (n, end) = value_at(text, pos);
    match (Kind::of(n), number(n)) {
        (_, Some(v)) => Ok((v, end)),
        (Kind::Number, None) => Err("number out of range".to_owned()),
        _ => Err(expected("a number", n)),
    }
}

/// The first item of the checked list at `pos` of `text`, as a message quotes it ([`excerpt`]).
pub fn first_item(text: &str, pos: usize) -> String {
    excerpt(value_at(text, separators(text.as_bytes(), pos + 1)).0)
}

/// The items of the checked list at `pos` of `text`, each read by `item` from where it starts (to where it
/// ends), and where the list ends; what the list should be (`what`) if it is not one. For lists of lists of
/// positions ([`positions_at`]), read in one pass.
pub fn list_at<T>(
    text: &str,
    pos: usize,
    what: &str,
    item: &impl Fn(&str, usize) -> Result<(T, usize), String>,
) -> Result<(Vec<T>, usize), String> {
    let bytes = text.as_bytes();
    if bytes.get(pos) != Some(&b'[') {
        return Err(expected(what, value_at(text, pos).0));
    }
    let mut out = Vec::new();
    let mut pos = separators(bytes, pos + 1);
    while bytes.get(pos).is_some_and(|&b| b != b']') {
        let (value, end) = item(text, pos)?;
        out.push(value);
        pos = separators(bytes, end);
    }
    Ok((out, pos + 1))
}

/// [`list_at`] of the list `value`: its items, each read by `item`.
pub fn list_of<T>(
    value: Raw<'_>,
    what: &str,
    item: &impl Fn(&str, usize) -> Result<(T, usize), String>,
) -> Result<Vec<T>, String> {
    list_at(value.0, 0, what, item).map(|(items, _)| items)
}

/// A bad value as a diagnostic names it: a text (decoded) or a number, boolean or null as written, quoted and
/// cut ([`excerpt_text`]); a list or an object by what it is. Never the JSON written out again.
///
/// # Examples
/// ```
/// use treaty_map::core::json::{document, excerpt};
/// let raw = |text| document(text).unwrap();
/// assert_eq!(excerpt(raw(r#""mars""#)), "\"mars\"");
/// assert_eq!(excerpt(raw("7")), "\"7\"");
/// assert_eq!(excerpt(raw("null")), "\"null\"");
/// assert_eq!(excerpt(raw("[1, 2]")), "a list");
/// ```
pub fn excerpt(value: Raw<'_>) -> String {
    match Kind::of(value) {
        Kind::Text => excerpt_text(&text(value).unwrap_or_default()),
        kind @ (Kind::List | Kind::Object) => kind.described().to_owned(),
        Kind::Null | Kind::Bool | Kind::Number => excerpt_text(value.0),
    }
}

/// An object's fields in the document's order, each value raw.
#[derive(Debug, Default)]
pub struct Object<'a>(Vec<(String, Raw<'a>)>);

impl<'a> Object<'a> {
    /// `text` as a JSON document that is an object: an error says where it is not JSON, or that it is another
    /// kind of value.
    pub fn read(text: &'a str) -> Result<Object<'a>, Error> {
        let value = document(text)?;
        object(value).ok_or_else(|| {
            let start = text.len() - text.trim_start().len();
            let (line, column) = line_and_column(text, start);
            Error::new(
                format!(
                    "invalid type: {}, expected an object",
                    Kind::of(value).described()
                ),
                line,
                column,
            )
        })
    }

    /// The value of `key`; the last one if the key is repeated, as a JSON map keeps it.
    pub fn get(&self, key: &str) -> Option<Raw<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// Every field, in the document's order (a repeated key as often as it is written).
    pub fn fields(&self) -> impl Iterator<Item = (&str, Raw<'a>)> + '_ {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    fn raw(text: &str) -> Raw<'_> {
        document(text).unwrap()
    }

    #[test]
    fn tells_each_kind_and_reads_texts_numbers_lists_and_objects() {
        let kinds = [
            ("null", Kind::Null),
            ("true", Kind::Bool),
            ("false", Kind::Bool),
            ("-1.5e3", Kind::Number),
            (r#""a\"b""#, Kind::Text),
            ("[1]", Kind::List),
            (r#"{"a":1}"#, Kind::Object),
        ];
        for (text, kind) in kinds {
            assert_eq!(Kind::of(raw(text)), kind, "{text}");
        }
        assert_eq!(text(raw(r#""a\"b\u00e9""#)).as_deref(), Some("a\"bé"));
        assert_eq!(
            text(raw(r#""\ud83c\udf0d \\ \/ \n\t""#)).as_deref(),
            Some("🌍 \\ / \n\t")
        );
        assert_eq!(text(raw(r#""\ud83c""#)), None, "a lone surrogate");
        assert_eq!(text(raw("7")), None);
        assert_eq!(small_number(raw("63")), Some(63));
        assert_eq!(
            (flag(raw("true")), flag(raw("false")), flag(raw(r#""yes""#))),
            (Some(true), Some(false), None)
        );
        for bad in ["65536", "-1", "3.5", r#""3""#, "1e2"] {
            assert_eq!(small_number(raw(bad)), None, "{bad}");
        }
        let items = list(raw(r#"[1, "two", {"three": 3}]"#)).unwrap();
        assert_eq!(
            items.iter().map(|i| i.get()).collect::<Vec<_>>(),
            ["1", r#""two""#, r#"{"three": 3}"#]
        );
        assert_eq!(list(raw(" [ ] ")).unwrap(), []);
        assert!(list(raw("{}")).is_none() && object(raw("[]")).is_none());
        assert!(given(None).is_none() && given(Some(raw("null"))).is_none());
        assert_eq!(
            expected("a text", raw("[]")),
            "a text is expected, not a list"
        );
        assert_eq!(given(Some(raw("0"))).map(Raw::get), Some("0"));
    }

    #[test]
    fn numbers_read_as_rust_reads_them() {
        // What this reader and Rust's `str::parse` read from `text`.
        let both = |text: &str| (number(raw(text)).unwrap(), text.parse::<f64>().unwrap());
        for text in [
            "0",
            "-0",
            "1",
            "-73.5",
            "0.0001",
            "-179.9999",
            "89.99",
            "12345678901234567890",
            "1e22",
            "1e23",
            "2.5e-3",
            "0.1",
            "0.30000000000000004",
            "-34.0519",
            "123.456789012345678",
            "9007199254740993",
            "1E5",
            "1e+2",
        ] {
            let (got, expected) = both(text);
            let ulps = (got.to_bits() as i64 - expected.to_bits() as i64).unsigned_abs();
            assert!(ulps <= 2, "{text}: {got} against {expected}");
        }
        // Far from any the data holds: close, not always correctly rounded.
        for text in [
            "1e30",
            "-123456789e-40",
            "2.2250738585072014e-308",
            "1.5e300",
        ] {
            let (got, expected) = both(text);
            assert!(
                ((got - expected) / expected).abs() < 1e-14,
                "{text}: {got} against {expected}"
            );
        }
        // Every decimal of up to four places that the data holds: exact.
        for i in -1_800_000i32..=1_800_000 {
            if i % 997 != 0 {
                continue;
            }
            let text = format!("{}.{:04}", i / 10_000, (i % 10_000).abs());
            let text = if i < 0 && i > -10_000 {
                format!("-{text}")
            } else {
                text
            };
            assert_eq!(number(raw(&text)), text.parse().ok(), "{text}");
        }
        assert_eq!(number(raw(r#""1""#)), None);
        assert_eq!(number(raw("1e400")), None, "out of range");
        assert_eq!(number(raw("-1e-400")), Some(-0.0));
        assert_eq!(number(raw("1e-0000001")), Some(0.1));
        assert_eq!(number(raw("1e00000000000000000000")), Some(1.0));
        assert_eq!(number(raw("1e1000000000000")), None);
    }

    #[test]
    fn a_document_that_is_not_json_is_refused_in_serde_json_s_words() {
        for (text, message) in [
            ("", "EOF while parsing a value at line 1 column 0"),
            ("{", "EOF while parsing an object at line 1 column 1"),
            ("[1,", "EOF while parsing a value at line 1 column 3"),
            ("[1 2]", "expected `,` or `]` at line 1 column 4"),
            (r#"{"a" 1}"#, "expected `:` at line 1 column 6"),
            (r#"{"a": 1,}"#, "trailing comma at line 1 column 9"),
            ("{1: 2}", "key must be a string at line 1 column 2"),
            ("[1] x", "trailing characters at line 1 column 5"),
            ("\n  nul", "EOF while parsing a value at line 2 column 5"),
            ("[tru]", "expected ident at line 1 column 5"),
            ("\"a\u{1}\"", "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3"),
            (r#""\x""#, "invalid escape at line 1 column 3"),
            ("[01]", "invalid number at line 1 column 3"),
            ("[1.]", "invalid number at line 1 column 4"),
            ("[-]", "invalid number at line 1 column 3"),
            ("x", "expected value at line 1 column 1"),
        ] {
            assert_eq!(document(text).unwrap_err().to_string(), message, "{text:?}");
        }
        let deep = "[".repeat(200);
        assert_eq!(
            document(&deep).unwrap_err().to_string(),
            "recursion limit exceeded at line 1 column 129"
        );
        assert!(document(&format!("{}{}", "[".repeat(100), "]".repeat(100))).is_ok());
    }

    #[test]
    fn reads_positions_and_says_why_not() {
        let positions = |value: Raw<'_>| positions_at(value.0, 0).map(|(p, _)| p);
        assert_eq!(
            positions(raw("[[1, 2], [3.5, -4, 100]]")),
            Ok(vec![(1.0, 2.0), (3.5, -4.0)])
        );
        assert_eq!(
            positions(raw("[[1]]")),
            Err("a position of at least two numbers is expected, not 1".to_owned())
        );
        assert_eq!(
            positions(raw(r#"[[1, "2"]]"#)),
            Err("a number is expected, not a text".to_owned())
        );
        assert_eq!(
            positions(raw("[[1e400, 2]]")),
            Err("number out of range".to_owned())
        );
        assert_eq!(
            positions(raw("[1, 2]")),
            Err("a position (a list of numbers) is expected, not a number".to_owned())
        );
        assert_eq!(
            positions(raw("{}")),
            Err("a list of positions is expected, not an object".to_owned())
        );
    }

    #[test]
    fn quotes_the_first_item_of_a_list() {
        assert_eq!(first_item(" [ 0.5, 1]", 1), "\"0.5\"");
    }

    #[test]
    fn an_object_keeps_its_order_and_its_last_repeated_key() {
        let fields = object(raw(r#"{"b": 1, "a": [2], "b": "three", "\u0063": null}"#)).unwrap();
        let keys: Vec<&str> = fields.fields().map(|(k, _)| k).collect();
        assert_eq!(keys, ["b", "a", "b", "c"]);
        assert_eq!(fields.get("b").map(Raw::get), Some(r#""three""#));
        assert!(fields.get("d").is_none());
        assert_eq!(
            Object::read(" [1]").unwrap_err().to_string(),
            "invalid type: a list, expected an object at line 1 column 2"
        );
    }
}
