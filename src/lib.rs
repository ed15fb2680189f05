//! treaty-map: an embeddable map of states' status under the UN Convention against Torture (CAT) and its
//! Optional Protocol (OPCAT). See ARCHITECTURE.md for the layout.

/// The crate's version, which `cargo xtask build` writes into the loader with the wasm's hash: two copies of
/// the loader on one page tell from it whether they are the same widget.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The allocator in the browser: talc, smaller in the wasm than the standard library's dlmalloc (3.7 K raw,
/// 1.6 KB brotli) and no slower in the bench's loads and date steps (bench/SIZE.md). The widget's wasm is
/// single-threaded (no `atomics`), which this form of talc requires.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod core;
#[cfg(test)]
mod harness;
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
