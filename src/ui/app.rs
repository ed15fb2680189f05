//! The loader: fetches the data files and the host's content, then shows the map, a loading state or an error
//! with a retry button. Which failures still give a map is the core's policy (`core::load`); this file only
//! does the fetching: all four files at once, under one deadline, and reading a response only when it is a
//! success, not too large and not an HTML page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::callback::Timeout;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::core::class::View;
use crate::core::error::DataError;
use crate::core::i18n::{Lang, Names};
use crate::core::iso3::Iso3;
use crate::core::limits::{MAX_GEOMETRY_BYTES, MAX_TABLE_BYTES};
use crate::core::load::{assemble_read, check_body, geometry_reader, Inputs};
use crate::core::region::Region;
use crate::core::scene::{Dataset, Scene, SceneBuilder, DEFAULT_WIDTH_CSS_PX};
use crate::ui::widget::{stylesheet, HostLink, Widget};
use crate::ui::Shared;

/// How long one load (all files, bodies included) may take before it is abandoned with a message.
pub const TIMEOUT_MS: u32 = 20_000;

/// Where one instance gets its data, and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub region: Region,
    /// Base URL of `status.json`, the geometry files (`world.geo.json`, `<region>.geo.json`) and `regions.json`,
    /// ending in `/`.
    pub data_url: String,
    /// The host's content document, if any.
    pub content_url: Option<String>,
    /// Prefix of every id inside this instance, unique on the page.
    pub id_prefix: AttrValue,
    /// The host element's width when mounted, in CSS px (0 when unknown): dots are sized and spread for it.
    pub width_css_px: f64,
    /// The state whose profile is open first (`data-country`), and later the one the host page asked for.
    pub country: Option<Iso3>,
    /// Counts the host page's `select()` calls: a new value applies `country` again, even if unchanged.
    pub select_serial: u32,
    /// The treaty the map is first coloured by (`data-view`), unless the deep link names one.
    pub view: Option<View>,
    /// A static pre-render of the map is on show in the host element while the data loads: the loading state
    /// then shows nothing, so that nothing moves until the widget takes over.
    pub prerendered: bool,
    /// The language of every text (`lang`); English by default.
    pub lang: Lang,
    /// The host's wording of the map-wide line on boundaries and names (`disclaimer`); empty hides it.
    pub disclaimer: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: Config,
    /// What the host page hears about (`web` turns it into DOM events on the host element).
    #[prop_or_default]
    pub on_event: Callback<AppEvent>,
}

/// Something the host page may want to follow.
#[derive(Debug, Clone, PartialEq)]
pub enum AppEvent {
    /// The data arrived and the live map is about to render: a pre-render must go now, before the scheduler
    /// can yield to the browser, so that the two are never painted together.
    Loaded,
    /// The map of `region` is drawn and interactive, with `states` states that have a status.
    Ready {
        region: Region,
        lang: Lang,
        states: usize,
    },
    /// A profile opened (the state's code and name) or closed (`None`).
    Selected(Option<(Iso3, AttrValue)>),
    /// The data could not be loaded; the widget shows the message and a Retry button.
    Failed(String),
}

