//! Whether a ring crosses itself: two edges that are not neighbours along the ring cut through each other.
//!
//! GeoJSON requires simple rings (RFC 7946 § 3.1.6 defers to OGC Simple Features), but a drawn self-crossing
//! ring still fills (SVG's fill rule decides which lobes), so the loader draws it and names it in a diagnostic.
//! Only proper crossings count: rings that touch themselves at a vertex, or run back along an edge, are common
//! in real data and draw correctly.
//!
//! Edges are sorted by their western end and each is compared only with the edges whose x-range overlaps its
//! own (a sweep over x), so a ring of n edges costs O(n log n) plus the overlapping pairs. A pathological ring
//! whose edges all overlap in x stops being checked after [`MAX_PAIRS_PER_EDGE`] × n comparisons: it is then
//! reported as not crossing, never as crossing wrongly.

/// Comparisons allowed per edge before a ring's check gives up.
pub const MAX_PAIRS_PER_EDGE: usize = 64;

/// The first proper crossing found in a closed ring (first position repeated last), as the point where two
/// non-adjacent edges cut each other; `None` for a simple ring (or one too pathological to check).
pub fn self_crossing(ring: &[(f64, f64)]) -> Option<(f64, f64)> {
    let edges = ring.len().checked_sub(1)?;
    if edges < 4 {
        return None; // a triangle cannot cross itself
    }
    let west = |i: usize| ring[i].0.min(ring[i + 1].0);
    let mut order: Vec<usize> = (0..edges).collect();
    order.sort_unstable_by(|&a, &b| west(a).total_cmp(&west(b)));
    let mut budget = MAX_PAIRS_PER_EDGE.saturating_mul(edges);
    for (k, &i) in order.iter().enumerate() {
        let (a, b) = (ring[i], ring[i + 1]);
        let east = a.0.max(b.0);
        for &j in &order[k + 1..] {
            if west(j) > east {
                break;
            }
            if budget == 0 {
                return None;
            }
            budget -= 1;
            let adjacent = i.abs_diff(j) == 1 || i.min(j) == 0 && i.max(j) == edges - 1;
            if adjacent {
                continue;
            }
            if let Some(point) = proper_intersection(a, b, ring[j], ring[j + 1]) {
                return Some(point);
            }
        }
    }
    None
}

/// Where segments ab and cd cut each other at a single point inside both; `None` if they are apart, touch at
/// an end, or are collinear.
fn proper_intersection(
    a: (f64, f64),
    b: (f64, f64),
    c: (f64, f64),
    d: (f64, f64),
) -> Option<(f64, f64)> {
    let cross = |o: (f64, f64), p: (f64, f64), q: (f64, f64)| {
        (p.0 - o.0) * (q.1 - o.1) - (p.1 - o.1) * (q.0 - o.0)
    };
    let (d1, d2) = (cross(a, b, c), cross(a, b, d));
    let (d3, d4) = (cross(c, d, a), cross(c, d, b));
    let opposite = |x: f64, y: f64| (x > 0.0 && y < 0.0) || (x < 0.0 && y > 0.0);
    if !(opposite(d1, d2) && opposite(d3, d4)) {
        return None;
    }
    let t = d3 / (d3 - d4);
    Some((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    fn closed(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
        let mut ring = points.to_vec();
        ring.push(points[0]);
        ring
    }

    #[test]
    fn a_bow_tie_crosses_itself_where_its_diagonals_meet() {
        let bow_tie = closed(&[(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0)]);
        assert_eq!(self_crossing(&bow_tie), Some((1.0, 1.0)));
    }

    #[test]
    fn squares_triangles_and_rings_touching_themselves_are_simple() {
        assert_eq!(
            self_crossing(&closed(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])),
            None
        );
        assert_eq!(
            self_crossing(&closed(&[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)])),
            None
        );
        // Two squares meeting at the vertex (1, 1): touching, not crossing.
        let figure_eight = closed(&[
            (0.0, 0.0),
            (1.0, 0.0),
            (1.0, 1.0),
            (2.0, 1.0),
            (2.0, 2.0),
            (1.0, 2.0),
            (1.0, 1.0),
            (0.0, 1.0),
        ]);
        assert_eq!(self_crossing(&figure_eight), None);
        assert_eq!(self_crossing(&[]), None);
        assert_eq!(self_crossing(&[(0.0, 0.0)]), None);
    }

    #[test]
    fn a_crossing_between_the_first_and_a_middle_edge_is_found() {
        // Edges 2 and 3 dip below the first edge and cut it; the closing edge only touches it.
        let ring = closed(&[(0.0, 0.0), (4.0, 0.0), (4.0, 2.0), (2.0, -1.0), (0.0, 3.0)]);
        let (x, y) = self_crossing(&ring).expect("crossing");
        assert!((y - 0.0).abs() < 1e-12 && x > 0.0 && x < 4.0, "({x}, {y})");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use proptest::prelude::*;

        use super::super::*;
        use super::closed;

        proptest! {
            /// A convex polygon (points on a circle in angular order) never crosses itself.
            #[test]
            fn convex_polygons_are_simple(mut angles in prop::collection::vec(0.0f64..std::f64::consts::TAU, 3..60)) {
                angles.sort_by(f64::total_cmp);
                angles.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
                let points: Vec<(f64, f64)> = angles.iter().map(|t| (t.cos() * 10.0, t.sin() * 10.0)).collect();
                prop_assume!(points.len() >= 3);
                prop_assert_eq!(self_crossing(&closed(&points)), None);
            }

            /// Swapping two non-neighbouring vertices of a regular polygon makes it cross itself.
            #[test]
            fn swapping_two_vertices_of_a_regular_polygon_makes_it_cross(n in 6usize..40, i in 0usize..40, gap in 2usize..20) {
                let i = i % n;
                let j = (i + 2 + gap % (n - 3)) % n;
                prop_assume!(i.abs_diff(j) >= 2 && i.abs_diff(j) <= n - 2);
                let mut points: Vec<(f64, f64)> = (0..n)
                    .map(|k| {
                        let t = std::f64::consts::TAU * k as f64 / n as f64;
                        (t.cos() * 10.0, t.sin() * 10.0)
                    })
                    .collect();
                points.swap(i, j);
                prop_assert!(self_crossing(&closed(&points)).is_some());
            }
        }
    }
}
