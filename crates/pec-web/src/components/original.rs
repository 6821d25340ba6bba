//! The original message carried by envelopes and completa receipts: its headers, text, HTML in
//! a sandboxed frame that can run nothing and load nothing, and attachments to download.

use yew::prelude::*;

use super::{MessageProps, text_row};
use crate::download;
use crate::text::use_text;

/// Put first in the frame's document: whatever the message's HTML says, it can load no
/// resource but inline images (a tracking pixel never loads), and its inline styles apply.
/// The page's own policy, which a srcdoc document inherits, still applies on top: it allows
/// inline styles for this frame's sake, and no script (`sandbox=""` forbids it again).
const FRAME_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">";

#[function_component(Original)]
pub fn original(props: &MessageProps) -> Html {
    let t = use_text();
    let Some(original) = props.message().and_then(|m| m.postacert.as_ref()) else {
        return Html::default();
    };
    let headers = &original.headers;
    let date = headers.date.map(|at| t.date_time(at, true));
    let attachments = original
        .attachments
        .iter()
        .enumerate()
        .map(|(index, attachment)| {
            let name = attachment
                .name
                .clone()
                .unwrap_or_else(|| format!("{}-{}", props.index + 1, index + 1));
            let onclick = {
                let verified = props.verified.clone();
                let message = props.index;
                let name = name.clone();
                Callback::from(move |_: MouseEvent| {
                    if let Some(bytes) =
                        pec::attachment(&verified.input, &verified.report, message, index)
                    {
                        download::save(&bytes, &name, "application/octet-stream");
                    }
                })
            };
            html! {
                <li class="attachment">
                    <span class="attachment-name">
                        { attachment.name.as_deref().unwrap_or(t.unnamed).to_owned() }
                    </span>
                    <span class="attachment-meta">
                        { format!("{} · {}", attachment.content_type, t.size(attachment.size)) }
                    </span>
                    <button type="button" class="button secondary" {onclick}
                            aria-label={format!("{} {name}", t.download)}>
                        { t.download }
                    </button>
                </li>
            }
        });
    html! {
        <details class="original no-print">
            <summary>{ t.original_heading }</summary>
            <dl>
                if let Some(from) = &headers.from { { text_row(t.from, from) } }
                if !headers.to.is_empty() { { text_row(t.to, &headers.to.join(", ")) } }
                if !headers.cc.is_empty() { { text_row(t.cc, &headers.cc.join(", ")) } }
                if let Some(subject) = &headers.subject { { text_row(t.subject, subject) } }
                if let Some(date) = &date { { text_row(t.date, date) } }
            </dl>
            if let Some(text) = &original.text {
                <h4>{ t.text_body }</h4>
                <pre class="body-text" tabindex="0">{ text }</pre>
            }
            if let Some(html) = original.html.as_ref().filter(|h| !blank(h)) {
                <h4>{ t.html_body }</h4>
                <p class="note">{ t.html_note }</p>
                <iframe class="body-html" sandbox="" title={t.html_body}
                        srcdoc={format!("{FRAME_POLICY}{html}")}></iframe>
            }
            if !original.attachments.is_empty() {
                <h4>{ t.attachments }</h4>
                <ul class="attachments">{ for attachments }</ul>
            }
        </details>
    }
}

/// An HTML body that would show an empty frame: nothing but tags and white space, and no image.
fn blank(html: &str) -> bool {
    let mut in_tag = false;
    for (i, c) in html.char_indices() {
        match c {
            '<' if html[i + 1..]
                .get(..3)
                .is_some_and(|n| n.eq_ignore_ascii_case("img")) =>
            {
                return false;
            }
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => return false,
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::blank;

    #[test]
    fn a_body_of_tags_and_spaces_is_blank_and_text_or_an_image_is_not() {
        assert!(blank(""));
        assert!(blank(" \r\n"));
        assert!(blank("<html><body>\n <p> </p></body></html>"));
        assert!(!blank("<p>Gentile utente</p>"));
        assert!(!blank("<IMG src=\"data:image/png;base64,AA\">"));
    }
}
