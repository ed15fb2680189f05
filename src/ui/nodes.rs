//! Elements made by one function rather than their own `html!`: the chart's dozens of elements of a few kinds
//! (each `html!` is a copy of its expansion in the wasm), and every element whose `class` is not a literal,
//! written as given: `html!` parses any other `class` into yew's hashed set of classes, which the map's
//! hundreds of elements would pay for on every render, and which costs the wasm 3.6 KB brotli of code (bench/
//! SIZE.md). An element that stays in `html!` (one with a listener or a reference, or whose children are most
//! of a view) keeps a literal `class` and shows its states in `data-` attributes (`data-zoomed`).

use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty, Attributes, Listeners, VList, VTag, VText};

/// One element: its tag, its attributes' names and values in order (`None`: absent; `class` last, as `html!`
/// puts it, so that the pre-render reads the same) and its children, in `html!`'s compact form of attributes.
pub fn element(
    tag: &'static str,
    keys: &'static [&'static str],
    values: Vec<Option<AttrValue>>,
    children: Vec<Html>,
) -> Html {
    vtag(tag, keys, values, children).into()
}

/// [`element`], before it becomes a node (to give it a key).
pub fn vtag(
    tag: &'static str,
    keys: &'static [&'static str],
    values: Vec<Option<AttrValue>>,
    children: Vec<Html>,
) -> VTag {
    let values = values
        .into_iter()
        .map(|v| v.map(AttributeOrProperty::Attribute))
        .collect();
    VTag::__new_other(
        tag.into(),
        NodeRef::default(),
        None,
        Attributes::Dynamic { keys, values },
        Listeners::None,
        VList::with_children(children, None).into(),
    )
}

/// A `class` attribute of the classes given, in order, the empty ones left out.
pub fn class_list(classes: &[&str]) -> AttrValue {
    let mut list = String::new();
    for class in classes.iter().filter(|c| !c.is_empty()) {
        if !list.is_empty() {
            list.push(' ');
        }
        list.push_str(class);
    }
    list.into()
}

/// The colour key of a status class (legend, table): `<span aria-hidden="true" class="tm-swatch tm-c-…">`.
pub fn swatch(css_class: &str) -> Html {
    element(
        "span",
        &["aria-hidden", "class"],
        vec![
            Some("true".into()),
            Some(class_list(&["tm-swatch", css_class])),
        ],
        Vec::new(),
    )
}

/// A text node.
pub fn text_node(text: String) -> Html {
    VText::new(text).into()
}
