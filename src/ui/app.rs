//! The loader: fetches the data files, then shows the map, a loading state or an error with a retry button,
//! and adds the optional files (the host's content, country names) when they arrive. Which failures still give
//! a map is the core's policy (`core::load`); this file does the fetching and bounds it:
//!
//! - one watchdog bounds the whole load (download, parsing, building the scene, drawing it): past it the widget
//!   shows the error state naming the stage it stalled in (`core::load::stalled`);
//! - each stage is reported as it begins (`AppEvent::Stage`; `web` records a `performance.mark`);
//! - the optional files never hold the map back: they have their own deadline and are cancelled with the map.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::core::class::View;
use crate::core::dataset::{Content, Dataset};
use crate::core::error::LoadError;
use crate::core::fragment::{Fragment, HistoryMode};
use crate::core::i18n::{Lang, Names};
use crate::core::iso3::Iso3;
use crate::core::limits::{MAX_GEOMETRY_BYTES, MAX_TABLE_BYTES};
use crate::core::load::{
    assemble_read, geometry_reader, read_content, stalled, Fetched, Inputs, Stage,
};
use crate::core::region::Region;
use crate::core::scene::{Scene, SceneBuilder, DEFAULT_WIDTH_CSS_PX};
use crate::ui::fetch::Downloads;
use crate::ui::guard::{next_task, Timer};
use crate::ui::widget::{HostLink, Widget};
use crate::ui::Shared;

/// How long one load may take, from the first request to the map on screen, before it is abandoned with a
/// message; also the deadline of each optional file.
pub const WATCHDOG_MS: u32 = 20_000;

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
    /// Whether the URL follows the open profile (`history`).
    pub history: HistoryMode,
    /// The page's deep link, if this instance is the one to open it (`web` decides which).
    pub deep_link: Option<Fragment>,
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
    /// A stage of the load begins (the last, `Live`, when the map first answers the visitor).
    Stage(Stage),
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

/// The watchdog of the load in progress, until its map is live.
type Watchdog = Rc<RefCell<Option<Timer>>>;

