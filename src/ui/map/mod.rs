//! `MapSvg`: the map itself — the SVG and its title, the zoom buttons and view box, hover and clicks — built
//! from its parts: `layers` (what the SVG draws: backdrop, states, boundary lines), `shape` (one state),
//! `colouring` (the scene on show, which tells the shapes a change of date or view recolours), `keyboard` (the
//! states' Tab stop), `dots`, `tooltip`, and `zoom` (wheel and pointer gestures).

mod colouring;
mod dots;
mod keyboard;
mod layers;
mod shape;
mod tooltip;
mod zoom;

use yew::prelude::*;

use crate::core::class::StatusClass;
use crate::core::gesture::Gesture;
use crate::core::i18n::{fill, Lang};
use crate::core::iso3::Iso3;
use crate::core::region::Region;
use crate::core::scene::{Scene, ELEMENTS_PER_SLICE};
use crate::core::zoom::ViewBox;
use crate::ui::dom::iso3_of_target;
use crate::ui::hooks::{set_in_next_task, use_effect_on, use_escape};
use crate::ui::map::colouring::ColouringRef;
use crate::ui::map::dots::Dots;
use crate::ui::map::layers::Layers;
use crate::ui::map::tooltip::{Hover, Tooltip};
use crate::ui::map::zoom::{pointer_handlers, use_wheel_zoom, PointerHandlers};
use crate::ui::{Drawing, Shared};

#[derive(Properties, PartialEq)]
pub struct MapSvgProps {
    /// The language of the component's words (the widget's).
    pub lang: Lang,
    pub scene: Shared<Scene>,
    pub selected: Option<Iso3>,
    /// The map's Tab stop; the first state when `None`.
    pub focused: Option<Iso3>,
    pub on_select: Callback<Iso3>,
    /// A state's shape took focus (pointer or Tab).
    pub on_focused: Callback<Iso3>,
    /// The keyboard asks to move focus to a state.
    pub on_move_focus: Callback<Iso3>,
    /// Prefix of the SVG's title and description ids, unique on the page.
    pub id_prefix: AttrValue,
    /// Classes switched off in the legend: their states are dimmed.
    #[prop_or_default]
    pub hidden: Vec<StatusClass>,
    /// Told, after a render, that every shape of the scene (of this region) is drawn.
    #[prop_or_default]
    pub on_drawn: Callback<Region>,
    /// Whether the first render leaves the shapes for the tasks after it (the live widget's first render, which
    /// has the rest of the widget to draw); otherwise it draws their first slice.
    #[prop_or_default]
    pub shapes_later: bool,
}

