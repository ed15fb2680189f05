//! Elements made by one function rather than their own `html!`: the chart's dozens of elements of a few kinds
//! (each `html!` is a copy of its expansion in the wasm), and the map's shapes and dots, whose `class` is
//! written as given (`html!` parses any `class` into yew's hashed set of classes, which the map's hundreds of
//! elements would pay for on every render; see `class_list`).

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

/// A text node.
pub fn text_node(text: String) -> Html {
    VText::new(text).into()
}
