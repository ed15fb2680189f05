//! `latest_actions`: "Latest treaty actions" in the map's region: the five most recent signatures and
//! ratifications, accessions or successions up to the date shown, newest first, each a button that opens the
//! state's profile.

use yew::prelude::*;

use crate::core::date::Date;
use crate::core::i18n::{fill, Lang};
use crate::core::iso3::Iso3;
use crate::core::profile::action_text;
use crate::core::scene::Scene;
use crate::core::timeline::latest;

/// How many actions the list shows.
pub const LATEST_ACTIONS: usize = 5;

/// "Colombia — OPCAT accession, 10 November 2025", for each of the latest actions in `scene`'s region up to
/// `until` (the date the map shows), in `lang`; `on_select` opens a state's profile; `heading_id` is the id of
/// the list's heading, unique on the page. A function, not a component: it holds no state, and the widget's
/// render calls it with what it already has (a component of its own cost the wasm more; bench/SIZE.md).
pub fn latest_actions(
    lang: Lang,
    scene: &Scene,
    until: Date,
    on_select: &Callback<Iso3>,
    heading_id: AttrValue,
) -> Html {
    let t = lang.catalogue();
    let actions = latest(scene.region_states(), until, LATEST_ACTIONS);
    let mut items = Vec::with_capacity(actions.len());
    for action in &actions {
        let iso3 = action.iso3;
        let name = scene
            .shape(iso3)
            .map_or_else(|| iso3.to_string(), |s| s.name.clone());
        let text = fill(
            t.latest_item,
            &[
                ("name", &name),
                ("action", &action_text(&action.event, lang)),
                ("date", &t.date(action.event.date)),
            ],
        );
        let onclick = on_select.reform(move |_: MouseEvent| iso3);
        items.push(html! {
            <li>
                <button type="button" class="tm-latest-item" {onclick}>{ text }</button>
            </li>
        });
    }
    html! {
        <div class="tm-latest">
            <h2 class="tm-latest-title" id={heading_id}>{ t.latest_title }</h2>
            if actions.is_empty() {
                <p class="tm-latest-none">{ t.latest_none }</p>
            } else {
                <ol>{ items }</ol>
            }
        </div>
    }
}
