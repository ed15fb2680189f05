//! The scene: everything the view draws for one region, projected and classified once per region.
//! Data flows one way: [`Dataset`] (loaded) → [`Scene`] (projected, classified) → the Yew view.

use std::rc::Rc;

use crate::core::anchor::anchor;
use crate::core::area::{read_areas, Area};
use crate::core::class::{StatusClass, View};
use crate::core::content::ContentTable;
use crate::core::dots::spread;
use crate::core::error::{DataError, Diagnostic};
use crate::core::iso3::Iso3;
use crate::core::path::svg_path;
use crate::core::profile::Profile;
use crate::core::projection::{angular_distance_deg, Bounds, Projection, ProjectionKind};
use crate::core::region::{Region, RegionTable};
use crate::core::status::StatusTable;

/// Width of every map's viewBox; the SVG scales to its container, so this only sets path precision.
pub const VIEW_WIDTH_PX: f64 = 1000.0;
const PADDING_PX: f64 = 8.0;
/// A shape whose largest polygon spans less than this many CSS pixels on screen gets a dot, so it can be seen
/// and hit.
pub const DOT_BELOW_CSS_PX: f64 = 16.0;
/// States without a dot but smaller than this on screen are kept clear of dots pushed aside.
pub const OBSTACLE_BELOW_CSS_PX: f64 = 60.0;
/// Dots are 24 CSS px pointer targets; they are kept this far apart, centre to centre.
pub const DOT_SPACING_CSS_PX: f64 = 26.0;
/// The map's width on screen assumed by [`Scene::build`], for sizing dots; see [`Scene::build_for_width`].
pub const DEFAULT_WIDTH_CSS_PX: f64 = 1000.0;
/// Context areas further than this from an azimuthal projection's centre are not drawn (they would be
/// stretched around the rim of the projection, and lie outside the view anyway).
const CONTEXT_MAX_DISTANCE_DEG: f64 = 100.0;

/// All loaded inputs, parsed and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub areas: Vec<Area>,
    pub statuses: StatusTable,
    pub regions: RegionTable,
    pub content: ContentTable,
    /// Items that were skipped, with reasons, to show beside the map.
    pub diagnostics: Vec<Diagnostic>,
}

impl Dataset {
    /// Parses the widget's three data files and the host's optional content. Broken data files are errors;
    /// broken host content only adds a diagnostic, since the map is useful without it.
    pub fn from_json(
        status: &str,
        geometry: &str,
        regions: &str,
        content: Option<&str>,
    ) -> Result<Dataset, DataError> {
        let (statuses, mut diagnostics) = StatusTable::from_json(status)?;
        let (areas, more) = read_areas(geometry)?;
        diagnostics.extend(more);
        let (regions, more) = RegionTable::from_json(regions)?;
        diagnostics.extend(more);
        let content = match content.map(ContentTable::from_json) {
            None => ContentTable::default(),
            Some(Ok((table, more))) => {
                diagnostics.extend(more);
                table
            }
            Some(Err(error)) => {
                diagnostics.push(Diagnostic(error.to_string()));
                ContentTable::default()
            }
        };
        Ok(Dataset {
            areas,
            statuses,
            regions,
            content,
            diagnostics,
        })
    }

    /// The profile panel's model for `iso3`, if the state is in the geometry.
    pub fn profile(&self, iso3: Iso3) -> Option<Profile> {
        let area = self.areas.iter().find(|a| a.iso3 == Some(iso3))?;
        Some(Profile::new(
            iso3,
            &area.name,
            self.statuses.get(iso3),
            &self.statuses.sources,
            self.content.get(iso3),
        ))
    }
}

/// A state or territory of the region: selectable, filled by its class.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub iso3: Iso3,
    pub name: String,
    pub class: StatusClass,
    /// SVG path data; empty for an area smaller than a tenth of a pixel at this scale. Shared, since the view
    /// hands it to the DOM on every render.
    pub d: Rc<str>,
    /// A point inside the shape, in viewBox pixels: for keyboard neighbours and dots.
    pub point: (f64, f64),
    /// The larger side of the shape's largest polygon, in viewBox pixels.
    pub extent_px: f64,
    /// Where the view draws a dot, in viewBox pixels, for a shape too small to see or hit at the default zoom:
    /// at `point`, or pushed aside so that dots do not overlap (the view then draws a leader line).
    pub dot: Option<(f64, f64)>,
}

