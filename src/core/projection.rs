//! Map projections, fitted to a viewport, in the design of d3-geo: a raw projection maps radians on the unit
//! sphere to plane coordinates (y up) and back; [`Projection`] adds scale and translation to CSS pixels (y down).
//!
//! Sources of the formulas:
//! - Equal Earth: B. Šavrič, T. Patterson, B. Jenny, "The Equal Earth map projection", International Journal of
//!   Geographical Information Science 33 (2019), equations (1)–(2) and the coefficients of table 1.
//! - Lambert azimuthal equal-area (oblique, spherical): J. P. Snyder, "Map Projections — A Working Manual",
//!   USGS Professional Paper 1395 (1987), equations (24-2) to (24-4) and, for the inverse, (20-14), (20-18),
//!   (24-16) and (20-15).

use std::f64::consts::{FRAC_PI_2, PI, TAU};

use crate::core::trig::{cos, length, sin, sin_cos};

/// The projections the widget draws with. Each region names one (`Region::projection` in `core::region`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ProjectionKind {
    /// Equal Earth, equal-area pseudocylindrical, centred on `central_meridian_deg`. The world map uses it with
    /// the Greenwich meridian, so that the source data's cut at ±180° is the map's edge.
    EqualEarth { central_meridian_deg: f64 },
    /// Lambert azimuthal equal-area, centred on a point of the region: equal-area, with shape distortion
    /// growing only slowly away from the centre, which suits a continent.
    LambertAzimuthal {
        center_lon_deg: f64,
        center_lat_deg: f64,
    },
}

// Equal Earth coefficients (Šavrič et al., table 1).
const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
// M = sqrt(3) / 2.
const M: f64 = 0.866_025_403_784_438_6;

impl ProjectionKind {
    /// Projects a point on the unit sphere (radians) to the plane, y pointing north. `None` only where the
    /// projection has no finite image (the antipode of an azimuthal projection's centre).
    pub fn forward(self, lambda_rad: f64, phi_rad: f64) -> Option<(f64, f64)> {
        match self {
            ProjectionKind::EqualEarth {
                central_meridian_deg,
            } => {
                let lambda = wrap_pi(lambda_rad - central_meridian_deg.to_radians());
                let theta = (M * sin(phi_rad)).asin();
                let (t2, t6) = (theta * theta, theta.powi(6));
                let x = lambda * cos(theta)
                    / (M * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
                let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
                Some((x, y))
            }
            ProjectionKind::LambertAzimuthal {
                center_lon_deg,
                center_lat_deg,
            } => {
                let (sin_phi1, cos_phi1) = sin_cos(center_lat_deg.to_radians());
                let (sin_phi, cos_phi) = sin_cos(phi_rad);
                let (sin_dl, cos_dl) = sin_cos(lambda_rad - center_lon_deg.to_radians());
                let denominator = 1.0 + sin_phi1 * sin_phi + cos_phi1 * cos_phi * cos_dl;
                if denominator < 1e-12 {
                    return None;
                }
                let k = (2.0 / denominator).sqrt();
                Some((
                    k * cos_phi * sin_dl,
                    k * (cos_phi1 * sin_phi - sin_phi1 * cos_phi * cos_dl),
                ))
            }
        }
    }

    /// The inverse of [`ProjectionKind::forward`]: plane to radians, longitude in [−π, π]. `None` outside
    /// the projection's image.
    pub fn inverse(self, x: f64, y: f64) -> Option<(f64, f64)> {
        match self {
            ProjectionKind::EqualEarth {
                central_meridian_deg,
            } => {
                let y_max = FRAC_PI_2 / 1.5
                    * (A1
                        + A2 * (PI / 3.0).powi(2)
                        + (PI / 3.0).powi(6) * (A3 + A4 * (PI / 3.0).powi(2)));
                if !x.is_finite() || y.abs() > y_max + 1e-12 {
                    return None;
                }
                // Newton's method on θ (the paper's section 2).
                let mut theta = y / A1;
                for _ in 0..20 {
                    let (t2, t6) = (theta * theta, theta.powi(6));
                    let f = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)) - y;
                    let df = A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2);
                    let step = f / df;
                    theta -= step;
                    if step.abs() < 1e-13 {
                        break;
                    }
                }
                let (t2, t6) = (theta * theta, theta.powi(6));
                let lambda =
                    M * x * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)) / cos(theta);
                if lambda.abs() > PI + 1e-9 {
                    return None;
                }
                let phi = (sin(theta) / M).clamp(-1.0, 1.0).asin();
                Some((wrap_pi(lambda + central_meridian_deg.to_radians()), phi))
            }
            ProjectionKind::LambertAzimuthal {
                center_lon_deg,
                center_lat_deg,
            } => {
                let (lambda0, phi1) = (center_lon_deg.to_radians(), center_lat_deg.to_radians());
                let rho = length(x, y);
                if rho.is_nan() || rho > 2.0 {
                    return None;
                }
                if rho < 1e-15 {
                    return Some((wrap_pi(lambda0), phi1));
                }
                let c = 2.0 * (rho / 2.0).asin();
                let (sin_c, cos_c) = sin_cos(c);
                let (sin_phi1, cos_phi1) = sin_cos(phi1);
                let phi = (cos_c * sin_phi1 + y * sin_c * cos_phi1 / rho)
                    .clamp(-1.0, 1.0)
                    .asin();
                let lambda =
                    lambda0 + (x * sin_c).atan2(rho * cos_phi1 * cos_c - y * sin_phi1 * sin_c);
                Some((wrap_pi(lambda), phi))
            }
        }
    }
}

