//! UN practice for the map's shapes (see data/README.md, "Geometry"). Natural Earth, which world-atlas
//! publishes, draws de facto control: Crimea inside Russia, most of Western Sahara inside Morocco, the Golan
//! inside Israel, Jammu and Kashmir split between India, Pakistan and China. The data tool moves Natural
//! Earth's disputed-area polygons into place with the `geo` crate's boolean operations ([`RULES`]).
//!
//! The work is done on world-atlas's own integer grid (its TopoJSON quantisation, about 400 m × 190 m a cell
//! at 1:10m): the countries arrive there from `xtask/js/geometry.mjs extract`, the disputed areas are snapped
//! onto it, and every result is rounded back onto it, so that a border two areas share has the same points on
//! both sides and the topology built afterwards finds it shared. Only the polygons a move touches are
//! recomputed; every other polygon leaves as it came, point for point. Along a cut, slivers and pinholes of
//! less than [`SLIVER_CELLS`] (where Natural Earth 4.0.0's disputed areas and 4.1.0's countries differ by a
//! cell or two) are dropped. Afterwards [`check`] requires that no two areas overlap and that the land area
//! is what it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use geo::algorithm::bool_ops::unary_union;
use geo::orient::Direction;
use geo::{
    Area, BooleanOps, BoundingRect, Coord, Distance, Euclidean, Intersects, LineString, MapCoords,
    MultiLineString, MultiPolygon, Orient, Polygon, Rect, RemoveRepeatedPoints,
};
use geojson::{Feature, FeatureCollection, GeoJson, JsonObject};

/// Polygons and holes smaller than this (in grid cells², about 0.1 km² a cell at the equator) that lie along a
/// cut are slivers between two editions of Natural Earth, not land.
pub const SLIVER_CELLS: f64 = 40.0;
/// How near (in cells) a polygon must be to a moved piece to be recomputed, and a sliver to count as one.
const NEAR_CELLS: f64 = 3.0;

/// world-atlas's quantisation: grid = (degrees − translate) / scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub scale: [f64; 2],
    pub translate: [f64; 2],
}

impl Grid {
    /// The grid cell nearest a position in degrees.
    pub fn snap(&self, lon: f64, lat: f64) -> Coord {
        Coord {
            x: ((lon - self.translate[0]) / self.scale[0]).round(),
            y: ((lat - self.translate[1]) / self.scale[1]).round(),
        }
    }

    /// A grid position in degrees.
    pub fn degrees(&self, c: Coord) -> (f64, f64) {
        (
            c.x * self.scale[0] + self.translate[0],
            c.y * self.scale[1] + self.translate[1],
        )
    }

    /// Square kilometres of `cells` grid cells at latitude `lat` (a planar approximation, for reports).
    pub fn km2(&self, cells: f64, lat: f64) -> f64 {
        cells * self.scale[0] * self.scale[1] * 111.32 * 111.32 * lat.to_radians().cos()
    }
}

/// One area of the map on the grid: a state or territory with its ISO3 code, or an area without one.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso3: Option<String>,
    /// Natural Earth's name (the data tool names coded areas from UN M49 later).
    pub name: String,
    pub parts: Vec<Polygon>,
}

/// An area a rule names: by ISO3 code, or (for Natural Earth's areas without one) by name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Who {
    Code(&'static str),
    Named(&'static str),
}

/// What a rule does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Cuts the union of the Natural Earth disputed areas `pieces` (by `BRK_A3`) out of the areas `from` and
    /// adds what was cut to `to` (made, with the code and name given, if it does not exist).
    Move {
        pieces: &'static [&'static str],
        from: &'static [Who],
        to: Who,
        new_name: Option<&'static str>,
    },
    /// Merges the whole of `from` into `to`, and removes `from`.
    Absorb { from: Who, to: Who },
    /// Gives an area without a code one.
    Code { who: Who, iso3: &'static str },
}

/// One change, with the reason data/README.md gives for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub what: &'static str,
    pub step: Step,
}

