//! A ricevuta breve proves the content only together with the original files (§3.3.2.2):
//! each attachment of the original is replaced by `<name>.hash`, the hex digest of the part "as
//! transmitted", which the rules say should be its base64 text. Which wrapping the provider
//! hashed is not written down, so each file given is hashed raw and in every usual base64
//! layout, and the one that matched is named.

use serde::Serialize;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use std::collections::BTreeMap;

use base64ct::Encoding as _;

use super::File;

names! {
    /// How a file was written when its digest matched a `.hash`: as it is, or as base64 text
    /// unwrapped or wrapped at 76, 72 or 64 characters with CRLF or LF line ends.
    pub enum Encoding {
        Raw = "raw",
        Base64 = "base64",
        Base64Crlf76 = "base64-76-crlf",
        Base64Lf76 = "base64-76-lf",
        Base64Crlf72 = "base64-72-crlf",
        Base64Lf72 = "base64-72-lf",
        Base64Crlf64 = "base64-64-crlf",
        Base64Lf64 = "base64-64-lf",
    }
}

impl Encoding {
    /// The line length and line end of a base64 layout; `None` for the raw file.
    fn layout(self) -> Option<(usize, &'static [u8])> {
        const UNWRAPPED: usize = usize::MAX;
        match self {
            Self::Raw => None,
            Self::Base64 => Some((UNWRAPPED, b"\r\n")),
            Self::Base64Crlf76 => Some((76, b"\r\n")),
            Self::Base64Lf76 => Some((76, b"\n")),
            Self::Base64Crlf72 => Some((72, b"\r\n")),
            Self::Base64Lf72 => Some((72, b"\n")),
            Self::Base64Crlf64 => Some((64, b"\r\n")),
            Self::Base64Lf64 => Some((64, b"\n")),
        }
    }
}

names! {
    /// What became of one `.hash` of a breve receipt.
    pub enum Outcome {
        /// A file given has that digest: the content delivered is that file.
        Matches = "matches",
        /// A file of that name was given, but its digest is another one in every layout.
        DoesNotMatch = "does-not-match",
        /// No file of that name, nor any with that digest, was given.
        NoFile = "no-file",
        /// The `.hash` part holds no SHA-1 or SHA-256 digest in hex.
        Unreadable = "unreadable",
    }
}

/// One attachment of the original, as the breve receipt lists it by digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HashMatch {
    /// The attachment's name, without `.hash`.
    pub name: String,
    pub outcome: Outcome,
    /// The file that matched, or that has the name and did not.
    pub file: Option<String>,
    /// How the matching file was written.
    pub encoding: Option<Encoding>,
}

/// The algorithms a `.hash` may be written with, told apart by the digest's length.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Algorithm {
    Sha1,
    Sha256,
}

/// The digest written in a `.hash` part.
#[derive(Clone, PartialEq, Eq)]
struct Expected {
    algorithm: Algorithm,
    digest: Vec<u8>,
}

impl Expected {
    fn parse(text: &[u8]) -> Option<Self> {
        let hex = std::str::from_utf8(text).ok()?.trim();
        let digest = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        let algorithm = match digest.len() {
            20 => Algorithm::Sha1,
            32 => Algorithm::Sha256,
            _ => return None,
        };
        Some(Self { algorithm, digest })
    }
}

/// One file's digest in each layout.
type Layouts = Vec<(Encoding, Vec<u8>)>;

/// The digests of the files given in every layout, each computed once, when a `.hash` of that
/// algorithm first needs it: a file is hashed once however many breve receipts there are.
pub struct Prints<'a> {
    files: &'a [File<'a>],
    digests: BTreeMap<(usize, Algorithm), Layouts>,
}

impl<'a> Prints<'a> {
    pub fn new(files: &'a [File<'a>]) -> Self {
        Self {
            files,
            digests: BTreeMap::new(),
        }
    }

    /// The outcome of each `.hash` (its attachment name and content) against the files.
    pub fn proofs(&mut self, hashes: &[(String, Vec<u8>)]) -> Vec<HashMatch> {
        hashes
            .iter()
            .map(|(name, digest)| self.one(name, Expected::parse(digest).as_ref()))
            .collect()
    }

    fn one(&mut self, name: &str, expected: Option<&Expected>) -> HashMatch {
        let result = |outcome, file: Option<&File<'_>>, encoding| HashMatch {
            name: name.to_owned(),
            outcome,
            file: file.map(|f| f.name.to_owned()),
            encoding,
        };
        let Some(expected) = expected else {
            return result(Outcome::Unreadable, None, None);
        };
        let files = self.files;
        let matched = (0..files.len())
            .find_map(|index| self.matching(index, expected).map(|e| (&files[index], e)));
        if let Some((file, encoding)) = matched {
            return result(Outcome::Matches, Some(file), Some(encoding));
        }
        match files.iter().find(|f| base_name(f.name) == name) {
            Some(file) => result(Outcome::DoesNotMatch, Some(file), None),
            None => result(Outcome::NoFile, None, None),
        }
    }

    /// The layout in which file `index` has the digest `expected`, if one does.
    fn matching(&mut self, index: usize, expected: &Expected) -> Option<Encoding> {
        let bytes = self.files[index].bytes;
        self.digests
            .entry((index, expected.algorithm))
            .or_insert_with(|| {
                let base64 = base64ct::Base64::encode_string(bytes);
                match expected.algorithm {
                    Algorithm::Sha1 => every_layout::<Sha1>(bytes, &base64),
                    Algorithm::Sha256 => every_layout::<Sha256>(bytes, &base64),
                }
            })
            .iter()
            .find(|(_, digest)| *digest == expected.digest)
            .map(|(encoding, _)| *encoding)
    }
}

