//! Where a widget goes in its host element: the element's open shadow root (the declarative one of a
//! pre-render, or a new one), or its light DOM when it cannot hold one; and the pre-render, removed once the
//! live map is about to show.

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
            let prerendered = shadow
                .query_selector(".tm-prerender")
                .ok()
                .flatten()
                .is_some();
            (shadow.into(), prerendered)
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

/// Removes the static pre-render (`.tm-prerender`) from the shadow root or, in the light DOM, from the host
/// element's own children.
pub(super) fn remove_prerender(parent: &web_sys::Node) {
    let prerender = if let Some(shadow) = parent.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.query_selector(".tm-prerender")
    } else if let Some(element) = parent.dyn_ref::<web_sys::Element>() {
        element.query_selector(":scope > .tm-prerender")
    } else {
        return;
    };
    if let Ok(Some(prerender)) = prerender {
        prerender.remove();
    }
}