use Who::{Code, Named};

/// The changes, in order. Codes `X..` are from ISO 3166-1's user-assigned range, for areas that have no code
/// of their own.
pub const RULES: &[Rule] = &[
    Rule {
        what: "Crimea (incl. Sevastopol) to Ukraine (General Assembly resolution 68/262)",
        step: Step::Move {
            pieces: &["B89"],
            from: &[Code("RUS")],
            to: Code("UKR"),
            new_name: None,
        },
    },
    Rule {
        what: "Western Sahara whole, as one Non-Self-Governing Territory: the part Morocco administers",
        step: Step::Move {
            pieces: &["B19"],
            from: &[Code("MAR")],
            to: Code("ESH"),
            new_name: None,
        },
    },
    Rule {
        what: "the occupied Syrian Golan and the Shebaa Farms to the Syrian Arab Republic",
        step: Step::Move {
            pieces: &["B16", "B58"],
            from: &[Code("ISR")],
            to: Code("SYR"),
            new_name: None,
        },
    },
    Rule {
        what: "Northern Cyprus to Cyprus",
        step: Step::Absorb {
            from: Named("N. Cyprus"),
            to: Code("CYP"),
        },
    },
    Rule {
        what: "the United Nations buffer zone in Cyprus to Cyprus",
        step: Step::Absorb {
            from: Named("Cyprus U.N. Buffer Zone"),
            to: Code("CYP"),
        },
    },
    Rule {
        what: "Somaliland to Somalia",
        step: Step::Absorb {
            from: Named("Somaliland"),
            to: Code("SOM"),
        },
    },
    Rule {
        what: "Jammu and Kashmir as one disputed area: the parts India, Pakistan and China administer, \
               Siachen and the Shaksgam valley",
        step: Step::Move {
            pieces: &["B05", "B03", "B08", "B09", "B45", "B06"],
            from: &[
                Code("IND"),
                Code("PAK"),
                Code("CHN"),
                Named("Siachen Glacier"),
            ],
            to: Code("XJK"),
            new_name: Some("Jammu and Kashmir"),
        },
    },
    Rule {
        what: "Aksai Chin as its own disputed area (administered by China, claimed by India)",
        step: Step::Move {
            pieces: &["B07"],
            from: &[Code("CHN"), Code("IND")],
            to: Code("XAC"),
            new_name: Some("Aksai Chin"),
        },
    },
    Rule {
        what: "the Abyei area as its own area (final status not yet determined)",
        step: Step::Move {
            pieces: &["B13"],
            from: &[Code("SDN"), Code("SSD")],
            to: Code("XAB"),
            new_name: Some("Abyei area"),
        },
    },
    Rule {
        what: "Kosovo, in the context of Security Council resolution 1244 (1999): its own area, with a code",
        step: Step::Code {
            who: Named("Kosovo"),
            iso3: "XKX",
        },
    },
    Rule {
        what: "Taiwan to China (Taiwan Province of China)",
        step: Step::Absorb {
            from: Code("TWN"),
            to: Code("CHN"),
        },
    },
    Rule {
        what: "the Guantánamo Bay naval base, leased by Cuba, to Cuba",
        step: Step::Absorb {
            from: Named("USNB Guantanamo Bay"),
            to: Code("CUB"),
        },
    },
    Rule {
        what: "the Baikonur cosmodrome, leased by Kazakhstan, to Kazakhstan",
        step: Step::Absorb {
            from: Named("Baikonur"),
            to: Code("KAZ"),
        },
    },
];

