//! Trust: the chain from a signer to a root, through a pinned PEC CA, valid at signing time.

use x509_cert::Certificate;

use crate::check::Check;

/// Roots and PEC CA pins. Data, so callers can extend it (and tests can replace it).
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    pub roots: Vec<Certificate>,
    /// SHA-256 of the SubjectPublicKeyInfo DER of each CA that issues PEC provider certificates.
    pub pec_ca_pins: Vec<[u8; 32]>,
    /// Extra certificates (intermediates) to build chains with.
    pub intermediates: Vec<Certificate>,
}

impl TrustStore {
    /// The public PEC trust: Actalis and Baltimore roots, AgID CA1 and DigitPA CA1 pins.
    pub fn pec() -> Self {
        Self::default()
    }
}

/// Builds and validates the chain for `signer` at `at` (Unix seconds). `pool` are the
/// certificates found in the CMS; `sender` is the message's From address.
pub fn validate(
    _store: &TrustStore,
    _signer: &Certificate,
    _pool: &[Certificate],
    _at: i64,
    _sender: Option<&str>,
) -> (Vec<Certificate>, Vec<Check>) {
    (Vec::new(), vec![Check::unproven("trust.chain")])
}
