//! The engine: a validated policy plus the identity stamped on every decision. Building one (`Engine::new`)
//! also lints the policy's templates by deciding sample accounts, so it is defined above `decision`, in
//! `ops::load`.

pub mod load;

use crate::error::Problem;
use crate::policy::Policy;
use crate::template::library::Library;
use serde::Serialize;

/// The crate version, stamped on every decision.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A loaded policy, ready to decide. Cheap to share; holds no mutable state.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) policy: Policy,
    pub(crate) identity: EngineIdentity,
    pub(crate) warnings: Vec<Problem>,
    /// The policy's templates over the built-in library, compiled once.
    pub(crate) library: Library,
}

/// What produced a decision: crate version, module and policy hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EngineIdentity {
    /// Crate version.
    pub version: &'static str,
    /// sha256 of the `.wasm` module, filled in by the host or the JS package (`null` natively).
    pub module_sha256: Option<String>,
    /// sha256 of the policy in canonical form (defaults filled in, fixed key order, no whitespace), so the
    /// same policy has the same hash however it was formatted.
    pub policy_sha256: String,
}

impl Engine {
    /// The validated policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Version and hashes stamped on decisions.
    pub fn identity(&self) -> &EngineIdentity {
        &self.identity
    }

    /// The compiled message templates.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Validation warnings (e.g. overrides that loosen a jurisdiction preset).
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