#[component]
pub fn App(props: &AppProps) -> Html {
    let load = use_state(|| Load::Loading);
    // Bumped by the retry buttons; a new value starts a new load.
    let attempt = use_state(|| 0u32);
    // Country names in the widget's language, fetched only for a language other than English.
    let names = use_state(|| Shared(Rc::new(Names::default())));
    // The host's content as read, once it has arrived (or failed).
    let content = use_state(|| None::<Shared<Content>>);
    // The first scene, built by the load in a task of its own (see `start_load`); the memo below takes it when
    // it is for the same dataset, region, width and names.
    let ahead: Ahead = use_mut_ref(|| None);
    // The names as of this render, for the load to read when it builds the first scene: they usually arrive
    // before the geometry, and a scene built with other names would be built again, in one task, by the memo.
    let latest_names = use_mut_ref(|| (*names).clone());
    *latest_names.borrow_mut() = (*names).clone();
    let watchdog: Watchdog = use_mut_ref(|| None);
    {
        let (load, on_event) = (load.clone(), props.on_event.clone());
        let first = (
            props.config.width_css_px,
            latest_names.clone(),
            ahead.clone(),
        );
        let watchdog = watchdog.clone();
        use_effect_with(
            (props.config.data_url.clone(), props.config.region, *attempt),
            move |(data_url, region, _)| {
                let task = LoadTask {
                    first,
                    load,
                    on_event,
                    watchdog,
                };
                start_load(data_url.clone(), *region, task)
            },
        );
    }
    {
        let content = content.clone();
        use_effect_with(
            (props.config.content_url.clone(), *attempt),
            move |(url, _)| start_content(url.clone(), content),
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
    // The content checked against the data in (a code the map does not know is a diagnostic).
    let content = {
        let data = ready.as_ref().map(|(data, _)| data.clone());
        use_memo(((*content).clone(), data), |(content, data)| {
            let content = content.as_ref()?;
            let mut checked = (**content).clone();
            if let Some(data) = data {
                checked
                    .diagnostics
                    .extend(data.check_content(&checked.table));
            }
            Some(Shared(Rc::new(checked)))
        })
    };
    // The host hears when a map is ready (again after a change of region) and when loading failed.
    {
        let (on_event, lang) = (props.on_event.clone(), props.config.lang);
        let drawn = ready.clone();
        let key = drawn.as_ref().map(|(_, scene)| scene.clone());
        let watchdog = watchdog.clone();
        use_effect_with(key, move |scene| {
            if let (Some(scene), Some((data, _))) = (scene, drawn) {
                // The load this map came from is over: its watchdog stops, and the map is live.
                if watchdog.borrow_mut().take().is_some() {
                    on_event.emit(AppEvent::Stage(Stage::Live));
                }
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
            <div class="tm-root tm-loading" role="status" lang={lang.code()} dir={lang.dir()}>{ t.loading }</div>
        },
        Load::Failed(message) => html! {
            <div class="tm-root tm-error" role="alert" lang={lang.code()} dir={lang.dir()}>
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
                deep_link: props.config.deep_link,
                history: props.config.history,
                disclaimer: props.config.disclaimer.clone(),
            };
            html! {
            <>
                // A new region is a new widget: selection, focus, zoom and filters start again.
                <Widget key={scene.region.key()} data={data.clone()} scene={scene.clone()} content={(*content).clone()}
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

/// Positions projected or placed per task by the first scene's build (see bench/RESULTS.md for what a task
/// costs).
const SCENE_SLICE_POSITIONS: usize = 100_000;

/// Positions of geometry read per task (or their worth of skipped features' text).
const GEOMETRY_SLICE_POSITIONS: usize = 50_000;

/// What a load works with: the `first` scene's width, the names current when the data is in, and where to
/// leave the scene; the state it sets; where it reports; its watchdog.
struct LoadTask {
    first: (f64, Rc<RefCell<Shared<Names>>>, Ahead),
    load: UseStateHandle<Load>,
    on_event: Callback<AppEvent>,
    watchdog: Watchdog,
}

/// Where a load is: its stage, and the files it still waits for.
struct Progress {
    stage: Cell<Stage>,
    waiting: RefCell<Vec<String>>,
}

impl Progress {
    fn enter(&self, stage: Stage, on_event: &Callback<AppEvent>) {
        self.stage.set(stage);
        on_event.emit(AppEvent::Stage(stage));
    }
}

/// Starts loading the data files for `region` from the data URL, then reads them and builds the first scene a
/// part at a time (each part a task of its own), under the watchdog; returns the effect's clean-up, which
/// abandons the load (on unmount, on a new URL or region, on retry) so that a late answer never overwrites a
/// newer state.
fn start_load(data_url: String, region: Region, task: LoadTask) -> impl FnOnce() {
    let LoadTask {
        first,
        load,
        on_event,
        watchdog,
    } = task;
    let cancelled = Rc::new(Cell::new(false));
    let downloads = Rc::new(Downloads::new());
    let (status_url, geometry_url, regions_url) = (
        format!("{data_url}status.json"),
        format!("{data_url}{}", region.geometry_file()),
        format!("{data_url}regions.json"),
    );
    let progress = Rc::new(Progress {
        stage: Cell::new(Stage::Fetch),
        waiting: RefCell::new(vec![
            status_url.clone(),
            geometry_url.clone(),
            regions_url.clone(),
        ]),
    });
    progress.enter(Stage::Fetch, &on_event);
    let timer = {
        let (cancelled, downloads, progress, load) = (
            cancelled.clone(),
            downloads.clone(),
            progress.clone(),
            load.clone(),
        );
        Timer::new(WATCHDOG_MS, move || {
            cancelled.set(true);
            downloads.abort();
            let waiting = progress.waiting.borrow();
            let waiting: Vec<&str> = waiting.iter().map(String::as_str).collect();
            let message = stalled(progress.stage.get(), WATCHDOG_MS / 1000, &waiting);
            web_sys::console::error_1(&format!("treaty-map: {message}").into());
            load.set(Load::Failed(message));
        })
    };
    *watchdog.borrow_mut() = Some(timer);
    {
        let (cancelled, downloads, watchdog) =
            (cancelled.clone(), downloads.clone(), watchdog.clone());
        spawn_local(async move {
            let fetch = |file: &'static str, url: String, limit: usize| {
                let (downloads, progress) = (downloads.clone(), progress.clone());
                async move {
                    let result = downloads.text(file, &url, limit).await;
                    progress.waiting.borrow_mut().retain(|u| *u != url);
                    result
                }
            };
            let (status, geometry, regions) = futures::join!(
                fetch("status data", status_url, MAX_TABLE_BYTES),
                fetch("geometry", geometry_url, MAX_GEOMETRY_BYTES),
                fetch("regions", regions_url, MAX_TABLE_BYTES),
            );
            if cancelled.get() {
                return;
            }
            progress.enter(Stage::Parse, &on_event);
            next_task().await;
            if cancelled.get() {
                return;
            }
            // The geometry is read a slice at a time, each in a task of its own.
            let reader = fetched(&geometry).and_then(geometry_reader);
            let areas = match reader {
                Ok(mut reader) => {
                    // Splitting the text into features is a pass over all of it: a task of its own.
                    next_task().await;
                    while !reader.read(GEOMETRY_SLICE_POSITIONS) {
                        next_task().await;
                        if cancelled.get() {
                            return;
                        }
                    }
                    reader.finish().map_err(LoadError::from)
                }
                Err(message) => Err(message),
            };
            next_task().await;
            if cancelled.get() {
                return;
            }
            let result = assemble_read(Inputs {
                status: fetched(&status),
                geometry: areas,
                regions: fetched(&regions),
                content: None,
            });
            let data = match result {
                Ok(data) => data,
                Err(message) => {
                    watchdog.borrow_mut().take();
                    web_sys::console::error_1(&format!("treaty-map: {message}").into());
                    load.set(Load::Failed(message.to_string()));
                    return;
                }
            };
            for diagnostic in &data.diagnostics {
                web_sys::console::warn_1(&format!("treaty-map: {diagnostic}").into());
            }
            let data = Shared(Rc::new(data));
            let (width, names, ahead) = first;
            progress.enter(Stage::Scene, &on_event);
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
            *ahead.borrow_mut() = Some(((data.clone(), region, width.to_bits(), names), scene));
            next_task().await;
            if cancelled.get() {
                return;
            }
            progress.enter(Stage::Render, &on_event);
            on_event.emit(AppEvent::Loaded);
            load.set(Load::Ready(data, region));
        });
    }
    move || {
        cancelled.set(true);
        downloads.abort();
        watchdog.borrow_mut().take();
    }
}

/// A download's result as the core's loader takes it.
fn fetched(result: &Result<String, String>) -> Fetched<'_> {
    result
        .as_deref()
        .map_err(|message| LoadError::Fetch(message.clone()))
}

/// Starts downloading an optional file (the host's content, country names) under its own deadline of
/// [`WATCHDOG_MS`]; `done` gets its text, or why there is none. Returns the effect's clean-up, which cancels
/// the download and ignores a late answer.
fn start_optional(
    file: &'static str,
    url: String,
    done: impl FnOnce(Result<String, String>) + 'static,
) -> impl FnOnce() {
    let cancelled = Rc::new(Cell::new(false));
    let downloads = Rc::new(Downloads::new());
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (downloads, timed_out) = (downloads.clone(), timed_out.clone());
        Timer::new(WATCHDOG_MS, move || {
            timed_out.set(true);
            downloads.abort();
        })
    };
    {
        let (cancelled, downloads) = (cancelled.clone(), downloads.clone());
        spawn_local(async move {
            let result = downloads.text(file, &url, MAX_TABLE_BYTES).await;
            drop(timer);
            if cancelled.get() {
                return;
            }
            done(result.map_err(|message| {
                if timed_out.get() {
                    format!("{url}: no answer within {} s", WATCHDOG_MS / 1000)
                } else {
                    message
                }
            }));
        });
    }
    move || {
        cancelled.set(true);
        downloads.abort();
    }
}

/// Fetches the host's content, which the map shows when it arrives; a failure is a diagnostic.
fn start_content(
    url: Option<String>,
    content: UseStateHandle<Option<Shared<Content>>>,
) -> Box<dyn FnOnce()> {
    let Some(url) = url else {
        return Box::new(|| ());
    };
    Box::new(start_optional("host content", url, move |result| {
        let read = read_content(fetched(&result));
        for diagnostic in &read.diagnostics {
            web_sys::console::warn_1(&format!("treaty-map: {diagnostic}").into());
        }
        content.set(Some(Shared(Rc::new(read))));
    }))
}

/// Fetches the country names of `lang` (`names.fr.json`; nothing for English, whose names are those of the
/// data files). Until they arrive the previous names stay; if they cannot be loaded, a console warning says
/// why and the states keep their English names.
fn start_names(
    data_url: String,
    lang: Lang,
    names: UseStateHandle<Shared<Names>>,
) -> Box<dyn FnOnce()> {
    if lang == Lang::En {
        if !names.is_empty() {
            names.set(Shared(Rc::new(Names::default())));
        }
        return Box::new(|| ());
    }
    let url = format!("{data_url}names.{}.json", lang.code());
    let named = url.clone();
    Box::new(start_optional("country names", url, move |result| {
        let warn = |message: &str| {
            web_sys::console::warn_1(&format!("treaty-map: {message}").into());
        };
        match result.and_then(|text| Names::from_json(&text).map_err(|e| format!("{named}: {e}"))) {
            Ok((loaded, skipped)) => {
                skipped.iter().for_each(|d| warn(&d.0));
                names.set(Shared(Rc::new(loaded)));
            }
            Err(message) => {
                warn(&message);
                names.set(Shared(Rc::new(Names::default())));
            }
        }
    }))
}
