//! What a provider signed: the signed entity's daticert.xml and, for envelopes and completa
//! receipts, the original message (`postacert.eml`).

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};
use serde::Serialize;
use sha2::Sha256;

use crate::filetype::{self, Detected};
use crate::headers::Headers;

use crate::check::{Check, CheckId, LayoutProblem, Param};
use crate::mime::{self, Parsed};
use crate::progress::Meter;
use crate::structure;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Content {
    /// The bytes of the `daticert.xml` part, decoded from its transfer encoding.
    pub daticert: Option<Vec<u8>>,
    /// The parsed `postacert.eml` part.
    pub postacert: Option<Original>,
    /// How the signed entity is laid out: its boundaries, the provider's layout, the original's
    /// structure. When the first two fail, nothing above is read: the data is not certified.
    pub checks: Vec<Check>,
}

impl Content {
    /// Nothing read, for the reason `check` gives.
    pub fn untrusted(check: Check) -> Self {
        Self {
            checks: vec![check],
            ..Self::default()
        }
    }
}

/// The original message inside an envelope or a completa receipt.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize,
)]
pub struct Original {
    /// SHA-256 of `postacert.eml` as signed (the part's bytes, decoded from its transfer
    /// encoding), hex: two receipts carry the same original when these are equal.
    pub sha256: String,
    pub headers: Headers,
    pub text: Option<String>,
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
}

#[derive(
    Clone, Debug, PartialEq, Eq, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize,
)]
pub struct Attachment {
    pub name: Option<String>,
    pub content_type: String,
    pub size: usize,
    /// SHA-256 of the decoded content, hex.
    pub sha256: String,
    /// The extension the operating system will read from `name` ([`filetype::extension`]).
    pub extension: Option<String>,
    /// The type the first bytes tell, whatever `content_type` declares.
    pub detected_type: Option<Detected>,
    /// Opening it runs something, by its extension or its bytes: a genuine signature says who
    /// sent it, not that it is safe.
    pub executable: bool,
    /// Where its bytes lie in the text verified, when they lie there (not in a buffer decoded
    /// on the way, as a forward attached in base64): enough to hand it out without reading the
    /// file again ([`crate::attachment`]).
    #[serde(skip)]
    pub span: Option<mime::Span>,
}

/// Reads a signed entity from its own bytes.
pub fn read(signed: &[u8]) -> Content {
    read_told(signed, &mut Meter::silent())
}

/// [`read`], the bytes hashed counted on `meter`.
pub(crate) fn read_told(signed: &[u8], meter: &mut Meter) -> Content {
    let Some(parsed) = Parsed::new(signed) else {
        return Content::untrusted(layout_problem(LayoutProblem::NotMime));
    };
    let message = parsed.message();
    match message.parts.first() {
        Some(entity) => of_entity(message, entity, None, meter),
        None => Content::untrusted(layout_problem(LayoutProblem::NotMime)),
    }
}

/// Reads the signed entity `entity`, a part of the parsed `message`: the input's own parse is
/// used when its bytes are the signed bytes, so nothing is parsed or decoded twice. The bytes
/// hashed are counted on `meter`.
pub fn of_entity(
    message: &Message<'_>,
    entity: &MessagePart<'_>,
    text: Option<&[u8]>,
    meter: &mut Meter,
) -> Content {
    let layout = match Layout::of(message, entity) {
        Ok(layout) => layout,
        Err(check) => return Content::untrusted(check),
    };
    let mut checks = vec![
        Check::pass(CheckId::MimeBoundaries),
        Check::pass(CheckId::MimeLayout),
    ];
    let postacert = layout.postacert.and_then(|part| {
        mime::with_message(part, |inner| {
            checks.push(Check::pass_or_warn(
                CheckId::PostacertStructure,
                structure::message_conforms(inner),
            ));
            let sha256 = crate::hex(&meter.digest::<Sha256>(&mime::decoded(message, part)));
            original(inner, text, sha256, meter)
        })
    });
    Content {
        daticert: layout
            .daticert
            .map(|part| mime::decoded(message, part).into_owned()),
        postacert,
        checks,
    }
}

