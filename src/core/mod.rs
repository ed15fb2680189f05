//! The pure core: GeoJSON → projected SVG paths, the status model, colour classes and the profile view model.
//!
//! Architecture invariant: nothing here imports yew, web-sys, wasm-bindgen, js-sys or gloo, and nothing does
//! I/O. Inputs arrive as strings; outputs are plain data. Everything is tested natively.

pub mod anchor;
pub mod area;
pub mod class;
pub mod content;
pub mod crossing;
pub mod dataset;
pub mod date;
pub mod dots;
pub mod error;
pub mod export;
pub mod fixed;
pub mod fragment;
pub mod gesture;
pub mod i18n;
pub mod iso3;
pub mod json;
pub mod limits;
pub mod load;
pub mod navigate;
pub mod path;
pub mod profile;
pub mod projection;
pub mod region;
pub mod scene;
pub mod split;
pub mod status;
pub mod timeline;
pub mod trig;
pub mod typeahead;
pub mod zoom;
