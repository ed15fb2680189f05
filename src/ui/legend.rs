use yew::prelude::*;

use crate::core::scene::LegendEntry;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub entries: Vec<LegendEntry>,
    /// The id of the legend's heading, unique on the page.
    pub heading_id: AttrValue,
}

/// Each colour class with its count of states on the map.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <div class="tm-legend">
            <h3 class="tm-legend-title" id={props.heading_id.clone()}>{ "Status under CAT and OPCAT" }</h3>
            <ul aria-labelledby={props.heading_id.clone()}>
                { for props.entries.iter().map(|entry| html! {
                    <li key={entry.class.css_class()} data-class={entry.class.css_class()}>
                        <span class={classes!("tm-swatch", entry.class.css_class())} aria-hidden="true"></span>
                        <span class="tm-legend-label">{ entry.class.label() }</span>
                        <span class="tm-count">{ entry.count }</span>
                    </li>
                }) }
            </ul>
        </div>
    }
}
