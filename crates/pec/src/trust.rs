//! Trust: the chain from a signer to a root, through a pinned PEC CA, valid at signing time;
//! the built-in PEC trust store and the reading of extra anchors.

use std::fmt;

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280::{
    ANY_EXTENDED_KEY_USAGE, ID_CE_BASIC_CONSTRAINTS, ID_CE_CERTIFICATE_POLICIES,
    ID_CE_EXT_KEY_USAGE, ID_CE_KEY_USAGE, ID_CE_NAME_CONSTRAINTS, ID_CE_SUBJECT_ALT_NAME,
    ID_KP_EMAIL_PROTECTION,
};
use x509_cert::Certificate;
use x509_cert::ext::pkix::constraints::name::GeneralSubtree;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    BasicConstraints, CertificatePolicies, ExtendedKeyUsage, KeyUsage, NameConstraints,
};
use x509_cert::name::Name;

use crate::algorithm::{self, SignatureError};
use crate::certificate::{self, Cert, Links, extension};
use crate::check::{Check, CheckId, Fault, Param};
use crate::time::Timestamp;

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
    include_str!("../anchors/actalis-authentication-root-ca.pem"),
    include_str!("../anchors/baltimore-cybertrust-root.pem"),
];

/// AgID CA1 (2019 on; every re-issue keeps the key, hence a key pin rather than a certificate)
/// and DigitPA CA1 (about 2012 to 2018).
const PEC_CA_PINS: [[u8; 32]; 2] = [
    pin("39e3c6c6f13c9620775172694d20f81edad55a8613934cdaa7c3793a6d26b86b"),
    pin("c0b443b729bcf3e980d36ef980b035be7534a7c464671c7f51e30ad6f7519d25"),
];

/// Certificate policy of PEC provider certificates (DigitPA, then AgID).
const PEC_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.76.16.3.1.1");

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

/// Why extra anchors could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrustError {
    /// The input holds no certificate.
    NoCertificate,
    /// Certificate number `index` (from 1) is not a valid certificate.
    Malformed { index: usize, reason: String },
}

impl fmt::Display for TrustError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoCertificate => f.write_str("no certificate found (expected PEM or DER)"),
            Self::Malformed { index, reason } => {
                write!(f, "certificate {index} cannot be read: {reason}")
            }
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

    /// Adds the certificates of a PEM (or DER) file: each self-signed one as a root, every
    /// other one as a pinned PEC CA that also serves as an intermediate. Returns how many.
    pub fn add_pem(&mut self, pem: &[u8]) -> Result<usize, TrustError> {
        let certificates = read_certificates(pem)?;
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
}

/// Every `CERTIFICATE` block of a PEM text, ignoring text around them; or one DER certificate.
pub fn read_certificates(input: &[u8]) -> Result<Vec<Cert>, TrustError> {
    const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
    const END: &[u8] = b"-----END CERTIFICATE-----";
    let find = |haystack: &[u8], needle: &[u8]| {
        haystack
            .windows(needle.len())
            .position(|window| window == needle)
    };
    let malformed = |index: usize, error: der::Error| TrustError::Malformed {
        index,
        reason: error.to_string(),
    };

    if find(input, BEGIN).is_none() {
        return match input.first() {
            Some(0x30) => Cert::from_der(input)
                .map(|c| vec![c])
                .map_err(|e| malformed(1, e)),
            _ => Err(TrustError::NoCertificate),
        };
    }
    let mut certificates = Vec::new();
    let mut rest = input;
    while let Some(block) = find(rest, BEGIN).and_then(|start| rest.get(start..)) {
        let index = certificates.len() + 1;
        let (pem, after) = find(block, END)
            .and_then(|end| block.split_at_checked(end + END.len()))
            .ok_or(TrustError::Malformed {
                index,
                reason: "no END line".to_owned(),
            })?;
        // PEM to DER first, then the one DER decoder the CMS path uses too: decoding straight
        // from PEM would build a second certificate decoder into the page.
        let (_label, der) = pem_rfc7468::decode_vec(pem).map_err(|e| malformed(index, e.into()))?;
        certificates.push(Cert::from_der(&der).map_err(|e| malformed(index, e))?);
        rest = after;
    }
    Ok(certificates)
}

