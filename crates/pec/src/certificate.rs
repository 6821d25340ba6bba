//! Reading what a certificate says: names, e-mail, validity, key, for reports, cross-checks and
//! chain building. Every function is total: an odd certificate yields `None`, never a panic.

use std::collections::VecDeque;
use std::fmt::Write;
use std::ops::Deref;

use const_oid::db::rfc3280::EMAIL_ADDRESS;
use const_oid::db::rfc4519::ORGANIZATION_NAME;
use const_oid::{AssociatedOid, ObjectIdentifier};
use der::asn1::{BitString, Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use der::{Any, AnyRef, Decode, Encode, SliceReader, Tag, Tagged};
use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::{Name, RelativeDistinguishedName};
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use crate::algorithm::{self, SignatureAlgorithm, SignatureError};
use crate::time::Timestamp;

/// A certificate as it was read: decoded, and its TBSCertificate exactly as encoded, the bytes
/// its issuer signed. Decoding sorts a SET OF (the attributes of a multi-valued RDN), so
/// encoding the decoded certificate again may not give those bytes back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cert {
    decoded: Certificate,
    tbs: Vec<u8>,
}

impl Cert {
    /// Reads one DER certificate, keeping its TBSCertificate as encoded.
    pub fn from_der(der: &[u8]) -> der::Result<Self> {
        let decoded = Certificate::from_der(der)?;
        // Certificate { tbsCertificate, signatureAlgorithm, signatureValue }
        let tbs = to_be_signed(der)?;
        Ok(Self { decoded, tbs })
    }

    /// The TBSCertificate DER as it was read.
    pub fn tbs(&self) -> &[u8] {
        &self.tbs
    }
}

/// The first element of a signed object's outer SEQUENCE as it was encoded: the bytes its
/// issuer signed.
pub(crate) fn to_be_signed(der: &[u8]) -> der::Result<Vec<u8>> {
    let outer = AnyRef::from_der(der)?;
    AnyRef::decode(&mut SliceReader::new(outer.value())?)?.to_der()
}

/// What a certificate says, as the report shows it.
#[derive(
    Clone, Debug, PartialEq, Eq, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize,
)]
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

/// A certificate made in memory rather than read: its encoding is what its issuer signed.
impl TryFrom<Certificate> for Cert {
    type Error = der::Error;

    fn try_from(decoded: Certificate) -> der::Result<Self> {
        let tbs = decoded.tbs_certificate.to_der()?;
        Ok(Self { decoded, tbs })
    }
}

impl Deref for Cert {
    type Target = Certificate;

    fn deref(&self) -> &Certificate {
        &self.decoded
    }
}

pub fn describe(cert: &Certificate) -> CertificateReport {
    let tbs = &cert.tbs_certificate;
    let (not_before, not_after) = validity(cert);
    CertificateReport {
        subject: name_text(&tbs.subject),
        issuer: name_text(&tbs.issuer),
        serial: serial(cert),
        not_before: Timestamp::utc(not_before),
        not_after: Timestamp::utc(not_after),
        email: emails(cert).into_iter().next(),
        organization: organization(cert),
    }
}

/// Short names of the attribute types certificates use (RFC 4514 and common practice). A table
/// of our own: the OID database behind x509-cert's `Display` costs the page ~100 KB.
const ATTRIBUTE_NAMES: [(ObjectIdentifier, &str); 17] = [
    (ObjectIdentifier::new_unwrap("2.5.4.3"), "CN"),
    (ObjectIdentifier::new_unwrap("2.5.4.4"), "SN"),
    (ObjectIdentifier::new_unwrap("2.5.4.5"), "SERIALNUMBER"),
    (ObjectIdentifier::new_unwrap("2.5.4.6"), "C"),
    (ObjectIdentifier::new_unwrap("2.5.4.7"), "L"),
    (ObjectIdentifier::new_unwrap("2.5.4.8"), "ST"),
    (ObjectIdentifier::new_unwrap("2.5.4.9"), "STREET"),
    (ObjectIdentifier::new_unwrap("2.5.4.10"), "O"),
    (ObjectIdentifier::new_unwrap("2.5.4.11"), "OU"),
    (ObjectIdentifier::new_unwrap("2.5.4.12"), "TITLE"),
    (ObjectIdentifier::new_unwrap("2.5.4.17"), "POSTALCODE"),
    (ObjectIdentifier::new_unwrap("2.5.4.42"), "GN"),
    (ObjectIdentifier::new_unwrap("2.5.4.46"), "DNQUALIFIER"),
    (
        ObjectIdentifier::new_unwrap("2.5.4.97"),
        "ORGANIZATIONIDENTIFIER",
    ),
    (
        ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1.1"),
        "UID",
    ),
    (
        ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1.25"),
        "DC",
    ),
    (EMAIL_ADDRESS, "EMAILADDRESS"),
];