/// The digest of the file in each layout, base64 text with and without a last line break
/// (a part's body may keep the one before the next boundary, or not).
fn every_layout<D: Digest>(bytes: &[u8], base64: &str) -> Layouts {
    let mut digests = Vec::new();
    for &encoding in Encoding::ALL {
        let finals: &[bool] = match encoding.layout() {
            None => &[false],
            Some(_) => &[false, true],
        };
        for &final_break in finals {
            let digest = layout_digest::<D>(bytes, base64, encoding, final_break);
            digests.push((encoding, digest[..].to_vec()));
        }
    }
    digests
}

fn layout_digest<D: Digest>(
    bytes: &[u8],
    base64: &str,
    encoding: Encoding,
    final_break: bool,
) -> sha2::digest::Output<D> {
    let mut hasher = D::new();
    match encoding.layout() {
        None => hasher.update(bytes),
        Some((width, line_end)) => {
            let mut lines = base64.as_bytes().chunks(width).peekable();
            while let Some(line) = lines.next() {
                hasher.update(line);
                if lines.peek().is_some() || final_break {
                    hasher.update(line_end);
                }
            }
        }
    }
    hasher.finalize()
}

/// The last component of a path, as a dropped file's name has none and a command line's may.
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Report;

    fn hex(bytes: &[u8]) -> Vec<u8> {
        crate::hex(bytes).into_bytes()
    }

    fn wrapped(bytes: &[u8], width: usize, end: &str) -> String {
        let text = base64ct::Base64::encode_string(bytes);
        let lines: Vec<&str> = text
            .as_bytes()
            .chunks(width)
            .map(|l| std::str::from_utf8(l).unwrap())
            .collect();
        lines.join(end) + end
    }

    #[test]
    fn each_layout_is_recognised_and_named() {
        let report = Report::too_large();
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let given = [File {
            name: "dir/fattura.pdf",
            bytes: &bytes,
            report: &report,
        }];
        let cases = [
            (hex(&Sha1::digest(&bytes)), Encoding::Raw),
            (
                hex(&Sha1::digest(wrapped(&bytes, 76, "\r\n"))),
                Encoding::Base64Crlf76,
            ),
            (
                hex(&Sha1::digest(wrapped(&bytes, 64, "\n"))),
                Encoding::Base64Lf64,
            ),
            (
                hex(&Sha256::digest(wrapped(&bytes, 72, "\r\n"))),
                Encoding::Base64Crlf72,
            ),
        ];
        for (digest, encoding) in cases {
            let found = Prints::new(&given).proofs(&[("fattura.pdf".into(), digest)]);
            assert_eq!(found[0].outcome, Outcome::Matches);
            assert_eq!(found[0].encoding, Some(encoding));
            assert_eq!(found[0].file.as_deref(), Some("dir/fattura.pdf"));
        }
    }

    #[test]
    fn a_file_of_that_name_with_other_bytes_does_not_match() {
        let report = Report::too_large();
        let given = [File {
            name: "fattura.pdf",
            bytes: b"other bytes",
            report: &report,
        }];
        let hashes = [
            (
                "fattura.pdf".to_owned(),
                hex(&Sha1::digest(b"the original")),
            ),
            ("lettera.pdf".to_owned(), hex(&Sha1::digest(b"the letter"))),
            ("rotto.pdf".to_owned(), b"not a digest".to_vec()),
        ];
        let outcomes: Vec<Outcome> = Prints::new(&given)
            .proofs(&hashes)
            .iter()
            .map(|m| m.outcome)
            .collect();
        assert_eq!(
            outcomes,
            [Outcome::DoesNotMatch, Outcome::NoFile, Outcome::Unreadable]
        );
    }
}
