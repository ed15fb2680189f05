//! The geometry's compact form: a GeoJSON FeatureCollection with TopoJSON's `transform` member (TopoJSON
//! specification § 2.1.2), `{"scale":[0.0001,0.0001],"translate":[-180,-90]}`, whose positions are whole
//! numbers of grid steps, delta-encoded as TopoJSON's arcs are (§ 2.1.3): a ring's or line's first position
//! counts steps from the translate, each later one from the position before it. A ring or line is one flat list
//! of numbers, `[x0, y0, x1, y1, …]` ([`flat_positions_at`]), led by a step of its own where all its numbers
//! are multiples of it (`[100, x0, y0, …]`: each number is 100 of the grid's steps), and a ring leaves out its
//! closing position, which is its first. Any part of the list may be written as a text of whole numbers in the
//! Encoded Polyline Algorithm Format ([`decode_polyline`]): the build writes the step and the first position as
//! numbers and the rest as one text, ``[10, 110003, 102577, "yBzAk@`A…"]`` (Aruba). `cargo xtask build` ships
//! the committed GeoJSON in this form (8.3 KB of the Americas' 23.4 KB brotli, 20.4 KB of the world's 59.6 KB:
//! bench/SIZE.md); a file without `transform` is read as plain GeoJSON, so a site's own data needs no tool.
//!
//! Each scale must be a power of ten's reciprocal and each translate a whole number of its steps: a position is
//! then the steps counted from 0° divided by the steps per degree, which is the decimal the file was made from,
//! bit for bit what the GeoJSON reader gets from that decimal written out (division is correctly rounded). So
//! the two forms of one file give the same map, path for path (a test in xtask reads every shipped file both
//! ways).

use std::cell::RefCell;

use crate::core::area::feature::Position;
use crate::core::json::{self, Object};

/// The most steps per degree a grid may have (a nanodegree).
const MAX_STEPS: f64 = 1e9;
/// The smallest scale, as messages write it (a test holds it to [`MAX_STEPS`]).
const MIN_SCALE: &str = "0.000000001";

/// A file's grid: steps per degree and the translate, in steps, per axis (longitude, latitude).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    steps: [f64; 2],
    origin: [f64; 2],
}

impl Grid {
    /// Reads the `transform` member's text; why it cannot be used, if it cannot.
    pub fn read(text: &str) -> Result<Grid, String> {
        let object = Object::read(text)
            .map_err(|_| "must be an object with scale and translate".to_owned())?;
        // Each number with its text as the file writes it, which a message quotes.
        let pair = |key: &str| -> Result<[(f64, &str); 2], String> {
            let numbers = object.get(key).and_then(json::list).unwrap_or_default();
            match numbers[..] {
                [x, y] => Option::zip(with_text(x), with_text(y)).map(|(x, y)| [x, y]),
                _ => None,
            }
            .ok_or_else(|| format!("{key} must be two numbers"))
        };
        let (scale, translate) = (pair("scale")?, pair("translate")?);
        let mut grid = Grid {
            steps: [0.0; 2],
            origin: [0.0; 2],
        };
        for (axis, ((scale, scale_text), (translate, translate_text))) in
            scale.into_iter().zip(translate).enumerate()
        {
            let steps = (1.0 / scale).round();
            if !power_of_ten(steps) || ((1.0 / scale) - steps).abs() > steps * 1e-9 {
                return Err(format!(
                    "scale {scale_text} is not 1, 0.1, 0.01, … or {MIN_SCALE}"
                ));
            }
            let origin = translate * steps;
            if !(origin.is_finite() && (origin - origin.round()).abs() <= 1e-6) {
                return Err(format!(
                    "translate {translate_text} is not a whole number of steps of {scale_text}"
                ));
            }
            grid.steps[axis] = steps;
            grid.origin[axis] = origin.round();
        }
        Ok(grid)
    }

