//! Areas read from GeoJSON (RFC 7946), or its compact form (`grid`): one feature per state or territory,
//! polygons in degrees.

use crate::core::crossing::self_crossing;
use crate::core::error::{DataError, Diagnostic, Diagnostics};
use crate::core::fixed::Fixed;
use crate::core::iso3::{Iso3, IsoMap};
use crate::core::limits::{
    BYTES_PER_POSITION, MAX_FEATURES, MAX_GEOMETRY_BYTES, MAX_SHAPES, MAX_TOTAL_POSITIONS,
};
use crate::core::split::{Found, Splitter};

mod feature;
pub mod grid;

pub use feature::kept_polygon;
use feature::read_feature;
use grid::Grid;

/// A closed ring of (longitude, latitude) positions in degrees.
pub type Ring = Vec<(f64, f64)>;

/// A polygon: the exterior ring first, then holes (RFC 7946 § 3.1.6).
pub type Polygon = Vec<Ring>;

/// `polygons` with each position mapped by `f`; positions it gives no point for are left out (a projection's
/// points that do not project).
pub fn map_positions(
    polygons: &[Polygon],
    f: impl Fn(f64, f64) -> Option<(f64, f64)>,
) -> Vec<Polygon> {
    polygons
        .iter()
        .map(|rings| {
            rings
                .iter()
                .map(|ring| ring.iter().filter_map(|&(lon, lat)| f(lon, lat)).collect())
                .collect()
        })
        .collect()
}

/// One drawable feature: a state, a territory or an area without a status of its own; or a boundary line drawn
/// over the areas (`line` set), such as the Line of Control in Jammu and Kashmir.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// The feature's `iso3` property; `None` for areas without an ISO 3166-1 code of their own, and for lines.
    pub iso3: Option<Iso3>,
    /// The feature's `name` property (the geometry source's short name).
    pub name: String,
    /// An area's rings; for a line, each of its parts as one open "ring" of a polygon of its own.
    pub polygons: Vec<Polygon>,
    /// Other names the area is known by (its `aliases` property), which the search matches too.
    pub aliases: Vec<String>,
    /// For a line, how it is drawn (its `line` property).
    pub line: Option<LineStyle>,
}

/// How a boundary line is drawn, as UN maps draw them: the Line of Control dotted, undetermined boundaries
/// dashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineStyle {
    Dotted,
    Dashed,
}

impl LineStyle {
    /// The `line` property's value, and the end of the CSS class `tm-line-…`.
    pub fn key(self) -> &'static str {
        match self {
            LineStyle::Dotted => "dotted",
            LineStyle::Dashed => "dashed",
        }
    }

    /// The SVG `stroke-dasharray` of the style (for a stroke 1 px wide).
    pub fn dasharray(self) -> &'static str {
        match self {
            LineStyle::Dotted => "1 2",
            LineStyle::Dashed => "4 3",
        }
    }
}

/// The most aliases an area may have; more are a diagnostic.
const MAX_ALIASES: usize = 64;

impl Area {
    /// Every position of every ring.
    pub fn positions(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.polygons.iter().flatten().flatten().copied()
    }

    /// How many positions [`Area::positions`] gives, counted by ring.
    pub fn position_count(&self) -> usize {
        self.polygons.iter().flatten().map(Vec::len).sum()
    }
}

/// Reads a GeoJSON FeatureCollection whose features carry `iso3` and `name` properties. A feature that is not a
/// usable polygon becomes a diagnostic naming it; the other features still load. A file larger than
/// [`MAX_GEOMETRY_BYTES`] is an error; a feature with more than [`MAX_FEATURE_POSITIONS`] positions, a second
/// feature with the same code, every feature after [`MAX_TOTAL_POSITIONS`] positions, after [`MAX_FEATURES`]
/// features and every feature with a code after [`MAX_SHAPES`] of them are skipped with a diagnostic.
/// A ring whose last position is not its first (RFC 7946 § 3.1.6) is closed, with a diagnostic. A file with
/// a `transform` member is of the compact form ([`grid`]); one whose transform cannot be read, or comes after
/// a feature, is an error.
///
/// [`MAX_FEATURE_POSITIONS`]: crate::core::limits::MAX_FEATURE_POSITIONS
pub fn read_areas(text: &str) -> Result<(Vec<Area>, Vec<Diagnostic>), DataError> {
    let mut reader = AreaReader::new(text)?;
    while !reader.read(usize::MAX) {}
    reader.finish()
}

