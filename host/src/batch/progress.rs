//! Progress while a run goes: a spinner when stderr is a terminal, a plain log line every ten seconds when it
//! is not (a log file or a CI job), so long runs show life without flooding a log.

use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

/// A progress bar on a terminal; a log line every ten seconds otherwise.
pub(super) struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
    last: std::cell::Cell<Instant>,
}

impl Progress {
    pub(super) fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos} accounts decided ({per_sec}) {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        Progress {
            bar,
            started: Instant::now(),
            last: std::cell::Cell::new(Instant::now()),
        }
    }

    pub(super) fn tick(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.set_position(n);
        } else if self.last.get().elapsed() >= Duration::from_secs(10) {
            self.last.set(Instant::now());
            let rate = n as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
            eprintln!("progress: {n} accounts decided ({rate:.0}/s)");
        }
    }

    pub(super) fn finish(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.set_position(n);
            b.finish_and_clear();
        }
    }
}
