//! The JavaScript entry point: `mount(element, options)` starts one widget instance in a host element and
//! returns its handle (`select`, `setAsOf`, `setRegion`, `setLanguage`, `setTheme`, `destroy`).
//!
//! Isolation: the widget renders inside an open shadow root of the host element, with its stylesheet, so the
//! host page's CSS neither breaks it nor is changed by it; only inherited properties (font, colour) and the
//! documented `--treaty-map-*` custom properties cross the boundary. A declarative shadow root already on the
//! element (the static pre-render written by `cargo xtask build`) is reused: its `.tm-prerender` stays on show
//! while the data loads and is removed when the widget is ready, in the same frame.
//!
//! Events: the host element dispatches `treatymap:ready` (`{ region, lang, states }`), `treatymap:select`
//! (`{ iso3, name }`, both `null` when the profile closes), `treatymap:asof` (`{ date, latest, counts: { world,
//! region } }` when the date shown changes) and `treatymap:error` (`{ message }`), bubbling and
//! composed; the first time an instance is interactive it also records `performance.mark("treatymap:interactive")`
//! with `{ instance, id }` as detail.
//!
//! Robustness: options are read defensively (unknown keys ignored, wrong types treated as absent, values
//! validated). A panic is a bug, never the reaction to input; if one happens anyway, the loader
//! (`www/treaty-map.js`) stops everything the module scheduled (`ui::guard`) and replaces every instance with a
//! notice, since all instances share one WebAssembly module, which is not safe to use after a panic. In the
//! release wasm a panic is a trap at once (`panic=immediate-abort`), which the loader sees where it surfaces; in
//! the other builds (the browser tests') the panic hook tells the loader, or without the loader shows the notices
//! itself.
//!
//! Styles: the widget's stylesheet is a constructed stylesheet adopted by the shadow root (or by the document,
//! for an element that cannot hold a shadow root), and dynamic values go through the CSS object model: a
//! strict Content Security Policy (`style-src 'self'`) refuses `<style>` elements and `style` attributes, not
//! these.
//!
//! One job a file: `options` reads `mount`'s options and the handle's arguments; `instances` holds
//! `MapHandle`, starts an instance and keeps the registry of mounted ones; `host` finds the shadow root and
//! removes the pre-render; `style` adopts the stylesheet and writes the theme; `deep_link` decides which map
//! opens the page's deep link; `events` tells the host page; `panic` is the hook and its notices.

mod deep_link;
mod events;
mod host;
mod instances;
mod options;
mod panic;
mod style;

use wasm_bindgen::prelude::*;

use crate::core::i18n::Lang;
use crate::ui::guard;

pub use instances::MapHandle;
use options::Options;

/// Hands the module the loader's guard (see `ui::guard`), through which it schedules everything.
#[wasm_bindgen(js_name = setGuard)]
pub fn set_guard(guard: guard::Guard) {
    guard::install(guard);
}

/// Hands the module the widget's stylesheet, which the loader made from `treaty-map.css` (the file the
/// pre-renders link): each map adopts it (`style`). Without it the maps are drawn unstyled.
#[wasm_bindgen(js_name = setStyles)]
pub fn set_styles(sheet: web_sys::CssStyleSheet) {
    style::install(sheet);
}

/// The crash notice in every language, `{ en: { text, dir }, … }`, for the loader to show without calling the
/// module once it has died.
#[wasm_bindgen(js_name = crashTexts)]
pub fn crash_texts() -> JsValue {
    let texts = js_sys::Object::new();
    for lang in Lang::ALL {
        let entry = events::object(&[("text", lang.crashed().into()), ("dir", lang.dir().into())]);
        let _ = js_sys::Reflect::set(&texts, &lang.code().into(), &entry);
    }
    texts.into()
}

