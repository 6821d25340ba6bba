//! Every shared sample through `pec::verify`, as a user drops it: genuine ones pass with their
//! kind and certified facts; tampered ones fail because the content changed after signing;
//! fakes and unsigned mail are explained, never passed.

mod common;

use common::{sample, samples_in};
use pec::CheckId;
use pec::kind::{Kind, ReceiptType};
use pec::{InputError, Options, Report, Status, Verdict};

fn verify(path: &str) -> Report {
    pec::verify(&sample(path), &Options::default())
}

fn status(report: &Report, id: CheckId) -> Option<Status> {
    report.messages[0]
        .checks
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.status)
}

struct Genuine {
    file: &'static str,
    kind: Kind,
    receipt_type: Option<ReceiptType>,
    mittente: &'static str,
    data: &'static str,
    identificativo: &'static str,
    provider: &'static str,
    pec_ca: &'static str,
    /// The checks that warn: the DigitPA-era leaf has an RSA-1024 key.
    warnings: &'static [CheckId],
}

const GENUINE: [Genuine; 5] = [
    Genuine {
        file: "real/aruba-agidca1-accettazione.eml",
        kind: Kind::Accettazione,
        receipt_type: None,
        mittente: "l.battistini@pec.it",
        data: "2018-11-13T16:39:26+01:00",
        identificativo: "opec288.20181113163926.01838.310.1.63@pec.aruba.it",
        provider: "Aruba PEC S.p.A.",
        pec_ca: "CN=AgID CA1",
        warnings: &[],
    },
    Genuine {
        file: "real/aruba-agidca1-consegna-completa.eml",
        kind: Kind::AvvenutaConsegna,
        receipt_type: Some(ReceiptType::Completa),
        mittente: "l.battistini@pec.it",
        data: "2018-11-13T16:39:27+01:00",
        identificativo: "opec288.20181113163926.01838.310.1.63@pec.aruba.it",
        provider: "Aruba PEC S.p.A.",
        pec_ca: "CN=AgID CA1",
        warnings: &[],
    },
    Genuine {
        file: "real/aruba-agidca1-posta-certificata.eml",
        kind: Kind::PostaCertificata,
        receipt_type: Some(ReceiptType::Completa),
        mittente: "sviluppo@pec.datamanagementitalia.it",
        data: "2023-08-18T17:37:14+02:00",
        identificativo: "opec21010.20230818173714.75133.134.1.56@pec.aruba.it",
        provider: "Aruba PEC S.p.A.",
        pec_ca: "CN=AgID CA1",
        warnings: &[],
    },
    Genuine {
        file: "real/aruba-digitpaca1-posta-certificata.eml",
        kind: Kind::PostaCertificata,
        receipt_type: Some(ReceiptType::Completa),
        mittente: "thinkstudio@pec.it",
        data: "2014-11-07T16:52:00+01:00",
        identificativo: "opec275.20141107165200.03048.08.1.17@pec.aruba.it",
        provider: "ARUBA PEC S.p.A.",
        pec_ca: "CN=DigitPA CA1",
        warnings: &[CheckId::TrustKeySize],
    },
    Genuine {
        file: "real/sogei-agidca1-posta-certificata-sdi.eml",
        kind: Kind::PostaCertificata,
        receipt_type: Some(ReceiptType::Breve),
        mittente: "sdi03@pec.fatturapa.it",
        data: "2018-12-08T12:26:18+01:00",
        identificativo: "opec288.20181208122618.17535.2665.1.3@pcert.sogei.it",
        provider: "Sogei S.p.A.",
        pec_ca: "CN=AgID CA1",
        warnings: &[],
    },
];

#[test]
fn every_genuine_sample_passes_with_its_kind_and_certified_facts() {
    assert_eq!(
        samples_in("real").len(),
        GENUINE.len(),
        "a genuine sample is not listed here"
    );
    for expected in &GENUINE {
        let report = verify(expected.file);
        assert_eq!(report.error, None, "{}", expected.file);
        assert_eq!(report.messages.len(), 1, "{}", expected.file);
        let message = &report.messages[0];
        let failing: Vec<_> = message
            .checks
            .iter()
            .filter(|c| c.status != Status::Pass && c.status != Status::Info)
            .collect();
        assert_eq!(
            message.verdict,
            Verdict::TotalPassed,
            "{}: {failing:?}",
            expected.file
        );
        let warnings: Vec<_> = failing
            .iter()
            .filter(|c| c.status == Status::Warn)
            .map(|c| c.id)
            .collect();
        assert_eq!(
            warnings.len(),
            failing.len(),
            "{}: {failing:?}",
            expected.file
        );
        assert_eq!(warnings, expected.warnings, "{}", expected.file);
        assert_eq!(
            message.classification.kind,
            Some(expected.kind),
            "{}",
            expected.file
        );
        assert_eq!(
            message.classification.receipt_type, expected.receipt_type,
            "{}",
            expected.file
        );

        let daticert = message.daticert.as_ref().expect("daticert");
        assert_eq!(daticert.mittente, expected.mittente);
        assert_eq!(
            daticert.data.map(|d| d.rfc3339()).as_deref(),
            Some(expected.data)
        );
        assert_eq!(daticert.identificativo, expected.identificativo);

        let signature = message.signature.as_ref().expect("signature");
        assert_eq!(
            signature.digest_algorithm,
            Some(pec::algorithm::DigestAlgorithm::Sha1)
        );
        let signer = signature.signer.as_ref().expect("signer");
        assert_eq!(signer.organization.as_deref(), Some(expected.provider));
        assert_eq!(
            signature.chain.len(),
            3,
            "{}: {:?}",
            expected.file,
            signature.chain
        );
        assert!(
            signature.chain[1].starts_with(expected.pec_ca),
            "{:?}",
            signature.chain
        );
        // Validity is judged at signing time: every provider certificate has expired since.
        let signed_at = signature.signing_time.expect("signing time");
        assert!(
            signer.not_before.unix <= signed_at.unix && signed_at.unix <= signer.not_after.unix
        );
        assert_eq!(status(&report, CheckId::CmsSha1), Some(Status::Info));
        assert_eq!(
            status(&report, CheckId::TrustRevocationNotChecked),
            Some(Status::Info)
        );
    }
}