/// A projection scaled and translated into CSS pixels, with y pointing down as in SVG.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub kind: ProjectionKind,
    pub scale: f64,
    pub translate_x_px: f64,
    pub translate_y_px: f64,
}

/// An axis-aligned rectangle in raw projected coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

impl Bounds {
    /// The smallest rectangle holding every point, or `None` for no points.
    pub fn of(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Bounds> {
        points.into_iter().fold(None, |bounds, (x, y)| {
            let b = bounds.unwrap_or(Bounds {
                x_min: x,
                y_min: y,
                x_max: x,
                y_max: y,
            });
            Some(Bounds {
                x_min: b.x_min.min(x),
                y_min: b.y_min.min(y),
                x_max: b.x_max.max(x),
                y_max: b.y_max.max(y),
            })
        })
    }

    pub fn width(&self) -> f64 {
        self.x_max - self.x_min
    }

    pub fn height(&self) -> f64 {
        self.y_max - self.y_min
    }
}

impl Projection {
    /// Fits `bounds` (raw projected coordinates, y up) centred into a `width_px` × `height_px` viewport with
    /// `padding_px` on every side, as d3's `fitExtent` does.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::projection::{Bounds, Projection, ProjectionKind};
    /// let kind = ProjectionKind::EqualEarth { central_meridian_deg: 0.0 };
    /// let bounds = Bounds { x_min: -1.0, y_min: -1.0, x_max: 1.0, y_max: 1.0 };
    /// let p = Projection::fit(kind, bounds, 100.0, 100.0, 10.0);
    /// assert_eq!(p.project(0.0, 0.0), Some((50.0, 50.0)));
    /// assert_eq!(p.scale, 40.0);
    /// ```
    pub fn fit(
        kind: ProjectionKind,
        bounds: Bounds,
        width_px: f64,
        height_px: f64,
        padding_px: f64,
    ) -> Projection {
        let usable_w = (width_px - 2.0 * padding_px).max(1.0);
        let usable_h = (height_px - 2.0 * padding_px).max(1.0);
        let scale =
            (usable_w / bounds.width().max(1e-12)).min(usable_h / bounds.height().max(1e-12));
        let center_x = (bounds.x_min + bounds.x_max) / 2.0;
        let center_y = (bounds.y_min + bounds.y_max) / 2.0;
        Projection {
            kind,
            scale,
            translate_x_px: width_px / 2.0 - scale * center_x,
            translate_y_px: height_px / 2.0 + scale * center_y,
        }
    }

    /// Longitude and latitude in degrees to CSS pixels.
    pub fn project(&self, lon_deg: f64, lat_deg: f64) -> Option<(f64, f64)> {
        self.kind
            .forward(lon_deg.to_radians(), lat_deg.to_radians())
            .map(|raw| self.place(raw))
    }

    /// A raw projected point (`kind.forward`'s output, y up) in CSS pixels: `project` is `forward`, then this.
    pub fn place(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.translate_x_px + self.scale * x,
            self.translate_y_px - self.scale * y,
        )
    }

    /// CSS pixels back to longitude and latitude in degrees.
    pub fn invert(&self, x_px: f64, y_px: f64) -> Option<(f64, f64)> {
        let x = (x_px - self.translate_x_px) / self.scale;
        let y = (self.translate_y_px - y_px) / self.scale;
        let (lambda, phi) = self.kind.inverse(x, y)?;
        Some((lambda.to_degrees(), phi.to_degrees()))
    }
}

