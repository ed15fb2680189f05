//! JSON read a piece at a time: each value is kept as its text (`serde_json`'s `RawValue`, borrowed from the
//! document) until a reader asks for it as a text, a number, a list or an object, so that one bad piece costs
//! only itself and no tree of `serde_json::Value` is built. Every reader of a data file uses it (the status
//! table and its rows and reviews, regions, names, host content, a GeoJSON feature); the wasm then carries no
//! `Value` (its visitor, its maps and their B-tree) and no derived `Deserialize` visitor (bench/SIZE.md).

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::core::error::excerpt as excerpt_text;

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
    pub fn of(value: &RawValue) -> Kind {
        match value.get().trim_start().as_bytes().first() {
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
pub fn expected(what: &str, value: &RawValue) -> String {
    format!("{what} is expected, not {}", Kind::of(value).described())
}

/// The value, unless it is absent or `null`: how the readers take an optional field.
pub fn given(value: Option<&RawValue>) -> Option<&RawValue> {
    value.filter(|v| Kind::of(v) != Kind::Null)
}

/// The value as a text, if it is one (escapes decoded).
pub fn text(value: &RawValue) -> Option<String> {
    serde_json::from_str(value.get()).ok()
}

/// The value as a whole number that fits in a `u16`, if it is one.
pub fn small_number(value: &RawValue) -> Option<u16> {
    serde_json::from_str(value.get()).ok()
}

/// The value as `true` or `false`, if it is one.
pub fn flag(value: &RawValue) -> Option<bool> {
    match value.get().trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The value's items, if it is a list.
pub fn list(value: &RawValue) -> Option<Vec<&RawValue>> {
    serde_json::from_str(value.get()).ok()
}

/// The value's fields, if it is an object.
pub fn object(value: &RawValue) -> Option<Object<'_>> {
    serde_json::from_str(value.get()).ok()
}

/// A bad value as a diagnostic names it: a text (decoded) or a number, boolean or null as written, quoted and
/// cut ([`excerpt_text`]); a list or an object by what it is. Never the JSON written out again, which would
/// pull serde_json's serializer into the wasm.
///
/// # Examples
/// ```
/// use treaty_map::core::json::excerpt;
/// let raw = |text| serde_json::from_str::<&serde_json::value::RawValue>(text).unwrap();
/// assert_eq!(excerpt(raw(r#""mars""#)), "\"mars\"");
/// assert_eq!(excerpt(raw("7")), "\"7\"");
/// assert_eq!(excerpt(raw("null")), "\"null\"");
/// assert_eq!(excerpt(raw("[1, 2]")), "a list");
/// ```
pub fn excerpt(value: &RawValue) -> String {
    match Kind::of(value) {
        Kind::Text => excerpt_text(&text(value).unwrap_or_default()),
        kind @ (Kind::List | Kind::Object) => kind.described().to_owned(),
        Kind::Null | Kind::Bool | Kind::Number => excerpt_text(value.get()),
    }
}

/// An object's fields in the document's order, each value raw. Read from a document by `serde_json::from_str`
/// (which fails as for a map when the document is not an object).
#[derive(Debug, Default)]
pub struct Object<'a>(Vec<(String, &'a RawValue)>);

impl<'a> Object<'a> {
    /// The value of `key`; the last one if the key is repeated, as a JSON map keeps it.
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// Every field, in the document's order (a repeated key as often as it is written).
    pub fn fields(&self) -> impl Iterator<Item = (&str, &'a RawValue)> + '_ {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Object<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Object<'a>, D::Error> {
        struct Fields<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for Fields<'a> {
            type Value = Object<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Object<'a>, M::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry()? {
                    fields.push(field);
                }
                Ok(Object(fields))
            }
        }
        deserializer.deserialize_map(Fields(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    fn raw(text: &str) -> &RawValue {
        serde_json::from_str(text).unwrap()
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
        assert_eq!(text(raw("7")), None);
        assert_eq!(small_number(raw("63")), Some(63));
        assert_eq!(
            (flag(raw("true")), flag(raw("false")), flag(raw(r#""yes""#))),
            (Some(true), Some(false), None)
        );
        for bad in ["65536", "-1", "3.5", r#""3""#] {
            assert_eq!(small_number(raw(bad)), None, "{bad}");
        }
        let items = list(raw(r#"[1, "two", {"three": 3}]"#)).unwrap();
        assert_eq!(
            items.iter().map(|i| i.get()).collect::<Vec<_>>(),
            ["1", r#""two""#, r#"{"three": 3}"#]
        );
        assert!(list(raw("{}")).is_none() && object(raw("[]")).is_none());
        assert!(given(None).is_none() && given(Some(raw("null"))).is_none());
        assert_eq!(
            expected("a text", raw("[]")),
            "a text is expected, not a list"
        );
        assert_eq!(given(Some(raw("0"))).map(RawValue::get), Some("0"));
    }

    #[test]
    fn an_object_keeps_its_order_and_its_last_repeated_key() {
        let fields = object(raw(r#"{"b": 1, "a": [2], "b": "three"}"#)).unwrap();
        let keys: Vec<&str> = fields.fields().map(|(k, _)| k).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(fields.get("b").map(RawValue::get), Some(r#""three""#));
        assert!(fields.get("c").is_none());
        // Not an object: the message serde gives for a map.
        let error = serde_json::from_str::<Object>("[1]")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("invalid type: sequence, expected a map"),
            "{error}"
        );
    }
}
