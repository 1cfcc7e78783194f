//! The offers sheet: what an account may be offered and what doing nothing costs — the repayment offers, the
//! penalty projection and free debt advice of its decision, without the plan's words. It is the decision's own
//! offers part (the same rules, the same numbers), so a CRM's "offers" button can never disagree with the plan.

use crate::arrange::{Offer, PenaltyView};
use crate::decision::{self, DecideCall, Decision};
use crate::engine::Engine;
use crate::error::Error;
use crate::money::Currency;
use crate::policy::DebtAdvice;
use serde::Serialize;

/// The output of `offers`. Field order is the output's key order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OfferSheet {
    /// The account's id.
    pub account_id: String,
    /// The account's currency (every amount below is in its minor units).
    pub currency: Currency,
    /// Penalty interest and what doing nothing costs (absent when the policy charges none).
    pub penalty: Option<PenaltyView>,
    /// The arrangements to offer, best first (empty when the account goes to review).
    pub offers: Vec<Offer>,
    /// Free debt advice to mention, where the jurisdiction asks for it.
    pub debt_advice: Option<DebtAdvice>,
}

/// The offers part of the decision for `call`. Messages are never written: an offer sheet has no words.
pub fn offers(engine: &Engine, call: &DecideCall) -> Result<OfferSheet, Error> {
    let Decision {
        account_id,
        currency,
        penalty,
        offers,
        debt_advice,
        ..
    } = decision::decide_with(engine, &call.account, call.as_of, "/account", false)?;
    Ok(OfferSheet {
        account_id,
        currency,
        penalty,
        offers,
        debt_advice,
    })
}
