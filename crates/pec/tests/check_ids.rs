//! The checks are a contract with the faces (the page writes a sentence for each id and names
//! its details): on the genuine samples, the fakes and every message the factory builds, every
//! id of `CheckId::ALL` is emitted, and every check carries only the details its id declares
//! (`CheckId::params`), which are all a face's sentence may name.

mod common;
mod support;

use std::collections::BTreeSet;

use pec::Timestamp;
use pec::{Check, CheckId};
use pec_factory::message::default_time;
use pec_factory::{Failure, Kind, Message, P7m, Ricevuta};

#[test]
fn every_check_is_emitted_and_carries_only_its_declared_details() {
    let mut inputs: Vec<Vec<u8>> = ["real", "tampered", "unverifiable"]
        .iter()
        .flat_map(|dir| common::samples_in(dir))
        .map(|path| common::sample(&path))
        .collect();
    inputs.extend(Kind::ALL.iter().map(|&kind| Message::new(kind).build()));
    inputs.extend(Failure::ALL.iter().map(|failure| failure.message().build()));
    // The attacks on what is certified: layouts, injections, unsigned copies, headers that
    // contradict the signed data.
    let carrier = || Message::new(Kind::PostaCertificata(Ricevuta::Breve));
    inputs.extend(support::attacks());
    inputs.push(carrier().build_unsigned());
    let mut undated = carrier();
    undated.omit_signing_time = true;
    inputs.push(undated.build());
    let mut ambiguous = carrier();
    let xml = pec_factory::message::daticert_xml(&ambiguous.facts);
    ambiguous.daticert_xml = Some(xml.replacen("<oggetto>", "<oggetto>x</oggetto><oggetto>", 1));
    inputs.push(ambiguous.build());
    let mut contradicted = carrier();
    contradicted.headers = vec![
        ("X-TipoRicevuta".into(), Some("completa".into())),
        ("X-VerificaSicurezza".into(), Some("errore".into())),
    ];
    inputs.push(contradicted.build());
    // Parts that claim to be PEC and cannot be verified: an opaque signature, a forward nested
    // beyond the limit.
    inputs
        .push(b"Subject: firmato\r\nContent-Type: application/pkcs7-mime\r\n\r\nMIA=\r\n".to_vec());
    let mut deep = carrier().build();
    for _ in 0..=pec::locate::MAX_DEPTH {
        deep = [b"Content-Type: message/rfc822\r\n\r\n".as_slice(), &deep].concat();
    }
    inputs.push(deep);
    let forgery =
        b"--b\r\nContent-Type: message/rfc822\r\n\r\nX-Ricevuta: accettazione\r\n\r\nx\r\n";
    let many = forgery.repeat(pec::locate::MAX_UNVERIFIED + 1);
    inputs.push(
        [
            b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n".as_slice(),
            &many,
            b"--b--\r\n",
        ]
        .concat(),
    );

    // Signed files, whose own signature is reported apart: intact and broken.
    let whole = carrier().build();
    inputs.push(whole[..whole.len() - 40].to_vec());
    inputs.push(common::sample("msg/outlook-smime-opaque-signed.eml"));
    inputs.push(P7m::Der.sign(&carrier().build()));
    inputs.push(P7m::BrokenSignature.sign(&carrier().build()));

    let mut emitted: Vec<Check> = Vec::new();
    for input in &inputs {
        let report = pec::verify(input, &support::options());
        for message in report.messages {
            emitted.extend(message.checks);
        }
        for signature in report.file_signatures {
            emitted.extend(signature.checks);
        }
    }
    // The moment of verification and `at` come from the caller: the checks that compare the
    // signing time with them speak only when they are given.
    let moments = pec::Options {
        now: Some(Timestamp::utc(0)),
        at: Some(Timestamp::utc(0)),
        ..support::options()
    };
    let message = Message::new(Kind::Accettazione).build();
    for message in pec::verify(&message, &moments).messages {
        emitted.extend(message.checks);
    }
    // Revocation is judged only when a list of the PEC CA is given.
    let revoked = pec_factory::Crl::new(default_time().unix).revoking(
        &Message::new(Kind::Accettazione).signer,
        default_time().unix,
        Some(x509_cert::ext::pkix::crl::CrlReason::KeyCompromise),
    );
    let lists = pec::Options {
        crls: vec![pec::trust::Crl::from_der(&revoked.der()).expect("a factory list")],
        ..support::options()
    };
    for message in pec::verify(&message, &lists).messages {
        emitted.extend(message.checks);
    }
    for check in &emitted {
        let undeclared: Vec<_> = check
            .params
            .keys()
            .filter(|p| !check.id.params().contains(p))
            .collect();
        assert!(undeclared.is_empty(), "{check:?} carries {undeclared:?}");
    }
    let ids: BTreeSet<CheckId> = emitted.iter().map(|c| c.id).collect();
    let never: Vec<_> = CheckId::ALL.iter().filter(|id| !ids.contains(id)).collect();
    assert!(never.is_empty(), "listed but never emitted: {never:?}");
}
