//! Work grows linearly with the input: each adversarial shape is built at two sizes ten times
//! apart and the time ratio must stay well under the hundred a quadratic stage would show. A
//! ratio within one run, not an absolute time, so a slow or busy machine cannot fail it; the
//! shapes are measured one after another, in one test, so that they do not compete.

#[allow(dead_code)] // only the trust store of the factory's PKI is needed here
mod support;

use std::time::Instant;

use pec_factory::{Attachment, Kind, Message, Ricevuta};

/// Ten times the input may take at most this many times as long.
const MAX_RATIO: f64 = 20.0;

/// The time one `run` on `input` takes, in seconds: the shortest of a few measurements, each
/// of as many runs as fill 50 ms (the processor time Linux reports advances in steps).
fn seconds(input: &[u8], run: &dyn Fn(&[u8])) -> f64 {
    (0..3)
        .map(|_| {
            let (cpu, wall) = (thread_cpu_seconds(), Instant::now());
            let mut runs = 0_u32;
            while runs == 0 || wall.elapsed().as_millis() < 50 {
                run(input);
                runs += 1;
            }
            let spent = match (cpu, thread_cpu_seconds()) {
                (Some(start), Some(end)) => end - start,
                _ => wall.elapsed().as_secs_f64(),
            };
            spent / f64::from(runs)
        })
        .fold(f64::INFINITY, f64::min)
}

/// The time this thread has spent on a processor, where Linux tells it: unlike the wall clock,
/// it does not count the time other processes had the processor.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds / 1e9)
}

/// Builds the shape `build` at `n` and `10 n` and holds the time ratio under [`MAX_RATIO`].
/// Both sizes should exceed the processor's caches (a megabyte or so), which would otherwise
/// make the small one faster per byte for reasons that have nothing to do with the code.
fn assert_linear(what: &str, n: usize, build: impl Fn(usize) -> Vec<u8>, run: &dyn Fn(&[u8])) {
    let (small, large) = (build(n), build(10 * n));
    assert!(
        large.len() > 8 * small.len(),
        "{what}: the shapes do not grow"
    );
    // Once unmeasured, so that first-use costs fall on neither side.
    run(&small);
    let ratio = seconds(&large, run) / seconds(&small, run).max(1e-6);
    // Shown with --nocapture: the figures behind the assertion.
    eprintln!(
        "{what}: ×{ratio:.1} for {} → {} bytes",
        small.len(),
        large.len()
    );
    assert!(
        ratio < MAX_RATIO,
        "{what}: ten times the input took {ratio:.1} times as long"
    );
}

fn verify(input: &[u8]) {
    let _ = pec::verify(input, &support::options());
}

/// A mail of `n` parts, each written by `part(i)`, in a `multipart/mixed`.
fn multipart(n: usize, part: impl Fn(usize) -> String) -> Vec<u8> {
    let mut out = String::from(
        "From: a@example.it\r\nSubject: forma\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n",
    );
    for i in 0..n {
        out.push_str(&format!("--b\r\n{}\r\n", part(i)));
    }
    out.push_str("--b--\r\n");
    out.into_bytes()
}

fn many_attached_messages() {
    assert_linear(
        "attached messages",
        20_000,
        |n| {
            multipart(n, |_| {
                "Content-Type: message/rfc822\r\n\r\nSubject: m\r\n\r\nx".into()
            })
        },
        &verify,
    );
}

fn many_signed_parts() {
    assert_linear(
        "signed parts",
        10_000,
        |n| {
            multipart(n, |_| {
                "Content-Type: multipart/signed; boundary=\"s\"\r\n\r\n--s\r\n\r\nx\r\n--s--".into()
            })
        },
        &verify,
    );
}

fn many_unsigned_claims() {
    assert_linear(
        "unsigned receipts",
        10_000,
        |n| {
            multipart(n, |_| {
                "Content-Type: message/rfc822\r\n\r\nX-Ricevuta: accettazione\r\n\r\nx".into()
            })
        },
        &verify,
    );
}

fn deeply_nested_multiparts() {
    assert_linear(
        "nested multiparts",
        10_000,
        |n| {
            let mut out = String::from("From: a@example.it\r\nSubject: x\r\n");
            for i in 0..n {
                out.push_str(&format!(
                    "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
                ));
            }
            out.push_str("Content-Type: text/plain\r\n\r\nx\r\n");
            for i in (0..n).rev() {
                out.push_str(&format!("--b{i}--\r\n"));
            }
            out.into_bytes()
        },
        &verify,
    );
}

fn many_mbox_messages() {
    assert_linear(
        "mbox",
        10_000,
        |n| b"From a@b Fri Mar 15 10:30:00 2024\r\nSubject: x\r\n\r\nciao\r\n\r\n".repeat(n),
        &verify,
    );
}

/// A genuine envelope whose original carries `n` files: the structure of the signed entity and
/// of the original is compared with the RFC's at every level.
fn envelope_with_files(n: usize) -> Vec<u8> {
    let mut message = Message::new(Kind::PostaCertificata(Ricevuta::Completa));
    message.attachments = (0..n)
        .map(|i| Attachment {
            name: format!("allegato-{i}.txt"),
            content_type: "text/plain".into(),
            bytes: b"x".repeat(40),
        })
        .collect();
    message.build()
}

fn a_signed_envelope_of_many_files() {
    assert_linear("files in an envelope", 1_000, envelope_with_files, &verify);
}

fn many_lines_that_start_like_a_delimiter() {
    let body = |n: usize| {
        let mut body = b"--b\r\nContent-Type: text/plain\r\n\r\n".to_vec();
        body.extend_from_slice(&b"--bx\r\nx--b\r\n".repeat(n));
        body.extend_from_slice(b"--b--\r\n");
        body
    };
    let split =
        |body: &[u8]| assert_eq!(pec::structure::split(body, b"b").map(|p| p.len()), Some(1));
    assert_linear("near delimiters, split", 50_000, body, &split);
    let mail = |n: usize| {
        [
            b"Subject: x\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n".as_slice(),
            &body(n),
        ]
        .concat()
    };
    assert_linear("near delimiters, verified", 50_000, mail, &verify);
}

#[test]
fn every_shape_takes_time_in_proportion_to_its_size() {
    many_attached_messages();
    many_signed_parts();
    many_unsigned_claims();
    deeply_nested_multiparts();
    many_mbox_messages();
    a_signed_envelope_of_many_files();
    many_lines_that_start_like_a_delimiter();
}
