//! `PartiesChart`: the number of CAT and OPCAT parties at each year end from 1985 to the as-of date, in the world
//! and in the map's region, as a step chart with the date shown marked, each stop a button that shows the map on
//! that day, and the same figures as a table.
//!
//! Keyboard: the stops are one Tab stop (roving tabindex, on the stop of the date shown); Left/Right (and
//! Down/Up) move focus a stop, PageDown/PageUp five, Home/End to the first and last; Enter or Space, like a
//! click, shows the map on that stop's date. Moving focus does not change the date, so a screen reader can
//! read the stops' figures (each stop's accessible name) before choosing one.
//!
//! Time runs left to right in every language, Arabic included (`dir="ltr"` on the SVG; README, "Languages").
//! The geometry is the core's (`core::timeline::chart`); the counts, the stops' names and the figure are made
//! once per scene and language (`drawn`), so a date step only moves the marker and the stops' focus.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::date::Date;
use crate::core::fixed::Fixed;
use crate::core::i18n::{fill, Lang};
use crate::core::region::Region;
use crate::core::status::Treaty;
use crate::ui::nodes::{element, text_node, vtag};
use crate::ui::state::{Action, MapState};
use crate::ui::time::{date_of, stop_for_key};

mod drawn;

pub use drawn::Drawn;
use drawn::{marker, num};

/// What the chart shows. A plain struct and function, not a component: its one state (the table shown) is the
/// widget's ([`MapState`]), its drawing is made once per scene and language by the widget ([`Drawn`], memoised),
/// and the widget's render makes the rest from what it already has (a component of its own cost the wasm more;
/// bench/SIZE.md).
pub struct PartiesChart<'a> {
    /// The language of the chart's words (the widget's).
    pub lang: Lang,
    /// The counts over time and what is drawn of them whatever the date.
    pub drawn: &'a Rc<Drawn>,
    /// The data's as-of date.
    pub as_of: Date,
    /// The date the map shows; `None` for the data's own.
    pub date: Option<Date>,
    /// Whether the table of the chart's figures is shown.
    pub table_open: bool,
    pub dispatcher: &'a UseReducerDispatcher<MapState>,
    /// Prefix of every id inside this instance, unique on the page.
    pub id_prefix: &'a str,
}

/// The chart's figures as a table: a row per stop, the date's row marked, a column per treaty and area.
fn table(drawn: &Drawn, lang: Lang, shown: Date, id: String) -> Html {
    let t = lang.catalogue();
    let chart = &drawn.chart;
    let shown_areas = &drawn.stops()[..drawn.areas.len()];
    let col = |text: String| {
        element(
            "th",
            &["scope"],
            vec![Some("col".into())],
            vec![text_node(text)],
        )
    };
    let mut head = vec![col(t.column_date.to_owned())];
    for &area in &drawn.areas {
        for treaty in [Treaty::Cat, Treaty::Opcat] {
            head.push(col(series_name(lang, treaty, area)));
        }
    }
    let mut rows = Vec::with_capacity(chart.dates.len());
    for (i, &date) in chart.dates.iter().enumerate() {
        let mut cells = vec![element(
            "th",
            &["scope"],
            vec![Some("row".into())],
            vec![text_node(t.date(date))],
        )];
        for stops in shown_areas {
            let counts = stops.get(i).map(|s| s.counts).unwrap_or_default();
            for (treaty, n) in [
                (Treaty::Cat, counts.cat_parties),
                (Treaty::Opcat, counts.opcat_parties),
            ] {
                cells.push(if treaty.is_open_on(date) {
                    element("td", &[], Vec::new(), vec![text_node(n.to_string())])
                } else {
                    element(
                        "td",
                        &["class"],
                        vec![Some("tm-chart-na".into())],
                        vec![text_node(t.not_yet_open.to_owned())],
                    )
                });
            }
        }
        let now = date == shown;
        let mut row = vtag(
            "tr",
            &["aria-current", "class"],
            vec![
                now.then_some("date".into()),
                now.then_some("tm-chart-now".into()),
            ],
            cells,
        );
        row.key = Some(date.iso().into());
        rows.push(Html::from(row));
    }
    // Sideways in a box of its own, as the states' table (`table.rs`); a keyboard stop of its own, named, since
    // nothing in it takes the focus that would scroll it (axe's `scrollable-region-focusable`).
    html! {
        <div class="tm-scroll" role="region" tabindex="0" aria-label={t.chart_title}>
        <table class="tm-chart-table" {id}>
            <caption>{ t.chart_title }</caption>
            <thead><tr>{ head }</tr></thead>
            <tbody>{ rows }</tbody>
        </table>
        </div>
    }
}

