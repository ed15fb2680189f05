//! Building a [`Scene`] from the [`Dataset`]: each point of the region's areas projected once (for the
//! bounds), then placed in pixels for its area's anchor and path; dots spread and context drawn last. The
//! work can be cut into parts ([`SceneBuilder::step`]), so that the widget yields to the browser between them.

use std::rc::Rc;

use crate::core::anchor::anchor_px;
use crate::core::area::{map_positions, Area, Polygon};
use crate::core::class::{StatusClass, View};
use crate::core::dataset::Dataset;
use crate::core::dots::Spread;
use crate::core::error::Diagnostic;
use crate::core::i18n::Names;
use crate::core::navigate::sort_key;
use crate::core::path::svg_path_px;
use crate::core::projection::{Bounds, Projection, ProjectionKind};
use crate::core::region::Region;
use crate::core::scene::context::{context_shape, line_shape};
use crate::core::scene::{
    legend, ContextShape, LineShape, Scene, Shape, DEFAULT_WIDTH_CSS_PX, DOT_BELOW_CSS_PX,
    DOT_SPACING_CSS_PX, OBSTACLE_BELOW_CSS_PX, VIEW_WIDTH_PX,
};
use crate::core::status::StateStatus;

const PADDING_PX: f64 = 8.0;
/// A pair of dots looked at while spreading them costs about as much as placing two positions (measured).
const POSITIONS_PER_CHECK: usize = 2;

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
/// assert_eq!(steps, 5); // two areas projected, then two placed, one a step; then the dots (none here)
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
    /// Once every member is placed (and the shapes sorted): the dots, in the shapes' order, being spread.
    dots: Option<(Spread, Vec<(f64, f64)>)>,
    /// The context areas and boundary lines drawn so far, and how many of `others`, then `lines`, were looked at.
    context: Vec<ContextShape>,
    line_shapes: Vec<LineShape>,
    drawn: usize,
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
            dots: None,
            context: Vec::new(),
            line_shapes: Vec::new(),
            drawn: 0,
        }
    }

    /// Does the next part of the work: `positions` positions (a whole area at a time; a pair of dots looked at
    /// counts as [`POSITIONS_PER_CHECK`]), or the rest of a phase (projecting, placing, spreading the dots,
    /// drawing the context), whichever ends first; returns whether the scene is ready for
    /// [`SceneBuilder::finish`]. A phase ends its part because each phase's first part also runs that phase's
    /// code for the first time, which a browser compiles then (on the page's main thread).
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
        if done > 0 {
            return false;
        }
        let Some((projection, height_px)) = self.fitted() else {
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
        if done > 0 {
            return false;
        }
        if self.dots.is_none() {
            self.dots = Some(self.start_dots(height_px));
        }
        if let Some((work, dots)) = &mut self.dots {
            let before = work.checks();
            // Nothing else is done in a step that spreads dots (each phase ends its step).
            if !work.step(dots, positions / POSITIONS_PER_CHECK) {
                return false;
            }
            done += (work.checks() - before) * POSITIONS_PER_CHECK;
            if done > 0 && self.drawn < self.others.len() + self.lines.len() {
                return false;
            }
        }
        let kind = self.kind;
        while self.drawn < self.others.len() + self.lines.len() {
            if done >= positions {
                return false;
            }
            let index = self.drawn;
            self.drawn += 1;
            if let Some(&area) = self.others.get(index) {
                done += area.position_count();
                self.context
                    .extend(context_shape(kind, area, &projection, height_px));
            } else {
                let line = self.lines[index - self.others.len()];
                done += line.position_count();
                self.line_shapes
                    .extend(line_shape(kind, line, &projection, height_px));
            }
        }
        true
    }

    /// Sorts the shapes by name, and starts spreading their dots: clear of each other, and of the small states
    /// without a dot, which a dot pushed aside must not cover.
    fn start_dots(&mut self, height_px: f64) -> (Spread, Vec<(f64, f64)>) {
        let css_px_per_unit = self.css_px_per_unit;
        let shapes = &mut self.shapes;
        shapes.sort_by_cached_key(|s| (sort_key(&s.name), s.name.clone(), s.iso3));
        let dots: Vec<(f64, f64)> = shapes.iter().filter_map(|s| s.dot).collect();
        let obstacles: Vec<(f64, f64, f64)> = shapes
            .iter()
            .filter(|s| s.dot.is_none() && s.class != StatusClass::NoData)
            .filter(|s| s.extent_px * css_px_per_unit < OBSTACLE_BELOW_CSS_PX)
            .map(|s| (s.point.0, s.point.1, s.extent_px / 2.0))
            .collect();
        let spacing = DOT_SPACING_CSS_PX / css_px_per_unit;
        (
            Spread::new(obstacles, spacing, (VIEW_WIDTH_PX, height_px)),
            dots,
        )
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
        let standing = statuses.standing(iso3);
        let status = standing.state();
        let area_status = standing.area();
        let anchor = anchor_px(px)?;
        // The table's name, unless it leaves it out (the feature's name is then the table's).
        let english_name = status
            .and_then(StateStatus::named)
            .unwrap_or(area.name.as_str());
        let party = area_status.and_then(|a| a.party).map(|p| {
            let english = statuses
                .get(p)
                .and_then(StateStatus::named)
                .unwrap_or(p.as_str());
            (p, self.names.get(p).unwrap_or(english).to_owned())
        });
        Some(Shape {
            iso3,
            name: self.names.get(iso3).unwrap_or(english_name).to_owned(),
            english_name: english_name.to_owned(),
            aliases: area.aliases.clone().into(),
            class: StatusClass::of_standing(View::Combined, &standing),
            party,
            territory: standing.is_covered_territory(),
            notes: area_status.map(|a| a.notes.clone()).unwrap_or_default(),
            d: svg_path_px(px).into(),
            point: (anchor.x_px, anchor.y_px),
            extent_px: anchor.extent_px,
            area_px: area_px(px),
            // Territories without a status of their own get no dot: they would crowd the states'.
            dot: (status.is_some() && anchor.extent_px * self.css_px_per_unit < DOT_BELOW_CSS_PX)
                .then_some((anchor.x_px, anchor.y_px)),
            standing: Rc::new(standing),
        })
    }

    /// The scene: states sorted by name, dots spread, context drawn. Finishes any work [`SceneBuilder::step`]
    /// has not done.
    pub fn finish(mut self) -> Scene {
        while !self.step(usize::MAX) {}
        let region = self.region;
        let width_css_px = self.css_px_per_unit * VIEW_WIDTH_PX;
        // What the views read besides the shapes, from the same dataset.
        let data = self.data;
        let sources = Rc::new(data.statuses.sources.clone());
        let diagnostics: Rc<[Diagnostic]> = data.diagnostics.clone().into();
        let content = data.content.clone();
        let world: Rc<[StateStatus]> = data.statuses.states().cloned().collect();
        let Some((_, height_px)) = self.fitted() else {
            return Scene {
                region,
                view: View::Combined,
                width_px: VIEW_WIDTH_PX as u32,
                height_px: 0,
                width_css_px,
                shapes: Vec::new(),
                draw_order: Rc::from([]),
                context: Rc::from([]),
                lines: Rc::from([]),
                legend: legend(&[], View::Combined, None),
                sources,
                diagnostics,
                content,
                date: None,
                world,
            };
        };
        let mut shapes = self.shapes;
        if let Some((_, dots)) = self.dots {
            for (shape, dot) in shapes.iter_mut().filter(|s| s.dot.is_some()).zip(dots) {
                shape.dot = Some(dot);
            }
        }
        let (context, lines) = (self.context, self.line_shapes);
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
            width_css_px,
            legend: legend(&shapes, View::Combined, None),
            shapes,
            draw_order: draw_order.into(),
            context: context.into(),
            lines: lines.into(),
            sources,
            diagnostics,
            content,
            date: None,
            world,
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

/// `polygons` in raw projected coordinates (y up); points that do not project are left out, as
/// `Projection::project` leaves them out.
fn project_raw(kind: ProjectionKind, polygons: &[Polygon]) -> Vec<Polygon> {
    map_positions(polygons, |lon, lat| {
        kind.forward(lon.to_radians(), lat.to_radians())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::iso3::Iso3;
    use crate::core::scene::tests::dataset;
    use crate::harness::test;

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
    fn every_path_lies_inside_the_view_box() {
        for region in [Region::Americas, Region::World] {
            let scene = Scene::build(&dataset(), region);
            for shape in &scene.shapes {
                assert!(!shape.d.is_empty(), "{}", shape.name);
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
}
