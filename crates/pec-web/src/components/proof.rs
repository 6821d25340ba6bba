//! What the message proves, in plain words, from its kind and the certified date; when the
//! verdict is not TOTAL-PASSED, only what the file claims.

use pec::MessageReport;
use pec::Verdict;
use yew::prelude::*;

use super::written::sentence;
use crate::text::{Proof, Text};

pub fn proof(t: &Text, message: &MessageReport) -> Html {
    let daticert = message.daticert.as_ref();
    let proven = message.verdict == Verdict::TotalPassed;
    let when = t.when(daticert.and_then(|d| d.data));
    let sentences = t.proof(&Proof {
        kind: message.classification.kind,
        variant: message.classification.variant,
        receipt: message.classification.receipt_type,
        when: &when,
        sender: daticert.map_or("", |d| d.mittente.as_str()),
        delivered_to: daticert.and_then(|d| d.consegna.as_deref()),
        proven,
    });
    html! {
        <section class={classes!("proof", (!proven).then_some("claimed"))}>
            <h4>{ if proven { t.proves_heading } else { t.claims_heading } }</h4>
            { for sentences.iter().map(|s| html! { <p>{ sentence(s) }</p> }) }
        </section>
    }
}
