//! The report: what the core says about an input, and the JSON every face emits
//! (`pec-verify --json`, the page's downloadable report, the JS API).

use serde::Serialize;

use serde::Serializer;

use crate::algorithm::{DigestAlgorithm, SignatureAlgorithm};
pub use crate::certificate::CertificateReport;
use crate::check::{self, Check, CheckId, Effect};
pub use crate::content::{Attachment, Original};
use crate::daticert::Daticert;
pub use crate::headers::Headers;
use crate::kind::Classification;
pub use crate::locate::{InputError, Location};
use crate::time::Timestamp;

/// The version of the JSON document [`Report::to_json`] writes (its `schema_version`), raised
/// whenever a field changes meaning or goes away; new fields do not raise it.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the core has to say about one input file.
#[derive(Clone, Debug, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub struct Report {
    /// Why the input holds no signed PEC message at all; `None` when `messages` is not empty.
    pub error: Option<InputError>,
    pub messages: Vec<MessageReport>,
    /// Signatures on the file or on files inside it (a `.p7m`), apart from the PEC messages
    /// they carry: they vouch for who signed the file and when, never for the messages, whose
    /// verdicts stand on their own.
    pub file_signatures: Vec<FileSignatureReport>,
    /// Messages of an mbox that neither carry a signature nor claim to be PEC: not verified, not
    /// PEC, and no bearing on the verdicts.
    pub ordinary_messages: usize,
    /// The files inside the file (in a zip, an Outlook message, a signed file) that hold no
    /// message to verify, each with why: every part gets an answer, even beside messages found.
    pub unread: Vec<Unread>,
    /// SHA-256 of the input bytes, hex.
    pub sha256: String,
}

/// A report and the name of its file: the document [`Report::to_json`] writes.
#[derive(Serialize)]
pub struct Named<'a> {
    schema_version: u32,
    file: &'a str,
    error_code: Option<&'static str>,
    #[serde(flatten)]
    report: &'a Report,
}

/// The verdict, in the vocabulary of ETSI EN 319 102-1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
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

names! {
    /// A whole file in one word, for lists of many files: every message genuine, one failed,
    /// one whose trust is not established, or no PEC message at all.
    pub enum Standing {
        Genuine = "genuine",
        Failed = "failed",
        Indeterminate = "indeterminate",
        NotPec = "not-pec",
    }
}

/// One signed PEC message found in the input.
#[derive(Clone, Debug, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub struct MessageReport {
    pub verdict: Verdict,
    /// Why the verdict is not TOTAL-PASSED: the check that decided it ([`check::decisive`]),
    /// `None` when it is TOTAL-PASSED. Every face gives this reason, none re-derives it.
    pub reason: Option<CheckId>,
    /// Where in the input it was found (empty for the input itself).
    pub location: Location,
    /// SHA-256 of the signed entity, hex: the bytes the provider's signature covers, with CRLF
    /// line ends. The same receipt gives the same digest however it is wrapped (forwarded,
    /// zipped, in a `.msg` or a `.p7m`), so it names a receipt found inside a file. `None`
    /// for a part that is not signed.
    pub signed_sha256: Option<String>,
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
    /// Which of the file's e-mail texts it was found in ([`crate::unpack::unpack`]'s order),
    /// so that an attachment can be taken from where the report placed it.
    #[serde(skip)]
    pub document: usize,
    pub checks: Vec<Check>,
}

impl MessageReport {
    /// The check that decided the verdict, as [`MessageReport::reason`] names it.
    pub fn decisive(&self) -> Option<&Check> {
        check::decisive(&self.checks)
    }
}

/// A file inside the file that holds no message to verify.
#[derive(Clone, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub struct Unread {
    pub location: Location,
    pub error: InputError,
}

/// `{"location", "error_code", "error"}`, the code and the sentence as the report's own.
impl Serialize for Unread {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Unread", 3)?;
        out.serialize_field("location", &self.location)?;
        out.serialize_field("error_code", self.error.code())?;
        out.serialize_field("error", &self.error)?;
        out.end()
    }
}

/// A signature on a whole file (a `.p7m`).
#[derive(Clone, Debug, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub struct FileSignatureReport {
    /// Where the signed file lies (empty for the file itself).
    pub location: Location,
    pub signer: Option<CertificateReport>,
    pub signing_time: Option<Timestamp>,
    /// `file.signature` (intact or not) and `file.qualification-not-checked`.
    pub checks: Vec<Check>,
}

#[derive(Clone, Debug, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub struct SignatureReport {
    /// `None` when not one implemented here. In the JSON: `sha1`, `sha224`, `sha256`,
    /// `sha384`, `sha512` or `unknown`.
    #[serde(serialize_with = "digest_name")]
    pub digest_algorithm: Option<DigestAlgorithm>,
    /// `None` when not one implemented here. In the JSON: `rsa-pkcs1v15`, `rsa-pss`,
    /// `ecdsa-p256` or `unknown`.
    #[serde(serialize_with = "signature_name")]
    pub signature_algorithm: Option<SignatureAlgorithm>,
    pub signing_time: Option<Timestamp>,
    pub signer: Option<CertificateReport>,
    /// Subjects from the signer up to the root, when a chain was built.
    pub chain: Vec<String>,
}

/// The name of an algorithm not implemented here.
const UNKNOWN: &str = "unknown";

fn digest_name<S: Serializer>(digest: &Option<DigestAlgorithm>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(digest.map_or(UNKNOWN, DigestAlgorithm::name))
}

fn signature_name<S: Serializer>(
    algorithm: &Option<SignatureAlgorithm>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(algorithm.map_or(UNKNOWN, SignatureAlgorithm::name))
}

impl Report {
    /// The report of a file refused before it is read, being larger than
    /// [`crate::locate::MAX_INPUT`]: a face that knows the size asks for no bytes at all.
    pub fn too_large() -> Self {
        Self {
            error: Some(InputError::TooLarge),
            messages: Vec::new(),
            file_signatures: Vec::new(),
            ordinary_messages: 0,
            unread: Vec::new(),
            sha256: String::new(),
        }
    }

    /// The JSON document of `pec-verify --json`, the page's downloadable report and the JS
    /// module: `{"schema_version": …, "file": …, "error": …, "messages": […], …}`, described
    /// field by field in the repository's `docs/report.md`.
    pub fn to_json(&self, file: &str) -> String {
        serde_json::to_string(&self.named(file)).unwrap_or_default()
    }

    /// The report under the name of its file, as [`Report::to_json`] writes it.
    pub fn named<'a>(&'a self, file: &'a str) -> Named<'a> {
        Named {
            schema_version: SCHEMA_VERSION,
            file,
            error_code: self.error.map(InputError::code),
            report: self,
        }
    }

    /// The message that speaks for the whole file: its first that is not TOTAL-PASSED, else
    /// its first. `None` when it holds no message.
    pub fn decisive(&self) -> Option<&MessageReport> {
        self.messages
            .iter()
            .find(|m| m.verdict != Verdict::TotalPassed)
            .or(self.messages.first())
    }

    /// What the file is, in one word: the verdict of [`Report::decisive`], or not PEC at all.
    pub fn standing(&self) -> Standing {
        match self.decisive().map(|m| m.verdict) {
            Some(Verdict::TotalPassed) => Standing::Genuine,
            Some(Verdict::TotalFailed) => Standing::Failed,
            Some(Verdict::Indeterminate) => Standing::Indeterminate,
            None => Standing::NotPec,
        }
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
