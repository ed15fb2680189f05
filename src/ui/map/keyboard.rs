//! Keyboard navigation of the map: arrows, Home/End, type-ahead and Enter/Space on the states' Tab stop.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::iso3::Iso3;
use crate::core::navigate::{neighbour, Direction};
use crate::core::scene::Scene;
use crate::core::typeahead::TypeAhead;
use crate::ui::dom::iso3_of_target;
use crate::ui::Shared;

/// The map's keys, on the group of state shapes (its one Tab stop): arrows move focus to the geographic
/// neighbour, Home/End to the first/last state by name, letters to the next name starting with them
/// (`core::typeahead`), Enter/Space open the profile (`on_select`). Focus moves through `on_move`.
pub(super) fn keydown_handler(
    scene: Shared<Scene>,
    on_select: Callback<Iso3>,
    on_move: Callback<Iso3>,
    typed: Rc<RefCell<TypeAhead>>,
) -> impl Fn(KeyboardEvent) {
    move |event: KeyboardEvent| {
        let Some(current) = iso3_of_target(event.target()) else {
            return;
        };
        let key = event.key();
        let target = if let Some(direction) = Direction::from_key(&key) {
            Some(neighbour(&scene.points(), current, direction).unwrap_or(current))
        } else {
            match key.as_str() {
                "Enter" | " " => {
                    event.prevent_default();
                    on_select.emit(current);
                    return;
                }
                "Home" => scene.shapes.first().map(|s| s.iso3),
                "End" => scene.shapes.last().map(|s| s.iso3),
                _ if key.chars().count() == 1
                    && !event.ctrl_key()
                    && !event.meta_key()
                    && !event.alt_key() =>
                {
                    let names: Vec<(Iso3, &str)> = scene
                        .shapes
                        .iter()
                        .map(|s| (s.iso3, s.name.as_str()))
                        .collect();
                    typed
                        .borrow_mut()
                        .key(&key, js_sys::Date::now(), &names, current)
                }
                _ => return,
            }
        };
        if let Some(target) = target {
            event.prevent_default();
            on_move.emit(target);
        }
    }
}
