//! The static pre-render of a region, written by `cargo xtask build` and shown before the WebAssembly has loaded
//! (or without JavaScript at all): the widget as it first renders, with its controls kept in place but
//! invisible (they need the script), then the data as a table under a closed disclosure (`<details>`), for
//! crawlers and readers without JavaScript, who open it with a click or a key: closed, the ten tables of a page
//! of ten pre-rendered maps are not laid out in its first frames (see `style::PRERENDER_CSS`).
//!
//! The fragment is a declarative shadow root, `<template shadowrootmode="open">`, so the host element's
//! shadow root exists at first paint; the loader reuses it, mounts the live widget beside `.tm-prerender` and
//! removes the pre-render once the widget is ready. The live widget's map sits exactly where the pre-rendered
//! one did: same markup, same stylesheet, same box above the map. The stylesheet is a file
//! (`treaty-map.css`, which `cargo xtask build` writes beside the loader) that the pre-render links to: a strict
//! Content Security Policy (`style-src 'self'`) refuses a `<style>` element or a `style` attribute, but not a
//! stylesheet from the site itself.

use yew::prelude::*;

use crate::core::i18n::{fill, Lang};
use crate::core::scene::Scene;
use crate::ui::state::Sort;
use crate::ui::table::TableView;
use crate::ui::widget::Widget;
use crate::ui::Shared;

/// Prefix of the ids inside a pre-render. Each pre-render lives in its own shadow root, so ids cannot collide
/// with the page's or with another instance's; the live widget's ids (`tm0-…`) differ from these too.
pub const ID_PREFIX: &str = "tmpre";

#[derive(Properties, PartialEq)]
pub struct PrerenderProps {
    /// The scene with its names in `lang` (`Scene::build_localized`).
    pub scene: Shared<Scene>,
    pub lang: Lang,
    /// The URL of the widget's stylesheet, as the page that holds the pre-render reaches it.
    pub stylesheet: AttrValue,
}

/// The widget as it first renders, then the region's table under a closed disclosure.
#[component]
pub fn Prerender(props: &PrerenderProps) -> Html {
    let (lang, t) = (props.lang, props.lang.catalogue());
    let id_prefix = AttrValue::from(ID_PREFIX);
    let caption = fill(
        &t.count(lang, t.table_caption, props.scene.shapes.len()),
        &[("region", t.region(props.scene.region))],
    );
    html! {
        <div class="tm-prerender">
            <link rel="stylesheet" href={props.stylesheet.clone()} />
            <Widget scene={props.scene.clone()} id_prefix={id_prefix} {lang} />
            <div class="tm-root tm-prerender-table" lang={lang.code()} dir={lang.dir()}>
                <details>
                    <summary>{ caption }</summary>
                    { TableView {
                        lang, scene: &props.scene, open: true, sort: Sort::NameAscending, hidden: &[], selected: None,
                        on_toggle_open: &Callback::noop(), on_sort: &Callback::noop(), on_select: &Callback::noop(),
                        table_id: format!("{ID_PREFIX}-static-table").into(),
                    }.html() }
                </details>
            </div>
        </div>
    }
}

/// Renders the pre-render of `scene` on the server, as the declarative shadow root a host page embeds:
/// `<template shadowrootmode="open"><div class="tm-prerender"><link rel="stylesheet" href="…">…</div></template>`,
/// with `stylesheet` as the link's URL. The output depends only on its inputs (no clock, no randomness), so a
/// build is reproducible.
#[cfg(feature = "ssr")]
pub async fn render_fragment(scene: Shared<Scene>, lang: Lang, stylesheet: &str) -> String {
    let props = PrerenderProps {
        scene,
        lang,
        stylesheet: AttrValue::from(stylesheet.to_owned()),
    };
    let body = yew::LocalServerRenderer::<Prerender>::with_props(props)
        .hydratable(false)
        .render()
        .await;
    format!("<template shadowrootmode=\"open\">{body}</template>")
}
