//! Revocation lists given beside the receipts, through `pec::verify`: a list of the PEC CA
//! that issued the provider certificate, signed by its pinned key, says the certificate was
//! not revoked, or revoked before or after the signature; a list that is forged, partial, or
//! issued too early or too late to say anything says so, and never makes a receipt genuine or
//! false by itself.

mod common;
mod support;

use pec::check::{Effect, Revocation, RevocationReason};
use pec::trust::{Crl, TrustError, read_crls};
use pec::{Check, CheckId, InputError, Options, Param, Status, Timestamp, Value, Verdict};
use pec_factory::crl::Scope;
use pec_factory::message::default_time;
use pec_factory::{Issuer, Kind, Message, Ricevuta};
use support::{check, options, verify_with};
use x509_cert::ext::pkix::crl::CrlReason;

const DAY: i64 = 86_400;

fn genuine() -> Message {
    Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa))
}

fn signed_at() -> i64 {
    default_time().unix
}

/// A whole list of the PEC CA issued a day after the factory's signature.
fn list() -> pec_factory::Crl {
    pec_factory::Crl::new(signed_at() + DAY)
}

fn with_lists(lists: &[pec_factory::Crl]) -> Options {
    Options {
        crls: lists
            .iter()
            .map(|l| Crl::from_der(&l.der()).expect("a factory list"))
            .collect(),
        ..options()
    }
}

/// The revocation check of the genuine receipt verified with `lists`, and the verdict.
fn judged(lists: &[pec_factory::Crl]) -> (Check, Verdict) {
    let report = verify_with(&genuine().build(), &with_lists(lists));
    assert!(
        report
            .checks
            .iter()
            .all(|c| c.id != CheckId::TrustRevocationNotChecked)
            || report
                .checks
                .iter()
                .all(|c| c.id != CheckId::TrustRevocation),
        "one revocation line: {:#?}",
        report.checks
    );
    let found = report
        .checks
        .iter()
        .find(|c| {
            matches!(
                c.id,
                CheckId::TrustRevocation | CheckId::TrustRevocationNotChecked
            )
        })
        .expect("a revocation line")
        .clone();
    (found, report.verdict)
}

fn time(check: &Check, param: Param) -> Option<i64> {
    match check.value(param)? {
        Value::Time(t) => Some(t.unix),
        other => panic!("{param} is {other:?}"),
    }
}

fn assert_finding(check: &Check, finding: Revocation, status: Status, effect: Effect) {
    assert_eq!(check.id, CheckId::TrustRevocation, "{check:#?}");
    assert_eq!(check.revocation(), Some(finding), "{check:#?}");
    assert_eq!((check.status, check.effect), (status, effect), "{check:#?}");
}

fn signer() -> pec_factory::Leaf {
    genuine().signer
}

#[test]
fn without_a_list_revocation_is_not_checked() {
    let (found, verdict) = judged(&[]);
    assert_eq!(found.id, CheckId::TrustRevocationNotChecked);
    assert_eq!(verdict, Verdict::TotalPassed);
}

#[test]
fn a_list_issued_after_the_signature_that_does_not_name_the_certificate_clears_it() {
    let (found, verdict) = judged(&[list()]);
    assert_finding(&found, Revocation::NotRevoked, Status::Pass, Effect::None);
    assert_eq!(time(&found, Param::At), Some(signed_at() + DAY));
    assert!(matches!(found.value(Param::Ca), Some(Value::Text(ca)) if ca.contains("Test PEC CA1")));
    assert_eq!(verdict, Verdict::TotalPassed);
}

#[test]
fn a_certificate_revoked_before_the_signature_makes_the_receipt_false() {
    let revoked = signed_at() - 3 * DAY;
    let lists = [list().revoking(&signer(), revoked, Some(CrlReason::KeyCompromise))];
    let (found, verdict) = judged(&lists);
    assert_finding(
        &found,
        Revocation::RevokedBeforeSigning,
        Status::Fail,
        Effect::Failed,
    );
    assert_eq!(time(&found, Param::Time), Some(revoked));
    assert_eq!(
        found.code::<RevocationReason>(),
        Some(RevocationReason::KeyCompromise)
    );
    assert_eq!(verdict, Verdict::TotalFailed);
}

