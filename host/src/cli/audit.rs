//! `dunwell audit`: verify the trail by replaying it, prune old records, print the PostgreSQL schema. The work is
//! [`dunwell_host::audit`] (verification in [`dunwell_host::audit::verify`]); this is its flags and output.

use super::{AuditTrail, ModuleArgs};
use dunwell_host::audit::{Audit, DEFAULT_RETENTION_DAYS, POSTGRES_SCHEMA};
use std::io::Write;
use std::process::ExitCode;

/// Audit-trail commands.
#[derive(clap::Subcommand)]
pub enum Action {
    /// Replay recorded decisions through the module and report any that differ.
    Verify {
        #[command(flatten)]
        audit: AuditTrail,
        /// Verify only this many (a deterministic sample by decision id).
        #[arg(long)]
        sample: Option<usize>,
    },
    /// Print the PostgreSQL schema (for a DBA who creates it instead of granting CREATE).
    Schema,
    /// Delete decisions older than the retention period.
    Prune {
        #[command(flatten)]
        audit: AuditTrail,
        /// Days to keep. Records of CN accounts are kept at least five years (the legal minimum) whatever this says.
        #[arg(long, default_value_t = DEFAULT_RETENTION_DAYS)]
        keep_days: u32,
    },
}

pub fn run(module: &ModuleArgs, action: Action) -> anyhow::Result<ExitCode> {
    match action {
        Action::Verify { audit, sample } => {
            let rt = super::runtime(module)?;
            let db = Audit::open(&audit.location, rt.module_sha256(), 1)?;
            // Each problem is printed as it is found: a long walk shows progress, and a killed one what it saw.
            let mut out = std::io::stdout().lock();
            let report = dunwell_host::audit::verify::verify(&rt, &db, sample, &mut |line: String| {
                let _ = writeln!(out, "{line}");
            })?;
            writeln!(out, "{}", report.summary())?;
            Ok(super::exit(report.clean()))
        }
        Action::Schema => {
            print!("{POSTGRES_SCHEMA}");
            Ok(ExitCode::SUCCESS)
        }
        Action::Prune { audit, keep_days } => {
            let db = Audit::open(&audit.location, "", 1)?;
            let pruned = db.prune(keep_days)?;
            let kept = if pruned.kept_by_law > 0 {
                format!(
                    "; kept {} older one(s) that a jurisdiction's legal minimum retention still covers (CN: five years)",
                    pruned.kept_by_law
                )
            } else {
                String::new()
            };
            println!(
                "pruned {} decision(s) older than {keep_days} days{kept}",
                pruned.deleted
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
