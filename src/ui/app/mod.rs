//! The loader's component: `App` has the data files fetched and read into a dataset (`load`), has the scene
//! built from it (`scene`), then shows the map, a loading state or an error with a retry button, and adds the
//! optional files (the host's content, a language's names and words) when they arrive; a map in a language
//! whose words the wasm does not carry is first drawn once they are in. Data flows one way: dataset → scene →
//! `Widget`, which receives only the scene. Which failures still give a map is the core's policy
//! (`core::load`); how the fetching is bounded is `load`'s (one watchdog, stages reported as they begin) and
//! `optional`'s (a deadline per file).

mod load;
mod optional;
mod scene;

use std::rc::Rc;

use yew::prelude::*;

use crate::core::class::View;
use crate::core::dataset::Content;
use crate::core::date::Date;
use crate::core::fragment::{Fragment, HistoryMode};
use crate::core::i18n::{Lang, Names};
use crate::core::iso3::Iso3;
use crate::core::load::Stage;
use crate::core::region::Region;
use crate::ui::hooks::use_effect_on;
use crate::ui::widget::{HostLink, Widget};
use crate::ui::Shared;

use load::{start_load, Load, Watch};
pub use load::{AppEvent, WATCHDOG_MS};
use optional::{start_content, start_names, start_words};
use scene::{use_scene, SceneInputs};

/// Where one instance gets its data, and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub region: Region,
    /// Base URL of `status.json`, the geometry files (`world.geo.json`, `<region>.geo.json`) and `regions.json`,
    /// ending in `/`.
    pub data_url: String,
    /// The host's content document, if any.
    pub content_url: Option<String>,
    /// The URL of the words files of the languages the wasm does not carry, `*` for the language's code (see
    /// `core::i18n::words`): beside the wasm, and the loader gives it. Without it, such a language shows
    /// English's words.
    pub words_url: Option<String>,
    /// Prefix of every id inside this instance, unique on the page.
    pub id_prefix: AttrValue,
    /// The element the map is drawn in. Its width (CSS px) is read when the first dataset is in, not at mount,
    /// where reading it restyled the element's shadow tree in the mount's task (a pre-rendered map's whole
    /// tree): dots are sized and spread for it. `None` (tests): a default width.
    pub root: Option<web_sys::Element>,
    /// The state whose profile is open first (`data-country`), and later the one the host page asked for.
    pub country: Option<Iso3>,
    /// Counts the host page's `select()` calls: a new value applies `country` again, even if unchanged.
    pub select_serial: u32,
    /// The day the map shows first (`data-as-of`), and later the one the host page asked for (`setAsOf()`);
    /// `None` for the data's own date.
    pub as_of: Option<Date>,
    /// Counts the host page's `setAsOf()` calls, as `select_serial` does `select()`'s.
    pub as_of_serial: u32,
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

