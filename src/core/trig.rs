//! `sin`, `cos` and `sin_cos` of the angles the core turns: a projection's longitudes and latitudes, the
//! directions a dot is pushed in. `f64::sin` and `f64::cos` would link, in the wasm, the C library's
//! reduction of an angle of any size (`rem_pio2`, made for arguments up to 10³⁰⁸ radians: 3.4 K of code and
//! its tables, 1.8 KB brotli; bench/SIZE.md); these reduce by quarter turns with π/2 in two parts (Cody and
//! Waite's method), exact while the count of quarter turns stays under 2²⁰, and evaluate the Taylor series
//! on what is left, within π/4 of zero. `cargo xtask build` fails if `rem_pio2` is linked again.
//!
//! Within a million radians each result is within two units in the last place of the exact value, or within
//! 10⁻²⁰ of it near a zero of the function (tested against the platform's C library natively). Beyond that the
//! results lose accuracy: the core's angles stay within a few turns. Not a number or an infinity gives not a
//! number, as `f64::sin` does. The same code runs natively and in the wasm: the pre-renders and the live maps
//! turn their angles alike.
//!
//! And [`length`], the distance of the map's geometry, without `f64::hypot`, which would link the C library's.

use std::f64::consts::{FRAC_2_PI, FRAC_PI_2, FRAC_PI_4};

/// π/2 to 33 bits (its low 20 bits cleared), so that `n × PIO2_HI` is exact for any count `n` under 2²⁰.
const PIO2_HI: f64 = f64::from_bits(FRAC_PI_2.to_bits() & !0xf_ffff);
/// π/2 − `PIO2_HI`, from π's digits (1.5707963267948966192313216916397514… − 1.5707963267341256141662597656250).
const PIO2_LO: f64 = 6.077_100_506_506_192e-11;

/// Under 2⁻²⁷, r³/6 is under half a unit in the last place of r, and r²/2 under half of one below 1.
const TINY: f64 = 1.0 / (1_u64 << 27) as f64;

/// `n!`, exactly (up to 20!).
const fn factorial(n: u64) -> u64 {
    let mut product = 1;
    let mut i = 2;
    while i <= n {
        product *= i;
        i += 1;
    }
    product
}

/// The Taylor coefficients `(−1)ᵏ / (first + 2k)!` for k = 0, 1, …: each `n!` is exact as an `f64` (up to
/// 20!, whose odd part has under 53 bits), so each coefficient is one rounding from the exact fraction.
const fn series<const N: usize>(first: u64) -> [f64; N] {
    let mut terms = [0.0; N];
    let mut k = 0;
    while k < N {
        let inverse = 1.0 / factorial(first + 2 * k as u64) as f64;
        terms[k] = if k % 2 == 0 { -inverse } else { inverse };
        k += 1;
    }
    terms
}

/// sin r = r + r³ (−1/3! + r² (1/5! − …)), to the term in r¹⁷: the next, r¹⁹/19!, is under 10⁻¹⁹ for |r| ≤ π/4.
const SIN: [f64; 8] = series(3);
/// cos r = 1 + r² (−1/2! + r² (1/4! − …)), to the term in r¹⁸: the next is under 10⁻²⁰ for |r| ≤ π/4.
const COS: [f64; 9] = series(2);

/// sin r, |r| ≤ π/4 (a little over, after rounding): the series by Horner's rule, written out.
fn sin_near_zero(r: f64) -> f64 {
    if r.abs() < TINY {
        // sin r rounds to r (and −0 stays −0, which the series would make +0).
        return r;
    }
    let z = r * r;
    let s = &SIN;
    let p = s[0]
        + z * (s[1] + z * (s[2] + z * (s[3] + z * (s[4] + z * (s[5] + z * (s[6] + z * s[7]))))));
    r + r * z * p
}

/// cos r, |r| ≤ π/4 (a little over, after rounding); 1 under [`TINY`], as the series rounds it.
fn cos_near_zero(r: f64) -> f64 {
    let z = r * r;
    let c = &COS;
    let p = c[0]
        + z * (c[1]
            + z * (c[2]
                + z * (c[3] + z * (c[4] + z * (c[5] + z * (c[6] + z * (c[7] + z * c[8])))))));
    1.0 + z * p
}

/// `x` as a count of quarter turns and what is left, within π/4 of zero.
fn reduce(x: f64) -> (i64, f64) {
    if x.abs() <= FRAC_PI_4 {
        // Not reduced: a small angle is not rounded by the reduction.
        return (0, x);
    }
    let quarters = (x * FRAC_2_PI).round_ties_even();
    // `as` saturates: a count of quarter turns beyond i64 belongs to an angle far outside the domain.
    (
        quarters as i64,
        (x - quarters * PIO2_HI) - quarters * PIO2_LO,
    )
}

/// The sine of `quarters` quarter turns and `r` (its last two bits the quadrant); the cosine is the sine a
/// quarter turn on.
fn sine(quarters: i64, r: f64) -> f64 {
    match quarters & 3 {
        0 => sin_near_zero(r),
        1 => cos_near_zero(r),
        2 => -sin_near_zero(r),
        _ => -cos_near_zero(r),
    }
}

