//! Dots for states too small to see or hit: placed at a point inside each state, then pushed apart until no
//! two overlap, so that every dot is a whole pointer target (WCAG 2.5.8 asks 24 × 24 CSS px).

use crate::core::trig::{length, sin_cos};

/// The most rounds of pushing; a crowd that has not settled by then keeps the positions it has reached.
const MAX_ROUNDS: usize = 100;

/// The most pairs (of dots, or of a dot and an obstacle) looked at in all: a bound on the work, whatever the
/// input, about 20 ms in the browser.
const MAX_CHECKS: usize = 250_000;

/// Pushes `points` apart until every pair is at least `min_distance` apart and each keeps clear of the
/// `obstacles` (fixed circles `(x, y, radius)`: small shapes without a dot, which a dot must not cover), or the
/// work is bounded ([`MAX_ROUNDS`] rounds, [`MAX_CHECKS`] pairs looked at), keeping them inside
/// `0..=width` × `0..=height`. Each round sorts the dots into a grid of cells `min_distance` wide and looks at
/// a dot's neighbours in its cell and the eight around it only, so that spreading costs about the number of
/// dots, not its square. Deterministic: the same input always gives the same output. [`Spread`] does the same
/// work a part at a time.
///
/// # Examples
/// ```
/// use treaty_map::core::dots::spread;
/// let mut points = vec![(50.0, 50.0), (52.0, 50.0)];
/// spread(&mut points, &[], 24.0, 100.0, 100.0);
/// let d = ((points[0].0 - points[1].0).powi(2) + (points[0].1 - points[1].1).powi(2)).sqrt();
/// assert!(d >= 23.9, "{d}");
/// ```
pub fn spread(
    points: &mut [(f64, f64)],
    obstacles: &[(f64, f64, f64)],
    min_distance: f64,
    width: f64,
    height: f64,
) {
    let mut work = Spread::new(obstacles.to_vec(), min_distance, (width, height));
    while !work.step(points, usize::MAX) {}
}

/// [`spread`] a part at a time: [`Spread::step`] looks at a budget of pairs, then returns, so that a caller can
/// yield to the browser between parts; the points end the same however the work is cut.
#[derive(Debug)]
pub struct Spread {
    obstacles: Vec<(f64, f64, f64)>,
    min_distance: f64,
    view: (f64, f64),
    cell: f64,
    blockers: Grid,
    /// This round's grid of the dots as they stood when it began, and where the round is.
    round: Option<(Grid, Pass)>,
    rounds: usize,
    moved: bool,
    checks: usize,
    done: bool,
}

/// Where a round is: pushing dot `i` from its neighbours, then dot `i` from the obstacles.
#[derive(Debug, Clone, Copy)]
enum Pass {
    Pairs(usize),
    Obstacles(usize),
}

impl Spread {
    /// The work of spreading dots apart by `min_distance` and clear of `obstacles`, inside `view` (width,
    /// height).
    pub fn new(obstacles: Vec<(f64, f64, f64)>, min_distance: f64, view: (f64, f64)) -> Spread {
        // A cell holds what can touch a dot in it from its own or a neighbouring cell: another dot, or an
        // obstacle's clearance.
        let cell = obstacles
            .iter()
            .map(|o| o.2 + min_distance / 2.0)
            .fold(min_distance, f64::max);
        let blockers = Grid::new(obstacles.iter().map(|o| (o.0, o.1)), cell);
        let done = min_distance.is_nan() || min_distance <= 0.0;
        Spread {
            obstacles,
            min_distance,
            view,
            cell,
            blockers,
            round: None,
            rounds: 0,
            moved: false,
            checks: 0,
            done,
        }
    }

