//! What a provider signed: the signed entity's daticert.xml and, for envelopes and completa
//! receipts, the original message (`postacert.eml`).

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use crate::mime::{self, Parsed};
use crate::report::{Attachment, Original};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Content {
    /// The bytes of the `daticert.xml` part, decoded from its transfer encoding.
    pub daticert: Option<Vec<u8>>,
    /// The parsed `postacert.eml` part.
    pub postacert: Option<Original>,
}

/// Reads a signed entity from its own bytes; parts it does not know, or cannot read, are left
/// out.
pub fn read(signed: &[u8]) -> Content {
    let Some(parsed) = Parsed::new(signed) else {
        return Content::default();
    };
    let message = parsed.message();
    message
        .parts
        .first()
        .map(|entity| of_entity(message, entity))
        .unwrap_or_default()
}

/// Reads the signed entity `entity`, a part of the parsed `message`: the input's own parse is
/// used when its bytes are the signed bytes, so nothing is parsed or decoded twice.
pub fn of_entity(message: &Message<'_>, entity: &MessagePart<'_>) -> Content {
    let parts = entity_parts(message, entity);
    Content {
        daticert: named_part(&parts, "daticert.xml")
            .map(|part| mime::decoded(message, part).into_owned()),
        postacert: named_part(&parts, "postacert.eml")
            .and_then(|part| mime::with_message(part, original)),
    }
}

/// The decoded bytes of attachment `index` (as listed in [`Original::attachments`]) of the
/// original message in the signed entity; decoded only when asked, for a download.
pub fn attachment(signed: &[u8], index: usize) -> Option<Vec<u8>> {
    let parsed = Parsed::new(signed)?;
    let message = parsed.message();
    let parts = entity_parts(message, message.parts.first()?);
    let part = named_part(&parts, "postacert.eml")?;
    mime::with_message(part, |original| {
        original
            .attachments()
            .nth(index)
            .map(|part| mime::decoded(original, part).into_owned())
    })
    .flatten()
}

/// The parts of the entity itself, in order: `entity` and the parts of its multiparts, within
/// its bytes. The parts of a nested message are not among them: a receipt forwarded inside
/// postacert.eml carries a daticert.xml of its own, which must not be taken for this one.
fn entity_parts<'a, 'x>(
    message: &'a Message<'x>,
    entity: &'a MessagePart<'x>,
) -> Vec<&'a MessagePart<'x>> {
    let within = |part: &MessagePart<'_>| {
        part.offset_header >= entity.offset_header && part.offset_end <= entity.offset_end
    };
    let mut parts = Vec::new();
    let mut pending = vec![entity];
    // Each part is listed once in a well-formed tree; the bound keeps a malformed one finite.
    while let Some(part) = pending.pop().filter(|_| parts.len() < message.parts.len()) {
        if !within(part) {
            continue;
        }
        parts.push(part);
        if let PartType::Multipart(children) = &part.body {
            let children = children
                .iter()
                .filter_map(|&id| message.parts.get(id as usize));
            pending.extend(children.rev());
        }
    }
    parts
}

/// The first of `parts` named `name`.
fn named_part<'a, 'x>(parts: &[&'a MessagePart<'x>], name: &str) -> Option<&'a MessagePart<'x>> {
    parts.iter().copied().find(|part| {
        part.attachment_name()
            .is_some_and(|found| found.eq_ignore_ascii_case(name))
    })
}

fn original(message: &Message<'_>) -> Original {
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
        headers: mime::headers(message),
        text: first_body(&message.text_body, false),
        html: first_body(&message.html_body, true),
        attachments: message
            .attachments()
            .map(|part| {
                let bytes = mime::decoded(message, part);
                Attachment {
                    name: part.attachment_name().map(str::to_owned),
                    content_type: part.content_type().map_or_else(
                        || "text/plain".to_owned(),
                        |ct| match ct.subtype() {
                            Some(sub) => format!("{}/{sub}", ct.ctype()).to_ascii_lowercase(),
                            None => ct.ctype().to_ascii_lowercase(),
                        },
                    ),
                    size: bytes.len(),
                    sha256: crate::hex(&Sha256::digest(&bytes)),
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
    fn attachments_decode_on_demand_to_the_listed_bytes() {
        let mut seen = 0;
        for path in testutil::samples("real") {
            let input = std::fs::read(&path).unwrap();
            for (message, found) in crate::locate::find(&input).unwrap().iter().enumerate() {
                let listed = super::read(&found.signed)
                    .postacert
                    .map(|o| o.attachments)
                    .unwrap_or_default();
                for (index, attachment) in listed.iter().enumerate() {
                    let bytes = crate::attachment(&input, message, index).unwrap();
                    assert_eq!(bytes.len(), attachment.size, "{}", path.display());
                    assert_eq!(crate::hex(&Sha256::digest(&bytes)), attachment.sha256);
                    seen += 1;
                }
                assert_eq!(crate::attachment(&input, message, listed.len()), None);
            }
            assert_eq!(crate::attachment(&input, 99, 0), None);
        }
        assert!(seen > 0, "no sample has an attachment");
        assert_eq!(crate::attachment(b"not a message", 0, 0), None);
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
