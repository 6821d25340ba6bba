//! Digest and signature algorithms named by OID: the one place that maps an
//! AlgorithmIdentifier to RustCrypto code, for CMS and certificate signatures alike.

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912::{
    ECDSA_WITH_SHA_224, ECDSA_WITH_SHA_256, ECDSA_WITH_SHA_384, ECDSA_WITH_SHA_512,
    ID_EC_PUBLIC_KEY, ID_MGF_1, ID_RSASSA_PSS, ID_SHA_1, ID_SHA_224, ID_SHA_256, ID_SHA_384,
    ID_SHA_512, RSA_ENCRYPTION, SHA_1_WITH_RSA_ENCRYPTION, SHA_224_WITH_RSA_ENCRYPTION,
    SHA_256_WITH_RSA_ENCRYPTION, SHA_384_WITH_RSA_ENCRYPTION, SHA_512_WITH_RSA_ENCRYPTION,
};
use der::referenced::OwnedToRef;
use der::{Any, Decode};
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use p256::ecdsa::{DerSignature, VerifyingKey};
use rsa::pkcs1::{DecodeRsaPublicKey, RsaPssParams};
use rsa::pss::Pss;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha1::Sha1;
use sha2::{Sha224, Sha256, Sha384, Sha512};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use crate::progress::Meter;

#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub enum DigestAlgorithm {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

const DIGESTS: [(ObjectIdentifier, DigestAlgorithm); 5] = [
    (ID_SHA_1, DigestAlgorithm::Sha1),
    (ID_SHA_224, DigestAlgorithm::Sha224),
    (ID_SHA_256, DigestAlgorithm::Sha256),
    (ID_SHA_384, DigestAlgorithm::Sha384),
    (ID_SHA_512, DigestAlgorithm::Sha512),
];

