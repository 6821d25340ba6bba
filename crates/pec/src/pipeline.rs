//! The order of the stages, and the report assembled from what they produce: `locate` finds
//! the messages, then for each signed one `cms` verifies the signature, `moment` and `trust`
//! judge its signer, `content` (read by `locate`) and `daticert` give what is certified, `kind`
//! classifies it and `crosscheck` compares it with what is not signed. Every check is emitted
//! by its stage; this module only gathers them. It and `report` are the only modules that know
//! the report.

use sha2::{Digest, Sha256};

use crate::certificate::{self, Links};
use crate::check::{self, Check, CheckId};
use crate::kind::{self, Certified};
use crate::locate::{self, InputError};
use crate::progress::Meter;
use crate::report::{self, FileSignatureReport, MessageReport, Report, SignatureReport, Verdict};
use crate::{Options, cms, crosscheck, daticert, hex, moment, trust, unpack};

pub fn verify(input: &[u8], options: &Options, links: &mut Links, meter: &mut Meter) -> Report {
    let sha256 = hex(&meter.digest::<Sha256>(input));
    // Before any copy: an oversize file is refused without unpacking or canonicalising it.
    if input.len() > locate::MAX_INPUT {
        return Report {
            sha256,
            ..Report::too_large()
        };
    }
    let mut messages = Vec::new();
    let mut ordinary_messages = 0;
    let mut unread_texts = Vec::new();
    let unpacked = search(
        input,
        meter,
        |index, document, _, found, meter| match found {
            Ok(located) => {
                if located.items.is_empty() && located.ordinary == 0 {
                    // Only files attached to it: the e-mail itself is none.
                    unread_texts.push((document.location.clone(), InputError::Unsigned));
                }
                messages.extend(located.items.into_iter().map(|item| {
                    let mut message = match item {
                        locate::Item::Signed(found) => {
                            signed_message(*found, options, links, meter)
                        }
                        locate::Item::Unverified(unverified) => unverified_message(*unverified),
                    };
                    message.location = document.location.join(&message.location);
                    message.document = index;
                    message
                }));
                ordinary_messages += located.ordinary;
            }
            Err(error) => unread_texts.push((document.location.clone(), error)),
        },
    );
    // The forms' own explanations first, then the texts'; the file's own, else the nearest,
    // is what the report says when no message is found.
    let mut unread = unpacked.explained;
    unread.extend(unread_texts);
    messages.extend(unpacked.unverified.into_iter().map(unverified_message));
    let error = messages.is_empty().then(|| {
        unread
            .iter()
            .find(|(location, _)| location.is_empty())
            .or(unread.first())
            .map_or(InputError::NotEmail, |(_, error)| *error)
    });
    let file_signatures = unpacked
        .signed_files
        .into_iter()
        .map(file_signature_report)
        .collect();
    Report {
        error,
        messages,
        file_signatures,
        ordinary_messages,
        unread: unread
            .into_iter()
            .filter(|(location, _)| !location.is_empty())
            .map(|(location, error)| report::Unread { location, error })
            .collect(),
        sha256,
    }
}

/// Every e-mail text of `input` searched once, in order, with the files attached to its
/// messages (a `.msg`, a zip, a `.p7m` attached to an e-mail) unpacked as files of their own and
/// searched after it: `each` gets each text's index, the text, the text as searched, what the
/// search found and the meter the search counted its work on. Returns what was unpacked.
pub(crate) fn search<'a>(
    input: &'a [u8],
    meter: &mut Meter,
    mut each: impl FnMut(
        usize,
        &unpack::Document<'a>,
        &[u8],
        Result<locate::Located<'_>, InputError>,
        &mut Meter,
    ),
) -> unpack::Unpacked<'a> {
    let mut unpacked = unpack::unpack(input);
    let mut index = 0;
    while let Some(document) = unpacked.documents.get(index) {
        let (location, depth) = (document.location.clone(), document.depth);
        let text = locate::canonical(&document.text);
        let mut found = locate::find_told(&text, meter);
        let attached = found
            .as_mut()
            .map(|located| std::mem::take(&mut located.attached))
            .unwrap_or_default();
        each(index, document, &text, found, meter);
        drop(text);
        for file in attached {
            unpacked.attach(file.bytes, location.join(&file.location), depth);
        }
        index += 1;
    }
    unpacked
}

fn file_signature_report(signed: unpack::SignedFile) -> FileSignatureReport {
    let info = signed.info.as_ref();
    FileSignatureReport {
        location: signed.location,
        signer: info
            .and_then(|info| info.signer.as_ref())
            .map(|signer| certificate::describe(signer)),
        signing_time: info.and_then(|info| info.signing_time),
        checks: signed.checks,
    }
}

