//! Finds every signed PEC message in an input, wherever a mail client, a mailing list or a
//! forward put it, and extracts the signed bytes exactly as signed.

use std::borrow::Cow;
use std::fmt;

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};
use serde::{Serialize, Serializer};

pub use crate::check::Claim;
use crate::check::{Check, CheckId, Param};
use crate::content::{self, Content};
use crate::filetype;
use crate::headers::Headers;
use crate::mime::{self, Parsed};
use crate::progress::Meter;
use crate::structure;
use crate::{cms, crosscheck};

/// Why an input holds no signed PEC message. Serialised as an English sentence; the faces
/// translate from [`InputError::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub enum InputError {
    /// Zero bytes.
    Empty,
    /// Not an e-mail message at all (binary data, a PDF, an image…).
    NotEmail,
    /// An e-mail, but no part of it carries a signature or claims to be PEC.
    Unsigned,
    /// Larger than the core accepts.
    TooLarge,
    /// An Outlook `.msg` that kept no signature (class `IPM.Note`): saved without it.
    MsgUnsigned,
    /// A Compound File (as `.msg` files are) whose structure is broken.
    MsgUnreadable,
    /// Cut short or damaged on the way (a zip without its directory, an entry whose checksum
    /// fails): to download again.
    Incomplete,
    /// A zip archive beyond the limits on entries, size or compression ratio: not opened.
    ZipBomb,
    /// A zip archive protected by a password, or compressed in a way not read here.
    ZipUnsupported,
    /// A PDF or an image (by its first bytes): a print or a scan, which keeps no signature.
    Print,
    /// An Office document (Word, Excel…: a Compound File that is no Outlook message, or a zip
    /// of Office Open XML or OpenDocument).
    Office,
    /// A certificate revocation list: what judges receipts, not one.
    Crl,
}

impl InputError {
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::NotEmail => "not-email",
            Self::Unsigned => "unsigned",
            Self::TooLarge => "too-large",
            Self::MsgUnsigned => "msg-unsigned",
            Self::MsgUnreadable => "msg-unreadable",
            Self::Incomplete => "incomplete",
            Self::ZipBomb => "zip-bomb",
            Self::ZipUnsupported => "zip-unsupported",
            Self::Print => "print",
            Self::Office => "office",
            Self::Crl => "crl",
        }
    }

    pub fn sentence(self) -> &'static str {
        match self {
            Self::Empty => "The file is empty.",
            Self::NotEmail => {
                "The file is not an e-mail message: open the PEC receipt in your mail client and save it as an .eml file."
            }
            Self::Unsigned => {
                "This e-mail carries no PEC provider signature: it is not a PEC receipt or envelope. Save the receipt itself (the message from your provider) as an .eml file."
            }
            Self::TooLarge => "The file is too large to be examined.",
            Self::MsgUnsigned => {
                "Outlook saved this message without the provider's signature, so it cannot be verified. Save the receipt again as an .eml file from the provider's webmail or another mail program; in Outlook, drag the message you received to the desktop, not a forwarded or edited copy."
            }
            Self::MsgUnreadable => {
                "The file looks like an Outlook .msg file but cannot be read: it is damaged or incomplete. Save the receipt again."
            }
            Self::Incomplete => {
                "The file is incomplete or damaged: download it again, or ask whoever sent it for a new copy."
            }
            Self::ZipBomb => {
                "The zip archive declares more files, more data or more compression than any bundle of receipts needs: it was not opened. Extract the receipts and verify them one by one."
            }
            Self::ZipUnsupported => {
                "The zip archive is protected by a password or compressed in a way this verifier does not read: extract the receipts and verify the .eml or .msg files themselves."
            }
            Self::Print => {
                "This is a PDF or an image: a print or a scan of a receipt cannot be verified, because the signature is only in the message file. Save the receipt from your mail program as an .eml file (from Outlook, as a .msg)."
            }
            Self::Crl => {
                "This is a certificate revocation list (CRL), not a receipt: give it together with the receipts it should judge (with --crl on the command line, dropped with them on the page)."
            }
            Self::Office => {
                "This is a Word or other Office document, not a message: a receipt copied into a document cannot be verified, because the signature is only in the message file. Save the receipt from your mail program as an .eml file (from Outlook, as a .msg)."
            }
        }
    }
}

impl Serialize for InputError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.sentence())
    }
}