/// A dataset holds the geometry of one region (or the world): `Ready` says which, and the map shows that
/// region. A change of region fetches that region's geometry; the old map stays on show until it is in.
#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Shared<Dataset>, Region),
    Failed(String),
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let load = use_state(|| Load::Loading);
    // Bumped by the retry buttons; a new value starts a new load.
    let attempt = use_state(|| 0u32);
    // Country names in the widget's language, fetched only for a language other than English.
    let names = use_state(|| Shared(Rc::new(Names::default())));
    // The first scene, built by the load in a task of its own (see `start_load`); the memo below takes it when
    // it is for the same dataset, region, width and names.
    let ahead: Ahead = use_mut_ref(|| None);
    // The names as of this render, for the load to read when it builds the first scene: they usually arrive
    // before the geometry, and a scene built with other names would be built again, in one task, by the memo.
    let latest_names = use_mut_ref(|| (*names).clone());
    *latest_names.borrow_mut() = (*names).clone();
    {
        let (load, on_event) = (load.clone(), props.on_event.clone());
        let urls = (
            props.config.data_url.clone(),
            props.config.content_url.clone(),
        );
        let first = (
            props.config.width_css_px,
            latest_names.clone(),
            ahead.clone(),
        );
        let region = props.config.region;
        use_effect_with(
            (urls, region, *attempt),
            move |((data_url, content_url), region, _)| {
                let urls = (data_url.clone(), content_url.clone());
                start_load(urls, *region, first, load, on_event)
            },
        );
    }
    {
        let names = names.clone();
        let key = (props.config.data_url.clone(), props.config.lang);
        use_effect_with(key, move |(data_url, lang)| {
            start_names(data_url.clone(), *lang, names)
        });
    }
    // The scene is built once per dataset, region, width and language, not on every render.
    let scene = {
        // The region whose geometry is in: until a new region's file arrives, the old map stays.
        let (data, region) = match &*load {
            Load::Ready(data, region) => (Some(data.clone()), *region),
            _ => (None, props.config.region),
        };
        let width = props.config.width_css_px;
        let key = (data, region, width.to_bits(), (*names).clone());
        let ahead = ahead.clone();
        use_memo(key, move |(data, region, width_bits, names)| {
            let data = data.as_ref()?;
            let key = (data.clone(), *region, *width_bits, names.clone());
            match ahead.borrow_mut().take() {
                Some((built_for, scene)) if built_for == key => Some(scene),
                _ => Some(build_scene(data, *region, width, names)),
            }
        })
    };
    let ready = match (&*load, (*scene).clone()) {
        (Load::Ready(data, _), Some(scene)) => Some((data.clone(), scene)),
        _ => None,
    };
    // The host hears when a map is ready (again after a change of region) and when loading failed.
    {
        let (on_event, lang) = (props.on_event.clone(), props.config.lang);
        let drawn = ready.clone();
        let key = drawn.as_ref().map(|(_, scene)| scene.clone());
        use_effect_with(key, move |scene| {
            if let (Some(scene), Some((data, _))) = (scene, drawn) {
                let states = scene
                    .shapes
                    .iter()
                    .filter(|s| data.statuses.get(s.iso3).is_some())
                    .count();
                on_event.emit(AppEvent::Ready {
                    region: scene.region,
                    lang,
                    states,
                });
            }
        });
    }
    {
        let on_event = props.on_event.clone();
        let failure = match &*load {
            Load::Failed(message) => Some(message.clone()),
            _ => None,
        };
        use_effect_with(failure, move |failure| {
            if let Some(message) = failure {
                on_event.emit(AppEvent::Failed(message.clone()));
            }
        });
    }
    let on_selection = {
        let (on_event, scene) = (
            props.on_event.clone(),
            ready.as_ref().map(|(_, s)| s.clone()),
        );
        Callback::from(move |iso3: Option<Iso3>| {
            let named = iso3.map(|iso3| {
                let name = scene.as_ref().and_then(|s| s.shape(iso3)).map_or_else(
                    || AttrValue::from(iso3.to_string()),
                    |s| AttrValue::from(s.name.clone()),
                );
                (iso3, name)
            });
            on_event.emit(AppEvent::Selected(named));
        })
    };
    let retry = {
        let (load, attempt) = (load.clone(), attempt.clone());
        Callback::from(move |_: MouseEvent| {
            load.set(Load::Loading);
            attempt.set(attempt.wrapping_add(1));
        })
    };
    let (lang, t) = (props.config.lang, props.config.lang.catalogue());
    match &*load {
        // The pre-render stays on show until the widget replaces it.
        Load::Loading if props.config.prerendered => Html::default(),
        Load::Loading => html! {
            <div class="tm-root tm-loading" role="status" lang={lang.code()} dir={lang.dir()}><style>{ stylesheet() }</style>{ t.loading }</div>
        },
        Load::Failed(message) => html! {
            <div class="tm-root tm-error" role="alert" lang={lang.code()} dir={lang.dir()}>
                <style>{ stylesheet() }</style>
                <p>{ t.load_failed }</p>
                // Technical detail for the site's maintainers, in English.
                <p class="tm-error-detail" lang="en">{ message }</p>
                <button type="button" class="tm-retry" onclick={retry}>{ t.retry }</button>
            </div>
        },
        Load::Ready(..) => {
            let Some((data, scene)) = ready else {
                return Html::default();
            };
            let host = HostLink {
                initial_view: props.config.view,
                selection_request: (props.config.country, props.config.select_serial),
                on_selection,
                disclaimer: props.config.disclaimer.clone(),
            };
            html! {
            <>
                // A new region is a new widget: selection, focus, zoom and filters start again.
                <Widget key={scene.region.key()} data={data.clone()} scene={scene.clone()}
                        id_prefix={props.config.id_prefix.clone()} initial_selection={props.config.country} {host} {lang} />
                if data.statuses.is_unavailable() {
                    <p class="tm-partial" role="status" lang={lang.code()} dir={lang.dir()}>
                        { t.status_not_loaded }{ " " }
                        <button type="button" class="tm-retry" onclick={retry}>{ t.retry }</button>
                    </p>
                }
            </>
            }
        }
    }
}

