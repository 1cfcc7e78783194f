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

/// What `explain` and `offers` show of the decision.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// The timeline (`dunwell explain`).
    Timeline,
    /// The offers table (`dunwell offers`).
    Offers,
}

/// Decides the account and prints the envelope as a timeline or an offers table; with `--format json`, the
/// decision (`explain`) or the module's offers sheet (`offers`) as JSON.
pub fn run(module: &ModuleArgs, on: &OneAccount, show: Show) -> anyhow::Result<ExitCode> {
    let json = super::format_or(super::OutputFormat::Human) == super::OutputFormat::Json;
    let render = match show {
        Show::Timeline => dunwell_host::explain::render,
        Show::Offers => dunwell_host::explain::render_offers,
    };
    let op = if json && show == Show::Offers {
        "offers"
    } else {
        "decide"
    };
    let answer = super::call_on_account(module, on, op, |account| Decide {
        as_of: &on.as_of,
        account,
    })?;
    if json {
        return super::finish(&answer, |ok| super::print_json(&ok));
    }
    print!("{}", render(answer.text()));
    Ok(answer.exit_code())
}
