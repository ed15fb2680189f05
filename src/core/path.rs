//! SVG path data for projected polygons: absolute coordinates with one decimal, so output is deterministic.

use crate::core::area::Polygon;
use crate::core::projection::Projection;

/// The `d` attribute for `polygons`. Each ring is one subpath (`M x,y x,y … Z`, implicit line-tos); points
/// that round to the previous one are skipped, and a ring left with fewer than three points is dropped, so the
/// result may be empty for an area smaller than the rounding step.
///
/// # Examples
/// ```
/// use treaty_map::core::path::svg_path;
/// use treaty_map::core::projection::{Projection, ProjectionKind};
/// let p = Projection { kind: ProjectionKind::EqualEarth { central_meridian_deg: 0.0 }, scale: 100.0,
///                      translate_x_px: 0.0, translate_y_px: 0.0 };
/// let square = vec![vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]];
/// // 1° of longitude at the equator is π/180 / (√3/2 · 1.340264) ≈ 0.01504 units, 1° of latitude ≈ 0.02026.
/// assert_eq!(svg_path(&[square], &p), "M0,0 1.5,0 1.5,-2Z");
/// ```
pub fn svg_path(polygons: &[Polygon], projection: &Projection) -> String {
    write_path(polygons.iter().flatten().map(|ring| {
        ring.iter()
            .filter_map(|&(lon, lat)| projection.project(lon, lat))
    }))
}

/// As [`svg_path`], for polygons already projected to CSS pixels (the scene projects each point once and
/// uses it for bounds, anchor and path).
pub fn svg_path_px(polygons_px: &[Polygon]) -> String {
    write_path(
        polygons_px
            .iter()
            .flatten()
            .map(|ring| ring.iter().copied()),
    )
}

/// The `d` attribute of open lines (a boundary drawn over the map): each part one subpath without `Z`; a part
/// that rounds to a single point is dropped.
///
/// # Examples
/// ```
/// use treaty_map::core::path::svg_polyline;
/// use treaty_map::core::projection::{Projection, ProjectionKind};
/// let p = Projection { kind: ProjectionKind::EqualEarth { central_meridian_deg: 0.0 }, scale: 100.0,
///                      translate_x_px: 0.0, translate_y_px: 0.0 };
/// assert_eq!(svg_polyline(&[vec![(0.0, 0.0), (1.0, 0.0)]], &p), "M0,0 1.5,0");
/// ```
pub fn svg_polyline(lines: &[Vec<(f64, f64)>], projection: &Projection) -> String {
    write_subpaths(
        lines.iter().map(|line| {
            line.iter()
                .filter_map(|&(lon, lat)| projection.project(lon, lat))
        }),
        false,
    )
}

/// As [`svg_polyline`], for lines already projected to CSS pixels.
pub fn svg_polyline_px(lines_px: &[Vec<(f64, f64)>]) -> String {
    write_subpaths(lines_px.iter().map(|line| line.iter().copied()), false)
}

fn write_path<R: Iterator<Item = (f64, f64)>>(rings: impl Iterator<Item = R>) -> String {
    write_subpaths(rings, true)
}

fn write_subpaths<R: Iterator<Item = (f64, f64)>>(
    parts: impl Iterator<Item = R>,
    closed: bool,
) -> String {
    let mut d = String::new();
    let mut points: Vec<(i64, i64)> = Vec::new();
    for part in parts {
        points.clear();
        for (x, y) in part {
            let p = (tenths(x), tenths(y));
            if points.last() != Some(&p) {
                points.push(p);
            }
        }
        if closed && points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        if points.len() < if closed { 3 } else { 2 } {
            continue;
        }
        for (i, &(x, y)) in points.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { ' ' });
            write_tenths(&mut d, x);
            d.push(',');
            write_tenths(&mut d, y);
        }
        if closed {
            d.push('Z');
        }
    }
    d
}

fn tenths(v: f64) -> i64 {
    // Coordinates are bounded by the viewport, far inside i64.
    (v * 10.0).round() as i64
}

/// Writes `v` tenths as a decimal ("-12.3", "7"), digit by digit: this runs for every point of every path, and
/// `write!` through `core::fmt` costs several times as much.
fn write_tenths(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let a = v.unsigned_abs();
    let mut whole = a / 10;
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
    if a % 10 != 0 {
        out.push('.');
        out.push(char::from(b'0' + (a % 10) as u8));
    }
}

#[cfg(test)]
mod tests {
    #[cfg(not(target_arch = "wasm32"))]
    use expect_test::expect_file;

    use super::*;
    use crate::core::projection::ProjectionKind;
    use crate::harness::test;

    fn identity_ish() -> Projection {
        Projection {
            kind: ProjectionKind::EqualEarth {
                central_meridian_deg: 0.0,
            },
            scale: 1000.0,
            translate_x_px: 500.0,
            translate_y_px: 500.0,
        }
    }

    #[test]
    fn negative_values_and_decimals_are_written_exactly() {
        let mut s = String::new();
        for v in [0, 5, -5, 10, -10, 123, -1234] {
            write_tenths(&mut s, v);
            s.push(' ');
        }
        assert_eq!(s, "0 0.5 -0.5 1 -1 12.3 -123.4 ");
    }

    #[test]
    fn tenths_are_written_as_the_formatter_writes_them() {
        let formatted = |v: i64| {
            let a = v.unsigned_abs();
            let sign = if v < 0 { "-" } else { "" };
            match a % 10 {
                0 => format!("{sign}{}", a / 10),
                d => format!("{sign}{}.{d}", a / 10),
            }
        };
        for v in (-20_000..20_000).chain([i64::MAX, i64::MIN + 1, 99_999_999_999]) {
            let mut s = String::new();
            write_tenths(&mut s, v);
            assert_eq!(s, formatted(v), "{v}");
        }
    }

    #[test]
    fn a_ring_smaller_than_the_rounding_step_is_dropped() {
        let speck = vec![vec![
            (0.0, 0.0),
            (0.000_01, 0.0),
            (0.0, 0.000_01),
            (0.0, 0.0),
        ]];
        assert_eq!(svg_path(&[speck], &identity_ish()), "");
    }

    #[test]
    fn golden_triangle_with_hole_and_island() {
        // A triangle with a hole, and a second polygon: three subpaths in input order.
        let polygons = vec![
            vec![
                vec![(0.0, 0.0), (10.0, 0.0), (5.0, 8.0), (0.0, 0.0)],
                vec![(4.0, 2.0), (6.0, 2.0), (5.0, 4.0), (4.0, 2.0)],
            ],
            vec![vec![(20.0, -5.0), (22.0, -5.0), (21.0, -3.0), (20.0, -5.0)]],
        ];
        let path = svg_path(&polygons, &identity_ish());
        // On wasm32 no file system is there to read (or rewrite) the golden file when the test runs: the same
        // file, compiled in, is compared as it stands.
        #[cfg(target_arch = "wasm32")]
        assert_eq!(
            path,
            include_str!("../../tests/golden/path_triangle_hole_island.txt")
        );
        #[cfg(not(target_arch = "wasm32"))]
        expect_file!["../../tests/golden/path_triangle_hole_island.txt"].assert_eq(&path);
    }
}
