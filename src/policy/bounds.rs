//! The documented range of every number in a policy, and the size limits of its templates.
//!
//! Why: every day, week and month count in a policy is added to a date while deciding, and every basis
//! point multiplies money. A value serde accepts (any `u32`) can push a date past the calendar or a product
//! past `i64`, and that would trap or wrap in the middle of a batch. Here each field gets the range a real
//! policy needs — far wider than any lender uses — so "the policy is valid" means "decide cannot overflow".
//! Template limits keep validation itself fast: each template is compiled and linted.

use super::{OfferRules, Policy, Segment};
use crate::money::MAX_SAFE;

/// Most days any span in a policy may have (a bit over a year: reply windows, grace, first payment).
pub const SPAN_DAYS: i128 = 366;
/// Most days a DPD threshold or escalation duration may name (a hundred years).
pub const DPD_DAYS: i128 = 36_600;
/// Most months an offer may run.
pub const MONTHS: i128 = 600;
/// Most weeks a deferral may last.
pub const WEEKS: i128 = 104;
/// 100% in basis points: discounts, forgiveness, shares, uptakes, probabilities.
pub const FULL_BPS: i128 = 10_000;
/// Most basis points a yearly rate may have (1000% a year).
pub const RATE_BPS: i128 = 100_000;
/// Most points any scorecard value may have, either sign.
pub const POINTS: i128 = 1_000_000;
/// Most templates one policy may define.
pub const TEMPLATES: usize = 500;
/// Most bytes of template source one policy may define, all templates together.
pub const TEMPLATE_SOURCE_BYTES: usize = 1 << 20;

