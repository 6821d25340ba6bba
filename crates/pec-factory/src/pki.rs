//! The test PKI: a root, a PEC CA built like AgID CA1 (name constraints over the provider
//! domains and organisations), its look-alikes, and provider signing certificates.
//!
//! Everything is deterministic: keys come from fixed seeds and are generated once per process,
//! certificates from fixed dates, so two runs write the same bytes.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock, PoisonError};

use const_oid::db::rfc3280::EMAIL_ADDRESS;
use const_oid::db::rfc5280::ID_KP_EMAIL_PROTECTION;
use const_oid::{AssociatedOid, ObjectIdentifier};
use der::asn1::{BitString, Ia5String};
use der::{Any, AnyRef, Decode, Encode, EncodePem, Reader, Sequence, SliceReader};
use p256::ecdsa::DerSignature;
use p256::ecdsa::signature::hazmat::PrehashSigner;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use rsa::RsaPrivateKey;
use rsa::signature::{Keypair, Signer};
use sha2::{Digest as _, Sha256};
use spki::{
    DynSignatureAlgorithmIdentifier, EncodePublicKey, SignatureBitStringEncoding,
    SubjectPublicKeyInfoOwned,
};
use x509_cert::Certificate;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::ext::pkix::constraints::name::GeneralSubtree;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    CertificatePolicies, ExtendedKeyUsage, NameConstraints, SubjectAltName,
    certpolicy::PolicyInformation,
};
use x509_cert::ext::{AsExtension, Extension};
use x509_cert::name::{Name, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Validity;

use crate::Digest;
use crate::encoding::replace_first;
use crate::time::{utc, x509};

/// Certificate policy of PEC provider certificates (DigitPA, then AgID).
pub const PEC_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.76.16.3.1.1");

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyAlgorithm {
    Rsa2048,
    EcdsaP256,
    /// As some DigitPA-era provider certificates had: accepted then, weak today.
    Rsa1024,
    /// Too short to vouch for anything (a 768-bit modulus was factored in 2009).
    Rsa512,
}

pub enum PrivateKey {
    Rsa(Box<RsaPrivateKey>),
    Ecdsa(p256::ecdsa::SigningKey),
}

impl PrivateKey {
    fn generate(algorithm: KeyAlgorithm, seed: u64) -> Self {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let bits = match algorithm {
            KeyAlgorithm::Rsa2048 => 2048,
            KeyAlgorithm::Rsa1024 => 1024,
            KeyAlgorithm::Rsa512 => 512,
            KeyAlgorithm::EcdsaP256 => {
                return Self::Ecdsa(p256::ecdsa::SigningKey::random(&mut rng));
            }
        };
        Self::Rsa(Box::new(
            RsaPrivateKey::new(&mut rng, bits).expect("an RSA key"),
        ))
    }

    pub fn public_key_info(&self) -> SubjectPublicKeyInfoOwned {
        match self {
            Self::Rsa(key) => SubjectPublicKeyInfoOwned::from_key(key.to_public_key()),
            Self::Ecdsa(key) => SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()),
        }
        .expect("an encodable public key")
    }

    /// The signature over `hashed`, a `digest` hash: PKCS#1 v1.5 or DER-encoded ECDSA.
    pub fn sign_prehash(&self, digest: Digest, hashed: &[u8]) -> Vec<u8> {
        match self {
            Self::Rsa(key) => key
                .sign(digest.pkcs1v15(), hashed)
                .expect("an RSA signature"),
            Self::Ecdsa(key) => {
                let signature: p256::ecdsa::Signature =
                    key.sign_prehash(hashed).expect("an ECDSA signature");
                signature.to_der().as_bytes().to_vec()
            }
        }
    }
}

