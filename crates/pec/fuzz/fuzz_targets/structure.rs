//! Fuzz target `structure`: any bytes as a signed entity, read in the provider's layout with its
//! boundaries held to RFC 2046; and the strict splitter alone, with the first line as the
//! boundary. Never a panic; the parts found lie in order inside the body.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pec::content::read(data);
    let (boundary, body) = match data.iter().position(|&b| b == b'\n') {
        Some(end) => (&data[..end], &data[end + 1..]),
        None => (data, &[][..]),
    };
    if let Some(parts) = pec::structure::split(body, boundary) {
        let mut last = 0;
        for part in parts {
            assert!(last <= part.start && part.start <= part.end && part.end <= body.len());
            last = part.end;
        }
    }
});
