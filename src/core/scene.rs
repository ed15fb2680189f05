//! The scene: everything the view draws for one region, projected and classified once per region.
//! Data flows one way: [`Dataset`](crate::core::dataset::Dataset) (loaded) → [`Scene`] (projected, classified) → the Yew view. Built by
//! `builder` ([`Scene::build`], [`SceneBuilder`]); its text alternative is in `summary`.

use std::rc::Rc;

use crate::core::area::LineStyle;
use crate::core::class::{StatusClass, View};
use crate::core::content::ContentTable;
use crate::core::date::Date;
use crate::core::error::Diagnostic;
use crate::core::i18n::{fill, Lang};
use crate::core::iso3::Iso3;
use crate::core::profile::{area_facts, Profile};
use crate::core::region::Region;
use crate::core::status::{Sources, Standing, StateStatus, UnNote};

mod builder;
mod context;
mod slice;
mod summary;
mod time;

pub use builder::SceneBuilder;
pub use slice::ELEMENTS_PER_SLICE;

/// Width of every map's viewBox; the SVG scales to its container, so this only sets path precision.
pub const VIEW_WIDTH_PX: f64 = 1000.0;
/// A shape whose largest polygon spans less than this many CSS pixels on screen gets a dot, so it can be seen
/// and hit.
pub const DOT_BELOW_CSS_PX: f64 = 16.0;
/// States without a dot but smaller than this on screen are kept clear of dots pushed aside.
pub const OBSTACLE_BELOW_CSS_PX: f64 = 60.0;
/// Dots are 24 CSS px pointer targets; they are kept this far apart, centre to centre.
pub const DOT_SPACING_CSS_PX: f64 = 26.0;
/// The map's width on screen assumed by [`Scene::build`], for sizing dots; see [`Scene::build_for_width`].
pub const DEFAULT_WIDTH_CSS_PX: f64 = 1000.0;

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
    /// What the data says of the area: a state's status, or what it says of an area that is not a state (and
    /// of its party). Classes in every view, the table, the panel and the CSV are read from it.
    pub standing: Rc<Standing>,
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
    /// The width (CSS px) of the widget the scene was drawn for: the dots' spacing follows it, and the chart's
    /// width (`Chart::new`).
    pub width_css_px: f64,
    /// Sorted by name, the order a reader expects in lists and keyboard order.
    pub shapes: Vec<Shape>,
    /// The order the shapes are drawn in (indices into `shapes`): larger areas first, so that a small state
    /// (Andorra, Liechtenstein, Brunei, the Holy See) lies above its neighbours and their borders. Shared by
    /// every colouring of the scene (see [`Scene::same_drawing`]), like the context and the lines.
    pub draw_order: Rc<[usize]>,
    pub context: Rc<[ContextShape]>,
    /// Boundary lines over the areas, in the order of the geometry.
    pub lines: Rc<[LineShape]>,
    /// Every class, in legend order, with how many of `shapes` it fills.
    pub legend: Vec<LegendEntry>,
    /// Where the statuses come from, and as of when (the source line, the panel's sources, the downloads).
    pub sources: Rc<Sources>,
    /// What the load had to say about the data (features skipped, codes unknown), for the diagnostics list.
    pub diagnostics: Rc<[Diagnostic]>,
    /// The host's content that came with the data, if any (the live widget's arrives apart, later).
    pub content: Rc<ContentTable>,
    /// The day the classes, standings and legend are for: `None` for the data's own date (`sources.as_of`),
    /// else an earlier day (see [`Scene::showing`]).
    pub date: Option<Date>,
    /// Every state of the status table as the data has it, in the map's region or not: the world's counts on
    /// any date (the parties-over-time chart, the announcement of a date).
    pub world: Rc<[StateStatus]>,
}

impl Shape {
    /// Whether the area is a state (it has a status row); every other area is a territory or an area of its
    /// own.
    pub fn is_state(&self) -> bool {
        self.standing.state().is_some()
    }
}

impl Scene {
    /// The same map coloured for `view`: classes and legend change, nothing is projected again (path data is
    /// shared).
    pub fn in_view(&self, view: View) -> Scene {
        self.showing(view, self.date)
    }

