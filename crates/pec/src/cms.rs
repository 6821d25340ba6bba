//! CMS SignedData (RFC 5652) as used by S/MIME: finds each signer, checks its message digest
//! and its signature over the signed attributes.

use cms::content_info::CmsVersion;
use cms::content_info::ContentInfo;
use cms::signed_data::{
    DigestAlgorithmIdentifiers, EncapsulatedContentInfo, SignerIdentifier, SignerInfo,
};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5911::{
    ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA, ID_SIGNING_TIME,
};
use der::asn1::OctetStringRef;
use der::{
    Any, AnyRef, Decode, DecodeValue, Encode, FixedTag, Header, Reader, SliceReader, Tag,
    TagNumber, Tagged,
};
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::time::Time;

use crate::algorithm::{self, DigestAlgorithm, SignatureAlgorithm, SignatureError};
use crate::ber;
use crate::certificate::{self, Cert};
use crate::check::{Check, CheckId, Fault, Param, Status};
use crate::progress::Meter;
use crate::time::Timestamp;

/// What the first signer (as sent) signed with and when, and the certificates carried.
#[derive(Clone, Debug)]
pub struct SignatureInfo {
    /// `None` when not one implemented here.
    pub digest: Option<DigestAlgorithm>,
    /// `None` when not one implemented here.
    pub algorithm: Option<SignatureAlgorithm>,
    pub signing_time: Option<Timestamp>,
    pub signer: Option<Cert>,
    /// Every certificate carried in the SignedData.
    pub certificates: Vec<Cert>,
    /// The SHA-256 of the signed content, when the signer's message digest is SHA-256 and was
    /// computed: what names the signed entity, without hashing it twice.
    pub content_sha256: Option<Vec<u8>>,
}

/// What a SignedData carries inside it (an opaque S/MIME body, a signed `.p7m` file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encapsulated {
    /// The encapsulated content, as signed.
    pub content: Vec<u8>,
    /// The SignedData in DER, which [`verify`] takes with `content` as what was signed.
    pub der: Vec<u8>,
}

/// The content `p7m`, a ContentInfo of SignedData in DER or BER, carries; `None` when it is
/// not one, or carries none (a detached signature).
pub fn encapsulated(p7m: &[u8]) -> Option<Encapsulated> {
    let der = match ContentInfo::from_der(p7m) {
        Ok(_) => p7m.to_vec(),
        Err(_) => ber::to_der(p7m).ok()?,
    };
    let content = parse_der(&der).ok()?.econtent?;
    Some(Encapsulated { content, der })
}

/// The signature someone put on a whole file (a lawyer's `.eml.p7m`), verified over the
/// content it carries: intact or not, and by whom and when as it says. It vouches for the file,
/// never for the PEC messages inside, which are judged on their own; whether its certificate is
/// qualified would take the EU trusted lists, which the core does not read.
pub fn file_signature(encapsulated: &Encapsulated) -> (Option<SignatureInfo>, Vec<Check>) {
    let meter = &mut Meter::silent();
    let (info, checks) = verify_signed_data(&encapsulated.content, &encapsulated.der, meter);
    let intact = info.is_some()
        && [CheckId::CmsMessageDigest, CheckId::CmsSignature]
            .iter()
            .all(|id| checks.iter().any(|c| c.id == *id))
        && checks.iter().all(|c| c.status != Status::Fail);
    let mut check = Check::pass_or_warn(CheckId::FileSignature, intact);
    if let Some(signer) = info.as_ref().and_then(|info| info.signer.as_ref()) {
        check = check.with(
            Param::Certificate,
            certificate::name_text(&signer.tbs_certificate.subject),
        );
    }
    if let Some(time) = info.as_ref().and_then(|info| info.signing_time) {
        check = check.with(Param::SigningTime, time);
    }
    let checks = vec![check, Check::info(CheckId::FileQualificationNotChecked)];
    (info, checks)
}

/// The signature part of a `multipart/signed` message, as found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part<'a> {
    /// Its DER bytes.
    Sent(&'a [u8]),
    /// Missing or undecodable.
    Missing,
    /// Gone with the end of a file cut short (`mime.incomplete`).
    CutShort,
}

