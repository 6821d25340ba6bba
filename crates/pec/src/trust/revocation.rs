//! Revocation: the certificate revocation lists (CRLs) a user gives beside the receipts. A list
//! counts for a provider certificate only when the PEC CA that issued the certificate, the one
//! reached through a pinned key, signed the list; what it says is judged at the signing time,
//! knowing that CRLs drop expired certificates (spec §7).

use std::ops::Deref;

use const_oid::db::rfc5280::{
    ID_CE_AUTHORITY_KEY_IDENTIFIER, ID_CE_CRL_NUMBER, ID_CE_CRL_REASONS, ID_CE_INVALIDITY_DATE,
    ID_CE_ISSUING_DISTRIBUTION_POINT,
};
use der::asn1::GeneralizedTime;
use der::{AnyRef, Decode, Reader, SliceReader, Tag, Tagged};
use serde::Serialize;
use x509_cert::crl::{CertificateList, RevokedCert};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::crl::CrlReason;

use super::read::read_all;
use super::{Object, TrustError};
use crate::certificate::{self, Cert, Links, Signed};
use crate::check::{Check, CheckId, Param, Revocation, RevocationReason};
use crate::time::Timestamp;

/// A revocation list as it was read: decoded, and its TBSCertList exactly as encoded, the
/// bytes its issuer signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crl {
    decoded: CertificateList,
    tbs: Vec<u8>,
}

impl Crl {
    /// Reads one DER list, keeping its TBSCertList as encoded.
    pub fn from_der(der: &[u8]) -> der::Result<Self> {
        Ok(Self {
            decoded: CertificateList::from_der(der)?,
            tbs: certificate::to_be_signed(der)?,
        })
    }

    fn signed(&self) -> Signed<'_> {
        Signed {
            tbs: &self.tbs,
            algorithm: &self.signature_algorithm,
            signature: &self.signature,
        }
    }

    fn revoked(&self) -> &[RevokedCert] {
        self.tbs_cert_list
            .revoked_certificates
            .as_deref()
            .unwrap_or_default()
    }

    fn this_update(&self) -> i64 {
        certificate::unix(&self.tbs_cert_list.this_update)
    }

    /// Covers every end-entity certificate of its issuer: not a delta list, not a partial
    /// scope, and no critical extension that is not read here (RFC 5280 §5.2, §5.3).
    fn complete(&self) -> bool {
        let extensions = self.tbs_cert_list.crl_extensions.as_deref();
        let mut entries = self.revoked().iter().flat_map(entry_extensions);
        extensions.unwrap_or_default().iter().all(whole_scope) && entries.all(|e| !e.critical)
    }
}

impl Deref for Crl {
    type Target = CertificateList;

    fn deref(&self) -> &CertificateList {
        &self.decoded
    }
}

/// Every `X509 CRL` block of a PEM text, ignoring text around them; or one DER list.
pub fn read_crls(input: &[u8]) -> Result<Vec<Crl>, TrustError> {
    read_all(input, Object::Crl, Crl::from_der)
}

/// The input is one revocation list, DER or PEM (and nothing but whitespace before it): a file
/// to judge receipts with, not to search for them.
pub fn is_crl(input: &[u8]) -> bool {
    let text = input.trim_ascii_start();
    let (begin, _) = Object::Crl.boundaries();
    (text.starts_with(begin.as_bytes()) || input.first() == Some(&0x30)) && read_crls(input).is_ok()
}

/// What a list says of itself, as a face shows it beside the receipts it judged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CrlReport {
    /// The CA that says it issued the list.
    pub issuer: String,
    pub this_update: Timestamp,
    pub next_update: Option<Timestamp>,
    /// Certificates it lists as revoked.
    pub revoked: usize,
    /// It covers every certificate of its issuer (see [`Revocation::ListPartial`]).
    pub complete: bool,
}

