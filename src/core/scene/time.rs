//! The scene on a date: [`Scene::showing`] recolours the map for a view and a day since 1985 without projecting
//! anything again, and the counts, labels and announcement that follow the date.

use std::rc::Rc;

use crate::core::class::{StatusClass, View};
use crate::core::date::Date;
use crate::core::i18n::{fill, Lang};
use crate::core::profile::source_line;
use crate::core::region::Region;
use crate::core::scene::{legend, Scene};
use crate::core::status::{StateStatus, Treaty};
use crate::core::timeline::{counts_over_time, Counts, Stop};

/// The parties and signatories at each stop of the time line, in the world and in the map's region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverTime {
    pub world: Vec<Stop>,
    pub region: Vec<Stop>,
}

impl Scene {
    /// The same map coloured for `view` on `date` (`None`, or a day on or after the data's as-of date: the data
    /// as it is): each area's standing and class as they were at the end of that day, and the legend's classes
    /// and counts. Path data is shared; nothing is projected again. Call it on the scene as built (the data's
    /// own date): a scene already on an earlier day has lost what happened after it.
    pub fn showing(&self, view: View, date: Option<Date>) -> Scene {
        let as_of = self.sources.as_of;
        let date = date.filter(|&date| date < as_of);
        let mut scene = self.clone();
        for shape in &mut scene.shapes {
            if let Some(date) = date {
                shape.standing = Rc::new(shape.standing.on(date, as_of));
                // A territory is one a party's treaty applies to only once its party was a party.
                shape.territory = shape.standing.is_covered_territory();
            }
            shape.class = StatusClass::of_standing(view, &shape.standing);
        }
        scene.legend = legend(&scene.shapes, view, date);
        scene.view = view;
        scene.date = date;
        scene
    }

    /// Whether the shape at `index` is coloured and named alike in this scene and `other`, two colourings of one
    /// projection ([`Scene::same_drawing`]; scenes that are not never count as alike): the same class and
    /// territory texture, in the same view, with the treaties open alike on both dates (which alone changes a
    /// class's wording). A date step re-renders only the shapes for which it is not: a few, where every shape's
    /// would cost a frame.
    pub fn shape_unchanged(&self, other: &Scene, index: usize) -> bool {
        let open = |scene: &Scene| {
            (
                Treaty::Cat.is_open_at(scene.date),
                Treaty::Opcat.is_open_at(scene.date),
            )
        };
        let class = |scene: &Scene| {
            scene
                .shapes
                .get(index)
                .map(|shape| (shape.class, shape.territory))
        };
        self.same_drawing(other)
            && self.view == other.view
            && open(self) == open(other)
            && class(self) == class(other)
    }

    /// Whether the two scenes are colourings of one projection ([`Scene::showing`], [`Scene::in_view`]): the
    /// same shapes (paths, names, points, dots), context and lines, whatever their classes and standings. What
    /// is drawn from those alone (the context, the leader lines, the dots' places) need not be drawn again on a
    /// change of date or view.
    pub fn same_drawing(&self, other: &Scene) -> bool {
        Rc::ptr_eq(&self.draw_order, &other.draw_order)
    }

    /// The day the map shows: its `date`, or the data's as-of date.
    pub fn shown_date(&self) -> Date {
        self.date.unwrap_or(self.sources.as_of)
    }

    /// A class's wording in this scene's view on its date: "CAT party only", or before OPCAT opened for
    /// signature "CAT party (OPCAT not yet open for signature)".
    pub fn class_label(&self, class: StatusClass, lang: Lang) -> String {
        lang.catalogue().class_on(class, self.view, self.date)
    }

    /// The source line under the map: "Status as at 3 February 2026 — UN Treaty Collection", or on an earlier
    /// day "Status on 31 December 2002 (data as at 3 February 2026) — UN Treaty Collection".
    pub fn source_line(&self, lang: Lang) -> String {
        let t = lang.catalogue();
        match self.date {
            Some(date) if !self.sources.is_unavailable() => fill(
                t.status_on,
                &[
                    ("date", &t.date(date)),
                    ("as_of", &t.date(self.sources.as_of)),
                    ("source", &self.sources.source),
                ],
            ),
            _ => source_line(&self.sources, lang),
        }
    }

