//! Reads a saved UN Treaty Collection status page (`treaties.un.org/Pages/ViewDetails.aspx?…`): the
//! "STATUS AS AT" date, the stated totals, the participant table and, on the CAT page, the declarations made
//! under articles 21 and 22.
//!
//! Conventions of those pages: each participant row has a signature date and the date of the act that made the
//! state a party; a suffix after that date gives the act (`a` accession, `d` succession, none = ratification).
//! A `d` after a signature date is a succession to signature, counted as a signature and kept as such. Footnote
//! markers are
//! `<sup>` elements after the name. A page whose layout changed gives an error naming what was not found.

mod date;
mod declarations;
mod html;
pub mod notes;

pub use date::{Act, Date};
pub use declarations::{Declaration, HEADING as DECLARATIONS_HEADING};

use scraper::{ElementRef, Html};

/// Everything the importer takes from one status page.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusPage {
    /// The "STATUS AS AT : DD-MM-YYYY" date.
    pub as_at: Date,
    /// The totals the page states ("Signatories : 83. Parties : 175").
    pub stated: Totals,
    /// The participant table's rows, in page order.
    pub participants: Vec<Participant>,
    /// The "Declarations made under articles 21 and 22" section, if the page has one (CAT only).
    pub declarations: Option<Vec<Declaration>>,
    /// The end notes, by number.
    pub notes: std::collections::BTreeMap<u32, String>,
}

/// Signatory and party counts. UNTC's "Signatories" counts every state that signed, including those that
/// later became parties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub signatories: usize,
    pub parties: usize,
}

/// One row of the participant table.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// The name without footnote markers, whitespace collapsed.
    pub name: String,
    pub signed: Option<Date>,
    /// Whether the signature is a succession to signature (`d` after the signature date).
    pub signed_by_succession: bool,
    pub party: Option<(Date, Act)>,
    /// The end notes the participant's name refers to.
    pub notes: Vec<u32>,
}

impl StatusPage {
    /// The totals counted from the participant table, to compare with [`StatusPage::stated`].
    pub fn counted(&self) -> Totals {
        Totals {
            signatories: self
                .participants
                .iter()
                .filter(|p| p.signed.is_some())
                .count(),
            parties: self
                .participants
                .iter()
                .filter(|p| p.party.is_some())
                .count(),
        }
    }
}

/// Parses a saved status page. The error says what could not be found or read; callers prefix the file name.
pub fn parse_status_page(html: &str) -> Result<StatusPage, String> {
    let document = Html::parse_document(html);
    let root = document.root_element();
    Ok(StatusPage {
        as_at: status_as_at(root)?,
        stated: stated_totals(root)?,
        participants: participants(root)?,
        declarations: declarations::parse(root)?,
        notes: notes::end_notes(root),
    })
}

const STATUS_AS_AT: &str = "STATUS AS AT";

fn status_as_at(root: ElementRef) -> Result<Date, String> {
    let missing = || format!("no \"{STATUS_AS_AT} : DD-MM-YYYY\" line");
    let text = html::text_nodes(root)
        .find(|text| text.contains(STATUS_AS_AT))
        .ok_or_else(missing)?;
    let after = &text[text.find(STATUS_AS_AT).unwrap_or(0) + STATUS_AS_AT.len()..];
    let date = after
        .trim_start()
        .strip_prefix(':')
        .and_then(|rest| rest.split_whitespace().next())
        .ok_or_else(missing)?;
    date::parse_dmy(date)
        .ok_or_else(|| format!("\"{STATUS_AS_AT}\" date {date:?} is not DD-MM-YYYY"))
}

fn stated_totals(root: ElementRef) -> Result<Totals, String> {
    let text = html::text_nodes(root)
        .find(|text| text.contains("Signatories") && text.contains("Parties"))
        .ok_or("no stated totals (looked for \"Signatories : N. Parties : N\")")?;
    let number_after = |label: &str| -> Result<usize, String> {
        let rest = &text[text.find(label).unwrap_or(0) + label.len()..];
        let digits: String = rest
            .trim_start()
            .strip_prefix(':')
            .unwrap_or("")
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits
            .parse()
            .map_err(|_| format!("stated totals: no number after \"{label} :\""))
    };
    Ok(Totals {
        signatories: number_after("Signatories")?,
        parties: number_after("Parties")?,
    })
}

