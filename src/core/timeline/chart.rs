//! The parties-over-time chart's geometry, in the units of its SVG `viewBox`: the time scale (left to right in
//! every language), one panel per area (the world, then the map's region) with its own count scale and ticks,
//! a step line per treaty, the point of each stop, the direct labels at the lines' ends, and the band of the
//! chart each stop answers to (its pointer and focus target).
//!
//! A count holds from its stop until the next: the line steps at each stop (`H` to the next stop's x, then `V` to
//! its count). A treaty's line starts at the first stop on or after the day it opened for signature, so OPCAT's
//! begins at the end of 2003, not at a row of zeros before the Protocol existed.

use std::fmt::Write;

use crate::core::date::Date;
use crate::core::fixed::Fixed;
use crate::core::status::Treaty;
use crate::core::timeline::Stop;

/// The widest the chart's `viewBox` is drawn: for a wider widget the stylesheet scales it up a little. For a
/// narrower one (a phone) it is drawn as wide as the widget, down to [`MIN_WIDTH`], so that its texts keep their
/// size instead of shrinking with the figure (at 560 units shown 340 px wide, 11 px became 6.7 px).
pub const WIDTH: f64 = 560.0;
/// The narrowest `viewBox`: narrower still, the chart is scaled down.
pub const MIN_WIDTH: f64 = 280.0;
/// Left of the plot: the count ticks' labels.
const LEFT: f64 = 36.0;
/// Right of the plot: the direct labels at the lines' ends ("OPCAT 96").
const RIGHT_MARGIN: f64 = 72.0;
/// Above each panel: its area's name.
const TITLE: f64 = 18.0;
/// The height of one panel's plot.
const PANEL: f64 = 96.0;
/// Between two panels.
const GAP: f64 = 10.0;
/// Below the last panel: the year ticks' labels.
const AXIS: f64 = 22.0;
/// Two direct labels' baselines are at least this far apart.
pub const LABEL_GAP: f64 = 12.0;
/// The first stop's band reaches this far left of its point, and the last's this far right, so that the last is
/// a target however close the as-of date lies to the last year end.
const EDGE_BAND: f64 = 8.0;
/// The length of a year's tick mark below the plot.
pub const YEAR_TICK: f64 = 4.0;
/// A year tick every this many years from the first; every twice as many where those would be closer than
/// [`YEAR_LABEL_GAP`].
const YEAR_TICKS: u16 = 5;
/// The least distance between two year ticks' labels' middles ("1985" is about 25 units wide).
const YEAR_LABEL_GAP: f64 = 34.0;

/// A point in the chart's `viewBox`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// One treaty's line in one panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub treaty: Treaty,
    /// The step line's path data; empty when no stop lies after the treaty opened.
    pub path: String,
    /// The point of each stop (aligned with [`Chart::dates`]); `None` before the treaty opened.
    pub points: Vec<Option<Point>>,
    /// The count at the last stop, for the direct label.
    pub last: usize,
    /// Where the middle of the direct label goes (its x is right of [`Chart::right`]), kept clear of the other
    /// line's.
    pub label_y: f64,
}

/// One area's panel: its place, its count scale and its two lines (CAT, then OPCAT).
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// The top of the plot (its area's name sits above it).
    pub top: f64,
    pub bottom: f64,
    /// The count at the top of the plot.
    pub max: usize,
    /// Count ticks from 0 to `max`: their y and count.
    pub ticks: Vec<(f64, usize)>,
    pub series: Vec<Series>,
}

/// The whole chart: the time scale shared by its panels, the stops' bands, and the panels.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The width of the `viewBox`, whole units between [`MIN_WIDTH`] and [`WIDTH`].
    pub width: f64,
    pub height: f64,
    /// The plot's left and right edges.
    pub left: f64,
    pub right: f64,
    /// The dates of the stops, oldest first.
    pub dates: Vec<Date>,
    /// Each stop's x.
    pub xs: Vec<f64>,
    /// The band `(start, end)` of x that each stop answers to: contiguous, each holding its stop's x.
    pub bands: Vec<(f64, f64)>,
    /// Year ticks: x and year, at the year ends of every fifth year and the first.
    pub year_ticks: Vec<(f64, u16)>,
    pub panels: Vec<Panel>,
    /// The path data of the grid: a line across each panel at each count tick, and below the last panel a tick
    /// mark at each year tick.
    pub grid: String,
}