/// The signature of a `multipart/signed` message, `p7s` its signature part. A signature made
/// with SHA-1 is noted.
pub fn verify(signed: &[u8], p7s: Part<'_>) -> (Option<SignatureInfo>, Vec<Check>) {
    verify_told(signed, p7s, &mut Meter::silent())
}

/// [`verify`], the bytes hashed counted on `meter`.
pub(crate) fn verify_told(
    signed: &[u8],
    p7s: Part<'_>,
    meter: &mut Meter,
) -> (Option<SignatureInfo>, Vec<Check>) {
    let mut checks = vec![Check::pass(CheckId::MimeSignedEntity)];
    let p7s = match p7s {
        Part::Sent(p7s) => p7s,
        Part::Missing => {
            checks.push(Check::fail(CheckId::MimeSignaturePart));
            return (None, checks);
        }
        Part::CutShort => {
            checks.push(Check::fail(CheckId::MimeIncomplete));
            return (None, checks);
        }
    };
    let (info, signed_data_checks) = verify_signed_data(signed, p7s, meter);
    checks.extend(signed_data_checks);
    if info
        .as_ref()
        .is_some_and(|info| info.digest == Some(DigestAlgorithm::Sha1))
    {
        checks.push(Check::info(CheckId::CmsSha1));
    }
    (info, checks)
}

/// Verifies `p7s` (DER ContentInfo) over `signed` (the CRLF-normalised signed entity). Every
/// SignerInfo is verified and its checks reported, naming it by its position (`signer`, from 1)
/// when there are several; the info returned is the first one's.
fn verify_signed_data(
    signed: &[u8],
    p7s: &[u8],
    meter: &mut Meter,
) -> (Option<SignatureInfo>, Vec<Check>) {
    let parts = match parse(p7s) {
        Ok(parts) => parts,
        Err(error) => {
            return (
                None,
                vec![Check::fail(CheckId::CmsParse).with(Param::Error, error)],
            );
        }
    };
    let count = parts.signers.len();
    if count == 0 {
        return (
            None,
            vec![Check::fail(CheckId::CmsParse).with(Param::Error, Fault::NoSigner)],
        );
    }
    let mut checks = vec![Check::pass(CheckId::CmsParse), signers_check(count)];
    let mut first = None;
    for (index, signer) in parts.signers.iter().enumerate() {
        let (info, signer_checks) = verify_signer(signed, signer, &parts, meter);
        checks.extend(signer_checks.into_iter().map(|check| match count {
            1 => check,
            _ => check.with(Param::Signer, index + 1),
        }));
        first.get_or_insert(info);
    }
    let info = first.map(|info| SignatureInfo {
        certificates: parts.certificates,
        ..info
    });
    (info, checks)
}

/// A PEC message carries one signature, its provider's: a second signer, whoever it is, is
/// not part of a PEC message, and nothing says which of them the reader should believe.
fn signers_check(count: usize) -> Check {
    if count == 1 {
        return Check::pass(CheckId::CmsSigners);
    }
    Check::indeterminate(CheckId::CmsSigners).with(Param::Count, count)
}