const TABLE_WANTED: &str = "looked for a table whose header row has Participant / Signature / \
                            Accession(a), Succession(d), Ratification";

fn participants(root: ElementRef) -> Result<Vec<Participant>, String> {
    let rows = html::descendants_named(root, "table")
        .map(html::rows)
        .find(|rows| rows.first().is_some_and(|header| is_header(*header)))
        .ok_or_else(|| format!("no participant table ({TABLE_WANTED})"))?;
    let mut participants = Vec::new();
    for (index, row) in rows.iter().enumerate().skip(1) {
        let markers = html::cells(*row)
            .next()
            .map(notes::markers)
            .unwrap_or_default();
        let cells: Vec<String> = html::cells(*row).map(html::clean_text).collect();
        let [name, signature, party] = cells.as_slice() else {
            return Err(format!(
                "participant table row {index}: {} cells, expected 3 (participant, signature, act)",
                cells.len()
            ));
        };
        if name.is_empty() {
            return Err(format!(
                "participant table row {index}: no participant name"
            ));
        }
        participants.push(Participant {
            notes: markers,
            ..participant(name, signature, party)?
        });
    }
    if participants.is_empty() {
        return Err("the participant table has no rows".into());
    }
    Ok(participants)
}

fn is_header(row: ElementRef) -> bool {
    let cells: Vec<String> = html::cells(row).map(html::clean_text).collect();
    matches!(cells.as_slice(), [p, s, a] if p.starts_with("Participant")
        && s.starts_with("Signature") && a.contains("Ratification"))
}

