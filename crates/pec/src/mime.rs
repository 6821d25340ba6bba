//! Readers over mail-parser's model shared by `locate` and `content`: parsing with a bounded
//! drop, nested messages, decoded part bodies and the header fields a verifier compares.

use std::borrow::Cow;

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding, Message, MessageParser, MessagePart, MimeHeaders, PartType};

use crate::headers::Headers;
use crate::time::Timestamp;

/// A parsed message that is dropped without recursion.
///
/// mail-parser nests each `message/rfc822` part as a value inside its parent, and its drop glue
/// recurses once per level: a hostile input of ten thousand nested messages would exhaust the
/// stack (a wasm page has 1 MiB). Dropping through an explicit list keeps the depth constant.
pub struct Parsed<'x>(Message<'x>);

impl<'x> Parsed<'x> {
    /// `None` when mail-parser finds no header at all.
    pub fn new(raw: &'x [u8]) -> Option<Self> {
        MessageParser::new().parse(raw).map(Self)
    }

    pub fn message(&self) -> &Message<'x> {
        &self.0
    }
}

impl Drop for Parsed<'_> {
    fn drop(&mut self) {
        let mut pending = vec![std::mem::take(&mut self.0)];
        while let Some(mut message) = pending.pop() {
            for part in &mut message.parts {
                if let PartType::Message(inner) = &mut part.body {
                    pending.push(std::mem::take(inner));
                }
            }
        }
    }
}

/// Whether `part` holds a whole message: a `message/rfc822` part (parsed by mail-parser, or
/// left as bytes when its transfer encoding nests too deep for it) or an attached `.eml` file.
pub fn is_message(part: &MessagePart<'_>) -> bool {
    match &part.body {
        PartType::Message(_) => true,
        PartType::Binary(_) | PartType::InlineBinary(_) => {
            part.is_content_type("message", "rfc822")
                || part.is_content_type("message", "global")
                || part
                    .attachment_name()
                    .is_some_and(|name| name.to_ascii_lowercase().ends_with(".eml"))
        }
        _ => false,
    }
}

/// Calls `f` with the message `part` holds, parsing it when mail-parser left it as bytes.
pub fn with_message<R>(part: &MessagePart<'_>, f: impl FnOnce(&Message<'_>) -> R) -> Option<R> {
    match &part.body {
        PartType::Message(inner) => Some(f(inner)),
        PartType::Binary(bytes) | PartType::InlineBinary(bytes) if is_message(part) => {
            Parsed::new(bytes).map(|parsed| f(parsed.message()))
        }
        _ => None,
    }
}

/// The body of `part` (a part of `message`) decoded from its transfer encoding only.
///
/// mail-parser converts text parts to UTF-8 from their charset; a file's size and hash must be
/// those of its bytes, so text parts are decoded again from the raw body.
pub fn decoded<'a>(message: &'a Message<'_>, part: &'a MessagePart<'_>) -> Cow<'a, [u8]> {
    let raw = || {
        message
            .raw_message
            .get(part.offset_body as usize..part.offset_end as usize)
            .unwrap_or_default()
    };
    match &part.body {
        PartType::Binary(bytes) | PartType::InlineBinary(bytes) => Cow::Borrowed(bytes.as_ref()),
        // A transfer-encoded message was decoded into a buffer of its own.
        PartType::Message(inner) if part.encoding != Encoding::None => {
            Cow::Borrowed(inner.raw_message.as_ref())
        }
        PartType::Message(_) => Cow::Borrowed(raw()),
        PartType::Text(_) | PartType::Html(_) => {
            let decoded = match part.encoding {
                Encoding::Base64 => base64_decode(raw()),
                Encoding::QuotedPrintable => quoted_printable_decode(raw()),
                Encoding::None => None,
            };
            decoded.map_or_else(|| Cow::Borrowed(raw()), Cow::Owned)
        }
        PartType::Multipart(_) => Cow::Borrowed(&[]),
    }
}

