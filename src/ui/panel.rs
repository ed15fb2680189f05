use yew::prelude::*;

use crate::core::content::{CountryContent, Link};
use crate::core::profile::Profile;

#[derive(Properties, PartialEq)]
pub struct ProfilePanelProps {
    pub profile: Profile,
    pub on_close: Callback<()>,
    /// The id of the panel's heading, unique on the page.
    pub heading_id: AttrValue,
}

/// The profile of one state: a labelled region whose heading is the country's name, its treaty facts, then
/// the host's content. Host text is always text: Yew escapes it, and links come only from `SafeUrl`.
#[component]
pub fn ProfilePanel(props: &ProfilePanelProps) -> Html {
    let profile = &props.profile;
    let onclick = {
        let on_close = props.on_close.clone();
        move |_| on_close.emit(())
    };
    html! {
        <section class="tm-panel" role="region" aria-labelledby={props.heading_id.clone()} data-iso3={profile.iso3.to_string()}>
            <div class="tm-panel-head">
                <h2 id={props.heading_id.clone()} class={classes!("tm-panel-title", profile.class.css_class())}>{ &profile.heading }</h2>
                <button type="button" class="tm-close" aria-label="Close profile" {onclick}>{ "×" }</button>
            </div>
            <ul class="tm-facts">
                { for profile.facts.iter().map(|fact| html! { <li>{ fact }</li> }) }
            </ul>
            { for profile.sources.iter().map(|line| html! { <p class="tm-source">{ line }</p> }) }
            if let Some(content) = &profile.content {
                <HostContent content={content.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct HostContentProps {
    content: CountryContent,
}

#[component]
fn HostContent(props: &HostContentProps) -> Html {
    let c = &props.content;
    html! {
        <div class="tm-host">
            { for c.summary.iter().map(|paragraph| html! { <p>{ paragraph }</p> }) }
            if !c.members.is_empty() {
                <h3>{ "Member organisations" }</h3>
                <ul class="tm-members">{ for c.members.iter().map(link_item) }</ul>
            }
            if !c.alerts.is_empty() {
                <h3>{ "Latest alerts" }</h3>
                <ul class="tm-alerts">
                    { for c.alerts.iter().map(|alert| html! {
                        <li>
                            if let Some(url) = &alert.url {
                                <a href={url.as_str().to_owned()} rel="noopener noreferrer" target="_blank">{ &alert.title }</a>
                            } else {
                                { &alert.title }
                            }
                            if let Some(date) = alert.date {
                                <span class="tm-date">{ format!(" ({date})") }</span>
                            }
                        </li>
                    }) }
                </ul>
            }
            if !c.links.is_empty() {
                <ul class="tm-links">{ for c.links.iter().map(link_item) }</ul>
            }
        </div>
    }
}

fn link_item(link: &Link) -> Html {
    html! {
        <li><a href={link.url.as_str().to_owned()} rel="noopener noreferrer" target="_blank">{ &link.text }</a></li>
    }
}
