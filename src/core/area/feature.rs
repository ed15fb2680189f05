//! One GeoJSON feature read on its own, straight into positions (`core::json`, no tree of values): its
//! properties (code, name, aliases, line style) and its (Multi)Polygon or (Multi)LineString, checked and
//! repaired where it can be (an unclosed ring is closed), so that one bad feature costs only itself.

use crate::core::area::grid::Grid;
use crate::core::area::{Area, LineStyle, Polygon, Ring, MAX_ALIASES};
use crate::core::error::{excerpt, NotIso3};
use crate::core::iso3::Iso3;
use crate::core::json::{self, Object};
use crate::core::limits::{MAX_FEATURE_POSITIONS, MAX_LAT_DEG, MAX_LON_DEG, MAX_TEXT_BYTES};

/// A GeoJSON position: longitude and latitude; a third number (altitude) and beyond are ignored (§ 3.1.1,
/// `json::positions_at`). In the compact form, steps of its grid until [`Grid::decode`] turns them into degrees.
pub(super) type Position = (f64, f64);

/// A polygon's rings as read: exterior first, then holes.
type RawPolygon = Vec<Vec<Position>>;

/// The reader of a ring's or line's positions at a place in the text, and where they end.
type PositionsAt = fn(&str, usize) -> Result<(Vec<Position>, usize), String>;

/// Reads a GeoJSON Feature (RFC 7946 § 3.2) on `core::json`: its type, its properties and its geometry's type
/// by name, the coordinates left raw until the geometry's type says what they are; in a file of the compact
/// form, steps of its `grid`, turned into degrees before they are checked.
pub(super) fn read_feature(
    raw: &str,
    repairs: &mut Vec<String>,
    grid: Option<&Grid>,
) -> Result<Area, String> {
    let not_feature = |why: String| format!("{}not a GeoJSON feature: {why}", label(raw));
    let feature = Object::read(raw).map_err(|e| not_feature(reason(&e)))?;
    match feature.get("type") {
        Some(kind) if json::text(kind).as_deref() == Some("Feature") => {}
        Some(kind) => return Err(not_feature(format!("its type is {}", json::excerpt(kind)))),
        None => return Err(not_feature("no type".to_owned())),
    }
    let object = |key: &str| match json::given(feature.get(key)) {
        None => Ok(None),
        Some(value) => json::object(value)
            .map(Some)
            .ok_or_else(|| not_feature(format!("{key}: {}", json::expected("an object", value)))),
    };
    let properties = object("properties")?;
    let geometry = object("geometry")?;
    let property = |key: &str| properties.as_ref().and_then(|p| p.get(key));
    let name = match property("name").and_then(json::text) {
        Some(name) if name.len() <= MAX_TEXT_BYTES => name,
        Some(name) => {
            return Err(format!(
                "name {} is {} bytes, more than {MAX_TEXT_BYTES}",
                excerpt(&name),
                name.len()
            ))
        }
        _ => return Err(format!("{}no name property", label(raw))),
    };
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err("empty name property".to_owned());
    }
    let iso3 = match json::given(property("iso3")) {
        None => None,
        Some(code) => Some(
            json::text(code)
                .as_deref()
                .and_then(Iso3::parse)
                .ok_or_else(|| format!("{name}: iso3 {}", NotIso3::quoted(json::excerpt(code))))?,
        ),
    };
    let aliases = match json::given(property("aliases")).map(|value| {
        json::list(value)
            .filter(|list| list.len() <= MAX_ALIASES)
            .and_then(|list| list.into_iter().map(json::text).collect::<Option<Vec<_>>>())
            .filter(|texts| texts.iter().all(|t| t.len() <= MAX_TEXT_BYTES))
    }) {
        None => Vec::new(),
        Some(Some(texts)) => texts
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
        Some(None) => {
            return Err(format!(
                "{name}: aliases must be a list of at most {MAX_ALIASES} texts"
            ))
        }
    };
    let geometry = geometry.ok_or_else(|| format!("{name}: no geometry"))?;
    let coordinates = geometry.get("coordinates").unwrap_or(json::NULL);
    let kind = geometry
        .get("type")
        .and_then(json::text)
        .ok_or_else(|| format!("{name}: a geometry without a type"))?;
    let kind = kind.as_str();
    let bad = |why: String| format!("{name}: not a GeoJSON {kind}: {why}");
    let line = match json::given(property("line")) {
        None => None,
        Some(value) => Some(
            [LineStyle::Dotted, LineStyle::Dashed]
                .into_iter()
                .find(|s| json::text(value).as_deref() == Some(s.key()))
                .ok_or_else(|| {
                    format!(
                        "{name}: line {} is not dotted or dashed",
                        json::excerpt(value)
                    )
                })?,
        ),
    };
    // The compact form writes a ring or a line as one flat list of numbers (`grid`).
    let positions_at: PositionsAt = match grid {
        Some(_) => super::grid::flat_positions_at,
        None => json::positions_at,
    };
    if line.is_some() {
        let mut parts: Vec<Vec<Position>> = match kind {
            "LineString" => vec![positions_at(coordinates.get(), 0).map_err(bad)?.0],
            "MultiLineString" => {
                json::list_of(coordinates, "a list of lines", &positions_at).map_err(bad)?
            }
            other => return Err(format!("{name}: a {} is not a line", excerpt(other))),
        };
        if let Some(grid) = grid {
            parts.iter_mut().for_each(|part| grid.decode(part, false));
        }
        check_positions(&name, parts.iter().flatten())?;
        let polygons: Vec<Polygon> = parts
            .into_iter()
            .filter(|part| part.len() >= 2)
            .map(|part| vec![part])
            .collect();
        if polygons.is_empty() {
            return Err(format!("{name}: no line with at least two positions"));
        }
        return Ok(Area {
            iso3: None,
            name,
            polygons,
            aliases,
            line,
        });
    }
    let mut source: Vec<RawPolygon> = match kind {
        "Polygon" => {
            vec![json::list_of(coordinates, "a list of rings", &positions_at).map_err(bad)?]
        }
        "MultiPolygon" => json::list_of(coordinates, "a list of polygons", &|text, pos| {
            json::list_at(text, pos, "a list of rings", &positions_at)
        })
        .map_err(bad)?,
        other => return Err(format!("{name}: a {} is not an area", excerpt(other))),
    };
    if let Some(grid) = grid {
        source
            .iter_mut()
            .flatten()
            .for_each(|ring| grid.decode(ring, true));
    }
    check_positions(&name, source.iter().flat_map(|p| p.iter()).flatten())?;
    let mut dropped = 0usize;
    let mut unclosed = 0usize;
    let polygons: Vec<Polygon> = source
        .into_iter()
        .map(|rings| kept_polygon(rings, &mut dropped, &mut unclosed))
        .filter(|p| !p.is_empty())
        .collect();
    if polygons.is_empty() {
        return Err(format!("{name}: no ring with at least four positions"));
    }
    if dropped > 0 {
        repairs.push(format!(
            "{dropped} ring(s) with fewer than four positions left out"
        ));
    }
    if unclosed > 0 {
        repairs.push(format!(
            "{unclosed} ring(s) not closed (RFC 7946 § 3.1.6); drawn closed"
        ));
    }
    Ok(Area {
        iso3,
        name,
        polygons,
        aliases,
        line: None,
    })
}

