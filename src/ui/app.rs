//! The loader: fetches the data files and the host's content, then shows the map, a loading state or an error.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::core::region::Region;
use crate::core::scene::{Dataset, Scene};
use crate::ui::widget::{stylesheet, Widget};
use crate::ui::Shared;

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
    {
        let load = load.clone();
        use_effect_with(props.config.clone(), move |config| {
            let config = config.clone();
            spawn_local(async move {
                load.set(match fetch_dataset(&config).await {
                    Ok(data) => {
                        let scene = Scene::build(&data, config.region);
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
        });
    }
    match &*load {
        Load::Loading => html! {
            <div class="tm-root tm-loading" role="status"><style>{ stylesheet() }</style>{ "Loading the map…" }</div>
        },
        Load::Failed(message) => html! {
            <div class="tm-root tm-error" role="alert">
                <style>{ stylesheet() }</style>
                <p>{ "The map could not be loaded." }</p>
                <p class="tm-error-detail">{ message }</p>
            </div>
        },
        Load::Ready(data, scene) => html! {
            <Widget data={data.clone()} scene={scene.clone()} id_prefix={props.config.id_prefix.clone()} />
        },
    }
}

async fn fetch_dataset(config: &Config) -> Result<Dataset, String> {
    let base = &config.data_url;
    let status = fetch_text(&format!("{base}status.json")).await?;
    let geometry = fetch_text(&format!("{base}world.geo.json")).await?;
    let regions = fetch_text(&format!("{base}regions.json")).await?;
    // The host's content is optional: if it cannot load, the map still shows, with a diagnostic.
    let (content, content_error) = match &config.content_url {
        None => (None, None),
        Some(url) => match fetch_text(url).await {
            Ok(text) => (Some(text), None),
            Err(message) => (None, Some(message)),
        },
    };
    let mut data = Dataset::from_json(&status, &geometry, &regions, content.as_deref())
        .map_err(|e| e.to_string())?;
    data.diagnostics
        .extend(content_error.map(crate::core::error::Diagnostic));
    Ok(data)
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "{url}: HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response.text().await.map_err(|e| format!("{url}: {e}"))
}