#[test]
fn genuine_samples_are_not_trusted_without_the_pec_ca_pins() {
    let mut options = Options::default();
    options.trust.pec_ca_pins.clear();
    for expected in &GENUINE {
        let report = pec::verify(&sample(expected.file), &options);
        assert_eq!(
            report.messages[0].verdict,
            Verdict::Indeterminate,
            "{}",
            expected.file
        );
        assert_eq!(
            status(&report, CheckId::TrustPecCa),
            Some(Status::Fail),
            "{}",
            expected.file
        );
        assert_eq!(
            status(&report, CheckId::CmsMessageDigest),
            Some(Status::Pass),
            "{}",
            expected.file
        );
    }
}

#[test]
fn genuine_samples_judged_today_fail_on_expired_certificates() {
    let options = Options {
        at: pec::Timestamp::parse_rfc3339("2026-11-24T12:00:00Z"),
        ..Options::default()
    };
    for expected in &GENUINE {
        let report = pec::verify(&sample(expected.file), &options);
        assert_eq!(
            report.messages[0].verdict,
            Verdict::TotalFailed,
            "{}",
            expected.file
        );
        assert_eq!(
            status(&report, CheckId::TrustValidity),
            Some(Status::Fail),
            "{}",
            expected.file
        );
    }
}

#[test]
fn every_tampered_sample_fails_because_the_content_changed_after_signing() {
    for file in samples_in("tampered") {
        let report = verify(&file);
        assert_eq!(report.messages.len(), 1, "{file}");
        assert_eq!(report.messages[0].verdict, Verdict::TotalFailed, "{file}");
        assert_eq!(
            status(&report, CheckId::CmsMessageDigest),
            Some(Status::Fail),
            "{file}"
        );
        // The signature itself is intact: only the content no longer matches it.
        assert_eq!(
            status(&report, CheckId::CmsSignature),
            Some(Status::Pass),
            "{file}"
        );
    }
}

#[test]
fn fake_receipts_say_the_signature_is_missing_or_corrupt() {
    for file in samples_in("unverifiable") {
        let report = verify(&file);
        assert!(!report.messages.is_empty(), "{file}");
        for message in &report.messages {
            assert_eq!(message.verdict, Verdict::TotalFailed, "{file}");
            // Missing, unreadable, or cut off with the end of the file.
            let broken = message.checks.iter().any(|c| {
                matches!(
                    c.id,
                    CheckId::MimeSignaturePart | CheckId::CmsParse | CheckId::MimeIncomplete
                ) && c.status == Status::Fail
            });
            assert!(broken, "{file}: {:?}", message.checks);
        }
    }
}

#[test]
fn an_original_message_saved_alone_is_not_a_pec_message() {
    for file in samples_in("unsigned") {
        let report = verify(&file);
        assert_eq!(report.error, Some(InputError::Unsigned), "{file}");
        assert!(report.messages.is_empty());
        assert!(!report.all_passed());
        let json = report.to_json(&file);
        assert!(
            json.contains("\"error\":\"This e-mail carries no PEC provider signature"),
            "{json}"
        );
    }
}

#[test]
fn line_endings_as_saved_do_not_change_the_report() {
    // Mail clients save with LF or CRLF; the signature covers the CRLF form of either.
    let lf = |bytes: &[u8]| -> Vec<u8> {
        let mut out = bytes.to_vec();
        out.retain(|&b| b != b'\r');
        out
    };
    let crlf = |lf: &[u8]| -> Vec<u8> {
        lf.iter()
            .flat_map(|&b| {
                if b == b'\n' {
                    vec![b'\r', b'\n']
                } else {
                    vec![b]
                }
            })
            .collect()
    };
    for file in samples_in("real").into_iter().chain(samples_in("tampered")) {
        let as_lf = lf(&sample(&file));
        let (a, b) = (
            pec::verify(&as_lf, &Options::default()),
            pec::verify(&crlf(&as_lf), &Options::default()),
        );
        assert!(!a.messages.is_empty(), "{file}");
        assert_eq!(
            serde_json::to_string(&a.messages).unwrap(),
            serde_json::to_string(&b.messages).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn a_verifier_that_remembers_links_reports_as_a_fresh_one() {
    let paths: Vec<_> = ["real", "tampered", "unverifiable"]
        .iter()
        .flat_map(|dir| samples_in(dir))
        .collect();
    let mut verifier = pec::Verifier::default();
    // Twice over: the second round finds every provider's links remembered.
    for path in paths.iter().chain(&paths) {
        let bytes = sample(path);
        let remembered = verifier.verify(&bytes).to_json("f");
        let fresh = pec::verify(&bytes, &Options::default()).to_json("f");
        assert_eq!(remembered, fresh, "{path}");
    }
}
