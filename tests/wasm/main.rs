//! Component behaviour in a real browser (wasm-bindgen-test in headless Chromium): rendering into a host
//! element, clicks, keys and focus, and the loader's error state.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use treaty_map::core::iso3::Iso3;
use treaty_map::core::load::{assemble, Inputs};
use treaty_map::core::region::Region;
use treaty_map::core::scene::Scene;
use treaty_map::ui::app::{App, AppProps, Config};
use treaty_map::ui::widget::{Widget, WidgetProps};
use treaty_map::ui::Shared;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, KeyboardEvent, KeyboardEventInit, MouseEvent, MouseEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn host() -> Element {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

async fn mount_fixture(prefix: &str) -> Element {
    mount_fixture_selecting(prefix, None).await
}

async fn mount_fixture_selecting(prefix: &str, initial_selection: Option<Iso3>) -> Element {
    let data = assemble(Inputs::texts(
        include_str!("../fixtures/status.json"),
        include_str!("../fixtures/geometry.geo.json"),
        include_str!("../fixtures/regions.json"),
        Some(include_str!("../fixtures/content.json")),
    ))
    .unwrap();
    let scene = Scene::build(&data, Region::Americas);
    let props = WidgetProps {
        scene: Shared(Rc::new(scene)),
        id_prefix: prefix.to_owned().into(),
        initial_selection,
        host: Default::default(),
        lang: Default::default(),
        content: None,
        staged: false,
    };
    let host = host();
    yew::Renderer::<Widget>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    host
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

fn click(element: &Element) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    let event = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

fn key(target: &web_sys::EventTarget, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key(key);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn panel_heading(root: &Element) -> Option<String> {
    find(root, ".tm-panel h2").and_then(|h| h.text_content())
}

/// A host asking for a state of another region gets the map as if it had asked for none: no profile, and the
/// map keeps its one Tab stop.
#[wasm_bindgen_test]
async fn a_country_of_another_region_opens_nothing_and_keeps_the_tab_stop() {
    let root = mount_fixture_selecting("t-other", Iso3::parse("ATF")).await;
    assert_eq!(panel_heading(&root), None);
    let stops = root
        .query_selector_all(".tm-map path.tm-shape[tabindex=\"0\"]")
        .unwrap();
    assert_eq!(stops.length(), 1);
    root.remove();
}

#[wasm_bindgen_test]
async fn draws_every_state_with_its_class_and_name() {
    let root = mount_fixture("a").await;
    assert_eq!(
        root.query_selector_all(".tm-map path[data-iso3]")
            .unwrap()
            .length(),
        5
    );
    let peru = find(&root, r#"path[data-iso3="PER"]"#).unwrap();
    assert!(peru.class_list().contains("tm-c-both"));
    assert_eq!(
        peru.get_attribute("aria-label").as_deref(),
        Some("Peru: CAT and OPCAT party")
    );
    let haiti = find(&root, r#"path[data-iso3="HTI"]"#).unwrap();
    assert!(haiti.class_list().contains("tm-c-catsig"));
    // Both parties, CAT with OPCAT signature, CAT only, CAT signature only, no action, disputed, no data.
    let counts: Vec<String> = (0..7)
        .map(|i| {
            root.query_selector_all(".tm-count")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(counts, ["3", "0", "0", "1", "0", "0", "1"]);
}

#[wasm_bindgen_test]
async fn click_opens_switches_and_escape_closes_with_focus_back() {
    let root = mount_fixture("b").await;
    let peru = find(&root, r#"path[data-iso3="PER"]"#).unwrap();
    click(&peru);
    yew::scheduler::flush().await;
    assert_eq!(panel_heading(&root).as_deref(), Some("Peru"));
    let facts = find(&root, ".tm-facts").unwrap().text_content().unwrap();
    assert!(facts.contains("14 September 2006"), "{facts}");
    assert_eq!(
        find(&root, r#"path[data-iso3="PER"]"#)
            .unwrap()
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );

    let mexico = find(&root, r#"path[data-iso3="MEX"]"#).unwrap();
    click(&mexico);
    yew::scheduler::flush().await;
    assert_eq!(panel_heading(&root).as_deref(), Some("Mexico"));

    mexico
        .dyn_ref::<web_sys::SvgElement>()
        .unwrap()
        .focus()
        .unwrap();
    key(&document(), "Escape");
    yew::scheduler::flush().await;
    assert_eq!(panel_heading(&root), None);
    let focused = document()
        .active_element()
        .and_then(|e| e.get_attribute("data-iso3"));
    assert_eq!(focused.as_deref(), Some("MEX"));
}

#[wasm_bindgen_test]
async fn enter_on_a_focused_state_opens_it_and_the_close_button_closes() {
    let root = mount_fixture("c").await;
    let chile = find(&root, r#"path[data-iso3="CHL"]"#).unwrap();
    key(&chile, "Enter");
    yew::scheduler::flush().await;
    assert_eq!(panel_heading(&root).as_deref(), Some("Chile"));
    let labelled_by = find(&root, ".tm-panel")
        .unwrap()
        .get_attribute("aria-labelledby")
        .unwrap();
    assert_eq!(find(&root, ".tm-panel h2").unwrap().id(), labelled_by);
    click(&find(&root, ".tm-close").unwrap());
    yew::scheduler::flush().await;
    assert!(find(&root, ".tm-panel").is_none());
    assert_eq!(
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-iso3"))
            .as_deref(),
        Some("CHL")
    );
}

#[wasm_bindgen_test]
async fn host_html_stays_text() {
    let root = mount_fixture("d").await;
    click(&find(&root, r#"path[data-iso3="PER"]"#).unwrap());
    yew::scheduler::flush().await;
    let host = find(&root, ".tm-host").unwrap();
    assert!(host.query_selector("img").unwrap().is_none());
    assert!(host
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
    let links = host.query_selector_all("a").unwrap();
    for i in 0..links.length() {
        let href = links
            .item(i)
            .unwrap()
            .dyn_into::<Element>()
            .unwrap()
            .get_attribute("href")
            .unwrap();
        assert!(href.starts_with("https://"), "{href}");
    }
}

/// The live widget's first render comes in stages, each in a task of its own (each stage's code runs, and is
/// compiled by the browser, in a task of its own): the view switch, then the date control and the search, the
/// map's box (no shape yet), the shapes, the legend, the chart, then the rest; the host hears the map is drawn
/// once, when the widget is whole.
#[wasm_bindgen_test]
async fn a_staged_widget_is_drawn_a_stage_per_task_and_told_once_whole() {
    let data = assemble(Inputs::texts(
        include_str!("../fixtures/status.json"),
        include_str!("../fixtures/geometry.geo.json"),
        include_str!("../fixtures/regions.json"),
        None,
    ))
    .unwrap();
    let drawn = Rc::new(std::cell::RefCell::new(Vec::new()));
    let scene = Scene::build(&data, Region::Americas);
    let states = scene.shapes.len() as u32;
    let props = WidgetProps {
        scene: Shared(Rc::new(scene)),
        id_prefix: "st".into(),
        initial_selection: None,
        host: treaty_map::ui::widget::HostLink {
            on_drawn: {
                let drawn = drawn.clone();
                yew::Callback::from(move |region| drawn.borrow_mut().push(region))
            },
            ..Default::default()
        },
        lang: Default::default(),
        content: None,
        staged: true,
    };
    let host = host();
    yew::Renderer::<Widget>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    let look = |host: &Element| {
        (
            find(host, ".tm-root[aria-busy]").is_some(),
            find(host, ".tm-search").is_some(),
            find(host, ".tm-map").is_some(),
            host.query_selector_all(".tm-map path.tm-shape")
                .unwrap()
                .length(),
            find(host, ".tm-legend").is_some(),
            find(host, ".tm-chart").is_some(),
            find(host, ".tm-latest").is_some(),
        )
    };
    assert_eq!(
        look(&host),
        (true, false, false, 0, false, false, false),
        "the first render: the view switch"
    );
    assert!(find(&host, ".tm-view-switch").is_some());
    assert!(drawn.borrow().is_empty());
    let mut seen = vec![look(&host)];
    for _ in 0..50 {
        gloo_timers::future::TimeoutFuture::new(0).await;
        yew::scheduler::flush().await;
        if seen.last() != Some(&look(&host)) {
            seen.push(look(&host));
        }
        if !seen.last().unwrap().0 {
            break;
        }
    }
    // The shapes' paths, a state's several where its parts are drawn apart.
    let n = seen.last().unwrap().3;
    assert!(n >= states && states > 1, "{n} paths for {states} states");
    assert_eq!(
        seen,
        [
            (true, false, false, 0, false, false, false),
            (true, true, false, 0, false, false, false),
            (true, true, true, 0, false, false, false),
            (true, true, true, n, false, false, false),
            (true, true, true, n, true, false, false),
            (true, true, true, n, true, true, false),
            (false, true, true, n, true, true, true)
        ],
        "each stage in a task of its own"
    );
    assert_eq!(*drawn.borrow(), [Region::Americas]);
}

#[wasm_bindgen_test]
async fn loader_shows_an_error_when_data_cannot_load() {
    let host = host();
    let config = Config {
        region: Region::Americas,
        data_url: "/no-such-folder/".to_owned(),
        content_url: None,
        words_url: None,
        id_prefix: "e".into(),
        root: None,
        country: None,
        select_serial: 0,
        as_of: None,
        as_of_serial: 0,
        view: None,
        prerendered: false,
        lang: Default::default(),
        history: Default::default(),
        deep_link: None,
        disclaimer: None,
    };
    let props = AppProps {
        config,
        on_event: Default::default(),
    };
    yew::Renderer::<App>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    assert!(
        find(&host, ".tm-loading").is_some(),
        "a loading state shows first"
    );
    for _ in 0..50 {
        if find(&host, ".tm-error").is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
        yew::scheduler::flush().await;
    }
    let error = find(&host, r#".tm-error[role="alert"]"#).expect("an error state");
    let text = error.text_content().unwrap();
    assert!(text.contains("The map could not be loaded."), "{text}");
    assert!(
        text.contains("/no-such-folder/status.json: HTTP 404"),
        "{text}"
    );
}

/// Changing the language of a mounted widget re-renders every text, keeps the open profile, and turns the
/// layout right to left.
#[wasm_bindgen_test]
async fn switching_the_language_re_renders_the_text() {
    use treaty_map::core::i18n::{Lang, Names};
    let data = Rc::new(
        assemble(Inputs::texts(
            include_str!("../fixtures/status.json"),
            include_str!("../fixtures/geometry.geo.json"),
            include_str!("../fixtures/regions.json"),
            None,
        ))
        .unwrap(),
    );
    let props = |lang: Lang, names: &str| {
        let (names, _) = Names::from_json(names).unwrap();
        let scene = Scene::build_localized(&data, Region::Americas, 1000.0, &names);
        WidgetProps {
            scene: Shared(Rc::new(scene)),
            id_prefix: "lang".into(),
            initial_selection: Iso3::parse("PER"),
            host: Default::default(),
            content: None,
            lang,
            staged: false,
        }
    };
    // The widget's stylesheet, which `mount` adopts; the widget itself carries none.
    let sheet = web_sys::CssStyleSheet::new().unwrap();
    sheet
        .replace_sync(treaty_map::ui::widget::stylesheet())
        .unwrap();
    document().set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    let host = host();
    // Wide enough for the panel to stand beside the map.
    host.unchecked_ref::<web_sys::HtmlElement>()
        .style()
        .set_property("width", "1000px")
        .unwrap();
    let mut app =
        yew::Renderer::<Widget>::with_root_and_props(host.clone(), props(Lang::En, "{}")).render();
    yew::scheduler::flush().await;
    let text = |selector: &str| find(&host, selector).and_then(|e| e.text_content());
    assert_eq!(
        text(".tm-legend-title").as_deref(),
        Some("Status under CAT and OPCAT")
    );
    assert_eq!(panel_heading(&host).as_deref(), Some("Peru"));
    let panel = find(&host, ".tm-panel").unwrap().get_bounding_client_rect();
    let map = find(&host, ".tm-map").unwrap().get_bounding_client_rect();
    assert!(
        panel.left() >= map.right() - 1.0,
        "in English the panel is on the right"
    );

    app.update(props(Lang::Ar, r#"{"PER": "بيرو", "CHL": "تشيلي"}"#));
    yew::scheduler::flush().await;
    let root = find(&host, ".tm-root").unwrap();
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(
        text(".tm-legend-title").as_deref(),
        Some("الوضع: CAT وOPCAT")
    );
    assert_eq!(
        panel_heading(&host).as_deref(),
        Some("بيرو"),
        "the profile stays open"
    );
    let facts = text(".tm-facts").unwrap();
    assert!(facts.contains("7 يوليو 1988"), "{facts}");
    let close = find(&host, ".tm-close").unwrap();
    assert_eq!(
        close.get_attribute("aria-label").as_deref(),
        Some("إغلاق الملف التعريفي")
    );
    let chile = find(&host, r#".tm-shape[data-iso3="CHL"]"#).unwrap();
    assert_eq!(
        chile.get_attribute("aria-label").as_deref(),
        Some("تشيلي: طرف في CAT وOPCAT")
    );
    // The panel is laid out after the map in the grid, so on the left in right-to-left.
    let panel = find(&host, ".tm-panel").unwrap().get_bounding_client_rect();
    let map = find(&host, ".tm-map").unwrap().get_bounding_client_rect();
    assert!(
        panel.right() <= map.left() + 1.0,
        "panel beside the map, on its left: {} {}",
        panel.right(),
        map.left()
    );
    app.destroy();
}