/// One signer's checks: algorithm, certificate, content type, message digest, signature. The
/// info carries no certificates; [`verify`] adds them.
fn verify_signer(
    signed: &[u8],
    signer: &Signer,
    parts: &SignedDataParts,
    meter: &mut Meter,
) -> (SignatureInfo, Vec<Check>) {
    let signer_info = &signer.info;
    let certificate = parts
        .certificates
        .iter()
        .find(|cert| identifies(&signer_info.sid, cert))
        .cloned();
    let digest = DigestAlgorithm::from_oid(&signer_info.digest_alg.oid);
    let algorithm = SignatureAlgorithm::from_identifier(&signer_info.signature_algorithm, digest);
    // The signature covers the signed attributes as sent; without them, the content itself.
    let message = signer.attrs_as_sent.as_deref().unwrap_or(signed);
    let verified = match (algorithm, &certificate) {
        (Some(algorithm), Some(cert)) => Some(algorithm::verify(
            algorithm,
            &cert.tbs_certificate.subject_public_key_info,
            message,
            signer_info.signature.as_bytes(),
        )),
        _ => None,
    };

    let mut checks = vec![match (digest, algorithm, &certificate, verified) {
        (None, ..) => unsupported(&signer_info.digest_alg.oid),
        (_, None, ..) => unsupported(&signer_info.signature_algorithm.oid),
        (_, _, Some(cert), Some(Err(SignatureError::UnsupportedKey))) => {
            unsupported(&cert.tbs_certificate.subject_public_key_info.algorithm.oid)
        }
        _ => Check::pass(CheckId::CmsAlgorithm),
    }];
    checks.push(Check::pass_or_fail(
        CheckId::CmsSignerCertificate,
        certificate.is_some(),
    ));
    let mut content_sha256 = None;
    if signer_info.signed_attrs.is_some() {
        checks.push(content_type(signer_info, parts.econtent_type));
        if let Some(digest) = digest {
            let computed = digest.digest_told(signed, meter);
            checks.push(message_digest(signer_info, &computed));
            content_sha256 = (digest == DigestAlgorithm::Sha256).then_some(computed);
        }
    }
    match verified {
        Some(Ok(())) => checks.push(Check::pass(CheckId::CmsSignature)),
        Some(Err(SignatureError::Invalid)) => checks.push(Check::fail(CheckId::CmsSignature)),
        Some(Err(SignatureError::UnsupportedAlgorithm | SignatureError::UnsupportedKey)) | None => {
        }
    }

    let info = SignatureInfo {
        digest,
        algorithm,
        signing_time: single_value(signer_info, ID_SIGNING_TIME)
            .and_then(|v| Time::from_der(&v.to_der().ok()?).ok())
            .and_then(|t| i64::try_from(t.to_unix_duration().as_secs()).ok())
            .map(Timestamp::utc),
        signer: certificate,
        certificates: Vec::new(),
        content_sha256,
    };
    (info, checks)
}

/// SignedData (RFC 5652 §5.1) with what verification uses, the certificates and signers in
/// the order sent. The revocation information is skipped undecoded: revocation is not checked,
/// and decoding CRLs would cost the page ~18 KB.
struct SignedDataParts {
    econtent_type: ObjectIdentifier,
    /// The encapsulated content, when it is carried (an opaque signature, a signed file).
    econtent: Option<Vec<u8>>,
    certificates: Vec<Cert>,
    signers: Vec<Signer>,
}

/// A SignerInfo and its signed attributes exactly as encoded, tagged as the `SET OF` they are
/// signed as (RFC 5652 §5.4); `None` when it has none. Decoding sorts a SET OF, and a signer
/// that sent its attributes unsorted signed those bytes, not sorted ones: OpenSSL, too,
/// verifies what was sent.
struct Signer {
    info: SignerInfo,
    attrs_as_sent: Option<Vec<u8>>,
}

const CERTIFICATES: Tag = Tag::ContextSpecific {
    constructed: true,
    number: TagNumber::N0,
};
const CRLS: Tag = Tag::ContextSpecific {
    constructed: true,
    number: TagNumber::N1,
};
/// The `[0] IMPLICIT` tag of a SignerInfo's signed attributes.
const SIGNED_ATTRS: Tag = Tag::ContextSpecific {
    constructed: true,
    number: TagNumber::N0,
};

impl<'a> DecodeValue<'a> for SignedDataParts {
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        reader.read_nested(header.length, |reader| {
            CmsVersion::decode(reader)?;
            DigestAlgorithmIdentifiers::decode(reader)?;
            let encapsulated = EncapsulatedContentInfo::decode(reader)?;
            let econtent = encapsulated
                .econtent
                .map(|any| {
                    any.decode_as::<OctetStringRef<'_>>()
                        .map(|s| s.as_bytes().to_vec())
                })
                .transpose()?;
            let mut certificates = Vec::new();
            if reader.peek_tag()? == CERTIFICATES {
                certificates = read_certificates(AnyRef::decode(reader)?)?;
            }
            if reader.peek_tag()? == CRLS {
                AnyRef::decode(reader)?;
            }
            let signer_infos = AnyRef::decode(reader)?;
            signer_infos.tag().assert_eq(Tag::Set)?;
            let signers = elements(signer_infos)?
                .into_iter()
                .map(read_signer)
                .collect::<der::Result<_>>()?;
            Ok(Self {
                econtent_type: encapsulated.econtent_type,
                econtent,
                certificates,
                signers,
            })
        })
    }
}

impl FixedTag for SignedDataParts {
    const TAG: Tag = Tag::Sequence;
}

