//! The head of a card's or a dossier's print, the report a lawyer attaches to a filing: its title, when and
//! with which version and page it was verified, and how (the method). Hidden on screen.

use pec::Timestamp;
use yew::prelude::*;

use super::written::written;
use crate::text::Text;

/// The head for a report of what was verified at `at`.
pub fn report_head(t: &Text, at: Timestamp) -> Html {
    let b = &t.batch;
    let address = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    html! {
        <header class="report-head print-only">
            <p class="report-title">{ b.report_title }</p>
            <p>
                { b.verified }{ t.when(Some(at)) }{ b.with_version }{ " " }
                { env!("CARGO_PKG_VERSION") }{ "." }
            </p>
            <p>{ b.page_address }{ " " }{ written(&address) }</p>
            <p class="method">{ b.method }</p>
        </header>
    }
}