    /// Turns one ring's or line's steps, as read, into degrees; a ring (`ring`) gets back its closing position,
    /// which the compact form leaves out.
    pub(super) fn decode(&self, positions: &mut Vec<Position>, ring: bool) {
        let (mut x, mut y) = (0.0, 0.0);
        for position in positions.iter_mut() {
            x += position.0;
            y += position.1;
            position.0 = (x + self.origin[0]) / self.steps[0];
            position.1 = (y + self.origin[1]) / self.steps[1];
        }
        if ring {
            if let Some(&first) = positions.first() {
                positions.push(first);
            }
        }
    }
}

/// The largest step a ring or line may start with ([`flat_positions_at`]).
pub const MAX_STEP: u32 = 1_000_000_000;

/// The positions of the ring or line at `pos` of the checked `text`, as the compact form writes it: a flat list
/// of numbers, two a position (`[x0, y0, x1, y1, …]`, any of them written in texts of encoded numbers:
/// [`numbers_at`]), and where the list ends. A list of an odd count starts with its step, a whole number from 1
/// to [`MAX_STEP`] that every number after it is multiplied by (`[100, x0, y0, …]`: a ring whose positions have
/// two decimals, in hundredths of a degree). Still in steps: [`Grid::decode`] turns them into degrees.
pub fn flat_positions_at(text: &str, pos: usize) -> Result<(Vec<Position>, usize), String> {
    let (numbers, end) = numbers_at(text, pos)?;
    let (step, numbers) = match numbers.split_first() {
        Some((&step, rest)) if numbers.len() % 2 == 1 => {
            if !(1.0..=f64::from(MAX_STEP)).contains(&step) || step.fract() != 0.0 {
                return Err(format!(
                    "{} numbers start with a step, a whole number from 1 to {MAX_STEP}, not {}",
                    numbers.len(),
                    json::first_item(text, pos)
                ));
            }
            (step, rest)
        }
        _ => (1.0, &numbers[..]),
    };
    let positions = numbers.chunks(2).map(|p| (p[0] * step, p[1] * step));
    Ok((positions.collect(), end))
}

/// The numbers of the checked list at `pos` of `text`, and where the list ends: each number as written, each
/// text as the numbers it holds ([`decode_polyline`]), in order.
fn numbers_at(text: &str, pos: usize) -> Result<(Vec<f64>, usize), String> {
    let numbers = RefCell::new(Vec::new());
    let item = |_: &str, pos: usize| {
        let (value, end) = json::value_at(text, pos);
        let mut numbers = numbers.borrow_mut();
        match json::number(value) {
            Some(n) => numbers.push(n),
            None if json::Kind::of(value) == json::Kind::Text => {
                decode_polyline(value, &mut numbers)?;
            }
            // Out of range, or not a number: `number_at` says which.
            None => return Err(json::number_at(text, pos).err().unwrap_or_default()),
        }
        Ok(((), end))
    };
    let (_, end) = json::list_at(text, pos, "a list of numbers", &item)?;
    Ok((numbers.into_inner(), end))
}

/// Appends the whole numbers the text `value` holds in the Encoded Polyline Algorithm Format (Google's, which
/// many routing services write): each number doubled, and the bits of that inverted if it was negative, is cut
/// into chunks of five bits from the lowest, and each chunk written as the character of code 63 plus the chunk,
/// plus 32 if another chunk of the same number follows.
fn decode_polyline(value: json::Raw<'_>, numbers: &mut Vec<f64>) -> Result<(), String> {
    let bad = || {
        format!(
            "the text {} is not whole numbers in the Encoded Polyline Algorithm Format",
            json::excerpt(value)
        )
    };
    // The text as written, unless it has an escape (a backslash is one of the format's characters).
    let raw = value.get().as_bytes();
    let written = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
    let decoded;
    let encoded = if written.contains(&b'\\') {
        decoded = json::text(value).ok_or_else(bad)?;
        decoded.as_bytes()
    } else {
        written
    };
    numbers.reserve(encoded.len() / 2);
    let (mut bits, mut shift) = (0u64, 0);
    for &byte in encoded {
        let chunk = byte.wrapping_sub(63);
        // Ten chunks at most: fifty bits, a number a `f64` holds exactly.
        if chunk > 63 || shift == 50 {
            return Err(bad());
        }
        bits |= u64::from(chunk & 31) << shift;
        if chunk & 32 == 0 {
            let half = (bits >> 1) as i64;
            numbers.push(if bits & 1 == 1 { !half } else { half } as f64);
            (bits, shift) = (0, 0);
        } else {
            shift += 5;
        }
    }
    if shift > 0 {
        return Err(bad());
    }
    Ok(())
}