/// A `multipart/signed` message found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// Where it was found (no step when the input is the message itself).
    pub location: Location,
    /// Headers of the message that carries the `multipart/signed` body (not signed).
    pub headers: Headers,
    /// The first body part, byte for byte, with line endings normalised to CRLF: borrowed from
    /// the input when it is already so, which it is for most files.
    pub signed: Cow<'a, [u8]>,
    /// The DER bytes of the signature part, `None` when the part is missing or undecodable.
    pub signature: Option<Vec<u8>>,
    /// The `multipart/signed` ends without its close delimiter: the file was cut short, and
    /// the signature part, which comes last, with it.
    pub cut_short: bool,
    /// What the signed entity holds.
    pub content: Content,
}

impl Found<'_> {
    /// The signature part as the signature stage takes it.
    pub fn signature_part(&self) -> cms::Part<'_> {
        match &self.signature {
            _ if self.cut_short => cms::Part::CutShort,
            Some(p7s) => cms::Part::Sent(p7s),
            None => cms::Part::Missing,
        }
    }
}

/// Where in the input a message was found: the steps from the file to it, none for the file
/// itself. Written in English for the JSON ("mbox message 2 > attachment 1 (x.eml)"); each
/// face words the steps in its own language.
#[derive(Clone, Debug, Default, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub struct Location(pub Vec<Step>);

#[derive(Clone, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub enum Step {
    /// Message `n` of an mbox, from 1.
    MboxMessage(usize),
    /// An attachment of the message reached so far, numbered from 1 as a mail client lists
    /// them (`None` when it is not among them, as an inline forward), with its file name.
    Attachment {
        number: Option<usize>,
        name: Option<String>,
    },
    /// The content of a signed file (`.p7m`), inside its signature.
    SignedContent,
    /// A file of a zip archive, by its path in the archive.
    ZipEntry(String),
}

impl Location {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `inner`, a location inside the part this one leads to, from the file.
    pub fn join(&self, inner: &Self) -> Self {
        Self(self.0.iter().chain(&inner.0).cloned().collect())
    }

    /// This location, one step further in.
    pub fn then(&self, step: Step) -> Self {
        let mut steps = self.0.clone();
        steps.push(step);
        Self(steps)
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MboxMessage(n) => write!(f, "mbox message {n}"),
            Self::Attachment { number, name } => {
                f.write_str("attachment")?;
                if let Some(number) = number {
                    write!(f, " {number}")?;
                }
                match name {
                    Some(name) => write!(f, " ({name})"),
                    None => Ok(()),
                }
            }
            Self::SignedContent => f.write_str("signed content"),
            Self::ZipEntry(name) => write!(f, "zip entry ({name})"),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" > ")?;
            }
            write!(f, "{step}")?;
        }
        Ok(())
    }
}

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A part of the input that claims to be a PEC message but could not be verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unverified {
    pub location: Location,
    /// Headers of the message it is or is in (not signed).
    pub headers: Headers,
    pub reason: Reason,
}

impl Reason {
    /// The one check of the part's report: why it was not verified.
    pub fn check(self) -> Check {
        match self {
            Self::Unsigned(claim) => Check::fail(CheckId::MimeUnsigned).with(Param::Claim, claim),
            Self::TooDeep { count } => Check::indeterminate(CheckId::MimeTooDeep)
                .with(Param::Count, count)
                .with(Param::Limit, MAX_DEPTH),
            Self::Opaque => Check::indeterminate(CheckId::MimeOpaqueSignature),
            Self::Unlisted { count } => Check::indeterminate(CheckId::MimeUnlisted)
                .with(Param::Count, count)
                .with(Param::Limit, MAX_UNVERIFIED),
        }
    }
}

/// Why a part that claims to be a PEC message was not verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// It carries no provider signature; what made it look like PEC.
    Unsigned(Claim),
    /// `count` messages were nested deeper than [`MAX_DEPTH`] and left unexamined.
    TooDeep { count: usize },
    /// An opaque S/MIME body (`application/pkcs7-mime`) that is not SignedData carrying its
    /// content: encrypted, or damaged.
    Opaque,
    /// `count` more such parts, beyond the [`MAX_UNVERIFIED`] listed one by one.
    Unlisted { count: usize },
}

