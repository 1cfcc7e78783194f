//! Policy validation that reports every problem, each with its JSON path and code.
//!
//! serde stops at the first error. To report them all, a failed document is re-read as a JSON tree and the
//! node at fault is removed before trying again, until it parses (then semantic checks run) or an error
//! cannot be repaired by removal (a missing required field).

use crate::error::{Error, ErrorKind, Problem, Scope};
use crate::json;
mod sections;

use crate::policy::{Policy, Preset};
use crate::template::Limits;
use crate::template::library::{LOCALES, Library};

/// The most problems one validation reports; a document with more is hopeless anyway.
const MAX_PROBLEMS: usize = 100;

/// Reads and validates a policy. Returns the policy and its warnings.
///
/// # Errors
/// The first problem's code at the top level, with `problems` listing every problem found.
pub fn load(text: &str) -> Result<(Policy, Vec<Problem>, Library), Error> {
    let scope = |_: &str| Scope::Policy;
    let first = match json::parse::<Policy>(text, scope) {
        Ok(policy) => return check(policy),
        Err(e) if e.kind == ErrorKind::Syntax => return Err(e),
        Err(e) => e,
    };
    let mut problems = vec![first.to_problem()];
    // serde_json::Value keeps the last of duplicate keys: the duplicate is already reported above.
    // Text that is not JSON at all is reported as such, even when serde met a wrong type before the break.
    let mut tree: serde_json::Value = json::parse(text, scope)?;
    let mut error = first;
    let mut previous_path: Option<String> = None;
    let mut touched: Vec<String> = Vec::new();
    for _ in 0..MAX_PROBLEMS * 2 {
        // Removing a value did not help (it is required, or an array item became `null`): remove its parent.
        let stuck = previous_path.as_deref() == Some(error.path.as_str());
        if problems.len() >= MAX_PROBLEMS || !repair(&mut tree, &error, stuck) {
            break;
        }
        previous_path = Some(error.path.clone());
        touched.push(error.path.clone());
        // Read back through the text parser: one deserializer per type in the module, not a second one over
        // `serde_json::Value` (the repair loop only runs for a policy with mistakes).
        match json::parse::<Policy>(&tree.to_string(), scope) {
            Ok(policy) => {
                if let Err(e) = check(policy) {
                    // A jurisdiction removed to read past its own error is still defined by the author: what
                    // the checks then say about its absence is not a problem of its own.
                    let removed: Vec<&str> = touched
                        .iter()
                        .filter_map(|p| p.strip_prefix("/jurisdictions/"))
                        .map(|rest| rest.split('/').next().unwrap_or_default())
                        .collect();
                    problems.extend(e.problems.into_iter().filter(|p| {
                        !removed.iter().any(|code| {
                            p.message.contains(&format!("jurisdiction `{code}` is not defined"))
                                || p.message == "at least one jurisdiction is required"
                        })
                    }));
                }
                break;
            }
            Err(e) => {
                // A required value we removed ourselves is already reported as bad.
                let already = problems.iter().any(|p| p.path == e.path);
                if !already {
                    problems.push(e.to_problem());
                }
                error = e;
            }
        }
    }
    Err(bundle(problems))
}

/// Turns a list of problems into one error: the first problem's code, message and path, and the whole list.
pub(crate) fn bundle(mut problems: Vec<Problem>) -> Error {
    // The same problem found twice (e.g. each of two checks meeting one undefined jurisdiction) is said once.
    let mut seen = std::collections::HashSet::new();
    problems.retain(|p| seen.insert((p.code.clone(), p.path.clone(), p.message.clone())));
    let Some(first) = problems.first() else {
        return Error::internal("policy validation failed without a problem");
    };
    let kind = first
        .code
        .split_once('.')
        .and_then(|(_, k)| crate::error::ErrorKind::ALL.into_iter().find(|x| x.as_str() == k));
    let mut err = Error::new(
        Scope::Policy,
        kind.unwrap_or(ErrorKind::Invalid),
        first.path.clone(),
        first.message.clone(),
    );
    if first.code.starts_with("json.") {
        err.scope = Scope::Json;
    }
    match problems.len() {
        0 | 1 => {}
        2 => err.message = format!("{} (and 1 more problem)", first.message),
        n => err.message = format!("{} (and {} more problems)", first.message, n - 1),
    }
    err.problems = problems;
    err
}

