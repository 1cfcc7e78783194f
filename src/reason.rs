//! The reason codes of DESIGN.md: why a contact moved, was suppressed or went to review. Rules below the
//! schedule (`dispute`, `validation`) name them too, so they live on their own.

/// Why a contact moved or could not happen (DESIGN.md reason codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Outside the jurisdiction's contact window at the borrower's location.
    QuietHours,
    /// A policy holiday or no-contact weekday.
    Holiday,
    /// A time the borrower said is inconvenient.
    StatedInconvenientTime,
    /// 7 call attempts already in 7 consecutive days (US).
    #[serde(rename = "call_cap_7in7")]
    CallCap7in7,
    /// Within 7 days after a telephone conversation (US).
    #[serde(rename = "after_conversation_7d")]
    AfterConversation7d,
    /// The day's connected-call or attempt cap is reached (CN).
    DailyCallCap,
    /// The borrower has not consented to this channel.
    NoConsent,
    /// The borrower opted out of this channel.
    OptedOut,
    /// No address for this channel.
    NoAddress,
    /// The channel bounced or the number is dead.
    Bounced,
    /// Work e-mail, forbidden by the jurisdiction.
    WorkplaceEmail,
    /// Written request to stop communicating.
    CeaseRequested,
    /// The debt is disputed.
    DisputePending,
    /// The borrower asked for validation information, not yet sent (FDCPA §809(b)).
    ValidationPending,
    /// A debt collector's first contact needs the validation notice, and the account gives no itemization
    /// to write it from (Reg F §1006.34).
    ValidationNoticeIncomplete,
    /// The borrower is in bankruptcy.
    Bankruptcy,
    /// The borrower has died.
    Deceased,
    /// The borrower is represented by an attorney.
    AttorneyRepresented,
    /// A promise to pay is pending.
    PromisePending,
    /// An arrangement is being kept: check-ins replace the ladder.
    ArrangementActive,
    /// The step is due after the planning horizon.
    BeyondHorizon,
    /// The borrower is in hardship: no referral, and no message that mentions one.
    Hardship,
    /// The debt is past its limitation period: no legal route, no agency referral (Reg F §1006.26(b)).
    TimeBarred,
    /// The escalation's own eligibility rules say no (balance, no licensed agency, not worth it).
    NotEligible,
}
