//! The widget's interaction state: which state's profile is open.

use std::rc::Rc;

use yew::Reducible;

use crate::core::iso3::Iso3;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapState {
    /// The state whose profile panel is open.
    pub selected: Option<Iso3>,
    /// The state whose shape should take focus back after its panel closed.
    pub focus_return: Option<Iso3>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    /// Open (or switch) the profile panel to this state.
    Select(Iso3),
    /// Close the profile panel.
    Close,
}

impl Reducible for MapState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Select(iso3) if self.selected == Some(iso3) => self,
            Action::Select(iso3) => Rc::new(MapState {
                selected: Some(iso3),
                focus_return: None,
            }),
            Action::Close if self.selected.is_none() => self,
            Action::Close => Rc::new(MapState {
                selected: None,
                focus_return: self.selected,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_switch_and_close() {
        let per = Iso3::parse("PER").unwrap();
        let mex = Iso3::parse("MEX").unwrap();
        let state = Rc::new(MapState::default());
        let state = state.reduce(Action::Select(per));
        assert_eq!(state.selected, Some(per));
        let state = state.reduce(Action::Select(mex));
        assert_eq!(state.selected, Some(mex));
        let state = state.reduce(Action::Close);
        assert_eq!(
            *state,
            MapState {
                selected: None,
                focus_return: Some(mex)
            }
        );
        let again = Rc::clone(&state).reduce(Action::Close);
        assert!(
            Rc::ptr_eq(&state, &again),
            "closing a closed panel changes nothing"
        );
    }
}