impl Chart {
    /// The chart of `areas` (each the counts at the same stops, as [`counts_over_time`] gives them; the first's
    /// dates are the chart's): one panel per area, top to bottom, for a widget `width` CSS px wide.
    ///
    /// [`counts_over_time`]: super::counts_over_time
    pub fn new(areas: &[&[Stop]], width: f64) -> Chart {
        let dates: Vec<Date> = areas
            .first()
            .map(|stops| stops.iter().map(|s| s.date).collect())
            .unwrap_or_default();
        let width = width.clamp(MIN_WIDTH, WIDTH).round();
        let right = width - RIGHT_MARGIN;
        let scale = TimeScale::new(&dates, LEFT, right);
        // The stops are a year apart (but the last): a tick every five years, or ten on a narrow chart.
        let year = (right - LEFT) / dates.len().saturating_sub(1).max(1) as f64;
        let every = if year * f64::from(YEAR_TICKS) < YEAR_LABEL_GAP {
            2 * YEAR_TICKS
        } else {
            YEAR_TICKS
        };
        let first = dates.first().map_or(0, |d| d.year());
        // Plain loops rather than chains of iterator adapters: the same values, less code in the wasm.
        let mut xs: Vec<f64> = Vec::with_capacity(dates.len());
        let mut year_ticks = Vec::new();
        for &d in &dates {
            let x = scale.x(d);
            xs.push(x);
            if (d.year() - first) % every == 0 && (d.month(), d.day()) == (12, 31) {
                year_ticks.push((x, d.year()));
            }
        }
        let bands = bands(&xs);
        let mut panels: Vec<Panel> = Vec::with_capacity(areas.len());
        let mut top = TITLE;
        for stops in areas {
            panels.push(Panel::new(stops, &xs, top, top + PANEL));
            top += TITLE + PANEL + GAP;
        }
        let bottom = panels.last().map_or(TITLE, |p| p.bottom);
        let mut grid = String::new();
        for panel in &panels {
            for &(y, _) in &panel.ticks {
                let _ = write!(
                    grid,
                    "M{},{}H{}",
                    Fixed(LEFT, 1),
                    Fixed(y, 1),
                    Fixed(right, 1)
                );
            }
        }
        for &(x, _) in &year_ticks {
            let _ = write!(
                grid,
                "M{},{}v{}",
                Fixed(x, 1),
                Fixed(bottom, 1),
                Fixed(YEAR_TICK, 1)
            );
        }
        Chart {
            width,
            height: bottom + AXIS,
            left: LEFT,
            right,
            dates,
            xs,
            bands,
            year_ticks,
            panels,
            grid,
        }
    }

    /// The x of any day (an exact day between two stops lies between their points), held to the plot.
    pub fn x(&self, date: Date) -> f64 {
        TimeScale::new(&self.dates, self.left, self.right).x(date)
    }

    /// The top of the first panel and the bottom of the last: the span of the stops' bands and of the date's
    /// marker.
    pub fn top_bottom(&self) -> (f64, f64) {
        (
            self.panels.first().map_or(0.0, |p| p.top),
            self.panels.last().map_or(0.0, |p| p.bottom),
        )
    }

    /// The stop that shows `date`: the first on or after it (as the date control's slider), else the last.
    pub fn stop_of(&self, date: Date) -> usize {
        super::stop_of(&self.dates, date)
    }
}

impl Panel {
    fn new(stops: &[Stop], xs: &[f64], top: f64, bottom: f64) -> Panel {
        let mut highest = 0;
        for s in stops {
            highest = highest.max(s.counts.cat_parties.max(s.counts.opcat_parties));
        }
        let (max, step) = nice_max(highest);
        let y = |count: usize| bottom - (bottom - top) * count as f64 / max as f64;
        let mut ticks = Vec::new();
        for c in (0..=max).step_by(step) {
            ticks.push((y(c), c));
        }
        let mut series: Vec<Series> = Vec::with_capacity(2);
        for treaty in [Treaty::Cat, Treaty::Opcat] {
            let count = |s: &Stop| match treaty {
                Treaty::Cat => s.counts.cat_parties,
                Treaty::Opcat => s.counts.opcat_parties,
            };
            let mut points: Vec<Option<Point>> = Vec::with_capacity(stops.len());
            for (s, &x) in stops.iter().zip(xs) {
                points.push(
                    treaty
                        .is_open_on(s.date)
                        .then(|| Point { x, y: y(count(s)) }),
                );
            }
            let last = stops.last().map_or(0, count);
            series.push(Series {
                treaty,
                path: step_path(&points),
                points,
                last,
                label_y: y(last),
            });
        }
        separate_labels(&mut series, top, bottom);
        Panel {
            top,
            bottom,
            max,
            ticks,
            series,
        }
    }
}

