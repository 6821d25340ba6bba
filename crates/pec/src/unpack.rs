//! The forms a receipt is held in, unpacked into the e-mail texts to search: an `.eml` or an
//! mbox as it is, an Outlook `.msg` as the signed message it keeps and its attachments. Each
//! text comes with where it lies in the file; nothing here decides what is signed.

use std::borrow::Cow;

use crate::headers::Headers;
use crate::locate::{InputError, Location, Reason, Step, Unverified};
use crate::msg::{self, MsgError, Outlook};

/// One e-mail text found in the file, to search as a file of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document<'a> {
    /// Where it lies in the file (no step for the file itself).
    pub location: Location,
    pub text: Cow<'a, [u8]>,
}

/// Everything unpacked from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unpacked<'a> {
    pub documents: Vec<Document<'a>>,
    /// Parts that could not be unpacked (messages attached too deep), each with its answer.
    pub unverified: Vec<Unverified>,
    /// What to say when no document holds a PEC message, when the form itself explains it
    /// better than its texts (a `.msg` without its signature).
    pub explanation: Option<InputError>,
}

/// The e-mail texts of `input`, in the order they lie in it.
pub fn unpack(input: &[u8]) -> Unpacked<'_> {
    let mut unpacked = Unpacked::default();
    unpacked.file(Cow::Borrowed(input), Location::default());
    unpacked
}

impl<'a> Unpacked<'a> {
    fn file(&mut self, bytes: Cow<'a, [u8]>, location: Location) {
        if !msg::is_msg(&bytes) {
            self.documents.push(Document {
                location,
                text: bytes,
            });
            return;
        }
        match msg::read(&bytes) {
            Ok(outlook) => self.outlook(outlook, &location),
            Err(MsgError::Unreadable | MsgError::Oversized) => {
                self.explain(InputError::MsgUnreadable)
            }
        }
    }

    /// An Outlook message: the signed message it keeps, then its attachments, each searched as a
    /// file of its own (a message attached as a message, as an attached `.eml`).
    fn outlook(&mut self, outlook: Outlook, location: &Location) {
        match outlook.eml {
            Some(eml) => self.documents.push(Document {
                location: location.clone(),
                text: Cow::Owned(eml),
            }),
            None => self.explain(InputError::MsgUnsigned),
        }
        if outlook.too_deep > 0 {
            self.unverified.push(Unverified {
                location: location.clone(),
                headers: Headers::default(),
                reason: Reason::TooDeep {
                    count: outlook.too_deep,
                },
            });
        }
        for (index, attached) in outlook.attachments.into_iter().enumerate() {
            let inner = location.then(Step::Attachment {
                number: Some(index + 1),
                name: attached.name,
            });
            match attached.content {
                msg::Content::File(bytes) => self.file(Cow::Owned(bytes), inner),
                msg::Content::Message(outlook) => self.outlook(*outlook, &inner),
            }
        }
    }

    /// The first explanation met is the file's own, or the nearest to it.
    fn explain(&mut self, error: InputError) {
        self.explanation.get_or_insert(error);
    }
}
