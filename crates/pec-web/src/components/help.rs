//! "Where do I find the receipt file?": the short help under the drop zone, one tap away.

use yew::prelude::*;

use crate::text::Text;

pub fn help(t: &Text) -> Html {
    html! {
        <details class="help">
            <summary>{ t.help_title }</summary>
            <ul>
                { for t.help.iter().map(|line| html! { <li>{ *line }</li> }) }
            </ul>
        </details>
    }
}
