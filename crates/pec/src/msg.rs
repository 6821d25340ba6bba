//! Outlook `.msg` files (MS-CFB, MS-OXMSG), read with the `cfb` crate: a signed message keeps
//! the sender's signed MIME whole in its `smime.p7m` attachment, which becomes e-mail text
//! again here, under the headers Outlook kept (`PR_TRANSPORT_MESSAGE_HEADERS`).
//!
//! What a message of class `IPM.Note.SMIME.MultipartSigned` holds is its attachment's data
//! (`PR_ATTACH_DATA_BIN`) byte for byte, the `multipart/signed` entity; an `IPM.Note.SMIME`
//! holds the opaque SignedData. Every other class has lost the signature. Nothing else of the
//! file is read as part of a message: other properties are what Outlook wrote, not the sender.

use std::io::{Cursor, Read};

use base64ct::{Base64, Encoding};
use cfb::CompoundFile;

const MAGIC: [u8; 8] = crate::filetype::COMPOUND_FILE;

/// Attachments read from one message; Outlook's own limit is far lower.
pub const MAX_ATTACHMENTS: usize = 1_000;

/// How many messages deep (messages attached to messages) a file is read: as deep as forwards
/// in e-mail text are searched.
pub const MAX_DEPTH: usize = crate::locate::MAX_DEPTH;

/// Whether `input` is a Compound File Binary file, as every `.msg` is.
pub fn is_msg(input: &[u8]) -> bool {
    input.starts_with(&MAGIC)
}

/// A message as Outlook stored it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outlook {
    /// The message class (`PR_MESSAGE_CLASS`), as Outlook wrote it.
    pub class: String,
    /// The signed message as e-mail text; `None` when Outlook kept no signature.
    pub eml: Option<Vec<u8>>,
    /// The other attachments, in Outlook's order.
    pub attachments: Vec<Attached>,
    /// Messages attached deeper than [`MAX_DEPTH`], left unread.
    pub too_deep: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attached {
    /// The file name (long, else short, else display name).
    pub name: Option<String>,
    pub content: Content,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// A file's bytes.
    File(Vec<u8>),
    /// A message attached as a message (a forward in Outlook).
    Message(Box<Outlook>),
}

/// Why a `.msg` could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MsgError {
    /// Not a Compound File, or one whose structure is broken.
    Unreadable,
    /// Streams that claim more bytes than the file has (sectors shared between streams).
    Oversized,
}

/// The message in `input`, a `.msg` file.
pub fn read(input: &[u8]) -> Result<Outlook, MsgError> {
    let file = CompoundFile::open(Cursor::new(input)).map_err(|_| MsgError::Unreadable)?;
    let mut reader = MsgReader {
        file,
        budget: input.len() as u64,
    };
    reader.message("", 0)
}

/// The file, and how many more bytes its streams may give: together, no more than the file
/// holds, so sectors shared by many streams cannot multiply the work.
struct MsgReader<'a> {
    file: CompoundFile<Cursor<&'a [u8]>>,
    budget: u64,
}

/// PR_MESSAGE_CLASS, PR_TRANSPORT_MESSAGE_HEADERS and the attachment properties read
/// (MS-OXPROPS).
const MESSAGE_CLASS: u16 = 0x001A;
const TRANSPORT_HEADERS: u16 = 0x007D;
const ATTACH_DATA: u16 = 0x3701;
const ATTACH_MIME_TAG: u16 = 0x370E;
const ATTACH_LONG_FILENAME: u16 = 0x3707;
const ATTACH_FILENAME: u16 = 0x3704;
const DISPLAY_NAME: u16 = 0x3001;

