//! The scene: everything the view draws for one region, projected and classified once per region.
//! Data flows one way: [`Dataset`] (loaded) → [`Scene`] (projected, classified) → the Yew view.

use std::rc::Rc;

use crate::core::anchor::anchor_px;
use crate::core::area::{Area, LineStyle, Polygon};
use crate::core::class::{StatusClass, View};
use crate::core::content::ContentTable;
use crate::core::dataset::Dataset;
use crate::core::dots::spread;

use crate::core::i18n::{fill, Lang, Names};
use crate::core::iso3::Iso3;
use crate::core::navigate::sort_key;
use crate::core::path::{svg_path, svg_path_px, svg_polyline};
use crate::core::profile::{area_facts, Profile};
use crate::core::projection::{angular_distance_deg, Bounds, Projection, ProjectionKind};
use crate::core::region::Region;
use crate::core::status::UnNote;

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

/// A state or territory of the region: selectable, filled by its class.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub iso3: Iso3,
    /// The name in the scene's language (the English name where no translation is given).
    pub name: String,
    /// The English name (UN Treaty Collection's for a state with a status), which search also matches.
    pub english_name: String,
    /// Other names the area is known by (old and alternative names in any language), which search matches.
    pub aliases: Rc<[String]>,
    pub class: StatusClass,
    /// SVG path data; empty for an area smaller than a tenth of a pixel at this scale. Shared, since the view
    /// hands it to the DOM on every render.
    pub d: Rc<str>,
    /// A point inside the shape, in viewBox pixels: for keyboard neighbours and dots.
    pub point: (f64, f64),
    /// The larger side of the shape's largest polygon, in viewBox pixels.
    pub extent_px: f64,
    /// The shape's area in viewBox pixels², which decides the draw order (smaller above larger).
    pub area_px: f64,
    /// Where the view draws a dot, in viewBox pixels, for a shape too small to see or hit at the default zoom:
    /// at `point`, or pushed aside so that dots do not overlap (the view then draws a leader line).
    pub dot: Option<(f64, f64)>,
    /// Whether the area is a state (it has a status row); every other area is a territory or an area of its own.
    pub is_state: bool,
    /// For a territory that the UNTC notes tie to a party: the party, named in the scene's language.
    pub party: Option<(Iso3, String)>,
    /// Whether a party's treaty applies to the territory: it is drawn in the party's class with a texture of its
    /// own.
    pub territory: bool,
    /// The UN's notes on an area that is not a state (a Non-Self-Governing Territory, a disputed area).
    pub notes: Vec<UnNote>,
}

/// A neighbouring area, or one without a code of its own, drawn muted for context.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextShape {
    pub name: String,
    pub d: Rc<str>,
}

