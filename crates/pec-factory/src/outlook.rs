//! Outlook `.msg` files (MS-CFB, MS-OXMSG) laid out as Outlook saves a signed message: class
//! `IPM.Note.SMIME.MultipartSigned`, the headers in `PR_TRANSPORT_MESSAGE_HEADERS`, and one
//! attachment `smime.p7m` whose data is the `multipart/signed` entity (its MIME headers and
//! body) with MIME tag `multipart/signed`. Also the ways a receipt reaches a `.msg` otherwise.

use std::io::{Cursor, Write};
use std::time::{Duration, SystemTime};

use cfb::CompoundFile;

/// How Outlook holds the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// As Outlook saves a signed message it received.
    Signed,
    /// As a plain `IPM.Note`: the text kept, the signature lost.
    Plain,
    /// Attached as a message to a plain note (a forward in Outlook).
    Forwarded,
}

impl Saved {
    pub const ALL: [Self; 3] = [Self::Signed, Self::Plain, Self::Forwarded];

    /// The `.msg` bytes of `eml`, saved this way.
    pub fn msg(self, eml: &[u8]) -> Vec<u8> {
        let (headers, entity) = split(eml);
        let mut file = Writer::new();
        match self {
            Self::Signed => file.signed("", &headers, &entity),
            Self::Plain => file.plain("", &headers, &[]),
            Self::Forwarded => {
                let forward = "From: avvocato@studio.example.it\r\nSubject: I: ricevuta\r\n";
                file.plain("", forward, &[Attachment::Message(&headers, &entity)]);
            }
        }
        file.finish()
    }
}

/// An attachment of a plain note.
enum Attachment<'a> {
    /// A signed message (its transport headers and entity) attached as a message.
    Message(&'a str, &'a [u8]),
}

/// The header section of `eml` without its MIME fields, and the entity: the MIME fields and the
/// body, as Outlook keeps them apart.
fn split(eml: &[u8]) -> (String, Vec<u8>) {
    let end = eml
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(eml.len(), |at| at + 2);
    let (head, body) = eml.split_at(end);
    let mut headers = String::new();
    let mut entity = Vec::new();
    let mut mime = false;
    for line in String::from_utf8_lossy(head).split_inclusive("\r\n") {
        if !line.starts_with([' ', '\t']) {
            let name = line
                .split(':')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            mime = name.starts_with("content-") || name == "mime-version";
        }
        if mime {
            entity.extend_from_slice(line.as_bytes());
        } else {
            headers.push_str(line);
        }
    }
    entity.extend_from_slice(body);
    (headers, entity)
}

/// A fixed time for every storage, so the same message gives the same file.
fn fixed_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_710_495_000)
}

/// Property types (MS-OXCDATA §2.11.1).
const PT_LONG: u32 = 0x0003;
const PT_UNICODE: u32 = 0x001F;
const PT_BINARY: u32 = 0x0102;
const PT_OBJECT: u32 = 0x000D;

struct Writer {
    file: CompoundFile<Cursor<Vec<u8>>>,
}

impl Writer {
    fn new() -> Self {
        let file = CompoundFile::create(Cursor::new(Vec::new())).expect("a file in memory");
        Self { file }
    }

    fn finish(mut self) -> Vec<u8> {
        self.file
            .set_modified_time("/", fixed_time())
            .expect("the root");
        self.file
            .set_created_time("/", fixed_time())
            .expect("the root");
        self.file.flush().expect("a file in memory");
        self.file.into_inner().into_inner()
    }

    /// A signed message stored under `storage`: class, headers, the entity as `smime.p7m`.
    fn signed(&mut self, storage: &str, headers: &str, entity: &[u8]) {
        let mut props = Properties::default();
        self.string(
            storage,
            &mut props,
            0x001A,
            "IPM.Note.SMIME.MultipartSigned",
        );
        self.string(storage, &mut props, 0x007D, headers);
        let attachment = self.storage(&format!("{storage}/__attach_version1.0_#00000000"));
        let mut attach_props = Properties::default();
        attach_props.long(0x3705, 1); // ATTACH_BY_VALUE
        self.binary(&attachment, &mut attach_props, 0x3701, entity);
        self.string(&attachment, &mut attach_props, 0x370E, "multipart/signed");
        self.string(&attachment, &mut attach_props, 0x3707, "smime.p7m");
        self.stream(
            &format!("{attachment}/__properties_version1.0"),
            &attach_props.attachment(),
        );
        self.stream(
            &format!("{storage}/__properties_version1.0"),
            &props.message(storage.is_empty(), 1),
        );
    }

