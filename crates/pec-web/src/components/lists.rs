//! A revocation list (CRL) dropped beside the receipts: in whose name it is, when it was issued
//! and is next updated, how many certificates it revokes, and how it is used. What it says of
//! each receipt is on that receipt's card.

use pec::trust::{Crl, revocation};
use yew::prelude::*;

use super::written::sentence;
use super::{row, text_row};
use crate::text::Text;

pub fn lists(t: &Text, lists: &[Crl]) -> Html {
    lists
        .iter()
        .map(|crl| list(t, &revocation::describe(crl)))
        .collect()
}

fn list(t: &Text, list: &revocation::CrlReport) -> Html {
    let l = &t.lists;
    let (issued, next) = t.list_dates(list);
    html! {
        <section class="crl">
            <h3>{ l.heading }</h3>
            <dl>
                { text_row(l.issuer, &list.issuer) }
                { row(l.issued, html! { { issued } }) }
                if let Some(next) = next { { row(l.next_update, html! { { next } }) } }
                { row(l.revoked, html! { { list.revoked } }) }
            </dl>
            if !list.complete { <p class="note">{ l.partial }</p> }
            <p class="note">{ sentence(&l.use_note(list)) }</p>
        </section>
    }
}
