use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::iso3::Iso3;
use crate::core::scene::Scene;
use crate::ui::Shared;

#[derive(Properties, PartialEq)]
pub struct MapSvgProps {
    pub scene: Shared<Scene>,
    pub selected: Option<Iso3>,
    pub on_select: Callback<Iso3>,
    /// The id of the SVG's title, unique on the page.
    pub title_id: AttrValue,
}

/// The map: one `<path data-iso3>` per state of the region, filled by its class, over muted context areas.
/// Clicks and Enter/Space reach the states' group once (event delegation), not one listener per state.
#[component]
pub fn MapSvg(props: &MapSvgProps) -> Html {
    let scene = &props.scene;
    let onclick = {
        let on_select = props.on_select.clone();
        move |event: MouseEvent| {
            if let Some(iso3) = iso3_of_target(event.target()) {
                on_select.emit(iso3);
            }
        }
    };
    let onkeydown = {
        let on_select = props.on_select.clone();
        move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                if let Some(iso3) = iso3_of_target(event.target()) {
                    event.prevent_default();
                    on_select.emit(iso3);
                }
            }
        }
    };
    let view_box = format!("0 0 {} {}", scene.width_px, scene.height_px);
    html! {
        <svg class="tm-map" viewBox={view_box} role="group" aria-labelledby={props.title_id.clone()}
             xmlns="http://www.w3.org/2000/svg">
            <title id={props.title_id.clone()}>{ format!("{}: status under the Convention against Torture and its Optional Protocol", scene.region.label()) }</title>
            <g class="tm-context" aria-hidden="true">
                { for scene.context.iter().map(|c| html! { <path d={AttrValue::from(c.d.clone())} /> }) }
            </g>
            <g class="tm-states" {onclick} {onkeydown}>
                { for scene.shapes.iter().map(|shape| {
                    let selected = props.selected == Some(shape.iso3);
                    html! {
                        <path key={shape.iso3.as_str()}
                            class={classes!("tm-shape", shape.class.css_class(), selected.then_some("tm-selected"))}
                            d={AttrValue::from(shape.d.clone())}
                            data-iso3={shape.iso3.to_string()}
                            role="button"
                            tabindex="0"
                            aria-label={format!("{}: {}", shape.name, shape.class.label())}
                            aria-pressed={if selected { "true" } else { "false" }} />
                    }
                }) }
            </g>
        </svg>
    }
}

/// The ISO3 code of the state shape an event reached, if any.
fn iso3_of_target(target: Option<web_sys::EventTarget>) -> Option<Iso3> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    let shape = element.closest("[data-iso3]").ok()??;
    Iso3::parse(&shape.get_attribute("data-iso3")?)
}