#[test]
fn a_suspension_at_the_signing_time_counts_as_a_revocation() {
    let lists = [list().revoking(&signer(), signed_at(), Some(CrlReason::CertificateHold))];
    let (found, verdict) = judged(&lists);
    assert_finding(
        &found,
        Revocation::RevokedBeforeSigning,
        Status::Fail,
        Effect::Failed,
    );
    assert_eq!(verdict, Verdict::TotalFailed);
}

#[test]
fn a_revocation_after_the_signature_leaves_it_valid_and_a_compromised_key_warns() {
    let later = signed_at() + 3600;
    for (reason, status) in [
        (None, Status::Info),
        (Some(CrlReason::Superseded), Status::Info),
        (Some(CrlReason::KeyCompromise), Status::Warn),
        (Some(CrlReason::CaCompromise), Status::Warn),
    ] {
        let (found, verdict) = judged(&[list().revoking(&signer(), later, reason)]);
        assert_finding(
            &found,
            Revocation::RevokedAfterSigning,
            status,
            Effect::None,
        );
        assert_eq!(time(&found, Param::Time), Some(later));
        assert_eq!(verdict, Verdict::TotalPassed, "{reason:?}");
    }
}

#[test]
fn an_invalidity_date_before_the_signature_counts_from_then() {
    let mut revoking = list().revoking(
        &signer(),
        signed_at() + 3600,
        Some(CrlReason::KeyCompromise),
    );
    revoking.revoked[0].invalid_since = Some(signed_at() - DAY);
    let (found, verdict) = judged(&[revoking]);
    assert_finding(
        &found,
        Revocation::RevokedBeforeSigning,
        Status::Fail,
        Effect::Failed,
    );
    assert_eq!(time(&found, Param::Time), Some(signed_at() - DAY));
    assert_eq!(verdict, Verdict::TotalFailed);
}

#[test]
fn an_entry_removed_from_the_list_is_no_revocation() {
    let lists = [list().revoking(&signer(), signed_at() - DAY, Some(CrlReason::RemoveFromCRL))];
    let (found, _) = judged(&lists);
    assert_finding(&found, Revocation::NotRevoked, Status::Pass, Effect::None);
}

#[test]
fn another_certificate_revoked_is_not_this_one() {
    let mut other = signer();
    other.not_before += 1;
    let (found, verdict) = judged(&[list().revoking(&other, signed_at() - DAY, None)]);
    assert_finding(&found, Revocation::NotRevoked, Status::Pass, Effect::None);
    assert_eq!(verdict, Verdict::TotalPassed);
}

#[test]
fn a_list_too_early_or_too_late_cannot_tell() {
    let early = pec_factory::Crl::new(signed_at() - DAY);
    let (found, verdict) = judged(&[early]);
    assert_finding(
        &found,
        Revocation::ListBeforeSigning,
        Status::Info,
        Effect::None,
    );
    assert_eq!(time(&found, Param::At), Some(signed_at() - DAY));
    assert_eq!(verdict, Verdict::TotalPassed);

    let expiry = signer().not_after;
    let late = pec_factory::Crl::new(expiry + DAY);
    let (found, verdict) = judged(&[late]);
    assert_finding(
        &found,
        Revocation::ListAfterExpiry,
        Status::Info,
        Effect::None,
    );
    assert_eq!(time(&found, Param::NotAfter), Some(expiry));
    assert_eq!(verdict, Verdict::TotalPassed);
}

#[test]
fn a_list_the_pec_ca_did_not_sign_is_not_believed() {
    let revoked = signed_at() - DAY;
    let mut forged = list().revoking(&signer(), revoked, None);
    forged.signer = Issuer::RogueCa;
    let mut altered = list().revoking(&signer(), revoked, None);
    altered.tampered = true;
    for list in [forged, altered] {
        let (found, verdict) = judged(&[list]);
        assert_finding(
            &found,
            Revocation::ListNotSigned,
            Status::Warn,
            Effect::None,
        );
        assert_eq!(verdict, Verdict::TotalPassed);
    }
}

#[test]
fn a_partial_list_cannot_clear_a_certificate_but_can_revoke_it() {
    for scope in [Scope::Delta, Scope::CaCertificatesOnly] {
        let mut partial = list();
        partial.scope = scope;
        let (found, _) = judged(&[partial.clone()]);
        assert_finding(&found, Revocation::ListPartial, Status::Info, Effect::None);
        let revoking = partial.revoking(&signer(), signed_at() - DAY, None);
        let (found, verdict) = judged(&[revoking]);
        assert_finding(
            &found,
            Revocation::RevokedBeforeSigning,
            Status::Fail,
            Effect::Failed,
        );
        assert_eq!(verdict, Verdict::TotalFailed, "{scope:?}");
    }
}