/// A name as RFC 4514 writes it (`CN=…,O=…,C=IT`, last RDN first); unknown attribute types by
/// their dotted OID, values that are not text as `#` and their DER in hex.
pub fn name_text(name: &Name) -> String {
    let attribute = |oid: &ObjectIdentifier, value: &Any| {
        let key = ATTRIBUTE_NAMES
            .iter()
            .find(|(known, _)| known == oid)
            .map_or_else(|| oid.to_string(), |(_, short)| (*short).to_owned());
        match text(value) {
            Some(text) => format!("{key}={}", escape(text)),
            None => format!("{key}=#{}", crate::hex(&value.to_der().unwrap_or_default())),
        }
    };
    let rdns: Vec<String> = name
        .0
        .iter()
        .rev()
        .map(|rdn| {
            let parts: Vec<String> = rdn.0.iter().map(|a| attribute(&a.oid, &a.value)).collect();
            parts.join("+")
        })
        .collect();
    rdns.join(",")
}

/// RFC 4514 §2.4 escaping of an attribute value.
fn escape(value: &str) -> String {
    let last = value.chars().count().saturating_sub(1);
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        match c {
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\x00'..='\x1f' | '\x7f' => {
                let _ = write!(out, "\\{:02x}", c as u8);
            }
            c => out.push(c),
        }
    }
    out
}

/// The serial number in lower-case hex, without the zero byte DER adds to keep it positive.
pub fn serial(cert: &Certificate) -> String {
    let bytes = cert.tbs_certificate.serial_number.as_bytes();
    let trimmed = match bytes {
        [0, rest @ ..] if !rest.is_empty() => rest,
        _ => bytes,
    };
    crate::hex(trimmed)
}

/// `(not_before, not_after)` in Unix seconds.
pub fn validity(cert: &Certificate) -> (i64, i64) {
    let validity = &cert.tbs_certificate.validity;
    (unix(&validity.not_before), unix(&validity.not_after))
}