/// The key for `seed`, generated on first use: RSA generation is slow, and every test of a
/// process shares the same few keys.
pub fn key(algorithm: KeyAlgorithm, seed: u64) -> &'static PrivateKey {
    type Cells = BTreeMap<(KeyAlgorithm, u64), &'static OnceLock<PrivateKey>>;
    static KEYS: Mutex<Cells> = Mutex::new(BTreeMap::new());
    // The map lock is held only to find the cell, so different keys generate in parallel.
    let cell: &'static OnceLock<PrivateKey> = KEYS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry((algorithm, seed))
        .or_insert_with(|| Box::leak(Box::default()));
    cell.get_or_init(|| PrivateKey::generate(algorithm, seed))
}

/// A PEC provider ("gestore"): its organisation, mail domain and key seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gestore {
    pub organization: &'static str,
    pub domain: &'static str,
    pub locality: &'static str,
    pub province: &'static str,
    seed: u64,
}

/// The sender's provider in the factory's messages.
pub const PROVA: Gestore = Gestore {
    organization: "Prova PEC S.p.A.",
    domain: "pec.prova.it",
    locality: "Roma",
    province: "Roma",
    seed: 10,
};

/// The recipient's provider.
pub const ALTRA: Gestore = Gestore {
    organization: "Altra PEC S.p.A.",
    domain: "pec.altra.it",
    locality: "Milano",
    province: "Milano",
    seed: 11,
};

/// A provider the PEC CA's name constraints do not list.
pub const ABUSIVO: Gestore = Gestore {
    organization: "Abusivo PEC S.r.l.",
    domain: "pec.abusivo.it",
    locality: "Napoli",
    province: "Napoli",
    seed: 12,
};

impl Gestore {
    /// The address its system messages come from and its certificate names.
    pub fn address(&self) -> String {
        format!("posta-certificata@{}", self.domain)
    }

    /// The directoryName subtree the PEC CA permits for it (C, ST, L, O, as AgID CA1 lists).
    fn organisation(&self) -> String {
        format!(
            "O={},L={},ST={},C=IT",
            self.organization, self.locality, self.province
        )
    }

    fn subject(&self) -> String {
        format!(
            "CN=Posta Certificata {},{}",
            self.organization,
            self.organisation()
        )
    }
}

const ROOT_SEED: u64 = 1;
const PEC_CA_SEED: u64 = 2;
const ROGUE_CA_SEED: u64 = 3;
const ROOT_NAME: &str = "CN=Test Root CA,O=Test Trust Services S.p.A.,L=Milano,C=IT";
/// Shaped like `CN=AgID CA1,OU=Area Soluzioni per la Pubblica Amministrazione,O=Agenzia per
/// l'Italia Digitale,L=Roma,C=IT`.
const PEC_CA_NAME: &str = "CN=Test PEC CA1,OU=Area Soluzioni per la Pubblica Amministrazione,\
                           O=Agenzia di Prova per l'Italia Digitale,L=Roma,C=IT";

/// Which CA issues a provider certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issuer {
    /// The pinned PEC CA.
    PecCa,
    /// The PEC CA's key and name in a certificate that expired before the messages were signed.
    ExpiredPecCa,
    /// A self-made CA with the PEC CA's names but another key.
    RogueCa,
}

/// The CA certificates, made once per process.
pub struct Pki {
    pub root: Certificate,
    pub pec_ca: Certificate,
    pub expired_pec_ca: Certificate,
    pub rogue_ca: Certificate,
}

pub fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(Pki::new)
}

fn name(text: &str) -> Name {
    Name::from_str(text).expect("a valid name")
}

