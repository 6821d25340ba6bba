//! Trust: the chain from a signer to a root, through a pinned PEC CA, valid at signing time;
//! the built-in PEC trust store and the reading of extra anchors.

mod path;
mod policy;
mod read;
pub mod revocation;
#[cfg(test)]
mod tests;

use std::fmt;

pub use read::read_certificates;
pub use revocation::{Crl, CrlReport, read_crls};

use crate::certificate::{self, Cert, Links};
use crate::check::{Check, CheckId};

/// Roots and PEC CA pins. Data, so callers can extend it (and tests can replace it).
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    pub roots: Vec<Cert>,
    /// SHA-256 of the SubjectPublicKeyInfo DER of each CA that issues PEC provider certificates.
    pub pec_ca_pins: Vec<[u8; 32]>,
    /// Extra certificates (intermediates) to build chains with.
    pub intermediates: Vec<Cert>,
}

/// The roots of the two PEC CA eras, as Debian's ca-certificates ships them.
const ROOTS: [&str; 2] = [
    include_str!("../../anchors/actalis-authentication-root-ca.pem"),
    include_str!("../../anchors/baltimore-cybertrust-root.pem"),
];

/// AgID CA1 (2019 on; every re-issue keeps the key, hence a key pin rather than a certificate)
/// and DigitPA CA1 (about 2012 to 2018).
const PEC_CA_PINS: [[u8; 32]; 2] = [
    pin("39e3c6c6f13c9620775172694d20f81edad55a8613934cdaa7c3793a6d26b86b"),
    pin("c0b443b729bcf3e980d36ef980b035be7534a7c464671c7f51e30ad6f7519d25"),
];

// Evaluated at compile time only: a malformed pin fails the build, never a verification.
const fn pin(hex: &str) -> [u8; 32] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("a pin is lower-case hex"),
        }
    }
    let hex = hex.as_bytes();
    assert!(hex.len() == 64, "a pin is 32 bytes");
    let mut out = [0; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]);
        i += 1;
    }
    out
}

/// What a file handed over to judge trust with holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Object {
    Certificate,
    /// A certificate revocation list.
    Crl,
}

impl Object {
    fn name(self) -> &'static str {
        match self {
            Self::Certificate => "certificate",
            Self::Crl => "CRL",
        }
    }

    /// The PEM lines around one (RFC 7468).
    pub(crate) fn boundaries(self) -> (&'static str, &'static str) {
        match self {
            Self::Certificate => ("-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"),
            Self::Crl => ("-----BEGIN X509 CRL-----", "-----END X509 CRL-----"),
        }
    }
}

/// Why extra anchors or revocation lists could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrustError {
    /// The input holds none.
    NotFound(Object),
    /// Number `index` (from 1) cannot be read.
    Malformed {
        object: Object,
        index: usize,
        reason: String,
    },
}

impl fmt::Display for TrustError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound(object) => {
                write!(f, "no {} found (expected PEM or DER)", object.name())
            }
            Self::Malformed {
                object,
                index,
                reason,
            } => write!(f, "{} {index} cannot be read: {reason}", object.name()),
        }
    }
}

impl std::error::Error for TrustError {}

impl TrustStore {
    /// The public PEC trust: Actalis and Baltimore roots, AgID CA1 and DigitPA CA1 pins.
    pub fn pec() -> Self {
        Self {
            roots: ROOTS
                .iter()
                .filter_map(|pem| read_certificates(pem.as_bytes()).ok())
                .flatten()
                .collect(),
            pec_ca_pins: PEC_CA_PINS.to_vec(),
            intermediates: Vec::new(),
        }
    }

    /// Adds the certificates of a file, PEM (any number of them) or DER (one): each
    /// self-signed one as a root, every other one as a pinned PEC CA that also serves as an
    /// intermediate. Returns how many.
    pub fn add_certificates(&mut self, file: &[u8]) -> Result<usize, TrustError> {
        let certificates = read_certificates(file)?;
        let count = certificates.len();
        for cert in certificates {
            if certificate::is_self_signed(&cert) {
                self.roots.push(cert);
            } else {
                self.pec_ca_pins.extend(certificate::spki_sha256(&cert));
                self.intermediates.push(cert);
            }
        }
        Ok(count)
    }

    fn is_root(&self, cert: &Cert) -> bool {
        self.roots.iter().any(|root| root == cert)
    }
}

/// Builds and validates the chain for `signer` at `at` (Unix seconds). `pool` are the
/// certificates found in the CMS; `links` the certificate links verified before, which it
/// adds to.
///
/// The chain is returned only when it reaches a root of `store`; the checks judge the best
/// path found either way.
pub fn validate(
    store: &TrustStore,
    signer: &Cert,
    pool: &[Cert],
    at: i64,
    links: &mut Links,
) -> (Vec<Cert>, Vec<Check>) {
    let Some(best) = path::best(store, signer, pool, at, links) else {
        // The search always records the signer's own path; this only keeps the function total.
        return (Vec::new(), vec![Check::indeterminate(CheckId::TrustChain)]);
    };
    let path = &best.path;
    let mut checks = vec![policy::chain_check(&best)];
    if path.len() > 1 || best.complete {
        checks.push(policy::signatures_check(&best));
    }
    checks.push(policy::pec_ca_check(best.pinned));
    checks.push(policy::validity_check(path, at));
    checks.push(policy::key_size_check(path));
    if path.len() > 1 {
        checks.push(policy::basic_constraints_check(path, store));
    }
    checks.push(policy::pec_policy_check(signer));
    checks.push(policy::key_usage_check(signer));
    checks.push(policy::provider_email_check(signer));
    checks.push(policy::name_constraints_check(path));
    checks.push(policy::critical_extensions_check(path, best.complete));

    let chain = if best.complete {
        path.iter().map(|&c| c.clone()).collect()
    } else {
        Vec::new()
    };
    (chain, checks)
}

/// What the revocation lists `crls` say of the signer of `chain` (from the signer up, as
/// [`validate`] returns it) at `at`: judged only when the chain is trusted and its second
/// certificate, the signer's issuer, is a pinned PEC CA; otherwise revocation is not checked.
pub fn revocation(
    store: &TrustStore,
    crls: &[Crl],
    chain: &[Cert],
    at: i64,
    links: &mut Links,
) -> Check {
    match chain {
        [signer, ca, ..]
            if certificate::spki_sha256(ca).is_some_and(|pin| store.pec_ca_pins.contains(&pin)) =>
        {
            revocation::judge(crls, signer, ca, at, links)
        }
        _ => Check::info(CheckId::TrustRevocationNotChecked),
    }
}
