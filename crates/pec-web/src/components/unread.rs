//! The files inside a file (a zip's entries, an Outlook message's attachments, a signed file's
//! content) that hold no message to verify: where each lies and why, so that no part of a file
//! goes unanswered, even beside the messages found.

use pec::Report;
use yew::prelude::*;

use super::written::sentence;
use crate::text::Text;

pub fn unread(t: &Text, report: &Report) -> Html {
    if report.unread.is_empty() {
        return Html::default();
    }
    html! {
        <section class="file-signatures unread" role="note">
            <h3>{ t.unread_heading }</h3>
            <ul>
                { for report.unread.iter().map(|unread| html! {
                    <li data-error={unread.error.code()}>
                        { sentence(&t.location(&unread.location)) }{ ": " }{ t.input_error(unread.error) }
                    </li>
                }) }
            </ul>
        </section>
    }
}
