//! Verification of Italian PEC receipts and envelopes.
//!
//! [`verify`] takes the bytes of a dropped file and returns a [`Report`]: every signed PEC
//! message found in it, each with a verdict and the checks behind it. No I/O, no clock: the
//! verification time and the trust store are inputs.

#![forbid(unsafe_code)]

/// Named values (verdicts, statuses, kinds) serialise as their `as_str()` name, so the JSON and
/// every face spell them from one place.
macro_rules! serialize_as_str {
    ($($name:ty),*) => {$(
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )*};
}

/// An enum of named values: `ALL` lists them, `as_str()` is the name the JSON and every face
/// use, and serialisation writes that name.
macro_rules! names {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal,)*
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, borsh::BorshSerialize, borsh::BorshDeserialize)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The name, as in the JSON report.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        serialize_as_str!($name);
    };
}

pub mod algorithm;
pub mod ber;
pub mod certificate;
pub mod check;
pub mod cms;
pub mod content;
pub mod crosscheck;
pub mod daticert;
pub mod dossier;
pub mod filetype;
pub mod headers;
pub mod kind;
pub mod locate;
mod mime;
pub mod moment;
pub mod msg;
mod pipeline;
pub mod progress;
pub mod report;
pub mod sender;
pub mod structure;
#[cfg(test)]
mod testutil;
pub mod time;
pub mod transport;
pub mod trust;
pub mod unpack;
pub mod zip;

pub use check::{Check, CheckId, Param, Status, Value};
pub use progress::Progress;
pub use report::{InputError, MessageReport, Report, Verdict};
pub use time::Timestamp;
pub use trust::TrustStore;

use progress::Meter;
use sha2::{Digest, Sha256};

/// How to verify.
#[derive(Clone, Debug)]
pub struct Options {
    /// Judge certificate validity at this instant instead of the CMS signing time.
    pub at: Option<Timestamp>,
    pub trust: TrustStore,
    /// Revocation lists given beside the files ([`trust::read_crls`]): each counts for the
    /// provider certificates its PEC CA issued, once that CA's key is found to have signed it.
    pub crls: Vec<trust::Crl>,
    /// The moment of verification, from the face's clock (the core reads none): a signature
    /// made later than this is not trusted. `None` skips that check.
    pub now: Option<Timestamp>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            at: None,
            trust: TrustStore::pec(),
            crls: Vec::new(),
            now: None,
        }
    }
}

/// A verifier for a batch of files or a page session: the options (the trust store among them)
/// and what it learnt verifying, the certificate links whose signatures verified. Its report of
/// a file depends on the bytes and the options alone; what it remembers only saves work.
#[derive(Clone, Debug, Default)]
pub struct Verifier {
    pub options: Options,
    links: certificate::Links,
}

impl Verifier {
    pub fn new(options: Options) -> Self {
        Self {
            options,
            links: certificate::Links::default(),
        }
    }

    /// Verifies every signed PEC message in `input`, and answers for every part that claims to
    /// be one without being verifiable.
    pub fn verify(&mut self, input: &[u8]) -> Report {
        pipeline::verify(input, &self.options, &mut self.links, &mut Meter::silent())
    }

    /// [`Verifier::verify`], telling `tell` how far it has got (about a hundred times, the last
    /// when the report is made): for a face that shows a large file's progress.
    pub fn verify_told(&mut self, input: &[u8], tell: &mut dyn FnMut(Progress)) -> Report {
        let mut meter = Meter::new(input.len(), tell);
        let report = pipeline::verify(input, &self.options, &mut self.links, &mut meter);
        meter.finish();
        report
    }
}

/// [`Verifier::verify`] for one file, remembering nothing.
pub fn verify(input: &[u8], options: &Options) -> Report {
    let links = &mut certificate::Links::default();
    pipeline::verify(input, options, links, &mut Meter::silent())
}

/// Verifies each file (a name and its bytes) with one verifier and puts them together by
/// sending: the JSON document of `pec-verify --dossier --json`, as the JavaScript and Python
/// modules return it.
pub fn dossier_json(files: &[(String, Vec<u8>)], options: Options) -> String {
    let mut verifier = Verifier::new(options);
    let reports: Vec<Report> = files.iter().map(|(_, b)| verifier.verify(b)).collect();
    let given: Vec<dossier::File<'_>> = files
        .iter()
        .zip(&reports)
        .map(|((name, bytes), report)| dossier::File {
            name,
            bytes,
            report,
        })
        .collect();
    dossier::to_json(&dossier::dossiers(&given), &given)
}

/// The decoded bytes of attachment `index` of the original message (`postacert.eml`) carried
/// by message `message` of `report`, the report of `input`: numbered as in
/// [`Report::messages`] and [`report::Original::attachments`]. Taken from where the report
/// placed it in the e-mail text that holds it, with the file's texts found again as the
/// verification found them (its signatures not verified again), and handed out only if its
/// SHA-256 is the one the report lists; an attachment the report could not place is read again
/// from its message. `None` when there is no such attachment.
pub fn attachment(input: &[u8], report: &Report, message: usize, index: usize) -> Option<Vec<u8>> {
    let found = report.messages.get(message)?;
    let listed = found.postacert.as_ref()?.attachments.get(index)?;
    // Its place among the messages of its own e-mail text.
    let local = report.messages[..message]
        .iter()
        .filter(|m| m.document == found.document)
        .count();
    let mut bytes = None;
    pipeline::search(
        input,
        &mut Meter::silent(),
        |document, _, text, located, _| {
            if document == found.document {
                let placed = listed.span.as_ref().and_then(|span| span.decode(text));
                bytes = placed.or_else(|| read_again(located.ok()?, local, index));
            }
        },
    );
    bytes.filter(|bytes| hex(&Sha256::digest(bytes)) == listed.sha256)
}

/// Attachment `index` of message `message` of what a search of its text found, read again.
fn read_again(located: locate::Located<'_>, message: usize, index: usize) -> Option<Vec<u8>> {
    match located.items.into_iter().nth(message)? {
        locate::Item::Signed(found) => content::attachment(&found.signed, index),
        locate::Item::Unverified(_) => None,
    }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
