//! `Layers`: what the map's SVG draws, which hover, pan and zoom never re-render: the `Backdrop` (texture
//! patterns, muted context, leader lines), one `StateShape` per state in draw order (with the keyboard and focus
//! handlers of the map's one Tab stop), and the boundary lines.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::class::{StatusClass, Texture, TERRITORY_TEXTURE};
use crate::core::fixed::Fixed;
use crate::core::i18n::Lang;
use crate::core::iso3::Iso3;
use crate::core::typeahead::TypeAhead;
use crate::ui::dom::iso3_of_target;
use crate::ui::map::colouring::ColouringRef;
use crate::ui::map::keyboard::keydown_handler;
use crate::ui::map::shape::StateShape;
use crate::ui::nodes::{class_list, element};
use crate::ui::Drawing;

#[derive(Properties, PartialEq)]
pub(super) struct LayersProps {
    /// The language of the component's words (the widget's).
    pub(super) lang: Lang,
    /// The projection drawn: a change of date or view alone leaves it (and the list of shapes) as it is, and
    /// reaches the shapes it recolours through `colouring`.
    pub(super) drawing: Drawing,
    pub(super) colouring: ColouringRef,
    /// The shapes drawn so far (by index; see `use_drawn`).
    pub(super) drawn: usize,
    pub(super) selected: Option<Iso3>,
    pub(super) tab_stop: Option<Iso3>,
    pub(super) hidden: Vec<StatusClass>,
    pub(super) id_prefix: AttrValue,
    pub(super) on_select: Callback<Iso3>,
    pub(super) on_focused: Callback<Iso3>,
    pub(super) on_move_focus: Callback<Iso3>,
}

/// What the SVG draws: the backdrop (patterns, context, leader lines) and the states. Its own component, so
/// that hover, pan and zoom (state of `MapSvg`) never re-render it; within it the backdrop and each state are
/// components too, so a selection re-renders only the shapes whose props changed.
#[component]
pub(super) fn Layers(props: &LayersProps) -> Html {
    // Names, points and paths are alike in every colouring of the projection.
    let scene = &props.drawing.0;
    let typed = use_mut_ref(TypeAhead::default);
    let onkeydown = keydown_handler(
        scene.clone(),
        props.on_select.clone(),
        props.on_move_focus.clone(),
        typed,
    );
    let onfocusin = {
        let on_focused = props.on_focused.clone();
        move |event: FocusEvent| {
            if let Some(iso3) = iso3_of_target(event.target()) {
                on_focused.emit(iso3);
            }
        }
    };
    let drawing = &props.drawing;
    let lang = props.lang;
    let hidden = Rc::new(props.hidden.clone());
    let mut states = Vec::with_capacity(props.drawn.min(scene.draw_order.len()));
    for &index in scene
        .draw_order
        .iter()
        .filter(|&&index| index < props.drawn)
    {
        let Some(shape) = scene.shapes.get(index) else {
            continue;
        };
        states.push(html! {
            <StateShape key={shape.iso3.as_str()} drawing={drawing.clone()} colouring={props.colouring.clone()} {index}
                        selected={props.selected == Some(shape.iso3)}
                        tab_stop={props.tab_stop == Some(shape.iso3)}
                        hidden={hidden.clone()} id_prefix={props.id_prefix.clone()} {lang} />
        });
    }
    let mut lines = Vec::with_capacity(scene.lines.len());
    for line in scene.lines.iter() {
        lines.push(html! { <>
            <path class="tm-line-casing" d={AttrValue::from(line.d.clone())} />
            { element("path", &["d", "class"], vec![Some(AttrValue::from(line.d.clone())),
                      Some(class_list(&["tm-line", &format!("tm-line-{}", line.style.key())]))], Vec::new()) }
        </> });
    }
    html! {
        <>
            <Backdrop drawing={drawing.clone()} id_prefix={props.id_prefix.clone()} />
            <Leaders drawing={drawing.clone()} drawn={props.drawn} />
            // Larger areas first: a small state lies above its neighbours and their borders.
            <g class="tm-states" {onkeydown} {onfocusin}>{ states }</g>
            // The Line of Control (dotted) and undetermined boundaries (dashed), over the areas, as on UN maps.
            <g class="tm-lines" aria-hidden="true">
                // Each line over a light casing that hides the solid border beneath, so the gaps show.
                { lines }
            </g>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LeadersProps {
    drawing: Drawing,
    drawn: usize,
}

/// Leader lines from each dot pushed aside to the state it stands for, under the states.
#[component]
fn Leaders(props: &LeadersProps) -> Html {
    let mut leaders = Vec::new();
    for (p, d) in props
        .drawing
        .0
        .shapes
        .iter()
        .take(props.drawn)
        .filter_map(|s| s.leader())
    {
        leaders.push(html! {
            <line x1={Fixed(p.0, 1).to_string()} y1={Fixed(p.1, 1).to_string()} x2={Fixed(d.0, 1).to_string()} y2={Fixed(d.1, 1).to_string()} />
        });
    }
    html! {
        <g class="tm-leaders" aria-hidden="true">{ leaders }</g>
    }
}

#[derive(Properties, PartialEq)]
struct BackdropProps {
    drawing: Drawing,
    id_prefix: AttrValue,
}

/// Texture patterns and muted context: they change with the projection only, never with the date, view,
/// selection or focus.
#[component]
fn Backdrop(props: &BackdropProps) -> Html {
    let scene = &props.drawing.0;
    let mut context = Vec::with_capacity(scene.context.len());
    for c in scene.context.iter() {
        context.push(html! { <path d={AttrValue::from(c.d.clone())} /> });
    }
    html! {
        <>
            <defs>{ patterns(&props.id_prefix) }</defs>
            <g class="tm-context" aria-hidden="true">{ context }</g>
        </>
    }
}

/// One `<pattern>` per textured class: the class's fill, with a texture of lines, dots or crosses over it; and the
/// territories' own texture (rings), with no fill, laid over a territory's class.
fn patterns(id_prefix: &str) -> Html {
    let mark = |texture: Option<Texture>| match texture {
        Some(Texture::Dot { cx, cy, r }) => {
            html! { <circle cx={cx.to_string()} cy={cy.to_string()} r={r.to_string()} /> }
        }
        Some(Texture::Ring { cx, cy, r }) => {
            html! { <circle class="tm-ring" cx={cx.to_string()} cy={cy.to_string()} r={r.to_string()} /> }
        }
        Some(Texture::Lines(d)) => html! { <path {d} /> },
        None => Html::default(),
    };
    let mut patterns = Vec::new();
    for class in StatusClass::ALL {
        let Some(name) = class.pattern() else {
            continue;
        };
        patterns.push(html! {
            <pattern id={format!("{id_prefix}-p-{name}")} class="tm-pattern" width="6" height="6" patternUnits="userSpaceOnUse">
                { element("rect", &["width", "height", "class"], vec![Some("6".into()), Some("6".into()), Some(class.css_class().into())], Vec::new()) }
                { mark(class.texture()) }
            </pattern>
        });
    }
    html! {
        <>
        { patterns }
        <pattern id={format!("{id_prefix}-p-territory")} class="tm-pattern" width="6" height="6" patternUnits="userSpaceOnUse">
            { mark(Some(TERRITORY_TEXTURE)) }
        </pattern>
        </>
    }
}
