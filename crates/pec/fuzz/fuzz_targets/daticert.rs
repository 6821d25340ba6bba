//! Fuzz target `daticert`: any bytes as a daticert.xml, the signed XML a provider attaches;
//! parsing must answer with a model or an error, never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pec::daticert::parse(data);
});
