//! The policy checks on the path chosen: the chain and its signatures, the PEC CA, validity at
//! the signing time, key sizes, CA constraints, and what a PEC provider certificate must carry.

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

use super::TrustStore;
use super::path::{Assessment, valid_at};
use crate::algorithm::{self, SignatureError};
use crate::certificate::{self, Cert, extension};
use crate::check::{Check, CheckId, Fault, Param};
use crate::time::Timestamp;

/// Certificate policy of PEC provider certificates (DigitPA, then AgID).
const PEC_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.76.16.3.1.1");

pub(super) fn subject(cert: &Certificate) -> String {
    certificate::name_text(&cert.tbs_certificate.subject)
}

pub(super) fn chain_check(best: &Assessment<'_>) -> Check {
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

pub(super) fn signatures_check(best: &Assessment<'_>) -> Check {
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

/// A pinned PEC CA on the path: the signer is a PEC provider, not merely someone with a
/// certificate from a known root.
pub(super) fn pec_ca_check(pinned: Option<&Cert>) -> Check {
    match pinned {
        Some(ca) => Check::pass(CheckId::TrustPecCa).with(Param::Ca, subject(ca)),
        None => Check::indeterminate(CheckId::TrustPecCa),
    }
}

pub(super) fn validity_check(path: &[&Cert], at: i64) -> Check {
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
pub(super) fn key_size_check(path: &[&Cert]) -> Check {
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
pub(super) fn basic_constraints_check(path: &[&Cert], store: &TrustStore) -> Check {
    for (below, ca) in path.iter().enumerate().skip(1) {
        if store.is_root(ca) {
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

pub(super) fn pec_policy_check(leaf: &Certificate) -> Check {
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
pub(super) fn key_usage_check(leaf: &Certificate) -> Check {
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
pub(super) fn provider_email_check(leaf: &Cert) -> Check {
    match certificate::san_emails(leaf).into_iter().next() {
        Some(email) => Check::pass(CheckId::TrustProviderEmail).with(Param::Email, email),
        None => Check::indeterminate(CheckId::TrustProviderEmail)
            .with(Param::Certificate, subject(leaf)),
    }
}

/// Each CA's NameConstraints over the certificates below it (RFC 5280 §4.2.1.10): rfc822Name
/// subtrees over e-mail addresses, directoryName subtrees over subjects. AgID CA1 lists the
/// provider mail domains and organisations this way.
pub(super) fn name_constraints_check(path: &[&Cert]) -> Check {
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
    let (allowed, denied) = (email_bases(permitted), email_bases(excluded));
    let email = certificate::emails(cert)
        .into_iter()
        .find(|email| violates(&allowed, &denied, |base| email_within(email, base)));
    if email.is_some() {
        return email;
    }
    let (allowed, denied) = (directory_bases(permitted), directory_bases(excluded));
    let subject = &cert.tbs_certificate.subject;
    let subject_outside = !subject.0.is_empty()
        && violates(&allowed, &denied, |base| {
            certificate::within_subtree(subject, base)
        });
    subject_outside.then(|| certificate::name_text(subject))
}

/// The rfc822Name bases of `subtrees`.
fn email_bases(subtrees: &[GeneralSubtree]) -> Vec<String> {
    subtrees
        .iter()
        .filter_map(|subtree| match &subtree.base {
            GeneralName::Rfc822Name(base) => Some(base.to_string()),
            _ => None,
        })
        .collect()
}

/// The directoryName bases of `subtrees`.
fn directory_bases(subtrees: &[GeneralSubtree]) -> Vec<Name> {
    subtrees
        .iter()
        .filter_map(|subtree| match &subtree.base {
            GeneralName::DirectoryName(base) => Some(base.clone()),
            _ => None,
        })
        .collect()
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
pub(super) fn critical_extensions_check(path: &[&Cert], complete: bool) -> Check {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Effect, Status};
    use crate::testutil::{shared_trust, signed_samples};
    use crate::trust::read_certificates;

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
