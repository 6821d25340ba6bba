//! Finds every signed PEC message in an input, wherever a mail client, a mailing list or a
//! forward put it, and extracts the signed bytes exactly as signed.

use std::borrow::Cow;

use mail_parser::{Message, MessagePart, MimeHeaders};

use crate::content::{self, Content};
use crate::mime::{self, Parsed};
use crate::report::{Headers, InputError};

/// A `multipart/signed` message found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// Where it was found ("" when the input is the message itself).
    pub location: String,
    /// Headers of the message that carries the `multipart/signed` body (not signed).
    pub headers: Headers,
    /// The first body part, byte for byte, with line endings normalised to CRLF: borrowed from
    /// the input when it is already so, which it is for most files.
    pub signed: Cow<'a, [u8]>,
    /// The DER bytes of the signature part, `None` when the part is missing or undecodable.
    pub signature: Option<Vec<u8>>,
    /// What the signed entity holds.
    pub content: Content,
}

/// Inputs above this size are refused: real receipts are well under the 100 MB PEC providers
/// accept, and the page must not run out of memory.
pub const MAX_INPUT: usize = 128 << 20;

/// How many messages deep (forwards of forwards) the search goes.
pub const MAX_DEPTH: usize = 16;

/// Every `multipart/signed` message in `input`, in the order they appear; an error when there
/// is none, saying why.
pub fn find(input: &[u8]) -> Result<Vec<Found<'_>>, InputError> {
    if input.len() > MAX_INPUT {
        return Err(InputError::TooLarge);
    }
    // Blank lines before the first header would end the header section before it starts.
    let input = input.trim_ascii_start();
    if input.is_empty() {
        return Err(InputError::Empty);
    }
    if !looks_like_email(input) {
        return Err(InputError::NotEmail);
    }

    let messages = mbox_messages(input);
    let mut search = Search::default();
    let mut parsed_any = false;
    for (index, raw) in messages.iter().enumerate() {
        let Some(parsed) = Parsed::new(raw) else {
            continue;
        };
        parsed_any = true;
        let location = if messages.len() > 1 {
            format!("mbox message {}", index + 1)
        } else {
            String::new()
        };
        search.message(parsed.message(), Some(raw), &location, 0);
    }

    if !search.found.is_empty() {
        Ok(search.found)
    } else if !parsed_any {
        Err(InputError::NotEmail)
    } else if search.too_deep {
        Err(InputError::TooDeep)
    } else {
        Err(InputError::Unsigned)
    }
}

/// The first line must be a header field (`Name: value`) or an mbox `From ` line: binary files,
/// PDFs and archives fail this at once, while mail-parser would accept almost anything.
fn looks_like_email(input: &[u8]) -> bool {
    let first_line = input.split(|&b| b == b'\n').next().unwrap_or_default();
    if first_line.starts_with(b"From ") {
        return true;
    }
    match first_line.iter().position(|&b| b == b':') {
        Some(colon) => {
            let name = first_line.get(..colon).unwrap_or_default().trim_ascii_end();
            !name.is_empty() && name.iter().all(|b| (b'!'..=b'~').contains(b))
        }
        None => false,
    }
}

/// Splits an mbox file on its `From ` lines (at the start, or after a blank line), dropping
/// them; any other input is one message. Lines escaped as `>From ` are left as they are.
fn mbox_messages(input: &[u8]) -> Vec<&[u8]> {
    if !input.starts_with(b"From ") {
        return vec![input];
    }
    let mut starts = Vec::new();
    let mut offset = 0;
    let mut previous_blank = true;
    for line in input.split_inclusive(|&b| b == b'\n') {
        if previous_blank && line.starts_with(b"From ") {
            starts.push((offset, offset + line.len()));
        }
        previous_blank = matches!(line, b"\n" | b"\r\n");
        offset += line.len();
    }
    let ends = starts
        .iter()
        .skip(1)
        .map(|&(from_line, _)| from_line)
        .chain([input.len()]);
    starts
        .iter()
        .zip(ends)
        .filter_map(|(&(_, body), end)| input.get(body..end))
        .collect()
}

#[derive(Default)]
struct Search<'a> {
    found: Vec<Found<'a>>,
    /// A message nested deeper than [`MAX_DEPTH`] was left unexamined.
    too_deep: bool,
}

