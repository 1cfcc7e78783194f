//! `dunwell explain`: one decision as a timeline a collector or an auditor can read — every planned action in
//! the borrower's local time and in UTC with the rule behind it, and every step not taken with its reason.

//!
//! Everything printed here comes from data (account ids, names, template text, error messages quoting the
//! user's values), so every string is passed through [`escape_controls`] first: an id holding ANSI/OSC escapes
//! or a CR/LF prints as `\u{1b}[2J` or `\r\n`, and can neither drive the terminal nor forge a line.

use serde_json::Value;
use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character must not reach a terminal as it is: C0 and C1 controls, DEL, and the bidirectional
/// overrides and isolates that reorder what is shown.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with control characters written as escapes (`\n`, `\r`, `\t`, else `\u{…}`); borrowed when clean.
#[must_use]
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// As [`escape_controls`], but line breaks (`\n`) and tabs stay: for message bodies printed as text.
#[must_use]
pub fn escape_controls_keep_lines(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let kept = |c: char| keep_lines && matches!(c, '\n' | '\t');
    if !s.chars().any(|c| is_unsafe(c) && !kept(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if !is_unsafe(c) || kept(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

/// A copy of `v` with every string (and object key) escaped by [`escape_controls`].
fn clean(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(escape_controls(s).into_owned()),
        Value::Array(a) => Value::Array(a.iter().map(clean).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (escape_controls(k).into_owned(), clean(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The parsed envelope (strings escaped) when it is `ok`; otherwise the text to print for it (its code, path and
/// message).
fn decision_of(envelope: &str) -> Result<Value, String> {
    let v: Value = serde_json::from_str(envelope)
        .map_err(|e| format!("unreadable answer ({e}): {}\n", escape_controls(envelope)))?;
    let v = clean(&v);
    match v.get("error") {
        Some(err) => Err(format!(
            "error {} at {}: {}\n",
            s(&err["code"]),
            or_root(s(&err["path"])),
            s(&err["message"])
        )),
        None => Ok(v),
    }
}

/// Renders a decision envelope as text. Errors are rendered with their code and path.
pub fn render(envelope: &str) -> String {
    let v = match decision_of(envelope) {
        Ok(v) => v,
        Err(text) => return text,
    };
    let raw: Value = serde_json::from_str(envelope).unwrap_or_default();
    let d = &v["ok"];
    let mut out = String::new();
    let local = s(&d["as_of_local"]);
    let _ = writeln!(
        out,
        "Account {} ({}, {})",
        s(&d["account_id"]),
        s(&d["jurisdiction"]),
        s(&d["time_zone"])
    );
    let _ = writeln!(
        out,
        "As of   {} UTC = {} local",
        s(&d["as_of"]).trim_end_matches('Z'),
        local.replace('T', " ")
    );
    let stage = &d["stage"];
    let _ = writeln!(
        out,
        "DPD {} · bucket {} · segment {} · stage {} ({} of {})",
        d["dpd"],
        s(&d["bucket"]),
        opt(&d["segment"]),
        opt(&stage["step"]),
        stage["index"],
        stage["of"]
    );
    let a = &d["arrears"];
    let cur = s(&d["currency"]);
    let _ = writeln!(
        out,
        "Overdue {} in {} instalment(s){}; outstanding {}",
        money(&a["overdue_amount"], cur),
        a["overdue_instalments"],
        a["oldest_unpaid_due"]
            .as_str()
            .map(|d| format!(" since {d}"))
            .unwrap_or_default(),
        money(&a["outstanding"], cur)
    );
    for p in d["promises"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "Promise {}: {} — {} of {} paid, due {}, counts until {}",
            s(&p["id"]),
            s(&p["state"]),
            money(&p["paid"], cur),
            money(&p["amount"], cur),
            s(&p["due"]),
            s(&p["deadline"])
        );
    }
    if let Some(r) = d["review"].as_str() {
        let _ = writeln!(out, "Review: {r} — no direct contact; route to a person");
    }
    let actions = d["actions"].as_array().cloned().unwrap_or_default();
    let _ = writeln!(out, "\nPlan ({} action(s))", actions.len());
    for (i, x) in actions.iter().enumerate() {
        let moved: Vec<&str> = strs(&x["adjusted"]);
        let _ = writeln!(
            out,
            "  {}  ({} UTC)  {:<15} {:<18} {:<7} {:<6} {}{}{}",
            s(&x["at"]).replace('T', " "),
            &s(&x["at_utc"]).get(11..16).unwrap_or(""),
            s(&x["channel"]),
            s(&x["step"]),
            s(&x["tone"]),
            s(&x["mode"]),
            s(&x["template"]),
            x["queue"].as_str().map(|q| format!(" → queue {q}")).unwrap_or_default(),
            if moved.is_empty() {
                String::new()
            } else {
                format!("  [moved: {}]", moved.join(", "))
            }
        );
        let _ = writeln!(
            out,
            "      rule {}{}",
            s(&x["rule"]),
            x["softened"]
                .as_str()
                .map(|w| format!(" · tone softened ({w})"))
                .unwrap_or_default()
        );
        // The first line of the message as sent (taken before escaping, which would join its lines).
        let m = &raw["ok"]["actions"][i]["message"];
        if let Some(first) = m["subject"].as_str().or_else(|| {
            m["text"]
                .as_str()
                .and_then(|t| t.lines().find(|l| !l.trim().is_empty()))
        }) {
            let clipped: String = first.chars().take(110).collect();
            let more = if clipped.len() < first.len() { "…" } else { "" };
            let _ = writeln!(
                out,
                "      says \"{}{more}\" ({})",
                escape_controls(&clipped),
                escape_controls(s(&m["template"]))
            );
        }
    }
    let suppressed = d["suppressed"].as_array().cloned().unwrap_or_default();
    if !suppressed.is_empty() {
        let _ = writeln!(out, "\nNot taken");
        for x in &suppressed {
            let until = x["until"]
                .as_str()
                .map(|u| format!(" until {u}"))
                .unwrap_or_else(|| " (until the state changes)".into());
            let _ = writeln!(
                out,
                "  {:<18} {:<15} {}{}",
                s(&x["step"]),
                s(&x["channel"]),
                s(&x["reason"]),
                until
            );
        }
    }
    out
}

/// The strings of a JSON array (none for anything else).
fn strs(v: &Value) -> Vec<&str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str).collect()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn opt(v: &Value) -> &str {
    v.as_str().unwrap_or("—")
}

fn or_root(p: &str) -> &str {
    if p.is_empty() { "(document)" } else { p }
}

/// Renders the offers of a decision envelope as a table (best first), with the penalty projection.
pub fn render_offers(envelope: &str) -> String {
    let v = match decision_of(envelope) {
        Ok(v) => v,
        Err(text) => return text,
    };
    let d = &v["ok"];
    let cur = s(&d["currency"]);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Account {} · DPD {} · bucket {}",
        s(&d["account_id"]),
        d["dpd"],
        s(&d["bucket"])
    );
    if let Some(p) = d["penalty"].as_object() {
        let t = &p["terms"];
        let _ = writeln!(
            out,
            "Penalty {} so far at {}.{:02}% a year ({}), {} a day",
            money(&p["accrued"], cur),
            t["annual_rate_bps"].as_u64().unwrap_or(0) / 100,
            t["annual_rate_bps"].as_u64().unwrap_or(0) % 100,
            s(&t["day_count"]),
            money(&p["per_day"], cur)
        );
        for x in p["projections"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "  if nothing is paid, by {}: {} owed",
                s(&x["date"]),
                money(&x["owed"], cur)
            );
        }
    }
    let offers = d["offers"].as_array().cloned().unwrap_or_default();
    if offers.is_empty() {
        let _ = writeln!(out, "No offers.");
        return out;
    }
    let _ = writeln!(
        out,
        "\n  # {:<15} {:>16} {:>16} {:>14} {:>10} {:>9} {:>16} {:>14} {:>10}  schedule",
        "offer", "total", "monthly", "saves", "afford", "payments", "net recovery", "gives up", "approval"
    );
    for (i, o) in offers.iter().enumerate() {
        let afford = match o["affordable"].as_bool() {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        };
        let sched = o["schedule"].as_array().cloned().unwrap_or_default();
        let first = sched
            .first()
            .map(|p| format!("{} from {}", money(&p["amount"], cur), s(&p["due"])))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>3} {:<15} {:>16} {:>16} {:>14} {:>10} {:>9} {:>16} {:>14} {:>10}  {}{}",
            i + 1,
            s(&o["id"]),
            money(&o["total"], cur),
            money(&o["monthly_burden"], cur),
            money(&o["savings"], cur),
            afford,
            sched.len(),
            money(&o["net_recovery"], cur),
            money(&o["gives_up"], cur),
            s(&o["approval"]),
            first,
            if o["forbearance"].as_bool() == Some(true) {
                "  (forbearance)"
            } else {
                ""
            }
        );
    }
    out
}

/// Renders a fit report: quality on the held-out set, the information-value table and calibration.
pub fn render_fit_report(r: &Value, elapsed: std::time::Duration) -> String {
    let r = &clean(r);
    let mut out = String::new();
    let f = |v: &Value| v.as_f64().unwrap_or(0.0);
    let _ = writeln!(
        out,
        "fit {} training rows in {:.2} s; test {} rows: AUC {:.4}  KS {:.4}  Gini {:.4}  (train AUC {:.4})",
        r["train_rows"],
        elapsed.as_secs_f64(),
        r["test_rows"],
        f(&r["auc"]),
        f(&r["ks"]),
        f(&r["gini"]),
        f(&r["train_auc"])
    );
    let _ = writeln!(out, "\n  {:<32} {:>8}  {:<5} {:>6}", "feature", "IV", "kept", "bins");
    for x in r["features"].as_array().into_iter().flatten() {
        let kept = if x["kept"].as_bool() == Some(true) { "yes" } else { "no" };
        let bins = x["bins"].as_array().map_or(0, Vec::len);
        let _ = writeln!(
            out,
            "  {:<32} {:>8.4}  {:<5} {:>6}",
            s(&x["name"]),
            f(&x["iv"]),
            kept,
            bins
        );
    }
    let _ = writeln!(
        out,
        "\n  calibration (test, by decile of score): predicted vs observed share paying"
    );
    for c in r["calibration"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "    n={:<5} predicted {:.3}  observed {:.3}",
            c["count"],
            f(&c["predicted"]),
            f(&c["observed"])
        );
    }
    out
}

/// A confidence in thousandths (the core's integer) as a percentage: `875` → `87.5%`.
fn per_mille(v: &Value) -> String {
    let n = v.as_i64().unwrap_or(0);
    if n % 10 == 0 {
        format!("{}%", n / 10)
    } else {
        format!("{}.{}%", n / 10, n % 10)
    }
}

/// Minor units as a decimal amount with the currency code (2 decimals; display only).
fn money(v: &Value, currency: &str) -> String {
    let n = v.as_i64().unwrap_or(0);
    let exp = match currency {
        "JPY" | "KRW" | "VND" => 0,
        "BHD" | "KWD" => 3,
        _ => 2,
    };
    if exp == 0 {
        return format!("{currency} {n}");
    }
    let unit = 10i64.pow(exp);
    format!(
        "{currency} {}.{:0width$}",
        n / unit,
        (n % unit).abs(),
        width = exp as usize
    )
}

/// The parts of a rendered message (`render`'s `ok`) as they would be sent.
pub fn render_message(m: &Value) -> String {
    let mut out = String::new();
    if let Some(subject) = m["subject"].as_str() {
        let _ = writeln!(out, "Subject: {}\n", escape_controls(subject));
    }
    if let Some(text) = m["text"].as_str() {
        let _ = writeln!(out, "{}", escape_controls_keep_lines(text));
    }
    if let Some(html) = m["html"].as_str() {
        if m["text"].is_string() {
            let _ = writeln!(out, "\n--- HTML part ---");
        }
        let _ = writeln!(out, "{}", escape_controls_keep_lines(html));
    }
    out
}

/// Which template wrote a message and, for SMS, its size.
pub fn render_message_meta(m: &Value) -> String {
    let m = &clean(m);
    let mut out = format!("template {}\n", s(&m["template"]));
    if let Some(sms) = m["sms"].as_object() {
        let _ = writeln!(
            out,
            "sms: {} units, {} encoding, {} segment(s)",
            sms["units"],
            s(&sms["encoding"]),
            sms["segments"]
        );
    }
    out
}

/// Lint findings, one per line.
pub fn render_findings(findings: &[Value]) -> String {
    let mut out = String::new();
    for f in findings.iter().map(clean) {
        let f = &f;
        let at = f["position"]
            .as_u64()
            .map(|p| format!(" at byte {p} of the {}", s(&f["within"])))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {} in {}{}: {}",
            s(&f["severity"]),
            s(&f["code"]),
            s(&f["template"]),
            at,
            s(&f["message"])
        );
    }
    out
}

/// A lint finding without where it was found: severity, code and message.
type FindingKind<'a> = (&'a str, &'a str, &'a str);

