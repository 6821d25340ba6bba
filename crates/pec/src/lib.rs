//! Verification of Italian PEC receipts and envelopes.
//!
//! [`verify`] takes the bytes of a dropped file and returns a [`Report`]: every signed PEC
//! message found in it, each with a verdict and the checks behind it. No I/O, no clock: the
//! verification time and the trust store are inputs.

#![forbid(unsafe_code)]

/// Named values (verdicts, statuses, kinds) serialise as their `as_str()` name, so the JSON and
/// every face spell them from one place.
macro_rules! serialize_as_str {
    ($($name:ty),*) => {$(
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )*};
}

/// An enum of named values: `ALL` lists them, `as_str()` is the name the JSON and every face
/// use, and serialisation writes that name.
macro_rules! names {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal,)*
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The name, as in the JSON report.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        serialize_as_str!($name);
    };
}

pub mod algorithm;
pub mod certificate;
pub mod check;
pub mod cms;
pub mod content;
pub mod crosscheck;
pub mod daticert;
pub mod kind;
pub mod locate;
mod mime;
pub mod report;
pub mod structure;
#[cfg(test)]
mod testutil;
pub mod time;
pub mod trust;

use sha2::{Digest, Sha256};

pub use check::{Check, CheckId, Param, Status, Value};
pub use report::{InputError, MessageReport, Report, Verdict};
pub use time::Timestamp;
pub use trust::TrustStore;

/// How to verify.
#[derive(Clone, Debug)]
pub struct Options {
    /// Judge certificate validity at this instant instead of the CMS signing time.
    pub at: Option<Timestamp>,
    pub trust: TrustStore,
    /// The moment of verification, from the face's clock (the core reads none): a signature
    /// made later than this is not trusted. `None` skips that check.
    pub now: Option<Timestamp>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            at: None,
            trust: TrustStore::pec(),
            now: None,
        }
    }
}

/// How far ahead of the verifier's clock a signing time may be and still pass: the provider's
/// clock and the user's device each drift, and five minutes is the usual allowance for clocks
/// that are set but not synchronised (Kerberos' default), far below any signature back-dated
/// or forward-dated on purpose.
const CLOCK_TOLERANCE_SECS: i64 = 5 * 60;

/// A verifier for a batch of files or a page session: the options (the trust store among them)
/// and what it learnt verifying, the certificate links whose signatures verified. Its report of
/// a file depends on the bytes and the options alone; what it remembers only saves work.
#[derive(Clone, Debug, Default)]
pub struct Verifier {
    pub options: Options,
    links: certificate::Links,
}

impl Verifier {
    pub fn new(options: Options) -> Self {
        Self {
            options,
            links: certificate::Links::default(),
        }
    }

    /// Verifies every signed PEC message in `input`, and answers for every part that claims to
    /// be one without being verifiable.
    pub fn verify(&mut self, input: &[u8]) -> Report {
        verify_with(input, &self.options, &mut self.links)
    }
}

/// [`Verifier::verify`] for one file, remembering nothing.
pub fn verify(input: &[u8], options: &Options) -> Report {
    verify_with(input, options, &mut certificate::Links::default())
}

fn verify_with(input: &[u8], options: &Options, links: &mut certificate::Links) -> Report {
    let sha256 = hex(&Sha256::digest(input));
    // Before any copy: an oversize file is refused without canonicalising it.
    let text = if input.len() > locate::MAX_INPUT {
        None
    } else {
        Some(locate::canonical(input))
    };
    let located = text
        .as_deref()
        .map_or(Err(InputError::TooLarge), locate::find);
    match located {
        Ok(located) => Report {
            error: None,
            messages: located
                .items
                .into_iter()
                .map(|item| match item {
                    locate::Item::Signed(found) => verify_message(*found, options, links),
                    locate::Item::Unverified(unverified) => unverified_message(*unverified),
                })
                .collect(),
            ordinary_messages: located.ordinary,
            sha256,
        },
        Err(error) => Report {
            error: Some(error),
            messages: Vec::new(),
            ordinary_messages: 0,
            sha256,
        },
    }
}

/// The report of a part that claims to be a PEC message but could not be verified: no data,
/// one check that says why.
fn unverified_message(unverified: locate::Unverified) -> MessageReport {
    let check = match unverified.reason {
        locate::Reason::Unsigned(claim) => {
            Check::fail(CheckId::MimeUnsigned).with(Param::Claim, claim)
        }
        locate::Reason::TooDeep { count } => Check::indeterminate(CheckId::MimeTooDeep)
            .with(Param::Count, count)
            .with(Param::Limit, locate::MAX_DEPTH),
        locate::Reason::Opaque => Check::indeterminate(CheckId::MimeOpaqueSignature),
        locate::Reason::Unlisted { count } => Check::indeterminate(CheckId::MimeUnlisted)
            .with(Param::Count, count)
            .with(Param::Limit, locate::MAX_UNVERIFIED),
    };
    let checks = vec![check];
    MessageReport {
        verdict: Verdict::from_checks(&checks),
        reason: check::decisive(&checks).map(|c| c.id),
        location: unverified.location,
        classification: kind::Classification::default(),
        daticert: None,
        signature: None,
        headers: unverified.headers,
        postacert: None,
        daticert_xml: None,
        checks,
    }
}