pub fn describe(crl: &Crl) -> CrlReport {
    let list = &crl.tbs_cert_list;
    CrlReport {
        issuer: certificate::name_text(&list.issuer),
        this_update: Timestamp::utc(crl.this_update()),
        next_update: list
            .next_update
            .as_ref()
            .map(|t| Timestamp::utc(certificate::unix(t))),
        revoked: crl.revoked().len(),
        complete: crl.complete(),
    }
}

/// What the lists `crls` say of `signer`, issued by the PEC CA `ca`, at `at` (Unix seconds):
/// the most telling finding of the lists that name `ca` as their issuer, or that revocation was
/// not checked when none does.
pub(super) fn judge(crls: &[Crl], signer: &Cert, ca: &Cert, at: i64, links: &mut Links) -> Check {
    crls.iter()
        .filter(|crl| {
            certificate::same_name(&crl.tbs_cert_list.issuer, &ca.tbs_certificate.subject)
        })
        .map(|crl| finding(crl, signer, ca, at, links))
        .min_by_key(|(rank, _)| *rank)
        .map_or_else(
            || Check::info(CheckId::TrustRevocationNotChecked),
            |(_, check)| check,
        )
}

/// The findings in the order they tell, the most first; among lists that say the same, the one
/// issued nearest the signature.
type Rank = (u8, i64);

fn finding(crl: &Crl, signer: &Cert, ca: &Cert, at: i64, links: &mut Links) -> (Rank, Check) {
    let issued = crl.this_update();
    let ca_name = certificate::name_text(&ca.tbs_certificate.subject);
    if links.verify_signed(&crl.signed(), ca).is_err() {
        let check = Check::warn(CheckId::TrustRevocation).with(Param::Ca, ca_name);
        return ((3, 0), with_finding(check, Revocation::ListNotSigned));
    }
    let dated = |check: Check| check.with(Param::At, Timestamp::utc(issued));
    let serial = signer.tbs_certificate.serial_number.as_bytes();
    let entry = crl.revoked().iter().find_map(|entry| {
        (entry.serial_number.as_bytes() == serial)
            .then(|| Entry::of(entry))
            .filter(|e| e.reason != Some(CrlReason::RemoveFromCRL))
    });
    let (_, not_after) = certificate::validity(signer);
    let (rank, check, found) = match entry {
        Some(entry) if entry.effective() <= at => (
            0,
            entry.describe(Check::fail(CheckId::TrustRevocation)),
            Revocation::RevokedBeforeSigning,
        ),
        Some(entry) => {
            let check = if entry.compromised() {
                Check::warn(CheckId::TrustRevocation)
            } else {
                Check::info(CheckId::TrustRevocation)
            };
            (1, entry.describe(check), Revocation::RevokedAfterSigning)
        }
        None if !crl.complete() => (
            4,
            Check::info(CheckId::TrustRevocation),
            Revocation::ListPartial,
        ),
        None if issued < at => (
            5,
            Check::info(CheckId::TrustRevocation),
            Revocation::ListBeforeSigning,
        ),
        None if issued > not_after => (
            6,
            Check::info(CheckId::TrustRevocation).with(Param::NotAfter, Timestamp::utc(not_after)),
            Revocation::ListAfterExpiry,
        ),
        None => (
            2,
            Check::pass(CheckId::TrustRevocation),
            Revocation::NotRevoked,
        ),
    };
    let check = dated(check).with(Param::Ca, ca_name);
    ((rank, (issued - at).abs()), with_finding(check, found))
}

fn with_finding(check: Check, finding: Revocation) -> Check {
    check.with(Param::Finding, finding)
}

/// What a list says of one certificate it names.
struct Entry {
    revoked: i64,
    /// When the key is known or suspected to have been compromised, if the list says.
    invalid: Option<i64>,
    reason: Option<CrlReason>,
}

