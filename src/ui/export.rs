//! Downloads of the current view: the map as SVG or PNG, the region's data as CSV. The documents come from the
//! core (`core::export`); this file only turns them into files. Nothing here evaluates code or needs a network
//! request, so it works under `script-src 'self' 'wasm-unsafe-eval'`: the PNG is the SVG drawn on a canvas from
//! a `blob:` image.

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::core::class::StatusClass;
use crate::core::export;
use crate::core::i18n::{fill, Lang};
use crate::core::scene::Scene;
use crate::ui::guard;
use crate::ui::state::{Action, MapState};
use crate::ui::Shared;

/// Pixels per SVG unit in the PNG: twice the map's size, sharp on high-density screens and in print.
const PNG_SCALE: f64 = 2.0;
/// How long a download's `blob:` URL is kept before it is released.
const REVOKE_AFTER_MS: u32 = 60_000;

/// What the downloads show. A plain struct and function, not a component: its one state (whether the last
/// download failed) is the widget's ([`MapState`]), and the widget's render makes it from what it already has
/// (a component of its own cost the wasm more; bench/SIZE.md).
pub struct ExportMenu<'a> {
    /// The language of the menu's words (the widget's).
    pub lang: Lang,
    /// The scene as shown: region and treaty view.
    pub scene: &'a Shared<Scene>,
    /// Classes switched off in the legend (dimmed in the SVG and PNG, as on the map).
    pub hidden: &'a [StatusClass],
    /// The map-wide line on boundaries and names, as the widget shows it (none if the host hid it).
    pub disclaimer: Option<&'a AttrValue>,
    /// Whether the last download failed.
    pub failed: bool,
    pub dispatcher: &'a UseReducerDispatcher<MapState>,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Svg,
    Png,
    Csv,
}

impl ExportMenu<'_> {
    /// A toolbar of three buttons: "Download SVG", "Download PNG" and "Download CSV". The SVG's title, legend and
    /// description are in the widget's language (`lang`).
    pub fn html(&self) -> Html {
        let lang = self.lang;
        let t = lang.catalogue();
        // Each button's `class` a literal: any other would be parsed into yew's set of classes (`ui::nodes`).
        let download_on_click = |format: Format| {
            let (scene, hidden, dispatcher) = (
                self.scene.clone(),
                self.hidden.to_vec(),
                self.dispatcher.clone(),
            );
            let disclaimer = self.disclaimer.cloned().unwrap_or_default();
            move |_: MouseEvent| {
                let result = download(format, &scene, &hidden, lang, &disclaimer);
                if let Err(error) = &result {
                    web_sys::console::warn_2(&"treaty-map: download failed:".into(), error);
                }
                dispatcher.dispatch(Action::DownloadFailed(result.is_err()));
            }
        };
        html! {
            <div class="tm-export" role="group" aria-label={t.download_group}>
                <button type="button" class="tm-export-button tm-export-svg" onclick={download_on_click(Format::Svg)}>{ t.download_svg }</button>
                <button type="button" class="tm-export-button tm-export-png" onclick={download_on_click(Format::Png)}>{ t.download_png }</button>
                <button type="button" class="tm-export-button tm-export-csv" onclick={download_on_click(Format::Csv)}>{ t.download_csv }</button>
                <span class="tm-export-status" role="status">
                    { if self.failed { t.download_failed } else { "" } }
                </span>
            </div>
        }
    }
}

fn download(
    format: Format,
    scene: &Scene,
    hidden: &[StatusClass],
    lang: Lang,
    disclaimer: &str,
) -> Result<(), JsValue> {
    let svg = || {
        let words = lang.catalogue();
        let mut title = fill(words.map_title, &[("region", words.region(scene.region))]);
        // On an earlier day than the data's, the title says which.
        if let Some(date) = scene.date {
            title = format!("{title} — {}", words.date(date));
        }
        export::svg(
            scene,
            lang,
            &title,
            &scene.source_line(lang),
            disclaimer,
            hidden,
        )
    };
    match format {
        Format::Svg => save(
            &blob(&svg(), "image/svg+xml;charset=utf-8")?,
            &export::file_name(scene, "svg"),
        ),
        Format::Csv => save(
            &blob(&export::csv(scene), "text/csv;charset=utf-8")?,
            &export::file_name(scene, "csv"),
        ),
        Format::Png => png(&svg(), export::file_name(scene, "png")),
    }
}

fn blob(text: &str, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
}

/// Saves `blob` as `name` through a temporary `<a download>`.
fn save(blob: &web_sys::Blob, name: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    release_later(url);
    Ok(())
}

/// Draws the SVG on a canvas at [`PNG_SCALE`] and saves the canvas as PNG. The image loads asynchronously; a
/// failure then is logged.
fn png(svg: &str, name: String) -> Result<(), JsValue> {
    let url =
        web_sys::Url::create_object_url_with_blob(&blob(svg, "image/svg+xml;charset=utf-8")?)?;
    let image = web_sys::HtmlImageElement::new()?;
    let onload = {
        let (image, url) = (image.clone(), url.clone());
        wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Err(error) = draw_and_save(&image, &name) {
                web_sys::console::warn_2(&"treaty-map: PNG failed:".into(), &error);
            }
            let _ = web_sys::Url::revoke_object_url(&url);
        })
    };
    let onerror = {
        let url = url.clone();
        wasm_bindgen::closure::Closure::once_into_js(move || {
            web_sys::console::warn_1(
                &"treaty-map: PNG failed: the SVG did not load as an image".into(),
            );
            let _ = web_sys::Url::revoke_object_url(&url);
        })
    };
    image.set_onload(Some(&guard::callback(&onload)));
    image.set_onerror(Some(&guard::callback(&onerror)));
    image.set_src(&url);
    Ok(())
}

fn draw_and_save(image: &web_sys::HtmlImageElement, name: &str) -> Result<(), JsValue> {
    let (width, height) = (
        f64::from(image.natural_width()),
        f64::from(image.natural_height()),
    );
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width((width * PNG_SCALE).round() as u32);
    canvas.set_height((height * PNG_SCALE).round() as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    context.draw_image_with_html_image_element_and_dw_and_dh(
        image,
        0.0,
        0.0,
        width * PNG_SCALE,
        height * PNG_SCALE,
    )?;
    let name = name.to_owned();
    let done = wasm_bindgen::closure::Closure::once_into_js(move |png: Option<web_sys::Blob>| {
        let result = png
            .ok_or_else(|| JsValue::from_str("the canvas gave no PNG"))
            .and_then(|png| save(&png, &name));
        if let Err(error) = result {
            web_sys::console::warn_2(&"treaty-map: PNG failed:".into(), &error);
        }
    });
    canvas.to_blob(&guard::callback(&done))
}

/// Releases a download's `blob:` URL once the browser has surely read it.
fn release_later(url: String) {
    guard::later(REVOKE_AFTER_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
}
