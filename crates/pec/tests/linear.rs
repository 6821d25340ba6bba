//! Parsing time grows in proportion to the input, on the shapes a hostile file takes: each
//! shape is built at two sizes ten times apart and the times are compared. Only a ratio is
//! asserted, never an absolute time, so a slow or busy machine does not fail the test; a
//! quadratic parser shows a ratio near 100, a linear one near 10.
//!
//! [`assert_linear`] and [`ratio`] serve any parser: a shape for another one needs only its
//! two inputs and a closure.

use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pec::daticert::{self, Ambiguity, DaticertError, MAX_SIZE};
use pec_factory::{Attachment, Kind, Message, Ricevuta};

mod support;

/// The ratio above which growth is taken for worse than linear: ten times the input may cost
/// up to twice ten times the time (caches, allocation), never the hundred times of a quadratic.
const LIMIT: f64 = 20.0;

/// Timings of each input per ratio, of which the median is kept.
const RUNS: usize = 7;

/// Timings run one at a time: tests in parallel would share the cores and each other's noise.
static CLOCK: Mutex<()> = Mutex::new(());

/// How many times longer `run` takes on `large` than on `small`. Each timing is a batch of
/// runs long enough for the clock (the same count for both inputs), timed on the thread's
/// processor time where Linux tells it; the two inputs alternate,
/// so a change of load on the machine touches both, and the median of [`RUNS`] timings of each
/// is kept.
pub fn ratio(small: &[u8], large: &[u8], run: impl Fn(&[u8])) -> f64 {
    let _turn = CLOCK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let time = |input: &[u8], count: u32| {
        let (cpu, wall) = (thread_cpu(), Instant::now());
        for _ in 0..count {
            run(black_box(input));
        }
        match (cpu, thread_cpu()) {
            (Some(start), Some(end)) => end.saturating_sub(start),
            _ => wall.elapsed(),
        }
    };
    // Counted on the wall clock: the processor time Linux reports advances in steps, and a
    // single short run may read as none. A first run slowed by a cold cache or a busy machine
    // gives too small a count: the batch grows until the small input's time reads clearly.
    let wall = Instant::now();
    run(black_box(small));
    let once = wall.elapsed().max(Duration::from_nanos(1));
    let mut count = u32::try_from(Duration::from_millis(20).as_nanos() / once.as_nanos())
        .unwrap_or(u32::MAX)
        .max(1);
    loop {
        let (mut smalls, mut larges) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            smalls.push(time(small, count));
            larges.push(time(large, count));
        }
        smalls.sort();
        larges.sort();
        let small_time = smalls[RUNS / 2];
        if small_time >= Duration::from_millis(5) || count >= u32::MAX / 4 {
            return larges[RUNS / 2].as_secs_f64() / small_time.as_secs_f64().max(1e-9);
        }
        count *= 4;
    }
}

/// The time this thread has spent on a processor, where Linux tells it: unlike the wall clock,
/// it leaves out the time other processes had the processor.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanoseconds))
}

/// Asserts that `run` is linear from `small` to `large`, which must be about ten times longer.
pub fn assert_linear(what: &str, small: &[u8], large: &[u8], run: impl Fn(&[u8])) {
    let sizes = large.len() as f64 / small.len() as f64;
    assert!(
        (8.0..12.0).contains(&sizes),
        "{what}: sizes {sizes:.1}× apart"
    );
    let ratio = ratio(small, large, run);
    eprintln!(
        "{what}: {} → {} bytes, time ratio {ratio:.1}",
        small.len(),
        large.len()
    );
    assert!(ratio < LIMIT, "{what}: time ratio {ratio:.1}");
}

/// The two sizes of every daticert shape: both under [`MAX_SIZE`], so neither is refused
/// before it is read.
const SMALL: usize = 50_000;
const LARGE: usize = 500_000;

