//! The page's parts, one per file: components where there is state or a callback, plain view
//! functions for the rest (each component costs the page kilobytes). They depend on `state`,
//! never on `app`, which holds the state and wires it to the browser.

pub mod app;
pub mod attachments;
pub mod certificate;
pub mod checks;
pub mod dossiers;
pub mod drop_zone;
pub mod facts;
pub mod file_signatures;
pub mod help;
pub mod lang_switch;
pub mod lists;
pub mod message_result;
pub mod original;
pub mod preview;
pub mod proof;
pub mod report_actions;
pub mod report_head;
pub mod result_card;
pub mod site_footer;
pub mod status;
pub mod summary;
pub mod unread;
pub mod verdict_banner;
pub mod warnings;
pub mod written;

use yew::{Html, Properties, html};

pub use crate::state::{Shared, Verified};

/// The props of every component that shows one message of a verified file.
#[derive(Properties, PartialEq, Clone)]
pub struct MessageProps {
    pub verified: Shared<Verified>,
    /// The message's index in `report.messages`.
    pub index: usize,
}

impl MessageProps {
    pub fn message(&self) -> Option<&pec::MessageReport> {
        self.verified.report.messages.get(self.index)
    }
}

/// A label and its value in a description list (facts, certificate, original headers).
pub fn row(label: &'static str, value: Html) -> Html {
    html! {
        <div class="row">
            <dt>{ label }</dt>
            <dd>{ value }</dd>
        </div>
    }
}

/// The file's name, linking to its card.
pub fn card_link(entry: &crate::state::Entry) -> Html {
    html! { <a href={format!("#{}", entry.card_id())}>{ written::written(&entry.name) }</a> }
}

/// A row whose value is a digest, in monospace, breaking anywhere on a narrow screen.
pub fn hash_row(label: Html, digest: &str) -> Html {
    html! {
        <div class="row hash">
            <dt>{ label }</dt>
            <dd><code>{ digest }</code></dd>
        </div>
    }
}

/// A row whose value is text (always text nodes: receipt content is never HTML here),
/// isolated and with its hidden characters marked ([`written`]).
pub fn text_row(label: &'static str, value: &str) -> Html {
    row(label, written::written(value))
}
