//! One dossier per sending, over the cards: what the files prove of it, step by step (sent,
//! accepted, then each recipient's outcome), what is missing, what the delivery receipts prove
//! of the content, every message that does not count, and the files it stands on with their
//! SHA-256, whose cards print with it. The core puts the sending together ([`pec::dossier`]);
//! this only says it.

use pec::Timestamp;
use pec::dossier::{Dossier, Event, Outcome, Problem, Recipient};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::report_head::report_head;
use super::written::{address, sentence, written};
use super::{card_link, hash_row};
use crate::print;
use crate::state::{Entries, Entry};
use crate::text::Text;

/// The dossiers of the files on the page, the last of them verified at `at`.
pub fn dossiers(t: &Text, dossiers: &[Dossier], entries: &Entries, at: Timestamp) -> Html {
    if dossiers.is_empty() {
        return Html::default();
    }
    html! {
        <section class="dossiers" aria-label={t.batch.dossiers_heading}>
            { for dossiers.iter().map(|d| dossier(t, d, entries, at)) }
        </section>
    }
}

fn dossier(t: &Text, dossier: &Dossier, entries: &Entries, at: Timestamp) -> Html {
    let b = &t.batch;
    let sources: Vec<&Entry> = dossier
        .files()
        .into_iter()
        .flat_map(|name| entries.iter().filter(move |e| e.name == name))
        .collect();
    let cards = sources.iter().map(|e| e.card_id()).collect();
    let (class, state) = if dossier.complete {
        ("dossier complete", b.complete)
    } else {
        ("dossier incomplete", b.incomplete)
    };
    // A sending known only from files that do not count has no certified subject or sender.
    let subject = dossier
        .oggetto
        .as_deref()
        .map(|s| html! { <>{ ": " }{ written(s) }</> });
    let sender = (!dossier.mittente.is_empty()).then(|| {
        html! { <div class="row"><dt>{ t.sender }</dt><dd>{ address(t, &dossier.mittente) }</dd></div> }
    });
    html! {
        <article class={class}>
            { report_head(t, at) }
            <h2>{ b.dossier_heading }{ for subject }</h2>
            <p class="dossier-state">{ state }</p>
            <dl>
                { for sender }
                <div class="row"><dt>{ t.pec_id }</dt><dd>{ written(&dossier.identificativo) }</dd></div>
            </dl>
            <ol class="timeline">
                { for dossier.sent.as_ref().map(|e| step(t, "done", b.sent, Some(e))) }
                { opening(t, dossier) }
                { for dossier.recipients.iter().map(|r| recipient(t, r)) }
            </ol>
            { problems(t, dossier) }
            { files(t, &sources) }
            <div class="actions no-print">
                <button type="button" class="button secondary" onclick={print_dossier(cards)}>
                    { b.print_dossier }
                </button>
            </div>
        </article>
    }
}

/// The acceptance, the refusal, or that the acceptance is missing.
fn opening(t: &Text, dossier: &Dossier) -> Html {
    let b = &t.batch;
    match (&dossier.accepted, &dossier.refused) {
        (_, Some(refused)) => step(t, "failed", b.refused, Some(refused)),
        (Some(accepted), None) => step(t, "done", b.accepted, Some(accepted)),
        (None, None) => step(t, "missing", b.missing_acceptance, None),
    }
}

fn recipient(t: &Text, recipient: &Recipient) -> Html {
    let class = match recipient.outcome {
        Outcome::Delivered => "done",
        Outcome::Failed => "failed",
        Outcome::Pending | Outcome::Unknown => "missing",
        Outcome::NoReceiptExpected => "none",
    };
    let what = t.batch.outcome(recipient.outcome, &recipient.address);
    let content = recipient
        .content
        .as_ref()
        .map(|proof| t.batch.content(proof))
        .unwrap_or_default();
    let error = recipient
        .error
        .as_deref()
        .map(|e| html! { <p><bdi>{ e }</bdi></p> });
    html! {
        <li class={class}>
            <p>{ sentence(&what) }{ when(t, recipient.receipt.as_ref()) }</p>
            { for error }
            { for content.iter().map(|c| html! { <p class="content-proof">{ sentence(c) }</p> }) }
        </li>
    }
}

fn step(t: &Text, class: &'static str, what: &'static str, event: Option<&Event>) -> Html {
    html! { <li class={class}><p>{ what }{ when(t, event) }</p></li> }
}

/// " il 13 novembre 2018 alle 10:11, ora italiana (UTC+1) (file ricevuta.eml)".
fn when(t: &Text, event: Option<&Event>) -> Html {
    let Some(event) = event else {
        return Html::default();
    };
    html! { <>{ t.when(event.at) }<span class="in-file">{ sentence(&t.in_file(&event.file)) }</span></> }
}

fn problems(t: &Text, dossier: &Dossier) -> Html {
    if dossier.problems.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="dossier-problems">
            { for dossier.problems.iter().map(|p| html! { <li>{ sentence(&t.batch.problem(p)) }{ reason(t, p) }</li> }) }
        </ul>
    }
}

/// Why a message that is not genuine does not count: the reason its card gives.
fn reason(t: &Text, problem: &Problem) -> Html {
    match problem {
        Problem::NotGenuine {
            reason: Some(id), ..
        } => html! { <>{ " " }{ t.failure(*id) }</> },
        _ => Html::default(),
    }
}

/// The files the dossier stands on, each with its SHA-256 and linking to its card, which
/// prints with the dossier.
fn files(t: &Text, sources: &[&Entry]) -> Html {
    let rows = sources
        .iter()
        .filter_map(|e| Some((*e, &e.verified.as_ref()?.report.sha256)));
    html! {
        <section class="dossier-files">
            <h3>{ t.batch.files_heading }</h3>
            <dl>{ for rows.map(|(entry, digest)| hash_row(card_link(entry), digest)) }</dl>
        </section>
    }
}

/// Prints the dossier whose button was pressed, with the cards of its files.
fn print_dossier(cards: Vec<String>) -> Callback<MouseEvent> {
    Callback::from(move |event: MouseEvent| {
        let dossier = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|button| button.closest(".dossier").ok().flatten());
        let document = web_sys::window().and_then(|w| w.document());
        let cards = cards
            .iter()
            .filter_map(|id| document.as_ref()?.get_element_by_id(id));
        print::alone(&dossier.into_iter().chain(cards).collect::<Vec<_>>());
    })
}