/// `unit(0)`, `unit(1)`, … joined until the text is at least `bytes` long.
fn repeated(bytes: usize, unit: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    let mut index = 0;
    while out.len() < bytes {
        out.push_str(&unit(index));
        index += 1;
    }
    out
}

/// A daticert with `root` in the root's tag, `recipients` in place of its one `destinatari`,
/// `oggetto` as the subject and `dati` appended inside `dati`.
fn daticert(root: &str, recipients: &str, oggetto: &str, dati: &str) -> Vec<u8> {
    let recipients = if recipients.is_empty() {
        "<destinatari tipo=\"certificato\">anna@pec.example.it</destinatari>"
    } else {
        recipients
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<postacert tipo="accettazione"{root}>
  <intestazione>
    <mittente>mario.rossi@pec.example.it</mittente>
    {recipients}
    <risposte>mario.rossi@pec.example.it</risposte>
    <oggetto>{oggetto}</oggetto>
  </intestazione>
  <dati>
    <gestore-emittente>Gestore di prova S.p.A.</gestore-emittente>
    <data zona="+0100"><giorno>15/03/2024</giorno><ora>10:30:00</ora></data>
    <identificativo>opec1.20240315@pec.example.it</identificativo>
    {dati}
  </dati>
</postacert>"#
    )
    .into_bytes()
}

/// A shape at both sizes: `build(bytes)` makes a daticert of about `bytes` bytes.
fn both(build: impl Fn(usize) -> Vec<u8>) -> (Vec<u8>, Vec<u8>) {
    let (small, large) = (build(SMALL), build(LARGE));
    assert!(large.len() <= MAX_SIZE);
    (small, large)
}

fn parse(xml: &[u8]) {
    let _ = black_box(daticert::parse(xml));
}

#[test]
fn daticert_with_many_attributes_on_the_root() {
    let (small, large) =
        both(|bytes| daticert(&repeated(bytes, |i| format!(" a{i}=\"x\"")), "", "", ""));
    // Refused at the first attribute past the cap, before the rest are compared.
    assert_eq!(daticert::parse(&large), Err(DaticertError::Malformed));
    assert_linear("daticert: attributes on the root", &small, &large, parse);
}

#[test]
fn daticert_with_the_most_attributes_allowed_on_many_elements() {
    let attributes: String = (0..8).map(|i| format!(" a{i}=\"x\"")).collect();
    let (small, large) = both(|bytes| {
        daticert(
            "",
            "",
            "",
            &repeated(bytes, |_| format!("<nota{attributes}/>")),
        )
    });
    assert!(daticert::parse(&large).is_ok());
    assert_linear("daticert: 8 attributes per element", &small, &large, parse);
}

#[test]
fn daticert_with_a_repeated_element() {
    let (small, large) = both(|bytes| {
        daticert(
            "",
            "",
            "",
            &repeated(bytes, |i| format!("<msgid>&lt;{i}@example.it&gt;</msgid>")),
        )
    });
    assert_eq!(
        daticert::parse(&large),
        Err(DaticertError::Ambiguous {
            element: "msgid".into(),
            problem: Ambiguity::Repeated
        })
    );
    assert_linear("daticert: repeated msgid", &small, &large, parse);
}

#[test]
fn daticert_with_many_unknown_elements() {
    let (small, large) = both(|bytes| {
        daticert(
            "",
            "",
            "",
            &repeated(bytes, |i| format!("<nota n=\"{i}\">testo {i}</nota>")),
        )
    });
    assert!(daticert::parse(&large).is_ok());
    assert_linear("daticert: unknown elements", &small, &large, parse);
}

#[test]
fn daticert_with_many_recipients() {
    let unit = |i| format!("<destinatari tipo=\"certificato\">u{i}@pec.example.it</destinatari>");
    let (small, large) = both(|bytes| daticert("", &repeated(bytes, unit), "", ""));
    let count = large.windows(13).filter(|w| w == b"<destinatari ").count();
    assert_eq!(
        daticert::parse(&large).map(|d| d.destinatari.len()),
        Ok(count)
    );
    assert_linear("daticert: destinatari", &small, &large, parse);
}

