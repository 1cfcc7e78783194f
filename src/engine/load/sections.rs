//! The policy's sections checked one by one: each reports every problem it finds, with its JSON path.

use super::unknown_template;
use crate::account::Channel;
use crate::error::{Error, ErrorKind, Problem, Scope};
use crate::policy::{Policy, StepChannel};
use crate::template::library::Library;

/// Buckets: non-empty, unique names, strictly increasing bounds, exactly the last open-ended; a grace period
/// of at most a month.
pub(super) fn buckets_and_promises(policy: &Policy, problem: &mut dyn FnMut(ErrorKind, String, String)) {
    // Buckets: non-empty, unique names, strictly increasing bounds, exactly the last open-ended.
    if policy.buckets.is_empty() {
        problem(
            ErrorKind::BadValue,
            "/buckets".into(),
            "at least one bucket is required".into(),
        );
    }
    let mut previous: Option<u32> = None;
    for (i, b) in policy.buckets.iter().enumerate() {
        if b.name.trim().is_empty() {
            problem(
                ErrorKind::BadValue,
                format!("/buckets/{i}/name"),
                "bucket name must not be empty".into(),
            );
        }
        if policy.buckets.iter().take(i).any(|o| o.name == b.name) {
            problem(
                ErrorKind::DuplicateKey,
                format!("/buckets/{i}/name"),
                format!("bucket `{}` is defined twice", b.name),
            );
        }
        let last = i + 1 == policy.buckets.len();
        match (b.max_dpd, last) {
            (None, false) => problem(
                ErrorKind::Inconsistent,
                format!("/buckets/{i}/max_dpd"),
                "only the last bucket may be open-ended (`null`)".into(),
            ),
            (Some(m), true) => problem(
                ErrorKind::Inconsistent,
                format!("/buckets/{i}/max_dpd"),
                format!("the last bucket must be open-ended (`null`), not `{m}`"),
            ),
            _ => {}
        }
        if let (Some(p), Some(m)) = (previous, b.max_dpd)
            && m <= p
        {
            problem(
                ErrorKind::Inconsistent,
                format!("/buckets/{i}/max_dpd"),
                format!("`{m}` must be greater than the previous bucket's `{p}`"),
            );
        }
        previous = b.max_dpd.or(previous);
    }
    if policy.promises.grace_days > 31 {
        problem(
            ErrorKind::BadValue,
            "/promises/grace_days".into(),
            format!("grace of `{}` days is more than a month", policy.promises.grace_days),
        );
    }
}

/// Offers: discounts, forgiveness, terms and eligibility within the limits, in the policy and in every
/// experiment arm; affordability shares; interest within each jurisdiction's cap.
pub(super) fn offers(policy: &Policy, problem: &mut dyn FnMut(ErrorKind, String, String), warnings: &mut Vec<Problem>) {
    let o = &policy.offers;
    let lim = o.limits;
    if let Some(p) = &o.pay_in_full
        && p.discount_bps > lim.max_discount_bps
    {
        problem(
            ErrorKind::BadValue,
            "/offers/pay_in_full/discount_bps".into(),
            format!(
                "discount `{}` exceeds the limit `{}`",
                p.discount_bps, lim.max_discount_bps
            ),
        );
    }
    if let Some(r) = &o.restructure {
        if r.forgiveness_bps > lim.max_forgiveness_bps {
            problem(
                ErrorKind::BadValue,
                "/offers/restructure/forgiveness_bps".into(),
                format!(
                    "forgiveness `{}` exceeds the limit `{}`",
                    r.forgiveness_bps, lim.max_forgiveness_bps
                ),
            );
        }
        if r.extension_months > lim.max_months {
            problem(
                ErrorKind::BadValue,
                "/offers/restructure/extension_months".into(),
                format!(
                    "extension `{}` exceeds the limit of `{}` months",
                    r.extension_months, lim.max_months
                ),
            );
        }
    }
    let arms = policy.experiments.iter().enumerate().flat_map(|(ei, e)| {
        e.arms.iter().enumerate().filter_map(move |(ai, a)| {
            a.offers
                .as_ref()
                .map(|o| (format!("/experiments/{ei}/arms/{ai}/offers"), o))
        })
    });
    for (base, offers) in std::iter::once(("/offers".to_string(), o)).chain(arms) {
        let eligibilities = [
            offers.pay_in_full.as_ref().map(|p| ("pay_in_full", &p.eligible)),
            offers.restructure.as_ref().map(|r| ("restructure", &r.eligible)),
        ];
        for (name, e) in eligibilities.into_iter().flatten() {
            for (i, b) in e.buckets.iter().enumerate() {
                if !policy.buckets.iter().any(|x| &x.name == b) {
                    problem(
                        ErrorKind::Inconsistent,
                        format!("{base}/{name}/eligible/buckets/{i}"),
                        format!("bucket `{b}` is not defined in `buckets`"),
                    );
                }
            }
            for (i, b) in e.bands.iter().enumerate() {
                match &policy.scorecard {
                    None => problem(
                        ErrorKind::Inconsistent,
                        format!("{base}/{name}/eligible/bands/{i}"),
                        "eligibility by band needs a `scorecard`".into(),
                    ),
                    Some(card) if !card.bands.iter().any(|x| &x.name == b) => problem(
                        ErrorKind::Inconsistent,
                        format!("{base}/{name}/eligible/bands/{i}"),
                        format!("band `{b}` is not a scorecard band"),
                    ),
                    Some(_) => {}
                }
            }
        }
        let max = offers.limits.max_months;
        for (i, m) in offers.instalments.months.iter().enumerate() {
            if *m == 0 || *m > max {
                problem(
                    ErrorKind::BadValue,
                    format!("{base}/instalments/months/{i}"),
                    format!("plan of `{m}` months must be 1 to `{max}`"),
                );
            }
        }
    }
    if o.affordability.share_of_income_bps > 10_000 || o.affordability.share_of_disposable_bps > 10_000 {
        problem(
            ErrorKind::BadValue,
            "/offers/affordability".into(),
            "an affordable share cannot exceed 10000 basis points".into(),
        );
    }
    for (code, j) in &policy.jurisdictions.0 {
        let (max_rate, _) = crate::policy::jurisdiction::preset_caps(j.preset);
        let rule = "/offers/penalty/annual_rate_bps";
        if let Some(m) = max_rate.filter(|m| o.penalty.annual_rate_bps > *m) {
            let msg = format!(
                "penalty rate `{}` is above the `{}` preset's `{m}` basis points; it is capped there for `{code}` accounts",
                o.penalty.annual_rate_bps,
                j.preset.code()
            );
            warnings.push(Error::new(Scope::Policy, ErrorKind::Loosens, rule, msg).to_problem());
        }
    }
}