/// An X.509 time in Unix seconds.
pub(crate) fn unix(time: &x509_cert::time::Time) -> i64 {
    i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

/// The SAN rfc822Names, then any e-mail address attribute of the subject (RFC 5280 lets
/// both carry the address).
pub fn emails(cert: &Certificate) -> Vec<String> {
    let mut found = san_emails(cert);
    found.extend(attribute_texts(
        &cert.tbs_certificate.subject,
        EMAIL_ADDRESS,
    ));
    found
}

/// The SAN rfc822Names alone: where the PEC profile puts the provider's address.
pub fn san_emails(cert: &Certificate) -> Vec<String> {
    extension::<SubjectAltName>(cert)
        .ok()
        .flatten()
        .map(|san| {
            san.0
                .iter()
                .filter_map(|name| match name {
                    GeneralName::Rfc822Name(email) => Some(email.to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The subject's organisation (O).
pub fn organization(cert: &Certificate) -> Option<String> {
    attribute_texts(&cert.tbs_certificate.subject, ORGANIZATION_NAME).next()
}

/// SHA-256 of the SubjectPublicKeyInfo DER: what the PEC CA pins are.
pub fn spki_sha256(cert: &Certificate) -> Option<[u8; 32]> {
    let der = cert.tbs_certificate.subject_public_key_info.to_der().ok()?;
    Some(Sha256::digest(der).into())
}

/// A decoded extension: `Ok(None)` when absent, `Err` when present but malformed or repeated.
pub fn extension<T: for<'a> Decode<'a> + AssociatedOid>(
    cert: &Certificate,
) -> Result<Option<T>, der::Error> {
    Ok(cert
        .tbs_certificate
        .get::<T>()?
        .map(|(_critical, value)| value))
}

/// Verifies that `issuer`'s key signed `cert`: its TBSCertificate as it was read.
pub fn verify_signed_by(cert: &Cert, issuer: &Certificate) -> Result<(), SignatureError> {
    let signed = Signed::of(cert);
    let link = Link::of(&signed, issuer)?;
    algorithm::verify(link.algorithm, link.key, signed.tbs, link.signature)
}

/// What an issuer signs: a certificate's or a revocation list's to-be-signed bytes as they
/// were read, the algorithm it names and the signature.
pub struct Signed<'a> {
    pub tbs: &'a [u8],
    pub algorithm: &'a AlgorithmIdentifierOwned,
    pub signature: &'a BitString,
}

impl<'a> Signed<'a> {
    fn of(cert: &'a Cert) -> Self {
        Self {
            tbs: cert.tbs(),
            algorithm: &cert.signature_algorithm,
            signature: &cert.signature,
        }
    }
}

/// The signatures of certificate links and revocation lists that verified, for one
/// [`crate::Verifier`]: every receipt of a provider carries the same certificate, signed by the
/// same PEC CA, signed by the same root, and these links (two RSA-4096 checks) cost most of a
/// verification. Each is keyed by the SHA-256 of everything the result depends on (key,
/// algorithm, signed bytes, signature), so the memory can only answer for the very same
/// signature. Bounded, oldest forgotten first.
#[derive(Clone, Debug, Default)]
pub struct Links(VecDeque<[u8; 32]>);

impl Links {
    /// Signatures kept: far more than the providers and CAs in use, small enough to scan.
    const CAPACITY: usize = 256;

    /// [`verify_signed_by`], answered from memory for a link that verified before.
    pub fn verify(&mut self, cert: &Cert, issuer: &Certificate) -> Result<(), SignatureError> {
        self.verify_signed(&Signed::of(cert), issuer)
    }

    /// That `issuer`'s key signed `signed`, answered from memory when it verified before.
    pub fn verify_signed(
        &mut self,
        signed: &Signed<'_>,
        issuer: &Certificate,
    ) -> Result<(), SignatureError> {
        let link = Link::of(signed, issuer)?;
        let (Ok(key_der), Ok(algorithm_der)) = (link.key.to_der(), signed.algorithm.to_der())
        else {
            return Err(SignatureError::Invalid);
        };
        let digest = link_digest(&[&key_der, &algorithm_der, signed.tbs, link.signature]);
        if self.0.contains(&digest) {
            return Ok(());
        }
        algorithm::verify(link.algorithm, link.key, signed.tbs, link.signature)?;
        if self.0.len() == Self::CAPACITY {
            self.0.pop_front();
        }
        self.0.push_back(digest);
        Ok(())
    }
}

/// What verifying a signature takes: the issuer's key, the algorithm, the signature.
struct Link<'a> {
    algorithm: SignatureAlgorithm,
    key: &'a SubjectPublicKeyInfoOwned,
    signature: &'a [u8],
}

impl<'a> Link<'a> {
    fn of(signed: &Signed<'a>, issuer: &'a Certificate) -> Result<Self, SignatureError> {
        Ok(Self {
            algorithm: SignatureAlgorithm::from_identifier(signed.algorithm, None)
                .ok_or(SignatureError::UnsupportedAlgorithm)?,
            key: &issuer.tbs_certificate.subject_public_key_info,
            signature: signed.signature.as_bytes().ok_or(SignatureError::Invalid)?,
        })
    }
}

/// SHA-256 over length-prefixed parts, so no two different lists of parts share a digest.
fn link_digest(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// Subject equals issuer and the certificate's own key verifies its signature.
pub fn is_self_signed(cert: &Cert) -> bool {
    same_name(&cert.tbs_certificate.subject, &cert.tbs_certificate.issuer)
        && verify_signed_by(cert, cert).is_ok()
}

/// Name equality as RFC 5280 §7.1 asks: attribute by attribute, string values compared
/// without regard to case, string type or repeated spaces.
pub fn same_name(a: &Name, b: &Name) -> bool {
    a.0.len() == b.0.len() && a.0.iter().zip(b.0.iter()).all(|(x, y)| same_rdn(x, y))
}

/// `name` lies in the directoryName subtree `base`: its first RDNs are `base`'s.
pub fn within_subtree(name: &Name, base: &Name) -> bool {
    name.0.len() >= base.0.len()
        && base
            .0
            .iter()
            .zip(name.0.iter())
            .all(|(x, y)| same_rdn(x, y))
}

fn same_rdn(a: &RelativeDistinguishedName, b: &RelativeDistinguishedName) -> bool {
    a.0.len() == b.0.len()
        && a.0.iter().all(|x| {
            b.0.iter()
                .any(|y| x.oid == y.oid && same_value(&x.value, &y.value))
        })
}

fn same_value(a: &Any, b: &Any) -> bool {
    match (text(a), text(b)) {
        (Some(x), Some(y)) => normalise(x) == normalise(y),
        _ => a == b,
    }
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The text of every attribute `oid` in `name`, in order.
pub fn attribute_texts(
    name: &Name,
    oid: const_oid::ObjectIdentifier,
) -> impl Iterator<Item = String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(move |atv| atv.oid == oid)
        .filter_map(|atv| text(&atv.value).map(str::to_owned))
}

fn text(value: &Any) -> Option<&str> {
    match value.tag() {
        Tag::Utf8String => Utf8StringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::PrintableString => PrintableStringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::Ia5String => Ia5StringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::TeletexString => TeletexStringRef::try_from(value).ok().map(|s| s.as_str()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use der::Decode;
    use x509_cert::name::Name;

    use pec_factory::{KeyAlgorithm, Leaf, PROVA, pki};

    use super::*;
    use crate::{cms, testutil};

    fn signer(prefix: &str) -> Cert {
        let (_, signed, p7s) = testutil::real()
            .into_iter()
            .find(|(s, ..)| s.name.starts_with(prefix))
            .unwrap();
        cms::verify(&signed, crate::cms::Part::Sent(&p7s))
            .0
            .unwrap()
            .signer
            .unwrap()
    }

    #[test]
    fn a_remembered_link_answers_only_for_the_same_bytes() {
        let (_, signed, p7s) = testutil::real()
            .into_iter()
            .find(|(s, ..)| s.name.starts_with("aruba-agidca1-accettazione"))
            .unwrap();
        let info = cms::verify(&signed, crate::cms::Part::Sent(&p7s))
            .0
            .unwrap();
        let leaf = info.signer.unwrap();
        let ca = info
            .certificates
            .iter()
            .find(|c| same_name(&c.tbs_certificate.subject, &leaf.tbs_certificate.issuer))
            .unwrap();
        // Verified, then remembered: the second answer comes from memory.
        let mut links = Links::default();
        assert_eq!(links.verify(&leaf, ca), Ok(()));
        assert_eq!(links.0.len(), 1);
        assert_eq!(links.verify(&leaf, ca), Ok(()));
        assert_eq!(links.0.len(), 1);
        // Another signature over the same bytes, or the same link under another key, is new.
        let mut forged = leaf.clone();
        let mut bytes = forged.signature.raw_bytes().to_vec();
        bytes[10] ^= 1;
        forged.decoded.signature = der::asn1::BitString::from_bytes(&bytes).unwrap();
        assert_eq!(links.verify(&forged, ca), Err(SignatureError::Invalid));
        assert_eq!(links.verify(&leaf, &leaf), Err(SignatureError::Invalid));
        // Nothing is remembered beyond the capacity, oldest first.
        links.0 = (0..Links::CAPACITY).map(|i| [i as u8; 32]).collect();
        assert_eq!(links.verify(&leaf, ca), Ok(()));
        assert_eq!(links.0.len(), Links::CAPACITY);
        assert_eq!(links.0.front(), Some(&[1; 32]));
    }

    #[test]
    fn describes_a_provider_certificate() {
        let report = describe(&signer("aruba-agidca1-accettazione"));
        assert_eq!(
            report.subject,
            "CN=Posta Certificata ARUBA PEC,O=Aruba PEC S.p.A.,L=Ponte San Pietro,ST=Bergamo,C=IT"
        );
        assert_eq!(
            report.issuer,
            "CN=AgID CA1,OU=Area Soluzioni per la Pubblica Amministrazione,O=Agenzia per l'Italia Digitale,L=Roma,C=IT"
        );
        assert_eq!(report.serial, "0be0f2b61308a8b6");
        assert_eq!(report.not_before.rfc3339(), "2017-12-04T15:05:44Z");
        assert_eq!(report.not_after.rfc3339(), "2020-12-03T15:05:44Z");
        assert_eq!(
            report.email.as_deref(),
            Some("posta-certificata@pec.aruba.it")
        );
        assert_eq!(report.organization.as_deref(), Some("Aruba PEC S.p.A."));
    }

    #[test]
    fn describes_the_digitpa_era_certificate() {
        let cert = signer("aruba-digitpaca1");
        let report = describe(&cert);
        assert_eq!(
            report.subject,
            "C=IT,O=ARUBA PEC S.p.A.,CN=Posta Certificata ARUBA PEC"
        );
        assert_eq!(report.serial, "0d11");
        assert_eq!(report.organization.as_deref(), Some("ARUBA PEC S.p.A."));
        assert!(!is_self_signed(&cert));
    }

    #[test]
    fn writes_names_as_rfc4514_with_escapes_and_unknown_types() {
        let name: Name = "CN=Rossi\\, Mario,O=Studio \\\"Bianchi\\\",2.5.4.99=x,C=IT"
            .parse()
            .unwrap();
        let name = Name::from_der(&name.to_der().unwrap()).unwrap();
        assert_eq!(
            name_text(&name),
            "CN=Rossi\\, Mario,O=Studio \\\"Bianchi\\\",2.5.4.99=x,C=IT"
        );
    }

    #[test]
    fn names_match_as_rfc5280_compares_them() {
        let name =
            |text: &str| Name::from_der(&text.parse::<Name>().unwrap().to_der().unwrap()).unwrap();
        let subject = name("CN=Posta Certificata,O=Aruba PEC S.p.A.,C=IT");
        assert!(same_name(
            &subject,
            &name("CN=posta  certificata,O=ARUBA PEC S.P.A.,C=it")
        ));
        assert!(!same_name(
            &subject,
            &name("CN=Posta Certificata,O=Aruba PEC S.p.A.")
        ));
        assert!(within_subtree(&subject, &name("O=Aruba PEC S.p.A.,C=IT")));
        assert!(!within_subtree(&subject, &name("O=Sogei S.p.A.,C=IT")));
        assert!(!within_subtree(&name("C=IT"), &subject));
    }

    #[test]
    fn odd_certificates_yield_nothing_rather_than_panic() {
        let mut cert = signer("sogei").decoded;
        cert.tbs_certificate.extensions = None;
        cert.tbs_certificate.subject = Name::default();
        cert.tbs_certificate.serial_number =
            x509_cert::serial_number::SerialNumber::new(&[0]).unwrap();
        let report = describe(&cert);
        assert_eq!(
            (report.subject.as_str(), report.serial.as_str()),
            ("", "00")
        );
        assert_eq!((report.email, report.organization), (None, None));
        assert!(emails(&cert).is_empty());
        assert!(!is_self_signed(&Cert::try_from(cert.clone()).unwrap()));
        assert!(spki_sha256(&cert).is_some());
    }

    #[test]
    fn a_certificate_is_verified_over_its_tbs_as_encoded() {
        let leaf = Leaf {
            unsorted_rdn: true,
            ..Leaf::new(PROVA, KeyAlgorithm::Rsa2048)
        };
        let der = leaf.der();
        let cert = Cert::from_der(&der).unwrap();
        // Encoding the decoded certificate sorts the RDN: not the bytes that were signed.
        assert_ne!(cert.tbs(), cert.tbs_certificate.to_der().unwrap());
        assert!(der.windows(cert.tbs().len()).any(|w| w == cert.tbs()));
        let ca = &pki().pec_ca;
        assert_eq!(verify_signed_by(&cert, ca), Ok(()));

        // One byte of the unsorted RDN's text changed: a new link, and a broken one.
        let at = der.windows(8).position(|w| w == b"Servizio").unwrap();
        let mut flipped = der.clone();
        flipped[at] ^= 0x20;
        let flipped = Cert::from_der(&flipped).unwrap();
        assert_eq!(verify_signed_by(&flipped, ca), Err(SignatureError::Invalid));
    }

    #[test]
    fn a_certificate_made_in_memory_is_its_encoding() {
        let leaf = Leaf::new(PROVA, KeyAlgorithm::EcdsaP256).certificate();
        let made = Cert::try_from(leaf.clone()).unwrap();
        assert_eq!(made, Cert::from_der(&leaf.to_der().unwrap()).unwrap());
        assert_eq!(verify_signed_by(&made, &pki().pec_ca), Ok(()));
    }
}