/// Boundaries that UN maps draw dashed ("dashed lines represent undetermined boundaries"): the boundaries of
/// the areas whose status or boundary is not settled with the states that administer or claim them. The
/// geometry build draws each pair's shared border as a dashed line over the map.
pub const UNDETERMINED: &[(&str, &str)] = &[
    // Western Sahara and Morocco.
    ("MAR", "ESH"),
    // "Final boundary between the Republic of Sudan and the Republic of South Sudan has not yet been
    // determined"; the Abyei Area between them.
    ("SDN", "SSD"),
    ("SDN", "XAB"),
    ("SSD", "XAB"),
    // Jammu and Kashmir with India, Pakistan and China; Aksai Chin with China and Jammu and Kashmir.
    ("IND", "XJK"),
    ("PAK", "XJK"),
    ("CHN", "XJK"),
    ("CHN", "XAC"),
    ("XJK", "XAC"),
    // Kosovo and Serbia.
    ("SRB", "XKX"),
];

/// The name and style of the Line of Control in Jammu and Kashmir, which UN maps draw dotted: Natural Earth's
/// "Line of control" between India and Pakistan and its "Indeterminant frontier" at Siachen, as one line.
pub const LINE_OF_CONTROL: (&str, &str) = ("Line of Control in Jammu and Kashmir", "dotted");

/// What applying the rules did, for the data tool's report.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub rule: &'static str,
    /// Square kilometres that changed hands (approximately).
    pub km2: f64,
}

/// Applies [`RULES`] to `countries`, with the Natural Earth disputed areas `pieces` (by `BRK_A3`, on the grid).
pub fn apply(
    grid: &Grid,
    countries: &mut Vec<Country>,
    pieces: &BTreeMap<String, MultiPolygon>,
) -> Result<Vec<Moved>, String> {
    let mut report = Vec::new();
    for rule in RULES {
        let km2 = match rule.step {
            Step::Move {
                pieces: keys,
                from,
                to,
                new_name,
            } => {
                let mut parts = Vec::new();
                for key in keys {
                    let piece = pieces
                        .get(*key)
                        .ok_or_else(|| format!("{}: no disputed area {key}", rule.what))?;
                    parts.extend(piece.0.iter().cloned());
                }
                let piece = snap(&unary_union(parts.iter()));
                let from: Vec<usize> = from
                    .iter()
                    .map(|who| find(countries, *who).ok_or_else(|| missing(rule, *who)))
                    .collect::<Result<_, _>>()?;
                let to = match (find(countries, to), to, new_name) {
                    (Some(index), ..) => index,
                    (None, Code(iso3), Some(name)) => {
                        countries.push(Country {
                            iso3: Some(iso3.to_owned()),
                            name: name.to_owned(),
                            parts: Vec::new(),
                        });
                        countries.len() - 1
                    }
                    (None, who, _) => return Err(missing(rule, who)),
                };
                let cells = move_piece(countries, &piece, &from, to);
                if cells == 0.0 {
                    return Err(format!(
                        "{}: the piece touches none of the areas it should be cut from",
                        rule.what
                    ));
                }
                grid.km2(cells, centre_lat(grid, &piece))
            }
            Step::Absorb { from, to } => {
                let source = find(countries, from).ok_or_else(|| missing(rule, from))?;
                let target = find(countries, to).ok_or_else(|| missing(rule, to))?;
                let piece = snap(&unary_union(countries[source].parts.iter()));
                let cells = move_piece(countries, &piece, &[source], target);
                let km2 = grid.km2(cells, centre_lat(grid, &piece));
                countries.remove(source);
                km2
            }
            Step::Code { who, iso3 } => {
                let index = find(countries, who).ok_or_else(|| missing(rule, who))?;
                countries[index].iso3 = Some(iso3.to_owned());
                0.0
            }
        };
        report.push(Moved {
            rule: rule.what,
            km2,
        });
    }
    Ok(report)
}

