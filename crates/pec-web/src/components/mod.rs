//! The page's parts, one per file: components where there is state or a callback, plain view
//! functions for the rest (each component costs the page kilobytes). State lives in `app`.

pub mod app;
pub mod certificate;
pub mod checks;
pub mod drop_zone;
pub mod facts;
pub mod help;
pub mod lang_switch;
pub mod message_result;
pub mod original;
pub mod proof;
pub mod report_actions;
pub mod result_card;
pub mod verdict_banner;
pub mod warnings;

use std::ops::Deref;
use std::rc::Rc;

use yew::{Html, Properties, html};

/// A value that never changes once made, compared by allocation: the same `Rc`, the same value.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A verified file: its bytes (attachments are decoded from them on demand), its report, and
/// when it was verified.
pub struct Verified {
    pub input: Vec<u8>,
    pub report: pec::Report,
    pub at: pec::Timestamp,
}

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

/// A row whose value is text (always a text node: receipt content is never HTML here).
pub fn text_row(label: &'static str, value: &str) -> Html {
    row(label, html! { value.to_owned() })
}