/// The map: one `<path data-iso3>` per state of the region, filled by its class, over muted context areas, and
/// a dot over each state too small to see or hit. The states form one Tab stop (roving tabindex): arrows move to
/// the geographic neighbour, Home/End to the first/last state by name, letters to the next name starting with
/// them, Enter/Space open the profile. Clicks reach the figure once (event delegation).
#[component]
pub fn MapSvg(props: &MapSvgProps) -> Html {
    let scene = &props.scene;
    let lang = props.lang;
    let t = lang.catalogue();
    // The text alternative and the title change with the scene and language only, not with hover, pan or
    // selection: made once, then handed to the DOM as shared strings.
    let (title, summary) = &*use_memo((props.scene.clone(), lang), |(scene, lang)| {
        let t = lang.catalogue();
        (
            AttrValue::from(fill(t.map_title, &[("region", t.region(scene.region))])),
            AttrValue::from(scene.summary_in(*lang)),
        )
    });
    let drawn = use_drawn(scene, props.shapes_later, &props.on_drawn);
    // The shapes read the scene on show from the colouring, which tells those a new colouring changes.
    let colouring = (*use_state(|| ColouringRef::showing(scene.clone()))).clone();
    colouring.0.show(scene);
    let tab_stop = props
        .focused
        .or_else(|| scene.shapes.first().map(|s| s.iso3));

    // Zoom and pan change only the viewBox; the paths were projected once, with the scene.
    let full = ViewBox::full(
        f64::from(scene.width_px.max(1)),
        f64::from(scene.height_px.max(1)),
    );
    let view = use_state_eq(|| full);
    let gesture = use_mut_ref(Gesture::default);
    let figure = use_node_ref();
    {
        let view = view.clone();
        use_effect_on(props.scene.clone(), move |_| view.set(full));
    }
    // Selecting a state (from the search box or the table too) brings it into view.
    {
        let (view, scene) = (view.clone(), props.scene.clone());
        use_effect_on(props.selected, move |selected| {
            if let Some(shape) = selected.and_then(|iso3| scene.shape(iso3)) {
                view.set(view.bring_into_view(shape.dot.unwrap_or(shape.point), full));
            }
        });
    }
    use_wheel_zoom(figure.clone(), view.clone(), full);
    let zoom_by = |factor: f64| {
        let view = view.clone();
        move |_: MouseEvent| {
            let centre = (view.x + view.width / 2.0, view.y + view.height / 2.0);
            view.set(view.zoom(factor, centre, full));
        }
    };
    let reset = {
        let view = view.clone();
        move |_: MouseEvent| view.set(full)
    };
    let zoomed = view.zoom_level(full.width) > 1.001;

    let PointerHandlers {
        onpointerdown,
        onpointermove,
        onpointerup,
    } = pointer_handlers(gesture.clone(), view.clone(), figure.clone(), full);

    // Hover shows a tooltip (name and class) that stays while the pointer is on the state and closes on Escape
    // (WCAG 1.4.13). Touch has no hover: a tap selects.
    let hover = use_state_eq(|| None::<Hover>);
    let onclick = {
        let (on_select, gesture, hover) = (props.on_select.clone(), gesture.clone(), hover.clone());
        move |event: MouseEvent| {
            // The end of a drag is not a click.
            if gesture.borrow_mut().take_dragged() {
                return;
            }
            if let Some(iso3) = iso3_of_target(event.target()) {
                // The profile opens, saying what the tooltip said, and the map may move under the pointer
                // (the panel takes a column): the tooltip closes until the pointer moves again.
                hover.set(None);
                on_select.emit(iso3);
            }
        }
    };

    let onmousemove = {
        let (hover, figure) = (hover.clone(), figure.clone());
        move |event: MouseEvent| {
            let Some(iso3) = iso3_of_target(event.target()) else {
                hover.set(None);
                return;
            };
            let Some(rect) = figure
                .cast::<web_sys::Element>()
                .map(|f| f.get_bounding_client_rect())
            else {
                return;
            };
            hover.set(Some(Hover {
                iso3,
                x_px: f64::from(event.client_x()) - rect.left(),
                y_px: f64::from(event.client_y()) - rect.top(),
            }));
        }
    };
    let onmouseleave = {
        let hover = hover.clone();
        move |_| hover.set(None)
    };
    {
        let hover = hover.clone();
        use_escape(hover.is_some(), move || hover.set(None));
    }
    let view_box = view.attribute();
    let (title_id, desc_id) = (
        format!("{}-title", props.id_prefix),
        format!("{}-desc", props.id_prefix),
    );

    html! {
        <div class="tm-figure" data-zoomed={zoomed.then_some("true")} ref={figure} {onclick} {onmousemove}
             {onmouseleave} {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}>
            <div class="tm-zoom" role="group" aria-label={t.zoom}>
                <button type="button" aria-label={t.zoom_in} onclick={zoom_by(1.5)}>{ "+" }</button>
                <button type="button" aria-label={t.zoom_out} onclick={zoom_by(1.0 / 1.5)}>{ "−" }</button>
                <button type="button" aria-label={t.zoom_reset_label} onclick={reset} disabled={!zoomed}>{ t.zoom_reset }</button>
            </div>
            // The map is geography: it is never mirrored, even in a right-to-left language.
            <svg class="tm-map" viewBox={view_box} role="group" aria-labelledby={title_id.clone()}
                 aria-busy={(drawn != usize::MAX).then_some("true")}
                 aria-describedby={desc_id.clone()} xmlns="http://www.w3.org/2000/svg">
                <title id={title_id}>{ title.clone() }</title>
                <desc id={desc_id}>{ summary.clone() }</desc>
                <Layers {lang} drawing={Drawing(props.scene.clone())} colouring={colouring.clone()} {drawn} selected={props.selected} {tab_stop} hidden={props.hidden.clone()}
                        id_prefix={props.id_prefix.clone()} on_select={props.on_select.clone()}
                        on_focused={props.on_focused.clone()} on_move_focus={props.on_move_focus.clone()} />
            </svg>
            <Dots scene={props.scene.clone()} {drawn} view={*view} selected={props.selected} hidden={props.hidden.clone()} />
            <Tooltip {lang} scene={props.scene.clone()} hover={*hover} />
        </div>
    }
}

/// How many of the scene's shapes (by index) the map draws. Its first render draws a slice of them
/// (`Scene::slice_end`, within `ELEMENTS_PER_SLICE`), or none if `later`, and each following task the next, so
/// that no task of the page grows with the map (the SVG is `aria-busy` meanwhile); from then on, every shape of
/// every scene (`usize::MAX`). `on_drawn` hears when the map is drawn whole.
#[hook]
fn use_drawn(scene: &Shared<Scene>, later: bool, on_drawn: &Callback<Region>) -> usize {
    let drawn = use_state_eq(|| {
        if later && !scene.shapes.is_empty() {
            0
        } else {
            drawn_after(scene, 0)
        }
    });
    // Told once, when the last slice is drawn (a new region is a new map, drawn afresh).
    {
        let (on_drawn, region) = (on_drawn.clone(), scene.region);
        use_effect_on(*drawn == usize::MAX, move |&whole| {
            if whole {
                on_drawn.emit(region);
            }
        });
    }
    {
        let drawn = drawn.clone();
        use_effect_on((*drawn, scene.clone()), move |(end, scene)| {
            let next =
                (*end != usize::MAX).then(|| set_in_next_task(drawn, drawn_after(scene, *end)));
            move || next.into_iter().for_each(|cancel| cancel())
        });
    }
    *drawn
}

/// The shapes drawn once the slice after `start` is: the slice's end, or `usize::MAX` when that is all of them.
fn drawn_after(scene: &Scene, start: usize) -> usize {
    match scene.slice_end(start, ELEMENTS_PER_SLICE) {
        end if end >= scene.shapes.len() => usize::MAX,
        end => end,
    }
}
