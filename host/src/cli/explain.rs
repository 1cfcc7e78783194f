//! `dunwell explain` and `dunwell offers`: one account decided, shown as a timeline or as an offers table.
//!
//! Both print the whole envelope through their renderer, errors included, on standard output: the renderers
//! show an error with its code and path, and a reader of the timeline sees why there is none.

use super::{ModuleArgs, OneAccount};
use serde::Serialize;
use serde_json::value::RawValue;
use std::process::ExitCode;

/// The `decide` request; fields in the order the module reads them.
#[derive(Serialize)]
struct Decide<'a> {
    as_of: &'a str,
    account: Box<RawValue>,
}

/// Decides the account and prints the envelope with `render` (`explain::render` or `explain::render_offers`).
pub fn run(module: &ModuleArgs, on: &OneAccount, render: fn(&str) -> String) -> anyhow::Result<ExitCode> {
    let answer = super::call_on_account(module, on, "decide", |account| Decide {
        as_of: &on.as_of,
        account,
    })?;
    print!("{}", render(answer.text()));
    Ok(answer.exit_code())
}
