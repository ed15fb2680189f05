//! `Fixed`: a number written with a fixed count of decimals by integer arithmetic, as `{:.N}` would write it
//! but without core's float printing (its exact and shortest algorithms and their tables), which nothing
//! else in the wasm needs. Halves round away from zero, on the value times 10ᴺ, as the paths' tenths do
//! (`path::write_tenths`); `{:.N}` rounds the value's exact binary expansion, to even at a tie.

use std::fmt;

/// `value` with `decimals` decimals: `Fixed(2.345, 1)` displays "2.3", `Fixed(-0.5, 0)` "-1",
/// `Fixed(7.0, 2)` "7.00". A value that rounds to zero has no sign. Not a number displays "NaN", an infinity
/// "inf" or "-inf", as `{:.N}` does. Meant for coordinates and sizes: the value times 10ᴺ must fit an `i64`
/// (it saturates beyond), and more than 18 decimals are written as 18.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fixed(pub f64, pub u8);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(value, decimals) = *self;
        if value.is_nan() {
            return f.write_str("NaN");
        }
        if value.is_infinite() {
            return f.write_str(if value < 0.0 { "-inf" } else { "inf" });
        }
        let decimals = decimals.min(18);
        let scale = 10_u64.pow(u32::from(decimals));
        // `as` saturates: beyond ±9.2e18 the digits are wrong, never undefined.
        let scaled = (value * scale as f64).round() as i64;
        let a = scaled.unsigned_abs();
        let sign = if scaled < 0 { "-" } else { "" };
        write!(f, "{sign}{}", a / scale)?;
        if decimals > 0 {
            write!(f, ".{:01$}", a % scale, usize::from(decimals))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;
    use crate::harness::{unit, xorshift};

    #[test]
    fn writes_what_the_formatter_writes_but_at_halves() {
        // A value whose scaled fraction is a half, or within rounding of one, is where the two may differ:
        // `{:.N}` decides on the exact binary value, `Fixed` on the product.
        let near_half = |v: f64, scale: f64| ((v * scale).abs().fract() - 0.5).abs() < 1e-6;
        let mut compared = 0;
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            // Values over many magnitudes and both signs.
            let x = xorshift(&mut seed);
            let mantissa = unit(x);
            let magnitude = [1e-3, 0.1, 1.0, 10.0, 1e3, 1e6][(x % 6) as usize];
            let v = if x & 1 == 0 { mantissa } else { -mantissa } * magnitude;
            for decimals in 0..=3_u8 {
                let scale = 10_f64.powi(i32::from(decimals));
                if near_half(v, scale) || (v * scale).round() == 0.0 {
                    continue;
                }
                let precision = usize::from(decimals);
                assert_eq!(
                    Fixed(v, decimals).to_string(),
                    format!("{v:.precision$}"),
                    "{v:e} with {decimals}"
                );
                compared += 1;
            }
        }
        assert!(compared > 50_000, "{compared}");
    }

    #[test]
    fn halves_round_away_from_zero_and_zero_has_no_sign() {
        let cases = [
            (0.25, 1, "0.3"),
            (-0.25, 1, "-0.3"),
            (2.5, 0, "3"),
            (-0.04, 1, "0.0"),
            (-0.0, 2, "0.00"),
            (7.0, 2, "7.00"),
            (1234.5678, 2, "1234.57"),
            (0.05, 2, "0.05"),
            (-12.0, 0, "-12"),
            (0.5, 30, "0.500000000000000000"),
            (f64::NAN, 1, "NaN"),
            (f64::INFINITY, 1, "inf"),
            (f64::NEG_INFINITY, 0, "-inf"),
        ];
        for (v, decimals, want) in cases {
            assert_eq!(Fixed(v, decimals).to_string(), want, "{v} with {decimals}");
        }
    }
}