/// SignedData in DER, or in BER as RFC 5652 allows, made DER first.
fn parse(p7s: &[u8]) -> Result<SignedDataParts, Fault> {
    match parse_der(p7s) {
        Err(Fault::NotDer) => parse_der(&ber::to_der(p7s).map_err(|_| Fault::NotDer)?),
        parsed => parsed,
    }
}

fn parse_der(p7s: &[u8]) -> Result<SignedDataParts, Fault> {
    let content_info = ContentInfo::from_der(p7s).map_err(|_| Fault::NotDer)?;
    if content_info.content_type != ID_SIGNED_DATA {
        return Err(Fault::NotSignedData);
    }
    content_info
        .content
        .decode_as::<SignedDataParts>()
        .map_err(|_| Fault::NotDer)
}

/// The elements of a constructed value, undecoded.
fn elements(any: AnyRef<'_>) -> der::Result<Vec<AnyRef<'_>>> {
    let mut reader = SliceReader::new(any.value())?;
    let mut found = Vec::new();
    while !reader.is_finished() {
        found.push(AnyRef::decode(&mut reader)?);
    }
    Ok(found)
}

/// The X.509 certificates of a CertificateSet, each with its TBSCertificate as encoded; the
/// other choices (attribute certificates, other formats) are skipped.
fn read_certificates(set: AnyRef<'_>) -> der::Result<Vec<Cert>> {
    elements(set)?
        .into_iter()
        .filter(|choice| choice.tag() == Tag::Sequence)
        .map(|cert| Cert::from_der(&cert.to_der()?))
        .collect()
}

fn read_signer(element: AnyRef<'_>) -> der::Result<Signer> {
    let info = SignerInfo::from_der(&element.to_der()?)?;
    // SignerInfo { version, sid, digestAlgorithm, [0] IMPLICIT signedAttrs OPTIONAL, … }
    let attrs_as_sent = match info.signed_attrs {
        Some(_) => {
            let attrs = elements(element)?
                .get(3)
                .copied()
                .filter(|attrs| attrs.tag() == SIGNED_ATTRS)
                .ok_or_else(|| SIGNED_ATTRS.value_error())?;
            Some(AnyRef::new(Tag::Set, attrs.value())?.to_der()?)
        }
        None => None,
    };
    Ok(Signer {
        info,
        attrs_as_sent,
    })
}

fn identifies(sid: &SignerIdentifier, cert: &Cert) -> bool {
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            id.serial_number == cert.tbs_certificate.serial_number
                && certificate::same_name(&id.issuer, &cert.tbs_certificate.issuer)
        }
        SignerIdentifier::SubjectKeyIdentifier(id) => {
            certificate::extension::<SubjectKeyIdentifier>(cert)
                .is_ok_and(|ski| ski.is_some_and(|ski| ski == *id))
        }
    }
}

/// The one value of the one signed attribute `oid`; `None` when absent or ambiguous, as
/// RFC 5652 §11 forbids repeating these attributes.
fn single_value(signer_info: &SignerInfo, oid: ObjectIdentifier) -> Option<&Any> {
    let mut attrs = signer_info
        .signed_attrs
        .iter()
        .flat_map(|a| a.iter())
        .filter(|a| a.oid == oid);
    match (attrs.next(), attrs.next()) {
        (Some(attr), None) if attr.values.len() == 1 => attr.values.iter().next(),
        _ => None,
    }
}

// CMS requires the attribute to repeat eContentType; S/MIME signs plain data.
fn content_type(signer_info: &SignerInfo, econtent_type: ObjectIdentifier) -> Check {
    let attribute = single_value(signer_info, ID_CONTENT_TYPE)
        .and_then(|v| v.decode_as::<ObjectIdentifier>().ok());
    if attribute == Some(ID_DATA) && econtent_type == ID_DATA {
        return Check::pass(CheckId::CmsContentType);
    }
    Check::fail(CheckId::CmsContentType)
        .with(
            Param::Attribute,
            attribute.map_or_else(String::new, |oid| oid.to_string()),
        )
        .with(Param::EcontentType, econtent_type.to_string())
}