/// `dunwell lint`'s report: what was swept, then the findings per template, each with where it showed.
pub fn render_lint_report(r: &Value) -> String {
    let r = &clean(r);
    let mut out = String::new();
    let templates = r["templates"].as_array().map_or(0, Vec::len);
    let findings = r["findings"].as_array().cloned().unwrap_or_default();
    let _ = writeln!(
        out,
        "Linted {} template(s) as {} message(s) (every channel × tone × locale × jurisdiction, specimen accounts): {} error(s), {} warning(s)",
        templates,
        r["messages"],
        r["errors"],
        findings.len() as u64 - r["errors"].as_u64().unwrap_or(0)
    );
    // Grouped per template, then per finding (severity, code, message): the channels, tones, locales and
    // jurisdictions it was found under are listed once, not repeated line by line.
    let mut by_template: std::collections::BTreeMap<&str, Vec<&Value>> = std::collections::BTreeMap::new();
    for f in &findings {
        by_template.entry(s(&f["template"])).or_default().push(f);
    }
    for (template, fs) in by_template {
        let _ = writeln!(out, "\n{template}");
        let mut groups: Vec<(FindingKind<'_>, [std::collections::BTreeSet<&str>; 4])> = Vec::new();
        for f in fs {
            let key = (s(&f["severity"]), s(&f["code"]), s(&f["message"]));
            let at = match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, at)) => at,
                None => {
                    groups.push((key, Default::default()));
                    match groups.last_mut() {
                        Some((_, at)) => at,
                        None => continue,
                    }
                }
            };
            for (set, field) in at.iter_mut().zip(["channel", "tone", "locale", "jurisdiction"]) {
                set.insert(s(&f[field]));
            }
        }
        for ((severity, code, message), [channels, tones, locales, jurisdictions]) in groups {
            let list = |set: &std::collections::BTreeSet<&str>| set.iter().copied().collect::<Vec<_>>().join(", ");
            let _ = writeln!(out, "  {severity} {code}: {message}");
            let _ = writeln!(
                out,
                "    in {} · tone {} · {} under {}",
                list(&channels),
                list(&tones),
                list(&locales),
                list(&jurisdictions)
            );
        }
    }
    out
}

