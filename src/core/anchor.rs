//! Where a shape sits on the map: a point inside it (for dots, keyboard neighbours and zooming to it) and its
//! size on screen (to know when it needs a dot to be seen and hit).

use crate::core::area::{map_positions, Polygon};
use crate::core::projection::Projection;
use crate::core::trig::length;

/// A point inside an area's largest polygon, in CSS pixels of the viewBox, and that polygon's larger side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    pub x_px: f64,
    pub y_px: f64,
    pub extent_px: f64,
}

/// The anchor of `polygons` under `projection`, or `None` if nothing projects.
///
/// The point is inside the largest polygon (outside its holes) and well inside it: the centroid of its exterior
/// ring, unless that lies outside or near the outline (Israel's, on the West Bank's edge); then the middle of
/// the widest inside stretch of one of nine horizontal lines (through the centroid and at every eighth of the
/// height), whichever lies farthest from the outline.
///
/// # Examples
/// ```
/// use treaty_map::core::anchor::anchor;
/// use treaty_map::core::projection::{Projection, ProjectionKind};
/// let p = Projection { kind: ProjectionKind::EqualEarth { central_meridian_deg: 0.0 }, scale: 1000.0,
///                      translate_x_px: 0.0, translate_y_px: 0.0 };
/// let square = vec![vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]];
/// let a = anchor(&[square], &p).unwrap();
/// assert!(a.x_px > 0.0 && a.x_px < 16.0 && a.y_px < 0.0 && a.y_px > -21.0);
/// ```
pub fn anchor(polygons: &[Polygon], projection: &Projection) -> Option<Anchor> {
    anchor_px(&map_positions(polygons, |lon, lat| {
        projection.project(lon, lat)
    }))
}

/// As [`anchor`], for polygons already projected to CSS pixels.
pub fn anchor_px(polygons_px: &[Polygon]) -> Option<Anchor> {
    let polygon = polygons_px
        .iter()
        .filter(|p| p.first().is_some_and(|r| !r.is_empty()))
        .max_by(|a, b| {
            signed_area(&a[0])
                .abs()
                .total_cmp(&signed_area(&b[0]).abs())
        })?;
    let ring = &polygon[0];
    let (x_min, x_max) = min_max(ring.iter().map(|p| p.0));
    let (y_min, y_max) = min_max(ring.iter().map(|p| p.1));
    let extent_px = (x_max - x_min).max(y_max - y_min);
    let (cx, cy) = centroid(ring).unwrap_or(((x_min + x_max) / 2.0, (y_min + y_max) / 2.0));
    // Inside the exterior and outside every hole (an enclave: Lesotho in South Africa, Brunei in Malaysia's
    // Borneo, San Marino in Italy). The centroid stays unless a stretch's middle lies over four times as far
    // from the outline: a pointer at the anchor then reaches this shape, not the neighbour drawn above it.
    let clearance = |p: (f64, f64)| contains(polygon, p).then(|| distance_to_outline(polygon, p));
    let spans = std::iter::once(cy)
        .chain((1..8).map(|k| y_min + (y_max - y_min) * f64::from(k) / 8.0))
        .filter_map(|y| widest_span_middle(polygon, y))
        .filter_map(|p| clearance(p).map(|d| (p, d)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let (x_px, y_px) = match (clearance((cx, cy)), spans) {
        (Some(d), Some((p, best))) if best > 4.0 * d => p,
        (Some(_), _) => (cx, cy),
        (None, Some((p, _))) => p,
        (None, None) => ring[0],
    };
    Some(Anchor {
        x_px,
        y_px,
        extent_px,
    })
}

fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

fn signed_area(ring: &[(f64, f64)]) -> f64 {
    ring.iter()
        .zip(ring.iter().cycle().skip(1))
        .map(|(a, b)| a.0 * b.1 - b.0 * a.1)
        .sum::<f64>()
        / 2.0
}

fn centroid(ring: &[(f64, f64)]) -> Option<(f64, f64)> {
    let area = signed_area(ring);
    if area.abs() < 1e-12 {
        return None;
    }
    let (mut cx, mut cy) = (0.0, 0.0);
    for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
        let cross = a.0 * b.1 - b.0 * a.1;
        cx += (a.0 + b.0) * cross;
        cy += (a.1 + b.1) * cross;
    }
    Some((cx / (6.0 * area), cy / (6.0 * area)))
}

/// Even–odd ray casting over a polygon's rings (holes included).
fn contains(rings: &[Vec<(f64, f64)>], (x, y): (f64, f64)) -> bool {
    let mut inside = false;
    for ring in rings {
        for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
            if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1) {
                inside = !inside;
            }
        }
    }
    inside
}

