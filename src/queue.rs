//! The collectors' queue: today's manual actions from a set of decisions, ranked by expected recovery ×
//! urgency, shared among agents by daily capacity — with a cap on consecutive difficult cases (hardship,
//! recent anger) and a suggested pause after them, because a collector who has just taken three hard calls
//! in a row should not be handed a fourth.

use crate::error::{Error, ErrorKind, Scope};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An agent.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Agent {
    /// Id.
    pub id: String,
    /// Actions a day.
    pub capacity: usize,
}

/// Input of `queue`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QueueCall {
    /// The work day (`YYYY-MM-DD`, in each borrower's local calendar).
    pub date: crate::time::Date,
    /// Decisions (the `ok` objects or whole envelopes; error envelopes are skipped).
    pub decisions: Vec<Value>,
    /// Agents.
    pub agents: Vec<Agent>,
    /// Most difficult cases in a row for one agent.
    #[serde(default = "default_difficult")]
    pub max_difficult_in_row: usize,
    /// Suggested pause after them, minutes.
    #[serde(default = "default_pause")]
    pub pause_minutes: u32,
}

fn default_difficult() -> usize {
    2
}
fn default_pause() -> u32 {
    10
}

/// A work item or a pause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// An action to carry out.
    Work {
        /// Account.
        account_id: String,
        /// Ladder step.
        step: String,
        /// Channel.
        channel: String,
        /// When (borrower's local time).
        at: String,
        /// Template (the call script).
        template: String,
        /// Expected recovery (minor units): probability to pay × overdue.
        expected_recovery: i64,
        /// Priority: expected recovery × urgency, at most 2^53 − 1.
        priority: i64,
        /// Hardship or a recent angry reply.
        difficult: bool,
    },
    /// A break after consecutive difficult cases.
    Pause {
        /// Minutes.
        minutes: u32,
    },
}

/// An agent's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgentQueue {
    /// Agent id.
    pub agent: String,
    /// Items in order.
    pub items: Vec<Item>,
}

/// The queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Queue {
    /// Per agent.
    pub agents: Vec<AgentQueue>,
    /// Work no agent had capacity for, in priority order.
    pub unassigned: Vec<Item>,
}

