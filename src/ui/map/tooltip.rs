//! `Tooltip`: the name and class of the state under the pointer, placed by a transform (set through the CSS
//! object model, on its own compositor layer). Always in the DOM, hidden when idle.

use yew::prelude::*;

use crate::core::fixed::Fixed;
use crate::core::i18n::{fill, Lang};
use crate::core::iso3::Iso3;
use crate::core::scene::Scene;
use crate::ui::hooks::use_effect_on;
use crate::ui::Shared;

/// The tooltip under the pointer: which state, and where (CSS px from the figure's top left).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Hover {
    pub(super) iso3: Iso3,
    pub(super) x_px: f64,
    pub(super) y_px: f64,
}

#[derive(Properties, PartialEq)]
pub(super) struct TooltipProps {
    /// The language of the component's words (the widget's).
    pub(super) lang: Lang,
    pub(super) scene: Shared<Scene>,
    pub(super) hover: Option<Hover>,
}

/// The tooltip of `hover`'s state, or an empty, hidden one.
#[component]
pub(super) fn Tooltip(props: &TooltipProps) -> Html {
    let scene = &props.scene;
    let lang = props.lang;
    let t = lang.catalogue();
    // Placed through the CSS object model, which a strict Content Security Policy allows (a `style` attribute
    // it would refuse).
    let tip_ref = use_node_ref();
    {
        let tip_ref = tip_ref.clone();
        use_effect_on(props.hover, move |hover| {
            if let (Some(h), Some(tip)) = (hover, tip_ref.cast::<web_sys::HtmlElement>()) {
                let at = format!(
                    "translate({}px,{}px)",
                    Fixed(h.x_px + 12.0, 0),
                    Fixed(h.y_px + 12.0, 0)
                );
                let _ = tip.style().set_property("transform", &at);
            }
        });
    }
    // Always in the DOM (hidden when idle), so showing it never reshuffles the figure's children.
    let tip = props.hover.and_then(|h| Some((h, scene.shape(h.iso3)?)));
    let mut notes = Vec::new();
    for note in tip.iter().flat_map(|(_, shape)| &shape.notes) {
        notes.push(html! { <span class="tm-tooltip-note">{ t.note(*note) }</span> });
    }
    html! {
        <div class="tm-tooltip" role="tooltip" hidden={tip.is_none()} ref={tip_ref}>
            if let Some((_, shape)) = tip {
                <strong>{ &shape.name }</strong><br />{ scene.class_label(shape.class, lang) }
                if let Some((_, party)) = &shape.party {
                    <br />{ fill(t.class_territory, &[("class", ""), ("party", party)]).trim_start_matches([' ', '—']) }
                }
                { notes }
            }
        </div>
    }
}
