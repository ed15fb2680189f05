//! What the host page hears from an instance: the widget's `AppEvent`s as bubbling, composed DOM events on
//! the host element (`treatymap:ready`, `treatymap:select`, `treatymap:asof`, `treatymap:error`) and `performance.mark`s
//! (`treatymap:stage:…`, `treatymap:interactive`).

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

use super::host::{draw_hidden_while_prerendered, show_live, unhide};
use crate::core::timeline::Counts;
use crate::ui::app::AppEvent;

/// Turns the widget's events into DOM events on the host element, hides the live map (`container`) while it is
/// drawn beneath a pre-render and swaps the two once it is drawn (so they are never painted together), and
/// marks the first moment the instance is interactive.
pub(super) fn event_callback(
    host: web_sys::Element,
    parent: web_sys::Node,
    container: web_sys::Element,
    number: usize,
) -> Callback<AppEvent> {
    let interactive = Cell::new(false);
    Callback::from(move |event: AppEvent| match event {
        AppEvent::Stage(stage) => mark(&host, number, &format!("treatymap:stage:{}", stage.name())),
        AppEvent::Loaded => draw_hidden_while_prerendered(&parent, &container),
        AppEvent::Ready {
            region,
            lang,
            states,
        } => {
            show_live(&parent, &container);
            let detail = object(&[
                ("region", region.key().into()),
                ("lang", lang.code().into()),
                ("states", (states as u32).into()),
            ]);
            dispatch(&host, "treatymap:ready", &detail);
            if !interactive.replace(true) {
                mark(&host, number, "treatymap:interactive");
            }
        }
        AppEvent::Selected(selected) => {
            let (iso3, name) = match selected {
                Some((iso3, name)) => (JsValue::from_str(iso3.as_str()), JsValue::from_str(&name)),
                None => (JsValue::NULL, JsValue::NULL),
            };
            dispatch(
                &host,
                "treatymap:select",
                &object(&[("iso3", iso3), ("name", name)]),
            );
        }
        AppEvent::Failed(message) => {
            // The error shows where the live map was being drawn.
            unhide(&container);
            let detail = object(&[("message", message.into())]);
            dispatch(&host, "treatymap:error", &detail);
        }
        AppEvent::AsOf {
            date,
            latest,
            world,
            region,
        } => {
            let counts = object(&[("world", counts(world)), ("region", counts(region))]);
            let detail = object(&[
                ("date", date.iso().into()),
                ("latest", latest.into()),
                ("counts", counts),
            ]);
            dispatch(&host, "treatymap:asof", &detail);
        }
    })
}

/// `{ catParties, catSignatories, opcatParties, opcatSignatories }`.
fn counts(counts: Counts) -> JsValue {
    let number = |n: usize| JsValue::from(n as u32);
    object(&[
        ("catParties", number(counts.cat_parties)),
        ("catSignatories", number(counts.cat_signatories)),
        ("opcatParties", number(counts.opcat_parties)),
        ("opcatSignatories", number(counts.opcat_signatories)),
    ])
}

/// `performance.mark(name, { detail: { instance, id } })`, called through `Reflect` because web-sys offers mark
/// options only among its unstable APIs.
fn mark(host: &web_sys::Element, number: usize, name: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(performance) = js_sys::Reflect::get(&window, &"performance".into()) else {
        return;
    };
    let Some(mark) = js_sys::Reflect::get(&performance, &"mark".into())
        .ok()
        .and_then(|m| m.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let detail = object(&[
        ("instance", (number as u32).into()),
        ("id", host.id().into()),
    ]);
    let options = object(&[("detail", detail)]);
    let _ = mark.call2(&performance, &name.into(), &options);
}

/// Dispatches `name` on the host element with `detail`, bubbling and composed (it crosses the shadow root).
pub(super) fn dispatch(host: &web_sys::Element, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// A plain JavaScript object of the pairs.
pub(super) fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}
