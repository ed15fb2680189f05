//! The mounted instances: `MapHandle`, the handle `mount` returns (its methods change the running instance),
//! how an instance is started in its host element, and the registry of mounted instances that the panic hook
//! reads when no loader is there to replace them.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::{AppHandle, Callback};

use super::deep_link::claim_deep_link;
use super::events::event_callback;
use super::host::shadow_parent;
use super::options::{parse_as_of, parse_country, parse_lang, parse_region, parse_theme, Options};
use super::style::{adopt_stylesheet, apply_theme, unadopt_stylesheet};
use crate::ui::app::{App, AppEvent, AppProps, Config};

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The mounted instances (number, mount container, host element), for the panic hook without a loader.
    pub(super) static HOSTS: RefCell<Vec<(usize, web_sys::Element, web_sys::Element)>> = const { RefCell::new(Vec::new()) };
}

/// A mounted widget. Its methods change the running instance; after `destroy()` they do nothing.
#[wasm_bindgen]
pub struct MapHandle {
    instance: Option<Instance>,
}

struct Instance {
    app: AppHandle<App>,
    props: Config,
    on_event: Callback<AppEvent>,
    /// The element inside the shadow root that the widget renders into.
    container: web_sys::Element,
    /// The shadow root (or, in the light-DOM fallback, the host element) that holds the container.
    parent: web_sys::Node,
    number: usize,
}

#[wasm_bindgen]
impl MapHandle {
    /// Opens the profile of `iso3` (an ISO 3166-1 alpha-3 code of the current region; other codes of the right
    /// form are ignored); `null`, `undefined` or `""` closes the profile. A malformed code throws.
    pub fn select(&mut self, iso3: Option<String>) -> Result<(), JsValue> {
        let country = match iso3.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => Some(parse_country(code)?),
        };
        self.change(|config| {
            config.country = country;
            config.select_serial = config.select_serial.wrapping_add(1);
        });
        Ok(())
    }

    /// Shows the map on a day (`"2002-12-31"`); `null`, `undefined` or `""` goes back to the data's own date. A
    /// day that is not `YYYY-MM-DD` from 1985 on throws; one on or after the data's as-of date shows the data.
    #[wasm_bindgen(js_name = setAsOf)]
    pub fn set_as_of(&mut self, date: Option<String>) -> Result<(), JsValue> {
        let date = parse_as_of(date.as_deref())?;
        self.change(|config| {
            config.as_of = date;
            config.as_of_serial = config.as_of_serial.wrapping_add(1);
        });
        Ok(())
    }

    /// Shows another region: its geometry file is fetched (the old map stays on show until it is in) and the
    /// map rebuilt. Throws on an unknown region.
    #[wasm_bindgen(js_name = setRegion)]
    pub fn set_region(&mut self, name: &str) -> Result<(), JsValue> {
        let region = parse_region(name)?;
        self.change(|config| {
            if config.region != region {
                config.region = region;
                config.country = None;
            }
        });
        Ok(())
    }

    /// Switches the widget's language (`en`, `fr`, `es`, `ar`). Throws on a language the widget does not have.
    #[wasm_bindgen(js_name = setLanguage)]
    pub fn set_language(&mut self, code: &str) -> Result<(), JsValue> {
        let code = parse_lang(code)?;
        self.change(|config| config.lang = code);
        Ok(())
    }

    /// Follows a theme: `"dark"`, `"light"`, or `null`/`"auto"` for the reader's `prefers-color-scheme`.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, theme: Option<String>) -> Result<(), JsValue> {
        let theme = parse_theme(theme.as_deref())?;
        if let Some(instance) = &self.instance {
            apply_theme(&instance.container, theme);
        }
        Ok(())
    }

    /// Removes the widget from the page (its mount point inside the shadow root, listeners, timers).
    pub fn destroy(&mut self) {
        let Some(instance) = self.instance.take() else {
            return;
        };
        instance.app.destroy();
        instance.container.remove();
        unadopt_stylesheet(&instance.parent);
        HOSTS.with(|hosts| {
            if let Ok(mut hosts) = hosts.try_borrow_mut() {
                hosts.retain(|(n, _, _)| *n != instance.number);
            }
        });
    }
}

impl MapHandle {
    fn change(&mut self, edit: impl FnOnce(&mut Config)) {
        let Some(instance) = &mut self.instance else {
            return;
        };
        let mut props = instance.props.clone();
        edit(&mut props);
        if props != instance.props {
            instance.props = props.clone();
            instance.app.update(AppProps {
                config: props,
                on_event: instance.on_event.clone(),
            });
        }
    }

    /// Starts an instance in `element` with `options` (read and checked): its mount point in the element's
    /// shadow root, with the stylesheet, theme and height, and the Yew app rendering into it.
    pub(super) fn start(element: web_sys::Element, options: Options) -> Result<MapHandle, JsValue> {
        let (parent, prerendered) = shadow_parent(&element);
        let document = element
            .owner_document()
            .ok_or_else(|| JsValue::from_str("treaty-map: the element is not in a document"))?;
        let container: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
        container.set_class_name("tm-mount");
        apply_theme(&container, options.theme);
        if let Some(height) = &options.height {
            container.style().set_property("--tm-map-height", height)?;
        }
        adopt_stylesheet(&parent);
        parent.append_child(&container)?;
        let container: web_sys::Element = container.into();

        let number = INSTANCES.fetch_add(1, Ordering::Relaxed);
        let on_event = event_callback(element.clone(), parent.clone(), container.clone(), number);
        let config = Config {
            region: options.region,
            data_url: options.data_url,
            content_url: options.content_url,
            words_url: options.words_url,
            id_prefix: format!("tm{number}").into(),
            root: Some(container.clone()),
            country: options.country,
            select_serial: 0,
            as_of: options.as_of,
            as_of_serial: 0,
            view: options.view,
            prerendered,
            lang: options.lang,
            history: options.history,
            deep_link: claim_deep_link(options.region),
            disclaimer: options.disclaimer,
        };
        HOSTS.with(|hosts| {
            if let Ok(mut hosts) = hosts.try_borrow_mut() {
                hosts.push((number, container.clone(), element.clone()));
            }
        });
        let props = AppProps {
            config: config.clone(),
            on_event: on_event.clone(),
        };
        let app = yew::Renderer::<App>::with_root_and_props(container.clone(), props).render();
        Ok(MapHandle {
            instance: Some(Instance {
                app,
                props: config,
                on_event,
                container,
                parent,
                number,
            }),
        })
    }

    /// The instance's number while it is mounted.
    #[cfg(test)]
    pub(super) fn number(&self) -> Option<usize> {
        self.instance.as_ref().map(|i| i.number)
    }
}