/// A boundary line drawn over the areas: the Line of Control in Jammu and Kashmir (dotted), an undetermined
/// boundary (dashed).
#[derive(Debug, Clone, PartialEq)]
pub struct LineShape {
    pub name: String,
    pub style: LineStyle,
    /// SVG path data of open subpaths.
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
    /// The order the shapes are drawn in (indices into `shapes`): larger areas first, so that a small state
    /// (Andorra, Liechtenstein, Brunei, the Holy See) lies above its neighbours and their borders.
    pub draw_order: Vec<usize>,
    pub context: Vec<ContextShape>,
    /// Boundary lines over the areas, in the order of the geometry.
    pub lines: Vec<LineShape>,
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
        Scene::build_localized(data, region, width_css_px, &Names::default())
    }

    /// As [`Scene::build_for_width`], with the states named (and sorted) by `names`, in another language
    /// than English. An area without a name in `names` keeps its English name.
    pub fn build_localized(
        data: &Dataset,
        region: Region,
        width_css_px: f64,
        names: &Names,
    ) -> Scene {
        SceneBuilder::new(data, region, width_css_px, names).finish()
    }

    /// The same map coloured for `view`: classes and legend change, nothing is projected again (path data is
    /// shared).
    pub fn in_view(&self, data: &Dataset, view: View) -> Scene {
        let mut scene = self.clone();
        for shape in &mut scene.shapes {
            shape.class = StatusClass::of_code(&data.statuses, shape.iso3, view);
        }
        scene.legend = legend(&scene.shapes, view);
        scene.view = view;
        scene
    }

    pub fn shape(&self, iso3: Iso3) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.iso3 == iso3)
    }

    /// The map's text alternative in English: "Americas: 35 states; 33 CAT parties, 16 of them also OPCAT
    /// parties; …".
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// The map's text alternative in `lang`.
    pub fn summary_in(&self, lang: Lang) -> String {
        let t = lang.catalogue();
        let region = t.region(self.region);
        if self.view != View::Combined {
            // Areas without a state's colour are named only where the map has some.
            let parts: Vec<String> = self
                .legend
                .iter()
                .filter(|e| e.class != StatusClass::Disputed || e.count > 0)
                .map(|e| {
                    fill(
                        t.summary_view_entry,
                        &[
                            ("label", t.class(e.class, self.view)),
                            ("count", &e.count.to_string()),
                        ],
                    )
                })
                .collect();
            let counts = parts.join(t.list_separator);
            let view = t.view(self.view);
            return fill(
                t.summary_view,
                &[("region", region), ("view", view), ("counts", &counts)],
            ) + t.sentence_end;
        }
        // States only: a territory in its party's class is not a party.
        let count = |classes: &[StatusClass]| {
            self.shapes
                .iter()
                .filter(|s| s.is_state && classes.contains(&s.class))
                .count()
        };
        let states = self.shapes.iter().filter(|s| s.is_state).count();
        let cat_parties = count(&[
            StatusClass::CatAndOpcatParty,
            StatusClass::CatPartyOpcatSignatory,
            StatusClass::CatPartyOnly,
        ]);
        let counted = |phrase, n| t.count(lang, phrase, n);
        let also = fill(
            t.summary_also_opcat,
            &[(
                "count",
                &count(&[StatusClass::CatAndOpcatParty]).to_string(),
            )],
        );
        let signatories = count(&[StatusClass::CatPartyOpcatSignatory]);
        let mut parts = vec![
            fill(
                t.summary_head,
                &[
                    ("region", region),
                    ("states", &counted(t.summary_states, states)),
                ],
            ),
            fill(
                t.summary_cat_clause,
                &[
                    ("parties", &counted(t.summary_cat_parties, cat_parties)),
                    ("also", &also),
                    (
                        "signatories",
                        &counted(t.summary_opcat_signatories, signatories),
                    ),
                ],
            ),
            counted(
                t.summary_cat_signatories,
                count(&[StatusClass::CatSignatoryOnly]),
            ),
            fill(
                t.summary_no_action,
                &[("count", &count(&[StatusClass::NoAction]).to_string())],
            ),
        ];
        let others = self.shapes.len() - states;
        if others > 0 {
            parts.push(counted(t.summary_others, others));
        }
        parts.join(t.list_separator) + t.sentence_end
    }

    /// The profile panel's model for a state or area of the scene, named as the scene names it, in `lang`,
    /// with the host's `content` for it.
    pub fn profile(
        &self,
        data: &Dataset,
        content: &ContentTable,
        iso3: Iso3,
        lang: Lang,
    ) -> Option<Profile> {
        let shape = self.shape(iso3)?;
        let status = data.statuses.get(iso3);
        let area = data.statuses.area(iso3).filter(|_| status.is_none());
        let mut profile = Profile::new(
            iso3,
            &shape.name,
            status,
            &data.statuses.sources,
            content.get(iso3),
            lang,
        );
        if let Some(area) = area {
            let party = area.party.and_then(|p| {
                let name = shape.party.as_ref().map_or("", |(_, n)| n.as_str());
                Some((data.statuses.get(p)?, name))
            });
            profile.facts = area_facts(area, party, lang);
        }
        profile.class = shape.class;
        Some(profile)
    }

    /// A shape's accessible name (and tooltip): its name and class; for a territory the party whose treaty
    /// applies to it; for an area with UN notes, the notes: "Peru: CAT and OPCAT party", "Gibraltar: CAT party
    /// only — territory; State party: United Kingdom of Great Britain and Northern Ireland — Non-Self-Governing
    /// Territory (United Nations list)", "Kosovo: Disputed area or Non-Self-Governing Territory — References to
    /// Kosovo shall be understood …".
    pub fn accessible_name(&self, shape: &Shape, lang: Lang) -> String {
        let t = lang.catalogue();
        let class = t.class(shape.class, self.view);
        let class = match &shape.party {
            Some((_, party)) => fill(t.class_territory, &[("class", class), ("party", party)]),
            None => class.to_owned(),
        };
        if shape.notes.is_empty() {
            return fill(
                t.name_and_class,
                &[("name", &shape.name), ("class", &class)],
            );
        }
        let notes: Vec<&str> = shape.notes.iter().map(|n| t.note(*n)).collect();
        fill(
            t.name_class_note,
            &[
                ("name", &shape.name),
                ("class", &class),
                ("note", &notes.join(" ")),
            ],
        )
    }

    /// Each shape with its point, for keyboard neighbours.
    pub fn points(&self) -> Vec<(Iso3, (f64, f64))> {
        self.shapes.iter().map(|s| (s.iso3, s.point)).collect()
    }
}