/// Builds and validates the chain for `signer` at `at` (Unix seconds). `pool` are the
/// certificates found in the CMS; `sender` is the message's From address; `links` the
/// certificate links verified before, which it adds to.
///
/// The chain is returned only when it reaches a root of `store`; the checks judge the best
/// path found either way.
pub fn validate(
    store: &TrustStore,
    signer: &Cert,
    pool: &[Cert],
    at: i64,
    sender: Option<&str>,
    links: &mut Links,
) -> (Vec<Cert>, Vec<Check>) {
    let candidates: Vec<&Cert> = pool
        .iter()
        .chain(&store.intermediates)
        .chain(&store.roots)
        .collect();
    let mut paths = Vec::new();
    let mut budget = MAX_CANDIDATES;
    let mut search = Search {
        candidates: &candidates,
        store,
        found: &mut paths,
        budget: &mut budget,
        links,
    };
    search.extend(&mut vec![signer], None);
    let Some(best) = paths
        .into_iter()
        .map(|path| Assessment::of(path, store, at))
        .max_by_key(Assessment::rank)
    else {
        // `extend` always records the signer's own path; this only keeps the function total.
        return (Vec::new(), vec![Check::indeterminate(CheckId::TrustChain)]);
    };

    let path = &best.path;
    let mut checks = vec![chain_check(&best)];
    if path.len() > 1 || best.complete {
        checks.push(signatures_check(&best));
    }
    checks.push(match best.pinned {
        Some(ca) => Check::pass(CheckId::TrustPecCa).with(Param::Ca, subject(ca)),
        None => Check::indeterminate(CheckId::TrustPecCa),
    });
    checks.push(validity_check(path, at));
    checks.push(key_size_check(path));
    if path.len() > 1 {
        checks.push(basic_constraints_check(path, store));
    }
    checks.push(policy_check(signer));
    checks.push(key_usage_check(signer));
    checks.push(provider_email_check(signer));
    checks.push(name_constraints_check(path));
    checks.push(critical_extensions_check(path, best.complete));
    checks.push(sender_check(signer, sender));

    let chain = if best.complete {
        path.iter().map(|&c| c.clone()).collect()
    } else {
        Vec::new()
    };
    (chain, checks)
}

/// The extensions this module acts on. RFC 5280 §4.2: a certificate with a critical extension
/// the verifier does not process must be rejected.
const PROCESSED_EXTENSIONS: [ObjectIdentifier; 6] = [
    ID_CE_BASIC_CONSTRAINTS,
    ID_CE_KEY_USAGE,
    ID_CE_EXT_KEY_USAGE,
    ID_CE_CERTIFICATE_POLICIES,
    ID_CE_NAME_CONSTRAINTS,
    ID_CE_SUBJECT_ALT_NAME,
];

/// Every certificate below the root carries only critical extensions this module processes
/// (a root is trusted as it is).
fn critical_extensions_check(path: &[&Cert], complete: bool) -> Check {
    let below_root = if complete {
        &path[..path.len().saturating_sub(1)]
    } else {
        path
    };
    let unknown = below_root.iter().find_map(|cert| {
        let extensions = cert
            .tbs_certificate
            .extensions
            .as_deref()
            .unwrap_or_default();
        extensions
            .iter()
            .find(|e| e.critical && !PROCESSED_EXTENSIONS.contains(&e.extn_id))
            .map(|e| (subject(cert), e.extn_id))
    });
    match unknown {
        None => Check::pass(CheckId::TrustCriticalExtensions),
        Some((certificate, oid)) => Check::indeterminate(CheckId::TrustCriticalExtensions)
            .with(Param::Certificate, certificate)
            .with(Param::Extension, oid.to_string()),
    }
}

/// Longest path tried: leaf, a few intermediates, root.
const MAX_DEPTH: usize = 6;
/// Issuer candidates tried in all, so crafted certificate sets cannot make the search explode.
const MAX_CANDIDATES: usize = 64;

/// The first link of a path whose signature does not verify: the certificate and why.
type BadLink<'a> = Option<(&'a Cert, SignatureError)>;

/// The search for paths from a signer to a root.
struct Search<'a, 's> {
    candidates: &'s [&'a Cert],
    store: &'s TrustStore,
    /// Every path found, with its first bad link.
    found: &'s mut Vec<(Vec<&'a Cert>, BadLink<'a>)>,
    /// Issuer candidates still to try.
    budget: &'s mut usize,
    links: &'s mut Links,
}

impl<'a> Search<'a, '_> {
    /// Records every path from `path` up to a root of the store, and the dead ends, each with
    /// its first bad link. Each link is verified once, as the path grows; none past a bad one.
    fn extend(&mut self, path: &mut Vec<&'a Cert>, bad_link: BadLink<'a>) {
        let Some(&last) = path.last() else { return };
        let issuers: Vec<&'a Cert> = self
            .candidates
            .iter()
            .copied()
            .filter(|c| {
                certificate::same_name(&c.tbs_certificate.subject, &last.tbs_certificate.issuer)
                    && !path.contains(c)
            })
            .collect();
        // Every prefix is a candidate: a look-alike CA may name a real one as its issuer, and
        // the intact path that stops at the look-alike is the one that tells the truth.
        self.found.push((path.clone(), bad_link));
        if is_root(self.store, last) || path.len() >= MAX_DEPTH {
            return;
        }
        for issuer in issuers {
            if *self.budget == 0 {
                return;
            }
            *self.budget -= 1;
            let link =
                bad_link.or_else(|| self.links.verify(last, issuer).err().map(|e| (last, e)));
            path.push(issuer);
            self.extend(path, link);
            path.pop();
        }
    }
}

