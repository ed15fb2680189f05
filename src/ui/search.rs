//! `Search`: the "Find a state" combobox over the scene's names, aliases and English names.

use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::iso3::Iso3;
use crate::core::navigate::fold;
use crate::core::scene::Scene;
use crate::ui::Shared;

/// How many suggestions the list shows at most.
const MAX_OPTIONS: usize = 8;

#[derive(Properties, PartialEq)]
pub struct SearchProps {
    /// The language of the component's words (the widget's).
    pub lang: Lang,
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
    let lang = props.lang;
    let t = lang.catalogue();
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
            <label for={input_id.clone()}>{ t.search_label }</label>
            <input id={input_id} type="text" role="combobox" autocomplete="off" spellcheck="false"
                   aria-autocomplete="list" aria-controls={list_id.clone()}
                   aria-expanded={if expanded { "true" } else { "false" }}
                   aria-activedescendant={expanded.then(|| option_id(*active))}
                   value={(*query).clone()} {oninput} {onkeydown} {onblur} />
            <ul id={list_id} role="listbox" aria-label={t.search_list} class="tm-search-list" hidden={!expanded}>
                { for matches.iter().enumerate().map(|(i, &(iso3, ref name))| {
                    let choose = choose.clone();
                    // mousedown, not click: it comes before the input's blur closes the list.
                    let onmousedown = move |event: MouseEvent| {
                        event.prevent_default();
                        choose.emit(iso3);
                    };
                    // Each state with its status as the map shows it (on the map's date).
                    let status = props.scene.shape(iso3).map(|s| props.scene.class_label(s.class, lang));
                    html! {
                        <li id={option_id(i)} role="option" data-iso3={iso3.to_string()}
                            aria-selected={if i == *active { "true" } else { "false" }} {onmousedown}>
                            { name.clone() }
                            if let Some(status) = status {
                                <span class="tm-search-status">{ " — " }{ status }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The states whose name (in the map's language or in English) or one of whose other names (aliases: "Turquie",
/// "Ivory Coast") contains the query, ignoring case and accents, or whose ISO3 code it is; those starting with
/// it first, then in the map's order (by name).
fn matches(scene: &Scene, query: &str) -> Vec<(Iso3, String)> {
    let query = query.trim();
    let needle = fold(query);
    if needle.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, usize, Iso3)> = scene
        .shapes
        .iter()
        .enumerate()
        .filter_map(|(order, s)| {
            let code = s.iso3.as_str().eq_ignore_ascii_case(query);
            let position = [&s.name, &s.english_name]
                .into_iter()
                .chain(s.aliases.iter())
                .filter_map(|name| fold(name).find(&needle))
                .min();
            let first = code || position == Some(0);
            (code || position.is_some()).then_some((!first, order, s.iso3))
        })
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .take(MAX_OPTIONS)
        .map(|(_, order, iso3)| (iso3, scene.shapes[order].name.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Names;
    use crate::core::load::{assemble, Inputs};
    use crate::core::region::Region;

    fn scene(names: &str) -> Scene {
        let square = |lon: i32| format!("[[[{lon},0],[{},0],[{},1],[{lon},0]]]", lon + 1, lon + 1);
        let feature = |iso3: &str, name: &str, lon: i32| {
            format!(
                r#"{{"type":"Feature","properties":{{"iso3":"{iso3}","name":"{name}"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
                square(lon)
            )
        };
        let geometry = format!(
            r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
            feature("ARE", "United Arab Emirates", 50),
            feature("EGY", "Egypt", 30),
            feature("DEU", "Germany", 10)
        );
        let status = r#"{"as_of":"2026-02-03","source":"UN Treaty Collection","states":[]}"#;
        let regions = r#"{"ARE":"mena","EGY":"mena","DEU":"europe-central-asia"}"#;
        let data = assemble(Inputs::texts(status, &geometry, regions, None)).unwrap();
        let (names, _) = Names::from_json(names).unwrap();
        Scene::build_localized(&data, Region::World, 1000.0, &names)
    }

    fn found(scene: &Scene, query: &str) -> Vec<String> {
        matches(scene, query)
            .into_iter()
            .map(|(_, name)| name)
            .collect()
    }

    #[test]
    fn search_matches_the_localized_name_the_english_name_and_the_code() {
        let french =
            scene(r#"{"ARE": "Émirats arabes unis", "EGY": "Égypte", "DEU": "Allemagne"}"#);
        assert_eq!(
            found(&french, "e"),
            ["Égypte", "Émirats arabes unis", "Allemagne"]
        );
        assert_eq!(found(&french, "germ"), ["Allemagne"], "the English name");
        assert_eq!(found(&french, "deu"), ["Allemagne"], "the ISO3 code");
        assert_eq!(found(&french, "emirats"), ["Émirats arabes unis"]);
        assert!(found(&french, "  ").is_empty());
        let arabic = scene(r#"{"ARE": "الإمارات العربية المتحدة", "EGY": "مصر", "DEU": "ألمانيا"}"#);
        assert_eq!(found(&arabic, "الامارات"), ["الإمارات العربية المتحدة"]);
        assert_eq!(found(&arabic, "Egypt"), ["مصر"]);
    }
}