impl DigestAlgorithm {
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        DIGESTS
            .iter()
            .find(|(known, _)| known == oid)
            .map(|&(_, digest)| digest)
    }

    /// The report's name: `sha1`, `sha224`, `sha256`, `sha384`, `sha512`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "sha1",
            Self::Sha224 => "sha224",
            Self::Sha256 => "sha256",
            Self::Sha384 => "sha384",
            Self::Sha512 => "sha512",
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        self.digest_told(data, &mut Meter::silent())
    }

    /// [`Self::digest`], the bytes hashed counted on `meter`.
    pub fn digest_told(self, data: &[u8], meter: &mut Meter) -> Vec<u8> {
        match self {
            Self::Sha1 => meter.digest::<Sha1>(data).to_vec(),
            Self::Sha224 => meter.digest::<Sha224>(data).to_vec(),
            Self::Sha256 => meter.digest::<Sha256>(data).to_vec(),
            Self::Sha384 => meter.digest::<Sha384>(data).to_vec(),
            Self::Sha512 => meter.digest::<Sha512>(data).to_vec(),
        }
    }

    fn pkcs1v15(self) -> Pkcs1v15Sign {
        match self {
            Self::Sha1 => Pkcs1v15Sign::new::<Sha1>(),
            Self::Sha224 => Pkcs1v15Sign::new::<Sha224>(),
            Self::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
            Self::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
            Self::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        }
    }

    /// PSS with MGF1 over the same digest, the only combination the rsa crate offers.
    fn pss(self, salt_len: usize) -> Pss {
        match self {
            Self::Sha1 => Pss::new_with_salt::<Sha1>(salt_len),
            Self::Sha224 => Pss::new_with_salt::<Sha224>(salt_len),
            Self::Sha256 => Pss::new_with_salt::<Sha256>(salt_len),
            Self::Sha384 => Pss::new_with_salt::<Sha384>(salt_len),
            Self::Sha512 => Pss::new_with_salt::<Sha512>(salt_len),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub enum Scheme {
    RsaPkcs1v15,
    RsaPss { salt_len: u8 },
    EcdsaP256,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub struct SignatureAlgorithm {
    pub scheme: Scheme,
    pub digest: DigestAlgorithm,
}

/// Signature OIDs; those without a digest are bare key algorithms, which CMS allows in
/// `signatureAlgorithm` with the digest named by `digestAlgorithm` (the PEC providers do so).
/// ecdsa-with-SHA1 (RFC 3279), absent from const-oid's tables.
const ECDSA_WITH_SHA_1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");

const SIGNATURES: [(ObjectIdentifier, Scheme, Option<DigestAlgorithm>); 12] = [
    (RSA_ENCRYPTION, Scheme::RsaPkcs1v15, None),
    (
        SHA_1_WITH_RSA_ENCRYPTION,
        Scheme::RsaPkcs1v15,
        Some(DigestAlgorithm::Sha1),
    ),
    (
        SHA_224_WITH_RSA_ENCRYPTION,
        Scheme::RsaPkcs1v15,
        Some(DigestAlgorithm::Sha224),
    ),
    (
        SHA_256_WITH_RSA_ENCRYPTION,
        Scheme::RsaPkcs1v15,
        Some(DigestAlgorithm::Sha256),
    ),
    (
        SHA_384_WITH_RSA_ENCRYPTION,
        Scheme::RsaPkcs1v15,
        Some(DigestAlgorithm::Sha384),
    ),
    (
        SHA_512_WITH_RSA_ENCRYPTION,
        Scheme::RsaPkcs1v15,
        Some(DigestAlgorithm::Sha512),
    ),
    (ID_EC_PUBLIC_KEY, Scheme::EcdsaP256, None),
    (
        ECDSA_WITH_SHA_1,
        Scheme::EcdsaP256,
        Some(DigestAlgorithm::Sha1),
    ),
    (
        ECDSA_WITH_SHA_224,
        Scheme::EcdsaP256,
        Some(DigestAlgorithm::Sha224),
    ),
    (
        ECDSA_WITH_SHA_256,
        Scheme::EcdsaP256,
        Some(DigestAlgorithm::Sha256),
    ),
    (
        ECDSA_WITH_SHA_384,
        Scheme::EcdsaP256,
        Some(DigestAlgorithm::Sha384),
    ),
    (
        ECDSA_WITH_SHA_512,
        Scheme::EcdsaP256,
        Some(DigestAlgorithm::Sha512),
    ),
];

impl SignatureAlgorithm {
    /// The algorithm `identifier` names; `digest` completes a bare key algorithm. `None` when
    /// unsupported.
    pub fn from_identifier(
        identifier: &AlgorithmIdentifierOwned,
        digest: Option<DigestAlgorithm>,
    ) -> Option<Self> {
        if identifier.oid == ID_RSASSA_PSS {
            return pss_parameters(identifier.parameters.as_ref());
        }
        let &(_, scheme, named) = SIGNATURES.iter().find(|(oid, ..)| *oid == identifier.oid)?;
        Some(Self {
            scheme,
            digest: named.or(digest)?,
        })
    }

    /// The report's name: `rsa-pkcs1v15`, `rsa-pss`, `ecdsa-p256`.
    pub fn name(self) -> &'static str {
        match self.scheme {
            Scheme::RsaPkcs1v15 => "rsa-pkcs1v15",
            Scheme::RsaPss { .. } => "rsa-pss",
            Scheme::EcdsaP256 => "ecdsa-p256",
        }
    }
}

// Absent parameters mean RFC 4055's defaults (SHA-1, MGF1 with SHA-1, 20 bytes of salt).
fn pss_parameters(parameters: Option<&Any>) -> Option<SignatureAlgorithm> {
    let params: RsaPssParams<'_> = match parameters {
        Some(any) => any.decode_as().ok()?,
        None => RsaPssParams::default(),
    };
    let digest = DigestAlgorithm::from_oid(&params.hash.oid)?;
    let mgf_digest = params.mask_gen.parameters.map(|p| p.oid);
    (params.mask_gen.oid == ID_MGF_1 && mgf_digest == Some(params.hash.oid)).then_some(
        SignatureAlgorithm {
            scheme: Scheme::RsaPss {
                salt_len: params.salt_len,
            },
            digest,
        },
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureError {
    /// The signature algorithm is not one implemented here.
    UnsupportedAlgorithm,
    /// The key is of a type the algorithm cannot use, or one not supported here.
    UnsupportedKey,
    /// The signature does not verify with the key.
    Invalid,
}

/// Verifies `signature` over `message` (not yet hashed) with `key`.
pub fn verify(
    algorithm: SignatureAlgorithm,
    key: &SubjectPublicKeyInfoOwned,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    let hashed = algorithm.digest.digest(message);
    let verified = match algorithm.scheme {
        Scheme::RsaPkcs1v15 => rsa_key(key)?
            .verify(algorithm.digest.pkcs1v15(), &hashed, signature)
            .is_ok(),
        Scheme::RsaPss { salt_len } => rsa_key(key)?
            .verify(algorithm.digest.pss(salt_len.into()), &hashed, signature)
            .is_ok(),
        Scheme::EcdsaP256 => {
            let key = VerifyingKey::try_from(key.owned_to_ref())
                .map_err(|_| SignatureError::UnsupportedKey)?;
            DerSignature::from_bytes(signature)
                .is_ok_and(|signature| key.verify_prehash(&hashed, &signature).is_ok())
        }
    };
    verified.then_some(()).ok_or(SignatureError::Invalid)
}

fn rsa_key(key: &SubjectPublicKeyInfoOwned) -> Result<RsaPublicKey, SignatureError> {
    if !is_rsa(key) {
        return Err(SignatureError::UnsupportedKey);
    }
    key.subject_public_key
        .as_bytes()
        .and_then(|der| RsaPublicKey::from_pkcs1_der(der).ok())
        .ok_or(SignatureError::UnsupportedKey)
}

fn is_rsa(key: &SubjectPublicKeyInfoOwned) -> bool {
    key.algorithm.oid == RSA_ENCRYPTION || key.algorithm.oid == ID_RSASSA_PSS
}

/// The length in bits of an RSA key's modulus; `None` for another kind of key or an unreadable
/// one. Read from the PKCS#1 structure alone: sizes the rsa crate refuses are measured too.
pub fn rsa_bits(key: &SubjectPublicKeyInfoOwned) -> Option<usize> {
    let der = key.subject_public_key.as_bytes().filter(|_| is_rsa(key))?;
    let modulus = rsa::pkcs1::RsaPublicKey::from_der(der).ok()?.modulus;
    // The big-endian bytes without their leading zeros.
    let bytes = modulus.as_bytes();
    let top = bytes.first()?;
    Some(bytes.len() * 8 - top.leading_zeros() as usize)
}

#[cfg(test)]
mod tests {
    use const_oid::db::rfc5912::SECP_256_R_1;
    use der::asn1::BitString;
    use p256::ecdsa::SigningKey;
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    use rsa::pkcs1::RsaPssParams;

    use super::*;

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    fn identifier(oid: ObjectIdentifier, parameters: Option<Any>) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned { oid, parameters }
    }

    fn pss_identifier(params: &RsaPssParams<'_>) -> AlgorithmIdentifierOwned {
        identifier(ID_RSASSA_PSS, Some(Any::encode_from(params).unwrap()))
    }

    // openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024; printf PEC | openssl dgst
    // -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256
    const PSS_KEY: &str = "30819f300d06092a864886f70d010101050003818d0030818902818100c188d1270e39e1822ec93864646624d84ff7bb757a38a36a2658104d39029cb727d02f5708c5677c5c9d32776e1c2fcfdd4b44169e00c0dea32c8b66247608df18d9df6c914f15741cac229ea637683059240934fbc40d8ecea5a7867c45eb576f5cb5d1f877c0f9c1bdd46507a97c7fa0ee8df9bc75b0a2adc4e92b5dec0be70203010001";
    const PSS_SIGNATURE: &str = "5c3233be0f8abb1e17f20d364b76402c65d38db512b81e444fe5c986d8cd4487d6404740e9bb8e146da7813050b5069d7c071612814249b280748c648a52328517bfd642427172016f7218af8782bf5834521d216ba5f70efae2f922b991772ac7b5d9094b6a66d8446d0eb2648efc87062dc4c6139fa617b88163e4881d956a";

    #[test]
    fn digests_are_named_by_their_oids() {
        for (oid, digest) in DIGESTS {
            assert_eq!(DigestAlgorithm::from_oid(&oid), Some(digest));
        }
        assert_eq!(DigestAlgorithm::from_oid(&RSA_ENCRYPTION), None);
        assert_eq!(
            DigestAlgorithm::Sha1.digest(b"abc"),
            unhex("a9993e364706816aba3e25717850c26c9cd0d89d")
        );
        assert_eq!(DigestAlgorithm::Sha512.digest(b"").len(), 64);
    }

    #[test]
    fn a_bare_key_algorithm_takes_the_cms_digest() {
        let rsa = identifier(RSA_ENCRYPTION, None);
        assert_eq!(SignatureAlgorithm::from_identifier(&rsa, None), None);
        let algorithm =
            SignatureAlgorithm::from_identifier(&rsa, Some(DigestAlgorithm::Sha1)).unwrap();
        assert_eq!(
            (algorithm.name(), algorithm.digest),
            ("rsa-pkcs1v15", DigestAlgorithm::Sha1)
        );
        // A named digest wins over the CMS one.
        let sha256 = identifier(SHA_256_WITH_RSA_ENCRYPTION, None);
        let algorithm =
            SignatureAlgorithm::from_identifier(&sha256, Some(DigestAlgorithm::Sha1)).unwrap();
        assert_eq!(algorithm.digest, DigestAlgorithm::Sha256);
        assert_eq!(
            SignatureAlgorithm::from_identifier(&identifier(ID_SHA_1, None), None),
            None
        );
    }

    #[test]
    fn rsa_pss_verifies_with_its_parameters() {
        let key = SubjectPublicKeyInfoOwned::from_der(&unhex(PSS_KEY)).unwrap();
        let signature = unhex(PSS_SIGNATURE);
        let algorithm = SignatureAlgorithm::from_identifier(
            &pss_identifier(&RsaPssParams::new::<Sha256>(32)),
            None,
        )
        .unwrap();
        assert_eq!(algorithm.name(), "rsa-pss");
        assert_eq!(verify(algorithm, &key, b"PEC", &signature), Ok(()));
        assert_eq!(
            verify(algorithm, &key, b"PEc", &signature),
            Err(SignatureError::Invalid)
        );
        let wrong_salt = SignatureAlgorithm {
            scheme: Scheme::RsaPss { salt_len: 20 },
            ..algorithm
        };
        assert_eq!(
            verify(wrong_salt, &key, b"PEC", &signature),
            Err(SignatureError::Invalid)
        );

        // Defaults are SHA-1 throughout; a different MGF1 digest is not supported.
        let defaults = SignatureAlgorithm::from_identifier(&identifier(ID_RSASSA_PSS, None), None);
        assert_eq!(
            defaults.map(|a| (a.digest, a.scheme)),
            Some((DigestAlgorithm::Sha1, Scheme::RsaPss { salt_len: 20 }))
        );
        let mut mixed = RsaPssParams::new::<Sha256>(32);
        mixed.hash.oid = ID_SHA_384;
        assert_eq!(
            SignatureAlgorithm::from_identifier(&pss_identifier(&mixed), None),
            None
        );
    }

    #[test]
    fn rsa_keys_are_measured_in_bits() {
        let key = SubjectPublicKeyInfoOwned::from_der(&unhex(PSS_KEY)).unwrap();
        assert_eq!(rsa_bits(&key), Some(1024));
        let ec = SubjectPublicKeyInfoOwned {
            algorithm: identifier(ID_EC_PUBLIC_KEY, None),
            ..key.clone()
        };
        assert_eq!(rsa_bits(&ec), None);
        let garbled = SubjectPublicKeyInfoOwned {
            subject_public_key: BitString::from_bytes(b"not a key").unwrap(),
            ..key
        };
        assert_eq!(rsa_bits(&garbled), None);
    }

    #[test]
    fn ecdsa_p256_verifies_der_signatures() {
        let signing = SigningKey::from_slice(&[7; 32]).unwrap();
        let point = signing.verifying_key().to_encoded_point(false);
        let key = SubjectPublicKeyInfoOwned {
            algorithm: identifier(
                ID_EC_PUBLIC_KEY,
                Some(Any::encode_from(&SECP_256_R_1).unwrap()),
            ),
            subject_public_key: BitString::from_bytes(point.as_bytes()).unwrap(),
        };
        let hashed = DigestAlgorithm::Sha256.digest(b"PEC");
        let signature: p256::ecdsa::Signature = signing.sign_prehash(&hashed).unwrap();
        let der = signature.to_der().as_bytes().to_vec();
        let algorithm =
            SignatureAlgorithm::from_identifier(&identifier(ECDSA_WITH_SHA_256, None), None)
                .unwrap();
        assert_eq!(algorithm.name(), "ecdsa-p256");
        assert_eq!(verify(algorithm, &key, b"PEC", &der), Ok(()));
        assert_eq!(
            verify(algorithm, &key, b"PEc", &der),
            Err(SignatureError::Invalid)
        );
        assert_eq!(
            verify(algorithm, &key, b"PEC", &der[1..]),
            Err(SignatureError::Invalid)
        );

        // Keys and algorithms must belong together.
        let rsa = SubjectPublicKeyInfoOwned::from_der(&unhex(PSS_KEY)).unwrap();
        assert_eq!(
            verify(algorithm, &rsa, b"PEC", &der),
            Err(SignatureError::UnsupportedKey)
        );
        let pkcs1 = SignatureAlgorithm {
            scheme: Scheme::RsaPkcs1v15,
            digest: DigestAlgorithm::Sha256,
        };
        assert_eq!(
            verify(pkcs1, &key, b"PEC", &der),
            Err(SignatureError::UnsupportedKey)
        );
    }
}
