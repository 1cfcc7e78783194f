//! `dunwell reply`: what a borrower's reply means — intents, amounts and dates, the effects to apply — and the
//! answer to send.

use super::ModuleArgs;
use serde::Serialize;
use serde_json::value::RawValue;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(mut_arg("as_of", |a| a.help("When the reply arrived, RFC 3339 with offset")))]
pub struct Args {
    #[command(flatten)]
    on: super::OneAccount,
    /// The channel it came in on (sms, email, social_dm, call).
    #[arg(long, default_value = "sms")]
    channel: String,
    /// Print the analysis as JSON.
    #[arg(long)]
    json: bool,
    /// The reply's text.
    text: String,
}

/// The `reply` request.
#[derive(Serialize)]
struct Reply<'a> {
    as_of: &'a str,
    channel: &'a str,
    text: &'a str,
    account: Box<RawValue>,
}

pub fn run(module: &ModuleArgs, args: &Args) -> anyhow::Result<ExitCode> {
    let answer = super::call_on_account(module, &args.on, "reply", |account| Reply {
        as_of: &args.on.as_of,
        channel: &args.channel,
        text: &args.text,
        account,
    })?;
    super::finish(&answer, |ok| {
        super::print_json_or(&ok, args.json, dunwell_host::explain::render_reply)
    })
}
