//! Checks are values, not log lines: a [`CheckId`], a status, the effect on the verdict and
//! typed details ([`Param`] → [`Value`]). This module is the vocabulary the faces translate:
//! every id, every detail name and every coded reason is an enum here, so a face that forgets
//! one does not compile. The verdict is derived from the checks alone.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::time::Timestamp;

#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
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
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    borsh::BorshSerialize,
    borsh::BorshDeserialize,
)]
pub enum Effect {
    /// No influence on the verdict.
    None,
    /// Trust could not be established: INDETERMINATE at best.
    Indeterminate,
    /// The content, the signature or a certificate is wrong: TOTAL-FAILED.
    Failed,
}

impl Effect {
    /// The name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Indeterminate => "indeterminate",
            Self::Failed => "failed",
        }
    }
}

serialize_as_str!(Effect);

names! {
    /// Every check the core makes. [`CheckId::as_str`] is the stable id of the JSON report.
    pub enum CheckId {
        MimeSignedEntity = "mime.signed-entity",
        MimeUnsigned = "mime.unsigned",
        MimeTooDeep = "mime.too-deep",
        MimeOpaqueSignature = "mime.opaque-signature",
        MimeUnlisted = "mime.unlisted",
        MimeSignaturePart = "mime.signature-part",
        MimeIncomplete = "mime.incomplete",
        MimeBoundaries = "mime.boundaries",
        MimeLayout = "mime.layout",
        CmsParse = "cms.parse",
        CmsSigners = "cms.signers",
        CmsAlgorithm = "cms.algorithm",
        CmsSignerCertificate = "cms.signer-certificate",
        CmsContentType = "cms.content-type",
        CmsMessageDigest = "cms.message-digest",
        CmsSignature = "cms.signature",
        CmsSha1 = "cms.sha1",
        CmsSigningTime = "cms.signing-time",
        TrustChain = "trust.chain",
        TrustCertificateSignatures = "trust.certificate-signatures",
        TrustPecCa = "trust.pec-ca",
        TrustValidity = "trust.validity",
        TrustKeySize = "trust.key-size",
        TrustCaBasicConstraints = "trust.ca-basic-constraints",
        TrustPecPolicy = "trust.pec-policy",
        TrustKeyUsage = "trust.key-usage",
        TrustProviderEmail = "trust.provider-email",
        TrustNameConstraints = "trust.name-constraints",
        TrustCriticalExtensions = "trust.critical-extensions",
        TrustSender = "trust.sender",
        TrustRevocationNotChecked = "trust.revocation-not-checked",
        TrustRevocation = "trust.revocation",
        DaticertWellFormed = "daticert.well-formed",
        DaticertUnambiguous = "daticert.unambiguous",
        DaticertPresent = "daticert.present",
        DaticertTipo = "daticert.tipo",
        DaticertGestore = "daticert.gestore",
        KindNotPec = "kind.not-pec",
        HeadersKind = "headers.kind",
        HeadersReceiptType = "headers.receipt-type",
        HeadersSecurity = "headers.security",
        HeadersSubject = "headers.subject",
        HeadersRiferimentoMessageId = "headers.riferimento-message-id",
        HeadersMessageId = "headers.message-id",
        HeadersDate = "headers.date",
        TimeSigningTime = "time.signing-time",
        TimeFuture = "time.future",
        TimeAtBeforeSigning = "time.at-before-signing",
        PostacertSender = "postacert.sender",
        PostacertRecipients = "postacert.recipients",
        PostacertSubject = "postacert.subject",
        PostacertStructure = "postacert.structure",
        FileSignature = "file.signature",
        FileQualificationNotChecked = "file.qualification-not-checked",
    }
}

