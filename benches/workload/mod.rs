//! The workload compared with d3-geo, shared by the native benchmarks (`benches/core.rs`) and the wasm benchmark
//! crate (`bench/wasm`), so both measure exactly the same code.

use treaty_map::core::area::Area;
use treaty_map::core::path::svg_path;
use treaty_map::core::projection::{Bounds, Projection, ProjectionKind};

/// The viewport d3-geo is fitted to as well: `fitExtent([[8, 8], [992, 492]], …)`.
pub const WIDTH_PX: f64 = 1000.0;
pub const HEIGHT_PX: f64 = 500.0;
pub const PADDING_PX: f64 = 8.0;

/// Projection and SVG path data for every area: Equal Earth bounds of every position, the fit into the viewport,
/// then `svg_path` (one decimal) for each area. Returns the total length of the path data.
pub fn project_and_paths(areas: &[Area]) -> usize {
    let kind = ProjectionKind::EqualEarth {
        central_meridian_deg: 0.0,
    };
    let points = areas
        .iter()
        .flat_map(Area::positions)
        .filter_map(|(lon, lat)| kind.forward(lon.to_radians(), lat.to_radians()));
    let Some(bounds) = Bounds::of(points) else {
        return 0;
    };
    let projection = Projection::fit(kind, bounds, WIDTH_PX, HEIGHT_PX, PADDING_PX);
    areas
        .iter()
        .map(|area| svg_path(&area.polygons, &projection).len())
        .sum()
}

/// The fitted projection's scale and translation, to check that d3-geo fitted the same way.
pub fn fit(areas: &[Area]) -> Option<(f64, f64, f64)> {
    let kind = ProjectionKind::EqualEarth {
        central_meridian_deg: 0.0,
    };
    let points = areas
        .iter()
        .flat_map(Area::positions)
        .filter_map(|(lon, lat)| kind.forward(lon.to_radians(), lat.to_radians()));
    let p = Projection::fit(kind, Bounds::of(points)?, WIDTH_PX, HEIGHT_PX, PADDING_PX);
    Some((p.scale, p.translate_x_px, p.translate_y_px))
}
