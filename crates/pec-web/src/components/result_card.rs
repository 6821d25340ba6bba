//! One file's result: its name, then a busy state, the signatures on the file itself, the reason
//! it is not a PEC message, a revocation list's card or each message found in it, the files
//! inside it that hold none; and the report to keep (JSON, print).

use yew::prelude::*;

use super::file_signatures::file_signatures;
use super::lists::lists;
use super::message_result::MessageResult;
use super::report_actions::ReportActions;
use super::report_head::report_head;
use super::unread::unread;
use super::verdict_banner::verdict_banner;
use super::written::written;
use crate::state::{Entry, PROGRESS_FROM};
use crate::text::{Text, use_text};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub entry: Entry,
    /// Left out by the view (only problems): hidden on screen, still printed with its dossier.
    #[prop_or_default]
    pub hidden: bool,
    /// Cancels the file's verification, by its id.
    pub on_cancel: Callback<usize>,
}

#[function_component(ResultCard)]
pub fn result_card(props: &Props) -> Html {
    let t = use_text();
    let card = use_node_ref();
    let entry = &props.entry;
    let body = match &entry.verified {
        None => busy(t, entry, &props.on_cancel),
        Some(verified) => {
            let messages = match verified.report.error {
                Some(_) if !verified.lists.is_empty() => lists(t, &verified.lists),
                Some(error) => {
                    verdict_banner("not-pec", "!", t.not_pec, Some(t.input_error(error)), None)
                }
                None => (0..verified.report.messages.len())
                    .map(|index| {
                        html! {
                            <MessageResult verified={verified.clone()} {index} />
                        }
                    })
                    .collect(),
            };
            let ordinary = verified.report.ordinary_messages;
            let ordinary = (ordinary > 0).then(|| {
                html! { <p class="ordinary">{ (t.ordinary_messages)(ordinary) }</p> }
            });
            html! {
                <>
                    { file_signatures(t, &verified.report) }
                    { messages }
                    { unread(t, &verified.report) }
                    { for ordinary }
                    <ReportActions verified={verified.clone()} name={entry.name.clone()}
                                   card={card.clone()} />
                </>
            }
        }
    };
    // In print, the report's head comes first, above the file's name.
    let head = entry.verified.as_ref().map(|v| report_head(t, v.at));
    html! {
        <article class="result" id={entry.card_id()} ref={card} hidden={props.hidden}
                 aria-busy={entry.verified.is_none().to_string()}>
            { for head }
            <h2 class="file-name">{ written(&entry.name) }</h2>
            if entry.from_portal {
                <p class="portal-name">{ t.portal_name }</p>
            }
            { body }
        </article>
    }
}

/// A file being verified, or waiting its turn: the busy state, how much is read for a large
/// file, and the button that cancels it.
fn busy(t: &Text, entry: &Entry, on_cancel: &Callback<usize>) -> Html {
    let Some(read) = entry.read else {
        return html! {
            <>
                <p class="busy">{ t.waiting }</p>
                { cancel(t, entry, on_cancel) }
            </>
        };
    };
    let progress = (entry.size >= PROGRESS_FROM).then(|| {
        let (read, size) = (read.min(entry.size), entry.size);
        let said = (t.read_progress)(&t.size(read as usize), &t.size(size as usize));
        html! {
            <p class="reading">
                <progress max={size.to_string()} value={read.to_string()}
                          aria-label={t.read_label} aria-valuetext={said.clone()}></progress>
                <span>{ said }</span>
            </p>
        }
    });
    html! {
        <>
            <p class="busy"><span class="spinner" aria-hidden="true"></span>{ t.verifying }</p>
            { for progress }
            { cancel(t, entry, on_cancel) }
        </>
    }
}

/// The button that cancels the file's verification, or takes it out of the queue.
fn cancel(t: &Text, entry: &Entry, on_cancel: &Callback<usize>) -> Html {
    let id = entry.id;
    let onclick = on_cancel.reform(move |_: MouseEvent| id);
    html! {
        <button type="button" class="button secondary cancel no-print" {onclick}>{ t.cancel_verify }</button>
    }
}