/// Builds a [`Scene`] a part at a time, so that a caller can yield to the browser between parts: a 1:10m
/// world (545,000 positions) takes longer to project than a page should be blocked for. Projecting every
/// position (for the bounds) comes first, then placing each area in pixels and writing its path; dots and
/// context come last, in [`SceneBuilder::finish`]. The scene is the same however the work is cut.
///
/// ```
/// use treaty_map::core::i18n::Names;
/// use treaty_map::core::region::Region;
/// use treaty_map::core::load::{assemble, Inputs};
/// use treaty_map::core::scene::{Scene, SceneBuilder};
///
/// let status = r#"{"as_of":"2026-02-03","source":"UN Treaty Collection","states":[
///     {"iso3":"PER","name":"Peru","cat":{"party":"1988-07-07","act":"ratification"}}]}"#;
/// let geometry = r#"{"type":"FeatureCollection","features":[
///     {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},"geometry":{"type":"Polygon",
///      "coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}},
///     {"type":"Feature","properties":{"iso3":"CHL","name":"Chile"},"geometry":{"type":"Polygon",
///      "coordinates":[[[-75,-18],[-70,-18],[-70,-55],[-75,-18]]]}}]}"#;
/// let data = assemble(Inputs::texts(status, geometry, r#"{"PER":"americas","CHL":"americas"}"#, None)).unwrap();
/// let names = Names::default();
/// let mut builder = SceneBuilder::new(&data, Region::Americas, 1000.0, &names);
/// let mut steps = 1;
/// while !builder.step(3) {
///     steps += 1;
/// }
/// assert_eq!(steps, 4); // two areas projected, then two placed, one a step
/// assert_eq!(builder.finish(), Scene::build_localized(&data, Region::Americas, 1000.0, &names));
/// ```
pub struct SceneBuilder<'a> {
    data: &'a Dataset,
    region: Region,
    css_px_per_unit: f64,
    names: &'a Names,
    kind: ProjectionKind,
    members: Vec<&'a Area>,
    others: Vec<&'a Area>,
    lines: Vec<&'a Area>,
    /// Each member's polygons in raw projected coordinates, as far as projected; emptied as each is placed.
    raw: Vec<Vec<Polygon>>,
    /// Fitted once every member is projected.
    fit: Option<(Projection, f64)>,
    shapes: Vec<Shape>,
    /// Members placed so far.
    placed: usize,
}