/// A neighbouring area, or one without a code of its own, drawn muted for context.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextShape {
    pub name: String,
    pub d: Rc<str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegendEntry {
    pub class: StatusClass,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub region: Region,
    /// Which treaty the classes are for.
    pub view: View,
    pub width_px: u32,
    pub height_px: u32,
    /// Sorted by name, the order a reader expects in lists and keyboard order.
    pub shapes: Vec<Shape>,
    pub context: Vec<ContextShape>,
    /// Every class, in legend order, with how many of `shapes` it fills.
    pub legend: Vec<LegendEntry>,
}

impl Scene {
    /// Projects and classifies `region`'s areas, fitted to a viewBox [`VIEW_WIDTH_PX`] wide whose height follows
    /// the region's shape. A region with no areas gives an empty scene.
    pub fn build(data: &Dataset, region: Region) -> Scene {
        Scene::build_for_width(data, region, DEFAULT_WIDTH_CSS_PX)
    }

    /// As [`Scene::build`], for a map shown `width_css_px` wide: dots are chosen and spread for that size.
    pub fn build_for_width(data: &Dataset, region: Region, width_css_px: f64) -> Scene {
        let css_px_per_unit = width_css_px.max(1.0) / VIEW_WIDTH_PX;
        let kind = region.projection();
        let (members, others): (Vec<&Area>, Vec<&Area>) = data
            .areas
            .iter()
            .partition(|a| a.iso3.is_some() && data.regions.contains(region, a.iso3));
        let raw_points = members
            .iter()
            .flat_map(|a| a.positions())
            .filter_map(|(lon, lat)| kind.forward(lon.to_radians(), lat.to_radians()));
        let Some(bounds) = Bounds::of(raw_points) else {
            return Scene {
                region,
                view: View::Combined,
                width_px: VIEW_WIDTH_PX as u32,
                height_px: 0,
                shapes: Vec::new(),
                context: Vec::new(),
                legend: legend(&[], View::Combined),
            };
        };
        let aspect = (bounds.height() / bounds.width().max(1e-9)).clamp(0.45, 1.3);
        let height_px = (VIEW_WIDTH_PX * aspect).round();
        let projection = Projection::fit(kind, bounds, VIEW_WIDTH_PX, height_px, PADDING_PX);

        let mut shapes: Vec<Shape> = members
            .iter()
            .filter_map(|area| {
                let iso3 = area.iso3?;
                let status = data.statuses.get(iso3);
                let anchor = anchor(&area.polygons, &projection)?;
                Some(Shape {
                    iso3,
                    name: status
                        .map_or(area.name.as_str(), |s| s.name.as_str())
                        .to_owned(),
                    class: StatusClass::of(status),
                    d: svg_path(&area.polygons, &projection).into(),
                    point: (anchor.x_px, anchor.y_px),
                    extent_px: anchor.extent_px,
                    // Territories without a status of their own get no dot: they would crowd the states'.
                    dot: (status.is_some()
                        && anchor.extent_px * css_px_per_unit < DOT_BELOW_CSS_PX)
                        .then_some((anchor.x_px, anchor.y_px)),
                })
            })
            .collect();
        shapes.sort_by(|a, b| a.name.cmp(&b.name).then(a.iso3.cmp(&b.iso3)));
        let mut dots: Vec<(f64, f64)> = shapes.iter().filter_map(|s| s.dot).collect();
        // Small states without a dot are obstacles: a dot pushed aside must not cover them.
        let obstacles: Vec<(f64, f64, f64)> = shapes
            .iter()
            .filter(|s| s.dot.is_none() && s.class != StatusClass::NoData)
            .filter(|s| s.extent_px * css_px_per_unit < OBSTACLE_BELOW_CSS_PX)
            .map(|s| (s.point.0, s.point.1, s.extent_px / 2.0))
            .collect();
        let spacing = DOT_SPACING_CSS_PX / css_px_per_unit;
        spread(&mut dots, &obstacles, spacing, VIEW_WIDTH_PX, height_px);
        for (shape, dot) in shapes.iter_mut().filter(|s| s.dot.is_some()).zip(dots) {
            shape.dot = Some(dot);
        }

        let context = others
            .iter()
            .filter(|area| is_near(kind, area))
            .map(|area| ContextShape {
                name: area.name.clone(),
                d: svg_path(&area.polygons, &projection).into(),
            })
            .filter(|c| !c.d.is_empty() && overlaps_view(&c.d, height_px))
            .collect();

        Scene {
            region,
            view: View::Combined,
            width_px: VIEW_WIDTH_PX as u32,
            height_px: height_px as u32,
            legend: legend(&shapes, View::Combined),
            shapes,
            context,
        }
    }

