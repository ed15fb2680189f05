//! treaty-map: an embeddable map of states' status under the UN Convention against Torture (CAT) and its
//! Optional Protocol (OPCAT). See ARCHITECTURE.md for the layout.

pub mod core;
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
