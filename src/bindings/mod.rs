//! The only wasm-specific code: conversions between hosts and the string tier in [`crate::api`]. No logic.

mod abi;
mod js;
