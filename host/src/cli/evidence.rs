//! `dunwell evidence`: the evidence pack for a legal referral or an agency placement, as JSON, and the printable
//! page with `--html`.

use super::ModuleArgs;
use anyhow::Context;
use serde::Serialize;
use serde_json::value::RawValue;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(mut_arg("as_of", |a| a.help("The moment to assemble it for, RFC 3339 with offset")))]
pub struct Args {
    #[command(flatten)]
    on: super::OneAccount,
    /// Also write the printable HTML page here.
    #[arg(long)]
    html: Option<PathBuf>,
}

/// The `evidence` request.
#[derive(Serialize)]
struct Evidence<'a> {
    as_of: &'a str,
    account: Box<RawValue>,
}

/// The pack as JSON on standard output, without its `html` (a page of markup is no use in a terminal): that goes
/// to the `--html` file.
pub fn run(module: &ModuleArgs, args: &Args) -> anyhow::Result<ExitCode> {
    let answer = super::call_on_account(module, &args.on, "evidence", |account| Evidence {
        as_of: &args.on.as_of,
        account,
    })?;
    super::finish(&answer, |mut ok| {
        let html = ok.as_object_mut().and_then(|o| o.remove("html"));
        if let Some(path) = &args.html {
            // A pack without its page is a module bug; an empty file would pass for a page that failed to print.
            let page = html
                .as_ref()
                .and_then(|h| h.as_str())
                .context("the evidence pack has no `html` page")?;
            std::fs::write(path, page).with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        super::print_json_unless_human(&ok, dunwell_host::explain::render_evidence)
    })
}