/// A linear scale from the days of the first to the last stop onto `[left, right]`.
struct TimeScale {
    first: i64,
    days: i64,
    left: f64,
    width: f64,
}

impl TimeScale {
    fn new(dates: &[Date], left: f64, right: f64) -> TimeScale {
        let first = dates.first().map_or(0, |&d| day_number(d));
        let last = dates.last().map_or(0, |&d| day_number(d));
        TimeScale {
            first,
            days: (last - first).max(1),
            left,
            width: right - left,
        }
    }

    fn x(&self, date: Date) -> f64 {
        let t = (day_number(date) - self.first) as f64 / self.days as f64;
        self.left + self.width * t.clamp(0.0, 1.0)
    }
}

/// Days since a fixed epoch (0000-03-01 of the proleptic Gregorian calendar), so that differences count days.
fn day_number(date: Date) -> i64 {
    let (month, day) = (i64::from(date.month()), i64::from(date.day()));
    let year = i64::from(date.year()) - i64::from(month <= 2);
    let (era, year_of_era) = (year.div_euclid(400), year.rem_euclid(400));
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    era * 146_097 + year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year
}

/// The top of a count scale and its tick step: the step is 1, 2 or 5 times a power of ten giving at most four
/// steps, and the top the first multiple of it at or above `highest` (at least one step).
fn nice_max(highest: usize) -> (usize, usize) {
    let mut magnitude = 1;
    loop {
        for step in [magnitude, 2 * magnitude, 5 * magnitude] {
            if highest <= 4 * step {
                return (highest.div_ceil(step).max(1) * step, step);
            }
        }
        magnitude *= 10;
    }
}

/// The step line through `points` (those before the treaty opened skipped): from each point, across to the
/// next stop's x, then up or down to its count.
fn step_path(points: &[Option<Point>]) -> String {
    let mut d = String::new();
    for point in points.iter().flatten() {
        if d.is_empty() {
            let _ = write!(d, "M{},{}", Fixed(point.x, 1), Fixed(point.y, 1));
        } else {
            let _ = write!(d, "H{}V{}", Fixed(point.x, 1), Fixed(point.y, 1));
        }
    }
    d
}

/// Moves the direct labels (their middles) apart, about their middle, where their lines end closer than
/// [`LABEL_GAP`], then both within `[top, bottom]`.
fn separate_labels(series: &mut [Series], top: f64, bottom: f64) {
    if let [a, b] = series {
        let (upper, lower) = if a.label_y <= b.label_y {
            (a, b)
        } else {
            (b, a)
        };
        let short = LABEL_GAP - (lower.label_y - upper.label_y);
        if short > 0.0 {
            upper.label_y -= short / 2.0;
            lower.label_y += short / 2.0;
        }
        let over = (top - upper.label_y).max(0.0) - (lower.label_y - bottom).max(0.0);
        upper.label_y += over;
        lower.label_y += over;
    }
}

