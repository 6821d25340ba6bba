//! Fuzz target `verify`: any bytes through the whole core, as a dropped file would go, and the
//! report out as the page's JSON; the core promises never to panic on any input.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

/// The default options, built once: parsing the trust store's certificates on every input
/// would dominate the time per run without exercising anything new.
static OPTIONS: LazyLock<pec::Options> = LazyLock::new(pec::Options::default);

fuzz_target!(|data: &[u8]| {
    let report = pec::verify(data, &OPTIONS);
    let _ = report.to_json("fuzz.eml");
});
