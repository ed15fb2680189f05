//! `MapSvg`: the map itself (shapes, dots, tooltip, zoom and pan, keyboard), and its parts `Layers`,
//! `Backdrop`, `StateShape` and `Dots`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::class::{StatusClass, Texture, TERRITORY_TEXTURE};
use crate::core::gesture::{Change, Gesture};
use crate::core::i18n::{fill, Lang};
use crate::core::iso3::Iso3;
use crate::core::navigate::{neighbour, Direction};
use crate::core::scene::Scene;
use crate::core::typeahead::TypeAhead;
use crate::core::zoom::ViewBox;
use crate::ui::dom::{holds_focus, iso3_of_target};
use crate::ui::hooks::use_escape;
use crate::ui::Shared;

#[derive(Properties, PartialEq)]
pub struct MapSvgProps {
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
}

/// The tooltip under the pointer: which state, and where (CSS px from the figure's top left).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Hover {
    iso3: Iso3,
    x_px: f64,
    y_px: f64,
}

/// The map: one `<path data-iso3>` per state of the region, filled by its class, over muted context areas, and
/// a dot over each state too small to see or hit. The states form one Tab stop (roving tabindex): arrows move to
/// the geographic neighbour, Home/End to the first/last state by name, letters to the next name starting with
/// them, Enter/Space open the profile. Clicks reach the figure once (event delegation).
#[component]
pub fn MapSvg(props: &MapSvgProps) -> Html {
    let scene = &props.scene;
    let lang = use_context::<Lang>().unwrap_or_default();
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
        use_effect_with(props.scene.clone(), move |_| view.set(full));
    }
    // Selecting a state (from the search box or the table too) brings it into view.
    {
        let (view, scene) = (view.clone(), props.scene.clone());
        use_effect_with(props.selected, move |selected| {
            if let Some(shape) = selected.and_then(|iso3| scene.shape(iso3)) {
                view.set(view.bring_into_view(shape.dot.unwrap_or(shape.point), full));
            }
        });
    }
    // Wheel zoom only with Ctrl/⌘ or while the map has focus, so a page scrolled over the map keeps scrolling.
    // Registered by hand: Yew's wheel listener is passive and could not keep the page from scrolling.
    {
        let (view, figure) = (view.clone(), figure.clone());
        use_effect_with((), move |()| {
            let element = figure.cast::<web_sys::Element>();
            let listener = element.clone().map(|target| {
                crate::ui::guard::Listener::new(&target, "wheel", false, move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::WheelEvent>() else {
                        return;
                    };
                    let Some(figure) = element.as_ref() else {
                        return;
                    };
                    if !(event.ctrl_key() || event.meta_key() || holds_focus(figure)) {
                        return;
                    }
                    event.prevent_default();
                    let anchor = map_point(
                        figure,
                        &view,
                        f64::from(event.client_x()),
                        f64::from(event.client_y()),
                    );
                    view.set(view.zoom((-event.delta_y() * 0.002).exp(), anchor, full));
                })
            });
            move || drop(listener)
        });
    }
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

    // Pointer gestures: a mouse drags the map when zoomed in; two fingers pinch; one finger pans only when
    // zoomed in (otherwise the page scrolls, see `touch-action` in the stylesheet).
    let onpointerdown = {
        let gesture = gesture.clone();
        move |event: PointerEvent| {
            gesture.borrow_mut().down(
                event.pointer_id(),
                (f64::from(event.client_x()), f64::from(event.client_y())),
            );
        }
    };
    let onpointermove = {
        let (gesture, view, figure) = (gesture.clone(), view.clone(), figure.clone());
        move |event: PointerEvent| {
            let Some(element) = figure.cast::<web_sys::Element>() else {
                return;
            };
            let at = (f64::from(event.client_x()), f64::from(event.client_y()));
            let Some(change) = gesture.borrow_mut().moved(event.pointer_id(), at) else {
                return;
            };
            let px_per_unit = element.client_width().max(1) as f64 / view.width;
            match change {
                Change::Pan(dx, dy) if view.zoom_level(full.width) > 1.001 => {
                    view.set(view.pan(-dx / px_per_unit, -dy / px_per_unit, full));
                }
                Change::Pinch(factor, (cx, cy)) => {
                    view.set(view.zoom(factor, map_point(&element, &view, cx, cy), full));
                }
                Change::Pan(..) => {}
            }
        }
    };
    let onpointerup = {
        let gesture = gesture.clone();
        move |event: PointerEvent| gesture.borrow_mut().up(event.pointer_id())
    };

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
    // Placed through the CSS object model, which a strict Content Security Policy allows (a `style` attribute
    // it would refuse).
    let tip_ref = use_node_ref();
    {
        let tip_ref = tip_ref.clone();
        use_effect_with(*hover, move |hover| {
            if let (Some(h), Some(tip)) = (hover, tip_ref.cast::<web_sys::HtmlElement>()) {
                let at = format!("translate({:.0}px,{:.0}px)", h.x_px + 12.0, h.y_px + 12.0);
                let _ = tip.style().set_property("transform", &at);
            }
        });
    }
    // Always in the DOM (hidden when idle), so showing it never reshuffles the figure's children.
    let tip = hover.and_then(|h| Some((h, scene.shape(h.iso3)?)));
    let tooltip = html! {
        <div class="tm-tooltip" role="tooltip" hidden={tip.is_none()} ref={tip_ref}>
            if let Some((_, shape)) = tip {
                <strong>{ &shape.name }</strong><br />{ t.class(shape.class, scene.view) }
                if let Some((_, party)) = &shape.party {
                    <br />{ fill(t.class_territory, &[("class", ""), ("party", party)]).trim_start_matches([' ', '—']) }
                }
                { for shape.notes.iter().map(|note| html! { <span class="tm-tooltip-note">{ t.note(*note) }</span> }) }
            }
        </div>
    };

    let view_box = view.attribute();
    let (title_id, desc_id) = (
        format!("{}-title", props.id_prefix),
        format!("{}-desc", props.id_prefix),
    );

    html! {
        <div class={classes!("tm-figure", zoomed.then_some("tm-zoomed"))} ref={figure} {onclick} {onmousemove}
             {onmouseleave} {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}>
            <div class="tm-zoom" role="group" aria-label={t.zoom}>
                <button type="button" aria-label={t.zoom_in} onclick={zoom_by(1.5)}>{ "+" }</button>
                <button type="button" aria-label={t.zoom_out} onclick={zoom_by(1.0 / 1.5)}>{ "−" }</button>
                <button type="button" aria-label={t.zoom_reset_label} onclick={reset} disabled={!zoomed}>{ t.zoom_reset }</button>
            </div>
            // The map is geography: it is never mirrored, even in a right-to-left language.
            <svg class="tm-map" viewBox={view_box} role="group" aria-labelledby={title_id.clone()}
                 aria-describedby={desc_id.clone()} xmlns="http://www.w3.org/2000/svg">
                <title id={title_id}>{ title.clone() }</title>
                <desc id={desc_id}>{ summary.clone() }</desc>
                <Layers scene={props.scene.clone()} selected={props.selected} {tab_stop} hidden={props.hidden.clone()}
                        id_prefix={props.id_prefix.clone()} on_select={props.on_select.clone()}
                        on_focused={props.on_focused.clone()} on_move_focus={props.on_move_focus.clone()} />
            </svg>
            <Dots scene={props.scene.clone()} view={*view} selected={props.selected} hidden={props.hidden.clone()} />
            { tooltip }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LayersProps {
    scene: Shared<Scene>,
    selected: Option<Iso3>,
    tab_stop: Option<Iso3>,
    hidden: Vec<StatusClass>,
    id_prefix: AttrValue,
    on_select: Callback<Iso3>,
    on_focused: Callback<Iso3>,
    on_move_focus: Callback<Iso3>,
}

/// What the SVG draws: the backdrop (patterns, context, leader lines) and the states. Its own component, so
/// that hover, pan and zoom (state of `MapSvg`) never re-render it; within it the backdrop and each state are
/// components too, so a selection re-renders only the shapes whose props changed.
#[component]
fn Layers(props: &LayersProps) -> Html {
    let scene = &props.scene;
    let typed = use_mut_ref(TypeAhead::default);
    let onkeydown = keydown_handler(props, typed);
    let onfocusin = {
        let on_focused = props.on_focused.clone();
        move |event: FocusEvent| {
            if let Some(iso3) = iso3_of_target(event.target()) {
                on_focused.emit(iso3);
            }
        }
    };
    html! {
        <>
            <Backdrop scene={scene.clone()} id_prefix={props.id_prefix.clone()} />
            // Larger areas first: a small state lies above its neighbours and their borders.
            <g class="tm-states" {onkeydown} {onfocusin}>
                { for scene.draw_order.iter().filter_map(|&index| Some((index, scene.shapes.get(index)?))).map(|(index, shape)| html! {
                    <StateShape key={shape.iso3.as_str()} scene={scene.clone()} {index}
                                selected={props.selected == Some(shape.iso3)}
                                tab_stop={props.tab_stop == Some(shape.iso3)}
                                filtered={props.hidden.contains(&shape.class)}
                                id_prefix={props.id_prefix.clone()} />
                }) }
            </g>
            // The Line of Control (dotted) and undetermined boundaries (dashed), over the areas, as on UN maps.
            <g class="tm-lines" aria-hidden="true">
                // Each line over a light casing that hides the solid border beneath, so the gaps show.
                { for scene.lines.iter().map(|line| html! { <>
                    <path class="tm-line-casing" d={AttrValue::from(line.d.clone())} />
                    <path class={classes!("tm-line", format!("tm-line-{}", line.style.key()))} d={AttrValue::from(line.d.clone())} />
                </> }) }
            </g>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct BackdropProps {
    scene: Shared<Scene>,
    id_prefix: AttrValue,
}

/// Texture patterns, muted context and leader lines: they change with the scene only, never with selection or
/// focus.
#[component]
fn Backdrop(props: &BackdropProps) -> Html {
    let scene = &props.scene;
    html! {
        <>
            <defs>{ patterns(&props.id_prefix) }</defs>
            <g class="tm-context" aria-hidden="true">
                { for scene.context.iter().map(|c| html! { <path d={AttrValue::from(c.d.clone())} /> }) }
            </g>
            // Leader lines from a dot pushed aside to the state it stands for.
            <g class="tm-leaders" aria-hidden="true">
                { for scene.shapes.iter().filter_map(|s| Some((s.point, s.dot?))).filter(|(p, d)| (p.0 - d.0).hypot(p.1 - d.1) > 2.0).map(|(p, d)| html! {
                    <line x1={format!("{:.1}", p.0)} y1={format!("{:.1}", p.1)} x2={format!("{:.1}", d.0)} y2={format!("{:.1}", d.1)} />
                }) }
            </g>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct StateShapeProps {
    scene: Shared<Scene>,
    /// The shape's place in `scene.shapes`.
    index: usize,
    selected: bool,
    tab_stop: bool,
    filtered: bool,
    id_prefix: AttrValue,
}

/// One state's `<path data-iso3>`: a button filled by its class.
#[component]
fn StateShape(props: &StateShapeProps) -> Html {
    let Some(shape) = props.scene.shapes.get(props.index) else {
        return Html::default();
    };
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <>
        <path class={classes!("tm-shape", shape.class.css_class(), props.selected.then_some("tm-selected"),
                              props.filtered.then_some("tm-filtered"))}
              d={AttrValue::from(shape.d.clone())}
              fill={shape.class.pattern().map(|p| format!("url(#{}-p-{p})", props.id_prefix))}
              data-iso3={shape.iso3.to_string()}
              role="button"
              tabindex={if props.tab_stop { "0" } else { "-1" }}
              aria-label={props.scene.accessible_name(shape, lang)}
              aria-pressed={if props.selected { "true" } else { "false" }} />
        // A territory to which a party's treaty applies: its own texture over the party's class.
        if shape.territory {
            <path class={classes!("tm-territory", props.filtered.then_some("tm-filtered"))} d={AttrValue::from(shape.d.clone())}
                  fill={format!("url(#{}-p-territory)", props.id_prefix)} aria-hidden="true" />
        }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct DotsProps {
    scene: Shared<Scene>,
    view: ViewBox,
    selected: Option<Iso3>,
    hidden: Vec<StatusClass>,
}

/// Dots widen the pointer target of tiny states; keyboard and screen-reader users reach the shape itself. An
/// SVG over the map whose dots are placed in percent of its size (presentation attributes, which a strict
/// Content Security Policy allows) and drawn in CSS px, so they keep their size at any zoom; they follow pan and
/// zoom, not hover.
#[component]
fn Dots(props: &DotsProps) -> Html {
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

fn keydown_handler(props: &LayersProps, typed: Rc<RefCell<TypeAhead>>) -> impl Fn(KeyboardEvent) {
    let scene = props.scene.clone();
    let (on_select, on_move) = (props.on_select.clone(), props.on_move_focus.clone());
    move |event: KeyboardEvent| {
        let Some(current) = iso3_of_target(event.target()) else {
            return;
        };
        let key = event.key();
        let target = if let Some(direction) = Direction::from_key(&key) {
            Some(neighbour(&scene.points(), current, direction).unwrap_or(current))
        } else {
            match key.as_str() {
                "Enter" | " " => {
                    event.prevent_default();
                    on_select.emit(current);
                    return;
                }
                "Home" => scene.shapes.first().map(|s| s.iso3),
                "End" => scene.shapes.last().map(|s| s.iso3),
                _ if key.chars().count() == 1
                    && !event.ctrl_key()
                    && !event.meta_key()
                    && !event.alt_key() =>
                {
                    let names: Vec<(Iso3, &str)> = scene
                        .shapes
                        .iter()
                        .map(|s| (s.iso3, s.name.as_str()))
                        .collect();
                    typed
                        .borrow_mut()
                        .key(&key, js_sys::Date::now(), &names, current)
                }
                _ => return,
            }
        };
        if let Some(target) = target {
            event.prevent_default();
            on_move.emit(target);
        }
    }
}

/// The map point (viewBox pixels) under a viewport point. The SVG keeps the view's shape (`xMidYMid meet`): where
/// its box is wider or taller than the view (a tall region capped at its greatest height), the map is centred in
/// it, so a zoom with the wheel or a pinch keeps the point under the pointer where it is.
fn map_point(
    figure: &web_sys::Element,
    view: &ViewBox,
    client_x: f64,
    client_y: f64,
) -> (f64, f64) {
    let rect = figure.get_bounding_client_rect();
    let (w, h) = (rect.width().max(1.0), rect.height().max(1.0));
    let scale = (w / view.width.max(1e-9)).min(h / view.height.max(1e-9));
    let (margin_x, margin_y) = (
        (w - view.width * scale) / 2.0,
        (h - view.height * scale) / 2.0,
    );
    (
        view.x + (client_x - rect.left() - margin_x) / scale,
        view.y + (client_y - rect.top() - margin_y) / scale,
    )
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
    html! {
        <>
        { for StatusClass::ALL.iter().filter_map(|class| Some((class, class.pattern()?))).map(|(class, name)| html! {
            <pattern id={format!("{id_prefix}-p-{name}")} class="tm-pattern" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect class={class.css_class()} width="6" height="6" />
                { mark(class.texture()) }
            </pattern>
        }) }
        <pattern id={format!("{id_prefix}-p-territory")} class="tm-pattern" width="6" height="6" patternUnits="userSpaceOnUse">
            { mark(Some(TERRITORY_TEXTURE)) }
        </pattern>
        </>
    }
}