impl Pki {
    fn new() -> Self {
        let root_key = key(KeyAlgorithm::Rsa2048, ROOT_SEED);
        let ca_key = key(KeyAlgorithm::Rsa2048, PEC_CA_SEED);
        // The same key type as the real CA: only the key itself tells them apart.
        let rogue_key = key(KeyAlgorithm::Rsa2048, ROGUE_CA_SEED);
        let root = issue(Issue {
            profile: Profile::Root,
            serial: 1,
            validity: (utc(2015, 1, 1, 0, 0, 0), utc(2045, 1, 1, 0, 0, 0)),
            subject: name(ROOT_NAME),
            key: root_key.public_key_info(),
            issuer_key: root_key,
            extensions: Vec::new(),
        });
        let sub_ca = |serial, validity| {
            issue(Issue {
                profile: Profile::SubCA {
                    issuer: name(ROOT_NAME),
                    path_len_constraint: Some(0),
                },
                serial,
                validity,
                subject: name(PEC_CA_NAME),
                key: ca_key.public_key_info(),
                issuer_key: root_key,
                extensions: vec![Extra::NameConstraints(name_constraints())],
            })
        };
        let pec_ca = sub_ca(2, (utc(2019, 6, 13, 0, 0, 0), utc(2034, 6, 13, 0, 0, 0)));
        let expired_pec_ca = sub_ca(3, (utc(2013, 1, 1, 0, 0, 0), utc(2023, 12, 31, 0, 0, 0)));
        let rogue_ca = issue(Issue {
            profile: Profile::Root,
            serial: 2,
            validity: (utc(2019, 6, 13, 0, 0, 0), utc(2034, 6, 13, 0, 0, 0)),
            subject: name(PEC_CA_NAME),
            key: rogue_key.public_key_info(),
            issuer_key: rogue_key,
            extensions: vec![Extra::NameConstraints(name_constraints())],
        });
        Self {
            root,
            pec_ca,
            expired_pec_ca,
            rogue_ca,
        }
    }

    /// SHA-256 of the PEC CA's SubjectPublicKeyInfo DER: what a `TrustStore` pins.
    pub fn pec_ca_pin(&self) -> [u8; 32] {
        let spki = self.pec_ca.tbs_certificate.subject_public_key_info.to_der();
        Sha256::digest(spki.expect("an encodable key")).into()
    }

    pub(crate) fn issuer(&self, issuer: Issuer) -> (&Certificate, &'static PrivateKey) {
        match issuer {
            Issuer::PecCa => (&self.pec_ca, key(KeyAlgorithm::Rsa2048, PEC_CA_SEED)),
            Issuer::ExpiredPecCa => (
                &self.expired_pec_ca,
                key(KeyAlgorithm::Rsa2048, PEC_CA_SEED),
            ),
            Issuer::RogueCa => (&self.rogue_ca, key(KeyAlgorithm::Rsa2048, ROGUE_CA_SEED)),
        }
    }
}

/// PEM text of a certificate.
pub fn pem(cert: &Certificate) -> String {
    cert.to_pem(der::pem::LineEnding::LF)
        .expect("an encodable certificate")
}

/// The permitted subtrees of the PEC CA: the mail domains and organisations of [`PROVA`] and
/// [`ALTRA`], not [`ABUSIVO`].
fn name_constraints() -> NameConstraints {
    let subtree = |base| GeneralSubtree {
        base,
        minimum: 0,
        maximum: None,
    };
    let gestori = [PROVA, ALTRA];
    let domains = gestori.iter().map(|g| {
        subtree(GeneralName::Rfc822Name(
            Ia5String::new(g.domain).expect("an ASCII domain"),
        ))
    });
    let organisations = gestori
        .iter()
        .map(|g| subtree(GeneralName::DirectoryName(name(&g.organisation()))));
    NameConstraints {
        permitted_subtrees: Some(domains.chain(organisations).collect()),
        excluded_subtrees: None,
    }
}

/// A provider signing certificate, as the PEC profile has it unless a knob says otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub gestore: Gestore,
    pub algorithm: KeyAlgorithm,
    /// The SAN rfc822Name.
    pub email: String,
    pub not_before: i64,
    pub not_after: i64,
    /// Carries the PEC policy OID.
    pub pec_policy: bool,
    pub issuer: Issuer,
    /// Carries a critical extension no verifier knows.
    pub unknown_critical_extension: bool,
    /// Carries `email` as the SAN rfc822Name, as the PEC profile has it; otherwise only as an
    /// emailAddress attribute of the subject.
    pub san: bool,
    /// The subject's last RDN holds two attributes (CN and OU), written out of DER's order,
    /// and the issuer signed those bytes: a genuine certificate that decoding and encoding again
    /// would break.
    pub unsorted_rdn: bool,
}

