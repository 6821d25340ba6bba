//! Reading what a certificate says: names, e-mail, validity, key, for reports, cross-checks and
//! chain building. Every function is total: an odd certificate yields `None`, never a panic.

use const_oid::AssociatedOid;
use const_oid::db::rfc3280::EMAIL_ADDRESS;
use const_oid::db::rfc4519::ORGANIZATION_NAME;
use der::asn1::{Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use der::{Any, Decode, Encode, Tag, Tagged};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::{Name, RelativeDistinguishedName};

use crate::algorithm::{self, SignatureAlgorithm, SignatureError};
use crate::report::CertificateReport;
use crate::time::Timestamp;

pub fn describe(cert: &Certificate) -> CertificateReport {
    let tbs = &cert.tbs_certificate;
    let (not_before, not_after) = validity(cert);
    CertificateReport {
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        serial: serial(cert),
        not_before: Timestamp::utc(not_before),
        not_after: Timestamp::utc(not_after),
        email: emails(cert).into_iter().next(),
        organization: organization(cert),
    }
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
    let secs = |t: &x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    (secs(&validity.not_before), secs(&validity.not_after))
}

/// The SAN rfc822Names, then any e-mail address attribute of the subject (RFC 5280 lets
/// both carry the address).
pub fn emails(cert: &Certificate) -> Vec<String> {
    let mut found: Vec<String> = extension::<SubjectAltName>(cert)
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
        .unwrap_or_default();
    found.extend(attribute_texts(
        &cert.tbs_certificate.subject,
        EMAIL_ADDRESS,
    ));
    found
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

/// Verifies that `issuer`'s key signed `cert`.
pub fn verify_signed_by(cert: &Certificate, issuer: &Certificate) -> Result<(), SignatureError> {
    let algorithm = SignatureAlgorithm::from_identifier(&cert.signature_algorithm, None)
        .ok_or(SignatureError::UnsupportedKey)?;
    let tbs = cert
        .tbs_certificate
        .to_der()
        .map_err(|_| SignatureError::Invalid)?;
    let signature = cert.signature.as_bytes().ok_or(SignatureError::Invalid)?;
    algorithm::verify(
        algorithm,
        &issuer.tbs_certificate.subject_public_key_info,
        &tbs,
        signature,
    )
}

/// Subject equals issuer and the certificate's own key verifies its signature.
pub fn is_self_signed(cert: &Certificate) -> bool {
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