#[test]
fn daticert_nested_deeply() {
    let (small, large) = both(|bytes| {
        let depth = bytes / 7;
        daticert(
            "",
            "",
            "",
            &format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth)),
        )
    });
    assert_eq!(daticert::parse(&large), Err(DaticertError::Malformed));
    assert_linear("daticert: one deep nest", &small, &large, parse);
}

#[test]
fn daticert_with_many_nests_just_under_the_depth_limit() {
    let nest = format!("{}{}", "<a>".repeat(12), "</a>".repeat(12));
    let (small, large) = both(|bytes| daticert("", "", "", &repeated(bytes, |_| nest.clone())));
    assert!(daticert::parse(&large).is_ok());
    assert_linear("daticert: many nests 15 deep", &small, &large, parse);
}

#[test]
fn daticert_with_a_long_text_of_entity_references() {
    let (small, large) = both(|bytes| {
        daticert(
            "",
            "",
            &repeated(bytes, |_| "&amp;&lt;&#233;&#x20AC;".into()),
            "",
        )
    });
    // Each unit of 23 bytes reads as four characters.
    let expected = "&<\u{e9}\u{20ac}".repeat(LARGE.div_ceil(23));
    assert_eq!(
        daticert::parse(&large).map(|d| d.oggetto),
        Ok(Some(expected))
    );
    assert_linear("daticert: entity references", &small, &large, parse);
}

#[test]
fn daticert_with_many_comments_and_processing_instructions() {
    let (small, large) = both(|bytes| {
        daticert(
            "",
            "",
            &repeated(bytes / 2, |i| format!("{i}<!-- nota -->-<?pi x?>")),
            &repeated(bytes / 2, |_| "<!-- nota --><?pi x?>".into()),
        )
    });
    assert!(daticert::parse(&large).is_ok());
    assert_linear("daticert: comments and PIs", &small, &large, parse);
}

#[test]
fn daticert_with_many_cdata_sections() {
    let (small, large) = both(|bytes| {
        daticert(
            "",
            "",
            &repeated(bytes, |i| format!("<![CDATA[<{i}>]]>")),
            "",
        )
    });
    assert!(daticert::parse(&large).is_ok());
    assert_linear("daticert: CDATA sections", &small, &large, parse);
}

// The MIME shapes, through the whole of `pec::verify`, from about a megabyte: both sizes beyond
// the processor's caches, which would otherwise make the small one faster per byte.