/// `dunwell reply`'s report: what the reply says, what to do, and the answer.
pub fn render_reply(r: &Value) -> String {
    let answer = r["answer"]["text"].as_str().map(escape_controls_keep_lines);
    let r = &clean(r);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Language {} · sentiment {} · confidence {}",
        s(&r["language"]),
        r["sentiment"],
        per_mille(&r["confidence"])
    );
    for f in r["intents"].as_array().into_iter().flatten() {
        let cues: Vec<&str> = strs(&f["cues"]);
        let _ = writeln!(
            out,
            "  {:<20} {:>6}  cues: {}",
            s(&f["intent"]),
            per_mille(&f["confidence"]),
            if cues.is_empty() {
                "—".to_string()
            } else {
                cues.join(", ")
            }
        );
    }
    for a in r["amounts"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "Amount  {} (\"{}\")",
            money(&a["amount"], s(&a["currency"])),
            s(&a["text"])
        );
    }
    for d in r["dates"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "Date    {} (\"{}\")", s(&d["date"]), s(&d["text"]));
    }
    // Amounts in the effects are in the reply's currency (the account's), in minor units: shown as money.
    let currency = r["amounts"][0]["currency"].as_str();
    let _ = writeln!(out, "\nEffects");
    for e in r["effects"].as_array().into_iter().flatten() {
        let mut fields: Vec<String> = e
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| k.as_str() != "kind")
            .map(|(k, v)| match (k.as_str(), currency) {
                ("amount", Some(c)) if v.is_i64() => format!("{k}={}", money(v, c)),
                _ => format!("{k}={v}"),
            })
            .collect();
        fields.sort();
        let _ = writeln!(out, "  {} {}", s(&e["kind"]), fields.join(" "));
    }
    if let Some(t) = r["tone"].as_str() {
        let _ = writeln!(out, "Next messages softened: {t}");
    }
    if let Some(text) = answer {
        let _ = writeln!(
            out,
            "\nAnswer ({}, {})\n{text}",
            s(&r["answer"]["topic"]),
            s(&r["answer"]["template"])
        );
    }
    out
}

