//! The page's one live region: what a screen reader hears once files are verified. For one
//! file its name, verdict and reason; for several dropped together, how many have a problem.

use yew::Html;

use super::written::sentence;
use crate::state::{Entry, Verified};
use crate::text::{Sentence, Text};

/// The sentence for the files of the last drop (`batch`, newest first, as shown); empty until
/// any of them is verified, "verifying" (with how many are done, for several) while some are
/// not; then how many of them were already on the page (`repeated`), and are shown once, and
/// whether one was `cancelled`.
pub fn status(t: &Text, batch: &[&Entry], repeated: usize, cancelled: bool) -> Html {
    let mut said = verdicts(t, batch);
    if cancelled {
        if !said.pieces().is_empty() {
            said.push(Sentence::own(" "));
        }
        said.push(Sentence::own(t.cancelled));
    }
    if repeated > 0 && batch.iter().all(|e| e.verified.is_some()) {
        if !said.pieces().is_empty() {
            said.push(Sentence::own(" "));
        }
        said.push(t.batch.repeated(repeated));
    }
    sentence(&said)
}

fn verdicts(t: &Text, batch: &[&Entry]) -> Sentence {
    let done: Vec<(&str, &Verified)> = batch
        .iter()
        .filter_map(|e| e.verified.as_deref().map(|v| (e.name.as_str(), v)))
        .collect();
    match done.as_slice() {
        _ if done.len() < batch.len() && batch.len() > 1 => {
            Sentence::own((t.verifying_count)(done.len(), batch.len()))
        }
        _ if done.len() < batch.len() => Sentence::own(t.verifying),
        [] => Sentence::default(),
        [(name, verified)] => {
            let (verdict, reason) = outcome(t, verified);
            t.file_status(name, verdict, reason)
        }
        many => {
            let problems = many.iter().filter(|(_, v)| v.has_problem()).count();
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
    match report.decisive() {
        Some(message) => (t.verdict(message), message.reason.map(|id| t.failure(id))),
        None => (t.not_pec, None),
    }
}
