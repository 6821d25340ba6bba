//! The whole report in one binary form, for a face whose engine runs apart from its view (the
//! page's worker): everything the report holds, the fields the JSON leaves out included, read
//! back as it was. Both ends are the same build; the JSON ([`Report::to_json`]) stays the one
//! document with a schema.

use crate::report::Report;

/// The report as bytes for [`decode`].
pub fn encode(report: &Report) -> Vec<u8> {
    // Writing to a Vec cannot fail.
    borsh::to_vec(report).unwrap_or_default()
}

/// The report [`encode`] wrote; `None` for bytes it did not write.
pub fn decode(bytes: &[u8]) -> Option<Report> {
    borsh::from_slice(bytes).ok()
}
