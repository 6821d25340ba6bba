//! The facts the provider certified in daticert.xml: sender, recipients and their kind of
//! mailbox, subject, date, provider, ids, receipt type and the delivery or error details.

use pec::kind::Kind;
use pec::{MessageReport, Verdict};
use yew::prelude::*;

use super::written::{address, addresses, hidden_note};
use super::{row, text_row};
use crate::text::Text;

pub fn facts(t: &Text, message: &MessageReport) -> Html {
    let Some(d) = &message.daticert else {
        return Html::default();
    };
    let recipients = html! {
        <ul class="recipients">
            { for d.destinatari.iter().map(|r| {
                let ordinary = r.tipo.trim().eq_ignore_ascii_case("esterno");
                html! {
                    <li>
                        <span class="address">{ address(t, &r.address) }</span>{ " " }
                        <span class={classes!("mailbox", ordinary.then_some("ordinary"))}>
                            { if ordinary { t.ordinary_mailbox } else { t.certified_mailbox } }
                        </span>
                    </li>
                }
            }) }
        </ul>
    };
    let optional = |label: &'static str, value: Option<&str>| {
        value
            .filter(|v| !v.trim().is_empty())
            .map(|v| text_row(label, v))
            .unwrap_or_default()
    };
    let error = (!d.errore.is_empty() && d.errore != "nessuno").then_some(d.errore.as_str());
    let receipt_label = if message.classification.kind == Some(Kind::PostaCertificata) {
        t.receipt_requested
    } else {
        t.receipt_type
    };
    let certified = message.verdict == Verdict::TotalPassed;
    html! {
        <section class={classes!("facts", (!certified).then_some("declared"))}>
            <h4>{ if certified { t.facts_heading } else { t.declared_heading } }</h4>
            <dl>
                { row(t.sender, address(t, &d.mittente)) }
                { row(t.recipients, recipients) }
                { optional(t.subject, d.oggetto.as_deref()) }
                { optional(t.date, d.data.map(|at| t.date_time(at, true)).as_deref()) }
                { optional(t.provider, Some(&d.gestore_emittente)) }
                { optional(t.pec_id, Some(&d.identificativo)) }
                { optional(t.msgid, d.msgid.as_deref()) }
                { optional(receipt_label, message.classification.receipt_type.map(|r| t.receipt_name(r))) }
                if let Some(to) = &d.consegna { { row(t.delivered_to, address(t, to)) } }
                if !d.ricezione.is_empty() { { row(t.received, addresses(t, &d.ricezione)) } }
                { optional(t.error, error) }
                { optional(t.error_detail, d.errore_esteso.as_deref()) }
            </dl>
            { hidden_note(t, [d.mittente.as_str(), d.oggetto.as_deref().unwrap_or_default()]) }
        </section>
    }
}