/// Puts back areas that world-atlas's 1:10m quantisation collapsed (the Holy See), from the 1:50m layer
/// (`fallback`, in degrees): each is cut out of whatever area covers it and becomes its area's only polygon.
pub fn restore(
    grid: &Grid,
    countries: &mut [Country],
    fallback: Vec<Country>,
) -> Result<Vec<Moved>, String> {
    let mut report = Vec::new();
    for area in fallback {
        let code = area.iso3.clone().unwrap_or_default();
        let piece = snap(
            &MultiPolygon::new(area.parts)
                .map_coords(|c| grid.snap(c.x, c.y))
                .orient(Direction::Default),
        );
        let target = countries
            .iter()
            .position(|c| c.iso3.as_deref() == Some(code.as_str()))
            .ok_or_else(|| format!("{code}: not in the 1:10m layer"))?;
        countries[target].parts.clear();
        let around: Vec<usize> = (0..countries.len())
            .filter(|&i| i != target && countries[i].parts.iter().any(|p| p.intersects(&piece)))
            .collect();
        let cells = move_piece_with(countries, &piece, &around, target, false);
        if countries[target].parts.is_empty() {
            return Err(format!("{code}: the 1:50m shape vanished on the grid"));
        }
        report.push(Moved {
            rule: "an area the 1:10m layer collapsed, from the 1:50m layer",
            km2: grid.km2(cells, centre_lat(grid, &piece)),
        });
    }
    Ok(report)
}

fn missing(rule: &Rule, who: Who) -> String {
    format!("{}: the source has no area {who:?}", rule.what)
}

fn find(countries: &[Country], who: Who) -> Option<usize> {
    countries.iter().position(|c| match who {
        Code(code) => c.iso3.as_deref() == Some(code),
        Named(name) => c.iso3.is_none() && c.name == name,
    })
}

fn centre_lat(grid: &Grid, piece: &MultiPolygon) -> f64 {
    piece
        .bounding_rect()
        .map_or(0.0, |r| grid.degrees(r.center()).1)
}

/// Cuts `piece` out of the areas `from` and adds what was cut to `to`; returns the grid cells² moved. Slivers
/// along the cut are dropped (see [`clean`]).
fn move_piece(countries: &mut [Country], piece: &MultiPolygon, from: &[usize], to: usize) -> f64 {
    move_piece_with(countries, piece, from, to, true)
}

/// As [`move_piece`]; without `drop_slivers`, for a piece smaller than a sliver (the Holy See).
fn move_piece_with(
    countries: &mut [Country],
    piece: &MultiPolygon,
    from: &[usize],
    to: usize,
    drop_slivers: bool,
) -> f64 {
    let clean = |polygons: MultiPolygon, piece: &MultiPolygon| {
        if drop_slivers {
            clean(polygons, piece)
        } else {
            polygons.0
        }
    };
    let mut taken: Vec<Polygon> = Vec::new();
    for &index in from {
        let (kept, hit) = split_near(&countries[index].parts, piece);
        if hit.is_empty() {
            continue;
        }
        let local = snap(&unary_union(hit.iter()));
        taken.extend(local.intersection(piece).0);
        let rest = snap(&local.difference(piece));
        countries[index].parts = kept.into_iter().chain(clean(rest, piece)).collect();
    }
    let cells: f64 = taken.iter().map(Area::unsigned_area).sum();
    let (kept, hit) = split_near(&countries[to].parts, piece);
    let merged = snap(&unary_union(hit.iter().chain(&taken)));
    countries[to].parts = kept.into_iter().chain(clean(merged, piece)).collect();
    cells
}

/// The parts far from `piece` (left as they are) and those near it (to recompute).
fn split_near(parts: &[Polygon], piece: &MultiPolygon) -> (Vec<Polygon>, Vec<Polygon>) {
    parts.iter().cloned().partition(|part| !near(part, piece))
}

fn near(part: &Polygon, piece: &MultiPolygon) -> bool {
    let (Some(a), Some(b)) = (part.bounding_rect(), piece.bounding_rect()) else {
        return false;
    };
    let grown = Rect::new(
        Coord {
            x: b.min().x - NEAR_CELLS,
            y: b.min().y - NEAR_CELLS,
        },
        Coord {
            x: b.max().x + NEAR_CELLS,
            y: b.max().y + NEAR_CELLS,
        },
    );
    a.intersects(&grown) && Euclidean.distance(piece, part) <= NEAR_CELLS
}

