//! Test inputs: the shared sample messages, split into signed bytes and signature with
//! mail-parser, independently of the `locate` module under test elsewhere.

use std::path::PathBuf;

use mail_parser::{MessageParser, MimeHeaders};

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
    let message = MessageParser::default().parse(&raw).unwrap();
    let signed_part = message.parts.iter().find(|part| {
        part.content_type()
            .is_some_and(|ct| ct.ctype() == "multipart" && ct.subtype() == Some("signed"))
    });
    let children = signed_part
        .and_then(|part| part.sub_parts())
        .unwrap_or_default();
    let child = |i: usize| children.get(i).and_then(|&id| message.part(id));
    let signed =
        child(0).map(|part| crlf(&raw[part.offset_header as usize..part.offset_end as usize]));
    Sample {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        signed,
        p7s: child(1).map(|part| part.contents().to_vec()),
        date: message.date().map(|d| d.to_timestamp()),
        from: message
            .from()
            .and_then(|f| f.first())
            .and_then(|a| a.address())
            .map(str::to_owned),
    }
}

fn crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 32);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' && (i == 0 || bytes[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
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