    /// Pushes `points` (the same ones at every call) for at least `budget` pairs looked at (a whole dot at a
    /// time; at least one), or to the end; returns whether the dots are spread.
    pub fn step(&mut self, points: &mut [(f64, f64)], budget: usize) -> bool {
        // At least one pair a call, so that every call gets on.
        let stop = self.checks.saturating_add(budget.max(1));
        while !self.done {
            if self.checks >= stop {
                return false;
            }
            let (grid, pass) = self.round.get_or_insert_with(|| {
                (Grid::new(points.iter().copied(), self.cell), Pass::Pairs(0))
            });
            match *pass {
                Pass::Pairs(i) if i < points.len() => {
                    self.checks += push_apart(
                        points,
                        i,
                        grid,
                        self.min_distance,
                        self.view,
                        &mut self.moved,
                    );
                    *pass = Pass::Pairs(i + 1);
                }
                Pass::Pairs(_) => *pass = Pass::Obstacles(0),
                Pass::Obstacles(k) if k < points.len() => {
                    let point = &mut points[k];
                    for (ox, oy, radius) in self.blockers.near(*point).map(|b| self.obstacles[b]) {
                        self.checks += 1;
                        let clearance = radius + self.min_distance / 2.0;
                        let (dx, dy) = (point.0 - ox, point.1 - oy);
                        let distance = length(dx, dy);
                        if distance >= clearance || distance < 1e-9 {
                            continue;
                        }
                        let push = clearance - distance + 1e-6;
                        *point = clamp(
                            (
                                point.0 + dx / distance * push,
                                point.1 + dy / distance * push,
                            ),
                            self.view,
                        );
                        self.moved = true;
                    }
                    *pass = Pass::Obstacles(k + 1);
                }
                Pass::Obstacles(_) => {
                    self.round = None;
                    self.rounds += 1;
                    self.done = points.is_empty()
                        || !self.moved
                        || self.checks > MAX_CHECKS
                        || self.rounds >= MAX_ROUNDS;
                    self.moved = false;
                }
            }
        }
        true
    }

    /// How many pairs have been looked at so far.
    pub fn checks(&self) -> usize {
        self.checks
    }
}

/// Pushes dot `i` and each later neighbour of it in `grid` apart, to `min_distance`; returns the pairs looked
/// at.
fn push_apart(
    points: &mut [(f64, f64)],
    i: usize,
    grid: &Grid,
    min_distance: f64,
    view: (f64, f64),
    moved: &mut bool,
) -> usize {
    const GOLDEN_ANGLE_RAD: f64 = 2.399_963_229_728_653;
    let mut checks = 0;
    for j in grid.near(points[i]).filter(|&j| j > i) {
        checks += 1;
        let (dx, dy) = (points[j].0 - points[i].0, points[j].1 - points[i].1);
        let distance = length(dx, dy);
        if distance >= min_distance {
            continue;
        }
        // Coincident points part along a direction fixed by their index.
        let (ux, uy) = if distance < 1e-9 {
            let (sin, cos) = sin_cos(GOLDEN_ANGLE_RAD * j as f64);
            (cos, sin)
        } else {
            (dx / distance, dy / distance)
        };
        let push = (min_distance - distance) / 2.0 + 1e-6;
        points[i] = clamp((points[i].0 - ux * push, points[i].1 - uy * push), view);
        points[j] = clamp((points[j].0 + ux * push, points[j].1 + uy * push), view);
        *moved = true;
    }
    checks
}

/// Points sorted into square cells `size` wide: the indices of the points in a cell and the eight around it.
/// One list sorted by cell, then by index (a map of cells to lists was a B-tree's code of its own in the
/// wasm, bench/SIZE.md).
#[derive(Debug)]
struct Grid {
    size: f64,
    cells: Vec<((i64, i64), usize)>,
}

impl Grid {
    fn new(points: impl Iterator<Item = (f64, f64)>, size: f64) -> Grid {
        let mut cells: Vec<((i64, i64), usize)> = points
            .enumerate()
            .map(|(index, point)| (key(point, size), index))
            .collect();
        cells.sort_unstable();
        Grid { size, cells }
    }

    /// The points in the cell of `point` and its eight neighbours, in a fixed order.
    fn near(&self, point: (f64, f64)) -> impl Iterator<Item = usize> + '_ {
        let (cx, cy) = key(point, self.size);
        (-1..=1)
            .flat_map(move |dy| (-1..=1).map(move |dx| (cx + dx, cy + dy)))
            .flat_map(|k| {
                let start = self.cells.partition_point(|c| c.0 < k);
                self.cells[start..].iter().take_while(move |c| c.0 == k)
            })
            .map(|c| c.1)
    }
}

/// The cell of a point; a coordinate that is not a number falls in cell 0.
fn key((x, y): (f64, f64), size: f64) -> (i64, i64) {
    ((x / size).floor() as i64, (y / size).floor() as i64)
}