impl Entry {
    fn of(entry: &RevokedCert) -> Self {
        let extension = |oid| {
            entry_extensions(entry)
                .iter()
                .find(|e| e.extn_id == oid)
                .map(|e| e.extn_value.as_bytes())
        };
        Self {
            revoked: certificate::unix(&entry.revocation_date),
            invalid: extension(ID_CE_INVALIDITY_DATE)
                .and_then(|der| GeneralizedTime::from_der(der).ok())
                .and_then(|t| i64::try_from(t.to_unix_duration().as_secs()).ok()),
            reason: extension(ID_CE_CRL_REASONS).and_then(|der| CrlReason::from_der(der).ok()),
        }
    }

    /// From when the certificate no longer vouches for a signature: the revocation, or the
    /// earlier instant its key is said to have been compromised.
    fn effective(&self) -> i64 {
        self.invalid.map_or(self.revoked, |i| i.min(self.revoked))
    }

    /// A key in others' hands: what it signed after may not be the provider's.
    fn compromised(&self) -> bool {
        matches!(
            self.reason,
            Some(CrlReason::KeyCompromise | CrlReason::CaCompromise | CrlReason::AaCompromise)
        )
    }

    fn describe(&self, check: Check) -> Check {
        let check = check.with(Param::Time, Timestamp::utc(self.effective()));
        match self.reason.and_then(reason) {
            Some(reason) => check.with(Param::Reason, reason),
            None => check,
        }
    }
}

fn reason(reason: CrlReason) -> Option<RevocationReason> {
    use RevocationReason as R;
    Some(match reason {
        CrlReason::Unspecified => R::Unspecified,
        CrlReason::KeyCompromise => R::KeyCompromise,
        CrlReason::CaCompromise => R::CaCompromise,
        CrlReason::AffiliationChanged => R::AffiliationChanged,
        CrlReason::Superseded => R::Superseded,
        CrlReason::CessationOfOperation => R::CessationOfOperation,
        CrlReason::CertificateHold => R::CertificateHold,
        CrlReason::PrivilegeWithdrawn => R::PrivilegeWithdrawn,
        CrlReason::AaCompromise => R::AaCompromise,
        CrlReason::RemoveFromCRL => return None,
    })
}

fn entry_extensions(entry: &RevokedCert) -> &[Extension] {
    entry.crl_entry_extensions.as_deref().unwrap_or_default()
}

/// A list extension that leaves the list whole for end-entity certificates: its number, its
/// issuer's key identifier, a distribution point that restricts nothing but to end entities,
/// or any other extension that is not critical (a delta CRL's indicator is critical).
fn whole_scope(extension: &Extension) -> bool {
    if extension.extn_id == ID_CE_ISSUING_DISTRIBUTION_POINT {
        return restricts_nothing(extension.extn_value.as_bytes()).unwrap_or(false);
    }
    !extension.critical
        || [ID_CE_CRL_NUMBER, ID_CE_AUTHORITY_KEY_IDENTIFIER].contains(&extension.extn_id)
}

/// An issuing distribution point (RFC 5280 §5.2.5) that narrows the list to nothing less than
/// end-entity certificates: none of `onlyContainsCACerts` [2], `onlySomeReasons` [3],
/// `indirectCRL` [4] or `onlyContainsAttributeCerts` [5] set. Read by its fields' tags with
/// der's generic reader: decoding the distribution point's names, which say nothing of scope,
/// would build a name decoder of kilobytes into the page. `None` when it is not a SEQUENCE.
fn restricts_nothing(der: &[u8]) -> Option<bool> {
    let point = AnyRef::from_der(der).ok()?;
    if point.tag() != Tag::Sequence {
        return None;
    }
    let mut fields = SliceReader::new(point.value()).ok()?;
    while !fields.is_finished() {
        let field = AnyRef::decode(&mut fields).ok()?;
        let narrowing = match field.tag() {
            Tag::ContextSpecific { number, .. } => match number.value() {
                3 => true,
                // A BOOLEAN left at its default (written out, as BER allows) narrows nothing.
                2 | 4 | 5 => field.value() != [0],
                _ => false,
            },
            _ => return None,
        };
        if narrowing {
            return Some(false);
        }
    }
    Some(true)
}
