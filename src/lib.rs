//! treaty-map: an embeddable map of states' status under the UN Convention against Torture (CAT) and its
//! Optional Protocol (OPCAT). See ARCHITECTURE.md for the layout.

/// The crate's version, which `cargo xtask build` writes into the loader with the wasm's hash: two copies of
/// the loader on one page tell from it whether they are the same widget.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod core;
#[cfg(test)]
mod harness;
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