/// `dunwell experiment report` as a table.
pub fn render_experiment(r: &Value) -> String {
    let r = &clean(r);
    let mut out = format!("champion: {}\n", s(&r["champion"]));
    let _ = writeln!(
        out,
        "{:<16} {:>8} {:>9} {:>14} {:>10} {:>10}  uplift (cure rate, 95% CI)",
        "arm", "accounts", "cure", "recovered/acct", "ptp kept", "complaints"
    );
    for a in r["arms"].as_array().into_iter().flatten() {
        let u = &a["uplift"]["cure_rate"];
        let uplift = if u.is_object() {
            format!(
                "{:+.4} [{:+.4}, {:+.4}]",
                u["diff"].as_f64().unwrap_or(0.0),
                u["low"].as_f64().unwrap_or(0.0),
                u["high"].as_f64().unwrap_or(0.0)
            )
        } else {
            "—".into()
        };
        let _ = writeln!(
            out,
            "{:<16} {:>8} {:>9.4} {:>14.2} {:>10} {:>10}  {uplift}",
            s(&a["arm"]),
            a["accounts"],
            a["cure_rate"].as_f64().unwrap_or(0.0),
            a["recovered_mean"].as_f64().unwrap_or(0.0) / 100.0,
            a["ptp_kept_rate"].as_f64().map_or("—".into(), |x| format!("{x:.4}")),
            a["complaints"]
        );
    }
    out
}

