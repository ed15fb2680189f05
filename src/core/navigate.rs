//! Keyboard movement on the map: arrow keys go to the geographic neighbour in that direction, letters jump to
//! the next state whose name starts with them.

use crate::core::iso3::Iso3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

impl Direction {
    /// The direction of an arrow key's `KeyboardEvent.key`.
    pub fn from_key(key: &str) -> Option<Direction> {
        match key {
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            _ => None,
        }
    }
}

/// The nearest place whose point lies in `direction` from `from`'s point (screen coordinates, y down), within a
/// cone of about 63° either side; nearer and straighter wins. `None` when nothing lies that way.
///
/// # Examples
/// ```
/// use treaty_map::core::iso3::Iso3;
/// use treaty_map::core::navigate::{neighbour, Direction};
/// let code = |c| Iso3::parse(c).unwrap();
/// let places = [(code("ECU"), (10.0, 10.0)), (code("PER"), (12.0, 30.0)), (code("COL"), (15.0, 0.0))];
/// assert_eq!(neighbour(&places, code("ECU"), Direction::Down), Some(code("PER")));
/// assert_eq!(neighbour(&places, code("PER"), Direction::Down), None);
/// ```
pub fn neighbour(places: &[(Iso3, (f64, f64))], from: Iso3, direction: Direction) -> Option<Iso3> {
    let &(_, (x0, y0)) = places.iter().find(|(code, _)| *code == from)?;
    places
        .iter()
        .filter(|(code, _)| *code != from)
        .filter_map(|&(code, (x, y))| {
            let (dx, dy) = (x - x0, y - y0);
            let (along, across) = match direction {
                Direction::Up => (-dy, dx),
                Direction::Down => (dy, dx),
                Direction::Left => (-dx, dy),
                Direction::Right => (dx, dy),
            };
            (along > 0.0 && across.abs() <= 2.0 * along)
                .then_some((code, along + 2.0 * across.abs()))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(code, _)| code)
}

/// The next name (cyclically after `current`, in the given order) that starts with `prefix`, ignoring case and
/// the accents of Latin letters.
pub fn next_by_prefix(names: &[(Iso3, &str)], current: Option<Iso3>, prefix: &str) -> Option<Iso3> {
    let prefix = fold(prefix);
    if prefix.is_empty() {
        return None;
    }
    let start = current
        .and_then(|c| names.iter().position(|(code, _)| *code == c))
        .map_or(0, |i| i + 1);
    (0..names.len())
        .map(|offset| &names[(start + offset) % names.len()])
        .find(|(_, name)| fold(name).starts_with(&prefix))
        .map(|(code, _)| *code)
}

/// Lower case without the accents of Latin letters, and with Arabic's alef forms as bare alef:
/// "Côte d'Ivoire" → "cote d'ivoire", "أنغولا" → "انغولا". For matching what a reader types.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match lower(c) {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'č' | 'ć' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            other => other,
        })
        .collect()
}

