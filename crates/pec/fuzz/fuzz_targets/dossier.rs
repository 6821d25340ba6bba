//! Fuzz target `dossier`: the input cut into several files (at form feeds), each verified,
//! then put together by sending and written as the JSON of `pec-verify --dossier --json`; and
//! its start read as a breve receipt's `.hash` against those files.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pec::dossier::{self, File, breve::Prints};

/// The default options, built once, as in the `verify` target.
static OPTIONS: LazyLock<pec::Options> = LazyLock::new(pec::Options::default);

fuzz_target!(|data: &[u8]| {
    let given: Vec<(&[u8], pec::Report)> = data
        .split(|&b| b == 0x0c)
        .map(|bytes| (bytes, pec::verify(bytes, &OPTIONS)))
        .collect();
    let files: Vec<File<'_>> = given
        .iter()
        .map(|(bytes, report)| File {
            name: "fuzz.eml",
            bytes,
            report,
        })
        .collect();
    let _ = dossier::to_json(&dossier::dossiers(&files), &files);
    let hash = &data[..data.len().min(64)];
    let _ = Prints::new(&files).proofs(&[("fuzz.pdf".to_owned(), hash.to_vec())]);
});