/// Calls `out(path, message)` for every number outside its range.
pub fn check(p: &Policy, out: &mut dyn FnMut(String, String)) {
    let mut range = |path: String, v: i128, lo: i128, hi: i128| {
        if !(lo..=hi).contains(&v) {
            out(path, format!("`{v}` is outside the allowed range {lo} to {hi}"));
        }
    };
    range(
        "/messages/reply_days".into(),
        p.messages.reply_days.into(),
        0,
        SPAN_DAYS,
    );
    range(
        "/messages/soften_days".into(),
        p.messages.soften_days.into(),
        0,
        SPAN_DAYS,
    );
    // Up to a year: a simulator may want every word of a long plan, at the cost of words that go stale.
    range(
        "/messages/valid_hours".into(),
        p.messages.valid_hours.into(),
        1,
        24 * 366,
    );
    range(
        "/messages/max_sms_segments".into(),
        p.messages.max_sms_segments as i128,
        1,
        10,
    );
    for (code, j) in &p.jurisdictions.0 {
        if let Some(l) = &j.limitation {
            range(
                format!("/jurisdictions/{code}/limitation/years"),
                l.years.into(),
                1,
                100,
            );
        }
    }
    range(
        "/checkins/days_before".into(),
        p.checkins.days_before.into(),
        0,
        SPAN_DAYS,
    );
    for (i, b) in p.buckets.iter().enumerate() {
        if let Some(m) = b.max_dpd {
            range(format!("/buckets/{i}/max_dpd"), m.into(), 0, DPD_DAYS);
        }
    }
    for (code, j) in &p.jurisdictions.0 {
        let base = format!("/jurisdictions/{}", crate::json::pointer_token(code));
        let days = j.quiet_days_after_conversation.map(i128::from);
        if let Some(d) = days {
            range(format!("{base}/quiet_days_after_conversation"), d, 0, SPAN_DAYS);
        }
        if let Some(n) = j.connected_calls_per_day {
            range(format!("{base}/connected_calls_per_day"), n.into(), 0, 100);
        }
        if let Some(n) = j.call_attempts_per_day {
            range(format!("{base}/call_attempts_per_day"), n.into(), 0, 100);
        }
    }
    segments(&p.segments, "/segments", &mut range);
    offers(&p.offers, "/offers", &mut range);
    if let Some(card) = &p.scorecard {
        range(
            "/scorecard/base_points".into(),
            card.base_points.into(),
            -POINTS,
            POINTS,
        );
        range("/scorecard/pdo".into(), card.pdo.into(), 1, POINTS);
        range("/scorecard/reasons".into(), card.reasons.into(), 0, 100);
        // Points add up in `i32`: 200 features of at most a million points each stay far inside it.
        range("/scorecard/features".into(), card.features.len() as i128, 0, 200);
        for (fi, f) in card.features.iter().enumerate() {
            let base = format!("/scorecard/features/{fi}");
            range(
                format!("{base}/missing_points"),
                f.missing_points.into(),
                -POINTS,
                POINTS,
            );
            range(format!("{base}/other_points"), f.other_points.into(), -POINTS, POINTS);
            for (bi, b) in f.bins.iter().enumerate() {
                range(format!("{base}/bins/{bi}/points"), b.points().into(), -POINTS, POINTS);
            }
        }
        for (bi, b) in card.bands.iter().enumerate() {
            range(
                format!("/scorecard/bands/{bi}/min_points"),
                b.min_points.into(),
                -POINTS * 1000,
                POINTS * 1000,
            );
        }
    }
    for (i, r) in p.channels.by_age.iter().enumerate() {
        if let Some(a) = r.max_age {
            range(format!("/channels/by_age/{i}/max_age"), a.into(), 0, 200);
        }
    }
    if let Some(l) = &p.channels.learned {
        range(
            "/channels/learned/explore_bps".into(),
            l.explore_bps.into(),
            0,
            FULL_BPS,
        );
    }
    if let Some(a) = &p.escalation.agency {
        let b = "/escalation/agency";
        range(format!("{b}/min_dpd"), a.min_dpd.into(), 0, DPD_DAYS);
        range(format!("{b}/min_balance"), a.min_balance.into(), 0, MAX_SAFE.into());
        range(
            format!("{b}/recall_after_days"),
            a.recall_after_days.into(),
            0,
            DPD_DAYS,
        );
        for (i, s) in a.stages.iter().enumerate() {
            range(format!("{b}/stages/{i}/after_days"), s.after_days.into(), 0, DPD_DAYS);
        }
        range(format!("{b}/weights/recovery"), a.weights.recovery.into(), 0, FULL_BPS);
        range(
            format!("{b}/weights/complaint"),
            a.weights.complaint.into(),
            0,
            FULL_BPS,
        );
        range(format!("{b}/weights/cost"), a.weights.cost.into(), 0, FULL_BPS);
        for (i, g) in a.agencies.iter().enumerate() {
            range(
                format!("{b}/agencies/{i}/recovery_bps"),
                g.recovery_bps.into(),
                0,
                FULL_BPS,
            );
            range(
                format!("{b}/agencies/{i}/complaint_bps"),
                g.complaint_bps.into(),
                0,
                FULL_BPS,
            );
            range(format!("{b}/agencies/{i}/cost_bps"), g.cost_bps.into(), 0, FULL_BPS);
        }
    }
    if let Some(l) = &p.escalation.legal {
        let b = "/escalation/legal";
        range(format!("{b}/min_dpd"), l.min_dpd.into(), 0, DPD_DAYS);
        range(format!("{b}/min_balance"), l.min_balance.into(), 0, MAX_SAFE.into());
        range(format!("{b}/costs"), l.costs.into(), 0, MAX_SAFE.into());
        range(format!("{b}/success_bps"), l.success_bps.into(), 0, FULL_BPS);
        range(format!("{b}/recovery_bps"), l.recovery_bps.into(), 0, FULL_BPS);
        range(format!("{b}/duration_days"), l.duration_days.into(), 0, DPD_DAYS);
        range(format!("{b}/discount_bps"), l.discount_bps.into(), 0, RATE_BPS);
    }
    for (ei, e) in p.experiments.iter().enumerate() {
        for (ai, arm) in e.arms.iter().enumerate() {
            let base = format!("/experiments/{ei}/arms/{ai}");
            range(format!("{base}/share_bps"), arm.share_bps.into(), 0, FULL_BPS);
            if let Some(s) = &arm.segments {
                segments(s, &format!("{base}/segments"), &mut range);
            }
            if let Some(o) = &arm.offers {
                offers(o, &format!("{base}/offers"), &mut range);
            }
        }
    }
}

type Range<'a> = dyn FnMut(String, i128, i128, i128) + 'a;