/// `dunwell kpi` as tables, one per period.
pub fn render_kpi(r: &Value) -> String {
    let r = &clean(r);
    let mut out = String::new();
    let rate = |v: &Value| v.as_f64().map_or("—".to_string(), |x| format!("{:.2}%", x * 100.0));
    for p in r["periods"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "{} → {}", s(&p["from"]), s(&p["to"]));
        let _ = writeln!(
            out,
            "  cure {} · PTP kept {} · RPC {} · liquidation {} · cost per unit collected {}",
            rate(&p["cure_rate"]),
            rate(&p["ptp_kept_rate"]),
            rate(&p["rpc_rate"]),
            rate(&p["liquidation_rate"]),
            p["cost_per_collected"]
                .as_f64()
                .map_or("—".into(), |x| format!("{x:.4}"))
        );
        for (from, to) in p["roll"].as_object().into_iter().flatten() {
            let cells: Vec<String> = to
                .as_object()
                .into_iter()
                .flatten()
                .map(|(b, n)| format!("{b} {n}"))
                .collect();
            let _ = writeln!(
                out,
                "  from {from:<5} roll forward {:>8}   → {}",
                rate(&p["roll_forward"][from]),
                cells.join(", ")
            );
        }
    }
    out
}

/// `dunwell info --format human`: what the module is, one fact per line.
pub fn render_info(v: &Value) -> String {
    let v = &clean(v);
    let mut out = String::new();
    let _ = writeln!(out, "module        {}", opt(&v["module"]));
    let _ = writeln!(out, "sha256        {}", s(&v["module_sha256"]));
    let _ = writeln!(out, "version       {}", s(&v["version"]));
    let _ = writeln!(out, "ABI           {}", v["abi_version"]);
    let _ = writeln!(out, "tz database   {}", s(&v["tzdb_version"]));
    let _ = writeln!(out, "operations    {}", strs(&v["ops"]).join(", "));
    out
}

