//! The test factory: a PKI shaped like the PEC one and signed PEC messages of every kind, each
//! with knobs that break it the ways a verifier must notice. Test-only code; never depends on `pec`.
//!
//! Like rustls-webpki's generated certificates, the messages explain themselves: a test says
//! what it builds ([`Message::new`], then knobs) instead of editing opaque sample bytes.

pub mod crl;
pub mod encoding;
pub mod layout;
pub mod message;
pub mod outlook;
pub mod p7m;
pub mod pki;
pub mod sender;
pub mod sending;
pub mod smime;
pub mod time;
pub mod zip;

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912::{ID_SHA_1, ID_SHA_256};
use rsa::Pkcs1v15Sign;
use sha1::Sha1;
use sha2::{Digest as _, Sha256};

pub use crl::{Crl, Revoked, Scope};
pub use layout::{Injection, Layout};
pub use message::{
    Attachment, DaticertPart, Edit, ErroreConsegna, Facts, Failure, Kind, Message, Ricevuta,
};
pub use outlook::Saved;
pub use p7m::P7m;
pub use pki::{ABUSIVO, ALTRA, Gestore, Issuer, KeyAlgorithm, Leaf, PROVA, Pki, pki};
pub use smime::Ber;
pub use zip::{Bomb, Zip};

/// The digest of the CMS signature (`micalg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digest {
    Sha1,
    Sha256,
}

impl Digest {
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha1 => ID_SHA_1,
            Self::Sha256 => ID_SHA_256,
        }
    }

    pub fn hash(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha1 => Sha1::digest(data).to_vec(),
            Self::Sha256 => Sha256::digest(data).to_vec(),
        }
    }

    /// The `micalg` parameter of `multipart/signed` (RFC 5751 §3.4.3.2).
    pub fn micalg(self) -> &'static str {
        match self {
            Self::Sha1 => "sha1",
            Self::Sha256 => "sha-256",
        }
    }

    /// The name the verifier reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "sha1",
            Self::Sha256 => "sha256",
        }
    }

    fn pkcs1v15(self) -> Pkcs1v15Sign {
        match self {
            Self::Sha1 => Pkcs1v15Sign::new::<Sha1>(),
            Self::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
        }
    }
}
