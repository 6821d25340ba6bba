//! The original message carried by envelopes and completa receipts, all of it written by the
//! sender and said to be: its headers, its text, its HTML on request (`preview`), and its
//! attachments to download (`attachments`), each said for what it really is.

use yew::prelude::*;

use super::attachments::{Saving, attachments};
use super::preview::preview;
use super::written::{address, addresses, hidden_note, written};
use super::{MessageProps, row, text_row};
use crate::text::use_text;

#[function_component(Original)]
pub fn original(props: &MessageProps) -> Html {
    let t = use_text();
    let saving = Saving {
        confirming: use_state(|| None),
        button: use_node_ref(),
    };
    let Some(original) = props.message().and_then(|m| m.postacert.as_ref()) else {
        return Html::default();
    };
    let headers = &original.headers;
    let date = headers.date.map(|at| t.date_time(at, true));
    let values = headers
        .from
        .iter()
        .chain(&headers.to)
        .chain(&headers.cc)
        .chain(&headers.subject)
        .chain(&original.text)
        .chain(original.attachments.iter().filter_map(|a| a.name.as_ref()))
        .map(String::as_str);
    html! {
        <details class="original">
            <summary>{ t.original_heading }</summary>
            <p class="sender-notice">{ t.sender_notice }</p>
            <dl>
                if let Some(from) = &headers.from { { row(t.from, address(t, from)) } }
                if !headers.to.is_empty() { { row(t.to, addresses(t, &headers.to)) } }
                if !headers.cc.is_empty() { { row(t.cc, addresses(t, &headers.cc)) } }
                if let Some(subject) = &headers.subject { { text_row(t.subject, subject) } }
                if let Some(date) = &date { { text_row(t.date, date) } }
            </dl>
            { hidden_note(t, values) }
            if let Some(text) = &original.text {
                <h4>{ t.text_body }</h4>
                <pre class="body-text" tabindex="0">{ written(text) }</pre>
            }
            if let Some(html) = &original.html { { preview(t, html) } }
            if !original.attachments.is_empty() {
                <h4>{ t.attachments }</h4>
                { attachments(t, props, &original.attachments, &saving) }
            }
        </details>
    }
}
