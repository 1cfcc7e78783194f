//! Fuzz target `reply`: the reply reader on arbitrary text. Byte 0 picks the account, byte 1 the instant (around
//! DST changes, year ends, leap days and the far ends of the calendar), byte 2 the channel and the engine; the
//! rest is the borrower's message.

use dunwell::api::call;
use dunwell_fuzz::{AS_OF, DEFAULT_POLICY, NIGHT_OWL_POLICY, accounts, check_output, engine, text};
use serde_json::json;

const CHANNELS: &[&str] = &["sms", "email", "letter", "call", "social_dm"];

fn main() {
    let engines = [engine(DEFAULT_POLICY), engine(NIGHT_OWL_POLICY)];
    // Read-only after this point; a panic aborts the process, so no half-updated state is ever observed.
    let engines = std::panic::AssertUnwindSafe(engines);
    let accounts = accounts();
    afl::fuzz!(|data: &[u8]| {
        let [a, t, c, rest @ ..] = data else {
            return;
        };
        let account = &accounts[usize::from(*a) % accounts.len()];
        let as_of = AS_OF[usize::from(*t) % AS_OF.len()];
        let channel = CHANNELS[usize::from(*c) % CHANNELS.len()];
        let engine = &engines[usize::from(*c >> 7)];
        let input = json!({"account": account, "as_of": as_of, "channel": channel, "text": text(rest)}).to_string();
        check_output("reply", &input, &call(engine, "reply", &input));
    });
}