    /// The same map coloured for `view`: classes and legend change, nothing is projected again (path data is
    /// shared).
    pub fn in_view(&self, data: &Dataset, view: View) -> Scene {
        let mut shapes = self.shapes.clone();
        for shape in &mut shapes {
            shape.class = StatusClass::in_view(view, data.statuses.get(shape.iso3));
        }
        Scene {
            view,
            legend: legend(&shapes, view),
            shapes,
            ..self.clone()
        }
    }

    pub fn shape(&self, iso3: Iso3) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.iso3 == iso3)
    }

    /// The map's text alternative: "Americas: 35 states; 33 CAT parties, 16 of them also OPCAT parties; …".
    pub fn summary(&self) -> String {
        if self.view != View::Combined {
            let parts: Vec<String> = self
                .legend
                .iter()
                .map(|e| format!("{}: {}", e.class.label_in(self.view), e.count))
                .collect();
            return format!(
                "{} ({}): {}.",
                self.region.label(),
                self.view.label(),
                parts.join("; ")
            );
        }
        let count = |classes: &[StatusClass]| {
            self.shapes
                .iter()
                .filter(|s| classes.contains(&s.class))
                .count()
        };
        let states = self.shapes.len() - count(&[StatusClass::NoData]);
        let cat_parties = count(&[
            StatusClass::CatAndOpcatParty,
            StatusClass::CatPartyOpcatSignatory,
            StatusClass::CatPartyOnly,
        ]);
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![
            format!(
                "{}: {}",
                self.region.label(),
                plural(states, "state", "states")
            ),
            format!(
                "{}, {} of them also OPCAT parties and {}",
                plural(cat_parties, "CAT party", "CAT parties"),
                count(&[StatusClass::CatAndOpcatParty]),
                plural(
                    count(&[StatusClass::CatPartyOpcatSignatory]),
                    "OPCAT signatory",
                    "OPCAT signatories"
                )
            ),
            plural(
                count(&[StatusClass::CatSignatoryOnly]),
                "CAT signatory only",
                "CAT signatories only",
            ),
            format!("{} with no action on CAT", count(&[StatusClass::NoAction])),
        ];
        let others = count(&[StatusClass::NoData]);
        if others > 0 {
            parts.push(plural(
                others,
                "other area without a status of its own",
                "other areas without a status of their own",
            ));
        }
        parts.join("; ") + "."
    }

    /// Each shape with its point, for keyboard neighbours.
    pub fn points(&self) -> Vec<(Iso3, (f64, f64))> {
        self.shapes.iter().map(|s| (s.iso3, s.point)).collect()
    }
}

fn legend(shapes: &[Shape], view: View) -> Vec<LegendEntry> {
    StatusClass::classes_in(view)
        .iter()
        .map(|&class| LegendEntry {
            class,
            count: shapes.iter().filter(|s| s.class == class).count(),
        })
        .collect()
}

fn is_near(kind: ProjectionKind, area: &Area) -> bool {
    match kind {
        ProjectionKind::EqualEarth { .. } => true,
        ProjectionKind::LambertAzimuthal {
            center_lon_deg,
            center_lat_deg,
        } => area.positions().all(|p| {
            angular_distance_deg((center_lon_deg, center_lat_deg), p) <= CONTEXT_MAX_DISTANCE_DEG
        }),
    }
}

