//! `Legend`: the colour classes with their counts, each a toggle that dims its states, and the key to the
//! territories' texture.

use yew::prelude::*;

use crate::core::class::{StatusClass, View};
use crate::core::date::Date;
use crate::core::i18n::{fill, Lang};
use crate::core::scene::LegendEntry;
use crate::ui::nodes::swatch;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// The language of the component's words (the widget's).
    pub lang: Lang,
    pub entries: Vec<LegendEntry>,
    /// Which treaty the classes are for.
    pub view: View,
    /// The day the classes are for (`None`: the data's own date): before a treaty opened, its wording differs.
    #[prop_or_default]
    pub date: Option<Date>,
    /// Classes switched off.
    pub hidden: Vec<StatusClass>,
    pub on_toggle: Callback<StatusClass>,
    /// The id of the legend's heading, unique on the page.
    pub heading_id: AttrValue,
    /// How many territories the map draws in their party's class (with their own texture), for the key.
    #[prop_or_default]
    pub territories: usize,
}

/// Each colour class with its count of states on the map. Each entry is a toggle button: switching a class off
/// dims its states on the map and leaves them out of the table. Below, the key to the territories' texture.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let t = props.lang.catalogue();
    html! {
        <div class="tm-legend">
            <h2 class="tm-legend-title" id={props.heading_id.clone()}>{ fill(t.legend_title, &[("view", t.view(props.view))]) }</h2>
            <ul aria-labelledby={props.heading_id.clone()}>
                { for props.entries.iter().map(|entry| {
                    let class = entry.class;
                    let shown = !props.hidden.contains(&class);
                    let onclick = props.on_toggle.reform(move |_| class);
                    html! {
                        <li key={class.css_class()} data-class={class.css_class()}>
                            <button type="button" class="tm-legend-toggle" aria-pressed={if shown { "true" } else { "false" }} {onclick}>
                                { swatch(class.css_class()) }
                                <span class="tm-legend-label">{ t.class_on(class, props.view, props.date) }</span>
                                <span class="tm-count">{ entry.count }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if props.territories > 0 {
                <p class="tm-legend-key">
                    <span class="tm-swatch tm-swatch-territory" aria-hidden="true"></span>
                    { t.territory_key }<span class="tm-count">{ props.territories }</span>
                </p>
            }
        </div>
    }
}