/// The scorecard (features, bins, bands) and the ladders (horizon, segments, steps), each step written in
/// every library locale when the library compiled.
pub(super) fn ladders(policy: &Policy, problem: &mut dyn FnMut(ErrorKind, String, String), library: Option<&Library>) {
    if let Some(card) = &policy.scorecard {
        if card.pdo == 0 || card.base_odds.is_nan() || card.base_odds <= 0.0 {
            problem(
                ErrorKind::BadValue,
                "/scorecard".into(),
                "`pdo` and `base_odds` must be positive".into(),
            );
        }
        if card.bands.is_empty() {
            problem(
                ErrorKind::BadValue,
                "/scorecard/bands".into(),
                "at least one band is required".into(),
            );
        }
        for (i, w) in card.bands.windows(2).enumerate() {
            if let [higher, lower] = w
                && lower.min_points >= higher.min_points
            {
                problem(
                    ErrorKind::Inconsistent,
                    format!("/scorecard/bands/{}/min_points", i + 1),
                    "bands must be listed highest first".into(),
                );
            }
        }
        for (fi, f) in card.features.iter().enumerate() {
            if card.features.iter().take(fi).any(|o| o.name == f.name) {
                problem(
                    ErrorKind::DuplicateKey,
                    format!("/scorecard/features/{fi}/name"),
                    format!("feature `{}` is scored twice", f.name),
                );
            }
            let mut last: Option<f64> = None;
            let ranges: Vec<(usize, Option<f64>)> = f
                .bins
                .iter()
                .enumerate()
                .filter_map(|(i, b)| match b {
                    crate::policy::Bin::Range { below, .. } => Some((i, *below)),
                    crate::policy::Bin::Category { .. } => None,
                })
                .collect();
            for (k, (bi, below)) in ranges.iter().enumerate() {
                let path = format!("/scorecard/features/{fi}/bins/{bi}/below");
                match below {
                    None if k + 1 != ranges.len() => problem(
                        ErrorKind::Inconsistent,
                        path,
                        "only the last range may be open (`null`)".into(),
                    ),
                    Some(b) if last.is_some_and(|l| *b <= l) || !b.is_finite() => problem(
                        ErrorKind::Inconsistent,
                        path,
                        format!("`{b}` must be above the previous bound"),
                    ),
                    _ => {}
                }
                last = below.or(last);
            }
        }
        for (si, seg) in policy.segments.iter().enumerate() {
            for (bi, b) in seg.when.bands.iter().enumerate() {
                if !card.bands.iter().any(|x| &x.name == b) {
                    problem(
                        ErrorKind::Inconsistent,
                        format!("/segments/{si}/when/bands/{bi}"),
                        format!("band `{b}` is not a scorecard band"),
                    );
                }
            }
        }
    } else if let Some((si, _)) = policy
        .segments
        .iter()
        .enumerate()
        .find(|(_, s)| !s.when.bands.is_empty())
    {
        problem(
            ErrorKind::Inconsistent,
            format!("/segments/{si}/when/bands"),
            "segments by band need a `scorecard`".into(),
        );
    }
    if !(1..=60).contains(&policy.horizon_days) {
        problem(
            ErrorKind::BadValue,
            "/horizon_days".into(),
            format!("horizon of `{}` days must be 1 to 60", policy.horizon_days),
        );
    }
    for (si, seg) in policy.segments.iter().enumerate() {
        for (bi, b) in seg.when.buckets.iter().enumerate() {
            if !policy.buckets.iter().any(|x| &x.name == b) {
                problem(
                    ErrorKind::Inconsistent,
                    format!("/segments/{si}/when/buckets/{bi}"),
                    format!("bucket `{b}` is not defined in `buckets`"),
                );
            }
        }
        for (ti, step) in seg.ladder.iter().enumerate() {
            if seg.ladder.iter().take(ti).any(|o| o.id == step.id) {
                problem(
                    ErrorKind::DuplicateKey,
                    format!("/segments/{si}/ladder/{ti}/id"),
                    format!("step `{}` is defined twice in this ladder", step.id),
                );
            }
            if step.template.trim().is_empty() {
                problem(
                    ErrorKind::BadValue,
                    format!("/segments/{si}/ladder/{ti}/template"),
                    "template id must not be empty".into(),
                );
            } else if let Some(lib) = &library {
                let referral = matches!(
                    step.channel,
                    StepChannel::Fixed(Channel::AgencyReferral | Channel::LegalReferral)
                );
                if !referral && !lib.knows(&step.template) {
                    problem(
                        ErrorKind::UnknownTemplate,
                        format!("/segments/{si}/ladder/{ti}/template"),
                        unknown_template(&step.template),
                    );
                }
            }
        }
    }
}

