//! The report: the machine it ran on, one table (median, spread, runs, target, met or missed by
//! how much) and how each figure is measured.

use std::fmt::Write as _;

use crate::{Result, cmd, output};

/// Facts about the machine and the build, taken when the benchmark starts.
pub struct Machine {
    date: String,
    cpu: String,
    cores: usize,
    chromium: String,
    openssl: String,
    rustc: String,
    commit: String,
    load_at_start: String,
}

impl Machine {
    pub fn now() -> Self {
        let tool = |program: &str, args: &[&str]| {
            output(cmd(program, args)).map_or_else(|| format!("no {program}"), |v| v.trim().into())
        };
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find_map(|l| l.strip_prefix("model name"))
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let dirty = output(cmd("git", &["status", "--porcelain"])).is_some_and(|s| !s.is_empty());
        Self {
            date: tool("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
            cpu,
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            chromium: tool("chromium", &["--version"]),
            openssl: tool("openssl", &["version"]),
            rustc: tool("rustc", &["--version"]),
            commit: tool("git", &["rev-parse", "--short", "HEAD"])
                + if dirty {
                    " with uncommitted changes"
                } else {
                    ""
                },
            load_at_start: load_average(),
        }
    }
}

/// The 1, 5 and 15 minute load averages.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The median and the spread of a figure's runs.
struct Stats {
    median: f64,
    p10: f64,
    p90: f64,
    runs: usize,
}

impl Stats {
    fn of(values: &[f64]) -> Option<Self> {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let middle = n.checked_sub(1)? / 2;
        let median = if n % 2 == 1 {
            sorted[middle]
        } else {
            (sorted[middle] + sorted[middle + 1]) / 2.0
        };
        Some(Self {
            median,
            p10: nearest_rank(&sorted, 10),
            p90: nearest_rank(&sorted, 90),
            runs: n,
        })
    }
}

pub fn median(values: &[f64]) -> Option<f64> {
    Stats::of(values).map(|s| s.median)
}

/// The `percent`-th percentile of sorted, non-empty `values` by nearest rank: the smallest
/// value with at least `percent` % of the values at or below it.
fn nearest_rank(sorted: &[f64], percent: usize) -> f64 {
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    sorted[rank.min(sorted.len()) - 1]
}

#[derive(Clone, Copy)]
pub enum Unit {
    Ms,
    /// Shown in KB or MB (10^3, 10^6 bytes).
    Bytes,
    ReceiptsPerSecond,
    Times,
}

impl Unit {
    /// "1.25 ms", "27.4 MB", "643 receipts/s", "2.95×": about three significant digits.
    pub fn show(self, value: f64) -> String {
        let (number, suffix) = self.scaled(value);
        format!("{}{suffix}", three_digits(number))
    }

    /// A target as written: "80 ms", "1.5 s", "2 ms".
    fn show_round(self, value: f64) -> String {
        let (number, suffix) = self.scaled(value);
        let digits = three_digits(number);
        let round = if digits.contains('.') {
            digits.trim_end_matches('0').trim_end_matches('.')
        } else {
            &digits
        };
        format!("{round}{suffix}")
    }

    fn scaled(self, value: f64) -> (f64, &'static str) {
        match self {
            Self::Ms if value >= 1000.0 => (value / 1000.0, " s"),
            Self::Ms => (value, " ms"),
            Self::Bytes if value >= 1e6 => (value / 1e6, " MB"),
            Self::Bytes => (value / 1e3, " KB"),
            Self::ReceiptsPerSecond => (value, " receipts/s"),
            Self::Times => (value, "×"),
        }
    }
}

/// About three significant digits, never fewer than the whole units.
fn three_digits(value: f64) -> String {
    match value.abs() {
        v if v >= 100.0 => format!("{value:.0}"),
        v if v >= 10.0 => format!("{value:.1}"),
        _ => format!("{value:.2}"),
    }
}

#[derive(Clone, Copy)]
pub enum Target {
    AtMost(f64),
    AtLeast(f64),
}

impl Target {
    fn show(self, unit: Unit) -> String {
        match self {
            Self::AtMost(t) => format!("≤ {}", unit.show_round(t)),
            Self::AtLeast(t) => format!("≥ {}", unit.show_round(t)),
        }
    }

