//! Checks are values, not log lines: a stable id, a status and named parameters. The faces turn
//! them into sentences; the verdict is derived from them alone.

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    Warn,
    Info,
}

impl Status {
    /// The name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::Warn => "warn",
            Self::Info => "info",
        }
    }
}

serialize_as_str!(Status);

/// What a failed check does to the verdict (ETSI EN 319 102-1 vocabulary).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Effect {
    /// No influence on the verdict.
    None,
    /// Trust could not be established: INDETERMINATE at best.
    Indeterminate,
    /// The content, the signature or a certificate is wrong: TOTAL-FAILED.
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub status: Status,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<&'static str, String>,
    #[serde(skip)]
    pub effect: Effect,
}

impl Check {
    fn new(id: &'static str, status: Status, effect: Effect) -> Self {
        Self {
            id,
            status,
            params: BTreeMap::new(),
            effect,
        }
    }

    pub fn pass(id: &'static str) -> Self {
        Self::new(id, Status::Pass, Effect::None)
    }

    pub fn info(id: &'static str) -> Self {
        Self::new(id, Status::Info, Effect::None)
    }

    pub fn warn(id: &'static str) -> Self {
        Self::new(id, Status::Warn, Effect::None)
    }

    /// A failure that makes the message TOTAL-FAILED.
    pub fn fail(id: &'static str) -> Self {
        Self::new(id, Status::Fail, Effect::Failed)
    }

    /// A failure that leaves trust unestablished: INDETERMINATE.
    pub fn unproven(id: &'static str) -> Self {
        Self::new(id, Status::Fail, Effect::Indeterminate)
    }

    /// `pass(id)` when `ok`, otherwise `fail(id)`.
    pub fn pass_or_fail(id: &'static str, ok: bool) -> Self {
        if ok { Self::pass(id) } else { Self::fail(id) }
    }

    /// `pass(id)` when `ok`, otherwise `unproven(id)`.
    pub fn pass_or_unproven(id: &'static str, ok: bool) -> Self {
        if ok {
            Self::pass(id)
        } else {
            Self::unproven(id)
        }
    }

    /// `pass(id)` when `ok`, otherwise `warn(id)`.
    pub fn pass_or_warn(id: &'static str, ok: bool) -> Self {
        if ok { Self::pass(id) } else { Self::warn(id) }
    }

    /// Adds a named parameter (a value the sentence for this check shows).
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.insert(name, value.into());
        self
    }

    pub fn is_pass(&self) -> bool {
        self.status == Status::Pass
    }
}

/// Every check id the core emits: the stable names the faces translate (a test checks the list
/// against what the core does; the page's tests check every name has its sentences).
pub const IDS: [&str; 49] = [
    "mime.signed-entity",
    "mime.unsigned",
    "mime.too-deep",
    "mime.opaque-signature",
    "mime.unlisted",
    "mime.signature-part",
    "mime.boundaries",
    "mime.layout",
    "cms.parse",
    "cms.signers",
    "cms.algorithm",
    "cms.signer-certificate",
    "cms.content-type",
    "cms.message-digest",
    "cms.signature",
    "cms.sha1",
    "cms.signing-time",
    "trust.chain",
    "trust.certificate-signatures",
    "trust.pec-ca",
    "trust.validity",
    "trust.key-size",
    "trust.ca-basic-constraints",
    "trust.pec-policy",
    "trust.key-usage",
    "trust.provider-email",
    "trust.name-constraints",
    "trust.critical-extensions",
    "trust.sender",
    "trust.revocation-not-checked",
    "daticert.well-formed",
    "daticert.unambiguous",
    "daticert.present",
    "daticert.tipo",
    "daticert.gestore",
    "headers.kind",
    "headers.receipt-type",
    "headers.security",
    "headers.subject",
    "headers.riferimento-message-id",
    "headers.message-id",
    "headers.date",
    "time.signing-time",
    "time.future",
    "time.at-before-signing",
    "postacert.sender",
    "postacert.recipients",
    "postacert.subject",
    "postacert.structure",
];
