//! `Dots`: a dot over each state too small to see or hit, in an SVG of its own over the map, following pan and
//! zoom (not hover).

use yew::prelude::*;

use crate::core::class::StatusClass;
use crate::core::iso3::Iso3;
use crate::core::scene::Scene;
use crate::core::zoom::ViewBox;
use crate::ui::Shared;

#[derive(Properties, PartialEq)]
pub(super) struct DotsProps {
    pub(super) scene: Shared<Scene>,
    pub(super) view: ViewBox,
    pub(super) selected: Option<Iso3>,
    pub(super) hidden: Vec<StatusClass>,
}

/// Dots widen the pointer target of tiny states; keyboard and screen-reader users reach the shape itself. An
/// SVG over the map whose dots are placed in percent of its size (presentation attributes, which a strict
/// Content Security Policy allows) and drawn in CSS px, so they keep their size at any zoom; they follow pan and
/// zoom, not hover.
#[component]
pub(super) fn Dots(props: &DotsProps) -> Html {
    let view = &props.view;
    html! {
        <svg class="tm-dots" aria-hidden="true">
            { for props.scene.shapes.iter().filter_map(|s| Some((s, s.dot?))).map(|(shape, (x, y))| {
                let (left, top) = ((x - view.x) / view.width * 100.0, (y - view.y) / view.height * 100.0);
                let outside = !(0.0..=100.0).contains(&left) || !(0.0..=100.0).contains(&top);
                let selected = props.selected == Some(shape.iso3);
                html! {
                    <svg key={shape.iso3.as_str()} class={classes!("tm-dot", selected.then_some("tm-selected"),
                                                                    props.hidden.contains(&shape.class).then_some("tm-filtered"))}
                         data-iso3={shape.iso3.to_string()} x={format!("{left:.2}%")} y={format!("{top:.2}%")}
                         overflow="visible" display={outside.then_some("none")}>
                        <title>{ shape.name.clone() }</title>
                        <rect class="tm-dot-hit" x="-12" y="-12" width="24" height="24" />
                        <circle class="tm-dot-halo" r="6" />
                        <circle class={classes!("tm-dot-mark", shape.class.css_class())} r="5" />
                    </svg>
                }
            }) }
        </svg>
    }
}