/// Mounts a widget into `element`. `options` is an object with `region` (default `"world"`), `dataUrl` (the
/// folder holding the data files), and optionally `contentUrl` (the host's content JSON), `lang`, `country`
/// (an ISO3 code whose profile opens first), `view` (`combined`, `cat`, `opcat`), `theme` (`dark`, `light`,
/// `auto`), `height` (the map's greatest height, a CSS length), `history` (`none`, `replace`, `push`),
/// `disclaimer` (the host's wording of the line on boundaries and names; empty hides it) and `asOf` (the day the
/// map shows first, `YYYY-MM-DD`). A bad value throws, naming it. The loader adds `wordsUrl`: where the words
/// of a language other than English are, `*` for its code.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<MapHandle, JsValue> {
    panic::install_panic_hook();
    let options = Options::read(&options)?;
    MapHandle::start(element, options)
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::events::object;
    use super::instances::HOSTS;
    use super::options::option_text;
    use super::panic::hook::report_internal_error;
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;

    // With `node-tests` the binary runs in node, for the core's unit tests only (`src/harness.rs`).
    #[cfg(not(feature = "node-tests"))]
    wasm_bindgen_test_configure!(run_in_browser);

    fn host() -> web_sys::Element {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        host
    }

    fn options(pairs: &[(&str, JsValue)]) -> JsValue {
        object(pairs)
    }

    fn shadow(host: &web_sys::Element) -> web_sys::ShadowRoot {
        host.shadow_root().expect("an open shadow root")
    }

    #[wasm_bindgen_test]
    fn options_of_the_wrong_type_are_absent_and_bad_values_are_refused() {
        assert_eq!(option_text(&JsValue::UNDEFINED, "region"), None);
        assert_eq!(option_text(&JsValue::from(7), "region"), None);
        let o = options(&[("region", JsValue::from(7)), ("dataUrl", " d/ ".into())]);
        assert_eq!(option_text(&o, "region"), None);
        assert_eq!(option_text(&o, "dataUrl").as_deref(), Some("d/"));
        let error = mount(host(), options(&[("region", "<b>mars</b>".into())]))
            .err()
            .unwrap();
        assert!(error
            .as_string()
            .unwrap()
            .starts_with("treaty-map: unknown region \"<b>mars</b>\""));
        assert!(mount(host(), JsValue::NULL).is_err(), "dataUrl is required");
        for (key, value) in [
            ("country", "PERU"),
            ("view", "both"),
            ("theme", "blue"),
            ("height", "600"),
            ("height", "1px; background: red"),
            ("height", "auto"),
            ("lang", "de"),
        ] {
            let o = options(&[("dataUrl", "/d/".into()), (key, value.into())]);
            let error = mount(host(), o).err().and_then(|e| e.as_string());
            assert!(
                error.is_some_and(|e| e.starts_with("treaty-map:")),
                "{key}={value}"
            );
        }
    }

    #[wasm_bindgen_test]
    fn the_widget_renders_in_a_shadow_root_with_its_options() {
        let element = host();
        let mut map = mount(
            element.clone(),
            options(&[
                ("dataUrl", "/nowhere/".into()),
                ("theme", "dark".into()),
                ("height", "30rem".into()),
            ]),
        )
        .unwrap();
        let container = shadow(&element)
            .query_selector(".tm-mount")
            .unwrap()
            .expect("a mount point inside the shadow root");
        assert_eq!(
            container.get_attribute("data-theme").as_deref(),
            Some("dark")
        );
        assert_eq!(
            container
                .unchecked_ref::<web_sys::HtmlElement>()
                .style()
                .get_property_value("--tm-map-height")
                .ok()
                .as_deref(),
            Some("30rem")
        );
        assert_eq!(
            element.child_element_count(),
            0,
            "the light DOM is left alone"
        );
        map.set_theme(None).unwrap();
        assert!(container.get_attribute("data-theme").is_none());
        assert!(map.set_region("atlantis").is_err());
        assert!(map.select(Some("12".into())).is_err());
        map.destroy();
        assert!(shadow(&element)
            .query_selector(".tm-mount")
            .unwrap()
            .is_none());
        map.select(Some("PER".into())).unwrap();
        map.destroy();
    }

    #[wasm_bindgen_test]
    fn a_declarative_shadow_root_is_reused_and_its_prerender_kept_while_loading() {
        let element = host();
        let root = element
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .unwrap();
        root.set_inner_html(r#"<div class="tm-prerender">static map</div>"#);
        let mut map = mount(element.clone(), options(&[("dataUrl", "/nowhere/".into())])).unwrap();
        let root = shadow(&element);
        assert!(root.query_selector(".tm-prerender").unwrap().is_some());
        assert!(root.query_selector(".tm-mount").unwrap().is_some());
        map.destroy();
    }

    #[wasm_bindgen_test]
    async fn a_failed_load_dispatches_an_error_event_that_reaches_the_document() {
        let element = host();
        let heard = Rc::new(RefCell::new(Vec::<String>::new()));
        let document = web_sys::window().unwrap().document().unwrap();
        let listener = {
            let (heard, element) = (heard.clone(), element.clone());
            guard::Listener::new(&document, "treatymap:error", true, move |event| {
                if event.target().as_ref() != Some(element.as_ref()) {
                    return;
                }
                let detail = event.unchecked_ref::<web_sys::CustomEvent>().detail();
                let message = js_sys::Reflect::get(&detail, &"message".into()).unwrap();
                heard.borrow_mut().push(message.as_string().unwrap());
            })
        };
        let mut map = mount(element.clone(), options(&[("dataUrl", "/nowhere/".into())])).unwrap();
        for _ in 0..100 {
            if !heard.borrow().is_empty() {
                break;
            }
            gloo_timers::future::TimeoutFuture::new(20).await;
        }
        let heard = heard.borrow();
        assert_eq!(heard.len(), 1, "{heard:?}");
        assert!(heard[0].contains("/nowhere/"), "{}", heard[0]);
        let alert = shadow(&element)
            .query_selector(".tm-error[role=alert]")
            .unwrap();
        assert!(alert.is_some(), "the error state shows too");
        drop(listener);
        map.destroy();
    }

    #[wasm_bindgen_test]
    async fn an_internal_error_replaces_every_instance_with_a_notice() {
        let (a, b) = (host(), host());
        let mut first = mount(
            a.clone(),
            options(&[("dataUrl", "/nowhere/".into()), ("lang", "fr".into())]),
        )
        .unwrap();
        let mut second = mount(b.clone(), options(&[("dataUrl", "/nowhere/".into())])).unwrap();
        // Once the loads have failed, each instance shows its error state in its language.
        for _ in 0..100 {
            let shown = |h: &web_sys::Element| {
                shadow(h)
                    .query_selector(".tm-error[lang]")
                    .unwrap()
                    .is_some()
            };
            if shown(&a) && shown(&b) {
                break;
            }
            gloo_timers::future::TimeoutFuture::new(20).await;
        }
        report_internal_error("test");
        // Each notice speaks the language its instance was showing.
        for (host, lang, words) in [(&a, "fr", "erreur interne"), (&b, "en", "internal error")] {
            let notice = shadow(host)
                .query_selector(".tm-crashed[role=alert]")
                .unwrap()
                .unwrap();
            assert_eq!(notice.get_attribute("lang").as_deref(), Some(lang));
            assert!(notice.text_content().unwrap().contains(words));
        }
        let numbers: Vec<usize> = [&first, &second]
            .iter()
            .filter_map(|m| m.number())
            .collect();
        first.destroy();
        second.destroy();
        HOSTS.with(|hosts| assert!(hosts.borrow().iter().all(|(n, _, _)| !numbers.contains(n))));
    }
}