/// "CAT parties, Americas".
fn series_name(lang: Lang, treaty: Treaty, area: Region) -> String {
    let t = lang.catalogue();
    fill(
        t.chart_series,
        &[("treaty", treaty.abbreviation()), ("area", t.region(area))],
    )
}

impl PartiesChart<'_> {
    /// The step chart of parties over time, its stops buttons, and a toggle for the table of its figures.
    pub fn html(&self) -> Html {
        let lang = self.lang;
        let t = lang.catalogue();
        let drawn = self.drawn;
        let chart = &drawn.chart;
        let shown = self.date.unwrap_or(self.as_of);
        let last = chart.dates.len().saturating_sub(1);
        // The stop whose date is shown, if the date shown is a stop (an exact day may lie between two).
        let current = chart.stop_of(shown);
        let is_current = |i: usize| chart.dates.get(i) == Some(&shown);
        // The last stop is the data's own date (`None`), as on the date control.
        let go = {
            let (drawn, dispatcher) = (drawn.clone(), self.dispatcher.clone());
            move |i: usize| dispatcher.dispatch(Action::SetDate(date_of(&drawn.chart.dates, i)))
        };
        let stop_of_event = |event: &Event| -> Option<(usize, web_sys::Element)> {
            let target: web_sys::Element = event.target_dyn_into()?;
            Some((target.get_attribute("data-stop")?.parse().ok()?, target))
        };
        let onclick = {
            let go = go.clone();
            move |event: MouseEvent| {
                if let Some((i, _)) = stop_of_event(&event) {
                    go(i);
                }
            }
        };
        let onkeydown = move |event: KeyboardEvent| {
            let Some((i, target)) = stop_of_event(&event) else {
                return;
            };
            let to = match event.key().as_str() {
                "Enter" | " " => {
                    event.prevent_default();
                    go(i);
                    return;
                }
                key => match stop_for_key(key, i, last) {
                    Some(to) => to,
                    None => return,
                },
            };
            event.prevent_default();
            // The stops are the children of one group.
            let stop = target
                .parent_element()
                .and_then(|g| {
                    g.query_selector(&format!("[data-stop=\"{to}\"]"))
                        .ok()
                        .flatten()
                })
                .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok());
            if let Some(stop) = stop {
                let _ = stop.focus();
            }
        };
        let toggle = {
            let dispatcher = self.dispatcher.clone();
            move |_: MouseEvent| dispatcher.dispatch(Action::ToggleChartTable)
        };

        let id = |suffix: &str| format!("{}-{suffix}", self.id_prefix);
        let (y, height) = &drawn.band_y;
        let mut stops = Vec::with_capacity(drawn.bands.len());
        for (i, (x, width)) in drawn.bands.iter().enumerate() {
            stops.push(element(
                "rect",
                &[
                    "data-stop",
                    "data-date",
                    "x",
                    "y",
                    "width",
                    "height",
                    "role",
                    "tabindex",
                    "aria-label",
                    "aria-current",
                    "class",
                ],
                vec![
                    Some(i.to_string().into()),
                    Some(chart.dates[i].iso().into()),
                    Some(x.clone()),
                    Some(y.clone()),
                    Some(width.clone()),
                    Some(height.clone()),
                    Some("button".into()),
                    Some(if i == current { "0" } else { "-1" }.into()),
                    drawn.labels.get(i).cloned(),
                    is_current(i).then_some("date".into()),
                    Some("tm-chart-stop".into()),
                ],
                Vec::new(),
            ));
        }
        let table = self
            .table_open
            .then(|| table(drawn, lang, shown, id("chart-table")));
        html! {
            <div class="tm-chart">
                <h2 class="tm-chart-title" id={id("chart-title")}>{ t.chart_title }</h2>
                // Left to right in every language (README, "Languages").
                <svg class="tm-chart-svg" dir="ltr" viewBox={format!("0 0 {} {}", Fixed(chart.width, 0), num(chart.height))}
                     role="group" aria-labelledby={id("chart-title")}>
                    <g aria-hidden="true">{ drawn.figure.clone() }{ marker(chart, shown) }</g>
                    <g class="tm-chart-stops" {onclick} {onkeydown}>{ stops }</g>
                </svg>
                <button type="button" class="tm-chart-table-toggle" aria-expanded={if self.table_open { "true" } else { "false" }}
                        aria-controls={id("chart-table")} onclick={toggle}>
                    { if self.table_open { t.chart_table_hide } else { t.chart_table_show } }
                </button>
                // Always a node here, empty while closed: `{ for table }` added a child to the list, which yew
                // matches from its end, and drew the title, the figure and this toggle anew (its focus lost).
                { table.unwrap_or_default() }
            </div>
        }
    }
}
