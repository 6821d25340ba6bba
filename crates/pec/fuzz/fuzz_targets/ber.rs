//! Fuzz target `ber`: any bytes through the BER-to-DER step. Never a panic; what comes out is
//! DER the step leaves as it is, and no longer than what went in.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(der) = pec::ber::to_der(data) {
        assert!(der.len() <= data.len());
        assert_eq!(pec::ber::to_der(&der).as_deref(), Ok(der.as_slice()));
    }
});
