//! `pec-verify --dossier`: the files put together by sending, as one JSON document or as a
//! readable summary of each sending.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use pec::dossier::{ContentProof, Dossier, Event, File, Outcome, Problem, Recipient};
use pec::{Options, Report};

/// Reads and verifies every file, then prints their dossiers.
pub fn run(paths: &[PathBuf], options: &Options, json: bool) -> ExitCode {
    let mut read = Vec::new();
    let mut complete = true;
    let keep = |_: &str, bytes, report| (bytes, report);
    super::batch::run(paths, options, keep, |(name, result)| {
        match super::readable(&name, result) {
            Some((bytes, report)) => read.push((name, bytes, report)),
            None => complete = false,
        }
        complete
    });
    if !complete {
        return ExitCode::from(2);
    }
    let files: Vec<File<'_>> = read
        .iter()
        .map(|(name, bytes, report)| File {
            name,
            bytes,
            report,
        })
        .collect();
    let dossiers = pec::dossier::dossiers(&files);
    let text = if json {
        pec::dossier::to_json(&dossiers, &files)
    } else {
        render(&dossiers, &read)
    };
    if writeln!(io::stdout().lock(), "{text}").is_err() {
        return ExitCode::from(2);
    }
    super::status(!dossiers.is_empty() && dossiers.iter().all(|d| d.complete))
}

fn render(dossiers: &[Dossier], read: &[(String, Vec<u8>, Report)]) -> String {
    let mut lines = Vec::new();
    for dossier in dossiers {
        sending(dossier, &mut lines);
    }
    let alone: Vec<&str> = read
        .iter()
        .filter(|(_, _, r)| r.messages.iter().all(|m| m.daticert.is_none()))
        .map(|(name, _, _)| name.as_str())
        .collect();
    if !alone.is_empty() {
        lines.push(format!(
            "not part of any sending (no certified data): {}",
            alone.join(", ")
        ));
    }
    if dossiers.is_empty() {
        lines.push("no sending: none of the files names one".to_owned());
    }
    lines.join("\n")
}

fn sending(d: &Dossier, lines: &mut Vec<String>) {
    let state = if d.complete { "complete" } else { "incomplete" };
    lines.push(format!("sending {}  ({state})", d.identificativo));
    lines.push(format!(
        "  from {}, subject {:?}",
        super::address(&d.mittente),
        d.oggetto.as_deref().unwrap_or_default()
    ));
    for (label, event) in [
        ("sent", &d.sent),
        ("accepted", &d.accepted),
        ("refused", &d.refused),
    ] {
        match event {
            Some(event) => lines.push(format!("  {label:<9} {}", event_text(event))),
            None if label != "refused" => lines.push(format!("  {label:<9} no file shows it")),
            None => {}
        }
    }
    for recipient in &d.recipients {
        lines.push(format!("  to {}", recipient_text(recipient)));
    }
    for problem in &d.problems {
        lines.push(format!("  problem: {}", problem_text(problem)));
    }
}

fn event_text(event: &Event) -> String {
    let at = event
        .at
        .map(|t| t.rfc3339())
        .unwrap_or_else(|| "no time".into());
    let place = if event.location.is_empty() {
        String::new()
    } else {
        format!(" in {}", super::visible(&event.location.to_string()))
    };
    format!("{at}  {}{place}", event.file)
}

fn recipient_text(r: &Recipient) -> String {
    let mut text = format!(
        "{} ({}): {}",
        super::address(&r.address),
        r.tipo,
        r.outcome.as_str()
    );
    if let Some(receipt) = &r.receipt {
        text += &format!("  {}", event_text(receipt));
    }
    if let Some(error) = &r.error {
        text += &format!("  error {error:?}");
    }
    match &r.content {
        Some(ContentProof::Completa { same_as_envelope }) => {
            text += match same_as_envelope {
                Some(true) => "\n      content: the original, identical to the envelope's",
                Some(false) => "\n      content: the original, NOT the envelope's",
                None => "\n      content: the original (no envelope to compare)",
            }
        }
        Some(ContentProof::Breve { attachments }) => {
            for a in attachments {
                let how = a.encoding.map(|e| format!(" as {e}")).unwrap_or_default();
                let file = a
                    .file
                    .as_deref()
                    .map(|f| format!(" ({f})"))
                    .unwrap_or_default();
                text += &format!(
                    "\n      {}: {}{how}{file}",
                    super::visible(&a.name),
                    a.outcome.as_str()
                );
            }
        }
        Some(ContentProof::Sintetica) => text += "\n      content: not proven (sintetica)",
        None => {}
    }
    if r.outcome == Outcome::NoReceiptExpected {
        text += "  (an ordinary mailbox sends no receipt)";
    }
    text
}

fn problem_text(problem: &Problem) -> String {
    match problem {
        Problem::NotGenuine {
            message,
            verdict,
            reason,
        } => {
            let why = reason
                .map(|r| format!(", decided by {r}"))
                .unwrap_or_default();
            format!(
                "{} is {}{why}: not evidence",
                event_text(message),
                verdict.as_str()
            )
        }
        Problem::Contradicts { message, address } => {
            let whom = address
                .as_deref()
                .map(|a| format!(" for {a}"))
                .unwrap_or_default();
            format!(
                "{} contradicts an earlier receipt{whom}",
                event_text(message)
            )
        }
        Problem::Disagrees { message, field } => {
            format!("{}: its {field} is not the sending's", event_text(message))
        }
        Problem::UnexpectedRecipient { message, address } => {
            format!(
                "{}: a receipt for {address}, not a recipient",
                event_text(message)
            )
        }
    }
}
