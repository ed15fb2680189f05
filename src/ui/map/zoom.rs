//! Zoom and pan: the wheel (`use_wheel_zoom`), pointer gestures (`core::gesture`: a mouse drag, a pinch, one
//! finger when zoomed in) and the map point under the pointer. They change only the view box.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::gesture::{Change, Gesture};
use crate::core::zoom::ViewBox;
use crate::ui::dom::holds_focus;
use crate::ui::guard::Listener;
use crate::ui::hooks::use_effect_on;

/// The map point (viewBox pixels) under a viewport point. The SVG keeps the view's shape (`xMidYMid meet`): where
/// its box is wider or taller than the view (a tall region capped at its greatest height), the map is centred in
/// it, so a zoom with the wheel or a pinch keeps the point under the pointer where it is.
pub(super) fn map_point(
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

/// Wheel zoom only with Ctrl/⌘ or while the map has focus, so a page scrolled over the map keeps scrolling.
/// Registered by hand: Yew's wheel listener is passive and could not keep the page from scrolling.
#[hook]
pub(super) fn use_wheel_zoom(figure: NodeRef, view: UseStateHandle<ViewBox>, full: ViewBox) {
    use_effect_on((), move |()| {
        let element = figure.cast::<web_sys::Element>();
        let listener = element.clone().map(|target| {
            Listener::new(&target, "wheel", false, move |event| {
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

/// The figure's pointer listeners, which feed the gesture and move the view.
pub(super) struct PointerHandlers {
    pub(super) onpointerdown: Callback<PointerEvent>,
    pub(super) onpointermove: Callback<PointerEvent>,
    pub(super) onpointerup: Callback<PointerEvent>,
}

/// Pointer gestures: a mouse drags the map when zoomed in; two fingers pinch; one finger pans only when
/// zoomed in (otherwise the page scrolls, see `touch-action` in the stylesheet).
pub(super) fn pointer_handlers(
    gesture: Rc<RefCell<Gesture>>,
    view: UseStateHandle<ViewBox>,
    figure: NodeRef,
    full: ViewBox,
) -> PointerHandlers {
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
        let gesture = gesture.clone();
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
    let onpointerup = { move |event: PointerEvent| gesture.borrow_mut().up(event.pointer_id()) };
    PointerHandlers {
        onpointerdown: Callback::from(onpointerdown),
        onpointermove: Callback::from(onpointermove),
        onpointerup: Callback::from(onpointerup),
    }
}