    /// A plain note under `storage`: class, headers, and its attachments.
    fn plain(&mut self, storage: &str, headers: &str, attachments: &[Attachment<'_>]) {
        let mut props = Properties::default();
        self.string(storage, &mut props, 0x001A, "IPM.Note");
        self.string(storage, &mut props, 0x007D, headers);
        for (index, attached) in attachments.iter().enumerate() {
            let path = self.storage(&format!("{storage}/__attach_version1.0_#{index:08X}"));
            let mut attach_props = Properties::default();
            match attached {
                Attachment::Message(headers, entity) => {
                    attach_props.long(0x3705, 5); // ATTACH_EMBEDDED_MSG
                    attach_props.object(0x3701);
                    self.string(&path, &mut attach_props, 0x3001, "ricevuta");
                    let inner = self.storage(&format!("{path}/__substg1.0_3701000D"));
                    self.signed(&inner, headers, entity);
                }
            }
            self.stream(
                &format!("{path}/__properties_version1.0"),
                &attach_props.attachment(),
            );
        }
        self.stream(
            &format!("{storage}/__properties_version1.0"),
            &props.message(storage.is_empty(), attachments.len()),
        );
    }

    fn storage(&mut self, path: &str) -> String {
        self.file.create_storage(path).expect("a new storage");
        self.file
            .set_created_time(path, fixed_time())
            .expect("a storage");
        self.file
            .set_modified_time(path, fixed_time())
            .expect("a storage");
        path.to_owned()
    }

    fn stream(&mut self, path: &str, bytes: &[u8]) {
        let mut stream = self.file.create_stream(path).expect("a new stream");
        stream.write_all(bytes).expect("a stream in memory");
    }

    fn string(&mut self, storage: &str, props: &mut Properties, id: u16, text: &str) {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect();
        props.variable(id, PT_UNICODE, bytes.len());
        self.stream(&format!("{storage}/__substg1.0_{id:04X}001F"), &bytes);
    }

    fn binary(&mut self, storage: &str, props: &mut Properties, id: u16, bytes: &[u8]) {
        props.variable(id, PT_BINARY, bytes.len());
        self.stream(&format!("{storage}/__substg1.0_{id:04X}0102"), bytes);
    }
}

/// The `__properties_version1.0` stream: a header, then a 16-byte entry per property (tag,
/// flags, value or size) (MS-OXMSG §2.4).
#[derive(Default)]
struct Properties {
    entries: Vec<u8>,
}

impl Properties {
    fn entry(&mut self, id: u16, kind: u32, value: [u8; 8]) {
        let tag = u32::from(id) << 16 | kind;
        self.entries.extend(tag.to_le_bytes());
        self.entries.extend(6u32.to_le_bytes()); // readable, writable
        self.entries.extend(value);
    }

    fn long(&mut self, id: u16, value: u32) {
        let mut bytes = [0; 8];
        bytes[..4].copy_from_slice(&value.to_le_bytes());
        self.entry(id, PT_LONG, bytes);
    }

    fn variable(&mut self, id: u16, kind: u32, size: usize) {
        let mut bytes = [0; 8];
        let size = u32::try_from(size).expect("a property under 4 GB");
        bytes[..4].copy_from_slice(&size.to_le_bytes());
        self.entry(id, kind, bytes);
    }

    fn object(&mut self, id: u16) {
        self.entry(id, PT_OBJECT, [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]);
    }

    /// A message's stream: the file's own has a 32-byte header, an attached one 24 bytes.
    fn message(self, top: bool, attachments: usize) -> Vec<u8> {
        let count = u32::try_from(attachments).expect("few attachments");
        let mut out = vec![0; 8];
        out.extend(0u32.to_le_bytes()); // next recipient id
        out.extend(count.to_le_bytes()); // next attachment id
        out.extend(0u32.to_le_bytes()); // recipients
        out.extend(count.to_le_bytes()); // attachments
        if top {
            out.extend([0; 8]);
        }
        out.extend(self.entries);
        out
    }

    /// An attachment's stream: an 8-byte header.
    fn attachment(self) -> Vec<u8> {
        [vec![0; 8], self.entries].concat()
    }
}
