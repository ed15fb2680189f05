//! `Legend`: the colour classes with their counts, each a toggle that dims its states, and the key to the
//! territories' texture.

use yew::prelude::*;

use crate::core::class::{StatusClass, View};
use crate::core::date::Date;
use crate::core::i18n::{fill, Lang};
use crate::core::scene::LegendEntry;
use crate::ui::nodes::swatch;

/// What the legend shows. A plain struct and function, not a component: the legend holds no state, and the
/// widget's render makes it from what it already has (a component of its own cost the wasm more; bench/SIZE.md).
pub struct Legend<'a> {
    /// The language of the legend's words (the widget's).
    pub lang: Lang,
    pub entries: &'a [LegendEntry],
    /// Which treaty the classes are for.
    pub view: View,
    /// The day the classes are for (`None`: the data's own date): before a treaty opened, its wording differs.
    pub date: Option<Date>,
    /// Classes switched off.
    pub hidden: &'a [StatusClass],
    pub on_toggle: &'a Callback<StatusClass>,
    /// The id of the legend's heading, unique on the page.
    pub heading_id: AttrValue,
    /// How many territories the map draws in their party's class (with their own texture), for the key.
    pub territories: usize,
}

impl Legend<'_> {
    /// Each colour class with its count of states on the map. Each entry is a toggle button: switching a class
    /// off dims its states on the map and leaves them out of the table. Below, the key to the territories'
    /// texture.
    pub fn html(&self) -> Html {
        let t = self.lang.catalogue();
        let mut entries = Vec::with_capacity(self.entries.len());
        for entry in self.entries {
            let class = entry.class;
            let shown = !self.hidden.contains(&class);
            let onclick = self.on_toggle.reform(move |_| class);
            entries.push(html! {
                <li key={class.css_class()} data-class={class.css_class()}>
                    <button type="button" class="tm-legend-toggle" aria-pressed={if shown { "true" } else { "false" }} {onclick}>
                        { swatch(class.css_class()) }
                        <span class="tm-legend-label">{ t.class_on(class, self.view, self.date) }</span>
                        <span class="tm-count">{ entry.count }</span>
                    </button>
                </li>
            });
        }
        html! {
            <div class="tm-legend">
                <h2 class="tm-legend-title" id={self.heading_id.clone()}>{ fill(t.legend_title, &[("view", t.view(self.view))]) }</h2>
                <ul aria-labelledby={self.heading_id.clone()}>{ entries }</ul>
                if self.territories > 0 {
                    <p class="tm-legend-key">
                        <span class="tm-swatch tm-swatch-territory" aria-hidden="true"></span>
                        { t.territory_key }<span class="tm-count">{ self.territories }</span>
                    </p>
                }
            </div>
        }
    }
}
