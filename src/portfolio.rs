//! A portfolio read from a flat CSV file: one account document per record. The one CSV reader every host uses
//! (the batch CLI, the Python package's flat columns, the console's simulator), so a file means the same
//! accounts everywhere.
//!
//! Columns (by header name, in any order; others are ignored): `id, jurisdiction, currency, principal,
//! interest, fees, name, locale, time_zone, birth_year, instalments` (`due:amount[:paid]` separated by `;`),
//! `sms, sms_consent, email, hardship, dispute, cease`. Empty cells are left out (an empty balance is 0). A
//! cell that should hold a whole number of minor units and does not is passed on as text, so deciding the
//! account answers an error naming the field (`/balances/principal`, `/instalments/0/amount`) rather than
//! deciding on a 0 nobody wrote.

use crate::error::{Error, ErrorKind, Scope};
use serde_json::{Map, Value, json};

/// The account documents of a CSV text (a header row, then one record per account), in order.
///
/// # Errors
/// `call.bad_value` naming the record when the text is not CSV (an unterminated quote, a header that is not
/// text).
pub fn accounts_from_csv(text: &str) -> Result<Vec<Value>, Error> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|e| {
            Error::new(
                Scope::Call,
                ErrorKind::BadValue,
                "",
                format!("the CSV header row cannot be read: {e}"),
            )
        })?
        .clone();
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| {
            Error::new(
                Scope::Call,
                ErrorKind::BadValue,
                format!("/{i}"),
                format!("CSV record {} cannot be read: {e}", i + 1),
            )
        })?;
        out.push(account(&headers, &rec));
    }
    Ok(out)
}

/// A whole number of minor units, or the text as written (refused later with the field's path).
fn number(raw: &str) -> Value {
    raw.parse::<i64>().map_or_else(|_| Value::from(raw), Value::from)
}

/// One record as an account document.
fn account(headers: &csv::StringRecord, rec: &csv::StringRecord) -> Value {
    let get = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .and_then(|i| rec.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let num = |name: &str| get(name).map(number);
    let flag = |name: &str| get(name).is_some_and(|v| matches!(v, "1" | "true" | "yes" | "TRUE" | "Y"));
    let mut borrower = Map::new();
    borrower.insert("name".into(), get("name").unwrap_or("").into());
    borrower.insert("time_zone".into(), get("time_zone").unwrap_or("").into());
    if let Some(l) = get("locale") {
        borrower.insert("locale".into(), l.into());
    }
    if let Some(y) = num("birth_year") {
        borrower.insert("birth_year".into(), y);
    }
    let instalments: Vec<Value> = get("instalments")
        .unwrap_or("")
        .split(';')
        .filter(|x| !x.trim().is_empty())
        .map(|x| {
            let mut parts = x.trim().split(':');
            let mut i = Map::new();
            i.insert("due".into(), parts.next().unwrap_or("").into());
            i.insert("amount".into(), parts.next().map_or(Value::Null, |a| number(a.trim())));
            if let Some(p) = parts.next() {
                i.insert("paid".into(), number(p.trim()));
            }
            Value::Object(i)
        })
        .collect();
    let mut channels = Map::new();
    if let Some(sms) = get("sms") {
        let mut c = Map::new();
        c.insert("address".into(), sms.into());
        if get("sms_consent").is_some() {
            c.insert("consent".into(), flag("sms_consent").into());
        }
        channels.insert("sms".into(), Value::Object(c));
    }
    if let Some(email) = get("email") {
        channels.insert("email".into(), json!({ "address": email }));
    }
    json!({
        "id": get("id").unwrap_or(""),
        "jurisdiction": get("jurisdiction").unwrap_or(""),
        "currency": get("currency").unwrap_or(""),
        "balances": {
            "principal": num("principal").unwrap_or(0.into()),
            "interest": num("interest").unwrap_or(0.into()),
            "fees": num("fees").unwrap_or(0.into()),
        },
        "instalments": instalments,
        "borrower": borrower,
        "channels": channels,
        "flags": {"hardship": flag("hardship"), "dispute": flag("dispute"), "cease": flag("cease")},
    })
}
