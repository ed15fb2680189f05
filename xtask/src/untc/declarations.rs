//! The CAT page's section "Declarations made under articles 21 and 22": which states recognise the Committee's
//! competence for inter-state communications (article 21) and individual complaints (article 22).
//!
//! The page gives each declaration as free text. A declaration counts for an article when its text cites the
//! article ("article 21", "articles 21 and 22", "[21 and 22]") or uses that article's wording: a State Party
//! claiming that another is not fulfilling its obligations (21), communications from individuals (22). A text
//! that does neither (Ukraine's, missing from the saved page; "Yugoslavia (former)", a historical heading) gives
//! no answer rather than "no".

use scraper::ElementRef;

use super::html;

/// The heading that opens the section.
pub const HEADING: &str = "Declarations made under articles 21 and 22";

/// One state's entry in the section.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// The name without footnote markers.
    pub name: String,
    /// `None` when the entry's text names neither article (nothing to classify).
    pub accepts: Option<Articles>,
}

/// Which competences a declaration recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Articles {
    pub art21: bool,
    pub art22: bool,
}

/// Wording of an article 21 (inter-state) declaration.
const INTER_STATE: [&str; 4] = [
    "another state party",
    "another party",
    "party claims",
    "party claiming",
];
/// Wording of an article 22 (individual complaints) declaration.
const INDIVIDUAL: [&str; 2] = ["individual", "persons subject to"];

/// The section's entries, `Ok(None)` if the page has no such section (every page but CAT's).
pub(super) fn parse(root: ElementRef) -> Result<Option<Vec<Declaration>>, String> {
    let mut after_heading = root
        .descendent_elements()
        .skip_while(|element| !html::own_text(*element).contains(HEADING));
    if after_heading.next().is_none() {
        return Ok(None);
    }
    let table = after_heading
        .find(|element| element.value().name() == "table")
        .ok_or_else(|| format!("no table after the heading \"{HEADING}\""))?;
    let mut declarations = Vec::new();
    for (index, row) in html::rows(table).into_iter().enumerate() {
        let name = with_class(row, "heading-two").map(html::clean_text);
        let Some(name) = name.filter(|name| !name.is_empty()) else {
            return Err(format!(
                "\"{HEADING}\" entry {}: no participant name (looked for class heading-two)",
                index + 1
            ));
        };
        let text = with_class(row, "content-two")
            .map(html::clean_text)
            .unwrap_or_default();
        declarations.push(Declaration {
            accepts: classify(&text),
            name,
        });
    }
    if declarations.is_empty() {
        return Err(format!("\"{HEADING}\": the table has no entries"));
    }
    Ok(Some(declarations))
}

fn with_class<'a>(row: ElementRef<'a>, class: &str) -> Option<ElementRef<'a>> {
    row.descendent_elements()
        .find(|element| element.value().classes().any(|c| c == class))
}

/// Which articles a declaration's text recognises; `None` if it speaks of neither.
pub fn classify(text: &str) -> Option<Articles> {
    let lower = text.to_lowercase();
    let cited = cited_articles(&lower);
    let art21 = cited.contains(&21) || INTER_STATE.iter().any(|p| lower.contains(p));
    let art22 = cited.contains(&22) || INDIVIDUAL.iter().any(|p| lower.contains(p));
    (art21 || art22).then_some(Articles { art21, art22 })
}

/// The numbers following "article"/"articles": `articles 21 and 22`, `article 21, paragraph 1` (21 only),
/// `articles [21 and 22]`.
fn cited_articles(lower: &str) -> Vec<u32> {
    let tokens: Vec<&str> = lower
        .split_whitespace()
        .map(|token| token.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let mut cited = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        if !matches!(*token, "article" | "articles") {
            continue;
        }
        for next in &tokens[index + 1..] {
            match next.parse::<u32>() {
                Ok(number) => cited.push(number),
                Err(_) if *next == "and" => {}
                Err(_) => break,
            }
        }
    }
    cited
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(text: &str) -> Option<(bool, bool)> {
        classify(text).map(|a| (a.art21, a.art22))
    }

    #[test]
    fn classifies_by_citation_or_wording() {
        assert_eq!(
            accepts("recognizes the competence as provided for under articles 21 and 22"),
            Some((true, true))
        );
        assert_eq!(
            accepts("in accordance with article 21, paragraph 1, … communications to the effect that a State Party claims"),
            Some((true, false))
        );
        assert_eq!(
            accepts("referring to the said articles [21 and 22]."),
            Some((true, true))
        );
        assert_eq!(
            accepts("established by article 17 … from or on behalf of individuals subject to its jurisdiction"),
            Some((false, true))
        );
        assert_eq!(
            accepts("Article 22: accepts without reservations the competence of the Committee"),
            Some((false, true))
        );
        assert_eq!(accepts("Ukraine"), None);
        assert_eq!(accepts("21 February 2008 recognizes the competence"), None);
    }

    #[test]
    fn reads_the_section() {
        let doc = scraper::Html::parse_document(&format!(
            "<div><div>{HEADING}</div></div><div><table>\
             <tr><td><div class='heading-two'>Japan</div><div class='content-two'>under article 21</div></td></tr>\
             <tr><td><div class='heading-two'>Ukraine <SUP>18</SUP></div><div class='content-two'>\
             <p class='invisible'>Ukraine</p></div></td></tr></table></div>"
        ));
        let parsed = parse(doc.root_element()).unwrap().unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(
            parsed[0].accepts,
            Some(Articles {
                art21: true,
                art22: false
            })
        );
        assert_eq!(
            (parsed[1].name.as_str(), parsed[1].accepts),
            ("Ukraine", None)
        );
        let no_table = scraper::Html::parse_document(&format!("<div>{HEADING}</div><p>gone</p>"));
        assert!(parse(no_table.root_element())
            .unwrap_err()
            .starts_with("no table after the heading"));
    }
}