/// What an input holds, in the order it appears.
// Boxed: a hostile file can hold a hundred thousand of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item<'a> {
    Signed(Box<Found<'a>>),
    Unverified(Box<Unverified>),
}

/// Everything [`find`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Located<'a> {
    pub items: Vec<Item<'a>>,
    /// Messages of an mbox that are neither signed nor claim to be PEC: counted, not verified.
    pub ordinary: usize,
    /// Files attached to the messages that hold files to search (an Outlook `.msg`, a zip, a
    /// signed `.p7m`), outside any signed content, which are unpacked as files of their own.
    pub attached: Vec<Attached>,
}

/// A file attached to a message, decoded, and where it lies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attached {
    pub location: Location,
    pub bytes: Vec<u8>,
}

impl<'a> Located<'a> {
    /// The signed messages alone.
    pub fn signed(self) -> impl Iterator<Item = Found<'a>> {
        self.items.into_iter().filter_map(|item| match item {
            Item::Signed(found) => Some(*found),
            Item::Unverified(_) => None,
        })
    }
}

/// Inputs above this size are refused: real receipts are well under the 100 MB PEC providers
/// accept, and the page must not run out of memory.
pub const MAX_INPUT: usize = 128 << 20;

/// Parts that claim to be PEC listed one by one; the rest are counted in one entry, so that a
/// file of a hundred thousand forgeries cannot make a report of hundreds of megabytes.
pub const MAX_UNVERIFIED: usize = 1_000;

/// How many messages deep (forwards of forwards) the search goes.
pub const MAX_DEPTH: usize = 16;

/// Every `multipart/signed` message in `input` and every part that claims to be a PEC message
/// without being one that can be verified, in the order they appear; an error when there is
/// none, saying why.
pub fn find(input: &[u8]) -> Result<Located<'_>, InputError> {
    find_told(input, &mut Meter::silent())
}

/// [`find`], the bytes parsed and hashed counted on `meter`.
pub(crate) fn find_told<'a>(input: &'a [u8], meter: &mut Meter) -> Result<Located<'a>, InputError> {
    let whole = input;
    if input.len() > MAX_INPUT {
        return Err(InputError::TooLarge);
    }
    // Blank lines before the first header would end the header section before it starts; a
    // byte-order mark, which some Windows tools write, would hide the first header.
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let input = input.trim_ascii_start();
    if input.is_empty() {
        return Err(InputError::Empty);
    }
    if !looks_like_email(input) {
        return Err(InputError::NotEmail);
    }

    let messages = mbox_messages(input);
    let mut search = Search {
        text: whole,
        meter,
        located: Located::default(),
        answered: 0,
        listed: 0,
        unlisted: 0,
    };
    let mut parsed_any = false;
    for (index, raw) in messages.iter().enumerate() {
        let Some(parsed) = Parsed::new(raw) else {
            continue;
        };
        search.meter.advance(raw.len());
        parsed_any = true;
        let location = if messages.len() > 1 {
            Location(vec![Step::MboxMessage(index + 1)])
        } else {
            Location::default()
        };
        let before = search.answered;
        search.message(parsed.message(), Some(raw), &location, Visit::default());
        if search.answered == before {
            search.located.ordinary += 1;
        }
    }

    if search.answered > 0 {
        Ok(search.finish())
    } else if !parsed_any {
        Err(InputError::NotEmail)
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

struct Search<'a, 'm, 't> {
    /// The whole text searched, which the attachments' places are counted in.
    text: &'a [u8],
    meter: &'m mut Meter<'t>,
    located: Located<'a>,
    /// Signed messages and unverified parts met, listed or not.
    answered: usize,
    /// Unverified parts listed, and counted beyond [`MAX_UNVERIFIED`].
    listed: usize,
    unlisted: usize,
}

/// How a message is reached.
#[derive(Clone, Copy, Default)]
struct Visit {
    /// Messages above it.
    depth: usize,
    /// It lies inside the signed entity of a message found signed: it is that message's content
    /// (postacert.eml), written by the sender and shown as such, not a neighbour that claims to
    /// be PEC. Messages attached inside it are neighbours again.
    content: bool,
}

