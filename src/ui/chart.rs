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

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::date::Date;
use crate::core::fixed::Fixed;
use crate::core::i18n::{fill, Lang};
use crate::core::region::Region;
use crate::core::scene::Scene;
use crate::core::status::Treaty;
use crate::core::timeline::chart::WIDTH;
use crate::ui::nodes::{element, text_node, vtag};
use crate::ui::time::{date_of, stop_for_key};
use crate::ui::Shared;

mod drawn;

use drawn::{marker, num, Drawn};

#[derive(Properties, PartialEq)]
pub struct PartiesChartProps {
    /// The language of the component's words (the widget's).
    pub lang: Lang,
    /// The scene as built (the data's own standings), whose counts over time the chart draws.
    pub scene: Shared<Scene>,
    /// The date the map shows; `None` for the data's own.
    pub date: Option<Date>,
    pub on_date: Callback<Option<Date>>,
    /// Prefix of every id inside this instance, unique on the page.
    pub id_prefix: AttrValue,
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
    let rows = chart.dates.iter().enumerate().map(|(i, &date)| {
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
        Html::from(row)
    });
    html! {
        <table class="tm-chart-table" {id}>
            <caption>{ t.chart_title }</caption>
            <thead><tr>{ head }</tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
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

/// The step chart of parties over time, its stops buttons, and a toggle for the table of its figures.
#[component]
pub fn PartiesChart(props: &PartiesChartProps) -> Html {
    let lang = props.lang;
    let t = lang.catalogue();
    let drawn = use_memo((props.scene.clone(), lang), |(scene, lang)| {
        Drawn::new(scene, *lang)
    });
    let table_open = use_state_eq(|| false);
    let stops_ref = use_node_ref();
    let chart = &drawn.chart;
    let as_of = props.scene.sources.as_of;
    let shown = props.date.unwrap_or(as_of);
    let last = chart.dates.len().saturating_sub(1);
    // The stop whose date is shown, if the date shown is a stop (an exact day may lie between two).
    let current = chart.stop_of(shown);
    let is_current = |i: usize| chart.dates.get(i) == Some(&shown);
    // The last stop is the data's own date (`None`), as on the date control.
    let date_of = {
        let drawn = drawn.clone();
        move |i: usize| date_of(&drawn.chart.dates, i)
    };
    let stop_of_event = |event: &Event| -> Option<usize> {
        let target: web_sys::Element = event.target_dyn_into()?;
        target.get_attribute("data-stop")?.parse().ok()
    };
    let onclick = {
        let (on_date, date_of) = (props.on_date.clone(), date_of.clone());
        move |event: MouseEvent| {
            if let Some(i) = stop_of_event(&event) {
                on_date.emit(date_of(i));
            }
        }
    };
    let onkeydown = {
        let (on_date, stops_ref) = (props.on_date.clone(), stops_ref.clone());
        move |event: KeyboardEvent| {
            let Some(i) = stop_of_event(&event) else {
                return;
            };
            let to = match event.key().as_str() {
                "Enter" | " " => {
                    event.prevent_default();
                    on_date.emit(date_of(i));
                    return;
                }
                key => match stop_for_key(key, i, last) {
                    Some(to) => to,
                    None => return,
                },
            };
            event.prevent_default();
            let stop = stops_ref
                .cast::<web_sys::Element>()
                .and_then(|g| {
                    g.query_selector(&format!("[data-stop=\"{to}\"]"))
                        .ok()
                        .flatten()
                })
                .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok());
            if let Some(stop) = stop {
                let _ = stop.focus();
            }
        }
    };
    let toggle = {
        let table_open = table_open.clone();
        move |_: MouseEvent| table_open.set(!*table_open)
    };

    let id = |suffix: &str| format!("{}-{suffix}", props.id_prefix);
    let (y, height) = &drawn.band_y;
    let stops = drawn.bands.iter().enumerate().map(|(i, (x, width))| {
        element(
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
        )
    });
    let table = (*table_open).then(|| table(&drawn, lang, shown, id("chart-table")));
    html! {
        <div class="tm-chart">
            <h2 class="tm-chart-title" id={id("chart-title")}>{ t.chart_title }</h2>
            // Left to right in every language (README, "Languages").
            <svg class="tm-chart-svg" dir="ltr" viewBox={format!("0 0 {} {}", Fixed(WIDTH, 0), num(chart.height))}
                 role="group" aria-labelledby={id("chart-title")}>
                <g aria-hidden="true">{ drawn.figure.clone() }{ marker(chart, shown) }</g>
                <g class="tm-chart-stops" ref={stops_ref} {onclick} {onkeydown}>{ for stops }</g>
            </svg>
            <button type="button" class="tm-chart-table-toggle" aria-expanded={if *table_open { "true" } else { "false" }}
                    aria-controls={id("chart-table")} onclick={toggle}>
                { if *table_open { t.chart_table_hide } else { t.chart_table_show } }
            </button>
            { for table }
        </div>
    }
}
