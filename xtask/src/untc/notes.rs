//! A status page's end notes ("End Note": one numbered note per `divNotesAll` block, referred to by the
//! footnote markers after a participant's name), and what they say about territories: that a party's
//! ratification applies to a territory ("For the United Kingdom of Great Britain and Northern Ireland,
//! Anguilla, …"; "… notified the Secretary-General that the Convention applies to the Bailiwick of Guernsey …";
//! "… will also apply to the Macao Special Administrative Region"), or excludes it ("With a territorial exclusion
//! in respect of the Faroe Islands"; "this ratification shall not extend to Tokelau"). A later sentence of a note
//! overrides an earlier one ("Subsequently, … Denmark withdraws its declaration … that … the Optional Protocol
//! should not apply to the Faroe Islands" makes it apply).
//!
//! Territories are recognised by the names a maintainer lists in `data/untc-territories.csv` for each party; a
//! name a note lists in a territorial clause that the file does not know is reported, so that a refresh never
//! silently drops a territory.

use std::collections::BTreeMap;

use scraper::ElementRef;

use super::html;

/// Whether a note makes a party's treaty apply to a territory or keeps it from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Effect {
    Applies,
    Excluded,
}

impl Effect {
    pub fn key(self) -> &'static str {
        match self {
            Effect::Applies => "applies",
            Effect::Excluded => "excluded",
        }
    }
}

/// What one note says about the territories it names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Territorial {
    /// Each known name the note names in a sentence that applies or excludes, with the last such sentence's
    /// effect, in the order first named.
    pub named: Vec<(String, Effect)>,
    /// Names the note lists in a territorial clause that are not among the known names.
    pub unknown: Vec<String>,
}

/// The page's end notes: number → text (whitespace collapsed, the number itself left out).
pub fn end_notes(root: ElementRef) -> BTreeMap<u32, String> {
    let mut notes = BTreeMap::new();
    for block in root
        .descendent_elements()
        .filter(|e| e.value().classes().any(|c| c == "divNotesAll"))
    {
        let text = html::clean_text(block);
        let mut words = text.splitn(2, ' ');
        let (Some(number), Some(rest)) = (words.next(), words.next()) else {
            continue;
        };
        if let Ok(number) = number.parse::<u32>() {
            notes.insert(number, rest.trim().to_owned());
        }
    }
    notes
}