/// [`read_areas`] a slice at a time, so that a caller can let other work run between slices (the widget
/// yields to the browser, so that a large file does not block the page in one long task): the text is
/// split into features as it is read ([`Splitter`]), and each feature parsed on its own.
///
/// # Examples
/// ```
/// use treaty_map::core::area::AreaReader;
/// let text = r#"{"type":"FeatureCollection","features":[
///   {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},
///    "geometry":{"type":"Polygon","coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}}]}"#;
/// let mut reader = AreaReader::new(text).unwrap();
/// while !reader.read(10_000) {}
/// let (areas, diagnostics) = reader.finish().unwrap();
/// assert_eq!((areas.len(), diagnostics.len()), (1, 0));
/// ```
pub struct AreaReader<'a> {
    features: Splitter<'a>,
    number: usize,
    areas: Vec<Area>,
    diagnostics: Diagnostics,
    seen: IsoMap<usize>,
    total_positions: usize,
    over_budget: usize,
    /// Features past [`MAX_FEATURES`], counted but not kept.
    over_features: usize,
    /// Features with a code past [`MAX_SHAPES`].
    over_shapes: usize,
    /// Where the document's outline broke, if it did: the whole file is then an error.
    error: Option<DataError>,
    /// The compact form's grid, once its `transform` has been read.
    grid: Option<Grid>,
}

impl<'a> AreaReader<'a> {
    /// Checks the file's size; its features are found and read by [`Self::read`], so that one bad feature
    /// costs only itself.
    pub fn new(text: &'a str) -> Result<AreaReader<'a>, DataError> {
        DataError::check_size("geometry", text, MAX_GEOMETRY_BYTES)?;
        Ok(AreaReader {
            features: Splitter::new(text),
            number: 0,
            areas: Vec::new(),
            diagnostics: Diagnostics::new("geometry"),
            seen: IsoMap::new(),
            total_positions: 0,
            over_budget: 0,
            over_features: 0,
            over_shapes: 0,
            error: None,
            grid: None,
        })
    }

    /// Reads features until at least `positions` positions' worth of work has been done, or to the end;
    /// returns whether every feature has been read. A kept feature costs its positions; one that is skipped
    /// (bad, a duplicate, over a limit) costs its length, [`BYTES_PER_POSITION`] bytes a position, since it
    /// was read all the same: a file of bad features is read a slice at a time like a good one.
    /// Scanning the text costs its length too, [`BYTES_PER_POSITION`] bytes a position.
    pub fn read(&mut self, positions: usize) -> bool {
        let mut budget = positions;
        loop {
            let mut bytes = budget.saturating_mul(BYTES_PER_POSITION);
            let found = self.features.next(&mut bytes);
            budget = bytes / BYTES_PER_POSITION;
            match found {
                Ok(Found::Feature(text)) => {
                    self.number += 1;
                    let cost = self.read_one(text);
                    budget = budget.saturating_sub(cost.max(1));
                }
                Ok(Found::Over) => {
                    self.number += 1;
                    self.over_features += 1;
                }
                Ok(Found::Transform(text)) => {
                    let grid = match (self.number, self.grid) {
                        (0, None) => Grid::read(text),
                        _ => Err("must come once, before the features".to_owned()),
                    };
                    match grid {
                        Ok(grid) => self.grid = Some(grid),
                        Err(message) => {
                            self.error = Some(DataError::Field {
                                file: "geometry",
                                field: "transform",
                                message,
                            });
                            return true;
                        }
                    }
                }
                Ok(Found::Paused) => return false,
                Ok(Found::Done) => return true,
                Err(error) => {
                    self.error = Some(error);
                    return true;
                }
            }
            if budget == 0 {
                return false;
            }
        }
    }

    /// Reads one feature, keeping it or saying why not; returns what it cost, in positions.
    fn read_one(&mut self, text: &str) -> usize {
        let number = self.number;
        let skipped = text.len() / BYTES_PER_POSITION;
        if self.over_budget > 0 {
            self.over_budget += 1;
            return 1;
        }
        let mut repairs = Vec::new();
        let area = match read_feature(text, &mut repairs, self.grid.as_ref()) {
            Ok(area) => area,
            Err(message) => {
                self.diagnostics
                    .push(|| format!("geometry feature {number}: {message}"));
                return skipped;
            }
        };
        if let Some(iso3) = area.iso3 {
            if let Some(first) = self.seen.get(iso3) {
                self.diagnostics.push(|| {
                    format!(
                        "geometry feature {number}: {}: {iso3} already drawn by feature {first}; skipped",
                        area.name
                    )
                });
                return skipped;
            }
            if self.seen.len() >= MAX_SHAPES {
                self.over_shapes += 1;
                return skipped;
            }
        }
        let count = area.position_count();
        if self.total_positions + count > MAX_TOTAL_POSITIONS {
            self.over_budget = 1;
            self.diagnostics.push(|| {
                format!(
                    "geometry feature {number} and every later one skipped: the map draws at most {MAX_TOTAL_POSITIONS} positions"
                )
            });
            return skipped;
        }
        self.total_positions += count;
        // Checked only for an area that is kept: the sweep is the costliest check. A line may cross itself.
        if let Some(crossings) = crossings(&area).filter(|_| area.line.is_none()) {
            repairs.push(crossings);
        }
        for repair in repairs {
            self.diagnostics
                .push(|| format!("geometry feature {number}: {}: {repair}", area.name));
        }
        if let Some(iso3) = area.iso3 {
            self.seen.insert(iso3, number);
        }
        self.areas.push(area);
        count.max(skipped)
    }

    /// The areas read and the diagnostics, once [`Self::read`] has returned `true`; or why the file could
    /// not be read at all.
    pub fn finish(self) -> Result<(Vec<Area>, Vec<Diagnostic>), DataError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let mut diagnostics = self.diagnostics.finish();
        if self.over_budget > 1 {
            diagnostics.push(Diagnostic(format!(
                "geometry: {} feature(s) past the position limit skipped",
                self.over_budget
            )));
        }
        if self.over_shapes > 0 {
            diagnostics.push(Diagnostic(format!(
                "geometry: {} feature(s) past the limit of {MAX_SHAPES} states and territories skipped",
                self.over_shapes
            )));
        }
        if self.over_features > 0 {
            diagnostics.push(Diagnostic(format!(
                "geometry: {} feature(s) past the limit of {MAX_FEATURES} features skipped",
                self.over_features
            )));
        }
        Ok((self.areas, diagnostics))
    }
}

