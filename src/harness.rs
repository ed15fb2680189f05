//! The `#[test]` of the core's unit tests, on both targets. A test module that imports it (`use
//! crate::harness::test;`) keeps writing `#[test]`: natively that is the standard test attribute, run by `cargo
//! test`; on wasm32 it is `#[wasm_bindgen_test]`, whose runner executes the test in node (`cargo xtask test`,
//! "core's unit tests on wasm32"), where the standard one would be compiled and silently never run.

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use std::prelude::v1::test;
#[cfg(target_arch = "wasm32")]
pub(crate) use wasm_bindgen_test::wasm_bindgen_test as test;
