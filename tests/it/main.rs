//! Native integration tests: SSR snapshots of the components, and checks of the committed data files.
#![cfg(not(target_arch = "wasm32"))]

mod data;
mod fuzz;
mod geojson_agree;
mod hostile;
mod ssr;