/// Drops the slivers and pinholes a cut along `piece` leaves.
fn clean(polygons: MultiPolygon, piece: &MultiPolygon) -> Vec<Polygon> {
    let sliver = |p: &Polygon| p.unsigned_area() < SLIVER_CELLS && near(p, piece);
    polygons
        .0
        .into_iter()
        .filter(|p| !sliver(p))
        .map(|p| {
            let (exterior, holes) = p.into_inner();
            let holes = holes
                .into_iter()
                .filter(|h| !sliver(&Polygon::new(h.clone(), Vec::new())))
                .collect();
            Polygon::new(exterior, holes)
        })
        .collect()
}

/// Rounds every point onto the grid and repairs what rounding folded (a union with nothing), until nothing
/// lies off the grid.
pub fn snap(polygons: &MultiPolygon) -> MultiPolygon {
    let mut current = polygons.clone();
    for _ in 0..4 {
        let rounded = current
            .map_coords(|c| Coord {
                x: c.x.round(),
                y: c.y.round(),
            })
            .remove_repeated_points();
        let repaired = unary_union(rounded.0.iter().filter(|p| p.exterior().0.len() >= 4));
        let on_grid = repaired
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|ring| ring.0.iter())
            .all(|c| c.x == c.x.round() && c.y == c.y.round());
        current = repaired;
        if on_grid {
            break;
        }
    }
    current
}

