//! Areas read from GeoJSON (RFC 7946): one feature per state or territory, polygons in degrees.

use geojson::{Feature, GeometryValue, PolygonType};

use crate::core::error::{DataError, Diagnostic};
use crate::core::iso3::Iso3;

/// A closed ring of (longitude, latitude) positions in degrees.
pub type Ring = Vec<(f64, f64)>;

/// A polygon: the exterior ring first, then holes (RFC 7946 § 3.1.6).
pub type Polygon = Vec<Ring>;

/// One drawable area: a state, a territory or an area without a status of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// The feature's `iso3` property; `None` for areas without an ISO 3166-1 code of their own.
    pub iso3: Option<Iso3>,
    /// The feature's `name` property (the geometry source's short name).
    pub name: String,
    pub polygons: Vec<Polygon>,
}

impl Area {
    /// Every position of every ring.
    pub fn positions(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.polygons.iter().flatten().flatten().copied()
    }
}

/// Reads a GeoJSON FeatureCollection whose features carry `iso3` and `name` properties. A feature that is not a
/// usable polygon becomes a diagnostic naming it; the other features still load.
pub fn read_areas(text: &str) -> Result<(Vec<Area>, Vec<Diagnostic>), DataError> {
    let json_error = |message: String| DataError::Json {
        file: "geometry",
        message,
    };
    let document: serde_json::Value =
        serde_json::from_str(text).map_err(|e| json_error(e.to_string()))?;
    let features = document
        .get("features")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| DataError::Field {
            file: "geometry",
            field: "features",
            message: "a GeoJSON FeatureCollection with a features array is expected".to_owned(),
        })?;
    let mut areas = Vec::with_capacity(features.len());
    let mut diagnostics = Vec::new();
    for (index, value) in features.iter().enumerate() {
        match read_feature(value) {
            Ok(area) => areas.push(area),
            Err(message) => diagnostics.push(Diagnostic(format!(
                "geometry feature {}: {message}",
                index + 1
            ))),
        }
    }
    Ok((areas, diagnostics))
}

fn read_feature(value: &serde_json::Value) -> Result<Area, String> {
    let feature: Feature = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    let name = feature
        .property("name")
        .and_then(serde_json::Value::as_str)
        .ok_or("no name property")?
        .to_owned();
    let iso3 = match feature.property("iso3") {
        None | Some(serde_json::Value::Null) => None,
        Some(code) => Some(
            code.as_str()
                .and_then(Iso3::parse)
                .ok_or_else(|| format!("{name}: iso3 {code} is not an ISO 3166-1 alpha-3 code"))?,
        ),
    };
    let geometry = feature
        .geometry
        .ok_or_else(|| format!("{name}: no geometry"))?;
    let polygons: Vec<Polygon> = match geometry.value {
        GeometryValue::Polygon { coordinates } => vec![polygon(&coordinates)],
        GeometryValue::MultiPolygon { coordinates } => coordinates.iter().map(polygon).collect(),
        other => return Err(format!("{name}: a {} is not an area", other.type_name())),
    };
    let polygons: Vec<Polygon> = polygons.into_iter().filter(|p| !p.is_empty()).collect();
    if polygons.is_empty() {
        return Err(format!("{name}: no ring with at least four positions"));
    }
    if polygons
        .iter()
        .flatten()
        .flatten()
        .any(|&(lon, lat)| !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat))
    {
        return Err(format!(
            "{name}: a position lies outside longitude ±180°, latitude ±90°"
        ));
    }
    Ok(Area {
        iso3,
        name,
        polygons,
    })
}

/// Converts a GeoJSON polygon, dropping rings too short to enclose anything; a polygon whose exterior is
/// dropped is empty.
fn polygon(rings: &PolygonType) -> Polygon {
    let mut out: Polygon = Vec::with_capacity(rings.len());
    for (index, ring) in rings.iter().enumerate() {
        let positions: Ring = ring
            .iter()
            .filter(|p| p.len() >= 2)
            .map(|p| (p[0], p[1]))
            .collect();
        if positions.len() >= 4 {
            out.push(positions);
        } else if index == 0 {
            return Vec::new();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_polygons_and_multipolygons_with_their_codes() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},
           "geometry":{"type":"Polygon","coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}},
          {"type":"Feature","properties":{"name":"Kosovo"},
           "geometry":{"type":"MultiPolygon","coordinates":[[[[20,42],[21,43],[21,42],[20,42]]],[[[1,1],[2,2],[2,1]]]]}}]}"#;
        let (areas, diagnostics) = read_areas(text).unwrap();
        assert!(diagnostics.is_empty());
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
            "geometry feature 2: Chile: a Point is not an area"
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
}