/// Whether any vertex of the path data lies inside the viewBox (a cheap test; context only).
fn overlaps_view(d: &str, height_px: f64) -> bool {
    d.split(['M', ' ', 'Z'])
        .filter_map(|pair| pair.split_once(','))
        .any(|(x, y)| {
            let (x, y): (f64, f64) = (x.parse().unwrap_or(-1.0), y.parse().unwrap_or(-1.0));
            (0.0..=VIEW_WIDTH_PX).contains(&x) && (0.0..=height_px).contains(&y)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATUS: &str = r#"{"as_of":"2026-02-03","source":"UN Treaty Collection","states":[
        {"iso3":"PER","name":"Peru","cat":{"party":"1988-07-07","act":"ratification"},"opcat":{"party":"2006-09-14","act":"accession"},"last_review":2018},
        {"iso3":"CHL","name":"Chile","cat":{"party":"1988-09-30","act":"ratification"}}]}"#;
    const GEOMETRY: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},"geometry":{"type":"Polygon","coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}},
        {"type":"Feature","properties":{"iso3":"CHL","name":"Chile"},"geometry":{"type":"Polygon","coordinates":[[[-75,-18],[-70,-18],[-70,-55],[-75,-18]]]}},
        {"type":"Feature","properties":{"iso3":"ATF","name":"Fr. S. Antarctic Lands"},"geometry":{"type":"Polygon","coordinates":[[[69,-49],[70,-49],[70,-50],[69,-49]]]}},
        {"type":"Feature","properties":{"iso3":"BRA","name":"Brazil"},"geometry":{"type":"Polygon","coordinates":[[[-69,-10],[-40,-5],[-50,-30],[-69,-10]]]}}]}"#;
    const REGIONS: &str = r#"{"PER":"americas","CHL":"americas","ATF":"africa","BRA":"americas"}"#;

    fn dataset() -> Dataset {
        Dataset::from_json(STATUS, GEOMETRY, REGIONS, None).unwrap()
    }

    #[test]
    fn a_region_has_its_members_sorted_by_name_and_classified() {
        let scene = Scene::build(&dataset(), Region::Americas);
        let names: Vec<&str> = scene.shapes.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Brazil", "Chile", "Peru"]);
        assert_eq!(
            scene.shape(Iso3::parse("PER").unwrap()).unwrap().class,
            StatusClass::CatAndOpcatParty
        );
        assert_eq!(
            scene.shape(Iso3::parse("BRA").unwrap()).unwrap().class,
            StatusClass::NoData
        );
        assert!(
            scene.context.is_empty(),
            "the Indian Ocean is not near the Americas"
        );
        let counts: Vec<usize> = scene.legend.iter().map(|e| e.count).collect();
        assert_eq!(counts, [1, 0, 1, 0, 0, 1]);
    }

    #[test]
    fn summary_counts_states_and_other_areas() {
        let scene = Scene::build(&dataset(), Region::Americas);
        assert_eq!(
            scene.summary(),
            "Americas: 2 states; 2 CAT parties, 1 of them also OPCAT parties and 0 OPCAT signatories; \
             0 CAT signatories only; 0 with no action on CAT; 1 other area without a status of its own."
        );
    }

    #[test]
    fn a_single_treaty_view_recolours_without_reprojecting() {
        let scene = Scene::build(&dataset(), Region::Americas);
        let opcat = scene.in_view(&dataset(), View::Opcat);
        assert_eq!(opcat.legend.len(), 4);
        let chile = opcat.shape(Iso3::parse("CHL").unwrap()).unwrap();
        assert_eq!(
            chile.class,
            StatusClass::NoAction,
            "Chile is a CAT party only"
        );
        assert!(Rc::ptr_eq(
            &chile.d,
            &scene.shape(Iso3::parse("CHL").unwrap()).unwrap().d
        ));
        assert_eq!(
            opcat.summary(),
            "Americas (OPCAT only): OPCAT party: 1; OPCAT signatory only: 0; No action on OPCAT: 1; No data: 1."
        );
    }

    #[test]
    fn every_path_lies_inside_the_view_box() {
        for region in [Region::Americas, Region::World] {
            let scene = Scene::build(&dataset(), region);
            for shape in &scene.shapes {
                assert!(
                    overlaps_view(&shape.d, f64::from(scene.height_px)),
                    "{}",
                    shape.name
                );
                for pair in shape.d.split(['M', ' ', 'Z']).filter(|p| !p.is_empty()) {
                    let (x, y) = pair.split_once(',').unwrap();
                    let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                    assert!(
                        (0.0..=1000.0).contains(&x)
                            && (0.0..=f64::from(scene.height_px)).contains(&y),
                        "{pair}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_world_holds_every_area() {
        let scene = Scene::build(&dataset(), Region::World);
        assert_eq!(scene.shapes.len(), 4);
        assert_eq!(scene.width_px, 1000);
        assert!(scene.height_px >= 450);
    }

    #[test]
    fn an_empty_region_gives_an_empty_scene() {
        let scene = Scene::build(&dataset(), Region::MiddleEastNorthAfrica);
        assert!(scene.shapes.is_empty());
        assert!(scene.legend.iter().all(|e| e.count == 0));
    }

    #[test]
    fn profile_joins_status_and_geometry() {
        let data = dataset();
        let peru = data.profile(Iso3::parse("PER").unwrap()).unwrap();
        assert_eq!(
            peru.facts[1],
            "OPCAT: State party since 14 September 2006 (accession)"
        );
        assert!(data.profile(Iso3::parse("FRA").unwrap()).is_none());
    }

    #[test]
    fn broken_host_content_is_a_diagnostic_not_a_failure() {
        let data = Dataset::from_json(STATUS, GEOMETRY, REGIONS, Some("{not json")).unwrap();
        assert_eq!(data.diagnostics.len(), 1);
        assert!(data.diagnostics[0]
            .0
            .starts_with("host content: not valid JSON"));
    }
}
