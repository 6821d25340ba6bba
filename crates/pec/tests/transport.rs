//! The page's worker hands its reports to the page in `pec::transport`'s form: every report
//! comes back whole (the fields the JSON leaves out too), for the real samples and every
//! kind of message, failure, attack and form the factory makes; bytes it did not write are
//! refused, never misread and never a panic.

mod common;
mod support;

use pec::Report;
use pec_factory::{Failure, Kind, Message, P7m, Ricevuta, Saved, Zip};

fn inputs() -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = ["real", "tampered", "unsigned", "unverifiable", "msg"]
        .iter()
        .flat_map(|dir| common::samples_in(dir))
        .map(|path| common::sample(&path))
        .collect();
    inputs.extend(common::not_mail().map(|(_, bytes)| bytes));
    inputs.extend(Kind::ALL.iter().map(|&kind| Message::new(kind).build()));
    inputs.extend(Failure::ALL.iter().map(|failure| failure.message().build()));
    let carrier = || Message::new(Kind::PostaCertificata(Ricevuta::Completa));
    inputs.extend(support::attacks());
    inputs.extend(
        pec_factory::sender::tricks()
            .into_iter()
            .map(|(_, m)| m.build()),
    );
    let eml = carrier().build();
    inputs.extend(Saved::ALL.map(|saved| saved.msg(&eml)));
    inputs.extend(Zip::ALL.map(|zip| zip.pack("ricevuta.eml", &eml)));
    inputs.extend(P7m::ALL.map(|p7m| p7m.sign(&eml)));
    let signer = Message::new(Kind::Accettazione).signer;
    let at = pec_factory::message::default_time().unix;
    inputs.push(pec_factory::Crl::new(at).revoking(&signer, at, None).der());
    inputs.push(eml[..eml.len() / 2].to_vec());
    inputs
}

/// Every field, as `Debug` writes it.
fn whole(report: &Report) -> String {
    format!("{report:?}")
}

#[test]
fn every_report_comes_back_whole() {
    let inputs = inputs();
    assert!(inputs.len() > 60, "{} inputs", inputs.len());
    let mut with_xml = 0;
    for input in &inputs {
        let report = pec::verify(input, &support::options());
        let encoded = pec::transport::encode(&report);
        let decoded = pec::transport::decode(&encoded).expect("a report it wrote");
        assert_eq!(whole(&decoded), whole(&report));
        assert_eq!(decoded.to_json("f"), report.to_json("f"));
        with_xml += report
            .messages
            .iter()
            .filter(|m| m.daticert_xml.is_some())
            .count();
    }
    // The fields the JSON leaves out are among those carried.
    assert!(with_xml > 40, "{with_xml} messages with daticert.xml");
}

#[test]
fn bytes_it_did_not_write_are_refused() {
    let eml = Message::new(Kind::PostaCertificata(Ricevuta::Completa)).build();
    let encoded = pec::transport::encode(&pec::verify(&eml, &support::options()));
    assert!(pec::transport::decode(&[]).is_none());
    // Cut anywhere, it is refused; so is anything after its end.
    for end in (0..encoded.len()).step_by(7) {
        assert!(
            pec::transport::decode(&encoded[..end]).is_none(),
            "cut at {end}"
        );
    }
    assert!(pec::transport::decode(&[encoded.as_slice(), b"x"].concat()).is_none());
    // A length that claims more than there is allocates nothing first.
    assert!(pec::transport::decode(&[0xff; 64]).is_none());
}
