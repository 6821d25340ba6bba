//! Fuzz target `crl`: any bytes as certificate revocation lists (PEM or DER), each described as
//! the page shows it, then the whole file through `pec::verify`, which tells a list from a
//! receipt. Never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(lists) = pec::trust::read_crls(data) {
        for list in &lists {
            let _ = pec::trust::revocation::describe(list);
        }
    }
    let _ = pec::verify(data, &pec::Options::default()).to_json("fuzz");
});
