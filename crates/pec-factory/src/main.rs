//! `pec-factory DIR`: writes the factory's messages as `.eml` files (one per kind, per signature
//! algorithm, per failure) and the test trust anchors, for trying `pec-verify` by hand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pec_factory::pki::{self, pki};
use pec_factory::{Digest, Failure, KeyAlgorithm, Kind, Message};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: pec-factory DIR");
        return ExitCode::from(2);
    };
    match write_all(&PathBuf::from(dir)) {
        Ok(count) => {
            println!("wrote {count} files");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("pec-factory: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_all(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let pki = pki();
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("test-root.pem".into(), pki::pem(&pki.root).into_bytes()),
        ("test-pec-ca.pem".into(), pki::pem(&pki.pec_ca).into_bytes()),
    ];
    for kind in Kind::ALL {
        files.push((format!("{}.eml", kind.name()), Message::new(kind).build()));
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
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes)?;
    }
    Ok(files.len())
}
