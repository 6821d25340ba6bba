//! The HTML the sender wrote: shown only on request, under a label outside its frame that says
//! whose words these are, in a sandboxed frame that can run nothing, load nothing and open
//! nothing. A body can draw a green "authentic" box of its own, so the label, not the frame's
//! content, says what the page found.

use yew::prelude::*;

use crate::text::Text;

/// Put first in the frame's document: whatever the message's HTML says, it can load no
/// resource but inline images (a tracking pixel never loads), and its inline styles apply.
/// The page's own policy, which a srcdoc document inherits, still applies on top: it allows
/// inline styles for this frame's sake, and no script (`sandbox=""` forbids it again).
const FRAME_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">";

/// A link made inert ([`inert`]) shows, after its text, the address it pointed to.
const FRAME_STYLE: &str =
    "<style>a[data-sender-href]::after{content:\" <\" attr(data-sender-href) \">\"}</style>";

/// What [`inert`] renames to `data-sender-…`: the attributes whose value a browser follows or
/// reads as a document, an attribute to set or a refresh. With `true`, even without a value
/// (`<a href>` links to its own document); `action` only with one (its word appears in prose,
/// and a form without an address goes nowhere from a frame that may not submit forms).
const INERT: [(&str, bool); 5] = [
    ("href", true),
    ("srcdoc", true),
    ("attributename", true),
    ("http-equiv", true),
    ("action", false),
];

pub fn preview(t: &Text, html: &str) -> Html {
    if blank(html) {
        return Html::default();
    }
    html! {
        <details class="sender-html no-print">
            <summary>{ t.html_show }</summary>
            <h4 class="sender-label">{ t.html_label }</h4>
            <p class="note">{ t.html_note }</p>
            <iframe class="body-html" sandbox="" title={t.html_label}
                    srcdoc={format!("{FRAME_POLICY}{FRAME_STYLE}{}", inert(html))}></iframe>
        </details>
    }
}

/// `html` with every attribute of [`INERT`] renamed, wherever its name stands: in a tag, in
/// SVG (`xlink:href`, `formaction` end the same way), in text. No parsing, so no reading of the
/// markup can differ from the browser's: an attribute name cannot be written with entities,
/// and the browser only lower-cases it. Where a value is itself read as a name or as markup
/// (an animation's `attributeName`, a frame's `srcdoc`), the attribute goes instead.
pub fn inert(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let found = INERT.iter().find(|(name, bare)| {
            let end = at + name.len();
            bytes
                .get(at..end)
                .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
                && ends_name(&bytes[end..], *bare)
        });
        match found {
            Some((name, _)) => {
                out.push_str(&html[copied..at]);
                out.push_str("data-sender-");
                at += name.len();
                out.push_str(&html[at - name.len()..at]);
                copied = at;
            }
            None => at += 1,
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// What follows ends an attribute's name, as the HTML tokenizer reads it: with a value
/// (white space, then `=`), or, when `bare` names may count, any end of the name.
fn ends_name(rest: &[u8], bare: bool) -> bool {
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let next = rest.iter().find(|b| !space(b));
    match next {
        Some(b'=') => true,
        _ if !bare => false,
        None => true,
        Some(b'/' | b'>') => true,
        Some(_) => rest.first().is_some_and(space),
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
    use super::{blank, inert};

    #[test]
    fn a_body_of_tags_and_spaces_is_blank_and_text_or_an_image_is_not() {
        assert!(blank(""));
        assert!(blank(" \r\n"));
        assert!(blank("<html><body>\n <p> </p></body></html>"));
        assert!(!blank("<p>Gentile utente</p>"));
        assert!(!blank("<IMG src=\"data:image/png;base64,AA\">"));
    }

    #[test]
    fn every_way_to_write_a_link_loses_its_address() {
        let cases = [
            (
                "<a href=\"https://x\">",
                "<a data-sender-href=\"https://x\">",
            ),
            ("<A HREF=https://x>", "<A data-sender-HREF=https://x>"),
            (
                "<a title=\"\"href='x'>",
                "<a title=\"\"data-sender-href='x'>",
            ),
            ("<a/href=x>", "<a/data-sender-href=x>"),
            ("<a href\n =x>", "<a data-sender-href\n =x>"),
            ("<a href>", "<a data-sender-href>"),
            ("<a href title=x>", "<a data-sender-href title=x>"),
            ("<a href/=x>", "<a data-sender-href/=x>"),
            (
                "<svg><a xlink:href=\"x\">",
                "<svg><a xlink:data-sender-href=\"x\">",
            ),
            ("<base href=x>", "<base data-sender-href=x>"),
            ("<form action=x>", "<form data-sender-action=x>"),
            ("<button formaction=x>", "<button formdata-sender-action=x>"),
            (
                "<set attributeName=\"hr&#101;f\" to=x>",
                "<set data-sender-attributeName=\"hr&#101;f\" to=x>",
            ),
            (
                "<iframe srcdoc=\"&lt;a\">",
                "<iframe data-sender-srcdoc=\"&lt;a\">",
            ),
            (
                "<meta http-equiv=refresh content=\"0;url=x\">",
                "<meta data-sender-http-equiv=refresh content=\"0;url=x\">",
            ),
            ("<a href=x>città</a>", "<a data-sender-href=x>città</a>"),
        ];
        for (html, expected) in cases {
            assert_eq!(inert(html), expected, "{html}");
        }
    }

    #[test]
    fn prose_and_names_that_only_contain_the_words_stay() {
        for html in [
            "<p>take action now</p>",
            "<p>action.</p>",
            "<p hreflang=it>",
            "<a hr\0ef=x>",
            "<img src=\"data:image/gif;base64,R0lG\">",
            "<p>città, l'8 dicembre</p>",
        ] {
            assert_eq!(inert(html), html);
        }
    }
}
