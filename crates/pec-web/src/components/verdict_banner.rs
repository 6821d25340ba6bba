//! The verdict banner: icon, words and colour together, so it cannot be misread; the reason
//! and what to do, when there is something to do.

use yew::prelude::*;

/// `class` is passed, failed, indeterminate or not-pec: the colour.
pub fn verdict_banner(
    class: &'static str,
    icon: &'static str,
    title: &'static str,
    detail: Option<&'static str>,
    advice: Option<&'static str>,
) -> Html {
    html! {
        <div class={classes!("verdict", class)}>
            <span class="verdict-icon" aria-hidden="true">{ icon }</span>
            <div>
                <h3 class="verdict-title">{ title }</h3>
                if let Some(detail) = detail {
                    <p class="verdict-detail">{ detail }</p>
                }
                if let Some(advice) = advice {
                    <p class="verdict-advice">{ advice }</p>
                }
            </div>
        </div>
    }
}
