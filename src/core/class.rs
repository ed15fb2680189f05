//! Colour classes: the combined CAT × OPCAT standing a state is filled by, with the legend's wording.

use crate::core::date::Date;
use crate::core::status::{Application, AreaStatus, Standing, StateStatus, Treaty, TreatyStatus};

/// The classes of the combined view, from most to least engaged, then the areas without a state's colour.
/// Order is the legend's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusClass {
    CatAndOpcatParty,
    CatPartyOpcatSignatory,
    CatPartyOnly,
    CatSignatoryOnly,
    NoAction,
    /// A disputed area or a Non-Self-Governing Territory that no party's ratification covers: never a state's
    /// colour, muted, with its UN note.
    Disputed,
    NoData,
}

/// A texture's mark in its 6 × 6 px tile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texture {
    /// Lines: SVG path data, stroked.
    Lines(&'static str),
    /// A dot: centre and radius, filled.
    Dot { cx: u8, cy: u8, r: u8 },
    /// A ring: centre and radius, stroked.
    Ring { cx: u8, cy: u8, r: u8 },
}

/// The texture a territory gets over its party's class (rings), so that it reads as a territory to which a
/// party's treaty applies, not as a state; the live map's `<pattern>` `…-p-territory` and the download's.
pub const TERRITORY_TEXTURE: Texture = Texture::Ring { cx: 3, cy: 3, r: 2 };

impl StatusClass {
    pub const ALL: [StatusClass; 7] = [
        StatusClass::CatAndOpcatParty,
        StatusClass::CatPartyOpcatSignatory,
        StatusClass::CatPartyOnly,
        StatusClass::CatSignatoryOnly,
        StatusClass::NoAction,
        StatusClass::Disputed,
        StatusClass::NoData,
    ];

    /// The class of a state, or [`StatusClass::NoData`] where the data has no row for it.
    ///
    /// A state that signed OPCAT without being a CAT party falls in the class of its CAT standing: OPCAT is
    /// open only to CAT states and signatories, and the combined view ranks by CAT first.
    pub fn of(status: Option<&StateStatus>) -> StatusClass {
        let Some(status) = status else {
            return StatusClass::NoData;
        };
        match (
            status.cat.is_party(),
            status.opcat.is_party(),
            status.opcat.is_signatory(),
        ) {
            (true, true, _) => StatusClass::CatAndOpcatParty,
            (true, false, true) => StatusClass::CatPartyOpcatSignatory,
            (true, false, false) => StatusClass::CatPartyOnly,
            (false, ..) if status.cat.is_signatory() => StatusClass::CatSignatoryOnly,
            _ => StatusClass::NoAction,
        }
    }

    /// The CSS class on shapes and legend swatches; the stylesheet fills it with [`StatusClass::fill`].
    pub fn css_class(self) -> &'static str {
        match self {
            StatusClass::CatAndOpcatParty => "tm-c-both",
            StatusClass::CatPartyOpcatSignatory => "tm-c-cat-opsig",
            StatusClass::CatPartyOnly => "tm-c-cat",
            StatusClass::CatSignatoryOnly => "tm-c-catsig",
            StatusClass::NoAction => "tm-c-none",
            StatusClass::Disputed => "tm-c-disputed",
            StatusClass::NoData => "tm-c-nodata",
        }
    }

    /// The texture laid over the fill, so that colour is never the only cue (WCAG 1.4.1): `None` for the
    /// solid class, else a pattern name used by the map's `<pattern>` ids and the legend's swatches.
    pub fn pattern(self) -> Option<&'static str> {
        match self {
            StatusClass::CatAndOpcatParty => None,
            StatusClass::CatPartyOpcatSignatory => Some("rising"),
            StatusClass::CatPartyOnly => Some("level"),
            StatusClass::CatSignatoryOnly => Some("falling"),
            StatusClass::NoAction => Some("dots"),
            StatusClass::Disputed => Some("vertical"),
            StatusClass::NoData => Some("cross"),
        }
    }

    /// What the texture draws in its 6 × 6 px tile, for the live map's `<pattern>`s and the SVG download alike;
    /// `None` for the solid class.
    pub fn texture(self) -> Option<Texture> {
        Some(match self.pattern()? {
            "rising" => Texture::Lines("M0,6 L6,0"),
            "level" => Texture::Lines("M0,3 L6,3"),
            "falling" => Texture::Lines("M0,0 L6,6"),
            "dots" => Texture::Dot { cx: 3, cy: 3, r: 1 },
            "vertical" => Texture::Lines("M3,0 L3,6"),
            _ => Texture::Lines("M0,0 L6,6 M6,0 L0,6"),
        })
    }

    /// The fill colour. Blues step in lightness with engagement; signatory-only is orange and "no action" grey,
    /// so that hue and lightness both separate the classes for readers with any colour-vision deficiency.
    pub fn fill(self) -> &'static str {
        match self {
            StatusClass::CatAndOpcatParty => "#3a7dc9",
            StatusClass::CatPartyOpcatSignatory => "#86b8e6",
            StatusClass::CatPartyOnly => "#cfe3f5",
            StatusClass::CatSignatoryOnly => "#f0a830",
            StatusClass::NoAction => "#a3a3a3",
            StatusClass::Disputed => "#d8cbb0",
            StatusClass::NoData => "#f7f7f7",
        }
    }
}

