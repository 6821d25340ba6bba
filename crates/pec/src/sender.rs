//! What the sender wrote, made safe to show. A provider signs the subject, body, names and
//! files of a message unchanged, so a genuine message can carry characters that reverse the
//! text around them (U+202E between `fattura` and `fdp.exe` makes it read "fatturaexe.pdf"),
//! characters no one sees, and addresses whose letters come from two alphabets (`pec.рrova.it`, with a
//! Cyrillic р). Every face shows a value from a file through [`segments`] (or [`visible`]),
//! isolated from its own text, and flags what [`mixed_scripts`] finds.

use std::borrow::Cow;

/// A piece of a value as a face shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text to show as it is.
    Text(&'a str),
    /// A character that changes direction or is invisible: shown as its code point.
    Hidden(char),
}

/// Changes the direction of the text around it, or cannot be seen: the characters a reader
/// must be shown as markers. Tab and line ends are ordinary text.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}')
}

/// `text` cut into what shows as it is and the hidden characters between.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (index, c) in text.char_indices().filter(|&(_, c)| is_hidden(c)) {
        if start < index {
            out.push(Segment::Text(&text[start..index]));
        }
        out.push(Segment::Hidden(c));
        start = index + c.len_utf8();
    }
    if start < text.len() {
        out.push(Segment::Text(&text[start..]));
    }
    out
}

/// `text` with each hidden character written as `[U+202E]`, for plain-text faces.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for segment in segments(text) {
        match segment {
            Segment::Text(text) => out.push_str(text),
            Segment::Hidden(c) => out.push_str(&marker(c)),
        }
    }
    Cow::Owned(out)
}

/// How a hidden character is written: `U+202E`.
pub fn marker(c: char) -> String {
    format!("[U+{:04X}]", u32::from(c))
}

/// The alphabets whose letters pass for Latin ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Cherokee,
    Other,
}

fn script(c: char) -> Option<Script> {
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Script::Latin,
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Script::Greek,
        '\u{400}'..='\u{52f}' | '\u{1c80}'..='\u{1c8f}' | '\u{2de0}'..='\u{2dff}' => {
            Script::Cyrillic
        }
        '\u{531}'..='\u{58f}' => Script::Armenian,
        '\u{13a0}'..='\u{13ff}' => Script::Cherokee,
        c if c.is_alphabetic() => Script::Other,
        _ => return None,
    })
}

/// The domain of `address` (or `address` itself, when it is a domain) mixes letters of two
/// alphabets: the mark of a look-alike (`pec.рrova.it`). A domain in one alphabet, Latin or
/// not, is not flagged.
pub fn mixed_scripts(address: &str) -> bool {
    let domain = address
        .rsplit_once('@')
        .map_or(address, |(_, domain)| domain);
    let mut scripts = domain.chars().filter_map(script);
    match scripts.next() {
        Some(first) => scripts.any(|s| s != first),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_and_invisible_characters_become_markers() {
        assert_eq!(visible("fattura\u{202e}fdp.exe"), "fattura[U+202E]fdp.exe");
        assert_eq!(visible("pa\u{200b}y\u{feff}"), "pa[U+200B]y[U+FEFF]");
        assert_eq!(visible("\u{2066}x\u{2069}"), "[U+2066]x[U+2069]");
        assert_eq!(visible("tag\u{e0041}"), "tag[U+E0041]");
        assert!(matches!(
            visible("città, l'8 dicembre\tok\n"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            segments("a\u{202e}b"),
            [
                Segment::Text("a"),
                Segment::Hidden('\u{202e}'),
                Segment::Text("b")
            ]
        );
        assert_eq!(segments(""), []);
    }

    #[test]
    fn look_alike_domains_are_flagged_and_one_alphabet_is_not() {
        assert!(mixed_scripts("mario@pec.\u{440}rova.it"));
        assert!(mixed_scripts("pec.prov\u{3b1}.it"));
        assert!(!mixed_scripts("mario.rossi@pec.prova.it"));
        assert!(!mixed_scripts("info@città.it"));
        assert!(!mixed_scripts(
            "\u{43f}\u{440}\u{438}\u{43c}\u{435}\u{440}.\u{440}\u{444}"
        ));
        // The local part is the sender's mailbox name, not a domain anyone registers.
        assert!(!mixed_scripts("\u{43c}ario@pec.prova.it"));
    }
}