/// Each stop's band of x: from halfway to the previous stop to halfway to the next; the first starts and the last
/// ends [`EDGE_BAND`] beyond its point.
fn bands(xs: &[f64]) -> Vec<(f64, f64)> {
    let mut bands = Vec::with_capacity(xs.len());
    for (i, &x) in xs.iter().enumerate() {
        let start = match i {
            0 => x - EDGE_BAND,
            _ => (xs[i - 1] + x) / 2.0,
        };
        let end = match xs.get(i + 1) {
            Some(next) => (x + next) / 2.0,
            None => x + EDGE_BAND,
        };
        bands.push((start, end));
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::timeline::tests::d;
    use crate::core::timeline::{stops, Counts};
    use crate::harness::test;

    const AS_OF: &str = "2026-02-03";

    /// Stops from 1985 to `AS_OF` whose counts `count(year)` gives: (CAT parties, OPCAT parties).
    fn area(count: impl Fn(u16) -> (usize, usize)) -> Vec<Stop> {
        stops(d(AS_OF))
            .into_iter()
            .map(|date| {
                let (cat_parties, opcat_parties) = count(date.year());
                let counts = Counts {
                    cat_parties,
                    opcat_parties,
                    ..Counts::default()
                };
                Stop { date, counts }
            })
            .collect()
    }

    /// Five more CAT parties a year from 1987 up to 175, OPCAT parties from 2006 up to 96.
    fn world() -> Vec<Stop> {
        area(|year| {
            let after = |from: u16| usize::from(year.saturating_sub(from)) * 5;
            (after(1986).min(175), after(2005).min(96))
        })
    }

    #[test]
    fn days_are_counted_across_months_and_leap_years() {
        let days = |a: &str, b: &str| day_number(d(b)) - day_number(d(a));
        assert_eq!(days("2024-02-28", "2024-03-01"), 2);
        assert_eq!(days("2023-02-28", "2023-03-01"), 1);
        assert_eq!(days("2025-12-31", "2026-02-03"), 34);
        assert_eq!(days("1985-12-31", "1986-12-31"), 365);
        assert_eq!(days("1987-12-31", "1988-12-31"), 366);
        assert_eq!(days("1900-02-28", "1900-03-01"), 1);
        assert_eq!(days("2000-02-28", "2000-03-01"), 2);
        assert_eq!(days("1970-01-01", "2000-01-01"), 10_957);
    }

    #[test]
    fn time_runs_left_to_right_from_the_first_stop_to_the_as_of_date() {
        let world = world();
        let chart = Chart::new(&[&world], WIDTH);
        assert_eq!(chart.dates, stops(d(AS_OF)));
        assert_eq!(chart.xs.first(), Some(&chart.left));
        assert_eq!(chart.xs.last(), Some(&chart.right));
        assert!(chart.xs.windows(2).all(|w| w[0] < w[1]));
        assert!(chart.right < WIDTH && chart.left > 0.0);
        // A year is a year wide, a leap year a day wider; the 34 days to the as-of date are 34 days wide.
        let year = chart.xs[2] - chart.xs[1];
        assert!((chart.xs[3] - chart.xs[2] - year * 366.0 / 365.0).abs() < 1e-9);
        let n = chart.xs.len();
        assert!((chart.xs[n - 1] - chart.xs[n - 2] - year * 34.0 / 365.0).abs() < 1e-9);
        // An exact day lies between its two stops; days outside the chart are held to it.
        let i = chart.stop_of(d("2002-12-31"));
        assert_eq!(chart.dates[i], d("2002-12-31"));
        assert_eq!(chart.x(d("2002-12-31")), chart.xs[i]);
        let mid = chart.x(d("2003-07-02"));
        assert!(chart.xs[i] < mid && mid < chart.xs[i + 1]);
        assert_eq!(chart.x(d("1980-01-01")), chart.left);
        assert_eq!(chart.x(d("2030-01-01")), chart.right);
        assert_eq!(chart.stop_of(d("2003-07-02")), i + 1);
        assert_eq!(chart.stop_of(d("1985-02-04")), 0);
        assert_eq!(chart.stop_of(d(AS_OF)), n - 1);
        assert_eq!(chart.stop_of(d("2030-01-01")), n - 1);
    }

    #[test]
    fn the_line_steps_at_each_stop_and_holds_its_count_until_the_next() {
        let few: Vec<Stop> = [
            ("1985-12-31", 0),
            ("1986-12-31", 2),
            ("1987-12-31", 2),
            ("1988-02-03", 4),
        ]
        .into_iter()
        .map(|(date, cat_parties)| Stop {
            date: d(date),
            counts: Counts {
                cat_parties,
                ..Counts::default()
            },
        })
        .collect();
        let chart = Chart::new(&[&few], WIDTH);
        let panel = &chart.panels[0];
        assert_eq!(panel.max, 4);
        let cat = &panel.series[0];
        assert_eq!(cat.treaty, Treaty::Cat);
        let (x, y) = (&chart.xs, |c: f64| {
            panel.bottom - (panel.bottom - panel.top) * c / 4.0
        });
        let expected = format!(
            "M{:.1},{:.1}H{:.1}V{:.1}H{:.1}V{:.1}H{:.1}V{:.1}",
            x[0],
            y(0.0),
            x[1],
            y(2.0),
            x[2],
            y(2.0),
            x[3],
            y(4.0)
        );
        assert_eq!(cat.path, expected);
        assert_eq!(cat.last, 4);
        // Each point is where the line turns: at its stop's x, at its count.
        for (point, (&x, stop)) in cat.points.iter().zip(x.iter().zip(&few)) {
            let point = point.unwrap();
            assert_eq!(point.x, x);
            assert!((point.y - y(stop.counts.cat_parties as f64)).abs() < 1e-9);
        }
        // OPCAT had not opened: no line and no points.
        let opcat = &panel.series[1];
        assert_eq!(opcat.treaty, Treaty::Opcat);
        assert!(opcat.path.is_empty());
        assert!(opcat.points.iter().all(Option::is_none));
    }

    #[test]
    fn the_opcat_line_starts_at_the_first_stop_after_the_protocol_opened() {
        let world = world();
        let chart = Chart::new(&[&world], WIDTH);
        let opcat = &chart.panels[0].series[1];
        let first = opcat.points.iter().position(Option::is_some).unwrap();
        assert_eq!(chart.dates[first], d("2003-12-31"));
        assert!(opcat.points[first..].iter().all(Option::is_some));
        assert!(opcat.path.starts_with(&format!("M{:.1},", chart.xs[first])));
        // One move, then one step (across, then up or down) per later stop.
        let stops_after = chart.dates.len() - first - 1;
        assert_eq!(opcat.path.matches('H').count(), stops_after);
        assert_eq!(opcat.path.matches('V').count(), stops_after);
        let cat = &chart.panels[0].series[0];
        assert_eq!(cat.path.matches('H').count(), chart.dates.len() - 1);
        assert_eq!((cat.last, opcat.last), (175, 96));
    }

    #[test]
    fn count_scales_end_on_a_round_tick_above_the_highest_count() {
        assert_eq!(nice_max(0), (1, 1));
        assert_eq!(nice_max(4), (4, 1));
        assert_eq!(nice_max(5), (6, 2));
        assert_eq!(nice_max(33), (40, 10));
        assert_eq!(nice_max(96), (100, 50));
        assert_eq!(nice_max(175), (200, 50));
        assert_eq!(nice_max(200), (200, 50));
        assert_eq!(nice_max(201), (300, 100));
        let world = world();
        let panel = &Chart::new(&[&world], WIDTH).panels[0];
        assert_eq!(panel.max, 200);
        let counts: Vec<usize> = panel.ticks.iter().map(|&(_, c)| c).collect();
        assert_eq!(counts, [0, 50, 100, 150, 200]);
        assert_eq!(panel.ticks.first().map(|t| t.0), Some(panel.bottom));
        assert_eq!(panel.ticks.last().map(|t| t.0), Some(panel.top));
        // Every point lies inside its panel.
        for series in &panel.series {
            for point in series.points.iter().flatten() {
                assert!((panel.top..=panel.bottom).contains(&point.y));
            }
        }
    }

    #[test]
    fn the_world_and_a_region_each_have_a_panel_with_its_own_scale() {
        let (world, region) = (world(), area(|year| (usize::from(year > 1990) * 33, 0)));
        let chart = Chart::new(&[&world, &region], WIDTH);
        let [w, r] = &chart.panels[..] else {
            panic!("two panels")
        };
        assert!(w.bottom < r.top, "the panels do not overlap");
        assert!(chart.height > r.bottom);
        assert_eq!((w.max, r.max), (200, 40));
        assert_eq!(r.series[0].last, 33);
        // One panel, less height.
        assert!(Chart::new(&[&world], WIDTH).height < chart.height);
        assert_eq!(Chart::new(&[], WIDTH).panels, []);
    }

    #[test]
    fn direct_labels_sit_at_the_lines_ends_and_never_on_each_other() {
        let close = area(|year| (usize::from(year > 2000) * 30, usize::from(year > 2003) * 29));
        let apart = area(|year| (usize::from(year > 2000) * 40, usize::from(year > 2003) * 5));
        let both_zero = area(|_| (0, 0));
        for stops in [close, apart, both_zero] {
            let chart = Chart::new(&[&stops], WIDTH);
            let panel = &chart.panels[0];
            let [cat, opcat] = &panel.series[..] else {
                panic!("two series")
            };
            assert!((cat.label_y - opcat.label_y).abs() >= LABEL_GAP - 1e-9);
            for series in [cat, opcat] {
                assert!((panel.top..=panel.bottom).contains(&series.label_y));
                let end = series.points.last().unwrap().unwrap();
                assert!((series.label_y - end.y).abs() <= LABEL_GAP);
            }
        }
        // Far apart, each label is level with its line's end.
        let apart = area(|year| (usize::from(year > 2000) * 40, usize::from(year > 2003) * 5));
        let chart = Chart::new(&[&apart], WIDTH);
        for series in &chart.panels[0].series {
            assert_eq!(
                Some(series.label_y),
                series.points.last().unwrap().map(|p| p.y)
            );
        }
    }

    #[test]
    fn each_stop_answers_to_a_band_and_the_bands_tile_the_plot() {
        let world = world();
        let chart = Chart::new(&[&world], WIDTH);
        assert_eq!(chart.bands.len(), chart.xs.len());
        for (&(start, end), &x) in chart.bands.iter().zip(&chart.xs) {
            assert!(start < x && x < end, "{start} < {x} < {end}");
        }
        assert!(chart.bands.windows(2).all(|w| w[0].1 == w[1].0));
        assert!(chart.bands[0].0 < chart.left);
        let last = chart.bands[chart.bands.len() - 1];
        assert!(last.1 > chart.right && last.1 - last.0 >= EDGE_BAND);
    }

    #[test]
    fn the_grid_crosses_each_panel_at_its_ticks_and_marks_the_years_below() {
        let (world, region) = (world(), area(|year| (usize::from(year > 1990) * 33, 0)));
        let chart = Chart::new(&[&world, &region], WIDTH);
        let lines = chart.grid.matches('H').count();
        assert_eq!(
            lines,
            chart.panels.iter().map(|p| p.ticks.len()).sum::<usize>()
        );
        assert_eq!(chart.grid.matches('v').count(), chart.year_ticks.len());
        let bottom = chart.panels[1].bottom;
        let last_year = chart.year_ticks[chart.year_ticks.len() - 1].0;
        assert!(chart
            .grid
            .ends_with(&format!("M{last_year:.1},{bottom:.1}v{YEAR_TICK:.1}")));
        assert!(chart.grid.starts_with(&format!(
            "M{:.1},{:.1}H{:.1}",
            chart.left, chart.panels[0].bottom, chart.right
        )));
    }

    #[test]
    fn years_are_ticked_every_five_from_the_first() {
        let world = world();
        let chart = Chart::new(&[&world], WIDTH);
        let years: Vec<u16> = chart.year_ticks.iter().map(|&(_, y)| y).collect();
        assert_eq!(
            years,
            [1985, 1990, 1995, 2000, 2005, 2010, 2015, 2020, 2025]
        );
        for &(x, year) in &chart.year_ticks {
            let i = chart.stop_of(d(&format!("{year}-12-31")));
            assert_eq!(x, chart.xs[i]);
        }
    }

    #[test]
    fn a_narrow_widget_gets_a_narrower_chart_whose_texts_keep_their_size() {
        let world = world();
        let years = |chart: &Chart| {
            chart
                .year_ticks
                .iter()
                .map(|&(_, y)| y)
                .collect::<Vec<u16>>()
        };
        // A phone's widget, 340 px wide: the chart is drawn as wide, its plot between the same margins.
        let phone = Chart::new(&[&world], 340.0);
        assert_eq!(phone.width, 340.0);
        assert_eq!(phone.right, 340.0 - RIGHT_MARGIN);
        assert_eq!(phone.xs.last(), Some(&phone.right));
        // Five years there are under 34 units: a tick every ten years from the first, none of them crowded.
        assert_eq!(years(&phone), [1985, 1995, 2005, 2015, 2025]);
        for chart in [&phone, &Chart::new(&[&world], WIDTH)] {
            assert!(chart
                .year_ticks
                .windows(2)
                .all(|w| w[1].0 - w[0].0 >= YEAR_LABEL_GAP));
        }
        // Never narrower than MIN_WIDTH (then scaled down), never wider than WIDTH (then scaled up).
        assert_eq!(Chart::new(&[&world], 120.0).width, MIN_WIDTH);
        let desktop = Chart::new(&[&world], 1200.0);
        assert_eq!(desktop, Chart::new(&[&world], WIDTH));
        assert_eq!(
            years(&desktop),
            [1985, 1990, 1995, 2000, 2005, 2010, 2015, 2020, 2025]
        );
    }
}