/// Which treaty the map colours by: both combined (the default), CAT only or OPCAT only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    #[default]
    Combined,
    Cat,
    Opcat,
}

impl View {
    pub const ALL: [View; 3] = [View::Combined, View::Cat, View::Opcat];

    /// The key used in URLs and embed options.
    pub fn key(self) -> &'static str {
        match self {
            View::Combined => "combined",
            View::Cat => "cat",
            View::Opcat => "opcat",
        }
    }

    pub fn from_key(key: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == key)
    }
}

impl StatusClass {
    /// The class of a state in `view`. A single-treaty view uses four classes and the combined view's colours:
    /// party (dark blue), signatory only (orange), no action (grey), no data.
    pub fn in_view(view: View, status: Option<&StateStatus>) -> StatusClass {
        let treaty = match (view, status) {
            (View::Combined, _) => return StatusClass::of(status),
            (_, None) => return StatusClass::NoData,
            (View::Cat, Some(s)) => s.cat,
            (View::Opcat, Some(s)) => s.opcat,
        };
        if treaty.is_party() {
            StatusClass::CatAndOpcatParty
        } else if treaty.is_signatory() {
            StatusClass::CatSignatoryOnly
        } else {
            StatusClass::NoAction
        }
    }

    /// The class of an area that is not a state, in `view`, from what the UNTC notes say of it and of its
    /// party (`party`, the state whose ratification applies to it or excludes it).
    ///
    /// A territory a party's treaty applies to takes the party's class for that treaty; a treaty whose
    /// application the notes do not record counts as not extended (no action) once CAT applies. Without a
    /// recorded application of CAT, the combined and CAT classes are unknown (no data). An area that no party's
    /// treaty covers but that has a UN note (a disputed area, a Non-Self-Governing Territory) is
    /// [`StatusClass::Disputed`]; any other, no data.
    pub fn of_area(view: View, area: &AreaStatus, party: Option<&StateStatus>) -> StatusClass {
        let (cat, opcat) = (
            Application::applies(area.cat),
            Application::applies(area.opcat),
        );
        match party {
            Some(party) if area.is_covered_by(party) => {
                let through = StateStatus {
                    cat: if cat {
                        party.cat
                    } else {
                        TreatyStatus::NoAction
                    },
                    opcat: if opcat {
                        party.opcat
                    } else {
                        TreatyStatus::NoAction
                    },
                    ..party.clone()
                };
                match view {
                    View::Combined | View::Cat if !cat => StatusClass::NoData,
                    _ => StatusClass::in_view(view, Some(&through)),
                }
            }
            _ if !area.notes.is_empty() => StatusClass::Disputed,
            _ => StatusClass::NoData,
        }
    }

    /// The class of any area of the map: a state by its own status, any other area by [`StatusClass::of_area`].
    pub fn of_standing(view: View, standing: &Standing) -> StatusClass {
        match standing {
            Standing::State(state) => StatusClass::in_view(view, Some(state)),
            Standing::Area { area, party } => StatusClass::of_area(view, area, party.as_ref()),
            Standing::Unknown => StatusClass::NoData,
        }
    }

    /// The classes a view uses, in legend order.
    pub fn classes_in(view: View) -> &'static [StatusClass] {
        match view {
            View::Combined => &StatusClass::ALL,
            View::Cat | View::Opcat => &[
                StatusClass::CatAndOpcatParty,
                StatusClass::CatSignatoryOnly,
                StatusClass::NoAction,
                StatusClass::Disputed,
                StatusClass::NoData,
            ],
        }
    }
}

