//! Mutation testing over the genuine samples: no byte of the signed part can change without the
//! verdict dropping from TOTAL-PASSED, while the unsigned outer headers can be rewritten freely
//! (the signature still holds) and every rewrite of a shown value surfaces as a warning.

mod common;

use pec::CheckId;
use pec::{MessageReport, Options, Status, Verdict};

const REAL: [&str; 5] = [
    "aruba-agidca1-accettazione.eml",
    "aruba-agidca1-consegna-completa.eml",
    "aruba-agidca1-posta-certificata.eml",
    "sogei-agidca1-posta-certificata-sdi.eml",
    "aruba-digitpaca1-posta-certificata.eml",
];

/// Mutations per sample in the signed part.
const SIGNED_MUTATIONS: usize = 600;
/// Mutations per sample and header.
const HEADER_MUTATIONS: usize = 12;

/// A fixed xorshift: the same mutations on every run, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).expect("fits")
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The byte range of the signed entity: after the first line of the outer boundary, up to the
/// line break before the next one.
fn signed_range(raw: &[u8]) -> std::ops::Range<usize> {
    let text = String::from_utf8_lossy(raw);
    let header = text.find("multipart/signed").expect("a signed message");
    let after = &text[header..];
    let start = after.find("boundary=\"").expect("a boundary") + "boundary=\"".len();
    let boundary = &after[start..start + after[start..].find('"').expect("closed")];
    let delimiter = format!("\n--{boundary}");
    let first = find(raw, delimiter.as_bytes(), header).expect("a first part");
    let begin = find(raw, b"\n", first + 1).expect("a line end") + 1;
    let next = find(raw, delimiter.as_bytes(), begin).expect("a second part");
    let end = if raw[next - 1] == b'\r' {
        next - 1
    } else {
        next
    };
    begin..end
}

fn verify(raw: &[u8]) -> pec::Report {
    pec::verify(raw, &Options::default())
}

fn mutate_signed_part(name: &str, seed: u64) {
    let raw = common::sample(&format!("real/{name}"));
    let range = signed_range(&raw);
    let mut rng = Rng(seed);
    for _ in 0..SIGNED_MUTATIONS {
        let mut mutated = raw.clone();
        let at = range.start + rng.below(range.len());
        // Any other byte value, never the same one.
        mutated[at] ^= u8::try_from(1 + rng.below(255)).expect("a byte");
        let report = verify(&mutated);
        for message in &report.messages {
            assert_ne!(
                message.verdict,
                Verdict::TotalPassed,
                "{name}: byte {at} set to {:#04x}",
                mutated[at]
            );
        }
    }
}

#[test]
fn signed_part_of_the_accettazione() {
    mutate_signed_part(REAL[0], 0x1111_2222_3333_4444);
}

#[test]
fn signed_part_of_the_completa_receipt() {
    mutate_signed_part(REAL[1], 0x5555_6666_7777_8888);
}

#[test]
fn signed_part_of_the_busta() {
    mutate_signed_part(REAL[2], 0x9999_aaaa_bbbb_cccc);
}

#[test]
fn signed_part_of_the_sdi_busta() {
    mutate_signed_part(REAL[3], 0xdddd_eeee_ffff_0001);
}

#[test]
fn signed_part_of_the_digitpa_busta() {
    mutate_signed_part(REAL[4], 0x0123_4567_89ab_cdef);
}

/// The range of the value of the top-level header `name`.
fn header_value(raw: &[u8], name: &str) -> Option<std::ops::Range<usize>> {
    let end_of_headers = find(raw, b"\n\n", 0)
        .into_iter()
        .chain(find(raw, b"\r\n\r\n", 0))
        .min()?;
    let mut line_start = 0;
    while line_start < end_of_headers {
        let line_end = find(raw, b"\n", line_start)?;
        let line = &raw[line_start..line_end];
        let prefix = format!("{name}:");
        if line.len() > prefix.len() && line[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
        {
            let value_start = line_start + prefix.len() + 1;
            let value_end = if raw[line_end - 1] == b'\r' {
                line_end - 1
            } else {
                line_end
            };
            return Some(value_start..value_end);
        }
        line_start = line_end + 1;
    }
    None
}

/// The signature still holds and the verdict stands; `id` warns about the rewritten value.
fn assert_unsigned_change(raw: &[u8], what: &str, id: CheckId) {
    let report = verify(raw);
    let message: &MessageReport = report.messages.first().expect("a message");
    let status = |check: CheckId| {
        message
            .checks
            .iter()
            .find(|c| c.id == check)
            .map(|c| c.status)
    };
    assert_eq!(
        status(CheckId::CmsMessageDigest),
        Some(Status::Pass),
        "{what}"
    );
    assert_eq!(status(CheckId::CmsSignature), Some(Status::Pass), "{what}");
    assert_eq!(message.verdict, Verdict::TotalPassed, "{what}");
    assert_eq!(
        status(id),
        Some(Status::Warn),
        "{what}: {:#?}",
        message.checks
    );
}

/// A different character, whatever the case: every comparison of shown values ignores it.
fn other_char(original: u8, rng: &mut Rng) -> u8 {
    if original.is_ascii_digit() {
        b'q'
    } else {
        b'0' + u8::try_from(rng.below(10)).expect("a digit")
    }
}

#[test]
fn rewritten_unsigned_headers_keep_the_signature_and_warn() {
    let mut rng = Rng(0x0bad_cafe_f00d_d00d);
    let mut rewrites = 0;
    for name in REAL {
        let raw = common::sample(&format!("real/{name}"));
        let kind_header = if header_value(&raw, "X-Ricevuta").is_some() {
            "X-Ricevuta"
        } else {
            "X-Trasporto"
        };
        for (header, id) in [
            ("Subject", CheckId::HeadersSubject),
            ("From", CheckId::TrustSender),
            (kind_header, CheckId::HeadersKind),
        ] {
            let range = header_value(&raw, header).expect(header);
            // The bare address of `"Per conto di: …" <address>`, the whole value otherwise.
            let value = &raw[range.clone()];
            let start = range.start + value.iter().rposition(|&b| b == b'<').map_or(0, |i| i + 1);
            // In From, the local part only: the address must stay an address.
            let end = match header {
                "From" => find(&raw, b"@", start).expect("an address"),
                _ => range.end,
            };
            for _ in 0..HEADER_MUTATIONS {
                let mut mutated = raw.clone();
                let at = start + rng.below(end - start);
                mutated[at] = other_char(mutated[at], &mut rng);
                assert_unsigned_change(&mutated, &format!("{name} {header} byte {at}"), id);
                rewrites += 1;
            }
        }
        // A Date ten hours away: the hour's first digit.
        let date = header_value(&raw, "Date").expect("a Date");
        let colon = find(&raw, b":", date.start).expect("a time");
        let mut mutated = raw.clone();
        mutated[colon - 2] = if mutated[colon - 2] == b'0' {
            b'1'
        } else {
            b'0'
        };
        assert_unsigned_change(&mutated, &format!("{name} Date"), CheckId::HeadersDate);
        rewrites += 1;
    }
    assert_eq!(rewrites, REAL.len() * (3 * HEADER_MUTATIONS + 1));
}