/// A number and its text as the file writes it.
fn with_text(value: json::Raw<'_>) -> Option<(f64, &str)> {
    json::number(value).map(|n| (n, value.get()))
}

/// Whether `steps` is 1, 10, 100, … up to [`MAX_STEPS`].
fn power_of_ten(steps: f64) -> bool {
    let mut power = 1.0;
    while power < steps && power < MAX_STEPS {
        power *= 10.0;
    }
    power == steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    fn decoded(grid: &Grid, steps: &[(f64, f64)]) -> Vec<(f64, f64)> {
        let mut positions: Vec<Position> = steps.to_vec();
        grid.decode(&mut positions, false);
        positions
    }

    #[test]
    fn a_ring_gets_back_its_closing_position() {
        let grid = Grid::read(r#"{"scale":[1,1],"translate":[0,0]}"#).unwrap();
        let mut ring = vec![(1.0, 2.0), (3.0, 0.0), (0.0, 4.0)];
        grid.decode(&mut ring, true);
        assert_eq!(ring, [(1.0, 2.0), (4.0, 2.0), (4.0, 6.0), (1.0, 2.0)]);
        let mut empty = Vec::new();
        grid.decode(&mut empty, true);
        assert_eq!(empty, []);
    }

    #[test]
    fn positions_are_the_decimals_the_steps_stand_for() {
        let grid = Grid::read(r#"{"scale":[0.0001,0.0001],"translate":[-180,-90]}"#).unwrap();
        // -69.997, 12.577; then -69.9361, 12.5312; then back to the first.
        let steps = [(1_100_030.0, 1_025_770.0), (609.0, -458.0), (-609.0, 458.0)];
        assert_eq!(
            decoded(&grid, &steps),
            [(-69.997, 12.577), (-69.9361, 12.5312), (-69.997, 12.577)]
        );
        // Every decimal of four places in a degree's range comes back as the GeoJSON reader reads it.
        for step in (0..3_600_000u32).step_by(7919) {
            let text = format!("{}", (f64::from(step) - 1_800_000.0) / 1e4);
            let expected: f64 = text.parse().unwrap();
            let got = decoded(&grid, &[(f64::from(step), 0.0)])[0].0;
            assert_eq!(got.to_bits(), expected.to_bits(), "{text}");
        }
    }

    #[test]
    fn a_flat_list_is_read_in_pairs_after_its_own_step() {
        let flat = |text| flat_positions_at(text, 0);
        assert_eq!(
            flat("[1, 2, 3.5, -4] "),
            Ok((vec![(1.0, 2.0), (3.5, -4.0)], 15))
        );
        assert_eq!(flat("[]"), Ok((vec![], 2)));
        assert_eq!(flat("[1, 2, 3]"), Ok((vec![(2.0, 3.0)], 9)));
        assert_eq!(
            flat("[100, 1100030, 1025770, -6, 4]"),
            Ok((vec![(110_003_000.0, 102_577_000.0), (-600.0, 400.0)], 30))
        );
        for bad in ["[0, 1, 2]", "[2.5, 1, 2]", "[-10, 1, 2]", "[1e10, 1, 2]"] {
            let step = &bad[1..bad.find(',').unwrap()];
            assert_eq!(
                flat(bad),
                Err(format!(
                    "3 numbers start with a step, a whole number from 1 to 1000000000, not \"{step}\""
                )),
                "{bad}"
            );
        }
        assert_eq!(
            flat("[[1, 2]]"),
            Err("a number is expected, not a list".to_owned())
        );
        assert_eq!(flat("[1e400, 2]"), Err("number out of range".to_owned()));
        assert_eq!(
            flat("{}"),
            Err("a list of numbers is expected, not an object".to_owned())
        );
    }

    #[test]
    fn a_text_holds_numbers_in_the_encoded_polyline_algorithm_format() {
        let flat = |text| flat_positions_at(text, 0).map(|(positions, _)| positions);
        // The format's own example: (38.5, -120.2), (40.7, -120.95), (43.252, -126.453) in steps of 1e-5,
        // delta-encoded, latitude first.
        let example = r#"["_p~iF~ps|U_ulLnnqC_mqNvxq`@"]"#;
        assert_eq!(
            flat(example),
            Ok(vec![
                (3_850_000.0, -12_020_000.0),
                (220_000.0, -75_000.0),
                (255_200.0, -550_300.0)
            ])
        );
        // Numbers and texts in one list are read in order ("?" is 0, "@" -1); a text's escapes are decoded
        // first (`\\` and `\u005c` are `\`, the chunk 29: the number -15).
        assert_eq!(
            flat(r#"[100, 5, "?", "@\\", 1, "\u005c"]"#),
            Ok(vec![(500.0, 0.0), (-100.0, -1500.0), (100.0, -1500.0)])
        );
        assert_eq!(flat(r#"["", 1, 2]"#), Ok(vec![(1.0, 2.0)]));
        // A character outside the format, a number left unfinished, one over fifty bits.
        for bad in [r#"["?! "]"#, r#"["_"]"#, r#"["~~~~~~~~~~?"]"#, r#"["é"]"#] {
            let text = &bad[1..bad.len() - 1];
            assert_eq!(
                flat(bad),
                Err(format!(
                    "the text {text} is not whole numbers in the Encoded Polyline Algorithm Format"
                )),
                "{bad}"
            );
        }
        // The longest a number may be: ten chunks, fifty bits.
        assert_eq!(
            flat(r#"["}~~~~~~~~^?"]"#),
            Ok(vec![((1i64 << 49) as f64 - 1.0, 0.0)])
        );
    }

    #[test]
    fn each_axis_has_its_own_grid() {
        let grid = Grid::read(r#"{"translate":[10,-5.5],"scale":[1,0.1]}"#).unwrap();
        assert_eq!(
            decoded(&grid, &[(3.0, 5.0), (-1.0, 1.0)]),
            [(13.0, -5.0), (12.0, -4.9)]
        );
    }

    #[test]
    fn a_transform_it_cannot_read_exactly_is_refused_with_the_reason() {
        for (text, reason) in [
            ("[]", "must be an object with scale and translate"),
            (r#"{"scale":[1,1]}"#, "translate must be two numbers"),
            (
                r#"{"scale":[1],"translate":[0,0]}"#,
                "scale must be two numbers",
            ),
            (
                r#"{"scale":[0.0003,0.0001],"translate":[0,0]}"#,
                "scale 0.0003 is not 1, 0.1, 0.01, … or 0.000000001",
            ),
            (
                r#"{"scale":[0,0],"translate":[0,0]}"#,
                "scale 0 is not 1, 0.1, 0.01, … or 0.000000001",
            ),
            (
                r#"{"scale":[1e-12,1e-12],"translate":[0,0]}"#,
                "scale 1e-12 is not 1, 0.1, 0.01, … or 0.000000001",
            ),
            (
                r#"{"scale":[0.01,0.01],"translate":[0.005,0]}"#,
                "translate 0.005 is not a whole number of steps of 0.01",
            ),
        ] {
            assert_eq!(Grid::read(text).unwrap_err(), reason, "{text}");
        }
        assert_eq!(format!("{}", 1.0 / MAX_STEPS), MIN_SCALE);
    }
}