/// Builds the queue.
///
/// # Errors
/// `call.bad_value` without agents.
pub fn build(call: &QueueCall) -> Result<Queue, Error> {
    if call.agents.is_empty() {
        return Err(Error::new(
            Scope::Call,
            ErrorKind::BadValue,
            "/agents",
            "at least one agent is needed",
        ));
    }
    let day = call.date.to_string();
    let mut work: Vec<Item> = Vec::new();
    for d in &call.decisions {
        let d = d.get("ok").unwrap_or(d);
        if d.get("error").is_some() || d.get("account_id").is_none() {
            continue;
        }
        // Read from decisions the caller hands back: held to their valid ranges before multiplying.
        let overdue = d
            .pointer("/arrears/overdue_amount")
            .and_then(Value::as_i64)
            .unwrap_or(0)
            .clamp(0, crate::money::MAX_SAFE);
        let p_bps = d
            .pointer("/score/probability")
            .and_then(Value::as_f64)
            .filter(|p| p.is_finite())
            .map_or(5_000, |p| (p.clamp(0.0, 1.0) * 10_000.0).round() as i64);
        let expected = overdue / 10_000 * p_bps + overdue % 10_000 * p_bps / 10_000;
        let dpd = d.get("dpd").and_then(Value::as_i64).unwrap_or(0).clamp(0, 36_600);
        // Urgency grows with days past due, in tenths: 1.0 at 0 DPD, 2.0 at 30, 4.0 at 90.
        let urgency = 10 + dpd / 3;
        let hardship = d["debt_advice"].is_object();
        for a in d["actions"].as_array().into_iter().flatten() {
            let manual = a["mode"] == "manual";
            // The action's local date is the first ten characters of its local time (`2026-11-28T10:00:00-05:00`).
            let today = a["at"].as_str().and_then(|at| at.get(..10)) == Some(day.as_str());
            if !manual || !today {
                continue;
            }
            work.push(Item::Work {
                account_id: d["account_id"].as_str().unwrap_or("").to_string(),
                step: a["step"].as_str().unwrap_or("").to_string(),
                channel: a["channel"].as_str().unwrap_or("").to_string(),
                at: a["at"].as_str().unwrap_or("").to_string(),
                template: a["template"].as_str().unwrap_or("").to_string(),
                expected_recovery: expected,
                // Held to 2^53 − 1 so a JavaScript caller reads it exactly; accounts that large tie there
                // and are ordered by id.
                priority: i64::try_from(
                    (i128::from(expected) * i128::from(urgency) / 10).min(i128::from(crate::money::MAX_SAFE)),
                )
                .unwrap_or(crate::money::MAX_SAFE),
                difficult: hardship || !a["softened"].is_null(),
            });
        }
    }
    let key = |i: &Item| match i {
        Item::Work {
            priority,
            account_id,
            step,
            ..
        } => (-*priority, account_id.clone(), step.clone()),
        Item::Pause { .. } => (0, String::new(), String::new()),
    };
    crate::sort::sort_by_key(&mut work, key);
    let mut queues: Vec<(AgentQueue, usize, usize)> = call
        .agents
        .iter()
        .map(|a| {
            (
                AgentQueue {
                    agent: a.id.clone(),
                    items: Vec::new(),
                },
                a.capacity,
                0,
            )
        })
        .collect();
    let mut unassigned = Vec::new();
    for item in work {
        let difficult = matches!(item, Item::Work { difficult: true, .. });
        // The agent with the most capacity left who may take it (ties: first listed).
        let pick = queues
            .iter()
            .enumerate()
            .filter(|(_, (_, left, _))| *left > 0)
            .max_by_key(|(i, (_, left, run))| {
                let fresh = !difficult || *run < call.max_difficult_in_row;
                (fresh, *left, std::cmp::Reverse(*i))
            })
            .map(|(i, _)| i);
        let Some(i) = pick else {
            unassigned.push(item);
            continue;
        };
        let Some((q, left, run)) = queues.get_mut(i) else {
            unassigned.push(item);
            continue;
        };
        if difficult && *run >= call.max_difficult_in_row {
            // Everyone with capacity is at the cap: give this agent the pause first.
            q.items.push(Item::Pause {
                minutes: call.pause_minutes,
            });
            *run = 0;
        }
        q.items.push(item);
        *left -= 1;
        if difficult {
            *run += 1;
            if *run == call.max_difficult_in_row {
                q.items.push(Item::Pause {
                    minutes: call.pause_minutes,
                });
                *run = 0;
            }
        } else {
            *run = 0;
        }
    }
    Ok(Queue {
        agents: queues.into_iter().map(|(q, _, _)| q).collect(),
        unassigned,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn decision(id: &str, overdue: i64, dpd: i64, p: f64, softened: bool) -> Value {
        json!({"ok": {"account_id": id, "dpd": dpd, "arrears": {"overdue_amount": overdue}, "score": {"probability": p},
            "debt_advice": null,
            "actions": [{"step": "call_1", "channel": "call", "mode": "manual", "at": "2026-11-28T10:00:00-05:00",
                "template": "m2_call_script", "softened": if softened { json!("angry_reply") } else { Value::Null }},
                {"step": "sms_1", "channel": "sms", "mode": "auto", "at": "2026-11-28T10:00:00-05:00", "template": "x", "softened": null}]}})
    }

    #[test]
    fn ranks_by_expected_recovery_and_urgency_and_paces_difficult_calls() {
        let call = QueueCall {
            date: crate::time::Date::parse("2026-11-28").unwrap(),
            decisions: vec![
                decision("A", 100_000, 30, 0.5, false), // 50,000 × 2.0 = 100,000
                decision("B", 100_000, 90, 0.5, true),  // 50,000 × 4.0 = 200,000, difficult
                decision("C", 200_000, 0, 0.9, true),   // 180,000 × 1.0, difficult
                decision("D", 10_000, 60, 0.5, true),   // 5,000 × 3.0 = 15,000, difficult
                json!({"error": {"code": "account.bad_currency"}}),
            ],
            agents: vec![Agent {
                id: "ann".into(),
                capacity: 3,
            }],
            max_difficult_in_row: 2,
            pause_minutes: 10,
        };
        let q = build(&call).unwrap_or_else(|e| panic!("{e:?}"));
        let order: Vec<String> = q.agents[0]
            .items
            .iter()
            .map(|i| match i {
                Item::Work { account_id, .. } => account_id.clone(),
                Item::Pause { .. } => "pause".into(),
            })
            .collect();
        // B and C are difficult: after two in a row, a pause; only manual actions of the day count.
        assert_eq!(order, ["B", "C", "pause", "A"]);
        assert!(matches!(&q.unassigned[..], [Item::Work { account_id, .. }] if account_id == "D"));
    }
}
