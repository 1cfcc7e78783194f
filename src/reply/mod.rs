//! Borrower replies: what a message means and what it changes.

use serde::{Deserialize, Serialize};

/// What a borrower's reply says. Several can co-occur ("I lost my job, can I pay 500 next Friday?" is
/// `hardship` and `promise_to_pay`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// Will pay an amount by a date.
    PromiseToPay,
    /// Says the debt is paid.
    AlreadyPaid,
    /// Cannot pay: job loss, illness, bereavement, other hardship.
    Hardship,
    /// Contests the debt or the amount.
    Dispute,
    /// Not the borrower.
    WrongPerson,
    /// Wants no further contact (on this channel or at all): a revocation of consent.
    StopContact,
    /// Asks to be called back.
    CallbackRequest,
    /// Asks how much is owed.
    QuestionBalance,
    /// Asks how to pay.
    QuestionHowToPay,
    /// Asks what arrangements are possible.
    QuestionOptions,
    /// Insults or threatens.
    Abusive,
    /// None of the above.
    Other,
}
