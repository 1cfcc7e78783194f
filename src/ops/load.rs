//! Loading a policy into an engine: validation (`engine::load`), the templates compiled once, and the
//! policy's own templates linted by rendering them for sample accounts (`ops::sweep`), which decides — so
//! this sits above `decision`.

use super::sweep;
use crate::engine::{Engine, EngineIdentity, VERSION, hex, load};
use crate::error::{Error, ErrorKind, Problem};
use sha2::{Digest, Sha256};

impl Engine {
    /// Validates a policy and builds an engine. `module_sha256` is the hash of the module running this code,
    /// which only the host knows.
    ///
    /// # Errors
    /// The policy's first problem, with every problem in `problems` (see [`load::load`]).
    pub fn new(policy_json: &str, module_sha256: Option<String>) -> Result<Engine, Error> {
        let (policy, warnings, library) = load::load(policy_json)?;
        let canonical =
            serde_json::to_vec(&policy).map_err(|e| Error::internal(format!("cannot serialise policy: {e}")))?;
        let policy_sha256 = hex(&Sha256::digest(&canonical));
        let mut engine = Engine {
            library,
            policy,
            identity: EngineIdentity {
                version: VERSION,
                module_sha256,
                policy_sha256,
            },
            warnings,
        };
        engine.lint_own_templates()?;
        Ok(engine)
    }

    /// Lints the policy's own templates (the built-in library is proven clean by the test suite): errors
    /// reject the policy, warnings (an SMS over the segment budget) are reported.
    fn lint_own_templates(&mut self) -> Result<(), Error> {
        let own = &self.policy.messages.templates;
        if own.is_empty() {
            return Ok(());
        }
        let all = own.keys().any(|k| k.ends_with("/_base"));
        let ids = sweep::template_ids(&self.policy, !all);
        // The assistant's answers share the layouts: a policy that replaces one has them all checked again.
        let report = sweep::sweep(self, &ids, all)?;
        let mut errors = Vec::new();
        // One problem per template, finding and rules, naming every channel and tone it was found in (the
        // sweep renders each combination), in the words the policy itself uses.
        let word = |v: serde_json::Result<serde_json::Value>| {
            v.ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
        };
        let mut grouped: Vec<(sweep::SweepFinding, Vec<String>, Vec<String>)> = Vec::new();
        for f in report.findings {
            let (channel, tone) = (
                word(serde_json::to_value(f.channel)),
                word(serde_json::to_value(f.tone)),
            );
            let same = grouped.iter_mut().find(|(g, _, _)| {
                g.finding.template == f.finding.template
                    && g.finding.code == f.finding.code
                    && g.finding.message == f.finding.message
                    && g.locale == f.locale
                    && g.jurisdiction == f.jurisdiction
            });
            match same {
                Some((_, channels, tones)) => {
                    if !channels.contains(&channel) {
                        channels.push(channel);
                    }
                    if !tones.contains(&tone) {
                        tones.push(tone);
                    }
                }
                None => grouped.push((f, vec![channel], vec![tone])),
            }
        }
        for (f, channels, tones) in grouped {
            let problem = Problem {
                code: format!("policy.{}", ErrorKind::Lint.as_str()),
                message: format!(
                    "template `{}` ({}; {} tone; {} words under the {} rules): {} {}",
                    f.finding.template,
                    channels.join(", "),
                    tones.join("/"),
                    f.locale,
                    f.jurisdiction,
                    f.finding.code,
                    f.finding.message
                ),
                path: format!(
                    "/messages/templates/{}",
                    crate::json::pointer_token(&f.finding.template)
                ),
            };
            if f.finding.severity == crate::template::lint::Severity::Error {
                errors.push(problem);
            } else {
                self.warnings.push(problem);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(load::bundle(errors))
        }
    }
}
