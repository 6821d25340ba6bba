//! What deserves notice without changing the verdict (the checks with status `warn`): unsigned
//! headers that disagree with the signed data, naming both values, a weak key, an original
//! message that mail clients may show otherwise.

use pec::MessageReport;
use pec::Status;
use yew::prelude::*;

use super::written::sentence;
use crate::text::Text;

pub fn warnings(t: &Text, message: &MessageReport) -> Html {
    let warnings: Vec<_> = message
        .checks
        .iter()
        .filter(|c| c.status == Status::Warn)
        .collect();
    if warnings.is_empty() {
        return Html::default();
    }
    html! {
        <section class="warnings" role="note">
            <h4><span aria-hidden="true">{ "⚠ " }</span>{ t.warnings_heading }</h4>
            <p>{ t.warnings_intro }</p>
            <ul>
                { for warnings.iter().map(|c| html! {
                    <li data-check={c.id.as_str()}>{ sentence(&t.check(c)) }</li>
                }) }
            </ul>
        </section>
    }
}
