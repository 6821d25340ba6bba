//! Every kind of the technical rules' table, built by the test factory and signed with RSA and
//! ECDSA over SHA-1 and SHA-256: TOTAL-PASSED, classified right, every certified fact read back.

mod support;

use pec::CheckId;
use pec::daticert::{Daticert, Destinatario};
use pec::kind::{Classification, Kind as PecKind, ReceiptType, Variant};
use pec::{Status, Timestamp, Verdict};
use pec_factory::{Digest, ErroreConsegna, Facts, KeyAlgorithm, Kind, Message, Ricevuta};
use support::{check, not_passed, verify};

/// How the verifier must classify each factory kind.
fn classification(kind: Kind) -> Classification {
    let receipt = |r: Ricevuta| match r {
        Ricevuta::Completa => ReceiptType::Completa,
        Ricevuta::Breve => ReceiptType::Breve,
        Ricevuta::Sintetica => ReceiptType::Sintetica,
    };
    let (kind, variant, receipt_type) = match kind {
        Kind::Accettazione => (PecKind::Accettazione, None, None),
        Kind::NonAccettazione => (PecKind::NonAccettazione, None, None),
        Kind::NonAccettazioneVirus => (PecKind::NonAccettazione, Some(Variant::Virus), None),
        Kind::PresaInCarico => (PecKind::PresaInCarico, None, None),
        Kind::PostaCertificata(r) => (PecKind::PostaCertificata, None, Some(receipt(r))),
        Kind::AvvenutaConsegna(r) => (PecKind::AvvenutaConsegna, None, Some(receipt(r))),
        Kind::ErroreConsegna(ErroreConsegna::Virus) => {
            (PecKind::ErroreConsegna, Some(Variant::Virus), None)
        }
        Kind::ErroreConsegna(_) => (PecKind::ErroreConsegna, None, None),
        Kind::PreavvisoErroreConsegna => (PecKind::PreavvisoErroreConsegna, None, None),
        Kind::PreavvisoErroreConsegna24h => (
            PecKind::PreavvisoErroreConsegna,
            Some(Variant::Timeout24h),
            None,
        ),
        Kind::RilevazioneVirus => (PecKind::RilevazioneVirus, None, None),
        Kind::BustaAnomalia => (PecKind::BustaAnomalia, None, None),
    };
    Classification {
        kind: Some(kind),
        variant,
        receipt_type,
    }
}

/// The daticert the verifier must read from the facts the factory wrote.
fn daticert(facts: &Facts) -> Daticert {
    Daticert {
        tipo: facts.tipo.clone(),
        errore: facts.errore.clone(),
        mittente: facts.mittente.clone(),
        destinatari: facts
            .destinatari
            .iter()
            .map(|(address, tipo)| Destinatario {
                address: address.clone(),
                tipo: tipo.clone(),
            })
            .collect(),
        risposte: facts.risposte.clone(),
        oggetto: Some(facts.oggetto.clone()),
        gestore_emittente: facts.gestore_emittente.clone(),
        data: Some(Timestamp {
            unix: facts.data.unix,
            offset_minutes: facts.data.zone_minutes,
        }),
        identificativo: facts.identificativo.clone(),
        msgid: Some(facts.msgid.clone()),
        ricevuta: facts.ricevuta.map(|r| r.name().to_owned()),
        consegna: facts.consegna.clone(),
        ricezione: facts.ricezione.clone(),
        errore_esteso: facts.errore_esteso.clone(),
    }
}

