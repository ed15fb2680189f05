//! `ProfilePanel`: one state's treaty facts and the host's content for it, as text.

use yew::prelude::*;

use crate::core::class::View;
use crate::core::content::{CountryContent, Link};
use crate::core::date::Date;
use crate::core::fragment::Fragment;
use crate::core::i18n::{Catalogue, Lang};
use crate::core::profile::Profile;
use crate::core::region::Region;
use crate::ui::dom::location_hash;
use crate::ui::nodes::{class_list, element, text_node};
use crate::ui::state::{Action, MapState};

/// What the profile panel shows. A plain struct and function, not a component: its one state (whether "Copy
/// link" worked) is the widget's ([`MapState`]), and the widget's render makes it from the profile it already
/// has (a component of its own cost the wasm more; bench/SIZE.md).
pub struct ProfilePanel<'a> {
    /// The language of the panel's words (the widget's).
    pub lang: Lang,
    pub profile: &'a Profile,
    /// Whether the last "Copy link" of this profile worked; `None` before one.
    pub copied: Option<bool>,
    pub dispatcher: &'a UseReducerDispatcher<MapState>,
    /// The id of the panel's heading, unique on the page.
    pub heading_id: AttrValue,
    /// The map's region, view and date (`None`: the data's own), for the shareable link.
    pub region: Region,
    pub view: View,
    pub date: Option<Date>,
}

impl ProfilePanel<'_> {
    /// The profile of one state: a labelled region whose heading is the country's name, its treaty facts, then
    /// the host's content. Host text is always text: Yew escapes it, and links come only from `SafeUrl`.
    pub fn html(&self) -> Html {
        let t = self.lang.catalogue();
        let profile = self.profile;
        let onclick = {
            let dispatcher = self.dispatcher.clone();
            move |_| dispatcher.dispatch(Action::Close)
        };
        // "Copy link" puts a link to this profile on the clipboard and says whether that worked.
        let copy = {
            let (dispatcher, iso3, region, view, date) = (
                self.dispatcher.clone(),
                profile.iso3,
                self.region,
                self.view,
                self.date,
            );
            move |_| {
                let Some(window) = web_sys::window() else {
                    return;
                };
                // The page's address, its own fragment kept, with this profile's keys (whether or not the
                // widget writes them into the address bar).
                let location = window.location();
                let hash = Fragment::merge(
                    &location_hash().unwrap_or_default(),
                    Some(iso3),
                    region,
                    view,
                    date,
                );
                let link = format!(
                    "{}{}{}{hash}",
                    location.origin().unwrap_or_default(),
                    location.pathname().unwrap_or_default(),
                    location.search().unwrap_or_default()
                );
                let promise = window.navigator().clipboard().write_text(&link);
                let dispatcher = dispatcher.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let copied = crate::ui::guard::settle(promise).await.is_ok();
                    dispatcher.dispatch(Action::LinkCopied(iso3, copied));
                });
            }
        };
        let mut timeline = Vec::with_capacity(profile.timeline.len());
        for line in &profile.timeline {
            timeline.push(if line.marker {
                html! { <li class="tm-timeline-marker" aria-current="date">{ &line.what }</li> }
            } else {
                let when =
                    html! { <><span class="tm-when">{ &line.when }</span>{ " " }{ &line.what }</> };
                element(
                    "li",
                    &["class"],
                    vec![line.later.then_some(AttrValue::Static("tm-later"))],
                    vec![when],
                )
            });
        }
        let mut sources = Vec::with_capacity(profile.sources.len());
        for line in &profile.sources {
            sources.push(html! { <p class="tm-source">{ line }</p> });
        }
        let copy_status = match self.copied {
            Some(true) => t.link_copied,
            Some(false) => t.link_not_copied,
            None => "",
        };
        html! {
            <section class="tm-panel" role="region" aria-labelledby={self.heading_id.clone()} data-iso3={profile.iso3.to_string()}>
                <div class="tm-panel-head">
                    { element("h2", &["id", "class"], vec![Some(self.heading_id.clone()), Some(class_list(&["tm-panel-title", profile.class.css_class()]))],
                              vec![text_node(profile.heading.clone())]) }
                    <button type="button" class="tm-close" aria-label={t.close_profile} {onclick}>{ "×" }</button>
                </div>
                // On an earlier day: what was true then, above what is true now.
                if let Some(then) = &profile.then {
                    <h3 class="tm-facts-heading">{ &then.heading }</h3>
                    <ul class="tm-facts tm-facts-then">
                        { items(&then.facts) }
                    </ul>
                    <h3 class="tm-facts-heading">{ &then.today }</h3>
                }
                <ul class="tm-facts">
                    { items(&profile.facts) }
                </ul>
                if !profile.timeline.is_empty() {
                    <h3 class="tm-timeline-title">{ t.timeline_title }</h3>
                    <ol class="tm-timeline">{ timeline }</ol>
                    <p class="tm-timeline-note">{ t.timeline_reviews_note }</p>
                }
                { sources }
                <p class="tm-share">
                    <button type="button" class="tm-copy" onclick={copy}>{ t.copy_link }</button>
                    <span class="tm-copy-status" role="status">{ copy_status }</span>
                </p>
                if let Some(content) = &profile.content {
                    { host_content(content, t) }
                }
            </section>
        }
    }
}

/// The host's content for the state: a part of the panel, not a component of its own (one component's code
/// less in the wasm; it changes only with the panel's profile).
fn host_content(c: &CountryContent, t: &Catalogue) -> Html {
    let mut summary = Vec::with_capacity(c.summary.len());
    for paragraph in &c.summary {
        summary.push(html! { <p>{ paragraph }</p> });
    }
    let mut alerts = Vec::with_capacity(c.alerts.len());
    for alert in &c.alerts {
        alerts.push(html! {
            <li>
                if let Some(url) = &alert.url {
                    <a href={url.as_str().to_owned()} rel="noopener noreferrer" target="_blank">{ &alert.title }</a>
                } else {
                    { &alert.title }
                }
                if let Some(date) = alert.date {
                    <span class="tm-date">{ format!(" ({})", t.date(date)) }</span>
                }
            </li>
        });
    }
    html! {
        <div class="tm-host">
            { summary }
            if !c.members.is_empty() {
                <h3>{ t.member_organisations }</h3>
                <ul class="tm-members">{ link_items(&c.members) }</ul>
            }
            if !c.alerts.is_empty() {
                <h3>{ t.latest_alerts }</h3>
                <ul class="tm-alerts">{ alerts }</ul>
            }
            if !c.links.is_empty() {
                <ul class="tm-links">{ link_items(&c.links) }</ul>
            }
        </div>
    }
}

/// A `<li>` of each text, as the children of a list. Lists here are made by loops, not `{ for …map(…) }`, whose
/// iterator adapters yew compiles again at each place they are used (bench/SIZE.md).
fn items(texts: &[String]) -> Vec<Html> {
    let mut items = Vec::with_capacity(texts.len());
    for text in texts {
        items.push(html! { <li>{ text }</li> });
    }
    items
}

/// A `<li>` of each of the host's links, opened in a new tab.
fn link_items(links: &[Link]) -> Vec<Html> {
    let mut items = Vec::with_capacity(links.len());
    for link in links {
        items.push(html! {
            <li><a href={link.url.as_str().to_owned()} rel="noopener noreferrer" target="_blank">{ &link.text }</a></li>
        });
    }
    items
}
