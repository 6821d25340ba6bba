//! MIME structure as RFC 2046 §5.1.1 defines it, to hold mail-parser's reading to it.
//!
//! mail-parser is lenient: it takes `--boundary` for a delimiter in the middle of a line and as
//! the prefix of a longer string. A mail client that follows the RFC then sees other parts than
//! the verifier does, and a sender who writes such a line inside the original message can make a
//! lenient reader see parts the provider never wrote. So every multipart the report presents as
//! signed is split here by the RFC's rules and compared with mail-parser's tree: the tree is used
//! only where both readings are the same, so there is one reading of the bytes, never two.

use std::ops::Range;

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

/// How many multiparts deep the comparison goes: real messages nest four or five; each level
/// scans its own body once, so the bound keeps the work linear in the input.
pub const MAX_NESTING: usize = 24;

/// The body parts of a multipart `body` delimited by `boundary`: each from the first byte after
/// its delimiter line to the line break before the next delimiter, which belongs to the
/// delimiter. `None` when the body has no opening or no closing delimiter.
///
/// A delimiter is a line that starts with `--` and the whole boundary, followed only by
/// optional spaces or tabs (a close delimiter: followed by `--`).
pub fn split(body: &[u8], boundary: &[u8]) -> Option<Vec<Range<usize>>> {
    let mut parts = Vec::new();
    let mut open: Option<usize> = None;
    let mut line_start = 0;
    while line_start < body.len() {
        let line_end =
            memchr::memchr(b'\n', &body[line_start..]).map_or(body.len(), |i| line_start + i + 1);
        let line = &body[line_start..line_end];
        if let Some(delimiter) = delimiter(line, boundary) {
            if let Some(start) = open {
                parts.push(start..line_break_before(body, line_start).max(start));
            }
            if delimiter == Delimiter::Close {
                return open.map(|_| parts);
            }
            open = Some(line_end);
        }
        line_start = line_end;
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Delimiter {
    Next,
    Close,
}

fn delimiter(line: &[u8], boundary: &[u8]) -> Option<Delimiter> {
    let rest = line.strip_prefix(b"--")?.strip_prefix(boundary)?;
    if rest.starts_with(b"--") {
        return Some(Delimiter::Close);
    }
    let padding = rest.strip_suffix(b"\n").unwrap_or(rest);
    let padding = padding.strip_suffix(b"\r").unwrap_or(padding);
    padding
        .iter()
        .all(|&b| b == b' ' || b == b'\t')
        .then_some(Delimiter::Next)
}

/// Where the line break that ends the line before `line_start` begins (`line_start` itself
/// when there is no line before it).
fn line_break_before(body: &[u8], line_start: usize) -> usize {
    match line_start.checked_sub(1) {
        Some(lf) if lf > 0 && body.get(lf - 1) == Some(&b'\r') => lf - 1,
        Some(lf) => lf,
        None => 0,
    }
}

/// Whether mail-parser's reading of `part` (a part of `message`) and of every multipart below
/// it in the same message is the one RFC 2046 defines: the same body parts at the same bytes.
/// Parts of nested messages are not below it; [`message_conforms`] reads those.
pub fn conforms(message: &Message<'_>, part: &MessagePart<'_>) -> bool {
    let mut pending = vec![(part, 0)];
    while let Some((part, depth)) = pending.pop() {
        if !matches!(part.body, PartType::Multipart(_)) {
            continue;
        }
        if depth >= MAX_NESTING || !parts_conform(message, part) {
            return false;
        }
        pending.extend(children(message, part).map(|child| (child, depth + 1)));
    }
    true
}

/// [`conforms`] for the whole of `message`, from its root part.
pub fn message_conforms(message: &Message<'_>) -> bool {
    message
        .parts
        .first()
        .is_none_or(|root| conforms(message, root))
}

/// Whether mail-parser's children of `part` are the RFC's body parts of its body (true for a
/// part that is not a multipart).
pub fn parts_conform(message: &Message<'_>, part: &MessagePart<'_>) -> bool {
    if !matches!(part.body, PartType::Multipart(_)) {
        return true;
    }
    let body_start = part.offset_body as usize;
    let Some(strict) = body_and_boundary(message, part).and_then(|(b, d)| split(b, d)) else {
        return false;
    };
    let lenient: Vec<Option<Range<usize>>> = children(message, part)
        .map(|child| {
            let start = (child.offset_header as usize).checked_sub(body_start);
            let end = (child.offset_end as usize).checked_sub(body_start);
            start.zip(end).map(|(start, end)| start..end)
        })
        .collect();
    strict.into_iter().map(Some).eq(lenient)
}

/// Whether the multipart `part` has its close delimiter (true when it has no body or no
/// boundary to look for): a body without one was cut short, as a download that stopped.
pub fn is_closed(message: &Message<'_>, part: &MessagePart<'_>) -> bool {
    body_and_boundary(message, part).is_none_or(|(body, boundary)| {
        let close = [b"--", boundary, b"--"].concat();
        body.split(|&b| b == b'\n')
            .any(|line| line.starts_with(&close))
    })
}

/// The body of the multipart `part` and its boundary.
fn body_and_boundary<'m>(
    message: &'m Message<'_>,
    part: &'m MessagePart<'_>,
) -> Option<(&'m [u8], &'m [u8])> {
    let body = message
        .raw_message
        .get(part.offset_body as usize..part.offset_end as usize)?;
    let boundary = part.content_type()?.attribute("boundary")?;
    Some((body, boundary.as_bytes()))
}

fn children<'a, 'x>(
    message: &'a Message<'x>,
    part: &'a MessagePart<'x>,
) -> impl Iterator<Item = &'a MessagePart<'x>> {
    let ids = match &part.body {
        PartType::Multipart(ids) => ids.as_slice(),
        _ => &[],
    };
    ids.iter().filter_map(|&id| message.parts.get(id as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(body: &'a str, boundary: &str) -> Option<Vec<&'a str>> {
        split(body.as_bytes(), boundary.as_bytes())
            .map(|ranges| ranges.into_iter().map(|r| &body[r]).collect())
    }

    #[test]
    fn delimiters_are_whole_lines() {
        let body = "preamble\r\n--b\r\nA\r\n--b  \r\nB\r\nx--b\r\n--bb\r\n--b-x\r\n--b--\r\nepilogue\r\n--b\r\n";
        assert_eq!(
            parts(body, "b"),
            Some(vec!["A", "B\r\nx--b\r\n--bb\r\n--b-x"])
        );
    }

    #[test]
    fn a_body_without_a_closing_or_opening_delimiter_has_no_parts() {
        assert_eq!(parts("--b\r\nA\r\n", "b"), None);
        assert_eq!(parts("A\r\n--b--\r\n", "b"), None);
        assert_eq!(parts("", "b"), None);
        // Line feeds alone delimit too; an empty part is empty.
        assert_eq!(parts("--b\n--b\nA\n--b--", "b"), Some(vec!["", "A"]));
    }
}
