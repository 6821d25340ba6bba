//! How far a batch has got, on standard error when it is a terminal ("verified 12 of 40"): a
//! person waiting sees the work move; a script reading standard error sees nothing.

use std::io::{IsTerminal, Write};

pub struct Progress {
    total: usize,
    done: usize,
    shown: bool,
}

impl Progress {
    /// Shown only for more than one file, and only to a terminal.
    pub fn new(total: usize) -> Self {
        Self {
            total,
            done: 0,
            shown: total > 1 && std::io::stderr().is_terminal(),
        }
    }

    /// One more file is done.
    pub fn step(&mut self) {
        self.done += 1;
        if self.shown {
            let _ = write!(
                std::io::stderr(),
                "\rverified {} of {}",
                self.done,
                self.total
            );
        }
    }
}

impl Drop for Progress {
    /// The line is cleared once the batch is over, so the terminal keeps only the results.
    fn drop(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}
