//! The chart's elements, each made by one function rather than its own `html!`: the chart is dozens of
//! elements of a few kinds, and each `html!` is a copy of its expansion in the wasm (issue 15's size budget).

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

/// A text node.
pub fn text_node(text: String) -> Html {
    VText::new(text).into()
}
