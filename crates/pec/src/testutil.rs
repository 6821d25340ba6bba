//! Test inputs: the shared sample messages, split into signed bytes and signature by `locate`
//! (whose extraction its own tests check against the signatures' message digests).

use std::path::PathBuf;

/// `../shared/samples/<dir>` as seen from this crate (the worktrees all sit beside `shared`).
pub fn samples(dir: &str) -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/samples")
        .join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no samples in {}", root.display());
    paths
}

pub struct Sample {
    pub name: String,
    /// The first part of the `multipart/signed` body, CRLF-normalised; `None` when there is none.
    pub signed: Option<Vec<u8>>,
    /// The decoded second part.
    pub p7s: Option<Vec<u8>>,
    pub date: Option<i64>,
    pub from: Option<String>,
}

pub fn read(path: &std::path::Path) -> Sample {
    let raw = std::fs::read(path).unwrap();
    let found = crate::locate::find(&raw)
        .ok()
        .and_then(|f| f.signed().next());
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    match found {
        Some(found) => Sample {
            name,
            signed: Some(found.signed.into_owned()),
            p7s: found.signature,
            date: found.headers.date.map(|d| d.unix),
            from: found.headers.from,
        },
        None => Sample {
            name,
            signed: None,
            p7s: None,
            date: None,
            from: None,
        },
    }
}

/// Every real sample, with its signed bytes and signature.
pub fn real() -> Vec<(Sample, Vec<u8>, Vec<u8>)> {
    samples("real")
        .iter()
        .map(|path| {
            let sample = read(path);
            let signed = sample.signed.clone().unwrap();
            let p7s = sample.p7s.clone().unwrap();
            (sample, signed, p7s)
        })
        .collect()
}

/// The bytes of `../shared/trust/<file>`.
pub fn shared_trust(file: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/trust")
        .join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each real sample with what its CMS carries: the signer and the certificates.
pub fn signed_samples() -> Vec<(Sample, crate::cms::SignatureInfo)> {
    real()
        .into_iter()
        .map(|(sample, signed, p7s)| {
            (
                sample,
                crate::cms::verify(&signed, crate::cms::Part::Sent(&p7s))
                    .0
                    .unwrap(),
            )
        })
        .collect()
}