names! {
    /// The name of a detail a check carries. Listed in the alphabetical order of their names,
    /// so the JSON's `params` objects come out sorted.
    pub enum Param {
        Algorithm = "algorithm",
        At = "at",
        Attribute = "attribute",
        Bits = "bits",
        Ca = "ca",
        Certificate = "certificate",
        Claim = "claim",
        Computed = "computed",
        Count = "count",
        Daticert = "daticert",
        EcontentType = "econtent_type",
        Element = "element",
        Email = "email",
        Error = "error",
        Extension = "extension",
        Finding = "finding",
        Header = "header",
        Issuer = "issuer",
        Limit = "limit",
        Missing = "missing",
        Name = "name",
        NotAfter = "not_after",
        NotBefore = "not_before",
        Now = "now",
        Policy = "policy",
        Postacert = "postacert",
        Problem = "problem",
        Reason = "reason",
        Root = "root",
        Signed = "signed",
        Signer = "signer",
        SigningTime = "signing_time",
        Time = "time",
        Tipo = "tipo",
        Value = "value",
    }
}

impl CheckId {
    /// The details a check of this id may carry: a face's sentence for it may name these and
    /// no others (the core's tests hold every emitted check to this list, the faces' tests
    /// every sentence).
    pub fn params(self) -> &'static [Param] {
        use Param as P;
        match self {
            Self::MimeUnsigned => &[P::Claim],
            Self::MimeTooDeep | Self::MimeUnlisted => &[P::Count, P::Limit],
            Self::MimeLayout => &[P::Problem],
            Self::CmsParse => &[P::Error],
            Self::CmsSigners => &[P::Count],
            Self::CmsAlgorithm => &[P::Algorithm, P::Signer],
            Self::CmsSignerCertificate | Self::CmsSignature => &[P::Signer],
            Self::CmsContentType => &[P::Attribute, P::EcontentType, P::Signer],
            Self::CmsMessageDigest => &[P::Computed, P::Error, P::Signed, P::Signer],
            Self::TrustChain => &[P::Issuer, P::Root],
            Self::TrustCertificateSignatures => &[P::Algorithm, P::Certificate],
            Self::TrustPecCa => &[P::Ca],
            Self::TrustValidity => &[P::At, P::Certificate, P::NotAfter, P::NotBefore],
            Self::TrustKeySize => &[P::Bits, P::Certificate],
            Self::TrustCaBasicConstraints => &[P::Certificate],
            Self::TrustPecPolicy => &[P::Policy],
            Self::TrustKeyUsage => &[P::Missing],
            Self::TrustProviderEmail => &[P::Certificate, P::Email],
            Self::TrustNameConstraints => &[P::Ca, P::Certificate, P::Error, P::Name],
            Self::TrustCriticalExtensions => &[P::Certificate, P::Extension],
            Self::TrustSender => &[P::Certificate, P::Header],
            Self::DaticertWellFormed => &[P::Element, P::Error, P::Limit],
            Self::DaticertUnambiguous => &[P::Attribute, P::Element, P::Problem],
            Self::DaticertTipo => &[P::Tipo],
            Self::DaticertGestore => &[P::Certificate, P::Daticert],
            Self::HeadersKind => &[P::Daticert, P::Header, P::Value],
            Self::HeadersReceiptType
            | Self::HeadersSecurity
            | Self::HeadersSubject
            | Self::HeadersRiferimentoMessageId
            | Self::HeadersMessageId => &[P::Daticert, P::Header],
            Self::HeadersDate | Self::TimeSigningTime => &[P::Daticert, P::Time],
            Self::TimeFuture => &[P::Now, P::SigningTime],
            Self::TimeAtBeforeSigning => &[P::At, P::SigningTime],
            Self::PostacertSender | Self::PostacertSubject => &[P::Daticert, P::Postacert],
            Self::PostacertRecipients => &[P::Missing],
            Self::FileSignature => &[P::Certificate, P::SigningTime],
            Self::TrustRevocation => &[P::At, P::Ca, P::Finding, P::NotAfter, P::Reason, P::Time],
            Self::MimeSignedEntity
            | Self::MimeOpaqueSignature
            | Self::MimeIncomplete
            | Self::KindNotPec
            | Self::MimeSignaturePart
            | Self::MimeBoundaries
            | Self::CmsSha1
            | Self::CmsSigningTime
            | Self::TrustRevocationNotChecked
            | Self::DaticertPresent
            | Self::PostacertStructure
            | Self::FileQualificationNotChecked => &[],
        }
    }
}

