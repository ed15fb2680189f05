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
pub mod panel;
pub mod prerender;
pub mod search;
pub mod state;
pub mod style;
pub mod table;
pub mod time;
pub mod widget;

use std::rc::Rc;

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
