//! The receipt the page's worker verifies once while it waits for a file, so that the browser
//! has compiled the engine's code by the first file a person gives (crates/pec-web/warm-up.eml):
//! it is the test factory's, and takes every step a genuine receipt's verification takes.

mod support;

use pec::kind::{Kind, ReceiptType};
use pec::{CheckId, Options, Status, Verdict};
use pec_factory::{Message, Ricevuta};

const WARM_UP: &[u8] = include_bytes!("../../pec-web/warm-up.eml");

#[test]
fn is_the_factorys_completa_delivery_receipt() {
    let built = Message::new(pec_factory::Kind::AvvenutaConsegna(Ricevuta::Completa)).build();
    assert!(
        WARM_UP == built.as_slice(),
        "crates/pec-web/warm-up.eml is not what the factory writes: write it again with \
         `cargo run -p pec-factory -- DIR` and copy DIR/avvenuta-consegna-completa.eml"
    );
}

#[test]
fn passes_every_check_with_the_factorys_anchors() {
    let report = support::verify(WARM_UP);
    assert_eq!(
        report.verdict,
        Verdict::TotalPassed,
        "{:?}",
        support::not_passed(&report)
    );
    assert_eq!(report.classification.kind, Some(Kind::AvvenutaConsegna));
    assert_eq!(
        report.classification.receipt_type,
        Some(ReceiptType::Completa)
    );
    let original = report.postacert.expect("the original message");
    assert!(
        original.attachments.len() >= 2,
        "{:?}",
        original.attachments
    );
}

/// The page trusts only the PEC's anchors: the receipt's signature still verifies, and only the
/// chain to the factory's CA is left unproven.
#[test]
fn with_the_pages_anchors_only_its_chain_is_unproven() {
    let report = support::verify_with(WARM_UP, &Options::default());
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert_eq!(
        support::check(&report, CheckId::CmsSignature).status,
        Status::Pass
    );
    assert_eq!(
        support::check(&report, CheckId::CmsMessageDigest).status,
        Status::Pass
    );
    assert!(
        support::not_passed(&report)
            .iter()
            .all(|(id, _)| id.as_str().starts_with("trust.")),
        "{:?}",
        support::not_passed(&report)
    );
}
