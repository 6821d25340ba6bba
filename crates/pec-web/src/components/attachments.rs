//! The original's attachments: each name as the sender wrote it, the type the sender declared
//! beside the extension the system will read and the type its first bytes tell, and, for a file
//! that runs when opened, a warning and a step in the page before it is saved.

use pec::content::Attachment;
use pec::sender;
use yew::prelude::*;

use super::MessageProps;
use super::written::written;
use crate::download;
use crate::text::Text;

/// The step before saving a file that runs: which attachment awaits the user's word, and its
/// download button, where the focus comes back when the question goes.
pub struct Saving {
    pub confirming: UseStateHandle<Option<usize>>,
    pub button: NodeRef,
}

pub fn attachments(t: &Text, props: &MessageProps, listed: &[Attachment], saving: &Saving) -> Html {
    html! {
        <ul class="attachments">
            { for listed.iter().enumerate().map(|(index, a)| item(t, props, index, a, saving)) }
        </ul>
    }
}

fn item(
    t: &Text,
    props: &MessageProps,
    index: usize,
    attachment: &Attachment,
    saving: &Saving,
) -> Html {
    let name = attachment
        .name
        .clone()
        .unwrap_or_else(|| format!("{}-{}", props.index + 1, index + 1));
    let save = save(props, index, &name);
    let confirming = *saving.confirming == Some(index);
    let onclick = if attachment.executable {
        let confirming = saving.confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(Some(index)))
    } else {
        save.clone()
    };
    let extension = attachment.extension.as_ref().map(|e| format!(".{e}"));
    html! {
        <li class={classes!("attachment", attachment.executable.then_some("runs"))}>
            <span class="attachment-name">
                { attachment.name.as_deref().map_or_else(|| html! { t.unnamed }, written) }
            </span>
            <button type="button" class="button secondary no-print" {onclick}
                    ref={if confirming { saving.button.clone() } else { NodeRef::default() }}
                    aria-expanded={attachment.executable.then(|| confirming.to_string())}
                    aria-label={format!("{} {}", t.download, sender::visible(&name))}>
                { t.download }
            </button>
            <span class="attachment-meta">
                { t.declared_type }{ ": " }{ written(&attachment.content_type) }
                { " · " }{ t.size(attachment.size) }
            </span>
            <span class="attachment-real">
                { t.real_extension }{ ": " }
                { extension.as_deref().map_or_else(|| html! { t.no_extension }, written) }
                { " · " }{ t.detected_type }{ ": " }{ t.detected(attachment.detected_type) }
            </span>
            <span class="attachment-hash">
                { t.attachment_sha256 }{ ": " }<code>{ &attachment.sha256 }</code>
            </span>
            if attachment.executable {
                <p class="runs-warning">
                    <span aria-hidden="true">{ "⚠ " }</span>{ t.runs_warning }
                </p>
            }
            if confirming { { question(t, saving, save) } }
        </li>
    }
}

/// The question before saving a file that runs, in the page (announced, the focus staying on
/// the download button, the next stop is the answer): saving anyway, or not.
fn question(t: &Text, saving: &Saving, save: Callback<MouseEvent>) -> Html {
    let done = {
        let confirming = saving.confirming.clone();
        let button = saving.button.clone();
        move || {
            if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
            confirming.set(None);
        }
    };
    let anyway = {
        let done = done.clone();
        save.reform(move |event| {
            done();
            event
        })
    };
    let cancel = Callback::from(move |_: MouseEvent| done());
    html! {
        <div class="save-question">
            <p role="alert">{ t.save_question }</p>
            <div class="actions">
                <button type="button" class="button danger" onclick={anyway}>{ t.save_anyway }</button>
                <button type="button" class="button" onclick={cancel}>{ t.cancel }</button>
            </div>
        </div>
    }
}

/// Saves the attachment, taken from where the report placed it in the kept input and checked
/// against its SHA-256, under its name with every hidden character written out: saved as the
/// sender wrote it, `fattura[U+202E]fdp.exe` would show as a PDF.
fn save(props: &MessageProps, index: usize, name: &str) -> Callback<MouseEvent> {
    let verified = props.verified.clone();
    let message = props.index;
    let name = sender::visible(name).into_owned();
    Callback::from(move |_: MouseEvent| {
        if let Some(bytes) = pec::attachment(&verified.input, &verified.report, message, index) {
            download::save(&bytes, &name, "application/octet-stream");
        }
    })
}
