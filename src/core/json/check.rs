//! The check of a JSON document and the split of a checked list or object into its values: a scan of the
//! text, worded as serde_json words what it finds wrong.

use std::fmt;

use super::Raw;
use crate::core::error::line_and_column;

/// How deep lists and objects may nest in a document, as serde_json allows.
const MAX_DEPTH: u32 = 128;

/// Why a document is not JSON (or not the kind of value asked for), with its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    reason: String,
    line: usize,
    column: usize,
}

impl Error {
    pub(super) fn new(reason: String, line: usize, column: usize) -> Error {
        Error {
            reason,
            line,
            column,
        }
    }

    /// What is wrong, without where: "expected `,` or `]`".
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let Error {
            reason,
            line,
            column,
        } = self;
        write!(f, "{reason} at line {line} column {column}")
    }
}

/// `text` as one JSON value (with white space around it), checked whole: an error names the first place it
/// breaks, in serde_json's words.
pub fn document(text: &str) -> Result<Raw<'_>, Error> {
    let mut scan = Scan { text, pos: 0 };
    scan.space();
    let start = scan.pos;
    scan.value(0)?;
    let end = scan.pos;
    scan.space();
    if scan.pos < text.len() {
        return Err(scan.error("trailing characters"));
    }
    Ok(Raw(&text[start..end]))
}

/// A checker of JSON text from a position.
struct Scan<'a> {
    text: &'a str,
    pos: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.pos += 1;
        }
    }

    /// serde_json places an error at the character it stopped at, or, at the end of the text, after the last.
    fn error(&self, what: &str) -> Error {
        let (line, column) = line_and_column(self.text, self.pos);
        let column = if self.pos >= self.text.len() {
            column - 1
        } else {
            column
        };
        Error::new(what.to_owned(), line, column)
    }

    /// Checks the value that starts here (no white space before it) and moves past it.
    fn value(&mut self, depth: u32) -> Result<(), Error> {
        let Some(first) = self.peek() else {
            return Err(self.error("EOF while parsing a value"));
        };
        match first {
            b'"' => self.string(),
            b'[' | b'{' => self.nested(first, depth),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.word("true"),
            b'f' => self.word("false"),
            b'n' => self.word("null"),
            _ => Err(self.error("expected value")),
        }
    }

    fn word(&mut self, word: &str) -> Result<(), Error> {
        for &expected in word.as_bytes() {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b) if b == expected => self.pos += 1,
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, its range unchecked (as serde_json skips a
    /// value it keeps raw): [`number`] says whether a `f64` holds it.
    fn number(&mut self) -> Result<(), Error> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        Ok(())
    }

    fn string(&mut self) -> Result<(), Error> {
        self.pos += 1;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error("EOF while parsing a string"));
            };
            self.pos += 1;
            match b {
                b'"' => return Ok(()),
                b'\\' => match self.peek() {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 1,
                    Some(b'u') => {
                        self.pos += 1;
                        for _ in 0..4 {
                            match self.peek() {
                                Some(h) if h.is_ascii_hexdigit() => self.pos += 1,
                                None => return Err(self.error("EOF while parsing a string")),
                                Some(_) => return Err(self.error("invalid escape")),
                            }
                        }
                    }
                    None => return Err(self.error("EOF while parsing a string")),
                    Some(_) => return Err(self.error("invalid escape")),
                },
                0x00..=0x1F => {
                    self.pos -= 1;
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                _ => {}
            }
        }
    }

    /// A list or an object (`open` its first character).
    fn nested(&mut self, open: u8, depth: u32) -> Result<(), Error> {
        if depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        let (close, what, expected) = if open == b'[' {
            (b']', "EOF while parsing a list", "expected `,` or `]`")
        } else {
            (b'}', "EOF while parsing an object", "expected `,` or `}`")
        };
        self.pos += 1;
        self.space();
        match self.peek() {
            Some(b) if b == close => {
                self.pos += 1;
                return Ok(());
            }
            None => return Err(self.error(what)),
            Some(_) => {}
        }
        loop {
            if open == b'{' {
                match self.peek() {
                    Some(b'"') => self.string()?,
                    None => return Err(self.error(what)),
                    Some(_) => return Err(self.error("key must be a string")),
                }
                self.space();
                match self.peek() {
                    Some(b':') => self.pos += 1,
                    None => return Err(self.error(what)),
                    Some(_) => return Err(self.error("expected `:`")),
                }
                self.space();
            }
            self.value(depth + 1)?;
            self.space();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.space();
                    if self.peek() == Some(close) {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b) if b == close => {
                    self.pos += 1;
                    return Ok(());
                }
                None => return Err(self.error(what)),
                Some(_) => return Err(self.error(expected)),
            }
        }
    }
}

