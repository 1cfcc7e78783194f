//! The summary a run prints at the end: accounts seen, decided and re-emitted, and what the decisions say
//! (buckets, promises, actions, suppressions, overdue amounts, error codes). Counted by the writer as the
//! answers go out, so it costs no second pass and no memory beyond the counters.

use std::collections::BTreeMap;
use std::time::Duration;

/// What a run did, for the summary.
#[derive(Default, Debug)]
pub struct Tally {
    /// Accounts seen (in this shard).
    pub accounts: u64,
    /// Decided without error.
    pub decided: u64,
    /// Re-emitted from the audit trail on resume.
    pub resumed: u64,
    buckets: BTreeMap<String, u64>,
    errors: BTreeMap<String, u64>,
    overdue_by_currency: BTreeMap<String, i64>,
    promises: BTreeMap<String, u64>,
    actions: BTreeMap<String, u64>,
    suppressed: BTreeMap<String, u64>,
}

impl Tally {
    /// Counts one answer.
    pub fn add(&mut self, envelope: &str) {
        self.accounts += 1;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(envelope) else {
            *self.errors.entry("host.bad_answer".into()).or_default() += 1;
            return;
        };
        if let Some(d) = v.get("ok") {
            self.decided += 1;
            let key = |x: &serde_json::Value| x.as_str().unwrap_or("?").to_string();
            *self.buckets.entry(key(&d["bucket"])).or_default() += 1;
            *self.overdue_by_currency.entry(key(&d["currency"])).or_default() +=
                d["arrears"]["overdue_amount"].as_i64().unwrap_or(0);
            let list = |name: &str| d[name].as_array().cloned().unwrap_or_default();
            for p in list("promises") {
                *self.promises.entry(key(&p["state"])).or_default() += 1;
            }
            for a in list("actions") {
                *self.actions.entry(key(&a["channel"])).or_default() += 1;
            }
            for x in list("suppressed") {
                *self.suppressed.entry(key(&x["reason"])).or_default() += 1;
            }
        } else {
            *self
                .errors
                .entry(v["error"]["code"].as_str().unwrap_or("?").to_string())
                .or_default() += 1;
        }
    }

    /// The summary, as printed at the end of a run.
    pub fn render(&self, module_sha256: &str, policy_sha256: &str, elapsed: Duration) -> String {
        let join = |m: &BTreeMap<String, u64>| {
            m.iter()
                .map(|(k, v)| format!("{} {v}", crate::explain::escape_controls(k)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let or_none = |m: &BTreeMap<String, u64>| if m.is_empty() { "none".to_string() } else { join(m) };
        // Display only: every supported currency but JPY/KRW/VND/BHD/KWD has 2 decimals.
        let overdue: Vec<String> = self
            .overdue_by_currency
            .iter()
            .map(|(c, a)| format!("{} {}.{:02}", crate::explain::escape_controls(c), a / 100, a % 100))
            .collect();
        let rate = self.accounts as f64 / elapsed.as_secs_f64().max(1e-9);
        let mut out = format!(
            "decided {} of {} accounts in {:.1} s ({rate:.0}/s; module {}, policy {}){}\n",
            self.decided,
            self.accounts,
            elapsed.as_secs_f64(),
            module_sha256.get(..12).unwrap_or(module_sha256),
            policy_sha256.get(..12).unwrap_or(policy_sha256),
            if self.resumed > 0 {
                format!("; {} re-emitted from the audit trail", self.resumed)
            } else {
                String::new()
            }
        );
        out += &format!("  buckets:    {}\n", join(&self.buckets));
        out += &format!("  promises:   {}\n", or_none(&self.promises));
        out += &format!("  actions:    {}\n", or_none(&self.actions));
        out += &format!("  suppressed: {}\n", or_none(&self.suppressed));
        out += &format!("  overdue:    {}\n", overdue.join(", "));
        out += &format!("  errors:     {}\n", or_none(&self.errors));
        out
    }
}
