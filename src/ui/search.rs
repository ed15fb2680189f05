//! `Search`: the "Find a state" combobox over the scene's names, aliases and English names.

use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::iso3::Iso3;
use crate::core::navigate::fold;
use crate::core::scene::Scene;
use crate::ui::state::{Action, MapState, SearchBox};
use crate::ui::Shared;

/// How many suggestions the list shows at most.
const MAX_OPTIONS: usize = 8;

/// What the search box shows. A plain struct and function, not a component: its state (the text typed, whether
/// the list is open, the option active) is the widget's ([`MapState`]'s [`SearchBox`]), and the widget's render
/// makes it from what it already has (a component of its own cost the wasm more; bench/SIZE.md).
pub struct Search<'a> {
    /// The language of the box's words (the widget's).
    pub lang: Lang,
    /// The scene as shown: the statuses the suggestions give are the map's, on the map's date.
    pub scene: &'a Shared<Scene>,
    pub state: &'a SearchBox,
    pub dispatcher: &'a UseReducerDispatcher<MapState>,
    /// Prefix of the ids inside, unique on the page.
    pub id_prefix: &'a str,
}

impl Search<'_> {
    /// Find a state by name: an editable combobox with a list of suggestions (the ARIA 1.2 combobox pattern).
    /// Matching ignores case and accents and prefers names that start with the text typed.
    pub fn html(&self) -> Html {
        let lang = self.lang;
        let t = lang.catalogue();
        let SearchBox {
            query,
            open,
            active,
        } = self.state;
        let (open, active) = (*open, *active);
        let matches = matches(self.scene, query);
        let (input_id, list_id) = (
            format!("{}-search", self.id_prefix),
            format!("{}-search-list", self.id_prefix),
        );
        let option_id = |i: usize| format!("{}-search-{i}", self.id_prefix);

        let choose = {
            let (dispatcher, scene) = (self.dispatcher.clone(), self.scene.clone());
            move |iso3: Iso3| {
                let name = scene.shape(iso3).map(|shape| shape.name.clone());
                dispatcher.dispatch(Action::SearchChose(iso3, name));
            }
        };
        let oninput = {
            let dispatcher = self.dispatcher.clone();
            move |event: InputEvent| {
                let value = event
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value();
                dispatcher.dispatch(Action::SearchTyped(value));
            }
        };
        let onkeydown = {
            let (dispatcher, choose) = (self.dispatcher.clone(), choose.clone());
            let matches: Vec<Iso3> = matches.iter().map(|&(iso3, _)| iso3).collect();
            move |event: KeyboardEvent| match event.key().as_str() {
                "ArrowDown" if !matches.is_empty() => {
                    event.prevent_default();
                    dispatcher.dispatch(if open {
                        Action::SearchActive((active + 1) % matches.len())
                    } else {
                        Action::SearchOpen(true)
                    });
                }
                "ArrowUp" if open && !matches.is_empty() => {
                    event.prevent_default();
                    dispatcher.dispatch(Action::SearchActive(
                        (active + matches.len() - 1) % matches.len(),
                    ));
                }
                "Enter" if open => {
                    if let Some(&iso3) = matches.get(active) {
                        event.prevent_default();
                        choose(iso3);
                    }
                }
                "Escape" if open => {
                    event.stop_propagation();
                    dispatcher.dispatch(Action::SearchOpen(false));
                }
                _ => {}
            }
        };
        let onblur = {
            let dispatcher = self.dispatcher.clone();
            move |_| dispatcher.dispatch(Action::SearchOpen(false))
        };
        let expanded = open && !matches.is_empty();
        let mut options = Vec::with_capacity(matches.len());
        for (i, &(iso3, ref name)) in matches.iter().enumerate() {
            let choose = choose.clone();
            // mousedown, not click: it comes before the input's blur closes the list.
            let onmousedown = move |event: MouseEvent| {
                event.prevent_default();
                choose(iso3);
            };
            // Each state with its status as the map shows it (on the map's date).
            let status = self
                .scene
                .shape(iso3)
                .map(|s| self.scene.class_label(s.class, lang));
            options.push(html! {
                <li id={option_id(i)} role="option" data-iso3={iso3.to_string()}
                    aria-selected={if i == active { "true" } else { "false" }} {onmousedown}>
                    { name.clone() }
                    if let Some(status) = status {
                        <span class="tm-search-status">{ " — " }{ status }</span>
                    }
                </li>
            });
        }
        html! {
            <div class="tm-search">
                <label for={input_id.clone()}>{ t.search_label }</label>
                <input id={input_id} type="text" role="combobox" autocomplete="off" spellcheck="false"
                       aria-autocomplete="list" aria-controls={list_id.clone()}
                       aria-expanded={if expanded { "true" } else { "false" }}
                       aria-activedescendant={expanded.then(|| option_id(active))}
                       value={query.clone()} {oninput} {onkeydown} {onblur} />
                <ul id={list_id} role="listbox" aria-label={t.search_list} class="tm-search-list" hidden={!expanded}>
                    { options }
                </ul>
            </div>
        }
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