/// Where the body of a part lies in the text a message was parsed from, and its transfer
/// encoding: what [`decoded`] reads, found again without parsing.
#[derive(Clone, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub struct Span {
    range: std::ops::Range<usize>,
    #[borsh(
        serialize_with = "encoding::write",
        deserialize_with = "encoding::read"
    )]
    encoding: Encoding,
}

/// mail-parser's transfer encoding as its one byte, for the report's binary form.
mod encoding {
    use borsh::io::{Error, ErrorKind, Read, Result, Write};
    use mail_parser::Encoding;

    pub fn write<W: Write>(encoding: &Encoding, out: &mut W) -> Result<()> {
        out.write_all(&[*encoding as u8])
    }

    pub fn read<R: Read>(input: &mut R) -> Result<Encoding> {
        let mut byte = [0];
        input.read_exact(&mut byte)?;
        match byte[0] {
            0..=2 => Ok(Encoding::from(byte[0])),
            _ => Err(Error::new(ErrorKind::InvalidData, "transfer encoding")),
        }
    }
}

impl Span {
    /// The span of `part` (of `message`) in `text`, when `message` was parsed from `text`
    /// itself rather than from a buffer of its own (a transfer-encoded forward): mail-parser
    /// counts every part's offsets from the start of the bytes it was given.
    pub fn of(text: &[u8], message: &Message<'_>, part: &MessagePart<'_>) -> Option<Self> {
        let raw = message.raw_message.as_ref();
        // Where `raw` starts in `text`: the difference of the two addresses, when `raw` lies
        // within `text`.
        let start = (raw.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        (start.checked_add(raw.len())? <= text.len()).then_some(())?;
        let body = part.offset_body as usize..part.offset_end as usize;
        raw.get(body.clone())?;
        let encoding = match &part.body {
            PartType::Multipart(_) => return None,
            // A transfer-encoded message was decoded by the parser, the same way.
            _ => part.encoding,
        };
        Some(Self {
            range: start + body.start..start + body.end,
            encoding,
        })
    }

    /// The bytes [`decoded`] gave for this part, from `text`, the same text it was found in.
    pub fn decode(&self, text: &[u8]) -> Option<Vec<u8>> {
        let raw = text.get(self.range.clone())?;
        match self.encoding {
            Encoding::Base64 => base64_decode(raw),
            Encoding::QuotedPrintable => quoted_printable_decode(raw),
            Encoding::None => Some(raw.to_vec()),
        }
    }
}

/// The header fields of `message` a verifier compares. Ids keep their angle brackets; the
/// `X-` fields are matched whatever their case (`X-Tiporicevuta` occurs).
pub fn headers(message: &Message<'_>) -> Headers {
    let addresses = |address: Option<&mail_parser::Address<'_>>| -> Vec<String> {
        address
            .map(|list| {
                list.iter()
                    .filter_map(|a| a.address())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let text = |name: &'static str| -> Option<String> {
        message
            .header(name)
            .and_then(|value| value.as_text())
            .map(|t| t.trim().to_owned())
    };
    Headers {
        from: addresses(message.from()).into_iter().next(),
        to: addresses(message.to()),
        cc: addresses(message.cc()),
        subject: message.subject().map(|s| s.trim().to_owned()),
        date: message.date().and_then(|d| {
            let sign = if d.tz_before_gmt { -1 } else { 1 };
            Timestamp::from_civil(
                (i64::from(d.year), u32::from(d.month), u32::from(d.day)),
                (u32::from(d.hour), u32::from(d.minute), u32::from(d.second)),
                sign * (i32::from(d.tz_hour) * 60 + i32::from(d.tz_minute)),
            )
        }),
        // mail-parser strips the brackets from Message-ID: read the field as written.
        message_id: message
            .header_raw("Message-ID")
            .map(|id| id.trim().to_owned()),
        x_ricevuta: text("X-Ricevuta"),
        x_trasporto: text("X-Trasporto"),
        x_tipo_ricevuta: text("X-TipoRicevuta"),
        x_riferimento_message_id: text("X-Riferimento-Message-ID"),
        x_verifica_sicurezza: text("X-VerificaSicurezza"),
    }
}
