//! `StateShape`: one state's `<path data-iso3>`, a button filled by its class, and a territory's texture over it.
//! Keyed by ISO3, so a selection re-renders only the shapes whose props changed.

use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::scene::Scene;
use crate::ui::nodes::{class_list, element};
use crate::ui::Shared;

#[derive(Properties)]
pub(super) struct StateShapeProps {
    pub(super) scene: Shared<Scene>,
    /// The shape's place in `scene.shapes`.
    pub(super) index: usize,
    pub(super) selected: bool,
    pub(super) tab_stop: bool,
    pub(super) filtered: bool,
    pub(super) id_prefix: AttrValue,
    /// The widget's language (a prop rather than a context, which every shape would look up on each render).
    pub(super) lang: Lang,
}

/// The same shape, drawn and named alike: another scene counts as the same when it leaves this shape as it was
/// (`Scene::shape_unchanged`), so that a change of date or view re-renders only the shapes it recolours.
impl PartialEq for StateShapeProps {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
            && self.selected == other.selected
            && self.tab_stop == other.tab_stop
            && self.filtered == other.filtered
            && self.id_prefix == other.id_prefix
            && self.lang == other.lang
            && (self.scene == other.scene || self.scene.shape_unchanged(&other.scene, self.index))
    }
}

/// One state's `<path data-iso3>`: a button filled by its class.
#[component]
pub(super) fn StateShape(props: &StateShapeProps) -> Html {
    let Some(shape) = props.scene.shapes.get(props.index) else {
        return Html::default();
    };
    let filtered = if props.filtered { "tm-filtered" } else { "" };
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
            Some(props.scene.accessible_name(shape, props.lang).into()),
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
    html! { <>{ path }{ for texture }</> }
}
