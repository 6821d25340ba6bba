//! `pec-factory`: writes the factory's messages as `.eml` files (each kind also as Outlook's
//! `.msg`, a signed `.eml.p7m` and in a `.zip`) with the test trust anchors and revocation
//! lists, for trying `pec-verify` by hand (one message per kind, per signature algorithm, per
//! failure, the files of each shape of a sending) and for measuring it (a series of distinct
//! genuine messages, a large envelope).

use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

use pec_factory::pki::{self, pki};
use pec_factory::sending::Shape;
use pec_factory::{
    Bomb, Crl, Digest, Failure, Injection, Issuer, KeyAlgorithm, Kind, Layout, Message, P7m,
    Ricevuta, Saved, Zip,
};
use x509_cert::ext::pkix::crl::CrlReason;

const USAGE: &str = "\
usage: pec-factory DIR                 a message of every kind, algorithm and failure
       pec-factory --series COUNT DIR  COUNT distinct genuine messages of every kind in turn
       pec-factory --sendings DIR      the files of each shape of a sending, a folder each
       pec-factory --envelope BYTES FILE
                                       a posta-certificata envelope of BYTES (its files
                                       make up the size)
The directory forms also write the test anchors, test-root.pem and test-pec-ca.pem.";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let written = match args.as_slice() {
        // `--help` or a mistyped flag is not a directory to fill.
        [dir] if !dir.to_string_lossy().starts_with('-') => Some(write_all(Path::new(dir))),
        [flag, dir] if flag == "--sendings" => Some(write_sendings(Path::new(dir))),
        [flag, count, dir] if flag == "--series" => {
            number(count).map(|count| write_series(count, Path::new(dir)))
        }
        [flag, bytes, file] if flag == "--envelope" => number(bytes)
            .map(|bytes| std::fs::write(file, Message::large_envelope_file(bytes)).map(|()| 1)),
        _ => None,
    };
    match written {
        Some(Ok(count)) => {
            println!("files written: {count}");
            ExitCode::SUCCESS
        }
        Some(Err(error)) => {
            eprintln!("pec-factory: {error}");
            ExitCode::FAILURE
        }
        None => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn number(arg: &OsString) -> Option<usize> {
    arg.to_str()?.parse().ok()
}

fn write_all(dir: &Path) -> std::io::Result<usize> {
    let mut files = anchors();
    for kind in Kind::ALL {
        let eml = Message::new(kind).build();
        // As Outlook saves it: the form courts accept beside the .eml.
        files.push((format!("{}.msg", kind.name()), Saved::Signed.msg(&eml)));
        // As a lawyer deposits it: signed with their own signature.
        files.push((format!("{}.eml.p7m", kind.name()), P7m::Der.sign(&eml)));
        // As a case bundle holds it: in a folder of a zip, beside a PDF.
        let name = format!("{}.eml", kind.name());
        files.push((
            format!("{}.zip", kind.name()),
            Zip::Bundled.pack(&name, &eml),
        ));
        files.push((format!("{}.eml", kind.name()), eml));
    }
    for (algorithm, digest, label) in [
        (KeyAlgorithm::Rsa2048, Digest::Sha1, "rsa-sha1"),
        (KeyAlgorithm::EcdsaP256, Digest::Sha256, "ecdsa-sha256"),
    ] {
        let message = Message::new(Kind::Accettazione).signed_with(algorithm, digest);
        files.push((format!("accettazione-{label}.eml"), message.build()));
    }
    for failure in Failure::ALL {
        files.push((
            format!("fail-{}.eml", failure.name()),
            failure.message().build(),
        ));
    }
    files.extend(attacks());
    files.push(("long-names.eml".into(), long_names().build()));
    for (trick, message) in pec_factory::sender::tricks() {
        files.push((format!("sender-{trick}.eml"), message.build()));
    }
    for bomb in Bomb::ALL {
        files.push((format!("bomb-{bomb:?}.zip").to_lowercase(), bomb.build()));
    }
    files.extend(crls());
    write(dir, &files)
}

/// An envelope whose addresses, subject and file names are as long as a comune's real ones:
/// words without spaces that a page on a phone must wrap.
fn long_names() -> Message {
    const COMUNE: &str = "protocollo.generale@pec.comune.castelnuovodigarfagnana.lu.it";
    let mut message = Message::new(Kind::PostaCertificata(Ricevuta::Completa));
    let facts = &mut message.facts;
    facts.mittente = COMUNE.into();
    facts.risposte = COMUNE.into();
    facts.destinatari[0].0 =
        "ufficio.tributi.riscossione.coattiva@pec.unionecomunigarfagnana.lu.it".into();
    facts.oggetto =
        "Trasmissione_determinazione_dirigenziale_n._1234_2024_ServizioFinanziario".into();
    message.attachments[0].name =
        "IT01234567890_Determinazione_Dirigenziale_Settore_Finanziario_00042.xml.p7m".into();
    message
}

/// `attack-<layout>-<kind>.eml`, `attack-<injection>-<kind>.eml`, `attack-unsigned-<kind>.eml`:
/// what a sender or a forger writes to have a verifier certify what no provider did.
fn attacks() -> Vec<(String, Vec<u8>)> {
    let carriers = [
        Kind::PostaCertificata(Ricevuta::Completa),
        Kind::AvvenutaConsegna(Ricevuta::Completa),
        Kind::BustaAnomalia,
    ];
    let mut files = Vec::new();
    for kind in carriers {
        for layout in Layout::ATTACKS {
            let mut message = Message::new(kind);
            message.layout = layout;
            files.push((
                format!("attack-{layout:?}-{}.eml", kind.name()),
                message.build(),
            ));
        }
        for injection in Injection::ALL {
            let mut message = Message::new(kind);
            message.injection = Some(injection);
            let name = format!("attack-{injection:?}-{}.eml", kind.name());
            files.push((name, message.build()));
        }
        let name = format!("attack-unsigned-{}.eml", kind.name());
        files.push((name, Message::new(kind).build_unsigned()));
    }
    files
}

/// `0000-accettazione.eml`, `0001-non-accettazione.eml`, …: see [`Message::nth_of_series`].
fn write_series(count: usize, dir: &Path) -> std::io::Result<usize> {
    let mut files = anchors();
    for index in 0..count {
        let message = Message::nth_of_series(index);
        files.push((
            format!("{index:04}-{}.eml", message.kind.name()),
            message.build(),
        ));
    }
    write(dir, &files)
}

/// Revocation lists of the test PEC CA, for `pec-verify --crl`: one issued the day after the
/// messages were signed that revokes nothing (DER), one that revokes the sender's provider
/// certificate the day before (PEM); and a forged list of the real AgID CA1.
fn crls() -> Vec<(String, Vec<u8>)> {
    let signed = pec_factory::message::default_time().unix;
    let clear = Crl::new(signed + 86_400);
    let signer = Message::new(Kind::Accettazione).signer;
    let revoked = Crl::new(signed + 86_400).revoking(
        &signer,
        signed - 86_400,
        Some(CrlReason::KeyCompromise),
    );
    // A list in AgID CA1's name that the factory's rogue key signed: a forgery of a real CA's.
    let forged = Crl {
        signer: Issuer::RogueCa,
        in_name_of: Some(pec_factory::crl::AGID_CA1),
        ..Crl::new(signed)
    };
    vec![
        ("crl-not-revoked.crl".into(), clear.der()),
        ("crl-revoked.crl".into(), revoked.pem().into_bytes()),
        ("crl-forged-agid-ca1.crl".into(), forged.der()),
    ]
}

/// The test root and PEC CA, for `pec-verify --trust`.
fn anchors() -> Vec<(String, Vec<u8>)> {
    let pki = pki();
    vec![
        ("test-root.pem".into(), pki::pem(&pki.root).into_bytes()),
        ("test-pec-ca.pem".into(), pki::pem(&pki.pec_ca).into_bytes()),
    ]
}

/// Each shape's files in a folder named after it (a breve receipt's originals in its
/// `originali/`), beside the anchors.
fn write_sendings(dir: &Path) -> std::io::Result<usize> {
    let mut count = write(dir, &anchors())?;
    for shape in Shape::ALL {
        count += write(&dir.join(shape.name()), &shape.files())?;
    }
    Ok(count)
}

/// `files` under `dir`, each name a path in it.
fn write(dir: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<usize> {
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
        std::fs::write(path, bytes)?;
    }
    Ok(files.len())
}
