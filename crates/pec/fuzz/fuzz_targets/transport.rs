//! Fuzz target `transport`: any bytes as the report's binary form. Never a panic, never an
//! allocation the bytes do not pay for; a report read back is written and read again the same.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(report) = pec::transport::decode(data) {
        let again = pec::transport::decode(&pec::transport::encode(&report));
        assert_eq!(format!("{again:?}"), format!("{:?}", Some(report)));
    }
});
