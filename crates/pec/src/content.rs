//! What a provider signed: the signed entity's daticert.xml and, for envelopes and completa
//! receipts, the original message (`postacert.eml`).

use mail_parser::{Message, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use crate::mime::{self, Parsed};
use crate::report::{Attachment, Original};

#[derive(Clone, Debug, Default)]
pub struct Content {
    /// The bytes of the `daticert.xml` part, decoded from its transfer encoding.
    pub daticert: Option<Vec<u8>>,
    /// The parsed `postacert.eml` part.
    pub postacert: Option<Original>,
}

/// Reads the signed entity; parts it does not know, or cannot read, are left out.
pub fn read(signed: &[u8]) -> Content {
    let Some(parsed) = Parsed::new(signed) else {
        return Content::default();
    };
    let message = parsed.message();
    let mut content = Content::default();
    // Only the signed entity's own parts count: a receipt forwarded inside postacert.eml
    // carries a daticert.xml of its own, which lives in a nested message, not in `parts`.
    for part in &message.parts {
        let Some(name) = part.attachment_name() else {
            continue;
        };
        if content.daticert.is_none() && name.eq_ignore_ascii_case("daticert.xml") {
            content.daticert = Some(mime::decoded(message, part).into_owned());
        } else if content.postacert.is_none() && name.eq_ignore_ascii_case("postacert.eml") {
            content.postacert = mime::with_message(part, original);
        }
    }
    content
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