/// How many of the area's rings cross themselves, and where the first does, for a diagnostic.
fn crossings(area: &Area) -> Option<String> {
    let mut crossings = area
        .polygons
        .iter()
        .flatten()
        .filter_map(|r| self_crossing(r));
    let (lon, lat) = crossings.next()?;
    let count = 1 + crossings.count();
    Some(format!(
        "{count} ring(s) cross themselves (first near {}°, {}°); drawn as given",
        Fixed(lon, 2),
        Fixed(lat, 2)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::limits::{MAX_FEATURE_POSITIONS, MAX_TEXT_BYTES};
    use crate::harness::test;

    #[test]
    fn reads_polygons_and_multipolygons_with_their_codes() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},
           "geometry":{"type":"Polygon","coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}},
          {"type":"Feature","properties":{"name":"Kosovo"},
           "geometry":{"type":"MultiPolygon","coordinates":[[[[20,42],[21,43],[21,42],[20,42]]],[[[1,1],[2,2],[2,1]]]]}}]}"#;
        let (areas, diagnostics) = read_areas(text).unwrap();
        assert_eq!(
            diagnostics,
            [Diagnostic(
                "geometry feature 2: Kosovo: 1 ring(s) with fewer than four positions left out"
                    .to_owned()
            )]
        );
        assert_eq!(areas[0].iso3, Iso3::parse("PER"));
        assert_eq!(areas[0].polygons[0][0].len(), 4);
        assert_eq!(areas[1].iso3, None);
        assert_eq!(
            areas[1].polygons.len(),
            1,
            "the three-position ring is dropped"
        );
        assert_eq!(areas[0].positions().count(), 4);
    }

    #[test]
    fn a_bad_feature_is_a_diagnostic_beside_the_good_ones() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},
           "geometry":{"type":"Polygon","coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}},
          {"type":"Feature","properties":{"iso3":"CHL","name":"Chile"},"geometry":{"type":"Point","coordinates":[-70,-30]}},
          {"type":"Feature","properties":{"iso3":"chl","name":"Chile"},"geometry":null},
          {"type":"Feature","properties":{"iso3":"ARG","name":"Argentina"},
           "geometry":{"type":"Polygon","coordinates":[[[-60,-30],[-60,-95],[-61,-30],[-60,-30]]]}},
          {"type":"Feature","properties":{"name":"Nowhere"},"geometry":null},
          "not a feature"]}"#;
        let (areas, diagnostics) = read_areas(text).unwrap();
        assert_eq!(areas.len(), 1);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(
            messages[0],
            "geometry feature 2: Chile: a \"Point\" is not an area"
        );
        assert_eq!(
            messages[1],
            "geometry feature 3: Chile: iso3 \"chl\" is not an ISO 3166-1 alpha-3 code"
        );
        assert_eq!(
            messages[2],
            "geometry feature 4: Argentina: a position lies outside longitude ±180°, latitude ±90°"
        );
        assert_eq!(messages[3], "geometry feature 5: Nowhere: no geometry");
        assert_eq!(diagnostics.len(), 5);
    }

    #[test]
    fn a_document_that_is_not_a_collection_is_an_error() {
        assert_eq!(
            read_areas(r#"{"type":"Feature"}"#).unwrap_err().to_string(),
            "geometry: field features: a GeoJSON FeatureCollection with a features array is expected"
        );
    }

    fn feature(iso3: &str, name: &str, coordinates: &str) -> String {
        format!(
            r#"{{"type":"Feature","properties":{{"iso3":"{iso3}","name":"{name}"}},"geometry":{{"type":"Polygon","coordinates":{coordinates}}}}}"#
        )
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    }

    const PERU_RING: &str = "[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]";

    fn messages(diagnostics: &[Diagnostic]) -> Vec<&str> {
        diagnostics.iter().map(|d| d.0.as_str()).collect()
    }

    #[test]
    fn the_compact_form_gives_the_areas_its_decimals_stand_for() {
        let compact = r#"{"type":"FeatureCollection",
          "transform":{"scale":[0.001,0.001],"translate":[-180,-90]},"features":[
          {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},"geometry":{"type":"MultiPolygon",
           "coordinates":[[[99000,86000,11000,-14000,1000,8000]],[[1,2,0,1,1,-1,-1,-2]]]}},
          {"type":"Feature","properties":{"name":"A line","line":"dashed"},
           "geometry":{"type":"LineString","coordinates":[180000,90000,-500,1]}}]}"#;
        // A ring's closing position is left out of the compact form, and comes back; a line is not closed.
        let plain = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},"geometry":{"type":"MultiPolygon",
           "coordinates":[[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]],[[[-179.999,-89.998],[-179.999,-89.997],[-179.998,-89.998],[-179.999,-90],[-179.999,-89.998]]]]}},
          {"type":"Feature","properties":{"name":"A line","line":"dashed"},
           "geometry":{"type":"LineString","coordinates":[[0,0],[-0.5,0.001]]}}]}"#;
        let (areas, diagnostics) = read_areas(compact).unwrap();
        assert_eq!(diagnostics, []);
        assert_eq!((areas, diagnostics), read_areas(plain).unwrap());
    }

    #[test]
    fn a_compact_ring_or_line_that_is_not_a_flat_list_of_pairs_costs_its_feature() {
        let compact = |coordinates: &str| {
            format!(
                r#"{{"transform":{{"scale":[1,1],"translate":[0,0]}},"features":[{}]}}"#,
                feature("PER", "Peru", coordinates)
            )
        };
        for (coordinates, message) in [
            (
                "[[0.5,2,3,4,5]]",
                "geometry feature 1: Peru: not a GeoJSON Polygon: 5 numbers start with a step, a whole number \
                 from 1 to 1000000000, not \"0.5\"",
            ),
            (
                "[[[1,2],[3,4],[5,6]]]",
                "geometry feature 1: Peru: not a GeoJSON Polygon: a number is expected, not a list",
            ),
        ] {
            let (areas, diagnostics) = read_areas(&compact(coordinates)).unwrap();
            assert_eq!(
                (areas.len(), messages(&diagnostics)),
                (0, vec![message]),
                "{coordinates}"
            );
        }
    }

    #[test]
    fn a_transform_that_cannot_be_read_or_comes_late_fails_the_file() {
        let peru = feature("PER", "Peru", PERU_RING);
        for (text, message) in [
            (
                format!(
                    r#"{{"transform":{{"scale":[3,3],"translate":[0,0]}},"features":[{peru}]}}"#
                ),
                "geometry: field transform: scale 3 is not 1, 0.1, 0.01, … or 0.000000001",
            ),
            (
                format!(
                    r#"{{"features":[{peru}],"transform":{{"scale":[1,1],"translate":[0,0]}}}}"#
                ),
                "geometry: field transform: must come once, before the features",
            ),
            (
                format!(
                    r#"{{"transform":{{"scale":[1,1],"translate":[0,0]}},"transform":{{}},"features":[{peru}]}}"#
                ),
                "geometry: field transform: must come once, before the features",
            ),
        ] {
            assert_eq!(
                read_areas(&text).unwrap_err().to_string(),
                message,
                "{text}"
            );
        }
    }

    #[test]
    fn reading_a_slice_at_a_time_gives_what_reading_at_once_gives() {
        let mixed = collection(&[
            feature("PER", "Peru", PERU_RING),
            "7".to_owned(),
            feature("PER", "Peru again", PERU_RING),
            feature("CHL", "Chile", "[[[-81,-4],[-70,-18],[-69,-10],[-75,-2]]]"),
        ]);
        for text in [mixed.as_str(), include_str!("../../data/world.geo.json")] {
            let mut reader = AreaReader::new(text).unwrap();
            let mut slices = 1;
            while !reader.read(1) {
                slices += 1;
            }
            assert!(slices > 1);
            assert_eq!(reader.finish().unwrap(), read_areas(text).unwrap());
        }
    }

    #[test]
    fn a_self_crossing_ring_is_drawn_with_a_diagnostic_naming_the_feature() {
        let bow_tie = "[[[-80,-10],[-70,0],[-70,-10],[-80,0],[-80,-10]]]";
        let text = collection(&[
            feature("PER", "Peru", bow_tie),
            feature("CHL", "Chile", PERU_RING),
        ]);
        let (areas, diagnostics) = read_areas(&text).unwrap();
        assert_eq!(areas.len(), 2, "both features are drawn");
        assert_eq!(
            messages(&diagnostics),
            ["geometry feature 1: Peru: 1 ring(s) cross themselves (first near -75.00°, -5.00°); drawn as given"]
        );
    }

    #[test]
    fn an_unclosed_ring_is_closed_with_a_diagnostic() {
        let text = collection(&[feature(
            "PER",
            "Peru",
            "[[[-81,-4],[-70,-18],[-69,-10],[-75,-2]]]",
        )]);
        let (areas, diagnostics) = read_areas(&text).unwrap();
        let ring = &areas[0].polygons[0][0];
        assert_eq!(ring.len(), 5);
        assert_eq!(ring.first(), ring.last());
        assert_eq!(
            messages(&diagnostics),
            ["geometry feature 1: Peru: 1 ring(s) not closed (RFC 7946 § 3.1.6); drawn closed"]
        );
    }

    #[test]
    fn empty_and_degenerate_polygons_are_diagnostics() {
        let text = collection(&[
            feature("PER", "Peru", "[]"),
            feature("CHL", "Chile", "[[]]"),
            feature("ARG", "Argentina", "[[[1,1],[2,2],[1,1]]]"),
            feature("BOL", "Bolivia", "[[[1],[2,2],[3,3],[1]]]"),
            feature("MEX", "Mexico", PERU_RING),
        ]);
        let (areas, diagnostics) = read_areas(&text).unwrap();
        assert_eq!(areas.len(), 1);
        assert_eq!(
            messages(&diagnostics),
            [
                "geometry feature 1: Peru: no ring with at least four positions",
                "geometry feature 2: Chile: no ring with at least four positions",
                "geometry feature 3: Argentina: no ring with at least four positions",
                "geometry feature 4: Bolivia: not a GeoJSON Polygon: a position of at least two numbers is expected, not 1",
            ]
        );
    }

    #[test]
    fn huge_out_of_range_and_too_large_numbers_are_diagnostics() {
        let text = collection(&[
            feature("PER", "Peru", "[[[1e300,0],[1,1],[2,2],[1e300,0]]]"),
            feature(
                "CHL",
                "Chile",
                "[[[0,-90.0000001],[1,1],[2,2],[0,-90.0000001]]]",
            ),
            feature("MEX", "Mexico", PERU_RING),
        ]);
        let (areas, diagnostics) = read_areas(&text).unwrap();
        assert_eq!(areas.len(), 1);
        assert_eq!(diagnostics.len(), 2);
        assert!(diagnostics[0]
            .0
            .ends_with("a position lies outside longitude ±180°, latitude ±90°"));
        let overflow = collection(&[feature(
            "PER",
            "Peru",
            "[[[1e400,0],[1,1],[2,2],[1e400,0]]]",
        )]);
        let (areas, diagnostics) = read_areas(&overflow).unwrap();
        assert!(areas.is_empty());
        assert_eq!(
            messages(&diagnostics),
            ["geometry feature 1: Peru: not a GeoJSON Polygon: number out of range"]
        );
    }

    #[test]
    fn a_second_feature_with_the_same_code_is_skipped() {
        let text = collection(&[
            feature("PER", "Peru", PERU_RING),
            feature("PER", "Peru again", PERU_RING),
        ]);
        let (areas, diagnostics) = read_areas(&text).unwrap();
        assert_eq!(areas.len(), 1);
        assert_eq!(
            messages(&diagnostics),
            ["geometry feature 2: Peru again: PER already drawn by feature 1; skipped"]
        );
    }

    #[test]
    fn features_without_a_name_or_with_hostile_codes_are_named_by_what_they_have() {
        let text = collection(&[
            r#"{"type":"Feature","properties":{"iso3":"PER"},"geometry":null}"#.to_owned(),
            r#"{"type":"Feature","properties":{},"geometry":null}"#.to_owned(),
            r#"{"type":"Feature","geometry":null}"#.to_owned(),
            feature("<img src=x onerror=alert(1)>", "X", PERU_RING),
            r#"{"type":"Feature","properties":{"iso3":7,"name":"Seven"},"geometry":null}"#
                .to_owned(),
            r#"{"type":"Polygon","coordinates":[]}"#.to_owned(),
            "[]".to_owned(),
        ]);
        let (areas, diagnostics) = read_areas(&text).unwrap();
        assert!(areas.is_empty());
        let messages = messages(&diagnostics);
        assert_eq!(messages[0], "geometry feature 1: \"PER\": no name property");
        assert_eq!(messages[1], "geometry feature 2: no name property");
        assert_eq!(messages[2], "geometry feature 3: no name property");
        assert_eq!(
            messages[3],
            "geometry feature 4: X: iso3 \"<img src=x onerror=alert(1)>\" is not an ISO 3166-1 alpha-3 code"
        );
        assert_eq!(
            messages[4],
            "geometry feature 5: Seven: iso3 \"7\" is not an ISO 3166-1 alpha-3 code"
        );
        assert!(
            messages[5].starts_with("geometry feature 6: not a GeoJSON feature: "),
            "{}",
            messages[5]
        );
        assert_eq!(messages.len(), 7);
    }

    #[test]
    fn a_feature_over_the_position_limit_is_skipped_and_the_total_is_capped() {
        let ring = |n: usize| {
            let mut points: Vec<String> = (0..n).map(|i| format!("[{},0]", i % 100)).collect();
            points.push("[0,0]".to_owned());
            format!("[[{}]]", points.join(","))
        };
        let big = ring(MAX_FEATURE_POSITIONS + 1);
        let text = collection(&[
            feature("PER", "Peru", &big),
            feature("CHL", "Chile", PERU_RING),
        ]);
        let (areas, diagnostics) = read_areas(&text).unwrap();
        assert_eq!(areas.len(), 1);
        assert_eq!(
            diagnostics[0].0,
            format!("geometry feature 1: Peru: {} positions, more than the limit of {MAX_FEATURE_POSITIONS}", MAX_FEATURE_POSITIONS + 2)
        );
        let per_feature = MAX_FEATURE_POSITIONS - 1;
        let count = MAX_TOTAL_POSITIONS / (per_feature + 1) + 2;
        let codes: Vec<String> = (0..count)
            .map(|i| format!("A{}", char::from(b'A' + i as u8)))
            .map(|c| format!("{c}A"))
            .collect();
        let one = ring(per_feature - 1);
        let features: Vec<String> = codes.iter().map(|c| feature(&c[..3], c, &one)).collect();
        let (areas, diagnostics) = read_areas(&collection(&features)).unwrap();
        assert_eq!(areas.len(), MAX_TOTAL_POSITIONS / per_feature);
        assert!(messages(&diagnostics)[0].ends_with(&format!(
            "skipped: the map draws at most {MAX_TOTAL_POSITIONS} positions"
        )));
        assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    }

    #[test]
    fn features_and_shapes_past_their_limits_are_skipped_and_counted() {
        let code = |i: usize| {
            let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
            format!("{}{}{}", letter(i / 676), letter(i / 26), letter(i))
        };
        let features: Vec<String> = (0..MAX_FEATURES + 7)
            .map(|i| {
                // Every third feature has no code: context, not a shape.
                let iso3 = if i % 3 == 0 {
                    "null".to_owned()
                } else {
                    format!("\"{}\"", code(i))
                };
                format!(
                    r#"{{"type":"Feature","properties":{{"iso3":{iso3},"name":"F{i}"}},"geometry":{{"type":"Polygon","coordinates":{PERU_RING}}}}}"#
                )
            })
            .collect();
        let (areas, diagnostics) = read_areas(&collection(&features)).unwrap();
        let shapes = areas.iter().filter(|a| a.iso3.is_some()).count();
        assert_eq!(shapes, MAX_SHAPES);
        let context = MAX_FEATURES.div_ceil(3);
        assert_eq!(areas.len(), MAX_SHAPES + context);
        let messages = messages(&diagnostics);
        assert_eq!(
            messages[messages.len() - 2],
            format!(
                "geometry: {} feature(s) past the limit of {MAX_SHAPES} states and territories skipped",
                MAX_FEATURES - context - MAX_SHAPES
            )
        );
        assert_eq!(
            messages[messages.len() - 1],
            format!("geometry: 7 feature(s) past the limit of {MAX_FEATURES} features skipped")
        );
    }

    #[test]
    fn skipped_features_cost_their_length_so_that_bad_files_are_read_a_slice_at_a_time() {
        // Two hundred features of about 20,000 bytes each, all bad (a position out of range at the end).
        let ring: Vec<String> = (0..1_500).map(|i| format!("[{}.5,1.25]", i % 90)).collect();
        let bad = format!("[[{},[1,95],[0,0]]]", ring.join(","));
        let features: Vec<String> = (0..200)
            .map(|i| feature("PER", &format!("P{i}"), &bad))
            .collect();
        let text = collection(&features);
        let mut reader = AreaReader::new(&text).unwrap();
        let budget = 10_000;
        let mut slices = 1;
        while !reader.read(budget) {
            slices += 1;
        }
        // Each slice reads about `budget` positions' worth of text, scanned then parsed: the whole file, twice,
        // over the budget.
        let expected = 2 * text.len() / BYTES_PER_POSITION / budget;
        assert!(
            slices + 2 >= expected && slices <= expected + 2,
            "{slices} slices, {expected} expected"
        );
        let (areas, diagnostics) = reader.finish().unwrap();
        assert!(areas.is_empty());
        assert_eq!(
            diagnostics.len(),
            51,
            "50 listed and one line counting the rest"
        );
    }

    #[test]
    fn a_file_over_the_size_limit_is_an_error_and_not_parsed() {
        let text = " ".repeat(MAX_GEOMETRY_BYTES + 1);
        assert_eq!(
            read_areas(&text).unwrap_err().to_string(),
            "geometry: the file is 16 MiB, more than the limit of 16 MiB"
        );
    }

    #[test]
    fn a_long_name_is_a_diagnostic_that_does_not_repeat_it() {
        let name = "N".repeat(MAX_TEXT_BYTES + 1);
        let (_, diagnostics) =
            read_areas(&collection(&[feature("PER", &name, PERU_RING)])).unwrap();
        assert!(diagnostics[0].0.len() < 200);
        assert!(diagnostics[0].0.ends_with(&format!(
            "is {} bytes, more than {MAX_TEXT_BYTES}",
            MAX_TEXT_BYTES + 1
        )));
    }
}