impl Leaf {
    /// Three years of validity around the factory's default message date (March 2024).
    pub fn new(gestore: Gestore, algorithm: KeyAlgorithm) -> Self {
        Self {
            gestore,
            algorithm,
            email: gestore.address(),
            not_before: utc(2023, 1, 1, 0, 0, 0),
            not_after: utc(2026, 1, 1, 0, 0, 0),
            pec_policy: true,
            issuer: Issuer::PecCa,
            unknown_critical_extension: false,
            san: true,
            unsorted_rdn: false,
        }
    }

    pub fn key(&self) -> &'static PrivateKey {
        key(self.algorithm, self.gestore.seed)
    }

    /// The issuing CA's certificate, as the CMS carries it next to the leaf.
    pub fn issuer_certificate(&self) -> Certificate {
        pki().issuer(self.issuer).0.clone()
    }

    pub fn certificate(&self) -> Certificate {
        Certificate::from_der(&self.der()).expect("a certificate just encoded")
    }

    /// The certificate's DER as its issuer signed it (with `unsorted_rdn`, not DER: see there).
    pub fn der(&self) -> Vec<u8> {
        let issued = self.issue();
        if self.unsorted_rdn {
            return self.with_unsorted_rdn(issued);
        }
        issued.to_der().expect("an encodable certificate")
    }

    /// `issued` with its subject's last RDN written in reverse order, signed again over those
    /// bytes by the same CA key.
    fn with_unsorted_rdn(&self, issued: Certificate) -> Vec<u8> {
        let rdn = issued.tbs_certificate.subject.0.last().expect("a CN");
        let sorted = rdn.to_der().expect("an encodable RDN");
        let tbs = issued.tbs_certificate.to_der().expect("an encodable TBS");
        let unsorted_tbs = replace_first(&tbs, &sorted, &reversed_set(&sorted));
        let (_, ca_key) = pki().issuer(self.issuer);
        let signature = ca_key.sign_prehash(Digest::Sha256, &Sha256::digest(&unsorted_tbs));
        let resigned = Certificate {
            signature: BitString::from_bytes(&signature).expect("a signature"),
            ..issued
        };
        let der = resigned.to_der().expect("an encodable certificate");
        replace_first(&der, &tbs, &unsorted_tbs)
    }

    fn subject(&self) -> Name {
        let mut subject = self.gestore.subject();
        if self.unsorted_rdn {
            // The CN comes first in the text: its RDN gets the second attribute.
            subject = subject.replacen(',', "+OU=Servizio PEC,", 1);
        }
        let mut subject = name(&subject);
        if !self.san {
            let email = Ia5String::new(&self.email).expect("an ASCII address");
            let attribute = AttributeTypeAndValue {
                oid: EMAIL_ADDRESS,
                value: Any::encode_from(&email).expect("an encodable address"),
            };
            let rdn = RelativeDistinguishedName::try_from(vec![attribute]).expect("one attribute");
            subject.0.push(rdn);
        }
        subject
    }

    /// The certificate as the builder signs it: DER throughout.
    fn issue(&self) -> Certificate {
        let (ca, ca_key) = pki().issuer(self.issuer);
        let mut extensions = Vec::new();
        if self.san {
            extensions.push(Extra::San(SubjectAltName(vec![GeneralName::Rfc822Name(
                Ia5String::new(&self.email).expect("an ASCII address"),
            )])));
        }
        extensions.push(Extra::Eku(ExtendedKeyUsage(vec![ID_KP_EMAIL_PROTECTION])));
        if self.pec_policy {
            extensions.push(Extra::Policies(CertificatePolicies(vec![
                PolicyInformation {
                    policy_identifier: PEC_POLICY,
                    policy_qualifiers: None,
                },
            ])));
        }
        if self.unknown_critical_extension {
            extensions.push(Extra::Unknown(UnknownCritical {
                note: Ia5String::new("no verifier knows this").expect("ASCII"),
            }));
        }
        // Distinct leaves get distinct serials, the same leaf always the same one.
        let serial = Sha256::digest(format!("{self:?}"));
        issue(Issue {
            profile: Profile::Leaf {
                issuer: ca.tbs_certificate.subject.clone(),
                enable_key_agreement: false,
                enable_key_encipherment: false,
            },
            serial: u64::from_be_bytes(serial[..8].try_into().unwrap_or_default()) >> 1,
            validity: (self.not_before, self.not_after),
            subject: self.subject(),
            key: self.key().public_key_info(),
            issuer_key: ca_key,
            extensions,
        })
    }
}

