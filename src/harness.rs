//! The `#[test]` of the core's unit tests, on both targets. A test module that imports it (`use
//! crate::harness::test;`) keeps writing `#[test]`: natively that is the standard test attribute, run by `cargo
//! test`; on wasm32 it is `#[wasm_bindgen_test]`, whose runner executes the test in node (`cargo xtask test`,
//! "core's unit tests on wasm32"), where the standard one would be compiled and silently never run.

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use std::prelude::v1::test;
#[cfg(target_arch = "wasm32")]
pub(crate) use wasm_bindgen_test::wasm_bindgen_test as test;

/// The next of a test's pseudo-random numbers (xorshift64, Marsaglia 2003, shifts 13, 7, 17): the same sequence
/// from the same seed on every run and target, for tests that go over many values.
pub(crate) fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// A number in [0, 1) from the top 53 bits of `bits`.
pub(crate) fn unit(bits: u64) -> f64 {
    (bits >> 11) as f64 / (1_u64 << 53) as f64
}
