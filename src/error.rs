//! Errors with stable codes: what every host (JS, C ABI, CLI, HTTP) matches on.
//!
//! A code is `<scope>.<kind>`, e.g. `account.bad_time_zone`. The scope says which document was at fault
//! (the policy, the account, the call around it); the kind says what was wrong. Messages are for people and
//! may be reworded; codes and paths are API and never change meaning.

use serde::Serialize;
use std::fmt;

/// Which document an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Raw JSON text, before it is read as any document.
    Json,
    /// The policy document.
    Policy,
    /// An account inside a call.
    Account,
    /// The call envelope itself (`as_of`, options, the operation name).
    Call,
    /// The engine handle or ABI use by a host.
    Abi,
    /// A failure inside the module that is a bug, never the caller's fault.
    Internal,
}

impl Scope {
    /// The scope's name as it appears in codes.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Json => "json",
            Scope::Policy => "policy",
            Scope::Account => "account",
            Scope::Call => "call",
            Scope::Abi => "abi",
            Scope::Internal => "internal",
        }
    }
}

/// What was wrong. Each kind has a stable name used in codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text is not JSON.
    Syntax,
    /// An object has the same key twice.
    DuplicateKey,
    /// A field the document does not define (typo protection).
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value has the wrong JSON type.
    WrongType,
    /// A value has the right type but is not allowed.
    BadValue,
    /// A time zone name that is not in the compiled tz database.
    BadTimeZone,
    /// A currency that is not an ISO 4217 code this module knows.
    BadCurrency,
    /// A calendar date that is not `YYYY-MM-DD` or does not exist.
    BadDate,
    /// An instant that is not RFC 3339 with an offset.
    BadInstant,
    /// A money amount that is negative or not exactly representable in JSON (≥ 2^53).
    OutOfRange,
    /// A jurisdiction the policy does not define.
    UnknownJurisdiction,
    /// Values that are each fine but contradict each other.
    Inconsistent,
    /// The policy has several problems; see `problems`.
    Invalid,
    /// An operation name the module does not know.
    UnknownOp,
    /// An engine handle that does not exist (freed or never created).
    UnknownEngine,
    /// Bytes that are not UTF-8.
    BadUtf8,
    /// A rule that would loosen a jurisdiction preset without an explicit override.
    Loosens,
    /// A template that fails to parse, render or stay within its budget.
    Template,
    /// A template the compliance lint rejects (a threat, an insult, a missing disclosure, …).
    Lint,
    /// A template id that neither the policy nor the built-in library defines for a locale.
    UnknownTemplate,
    /// A list, text or document longer than the module's documented limit for it.
    TooLarge,
    /// A bug inside the module.
    Bug,
}

impl ErrorKind {
    /// The kind's name as it appears in codes.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::DuplicateKey => "duplicate_key",
            ErrorKind::UnknownField => "unknown_field",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::WrongType => "wrong_type",
            ErrorKind::BadValue => "bad_value",
            ErrorKind::BadTimeZone => "bad_time_zone",
            ErrorKind::BadCurrency => "bad_currency",
            ErrorKind::BadDate => "bad_date",
            ErrorKind::BadInstant => "bad_instant",
            ErrorKind::OutOfRange => "out_of_range",
            ErrorKind::UnknownJurisdiction => "unknown_jurisdiction",
            ErrorKind::Inconsistent => "inconsistent",
            ErrorKind::Invalid => "invalid",
            ErrorKind::UnknownOp => "unknown_op",
            ErrorKind::UnknownEngine => "unknown_engine",
            ErrorKind::BadUtf8 => "bad_utf8",
            ErrorKind::Loosens => "loosens_preset",
            ErrorKind::Template => "template",
            ErrorKind::Lint => "lint",
            ErrorKind::UnknownTemplate => "unknown_template",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Bug => "bug",
        }
    }

    /// Every kind, so tests and docs can list the codes without a hand-kept copy.
    pub const ALL: [ErrorKind; 23] = [
        ErrorKind::Syntax,
        ErrorKind::DuplicateKey,
        ErrorKind::UnknownField,
        ErrorKind::MissingField,
        ErrorKind::WrongType,
        ErrorKind::BadValue,
        ErrorKind::BadTimeZone,
        ErrorKind::BadCurrency,
        ErrorKind::BadDate,
        ErrorKind::BadInstant,
        ErrorKind::OutOfRange,
        ErrorKind::UnknownJurisdiction,
        ErrorKind::Inconsistent,
        ErrorKind::Invalid,
        ErrorKind::UnknownOp,
        ErrorKind::UnknownEngine,
        ErrorKind::BadUtf8,
        ErrorKind::Loosens,
        ErrorKind::Template,
        ErrorKind::Lint,
        ErrorKind::UnknownTemplate,
        ErrorKind::TooLarge,
        ErrorKind::Bug,
    ];

    /// The tag that custom deserializers put in front of their message so the kind survives serde.
    pub(crate) fn from_tag(tag: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.as_str() == tag)
    }
}

/// One problem: a code, a message for people and the JSON Pointer of the value at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Problem {
    /// Stable code `<scope>.<kind>`.
    pub code: String,
    /// Lower-case, no final period, the offending value in backticks.
    pub message: String,
    /// JSON Pointer (RFC 6901) into the input, `""` for the whole document.
    pub path: String,
}

/// The error every fallible operation returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Which document was at fault.
    pub scope: Scope,
    /// What was wrong.
    pub kind: ErrorKind,
    /// Human-readable message.
    pub message: String,
    /// JSON Pointer of the value at fault.
    pub path: String,
    /// Optional hint on how to fix it.
    pub help: Option<String>,
    /// For `policy.invalid`: every problem found.
    pub problems: Vec<Problem>,
}

impl Error {
    /// A new error at `path`.
    pub fn new(scope: Scope, kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            scope,
            kind,
            message: message.into(),
            path: path.into(),
            help: None,
            problems: Vec::new(),
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Error {
        self.help = Some(help.into());
        self
    }

    /// The stable code, e.g. `account.bad_time_zone`.
    pub fn code(&self) -> String {
        format!("{}.{}", self.scope.as_str(), self.kind.as_str())
    }

    /// This error as one problem of a list.
    pub fn to_problem(&self) -> Problem {
        Problem {
            code: self.code(),
            message: self.message.clone(),
            path: self.path.clone(),
        }
    }

    /// A bug in the module: never the caller's fault, reported instead of panicking.
    pub fn internal(message: impl Into<String>) -> Error {
        Error::new(Scope::Internal, ErrorKind::Bug, "", message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code(), self.message)
        } else {
            write!(f, "{} at {}: {}", self.code(), self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// Result with the module's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_tags_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in ErrorKind::ALL {
            assert!(seen.insert(kind.as_str()), "duplicate kind name {}", kind.as_str());
            assert_eq!(ErrorKind::from_tag(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn display_names_code_and_path() {
        let e = Error::new(
            Scope::Account,
            ErrorKind::BadTimeZone,
            "/borrower/time_zone",
            "unknown time zone `Mars/Base`",
        );
        assert_eq!(e.code(), "account.bad_time_zone");
        assert_eq!(
            e.to_string(),
            "account.bad_time_zone at /borrower/time_zone: unknown time zone `Mars/Base`"
        );
    }
}