/// A part that claims to be a PEC message but could not be verified: no data, one check that
/// says why.
fn unverified_message(unverified: locate::Unverified) -> MessageReport {
    let checks = vec![unverified.reason.check()];
    MessageReport {
        verdict: Verdict::from_checks(&checks),
        reason: check::decisive(&checks).map(|c| c.id),
        location: unverified.location,
        signed_sha256: None,
        classification: kind::Classification::default(),
        daticert: None,
        signature: None,
        headers: unverified.headers,
        postacert: None,
        daticert_xml: None,
        document: 0,
        checks,
    }
}

fn signed_message(
    found: locate::Found<'_>,
    options: &Options,
    links: &mut Links,
    meter: &mut Meter,
) -> MessageReport {
    let (info, mut checks) = cms::verify_told(&found.signed, found.signature_part(), meter);
    let mut chain = Vec::new();
    if let Some(info) = &info {
        let (built, trust_checks) = trusted(info, found.headers.from.as_deref(), options, links);
        chain = built;
        checks.extend(trust_checks);
    }

    let content = found.content;
    // The provider's layout is asked of providers: a signer who is none, with no daticert.xml,
    // sent an ordinary signed e-mail.
    let ordinary = content.daticert.is_none() && !signed_by_provider(&checks);
    let layout_holds = content
        .checks
        .iter()
        .all(|c| c.effect == check::Effect::None);
    if !ordinary {
        checks.extend(content.checks);
    }
    let daticert = content.daticert.as_deref().and_then(|xml| {
        let (daticert, check) = daticert::read(xml);
        checks.push(check);
        daticert
    });
    let certified = match (&daticert, &content.daticert, layout_holds) {
        _ if ordinary => Certified::Ordinary,
        (Some(d), ..) => Certified::Read(d),
        (None, None, true) => Certified::Absent,
        _ => Certified::Unread,
    };
    let (classification, kind_checks) = kind::classify(certified, &found.headers);
    checks.extend(kind_checks);

    let signature = info.as_ref().map(|info| signature_report(info, &chain));
    checks.extend(crosscheck::run(&crosscheck::Facts {
        headers: &found.headers,
        daticert: daticert.as_ref(),
        classification: &classification,
        signature: info.as_ref(),
        postacert: content.postacert.as_ref(),
    }));

    MessageReport {
        verdict: Verdict::from_checks(&checks),
        reason: check::decisive(&checks).map(|c| c.id),
        location: found.location,
        signed_sha256: Some(signed_sha256(info.as_ref(), &found.signed)),
        classification,
        daticert,
        signature,
        headers: found.headers,
        postacert: content.postacert,
        daticert_xml: content
            .daticert
            .map(|xml| String::from_utf8_lossy(&xml).into_owned()),
        document: 0,
        checks,
    }
}

/// Whether trust found the signer's certificate issued by a PEC CA; `true` when trust could
/// not judge it (no signer, no signing time), so that nothing is excused unjudged.
fn signed_by_provider(checks: &[Check]) -> bool {
    checks
        .iter()
        .find(|c| c.id == CheckId::TrustPecCa)
        .is_none_or(Check::is_pass)
}

/// The signer judged: when it signed, and its chain at the instant its certificates are judged.
fn trusted(
    info: &cms::SignatureInfo,
    sender: Option<&str>,
    options: &Options,
    links: &mut Links,
) -> (Vec<certificate::Cert>, Vec<Check>) {
    let mut checks = Vec::new();
    let mut chain = Vec::new();
    if let Some(signer) = &info.signer {
        let (at, moment_checks) = moment::judge(info.signing_time, options);
        checks.extend(moment_checks);
        if let Some(at) = at {
            let (built, trust_checks) =
                trust::validate(&options.trust, signer, &info.certificates, at.unix, links);
            chain = built;
            checks.extend(trust_checks);
            checks.push(crosscheck::sender(signer, sender));
            checks.push(trust::revocation(
                &options.trust,
                &options.crls,
                &chain,
                at.unix,
                links,
            ));
            return (chain, checks);
        }
    }
    checks.push(Check::info(CheckId::TrustRevocationNotChecked));
    (chain, checks)
}

/// SHA-256 of what the provider signed, hex: the signature's own digest when it is SHA-256.
fn signed_sha256(info: Option<&cms::SignatureInfo>, signed: &[u8]) -> String {
    match info.and_then(|info| info.content_sha256.as_deref()) {
        Some(digest) => hex(digest),
        None => hex(&Sha256::digest(signed)),
    }
}

fn signature_report(info: &cms::SignatureInfo, chain: &[certificate::Cert]) -> SignatureReport {
    SignatureReport {
        digest_algorithm: info.digest,
        signature_algorithm: info.algorithm,
        signing_time: info.signing_time,
        signer: info
            .signer
            .as_ref()
            .map(|signer| certificate::describe(signer)),
        chain: chain
            .iter()
            .map(|c| certificate::name_text(&c.tbs_certificate.subject))
            .collect(),
    }
}
