//! `Dots`: a dot over each state too small to see or hit, in an SVG of its own over the map, following pan and
//! zoom (not hover).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::class::StatusClass;
use crate::core::fixed::Fixed;
use crate::core::iso3::Iso3;
use crate::core::scene::Scene;
use crate::core::zoom::ViewBox;
use crate::ui::nodes::{class_list, element};
use crate::ui::{Drawing, Shared};

#[derive(Properties, PartialEq)]
pub(super) struct DotsProps {
    pub(super) scene: Shared<Scene>,
    /// The shapes drawn so far (by index; see `use_drawn`).
    pub(super) drawn: usize,
    pub(super) view: ViewBox,
    pub(super) selected: Option<Iso3>,
    pub(super) hidden: Vec<StatusClass>,
}

/// Dots widen the pointer target of tiny states; keyboard and screen-reader users reach the shape itself. An
/// SVG over the map whose dots are circles centred in percent of its size (presentation attributes, which a
/// strict Content Security Policy allows) and drawn in CSS px, so they keep their size at any zoom; they follow
/// pan and zoom, not hover. Each dot is a group of three circles (a 24 px target, a halo and the mark) with no
/// nested viewport and no `<title>` (the map's own tooltip names the state under the pointer): with 500 dots,
/// nested `<svg>`s with titles took the browser 70–90 ms to lay out, these about 12 ms (bench/RESULTS.md).
#[component]
pub(super) fn Dots(props: &DotsProps) -> Html {
    // Where the dots are follows the projection, the shapes drawn and pan and zoom, not the date: the places
    // are written once for them, and a date step re-renders only the dots it recolours.
    let places = use_memo(
        (Drawing(props.scene.clone()), props.drawn, props.view),
        |(drawing, drawn, view)| places(&drawing.0, *drawn, view),
    );
    let mut dots = Vec::with_capacity(places.len());
    for place in places.iter() {
        let Some(shape) = props.scene.shapes.get(place.index) else {
            continue;
        };
        dots.push(html! {
            <Dot key={shape.iso3.as_str()} place={place.clone()} class={shape.class}
                 selected={props.selected == Some(shape.iso3)} filtered={props.hidden.contains(&shape.class)} />
        });
    }
    html! {
        <svg class="tm-dots" aria-hidden="true">{ dots }</svg>
    }
}

#[derive(Properties, PartialEq)]
struct DotProps {
    place: Rc<Place>,
    class: StatusClass,
    selected: bool,
    filtered: bool,
}

/// One dot: a group of a 24 px target, a halo and the mark in its state's class.
#[component]
fn Dot(props: &DotProps) -> Html {
    let place = &props.place;
    let circle = |r: &'static str, class: AttrValue| {
        element(
            "circle",
            &["cx", "cy", "r", "class"],
            vec![
                Some(place.cx.clone()),
                Some(place.cy.clone()),
                Some(r.into()),
                Some(class),
            ],
            Vec::new(),
        )
    };
    element(
        "g",
        &["data-iso3", "display", "class"],
        vec![
            Some(place.iso3.to_string().into()),
            place.outside.then_some("none".into()),
            Some(class_list(&[
                "tm-dot",
                if props.selected { "tm-selected" } else { "" },
                if props.filtered { "tm-filtered" } else { "" },
            ])),
        ],
        vec![
            circle("12", "tm-dot-hit".into()),
            circle("6", "tm-dot-halo".into()),
            circle("5", class_list(&["tm-dot-mark", props.class.css_class()])),
        ],
    )
}

/// A dot's place in the dots' SVG: its shape's index and code, its centre in percent of the SVG's size, and
/// whether it lies outside the view.
#[derive(PartialEq, Eq)]
struct Place {
    index: usize,
    iso3: Iso3,
    cx: AttrValue,
    cy: AttrValue,
    outside: bool,
}

/// The places of the dots of the first `drawn` shapes, in `view`.
fn places(scene: &Scene, drawn: usize, view: &ViewBox) -> Vec<Rc<Place>> {
    let dots = scene.shapes.iter().take(drawn).enumerate();
    dots.filter_map(|(index, shape)| {
        let (x, y) = shape.dot?;
        let (left, top) = (
            (x - view.x) / view.width * 100.0,
            (y - view.y) / view.height * 100.0,
        );
        Some(Rc::new(Place {
            index,
            iso3: shape.iso3,
            cx: format!("{}%", Fixed(left, 2)).into(),
            cy: format!("{}%", Fixed(top, 2)).into(),
            outside: !(0.0..=100.0).contains(&left) || !(0.0..=100.0).contains(&top),
        }))
    })
    .collect()
}
