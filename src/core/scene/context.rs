//! What lies around a region's own areas: the neighbouring areas drawn muted for context, and the boundary
//! lines drawn over the map (the Line of Control, undetermined boundaries), each kept where it lies near the
//! region and in the view.

use crate::core::area::{Area, Polygon, Ring};
use crate::core::path::{svg_path_px, svg_polyline_px};
use crate::core::projection::{angular_distance_deg, Projection, ProjectionKind};
use crate::core::scene::{ContextShape, LineShape, VIEW_WIDTH_PX};

/// Context areas further than this from an azimuthal projection's centre are not drawn (they would be
/// stretched around the rim of the projection, and lie outside the view anyway).
const CONTEXT_MAX_DISTANCE_DEG: f64 = 100.0;

/// A context area drawn muted, if it lies near the region and in the view.
pub(super) fn context_shape(
    kind: ProjectionKind,
    area: &Area,
    projection: &Projection,
    height_px: f64,
) -> Option<ContextShape> {
    if !is_near(kind, area) {
        return None;
    }
    let px: Vec<Polygon> = area
        .polygons
        .iter()
        .map(|rings| place_all(rings, projection))
        .collect();
    let d = svg_path_px(&px);
    let shown = !d.is_empty() && overlaps_view(px.iter().flatten().flatten(), height_px);
    shown.then(|| ContextShape {
        name: area.name.clone(),
        d: d.into(),
    })
}

/// A boundary line drawn over the areas, if it lies near the region and in the view.
pub(super) fn line_shape(
    kind: ProjectionKind,
    line: &Area,
    projection: &Projection,
    height_px: f64,
) -> Option<LineShape> {
    if !is_near(kind, line) {
        return None;
    }
    let parts: Vec<Ring> = line.polygons.iter().flatten().cloned().collect();
    let px = place_all(&parts, projection);
    let d = svg_polyline_px(&px);
    let shown = !d.is_empty() && overlaps_view(px.iter().flatten(), height_px);
    Some(LineShape {
        name: line.name.clone(),
        style: line.line?,
        d: d.into(),
    })
    .filter(|_| shown)
}

fn is_near(kind: ProjectionKind, area: &Area) -> bool {
    match kind {
        ProjectionKind::EqualEarth { .. } => true,
        ProjectionKind::LambertAzimuthal {
            center_lon_deg,
            center_lat_deg,
        } => area.positions().all(|p| {
            angular_distance_deg((center_lon_deg, center_lat_deg), p) <= CONTEXT_MAX_DISTANCE_DEG
        }),
    }
}

/// Whether any of `points` (in viewBox pixels) lies inside the viewBox, as its path data rounds it (a cheap
/// test; context and lines only).
fn overlaps_view<'p>(points: impl IntoIterator<Item = &'p (f64, f64)>, height_px: f64) -> bool {
    let tenths = |v: f64| (v * 10.0).round() / 10.0;
    points.into_iter().any(|&(x, y)| {
        (0.0..=VIEW_WIDTH_PX).contains(&tenths(x)) && (0.0..=height_px).contains(&tenths(y))
    })
}

/// `polygons` (or lines: `Ring`s) in viewBox pixels; points that do not project are left out.
fn place_all(rings: &[Ring], projection: &Projection) -> Vec<Ring> {
    rings
        .iter()
        .map(|ring| {
            ring.iter()
                .filter_map(|&(lon, lat)| projection.project(lon, lat))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    #[test]
    fn context_and_lines_are_kept_where_a_point_lies_in_the_view_as_rounded() {
        let points = [(-0.04, 10.0), (500.0, 300.0)];
        assert!(overlaps_view(&points[..1], 100.0), "-0.04 rounds to 0");
        assert!(!overlaps_view(&points[1..], 100.0));
        assert!(overlaps_view(&points, 300.0));
        assert!(!overlaps_view(&[(1000.06, 5.0)], 100.0));
    }
}
