//! `TableView`: the map's data as a sortable table, one `Row` component per state.

use yew::prelude::*;

use crate::core::class::{StatusClass, View};
use crate::core::i18n::{fill, Lang};
use crate::core::iso3::Iso3;
use crate::core::profile::status_text_on;
use crate::core::scene::{Scene, Shape};
use crate::core::status::Treaty;
use crate::ui::nodes::{element, swatch};
use crate::ui::state::{Sort, SortColumn};
use crate::ui::Shared;

/// What the table view shows. A plain struct and function, not a component: it holds no state, and the
/// widget's render makes it from what it already has (a component of its own cost the wasm more; bench/SIZE.md).
/// Its rows are components (`Row`), so that a selection re-renders only the rows it changes.
pub struct TableView<'a> {
    /// The language of the table's words (the widget's).
    pub lang: Lang,
    pub scene: &'a Shared<Scene>,
    pub open: bool,
    pub sort: Sort,
    pub hidden: &'a [StatusClass],
    pub selected: Option<Iso3>,
    pub on_toggle_open: &'a Callback<()>,
    pub on_sort: &'a Callback<SortColumn>,
    pub on_select: &'a Callback<Iso3>,
    /// The table's id, unique on the page.
    pub table_id: AttrValue,
}

impl TableView<'_> {
    /// The same data as the map, as a table: the equivalent of every map target for readers who prefer a list
    /// or cannot use the map. It comes before the map in reading order, behind a "Show as a table" button; it
    /// follows the legend's class filter; each state's name opens its profile.
    pub fn html(&self) -> Html {
        let t = self.lang.catalogue();
        let toggle = self.on_toggle_open.reform(|_| ());
        let label = if self.open {
            t.table_hide
        } else {
            t.table_show
        };
        html! {
            <div class="tm-table-view">
                <button type="button" class="tm-table-toggle" aria-expanded={if self.open { "true" } else { "false" }}
                        aria-controls={self.table_id.clone()} onclick={toggle}>{ label }</button>
                if self.open {
                    { self.table() }
                }
            </div>
        }
    }

    /// The table itself, sorted and filtered.
    fn table(&self) -> Html {
        let lang = self.lang;
        let t = lang.catalogue();
        let mut rows: Vec<(usize, &Shape)> = self
            .scene
            .shapes
            .iter()
            .enumerate()
            .filter(|(_, s)| !self.hidden.contains(&s.class))
            .collect();
        match self.sort {
            Sort::NameAscending => {}
            Sort::NameDescending => rows.reverse(),
            // Within a class, rows keep the scene's order, which is by name in the map's language.
            // One comparator for both directions: each `sort_by_key` closure is its own copy of the stable sort.
            Sort::StatusAscending | Sort::StatusDescending => {
                let descending = self.sort == Sort::StatusDescending;
                rows.sort_by(|(_, a), (_, b)| {
                    let order = a.class.cmp(&b.class);
                    if descending {
                        order.reverse()
                    } else {
                        order
                    }
                });
            }
        }
        let aria_sort = |column: SortColumn| match (column, self.sort) {
            (SortColumn::Name, Sort::NameAscending)
            | (SortColumn::Status, Sort::StatusAscending) => "ascending",
            (SortColumn::Name, Sort::NameDescending)
            | (SortColumn::Status, Sort::StatusDescending) => "descending",
            _ => "none",
        };
        let header = |column: SortColumn, text: &'static str| {
            let onclick = self.on_sort.reform(move |_| column);
            html! {
                <th scope="col" aria-sort={aria_sort(column)}>
                    <button type="button" class="tm-sort" {onclick}>{ text }</button>
                </th>
            }
        };
        let caption = fill(
            &t.count(lang, t.table_caption, rows.len()),
            &[("region", t.region(self.scene.region))],
        );
        let mut body = Vec::with_capacity(rows.len());
        for (index, shape) in rows {
            body.push(html! {
                <Row {lang} key={shape.iso3.as_str()} scene={self.scene.clone()} {index}
                     selected={self.selected == Some(shape.iso3)} on_select={self.on_select.clone()} />
            });
        }
        // In a box of its own that scrolls sideways where the table is wider than the widget (a phone), so that
        // it never widens the host's page (nor, right to left, runs off its start out of reach).
        html! {
            <div class="tm-scroll">
            <table class="tm-table" id={self.table_id.clone()}>
                <caption>{ caption }</caption>
                <thead>
                    <tr>
                        { header(SortColumn::Name, t.column_state) }
                        { header(SortColumn::Status, t.column_status) }
                        <th scope="col">{ "CAT" }</th>
                        <th scope="col">{ "OPCAT" }</th>
                        <th scope="col">{ t.column_review }</th>
                    </tr>
                </thead>
                <tbody>{ body }</tbody>
            </table>
            </div>
        }
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    /// The language of the component's words (the widget's).
    lang: Lang,
    scene: Shared<Scene>,
    /// The state's place in `scene.shapes`.
    index: usize,
    selected: bool,
    on_select: Callback<Iso3>,
}

/// One state's row. A component, so that a selection re-renders only the rows it changes.
#[component]
fn Row(props: &RowProps) -> Html {
    let lang = props.lang;
    let t = lang.catalogue();
    let Some(shape) = props.scene.shapes.get(props.index) else {
        return Html::default();
    };
    let status = shape.standing.state();
    let iso3 = shape.iso3;
    let onclick = props.on_select.reform(move |_| iso3);
    let selected = props.selected;
    let (cat, opcat, review) = match status {
        Some(s) => (
            status_text_on(Treaty::Cat, s.cat, props.scene.date, lang),
            status_text_on(Treaty::Opcat, s.opcat, props.scene.date, lang),
            s.last_review.map_or("—".to_owned(), |y| y.to_string()),
        ),
        // An area that is not a state: its class for each treaty (a territory's is its party's, where the
        // treaty applies to it).
        None => {
            let treaty = |view| {
                let class = StatusClass::of_standing(view, &shape.standing);
                t.class_on(class, view, props.scene.date)
            };
            (treaty(View::Cat), treaty(View::Opcat), "—".to_owned())
        }
    };
    let cells = html! { <>
        <th scope="row"><button type="button" class="tm-row-open" aria-pressed={if selected { "true" } else { "false" }} {onclick}>{ &shape.name }</button></th>
        <td>{ swatch(shape.class.css_class()) }{ props.scene.class_label(shape.class, lang) }</td>
        <td>{ cat }</td>
        <td>{ opcat }</td>
        <td>{ review }</td>
    </> };
    element(
        "tr",
        &["data-iso3", "class"],
        vec![
            Some(iso3.to_string().into()),
            selected.then_some(AttrValue::Static("tm-selected")),
        ],
        vec![cells],
    )
}