impl<'a> SceneBuilder<'a> {
    pub fn new(
        data: &'a Dataset,
        region: Region,
        width_css_px: f64,
        names: &'a Names,
    ) -> SceneBuilder<'a> {
        let (lines, areas): (Vec<&Area>, Vec<&Area>) =
            data.areas.iter().partition(|a| a.line.is_some());
        let (members, others): (Vec<&Area>, Vec<&Area>) = areas
            .into_iter()
            .partition(|a| a.iso3.is_some() && data.regions.contains(region, a.iso3));
        SceneBuilder {
            data,
            region,
            css_px_per_unit: width_css_px.max(1.0) / VIEW_WIDTH_PX,
            names,
            kind: region.projection(),
            raw: Vec::with_capacity(members.len()),
            shapes: Vec::with_capacity(members.len()),
            members,
            others,
            lines,
            fit: None,
            placed: 0,
        }
    }

    /// Does the next part of the work, of at least `positions` positions (a whole area at a time); returns
    /// whether the scene is ready for [`SceneBuilder::finish`].
    pub fn step(&mut self, positions: usize) -> bool {
        let mut done = 0;
        // Each point of the region's own areas is projected once: for the bounds, then placed in pixels for its
        // area's anchor and path.
        while self.raw.len() < self.members.len() {
            if done >= positions {
                return false;
            }
            let area = self.members[self.raw.len()];
            self.raw.push(project_raw(self.kind, &area.polygons));
            done += area.position_count();
        }
        let Some((projection, _)) = self.fitted() else {
            return true;
        };
        while self.placed < self.members.len() {
            if done >= positions {
                return false;
            }
            let area = self.members[self.placed];
            // Placed in pixels where they were projected: the raw points are not needed again (the bounds are
            // fitted), so the region is never held twice.
            let mut px = std::mem::take(&mut self.raw[self.placed]);
            px.iter_mut()
                .flatten()
                .flatten()
                .for_each(|p| *p = projection.place(*p));
            self.placed += 1;
            done += area.position_count();
            if let Some(shape) = self.shape(area, &px) {
                self.shapes.push(shape);
            }
        }
        true
    }

    /// The projection fitted to the region's projected points and the viewBox height, once they are all
    /// projected; `None` for a region with no points.
    fn fitted(&mut self) -> Option<(Projection, f64)> {
        if self.fit.is_none() {
            let bounds = Bounds::of(self.raw.iter().flatten().flatten().flatten().copied())?;
            let aspect = (bounds.height() / bounds.width().max(1e-9)).clamp(0.45, 1.3);
            let height_px = (VIEW_WIDTH_PX * aspect).round();
            let projection =
                Projection::fit(self.kind, bounds, VIEW_WIDTH_PX, height_px, PADDING_PX);
            self.fit = Some((projection, height_px));
        }
        self.fit
    }

    /// The state `area` drawn from its polygons in pixels.
    fn shape(&self, area: &Area, px: &[Polygon]) -> Option<Shape> {
        let iso3 = area.iso3?;
        let statuses = &self.data.statuses;
        let status = statuses.get(iso3);
        let area_status = statuses.area(iso3).filter(|_| status.is_none());
        let anchor = anchor_px(px)?;
        let english_name = status.map_or(area.name.as_str(), |s| s.name.as_str());
        let party = area_status.and_then(|a| a.party).map(|p| {
            let english = statuses.get(p).map_or(p.as_str(), |s| s.name.as_str());
            (p, self.names.get(p).unwrap_or(english).to_owned())
        });
        Some(Shape {
            iso3,
            name: self.names.get(iso3).unwrap_or(english_name).to_owned(),
            english_name: english_name.to_owned(),
            aliases: area.aliases.clone().into(),
            class: StatusClass::of_code(statuses, iso3, View::Combined),
            is_state: status.is_some(),
            party,
            territory: area_status.is_some_and(|a| a.is_covered()),
            notes: area_status.map(|a| a.notes.clone()).unwrap_or_default(),
            d: svg_path_px(px).into(),
            point: (anchor.x_px, anchor.y_px),
            extent_px: anchor.extent_px,
            area_px: area_px(px),
            // Territories without a status of their own get no dot: they would crowd the states'.
            dot: (status.is_some() && anchor.extent_px * self.css_px_per_unit < DOT_BELOW_CSS_PX)
                .then_some((anchor.x_px, anchor.y_px)),
        })
    }

    /// The scene: states sorted by name, dots spread, context drawn. Finishes any work [`SceneBuilder::step`]
    /// has not done.
    pub fn finish(mut self) -> Scene {
        while !self.step(usize::MAX) {}
        let region = self.region;
        let Some((projection, height_px)) = self.fitted() else {
            return Scene {
                region,
                view: View::Combined,
                width_px: VIEW_WIDTH_PX as u32,
                height_px: 0,
                shapes: Vec::new(),
                draw_order: Vec::new(),
                context: Vec::new(),
                lines: Vec::new(),
                legend: legend(&[], View::Combined),
            };
        };
        let css_px_per_unit = self.css_px_per_unit;
        let mut shapes = self.shapes;
        shapes.sort_by_cached_key(|s| (sort_key(&s.name), s.name.clone(), s.iso3));
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

        let kind = self.kind;
        let context = self
            .others
            .iter()
            .filter(|area| is_near(kind, area))
            .map(|area| ContextShape {
                name: area.name.clone(),
                d: svg_path(&area.polygons, &projection).into(),
            })
            .filter(|c| !c.d.is_empty() && overlaps_view(&c.d, height_px))
            .collect();
        let lines = self
            .lines
            .iter()
            .filter(|line| is_near(kind, line))
            .filter_map(|line| {
                let parts: Vec<Vec<(f64, f64)>> = line.polygons.iter().flatten().cloned().collect();
                Some(LineShape {
                    name: line.name.clone(),
                    style: line.line?,
                    d: svg_polyline(&parts, &projection).into(),
                })
            })
            .filter(|l| !l.d.is_empty() && overlaps_view(&l.d, height_px))
            .collect();
        let mut draw_order: Vec<usize> = (0..shapes.len()).collect();
        draw_order.sort_by(|&a, &b| {
            shapes[b]
                .area_px
                .total_cmp(&shapes[a].area_px)
                .then(shapes[a].iso3.cmp(&shapes[b].iso3))
        });

        Scene {
            region,
            view: View::Combined,
            width_px: VIEW_WIDTH_PX as u32,
            height_px: height_px as u32,
            legend: legend(&shapes, View::Combined),
            shapes,
            draw_order,
            context,
            lines,
        }
    }
}