/// Experiments, learned channels, escalation and the company identity.
pub(super) fn experiments_and_company(policy: &Policy, problem: &mut dyn FnMut(ErrorKind, String, String)) {
    // Experiments: unique ids, arms with unique ids whose shares add up to 100%.
    for (ei, e) in policy.experiments.iter().enumerate() {
        if policy.experiments.iter().take(ei).any(|o| o.id == e.id) {
            problem(
                ErrorKind::DuplicateKey,
                format!("/experiments/{ei}/id"),
                format!("experiment `{}` is defined twice", e.id),
            );
        }
        if e.arms.is_empty() {
            problem(
                ErrorKind::BadValue,
                format!("/experiments/{ei}/arms"),
                "an experiment needs at least one arm".into(),
            );
        }
        let total: u64 = e.arms.iter().map(|a| u64::from(a.share_bps)).sum();
        if !e.arms.is_empty() && total != 10_000 {
            problem(
                ErrorKind::Inconsistent,
                format!("/experiments/{ei}/arms"),
                format!("arm shares add up to {total} basis points, not 10000"),
            );
        }
        for (ai, a) in e.arms.iter().enumerate() {
            if e.arms.iter().take(ai).any(|o| o.id == a.id) {
                problem(
                    ErrorKind::DuplicateKey,
                    format!("/experiments/{ei}/arms/{ai}/id"),
                    format!("arm `{}` is defined twice", a.id),
                );
            }
        }
    }
    if let Some(l) = &policy.channels.learned
        && l.explore_bps > 10_000
    {
        problem(
            ErrorKind::OutOfRange,
            "/channels/learned/explore_bps".into(),
            format!("{} basis points is more than 100%", l.explore_bps),
        );
    }
    // Escalation: an agency needs a licence somewhere the policy operates.
    if let Some(agency) = &policy.escalation.agency {
        for (ai, a) in agency.agencies.iter().enumerate() {
            for (ji, j) in a.jurisdictions.iter().enumerate() {
                if !policy.jurisdictions.0.contains_key(j) {
                    problem(
                        ErrorKind::Inconsistent,
                        format!("/escalation/agency/agencies/{ai}/jurisdictions/{ji}"),
                        format!("jurisdiction `{j}` is not defined in `jurisdictions`"),
                    );
                }
            }
        }
    }
    // Company identity: overrides only for jurisdictions the policy defines (a typo would silently leave those
    // accounts on the base identity), and no jurisdiction's messages may go out without a name or with a
    // blank address line.
    for (code, o) in &policy.company.jurisdictions.0 {
        let base = format!("/company/jurisdictions/{}", crate::json::pointer_token(code));
        if !policy.jurisdictions.0.contains_key(code) {
            problem(
                ErrorKind::Inconsistent,
                base.clone(),
                format!("jurisdiction `{code}` is not defined in `jurisdictions`"),
            );
        }
        if o.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            problem(
                ErrorKind::BadValue,
                format!("{base}/name"),
                "the company name must not be empty".into(),
            );
        }
        for (i, line) in o.address.iter().flatten().enumerate() {
            if line.trim().is_empty() {
                problem(
                    ErrorKind::BadValue,
                    format!("{base}/address/{i}"),
                    "an address line must not be empty".into(),
                );
            }
        }
    }
    for (i, line) in policy.company.address.iter().enumerate() {
        if line.trim().is_empty() {
            problem(
                ErrorKind::BadValue,
                format!("/company/address/{i}"),
                "an address line must not be empty".into(),
            );
        }
    }
    if policy.jurisdictions.0.is_empty() {
        problem(
            ErrorKind::BadValue,
            "/jurisdictions".into(),
            "at least one jurisdiction is required".into(),
        );
    }
}