fn is_root(store: &TrustStore, cert: &Cert) -> bool {
    store.roots.iter().any(|root| root == cert)
}

/// What a candidate path is worth, for choosing among several and for reporting.
struct Assessment<'a> {
    path: Vec<&'a Cert>,
    complete: bool,
    bad_link: BadLink<'a>,
    pinned: Option<&'a Cert>,
    all_valid: bool,
}

impl<'a> Assessment<'a> {
    fn of((path, bad_link): (Vec<&'a Cert>, BadLink<'a>), store: &TrustStore, at: i64) -> Self {
        let complete = path.last().is_some_and(|&last| is_root(store, last));
        let pinned = path.iter().skip(1).copied().find(|ca| {
            certificate::spki_sha256(ca).is_some_and(|pin| store.pec_ca_pins.contains(&pin))
        });
        let all_valid = path.iter().all(|cert| valid_at(cert, at));
        Self {
            path,
            complete,
            bad_link,
            pinned,
            all_valid,
        }
    }

    // A path with verified links and no broken one comes first: it says who really issued the
    // certificate, even when it ends at an unknown CA rather than at a known root. A lone leaf
    // proves nothing, so a leaf whose claimed issuer did not sign it still fails on that link.
    fn rank(&self) -> (bool, bool, bool, bool, bool) {
        let intact = self.bad_link.is_none();
        (
            intact && self.path.len() > 1,
            self.complete,
            intact,
            self.pinned.is_some(),
            self.all_valid,
        )
    }
}

fn valid_at(cert: &Certificate, at: i64) -> bool {
    let (not_before, not_after) = certificate::validity(cert);
    (not_before..=not_after).contains(&at)
}

fn subject(cert: &Certificate) -> String {
    certificate::name_text(&cert.tbs_certificate.subject)
}

fn chain_check(best: &Assessment<'_>) -> Check {
    match best.path.last() {
        Some(root) if best.complete => {
            Check::pass(CheckId::TrustChain).with(Param::Root, subject(root))
        }
        Some(last) => Check::indeterminate(CheckId::TrustChain).with(
            Param::Issuer,
            certificate::name_text(&last.tbs_certificate.issuer),
        ),
        None => Check::indeterminate(CheckId::TrustChain),
    }
}

fn signatures_check(best: &Assessment<'_>) -> Check {
    match best.bad_link {
        None => Check::pass(CheckId::TrustCertificateSignatures),
        Some((cert, SignatureError::Invalid)) => {
            Check::fail(CheckId::TrustCertificateSignatures).with(Param::Certificate, subject(cert))
        }
        Some((cert, SignatureError::UnsupportedAlgorithm | SignatureError::UnsupportedKey)) => {
            Check::indeterminate(CheckId::TrustCertificateSignatures)
                .with(Param::Certificate, subject(cert))
                .with(Param::Algorithm, cert.signature_algorithm.oid.to_string())
        }
    }
}

fn validity_check(path: &[&Cert], at: i64) -> Check {
    match path.iter().find(|cert| !valid_at(cert, at)) {
        None => Check::pass(CheckId::TrustValidity),
        Some(cert) => {
            let (not_before, not_after) = certificate::validity(cert);
            Check::fail(CheckId::TrustValidity)
                .with(Param::Certificate, subject(cert))
                .with(Param::NotBefore, Timestamp::utc(not_before))
                .with(Param::NotAfter, Timestamp::utc(not_after))
                .with(Param::At, Timestamp::utc(at))
        }
    }
}

/// RSA keys shorter than this are weak today: NIST SP 800-131A has disallowed them for new
/// signatures since 2014. DigitPA-era provider certificates (about 2012–2018) had 1024 bits.
const RSA_STRONG_BITS: usize = 2048;
/// RSA keys shorter than this vouch for nothing: a 768-bit modulus was factored in 2009.
const RSA_TRUSTED_BITS: usize = 1024;