/// Removes what an error is about so parsing can go on: the value at fault, or for a missing required field
/// the object that lacks it. False when nothing can be removed (the error is about the whole document).
fn repair(tree: &mut serde_json::Value, error: &Error, stuck: bool) -> bool {
    if error.kind == ErrorKind::MissingField || stuck {
        match error.path.rsplit_once('/') {
            Some((parent, _)) => remove(tree, parent),
            None => false,
        }
    } else {
        remove(tree, &error.path)
    }
}

/// Removes the node at a JSON Pointer; false when there is nothing to remove.
fn remove(tree: &mut serde_json::Value, pointer: &str) -> bool {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return false;
    };
    let last = last.replace("~1", "/").replace("~0", "~");
    match tree.pointer_mut(parent) {
        Some(serde_json::Value::Object(map)) => map.remove(&last).is_some(),
        Some(serde_json::Value::Array(items)) => match last.parse::<usize>() {
            Ok(i) => match items.get_mut(i) {
                // Replace rather than shift, so later indices in this array stay where the user sees them.
                Some(item) => {
                    *item = serde_json::Value::Null;
                    true
                }
                None => false,
            },
            _ => false,
        },
        _ => false,
    }
}

fn unknown_template(id: &str) -> String {
    format!(
        "no template `{id}` in the built-in library or `messages.templates` for every locale ({})",
        LOCALES.join(", ")
    )
}