fn clamp((x, y): (f64, f64), (width, height): (f64, f64)) -> (f64, f64) {
    (x.clamp(0.0, width), y.clamp(0.0, height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    /// [`spread`], returning how many pairs it looked at.
    fn spread_counting(
        points: &mut [(f64, f64)],
        obstacles: &[(f64, f64, f64)],
        min_distance: f64,
        width: f64,
        height: f64,
    ) -> usize {
        let mut work = Spread::new(obstacles.to_vec(), min_distance, (width, height));
        while !work.step(points, usize::MAX) {}
        work.checks()
    }

    #[test]
    fn spreading_a_part_at_a_time_ends_as_spreading_at_once() {
        // A crowd with obstacles, cut into parts of a few pairs each.
        let start: Vec<(f64, f64)> = (0..60)
            .map(|i| (300.0 + f64::from(i % 7), 200.0 + f64::from(i / 7)))
            .collect();
        let obstacles = [(320.0, 210.0, 5.0), (280.0, 190.0, 3.0)];
        let mut whole = start.clone();
        spread(&mut whole, &obstacles, 26.0, 1000.0, 600.0);
        let mut parts = start.clone();
        let mut work = Spread::new(obstacles.to_vec(), 26.0, (1000.0, 600.0));
        let mut steps = 1;
        while !work.step(&mut parts, 7) {
            steps += 1;
        }
        assert!(steps > 10, "{steps} parts");
        assert_eq!(parts, whole);
        // A budget of nothing still gets on, a pair at a time.
        let mut least = start.clone();
        let mut work = Spread::new(obstacles.to_vec(), 26.0, (1000.0, 600.0));
        while !work.step(&mut least, 0) {}
        assert_eq!(least, whole);
        assert_ne!(whole, start, "the crowd moved");
    }

    fn min_gap(points: &[(f64, f64)]) -> f64 {
        let mut gap = f64::INFINITY;
        for (i, a) in points.iter().enumerate() {
            for b in &points[i + 1..] {
                gap = gap.min(length(a.0 - b.0, a.1 - b.1));
            }
        }
        gap
    }

    #[test]
    fn a_crowded_cluster_ends_with_no_overlap() {
        // Twenty dots on top of each other, as in the eastern Caribbean at world scale.
        let mut points = vec![(500.0, 300.0); 20];
        spread(&mut points, &[], 26.0, 1000.0, 600.0);
        assert!(min_gap(&points) >= 25.9, "{}", min_gap(&points));
        let mut again = vec![(500.0, 300.0); 20];
        spread(&mut again, &[], 26.0, 1000.0, 600.0);
        assert_eq!(points, again, "deterministic");
    }

    #[test]
    fn dots_already_apart_stay_put() {
        let mut points = vec![(10.0, 10.0), (100.0, 100.0)];
        spread(&mut points, &[], 26.0, 1000.0, 600.0);
        assert_eq!(points, [(10.0, 10.0), (100.0, 100.0)]);
    }

    #[test]
    fn dots_keep_clear_of_small_shapes() {
        let mut points = vec![(100.0, 100.0), (104.0, 100.0)];
        let obstacles = [(120.0, 100.0, 6.0)];
        spread(&mut points, &obstacles, 26.0, 1000.0, 600.0);
        for &(x, y) in &points {
            assert!(
                length(x - 120.0, y - 100.0) >= 6.0 + 13.0 - 1e-6
                    || length(x - 120.0, y - 100.0) < 1e-9,
                "{x},{y}"
            );
        }
    }

    #[test]
    fn spreading_looks_at_neighbours_only() {
        // Two thousand dots already apart, on a grid 30 px wide: each has at most eight neighbours to look at,
        // where looking at every pair would be two million.
        let mut points: Vec<(f64, f64)> = (0..2_000)
            .map(|i| (f64::from(i % 50) * 30.0, f64::from(i / 50) * 30.0))
            .collect();
        let before = points.clone();
        let checks = spread_counting(&mut points, &[(15.0, 15.0, 1.0)], 26.0, 1500.0, 1200.0);
        assert_eq!(points, before, "nothing to move");
        assert!(checks < 10 * points.len(), "{checks} pairs looked at");
    }

    #[test]
    fn the_work_is_bounded_when_the_dots_cannot_part() {
        // Five hundred dots in a view too small for them: they never settle.
        let mut points = vec![(5.0, 5.0); 500];
        let checks = spread_counting(&mut points, &[], 26.0, 10.0, 10.0);
        assert!(
            checks <= MAX_CHECKS + points.len() * points.len(),
            "{checks}"
        );
        assert!(points
            .iter()
            .all(|&(x, y)| (0.0..=10.0).contains(&x) && (0.0..=10.0).contains(&y)));
    }

    #[test]
    fn dots_stay_inside_the_view() {
        let mut points = vec![(0.0, 0.0), (1.0, 1.0), (0.5, 0.0)];
        spread(&mut points, &[], 26.0, 1000.0, 600.0);
        assert!(points
            .iter()
            .all(|&(x, y)| (0.0..=1000.0).contains(&x) && (0.0..=600.0).contains(&y)));
    }
}
