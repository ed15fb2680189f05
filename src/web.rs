//! The JavaScript entry point: `mount(element, options)` starts one widget instance in a host element.
//!
//! Robustness: options are read defensively (unknown keys ignored, wrong types treated as absent, values
//! validated). A panic is a bug, never the reaction to input; if one happens anyway, the panic hook logs it
//! once and replaces every mounted instance with an error notice, since all instances share one WebAssembly
//! module, which is not safe to use after a panic.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Once;

use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::core::region::Region;
use crate::ui::app::{App, AppProps, Config};

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The host elements of the mounted instances, for the panic hook.
    static HOSTS: RefCell<Vec<(usize, web_sys::Element)>> = const { RefCell::new(Vec::new()) };
}

/// A mounted widget; `destroy()` removes it from the page.
#[wasm_bindgen]
pub struct MapHandle {
    app: Option<AppHandle<App>>,
    number: usize,
}

#[wasm_bindgen]
impl MapHandle {
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let number = self.number;
        HOSTS.with(|hosts| {
            if let Ok(mut hosts) = hosts.try_borrow_mut() {
                hosts.retain(|(n, _)| *n != number);
            }
        });
    }
}

/// Mounts a widget into `element`. `options` is an object with `region` (default `"world"`), `dataUrl` (the
/// folder holding the data files, ending in `/`) and optionally `contentUrl` (the host's content JSON).
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<MapHandle, JsValue> {
    install_panic_hook();
    let text = |key: &str| option_text(&options, key);
    let region_key = text("region").unwrap_or_else(|| "world".to_owned());
    let region = Region::from_key(&region_key.to_ascii_lowercase()).ok_or_else(|| {
        let keys: Vec<&str> = Region::ALL.iter().map(|r| r.key()).collect();
        JsValue::from_str(&format!(
            "treaty-map: unknown region {}; use one of {}",
            crate::core::error::excerpt(&region_key),
            keys.join(", ")
        ))
    })?;
    let data_url = text("dataUrl")
        .ok_or_else(|| JsValue::from_str("treaty-map: the dataUrl option is required"))?;
    let data_url = if data_url.ends_with('/') {
        data_url
    } else {
        format!("{data_url}/")
    };
    let number = INSTANCES.fetch_add(1, Ordering::Relaxed);
    let config = Config {
        region,
        data_url,
        content_url: text("contentUrl"),
        id_prefix: format!("tm{number}").into(),
        width_css_px: f64::from(element.client_width()),
    };
    HOSTS.with(|hosts| {
        if let Ok(mut hosts) = hosts.try_borrow_mut() {
            hosts.push((number, element.clone()));
        }
    });
    let app = yew::Renderer::<App>::with_root_and_props(element, AppProps { config }).render();
    Ok(MapHandle {
        app: Some(app),
        number,
    })
}

/// A string option, trimmed; absent, empty, over 2,048 bytes or not a string is `None`. `options` itself may
/// be anything (`undefined`, a number): reading from it never throws.
fn option_text(options: &JsValue, key: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && s.len() <= crate::core::limits::MAX_URL_BYTES)
}

fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| report_internal_error(&info.to_string())))
    });
}

/// Logs the first internal error to the console and replaces every mounted instance with a notice. Touches
/// only the DOM, never Yew, whose state may be mid-update.
pub(crate) fn report_internal_error(message: &str) {
    static REPORTED: AtomicBool = AtomicBool::new(false);
    if !REPORTED.swap(true, Ordering::Relaxed) {
        web_sys::console::error_1(
            &format!("treaty-map: internal error (a bug; please report it): {message}").into(),
        );
    }
    HOSTS.with(|hosts| {
        let Ok(hosts) = hosts.try_borrow() else {
            return;
        };
        for (_, host) in hosts.iter() {
            show_notice(host);
        }
    });
}

fn show_notice(host: &web_sys::Element) {
    let Some(document) = host.owner_document() else {
        return;
    };
    let Ok(notice) = document.create_element("div") else {
        return;
    };
    notice.set_class_name("tm-root tm-error tm-crashed");
    let _ = notice.set_attribute("role", "alert");
    notice.set_text_content(Some(
        "The map stopped because of an internal error. Reload the page to try again.",
    ));
    host.set_text_content(None);
    let _ = host.append_child(&notice);
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn host() -> web_sys::Element {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        host
    }

    fn options(pairs: &[(&str, JsValue)]) -> JsValue {
        let object = js_sys::Object::new();
        for (key, value) in pairs {
            js_sys::Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
        }
        object.into()
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
    }

    #[wasm_bindgen_test]
    fn an_internal_error_replaces_every_instance_with_a_notice() {
        let (a, b) = (host(), host());
        let mut first = mount(a.clone(), options(&[("dataUrl", "/nowhere/".into())])).unwrap();
        let mut second = mount(b.clone(), options(&[("dataUrl", "/nowhere/".into())])).unwrap();
        report_internal_error("test");
        for host in [&a, &b] {
            let notice = host
                .query_selector(".tm-crashed[role=alert]")
                .unwrap()
                .unwrap();
            assert!(notice.text_content().unwrap().contains("internal error"));
        }
        first.destroy();
        second.destroy();
        HOSTS.with(|hosts| assert!(hosts.borrow().iter().all(|(_, h)| h != &a && h != &b)));
    }
}
