//! One signed message: the verdict and its reason, what the message proves (or only claims),
//! the disagreements of the unsigned headers, the certified facts, and the details one tap away.

use pec::Verdict;
use yew::prelude::*;

use super::MessageProps;
use super::certificate::certificate;
use super::checks::checks;
use super::facts::facts;
use super::original::Original;
use super::proof::proof;
use super::verdict_banner::verdict_banner;
use super::warnings::warnings;
use super::written::{sentence, written};
use crate::text::{Noun, use_text};

#[function_component(MessageResult)]
pub fn message_result(props: &MessageProps) -> Html {
    let t = use_text();
    let Some(message) = props.message() else {
        return Html::default();
    };
    let noun = Noun::of(message.classification.kind);
    let reason = message.reason.map(|id| t.failure(id));
    let (class, icon, advice) = match message.verdict {
        Verdict::TotalPassed => ("passed", "✓", None),
        Verdict::TotalFailed => ("failed", "✗", Some(t.failed_advice(noun))),
        Verdict::Indeterminate => ("indeterminate", "?", Some(t.indeterminate_advice)),
    };
    let verdict = verdict_banner(class, icon, t.verdict(message), reason, advice);
    // A part that claims to be PEC without a signature or a kind: the verdict's reason is all
    // there is to say, and no sentence about a "signed message" applies.
    let read = message.signature.is_some() || message.classification.kind.is_some();
    html! {
        <div class="message" data-verdict={message.verdict.as_str()}>
            if !message.location.is_empty() {
                <p class="location">{ sentence(&t.location(&message.location)) }</p>
            }
            { verdict }
            if read {
                <p class="kind">{ t.kind(message.classification.kind) }</p>
                { proof(t, message) }
            }
            { warnings(t, message) }
            { facts(t, message) }
            <details class="details">
                <summary>{ t.details }</summary>
                { checks(t, message) }
                { certificate(t, message) }
                if let Some(xml) = &message.daticert_xml {
                    <section class="no-print">
                        <h4>{ t.daticert_heading }</h4>
                        <pre class="xml" tabindex="0">{ written(xml) }</pre>
                    </section>
                }
            </details>
            <Original ..props.clone() />
        </div>
    }
}
