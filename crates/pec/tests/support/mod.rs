//! What the factory-based tests share: a trust store made of the factory's PKI, and one
//! message's report with its checks looked up by id.

#![allow(dead_code)] // each test crate uses its own part of this module

use pec::certificate::Cert;
use pec::check::Effect;
use pec::{Check, CheckId, MessageReport, Options, Status, TrustStore};
use pec_factory::{Injection, Kind, Layout, Message, Ricevuta, pki};
use x509_cert::Certificate;

/// Shaped like the built-in store: the test root, the test PEC CA's key pinned, no
/// intermediates (the PEC CA certificate comes with each message's CMS, as AgID CA1 does).
pub fn options() -> Options {
    Options {
        at: None,
        trust: TrustStore {
            roots: vec![cert(&pki().root)],
            pec_ca_pins: vec![pki().pec_ca_pin()],
            intermediates: Vec::new(),
        },
        crls: Vec::new(),
        now: None,
    }
}

/// A factory certificate as the trust store holds it.
pub fn cert(certificate: &Certificate) -> Cert {
    Cert::try_from(certificate.clone()).expect("an encodable certificate")
}

/// The report of the only signed message in `eml`.
pub fn verify_with(eml: &[u8], options: &Options) -> MessageReport {
    let report = pec::verify(eml, options);
    assert_eq!(report.error, None);
    assert_eq!(report.messages.len(), 1);
    report.messages.into_iter().next().expect("one message")
}

pub fn verify(eml: &[u8]) -> MessageReport {
    verify_with(eml, &options())
}

pub fn check(report: &MessageReport, id: CheckId) -> &Check {
    report
        .checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:#?}", report.checks))
}

/// The checks that did not pass, as `(id, status)`, for assertions and failure messages.
pub fn not_passed(report: &MessageReport) -> Vec<(CheckId, Status)> {
    report
        .checks
        .iter()
        .filter(|c| !matches!(c.status, Status::Pass | Status::Info))
        .map(|c| (c.id, c.status))
        .collect()
}

/// The check `id` of `report`, held to its status and effect.
pub fn assert_check(report: &MessageReport, id: CheckId, status: Status, effect: Effect) -> Check {
    let found = check(report, id).clone();
    assert_eq!(
        (found.status, found.effect),
        (status, effect),
        "{id}: {:#?}",
        report.checks
    );
    found
}

/// The attacks on what is certified, each in a genuine breve envelope: every layout out of the
/// provider's, and every injection of its boundary by the sender.
pub fn attacks() -> Vec<Vec<u8>> {
    let carrier = || Message::new(Kind::PostaCertificata(Ricevuta::Breve));
    let layouts = Layout::ATTACKS.into_iter().map(|layout| {
        let mut message = carrier();
        message.layout = layout;
        message.build()
    });
    let injections = Injection::ALL.into_iter().map(|injection| {
        let mut message = carrier();
        message.injection = Some(injection);
        message.build()
    });
    layouts.chain(injections).collect()
}