/// The weakest RSA key on the path, the signer's included: a warning below
/// [`RSA_STRONG_BITS`] (the signature stood when it was made), no trust below
/// [`RSA_TRUSTED_BITS`] (anyone may have made it).
fn key_size_check(path: &[&Cert]) -> Check {
    let weakest = path
        .iter()
        .filter_map(|cert| {
            algorithm::rsa_bits(&cert.tbs_certificate.subject_public_key_info)
                .map(|bits| (bits, cert))
        })
        .min_by_key(|&(bits, _)| bits);
    let Some((bits, cert)) = weakest.filter(|&(bits, _)| bits < RSA_STRONG_BITS) else {
        return Check::pass(CheckId::TrustKeySize);
    };
    let check = if bits < RSA_TRUSTED_BITS {
        Check::indeterminate(CheckId::TrustKeySize)
    } else {
        Check::warn(CheckId::TrustKeySize)
    };
    check
        .with(Param::Certificate, subject(cert))
        .with(Param::Bits, bits)
}

/// Every issuer below the trust anchor must be a CA allowed to sign certificates, within its
/// path length. Anchors are trusted by configuration, not by their own extensions.
fn basic_constraints_check(path: &[&Cert], store: &TrustStore) -> Check {
    for (below, ca) in path.iter().enumerate().skip(1) {
        if is_root(store, ca) {
            continue;
        }
        // `below - 1` intermediates sit between this CA and the leaf.
        let intermediates = below.saturating_sub(1);
        let constraints_hold = matches!(
            extension::<BasicConstraints>(ca),
            Ok(Some(bc)) if bc.ca && bc.path_len_constraint.is_none_or(|n| intermediates <= usize::from(n))
        );
        let may_sign = matches!(extension::<KeyUsage>(ca), Ok(None))
            || matches!(extension::<KeyUsage>(ca), Ok(Some(ku)) if ku.key_cert_sign());
        if !(constraints_hold && may_sign) {
            return Check::fail(CheckId::TrustCaBasicConstraints)
                .with(Param::Certificate, subject(ca));
        }
    }
    Check::pass(CheckId::TrustCaBasicConstraints)
}

fn policy_check(leaf: &Certificate) -> Check {
    let has_policy = matches!(
        extension::<CertificatePolicies>(leaf),
        Ok(Some(policies)) if policies.0.iter().any(|p| p.policy_identifier == PEC_POLICY)
    );
    if has_policy {
        return Check::pass(CheckId::TrustPecPolicy);
    }
    Check::indeterminate(CheckId::TrustPecPolicy).with(Param::Policy, PEC_POLICY.to_string())
}

/// A signing certificate for mail: digitalSignature if KeyUsage is there (the PEC profile
/// has it), emailProtection if ExtendedKeyUsage is there (RFC 8550 §4.4.4).
fn key_usage_check(leaf: &Certificate) -> Check {
    let digital_signature = match extension::<KeyUsage>(leaf) {
        Ok(None) => true,
        Ok(Some(usage)) => usage.digital_signature(),
        Err(_) => false,
    };
    let email_protection = match extension::<ExtendedKeyUsage>(leaf) {
        Ok(None) => true,
        Ok(Some(usage)) => {
            usage.0.contains(&ID_KP_EMAIL_PROTECTION) || usage.0.contains(&ANY_EXTENDED_KEY_USAGE)
        }
        Err(_) => false,
    };
    match (digital_signature, email_protection) {
        (true, true) => Check::pass(CheckId::TrustKeyUsage),
        (false, _) => {
            Check::indeterminate(CheckId::TrustKeyUsage).with(Param::Missing, "digitalSignature")
        }
        (true, false) => {
            Check::indeterminate(CheckId::TrustKeyUsage).with(Param::Missing, "emailProtection")
        }
    }
}

/// The PEC profile names the provider's address in the SAN rfc822Name: a certificate without
/// one is not a PEC provider certificate, even if its subject carries an emailAddress attribute.
fn provider_email_check(leaf: &Cert) -> Check {
    match certificate::san_emails(leaf).into_iter().next() {
        Some(email) => Check::pass(CheckId::TrustProviderEmail).with(Param::Email, email),
        None => Check::indeterminate(CheckId::TrustProviderEmail)
            .with(Param::Certificate, subject(leaf)),
    }
}

/// Each CA's NameConstraints over the certificates below it (RFC 5280 §4.2.1.10): rfc822Name
/// subtrees over e-mail addresses, directoryName subtrees over subjects. AgID CA1 lists the
/// provider mail domains and organisations this way.
fn name_constraints_check(path: &[&Cert]) -> Check {
    for (i, ca) in path.iter().enumerate().skip(1) {
        let constraints = match extension::<NameConstraints>(ca) {
            Ok(Some(constraints)) => constraints,
            Ok(None) => continue,
            Err(_) => {
                return Check::indeterminate(CheckId::TrustNameConstraints)
                    .with(Param::Ca, subject(ca))
                    .with(Param::Error, Fault::UnreadableExtension);
            }
        };
        for cert in path.iter().take(i) {
            if let Some(name) = outside(&constraints, cert) {
                return Check::indeterminate(CheckId::TrustNameConstraints)
                    .with(Param::Ca, subject(ca))
                    .with(Param::Certificate, subject(cert))
                    .with(Param::Name, name);
            }
        }
    }
    Check::pass(CheckId::TrustNameConstraints)
}