impl<'a> Search<'a, '_, '_> {
    /// Searches `message`, parsed from `source` when that is part of the input (a nested
    /// message may be decoded from a transfer encoding into bytes of its own).
    fn message(
        &mut self,
        message: &Message<'_>,
        source: Option<&'a [u8]>,
        location: &Location,
        visit: Visit,
    ) {
        // Parts come in the order they are written, each multipart before its own parts: a
        // part lies in a signed entity when it starts before the end of the last
        // `multipart/signed` met so far. One pass, however many signed parts a file has.
        let mut signed_until = 0;
        let numbers = attachment_numbers(message);
        let mut claim = None;
        let mut too_deep = 0;
        let mut signed_any = false;
        for (id, part) in message.parts.iter().enumerate() {
            let within_signed = part.offset_header < signed_until;
            if part.is_content_type("multipart", "signed") {
                signed_until = signed_until.max(part.offset_end);
                signed_any = true;
                match signed(message, source, part, location, self.text, self.meter) {
                    Some(found) => {
                        self.answered += 1;
                        self.located.items.push(Item::Signed(Box::new(found)));
                    }
                    None => self.unverified(message, location, Reason::Unsigned(Claim::Signed)),
                }
            } else if !visit.content && !within_signed {
                if is_opaque_smime(part) && (id == 0 || is_smime_attachment(part)) {
                    let label = match id {
                        0 => location.clone(),
                        _ => location.then(attachment(numbers.get(id), part)),
                    };
                    match opaque(message, part, &label, self.meter) {
                        Some(found) => {
                            self.answered += 1;
                            self.located.items.push(Item::Signed(Box::new(found)));
                        }
                        None => self.unverified(message, &label, Reason::Opaque),
                    }
                } else if holds_files(part) {
                    // Any other `.p7m` attached is a signed file (a lawyer's `.eml.p7m`), not
                    // an opaque S/MIME message.
                    self.answered += 1;
                    self.located.attached.push(Attached {
                        location: location.then(attachment(numbers.get(id), part)),
                        bytes: part.contents().to_vec(),
                    });
                } else if part
                    .attachment_name()
                    .is_some_and(|name| name.trim().eq_ignore_ascii_case("daticert.xml"))
                {
                    claim = claim.or(Some(Claim::Daticert));
                }
            }
            if !mime::is_message(part) {
                continue;
            }
            if visit.depth >= MAX_DEPTH {
                too_deep += 1;
                continue;
            }
            let inner_location = location.then(attachment(numbers.get(id), part));
            let inner_visit = Visit {
                depth: visit.depth + 1,
                content: within_signed,
            };
            mime::with_message(part, |inner| {
                self.message(inner, None, &inner_location, inner_visit)
            });
        }
        if !signed_any && !visit.content {
            claim = claim.or_else(|| header_claim(message));
        }
        if let Some(claim) = claim {
            self.unverified(message, location, Reason::Unsigned(claim));
        }
        if too_deep > 0 {
            self.unverified(message, location, Reason::TooDeep { count: too_deep });
        }
    }

    /// Lists a part that claims to be PEC, or counts it once [`MAX_UNVERIFIED`] are listed.
    fn unverified(&mut self, message: &Message<'_>, location: &Location, reason: Reason) {
        self.answered += 1;
        if self.listed == MAX_UNVERIFIED {
            self.unlisted += 1;
            return;
        }
        self.listed += 1;
        self.located
            .items
            .push(Item::Unverified(Box::new(Unverified {
                location: location.clone(),
                headers: mime::headers(message),
                reason,
            })));
    }

    /// Everything found, with one entry that counts the unverified parts left unlisted.
    fn finish(mut self) -> Located<'a> {
        if self.unlisted > 0 {
            let reason = Reason::Unlisted {
                count: self.unlisted,
            };
            self.located
                .items
                .push(Item::Unverified(Box::new(Unverified {
                    location: Location::default(),
                    headers: Headers::default(),
                    reason,
                })));
        }
        self.located
    }
}

/// The headers a provider writes on every PEC message, or a provider's Subject.
fn header_claim(message: &Message<'_>) -> Option<Claim> {
    if message.header("X-Ricevuta").is_some() || message.header("X-Trasporto").is_some() {
        return Some(Claim::Header);
    }
    message
        .subject()
        .is_some_and(|subject| crosscheck::is_provider_subject(subject.trim_start()))
        .then_some(Claim::Subject)
}