fn segments(segments: &[Segment], base: &str, range: &mut Range<'_>) {
    for (si, s) in segments.iter().enumerate() {
        for (ti, step) in s.ladder.iter().enumerate() {
            // Negative: a reminder before the due date.
            range(
                format!("{base}/{si}/ladder/{ti}/dpd"),
                step.dpd.into(),
                -SPAN_DAYS,
                DPD_DAYS,
            );
        }
    }
}

fn offers(o: &OfferRules, base: &str, range: &mut Range<'_>) {
    range(
        format!("{base}/first_payment_days"),
        o.first_payment_days.into(),
        0,
        SPAN_DAYS,
    );
    range(
        format!("{base}/penalty/annual_rate_bps"),
        o.penalty.annual_rate_bps.into(),
        0,
        RATE_BPS,
    );
    if let Some(c) = o.penalty.cap_bps_of_overdue {
        range(format!("{base}/penalty/cap_bps_of_overdue"), c.into(), 0, RATE_BPS);
    }
    if let Some(p) = &o.pay_in_full {
        range(
            format!("{base}/pay_in_full/discount_bps"),
            p.discount_bps.into(),
            0,
            FULL_BPS,
        );
        range(
            format!("{base}/pay_in_full/valid_days"),
            p.valid_days.into(),
            0,
            SPAN_DAYS,
        );
    }
    // Plan lengths (`instalments/months`) are held to `limits/max_months` in `validate`, for every arm too.
    if let Some(d) = &o.deferral {
        for (i, w) in d.weeks.iter().enumerate() {
            range(format!("{base}/deferral/weeks/{i}"), (*w).into(), 1, WEEKS);
        }
    }
    if let Some(r) = &o.restructure {
        let b = format!("{base}/restructure");
        range(format!("{b}/extension_months"), r.extension_months.into(), 0, MONTHS);
        range(format!("{b}/forgiveness_bps"), r.forgiveness_bps.into(), 0, FULL_BPS);
        // Within 100% a year: the interest on a 600-month term stays far inside i64.
        range(format!("{b}/annual_rate_bps"), r.annual_rate_bps.into(), 0, FULL_BPS);
    }
    if let Some(t) = &o.token_payment {
        range(
            format!("{base}/token_payment/max_months"),
            t.max_months.into(),
            1,
            MONTHS,
        );
    }
    let u = &o.uptake;
    for (name, v) in [
        ("pay_in_full", u.pay_in_full),
        ("pay_arrears", u.pay_arrears),
        ("instalments", u.instalments),
        ("deferral", u.deferral),
        ("restructure", u.restructure),
        ("token_payment", u.token_payment),
    ] {
        range(format!("{base}/uptake/{name}"), v.into(), 0, FULL_BPS);
    }
    let l = &o.limits;
    range(
        format!("{base}/limits/max_discount_bps"),
        l.max_discount_bps.into(),
        0,
        FULL_BPS,
    );
    range(
        format!("{base}/limits/max_forgiveness_bps"),
        l.max_forgiveness_bps.into(),
        0,
        FULL_BPS,
    );
    range(format!("{base}/limits/max_months"), l.max_months.into(), 1, MONTHS);
    range(
        format!("{base}/cost_of_funds_bps"),
        o.cost_of_funds_bps.into(),
        0,
        RATE_BPS,
    );
    range(
        format!("{base}/approval/auto_bps"),
        o.approval.auto_bps.into(),
        0,
        FULL_BPS,
    );
    range(
        format!("{base}/approval/agent_bps"),
        o.approval.agent_bps.into(),
        i128::from(o.approval.auto_bps),
        FULL_BPS,
    );
}

/// A problem with the size of the policy's own templates, checked before any is compiled.
pub fn templates(t: &std::collections::BTreeMap<String, String>) -> Option<String> {
    let bytes: usize = t.iter().map(|(k, v)| k.len() + v.len()).sum();
    if t.len() > TEMPLATES {
        Some(format!(
            "`{}` templates are more than the `{TEMPLATES}` a policy may define",
            t.len()
        ))
    } else if bytes > TEMPLATE_SOURCE_BYTES {
        Some(format!(
            "`{bytes}` bytes of templates are more than the `{TEMPLATE_SOURCE_BYTES}` a policy may define"
        ))
    } else {
        None
    }
}
