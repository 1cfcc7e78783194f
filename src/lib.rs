//! # Dunwell
//!
//! Deterministic collection decisions for overdue loan accounts: how far behind an account is, which
//! promises were kept, and (as the core grows) its score, contact plan, messages and offers — computed the
//! same way in the browser and on the server, because both run this crate compiled to one WebAssembly module.
//!
//! The core has no clock, no randomness and no I/O: `as_of` is an input, time zones come from the compiled
//! tz database, money is `i64` minor units.
//!
//! ```
//! let engine = dunwell::Engine::new("{}", None).map_err(|e| e.to_string())?;
//! let call = r#"{"as_of": "2026-11-28T09:00:00Z", "account": {
//!     "id": "A-1", "jurisdiction": "CN", "currency": "CNY",
//!     "balances": {"principal": 1000000, "interest": 0, "fees": 0},
//!     "instalments": [{"due": "2026-10-15", "amount": 120000}],
//!     "borrower": {"name": "王芳", "time_zone": "Asia/Shanghai"}}}"#;
//! let out = dunwell::api::decide(&engine, call);
//! assert!(out.contains(r#""dpd":44,"bucket":"M2""#));
//! # Ok::<(), String>(())
//! ```
#![deny(missing_docs)]
// A panic in the module is a trap that loses the call: no indexing that can panic, no `unreachable!` (Cedar's
// rule). Test code may index; the reply scanners and scorecard fitting still allow it by module, with reasons.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::unreachable))]

pub mod account;
pub mod api;
pub mod arrange;
pub mod decision;
pub mod dispute;
pub mod dpd;
pub mod engine;
pub mod error;
pub mod escalate;
pub mod experiment;
pub mod json;
pub mod kpi;
pub mod learn;
pub mod limitation;
pub mod money;
pub mod ops;
pub mod policy;
pub mod portfolio;
pub mod promise;
pub mod queue;
pub mod reason;
pub mod reply;
pub mod schedule;
pub mod score;
pub mod sort;
pub mod standing;
pub mod stats;
pub mod template;
pub mod time;
pub mod validation;

#[cfg(target_arch = "wasm32")]
mod bindings;

pub use decision::{DecideCall, Decision, decide};
pub use engine::Engine;
pub use error::{Error, ErrorKind, Problem, Scope};