impl<'a> Search<'a> {
    /// Searches `message`, parsed from `source` when that is part of the input (a nested
    /// message may be decoded from a transfer encoding into bytes of its own).
    fn message(
        &mut self,
        message: &Message<'_>,
        source: Option<&'a [u8]>,
        location: &str,
        depth: usize,
    ) {
        for part in &message.parts {
            if part.is_content_type("multipart", "signed")
                && let Some(found) = signed(message, source, part, location)
            {
                self.found.push(found);
            }
            if !mime::is_message(part) {
                continue;
            }
            if depth >= MAX_DEPTH {
                self.too_deep = true;
                continue;
            }
            let inner_location = join(location, &attachment_label(message, part));
            mime::with_message(part, |inner| {
                self.message(inner, None, &inner_location, depth + 1)
            });
        }
    }
}

/// "attachment 2 (ricevuta.eml)": numbered as a mail client lists the attachments.
fn attachment_label(message: &Message<'_>, part: &MessagePart<'_>) -> String {
    let number = message
        .attachments()
        .position(|attachment| std::ptr::eq(attachment, part))
        .map(|index| format!(" {}", index + 1))
        .unwrap_or_default();
    match part.attachment_name() {
        Some(name) => format!("attachment{number} ({name})"),
        None => format!("attachment{number}"),
    }
}

fn join(outer: &str, inner: &str) -> String {
    if outer.is_empty() {
        inner.to_owned()
    } else {
        format!("{outer} > {inner}")
    }
}

/// The signed entity and signature of the `multipart/signed` `part` of `message`.
fn signed<'a>(
    message: &Message<'_>,
    source: Option<&'a [u8]>,
    part: &MessagePart<'_>,
    location: &str,
) -> Option<Found<'a>> {
    let children: Vec<&MessagePart<'_>> = part
        .sub_parts()?
        .iter()
        .filter_map(|&id| message.parts.get(id as usize))
        .collect();
    let first = *children.first()?;
    // mail-parser's offset_end stops before the line break that precedes the boundary, which
    // belongs to the boundary (RFC 2046 §5.1.1): exactly the bytes the provider signed.
    let range = first.offset_header as usize..first.offset_end as usize;
    let entity = message.raw_message.get(range.clone())?;
    let (signed, content) = match crlf(entity) {
        // The parse at hand is a parse of the signed bytes: read the content from it.
        None => (
            source
                .and_then(|source| source.get(range))
                .map_or_else(|| Cow::Owned(entity.to_vec()), Cow::Borrowed),
            content::of_entity(message, first),
        ),
        Some(canonical) => {
            let content = content::read(&canonical);
            (Cow::Owned(canonical), content)
        }
    };
    let signature = children
        .iter()
        .find(|child| {
            child.is_content_type("application", "pkcs7-signature")
                || child.is_content_type("application", "x-pkcs7-signature")
        })
        .filter(|child| child.is_binary() && !child.is_encoding_problem)
        .map(|child| child.contents().to_vec());
    Some(Found {
        location: location.to_owned(),
        headers: mime::headers(message),
        signed,
        signature,
        content,
    })
}

/// `input` with every bare LF made CRLF, borrowed when there is none.
///
/// [`find`] takes any line endings, but in a file saved with bare LFs (as many clients do) the
/// signed bytes must be canonicalised before hashing, and the content is then read from a parse
/// of the canonical bytes: a second parse. Canonicalising the whole file first lets one parse
/// serve both.
pub fn canonical(input: &[u8]) -> Cow<'_, [u8]> {
    crlf(input).map_or(Cow::Borrowed(input), Cow::Owned)
}

/// `bytes` with every bare LF made CRLF, as S/MIME canonicalises before signing; `None` when
/// there is none, which saves copying the signed bytes of most files.
fn crlf(bytes: &[u8]) -> Option<Vec<u8>> {
    let bare = |&lf: &usize| lf == 0 || bytes.get(lf - 1) != Some(&b'\r');
    let first_bare = memchr::memchr_iter(b'\n', bytes).find(bare)?;
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 40);
    out.extend_from_slice(&bytes[..first_bare]);
    let mut start = first_bare;
    for lf in memchr::memchr_iter(b'\n', &bytes[first_bare..]).map(|i| i + first_bare) {
        if bare(&lf) {
            out.extend_from_slice(&bytes[start..lf]);
            out.extend_from_slice(b"\r");
            start = lf;
        }
    }
    out.extend_from_slice(&bytes[start..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bare_line_feeds_become_crlf_and_nothing_else_changes() {
        assert_eq!(
            super::crlf(b"\na\r\nb\nc\r\r\nd").unwrap(),
            b"\r\na\r\nb\r\nc\r\r\nd"
        );
        assert_eq!(super::crlf(b"a\r\nb\r\n"), None);
        assert_eq!(super::crlf(b""), None);
    }
}
