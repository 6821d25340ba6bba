//! How the parts of a signed entity are laid out, and what a sender can write inside the original
//! message so that a reader sees parts the provider never wrote. Everything inside postacert.eml
//! is the sender's, and the provider signs it as it is: these are the attacks on that.

/// The order and number of the direct parts of the signed `multipart/mixed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// As every provider writes it: the text, daticert.xml, postacert.eml last.
    Certified,
    /// postacert.eml, then daticert.xml.
    DaticertAfterPostacert,
    /// A second daticert.xml, with forged facts, after the first.
    DaticertTwice,
    /// postacert.eml twice.
    PostacertTwice,
    /// Another text part after postacert.eml.
    PartAfterPostacert,
    /// daticert.xml inside the text's `multipart/alternative`, not a direct part.
    DaticertInAlternative,
}

impl Layout {
    pub const ATTACKS: [Self; 5] = [
        Self::DaticertAfterPostacert,
        Self::DaticertTwice,
        Self::PostacertTwice,
        Self::PartAfterPostacert,
        Self::DaticertInAlternative,
    ];

    /// The direct parts in this layout, from the text (`text`, or `text_with_daticert` with
    /// daticert.xml inside it), daticert.xml, a forged daticert.xml and postacert.eml.
    pub fn parts(self, parts: &Parts) -> Vec<String> {
        let one = |part: &Option<String>| part.iter().cloned().collect::<Vec<_>>();
        let (text, daticert, postacert) = (
            vec![parts.text.clone()],
            one(&parts.daticert),
            one(&parts.postacert),
        );
        let after = vec![parts.text.clone()];
        match self {
            Self::Certified => [text, daticert, postacert].concat(),
            Self::DaticertAfterPostacert => [text, postacert, daticert].concat(),
            Self::DaticertTwice => [
                text,
                daticert,
                vec![parts.forged_daticert.clone()],
                postacert,
            ]
            .concat(),
            Self::PostacertTwice => [text, daticert, postacert.clone(), postacert].concat(),
            Self::PartAfterPostacert => [text, daticert, postacert, after].concat(),
            Self::DaticertInAlternative => {
                [vec![parts.text_with_daticert.clone()], postacert].concat()
            }
        }
    }
}

/// The parts a layout is made of, each with its MIME headers and body, CRLF throughout.
pub struct Parts {
    pub text: String,
    pub text_with_daticert: String,
    pub daticert: Option<String>,
    pub forged_daticert: String,
    pub postacert: Option<String>,
}

/// What the sender writes in a plain-text part of the original message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Injection {
    /// The provider's boundary at the start of a line, a forged daticert.xml, then the provider's
    /// boundary again and a new postacert.eml part to take in the rest of the original: a
    /// delimiter for every reader, so the layout must give it away.
    LineStart,
    /// The same after other text on the line: a delimiter for lenient readers only.
    MidLine,
    /// The provider's boundary followed by more characters on the line, the forged part's header
    /// right after it: a delimiter for readers that match the boundary as a prefix.
    Prefix,
    /// The original's own boundary in the middle of a line, then a file: a reader that takes it
    /// for a delimiter lists an attachment that mail clients do not show.
    OriginalMidLine,
}

impl Injection {
    pub const ALL: [Self; 4] = [
        Self::LineStart,
        Self::MidLine,
        Self::Prefix,
        Self::OriginalMidLine,
    ];

    /// The text the sender writes, given the provider's boundary, the original's own and the
    /// forged daticert.xml part.
    pub fn text(self, provider: &str, original: &str, forged_daticert: &str) -> String {
        let postacert = "Content-Type: message/rfc822; name=\"postacert.eml\"\r\n\
                         Content-Disposition: inline; filename=\"postacert.eml\"\r\n\r\n";
        let hidden = "Content-Type: application/octet-stream; name=\"nascosto.exe\"\r\n\
                      Content-Disposition: attachment; filename=\"nascosto.exe\"\r\n\r\nMZ\r\n";
        let note = "Si prega di leggere con attenzione.";
        match self {
            Self::LineStart => {
                format!(
                    "{note}\r\n--{provider}\r\n{forged_daticert}\r\n--{provider}\r\n{postacert}"
                )
            }
            Self::MidLine => {
                format!("{note} --{provider}\r\n{forged_daticert}\r\n--{provider}\r\n{postacert}")
            }
            Self::Prefix => {
                format!("{note}\r\n--{provider}{forged_daticert}\r\n--{provider}\r\n{postacert}")
            }
            Self::OriginalMidLine => format!("{note} --{original}\r\n{hidden}"),
        }
    }
}
