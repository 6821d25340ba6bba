//! One file's result: a verdict that cannot be misread (icon, words and colour), what kind of
//! message it is, and why it failed when it did.

use pec::{Check, MessageReport, Verdict};
use yew::prelude::*;

use super::app::Entry;
use crate::text::IT;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub entry: Entry,
}

#[function_component(ResultCard)]
pub fn result_card(props: &Props) -> Html {
    let entry = &props.entry;
    let body = match &entry.report {
        None => html! { <p class="busy" role="status">{ IT.verifying }</p> },
        Some(report) => match report.error {
            Some(error) => banner("not-pec", "!", IT.not_pec, Some(IT.input_error(error))),
            None => report.messages.iter().map(message).collect(),
        },
    };
    html! {
        <article class="result">
            <h2 class="file-name">{ &entry.name }</h2>
            { body }
        </article>
    }
}

fn message(message: &MessageReport) -> Html {
    let reason = decisive_failure(&message.checks).map(|c| IT.failure(c.id));
    let verdict = match message.verdict {
        Verdict::TotalPassed => banner("passed", "✓", IT.passed, None),
        Verdict::TotalFailed => banner("failed", "✗", IT.failed, reason),
        Verdict::Indeterminate => banner("indeterminate", "?", IT.indeterminate, reason),
    };
    let signer = message.signature.as_ref().and_then(|s| s.signer.as_ref());
    html! {
        <div class="message" data-verdict={format!("{:?}", message.verdict)}>
            { verdict }
            <p class="kind">{ IT.kind(message.classification.kind) }</p>
            if let Some(signer) = signer {
                <p class="signer">
                    { IT.signed_by }{ ": " }
                    { signer.organization.as_deref().unwrap_or(&signer.subject) }
                </p>
            }
        </div>
    }
}

/// The failure that decided the verdict: the first with the strongest effect.
fn decisive_failure(checks: &[Check]) -> Option<&Check> {
    let strongest = checks.iter().map(|c| c.effect).max()?;
    checks
        .iter()
        .find(|c| c.effect == strongest && c.status == pec::Status::Fail)
}

fn banner(
    class: &'static str,
    icon: &'static str,
    title: &'static str,
    detail: Option<&'static str>,
) -> Html {
    html! {
        <div class={classes!("verdict", class)}>
            <span class="verdict-icon" aria-hidden="true">{ icon }</span>
            <div>
                <p class="verdict-title">{ title }</p>
                if let Some(detail) = detail {
                    <p class="verdict-detail">{ detail }</p>
                }
            </div>
        </div>
    }
}
