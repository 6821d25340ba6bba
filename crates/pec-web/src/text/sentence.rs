//! A sentence as the page shows it: the page's own words and the values a file gave, kept
//! apart, so that every value is shown isolated from the words around it and with its hidden
//! characters marked (`components::written`).

use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence(Vec<Piece>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// The page's words.
    Own(String),
    /// A value taken from the file: a name, an address, a header.
    Value(String),
}

impl Sentence {
    pub fn own(text: impl Into<String>) -> Self {
        Self(vec![Piece::Own(text.into())])
    }

    pub fn value(text: impl Into<String>) -> Self {
        Self(vec![Piece::Value(text.into())])
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.0
    }

    /// The file's values in it, in order: what the tests hold apart from the page's words.
    #[cfg(test)]
    pub fn values(&self) -> Vec<&str> {
        self.0
            .iter()
            .filter_map(|p| match p {
                Piece::Value(v) => Some(v.as_str()),
                Piece::Own(_) => None,
            })
            .collect()
    }

    pub fn push(&mut self, more: Self) {
        self.0.extend(more.0);
    }

    /// The clause as a sentence: its first letter upper-cased, a full stop after it. Every
    /// clause starts with an ASCII letter of the page's own words, and Unicode case tables
    /// would cost the page kilobytes.
    pub fn capitalised(mut self) -> Self {
        if let Some(Piece::Own(first)) = self.0.first_mut()
            && let Some(letter) = first.get_mut(..1)
        {
            letter.make_ascii_uppercase();
        }
        self.push(Self::own("."));
        self
    }
}

/// The words and values run together: what a reader without the page's markup gets.
impl fmt::Display for Sentence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in &self.0 {
            let (Piece::Own(text) | Piece::Value(text)) = piece;
            f.write_str(text)?;
        }
        Ok(())
    }
}

/// `template` with every `{name}` replaced by `value(name)`.
pub fn fill(template: &str, value: impl Fn(&str) -> Sentence) -> Sentence {
    let mut out = Sentence::default();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            break;
        };
        out.push(Sentence::own(&rest[..open]));
        out.push(value(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    out.push(Sentence::own(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_apart_from_the_words_around_them() {
        let filled = fill("inviato da {sender} a {to}", |name| match name {
            "sender" => Sentence::value("a\u{202e}b@pec.it"),
            _ => Sentence::own("voi"),
        })
        .capitalised();
        assert_eq!(filled.to_string(), "Inviato da a\u{202e}b@pec.it a voi.");
        assert_eq!(filled.values(), ["a\u{202e}b@pec.it"]);
    }
}
