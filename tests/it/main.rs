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