/// [`assert_linear`] on the shape `build` at `n` and `10 n`.
fn assert_linear_from(what: &str, n: usize, build: impl Fn(usize) -> Vec<u8>, run: impl Fn(&[u8])) {
    assert_linear(what, &build(n), &build(10 * n), run);
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

#[test]
fn many_attached_messages() {
    assert_linear_from(
        "attached messages",
        20_000,
        |n| {
            multipart(n, |_| {
                "Content-Type: message/rfc822\r\n\r\nSubject: m\r\n\r\nx".into()
            })
        },
        verify,
    );
}

#[test]
fn many_signed_parts() {
    assert_linear_from(
        "signed parts",
        10_000,
        |n| {
            multipart(n, |_| {
                "Content-Type: multipart/signed; boundary=\"s\"\r\n\r\n--s\r\n\r\nx\r\n--s--".into()
            })
        },
        verify,
    );
}

#[test]
fn many_unsigned_claims() {
    assert_linear_from(
        "unsigned receipts",
        10_000,
        |n| {
            multipart(n, |_| {
                "Content-Type: message/rfc822\r\n\r\nX-Ricevuta: accettazione\r\n\r\nx".into()
            })
        },
        verify,
    );
}

#[test]
fn deeply_nested_multiparts() {
    assert_linear_from(
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
        verify,
    );
}

#[test]
fn many_mbox_messages() {
    assert_linear_from(
        "mbox",
        10_000,
        |n| b"From a@b Fri Mar 15 10:30:00 2024\r\nSubject: x\r\n\r\nciao\r\n\r\n".repeat(n),
        verify,
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

#[test]
fn a_signed_envelope_of_many_files() {
    assert_linear_from("files in an envelope", 1_000, envelope_with_files, verify);
}

#[test]
fn many_lines_that_start_like_a_delimiter() {
    let body = |n: usize| {
        let mut body = b"--b\r\nContent-Type: text/plain\r\n\r\n".to_vec();
        body.extend_from_slice(&b"--bx\r\nx--b\r\n".repeat(n));
        body.extend_from_slice(b"--b--\r\n");
        body
    };
    let split =
        |body: &[u8]| assert_eq!(pec::structure::split(body, b"b").map(|p| p.len()), Some(1));
    assert_linear_from("near delimiters, split", 50_000, body, split);
    let mail = |n: usize| {
        [
            b"Subject: x\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n".as_slice(),
            &body(n),
        ]
        .concat()
    };
    assert_linear_from("near delimiters, verified", 50_000, mail, verify);
}

// Dossiers: the reports of many files put together. The work is over reports, so each shape's
// reports are made once from one genuine message and varied; the timed closure is told the
// size by the length of its input.

/// The report of one genuine factory message of `kind`.
fn genuine(kind: Kind) -> pec::Report {
    let report = pec::verify(&Message::new(kind).build(), &support::options());
    assert!(report.all_passed());
    report
}

/// `report` with its message's daticert changed by `edit`, and without what a dossier never
/// reads (the signature's and the checks' details, the daticert's text): thousands of whole
/// reports outgrow every cache, and the memory's speed, not the work, would set the ratio.
fn varied(report: &pec::Report, edit: impl FnOnce(&mut pec::daticert::Daticert)) -> pec::Report {
    let mut report = report.clone();
    let message = &mut report.messages[0];
    message.signature = None;
    message.checks = Vec::new();
    message.daticert_xml = None;
    if let Some(daticert) = message.daticert.as_mut() {
        edit(daticert);
    }
    report
}

/// [`assert_linear`] on the dossiers of `build(n)` and `build(10 n)`.
fn assert_dossiers_linear(what: &str, n: usize, build: impl Fn(usize) -> Vec<pec::Report>) {
    let (small, large) = (build(n), build(10 * n));
    let run = |input: &[u8]| {
        let reports = if input.len() == n { &small } else { &large };
        let files: Vec<pec::dossier::File<'_>> = reports
            .iter()
            .map(|report| pec::dossier::File {
                name: "f.eml",
                bytes: &[],
                report,
            })
            .collect();
        black_box(pec::dossier::dossiers(&files));
    };
    assert_linear(what, &vec![0; n], &vec![0; 10 * n], run);
}

#[test]
fn dossiers_of_many_sendings() {
    let acceptance = genuine(Kind::Accettazione);
    assert_dossiers_linear("sendings", 200, |n| {
        (0..n)
            .map(|i| {
                varied(&acceptance, |d| {
                    d.identificativo = format!("id{i}@pec.prova.it")
                })
            })
            .collect()
    });
}

#[test]
fn dossiers_of_a_sending_to_many_recipients() {
    let acceptance = genuine(Kind::Accettazione);
    let delivery = genuine(Kind::AvvenutaConsegna(Ricevuta::Sintetica));
    let address = |i: usize| format!("r{i}@pec.altra.it");
    assert_dossiers_linear("recipients", 200, |n| {
        let everyone = varied(&acceptance, |d| {
            let one = d.destinatari[0].clone();
            d.destinatari = (0..n)
                .map(|i| pec::daticert::Destinatario {
                    address: address(i),
                    ..one.clone()
                })
                .collect();
        });
        let receipts = (0..n).map(|i| varied(&delivery, |d| d.consegna = Some(address(i))));
        std::iter::once(everyone).chain(receipts).collect()
    });
}

// The BER step, on the shapes of SignedData a signing tool could write.

fn ber(input: &[u8]) {
    let _ = black_box(pec::ber::to_der(input));
}

/// `content` inside one indefinite SEQUENCE.
fn indefinite(content: &[u8]) -> Vec<u8> {
    [&[0x30, 0x80][..], content, &[0, 0]].concat()
}

#[test]
fn ber_with_many_values() {
    let build = |n: usize| indefinite(&[0x30, 0x80, 2, 1, 1, 0, 0].repeat(n));
    assert_linear_from("BER values", 100_000, build, ber);
}

#[test]
fn ber_string_in_many_pieces() {
    let build =
        |n: usize| indefinite(&[&[0x24, 0x80][..], &[4, 1, b'x'].repeat(n), &[0, 0]].concat());
    assert_linear_from("BER string pieces", 100_000, build, ber);
}

#[test]
fn ber_nested_to_the_limit_many_times() {
    let depth = pec::ber::MAX_DEPTH - 1;
    let nest = [
        [0x24, 0x80].repeat(depth),
        vec![4, 1, b'x'],
        [0, 0].repeat(depth),
    ]
    .concat();
    let build = |n: usize| indefinite(&nest.repeat(n));
    assert_linear_from("BER nested strings", 2_000, build, ber);
}

// Outlook files: the Compound File's directory and the message's attachments.

/// A `.msg` of class IPM.Note with `n` attachments, each a short e-mail.
fn msg_with_attachments(n: usize) -> Vec<u8> {
    use std::io::Write;
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    let class: Vec<u8> = "IPM.Note"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    file.create_stream("/__substg1.0_001A001F")
        .unwrap()
        .write_all(&class)
        .unwrap();
    for i in 0..n {
        let storage = format!("/__attach_version1.0_#{i:08X}");
        file.create_storage(&storage).unwrap();
        let mut data = file
            .create_stream(format!("{storage}/__substg1.0_37010102"))
            .unwrap();
        data.write_all(b"Subject: x\r\n\r\n").unwrap();
        data.write_all(&[b'x'; 5_000]).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

#[test]
fn msg_with_many_attachments() {
    let (small, large) = (msg_with_attachments(100), msg_with_attachments(1_000));
    assert_linear("msg attachments", &small, &large, verify);
}

#[test]
fn a_large_receipt_in_a_signed_file() {
    let signed = |n: usize| pec_factory::P7m::Base64.sign(&envelope_with_files(n));
    assert_linear_from("signed file", 200, signed, verify);
}

// Zip archives: the central directory, and each file searched as a file of its own.

/// A zip of `n` deflated files, each a short e-mail of its own.
fn zip_of_mails(n: usize) -> Vec<u8> {
    let files: Vec<(String, Vec<u8>)> = (0..n)
        .map(|i| {
            let mail = format!("Subject: {i}\r\n\r\n{}\r\n", "parola ".repeat(700));
            (format!("cartella/{i}.eml"), mail.into_bytes())
        })
        .collect();
    let entries: Vec<pec_factory::zip::Entry> = files
        .iter()
        .map(|(name, bytes)| pec_factory::zip::Entry {
            name,
            bytes,
            deflated: true,
        })
        .collect();
    pec_factory::zip::archive(&entries)
}

#[test]
fn zip_with_many_entries() {
    let (small, large) = (zip_of_mails(300), zip_of_mails(3_000));
    assert_linear("zip entries", &small, &large, verify);
}

#[test]
fn a_large_receipt_in_a_zip() {
    // Stored: deflate would shrink the larger envelope more, and the sizes would not be ten apart.
    let zipped = |n: usize| pec_factory::Zip::Stored.pack("r.eml", &envelope_with_files(n));
    assert_linear_from("zipped receipt", 200, zipped, verify);
}
