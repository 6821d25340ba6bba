//! The report to keep: the file's name and SHA-256, when and with which version it was
//! verified, the JSON report (the same as `pec-verify --json`) and a print of this card.

use yew::prelude::*;

use super::{Shared, Verified, hash_row, text_row};
use crate::text::use_text;
use crate::{download, print};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub verified: Shared<Verified>,
    pub name: String,
    /// The card to print: the others are hidden while printing.
    pub card: NodeRef,
}

#[function_component(ReportActions)]
pub fn report_actions(props: &Props) -> Html {
    let t = use_text();
    let on_json = {
        let verified = props.verified.clone();
        let name = props.name.clone();
        Callback::from(move |_: MouseEvent| {
            let json = verified.report.to_json(&name);
            download::save(json.as_bytes(), &format!("{name}.json"), "application/json");
        })
    };
    let on_print = {
        let card = props.card.clone();
        Callback::from(move |_: MouseEvent| print::alone(&Vec::from_iter(card.cast())))
    };
    html! {
        <footer class="report">
            <dl>
                { text_row(t.file_label, &props.name) }
                { hash_row(t.sha256.into(), &props.verified.report.sha256) }
                { text_row(t.verified_on, &t.date_time(props.verified.at, false)) }
                { text_row(t.version, env!("CARGO_PKG_VERSION")) }
            </dl>
            <div class="actions no-print">
                <button type="button" class="button" onclick={on_json}>{ t.download_json }</button>
                <button type="button" class="button secondary" onclick={on_print}>{ t.print }</button>
            </div>
        </footer>
    }
}