impl MsgReader<'_> {
    /// The message stored under `storage` ("" for the file's own).
    fn message(&mut self, storage: &str, depth: usize) -> Result<Outlook, MsgError> {
        let class = self.string(storage, MESSAGE_CLASS)?.unwrap_or_default();
        let headers = self.string(storage, TRANSPORT_HEADERS)?.unwrap_or_default();
        let signed = class.to_ascii_lowercase().starts_with("ipm.note.smime");
        let mut outlook = Outlook {
            class,
            eml: None,
            attachments: Vec::new(),
            too_deep: 0,
        };
        for path in self.attachments(storage)? {
            let mime_tag = self.string(&path, ATTACH_MIME_TAG)?.unwrap_or_default();
            let data = self.stream(&format!("{path}/__substg1.0_{ATTACH_DATA:04X}0102"))?;
            if let (true, None, Some(data)) = (signed, &outlook.eml, &data) {
                outlook.eml = smime_body(&headers, &mime_tag, data);
                if outlook.eml.is_some() {
                    continue;
                }
            }
            let embedded = format!("{path}/__substg1.0_{ATTACH_DATA:04X}000D");
            let content = match data {
                Some(data) => Content::File(data),
                None if !self.file.is_storage(&embedded) => continue,
                None if depth >= MAX_DEPTH => {
                    outlook.too_deep += 1;
                    continue;
                }
                None => Content::Message(Box::new(self.message(&embedded, depth + 1)?)),
            };
            let name = [ATTACH_LONG_FILENAME, ATTACH_FILENAME, DISPLAY_NAME]
                .into_iter()
                .find_map(|id| self.string(&path, id).ok().flatten())
                .filter(|name| !name.is_empty());
            outlook.attachments.push(Attached { name, content });
        }
        Ok(outlook)
    }

    /// The attachment storages of the message under `storage`, in Outlook's order.
    fn attachments(&self, storage: &str) -> Result<Vec<String>, MsgError> {
        let root = if storage.is_empty() { "/" } else { storage };
        let entries = self
            .file
            .read_storage(root)
            .map_err(|_| MsgError::Unreadable)?;
        let mut paths: Vec<String> = entries
            .filter(|entry| entry.is_storage() && entry.name().starts_with("__attach_version1.0_#"))
            .take(MAX_ATTACHMENTS)
            .map(|entry| format!("{storage}/{}", entry.name()))
            .collect();
        paths.sort();
        Ok(paths)
    }

    /// A string property of the object under `storage`: Unicode (PT_UNICODE), else 8-bit
    /// (PT_STRING8, read as Latin-1: header text is ASCII).
    fn string(&mut self, storage: &str, id: u16) -> Result<Option<String>, MsgError> {
        if let Some(bytes) = self.stream(&format!("{storage}/__substg1.0_{id:04X}001F"))? {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect();
            let text = String::from_utf16_lossy(&units);
            return Ok(Some(text.trim_end_matches('\0').to_owned()));
        }
        let bytes = self.stream(&format!("{storage}/__substg1.0_{id:04X}001E"))?;
        Ok(bytes.map(|bytes| {
            let text: String = bytes.iter().map(|&b| char::from(b)).collect();
            text.trim_end_matches('\0').to_owned()
        }))
    }

    /// The bytes of the stream at `path`; `None` when there is none.
    fn stream(&mut self, path: &str) -> Result<Option<Vec<u8>>, MsgError> {
        if !self.file.is_stream(path) {
            return Ok(None);
        }
        let mut stream = self
            .file
            .open_stream(path)
            .map_err(|_| MsgError::Unreadable)?;
        let length = stream.len();
        if length > self.budget {
            return Err(MsgError::Oversized);
        }
        self.budget -= length;
        let mut bytes = Vec::new();
        stream
            .by_ref()
            .take(length)
            .read_to_end(&mut bytes)
            .map_err(|_| MsgError::Unreadable)?;
        Ok(Some(bytes))
    }
}

/// The signed message an S/MIME class keeps in attachment `data` of MIME tag `mime_tag`, as
/// e-mail text under `headers`; `None` when it is another attachment.
fn smime_body(headers: &str, mime_tag: &str, data: &[u8]) -> Option<Vec<u8>> {
    let tag = mime_tag.trim().to_ascii_lowercase();
    let mut eml = outer_headers(headers);
    match tag.as_str() {
        // The entity with its own MIME headers, as the provider signed it.
        "multipart/signed" => eml.extend_from_slice(data),
        "application/pkcs7-mime" | "application/x-pkcs7-mime" => {
            eml.extend_from_slice(
                b"Content-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"\r\n\
                  Content-Transfer-Encoding: base64\r\n\r\n",
            );
            eml.extend_from_slice(Base64::encode_string(data).as_bytes());
            eml.extend_from_slice(b"\r\n");
        }
        _ => return None,
    }
    Some(eml)
}

/// The header section of `headers` (up to its first blank line), without the MIME fields: the
/// body that follows brings its own.
fn outer_headers(headers: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut keep = false;
    for line in headers.split_inclusive('\n') {
        if line.trim_end().is_empty() {
            break;
        }
        if !line.starts_with([' ', '\t']) {
            let name = line.split(':').next().unwrap_or_default().trim();
            let name = name.to_ascii_lowercase();
            keep = !(name.starts_with("content-") || name == "mime-version");
        }
        if keep {
            out.extend_from_slice(line.trim_end_matches(['\r', '\n']).as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outer_headers_keep_all_but_the_mime_fields_and_stop_at_the_body() {
        let headers = "From: a@b.it\nContent-Type: multipart/signed;\n\tboundary=x\nSubject: s\n  folded\r\nMIME-Version: 1.0\n\nContent-Type: text/plain\n";
        assert_eq!(
            outer_headers(headers),
            b"From: a@b.it\r\nSubject: s\r\n  folded\r\n"
        );
    }

    #[test]
    fn what_is_not_a_compound_file_is_unreadable() {
        for input in [&b""[..], &MAGIC, &[MAGIC.as_slice(), &[0; 600]].concat()] {
            assert_eq!(read(input), Err(MsgError::Unreadable));
        }
    }
}
