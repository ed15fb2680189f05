use yew::prelude::*;

use crate::core::iso3::Iso3;
use crate::core::navigate::fold;
use crate::core::scene::Scene;
use crate::ui::Shared;

/// How many suggestions the list shows at most.
const MAX_OPTIONS: usize = 8;

#[derive(Properties, PartialEq)]
pub struct SearchProps {
    pub scene: Shared<Scene>,
    /// Opens the chosen state's profile.
    pub on_select: Callback<Iso3>,
    /// Prefix of the ids inside, unique on the page.
    pub id_prefix: AttrValue,
}

/// Find a state by name: an editable combobox with a list of suggestions (the ARIA 1.2 combobox pattern).
/// Matching ignores case and accents and prefers names that start with the text typed.
#[component]
pub fn Search(props: &SearchProps) -> Html {
    let query = use_state(String::new);
    let open = use_state_eq(|| false);
    let active = use_state_eq(|| 0_usize);
    let matches = matches(&props.scene, &query);
    let (input_id, list_id) = (
        format!("{}-search", props.id_prefix),
        format!("{}-search-list", props.id_prefix),
    );
    let option_id = |i: usize| format!("{}-search-{i}", props.id_prefix);

    let choose = {
        let (query, open, on_select) = (query.clone(), open.clone(), props.on_select.clone());
        let scene = props.scene.clone();
        Callback::from(move |iso3: Iso3| {
            if let Some(shape) = scene.shape(iso3) {
                query.set(shape.name.clone());
            }
            open.set(false);
            on_select.emit(iso3);
        })
    };
    let oninput = {
        let (query, open, active) = (query.clone(), open.clone(), active.clone());
        move |event: InputEvent| {
            let value = event
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            open.set(!value.trim().is_empty());
            active.set(0);
            query.set(value);
        }
    };
    let onkeydown = {
        let (open, active, choose) = (open.clone(), active.clone(), choose.clone());
        let matches = matches.clone();
        move |event: KeyboardEvent| match event.key().as_str() {
            "ArrowDown" if !matches.is_empty() => {
                event.prevent_default();
                if *open {
                    active.set((*active + 1) % matches.len());
                } else {
                    open.set(true);
                }
            }
            "ArrowUp" if *open && !matches.is_empty() => {
                event.prevent_default();
                active.set((*active + matches.len() - 1) % matches.len());
            }
            "Enter" if *open => {
                if let Some(&(iso3, _)) = matches.get(*active) {
                    event.prevent_default();
                    choose.emit(iso3);
                }
            }
            "Escape" if *open => {
                event.stop_propagation();
                open.set(false);
            }
            _ => {}
        }
    };
    let onblur = {
        let open = open.clone();
        move |_| open.set(false)
    };
    let expanded = *open && !matches.is_empty();
    html! {
        <div class="tm-search">
            <label for={input_id.clone()}>{ "Find a state" }</label>
            <input id={input_id} type="text" role="combobox" autocomplete="off" spellcheck="false"
                   aria-autocomplete="list" aria-controls={list_id.clone()}
                   aria-expanded={if expanded { "true" } else { "false" }}
                   aria-activedescendant={expanded.then(|| option_id(*active))}
                   value={(*query).clone()} {oninput} {onkeydown} {onblur} />
            <ul id={list_id} role="listbox" aria-label="States" class="tm-search-list" hidden={!expanded}>
                { for matches.iter().enumerate().map(|(i, &(iso3, ref name))| {
                    let choose = choose.clone();
                    // mousedown, not click: it comes before the input's blur closes the list.
                    let onmousedown = move |event: MouseEvent| {
                        event.prevent_default();
                        choose.emit(iso3);
                    };
                    html! {
                        <li id={option_id(i)} role="option" data-iso3={iso3.to_string()}
                            aria-selected={if i == *active { "true" } else { "false" }} {onmousedown}>{ name.clone() }</li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The states whose name contains the query (case- and accent-insensitive), those starting with it first.
fn matches(scene: &Scene, query: &str) -> Vec<(Iso3, String)> {
    let needle = fold(query.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, Iso3, String)> = scene
        .shapes
        .iter()
        .filter_map(|s| {
            let name = fold(&s.name);
            let position = name.find(&needle)?;
            Some((position != 0, s.iso3, s.name.clone()))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    found
        .into_iter()
        .take(MAX_OPTIONS)
        .map(|(_, iso3, name)| (iso3, name))
        .collect()
}
