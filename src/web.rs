//! The JavaScript entry point: `mount(element, options)` starts one widget instance in a host element.

use std::sync::atomic::{AtomicUsize, Ordering};

use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::core::region::Region;
use crate::ui::app::{App, AppProps, Config};

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// A mounted widget; `destroy()` removes it from the page.
#[wasm_bindgen]
pub struct MapHandle {
    app: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl MapHandle {
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts a widget into `element`. `options` is an object with `region` (default `"world"`), `dataUrl` (the
/// folder holding the data files, ending in `/`) and optionally `contentUrl` (the host's content JSON).
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<MapHandle, JsValue> {
    let text = |key: &str| {
        js_sys::Reflect::get(&options, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    };
    let region_key = text("region").unwrap_or_else(|| "world".to_owned());
    let region = Region::from_key(&region_key).ok_or_else(|| {
        let keys: Vec<&str> = Region::ALL.iter().map(|r| r.key()).collect();
        JsValue::from_str(&format!(
            "treaty-map: unknown region {region_key:?}; use one of {}",
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
    let config = Config {
        region,
        data_url,
        content_url: text("contentUrl"),
        id_prefix: format!("tm{}", INSTANCES.fetch_add(1, Ordering::Relaxed)).into(),
    };
    let app = yew::Renderer::<App>::with_root_and_props(element, AppProps { config }).render();
    Ok(MapHandle { app: Some(app) })
}
