#![allow(clippy::print_stdout, clippy::unwrap_used)]
fn main() {
    let policy = std::fs::read_to_string("policies/default.json").unwrap();
    let (engine, _) = dunwell::api::engine_new(&format!("{{\"policy\":{policy}}}"));
    let engine = engine.unwrap();
    for line in std::io::stdin().lines() {
        let line = line.unwrap();
        let (loc, text) = line.split_once('|').unwrap();
        let (j, c, z) = match loc {
            "zh-CN" => ("CN", "CNY", "Asia/Shanghai"),
            "en-GB" => ("GB", "GBP", "Europe/London"),
            _ => ("US", "USD", "America/New_York"),
        };
        let call = serde_json::json!({"account":{"id":"P","jurisdiction":j,"currency":c,"balances":{"principal":1000000,"interest":20000,"fees":0},"instalments":[{"due":"2026-10-28","amount":100000}],"borrower":{"name":"Ann Lee","locale":loc,"time_zone":z}},"as_of":"2026-11-28T10:00:00Z","text":text});
        let out: serde_json::Value =
            serde_json::from_str(&dunwell::api::call(&engine, "reply", &call.to_string())).unwrap();
        let ok = &out["ok"];
        println!(
            "{text} => {} | amounts {} | effects {}",
            ok["intents"], ok["amounts"], ok["effects"]
        );
    }
}
