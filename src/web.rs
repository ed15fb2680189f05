//! The JavaScript entry point: `mount(element, options)` starts one widget instance in a host element and
//! returns its handle (`select`, `setRegion`, `setLanguage`, `setTheme`, `destroy`).
//!
//! Isolation: the widget renders inside an open shadow root of the host element, with its stylesheet, so the
//! host page's CSS neither breaks it nor is changed by it; only inherited properties (font, colour) and the
//! documented `--treaty-map-*` custom properties cross the boundary. A declarative shadow root already on the
//! element (the static pre-render written by `cargo xtask build`) is reused: its `.tm-prerender` stays on show
//! while the data loads and is removed when the widget is ready, in the same frame.
//!
//! Events: the host element dispatches `treatymap:ready` (`{ region, lang, states }`), `treatymap:select`
//! (`{ iso3, name }`, both `null` when the profile closes) and `treatymap:error` (`{ message }`), bubbling and
//! composed; the first time an instance is interactive it also records `performance.mark("treatymap:interactive")`
//! with `{ instance, id }` as detail.
//!
//! Robustness: options are read defensively (unknown keys ignored, wrong types treated as absent, values
//! validated). A panic is a bug, never the reaction to input; if one happens anyway, the panic hook tells the
//! loader (`www/treaty-map.js`), which stops everything the module scheduled (`ui::guard`) and replaces every
//! instance with a notice, since all instances share one WebAssembly module, which is not safe to use after a
//! panic (release builds abort). Without the loader, the hook shows the notices itself.
//!
//! Styles: the widget's stylesheet is a constructed stylesheet adopted by the shadow root (or by the document,
//! for an element that cannot hold a shadow root), and dynamic values go through the CSS object model: a
//! strict Content Security Policy (`style-src 'self'`) refuses `<style>` elements and `style` attributes, not
//! these.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Once;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::{AppHandle, Callback};

use crate::core::class::View;
use crate::core::error::{excerpt, NotIso3};
use crate::core::fragment::{Fragment, HistoryMode};
use crate::core::i18n::Lang;
use crate::core::iso3::Iso3;
use crate::core::region::Region;
use crate::ui::app::{App, AppEvent, AppProps, Config};
use crate::ui::guard;
use crate::ui::widget::stylesheet;

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The mounted instances (number, mount container, host element), for the panic hook without a loader.
    static HOSTS: RefCell<Vec<(usize, web_sys::Element, web_sys::Element)>> = const { RefCell::new(Vec::new()) };
    /// The page's deep link, read when the first instance mounts: `None` until then, `Some(None)` once an
    /// instance has taken it (or there was none).
    static DEEP_LINK: RefCell<Option<Option<Fragment>>> = const { RefCell::new(None) };
    /// The widget's constructed stylesheet, made once, and how many instances in the light DOM use it.
    static SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
    static LIGHT_DOM_INSTANCES: Cell<usize> = const { Cell::new(0) };
}

/// Hands the module the loader's guard (see `ui::guard`), through which it schedules everything.
#[wasm_bindgen(js_name = setGuard)]
pub fn set_guard(guard: guard::Guard) {
    guard::install(guard);
}

/// The crash notice in every language, `{ en: { text, dir }, … }`, for the loader to show without calling the
/// module once it has died.
#[wasm_bindgen(js_name = crashTexts)]
pub fn crash_texts() -> JsValue {
    let texts = js_sys::Object::new();
    for lang in Lang::ALL {
        let entry = object(&[
            ("text", lang.catalogue().crashed.into()),
            ("dir", lang.dir().into()),
        ]);
        let _ = js_sys::Reflect::set(&texts, &lang.code().into(), &entry);
    }
    texts.into()
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
}