/// The position count and range checks every feature passes.
fn check_positions<'a>(
    name: &str,
    positions: impl Iterator<Item = &'a Position> + Clone,
) -> Result<(), String> {
    let count = positions.clone().count();
    if count > MAX_FEATURE_POSITIONS {
        return Err(format!(
            "{name}: {count} positions, more than the limit of {MAX_FEATURE_POSITIONS}"
        ));
    }
    if positions
        .into_iter()
        .any(|p| !(p.0.abs() <= MAX_LON_DEG && p.1.abs() <= MAX_LAT_DEG))
    {
        return Err(format!(
            "{name}: a position lies outside longitude ±180°, latitude ±90°"
        ));
    }
    Ok(())
}

/// A polygon as the widget keeps it, from its rings' positions: rings too short to enclose anything (fewer than
/// four positions) dropped and counted in `dropped`, open rings closed and counted in `unclosed`; a polygon
/// whose exterior is dropped is empty (its holes are then dropped with it, uncounted).
pub fn kept_polygon(
    rings: impl IntoIterator<Item = Ring>,
    dropped: &mut usize,
    unclosed: &mut usize,
) -> Polygon {
    let mut out: Polygon = Vec::new();
    for (index, mut positions) in rings.into_iter().enumerate() {
        if positions.len() < 4 {
            *dropped += 1;
            if index == 0 {
                return Vec::new();
            }
            continue;
        }
        if positions.first() != positions.last() {
            *unclosed += 1;
            positions.push(positions[0]);
        }
        out.push(positions);
    }
    out
}

/// A bad feature's label in a diagnostic: its name, else its code, else nothing (read leniently, since the
/// feature could not be read as GeoJSON).
fn label(raw: &str) -> String {
    let feature = Object::read(raw).ok();
    let properties = feature.and_then(|f| json::object(f.get("properties")?));
    let property = |key: &str| json::text(properties.as_ref()?.get(key)?);
    property("name")
        .or_else(|| property("iso3"))
        .map_or_else(String::new, |text| format!("{}: ", excerpt(&text)))
}

/// What is wrong with the feature's JSON, without its line and column (which count from the feature, not the
/// file).
fn reason(error: &json::Error) -> String {
    error.reason().to_owned()
}