/// A scene built ahead of the render that shows it, with the dataset, region, width (bits) and names it is for.
type Ahead = Rc<RefCell<Option<SceneFor>>>;
type SceneFor = ((Shared<Dataset>, Region, u64, Shared<Names>), Shared<Scene>);

fn build_scene(data: &Dataset, region: Region, width: f64, names: &Names) -> Shared<Scene> {
    Shared(Rc::new(Scene::build_localized(
        data,
        region,
        scene_width(width),
        names,
    )))
}

/// The width a scene is built for: the map's, or the default before it is known.
fn scene_width(width: f64) -> f64 {
    if width > 0.0 {
        width
    } else {
        DEFAULT_WIDTH_CSS_PX
    }
}

/// Positions projected or placed per task by the first scene's build: at most about 60 ms of work in Chromium on
/// the machine of bench/RESULTS.md. The 1:10m world's 545,000 positions, each projected and then placed, take
/// five tasks.
const SCENE_SLICE_POSITIONS: usize = 250_000;

/// Lets the browser run other tasks (input, paint) before going on. The load's costly steps (reading the
/// bodies, parsing them, building the scene, rendering it) each get a task of their own, so that a large
/// geometry does not block the page in one long task.
async fn next_task() {
    yew::platform::time::sleep(Duration::ZERO).await;
}

/// Starts fetching the data files for `region` from the data URL, and the host's content (`urls`), then builds
/// the `first` scene (width, and the names current when the data is in) a part at a time, into its `Ahead`; returns the effect's clean-up,
/// which abandons the load (on unmount, on new URLs or region, on retry) so that a late answer never
/// overwrites a newer state.
fn start_load(
    (data_url, content_url): (String, Option<String>),
    region: Region,
    first: (f64, Rc<RefCell<Shared<Names>>>, Ahead),
    load: UseStateHandle<Load>,
    on_event: Callback<AppEvent>,
) -> impl FnOnce() {
    let cancelled = Rc::new(Cell::new(false));
    let timed_out = Rc::new(Cell::new(false));
    let controller = web_sys::AbortController::new().ok();
    let timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            if let Some(controller) = controller {
                controller.abort();
            }
        })
    };
    {
        let cancelled = cancelled.clone();
        let signal = controller.as_ref().map(web_sys::AbortController::signal);
        spawn_local(async move {
            let fetcher = Fetcher { signal, timed_out };
            let result = fetch_dataset(&data_url, region, content_url.as_deref(), &fetcher).await;
            if cancelled.get() {
                return;
            }
            match result {
                Ok(data) => {
                    for diagnostic in &data.diagnostics {
                        web_sys::console::warn_1(&format!("treaty-map: {diagnostic}").into());
                    }
                    let data = Shared(Rc::new(data));
                    let (width, names, ahead) = first;
                    next_task().await;
                    if cancelled.get() {
                        return;
                    }
                    let names = names.borrow().clone();
                    // The scene a part at a time: projecting a 1:10m world in one task would block the page.
                    let mut builder = SceneBuilder::new(&data, region, scene_width(width), &names);
                    while !builder.step(SCENE_SLICE_POSITIONS) {
                        next_task().await;
                        if cancelled.get() {
                            return;
                        }
                    }
                    let scene = Shared(Rc::new(builder.finish()));
                    *ahead.borrow_mut() =
                        Some(((data.clone(), region, width.to_bits(), names), scene));
                    next_task().await;
                    if cancelled.get() {
                        return;
                    }
                    on_event.emit(AppEvent::Loaded);
                    load.set(Load::Ready(data, region));
                }
                Err(message) => {
                    web_sys::console::error_1(&format!("treaty-map: {message}").into());
                    load.set(Load::Failed(message));
                }
            }
        });
    }
    move || {
        cancelled.set(true);
        drop(timer);
        if let Some(controller) = controller {
            controller.abort();
        }
    }
}