/// The decoded bytes of attachment `index` (as listed in [`Original::attachments`]) of the
/// original message in the signed entity; decoded only when asked, for a download.
pub fn attachment(signed: &[u8], index: usize) -> Option<Vec<u8>> {
    let parsed = Parsed::new(signed)?;
    let message = parsed.message();
    let postacert = Layout::of(message, message.parts.first()?)
        .ok()?
        .postacert?;
    mime::with_message(postacert, |original| {
        original
            .attachments()
            .nth(index)
            .map(|part| mime::decoded(original, part).into_owned())
    })
    .flatten()
}

const DATICERT: &str = "daticert.xml";
const POSTACERT: &str = "postacert.eml";

/// The certified layout of a signed entity (the rules' §4.3, as every provider writes it): a
/// `multipart/mixed` whose direct children are the text, `daticert.xml` once, and for envelopes
/// and completa receipts `postacert.eml` once and last. Everything inside postacert.eml was
/// written by the sender, so a part the provider did not write can only appear inside it or
/// after its start: any other layout is refused rather than read one way or another.
struct Layout<'a, 'x> {
    daticert: Option<&'a MessagePart<'x>>,
    postacert: Option<&'a MessagePart<'x>>,
}

impl<'a, 'x> Layout<'a, 'x> {
    fn of(message: &'a Message<'x>, entity: &'a MessagePart<'x>) -> Result<Self, Check> {
        if !structure::conforms(message, entity) {
            return Err(Check::fail(CheckId::MimeBoundaries));
        }
        let PartType::Multipart(ids) = &entity.body else {
            return Err(layout_problem(LayoutProblem::NotMultipart));
        };
        if !entity.is_content_type("multipart", "mixed") {
            return Err(layout_problem(LayoutProblem::NotMultipart));
        }
        let children: Vec<&'a MessagePart<'x>> = ids
            .iter()
            .filter_map(|&id| message.parts.get(id as usize))
            .collect();
        let daticerts = positions(&children, DATICERT);
        let postacerts = positions(&children, POSTACERT);
        let problem = match (daticerts.as_slice(), postacerts.as_slice()) {
            ([_, _, ..], _) => Some(LayoutProblem::DaticertRepeated),
            (_, [_, _, ..]) => Some(LayoutProblem::PostacertRepeated),
            ([d], [p]) if d > p => Some(LayoutProblem::DaticertAfterPostacert),
            (_, [p]) if *p + 1 != children.len() => Some(LayoutProblem::PostacertNotLast),
            (_, [p]) if !mime::is_message(children[*p]) => Some(LayoutProblem::PostacertNotMessage),
            _ => nested_name(message, &children),
        };
        if let Some(problem) = problem {
            return Err(layout_problem(problem));
        }
        Ok(Self {
            daticert: daticerts.first().map(|&i| children[i]),
            postacert: postacerts.first().map(|&i| children[i]),
        })
    }
}

fn layout_problem(problem: LayoutProblem) -> Check {
    Check::fail(CheckId::MimeLayout).with(Param::Problem, problem)
}