/// The area of polygons in pixels: each exterior less its holes.
fn area_px(polygons: &[Polygon]) -> f64 {
    let ring_area = |ring: &[(f64, f64)]| {
        ring.windows(2)
            .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
            .sum::<f64>()
            .abs()
            / 2.0
    };
    polygons
        .iter()
        .map(|rings| {
            rings
                .iter()
                .enumerate()
                .map(|(i, ring)| {
                    if i == 0 {
                        ring_area(ring)
                    } else {
                        -ring_area(ring)
                    }
                })
                .sum::<f64>()
        })
        .sum()
}

/// Each class of the view with how many states it fills; the classes of areas that are not states (disputed
/// areas, no data) count those areas. A territory drawn in its party's class is not counted as a party.
fn legend(shapes: &[Shape], view: View) -> Vec<LegendEntry> {
    StatusClass::classes_in(view)
        .iter()
        .map(|&class| LegendEntry {
            class,
            count: shapes
                .iter()
                .filter(|s| {
                    s.class == class
                        && (s.is_state
                            || matches!(class, StatusClass::Disputed | StatusClass::NoData))
                })
                .count(),
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

/// `polygons` in raw projected coordinates (y up); points that do not project are left out, as
/// `Projection::project` leaves them out.
fn project_raw(kind: ProjectionKind, polygons: &[Polygon]) -> Vec<Polygon> {
    polygons
        .iter()
        .map(|rings| {
            rings
                .iter()
                .map(|ring| {
                    ring.iter()
                        .filter_map(|&(lon, lat)| kind.forward(lon.to_radians(), lat.to_radians()))
                        .collect()
                })
                .collect()
        })
        .collect()
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
    use crate::core::load::{assemble, Inputs};

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
        assemble(Inputs::texts(STATUS, GEOMETRY, REGIONS, None)).unwrap()
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
        assert_eq!(counts, [1, 0, 1, 0, 0, 0, 1]);
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
        assert_eq!(opcat.legend.len(), 5);
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
        let scene = Scene::build(&data, Region::Americas);
        let peru = scene
            .profile(&data, &data.content, Iso3::parse("PER").unwrap(), Lang::En)
            .unwrap();
        assert_eq!(
            peru.facts[1],
            "OPCAT: State party since 14 September 2006 (accession)"
        );
        assert!(scene
            .profile(&data, &data.content, Iso3::parse("FRA").unwrap(), Lang::En)
            .is_none());
    }

    #[test]
    fn broken_host_content_is_a_diagnostic_not_a_failure() {
        let data = assemble(Inputs::texts(STATUS, GEOMETRY, REGIONS, Some("{not json"))).unwrap();
        assert_eq!(data.diagnostics.len(), 1);
        assert!(data.diagnostics[0]
            .0
            .starts_with("host content: not valid JSON"));
    }

    #[test]
    fn a_localized_scene_names_sorts_and_summarises_in_its_language() {
        let data = dataset();
        let (names, _) =
            Names::from_json(r#"{"PER": "Pérou", "CHL": "Chili", "BRA": "Brésil"}"#).unwrap();
        let scene = Scene::build_localized(&data, Region::Americas, 1000.0, &names);
        let names: Vec<(&str, &str)> = scene
            .shapes
            .iter()
            .map(|s| (s.name.as_str(), s.english_name.as_str()))
            .collect();
        assert_eq!(
            names,
            [("Brésil", "Brazil"), ("Chili", "Chile"), ("Pérou", "Peru")]
        );
        assert_eq!(
            scene.summary_in(Lang::Fr),
            "Amériques\u{a0}: 2 États\u{a0}; 2 parties à la CAT, dont 1 également parties à l\u{2019}OPCAT et \
             0 signataire de l\u{2019}OPCAT\u{a0}; 0 signataire de la CAT seulement\u{a0}; 0 sans action \
             concernant la CAT\u{a0}; 1 autre territoire sans statut propre."
        );
        assert_eq!(
            scene.summary_in(Lang::Ar),
            "الأمريكتان — عدد الدول: 2؛ الأطراف في CAT: 2، منها أطراف في OPCAT أيضًا: 1، الموقّعة على OPCAT: 0؛ \
             الموقّعة على CAT فقط: 0؛ التي لم تتخذ أي إجراء بشأن CAT: 0؛ مناطق أخرى ليس لها وضع خاص بها: 1."
        );
        let peru = scene
            .profile(&data, &data.content, Iso3::parse("PER").unwrap(), Lang::Fr)
            .unwrap();
        assert_eq!(peru.heading, "Pérou");
        assert_eq!(
            peru.facts[0],
            "CAT\u{a0}: État partie depuis le 7 juillet 1988 (ratification)"
        );
        let opcat = scene.in_view(&data, View::Opcat);
        assert_eq!(
            opcat.summary_in(Lang::Es),
            "Américas (Solo OPCAT): Parte en el OPCAT: 1; Solo signatario del OPCAT: 0; \
             Sin acción respecto del OPCAT: 1; Sin datos: 1."
        );
    }
}
