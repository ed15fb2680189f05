//! Dots for states too small to see or hit: placed at a point inside each state, then pushed apart until no
//! two overlap, so that every dot is a whole pointer target (WCAG 2.5.8 asks 24 × 24 CSS px).

/// Pushes `points` apart until every pair is at least `min_distance` apart and each keeps clear of the
/// `obstacles` (fixed circles `(x, y, radius)`: small shapes without a dot, which a dot must not cover), or 200
/// rounds have passed, keeping them inside `0..=width` × `0..=height`. Deterministic: the same input always
/// gives the same output.
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
    const GOLDEN_ANGLE_RAD: f64 = 2.399_963_229_728_653;
    // Dots only ever move a few spacings, so each is checked against what starts near it: this keeps a crowded
    // world map's many dots from costing all pairs in every round.
    let reach = 8.0 * min_distance;
    let near =
        |a: (f64, f64), b: (f64, f64), extra: f64| (a.0 - b.0).hypot(a.1 - b.1) < reach + extra;
    let pairs: Vec<(usize, usize)> = (0..points.len())
        .flat_map(|i| (i + 1..points.len()).map(move |j| (i, j)))
        .filter(|&(i, j)| near(points[i], points[j], 0.0))
        .collect();
    let blockers: Vec<(usize, (f64, f64, f64))> = (0..points.len())
        .flat_map(|i| obstacles.iter().map(move |&o| (i, o)))
        .filter(|&(i, (ox, oy, radius))| near(points[i], (ox, oy), radius))
        .collect();
    for _ in 0..200 {
        let mut moved = false;
        for &(i, j) in &pairs {
            let (dx, dy) = (points[j].0 - points[i].0, points[j].1 - points[i].1);
            let distance = dx.hypot(dy);
            if distance >= min_distance {
                continue;
            }
            // Coincident points part along a direction fixed by their index.
            let (ux, uy) = if distance < 1e-9 {
                let angle = GOLDEN_ANGLE_RAD * j as f64;
                (angle.cos(), angle.sin())
            } else {
                (dx / distance, dy / distance)
            };
            let push = (min_distance - distance) / 2.0 + 1e-6;
            points[i] = clamp(
                (points[i].0 - ux * push, points[i].1 - uy * push),
                width,
                height,
            );
            points[j] = clamp(
                (points[j].0 + ux * push, points[j].1 + uy * push),
                width,
                height,
            );
            moved = true;
        }
        for &(i, (ox, oy, radius)) in &blockers {
            let point = &mut points[i];
            let clearance = radius + min_distance / 2.0;
            let (dx, dy) = (point.0 - ox, point.1 - oy);
            let distance = dx.hypot(dy);
            if distance >= clearance || distance < 1e-9 {
                continue;
            }
            let push = clearance - distance + 1e-6;
            *point = clamp(
                (
                    point.0 + dx / distance * push,
                    point.1 + dy / distance * push,
                ),
                width,
                height,
            );
            moved = true;
        }
        if !moved {
            break;
        }
    }
}

fn clamp((x, y): (f64, f64), width: f64, height: f64) -> (f64, f64) {
    (x.clamp(0.0, width), y.clamp(0.0, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min_gap(points: &[(f64, f64)]) -> f64 {
        let mut gap = f64::INFINITY;
        for (i, a) in points.iter().enumerate() {
            for b in &points[i + 1..] {
                gap = gap.min((a.0 - b.0).hypot(a.1 - b.1));
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
                (x - 120.0).hypot(y - 100.0) >= 6.0 + 13.0 - 1e-6
                    || (x - 120.0).hypot(y - 100.0) < 1e-9,
                "{x},{y}"
            );
        }
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
