//! # dunwell-host
//!
//! Runs the Dunwell WebAssembly module server-side with wasmtime, through the module's small versioned C ABI.
//! The same `.wasm` file the npm package ships is loaded here, so a decision made by a backend service is
//! byte for byte the one a collector sees in the browser.
//!
//! ```no_run
//! use dunwell_host::{Limits, Runtime};
//! let rt = Runtime::load(&dunwell_host::default_module_path(), Limits::default())?;
//! let mut session = rt.session("{}")?;
//! let answer = session.call("decide", r#"{"as_of": "2026-11-28T09:00:00Z", "account": {"id": "A-1",
//!     "jurisdiction": "US", "currency": "USD", "borrower": {"name": "Ann", "time_zone": "America/New_York"}}}"#);
//! assert!(answer.starts_with(r#"{"ok":"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod audit;
pub mod batch;
pub mod cache;
pub mod explain;
pub mod pool;
pub mod runtime;
pub mod sample;
pub mod serve;

pub use runtime::{Limits, ModuleInfo, Runtime, Session, SessionError, default_module_path, find_module, host_error};
