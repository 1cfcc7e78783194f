//! Trains the reply model (`src/reply/model.bin`) from labelled replies: `scripts/train-reply-model.sh`.
//! Usage: `train_reply_model <a.jsonl[,b.jsonl…]> <out.bin> [epochs]` (the script passes `model::TRAINING`).
//! Deterministic: the same rows in the same order give the same bytes.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use dunwell::reply::Intent;
use dunwell::reply::model;
use dunwell::reply::text::Text;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: train_reply_model <a.jsonl[,b.jsonl…]> <out.bin> [epochs]");
        std::process::exit(2);
    };
    let epochs: u32 = args.get(3).and_then(|e| e.parse().ok()).unwrap_or(10);
    let mut rows: Vec<(Text, Vec<Intent>)> = Vec::new();
    for input in input.split(',') {
        read_rows(input, &mut rows);
    }
    let table = model::train(&rows, epochs);
    if let Err(e) = std::fs::write(output, &table) {
        eprintln!("{output}: {e}");
        std::process::exit(1);
    }
    println!(
        "{} replies, {epochs} epochs: {} weights ({} bytes) → {output}",
        rows.len(),
        table.len().saturating_sub(32) / 5,
        table.len()
    );
}

/// Appends the labelled rows of one JSONL file, exiting with the line on a bad row.
fn read_rows(input: &str, rows: &mut Vec<(Text, Vec<Intent>)>) {
    let text = match std::fs::read_to_string(input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{input}: {e}");
            std::process::exit(1);
        }
    };
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let row: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{input}:{}: {e}", n + 1);
                std::process::exit(1);
            }
        };
        let intents: Vec<Intent> = match serde_json::from_value(row["intents"].clone()) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{input}:{}: intents: {e}", n + 1);
                std::process::exit(1);
            }
        };
        rows.push((Text::new(row["text"].as_str().unwrap_or_default()), intents));
    }
}
