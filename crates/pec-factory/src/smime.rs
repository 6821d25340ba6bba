//! CMS SignedData over a signed entity, assembled from the cms and der types: the signed
//! attributes providers write (contentType, signingTime, messageDigest), two ways to break them,
//! as many signers as asked for, and the BER forms mail clients write.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5911::{
    ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA, ID_SIGNING_TIME,
};
use const_oid::db::rfc5912::{ECDSA_WITH_SHA_256, RSA_ENCRYPTION};
use der::asn1::{OctetString, OctetStringRef, SetOfVec};
use der::{Any, AnyRef, Decode, Encode, Reader, SliceReader, Tag, Tagged};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;

use crate::Digest;
use crate::pki::PrivateKey;
use crate::time::x509;

/// ecdsa-with-SHA1 (RFC 3279), absent from const-oid's database.
const ECDSA_WITH_SHA_1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");

/// What to sign with and what to write into the SignedData.
pub struct Signature<'a> {
    pub digest: Digest,
    /// Unix seconds of the signingTime attribute; `None` leaves the attribute out.
    pub signing_time: Option<i64>,
    pub key: &'a PrivateKey,
    /// The certificate the SignerInfo names and the SignedData carries first.
    pub signer: Certificate,
    /// The other certificates carried (the issuing CA, as providers do).
    pub chain: Vec<Certificate>,
    /// Flip a bit of the signature value.
    pub corrupt_value: bool,
    /// Sign a messageDigest attribute that is not the content's digest.
    pub corrupt_message_digest: bool,
}

fn any(value: &impl Encode) -> Any {
    let der = value.to_der().expect("an encodable value");
    Any::from_der(&der).expect("DER that was just encoded")
}

/// The DER ContentInfo of a detached SignedData over `content`: a SignerInfo for each of
/// `signatures` (a PEC message has one), and their certificates.
pub fn sign(content: &[u8], signatures: &[Signature<'_>]) -> Vec<u8> {
    signed_data(content, signatures, false)
}

/// The same SignedData with `content` inside it, as signing tools write a `.p7m` file.
pub fn sign_attached(content: &[u8], signatures: &[Signature<'_>]) -> Vec<u8> {
    signed_data(content, signatures, true)
}

fn signed_data(content: &[u8], signatures: &[Signature<'_>], attached: bool) -> Vec<u8> {
    let mut digest_algorithms = Vec::new();
    let mut certificates = Vec::new();
    for signature in signatures {
        let digest_alg = digest_algorithm(signature.digest);
        if !digest_algorithms.contains(&digest_alg) {
            digest_algorithms.push(digest_alg);
        }
        for cert in std::iter::once(&signature.signer).chain(&signature.chain) {
            let choice = CertificateChoices::Certificate(cert.clone());
            if !certificates.contains(&choice) {
                certificates.push(choice);
            }
        }
    }
    let signer_infos = signatures
        .iter()
        .map(|signature| signer_info(content, signature))
        .collect::<Vec<_>>();
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(digest_algorithms).expect("distinct algorithms"),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: attached.then(|| any(&OctetString::new(content).expect("content"))),
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).expect("distinct certificates"),
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(signer_infos).expect("distinct signers")),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).expect("an encodable SignedData"),
    }
    .to_der()
    .expect("an encodable ContentInfo")
}

fn digest_algorithm(digest: Digest) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: digest.oid(),
        parameters: Some(Any::null()),
    }
}

/// One signer's SignerInfo: the signed attributes providers write, signed as a SET OF.
fn signer_info(content: &[u8], signature: &Signature<'_>) -> SignerInfo {
    let digest = signature.digest;
    let mut message_digest = digest.hash(content);
    if signature.corrupt_message_digest {
        message_digest[0] ^= 0x01;
    }
    let attribute = |oid, value: Any| Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).expect("one value"),
    };
    let signing_time = signature
        .signing_time
        .map(|time| attribute(ID_SIGNING_TIME, any(&x509(time))));
    let attributes = [attribute(ID_CONTENT_TYPE, any(&ID_DATA))]
        .into_iter()
        .chain(signing_time)
        .chain([attribute(
            ID_MESSAGE_DIGEST,
            any(&OctetString::new(message_digest).expect("a digest")),
        )]);
    let signed_attrs =
        SetOfVec::try_from(attributes.collect::<Vec<_>>()).expect("distinct attributes");
    // The signature covers the attributes' DER as a SET OF (RFC 5652 §5.4).
    let to_sign = signed_attrs.to_der().expect("encodable attributes");
    let mut value = signature.key.sign_prehash(digest, &digest.hash(&to_sign));
    if signature.corrupt_value {
        // The last byte is always part of the value (RSA) or of `s` (ECDSA's DER).
        if let Some(last) = value.last_mut() {
            *last ^= 0x01;
        }
    }

    let signature_algorithm = match (signature.key, digest) {
        // Providers name the bare key algorithm; the digest comes from digestAlgorithm.
        (PrivateKey::Rsa(_), _) => AlgorithmIdentifierOwned {
            oid: RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        (PrivateKey::Ecdsa(_), Digest::Sha1) => AlgorithmIdentifierOwned {
            oid: ECDSA_WITH_SHA_1,
            parameters: None,
        },
        (PrivateKey::Ecdsa(_), Digest::Sha256) => AlgorithmIdentifierOwned {
            oid: ECDSA_WITH_SHA_256,
            parameters: None,
        },
    };
    SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: signature.signer.tbs_certificate.issuer.clone(),
            serial_number: signature.signer.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: digest_algorithm(digest),
        signed_attrs: Some(signed_attrs),
        signature_algorithm,
        signature: OctetString::new(value).expect("a signature"),
        unsigned_attrs: None,
    }
}

/// A BER form of SignedData, as mail clients and signing tools write it (RFC 5652 allows BER
/// everywhere but in what is signed, which the verifier encodes back to DER).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ber {
    /// Every constructed value with an indefinite length, ended by two zero bytes.
    Indefinite,
    /// That, and every OCTET STRING longer than a piece sent in pieces (a constructed string).
    Pieces,
}

impl Ber {
    pub const ALL: [Self; 2] = [Self::Indefinite, Self::Pieces];

    /// The size of the pieces strings are sent in: small, so the certificates' keys and the
    /// signature value are split too.
    const PIECE: usize = 100;

    /// `der` (one or more DER values) written in this form.
    pub fn encode(self, der: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(der.len() * 2);
        self.values(der, &mut out);
        out
    }

    fn values(self, der: &[u8], out: &mut Vec<u8>) {
        let mut reader = SliceReader::new(der).expect("DER the factory encoded");
        while !reader.is_finished() {
            let value = AnyRef::decode(&mut reader).expect("DER the factory encoded");
            self.value(value, out);
        }
    }

    fn value(self, value: AnyRef<'_>, out: &mut Vec<u8>) {
        let tag = value.tag();
        let bytes = value.value();
        if tag.is_constructed() {
            out.extend([u8::from(tag), 0x80]);
            self.values(bytes, out);
            out.extend([0, 0]);
        } else if tag == Tag::OctetString && self == Self::Pieces && bytes.len() > Self::PIECE {
            out.extend([u8::from(tag) | 0x20, 0x80]);
            for piece in bytes.chunks(Self::PIECE) {
                let piece = OctetStringRef::new(piece).expect("a short string");
                out.extend(piece.to_der().expect("an encodable string"));
            }
            out.extend([0, 0]);
        } else {
            out.extend(value.to_der().expect("an encodable value"));
        }
    }
}
