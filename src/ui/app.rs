//! The loader: fetches the data files and the host's content, then shows the map, a loading state or an error
//! with a retry button. Which failures still give a map is the core's policy (`core::load`); this file only
//! does the fetching: all four files at once, under one deadline, and reading a response only when it is a
//! success, not too large and not an HTML page.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::core::error::DataError;
use crate::core::limits::{MAX_GEOMETRY_BYTES, MAX_TABLE_BYTES};
use crate::core::load::{assemble, check_body, Inputs};
use crate::core::region::Region;
use crate::core::scene::{Dataset, Scene};
use crate::ui::widget::{stylesheet, Widget};
use crate::ui::Shared;

/// How long one load (all files, bodies included) may take before it is abandoned with a message.
pub const TIMEOUT_MS: u32 = 20_000;

/// Where one instance gets its data, and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub region: Region,
    /// Base URL of `status.json`, `world.geo.json` and `regions.json`, ending in `/`.
    pub data_url: String,
    /// The host's content document, if any.
    pub content_url: Option<String>,
    /// Prefix of every id inside this instance, unique on the page.
    pub id_prefix: AttrValue,
    /// The host element's width when mounted, in CSS px (0 when unknown): dots are sized and spread for it.
    pub width_css_px: f64,
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: Config,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Shared<Dataset>, Shared<Scene>),
    Failed(String),
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let load = use_state(|| Load::Loading);
    // Bumped by the retry buttons; a new value starts a new load.
    let attempt = use_state(|| 0u32);
    {
        let load = load.clone();
        use_effect_with((props.config.clone(), *attempt), move |(config, _)| {
            start_load(config.clone(), load)
        });
    }
    let retry = {
        let (load, attempt) = (load.clone(), attempt.clone());
        Callback::from(move |_: MouseEvent| {
            load.set(Load::Loading);
            attempt.set(attempt.wrapping_add(1));
        })
    };
    match &*load {
        Load::Loading => html! {
            <div class="tm-root tm-loading" role="status"><style>{ stylesheet() }</style>{ "Loading the map…" }</div>
        },
        Load::Failed(message) => html! {
            <div class="tm-root tm-error" role="alert">
                <style>{ stylesheet() }</style>
                <p>{ "The map could not be loaded." }</p>
                <p class="tm-error-detail">{ message }</p>
                <button type="button" class="tm-retry" onclick={retry}>{ "Retry" }</button>
            </div>
        },
        Load::Ready(data, scene) => html! {
            <>
                <Widget data={data.clone()} scene={scene.clone()} id_prefix={props.config.id_prefix.clone()} />
                if data.statuses.is_unavailable() {
                    <p class="tm-partial" role="status">
                        { "Treaty status could not be loaded, so every state shows as \u{201c}no data\u{201d}. " }
                        <button type="button" class="tm-retry" onclick={retry}>{ "Retry" }</button>
                    </p>
                }
            </>
        },
    }
}

/// Starts fetching for `config`; returns the effect's clean-up, which abandons the load (on unmount, on new
/// props, on retry) so that a late answer never overwrites a newer state.
fn start_load(config: Config, load: UseStateHandle<Load>) -> impl FnOnce() {
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
            let result = fetch_dataset(&config, &fetcher).await;
            if cancelled.get() {
                return;
            }
            load.set(match result {
                Ok(data) => {
                    let scene = if config.width_css_px > 0.0 {
                        Scene::build_for_width(&data, config.region, config.width_css_px)
                    } else {
                        Scene::build(&data, config.region)
                    };
                    for diagnostic in &data.diagnostics {
                        web_sys::console::warn_1(&format!("treaty-map: {diagnostic}").into());
                    }
                    Load::Ready(Shared(Rc::new(data)), Shared(Rc::new(scene)))
                }
                Err(message) => {
                    web_sys::console::error_1(&format!("treaty-map: {message}").into());
                    Load::Failed(message)
                }
            });
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

async fn fetch_dataset(config: &Config, fetcher: &Fetcher) -> Result<Dataset, String> {
    let base = &config.data_url;
    let (status_url, geometry_url, regions_url) = (
        format!("{base}status.json"),
        format!("{base}world.geo.json"),
        format!("{base}regions.json"),
    );
    let content = async {
        match &config.content_url {
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
    assemble(Inputs {
        status: status.as_deref().map_err(Clone::clone),
        geometry: geometry.as_deref().map_err(Clone::clone),
        regions: regions.as_deref().map_err(Clone::clone),
        content: content.as_ref().map(|c| c.as_deref().map_err(Clone::clone)),
    })
}

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
