//! The store (its anchors and pins) and `validate` as a whole, on the real samples and the
//! published PEC CA certificates.

use std::path::PathBuf;

use der::asn1::BitString;
use x509_cert::Certificate;

use super::policy::subject;
use super::*;
use crate::check::{Effect, Param, Status};
use crate::cms;
use crate::testutil::{shared_trust, signed_samples};
use crate::time::Timestamp;

fn run(store: &TrustStore, info: &cms::SignatureInfo, at: i64) -> (Vec<Cert>, Vec<Check>) {
    validate(
        store,
        info.signer.as_ref().unwrap(),
        &info.certificates,
        at,
        &mut Links::default(),
    )
}

fn find(checks: &[Check], id: CheckId) -> &Check {
    checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no {id} in {checks:?}"))
}

#[test]
fn built_in_store_holds_two_roots_and_two_pins() {
    let store = TrustStore::pec();
    assert_eq!(store.roots.len(), 2);
    assert!(store.roots.iter().all(certificate::is_self_signed));
    assert_eq!(store.pec_ca_pins.len(), 2);
}

#[test]
fn embedded_roots_are_debians() {
    let debian = [
        "Actalis_Authentication_Root_CA.crt",
        "Baltimore_CyberTrust_Root.crt",
    ];
    for (file, embedded) in debian.iter().zip(ROOTS) {
        let path = PathBuf::from("/usr/share/ca-certificates/mozilla").join(file);
        let installed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; Debian's ca-certificates is needed to compare the embedded roots \
                 with (`cargo xtask setup` installs it)",
                path.display()
            )
        });
        assert_eq!(installed, embedded, "{}", path.display());
    }
}

#[test]
fn pins_are_the_keys_of_the_published_pec_cas() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/trust");
    // Every file of the shared folder, however many versions it holds: both eras at least.
    let mut seen = [0; 2];
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let era = match name.split('-').next() {
            Some("agid") => 0,
            Some("digitpa") => 1,
            _ => continue,
        };
        let expected = PEC_CA_PINS[era];
        // Some files bundle the root after the CA.
        let ca = read_certificates(&shared_trust(&name)).unwrap().remove(0);
        assert_eq!(certificate::spki_sha256(&ca), Some(expected), "{name}");
        seen[era] += 1;
    }
    assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
}

#[test]
fn real_samples_are_trusted_at_signing_time() {
    let store = TrustStore::pec();
    for (sample, info) in signed_samples() {
        let at = info.signing_time.unwrap().unix;
        let (chain, checks) = run(&store, &info, at);
        for check in &checks {
            // The DigitPA-era leaf's RSA-1024 key: accepted then, weak now.
            let expected = match check.id {
                CheckId::TrustKeySize if sample.name.contains("digitpa") => Status::Warn,
                _ => Status::Pass,
            };
            assert_eq!(check.status, expected, "{}: {check:?}", sample.name);
        }
        let subjects: Vec<String> = chain.iter().map(|c| subject(c)).collect();
        assert_eq!(chain.len(), 3, "{}: {subjects:?}", sample.name);
        let (ca, root) = if sample.name.contains("digitpa") {
            ("CN=DigitPA CA1", "CN=Baltimore CyberTrust Root")
        } else {
            ("CN=AgID CA1", "CN=Actalis Authentication Root CA")
        };
        assert!(
            subjects[1].starts_with(ca) && subjects[2].starts_with(root),
            "{subjects:?}"
        );
        for id in [
            CheckId::TrustChain,
            CheckId::TrustCertificateSignatures,
            CheckId::TrustPecCa,
            CheckId::TrustValidity,
            CheckId::TrustCaBasicConstraints,
            CheckId::TrustPecPolicy,
            CheckId::TrustKeyUsage,
            CheckId::TrustNameConstraints,
            CheckId::TrustKeySize,
            CheckId::TrustProviderEmail,
        ] {
            find(&checks, id);
        }
    }
}

#[test]
fn expired_certificates_fail_validity() {
    let at_2030 = Timestamp::parse_rfc3339("2030-06-01T00:00:00Z")
        .unwrap()
        .unix;
    for (sample, info) in signed_samples() {
        let (_, checks) = run(&TrustStore::pec(), &info, at_2030);
        let validity = find(&checks, CheckId::TrustValidity);
        assert_eq!(validity.effect, Effect::Failed, "{}", sample.name);
        assert_eq!(
            validity.params[&Param::Certificate].to_string(),
            subject(info.signer.as_ref().unwrap())
        );
        assert!(validity.params.contains_key(&Param::NotAfter));
    }
}

#[test]
fn without_pins_a_valid_chain_is_not_a_pec_provider() {
    let store = TrustStore {
        pec_ca_pins: Vec::new(),
        ..TrustStore::pec()
    };
    for (_, info) in signed_samples() {
        let at = info.signing_time.unwrap().unix;
        let (chain, checks) = run(&store, &info, at);
        assert_eq!(chain.len(), 3);
        assert!(find(&checks, CheckId::TrustChain).is_pass());
        assert_eq!(
            find(&checks, CheckId::TrustPecCa).effect,
            Effect::Indeterminate
        );
    }
}

