//! The forms a receipt is held in, unpacked into the e-mail texts to search: an `.eml` or an
//! mbox as it is, an Outlook `.msg` as the signed message it keeps and its attachments, a signed
//! file (`.p7m`, DER or base64) as the content it carries, whose own signature is verified apart,
//! a zip archive as its files.
//! Each text comes with where it lies in the file; nothing here decides what a PEC provider
//! signed.

use std::borrow::Cow;

use base64ct::{Base64, Encoding};

use crate::check::Check;
use crate::cms::{self, Encapsulated, SignatureInfo};
use crate::filetype::Detected;
use crate::headers::Headers;
use crate::locate::{InputError, Location, MAX_DEPTH, MAX_INPUT, Reason, Step, Unverified};
use crate::msg::{self, MsgError, Outlook};
use crate::trust::revocation;
use crate::zip::{self, ZipError};

/// One e-mail text found in the file, to search as a file of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document<'a> {
    /// Where it lies in the file (no step for the file itself).
    pub location: Location,
    pub text: Cow<'a, [u8]>,
    /// How many forms deep it lies.
    pub depth: usize,
}

/// A signature on a whole file (a `.p7m`), verified over the content it carries.
#[derive(Clone, Debug)]
pub struct SignedFile {
    /// Where the signed file lies (no step for the file itself).
    pub location: Location,
    pub info: Option<SignatureInfo>,
    /// `file.signature` and `file.qualification-not-checked` ([`cms::file_signature`]).
    pub checks: Vec<Check>,
}

/// Everything unpacked from a file.
#[derive(Clone, Debug)]
pub struct Unpacked<'a> {
    pub documents: Vec<Document<'a>>,
    /// Parts that could not be unpacked (nested too deep), each with its answer.
    pub unverified: Vec<Unverified>,
    pub signed_files: Vec<SignedFile>,
    /// Each form that gave no text to search, or only some, with what it is and where it lies,
    /// in the order met (a `.msg` without its signature, a PDF in a zip). The first is the
    /// file's own or the nearest to it: what to say when no document holds a PEC message.
    pub explained: Vec<(Location, InputError)>,
    /// How many more bytes the zip archives met may inflate, together.
    budget: u64,
}

/// The e-mail texts of `input`, in the order they lie in it.
pub fn unpack(input: &[u8]) -> Unpacked<'_> {
    let mut unpacked = Unpacked {
        documents: Vec::new(),
        unverified: Vec::new(),
        signed_files: Vec::new(),
        explained: Vec::new(),
        budget: MAX_INPUT as u64,
    };
    unpacked.file(Cow::Borrowed(input), Location::default(), 0);
    unpacked
}

impl<'a> Unpacked<'a> {
    /// A file attached to a message of a document `depth` forms deep (a `.msg` or a zip
    /// attached to an e-mail): unpacked as a file of its own, one form deeper.
    pub fn attach(&mut self, bytes: Vec<u8>, location: Location, depth: usize) {
        self.file(Cow::Owned(bytes), location, depth + 1);
    }

    /// A file found `depth` forms deep (a `.p7m` in a `.msg`…).
    fn file(&mut self, bytes: Cow<'a, [u8]>, location: Location, depth: usize) {
        if depth > MAX_DEPTH {
            self.too_deep(&location, 1);
        } else if Detected::of(&bytes).is_some_and(Detected::is_print) {
            self.explain(&location, InputError::Print);
        } else if msg::is_msg(&bytes) {
            match msg::read(&bytes) {
                // A Compound File without a message class is no Outlook message.
                Ok(outlook) if outlook.class.is_empty() => {
                    self.explain(&location, InputError::Office)
                }
                Ok(outlook) => self.outlook(outlook, &location, depth),
                Err(MsgError::Unreadable | MsgError::Oversized) => {
                    self.explain(&location, InputError::MsgUnreadable)
                }
            }
        } else if zip::is_zip(&bytes) {
            self.zip(bytes, &location, depth);
        } else if revocation::is_crl(&bytes) {
            self.explain(&location, InputError::Crl);
        } else if let Some(encapsulated) = signed_file(&bytes) {
            // One layer of a nested signed file in memory at a time.
            drop(bytes);
            let (info, checks) = cms::file_signature(&encapsulated);
            self.signed_files.push(SignedFile {
                location: location.clone(),
                info,
                checks,
            });
            let inner = location.then(Step::SignedContent);
            let Encapsulated { content, der } = encapsulated;
            drop(der);
            self.file(Cow::Owned(content), inner, depth + 1);
        } else {
            self.documents.push(Document {
                location,
                text: bytes,
                depth,
            });
        }
    }

