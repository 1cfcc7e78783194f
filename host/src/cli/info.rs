//! `dunwell info`: which module this is — where it was loaded from, its sha256, ABI, versions, tz database.

use super::ModuleArgs;
use std::process::ExitCode;

pub fn run(module: &ModuleArgs) -> anyhow::Result<ExitCode> {
    let rt = super::runtime(module)?;
    let info = rt.info();
    super::print_json_unless_human(
        &serde_json::json!({
            "module": rt.module_path().map(|p| p.display().to_string()),
            "module_sha256": rt.module_sha256(),
            "abi_version": info.abi_version,
            "version": info.version,
            "tzdb_version": info.tzdb_version,
            "ops": info.ops,
        }),
        dunwell_host::explain::render_info,
    )
}
