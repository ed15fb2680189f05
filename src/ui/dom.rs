//! Small DOM helpers the components share: the page's document and fragment, the focused element (through open
//! shadow roots), whether focus is inside the widget, and what an event reached. Every one answers "nothing"
//! where there is no browser (a server render), so callers need no `cfg`.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::iso3::Iso3;

/// The page's document, if there is a window (none when rendering on a server).
pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// `location.hash` of the page, if there is a window (none when rendering on a server).
pub fn location_hash() -> Option<String> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()?.location().hash().ok()
    } else {
        None
    }
}

/// The focused element, looking inside open shadow roots (the widget's own among them): `document.activeElement`
/// is only the shadow host when focus is inside one.
pub fn active_element() -> Option<web_sys::Element> {
    let mut active = document()?.active_element()?;
    while let Some(inner) = active.shadow_root().and_then(|s| s.active_element()) {
        active = inner;
    }
    Some(active)
}

/// Whether the focused element is `element` or inside it.
pub fn holds_focus(element: &web_sys::Element) -> bool {
    active_element().is_some_and(|active| element.contains(Some(&active)))
}

/// Whether keyboard focus is inside the widget whose root is `root`, or on the page body (so Escape is meant
/// for us).
pub fn focus_is_ours(root: &NodeRef) -> bool {
    let Some(document) = document() else {
        return false;
    };
    match (active_element(), root.cast::<web_sys::Node>()) {
        (None, _) => true,
        (Some(active), Some(root)) => {
            document
                .body()
                .is_some_and(|body| body.is_same_node(Some(&active)))
                || root.contains(Some(&active))
        }
        (Some(_), None) => false,
    }
}

/// Moves focus to the shape of `iso3` under `root`, if it is there.
pub fn focus_shape(root: &NodeRef, iso3: Iso3) {
    let Some(root) = root.cast::<web_sys::Element>() else {
        return;
    };
    let selector = format!("[data-iso3=\"{iso3}\"].tm-shape");
    if let Some(shape) = root
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok())
    {
        let _ = shape.focus();
    }
}

/// Whether `event` is a press of Escape.
pub fn is_escape(event: &web_sys::Event) -> bool {
    event
        .dyn_ref::<KeyboardEvent>()
        .is_some_and(|e| e.key() == "Escape")
}

/// The ISO3 code of the state shape or dot an event reached, if any.
pub fn iso3_of_target(target: Option<web_sys::EventTarget>) -> Option<Iso3> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    let shape = element.closest("[data-iso3]").ok()??;
    Iso3::parse(&shape.get_attribute("data-iso3")?)
}