/// The note numbers of the footnote markers (`<sup>`) in a cell: "China <sup>5, 6</sup>" → [5, 6].
pub fn markers(cell: ElementRef) -> Vec<u32> {
    html::descendants_named(cell, "sup")
        .flat_map(|sup| {
            sup.text()
                .flat_map(|t| t.split(|c: char| !c.is_ascii_digit()))
                .filter_map(|n| n.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

/// What `text` says about the territories in `known` (names as the notes write them; case and whitespace do not
/// matter). A name is matched whole, the longest first ("Saint Helena Dependencies" before "Saint Helena").
pub fn territorial(text: &str, known: &[&str]) -> Territorial {
    let mut known: Vec<&str> = known.to_vec();
    known.sort_by_key(|name| std::cmp::Reverse(name.len()));
    let mut out = Territorial::default();
    for sentence in sentences(text) {
        let lower = sentence.to_lowercase();
        let Some(effect) = effect(&lower) else {
            continue;
        };
        let (found, rest) = find_names(&sentence, &known);
        for name in found {
            match out.named.iter_mut().find(|(n, _)| *n == name) {
                Some(entry) => entry.1 = effect,
                None => out.named.push((name, effect)),
            }
        }
        out.unknown.extend(unlisted(&rest));
    }
    out
}

/// The sentences of a note: split after a full stop followed by a capital letter or a quotation mark.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let next = chars.get(i + 2).copied();
        if c == '.'
            && chars.get(i + 1) == Some(&' ')
            && next.is_some_and(|n| n.is_uppercase() || matches!(n, '"' | '“' | '«'))
        {
            out.push(std::mem::take(&mut current).trim().to_owned());
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

/// The effect of a sentence on the territories it names, if it has one.
fn effect(lower: &str) -> Option<Effect> {
    let negated = [
        "exclusion",
        "exclude",
        "not apply",
        "not extend",
        "shall not",
    ]
    .iter()
    .any(|w| lower.contains(w));
    // Another state's objection or rejection says nothing of where the party's ratification applies.
    if ["reject", "object"].iter().any(|w| lower.contains(w)) {
        return None;
    }
    if lower.starts_with("for the ") {
        return Some(Effect::Applies);
    }
    if negated {
        return Some(if lower.contains("withdraw") {
            Effect::Applies
        } else {
            Effect::Excluded
        });
    }
    ["apply", "applies", "extended", "extension", "extend to"]
        .iter()
        .any(|w| lower.contains(w))
        .then_some(Effect::Applies)
}

/// The known names in a sentence, and the sentence's territorial list with them taken out.
fn find_names(sentence: &str, known: &[&str]) -> (Vec<String>, String) {
    let mut found = Vec::new();
    let mut rest = list_clause(sentence);
    let mut lower = rest.to_lowercase();
    let mut whole = sentence.to_lowercase();
    for name in known {
        let key = name.to_lowercase();
        let mut seen = false;
        while let Some(at) = lower.find(&key) {
            rest.replace_range(at..at + key.len(), &" ".repeat(key.len()));
            lower = rest.to_lowercase();
            seen = true;
        }
        if let Some(at) = whole.find(&key) {
            whole.replace_range(at..at + key.len(), &" ".repeat(key.len()));
            seen = true;
        }
        if seen {
            found.push((*name).to_owned());
        }
    }
    (found, rest)
}

/// The part of a sentence that lists territories: after "For " at its start, or after "applies to" / "apply
/// to"; up to a cross-reference ("(see …"). Empty if the sentence has no such list.
fn list_clause(sentence: &str) -> String {
    let lower = sentence.to_lowercase();
    let start = if lower.starts_with("for ") {
        Some(4)
    } else {
        ["applies to ", "apply to "]
            .iter()
            .find_map(|w| lower.find(w).map(|at| at + w.len()))
    };
    let Some(start) = start.filter(|s| sentence.is_char_boundary(*s)) else {
        return String::new();
    };
    let clause = &sentence[start..];
    let end = clause.find("(see").unwrap_or(clause.len());
    clause[..end].to_owned()
}

/// The items left in a list clause once the known names are out: words between commas and "and" that start
/// with a capital letter.
fn unlisted(rest: &str) -> Vec<String> {
    rest.replace(" and ", ",")
        .split(',')
        .map(|item| {
            item.trim()
                .trim_end_matches(['.', ';', ':'])
                .trim_start_matches("the ")
                .trim()
                .to_owned()
        })
        .filter(|item| item.chars().next().is_some_and(char::is_uppercase))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const UK: &[&str] = &[
        "United Kingdom of Great Britain and Northern Ireland",
        "Anguilla",
        "Falkland Islands (Malvinas)",
        "Gibraltar",
        "Pitcairn, Henderson, Ducie and Oeno Islands",
        "Saint Helena",
        "Saint Helena Dependencies",
        "Bailiwick of Guernsey",
        "Bermuda",
        "Hong Kong",
    ];

    #[test]
    fn a_for_list_and_a_later_notification_apply() {
        let note = "For the United Kingdom of Great Britain and Northern Ireland, Anguilla, Falkland Islands \
                    (Malvinas), Gibraltar, Pitcairn, Henderson, Ducie and Oeno Islands, Saint Helena, Saint \
                    Helena Dependencies. In this connection, the Government of Argentina formally objects to and \
                    rejects the extension to the Malvinas Islands. On 9 December 1992, the Government notified the \
                    Secretary-General that the Convention applies to the Bailiwick of Guernsey, Bermuda and Hong \
                    Kong (see also note 4).";
        let t = territorial(note, UK);
        let named: Vec<&str> = t.named.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            named,
            [
                "United Kingdom of Great Britain and Northern Ireland",
                "Pitcairn, Henderson, Ducie and Oeno Islands",
                "Falkland Islands (Malvinas)",
                "Saint Helena Dependencies",
                "Saint Helena",
                "Gibraltar",
                "Anguilla",
                "Bailiwick of Guernsey",
                "Hong Kong",
                "Bermuda",
            ]
        );
        assert!(t.named.iter().all(|(_, e)| *e == Effect::Applies));
        assert_eq!(t.unknown, Vec::<String>::new());
        let without_gibraltar: Vec<&str> =
            UK.iter().copied().filter(|n| *n != "Gibraltar").collect();
        assert_eq!(territorial(note, &without_gibraltar).unknown, ["Gibraltar"]);
    }

    #[test]
    fn an_exclusion_withdrawn_applies_and_one_kept_excludes() {
        let faroe = "With a territorial exclusion in respect of the Faroe Islands. Subsequently, on 29 August \
                     2005, the Government of Denmark informed the Secretary-General of the following: \"... that \
                     Denmark withdraws its declaration made upon ratification of the said Protocol to the effect \
                     that until further notice the Optional Protocol should not apply to the Faroe Islands.\"";
        assert_eq!(
            territorial(faroe, &["Faroe Islands"]).named,
            [("Faroe Islands".to_owned(), Effect::Applies)]
        );
        let tokelau = "With a territorial exclusion with regard to the Tokelau Islands, with the following: \"... \
                       this ratification shall not extend to Tokelau unless and until a Declaration to this \
                       effect is lodged\"";
        assert_eq!(
            territorial(tokelau, &["Tokelau Islands", "Tokelau"]).named,
            [
                ("Tokelau Islands".to_owned(), Effect::Excluded),
                ("Tokelau".to_owned(), Effect::Excluded)
            ]
        );
        let mention = "See also note 2 under \"Netherlands\" regarding Netherlands Antilles in the front matter.";
        assert!(territorial(mention, &["Netherlands Antilles"])
            .named
            .is_empty());
    }

    #[test]
    fn markers_and_notes_are_read_from_the_markup() {
        let doc = scraper::Html::parse_document(
            "<table><tr><td><a>China</a> <SUP><A href='#5'>5</A>, <A href='#6'>6</A> </SUP></td></tr></table>\
             <div class=\"divNotesAll\"><a name='5'>5</a><index></index>Upon resuming the exercise of \
             sovereignty over Macao,<br><br> China notified …</div>",
        );
        let cell = html::descendants_named(doc.root_element(), "td")
            .next()
            .unwrap();
        assert_eq!(markers(cell), [5, 6]);
        let notes = end_notes(doc.root_element());
        assert_eq!(
            notes[&5],
            "Upon resuming the exercise of sovereignty over Macao, China notified …"
        );
    }
}
