//! Small helpers over `scraper`'s tree: text without footnote markers, table rows and cells, document order.

use scraper::{ElementRef, Node};

/// Every text node under `root`, in document order.
pub fn text_nodes<'a>(root: ElementRef<'a>) -> impl Iterator<Item = &'a str> + 'a {
    root.descendants().filter_map(|node| match node.value() {
        Node::Text(text) => Some(&**text),
        _ => None,
    })
}

/// Every element named `name` under `root` (itself included), in document order.
pub fn descendants_named<'a>(
    root: ElementRef<'a>,
    name: &'static str,
) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    root.descendent_elements()
        .filter(move |element| element.value().name() == name)
}

/// A table's own rows (directly or through `thead`/`tbody`/`tfoot`), not those of nested tables.
pub fn rows(table: ElementRef) -> Vec<ElementRef> {
    let mut rows = Vec::new();
    for child in table.child_elements() {
        match child.value().name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(
                child
                    .child_elements()
                    .filter(|row| row.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    rows
}

/// A row's cells.
pub fn cells<'a>(row: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    row.child_elements()
        .filter(|cell| matches!(cell.value().name(), "td" | "th"))
}

/// An element's text without footnote markers (`<sup>`), with elements separated by a space and whitespace
/// (tabs, `&nbsp;`, line breaks) collapsed to single spaces.
pub fn clean_text(element: ElementRef) -> String {
    let mut raw = String::new();
    collect_text(element, &mut raw);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect_text(element: ElementRef, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if e.name() == "sup" => {}
            Node::Element(_) => {
                if let Some(inner) = ElementRef::wrap(child) {
                    out.push(' ');
                    collect_text(inner, out);
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

/// The text directly inside an element (not in its children), whitespace collapsed.
pub fn own_text(element: ElementRef) -> String {
    let own: Vec<&str> = element
        .children()
        .filter_map(|child| match child.value() {
            Node::Text(text) => Some(&**text),
            _ => None,
        })
        .collect();
    own.concat()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn cleans_text_and_finds_own_rows() {
        let doc = Html::parse_document(
            "<table><tr><td><A>Bosnia and\tHerzegovina</A> <SUP><A>4</A> </SUP><br></td></tr>\
             <tr><td><table><tr><td>inner</td></tr></table></td></tr></table>",
        );
        let table = descendants_named(doc.root_element(), "table")
            .next()
            .unwrap();
        let rows = rows(table);
        assert_eq!(rows.len(), 2);
        let first = cells(rows[0]).next().unwrap();
        assert_eq!(clean_text(first), "Bosnia and Herzegovina");
        assert_eq!(own_text(first), "");
    }
}
