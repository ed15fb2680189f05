//! The thin Yew layer: maps the core's scene and profile to the DOM, and DOM events to actions.

pub mod app;
pub mod chart;
pub mod dom;
pub mod export;
pub mod fetch;
pub mod guard;
pub mod hooks;
pub mod latest;
pub mod legend;
pub mod map;
pub mod nodes;
pub mod panel;
pub mod prerender;
pub mod search;
pub mod state;
pub mod style;
pub mod table;
pub mod time;
pub mod widget;

use std::rc::Rc;

use crate::core::scene::Scene;

/// Shared, immutable data handed down as a prop. Equality is identity, so a re-render never compares the
/// whole dataset field by field.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A scene as a prop of what is drawn from its geometry alone (the context, the leader lines, the dots'
/// places): equal for every colouring of one projection (`Scene::same_drawing`), so that a change of date
/// or view does not draw them again.
#[derive(Clone)]
pub struct Drawing(pub Shared<Scene>);

impl PartialEq for Drawing {
    fn eq(&self, other: &Self) -> bool {
        self.0.same_drawing(&other.0)
    }
}