/// The sine of `x` (radians).
pub fn sin(x: f64) -> f64 {
    let (quarters, r) = reduce(x);
    sine(quarters, r)
}

/// The cosine of `x` (radians).
pub fn cos(x: f64) -> f64 {
    let (quarters, r) = reduce(x);
    sine(quarters.wrapping_add(1), r)
}

/// sin and cos of `x` (radians), from one reduction.
pub fn sin_cos(x: f64) -> (f64, f64) {
    let (quarters, r) = reduce(x);
    (sine(quarters, r), sine(quarters.wrapping_add(1), r))
}

/// The length of `(x, y)`, √(x² + y²): `f64::hypot` without the C library's scaling against overflow and
/// underflow, for lengths near 10¹⁵⁴ or 10⁻¹⁵⁴, which no distance of the map comes near (pixels, degrees).
/// Its roundings leave it within two units in the last place of `hypot`'s (tested); it is the wasm's own
/// square root (`f64.sqrt`), not the C library's 0.3 K of code, and quicker.
pub fn length(x: f64, y: f64) -> f64 {
    (x * x + y * y).sqrt()
}

#[cfg(test)]
mod tests {
    use std::f64::consts::PI;

    use super::*;
    use crate::harness::test;
    use crate::harness::{unit, xorshift};

    /// How far `got` is from `want`, in units in the last place of `want`; differences under 10⁻²⁰ count as
    /// none (near a zero of the function, where a unit in the last place is far smaller than the angle's own).
    fn ulps(got: f64, want: f64) -> f64 {
        let diff = (got - want).abs();
        if diff <= 1e-20 {
            return 0.0;
        }
        let unit = f64::from_bits(want.abs().to_bits() + 1) - want.abs();
        diff / unit
    }

    /// Angles over the range, many magnitudes and both signs, and the edges of each quarter turn.
    fn angles() -> Vec<f64> {
        let mut out = Vec::new();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..200_000 {
            let scale = [1e-9, 0.1, 1.0, 4.0 * PI, 100.0, 1e6][i % 6];
            out.push((unit(xorshift(&mut seed)) * 2.0 - 1.0) * scale);
        }
        for k in -40..=40 {
            let edge = f64::from(k) * FRAC_PI_4;
            for nudge in [-1e-12, -1e-15, 0.0, 1e-15, 1e-12] {
                out.push(edge + nudge);
            }
            // The neighbours of the edge as an `f64`.
            out.push(edge.next_up());
            out.push(edge.next_down());
        }
        out
    }

    #[test]
    fn within_two_units_in_the_last_place_of_the_platforms_functions() {
        let mut worst = (0.0_f64, 0.0_f64);
        for x in angles() {
            let (sin, cos) = sin_cos(x);
            worst.0 = worst.0.max(ulps(sin, x.sin()));
            worst.1 = worst.1.max(ulps(cos, x.cos()));
        }
        assert!(
            worst.0 <= 2.0 && worst.1 <= 2.0,
            "worst errors: sin {} ulp, cos {} ulp",
            worst.0,
            worst.1
        );
    }

    #[test]
    fn a_length_is_within_two_units_in_the_last_place_of_hypot() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut worst = 0.0_f64;
        for i in 0..200_000 {
            let scale = [1e-6, 1.0, 360.0, 1e4, 1e9][i % 5];
            let x = (unit(xorshift(&mut seed)) * 2.0 - 1.0) * scale;
            let y = (unit(xorshift(&mut seed)) * 2.0 - 1.0) * scale;
            worst = worst.max(ulps(length(x, y), x.hypot(y)));
        }
        assert!(worst <= 2.0, "worst error {worst} ulp");
        assert_eq!(length(3.0, -4.0), 5.0);
        assert_eq!(length(0.0, 0.0), 0.0);
        assert!(length(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn sine_is_odd_and_cosine_even_to_the_bit() {
        for x in angles() {
            assert_eq!(sin(-x).to_bits(), (-sin(x)).to_bits(), "sin at {x}");
            assert_eq!(cos(-x).to_bits(), cos(x).to_bits(), "cos at {x}");
        }
    }

    #[test]
    fn the_pair_is_the_two_functions() {
        for x in angles() {
            assert_eq!(sin_cos(x), (sin(x), cos(x)));
        }
    }

    #[test]
    fn known_values_and_what_is_not_a_number() {
        assert_eq!(sin(0.0), 0.0);
        assert!(sin(-0.0).is_sign_negative(), "−0 keeps its sign");
        assert_eq!(cos(0.0), 1.0);
        assert_eq!(sin(FRAC_PI_2), 1.0);
        assert_eq!(cos(PI), -1.0);
        assert!((sin(PI) - PI.sin()).abs() < 1e-25, "sin π, {}", sin(PI));
        assert!((sin(PI / 6.0) - 0.5).abs() <= f64::EPSILON / 2.0);
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let (sin, cos) = sin_cos(x);
            assert!(sin.is_nan() && cos.is_nan(), "{x}: {sin}, {cos}");
        }
    }

    #[test]
    fn pi_over_two_is_split_exactly() {
        assert_eq!(PIO2_HI.to_bits() & 0xf_ffff, 0, "33 bits");
        assert_eq!(PIO2_HI + PIO2_LO, FRAC_PI_2);
    }
}