#[test]
fn an_unknown_root_leaves_trust_indeterminate() {
    let (_, info) = signed_samples().remove(0);
    let mut pool = info.certificates.clone();
    // The Actalis root itself in the pool, but not in the store: still no anchor.
    pool.extend(read_certificates(ROOTS[0].as_bytes()).unwrap());
    let store = TrustStore {
        roots: read_certificates(ROOTS[1].as_bytes()).unwrap(),
        ..TrustStore::pec()
    };
    let at = info.signing_time.unwrap().unix;
    let (chain, checks) = validate(
        &store,
        info.signer.as_ref().unwrap(),
        &pool,
        at,
        &mut Links::default(),
    );
    assert!(chain.is_empty());
    let check = find(&checks, CheckId::TrustChain);
    assert_eq!(check.effect, Effect::Indeterminate);
    assert!(
        check.params[&Param::Issuer].to_string().contains("Actalis"),
        "{check:?}"
    );
    // The pinned CA is still on the path found.
    assert!(find(&checks, CheckId::TrustPecCa).is_pass());

    let (chain, checks) = run(&TrustStore::default(), &info, at);
    assert!(chain.is_empty());
    assert_eq!(
        find(&checks, CheckId::TrustChain).effect,
        Effect::Indeterminate
    );
}

#[test]
fn a_forged_certificate_signature_fails() {
    let (_, mut info) = signed_samples().remove(0);
    let mut forged = Certificate::clone(info.signer.as_ref().unwrap());
    let mut bytes = forged.signature.raw_bytes().to_vec();
    bytes[10] ^= 1;
    forged.signature = BitString::from_bytes(&bytes).unwrap();
    info.signer = Some(Cert::try_from(forged).unwrap());
    let at = info.signing_time.unwrap().unix;
    let (_, checks) = run(&TrustStore::pec(), &info, at);
    let check = find(&checks, CheckId::TrustCertificateSignatures);
    assert_eq!(check.effect, Effect::Failed);
    assert_eq!(
        check.params[&Param::Certificate].to_string(),
        subject(info.signer.as_ref().unwrap())
    );
}

/// A store that knows AgID CA1 in its 2021 re-issue, with the Actalis root.
fn store_with_agid_2021() -> TrustStore {
    let mut store = TrustStore {
        pec_ca_pins: Vec::new(),
        ..TrustStore::default()
    };
    // This file bundles AgID CA1 with the Actalis root: a pinned CA and a root.
    assert_eq!(
        store.add_certificates(&shared_trust("agid-ca1-20210921.pem")),
        Ok(2)
    );
    assert_eq!((store.roots.len(), store.intermediates.len()), (1, 1));
    assert_eq!(store.pec_ca_pins, vec![PEC_CA_PINS[0]]);
    store
}

fn named(prefix: &str) -> cms::SignatureInfo {
    let samples = signed_samples();
    let found = samples
        .into_iter()
        .find(|(s, _)| s.name.starts_with(prefix));
    found.unwrap().1
}

#[test]
fn store_intermediates_complete_a_chain_the_cms_lacks() {
    let store = store_with_agid_2021();
    // Signed in 2023, while this re-issue of AgID CA1 was valid.
    let info = named("aruba-agidca1-posta-certificata");
    let signer = info.signer.as_ref().unwrap();
    let at = info.signing_time.unwrap().unix;
    let lone = std::slice::from_ref(signer);
    let (chain, checks) = validate(&store, signer, lone, at, &mut Links::default());
    assert_eq!(chain.len(), 3);
    assert!(checks.iter().all(Check::is_pass), "{checks:?}");
}

#[test]
fn the_ca_certificate_valid_at_signing_time_is_preferred() {
    let store = store_with_agid_2021();
    // Signed in 2018, before the re-issue: strictly, that CA certificate was not valid yet…
    let info = named("sogei");
    let signer = info.signer.as_ref().unwrap();
    let at = info.signing_time.unwrap().unix;
    let lone = std::slice::from_ref(signer);
    let (_, checks) = validate(&store, signer, lone, at, &mut Links::default());
    let validity = find(&checks, CheckId::TrustValidity);
    assert_eq!(validity.effect, Effect::Failed);
    assert!(
        validity.params[&Param::Certificate]
            .to_string()
            .starts_with("CN=AgID CA1")
    );
    assert_eq!(
        validity.params[&Param::NotBefore].to_string(),
        "2021-09-21T06:30:58Z"
    );
    // …so the version the CMS carries, valid then, is preferred when both are at hand.
    let (chain, checks) = run(&store, &info, at);
    assert!(checks.iter().all(Check::is_pass), "{checks:?}");
    assert_eq!(
        chain.get(1),
        info.certificates.iter().find(|c| *c != signer)
    );
}
