//! `StateShape`: one state's `<path data-iso3>`, a button filled by its class, and a territory's texture over it.
//! Keyed by ISO3, so a selection re-renders only the shapes whose props changed.

use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::scene::Scene;
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
            && (self.scene == other.scene || self.scene.shape_unchanged(&other.scene, self.index))
    }
}

/// One state's `<path data-iso3>`: a button filled by its class.
#[component]
pub(super) fn StateShape(props: &StateShapeProps) -> Html {
    let Some(shape) = props.scene.shapes.get(props.index) else {
        return Html::default();
    };
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <>
        <path class={classes!("tm-shape", shape.class.css_class(), props.selected.then_some("tm-selected"),
                              props.filtered.then_some("tm-filtered"))}
              d={AttrValue::from(shape.d.clone())}
              fill={shape.class.pattern().map(|p| format!("url(#{}-p-{p})", props.id_prefix))}
              data-iso3={shape.iso3.to_string()}
              role="button"
              tabindex={if props.tab_stop { "0" } else { "-1" }}
              aria-label={props.scene.accessible_name(shape, lang)}
              aria-pressed={if props.selected { "true" } else { "false" }} />
        // A territory to which a party's treaty applies: its own texture over the party's class.
        if shape.territory {
            <path class={classes!("tm-territory", props.filtered.then_some("tm-filtered"))} d={AttrValue::from(shape.d.clone())}
                  fill={format!("url(#{}-p-territory)", props.id_prefix)} aria-hidden="true" />
        }
        </>
    }
}