    /// "met (12 % under)" or "**missed** by 3.10 ms (+4 %)".
    fn judge(self, value: f64, unit: Unit) -> String {
        let (target, met, gap) = match self {
            Self::AtMost(t) => (t, value <= t, value - t),
            Self::AtLeast(t) => (t, value >= t, t - value),
        };
        let percent = (value - target).abs() / target * 100.0;
        match (met, self) {
            (true, Self::AtMost(_)) => format!("met ({percent:.0} % under)"),
            (true, Self::AtLeast(_)) => format!("met ({percent:.0} % over)"),
            (false, Self::AtMost(_)) => {
                format!("**missed** by {} (+{percent:.0} %)", unit.show(gap))
            }
            (false, Self::AtLeast(_)) => {
                format!("**missed** by {} (−{percent:.0} %)", unit.show(gap))
            }
        }
    }
}

/// One line of the table.
pub struct Row {
    section: &'static str,
    label: String,
    /// The median, for notes derived from it (MB/s, multiple of the file size).
    pub median: f64,
    shown: String,
    spread: String,
    runs: usize,
    target: String,
    result: String,
}

impl Row {
    pub fn new(
        section: &'static str,
        label: impl Into<String>,
        values: &[f64],
        unit: Unit,
        target: Option<Target>,
    ) -> Result<Self> {
        let label = label.into();
        let stats = Stats::of(values).ok_or_else(|| format!("{label}: no runs"))?;
        Ok(Self {
            section,
            median: stats.median,
            shown: unit.show(stats.median),
            spread: format!("{} – {}", unit.show(stats.p10), unit.show(stats.p90)),
            runs: stats.runs,
            target: target.map_or_else(|| "—".into(), |t| t.show(unit)),
            result: target.map_or_else(|| "no target".into(), |t| t.judge(stats.median, unit)),
            label,
        })
    }

    /// Adds a figure derived from the median next to it: "(512 MB/s)".
    pub fn with_note(mut self, note: &str) -> Self {
        let _ = write!(self.shown, " ({note})");
        self
    }
}

/// The whole report in Markdown: machine, table, method.
pub fn report(machine: &Machine, rows: &[&Row], method: &[String]) -> String {
    let mut out = String::from("# Verifica PEC: benchmark\n\n");
    let _ = writeln!(
        out,
        "Measured on {date}, commit {commit}: {cpu}, {cores} cores; {chromium}; {openssl}; \
         {rustc}. Load average (1, 5, 15 min) {start} at the start, {end} at the end: the \
         machine is shared with other builds, so every figure carries their noise (the spreads \
         show how much).\n",
        date = machine.date,
        commit = machine.commit,
        cpu = machine.cpu,
        cores = machine.cores,
        chromium = machine.chromium,
        openssl = machine.openssl,
        rustc = machine.rustc,
        start = machine.load_at_start,
        end = load_average(),
    );
    out.push_str(
        "| Figure | Median | Spread (p10 – p90) | Runs | Target | Result |\n\
         |---|---|---|--:|---|---|\n",
    );
    let mut section = "";
    for row in rows {
        if row.section != section {
            section = row.section;
            let _ = writeln!(out, "| **{section}** | | | | | |");
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            row.label, row.shown, row.spread, row.runs, row.target, row.result
        );
    }
    out.push_str("\n## How each figure is measured\n\n");
    for line in method {
        let _ = writeln!(out, "* {line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_nearest_rank_percentiles() {
        let values: Vec<f64> = (1..=20).rev().map(f64::from).collect();
        let stats = Stats::of(&values).unwrap();
        assert_eq!(
            (stats.median, stats.p10, stats.p90, stats.runs),
            (10.5, 2.0, 18.0, 20)
        );
        let few = Stats::of(&[3.0, 1.0, 2.0]).unwrap();
        assert_eq!((few.median, few.p10, few.p90), (2.0, 1.0, 3.0));
        assert!(Stats::of(&[]).is_none());
    }

    #[test]
    fn says_by_how_much_a_target_is_missed() {
        assert_eq!(
            Target::AtMost(80.0).judge(60.0, Unit::Ms),
            "met (25 % under)"
        );
        assert_eq!(
            Target::AtMost(80.0).judge(100.0, Unit::Ms),
            "**missed** by 20.0 ms (+25 %)"
        );
        assert_eq!(
            Target::AtLeast(2000.0).judge(500.0, Unit::ReceiptsPerSecond),
            "**missed** by 1500 receipts/s (−75 %)"
        );
        assert_eq!(
            Target::AtLeast(10.0).judge(12.0, Unit::Times),
            "met (20 % over)"
        );
    }

    #[test]
    fn shows_figures_with_three_digits_and_targets_as_written() {
        assert_eq!(Unit::Ms.show(1.254), "1.25 ms");
        assert_eq!(Unit::Ms.show(1234.0), "1.23 s");
        assert_eq!(Unit::Bytes.show(27_400_000.0), "27.4 MB");
        assert_eq!(Unit::Bytes.show(254_499.0), "254 KB");
        assert_eq!(Target::AtMost(80.0).show(Unit::Ms), "≤ 80 ms");
        assert_eq!(Target::AtMost(1500.0).show(Unit::Ms), "≤ 1.5 s");
        assert_eq!(Target::AtMost(2.0).show(Unit::Ms), "≤ 2 ms");
        assert_eq!(Target::AtMost(205_292_907.0).show(Unit::Bytes), "≤ 205 MB");
        assert_eq!(Target::AtLeast(10.0).show(Unit::Times), "≥ 10×");
    }
}