/// The checks every build makes after the moves: no two areas overlap by more than a few cells (rounding
/// onto the grid), and the land is what it was, less the slivers dropped.
pub fn check(before: &[Country], after: &[Country]) -> Result<(), String> {
    let total = |countries: &[Country]| -> f64 {
        countries
            .iter()
            .flat_map(|c| &c.parts)
            .map(Area::unsigned_area)
            .sum()
    };
    let (was, now) = (total(before), total(after));
    if (was - now).abs() > was * 1e-5 {
        return Err(format!(
            "the moves changed the land area by {:.4} % (from {was:.0} to {now:.0} cells²)",
            (now - was) / was * 100.0
        ));
    }
    // Only polygons a move made or changed are checked, against every polygon of the other areas. A polygon
    // whose ring steps across the antimeridian (Russia's, Fiji's) is not a planar polygon here and is left out;
    // no move comes near one.
    for (index, a) in after.iter().enumerate() {
        let old = before
            .iter()
            .find(|b| b.iso3 == a.iso3 && b.name == a.name)
            .map_or(&[][..], |b| &b.parts[..]);
        for part in a.parts.iter().filter(|p| !old.contains(p)) {
            let Some(box_a) = part.bounding_rect() else {
                continue;
            };
            for b in after
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, b)| b)
            {
                for other in b.parts.iter().filter(|p| !crosses_antimeridian(p)) {
                    if !other.bounding_rect().is_some_and(|r| r.intersects(&box_a)) {
                        continue;
                    }
                    let overlap = part.intersection(other).unsigned_area();
                    if overlap > SLIVER_CELLS {
                        return Err(format!(
                            "{} and {} overlap by {overlap:.0} grid cells²",
                            label(a),
                            label(b)
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether a ring of the polygon steps across the antimeridian (more than half the world in one edge).
fn crosses_antimeridian(polygon: &Polygon) -> bool {
    let Some(rect) = polygon.bounding_rect() else {
        return false;
    };
    let half = rect.width() / 2.0;
    half > 0.0
        && std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .any(|ring| {
                ring.0
                    .windows(2)
                    .any(|w| (w[1].x - w[0].x).abs() > half && (w[1].x - w[0].x).abs() > 40000.0)
            })
}

fn label(country: &Country) -> String {
    match &country.iso3 {
        Some(code) => format!("{} ({code})", country.name),
        None => country.name.clone(),
    }
}

/// Reads `countries.json` as `geometry.mjs extract` writes it: a FeatureCollection on the grid (integer
/// coordinates), with its `transform` and an `iso3` and `name` per feature.
pub fn read_countries(path: &Path) -> Result<(Grid, Vec<Country>), String> {
    let collection = read_collection(path)?;
    let transform = collection
        .foreign_members
        .as_ref()
        .and_then(|m| m.get("transform"))
        .ok_or_else(|| format!("{}: no transform", path.display()))?;
    let pair = |key: &str| -> Result<[f64; 2], String> {
        serde_json::from_value(transform[key].clone())
            .map_err(|e| format!("{}: transform.{key}: {e}", path.display()))
    };
    let grid = Grid {
        scale: pair("scale")?,
        translate: pair("translate")?,
    };
    let mut countries = Vec::new();
    for feature in collection.features {
        let text = |key: &str| {
            feature
                .property(key)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let name =
            text("name").ok_or_else(|| format!("{}: a feature without a name", path.display()))?;
        let parts = polygons(&feature).map_err(|e| format!("{name}: {e}"))?;
        countries.push(Country {
            iso3: text("iso3"),
            name,
            parts: parts
                .into_iter()
                .map(|p| p.orient(Direction::Default))
                .collect(),
        });
    }
    Ok((grid, countries))
}

/// Reads areas in degrees (`fallback.json`), with their `iso3` and `name`, not yet on the grid.
pub fn read_areas_in_degrees(path: &Path) -> Result<Vec<Country>, String> {
    let mut out = Vec::new();
    for feature in read_collection(path)?.features {
        let text = |key: &str| {
            feature
                .property(key)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let name = text("name").unwrap_or_default();
        out.push(Country {
            iso3: text("iso3"),
            parts: polygons(&feature).map_err(|e| format!("{name}: {e}"))?,
            name,
        });
    }
    Ok(out)
}

/// Reads Natural Earth's disputed areas (degrees) onto the grid, keyed by `BRK_A3`.
pub fn read_pieces(path: &Path, grid: &Grid) -> Result<BTreeMap<String, MultiPolygon>, String> {
    let mut pieces = BTreeMap::new();
    for feature in read_collection(path)?.features {
        let key = feature
            .property("BRK_A3")
            .and_then(|v| v.as_str())
            .ok_or_else(|| format!("{}: a feature without BRK_A3", path.display()))?
            .to_owned();
        let parts = polygons(&feature).map_err(|e| format!("{key}: {e}"))?;
        let on_grid = MultiPolygon::new(parts).map_coords(|c| grid.snap(c.x, c.y));
        pieces.insert(key, snap(&on_grid.orient(Direction::Default)));
    }
    Ok(pieces)
}

/// Reads Natural Earth's lines (degrees) onto the grid, as one line named and styled by `name_and_style`.
pub fn read_line(
    path: &Path,
    grid: &Grid,
    (name, style): (&str, &str),
) -> Result<(JsonObject, MultiLineString), String> {
    let mut lines = Vec::new();
    for feature in read_collection(path)?.features {
        let geometry = feature
            .geometry
            .clone()
            .ok_or_else(|| format!("{}: a line without geometry", path.display()))?;
        let lines_of: MultiLineString = match geo::Geometry::try_from(geometry)
            .map_err(|e| format!("{}: {e}", path.display()))?
        {
            geo::Geometry::LineString(l) => MultiLineString::new(vec![l]),
            geo::Geometry::MultiLineString(m) => m,
            other => return Err(format!("{}: {other:?} is not a line", path.display())),
        };
        let on_grid = lines_of
            .map_coords(|c| grid.snap(c.x, c.y))
            .remove_repeated_points();
        lines.extend(on_grid.0.into_iter().filter(|l| l.0.len() >= 2));
    }
    let mut properties = JsonObject::new();
    properties.insert("name".into(), name.into());
    properties.insert("line".into(), style.into());
    Ok((properties, MultiLineString::new(lines)))
}

fn read_collection(path: &Path) -> Result<FeatureCollection, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    match text.parse::<GeoJson>() {
        Ok(GeoJson::FeatureCollection(collection)) => Ok(collection),
        Ok(_) => Err(format!("{}: not a FeatureCollection", path.display())),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

fn polygons(feature: &Feature) -> Result<Vec<Polygon>, String> {
    let geometry = feature.geometry.clone().ok_or("no geometry")?;
    match geo::Geometry::try_from(geometry).map_err(|e| e.to_string())? {
        geo::Geometry::Polygon(p) => Ok(vec![p]),
        geo::Geometry::MultiPolygon(m) => Ok(m.0),
        other => Err(format!("{other:?} is not an area")),
    }
}

/// Writes the areas and lines on the grid, with the grid's transform and the pairs of [`UNDETERMINED`], for
/// `geometry.mjs build`: one feature per line, areas in the order given, then the lines. Rings keep
/// world-atlas's orientation (`exterior_clockwise`).
pub fn write(
    path: &Path,
    grid: &Grid,
    countries: &[Country],
    lines: &[(JsonObject, MultiLineString)],
    exterior_clockwise: bool,
) -> Result<(), String> {
    let direction = if exterior_clockwise {
        Direction::Reversed
    } else {
        Direction::Default
    };
    let mut out = format!(
        "{{\"type\":\"FeatureCollection\",\"transform\":{{\"scale\":{},\"translate\":{}}},\"undetermined\":{},\"features\":[\n",
        serde_json::to_string(&grid.scale).unwrap_or_default(),
        serde_json::to_string(&grid.translate).unwrap_or_default(),
        serde_json::to_string(UNDETERMINED).unwrap_or_default()
    );
    let mut features = Vec::new();
    for country in countries.iter().filter(|c| !c.parts.is_empty()) {
        let mut properties = JsonObject::new();
        properties.insert("iso3".into(), country.iso3.clone().into());
        properties.insert("name".into(), country.name.clone().into());
        let parts = MultiPolygon::new(country.parts.clone()).orient(direction);
        features.push(Feature {
            geometry: Some(geojson::Geometry::from(&parts)),
            properties: Some(properties),
            ..Feature::default()
        });
    }
    for (properties, line) in lines {
        features.push(Feature {
            geometry: Some(geojson::Geometry::from(line)),
            properties: Some(properties.clone()),
            ..Feature::default()
        });
    }
    let lines: Vec<String> = features
        .iter()
        .map(|f| serde_json::to_string(f).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    out.push_str(&lines.join(",\n"));
    out.push_str("\n]}\n");
    fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// Whether world-atlas's exterior rings run clockwise (y up), by the majority of the areas' largest polygons.
pub fn exteriors_clockwise(path: &Path) -> Result<bool, String> {
    let collection = read_collection(path)?;
    let mut votes = 0i64;
    for feature in &collection.features {
        for polygon in polygons(feature)? {
            votes += if signed_area(polygon.exterior()) < 0.0 {
                1
            } else {
                -1
            };
        }
    }
    Ok(votes > 0)
}

fn signed_area(ring: &LineString) -> f64 {
    ring.0
        .windows(2)
        .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
        .sum::<f64>()
        / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn square(x: f64, y: f64, side: f64) -> Polygon {
        polygon![(x: x, y: y), (x: x + side, y: y), (x: x + side, y: y + side), (x: x, y: y + side), (x: x, y: y)]
    }

    fn country(iso3: &str, parts: Vec<Polygon>) -> Country {
        Country {
            iso3: Some(iso3.into()),
            name: iso3.into(),
            parts,
        }
    }

    /// Two states side by side; a piece of the first moves to the second: the shared border moves with it,
    /// nothing overlaps and no land is lost.
    #[test]
    fn a_piece_moves_from_one_area_to_its_neighbour() {
        let before = vec![
            country("AAA", vec![square(0.0, 0.0, 100.0)]),
            country("BBB", vec![square(100.0, 0.0, 100.0)]),
            country("CCC", vec![square(500.0, 500.0, 10.0)]),
        ];
        let mut after = before.clone();
        let piece = MultiPolygon::new(vec![polygon![
            (x: 60.0, y: 0.0), (x: 100.0, y: 0.0), (x: 100.0, y: 100.0), (x: 60.0, y: 100.0), (x: 60.0, y: 0.0)
        ]]);
        let cells = move_piece(&mut after, &piece, &[0], 1);
        assert_eq!(cells, 4000.0);
        assert_eq!(after[0].parts[0].unsigned_area(), 6000.0);
        assert_eq!(after[1].parts.len(), 1, "the piece joins its new state");
        assert_eq!(after[1].parts[0].unsigned_area(), 14000.0);
        assert_eq!(after[2], before[2], "an area far away is left as it was");
        check(&before, &after).unwrap();
    }

    /// Natural Earth's disputed area and the state it is cut from may differ by a cell: the sliver this leaves
    /// is dropped, and the sea the piece covers does not become land.
    #[test]
    fn slivers_along_a_cut_are_dropped() {
        let mut countries = vec![
            country("AAA", vec![square(0.0, 0.0, 100.0)]),
            country("BBB", vec![square(100.0, 0.0, 100.0)]),
        ];
        // Misses a strip one cell wide and 30 long at x 99..100, and pokes 20 cells out to sea.
        let piece = MultiPolygon::new(vec![polygon![
            (x: 60.0, y: 0.0), (x: 99.0, y: 0.0), (x: 99.0, y: 30.0), (x: 100.0, y: 30.0), (x: 100.0, y: 100.0),
            (x: 60.0, y: 120.0), (x: 60.0, y: 0.0)
        ]]);
        move_piece(&mut countries, &piece, &[0], 1);
        assert_eq!(countries[0].parts.len(), 1, "the sliver is gone");
        assert_eq!(countries[0].parts[0].unsigned_area(), 6000.0);
        let moved: f64 = countries[1].parts.iter().map(Area::unsigned_area).sum();
        assert_eq!(moved, 10000.0 + 4000.0 - 30.0, "no sea became land");
    }

    #[test]
    fn overlapping_results_fail_the_check() {
        let before = vec![country("AAA", vec![square(0.0, 0.0, 100.0)])];
        let after = vec![
            country("AAA", vec![square(0.0, 0.0, 100.0)]),
            country("BBB", vec![square(50.0, 0.0, 50.0)]),
        ];
        let error = check(&before, &after).unwrap_err();
        assert!(error.contains("land area"), "{error}");
        let before = vec![
            country("AAA", vec![square(0.0, 0.0, 100.0)]),
            country("BBB", vec![square(200.0, 0.0, 100.0)]),
        ];
        let after = vec![
            country("AAA", vec![square(0.0, 0.0, 100.0)]),
            country(
                "BBB",
                vec![
                    square(50.0, 0.0, 50.0),
                    polygon![(x: 200.0, y: 0.0), (x: 300.0, y: 0.0), (x: 300.0, y: 75.0), (x: 200.0, y: 75.0), (x: 200.0, y: 0.0)],
                ],
            ),
        ];
        let error = check(&before, &after).unwrap_err();
        assert!(error.contains("overlap by 2500"), "{error}");
    }

    #[test]
    fn snapping_rounds_onto_the_grid() {
        let p = MultiPolygon::new(vec![polygon![
            (x: 0.2, y: 0.1), (x: 10.4, y: 0.0), (x: 10.0, y: 9.6), (x: 0.0, y: 10.0), (x: 0.2, y: 0.1)
        ]]);
        let snapped = snap(&p);
        assert_eq!(snapped.unsigned_area(), 100.0);
        let grid = Grid {
            scale: [0.5, 0.25],
            translate: [-180.0, -90.0],
        };
        assert_eq!(grid.snap(-179.0, -89.5), Coord { x: 2.0, y: 2.0 });
        assert_eq!(grid.degrees(Coord { x: 2.0, y: 2.0 }), (-179.0, -89.5));
    }
}
