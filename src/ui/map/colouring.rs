//! `Colouring`: the scene a map shows, shared with its shapes, so that a change of date or view re-renders the
//! shapes it recolours without the map's list of every shape being made and compared again.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::class::StatusClass;
use crate::core::iso3::Iso3;
use crate::core::scene::Scene;
use crate::ui::Shared;

/// The scene on show and, by shape index, the shape listening at each. `MapSvg` hands it every scene
/// (`show`); a shape reads its class and name from it (`scene`) and hears when another colouring of the same
/// projection changes it (`Scene::shape_unchanged`). A new projection is not a colouring: `Layers` draws it
/// anew.
pub(super) struct Colouring {
    scene: RefCell<Shared<Scene>>,
    listeners: RefCell<Vec<Option<Listener>>>,
}

/// A shape listening at an index: its code, and how to make it render again.
type Listener = (Iso3, Callback<()>);

/// A map's colouring as a prop: equal only to itself.
#[derive(Clone)]
pub(super) struct ColouringRef(pub(super) Rc<Colouring>);

impl PartialEq for ColouringRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ColouringRef {
    /// A colouring showing `scene`, with no shape listening yet.
    pub(super) fn showing(scene: Shared<Scene>) -> ColouringRef {
        ColouringRef(Rc::new(Colouring {
            scene: RefCell::new(scene),
            listeners: RefCell::default(),
        }))
    }
}

impl Colouring {
    /// The scene on show.
    pub(super) fn scene(&self) -> Shared<Scene> {
        self.scene.borrow().clone()
    }

    /// The class on show of the shape at `index`.
    pub(super) fn class(&self, index: usize) -> Option<StatusClass> {
        self.scene
            .borrow()
            .shapes
            .get(index)
            .map(|shape| shape.class)
    }

    /// Shows `scene`: if it colours the projection on show, the shapes it changes are told to render again.
    pub(super) fn show(&self, scene: &Shared<Scene>) {
        let old = self.scene.replace(scene.clone());
        if old == *scene || !old.same_drawing(scene) {
            return;
        }
        let mut changed = Vec::new();
        for (index, listener) in self.listeners.borrow().iter().enumerate() {
            if let Some((_, render)) = listener {
                if !old.shape_unchanged(scene, index) {
                    changed.push(render.clone());
                }
            }
        }
        for render in changed {
            render.emit(());
        }
    }

    /// The shape `iso3`, at `index`, renders again when told.
    pub(super) fn listen(&self, index: usize, iso3: Iso3, render: Callback<()>) {
        let mut listeners = self.listeners.borrow_mut();
        if listeners.len() <= index {
            listeners.resize(index + 1, None);
        }
        listeners[index] = Some((iso3, render));
    }

    /// The shape `iso3` no longer listens at `index` (another may, since a new projection orders them anew).
    pub(super) fn forget(&self, index: usize, iso3: Iso3) {
        if let Some(slot) = self.listeners.borrow_mut().get_mut(index) {
            if slot
                .as_ref()
                .is_some_and(|(listening, _)| *listening == iso3)
            {
                *slot = None;
            }
        }
    }
}
