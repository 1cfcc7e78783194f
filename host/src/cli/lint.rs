//! `dunwell lint`: every template the policy sends, for every channel, tone, locale and jurisdiction.

use super::ModuleArgs;
use dunwell_host::Limits;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The policy document (JSON).
    #[arg(long)]
    policy: PathBuf,
    /// Only these template ids (default: all the policy sends).
    #[arg(long = "template")]
    templates: Vec<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// The `lint` request: no `templates` key at all means every template the policy sends.
#[derive(Serialize)]
struct Lint<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    templates: Option<&'a [String]>,
}

/// Exit 1 when any finding is an error, so CI can gate a policy change on it.
pub fn run(module: &ModuleArgs, args: &Args) -> anyhow::Result<ExitCode> {
    // A whole-library sweep writes thousands of messages in one call: minutes, not the default seconds.
    let limits = Limits {
        call_timeout: std::time::Duration::from_secs(600),
        ..Limits::default()
    };
    let call = Lint {
        templates: (!args.templates.is_empty()).then_some(args.templates.as_slice()),
    };
    let answer = super::call_op_with(module, limits, Some(&args.policy), "lint", &call)?;
    super::finish(&answer, |ok| {
        super::print_json_or(&ok, args.json, dunwell_host::explain::render_lint_report)?;
        Ok(super::exit(ok["errors"].as_u64() == Some(0)))
    })
}
