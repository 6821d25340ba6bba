//! The site's footer: who runs the service, the privacy note and the accessibility statement,
//! as a public administration's page must have them. Owner and link are set when building
//! (`PEC_OWNER`, `PEC_ACCESSIBILITY_URL`; README.md).

use yew::prelude::*;

use crate::text::Text;

/// Who runs this copy of the page; by default the project itself.
const OWNER: Option<&str> = option_env!("PEC_OWNER");
/// Where its accessibility statement is published; by default AgID's site, where public
/// administrations publish theirs.
const ACCESSIBILITY_URL: &str = match option_env!("PEC_ACCESSIBILITY_URL") {
    Some(url) => url,
    None => "https://form.agid.gov.it/",
};

pub fn site_footer(t: &Text) -> Html {
    html! {
        <footer class="site-footer">
            <div class="wrap">
                <p>{ t.owner_label }{ " " }<strong>{ OWNER.unwrap_or(t.site_name) }</strong></p>
                <p>{ t.privacy }</p>
                <p><a href={ACCESSIBILITY_URL}>{ t.accessibility }</a></p>
            </div>
        </footer>
    }
}