impl StatusClass {
    /// The classes a view uses on `date` (`None`: the data's own date), in legend order: before a treaty
    /// opened for signature, none of the classes that take an action on it (every state then has "not yet open
    /// for signature", the class of no action).
    pub fn classes_on(view: View, date: Option<Date>) -> Vec<StatusClass> {
        let open = |treaty: Treaty| treaty.is_open_at(date);
        let possible = |class: StatusClass| match (view, class) {
            (_, StatusClass::NoAction | StatusClass::Disputed | StatusClass::NoData) => true,
            (View::Opcat, _) => open(Treaty::Opcat),
            (View::Cat, _) => open(Treaty::Cat),
            (
                View::Combined,
                StatusClass::CatAndOpcatParty | StatusClass::CatPartyOpcatSignatory,
            ) => open(Treaty::Opcat),
            (View::Combined, _) => open(Treaty::Cat),
        };
        StatusClass::classes_in(view)
            .iter()
            .copied()
            .filter(|&class| possible(class))
            .collect()
    }
}

/// The border colour between shapes, dark enough to stand out against every fill.
pub const BORDER: &str = "#262626";

/// The stylesheet rules that colour the classes: one custom property per class on `.tm-root` (`--tm-c-both`,
/// …, and `--tm-border`), used by shapes, legend swatches and the panel heading's bar. Generated from
/// [`StatusClass::fill`], so the colours tested here are the colours drawn, unless the host page overrides them
/// with `--treaty-map-fill-both`, `--treaty-map-fill-cat-opsig`, … (the class name without `tm-c-`) and
/// `--treaty-map-border`, which cross the widget's shadow root.
pub fn class_stylesheet() -> String {
    let mut css = format!(".tm-root {{ --tm-border: var(--treaty-map-border, {BORDER});");
    for class in StatusClass::ALL {
        let name = class.css_class();
        // A host may override a fill with `--treaty-map-fill-both`, `--treaty-map-fill-cat-opsig`, ….
        let public = name.trim_start_matches("tm-c-");
        css.push_str(&format!(
            " --{name}: var(--treaty-map-fill-{public}, {});",
            class.fill()
        ));
    }
    css.push_str(" }\n");
    for class in StatusClass::ALL {
        let name = class.css_class();
        // A shape with a texture has its pattern as a `fill` attribute, which a rule would override.
        css.push_str(&format!(
            ".{name}:not([fill]) {{ fill: var(--{name}); }} .{name} {{ background-color: var(--{name}); }}\n"
        ));
        css.push_str(&format!(
            ".tm-panel-title.{name} {{ border-inline-start-color: var(--{name}); background: none; }}\n"
        ));
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::date::Date;
    use crate::core::i18n::Lang;
    use crate::core::iso3::Iso3;
    use crate::core::status::{Act, TreatyStatus};
    use crate::harness::test;

    fn state(cat: TreatyStatus, opcat: TreatyStatus) -> StateStatus {
        StateStatus {
            iso3: Iso3::parse("XXX").unwrap(),
            name: "X".into(),
            cat,
            opcat,
            last_review: None,
            reviews: Vec::new(),
            art21: None,
            art22: None,
        }
    }

    fn party() -> TreatyStatus {
        TreatyStatus::Party {
            since: Date::parse_iso("2000-01-01").unwrap(),
            act: Act::Accession,
            signed: None,
            signed_by_succession: false,
        }
    }

    fn signatory() -> TreatyStatus {
        TreatyStatus::Signatory {
            since: Date::parse_iso("2000-01-01").unwrap(),
            by_succession: false,
        }
    }

    #[test]
    fn classes_follow_cat_then_opcat() {
        use TreatyStatus::NoAction;
        let cases = [
            (party(), party(), StatusClass::CatAndOpcatParty),
            (party(), signatory(), StatusClass::CatPartyOpcatSignatory),
            (party(), NoAction, StatusClass::CatPartyOnly),
            (signatory(), NoAction, StatusClass::CatSignatoryOnly),
            (signatory(), signatory(), StatusClass::CatSignatoryOnly),
            (NoAction, NoAction, StatusClass::NoAction),
        ];
        for (cat, opcat, class) in cases {
            assert_eq!(StatusClass::of(Some(&state(cat, opcat))), class);
        }
        assert_eq!(StatusClass::of(None), StatusClass::NoData);
    }

    #[test]
    fn every_class_but_one_has_its_own_texture() {
        let plain: Vec<StatusClass> = StatusClass::ALL
            .into_iter()
            .filter(|c| c.pattern().is_none())
            .collect();
        assert_eq!(
            plain,
            [StatusClass::CatAndOpcatParty],
            "only one class is plain"
        );
        // Unique by name (a set, not `dedup`, which only drops neighbours) and by what the tile draws.
        let patterns: std::collections::BTreeSet<&str> = StatusClass::ALL
            .iter()
            .filter_map(|c| c.pattern())
            .collect();
        assert_eq!(patterns.len(), StatusClass::ALL.len() - 1, "{patterns:?}");
        let textures: Vec<Texture> = StatusClass::ALL
            .iter()
            .filter_map(|c| c.texture())
            .chain([TERRITORY_TEXTURE])
            .collect();
        assert_eq!(textures.len(), StatusClass::ALL.len());
        for (i, texture) in textures.iter().enumerate() {
            assert!(
                !textures[i + 1..].contains(texture),
                "{texture:?} is drawn twice"
            );
        }
    }

    #[test]
    fn single_treaty_views_use_four_classes() {
        use TreatyStatus::NoAction;
        let cat_only = state(party(), NoAction);
        assert_eq!(
            StatusClass::in_view(View::Cat, Some(&cat_only)),
            StatusClass::CatAndOpcatParty
        );
        assert_eq!(
            StatusClass::in_view(View::Opcat, Some(&cat_only)),
            StatusClass::NoAction
        );
        let opcat_signatory = state(party(), signatory());
        assert_eq!(
            StatusClass::in_view(View::Opcat, Some(&opcat_signatory)),
            StatusClass::CatSignatoryOnly
        );
        assert_eq!(StatusClass::in_view(View::Opcat, None), StatusClass::NoData);
        assert_eq!(
            Lang::En
                .catalogue()
                .class(StatusClass::CatAndOpcatParty, View::Opcat),
            "OPCAT party"
        );
        assert_eq!(
            Lang::En
                .catalogue()
                .class(StatusClass::CatPartyOnly, View::Combined),
            "CAT party only"
        );
        for view in View::ALL {
            assert_eq!(View::from_key(view.key()), Some(view));
        }
    }

    #[test]
    fn stylesheet_gives_every_class_its_fill() {
        let css = class_stylesheet();
        assert!(css.starts_with(
            ".tm-root { --tm-border: var(--treaty-map-border, #262626); \
             --tm-c-both: var(--treaty-map-fill-both, #3a7dc9);"
        ));
        for class in StatusClass::ALL {
            let rule = format!(
                ".{0}:not([fill]) {{ fill: var(--{0}); }} .{0} {{ background-color: var(--{0}); }}",
                class.css_class()
            );
            assert!(css.contains(&rule), "{rule}");
        }
    }

    fn rgb(hex: &str) -> [f64; 3] {
        let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        [channel(1), channel(3), channel(5)]
    }

    // sRGB to linear light (IEC 61966-2-1).
    fn linear(c: f64) -> f64 {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    fn luminance(lin: [f64; 3]) -> f64 {
        0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    }

    #[test]
    fn borders_have_three_to_one_contrast_against_every_fill() {
        // WCAG 2.2 § 1.4.11 asks 3:1 for the parts of a graphic needed to understand it.
        let border = luminance(rgb(BORDER).map(linear));
        for class in StatusClass::ALL {
            let fill = luminance(rgb(class.fill()).map(linear));
            let ratio = (fill + 0.05) / (border + 0.05);
            assert!(ratio >= 3.0, "{class:?}: border contrast {ratio:.2}");
        }
    }

    // CIE L*a*b* (D65) of linear sRGB.
    fn lab(lin: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047;
        let y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
        let z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    fn simulate(matrix: &[[f64; 3]; 3], lin: [f64; 3]) -> [f64; 3] {
        let row = |r: &[f64; 3]| (r[0] * lin[0] + r[1] * lin[1] + r[2] * lin[2]).clamp(0.0, 1.0);
        [row(&matrix[0]), row(&matrix[1]), row(&matrix[2])]
    }

    #[test]
    fn fills_stay_apart_for_colour_blind_readers() {
        // Full-severity simulations of Machado, Oliveira & Fernandes (IEEE TVCG 15(6), 2009), in linear RGB.
        const NORMAL: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        const PROTAN: [[f64; 3]; 3] = [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ];
        const DEUTAN: [[f64; 3]; 3] = [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ];
        const TRITAN: [[f64; 3]; 3] = [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ];
        for (vision, matrix) in [
            ("normal", NORMAL),
            ("protan", PROTAN),
            ("deutan", DEUTAN),
            ("tritan", TRITAN),
        ] {
            for (i, a) in StatusClass::ALL.iter().enumerate() {
                for b in &StatusClass::ALL[i + 1..] {
                    let la = lab(simulate(&matrix, rgb(a.fill()).map(linear)));
                    let lb = lab(simulate(&matrix, rgb(b.fill()).map(linear)));
                    let delta = ((la[0] - lb[0]).powi(2)
                        + (la[1] - lb[1]).powi(2)
                        + (la[2] - lb[2]).powi(2))
                    .sqrt();
                    assert!(
                        delta >= 10.0,
                        "{vision}: {a:?} and {b:?} differ by ΔE {delta:.1}"
                    );
                }
            }
        }
    }
}
