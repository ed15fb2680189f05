//! Where a widget goes in its host element: the element's open shadow root (the declarative one of a
//! pre-render, or a new one), or its light DOM when it cannot hold one; and the pre-render, on show while the
//! live map is drawn hidden beneath it, then removed.

use wasm_bindgen::JsCast;

use crate::ui::dom::active_element;

/// Where the widget goes: the element's open shadow root (the declarative one of a pre-render, or a new one),
/// and whether a pre-render is on show there. An element that cannot have a shadow root (a `<li>`, or one
/// with a closed root) gets the widget in its light DOM.
pub(super) fn shadow_parent(element: &web_sys::Element) -> (web_sys::Node, bool) {
    let shadow = element.shadow_root().or_else(|| {
        let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
        element.attach_shadow(&init).ok()
    });
    match shadow {
        Some(shadow) => {
            let shadow: web_sys::Node = shadow.into();
            let prerendered = prerender(&shadow).is_some();
            (shadow, prerendered)
        }
        None => {
            web_sys::console::warn_1(
                &"treaty-map: this element cannot hold a shadow root; the map's styles are not isolated"
                    .into(),
            );
            (element.clone().into(), false)
        }
    }
}

/// The attribute of a live map's mount point (`.tm-mount`) while it is drawn beneath a pre-render: laid out at
/// its width, but with no height and unseen, and the widget inside it not laid out at all (widget.css): each
/// stage's new nodes are not laid out in the frames between the stages, only once when the map is shown.
const HIDDEN: &str = "data-drawn-hidden";

/// Hides the live map in `container` while it is drawn, if a pre-render is on show in `parent`.
pub(super) fn draw_hidden_while_prerendered(parent: &web_sys::Node, container: &web_sys::Element) {
    if prerender(parent).is_some() {
        let _ = container.set_attribute(HIDDEN, "");
    }
}

/// Shows the live map in `container` (hidden while drawn beneath a pre-render).
pub(super) fn unhide(container: &web_sys::Element) {
    let _ = container.remove_attribute(HIDDEN);
}

/// The static pre-render (`.tm-prerender`) in the shadow root or, in the light DOM, among the host element's
/// own children.
fn prerender(parent: &web_sys::Node) -> Option<web_sys::Element> {
    let found = if let Some(shadow) = parent.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.query_selector(".tm-prerender")
    } else if let Some(element) = parent.dyn_ref::<web_sys::Element>() {
        element.query_selector(":scope > .tm-prerender")
    } else {
        return None;
    };
    found.ok().flatten()
}

/// Removes the static pre-render (the panic notice's path: the release build aborts instead).
#[cfg(not(panic = "immediate-abort"))]
pub(super) fn remove_prerender(parent: &web_sys::Node) {
    if let Some(prerender) = prerender(parent) {
        prerender.remove();
    }
}

/// Shows the live widget in `container` once it is drawn, in place of the pre-render if one is on show, in one
/// task, so the two are never painted together. A control of the pre-render that has the focus (a keyboard user
/// who reached the map before it went live: a state, a legend toggle, the chart's stop) hands the focus to the
/// same control of the live widget, which has the same markup.
pub(super) fn show_live(parent: &web_sys::Node, container: &web_sys::Element) {
    let mut live = None;
    if let Some(prerender) = prerender(parent) {
        live = active_element()
            .filter(|focused| prerender.contains(Some(focused)))
            .and_then(|focused| counterpart(&focused, &prerender, container));
        prerender.remove();
    }
    // Shown before the focus moves: an element that is not laid out cannot take it.
    unhide(container);
    if let Some(live) = live {
        // `focus` is one method of HTML and SVG elements alike (`HTMLOrSVGElement`), which the glue calls by
        // name: a state or the chart's stop is an SVG element, a legend toggle an HTML one.
        let _ = live.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}

/// The live widget's element for the pre-render's `focused`: the element of the same tag and first class at the
/// same place among those (the same state, legend toggle or chart stop: both are drawn from the same scene).
fn counterpart(
    focused: &web_sys::Element,
    prerender: &web_sys::Element,
    container: &web_sys::Element,
) -> Option<web_sys::Element> {
    let class = focused.get_attribute("class")?;
    let class = class.split_whitespace().next().filter(|c| {
        c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })?;
    let mut selector = focused.local_name();
    selector.push('.');
    selector.push_str(class);
    let same = prerender.query_selector_all(&selector).ok()?;
    let place =
        (0..same.length()).find(|&i| same.get(i).is_some_and(|n| n.is_same_node(Some(focused))))?;
    container
        .query_selector_all(&selector)
        .ok()?
        .get(place)?
        .dyn_into()
        .ok()
}