/// Wraps an angle into [−π, π]; angles already there, ±π included, are kept as they are, so that data cut at
/// the antimeridian keeps its side.
fn wrap_pi(angle_rad: f64) -> f64 {
    if (-PI..=PI).contains(&angle_rad) {
        angle_rad
    } else {
        // Whole turns taken off, not `rem_euclid`, whose exact remainder links 128-bit division into the wasm.
        angle_rad - TAU * ((angle_rad + PI) / TAU).floor()
    }
}

/// Great-circle distance between two points, in degrees.
pub fn angular_distance_deg(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let ((sin1, cos1), (sin2, cos2)) = (sin_cos(lat1), sin_cos(lat2));
    let cos_c = sin1 * sin2 + cos1 * cos2 * cos(lon2 - lon1);
    cos_c.clamp(-1.0, 1.0).acos().to_degrees()
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;
    use crate::harness::test;

    const EQUAL_EARTH: ProjectionKind = ProjectionKind::EqualEarth {
        central_meridian_deg: 0.0,
    };

    #[test]
    fn equal_earth_matches_reference_values() {
        // PROJ's test suite (test/gie/builtins.gie, `+proj=eqearth +R=6378137`, tolerance 1 cm) gives
        // 180° E 0° → x = 17263256.84 m and 180° E 45° N → (14795421.79 m, 5486671.72 m).
        let radius_m = 6_378_137.0;
        let p = Projection {
            kind: EQUAL_EARTH,
            scale: radius_m,
            translate_x_px: 0.0,
            translate_y_px: 0.0,
        };
        let cases = [
            ((180.0, 0.0), (17_263_256.84, 0.0)),
            ((-180.0, 0.0), (-17_263_256.84, 0.0)),
            ((180.0, 45.0), (14_795_421.79, 5_486_671.72)),
            ((-180.0, -45.0), (-14_795_421.79, -5_486_671.72)),
            ((0.0, 0.0), (0.0, 0.0)),
        ];
        for ((lon, lat), (x_m, y_m)) in cases {
            let (px, py) = p.project(lon, lat).unwrap();
            // Screen y points down; PROJ's northing points up.
            assert_abs_diff_eq!(px, x_m, epsilon = 0.01);
            assert_abs_diff_eq!(-py, y_m, epsilon = 0.01);
        }
    }

    #[test]
    fn lambert_azimuthal_matches_snyders_worked_example() {
        // Snyder (1987), p. 332: R = 3, centre 40° N 100° W, point 20° S 100° E → x = −4.2339303, y = 4.0257775.
        let kind = ProjectionKind::LambertAzimuthal {
            center_lon_deg: -100.0,
            center_lat_deg: 40.0,
        };
        let (x, y) = kind
            .forward(100f64.to_radians(), (-20f64).to_radians())
            .unwrap();
        assert_abs_diff_eq!(3.0 * x, -4.233_930_3, epsilon = 1e-6);
        assert_abs_diff_eq!(3.0 * y, 4.025_777_5, epsilon = 1e-6);
    }

    #[test]
    fn lambert_azimuthal_has_no_image_of_the_antipode() {
        let kind = ProjectionKind::LambertAzimuthal {
            center_lon_deg: 0.0,
            center_lat_deg: 0.0,
        };
        assert_eq!(kind.forward(PI, 0.0), None);
        assert_eq!(kind.inverse(2.5, 0.0), None);
    }

    #[test]
    fn equal_earth_rejects_points_outside_its_outline() {
        assert_eq!(EQUAL_EARTH.inverse(0.0, 1.4), None);
        assert_eq!(EQUAL_EARTH.inverse(2.8, 0.0), None);
    }

    #[test]
    fn central_meridian_moves_the_map_centre() {
        let kind = ProjectionKind::EqualEarth {
            central_meridian_deg: -80.0,
        };
        let (x, y) = kind.forward((-80f64).to_radians(), 0.0).unwrap();
        assert_abs_diff_eq!(x, 0.0);
        assert_abs_diff_eq!(y, 0.0);
    }

    #[test]
    fn wrap_pi_keeps_angles_in_half_open_range() {
        assert_abs_diff_eq!(wrap_pi(3.5 * PI), -0.5 * PI, epsilon = 1e-12);
        assert_abs_diff_eq!(wrap_pi(-PI), -PI);
        assert_abs_diff_eq!(wrap_pi(-1.5 * PI), 0.5 * PI, epsilon = 1e-12);
        assert_abs_diff_eq!(wrap_pi(0.5), 0.5);
        for i in -2000..=2000 {
            let angle = f64::from(i) * 0.0137;
            let wrapped = wrap_pi(angle);
            assert!(
                (-PI - 1e-12..=PI + 1e-12).contains(&wrapped),
                "{angle} → {wrapped}"
            );
            let turns = (angle - wrapped) / TAU;
            assert_abs_diff_eq!(turns, turns.round(), epsilon = 1e-9);
        }
    }

    #[test]
    fn angular_distance_of_quarter_circle() {
        assert_abs_diff_eq!(
            angular_distance_deg((0.0, 0.0), (90.0, 0.0)),
            90.0,
            epsilon = 1e-9
        );
        assert_abs_diff_eq!(
            angular_distance_deg((10.0, 90.0), (-70.0, 90.0)),
            0.0,
            epsilon = 1e-6
        );
    }

    // Property tests run natively (proptest's random source does not build for wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use proptest::prelude::*;

        use super::*;

        fn kinds() -> impl Strategy<Value = ProjectionKind> {
            prop_oneof![
                (-180.0..180.0f64).prop_map(|m| ProjectionKind::EqualEarth {
                    central_meridian_deg: m
                }),
                (-180.0..180.0f64, -80.0..80.0f64).prop_map(|(lon, lat)| {
                    ProjectionKind::LambertAzimuthal {
                        center_lon_deg: lon,
                        center_lat_deg: lat,
                    }
                }),
            ]
        }

        fn center(kind: ProjectionKind) -> (f64, f64) {
            match kind {
                ProjectionKind::EqualEarth {
                    central_meridian_deg,
                } => (central_meridian_deg, 0.0),
                ProjectionKind::LambertAzimuthal {
                    center_lon_deg,
                    center_lat_deg,
                } => (center_lon_deg, center_lat_deg),
            }
        }

        proptest! {
            #[test]
            fn invert_undoes_project(kind in kinds(), lon in -179.9..179.9f64, lat in -89.0..89.0f64,
                                     scale in 10.0..2000.0f64, tx in -500.0..500.0f64, ty in -500.0..500.0f64) {
                // Azimuthal projections lose precision near the antipode of their centre, where they have no image.
                prop_assume!(angular_distance_deg(center(kind), (lon, lat)) < 170.0);
                let p = Projection { kind, scale, translate_x_px: tx, translate_y_px: ty };
                let (x, y) = p.project(lon, lat).unwrap();
                let (lon2, lat2) = p.invert(x, y).unwrap();
                let dlon = (lon2 - lon + 540.0).rem_euclid(360.0) - 180.0;
                prop_assert!(dlon.abs() < 1e-6 && (lat2 - lat).abs() < 1e-6, "{lon},{lat} → {lon2},{lat2}");
            }

            #[test]
            fn area_is_preserved(kind in kinds(), lon in -170.0..170.0f64, lat in -80.0..80.0f64) {
                // Both projections are equal-area: the Jacobian determinant of (λ, φ) ↦ (x, y) equals cos φ.
                prop_assume!(angular_distance_deg(center(kind), (lon, lat)) < 150.0);
                let h = 1e-6;
                let (l, f) = (lon.to_radians(), lat.to_radians());
                let fwd = |l: f64, f: f64| kind.forward(l, f).unwrap();
                let (x0, y0) = fwd(l, f);
                let (xl, yl) = fwd(l + h, f);
                let (xf, yf) = fwd(l, f + h);
                let det = ((xl - x0) * (yf - y0) - (xf - x0) * (yl - y0)) / (h * h);
                prop_assert!((det - f.cos()).abs() < 1e-4, "det {det} vs cos φ {}", f.cos());
            }

            #[test]
            fn fit_puts_the_bounds_inside_the_viewport(x0 in -3.0..3.0f64, y0 in -3.0..3.0f64, w in 0.01..4.0f64,
                                                        h in 0.01..4.0f64, vw in 50.0..2000.0f64, vh in 50.0..2000.0f64) {
                let bounds = Bounds { x_min: x0, y_min: y0, x_max: x0 + w, y_max: y0 + h };
                let p = Projection::fit(EQUAL_EARTH, bounds, vw, vh, 10.0);
                let corners = [(bounds.x_min, bounds.y_min), (bounds.x_max, bounds.y_max)];
                for (x, y) in corners {
                    let sx = p.translate_x_px + p.scale * x;
                    let sy = p.translate_y_px - p.scale * y;
                    prop_assert!((10.0 - 1e-6..=vw - 10.0 + 1e-6).contains(&sx));
                    prop_assert!((10.0 - 1e-6..=vh - 10.0 + 1e-6).contains(&sy));
                }
            }
        }
    }
}