/// The lower case of a letter of the Latin alphabets the widget's languages are written in (ASCII, Latin-1 and
/// Latin Extended-A, as Unicode's case mapping gives it; "İ" as "i"); any other character as it is, as Arabic,
/// which has no case, needs. Not `char::to_lowercase`: its table of every script's letters costs the wasm
/// 12.6 K raw, 5.3 KB brotli (bench/SIZE.md) for letters no name of the widget's languages holds.
fn lower(c: char) -> char {
    let code = u32::from(c);
    let lower = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => code + 0x20,
        0x130 => u32::from('i'),
        // Latin Extended-A: capital and small letters in pairs, the capital first, from U+0100 and from U+014A on
        // even codes, from U+0139 and from U+0179 on odd ones.
        0x100..=0x137 | 0x14A..=0x177 if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17E if code % 2 == 1 => code + 1,
        0x178 => 0xFF,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// The key names are sorted by, in every language of the widget, without a collation library: the folded
/// name ("Émirats" sorts with "E", not after "Z"), and in Arabic without the article "ال", as the UN's Arabic
/// lists of states sort ("الأرجنتين" with "أ"). Ties are broken by the caller.
///
/// # Examples
/// ```
/// use treaty_map::core::navigate::sort_key;
/// let mut names = ["Zambie", "Égypte", "Équateur", "Espagne"];
/// names.sort_by_key(|n| sort_key(n));
/// assert_eq!(names, ["Égypte", "Équateur", "Espagne", "Zambie"]);
/// ```
pub fn sort_key(name: &str) -> String {
    let folded = fold(name);
    match folded.strip_prefix("ال") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    fn code(c: &str) -> Iso3 {
        Iso3::parse(c).unwrap()
    }

    #[test]
    fn arrows_prefer_the_straighter_neighbour() {
        let places = [
            (code("AAA"), (0.0, 0.0)),
            (code("BBB"), (10.0, 1.0)),
            (code("CCC"), (8.0, 8.0)),
            (code("DDD"), (-5.0, 0.0)),
        ];
        assert_eq!(
            neighbour(&places, code("AAA"), Direction::Right),
            Some(code("BBB"))
        );
        assert_eq!(
            neighbour(&places, code("AAA"), Direction::Left),
            Some(code("DDD"))
        );
        assert_eq!(
            neighbour(&places, code("AAA"), Direction::Down),
            Some(code("CCC"))
        );
        assert_eq!(neighbour(&places, code("AAA"), Direction::Up), None);
        assert_eq!(neighbour(&places, code("ZZZ"), Direction::Up), None);
    }

    #[test]
    fn typing_cycles_through_matches_ignoring_case_and_accents() {
        let names = [
            (code("CIV"), "Côte d'Ivoire"),
            (code("CUB"), "Cuba"),
            (code("PER"), "Peru"),
            (code("CHL"), "Chile"),
        ];
        assert_eq!(next_by_prefix(&names, None, "co"), Some(code("CIV")));
        assert_eq!(
            next_by_prefix(&names, Some(code("CIV")), "C"),
            Some(code("CUB"))
        );
        assert_eq!(
            next_by_prefix(&names, Some(code("CHL")), "c"),
            Some(code("CIV")),
            "wraps around"
        );
        assert_eq!(next_by_prefix(&names, None, "x"), None);
        assert_eq!(next_by_prefix(&names, None, ""), None);
    }

    #[test]
    fn lower_case_is_unicode_s_for_every_latin_letter() {
        for c in (0..=0x24F).filter_map(char::from_u32) {
            let mut unicode = c.to_lowercase();
            let expected = match (unicode.next(), unicode.next()) {
                (Some(one), None) if c <= '\u{17F}' => one,
                _ if c == 'İ' => 'i',
                // Beyond Latin Extended-A (Latin Extended-B): as it is.
                _ => c,
            };
            assert_eq!(lower(c), expected, "{c:?} (U+{:04X})", u32::from(c));
        }
        for c in ['Ω', 'Ж', 'أ', '中'] {
            assert_eq!(lower(c), c, "another script's letter as it is");
        }
    }

    #[test]
    fn every_name_folds_as_with_unicode_s_whole_case_table() {
        let with_the_table = |text: &str| -> String {
            let lowered: String = text.chars().flat_map(char::to_lowercase).collect();
            fold(&lowered)
        };
        for file in [
            include_str!("../../data/names.json"),
            include_str!("../../data/names.fr.json"),
            include_str!("../../data/names.es.json"),
            include_str!("../../data/names.ar.json"),
            include_str!("../../data/status.json"),
        ] {
            // Every text of the file, names and all: whatever a map may show or sort.
            for text in file.split('"').skip(1).step_by(2) {
                assert_eq!(fold(text), with_the_table(text), "{text}");
            }
        }
    }

    #[test]
    fn names_sort_by_letter_in_every_language() {
        let mut french = [
            "Zambie",
            "Émirats arabes unis",
            "Érythrée",
            "Égypte",
            "Cuba",
            "Côte d\u{2019}Ivoire",
        ];
        french.sort_by_key(|n| sort_key(n));
        assert_eq!(
            french,
            [
                "Côte d\u{2019}Ivoire",
                "Cuba",
                "Égypte",
                "Émirats arabes unis",
                "Érythrée",
                "Zambie"
            ]
        );
        // The article is left out and the alef forms are one letter: الاتحاد الروسي (ا-ت) comes before
        // إثيوبيا (ا-ث), أذربيجان (ا-ذ), الأرجنتين (ا-ر), as in the UN's Arabic list of member states.
        let mut arabic = ["الأرجنتين", "أذربيجان", "إثيوبيا", "الاتحاد الروسي", "بيرو"];
        arabic.sort_by_key(|n| sort_key(n));
        assert_eq!(
            arabic,
            ["الاتحاد الروسي", "إثيوبيا", "أذربيجان", "الأرجنتين", "بيرو"]
        );
        assert_eq!(sort_key("ال"), "ال");
    }

    #[test]
    fn arrow_keys_map_to_directions() {
        assert_eq!(Direction::from_key("ArrowDown"), Some(Direction::Down));
        assert_eq!(Direction::from_key("Down"), None);
    }
}
