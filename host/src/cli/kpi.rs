//! `dunwell kpi`: portfolio KPIs from snapshots — roll rates, cure, PTP kept, RPC, liquidation, cost.

use super::ModuleArgs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
    /// The snapshots file.
    snapshots: PathBuf,
}

/// The snapshots file is the request (`{"snapshots": [...]}`), passed on verbatim.
pub fn run(module: &ModuleArgs, args: &Args) -> anyhow::Result<ExitCode> {
    let answer = match super::verbatim(super::read_text(&args.snapshots)?, "") {
        Ok(snapshots) => super::call_op(module, None, "kpi", &snapshots)?,
        Err(not_json) => not_json,
    };
    super::finish(&answer, |ok| {
        super::print_json_or(&ok, args.json, dunwell_host::explain::render_kpi)
    })
}
