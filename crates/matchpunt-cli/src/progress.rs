//! Progress on stderr while a command works: one spinner line naming the stage and its time,
//! shown only when stderr is a terminal (so that logs and pipes stay clean) and cleared at the
//! end.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// The progress line (a no-op when stderr is not a terminal).
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Starts the line at `stage`.
    pub fn start(stage: &str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        let p = Progress { bar };
        p.stage(stage);
        p
    }

    /// Moves on to `stage` (its clock starts at 0).
    pub fn stage(&self, stage: &str) {
        if let Some(b) = &self.bar {
            b.reset_elapsed();
            b.set_message(stage.to_string());
        }
    }

    /// Runs `f` (which prints to the terminal) with the line hidden.
    pub fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