/// `dunwell validate --format human`: valid or not, then every problem and warning with its path.
pub fn render_validation(envelope: &str) -> String {
    let v: Value = serde_json::from_str(envelope).unwrap_or(Value::Null);
    let v = &clean(&v);
    let mut out = String::new();
    let line = |out: &mut String, p: &Value| {
        let _ = writeln!(
            out,
            "  {}  at {}: {}",
            s(&p["code"]),
            or_root(s(&p["path"])),
            s(&p["message"])
        );
    };
    if v.get("ok").is_some() {
        let _ = writeln!(out, "policy valid");
    } else {
        let e = &v["error"];
        let problems = e["problems"].as_array().filter(|p| !p.is_empty());
        let n = problems.map_or(1, Vec::len);
        let _ = writeln!(
            out,
            "policy invalid: {n} {}",
            if n == 1 { "problem" } else { "problems" }
        );
        match problems {
            Some(ps) => ps.iter().for_each(|p| line(&mut out, p)),
            None => line(&mut out, e),
        }
        if let Some(help) = e["help"].as_str() {
            let _ = writeln!(out, "  help: {help}");
        }
    }
    let warnings = v["warnings"].as_array().map(Vec::as_slice).unwrap_or_default();
    if !warnings.is_empty() {
        let _ = writeln!(out, "{} warning(s)", warnings.len());
        warnings.iter().for_each(|p| line(&mut out, p));
    }
    out
}

/// `dunwell evidence --format human`: the account and the checklist of what the pack proves or lacks.
pub fn render_evidence(v: &Value) -> String {
    let v = &clean(v);
    let currency = s(&v["currency"]);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Evidence pack {} · {} · DPD {} · overdue {} of {} outstanding",
        s(&v["account_id"]),
        s(&v["jurisdiction"]),
        v["dpd"],
        money(&v["overdue"], currency),
        money(&v["outstanding"], currency)
    );
    for c in v["checklist"].as_array().into_iter().flatten() {
        let mark = if c["present"].as_bool() == Some(true) {
            "yes"
        } else {
            "MISSING"
        };
        let _ = writeln!(out, "  {:<8} {:<28} {}", mark, s(&c["item"]), s(&c["detail"]));
    }
    out
}

/// `dunwell queue --format human`: each collector's list in order, pauses included.
pub fn render_queue(v: &Value) -> String {
    let v = &clean(v);
    let mut out = String::new();
    for q in v["agents"].as_array().into_iter().flatten() {
        let items = q["items"].as_array().map(Vec::as_slice).unwrap_or_default();
        let _ = writeln!(out, "{} ({} items)", s(&q["agent"]), items.len());
        for (i, it) in items.iter().enumerate() {
            if it["kind"] == "pause" {
                let _ = writeln!(out, "  {:>3}. pause {} min", i + 1, it["minutes"]);
                continue;
            }
            let _ = writeln!(
                out,
                "  {:>3}. {:<12} {:<9} {:<14} {}{}",
                i + 1,
                s(&it["account_id"]),
                s(&it["channel"]),
                s(&it["step"]),
                s(&it["at"]),
                if it["difficult"].as_bool() == Some(true) {
                    "  (difficult)"
                } else {
                    ""
                }
            );
        }
    }
    let unassigned = v["unassigned"].as_array().map_or(0, Vec::len);
    if unassigned > 0 {
        let _ = writeln!(out, "unassigned: {unassigned} (no capacity left today)");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_errors_and_money() {
        assert_eq!(
            render(
                r#"{"error":{"code":"account.bad_time_zone","message":"unknown time zone `X`","path":"/account/borrower/time_zone"}}"#
            ),
            "error account.bad_time_zone at /account/borrower/time_zone: unknown time zone `X`\n"
        );
        assert_eq!(money(&serde_json::json!(123456), "CNY"), "CNY 1234.56");
        assert_eq!(money(&serde_json::json!(5), "BHD"), "BHD 0.005");
        assert_eq!(money(&serde_json::json!(500), "JPY"), "JPY 500");
    }
}