fn participant(name: &str, signature: &str, party: &str) -> Result<Participant, String> {
    let signature_cell = date::parse_cell(signature);
    let signed_by_succession =
        matches!(&signature_cell, Ok(Some(cell)) if cell.suffix == Some('d'));
    let signed = match signature_cell {
        Err(e) => return Err(format!("{name}: signature cell {e}")),
        Ok(None) => None,
        // `d` after a signature: succession to signature (OPCAT's column says so).
        Ok(Some(cell)) if matches!(cell.suffix, None | Some('d')) => Some(cell.date),
        Ok(Some(cell)) => {
            return Err(format!(
                "{name}: signature cell {signature:?} has an unknown suffix {:?}",
                cell.suffix.unwrap_or(' ')
            ))
        }
    };
    let party = match date::parse_cell(party) {
        Err(e) => return Err(format!("{name}: party cell {e}")),
        Ok(None) => None,
        Ok(Some(cell)) => {
            let act = match cell.suffix {
                None => Act::Ratification,
                Some('a') => Act::Accession,
                Some('d') => Act::Succession,
                Some(other) => {
                    return Err(format!(
                    "{name}: party cell {party:?} has act {other:?}, not a (accession), d (succession) or none"
                ))
                }
            };
            Some((cell.date, act))
        }
    };
    if signed.is_none() && party.is_none() {
        return Err(format!("{name}: neither a signature nor a party date"));
    }
    Ok(Participant {
        name: name.to_string(),
        signed,
        signed_by_succession,
        party,
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rows: &str) -> String {
        format!(
            "<html><body><div>STATUS AS AT : 03-02-2026 10:16:18 EDT</div>\
             <div>Signatories :  2.  Parties :  2</div>\
             <table><tr><td>Participant <SUP><A>3</A></SUP><br></td><td>Signature<br></td>\
             <td>Accession(a), Succession(d), Ratification<br></td></tr>{rows}</table></body></html>"
        )
    }

    const ROWS: &str = "<tr><td><A>Afghanistan</A><br></td><td> &nbsp;4 Feb\t 1985 <br></td>\
                        <td> &nbsp;1 Apr\t 1987 <br></td></tr>\
                        <tr><td>Croatia <SUP><A>4</A> </SUP><br></td><td>&nbsp;</td><td>12 Oct\t 1992 d<br></td></tr>\
                        <tr><td>Haiti<br></td><td>16 Jun\t 2013 <br></td><td>&nbsp;</td></tr>";

    #[test]
    fn reads_a_small_page() {
        let page = parse_status_page(&page(ROWS)).unwrap();
        assert_eq!(page.as_at.iso(), "2026-02-03");
        assert_eq!(
            page.stated,
            Totals {
                signatories: 2,
                parties: 2
            }
        );
        assert_eq!(page.counted(), page.stated);
        let names: Vec<&str> = page.participants.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Afghanistan", "Croatia", "Haiti"]);
        let croatia = &page.participants[1];
        assert_eq!(croatia.signed, None);
        assert_eq!(
            croatia.party,
            Some((Date::parse_iso("1992-10-12").unwrap(), Act::Succession))
        );
        assert_eq!(page.declarations, None);
    }

    #[test]
    fn names_what_is_missing() {
        let no_date = page(ROWS).replace("STATUS AS AT : 03-02-2026", "STATUS");
        assert!(parse_status_page(&no_date)
            .unwrap_err()
            .contains("no \"STATUS AS AT : DD-MM-YYYY\" line"));
        let no_totals = page(ROWS).replace("Signatories", "Signed");
        assert!(parse_status_page(&no_totals)
            .unwrap_err()
            .starts_with("no stated totals"));
        let no_table = page(ROWS).replace("Participant", "State");
        assert!(parse_status_page(&no_table).unwrap_err().starts_with(
            "no participant table (looked for a table whose header row has Participant"
        ));
        let garbled = page(ROWS).replace("12 Oct\t 1992 d", "12 Oct 19x2 d");
        assert_eq!(
            parse_status_page(&garbled).unwrap_err(),
            "Croatia: party cell \"12 Oct 19x2 d\" is not a date like \"4 Feb 1985\", optionally followed \
             by a one-letter act (a, d)"
        );
        let unknown_act = page(ROWS).replace("12 Oct\t 1992 d", "12 Oct 1992 A");
        assert!(parse_status_page(&unknown_act)
            .unwrap_err()
            .contains("has act 'A'"));
        let empty = page("<tr><td>Haiti</td><td>&nbsp;</td><td></td></tr>");
        assert!(parse_status_page(&empty)
            .unwrap_err()
            .contains("Haiti: neither a signature nor a party date"));
    }

    /// A saved page from `tests/fixtures/untc/`.
    pub(crate) fn fixture(file: &str) -> String {
        let path = crate::tools::repo_root()
            .join("tests/fixtures/untc")
            .join(file);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn acts(page: &StatusPage) -> [usize; 3] {
        [Act::Ratification, Act::Accession, Act::Succession].map(|act| {
            page.participants
                .iter()
                .filter(|p| matches!(p.party, Some((_, a)) if a == act))
                .count()
        })
    }

    /// The totals stated on the saved pages (and in the reference's SOURCES.md).
    #[test]
    fn cat_fixture_matches_its_published_totals() {
        let page = parse_status_page(&fixture("IV-9.html")).unwrap();
        assert_eq!(page.as_at.iso(), "2026-02-03");
        let published = Totals {
            signatories: 83,
            parties: 175,
        };
        assert_eq!(page.stated, published);
        assert_eq!(page.counted(), published);
        assert_eq!(acts(&page), [79, 89, 7]);
        assert!(page
            .participants
            .iter()
            .all(|p| !p.name.chars().any(|c| c.is_ascii_digit())));
        let declarations = page.declarations.unwrap();
        let accepting = |article: fn(&declarations::Articles) -> bool| {
            declarations
                .iter()
                .filter(|d| d.accepts.as_ref().is_some_and(article))
                .count()
        };
        assert_eq!((accepting(|a| a.art21), accepting(|a| a.art22)), (62, 69));
    }

    /// Montenegro's OPCAT signature is a succession to signature ("23 Oct 2006 d"); no other signature on
    /// either page is.
    #[test]
    fn a_succession_to_signature_is_kept() {
        for (file, expected) in [("IV-9.html", vec![]), ("IV-9-b.html", vec!["Montenegro"])] {
            let page = parse_status_page(&fixture(file)).unwrap();
            let by_succession: Vec<&str> = page
                .participants
                .iter()
                .filter(|p| p.signed_by_succession)
                .map(|p| p.name.as_str())
                .collect();
            assert_eq!(by_succession, expected, "{file}");
        }
        let page = parse_status_page(&fixture("IV-9-b.html")).unwrap();
        let montenegro = page
            .participants
            .iter()
            .find(|p| p.name == "Montenegro")
            .unwrap();
        assert_eq!(
            montenegro.signed.map(|d| d.iso()),
            Some("2006-10-23".into())
        );
        assert_eq!(
            montenegro.party,
            Some((Date::parse_iso("2009-03-06").unwrap(), Act::Ratification))
        );
    }

    /// The end notes and the markers that refer to them, as the saved pages have them.
    #[test]
    fn notes_and_their_markers_are_read() {
        let cat = parse_status_page(&fixture("IV-9.html")).unwrap();
        assert_eq!(cat.notes.len(), 33, "participants' and declarations' notes");
        assert!(cat.notes[&12].starts_with(
            "For the United Kingdom of Great Britain and Northern Ireland, Anguilla, British Virgin Islands"
        ));
        assert!(cat.notes[&10].starts_with(
            "For the Kingdom in Europe, the Netherlands Antilles and Aruba. See also note 2 under"
        ));
        let notes_of = |page: &StatusPage, name: &str| {
            page.participants
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.notes.clone())
                .unwrap()
        };
        assert_eq!(notes_of(&cat, "China"), [5, 6]);
        assert_eq!(
            notes_of(&cat, "United Kingdom of Great Britain and Northern Ireland"),
            [6, 12]
        );
        assert_eq!(notes_of(&cat, "Peru"), Vec::<u32>::new());
        let opcat = parse_status_page(&fixture("IV-9-b.html")).unwrap();
        assert_eq!(opcat.notes.len(), 7);
        assert_eq!(notes_of(&opcat, "Denmark"), [1]);
        assert_eq!(opcat.notes[&3], "For the Kingdom in Europe.");
    }

    #[test]
    fn opcat_fixture_matches_its_published_totals() {
        let page = parse_status_page(&fixture("IV-9-b.html")).unwrap();
        assert_eq!(page.as_at.iso(), "2026-02-03");
        let published = Totals {
            signatories: 76,
            parties: 96,
        };
        assert_eq!(page.stated, published);
        assert_eq!(page.counted(), published);
        assert_eq!(acts(&page), [65, 31, 0]);
        assert_eq!(page.declarations, None);
    }

    #[test]
    fn fixture_with_the_table_removed_or_a_date_garbled_names_the_problem() {
        let html = fixture("IV-9-b.html");
        let no_table = html.replace("Participant<br>", "State<br>");
        assert!(parse_status_page(&no_table).unwrap_err().starts_with(
            "no participant table (looked for a table whose header row has Participant"
        ));
        let start = html.find("tblgrid").unwrap();
        let end = start + html[start..].find("</table>").unwrap();
        let cut = format!("{}{}", &html[..start], &html[end..]);
        assert!(parse_status_page(&cut)
            .unwrap_err()
            .starts_with("no participant table"));
        let garbled = html.replacen("10 Nov\t 2025 a", "10 Nox\t 2025 a", 1);
        assert_ne!(garbled, html);
        assert!(parse_status_page(&garbled)
            .unwrap_err()
            .starts_with("Colombia: party cell \"10 Nox 2025 a\" is not a date"));
    }
}

/// The importer never panics, whatever a saved page holds: arbitrary text, and the real CAT page cut, spliced
/// and with bytes changed (proptest at scale; `TREATY_MAP_FUZZ_SCALE=N` runs N times as many cases).
#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    use super::parse_status_page;

    const CAT_PAGE: &str = include_str!("../../tests/fixtures/untc/IV-9.html");

    fn cases(base: u32) -> u32 {
        base * std::env::var("TREATY_MAP_FUZZ_SCALE")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1)
    }

    fn char_boundary(text: &str, at: usize) -> usize {
        (0..=at.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases(300)))]

        #[test]
        fn arbitrary_text_gives_a_result_not_a_panic(text in "\\PC{0,2000}") {
            let _ = parse_status_page(&text);
        }
    }

    proptest! {
        // A whole page takes a while to parse in a debug build: fewer cases.
        #![proptest_config(ProptestConfig::with_cases(cases(24)))]

        #[test]
        fn a_mangled_real_page_gives_a_result_not_a_panic(
            cut_from in 0..CAT_PAGE.len(), cut_len in 0..20_000usize,
            insert in "[<>/a-zA-Z0-9 =\"&;:.\\t\\n-]{0,200}",
        ) {
            let start = char_boundary(CAT_PAGE, cut_from);
            let end = char_boundary(CAT_PAGE, start + cut_len);
            let page = format!("{}{insert}{}", &CAT_PAGE[..start], &CAT_PAGE[end..]);
            let _ = parse_status_page(&page);
        }
    }
}