/// The distance from `p` to the nearest edge of any of a polygon's rings.
fn distance_to_outline(rings: &[Vec<(f64, f64)>], (x, y): (f64, f64)) -> f64 {
    rings
        .iter()
        .flat_map(|ring| ring.iter().zip(ring.iter().cycle().skip(1)))
        .map(|(a, b)| {
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let length2 = dx * dx + dy * dy;
            let t = if length2 > 0.0 {
                (((x - a.0) * dx + (y - a.1) * dy) / length2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            length(x - a.0 - t * dx, y - a.1 - t * dy)
        })
        .fold(f64::INFINITY, f64::min)
}

/// The middle of the widest inside stretch of the horizontal line at `y` (even–odd over every ring, so a hole
/// is outside).
fn widest_span_middle(rings: &[Vec<(f64, f64)>], y: f64) -> Option<(f64, f64)> {
    let mut crossings: Vec<f64> = rings
        .iter()
        .flat_map(|ring| ring.iter().zip(ring.iter().cycle().skip(1)))
        .filter(|(a, b)| (a.1 > y) != (b.1 > y))
        .map(|(a, b)| a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1))
        .collect();
    crossings.sort_unstable_by(f64::total_cmp);
    crossings
        .chunks_exact(2)
        .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))
        .map(|pair| ((pair[0] + pair[1]) / 2.0, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::projection::ProjectionKind;
    use crate::harness::test;

    fn identity() -> Projection {
        // Near the origin, Equal Earth at this scale is close to the identity in degrees; exactness is not needed.
        Projection {
            kind: ProjectionKind::EqualEarth {
                central_meridian_deg: 0.0,
            },
            scale: 1.0,
            translate_x_px: 0.0,
            translate_y_px: 0.0,
        }
    }

    #[test]
    fn a_c_shape_gets_a_point_inside_it_not_its_centroid() {
        // A "C" opening to the right: its centroid lies in the gap.
        let c = vec![vec![
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 2.0),
            (2.0, 2.0),
            (2.0, 8.0),
            (10.0, 8.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ]];
        let projection = identity();
        let a = anchor(std::slice::from_ref(&c), &projection).unwrap();
        let ring: Vec<(f64, f64)> = c[0]
            .iter()
            .map(|&(lon, lat)| projection.project(lon, lat).unwrap())
            .collect();
        assert!(contains(&[ring], (a.x_px, a.y_px)), "{a:?}");
    }

    #[test]
    fn a_centroid_on_the_outline_gives_way_to_a_point_well_inside() {
        // A thick "L": its centroid lies inside but within a unit of the inner corner.
        let l = vec![vec![
            (0.0, 0.0),
            (20.0, 0.0),
            (20.0, 8.0),
            (8.0, 8.0),
            (8.0, 20.0),
            (0.0, 20.0),
            (0.0, 0.0),
        ]];
        let (cx, cy) = centroid(&l[0]).unwrap();
        assert!(contains(&l, (cx, cy)) && distance_to_outline(&l, (cx, cy)) < 1.0);
        let a = anchor_px(std::slice::from_ref(&l)).unwrap();
        assert!(contains(&l, (a.x_px, a.y_px)), "{a:?}");
        assert!(distance_to_outline(&l, (a.x_px, a.y_px)) >= 1.9, "{a:?}");
    }

    #[test]
    fn an_enclave_s_hole_is_not_the_anchor() {
        // A square with a hole around its centre (an enclave): the anchor lies in the square, not the hole.
        let square = vec![
            vec![
                (0.0, 0.0),
                (10.0, 0.0),
                (10.0, 10.0),
                (0.0, 10.0),
                (0.0, 0.0),
            ],
            vec![(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0)],
        ];
        let a = anchor_px(std::slice::from_ref(&square)).unwrap();
        assert!(contains(&square, (a.x_px, a.y_px)), "{a:?}");
        assert!(!(4.0..=6.0).contains(&a.x_px), "{a:?}");
    }

    #[test]
    fn the_largest_polygon_wins_and_sets_the_extent() {
        let small = vec![vec![(50.0, 50.0), (50.1, 50.0), (50.1, 50.1), (50.0, 50.0)]];
        let large = vec![vec![
            (0.0, 0.0),
            (20.0, 0.0),
            (20.0, 20.0),
            (0.0, 20.0),
            (0.0, 0.0),
        ]];
        let a = anchor(&[small, large], &identity()).unwrap();
        assert!(a.extent_px > 0.2, "{a:?}");
        assert!(a.x_px > 0.0 && a.x_px < 0.4);
    }

    #[test]
    fn nothing_to_anchor() {
        assert_eq!(anchor(&[], &identity()), None);
    }
}