/// The first name of `cert` that `constraints` do not permit.
fn outside(constraints: &NameConstraints, cert: &Certificate) -> Option<String> {
    let permitted = constraints
        .permitted_subtrees
        .as_deref()
        .unwrap_or_default();
    let excluded = constraints.excluded_subtrees.as_deref().unwrap_or_default();
    let emails = |subtrees: &[GeneralSubtree]| -> Vec<String> {
        subtrees
            .iter()
            .filter_map(|subtree| match &subtree.base {
                GeneralName::Rfc822Name(base) => Some(base.to_string()),
                _ => None,
            })
            .collect()
    };
    let directories = |subtrees: &[GeneralSubtree]| -> Vec<Name> {
        subtrees
            .iter()
            .filter_map(|subtree| match &subtree.base {
                GeneralName::DirectoryName(base) => Some(base.clone()),
                _ => None,
            })
            .collect()
    };

    let (allowed, denied) = (emails(permitted), emails(excluded));
    let email = certificate::emails(cert)
        .into_iter()
        .find(|email| violates(&allowed, &denied, |base| email_within(email, base)));
    if email.is_some() {
        return email;
    }
    let (allowed, denied) = (directories(permitted), directories(excluded));
    let subject = &cert.tbs_certificate.subject;
    let subject_outside = !subject.0.is_empty()
        && violates(&allowed, &denied, |base| {
            certificate::within_subtree(subject, base)
        });
    subject_outside.then(|| certificate::name_text(subject))
}

/// A name of a type that has permitted subtrees must lie in one; no name may lie in an
/// excluded one.
fn violates<B>(permitted: &[B], excluded: &[B], within: impl Fn(&B) -> bool) -> bool {
    (!permitted.is_empty() && !permitted.iter().any(&within)) || excluded.iter().any(&within)
}

/// RFC 5280's three rfc822Name constraint forms: a mailbox, a host, or `.domain` (any host
/// below it).
fn email_within(email: &str, base: &str) -> bool {
    let Some((local, host)) = email.rsplit_once('@') else {
        return false;
    };
    match base.rsplit_once('@') {
        Some((base_local, base_host)) => {
            local == base_local && host.eq_ignore_ascii_case(base_host)
        }
        None if base.starts_with('.') => {
            host.len() > base.len()
                && host
                    .to_ascii_lowercase()
                    .ends_with(&base.to_ascii_lowercase())
        }
        None => host.eq_ignore_ascii_case(base),
    }
}

