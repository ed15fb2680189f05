//! `StateShape`: one state's `<path data-iso3>`, a button filled by its class, and a territory's texture over it.
//! Keyed by ISO3, so a selection re-renders only the shapes whose props changed, and a change of date or view
//! (told through the map's `Colouring`) only the shapes it recolours.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::class::StatusClass;
use crate::core::i18n::Lang;
use crate::ui::hooks::use_effect_on;
use crate::ui::map::colouring::ColouringRef;
use crate::ui::nodes::{class_list, element};
use crate::ui::Drawing;

#[derive(Properties)]
pub(super) struct StateShapeProps {
    /// The projection the shape is drawn from; its class and name are the colouring's.
    pub(super) drawing: Drawing,
    pub(super) colouring: ColouringRef,
    /// The shape's place in the scene's shapes.
    pub(super) index: usize,
    pub(super) selected: bool,
    pub(super) tab_stop: bool,
    /// Classes switched off in the legend: the shape is dimmed when its class is one.
    pub(super) hidden: Rc<Vec<StatusClass>>,
    pub(super) id_prefix: AttrValue,
    /// The widget's language (a prop rather than a context, which every shape would look up on each render).
    pub(super) lang: Lang,
}

impl StateShapeProps {
    /// Whether the shape is dimmed: its class on show is switched off.
    fn filtered(&self) -> bool {
        self.colouring
            .0
            .class(self.index)
            .is_some_and(|class| self.hidden.contains(&class))
    }
}

/// The same shape, drawn and named alike: a change of date or view reaches the shapes it recolours through the
/// colouring, not through their props, so that the map does not compare every shape's props for it.
impl PartialEq for StateShapeProps {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
            && self.selected == other.selected
            && self.tab_stop == other.tab_stop
            && self.id_prefix == other.id_prefix
            && self.lang == other.lang
            && self.drawing == other.drawing
            && self.colouring == other.colouring
            && self.filtered() == other.filtered()
    }
}

/// One state's `<path data-iso3>`: a button filled by its class.
#[component]
pub(super) fn StateShape(props: &StateShapeProps) -> Html {
    let scene = props.colouring.0.scene();
    let iso3 = scene.shapes.get(props.index).map(|shape| shape.iso3);
    let update = use_force_update();
    {
        let colouring = props.colouring.clone();
        use_effect_on((props.index, iso3), move |&(index, iso3)| {
            if let Some(iso3) = iso3 {
                colouring
                    .0
                    .listen(index, iso3, Callback::from(move |()| update.force_update()));
            }
            move || {
                if let Some(iso3) = iso3 {
                    colouring.0.forget(index, iso3);
                }
            }
        });
    }
    let Some(shape) = scene.shapes.get(props.index) else {
        return Html::default();
    };
    let filtered = if props.filtered() { "tm-filtered" } else { "" };
    let d = AttrValue::from(shape.d.clone());
    let path = element(
        "path",
        &[
            "d",
            "fill",
            "data-iso3",
            "role",
            "tabindex",
            "aria-label",
            "aria-pressed",
            "class",
        ],
        vec![
            Some(d.clone()),
            shape
                .class
                .pattern()
                .map(|p| format!("url(#{}-p-{p})", props.id_prefix).into()),
            Some(shape.iso3.to_string().into()),
            Some("button".into()),
            Some(if props.tab_stop { "0" } else { "-1" }.into()),
            Some(scene.accessible_name(shape, props.lang).into()),
            Some(if props.selected { "true" } else { "false" }.into()),
            Some(class_list(&[
                "tm-shape",
                shape.class.css_class(),
                if props.selected { "tm-selected" } else { "" },
                filtered,
            ])),
        ],
        Vec::new(),
    );
    // A territory to which a party's treaty applies: its own texture over the party's class.
    let texture = shape.territory.then(|| {
        element(
            "path",
            &["d", "fill", "aria-hidden", "class"],
            vec![
                Some(d),
                Some(format!("url(#{}-p-territory)", props.id_prefix).into()),
                Some("true".into()),
                Some(class_list(&["tm-territory", filtered])),
            ],
            Vec::new(),
        )
    });
    // The texture always a node after the path, empty when there is none: a date can add or remove it (a territory
    // counts once its party was a party), and an unkeyed list is matched from its end, which would make the
    // state's path into the texture and draw the path anew.
    html! { <>{ path }{ texture.unwrap_or_default() }</> }
}
