//! The signatures on the file itself (a `.p7m`), apart from the PEC messages inside: who signed
//! the file and when, whether the signature is intact, and that its qualification was not
//! checked. Each sentence is the core's check, worded.

use pec::Report;
use yew::prelude::*;

use super::written::sentence;
use crate::text::Text;

pub fn file_signatures(t: &Text, report: &Report) -> Html {
    if report.file_signatures.is_empty() {
        return Html::default();
    }
    html! {
        <section class="file-signatures" role="note">
            <h3>{ t.file_signatures_heading }</h3>
            { for report.file_signatures.iter().map(|signature| {
                let place = (!signature.location.is_empty())
                    .then(|| html! { <p class="location">{ sentence(&t.location(&signature.location)) }</p> });
                html! {
                    <ul>
                        { for place }
                        { for signature.checks.iter().map(|c| html! {
                            <li data-check={c.id.as_str()}>{ sentence(&t.check(c)) }</li>
                        }) }
                    </ul>
                }
            }) }
        </section>
    }
}
