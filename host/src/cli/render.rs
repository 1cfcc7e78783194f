//! `dunwell render`: one message for an account from a library template id or a template file, and its lint.

use super::ModuleArgs;
use serde::Serialize;
use serde_json::value::RawValue;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    on: super::OneAccount,
    /// A template id from the policy's library (e.g. `m2_overdue_firm`), or a template file (`.html` for
    /// HTML-escaped output).
    #[arg(long)]
    template: String,
    /// The channel the message is for (sms, email, letter, call, social_dm).
    #[arg(long, default_value = "sms")]
    channel: String,
    /// The tone (gentle, neutral, firm).
    #[arg(long, default_value = "neutral")]
    tone: String,
}

/// The `render` request.
#[derive(Serialize)]
struct Render<'a> {
    as_of: &'a str,
    channel: &'a str,
    tone: &'a str,
    template: Template,
    account: Box<RawValue>,
}

/// A library template by id, or a file's source under its file name (the name's extension picks the escaping).
#[derive(Serialize)]
#[serde(untagged)]
enum Template {
    Id { id: String },
    File { name: String, source: String },
}

/// The message on standard output, what it is and its lint findings on standard error; exit 1 when a finding is
/// an error, so a script can refuse to send it.
pub fn run(module: &ModuleArgs, args: &Args) -> anyhow::Result<ExitCode> {
    let file = PathBuf::from(&args.template);
    let template = if file.is_file() {
        Template::File {
            name: file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            source: super::read_text(&file)?,
        }
    } else {
        Template::Id {
            id: args.template.clone(),
        }
    };
    let answer = super::call_on_account(module, &args.on, "render", |account| Render {
        as_of: &args.on.as_of,
        channel: &args.channel,
        tone: &args.tone,
        template,
        account,
    })?;
    super::finish(&answer, |ok| {
        if super::wants_json(false) {
            let errors = ok["findings"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f["severity"] == "error"));
            super::print_json(&ok)?;
            return Ok(super::exit(!errors));
        }
        eprint!("{}", dunwell_host::explain::render_message_meta(&ok));
        print!("{}", dunwell_host::explain::render_message(&ok));
        let findings = ok["findings"].as_array().map(Vec::as_slice).unwrap_or_default();
        eprint!("{}", dunwell_host::explain::render_findings(findings));
        Ok(super::exit(!findings.iter().any(|f| f["severity"] == "error")))
    })
}
