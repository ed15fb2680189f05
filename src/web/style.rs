//! The widget's styles under a strict Content Security Policy: its stylesheet, a constructed stylesheet the
//! loader makes once per page from `treaty-map.css` (`ui::style`'s, the file the pre-renders link; the wasm does
//! not carry it) and adopted by each shadow root (or by the document, for maps in the light DOM, until the last
//! of them goes), and the theme written on the mount container. A `style-src 'self'` policy refuses `<style>`
//! elements and `style` attributes, not these.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The widget's constructed stylesheet, as the loader gave it, and how many instances in the light DOM use
    /// it.
    static SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
    static LIGHT_DOM_INSTANCES: Cell<usize> = const { Cell::new(0) };
}

/// Keeps the widget's stylesheet for the maps to adopt (the `setStyles` export).
pub(super) fn install(sheet: web_sys::CssStyleSheet) {
    SHEET.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = Some(sheet);
        }
    });
}

/// The widget's constructed stylesheet, once the loader has given it.
fn sheet() -> Option<web_sys::CssStyleSheet> {
    SHEET.with(|slot| slot.try_borrow().ok()?.clone())
}

/// What adopts the widget's stylesheet: the shadow root, or the document for a map in the light DOM.
enum Adopter {
    Shadow(web_sys::ShadowRoot),
    Document(web_sys::Document),
}

impl Adopter {
    fn of(parent: &web_sys::Node) -> Option<Adopter> {
        match parent.dyn_ref::<web_sys::ShadowRoot>() {
            Some(root) => Some(Adopter::Shadow(root.clone())),
            None => parent.owner_document().map(Adopter::Document),
        }
    }

    fn sheets(&self) -> js_sys::Array {
        match self {
            Adopter::Shadow(root) => root.adopted_style_sheets(),
            Adopter::Document(document) => document.adopted_style_sheets(),
        }
    }

    fn set(&self, sheets: &js_sys::Array) {
        match self {
            Adopter::Shadow(root) => root.set_adopted_style_sheets(sheets),
            Adopter::Document(document) => document.set_adopted_style_sheets(sheets),
        }
    }
}

/// Adds the widget's stylesheet to the shadow root (or the document), after those already there.
pub(super) fn adopt_stylesheet(parent: &web_sys::Node) {
    let (Some(sheet), Some(adopter)) = (sheet(), Adopter::of(parent)) else {
        return;
    };
    if let Adopter::Document(_) = adopter {
        LIGHT_DOM_INSTANCES.with(|n| n.set(n.get() + 1));
    }
    let sheets = adopter.sheets();
    if !sheets.includes(&sheet, 0) {
        let sheets = sheets.slice(0, sheets.length());
        sheets.push(&sheet);
        adopter.set(&sheets);
    }
}

/// Takes the widget's stylesheet back: from a shadow root at once, from the document with the last map in the
/// light DOM.
pub(super) fn unadopt_stylesheet(parent: &web_sys::Node) {
    let (Some(sheet), Some(adopter)) = (sheet(), Adopter::of(parent)) else {
        return;
    };
    if let Adopter::Document(_) = adopter {
        let left = LIGHT_DOM_INSTANCES.with(|n| {
            n.set(n.get().saturating_sub(1));
            n.get()
        });
        if left > 0 {
            return;
        }
    }
    let sheet: &JsValue = sheet.as_ref();
    let kept = adopter.sheets().filter(&mut |s, _, _| &s != sheet);
    adopter.set(&kept);
}

/// The theme on the mount container, which the stylesheet follows; `None` follows `prefers-color-scheme`.
/// Written only when it changes: in the light-DOM fallback the page's observers see the container too, and a
/// write that changes nothing would still be a mutation for them.
pub(super) fn apply_theme(container: &web_sys::Element, theme: Option<&'static str>) {
    if container.get_attribute("data-theme").as_deref() == theme {
        return;
    }
    let _ = match theme {
        Some(theme) => container.set_attribute("data-theme", theme),
        None => container.remove_attribute("data-theme"),
    };
}
