//! Fuzz target `zip`: any bytes as a zip archive through the directory reader and inflate,
//! then the whole file through `pec::verify`. Never a panic, and never more inflated than the
//! budget given.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limit = 1 << 20;
    let mut budget = limit;
    if let Ok(entries) = pec::zip::read(data, &mut budget) {
        let inflated: usize = entries.iter().map(|e| e.bytes.len()).sum();
        assert!(inflated as u64 + budget == limit);
    }
    let _ = pec::verify(data, &pec::Options::default()).to_json("fuzz");
});