/// The end of the checked value that starts at `start` of `text` (no white space before it): after its closing
/// quote or bracket, or, for a number or a word, at the first character that cannot be in one. Not checked
/// again: the text was checked whole.
fn end_of(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    bytes.get(start).map_or(start, |&first| {
        ValueScan::start(first)
            .advance(bytes, start + 1, bytes.len())
            .unwrap_or(bytes.len())
    })
}

/// Where a scan of one JSON value is: how deep in brackets, inside a string or a number/literal. It finds where
/// a value ends without checking it, and can stop and go on (the FeatureCollection's scan, `core::split`, goes
/// a budget of bytes at a time).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ValueScan {
    depth: usize,
    in_string: bool,
    escaped: bool,
    scalar: bool,
}

impl ValueScan {
    /// The scan of a value starting with `first`.
    pub fn start(first: u8) -> ValueScan {
        match first {
            b'{' | b'[' => ValueScan {
                depth: 1,
                ..ValueScan::default()
            },
            b'"' => ValueScan {
                in_string: true,
                ..ValueScan::default()
            },
            _ => ValueScan {
                scalar: true,
                ..ValueScan::default()
            },
        }
    }

    /// Whether the value is a number or a word (`true`, `false`, `null`), which ends at the first byte that
    /// cannot be in one rather than at a closing byte of its own.
    pub fn is_scalar(&self) -> bool {
        self.scalar
    }

    /// Scans `bytes[from..to]` (the value's first byte already counted); the end of the value (exclusive), if
    /// it is in that range.
    pub fn advance(&mut self, bytes: &[u8], from: usize, to: usize) -> Option<usize> {
        if self.scalar {
            // A number or a word ends at the first delimiter: a search, as most bytes of a geometry are numbers.
            return bytes[from..to]
                .iter()
                .position(|&b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                .map(|n| from + n);
        }
        let mut pos = from;
        while pos < to {
            let b = bytes[pos];
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.depth == 0 {
                        return Some(pos + 1);
                    }
                }
            } else {
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth = self.depth.saturating_sub(1);
                        if self.depth == 0 {
                            return Some(pos + 1);
                        }
                    }
                    _ => {}
                }
            }
            pos += 1;
        }
        None
    }
}

/// Skips white space and the separators `,` and `:` from `pos` of a checked list's or object's text.
pub(super) fn separators(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(
        bytes.get(pos),
        Some(b' ' | b'\n' | b'\t' | b'\r' | b',' | b':')
    ) {
        pos += 1;
    }
    pos
}

/// The value that starts at `pos` of a checked text, and where it ends.
pub fn value_at(text: &str, pos: usize) -> (Raw<'_>, usize) {
    let end = end_of(text, pos);
    (Raw(&text[pos..end]), end)
}

/// Each value of a checked list's or object's text, in order, given to `each`: for an object, with its key
/// (raw, quotes included).
pub(super) fn members<'a>(
    raw: Raw<'a>,
    object: bool,
    mut each: impl FnMut(Option<&'a str>, Raw<'a>),
) {
    let text = raw.0;
    let bytes = text.as_bytes();
    let mut pos = 1;
    loop {
        pos = separators(bytes, pos);
        if matches!(bytes.get(pos), None | Some(b']' | b'}')) {
            return;
        }
        let key = if object {
            let (key, end) = value_at(text, pos);
            pos = separators(bytes, end);
            Some(key.0)
        } else {
            None
        };
        let (value, end) = value_at(text, pos);
        each(key, value);
        pos = end;
    }
}
