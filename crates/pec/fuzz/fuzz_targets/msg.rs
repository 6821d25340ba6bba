//! Fuzz target `msg`: any bytes as an Outlook `.msg` through the Compound File reader, then the
//! whole file through `pec::verify`. Never a panic, and no stream read beyond the file's size.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(outlook) = pec::msg::read(data) {
        assert!(outlook.eml.as_ref().map_or(0, Vec::len) <= 2 * data.len() + 4096);
    }
    let _ = pec::verify(data, &pec::Options::default()).to_json("fuzz");
});