names! {
    /// How the signed parts depart from the provider's layout (`mime.layout`'s `problem`).
    pub enum LayoutProblem {
        NotMime = "not-mime",
        NotMultipart = "not-multipart",
        DaticertRepeated = "daticert-repeated",
        PostacertRepeated = "postacert-repeated",
        DaticertAfterPostacert = "daticert-after-postacert",
        PostacertNotLast = "postacert-not-last",
        PostacertNotMessage = "postacert-not-message",
        DaticertNested = "daticert-nested",
        PostacertNested = "postacert-nested",
    }
}

names! {
    /// What the revocation lists given say of a provider certificate (`trust.revocation`'s
    /// `finding`).
    pub enum Revocation {
        /// A list issued after the signature, while the certificate was valid, does not name it.
        NotRevoked = "not-revoked",
        /// Revoked (or suspended) at or before the signing time: the signature is not valid.
        RevokedBeforeSigning = "revoked-before-signing",
        /// Revoked after it signed: the signature was made while the certificate was valid.
        RevokedAfterSigning = "revoked-after-signing",
        /// The only lists for its CA were issued before the signature: they cannot tell.
        ListBeforeSigning = "list-before-signing",
        /// The only lists for its CA were issued after the certificate expired, when CRLs no
        /// longer list it: they cannot tell.
        ListAfterExpiry = "list-after-expiry",
        /// A list names its CA as issuer but that CA's key did not sign it.
        ListNotSigned = "list-not-signed",
        /// A list that covers only part of the CA's certificates (a delta CRL, a partial
        /// scope, an extension not read here): it cannot say a certificate is not revoked.
        ListPartial = "list-partial",
    }
}

names! {
    /// Why a certificate was revoked, as RFC 5280 §5.3.1 codes it (`trust.revocation`'s
    /// `reason`).
    pub enum RevocationReason {
        Unspecified = "unspecified",
        KeyCompromise = "key-compromise",
        CaCompromise = "ca-compromise",
        AffiliationChanged = "affiliation-changed",
        Superseded = "superseded",
        CessationOfOperation = "cessation-of-operation",
        CertificateHold = "certificate-hold",
        PrivilegeWithdrawn = "privilege-withdrawn",
        AaCompromise = "aa-compromise",
    }
}

names! {
    /// What makes an unsigned part look like PEC (`mime.unsigned`'s `claim`).
    pub enum Claim {
        /// A PEC header (`X-Ricevuta`, `X-Trasporto`…).
        Header = "header",
        /// A Subject a provider writes ("ACCETTAZIONE: …", "POSTA CERTIFICATA: …").
        Subject = "subject",
        /// A `daticert.xml` attachment.
        Daticert = "daticert",
        /// A `multipart/signed` whose parts are missing.
        Signed = "multipart-signed",
    }
}

names! {
    /// How a daticert.xml can be read two ways (`daticert.unambiguous`'s `problem`).
    pub enum Ambiguity {
        /// An element the DTD allows once appears again in the same parent.
        Repeated = "repeated",
        /// An element inside one the DTD defines as text.
        NestedInText = "nested-in-text",
        /// One tag gives the same attribute twice (the `attribute` param names it).
        DuplicateAttribute = "duplicate-attribute",
        /// A DOCTYPE with an internal subset, whose defaults a reader may apply.
        DoctypeSubset = "doctype-subset",
    }
}

names! {
    /// Why something could not be read (the `error` param of `cms.parse`, `cms.message-digest`,
    /// `trust.name-constraints` and `daticert.well-formed`).
    pub enum Fault {
        /// The signature is neither DER nor BER, or not the structure CMS defines.
        NotDer = "not-der",
        /// A CMS object other than SignedData.
        NotSignedData = "not-signed-data",
        /// SignedData with no SignerInfo.
        NoSigner = "no-signer",
        /// Signed attributes without a single messageDigest.
        NoMessageDigest = "no-message-digest",
        /// A certificate extension that cannot be decoded.
        UnreadableExtension = "unreadable-extension",
        /// Larger than the core reads (the `limit` param gives the bound in bytes).
        TooLarge = "too-large",
        /// Not well-formed XML, or not UTF-8.
        Malformed = "malformed",
        /// XML whose root is not `postacert`.
        NotDaticert = "not-daticert",
        /// A required element or attribute is absent (the `element` param names it).
        Missing = "missing",
        /// A value not in the DTD's format (the `element` param names it).
        Invalid = "invalid",
    }
}

