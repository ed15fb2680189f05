//! Where a widget goes in its host element: the element's open shadow root (the declarative one of a
//! pre-render, or a new one), or its light DOM when it cannot hold one; and the pre-render, on show while the
//! live map is drawn hidden beneath it, then removed.

use wasm_bindgen::JsCast;

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

/// Removes the static pre-render.
pub(super) fn remove_prerender(parent: &web_sys::Node) {
    if let Some(prerender) = prerender(parent) {
        prerender.remove();
    }
}