/// Fetches the country names of `lang` (`names.fr.json`; nothing for English, whose names are those of the
/// data files). Until they arrive the previous names stay; if they cannot be loaded, a console warning says
/// why and the states keep their English names. Returns the effect's clean-up, which ignores a late answer.
fn start_names(
    data_url: String,
    lang: Lang,
    names: UseStateHandle<Shared<Names>>,
) -> impl FnOnce() {
    let cancelled = Rc::new(Cell::new(false));
    if lang == Lang::En {
        if !names.is_empty() {
            names.set(Shared(Rc::new(Names::default())));
        }
    } else {
        let cancelled = cancelled.clone();
        spawn_local(async move {
            let fetcher = Fetcher {
                signal: None,
                timed_out: Rc::new(Cell::new(false)),
            };
            let url = format!("{data_url}names.{}.json", lang.code());
            let result = fetcher
                .text("country names", &url, MAX_TABLE_BYTES)
                .await
                .and_then(|text| Names::from_json(&text).map_err(|e| format!("{url}: {e}")));
            if cancelled.get() {
                return;
            }
            let warn = |message: &str| {
                web_sys::console::warn_1(&format!("treaty-map: {message}").into());
            };
            match result {
                Ok((loaded, skipped)) => {
                    skipped.iter().for_each(|d| warn(&d.0));
                    names.set(Shared(Rc::new(loaded)));
                }
                Err(message) => {
                    warn(&message);
                    names.set(Shared(Rc::new(Names::default())));
                }
            }
        });
    }
    move || cancelled.set(true)
}

async fn fetch_dataset(
    base: &str,
    region: Region,
    content_url: Option<&str>,
    fetcher: &Fetcher,
) -> Result<Dataset, String> {
    let (status_url, geometry_url, regions_url) = (
        format!("{base}status.json"),
        format!("{base}{}", region.geometry_file()),
        format!("{base}regions.json"),
    );
    let content = async {
        match content_url {
            None => None,
            Some(url) => Some(fetcher.text("host content", url, MAX_TABLE_BYTES).await),
        }
    };
    let (status, geometry, regions, content) = futures::join!(
        fetcher.text("status data", &status_url, MAX_TABLE_BYTES),
        fetcher.text("geometry", &geometry_url, MAX_GEOMETRY_BYTES),
        fetcher.text("regions", &regions_url, MAX_TABLE_BYTES),
        content,
    );
    next_task().await;
    // The geometry is read a slice at a time, each in a task of its own: a 1:10m world takes a quarter of a
    // second to read, which would otherwise block the page in one task.
    let areas = match geometry.as_deref() {
        Ok(text) => match geometry_reader(text) {
            Ok(mut reader) => {
                // Splitting the text into features is a pass over all of it: a task of its own.
                next_task().await;
                while !reader.read(GEOMETRY_SLICE_POSITIONS) {
                    next_task().await;
                }
                Ok(reader.finish())
            }
            Err(message) => Err(message),
        },
        Err(message) => Err(message.clone()),
    };
    next_task().await;
    assemble_read(Inputs {
        status: status.as_deref().map_err(Clone::clone),
        geometry: areas,
        regions: regions.as_deref().map_err(Clone::clone),
        content: content.as_ref().map(|c| c.as_deref().map_err(Clone::clone)),
    })
}

/// Positions of geometry read per task: about 50 ms of work in Chromium on the machine of bench/RESULTS.md.
const GEOMETRY_SLICE_POSITIONS: usize = 100_000;

/// Fetches under the load's abort signal; every error names the URL and says what went wrong in words.
struct Fetcher {
    signal: Option<web_sys::AbortSignal>,
    timed_out: Rc<Cell<bool>>,
}

impl Fetcher {
    async fn text(&self, file: &'static str, url: &str, limit: usize) -> Result<String, String> {
        let response = gloo_net::http::Request::get(url)
            .abort_signal(self.signal.as_ref())
            .send()
            .await
            .map_err(|e| self.failure(url, &e))?;
        if !response.ok() {
            return Err(format!(
                "{url}: HTTP {} {}",
                response.status(),
                response.status_text()
            ));
        }
        // Refuse an announced oversize body before reading it; check the real size after.
        let announced = response
            .headers()
            .get("content-length")
            .and_then(|v| v.trim().parse::<usize>().ok());
        if let Some(bytes) = announced.filter(|&b| b > limit) {
            return Err(format!(
                "{url}: {}",
                DataError::TooLarge { file, bytes, limit }
            ));
        }
        let text = response.text().await.map_err(|e| self.failure(url, &e))?;
        DataError::check_size(file, &text, limit).map_err(|e| format!("{url}: {e}"))?;
        check_body(response.headers().get("content-type").as_deref(), &text)
            .map_err(|message| format!("{url}: {message}"))?;
        Ok(text)
    }

    fn failure(&self, url: &str, error: &gloo_net::Error) -> String {
        if self.timed_out.get() {
            format!("{url}: no answer within {} s", TIMEOUT_MS / 1000)
        } else {
            format!("{url}: could not be fetched (offline, blocked, or not allowed by the server's CORS policy): {error}")
        }
    }
}
