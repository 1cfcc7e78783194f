//! `dunwell openapi`: the service's OpenAPI 3.1 document (what `GET /openapi.json` answers), for client
//! generators and validators, without starting the service.

use std::process::ExitCode;

pub fn run() -> anyhow::Result<ExitCode> {
    println!("{}", dunwell_host::serve::openapi_json());
    Ok(ExitCode::SUCCESS)
}