    /// An Outlook message: the signed message it keeps, then its attachments, each searched as a
    /// file of its own (a message attached as a message, as an attached `.eml`).
    fn outlook(&mut self, outlook: Outlook, location: &Location, depth: usize) {
        match outlook.eml {
            Some(eml) => self.documents.push(Document {
                location: location.clone(),
                text: Cow::Owned(eml),
                depth,
            }),
            None => self.explain(location, InputError::MsgUnsigned),
        }
        if outlook.too_deep > 0 {
            self.too_deep(location, outlook.too_deep);
        }
        for (index, attached) in outlook.attachments.into_iter().enumerate() {
            let inner = location.then(Step::Attachment {
                number: Some(index + 1),
                name: attached.name,
            });
            match attached.content {
                msg::Content::File(bytes) => self.file(Cow::Owned(bytes), inner, depth + 1),
                msg::Content::Message(outlook) => self.outlook(*outlook, &inner, depth + 1),
            }
        }
    }

    /// A zip archive: each of its files searched as a file of its own.
    fn zip(&mut self, bytes: Cow<'a, [u8]>, location: &Location, depth: usize) {
        let entries = match &bytes {
            Cow::Borrowed(archive) => zip::read(archive, &mut self.budget),
            Cow::Owned(archive) => zip::read(archive, &mut self.budget).map(|entries| {
                entries
                    .into_iter()
                    .map(|e| zip::Entry {
                        name: e.name,
                        bytes: Cow::Owned(e.bytes.into_owned()),
                    })
                    .collect()
            }),
        };
        match entries {
            Ok(entries) if entries.iter().any(zip::Entry::is_office_part) => {
                self.explain(location, InputError::Office)
            }
            Ok(entries) => {
                for entry in entries {
                    let inner = location.then(Step::ZipEntry(entry.name));
                    self.file(entry.bytes, inner, depth + 1);
                }
            }
            Err(ZipError::Damaged) => self.explain(location, InputError::Incomplete),
            Err(ZipError::Bomb) => self.explain(location, InputError::ZipBomb),
            Err(ZipError::Unsupported) => self.explain(location, InputError::ZipUnsupported),
        }
    }

    fn too_deep(&mut self, location: &Location, count: usize) {
        self.unverified.push(Unverified {
            location: location.clone(),
            headers: Headers::default(),
            reason: Reason::TooDeep { count },
        });
    }

    /// What the form at `location` is, when it gave no text to search.
    fn explain(&mut self, location: &Location, error: InputError) {
        self.explained.push((location.clone(), error));
    }
}

/// The content of a signed file: SignedData with its content inside, in DER (or BER), or in
/// base64 (with or without PEM's armour), as signing tools write `.p7m` files.
fn signed_file(bytes: &[u8]) -> Option<Encapsulated> {
    // DER as it is: its last bytes may be any value, whitespace included.
    if bytes.first() == Some(&0x30) {
        return cms::encapsulated(bytes);
    }
    let text = bytes.trim_ascii();
    let body = match text.strip_prefix(b"-----BEGIN ") {
        Some(armoured) => {
            let start = armoured.iter().position(|&b| b == b'\n')? + 1;
            let end = armoured.windows(9).rposition(|w| w == b"-----END ")?;
            armoured.get(start..end)?
        }
        None => text,
    };
    // Base64 of a DER SEQUENCE starts "MI"; an e-mail's first line is never all base64.
    let first_line = body.split(|&b| b == b'\n').next()?.trim_ascii();
    if !body.starts_with(b"MI") || !first_line.iter().all(|&b| is_base64(b)) {
        return None;
    }
    let compact: Vec<u8> = body
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    cms::encapsulated(&Base64::decode_vec(std::str::from_utf8(&compact).ok()?).ok()?)
}

fn is_base64(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=')
}