/// Mounts a widget into `element`. `options` is an object with `region` (default `"world"`), `dataUrl` (the
/// folder holding the data files), and optionally `contentUrl` (the host's content JSON), `lang`, `country`
/// (an ISO3 code whose profile opens first), `view` (`combined`, `cat`, `opcat`), `theme` (`dark`, `light`,
/// `auto`), `height` (the map's greatest height, a CSS length), `history` (`none`, `replace`, `push`) and
/// `disclaimer` (the host's wording of the line on boundaries and names; empty hides it). A bad value throws,
/// naming it.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<MapHandle, JsValue> {
    install_panic_hook();
    let text = |key: &str| option_text(&options, key);
    let region = parse_region(text("region").as_deref().unwrap_or("world"))?;
    let data_url = text("dataUrl")
        .ok_or_else(|| JsValue::from_str("treaty-map: the dataUrl option is required"))?;
    let data_url = if data_url.ends_with('/') {
        data_url
    } else {
        format!("{data_url}/")
    };
    let country = text("country").map(|c| parse_country(&c)).transpose()?;
    let view = match text("view") {
        None => None,
        Some(key) => Some(View::from_key(&key.to_ascii_lowercase()).ok_or_else(|| {
            JsValue::from_str(&format!(
                "treaty-map: unknown view {}; use combined, cat or opcat",
                excerpt(&key)
            ))
        })?),
    };
    let theme = parse_theme(text("theme").as_deref())?;
    let height = text("height").map(|h| parse_height(&h)).transpose()?;
    let lang = parse_lang(text("lang").as_deref().unwrap_or("en"))?;
    let history = parse_history(text("history").as_deref())?;
    let disclaimer = parse_disclaimer(&options)?;

    let (parent, prerendered) = shadow_parent(&element);
    let document = element
        .owner_document()
        .ok_or_else(|| JsValue::from_str("treaty-map: the element is not in a document"))?;
    let container: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("tm-mount");
    apply_theme(&container, theme);
    if let Some(height) = &height {
        container.style().set_property("--tm-map-height", height)?;
    }
    adopt_stylesheet(&parent);
    parent.append_child(&container)?;
    let container: web_sys::Element = container.into();

    let number = INSTANCES.fetch_add(1, Ordering::Relaxed);
    let on_event = event_callback(element.clone(), parent.clone(), number);
    let config = Config {
        region,
        data_url,
        content_url: text("contentUrl"),
        id_prefix: format!("tm{number}").into(),
        width_css_px: f64::from(container.client_width()),
        country,
        select_serial: 0,
        view,
        prerendered,
        lang,
        history,
        deep_link: claim_deep_link(region),
        disclaimer,
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

/// The page's deep link for a map of `region`, if it is this map's to open: a link that names a region opens
/// in the first map of that region; one that names none, in the first map mounted. Read once per page, from
/// `location.hash` as it is when the first map mounts.
fn claim_deep_link(region: Region) -> Option<Fragment> {
    DEEP_LINK.with(|slot| {
        let mut slot = slot.try_borrow_mut().ok()?;
        let link = slot.get_or_insert_with(|| {
            let hash = web_sys::window()?.location().hash().ok()?;
            Some(Fragment::parse(&hash)).filter(|f| !f.is_empty())
        });
        let mine = link.is_some_and(|f| f.region.is_none_or(|r| r == region));
        if mine {
            link.take()
        } else {
            None
        }
    })
}

/// The widget's constructed stylesheet (made once per page).
fn sheet() -> Option<web_sys::CssStyleSheet> {
    SHEET.with(|slot| {
        let mut slot = slot.try_borrow_mut().ok()?;
        if slot.is_none() {
            let sheet = web_sys::CssStyleSheet::new().ok()?;
            sheet.replace_sync(stylesheet()).ok()?;
            *slot = Some(sheet);
        }
        slot.clone()
    })
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
fn adopt_stylesheet(parent: &web_sys::Node) {
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
fn unadopt_stylesheet(parent: &web_sys::Node) {
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

/// Where the widget goes: the element's open shadow root (the declarative one of a pre-render, or a new one),
/// and whether a pre-render is on show there. An element that cannot have a shadow root (a `<li>`, or one
/// with a closed root) gets the widget in its light DOM.
fn shadow_parent(element: &web_sys::Element) -> (web_sys::Node, bool) {
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

/// Turns the widget's events into DOM events on the host element, removes the pre-render as soon as the data
/// is in (before the live map renders, so the two are never painted together), and marks the first moment
/// the instance is interactive.
fn event_callback(
    host: web_sys::Element,
    parent: web_sys::Node,
    number: usize,
) -> Callback<AppEvent> {
    let interactive = Cell::new(false);
    Callback::from(move |event: AppEvent| match event {
        AppEvent::Stage(stage) => mark(&host, number, &format!("treatymap:stage:{}", stage.name())),
        AppEvent::Loaded => remove_prerender(&parent),
        AppEvent::Ready {
            region,
            lang,
            states,
        } => {
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
            let detail = object(&[("message", message.into())]);
            dispatch(&host, "treatymap:error", &detail);
        }
    })
}

fn remove_prerender(parent: &web_sys::Node) {
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

fn dispatch(host: &web_sys::Element, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// The theme on the mount container, which the stylesheet follows; `None` follows `prefers-color-scheme`.
/// Written only when it changes: in the light-DOM fallback the page's observers see the container too, and a
/// write that changes nothing would still be a mutation for them.
fn apply_theme(container: &web_sys::Element, theme: Option<&'static str>) {
    if container.get_attribute("data-theme").as_deref() == theme {
        return;
    }
    let _ = match theme {
        Some(theme) => container.set_attribute("data-theme", theme),
        None => container.remove_attribute("data-theme"),
    };
}

fn parse_history(mode: Option<&str>) -> Result<HistoryMode, JsValue> {
    let Some(mode) = mode else {
        return Ok(HistoryMode::None);
    };
    HistoryMode::from_key(&mode.trim().to_ascii_lowercase()).ok_or_else(|| {
        JsValue::from_str(&format!(
            "treaty-map: unknown history {}; use none, replace or push",
            excerpt(mode)
        ))
    })
}

fn parse_region(name: &str) -> Result<Region, JsValue> {
    Region::from_key(&name.trim().to_ascii_lowercase()).ok_or_else(|| {
        let keys: Vec<&str> = Region::ALL.iter().map(|r| r.key()).collect();
        JsValue::from_str(&format!(
            "treaty-map: unknown region {}; use one of {}",
            excerpt(name),
            keys.join(", ")
        ))
    })
}

fn parse_country(code: &str) -> Result<Iso3, JsValue> {
    Iso3::parse(&code.trim().to_ascii_uppercase())
        .ok_or_else(|| JsValue::from_str(&format!("treaty-map: {}", NotIso3::new(code))))
}

/// A language of the widget; a regional variant (`es-PE`) speaks its language.
fn parse_lang(code: &str) -> Result<Lang, JsValue> {
    Lang::from_code(code).ok_or_else(|| {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        JsValue::from_str(&format!(
            "treaty-map: unknown language {}; use one of {}",
            excerpt(code),
            codes.join(", ")
        ))
    })
}

fn parse_theme(theme: Option<&str>) -> Result<Option<&'static str>, JsValue> {
    match theme.map(|t| t.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") | Some("auto") => Ok(None),
        Some("dark") => Ok(Some("dark")),
        Some("light") => Ok(Some("light")),
        Some(other) => Err(JsValue::from_str(&format!(
            "treaty-map: unknown theme {}; use dark, light or auto",
            excerpt(other)
        ))),
    }
}

/// A height is any CSS length the browser accepts for `height` (`600px`, `40rem`, `70vh`,
/// `calc(100vh - 4rem)`), and nothing else: it becomes the value of a custom property.
fn parse_height(height: &str) -> Result<String, JsValue> {
    let height = height.trim();
    let keyword = [
        "auto",
        "inherit",
        "initial",
        "unset",
        "revert",
        "revert-layer",
        "none",
    ]
    .iter()
    .any(|k| height.eq_ignore_ascii_case(k));
    let valid = !keyword
        && !height.contains([';', '{', '}', '"', '\'', '\\'])
        && web_sys::css::supports_with_value("height", height).unwrap_or(false);
    if valid {
        Ok(height.to_owned())
    } else {
        Err(JsValue::from_str(&format!(
            "treaty-map: the height {} is not a CSS length (like 600px or 40rem)",
            excerpt(height)
        )))
    }
}

/// A string option, trimmed; absent, empty, over 2,048 bytes or not a string is `None`. `options` itself may
/// be anything (`undefined`, a number): reading from it never throws.
/// The `disclaimer` option: the host's wording of the map-wide line on boundaries and names, shown as text;
/// an empty string hides the line; absent, the widget shows its own. A text over the text limit is refused.
fn parse_disclaimer(options: &JsValue) -> Result<Option<String>, JsValue> {
    if !options.is_object() {
        return Ok(None);
    }
    let Some(text) = js_sys::Reflect::get(options, &JsValue::from_str("disclaimer"))
        .ok()
        .and_then(|v| v.as_string())
    else {
        return Ok(None);
    };
    let text = text.trim().to_owned();
    if text.len() > crate::core::limits::MAX_TEXT_BYTES {
        return Err(JsValue::from_str(&format!(
            "treaty-map: the disclaimer is {} bytes, more than {}",
            text.len(),
            crate::core::limits::MAX_TEXT_BYTES
        )));
    }
    Ok(Some(text))
}

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

/// Installs the panic hook through Yew, which would otherwise put its own in place when the first app renders.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| yew::set_custom_panic_hook(Box::new(panic_hook)));
}

fn panic_hook(info: &std::panic::PanicHookInfo) {
    let message = info.to_string();
    if !guard::crashed(&message) {
        report_internal_error(&message);
    }
}

/// Without the loader: logs the first internal error to the console and replaces every mounted instance (its
/// pre-render too) with a notice. Touches only the DOM, never Yew, whose state may be mid-update.
pub(crate) fn report_internal_error(message: &str) {
    static REPORTED: AtomicBool = AtomicBool::new(false);
    if REPORTED.swap(true, Ordering::Relaxed) {
        return;
    }
    web_sys::console::error_1(
        &format!("treaty-map: internal error (a bug; please report it): {message}").into(),
    );
    HOSTS.with(|hosts| {
        let Ok(hosts) = hosts.try_borrow() else {
            return;
        };
        for (_, container, host) in hosts.iter() {
            show_notice(container);
            if let Some(parent) = container.parent_node() {
                remove_prerender(&parent);
            }
            let detail = object(&[("message", "treaty-map: internal error".into())]);
            dispatch(host, "treatymap:error", &detail);
        }
    });
}

fn show_notice(container: &web_sys::Element) {
    let Some(document) = container.owner_document() else {
        return;
    };
    let Ok(notice) = document.create_element("div") else {
        return;
    };
    // In the language the instance was showing (its root's `lang`), read from the DOM: Yew's state may be
    // mid-update.
    let lang = container
        .query_selector(".tm-root[lang]")
        .ok()
        .flatten()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default();
    notice.set_class_name("tm-root tm-error tm-crashed");
    let _ = notice.set_attribute("role", "alert");
    let _ = notice.set_attribute("lang", lang.code());
    let _ = notice.set_attribute("dir", lang.dir());
    notice.set_text_content(Some(lang.catalogue().crashed));
    container.set_text_content(None);
    let _ = container.append_child(&notice);
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;
    use std::rc::Rc;

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
    fn heights_are_css_lengths() {
        for good in ["600px", "40rem", "70vh", "calc(100vh - 4rem)", "50%"] {
            assert_eq!(parse_height(good).ok().as_deref(), Some(good));
        }
        for bad in [
            "",
            "600",
            "red",
            "1px;color:red",
            "url(x)",
            "none",
            "-webkit-fill",
        ] {
            assert!(parse_height(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_lang("es-PE").ok(), Some(Lang::Es));
        assert_eq!(parse_theme(Some("Dark")).ok(), Some(Some("dark")));
        assert_eq!(parse_theme(Some("auto")).ok(), Some(None));
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
            .filter_map(|m| m.instance.as_ref().map(|i| i.number))
            .collect();
        first.destroy();
        second.destroy();
        HOSTS.with(|hosts| assert!(hosts.borrow().iter().all(|(n, _, _)| !numbers.contains(n))));
    }
}