/// An attachment that is not a message and holds files to search: by its bytes, or named or
/// typed as a signed file (whose content may be base64 text).
fn holds_files(part: &MessagePart<'_>) -> bool {
    match part.body {
        _ if mime::is_message(part) => false,
        PartType::Binary(_) | PartType::InlineBinary(_) => {
            is_opaque_smime(part) || filetype::holds_files(part.contents())
        }
        PartType::Text(_) => is_opaque_smime(part),
        PartType::Html(_) | PartType::Message(_) | PartType::Multipart(_) => false,
    }
}

/// An attachment that S/MIME itself names (`smime.p7m`, or a `smime-type` parameter): an opaque
/// signed message, where any other `.p7m` is a signed file.
fn is_smime_attachment(part: &MessagePart<'_>) -> bool {
    part.content_type()
        .is_some_and(|t| t.attribute("smime-type").is_some())
        || part
            .attachment_name()
            .is_some_and(|name| name.trim().eq_ignore_ascii_case("smime.p7m"))
}

/// An opaque S/MIME body: `application/pkcs7-mime` (or `x-`), or a `.p7m` file.
fn is_opaque_smime(part: &MessagePart<'_>) -> bool {
    part.is_content_type("application", "pkcs7-mime")
        || part.is_content_type("application", "x-pkcs7-mime")
        || part
            .attachment_name()
            .is_some_and(|name| name.trim().to_ascii_lowercase().ends_with(".p7m"))
}

/// The opaque S/MIME body `part` of `message` (SignedData with its content inside): the
/// content is what was signed, read as a signed entity. `None` when the body is not SignedData
/// that carries its content (encrypted, damaged).
fn opaque<'a>(
    message: &Message<'_>,
    part: &MessagePart<'_>,
    location: &Location,
    meter: &mut Meter,
) -> Option<Found<'a>> {
    let encapsulated = cms::encapsulated(part.contents())?;
    let content = content::read_told(&encapsulated.content, meter);
    Some(Found {
        location: location.clone(),
        headers: mime::headers(message),
        signed: Cow::Owned(encapsulated.content),
        signature: Some(encapsulated.der),
        cut_short: false,
        content,
    })
}

/// The number a mail client lists each attachment of `message` under, by part id, from 1.
/// Computed once per message: looking each part up among the attachments would make a message
/// of many attachments quadratic.
fn attachment_numbers(message: &Message<'_>) -> Vec<Option<usize>> {
    let mut numbers = vec![None; message.parts.len()];
    for (index, &id) in message.attachments.iter().enumerate() {
        if let Some(slot) = numbers.get_mut(id as usize) {
            *slot = Some(index + 1);
        }
    }
    numbers
}

/// The step into attachment `part`, numbered as a mail client lists the attachments.
fn attachment(number: Option<&Option<usize>>, part: &MessagePart<'_>) -> Step {
    Step::Attachment {
        number: number.copied().flatten(),
        name: part.attachment_name().map(str::to_owned),
    }
}

/// The signed entity and signature of the `multipart/signed` `part` of `message`.
fn signed<'a>(
    message: &Message<'_>,
    source: Option<&'a [u8]>,
    part: &MessagePart<'_>,
    location: &Location,
    text: &[u8],
    meter: &mut Meter,
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
    let conforms = structure::parts_conform(message, part);
    let (signed, content) = match crlf(entity) {
        _ if !conforms => (
            Cow::Owned(entity.to_vec()),
            Content::untrusted(Check::fail(CheckId::MimeBoundaries)),
        ),
        // The parse at hand is a parse of the signed bytes: read the content from it.
        None => (
            source
                .and_then(|source| source.get(range))
                .map_or_else(|| Cow::Owned(entity.to_vec()), Cow::Borrowed),
            content::of_entity(message, first, Some(text), meter),
        ),
        Some(canonical) => {
            let content = content::read_told(&canonical, meter);
            (Cow::Owned(canonical), content)
        }
    };
    // RFC 1847: the signed entity, then the signature, and nothing else.
    let signature = match children.as_slice() {
        [_, signature] if conforms => Some(*signature),
        _ => None,
    };
    let signature = signature
        .filter(|child| {
            child.is_content_type("application", "pkcs7-signature")
                || child.is_content_type("application", "x-pkcs7-signature")
        })
        .filter(|child| child.is_binary() && !child.is_encoding_problem)
        .map(|child| child.contents().to_vec());
    Some(Found {
        location: location.clone(),
        headers: mime::headers(message),
        signed,
        signature,
        cut_short: !structure::is_closed(message, part),
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