    pub fn shape(&self, iso3: Iso3) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.iso3 == iso3)
    }

    /// The profile panel's model for a state or area of the scene, named as the scene names it, in `lang`,
    /// with the host's `content` for it.
    pub fn profile(&self, content: &ContentTable, iso3: Iso3, lang: Lang) -> Option<Profile> {
        let shape = self.shape(iso3)?;
        let status = shape.standing.state();
        let mut profile = Profile::new(
            iso3,
            &shape.name,
            status,
            &self.sources,
            content.get(iso3),
            lang,
        );
        if let Some(area) = shape.standing.area() {
            let party = shape.standing.party().map(|p| {
                let name = shape.party.as_ref().map_or("", |(_, n)| n.as_str());
                (p, name)
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
        let class = self.class_label(shape.class, lang);
        // The party named only while its treaty applies (on an earlier day, once it was a party).
        let class = match shape.party.as_ref().filter(|_| shape.territory) {
            Some((_, party)) => fill(t.class_territory, &[("class", &class), ("party", party)]),
            None => class,
        };
        if shape.notes.is_empty() {
            return fill(
                t.name_and_class,
                &[("name", &shape.name), ("class", &class)],
            );
        }
        // `String`s, as every other list the wasm joins: `join` has a copy of its code per item type.
        let notes: Vec<String> = shape.notes.iter().map(|n| t.note(*n).to_owned()).collect();
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

/// Each class of the view on `date` with how many states it fills; the classes of areas that are not states
/// (disputed areas, no data) count those areas. A territory drawn in its party's class is not counted as a
/// party.
pub(super) fn legend(shapes: &[Shape], view: View, date: Option<Date>) -> Vec<LegendEntry> {
    StatusClass::classes_on(view, date)
        .into_iter()
        .map(|class| LegendEntry {
            class,
            count: shapes
                .iter()
                .filter(|s| {
                    s.class == class
                        && (s.is_state()
                            || matches!(class, StatusClass::Disputed | StatusClass::NoData))
                })
                .count(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::Dataset;
    use crate::core::load::{assemble, Inputs};
    use crate::harness::test;

    pub(super) const STATUS: &str = r#"{"as_of":"2026-02-03","source":"UN Treaty Collection","states":[
        {"iso3":"PER","name":"Peru","cat":{"party":"1988-07-07","act":"ratification"},"opcat":{"party":"2006-09-14","act":"accession"},"last_review":2018},
        {"iso3":"CHL","name":"Chile","cat":{"party":"1988-09-30","act":"ratification"}}]}"#;
    pub(super) const GEOMETRY: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},"geometry":{"type":"Polygon","coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}},
        {"type":"Feature","properties":{"iso3":"CHL","name":"Chile"},"geometry":{"type":"Polygon","coordinates":[[[-75,-18],[-70,-18],[-70,-55],[-75,-18]]]}},
        {"type":"Feature","properties":{"iso3":"ATF","name":"Fr. S. Antarctic Lands"},"geometry":{"type":"Polygon","coordinates":[[[69,-49],[70,-49],[70,-50],[69,-49]]]}},
        {"type":"Feature","properties":{"iso3":"BRA","name":"Brazil"},"geometry":{"type":"Polygon","coordinates":[[[-69,-10],[-40,-5],[-50,-30],[-69,-10]]]}}]}"#;
    pub(super) const REGIONS: &str =
        r#"{"PER":"americas","CHL":"americas","ATF":"africa","BRA":"americas"}"#;

    pub(super) fn dataset() -> Dataset {
        assemble(Inputs::texts(STATUS, GEOMETRY, REGIONS, None)).unwrap()
    }

    #[test]
    fn a_single_treaty_view_recolours_without_reprojecting() {
        let scene = Scene::build(&dataset(), Region::Americas);
        let opcat = scene.in_view(View::Opcat);
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
    fn profile_joins_status_and_geometry() {
        let data = dataset();
        let scene = Scene::build(&data, Region::Americas);
        let peru = scene
            .profile(&data.content, Iso3::parse("PER").unwrap(), Lang::En)
            .unwrap();
        assert_eq!(
            peru.facts[1],
            "OPCAT: State party since 14 September 2006 (accession)"
        );
        assert!(scene
            .profile(&data.content, Iso3::parse("FRA").unwrap(), Lang::En)
            .is_none());
    }
}