/// A SET OF's encoding with its elements in reverse order: BER, since DER sorts them.
fn reversed_set(set: &[u8]) -> Vec<u8> {
    let any = AnyRef::from_der(set).expect("a SET");
    let (header, content) = set.split_at(set.len() - any.value().len());
    let mut reader = SliceReader::new(content).expect("a SET's content");
    let mut elements = Vec::new();
    while !reader.is_finished() {
        let element = AnyRef::decode(&mut reader).expect("an element");
        elements.push(element.to_der().expect("an encodable element"));
    }
    elements.reverse();
    [header.to_vec(), elements.concat()].concat()
}

/// A private extension, marked critical: a verifier that does not know it must reject the
/// certificate (RFC 5280 §4.2).
#[derive(Clone, Debug, Sequence)]
struct UnknownCritical {
    note: Ia5String,
}

impl AssociatedOid for UnknownCritical {
    // Under the documentation arc of RFC 5612 (IANA enterprise 32473).
    const OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.32473.1.1");
}

impl AsExtension for UnknownCritical {
    fn critical(&self, _subject: &Name, _extensions: &[Extension]) -> bool {
        true
    }
}

/// The extensions a certificate gets beyond those of its builder profile.
enum Extra {
    NameConstraints(NameConstraints),
    San(SubjectAltName),
    Eku(ExtendedKeyUsage),
    Policies(CertificatePolicies),
    Unknown(UnknownCritical),
}

struct Issue {
    profile: Profile,
    serial: u64,
    validity: (i64, i64),
    subject: Name,
    key: SubjectPublicKeyInfoOwned,
    issuer_key: &'static PrivateKey,
    extensions: Vec<Extra>,
}

fn issue(issue: Issue) -> Certificate {
    match issue.issuer_key {
        PrivateKey::Rsa(key) => {
            let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(RsaPrivateKey::clone(key));
            issue_with::<_, rsa::pkcs1v15::Signature>(&signer, issue)
        }
        PrivateKey::Ecdsa(key) => issue_with::<_, DerSignature>(key, issue),
    }
}

fn issue_with<S, Signature>(signer: &S, issue: Issue) -> Certificate
where
    S: Keypair + DynSignatureAlgorithmIdentifier + Signer<Signature>,
    S::VerifyingKey: EncodePublicKey,
    Signature: SignatureBitStringEncoding,
{
    let validity = Validity {
        not_before: x509(issue.validity.0),
        not_after: x509(issue.validity.1),
    };
    let mut builder = CertificateBuilder::new(
        issue.profile,
        SerialNumber::from(issue.serial),
        validity,
        issue.subject,
        issue.key,
        signer,
    )
    .expect("a certificate builder");
    for extra in issue.extensions {
        match extra {
            Extra::NameConstraints(e) => builder.add_extension(&e),
            Extra::San(e) => builder.add_extension(&e),
            Extra::Eku(e) => builder.add_extension(&e),
            Extra::Policies(e) => builder.add_extension(&e),
            Extra::Unknown(e) => builder.add_extension(&e),
        }
        .expect("an encodable extension");
    }
    builder.build::<Signature>().expect("a signed certificate")
}
