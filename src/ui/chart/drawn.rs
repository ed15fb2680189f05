//! What the parties-over-time chart draws once per scene and language ([`Drawn`]: the counts, each stop's name
//! and band, the figure of grid, lines and texts), and the date's [`marker`], the one part a date step draws
//! again.

use yew::prelude::*;
use yew::virtual_dom::VList;

use crate::core::date::Date;
use crate::core::fixed::Fixed;
use crate::core::i18n::{Catalogue, Lang};
use crate::core::region::Region;
use crate::core::scene::Scene;
use crate::core::status::Treaty;
use crate::core::timeline::chart::Chart;
use crate::core::timeline::Stop;
use crate::ui::nodes::{element, text_node, vtag};

/// What the chart draws, made once per scene and language: the counts, their geometry, each stop's accessible
/// name and band, and what is drawn behind the stops whatever the date.
pub struct Drawn {
    /// The counts at each stop, in the world and in the map's region.
    pub(super) world: Vec<Stop>,
    pub(super) region: Vec<Stop>,
    pub(super) chart: Chart,
    /// The areas of the panels, top to bottom: the world, then the map's region (none for the world map).
    pub(super) areas: Vec<Region>,
    /// Each stop's accessible name: its date and the counts in each area.
    pub(super) labels: Vec<AttrValue>,
    /// Each stop's band, as the chart writes it: its left edge and width.
    pub(super) bands: Vec<(AttrValue, AttrValue)>,
    /// The top and the height of every band.
    pub(super) band_y: (AttrValue, AttrValue),
    /// The grid, the lines and every text: the drawing behind the date's marker. Each render puts in a clone,
    /// which yew finds unchanged on a date step, touching none of its nodes (a component of its own for it
    /// cost 335 B of brotli wasm; bench/SIZE.md).
    pub(super) figure: Html,
}

impl Drawn {
    pub fn new(scene: &Scene, lang: Lang) -> Drawn {
        let over_time = scene.over_time();
        let mut areas = vec![Region::World];
        if scene.region != Region::World {
            areas.push(scene.region);
        }
        let areas_over_time = [over_time.world.as_slice(), &over_time.region];
        let chart = Chart::new(&areas_over_time[..areas.len()], scene.width_css_px);
        // Each stop's counts are at hand: its name is made from them, not counted again.
        let mut labels = Vec::with_capacity(over_time.world.len());
        for (world, region) in over_time.world.iter().zip(&over_time.region) {
            labels.push(
                scene
                    .counts_announcement(world.date, world.counts, region.counts, lang)
                    .into(),
            );
        }
        let bands = chart
            .bands
            .iter()
            .map(|&(start, end)| (num(start), num(end - start)));
        let (top, bottom) = chart.top_bottom();
        Drawn {
            band_y: (num(top), num(bottom - top)),
            bands: bands.collect(),
            figure: figure(&chart, &areas, lang.catalogue())
                .into_iter()
                .collect(),
            world: over_time.world,
            region: over_time.region,
            chart,
            areas,
            labels,
        }
    }

    /// The counts of each panel's area, top to bottom.
    pub(super) fn stops(&self) -> [&[Stop]; 2] {
        [&self.world, &self.region]
    }
}

/// A coordinate as the chart writes it: one decimal.
pub(super) fn num(v: f64) -> AttrValue {
    Fixed(v, 1).to_string().into()
}

/// The line and dot classes of a treaty's series, and the class of its direct label.
fn series_classes(treaty: Treaty) -> (&'static str, &'static str, &'static str) {
    match treaty {
        Treaty::Cat => (
            "tm-chart-line tm-chart-cat",
            "tm-chart-label",
            "tm-chart-point",
        ),
        Treaty::Opcat => (
            "tm-chart-line tm-chart-opcat",
            "tm-chart-label tm-chart-opcat",
            "tm-chart-point tm-chart-opcat",
        ),
    }
}

/// The chart's drawing behind its stops that the date does not move: the grid, the lines, every text (its
/// anchor and baseline set by its class: the areas' names, the count ticks, the direct labels at the lines'
/// ends, the years).
fn figure(chart: &Chart, areas: &[Region], t: &Catalogue) -> Vec<Html> {
    let bottom = chart.top_bottom().1;
    let text = |x: f64, y: f64, class: &'static str, text: String| {
        element(
            "text",
            &["x", "y", "class"],
            vec![Some(num(x)), Some(num(y)), Some(class.into())],
            vec![text_node(text)],
        )
    };
    let path = |d: &str, class: &'static str| {
        element(
            "path",
            &["d", "class"],
            vec![Some(d.to_owned().into()), Some(class.into())],
            Vec::new(),
        )
    };
    let mut lines = vec![path(&chart.grid, "tm-chart-grid")];
    let mut texts = Vec::new();
    for (panel, &area) in chart.panels.iter().zip(areas) {
        let name = t.region(area).to_owned();
        texts.push(text(chart.left, panel.top - 6.0, "tm-chart-area", name));
        for &(y, count) in &panel.ticks {
            texts.push(text(
                chart.left - 4.0,
                y,
                "tm-chart-count",
                count.to_string(),
            ));
        }
        for series in panel.series.iter().filter(|s| !s.path.is_empty()) {
            let (line, label, _) = series_classes(series.treaty);
            lines.push(path(&series.path, line));
            let last = format!("{} {}", series.treaty.abbreviation(), series.last);
            texts.push(text(chart.right + 6.0, series.label_y, label, last));
        }
    }
    for &(x, year) in &chart.year_ticks {
        texts.push(text(x, bottom + 16.0, "tm-chart-year", year.to_string()));
    }
    lines.append(&mut texts);
    lines
}

/// The date's marker over the figure and, on a stop, the points where it crosses the lines: a keyed list of its
/// own, so that points appearing (OPCAT's, from its first year) are inserted beside the marker and the figure
/// before it is left as it is (unkeyed, yew matches a list's nodes from its end, and would draw the figure anew).
pub(super) fn marker(chart: &Chart, shown: Date) -> Html {
    let current = chart.stop_of(shown);
    let on_stop = chart.dates.get(current) == Some(&shown);
    let (top, bottom) = chart.top_bottom();
    let x = num(chart.x(shown));
    let mut line = vtag(
        "line",
        &["x1", "x2", "y1", "y2", "class"],
        vec![
            Some(x.clone()),
            Some(x),
            Some(num(top)),
            Some(num(bottom)),
            Some("tm-chart-marker".into()),
        ],
        Vec::new(),
    );
    line.key = Some("marker".into());
    let mut marks = vec![Html::from(line)];
    let series = chart.panels.iter().flat_map(|panel| &panel.series);
    for (i, series) in series.filter(|s| !s.path.is_empty()).enumerate() {
        let point = series.points.get(current).copied().flatten();
        if let Some(p) = point.filter(|_| on_stop) {
            let mut circle = vtag(
                "circle",
                &["cx", "cy", "r", "class"],
                vec![
                    Some(num(p.x)),
                    Some(num(p.y)),
                    Some("3.5".into()),
                    Some(series_classes(series.treaty).2.into()),
                ],
                Vec::new(),
            );
            circle.key = Some(i.to_string().into());
            marks.push(circle.into());
        }
    }
    VList::with_children(marks, None).into()
}