    /// The states of the map's region with a status row, as the data has them (today's, whatever the date).
    pub fn region_states(&self) -> impl Iterator<Item = &StateStatus> + '_ {
        self.shapes.iter().filter_map(|s| s.standing.state())
    }

    /// The counts in the world and in the map's region at the end of `date`. Call it on the scene as built, whose
    /// standings are the data's.
    pub fn counts_on(&self, date: Date) -> (Counts, Counts) {
        (
            Counts::on(self.world.iter(), date),
            Counts::on(self.region_states(), date),
        )
    }

    /// The counts at each stop of the time line (year ends from 1985, then the as-of date), world and region
    /// (on the world map, the world's again: nothing reads them apart). Call it on the scene as built.
    pub fn over_time(&self) -> OverTime {
        let as_of = self.sources.as_of;
        let world = counts_over_time(self.world.iter(), as_of);
        let region = if self.region == Region::World {
            world.clone()
        } else {
            counts_over_time(self.region_states(), as_of)
        };
        OverTime { world, region }
    }

    /// What the live region says when the map moves to `date`: "31 December 2002: World: 132 CAT parties, OPCAT
    /// not yet open for signature; Americas: 30 CAT parties, …". Call it on the scene as built.
    pub fn date_announcement(&self, date: Date, lang: Lang) -> String {
        let (world, region) = self.counts_on(date);
        self.counts_announcement(date, world, region, lang)
    }

    /// [`Scene::date_announcement`]'s words for counts already known (the chart's stops have theirs).
    pub fn counts_announcement(
        &self,
        date: Date,
        world: Counts,
        region: Counts,
        lang: Lang,
    ) -> String {
        let t = lang.catalogue();
        let area = |name: &str, counts: Counts| {
            let cat = if Treaty::Cat.is_open_on(date) {
                t.count(lang, t.summary_cat_parties, counts.cat_parties)
            } else {
                t.cat_not_open.to_owned()
            };
            let opcat = if Treaty::Opcat.is_open_on(date) {
                t.count(lang, t.opcat_parties, counts.opcat_parties)
            } else {
                t.opcat_not_open.to_owned()
            };
            fill(
                t.announce_area,
                &[("area", name), ("cat", &cat), ("opcat", &opcat)],
            )
        };
        let mut areas = vec![area(t.region(Region::World), world)];
        if self.region != Region::World {
            areas.push(area(t.region(self.region), region));
        }
        fill(
            t.announce_date,
            &[
                ("date", &t.date(date)),
                ("counts", &areas.join(t.list_separator)),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::{assemble, Inputs};
    use crate::core::region::Region;
    use crate::harness::test;

    const STATUS: &str = r#"{"as_of":"2026-02-03","source":"UN Treaty Collection","states":[
        {"iso3":"PER","name":"Peru","cat":{"signed":"1985-05-29","party":"1988-07-07","act":"ratification"},
         "opcat":{"party":"2006-09-14","act":"accession"}},
        {"iso3":"CHL","name":"Chile","cat":{"signed":"1987-09-23","party":"1988-09-30","act":"ratification"}},
        {"iso3":"FRA","name":"France","cat":{"party":"1986-02-18","act":"ratification"}}]}"#;
    const GEOMETRY: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},"geometry":{"type":"Polygon",
         "coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}},
        {"type":"Feature","properties":{"iso3":"CHL","name":"Chile"},"geometry":{"type":"Polygon",
         "coordinates":[[[-75,-18],[-70,-18],[-70,-55],[-75,-18]]]}}]}"#;
    const REGIONS: &str = r#"{"PER":"americas","CHL":"americas","FRA":"europe-central-asia"}"#;

    fn scene() -> Scene {
        let data = assemble(Inputs::texts(STATUS, GEOMETRY, REGIONS, None)).unwrap();
        Scene::build(&data, Region::Americas)
    }

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn class_of(scene: &Scene, code: &str) -> StatusClass {
        scene
            .shapes
            .iter()
            .find(|s| s.iso3.as_str() == code)
            .unwrap()
            .class
    }

    #[test]
    fn a_date_recolours_without_projecting_again() {
        let today = scene();
        let then = today.showing(View::Combined, Some(d("2006-09-13")));
        assert_eq!(then.date, Some(d("2006-09-13")));
        assert_eq!(class_of(&then, "PER"), StatusClass::CatPartyOnly);
        assert_eq!(class_of(&today, "PER"), StatusClass::CatAndOpcatParty);
        let next_day = today.showing(View::Combined, Some(d("2006-09-14")));
        assert_eq!(class_of(&next_day, "PER"), StatusClass::CatAndOpcatParty);
        for (a, b) in today.shapes.iter().zip(&then.shapes) {
            assert!(Rc::ptr_eq(&a.d, &b.d), "path data is shared, never rebuilt");
        }
        // On or after the as-of date, the map is the data's.
        assert_eq!(
            today.showing(View::Combined, Some(d("2026-02-03"))).date,
            None
        );
        assert_eq!(today.showing(View::Combined, None), today);
    }

    #[test]
    fn a_date_step_leaves_unchanged_only_the_shapes_it_does_not_recolour() {
        let today = scene();
        let index = |code: &str| {
            today
                .shapes
                .iter()
                .position(|s| s.iso3.as_str() == code)
                .unwrap()
        };
        let (per, chl) = (index("PER"), index("CHL"));
        let before = today.showing(View::Combined, Some(d("2006-09-13")));
        let after = today.showing(View::Combined, Some(d("2006-09-14")));
        assert!(
            !before.shape_unchanged(&after, per),
            "Peru joins OPCAT that day"
        );
        assert!(
            before.shape_unchanged(&after, chl),
            "Chile stays a CAT party only"
        );
        // The day OPCAT opened for signature changes how Chile's class reads, though not the class.
        let closed = today.showing(View::Combined, Some(d("2003-02-03")));
        let open = today.showing(View::Combined, Some(d("2003-02-04")));
        assert_eq!(class_of(&closed, "CHL"), class_of(&open, "CHL"));
        assert!(!closed.shape_unchanged(&open, chl));
        // Another view, or a shape past the end, is never the same.
        assert!(!after.shape_unchanged(&today.showing(View::Cat, Some(d("2006-09-14"))), chl));
        assert!(!after.shape_unchanged(
            &Scene {
                shapes: vec![],
                ..after.clone()
            },
            chl
        ));
    }

    #[test]
    fn a_territory_takes_its_partys_treaty_only_once_the_party_was_a_party() {
        // Bermuda: CAT note 12 extends the United Kingdom's ratification (signed 1985, party 8 December 1988);
        // the Faroe Islands: OPCAT note 1, Denmark's (party 25 June 2004).
        const STATUS: &str = r#"{"as_of":"2026-02-03","source":"UN Treaty Collection","states":[
            {"iso3":"GBR","name":"United Kingdom","cat":{"signed":"1985-03-15","party":"1988-12-08","act":"ratification"},
             "opcat":{"signed":"2003-06-26","party":"2003-12-10","act":"ratification"}},
            {"iso3":"DNK","name":"Denmark","cat":{"party":"1987-05-27","act":"ratification"},
             "opcat":{"party":"2004-06-25","act":"ratification"}}],
            "areas":[{"iso3":"BMU","party":"GBR","cat":{"effect":"applies","note":12},"notes":["non-self-governing"]},
             {"iso3":"FRO","party":"DNK","opcat":{"effect":"applies","note":1}}]}"#;
        const GEOMETRY: &str = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"iso3":"BMU","name":"Bermuda"},"geometry":{"type":"Polygon",
             "coordinates":[[[-64.9,32.2],[-64.6,32.2],[-64.6,32.4],[-64.9,32.2]]]}},
            {"type":"Feature","properties":{"iso3":"FRO","name":"Faroe Islands"},"geometry":{"type":"Polygon",
             "coordinates":[[[-7.6,61.9],[-6.3,61.4],[-6.6,62.3],[-7.6,61.9]]]}}]}"#;
        const REGIONS: &str = r#"{"BMU":"world","FRO":"world"}"#;
        let data = assemble(Inputs::texts(STATUS, GEOMETRY, REGIONS, None)).unwrap();
        let today = Scene::build(&data, Region::World);
        let shape = |scene: &Scene, code: &str| -> (StatusClass, bool, String) {
            let s = scene
                .shapes
                .iter()
                .find(|s| s.iso3.as_str() == code)
                .unwrap();
            (s.class, s.territory, scene.accessible_name(s, Lang::En))
        };
        let bermuda = |date: &str| shape(&today.showing(View::Combined, Some(d(date))), "BMU");
        // While the United Kingdom had only signed, its treaty did not apply: a Non-Self-Governing Territory,
        // no texture, no party named.
        let (class, territory, name) = bermuda("1987-12-31");
        assert_eq!((class, territory), (StatusClass::Disputed, false));
        assert!(!name.contains("United Kingdom"), "{name}");
        let (class, territory, name) = bermuda("1988-12-08");
        assert_eq!((class, territory), (StatusClass::CatPartyOnly, true));
        assert!(
            name.contains("territory; State party: United Kingdom"),
            "{name}"
        );
        // Today's map as before: the Faroe Islands, covered by OPCAT alone, are no data in the combined view
        // with the texture; before Denmark joined OPCAT, no data without it.
        assert_eq!(shape(&today, "FRO").0, StatusClass::NoData);
        assert!(shape(&today, "FRO").1 && shape(&today, "BMU").1);
        let before = today.showing(View::Combined, Some(d("2004-06-24")));
        let after = today.showing(View::Combined, Some(d("2004-06-25")));
        assert_eq!(shape(&before, "FRO").0, shape(&after, "FRO").0);
        assert!(!shape(&before, "FRO").1 && shape(&after, "FRO").1);
        // The same class, but the texture comes: the step re-renders the shape.
        let faroe = today
            .shapes
            .iter()
            .position(|s| s.iso3.as_str() == "FRO")
            .unwrap();
        assert!(!before.shape_unchanged(&after, faroe));
    }

    #[test]
    fn every_colouring_shares_the_projection() {
        let today = scene();
        let then = today.showing(View::Opcat, Some(d("1990-12-31")));
        assert!(then.same_drawing(&today));
        assert!(then.in_view(View::Cat).same_drawing(&today));
        assert!(Rc::ptr_eq(&then.context, &today.context));
        assert!(!scene().same_drawing(&today), "a scene built again");
    }

    #[test]
    fn before_a_treaty_opened_its_classes_read_not_yet_open() {
        let today = scene();
        let then = today.showing(View::Opcat, Some(d("2002-12-31")));
        let classes: Vec<StatusClass> = then.legend.iter().map(|e| e.class).collect();
        assert_eq!(
            classes,
            [
                StatusClass::NoAction,
                StatusClass::Disputed,
                StatusClass::NoData
            ]
        );
        assert_eq!(then.legend[0].count, 2);
        assert_eq!(
            then.class_label(StatusClass::NoAction, Lang::En),
            "OPCAT not yet open for signature"
        );
        let combined = today.showing(View::Combined, Some(d("1990-12-31")));
        assert_eq!(
            combined.class_label(StatusClass::CatPartyOnly, Lang::En),
            "CAT party (OPCAT not yet open for signature)"
        );
        assert!(combined
            .legend
            .iter()
            .all(|e| e.class != StatusClass::CatAndOpcatParty));
        let shape = combined
            .shapes
            .iter()
            .find(|s| s.iso3.as_str() == "PER")
            .unwrap();
        assert_eq!(
            combined.accessible_name(shape, Lang::En),
            "Peru: CAT party (OPCAT not yet open for signature)"
        );
        let before = today.showing(View::Cat, Some(d("1985-01-31")));
        assert_eq!(
            before.class_label(StatusClass::NoAction, Lang::En),
            "CAT not yet open for signature"
        );
        // Once open, the wording is the map's usual one.
        let open = today.showing(View::Opcat, Some(d("2003-02-04")));
        assert_eq!(
            open.class_label(StatusClass::NoAction, Lang::En),
            "No action on OPCAT"
        );
    }

    #[test]
    fn counts_and_announcement_follow_the_date() {
        let today = scene();
        let (world, region) = today.counts_on(d("1987-12-31"));
        assert_eq!((world.cat_parties, world.cat_signatories), (1, 2));
        assert_eq!((region.cat_parties, region.cat_signatories), (0, 2));
        let over_time = today.over_time();
        assert_eq!(over_time.world.len(), 2025 - 1985 + 2);
        assert_eq!(
            over_time.region.last().map(|s| s.counts.cat_parties),
            Some(2)
        );
        assert_eq!(
            today.date_announcement(d("2002-12-31"), Lang::En),
            "31 December 2002: World: 3 CAT parties, OPCAT not yet open for signature; \
             Americas: 2 CAT parties, OPCAT not yet open for signature"
        );
        assert_eq!(
            today.date_announcement(d("2006-09-14"), Lang::En),
            "14 September 2006: World: 3 CAT parties, 1 OPCAT party; Americas: 2 CAT parties, 1 OPCAT party"
        );
    }
}
