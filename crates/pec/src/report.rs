//! The report: what the core says about an input, and the JSON every face emits
//! (`pec-verify --json`, the page's downloadable report, the JS API).

use serde::Serialize;

use crate::check::{self, Check, CheckId, Effect};
use crate::daticert::Daticert;
use crate::kind::Classification;
use crate::locate::Location;
use crate::time::Timestamp;

/// The version of the JSON document [`Report::to_json`] writes (its `schema_version`), raised
/// whenever a field changes meaning or goes away; new fields do not raise it.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the core has to say about one input file.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Why the input holds no signed PEC message at all; `None` when `messages` is not empty.
    pub error: Option<InputError>,
    pub messages: Vec<MessageReport>,
    /// Messages of an mbox that neither carry a signature nor claim to be PEC: not verified, not
    /// PEC, and no bearing on the verdicts.
    pub ordinary_messages: usize,
    /// SHA-256 of the input bytes, hex.
    pub sha256: String,
}

/// The verdict, in the vocabulary of ETSI EN 319 102-1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    TotalPassed,
    TotalFailed,
    Indeterminate,
}

serialize_as_str!(Verdict);

impl Verdict {
    /// The name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TotalPassed => "TOTAL-PASSED",
            Self::TotalFailed => "TOTAL-FAILED",
            Self::Indeterminate => "INDETERMINATE",
        }
    }

    /// Derived from the checks alone: any failure that breaks the content, the signature or a
    /// certificate fails the message; a failure to establish trust leaves it indeterminate.
    pub fn from_checks(checks: &[Check]) -> Self {
        match check::decisive(checks).map(|c| c.effect) {
            Some(Effect::Failed) => Self::TotalFailed,
            Some(Effect::Indeterminate) => Self::Indeterminate,
            Some(Effect::None) | None => Self::TotalPassed,
        }
    }
}

/// One signed PEC message found in the input.
#[derive(Clone, Debug, Serialize)]
pub struct MessageReport {
    pub verdict: Verdict,
    /// Why the verdict is not TOTAL-PASSED: the check that decided it ([`check::decisive`]),
    /// `None` when it is TOTAL-PASSED. Every face gives this reason, none re-derives it.
    pub reason: Option<CheckId>,
    /// Where in the input it was found (empty for the input itself).
    pub location: Location,
    #[serde(flatten)]
    pub classification: Classification,
    pub daticert: Option<Daticert>,
    pub signature: Option<SignatureReport>,
    /// The outer headers: not covered by the signature, shown for comparison only.
    pub headers: Headers,
    /// The original message carried by envelopes and completa receipts (`postacert.eml`).
    pub postacert: Option<Original>,
    /// daticert.xml as signed, for people who want to read it; left out of the JSON, whose
    /// `daticert` already carries every value in it.
    #[serde(skip)]
    pub daticert_xml: Option<String>,
    pub checks: Vec<Check>,
}

impl MessageReport {
    /// The check that decided the verdict, as [`MessageReport::reason`] names it.
    pub fn decisive(&self) -> Option<&Check> {
        check::decisive(&self.checks)
    }
}

/// The message headers a verifier compares (either the unsigned outer ones or those of
/// `postacert.eml`). Addresses are bare (`user@example.it`), ids keep their angle brackets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Headers {
    pub from: Option<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: Option<String>,
    pub date: Option<Timestamp>,
    pub message_id: Option<String>,
    pub x_ricevuta: Option<String>,
    pub x_trasporto: Option<String>,
    pub x_tipo_ricevuta: Option<String>,
    pub x_riferimento_message_id: Option<String>,
    pub x_verifica_sicurezza: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SignatureReport {
    /// `sha1`, `sha224`, `sha256`, `sha384`, `sha512`.
    pub digest_algorithm: &'static str,
    /// `rsa-pkcs1v15`, `rsa-pss`, `ecdsa-p256`.
    pub signature_algorithm: &'static str,
    pub signing_time: Option<Timestamp>,
    pub signer: Option<CertificateReport>,
    /// Subjects from the signer up to the root, when a chain was built.
    pub chain: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateReport {
    pub subject: String,
    pub issuer: String,
    /// Hex, as printed by common tools.
    pub serial: String,
    pub not_before: Timestamp,
    pub not_after: Timestamp,
    /// The rfc822Name of the subject alternative name.
    pub email: Option<String>,
    /// The subject's organisation (O).
    pub organization: Option<String>,
}

/// The original message inside an envelope or a completa receipt.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Original {
    pub headers: Headers,
    pub text: Option<String>,
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub name: Option<String>,
    pub content_type: String,
    pub size: usize,
    /// SHA-256 of the decoded content, hex.
    pub sha256: String,
}

/// Why an input holds no signed PEC message. Serialised as an English sentence; the faces
/// translate from [`InputError::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Zero bytes.
    Empty,
    /// Not an e-mail message at all (binary data, a PDF, an image…).
    NotEmail,
    /// An e-mail, but no part of it carries a signature or claims to be PEC.
    Unsigned,
    /// Larger than the core accepts.
    TooLarge,
}

impl InputError {
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::NotEmail => "not-email",
            Self::Unsigned => "unsigned",
            Self::TooLarge => "too-large",
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
        }
    }
}

impl Serialize for InputError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.sentence())
    }
}

impl Report {
    /// The report of a file refused before it is read, being larger than
    /// [`crate::locate::MAX_INPUT`]: a face that knows the size asks for no bytes at all.
    pub fn too_large() -> Self {
        Self {
            error: Some(InputError::TooLarge),
            messages: Vec::new(),
            ordinary_messages: 0,
            sha256: String::new(),
        }
    }

    /// The JSON document of `pec-verify --json`, the page's downloadable report and the JS
    /// module: `{"schema_version": …, "file": …, "error": …, "messages": […], …}`, described
    /// field by field in the repository's `docs/report.md`.
    pub fn to_json(&self, file: &str) -> String {
        #[derive(Serialize)]
        struct Named<'a> {
            schema_version: u32,
            file: &'a str,
            error_code: Option<&'static str>,
            #[serde(flatten)]
            report: &'a Report,
        }
        let named = Named {
            schema_version: SCHEMA_VERSION,
            file,
            error_code: self.error.map(InputError::code),
            report: self,
        };
        serde_json::to_string(&named).unwrap_or_default()
    }

    /// True when every message is TOTAL-PASSED and there is at least one.
    pub fn all_passed(&self) -> bool {
        !self.messages.is_empty()
            && self
                .messages
                .iter()
                .all(|m| m.verdict == Verdict::TotalPassed)
    }
}
