//! `dunwell validate`: a policy checked, every problem with its JSON path.

use super::ModuleArgs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The policy document (JSON).
    #[arg(long)]
    policy: PathBuf,
}

/// The module's envelope printed as it is (a CI log keeps every problem), or with `--format human` one problem
/// per line; exit 1 when the policy is invalid.
pub fn run(module: &ModuleArgs, args: &Args) -> anyhow::Result<ExitCode> {
    let rt = super::runtime(module)?;
    let answer = rt.validate_policy(&super::read_text(&args.policy)?)?;
    if super::format_or(super::OutputFormat::Json) == super::OutputFormat::Human {
        print!("{}", dunwell_host::explain::render_validation(&answer));
    } else {
        println!("{answer}");
    }
    Ok(super::exit(answer.starts_with("{\"ok\"")))
}
