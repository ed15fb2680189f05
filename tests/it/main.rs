//! Native integration tests: SSR snapshots of the components, checks of the committed data files, and the tidy
//! tests of the source text itself.
#![cfg(not(target_arch = "wasm32"))]

mod data;
mod fuzz;
mod geojson_agree;
mod hostile;
mod ssr;
mod tidy;
mod timeline;

use treaty_map::core::area::{Area, Polygon};

/// An area as the tests compare a reader's output: code, name, polygons.
type Drawn = (Option<String>, String, Vec<Polygon>);

/// The areas a reader kept, as the tests compare them.
fn drawn(areas: &[Area]) -> Vec<Drawn> {
    areas
        .iter()
        .map(|a| {
            (
                a.iso3.map(|c| c.as_str().to_owned()),
                a.name.clone(),
                a.polygons.clone(),
            )
        })
        .collect()
}
