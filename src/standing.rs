//! Where an account stands on the decision day, before anything is planned: days past due and bucket,
//! arrears, promises and arrangement, limitation, a verification pause, the validation notice owed. `score`, `schedule` and `escalate`
//! read this instead of the decision being assembled, so each rule depends only on what it uses.

use crate::dispute::Verification;
use crate::dpd::Arrears;
use crate::limitation::Limitation;
use crate::promise::{ArrangementStatus, PromiseStatus};
use crate::time::Instant;
use crate::validation::ValidationNotice;

/// The account's standing at `as_of` (borrowed from the decision that holds it).
#[derive(Debug, Clone, Copy)]
pub struct Standing<'a> {
    /// The decision instant.
    pub as_of: Instant,
    /// Days past due.
    pub dpd: i64,
    /// The DPD bucket's name.
    pub bucket: &'a str,
    /// What is overdue and outstanding.
    pub arrears: &'a Arrears,
    /// Promises to pay, judged.
    pub promises: &'a [PromiseStatus],
    /// The repayment arrangement, judged.
    pub arrangement: Option<&'a ArrangementStatus>,
    /// Where the debt stands against the limitation period.
    pub limitation: Option<&'a Limitation>,
    /// A verification pause (dispute or validation request) in force.
    pub verification: Option<&'a Verification>,
    /// The validation notice an agency owes (US), if any.
    pub validation_notice: Option<&'a ValidationNotice>,
}
