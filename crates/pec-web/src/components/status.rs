//! The page's one live region: what a screen reader hears once files are verified. For one
//! file its name, verdict and reason; for several dropped together, how many have a problem.

use pec::Verdict;
use yew::Html;

use super::written::sentence;
use crate::state::{Entry, Verified};
use crate::text::{Sentence, Text};

/// The sentence for the files of the last drop (`batch`, newest first); empty until any of
/// them is verified, "verifying" while some are not.
pub fn status(t: &Text, batch: &[&Entry]) -> Html {
    sentence(&status_sentence(t, batch))
}

fn status_sentence(t: &Text, batch: &[&Entry]) -> Sentence {
    let done: Vec<(&str, &Verified)> = batch
        .iter()
        .filter_map(|e| e.verified.as_deref().map(|v| (e.name.as_str(), v)))
        .collect();
    match done.as_slice() {
        _ if done.len() < batch.len() => Sentence::own(t.verifying),
        [] => Sentence::default(),
        [(name, verified)] => {
            let (verdict, reason) = outcome(t, verified);
            t.file_status(name, verdict, reason)
        }
        many => {
            let problems = many.iter().filter(|(_, v)| has_problem(v)).count();
            Sentence::own((t.batch_status)(many.len(), problems))
        }
    }
}

/// The verdict and reason of the file's first message that did not pass, else of its first.
fn outcome(t: &Text, verified: &Verified) -> (&'static str, Option<&'static str>) {
    let report = &verified.report;
    if let Some(error) = report.error {
        return (t.not_pec, Some(t.input_error(error)));
    }
    let messages = &report.messages;
    let decisive = messages
        .iter()
        .find(|m| m.verdict != Verdict::TotalPassed)
        .or(messages.first());
    match decisive {
        Some(message) => (t.verdict(message), message.reason.map(|id| t.failure(id))),
        None => (t.not_pec, None),
    }
}

fn has_problem(verified: &Verified) -> bool {
    let report = &verified.report;
    report.error.is_some()
        || report
            .messages
            .iter()
            .any(|m| m.verdict != Verdict::TotalPassed)
}
