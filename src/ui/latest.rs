//! `LatestActions`: "Latest treaty actions" in the map's region: the five most recent signatures and
//! ratifications, accessions or successions up to the date shown, newest first, each a button that opens the
//! state's profile.

use yew::prelude::*;

use crate::core::date::Date;
use crate::core::i18n::{fill, Lang};
use crate::core::iso3::Iso3;
use crate::core::profile::action_text;
use crate::core::scene::Scene;
use crate::core::timeline::latest;
use crate::ui::Shared;

/// How many actions the list shows.
pub const LATEST_ACTIONS: usize = 5;

#[derive(Properties, PartialEq)]
pub struct LatestActionsProps {
    /// The language of the component's words (the widget's).
    pub lang: Lang,
    /// The scene as built: the data's own standings, whose dated actions the list picks from.
    pub scene: Shared<Scene>,
    /// The last day whose actions count: the date the map shows.
    pub until: Date,
    pub on_select: Callback<Iso3>,
    /// The id of the list's heading, unique on the page.
    pub heading_id: AttrValue,
}

/// "Colombia — OPCAT accession, 10 November 2025", for each of the latest actions.
#[component]
pub fn LatestActions(props: &LatestActionsProps) -> Html {
    let lang = props.lang;
    let t = lang.catalogue();
    let actions = latest(props.scene.region_states(), props.until, LATEST_ACTIONS);
    html! {
        <div class="tm-latest">
            <h2 class="tm-latest-title" id={props.heading_id.clone()}>{ t.latest_title }</h2>
            if actions.is_empty() {
                <p class="tm-latest-none">{ t.latest_none }</p>
            } else {
                <ol>
                    { for actions.iter().map(|action| {
                        let iso3 = action.iso3;
                        let name = props.scene.shape(iso3).map_or_else(|| iso3.to_string(), |s| s.name.clone());
                        let text = fill(t.latest_item, &[
                            ("name", &name),
                            ("action", &action_text(&action.event, lang)),
                            ("date", &t.date(action.event.date)),
                        ]);
                        let onclick = props.on_select.reform(move |_: MouseEvent| iso3);
                        html! {
                            <li>
                                <button type="button" class="tm-latest-item" {onclick}>{ text }</button>
                            </li>
                        }
                    }) }
                </ol>
            }
        </div>
    }
}