/// Semantic checks on a policy that parsed. Returns the policy and its warnings, or every problem.
fn check(policy: Policy) -> Result<(Policy, Vec<Problem>, Library), Error> {
    let mut problems = Vec::new();
    let mut problem = |kind: ErrorKind, path: String, message: String| {
        problems.push(Error::new(Scope::Policy, kind, path, message).to_problem())
    };

    // Every number within its documented range (see `bounds`), so a valid policy cannot overflow a decision.
    crate::policy::bounds::check(&policy, &mut |path, message| {
        problem(ErrorKind::OutOfRange, path, message)
    });

    // Templates: the policy's own compile, and every step can be written in every library locale. Too many
    // or too large are refused before any is compiled, so validation stays quick.
    let oversize = crate::policy::bounds::templates(&policy.messages.templates);
    if let Some(message) = &oversize {
        problem(ErrorKind::TooLarge, "/messages/templates".into(), message.clone());
    }
    let library = match oversize.map_or_else(
        || Library::new(&policy.messages.templates, Limits::default()),
        |_| Err(Vec::new()),
    ) {
        Ok(lib) => Some(lib),
        Err(failed) => {
            for (key, p) in failed {
                let at = p.line.map(|l| format!(" line {l}")).unwrap_or_default();
                problem(
                    ErrorKind::Template,
                    format!("/messages/templates/{}", crate::json::pointer_token(&key)),
                    format!("template `{key}`{at}: {}", p.message),
                );
            }
            None
        }
    };

    sections::buckets_and_promises(&policy, &mut problem);
    let mut warnings = Vec::new();
    for (code, j) in &policy.jurisdictions.0 {
        let base = format!("/jurisdictions/{code}");
        for (rule, what) in crate::policy::jurisdiction::contact::effective(j).1 {
            let overridden = j
                .overrides
                .iter()
                .any(|o| o.rule == rule && !o.reason.trim().is_empty());
            let e = Error::new(
                Scope::Policy,
                ErrorKind::Loosens,
                format!("{base}{rule}"),
                format!("{what}: this loosens the `{}` preset", j.preset.code()),
            );
            if overridden {
                warnings.push(e.to_problem());
            } else {
                problem(
                    e.kind,
                    e.path,
                    format!("{}; add an `overrides` entry with a reason to allow it", e.message),
                );
            }
        }
        // A longer limitation period than the law's opens the legal route to debts the law says are too old:
        // allowed only with a stated reason, and reported.
        if let Some(l) = &j.limitation
            && let Some(law) = crate::policy::jurisdiction::limitation::law(j.preset, None)
            && l.years > law.years
        {
            let path = format!("{base}/limitation/years");
            let msg = format!(
                "a limitation period of `{}` years is longer than the `{}` preset's `{}` ({})",
                l.years,
                j.preset.code(),
                law.years,
                law.source
            );
            if l.reason.as_deref().is_some_and(|r| !r.trim().is_empty()) {
                warnings.push(Error::new(Scope::Policy, ErrorKind::Loosens, path, msg).to_problem());
            } else {
                problem(ErrorKind::Loosens, path, format!("{msg}; give a `reason` to allow it"));
            }
        }
        // The law's clock to verify a disputed debt may be shortened, never lengthened (except `custom`).
        if let Some(days) = j.verification_days {
            let law = crate::policy::jurisdiction::verification_law_days(j.preset);
            let path = format!("{base}/verification_days");
            if days == 0 || days > 366 {
                problem(
                    ErrorKind::BadValue,
                    path,
                    format!("`{days}` is outside the allowed range 1 to 366"),
                );
            } else if days > law && j.preset != Preset::Custom {
                problem(
                    ErrorKind::Loosens,
                    path,
                    format!(
                        "`{days}` days to verify a disputed debt is longer than the `{}` preset's `{law}`",
                        j.preset.code()
                    ),
                );
            }
        }
        for (i, d) in j.no_contact_weekdays.iter().enumerate() {
            if !(1..=7).contains(d) {
                problem(
                    ErrorKind::BadValue,
                    format!("{base}/no_contact_weekdays/{i}"),
                    format!("weekday `{d}` is not 1 (Monday) … 7 (Sunday)"),
                );
            }
        }
        if let Some(w) = &j.window
            && w.from >= w.to
        {
            problem(
                ErrorKind::Inconsistent,
                format!("{base}/window"),
                format!("window `{}`–`{}` is empty", w.from, w.to),
            );
        }
    }
    sections::offers(&policy, &mut problem, &mut warnings);
    sections::ladders(&policy, &mut problem, library.as_ref());
    if let Some(lib) = &library
        && !lib.knows(&policy.checkins.template)
    {
        problem(
            ErrorKind::UnknownTemplate,
            "/checkins/template".into(),
            unknown_template(&policy.checkins.template),
        );
    }
    sections::experiments_and_company(&policy, &mut problem);
    if problems.is_empty() {
        // The library compiled here is the engine's: templates are compiled once per engine.
        let library =
            library.ok_or_else(|| Error::internal("templates were not compiled although no problem was found"))?;
        Ok((policy, warnings, library))
    } else {
        Err(bundle(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, String)> {
        match load(text) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems.into_iter().map(|p| (p.code, p.path)).collect(),
        }
    }

    #[test]
    fn arm_shares_past_u32_are_an_inconsistency_not_an_overflow() {
        // Two arms of u32::MAX basis points: their sum overflowed a u32 (a trap in the module) before.
        let got = codes(
            r#"{"experiments": [{"id": "x", "salt": "s", "arms": [
                {"id": "a", "share_bps": 4294967295}, {"id": "b", "share_bps": 4294967295}]}]}"#,
        );
        assert!(
            got.contains(&("policy.inconsistent".into(), "/experiments/0/arms".into())),
            "{got:?}"
        );
    }

    #[test]
    fn company_overrides_are_checked_with_their_paths() {
        let got = codes(
            r#"{"company":{"name":"Acme","address":["1 Main St",""],"jurisdictions":{
                "US":{"name":"  ","address":["PO Box 1",""]},"FR":{"phone":"0800"}}}}"#,
        );
        let mut want = vec![
            ("policy.bad_value".to_string(), "/company/address/1".to_string()),
            (
                "policy.bad_value".to_string(),
                "/company/jurisdictions/US/name".to_string(),
            ),
            (
                "policy.bad_value".to_string(),
                "/company/jurisdictions/US/address/1".to_string(),
            ),
            (
                "policy.inconsistent".to_string(),
                "/company/jurisdictions/FR".to_string(),
            ),
        ];
        let mut got = got;
        crate::sort::sort(&mut got);
        crate::sort::sort(&mut want);
        assert_eq!(got, want);
        // An unknown field in an override is named by its path too.
        let got = codes(r#"{"company":{"jurisdictions":{"US":{"fax":"1"}}}}"#);
        assert_eq!(
            got,
            vec![(
                "policy.unknown_field".to_string(),
                "/company/jurisdictions/US/fax".to_string()
            )]
        );
        assert_eq!(
            codes(r#"{"company":{"jurisdictions":{"GB":{"phone":"0808 157 0192"}}}}"#),
            Vec::new()
        );
    }

    #[test]
    fn a_jurisdiction_identity_is_its_override_over_the_base() {
        let (p, _, _) = load(
            r#"{"company":{"name":"Acme","phone":"1","url":"u","pay_url":"p/{account_id}","address":["A"],
                "jurisdictions":{"GB":{"name":"Acme Ltd","address":["B","C"]},"CN":{"phone":"400"}}}}"#,
        )
        .map_err(|e| e.to_string())
        .unwrap_or_else(|e| unreachable!("{e}"));
        let gb = p.company.identity("GB");
        assert_eq!(
            (gb.name, gb.phone, gb.url, gb.pay_url),
            ("Acme Ltd", "1", "u", "p/{account_id}")
        );
        assert_eq!(gb.address, ["B".to_string(), "C".to_string()]);
        let cn = p.company.identity("CN");
        assert_eq!((cn.name, cn.phone, cn.address), ("Acme", "400", &["A".to_string()][..]));
        // A jurisdiction without an override, and one the policy does not define, get the base.
        let us = p.company.identity("US");
        assert_eq!((us.name, us.phone, us.address), ("Acme", "1", &["A".to_string()][..]));
    }

    #[test]
    fn empty_policy_is_the_default() {
        let (p, warnings, _) = load("{}")
            .map_err(|e| e.to_string())
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(warnings.is_empty());
        assert_eq!(p.bucket_for(0), "M0");
        assert_eq!(p.bucket_for(30), "M1");
        assert_eq!(p.bucket_for(31), "M2");
        assert_eq!(p.bucket_for(91), "M4+");
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let text = r#"{"nmae":"x","promises":{"grace_days":"two"},"buckets":[{"name":"A","max_dpd":10},{"name":"A","max_dpd":5}],
            "jurisdictions":{"US":{"preset":"USA"}}}"#;
        let got = codes(text);
        let want = [
            ("policy.unknown_field", "/nmae"),
            ("policy.wrong_type", "/promises/grace_days"),
            ("policy.bad_value", "/jurisdictions/US/preset"),
        ];
        for (code, path) in want {
            assert!(
                got.iter().any(|(c, p)| c == code && p == path),
                "missing {code} at {path} in {got:?}"
            );
        }
        // A bad array item is reported once, and validation goes on after it.
        let got = codes(r#"{"buckets":[{"name":"A","max_dpd":"x"},7],"promises":{"grace_days":-1}}"#);
        assert!(
            got.contains(&("policy.wrong_type".into(), "/buckets/0/max_dpd".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("policy.wrong_type".into(), "/buckets/1".into())),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(c, p)| c == "policy.bad_value" && p == "/promises/grace_days")
                || got.iter().any(|(_, p)| p == "/promises/grace_days"),
            "{got:?}"
        );
        // Semantic problems are only found once the document parses.
        let got = codes(r#"{"buckets":[{"name":"A","max_dpd":10},{"name":"A","max_dpd":5}]}"#);
        assert!(
            got.contains(&("policy.duplicate_key".into(), "/buckets/1/name".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("policy.inconsistent".into(), "/buckets/1/max_dpd".into())),
            "{got:?}"
        );
    }

    #[test]
    fn broken_text_is_a_syntax_error_even_after_a_type_error() {
        assert_eq!(
            load(r#"{"name":1"#).map(|_| ()).map_err(|e| e.code()),
            Err("json.syntax".to_string())
        );
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let got = codes(r#"{"name":"a","name":"b"}"#);
        assert_eq!(got, vec![("policy.duplicate_key".to_string(), "/name".to_string())]);
    }
}