// The check the page words as "the content was changed after the provider signed it".
fn message_digest(signer_info: &SignerInfo, computed: &[u8]) -> Check {
    let Some(attribute) = single_value(signer_info, ID_MESSAGE_DIGEST)
        .and_then(|v| v.decode_as::<OctetStringRef<'_>>().ok())
    else {
        return Check::fail(CheckId::CmsMessageDigest).with(Param::Error, Fault::NoMessageDigest);
    };
    Check::pass_or_fail(CheckId::CmsMessageDigest, attribute.as_bytes() == computed)
        .with(Param::Signed, crate::hex(attribute.as_bytes()))
        .with(Param::Computed, crate::hex(computed))
}

// An algorithm the engine does not implement says nothing either way about the signature.
fn unsupported(oid: &ObjectIdentifier) -> Check {
    Check::indeterminate(CheckId::CmsAlgorithm).with(Param::Algorithm, oid.to_string())
}

#[cfg(test)]
mod tests {
    use cms::revocation::{OtherRevocationInfoFormat, RevocationInfoChoice, RevocationInfoChoices};
    use cms::signed_data::SignedData;

    use super::*;
    use crate::check::Status;
    use crate::testutil;

    fn status(checks: &[Check], id: CheckId) -> Option<Status> {
        checks.iter().find(|c| c.id == id).map(|c| c.status)
    }

    /// Swaps the first two signed attributes where they sit in `p7s`.
    fn swap_first_two_attributes(p7s: &[u8]) -> Vec<u8> {
        let set = parse(p7s).unwrap().signers.remove(0).attrs_as_sent.unwrap();
        let content = AnyRef::from_der(&set).unwrap().value().to_vec();
        let start = p7s
            .windows(content.len())
            .position(|w| w == content)
            .unwrap();
        let mut reader = SliceReader::new(&content).unwrap();
        let first = AnyRef::decode(&mut reader).unwrap().to_der().unwrap();
        let second = AnyRef::decode(&mut reader).unwrap().to_der().unwrap();
        let mut swapped = p7s.to_vec();
        let end = start + first.len() + second.len();
        swapped.splice(start..end, second.iter().chain(&first).copied());
        swapped
    }

    #[test]
    fn the_signature_covers_the_signed_attributes_as_sent() {
        let (_, signed, p7s) = testutil::real().remove(0);
        let swapped = swap_first_two_attributes(&p7s);
        assert_ne!(swapped, p7s);
        let (_, checks) = verify_signed_data(&signed, &swapped, &mut Meter::silent());
        // Sorting on decode would restore the signed order and hide the change.
        assert_eq!(
            status(&checks, CheckId::CmsMessageDigest),
            Some(Status::Pass)
        );
        assert_eq!(status(&checks, CheckId::CmsSignature), Some(Status::Fail));
    }

    #[test]
    fn real_samples_verify() {
        for (sample, signed, p7s) in testutil::real() {
            let (info, checks) = verify_signed_data(&signed, &p7s, &mut Meter::silent());
            for check in &checks {
                assert_eq!(check.status, Status::Pass, "{}: {check:?}", sample.name);
            }
            for id in [
                CheckId::CmsParse,
                CheckId::CmsAlgorithm,
                CheckId::CmsSignerCertificate,
                CheckId::CmsContentType,
                CheckId::CmsMessageDigest,
                CheckId::CmsSignature,
            ] {
                assert_eq!(
                    status(&checks, id),
                    Some(Status::Pass),
                    "{}: {id}",
                    sample.name
                );
            }
            let info = info.unwrap();
            assert_eq!(info.digest, Some(DigestAlgorithm::Sha1));
            assert_eq!(
                info.algorithm.map(SignatureAlgorithm::name),
                Some("rsa-pkcs1v15")
            );
            assert_eq!(info.certificates.len(), 2, "{}", sample.name);
            assert!(info.signer.is_some());
            let signing = info.signing_time.unwrap().unix;
            let date = sample.date.unwrap();
            assert!(
                (signing - date).abs() < 10 * 60,
                "{}: {signing} vs {date}",
                sample.name
            );
        }
    }

    #[test]
    fn a_changed_byte_of_content_fails_the_digest_only() {
        let (_, mut signed, p7s) = testutil::real().remove(0);
        let middle = signed.len() / 2;
        signed[middle] ^= 1;
        let (info, checks) = verify_signed_data(&signed, &p7s, &mut Meter::silent());
        assert!(info.is_some());
        assert_eq!(
            status(&checks, CheckId::CmsMessageDigest),
            Some(Status::Fail)
        );
        assert_eq!(status(&checks, CheckId::CmsSignature), Some(Status::Pass));
    }

    #[test]
    fn a_changed_byte_of_signature_fails_the_signature_only() {
        let (_, signed, mut p7s) = testutil::real().remove(0);
        // The RSA signature is the last OCTET STRING of the only SignerInfo, at the very end.
        let last = p7s.len() - 10;
        p7s[last] ^= 1;
        let (info, checks) = verify_signed_data(&signed, &p7s, &mut Meter::silent());
        assert!(info.is_some());
        assert_eq!(
            status(&checks, CheckId::CmsMessageDigest),
            Some(Status::Pass)
        );
        assert_eq!(status(&checks, CheckId::CmsSignature), Some(Status::Fail));
    }

    #[test]
    fn truncated_or_garbage_signatures_fail_to_parse() {
        let (_, signed, p7s) = testutil::real().remove(0);
        for len in [0, 1, 2, 100, p7s.len() / 2, p7s.len() - 1] {
            let (info, checks) = verify_signed_data(&signed, &p7s[..len], &mut Meter::silent());
            assert!(info.is_none());
            assert_eq!(
                status(&checks, CheckId::CmsParse),
                Some(Status::Fail),
                "{len}"
            );
        }
        let (info, checks) =
            verify_signed_data(&signed, b"not a signature at all", &mut Meter::silent());
        assert!(info.is_none());
        assert_eq!(checks[0].id, CheckId::CmsParse);
    }

    /// The first real sample's signature, changed by `edit` and re-encoded.
    fn edited(edit: impl FnOnce(&mut SignedData)) -> (Vec<u8>, Vec<u8>) {
        let (_, signed, p7s) = testutil::real().remove(0);
        let mut content_info = ContentInfo::from_der(&p7s).unwrap();
        let mut signed_data: SignedData = content_info.content.decode_as().unwrap();
        edit(&mut signed_data);
        content_info.content = Any::encode_from(&signed_data).unwrap();
        (signed, content_info.to_der().unwrap())
    }

    fn edit_signer(signed_data: &mut SignedData, edit: impl FnOnce(&mut SignerInfo)) {
        let mut signer = signed_data.signer_infos.0.iter().next().unwrap().clone();
        edit(&mut signer);
        signed_data.signer_infos.0 = vec![signer].try_into().unwrap();
    }

    #[test]
    fn revocation_information_is_skipped_not_misread() {
        let (signed, p7s) = edited(|sd| {
            let other = RevocationInfoChoice::Other(OtherRevocationInfoFormat {
                other_format: spki::AlgorithmIdentifierOwned {
                    oid: ID_DATA,
                    parameters: None,
                },
                other: Any::new(Tag::OctetString, b"crl".to_vec()).unwrap(),
            });
            sd.crls = Some(RevocationInfoChoices(vec![other].try_into().unwrap()));
        });
        let (info, checks) = verify_signed_data(&signed, &p7s, &mut Meter::silent());
        assert!(info.unwrap().signer.is_some());
        assert_eq!(status(&checks, CheckId::CmsSignature), Some(Status::Pass));
    }

    #[test]
    fn a_missing_signer_certificate_fails() {
        let (signed, p7s) = edited(|sd| sd.certificates = None);
        let (info, checks) = verify_signed_data(&signed, &p7s, &mut Meter::silent());
        let info = info.unwrap();
        assert!(info.signer.is_none() && info.certificates.is_empty());
        assert_eq!(
            status(&checks, CheckId::CmsSignerCertificate),
            Some(Status::Fail)
        );
        // The content is still known to be intact; the signature cannot be checked.
        assert_eq!(
            status(&checks, CheckId::CmsMessageDigest),
            Some(Status::Pass)
        );
        assert_eq!(status(&checks, CheckId::CmsSignature), None);
    }

    #[test]
    fn no_signer_is_a_parse_failure() {
        let (signed, p7s) = edited(|sd| sd.signer_infos.0 = Vec::new().try_into().unwrap());
        let (info, checks) = verify_signed_data(&signed, &p7s, &mut Meter::silent());
        assert!(info.is_none());
        let check = checks.iter().find(|c| c.id == CheckId::CmsParse).unwrap();
        assert_eq!(
            (check.status, check.value(Param::Error)),
            (Status::Fail, Some(&Fault::NoSigner.into()))
        );
        assert_eq!(checks.len(), 1);
    }

    #[test]
    fn an_unsupported_digest_is_named() {
        let md5 = ObjectIdentifier::new_unwrap("1.2.840.113549.2.5");
        let (signed, p7s) = edited(|sd| edit_signer(sd, |si| si.digest_alg.oid = md5));
        let (info, checks) = verify_signed_data(&signed, &p7s, &mut Meter::silent());
        assert_eq!(info.unwrap().digest, None);
        let check = checks
            .iter()
            .find(|c| c.id == CheckId::CmsAlgorithm)
            .unwrap();
        assert_eq!(
            (
                check.status,
                check.params[&Param::Algorithm].to_string().as_str()
            ),
            (Status::Fail, "1.2.840.113549.2.5")
        );
        assert_eq!(status(&checks, CheckId::CmsSignature), None);
    }

    #[test]
    fn stripping_the_signed_attributes_breaks_the_signature() {
        let (signed, p7s) = edited(|sd| edit_signer(sd, |si| si.signed_attrs = None));
        let (info, checks) = verify_signed_data(&signed, &p7s, &mut Meter::silent());
        assert_eq!(info.unwrap().signing_time, None);
        assert_eq!(status(&checks, CheckId::CmsMessageDigest), None);
        // The provider signed its attributes, not the content: this signature cannot hold.
        assert_eq!(status(&checks, CheckId::CmsSignature), Some(Status::Fail));
    }

    // From testdata/generate.sh: openssl's own CMS, with the signer named by key identifier.
    const CONTENT: &[u8] = include_bytes!("../testdata/content.txt");

    #[test]
    fn ecdsa_signer_named_by_key_identifier() {
        let (info, checks) = verify_signed_data(
            CONTENT,
            include_bytes!("../testdata/ecdsa-keyid.p7s"),
            &mut Meter::silent(),
        );
        assert!(checks.iter().all(Check::is_pass), "{checks:?}");
        assert_eq!(checks.len(), 7);
        let info = info.unwrap();
        assert_eq!(
            (info.digest, info.algorithm.map(SignatureAlgorithm::name)),
            (Some(DigestAlgorithm::Sha256), Some("ecdsa-p256"))
        );
        assert!(info.signer.is_some() && info.signing_time.is_some());
    }

    #[test]
    fn signature_over_the_content_without_signed_attributes() {
        let p7s = include_bytes!("../testdata/ecdsa-noattr.p7s");
        let (info, checks) = verify_signed_data(CONTENT, p7s, &mut Meter::silent());
        assert!(checks.iter().all(Check::is_pass), "{checks:?}");
        assert_eq!(status(&checks, CheckId::CmsSignature), Some(Status::Pass));
        assert_eq!(info.unwrap().signing_time, None);
        let (_, checks) = verify_signed_data(
            b"Content-Type: text/plain\r\n\r\nPEc\r\n",
            p7s,
            &mut Meter::silent(),
        );
        assert_eq!(status(&checks, CheckId::CmsSignature), Some(Status::Fail));
    }

    #[test]
    fn tampered_samples_fail_the_digest() {
        let mut checked = 0;
        for path in testutil::samples("tampered") {
            let sample = testutil::read(&path);
            if let (Some(signed), Some(p7s)) = (&sample.signed, &sample.p7s) {
                let (_, checks) = verify_signed_data(signed, p7s, &mut Meter::silent());
                assert_eq!(
                    status(&checks, CheckId::CmsMessageDigest),
                    Some(Status::Fail),
                    "{}: {checks:?}",
                    sample.name
                );
                checked += 1;
            }
        }
        assert!(checked > 0);
    }

    #[test]
    fn unverifiable_samples_do_not_panic() {
        for path in testutil::samples("unverifiable") {
            let sample = testutil::read(&path);
            if let (Some(signed), Some(p7s)) = (&sample.signed, &sample.p7s) {
                let (_, checks) = verify_signed_data(signed, p7s, &mut Meter::silent());
                assert!(
                    checks.iter().any(|c| c.status == Status::Fail),
                    "{}",
                    sample.name
                );
            }
        }
    }
}
