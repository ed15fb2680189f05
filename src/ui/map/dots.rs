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
    let view = &props.view;
    html! {
        <svg class="tm-dots" aria-hidden="true">
            { for props.scene.shapes.iter().take(props.drawn).filter_map(|s| Some((s, s.dot?))).map(|(shape, (x, y))| {
                let (left, top) = ((x - view.x) / view.width * 100.0, (y - view.y) / view.height * 100.0);
                let outside = !(0.0..=100.0).contains(&left) || !(0.0..=100.0).contains(&top);
                let selected = props.selected == Some(shape.iso3);
                let (cx, cy) = (AttrValue::from(format!("{left:.2}%")), AttrValue::from(format!("{top:.2}%")));
                html! {
                    <g key={shape.iso3.as_str()} class={classes!("tm-dot", selected.then_some("tm-selected"),
                                                                 props.hidden.contains(&shape.class).then_some("tm-filtered"))}
                       data-iso3={shape.iso3.to_string()} display={outside.then_some("none")}>
                        <circle class="tm-dot-hit" cx={cx.clone()} cy={cy.clone()} r="12" />
                        <circle class="tm-dot-halo" cx={cx.clone()} cy={cy.clone()} r="6" />
                        <circle class={classes!("tm-dot-mark", shape.class.css_class())} {cx} {cy} r="5" />
                    </g>
                }
            }) }
        </svg>
    }
}
