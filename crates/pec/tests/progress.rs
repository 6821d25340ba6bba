//! How far a verification has got, as a face hears it on a large file: the bytes hashed and
//! parsed against the plan, told about a hundred times, never back, the whole plan at the end,
//! and the report the same as without being told.

mod common;
mod support;

use pec::progress::PASSES;
use pec::{Progress, Verifier};
use pec_factory::Message;

/// What a face is told verifying `input`, after checking that the report is the one
/// `pec::verify` makes and that what it heard keeps the promises every face relies on.
fn heard(input: &[u8]) -> Vec<Progress> {
    let mut heard = Vec::new();
    let mut verifier = Verifier::new(support::options());
    let report = verifier.verify_told(input, &mut |progress| heard.push(progress));
    let plain = pec::verify(input, &support::options());
    assert_eq!(
        serde_json::to_string(&report).unwrap(),
        serde_json::to_string(&plain).unwrap()
    );
    let planned = input.len() as u64 * PASSES;
    assert!(
        heard
            .iter()
            .all(|p| p.planned == planned && p.done <= planned)
    );
    assert!(
        heard.windows(2).all(|w| w[0].done <= w[1].done),
        "{heard:?}"
    );
    assert_eq!(heard.last().map(|p| p.done), Some(planned), "{heard:?}");
    assert!(heard.len() <= 102, "told {} times", heard.len());
    heard
}

/// The share of the plan told before the end.
fn before_the_end(heard: &[Progress]) -> f64 {
    let last = heard[heard.len() - 2];
    last.done as f64 / last.planned as f64
}

#[test]
fn a_large_envelope_is_told_step_by_step_and_its_plan_is_its_work() {
    let heard = heard(&Message::large_envelope_file(5 << 20));
    assert!(heard.len() >= 40, "told only {} times", heard.len());
    // No pass is told at once but the parse, a fifth of the plan.
    let planned = heard[0].planned;
    let largest = heard.windows(2).map(|w| w[1].done - w[0].done).max();
    assert!(
        largest <= Some(planned / PASSES + planned / 50),
        "{heard:?}"
    );
    // The plan counts what an envelope takes: the face is not left at the end, nor told the
    // end long before it.
    let told = before_the_end(&heard);
    assert!(
        (0.9..1.0).contains(&told),
        "{told:.2} of the plan before the end"
    );
}

#[test]
fn every_file_ends_at_its_plan() {
    let mut files: Vec<Vec<u8>> = common::samples_in("real")
        .iter()
        .map(|name| common::sample(name))
        .collect();
    files.extend(common::not_mail().map(|(_, bytes)| bytes));
    files.push(Vec::new());
    let envelope = Message::large_envelope_file(1 << 20);
    // Cut short, and the same envelope twice in an mbox, whose messages are parsed twice
    // (the mbox, then each message): more work than the plan counts.
    files.push(envelope[..envelope.len() / 2].to_vec());
    let from = b"From posta@example.it Tue Dec  1 10:00:00 2026\r\n".as_slice();
    files.push([from, &envelope, b"\r\n", from, &envelope].concat());
    for file in files {
        heard(&file);
    }
}
