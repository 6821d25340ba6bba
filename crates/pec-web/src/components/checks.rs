//! Every check the core ran, with its status in words and a sentence from its id and params.

use pec::MessageReport;
use pec::Status;
use yew::prelude::*;

use super::written::sentence;
use crate::text::Text;

pub fn checks(t: &Text, message: &MessageReport) -> Html {
    html! {
        <section class="checks">
            <h4>{ t.checks_heading }</h4>
            <ul>
                { for message.checks.iter().map(|c| {
                    let (class, icon) = match c.status {
                        Status::Pass => ("pass", "✓"),
                        Status::Fail => ("fail", "✗"),
                        Status::Warn => ("warn", "!"),
                        Status::Info => ("info", "i"),
                    };
                    html! {
                        <li class={classes!("check", class)} data-check={c.id.as_str()}>
                            <span class="check-status">
                                <span aria-hidden="true">{ icon }</span>{ " " }{ t.status(c.status) }
                            </span>
                            <span class="check-text">{ sentence(&t.check(c)) }</span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