#[test]
fn of_several_lists_the_most_telling_counts() {
    let (found, _) = judged(&[
        pec_factory::Crl::new(signed_at() - DAY),
        list(),
        list().revoking(&signer(), signed_at() - DAY, None),
    ]);
    assert_finding(
        &found,
        Revocation::RevokedBeforeSigning,
        Status::Fail,
        Effect::Failed,
    );
    // Of two lists that clear it, the one issued nearest the signature.
    let (found, _) = judged(&[pec_factory::Crl::new(signed_at() + 9 * DAY), list()]);
    assert_finding(&found, Revocation::NotRevoked, Status::Pass, Effect::None);
    assert_eq!(time(&found, Param::At), Some(signed_at() + DAY));
}

#[test]
fn a_list_for_the_end_entities_at_one_address_is_whole_for_a_receipt() {
    let mut at_point = list();
    at_point.scope = Scope::EndEntitiesAtPoint;
    let (found, _) = judged(&[at_point]);
    assert_finding(&found, Revocation::NotRevoked, Status::Pass, Effect::None);
}

#[test]
fn a_list_forged_in_agid_ca1_s_name_is_not_believed_for_a_real_receipt() {
    let forged = pec_factory::Crl {
        signer: Issuer::RogueCa,
        in_name_of: Some(pec_factory::crl::AGID_CA1),
        ..pec_factory::Crl::new(0)
    };
    let options = Options {
        crls: vec![Crl::from_der(&forged.der()).expect("a factory list")],
        ..Options::default()
    };
    let report = pec::verify(
        &common::sample("real/aruba-agidca1-accettazione.eml"),
        &options,
    );
    let message = &report.messages[0];
    assert_eq!(message.verdict, Verdict::TotalPassed);
    let found = check(message, CheckId::TrustRevocation);
    assert_finding(found, Revocation::ListNotSigned, Status::Warn, Effect::None);
}

#[test]
fn a_list_of_another_ca_says_nothing_of_this_certificate() {
    let mut message = genuine();
    message.signer.issuer = Issuer::RogueCa;
    let report = verify_with(&message.build(), &with_lists(&[list()]));
    assert_eq!(
        check(&report, CheckId::TrustRevocationNotChecked).status,
        Status::Info
    );
    assert!(
        report
            .checks
            .iter()
            .all(|c| c.id != CheckId::TrustRevocation)
    );
}

#[test]
fn lists_are_read_from_pem_or_der_and_unreadable_ones_are_named() {
    let (first, second) = (list().pem(), pec_factory::Crl::new(signed_at()).pem());
    let pem = format!("{first}{second}");
    let read = read_crls(pem.as_bytes()).expect("two PEM lists");
    assert_eq!(read.len(), 2);
    let report = pec::trust::revocation::describe(&read[0]);
    assert_eq!(report.this_update, Timestamp::utc(signed_at() + DAY));
    assert_eq!(
        report.next_update,
        Some(Timestamp::utc(signed_at() + 8 * DAY))
    );
    assert_eq!(report.revoked, 0);
    assert!(report.complete && report.issuer.contains("Test PEC CA1"));
    assert_eq!(read_crls(&list().der()).map(|l| l.len()), Ok(1));
    let der = list().revoking(&signer(), signed_at(), None).der();
    assert_eq!(
        pec::trust::revocation::describe(&read_crls(&der).unwrap()[0]).revoked,
        1
    );

    assert!(matches!(read_crls(b"hello"), Err(TrustError::NotFound(_))));
    assert!(matches!(
        read_crls(&der[..der.len() - 10]),
        Err(TrustError::Malformed { index: 1, .. })
    ));
    let cut = &pem[..first.len() + second.len() / 2];
    assert!(matches!(
        read_crls(cut.as_bytes()),
        Err(TrustError::Malformed { index: 2, .. })
    ));
}

#[test]
fn a_list_verified_as_a_file_is_told_to_be_one() {
    for bytes in [list().der(), list().pem().into_bytes()] {
        let report = pec::verify(&bytes, &Options::default());
        assert_eq!(report.error, Some(InputError::Crl));
        assert!(report.messages.is_empty());
    }
}