/// Where among `parts` the parts named `name` are.
fn positions(parts: &[&MessagePart<'_>], name: &str) -> Vec<usize> {
    parts
        .iter()
        .enumerate()
        .filter(|(_, part)| is_named(part, name))
        .map(|(i, _)| i)
        .collect()
}

fn is_named(part: &MessagePart<'_>, name: &str) -> bool {
    part.attachment_name()
        .is_some_and(|found| found.trim().eq_ignore_ascii_case(name))
}

/// A part named daticert.xml or postacert.eml below the direct children, in the provider's own
/// parts (the text's alternative): the provider never writes one there.
fn nested_name(message: &Message<'_>, children: &[&MessagePart<'_>]) -> Option<LayoutProblem> {
    let mut pending: Vec<&MessagePart<'_>> = children.to_vec();
    let mut seen = 0;
    while let Some(part) = pending.pop() {
        let PartType::Multipart(ids) = &part.body else {
            continue;
        };
        for child in ids.iter().filter_map(|&id| message.parts.get(id as usize)) {
            if is_named(child, DATICERT) {
                return Some(LayoutProblem::DaticertNested);
            }
            if is_named(child, POSTACERT) {
                return Some(LayoutProblem::PostacertNested);
            }
            // Each part is listed once in a well-formed tree; the bound keeps a malformed one
            // finite.
            seen += 1;
            if seen > message.parts.len() {
                return None;
            }
            pending.push(child);
        }
    }
    None
}

/// The original message, its attachments placed in `text` when it was parsed from it.
fn original(
    message: &Message<'_>,
    text: Option<&[u8]>,
    sha256: String,
    meter: &mut Meter,
) -> Original {
    let first_body = |ids: &[u32], html: bool| {
        ids.iter()
            .filter_map(|&id| message.parts.get(id as usize))
            .find_map(|part| match &part.body {
                PartType::Text(text) if !html => Some(text.to_string()),
                PartType::Html(text) if html => Some(text.to_string()),
                _ => None,
            })
    };
    Original {
        sha256,
        headers: mime::headers(message),
        text: first_body(&message.text_body, false),
        html: first_body(&message.html_body, true),
        attachments: message
            .attachments()
            .map(|part| {
                let bytes = mime::decoded(message, part);
                let name = part.attachment_name();
                Attachment {
                    name: name.map(str::to_owned),
                    content_type: part.content_type().map_or_else(
                        || "text/plain".to_owned(),
                        |ct| match ct.subtype() {
                            Some(sub) => format!("{}/{sub}", ct.ctype()).to_ascii_lowercase(),
                            None => ct.ctype().to_ascii_lowercase(),
                        },
                    ),
                    size: bytes.len(),
                    sha256: crate::hex(&meter.digest::<Sha256>(&bytes)),
                    extension: name.and_then(filetype::extension),
                    detected_type: Detected::of(&bytes),
                    executable: filetype::runs(name, &bytes),
                    span: text.and_then(|text| mime::Span::of(text, message, part)),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use crate::testutil;

    #[test]
    fn attachments_are_read_again_to_the_listed_bytes() {
        let mut seen = 0;
        for path in testutil::samples("real") {
            let input = std::fs::read(&path).unwrap();
            let text = crate::locate::canonical(&input);
            for (message, found) in crate::locate::find(&text).unwrap().signed().enumerate() {
                let listed = super::read(&found.signed)
                    .postacert
                    .map(|o| o.attachments)
                    .unwrap_or_default();
                let again =
                    |index| crate::read_again(crate::locate::find(&text).unwrap(), message, index);
                for (index, attachment) in listed.iter().enumerate() {
                    let bytes = again(index).unwrap();
                    assert_eq!(bytes.len(), attachment.size, "{}", path.display());
                    assert_eq!(crate::hex(&Sha256::digest(&bytes)), attachment.sha256);
                    seen += 1;
                }
                assert_eq!(again(listed.len()), None);
            }
            let located = crate::locate::find(&text).unwrap();
            assert_eq!(crate::read_again(located, 99, 0), None);
        }
        assert!(seen > 0, "no sample has an attachment");
    }

    #[test]
    fn the_report_keeps_daticert_as_signed_text_out_of_the_json() {
        let path = &testutil::samples("real")[0];
        let report = crate::verify(&std::fs::read(path).unwrap(), &crate::Options::default());
        let xml = report.messages[0].daticert_xml.as_deref().unwrap();
        assert!(
            xml.contains("<postacert") && xml.contains("</postacert>"),
            "{xml}"
        );
        assert!(!report.to_json("x").contains("daticert_xml"));
    }
}
