//! The check ids are a contract with the faces (the page writes a sentence for each): every id
//! the core emits, on the genuine samples, the fakes and every message the factory builds, is
//! one of `pec::check::IDS`, and that list names each id once.

mod common;
mod support;

use std::collections::BTreeSet;

use pec::Timestamp;
use pec::check::IDS;
use pec_factory::{Failure, Injection, Kind, Layout, Message, Ricevuta};

#[test]
fn every_emitted_id_is_in_the_contract_list() {
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
    for layout in Layout::ATTACKS {
        let mut message = carrier();
        message.layout = layout;
        inputs.push(message.build());
    }
    for injection in Injection::ALL {
        let mut message = carrier();
        message.injection = Some(injection);
        inputs.push(message.build());
    }
    inputs.push(carrier().build_unsigned());
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

    let mut emitted = BTreeSet::new();
    for input in &inputs {
        for message in pec::verify(input, &support::options()).messages {
            emitted.extend(message.checks.iter().map(|c| c.id));
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
        emitted.extend(message.checks.iter().map(|c| c.id));
    }
    let listed: BTreeSet<&str> = IDS.into_iter().collect();
    assert_eq!(listed.len(), IDS.len(), "an id is listed twice");
    let unlisted: Vec<_> = emitted.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "emitted but not in pec::check::IDS: {unlisted:?}"
    );
    // The inputs exercise nearly the whole list; a stale name would show up here.
    let never: Vec<_> = listed.difference(&emitted).collect();
    assert!(never.len() <= 2, "listed but never emitted: {never:?}");
}