#[component]
pub fn App(props: &AppProps) -> Html {
    let load = use_state(|| Load::Loading);
    // Bumped by the retry buttons; a new value starts a new load.
    let attempt = use_state(|| 0u32);
    // Country names in the widget's language, fetched only for a language other than English.
    let names = use_state(|| Shared(Rc::new(Names::default())));
    // The language whose words are at hand: the one asked for once its words are in (or could not be had), the
    // one before until then (English at first). The widget shows this one.
    let words = {
        let lang = props.config.lang;
        use_state_eq(|| if lang.has_words() { lang } else { Lang::En })
    };
    // The host's content as read, once it has arrived (or failed).
    let content = use_state(|| None::<Shared<Content>>);
    let watchdog = use_memo((), |()| Watch::new());
    {
        let (load, on_event) = (load.clone(), props.on_event.clone());
        let watchdog = (*watchdog).clone();
        use_effect_on(
            (props.config.data_url.clone(), props.config.region, *attempt),
            move |(data_url, region, _)| {
                start_load(data_url.clone(), *region, load, on_event, watchdog)
            },
        );
    }
    {
        let content = content.clone();
        use_effect_on(
            (props.config.content_url.clone(), *attempt),
            move |(url, _)| start_content(url.clone(), content),
        );
    }
    {
        let (names, words) = (names.clone(), words.clone());
        let config = &props.config;
        let key = (
            config.data_url.clone(),
            config.words_url.clone(),
            config.lang,
        );
        use_effect_on(key, move |(data_url, words_url, lang)| {
            let names = start_names(data_url.clone(), *lang, names);
            let words = start_words(words_url.clone(), *lang, words);
            move || {
                names();
                words();
            }
        });
    }
    let lang = *words;
    // The map that takes over from the pre-render (or the loading state) is drawn in the language asked for:
    // the first scene waits for its words. Later, a new language's words replace the map's once they are in.
    let drawn_region = use_state_eq(|| None::<Region>);
    let language_in = lang == props.config.lang || drawn_region.is_some();
    // The scene is built from the dataset in, once per dataset, region, width and language, a part at a time.
    // Until a new region's geometry is in, the old map stays.
    let data = match &*load {
        Load::Ready(data, region) if language_in => Some((data.clone(), *region)),
        _ => None,
    };
    let width_css_px = *use_memo(data.is_some(), |&ready| match &props.config.root {
        Some(root) if ready => f64::from(root.client_width()),
        _ => 0.0,
    });
    let scene = {
        let inputs = data.as_ref().map(|(data, region)| SceneInputs {
            data: data.clone(),
            region: *region,
            width_css_px,
            names: (*names).clone(),
        });
        let (watchdog, on_event) = ((*watchdog).clone(), props.on_event.clone());
        // The first scene of a load is part of it: its stages are reported, and the pre-render goes as it
        // is about to be drawn.
        use_scene(
            inputs,
            Callback::from(move |stage| {
                if stage == Stage::Render && watchdog.running() {
                    on_event.emit(AppEvent::Loaded);
                }
                watchdog.enter(stage, &on_event);
            }),
        )
    };
    let ready = scene.filter(|_| data.is_some());
    // The content checked against the data in (a code the map does not know is a diagnostic).
    let content = {
        let data = data.map(|(data, _)| data);
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
    // The host hears when a map is ready (again after a change of region) and when loading failed. A map is
    // ready once its shapes are all drawn: the first render of a large one is drawn a slice per task
    // (`MapSvg`), which says when it is done.
    let on_drawn = {
        let drawn_region = drawn_region.clone();
        Callback::from(move |region| drawn_region.set(Some(region)))
    };
    {
        let on_event = props.on_event.clone();
        let watchdog = (*watchdog).clone();
        let drawn = ready
            .clone()
            .filter(|scene| Some(scene.region) == *drawn_region);
        use_effect_on(drawn, move |scene| {
            if let Some(scene) = scene {
                // The load this map came from is over: its watchdog stops, and the map is live.
                if watchdog.stop() {
                    on_event.emit(AppEvent::Stage(Stage::Live));
                }
                let states = scene.shapes.iter().filter(|s| s.is_state()).count();
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
        use_effect_on(failure, move |failure| {
            if let Some(message) = failure {
                on_event.emit(AppEvent::Failed(message.clone()));
            }
        });
    }
    let on_selection = {
        let (on_event, scene) = (props.on_event.clone(), ready.clone());
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
    let t = lang.catalogue();
    match &*load {
        // The pre-render stays on show until the widget replaces it.
        // Also while the first scene is built.
        Load::Loading | Load::Ready(..) if ready.is_none() && props.config.prerendered => {
            Html::default()
        }
        Load::Loading | Load::Ready(..) if ready.is_none() => html! {
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
        Load::Loading | Load::Ready(..) => {
            let Some(scene) = ready else {
                return Html::default();
            };
            let on_date = {
                let (on_event, scene) = (props.on_event.clone(), scene.clone());
                Callback::from(move |date: Option<Date>| {
                    let shown = date.unwrap_or(scene.sources.as_of);
                    let (world, region) = scene.counts_on(shown);
                    on_event.emit(AppEvent::AsOf {
                        date: shown,
                        latest: date.is_none(),
                        world,
                        region,
                    });
                })
            };
            let host = HostLink {
                initial_view: props.config.view,
                selection_request: (props.config.country, props.config.select_serial),
                on_selection,
                initial_date: props.config.as_of,
                date_request: (props.config.as_of, props.config.as_of_serial),
                on_date,
                deep_link: props.config.deep_link,
                history: props.config.history,
                disclaimer: props.config.disclaimer.clone(),
                on_drawn,
            };
            html! {
            <>
                // A new region is a new widget: selection, focus, zoom and filters start again.
                <Widget key={scene.region.key()} scene={scene.clone()} content={(*content).clone()}
                        id_prefix={props.config.id_prefix.clone()} initial_selection={props.config.country} {host} {lang} staged=true />
                if scene.sources.is_unavailable() {
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
