//! The layout of what a provider signs is part of what is certified. A sender writes everything
//! inside postacert.eml and the provider signs it as it is: parts out of the provider's layout,
//! and boundaries that readers can take differently, certify nothing. Built with the factory's
//! `layout` and `injection` knobs, one test per variant.

mod support;

use pec::check::Effect;
use pec::{CheckId, Param};
use pec::{MessageReport, Status, Verdict};
use pec_factory::{Injection, Kind, Layout, Message, Ricevuta};
use support::{assert_check, check, not_passed, verify};

/// The kinds that carry daticert.xml and postacert.eml, and the one without daticert.
const CARRIERS: [Kind; 3] = [
    Kind::PostaCertificata(Ricevuta::Completa),
    Kind::AvvenutaConsegna(Ricevuta::Completa),
    Kind::BustaAnomalia,
];

/// Nothing the forged daticert.xml says is in the report.
fn assert_not_certified(report: &MessageReport, what: &str) {
    assert_eq!(
        report.verdict,
        Verdict::TotalFailed,
        "{what}: {:#?}",
        report.checks
    );
    assert_eq!(report.daticert, None, "{what}");
    assert_eq!(report.postacert, None, "{what}");
    let json = serde_json::to_string(&report.checks).unwrap_or_default();
    assert!(!json.contains("falso.mittente"), "{what}: {json}");
}

#[test]
fn every_genuine_kind_has_the_certified_layout() {
    for kind in Kind::ALL {
        let report = verify(&Message::new(kind).build());
        assert_eq!(report.verdict, Verdict::TotalPassed, "{kind:?}");
        assert_eq!(not_passed(&report), [], "{kind:?}");
        for id in [CheckId::MimeBoundaries, CheckId::MimeLayout] {
            assert!(check(&report, id).is_pass(), "{kind:?}: {id}");
        }
    }
}

#[test]
fn a_layout_other_than_the_providers_is_not_certified() {
    let expected = [
        (Layout::DaticertAfterPostacert, "daticert-after-postacert"),
        (Layout::DaticertTwice, "daticert-repeated"),
        (Layout::PostacertTwice, "postacert-repeated"),
        (Layout::PartAfterPostacert, "postacert-not-last"),
        (Layout::DaticertInAlternative, "daticert-nested"),
    ];
    assert_eq!(expected.map(|(layout, _)| layout), Layout::ATTACKS);
    for kind in [CARRIERS[0], CARRIERS[1]] {
        for (layout, problem) in expected {
            let mut message = Message::new(kind);
            message.layout = layout;
            let report = verify(&message.build());
            assert_not_certified(&report, &format!("{kind:?} {layout:?}"));
            let layout_check =
                assert_check(&report, CheckId::MimeLayout, Status::Fail, Effect::Failed);
            assert_eq!(
                layout_check.params[&Param::Problem].to_string(),
                problem,
                "{kind:?} {layout:?}"
            );
            // The unreadable layout is the reason, not a missing daticert.
            assert!(
                report
                    .checks
                    .iter()
                    .all(|c| c.id != CheckId::DaticertPresent)
            );
        }
    }
}

#[test]
fn a_daticert_the_sender_wrote_at_the_start_of_a_line_is_not_certified() {
    for kind in CARRIERS {
        let mut message = Message::new(kind);
        message.injection = Some(Injection::LineStart);
        let report = verify(&message.build());
        assert_not_certified(&report, &format!("{kind:?}"));
        // A delimiter by the RFC, so a strict reader sees the forged part as the provider's; a
        // reader inside the original's own multipart does not: the two readings differ.
        assert_check(
            &report,
            CheckId::MimeBoundaries,
            Status::Fail,
            Effect::Failed,
        );
    }
}

#[test]
fn a_boundary_mid_line_or_as_a_prefix_is_not_a_delimiter() {
    for injection in [Injection::MidLine, Injection::Prefix] {
        for kind in CARRIERS {
            let mut message = Message::new(kind);
            message.injection = Some(injection);
            let report = verify(&message.build());
            assert_not_certified(&report, &format!("{kind:?} {injection:?}"));
            assert_check(
                &report,
                CheckId::MimeBoundaries,
                Status::Fail,
                Effect::Failed,
            );
        }
    }
}

#[test]
fn an_attachment_only_a_lenient_reader_sees_is_flagged() {
    for kind in [CARRIERS[0], CARRIERS[1]] {
        let mut message = Message::new(kind);
        message.injection = Some(Injection::OriginalMidLine);
        let report = verify(&message.build());
        // The provider's own parts are intact: the message is genuine…
        assert_eq!(report.verdict, Verdict::TotalPassed, "{:#?}", report.checks);
        // …but what the original shows depends on the reader, and the report says so.
        let structure = check(&report, CheckId::PostacertStructure);
        assert_eq!(
            (structure.status, structure.effect),
            (Status::Warn, Effect::None)
        );
        assert_eq!(
            not_passed(&report),
            [(CheckId::PostacertStructure, Status::Warn)]
        );
    }
    let genuine = verify(&Message::new(CARRIERS[0]).build());
    assert!(check(&genuine, CheckId::PostacertStructure).is_pass());
}