/// The value of a detail. Serialised as the string the JSON has always carried: times as
/// RFC 3339, numbers in decimal, coded reasons by their names.
#[derive(Clone, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub enum Value {
    /// A value read from the input (a name, an address, a header), or a hex digest.
    Text(String),
    Number(u64),
    Time(Timestamp),
    Layout(LayoutProblem),
    Claim(Claim),
    Ambiguity(Ambiguity),
    Fault(Fault),
    Revocation(Revocation),
    Reason(RevocationReason),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => f.write_str(text),
            Self::Number(n) => write!(f, "{n}"),
            Self::Time(t) => f.write_str(&t.rfc3339()),
            Self::Layout(p) => f.write_str(p.as_str()),
            Self::Claim(c) => f.write_str(c.as_str()),
            Self::Ambiguity(a) => f.write_str(a.as_str()),
            Self::Fault(e) => f.write_str(e.as_str()),
            Self::Revocation(r) => f.write_str(r.as_str()),
            Self::Reason(r) => f.write_str(r.as_str()),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

macro_rules! value_from {
    ($($from:ty => $variant:ident($convert:expr)),* $(,)?) => {$(
        impl From<$from> for Value {
            fn from(value: $from) -> Self {
                Self::$variant($convert(value))
            }
        }
    )*};
}

value_from! {
    String => Text(|v| v),
    &str => Text(str::to_owned),
    &String => Text(String::clone),
    usize => Number(|v: usize| v as u64),
    u32 => Number(u64::from),
    Timestamp => Time(|v| v),
}

/// A coded reason: one of the enums a check's detail can hold, and the detail that holds it.
pub trait Code: Copy + Into<Value> {
    const PARAM: Param;
    fn of(value: &Value) -> Option<Self>;
}

macro_rules! codes {
    ($($code:ident => $variant:ident in $param:ident),* $(,)?) => {$(
        impl From<$code> for Value {
            fn from(value: $code) -> Self {
                Self::$variant(value)
            }
        }

        impl Code for $code {
            const PARAM: Param = Param::$param;
            fn of(value: &Value) -> Option<Self> {
                match value {
                    Value::$variant(code) => Some(*code),
                    _ => None,
                }
            }
        }
    )*};
}

codes! {
    LayoutProblem => Layout in Problem,
    Claim => Claim in Claim,
    Ambiguity => Ambiguity in Problem,
    Fault => Fault in Error,
    Revocation => Revocation in Finding,
    RevocationReason => Reason in Reason,
}

#[derive(
    Clone, Debug, PartialEq, Eq, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize,
)]
pub struct Check {
    pub id: CheckId,
    pub status: Status,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[borsh(deserialize_with = "read_params")]
    pub params: BTreeMap<Param, Value>,
    pub effect: Effect,
}

/// A check's details as borsh writes a map, read back one insertion at a time: collecting them
/// would sort them, which written in order they already are, at the cost of a sort's code.
fn read_params<R: borsh::io::Read>(input: &mut R) -> borsh::io::Result<BTreeMap<Param, Value>> {
    let pairs: Vec<(Param, Value)> = borsh::BorshDeserialize::deserialize_reader(input)?;
    let mut params = BTreeMap::new();
    for (param, value) in pairs {
        params.insert(param, value);
    }
    Ok(params)
}

impl Check {
    fn new(id: CheckId, status: Status, effect: Effect) -> Self {
        Self {
            id,
            status,
            params: BTreeMap::new(),
            effect,
        }
    }

    pub fn pass(id: CheckId) -> Self {
        Self::new(id, Status::Pass, Effect::None)
    }

    pub fn info(id: CheckId) -> Self {
        Self::new(id, Status::Info, Effect::None)
    }

    pub fn warn(id: CheckId) -> Self {
        Self::new(id, Status::Warn, Effect::None)
    }

    /// A failure that makes the message TOTAL-FAILED.
    pub fn fail(id: CheckId) -> Self {
        Self::new(id, Status::Fail, Effect::Failed)
    }

    /// A failure that leaves trust unestablished: INDETERMINATE.
    pub fn indeterminate(id: CheckId) -> Self {
        Self::new(id, Status::Fail, Effect::Indeterminate)
    }