fn assert_verifies(message: &Message) {
    let kind = message.kind;
    let report = verify(&message.build());
    let context = format!(
        "{} {:?} {:?}",
        kind.name(),
        message.signer.algorithm,
        message.digest
    );
    assert_eq!(
        report.verdict,
        Verdict::TotalPassed,
        "{context}: {:#?}",
        report.checks
    );
    // The factory's messages agree with themselves: not even an unsigned header differs.
    assert_eq!(not_passed(&report), [], "{context}");
    assert_eq!(report.classification, classification(kind), "{context}");
    match kind {
        Kind::BustaAnomalia => assert_eq!(report.daticert, None),
        _ => assert_eq!(report.daticert, Some(daticert(&message.facts)), "{context}"),
    }
    for id in [
        CheckId::CmsMessageDigest,
        CheckId::CmsSignature,
        CheckId::TrustChain,
        CheckId::TrustPecCa,
        CheckId::TrustValidity,
        CheckId::TrustPecPolicy,
        CheckId::TrustNameConstraints,
        CheckId::TrustSender,
    ] {
        assert_eq!(check(&report, id).status, Status::Pass, "{context}: {id}");
    }

    let signature = report.signature.as_ref().expect("a signature");
    assert_eq!(
        signature.digest_algorithm.map(|d| d.name()),
        Some(message.digest.name()),
        "{context}"
    );
    let scheme = match message.signer.algorithm {
        KeyAlgorithm::Rsa2048 | KeyAlgorithm::Rsa1024 | KeyAlgorithm::Rsa512 => "rsa-pkcs1v15",
        KeyAlgorithm::EcdsaP256 => "ecdsa-p256",
    };
    assert_eq!(
        signature.signature_algorithm.map(|a| a.name()),
        Some(scheme),
        "{context}"
    );
    assert_eq!(
        signature.signing_time.map(|t| t.unix),
        Some(message.signing_time)
    );
    assert_eq!(signature.chain.len(), 3, "{context}");
    let signer = signature.signer.as_ref().expect("a signer");
    assert_eq!(signer.email.as_deref(), Some(message.signer.email.as_str()));

    // Envelopes, completa and breve receipts (and the anomalia) carry the original.
    let files: Option<Vec<&str>> = report.postacert.as_ref().map(|p| {
        p.attachments
            .iter()
            .filter_map(|a| a.name.as_deref())
            .collect()
    });
    let names = message.attachments.iter().map(|a| a.name.as_str());
    match kind {
        Kind::PostaCertificata(_)
        | Kind::AvvenutaConsegna(Ricevuta::Completa)
        | Kind::BustaAnomalia => assert_eq!(files, Some(names.collect()), "{context}"),
        Kind::AvvenutaConsegna(Ricevuta::Breve) => {
            let hashes: Vec<String> = names.map(|n| format!("{n}.hash")).collect();
            assert_eq!(files, Some(hashes.iter().map(String::as_str).collect()));
        }
        _ => assert_eq!(files, None, "{context}"),
    }
}

#[test]
fn every_kind_verifies_with_rsa_and_sha1_as_real_providers_sign() {
    for kind in Kind::ALL {
        assert_verifies(&Message::new(kind).signed_with(KeyAlgorithm::Rsa2048, Digest::Sha1));
    }
}

#[test]
fn every_kind_verifies_with_rsa_and_sha256() {
    for kind in Kind::ALL {
        assert_verifies(&Message::new(kind).signed_with(KeyAlgorithm::Rsa2048, Digest::Sha256));
    }
}

#[test]
fn every_kind_verifies_with_ecdsa_p256_and_sha256() {
    for kind in Kind::ALL {
        assert_verifies(&Message::new(kind).signed_with(KeyAlgorithm::EcdsaP256, Digest::Sha256));
    }
}

#[test]
fn ecdsa_with_sha1_verifies() {
    let message =
        Message::new(Kind::Accettazione).signed_with(KeyAlgorithm::EcdsaP256, Digest::Sha1);
    assert_verifies(&message);
}

#[test]
fn the_factory_is_deterministic() {
    let message = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa));
    assert_eq!(message.build(), message.build());
}

#[test]
fn the_sha1_info_is_shown_for_sha1_only() {
    let sha1 = Message::new(Kind::Accettazione).signed_with(KeyAlgorithm::Rsa2048, Digest::Sha1);
    assert_eq!(
        check(&verify(&sha1.build()), CheckId::CmsSha1).status,
        Status::Info
    );
    let sha256 = verify(&Message::new(Kind::Accettazione).build());
    assert!(sha256.checks.iter().all(|c| c.id != CheckId::CmsSha1));
}
