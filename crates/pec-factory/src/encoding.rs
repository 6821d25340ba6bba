//! Transfer encodings as providers write them: base64 wrapped at a fixed width, quoted-printable
//! over ISO-8859-1, RFC 2047 encoded words; every line ends in CRLF.

use base64ct::{Base64, Encoding};

/// Base64 of `bytes` in lines of `width` characters, each ending in CRLF.
pub fn base64_lines(bytes: &[u8], width: usize) -> String {
    let encoded = Base64::encode_string(bytes);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / width * 2 + 2);
    // Base64 output is ASCII, so any byte index is a character boundary.
    for line in encoded.as_bytes().chunks(width) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push_str("\r\n");
    }
    out
}

/// `text` as ISO-8859-1 (characters beyond it become `?`).
pub fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

/// Quoted-printable (RFC 2045 §6.7) of ISO-8859-1 `text`, with soft breaks before column 76.
pub fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        let bytes = latin1(line);
        let mut column = 0;
        for (i, &byte) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            // Trailing white space would be stripped in transit: encode it.
            let literal = matches!(byte, b'!'..=b'<' | b'>'..=b'~') || (byte == b' ' && !last);
            let token = if literal {
                char::from(byte).to_string()
            } else {
                format!("={byte:02X}")
            };
            if column + token.len() > 75 {
                out.push_str("=\r\n");
                column = 0;
            }
            out.push_str(&token);
            column += token.len();
        }
        out.push_str("\r\n");
    }
    out
}

/// A header value: as is when ASCII, else one RFC 2047 encoded word: `Q` in ISO-8859-1, or
/// `B` in UTF-8 when a character lies beyond ISO-8859-1 (a sender's direction control).
pub fn header_text(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    if text.chars().any(|c| u32::from(c) > 0xff) {
        return format!("=?UTF-8?B?{}?=", Base64::encode_string(text.as_bytes()));
    }
    let encoded: String = latin1(text)
        .into_iter()
        .map(|byte| match byte {
            b' ' => "_".to_owned(),
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'.' | b',' | b'-' | b':' => {
                char::from(byte).to_string()
            }
            _ => format!("={byte:02X}"),
        })
        .collect();
    format!("=?ISO-8859-1?Q?{encoded}?=")
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `haystack` with the first occurrence of `needle` replaced by `with`; unchanged without one.
pub fn replace_first(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    match haystack.windows(needle.len()).position(|w| w == needle) {
        Some(at) => [&haystack[..at], with, &haystack[at + needle.len()..]].concat(),
        None => haystack.to_vec(),
    }
}

/// `text` with `&`, `<`, `>` and `"` escaped for XML.
pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_wraps_and_escapes() {
        let text = format!("{} è\nfine ", "a".repeat(80));
        let encoded = quoted_printable(&text);
        assert_eq!(
            encoded,
            format!(
                "{}=\r\n{} =E8\r\nfine=20\r\n",
                "a".repeat(75),
                "a".repeat(5)
            )
        );
    }

    #[test]
    fn headers_are_encoded_only_when_needed() {
        assert_eq!(header_text("Fattura 42"), "Fattura 42");
        assert_eq!(header_text("Città"), "=?ISO-8859-1?Q?Citt=E0?=");
        assert_eq!(header_text("a\u{202e}b"), "=?UTF-8?B?YeKArmI=?=");
    }

    #[test]
    fn base64_lines_are_wrapped() {
        assert_eq!(base64_lines(b"abcdefgh", 4), "YWJj\r\nZGVm\r\nZ2g=\r\n");
    }
}