/// The From header is not signed: a mismatch is worth showing, not a verdict.
fn sender_check(leaf: &Certificate, sender: Option<&str>) -> Check {
    let emails = certificate::emails(leaf);
    let in_certificate = emails.join(", ");
    match sender.map(str::trim) {
        Some(from) if emails.iter().any(|email| email.eq_ignore_ascii_case(from)) => {
            Check::pass(CheckId::TrustSender)
        }
        Some(from) => Check::warn(CheckId::TrustSender)
            .with(Param::Certificate, in_certificate)
            .with(Param::Header, from),
        None => Check::warn(CheckId::TrustSender).with(Param::Certificate, in_certificate),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use der::asn1::BitString;

    use super::*;
    use crate::check::{Effect, Status};
    use crate::cms;
    use crate::testutil::{self, Sample};

    fn shared_trust(file: &str) -> Vec<u8> {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/trust")
            .join(file);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Each real sample with what its CMS carries: the signer and the certificates.
    fn signed_samples() -> Vec<(Sample, cms::SignatureInfo)> {
        testutil::real()
            .into_iter()
            .map(|(sample, signed, p7s)| (sample, cms::verify(&signed, Some(&p7s)).0.unwrap()))
            .collect()
    }

    fn run(
        store: &TrustStore,
        info: &cms::SignatureInfo,
        at: i64,
        sender: Option<&str>,
    ) -> (Vec<Cert>, Vec<Check>) {
        validate(
            store,
            info.signer.as_ref().unwrap(),
            &info.certificates,
            at,
            sender,
            &mut Links::default(),
        )
    }

    fn find(checks: &[Check], id: CheckId) -> &Check {
        checks
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no {id} in {checks:?}"))
    }

    #[test]
    fn built_in_store_holds_two_roots_and_two_pins() {
        let store = TrustStore::pec();
        assert_eq!(store.roots.len(), 2);
        assert!(store.roots.iter().all(certificate::is_self_signed));
        assert_eq!(store.pec_ca_pins.len(), 2);
    }

    #[test]
    fn embedded_roots_are_debians() {
        let debian = [
            "Actalis_Authentication_Root_CA.crt",
            "Baltimore_CyberTrust_Root.crt",
        ];
        for (file, embedded) in debian.iter().zip(ROOTS) {
            let path = PathBuf::from("/usr/share/ca-certificates/mozilla").join(file);
            if let Ok(installed) = std::fs::read_to_string(&path) {
                assert_eq!(installed, embedded, "{}", path.display());
            }
        }
    }

    #[test]
    fn pins_are_the_keys_of_the_published_pec_cas() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/trust");
        // Every file of the shared folder, however many versions it holds: both eras at least.
        let mut seen = [0; 2];
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let era = match name.split('-').next() {
                Some("agid") => 0,
                Some("digitpa") => 1,
                _ => continue,
            };
            let expected = PEC_CA_PINS[era];
            // Some files bundle the root after the CA.
            let ca = read_certificates(&shared_trust(&name)).unwrap().remove(0);
            assert_eq!(certificate::spki_sha256(&ca), Some(expected), "{name}");
            seen[era] += 1;
        }
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn real_samples_are_trusted_at_signing_time() {
        let store = TrustStore::pec();
        for (sample, info) in signed_samples() {
            let at = info.signing_time.unwrap().unix;
            let (chain, checks) = run(&store, &info, at, sample.from.as_deref());
            for check in &checks {
                // The DigitPA-era leaf's RSA-1024 key: accepted then, weak now.
                let expected = match check.id {
                    CheckId::TrustKeySize if sample.name.contains("digitpa") => Status::Warn,
                    _ => Status::Pass,
                };
                assert_eq!(check.status, expected, "{}: {check:?}", sample.name);
            }
            let subjects: Vec<String> = chain.iter().map(|c| subject(c)).collect();
            assert_eq!(chain.len(), 3, "{}: {subjects:?}", sample.name);
            let (ca, root) = if sample.name.contains("digitpa") {
                ("CN=DigitPA CA1", "CN=Baltimore CyberTrust Root")
            } else {
                ("CN=AgID CA1", "CN=Actalis Authentication Root CA")
            };
            assert!(
                subjects[1].starts_with(ca) && subjects[2].starts_with(root),
                "{subjects:?}"
            );
            for id in [
                CheckId::TrustChain,
                CheckId::TrustCertificateSignatures,
                CheckId::TrustPecCa,
                CheckId::TrustValidity,
                CheckId::TrustCaBasicConstraints,
                CheckId::TrustPecPolicy,
                CheckId::TrustKeyUsage,
                CheckId::TrustNameConstraints,
                CheckId::TrustSender,
                CheckId::TrustKeySize,
                CheckId::TrustProviderEmail,
            ] {
                find(&checks, id);
            }
        }
    }

    #[test]
    fn the_weakest_rsa_key_on_the_path_is_named() {
        let samples = signed_samples();
        let named = |prefix: &str| {
            let found = samples.iter().find(|(s, _)| s.name.starts_with(prefix));
            &found.unwrap().1
        };
        let agid = named("aruba-agidca1-accettazione");
        let digitpa = named("aruba-digitpaca1");
        let agid_leaf = agid.signer.as_ref().unwrap();
        let digitpa_leaf = digitpa.signer.as_ref().unwrap();
        assert!(key_size_check(&[agid_leaf]).is_pass());
        // Wherever it sits on the path, the 1024-bit key is the one reported.
        let check = key_size_check(&[agid_leaf, digitpa_leaf, agid_leaf]);
        assert_eq!((check.status, check.effect), (Status::Warn, Effect::None));
        assert_eq!(
            check.params[&Param::Certificate].to_string(),
            subject(digitpa_leaf)
        );
        assert_eq!(check.params[&Param::Bits].to_string(), "1024");
        // The Actalis root's key has 4096 bits, AgID CA1's 2048.
        let roots = TrustStore::pec().roots;
        let path: Vec<&Cert> = agid.certificates.iter().chain(&roots).collect();
        assert!(key_size_check(&path).is_pass());
    }

    #[test]
    fn expired_certificates_fail_validity() {
        let at_2030 = Timestamp::parse_rfc3339("2030-06-01T00:00:00Z")
            .unwrap()
            .unix;
        for (sample, info) in signed_samples() {
            let (_, checks) = run(&TrustStore::pec(), &info, at_2030, sample.from.as_deref());
            let validity = find(&checks, CheckId::TrustValidity);
            assert_eq!(validity.effect, Effect::Failed, "{}", sample.name);
            assert_eq!(
                validity.params[&Param::Certificate].to_string(),
                subject(info.signer.as_ref().unwrap())
            );
            assert!(validity.params.contains_key(&Param::NotAfter));
        }
    }

    #[test]
    fn without_pins_a_valid_chain_is_not_a_pec_provider() {
        let store = TrustStore {
            pec_ca_pins: Vec::new(),
            ..TrustStore::pec()
        };
        for (sample, info) in signed_samples() {
            let at = info.signing_time.unwrap().unix;
            let (chain, checks) = run(&store, &info, at, sample.from.as_deref());
            assert_eq!(chain.len(), 3);
            assert!(find(&checks, CheckId::TrustChain).is_pass());
            assert_eq!(
                find(&checks, CheckId::TrustPecCa).effect,
                Effect::Indeterminate
            );
        }
    }

    #[test]
    fn an_unknown_root_leaves_trust_indeterminate() {
        let (sample, info) = signed_samples().remove(0);
        let mut pool = info.certificates.clone();
        // The Actalis root itself in the pool, but not in the store: still no anchor.
        pool.extend(read_certificates(ROOTS[0].as_bytes()).unwrap());
        let store = TrustStore {
            roots: read_certificates(ROOTS[1].as_bytes()).unwrap(),
            ..TrustStore::pec()
        };
        let at = info.signing_time.unwrap().unix;
        let (chain, checks) = validate(
            &store,
            info.signer.as_ref().unwrap(),
            &pool,
            at,
            sample.from.as_deref(),
            &mut Links::default(),
        );
        assert!(chain.is_empty());
        let check = find(&checks, CheckId::TrustChain);
        assert_eq!(check.effect, Effect::Indeterminate);
        assert!(
            check.params[&Param::Issuer].to_string().contains("Actalis"),
            "{check:?}"
        );
        // The pinned CA is still on the path found.
        assert!(find(&checks, CheckId::TrustPecCa).is_pass());

        let (chain, checks) = run(&TrustStore::default(), &info, at, None);
        assert!(chain.is_empty());
        assert_eq!(
            find(&checks, CheckId::TrustChain).effect,
            Effect::Indeterminate
        );
    }

    #[test]
    fn a_forged_certificate_signature_fails() {
        let (sample, mut info) = signed_samples().remove(0);
        let mut forged = Certificate::clone(info.signer.as_ref().unwrap());
        let mut bytes = forged.signature.raw_bytes().to_vec();
        bytes[10] ^= 1;
        forged.signature = BitString::from_bytes(&bytes).unwrap();
        info.signer = Some(Cert::try_from(forged).unwrap());
        let at = info.signing_time.unwrap().unix;
        let (_, checks) = run(&TrustStore::pec(), &info, at, sample.from.as_deref());
        let check = find(&checks, CheckId::TrustCertificateSignatures);
        assert_eq!(check.effect, Effect::Failed);
        assert_eq!(
            check.params[&Param::Certificate].to_string(),
            subject(info.signer.as_ref().unwrap())
        );
    }

    #[test]
    fn store_intermediates_complete_a_chain_the_cms_lacks() {
        let mut store = TrustStore {
            pec_ca_pins: Vec::new(),
            ..TrustStore::default()
        };
        // This file bundles AgID CA1 with the Actalis root: a pinned CA and a root.
        assert_eq!(store.add_pem(&shared_trust("agid-ca1-20210921.pem")), Ok(2));
        assert_eq!((store.roots.len(), store.intermediates.len()), (1, 1));
        assert_eq!(store.pec_ca_pins, vec![PEC_CA_PINS[0]]);
        let samples = signed_samples();
        let named = |prefix: &str| {
            samples
                .iter()
                .find(|(s, _)| s.name.starts_with(prefix))
                .unwrap()
        };

        // Signed in 2023, while this re-issue of AgID CA1 was valid.
        let (sample, info) = named("aruba-agidca1-posta-certificata");
        let signer = info.signer.as_ref().unwrap();
        let at = info.signing_time.unwrap().unix;
        let lone = std::slice::from_ref(signer);
        let (chain, checks) = validate(
            &store,
            signer,
            lone,
            at,
            sample.from.as_deref(),
            &mut Links::default(),
        );
        assert_eq!(chain.len(), 3);
        assert!(checks.iter().all(Check::is_pass), "{checks:?}");

        // Signed in 2018, before the re-issue: strictly, that CA certificate was not valid yet…
        let (sample, info) = named("sogei");
        let signer = info.signer.as_ref().unwrap();
        let at = info.signing_time.unwrap().unix;
        let lone = std::slice::from_ref(signer);
        let (_, checks) = validate(
            &store,
            signer,
            lone,
            at,
            sample.from.as_deref(),
            &mut Links::default(),
        );
        let validity = find(&checks, CheckId::TrustValidity);
        assert_eq!(validity.effect, Effect::Failed);
        assert!(
            validity.params[&Param::Certificate]
                .to_string()
                .starts_with("CN=AgID CA1")
        );
        assert_eq!(
            validity.params[&Param::NotBefore].to_string(),
            "2021-09-21T06:30:58Z"
        );
        // …so the version the CMS carries, valid then, is preferred when both are at hand.
        let (chain, checks) = run(&store, info, at, sample.from.as_deref());
        assert!(checks.iter().all(Check::is_pass), "{checks:?}");
        assert_eq!(
            chain.get(1),
            info.certificates.iter().find(|c| *c != signer)
        );
    }

    #[test]
    fn unreadable_anchors_are_reported() {
        let mut store = TrustStore::default();
        assert_eq!(store.add_pem(b""), Err(TrustError::NoCertificate));
        assert_eq!(store.add_pem(b"hello"), Err(TrustError::NoCertificate));
        let pem = shared_trust("digitpa-ca1.pem");
        let truncated = &pem[..pem.len() - 40];
        assert!(matches!(
            store.add_pem(truncated),
            Err(TrustError::Malformed { index: 1, .. })
        ));
        let mut garbled = pem.clone();
        garbled[100] = b'!';
        assert!(matches!(
            store.add_pem(&garbled),
            Err(TrustError::Malformed { index: 1, .. })
        ));
        assert!(store.roots.is_empty() && store.intermediates.is_empty());
        // DER is accepted too.
        let der = der::Encode::to_der(&*read_certificates(&pem).unwrap()[0]).unwrap();
        assert_eq!(store.add_pem(&der), Ok(1));
        assert_eq!(store.pec_ca_pins, vec![PEC_CA_PINS[1]]);
    }

    #[test]
    fn the_sender_header_is_compared_not_trusted() {
        let (_, info) = signed_samples().remove(0);
        let at = info.signing_time.unwrap().unix;
        let (_, checks) = run(
            &TrustStore::pec(),
            &info,
            at,
            Some("POSTA-CERTIFICATA@PEC.ARUBA.IT"),
        );
        assert!(find(&checks, CheckId::TrustSender).is_pass());
        let (_, checks) = run(&TrustStore::pec(), &info, at, Some("someone@example.com"));
        let check = find(&checks, CheckId::TrustSender);
        assert_eq!((check.status, check.effect), (Status::Warn, Effect::None));
        assert_eq!(
            check.params[&Param::Certificate].to_string(),
            "posta-certificata@pec.aruba.it"
        );
        assert_eq!(
            check.params[&Param::Header].to_string(),
            "someone@example.com"
        );
        let (_, checks) = run(&TrustStore::pec(), &info, at, None);
        assert_eq!(find(&checks, CheckId::TrustSender).status, Status::Warn);
    }

    #[test]
    fn agid_name_constraints_admit_providers_and_nothing_else() {
        let samples = signed_samples();
        let agid = read_certificates(&shared_trust("agid-ca1-20250220.pem"))
            .unwrap()
            .remove(0);
        let constraints = extension::<NameConstraints>(&agid).unwrap().unwrap();
        for (sample, info) in &samples {
            let leaf = info.signer.as_ref().unwrap();
            let outside = outside(&constraints, leaf);
            if sample.name.contains("digitpa") {
                // The DigitPA-era subject reads CN, O, C: not one of AgID's organisations.
                assert_eq!(outside, Some(subject(leaf)), "{}", sample.name);
            } else {
                assert_eq!(outside, None, "{}", sample.name);
            }
        }
    }

    #[test]
    fn rfc822_constraints_follow_rfc5280() {
        assert!(email_within(
            "posta-certificata@pec.aruba.it",
            "pec.aruba.it"
        ));
        assert!(email_within(
            "posta-certificata@PEC.Aruba.it",
            "pec.aruba.it"
        ));
        assert!(!email_within(
            "posta-certificata@x.pec.aruba.it",
            "pec.aruba.it"
        ));
        assert!(email_within("a@x.pec.aruba.it", ".pec.aruba.it"));
        assert!(!email_within("a@pec.aruba.it", ".pec.aruba.it"));
        assert!(!email_within("a@evilpec.aruba.it", ".pec.aruba.it"));
        assert!(email_within("a@pec.aruba.it", "a@pec.aruba.it"));
        assert!(!email_within("b@pec.aruba.it", "a@pec.aruba.it"));
        assert!(!email_within("no-at-sign", "pec.aruba.it"));
        assert!(!violates(&["a"], &[], |b| *b == "a"));
        assert!(violates(&["b"], &[], |b| *b == "a"));
        assert!(!violates::<&str>(&[], &[], |_| true));
        assert!(violates(&[], &["a"], |b| *b == "a"));
        assert!(violates(&["a"], &["a"], |b| *b == "a"));
    }
}