fn verify_message(
    found: locate::Found<'_>,
    options: &Options,
    links: &mut certificate::Links,
) -> MessageReport {
    let mut checks = vec![Check::pass(CheckId::MimeSignedEntity)];

    let (info, cms_checks) = match &found.signature {
        Some(p7s) => cms::verify(&found.signed, p7s),
        None => (None, vec![Check::fail(CheckId::MimeSignaturePart)]),
    };
    checks.extend(cms_checks);

    let mut chain = Vec::new();
    if let Some(info) = &info {
        if info.digest_algorithm == "sha1" {
            checks.push(Check::info(CheckId::CmsSha1));
        }
        if let Some(signing_time) = info.signing_time {
            checks.extend(moment_checks(signing_time, options));
        }
        match (&info.signer, options.at.or(info.signing_time)) {
            (Some(signer), Some(at)) => {
                let (built, trust_checks) =
                    trust::validate(&options.trust, signer, &info.certificates, at.unix, links);
                chain = built;
                checks.extend(trust_checks);
                checks.push(crosscheck::sender(signer, found.headers.from.as_deref()));
            }
            (Some(_), None) => checks.push(Check::indeterminate(CheckId::CmsSigningTime)),
            (None, _) => {}
        }
        checks.push(Check::info(CheckId::TrustRevocationNotChecked));
    }

    let content = found.content;
    let layout_holds = content
        .checks
        .iter()
        .all(|c| c.effect == check::Effect::None);
    checks.extend(content.checks);
    let daticert = content.daticert.as_deref().and_then(|xml| {
        let (daticert, check) = daticert::read(xml);
        checks.push(check);
        daticert
    });
    let (classification, kind_checks) = kind::classify(daticert.as_ref(), &found.headers);
    checks.extend(kind_checks);
    if layout_holds
        && content.daticert.is_none()
        && classification.kind != Some(kind::Kind::BustaAnomalia)
    {
        checks.push(Check::fail(CheckId::DaticertPresent));
    }

    let signature = info.as_ref().map(|info| report::SignatureReport {
        digest_algorithm: info.digest_algorithm,
        signature_algorithm: info.signature_algorithm,
        signing_time: info.signing_time,
        signer: info
            .signer
            .as_ref()
            .map(|signer| certificate::describe(signer)),
        chain: chain
            .iter()
            .map(|c| certificate::name_text(&c.tbs_certificate.subject))
            .collect(),
    });
    checks.extend(crosscheck::run(&crosscheck::Facts {
        headers: &found.headers,
        daticert: daticert.as_ref(),
        classification: &classification,
        signature: signature.as_ref(),
        postacert: content.postacert.as_ref(),
    }));

    MessageReport {
        verdict: Verdict::from_checks(&checks),
        reason: check::decisive(&checks).map(|c| c.id),
        location: found.location,
        classification,
        daticert,
        signature,
        headers: found.headers,
        postacert: content.postacert,
        daticert_xml: content
            .daticert
            .map(|xml| String::from_utf8_lossy(&xml).into_owned()),
        checks,
    }
}

/// The signing time against the moment of verification (no signature comes from the future)
/// and against the time asked for with `at` (before the signature, the message did not exist).
fn moment_checks(signing_time: Timestamp, options: &Options) -> Vec<Check> {
    let future = options.now.map(|now| future_check(signing_time, now));
    let before = options.at.map(|at| at_check(at, signing_time));
    future.into_iter().chain(before).collect()
}

/// Give or take [`CLOCK_TOLERANCE_SECS`]. The pass names no times, so a file gets the same
/// report whenever it is verified.
fn future_check(signing_time: Timestamp, now: Timestamp) -> Check {
    if signing_time.unix <= now.unix.saturating_add(CLOCK_TOLERANCE_SECS) {
        return Check::pass(CheckId::TimeFuture);
    }
    Check::indeterminate(CheckId::TimeFuture)
        .with(Param::SigningTime, signing_time)
        .with(Param::Now, now)
}

/// `at` is chosen, not read from a clock: it gets no tolerance.
fn at_check(at: Timestamp, signing_time: Timestamp) -> Check {
    Check::pass_or_indeterminate(CheckId::TimeAtBeforeSigning, at.unix >= signing_time.unix)
        .with(Param::At, at)
        .with(Param::SigningTime, signing_time)
}

/// The decoded bytes of attachment `index` of the original message (`postacert.eml`) carried
/// by message `message` of `input`, numbered as in [`Report::messages`] and
/// [`report::Original::attachments`]. `None` when there is no such attachment.
pub fn attachment(input: &[u8], message: usize, index: usize) -> Option<Vec<u8>> {
    let text = locate::canonical(input);
    match locate::find(&text).ok()?.items.into_iter().nth(message)? {
        locate::Item::Signed(found) => content::attachment(&found.signed, index),
        locate::Item::Unverified(_) => None,
    }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