    /// `pass(id)` when `ok`, otherwise `fail(id)`.
    pub fn pass_or_fail(id: CheckId, ok: bool) -> Self {
        if ok { Self::pass(id) } else { Self::fail(id) }
    }

    /// `pass(id)` when `ok`, otherwise `indeterminate(id)`.
    pub fn pass_or_indeterminate(id: CheckId, ok: bool) -> Self {
        if ok {
            Self::pass(id)
        } else {
            Self::indeterminate(id)
        }
    }

    /// `pass(id)` when `ok`, otherwise `warn(id)`.
    pub fn pass_or_warn(id: CheckId, ok: bool) -> Self {
        if ok { Self::pass(id) } else { Self::warn(id) }
    }

    /// Adds a detail (a value the sentence for this check shows).
    pub fn with(mut self, name: Param, value: impl Into<Value>) -> Self {
        self.params.insert(name, value.into());
        self
    }

    /// The detail `name`, when the check carries it.
    pub fn value(&self, name: Param) -> Option<&Value> {
        self.params.get(&name)
    }

    pub fn is_pass(&self) -> bool {
        self.status == Status::Pass
    }

    /// The coded reason of type `T`, when the check carries one.
    pub fn code<T: Code>(&self) -> Option<T> {
        self.value(T::PARAM).and_then(T::of)
    }

    /// The coded reason in `error`, when there is one.
    pub fn fault(&self) -> Option<Fault> {
        self.code()
    }

    /// The layout problem in `problem` (`mime.layout`), when there is one.
    pub fn layout_problem(&self) -> Option<LayoutProblem> {
        self.code()
    }

    /// The ambiguity in `problem` (`daticert.unambiguous`), when there is one.
    pub fn ambiguity(&self) -> Option<Ambiguity> {
        self.code()
    }

    /// The finding in `finding` (`trust.revocation`), when there is one.
    pub fn revocation(&self) -> Option<Revocation> {
        self.code()
    }

    /// The claim in `claim` (`mime.unsigned`), when there is one.
    pub fn claim(&self) -> Option<Claim> {
        self.code()
    }
}

/// The failure that decides the verdict of `checks`: the first with the strongest effect.
/// `None` when nothing fails, so the message is TOTAL-PASSED.
pub fn decisive(checks: &[Check]) -> Option<&Check> {
    let strongest = checks.iter().map(|c| c.effect).max()?;
    checks
        .iter()
        .find(|c| strongest != Effect::None && c.effect == strongest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_params_sorted_by_name() {
        let ids: std::collections::BTreeSet<_> = CheckId::ALL.iter().map(|i| i.as_str()).collect();
        assert_eq!(ids.len(), CheckId::ALL.len());
        let names: Vec<_> = Param::ALL.iter().map(|p| p.as_str()).collect();
        assert!(names.is_sorted(), "{names:?}");
    }

    #[test]
    fn the_decisive_failure_is_the_first_of_the_strongest_effect() {
        let checks = [
            Check::pass(CheckId::CmsParse),
            Check::warn(CheckId::HeadersSubject),
            Check::indeterminate(CheckId::TrustChain),
            Check::fail(CheckId::CmsSignature),
            Check::fail(CheckId::CmsMessageDigest),
        ];
        assert_eq!(decisive(&checks).map(|c| c.id), Some(CheckId::CmsSignature));
        assert_eq!(
            decisive(&checks[..3]).map(|c| c.id),
            Some(CheckId::TrustChain)
        );
        assert_eq!(decisive(&checks[..2]), None);
    }

    #[test]
    fn values_serialise_as_the_strings_the_report_has_always_carried() {
        let check = Check::fail(CheckId::TrustValidity)
            .with(Param::At, Timestamp::utc(0))
            .with(Param::Certificate, "CN=x")
            .with(Param::NotBefore, Timestamp::utc(86_400));
        assert_eq!(
            serde_json::to_string(&check).unwrap(),
            r#"{"id":"trust.validity","status":"fail","params":{"at":"1970-01-01T00:00:00Z","certificate":"CN=x","not_before":"1970-01-02T00:00:00Z"},"effect":"failed"}"#
        );
    }
}
