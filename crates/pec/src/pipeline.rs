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
use crate::report::{FileSignatureReport, MessageReport, Report, SignatureReport, Verdict};
use crate::{Options, cms, crosscheck, daticert, hex, moment, trust, unpack};

pub fn verify(input: &[u8], options: &Options, links: &mut Links) -> Report {
    let sha256 = hex(&Sha256::digest(input));
    // Before any copy: an oversize file is refused without unpacking or canonicalising it.
    if input.len() > locate::MAX_INPUT {
        return Report {
            sha256,
            ..Report::too_large()
        };
    }
    let unpacked = unpack::unpack(input);
    let mut messages = Vec::new();
    let mut ordinary_messages = 0;
    let mut errors = Vec::new();
    for (document, unpacked) in unpacked.documents.into_iter().enumerate() {
        let text = locate::canonical(&unpacked.text);
        match locate::find(&text) {
            Ok(located) => {
                messages.extend(located.items.into_iter().map(|item| {
                    let mut message = match item {
                        locate::Item::Signed(found) => signed_message(*found, options, links),
                        locate::Item::Unverified(unverified) => unverified_message(*unverified),
                    };
                    message.location = unpacked.location.join(&message.location);
                    message.document = document;
                    message
                }));
                ordinary_messages += located.ordinary;
            }
            Err(error) => errors.push(error),
        }
    }
    messages.extend(unpacked.unverified.into_iter().map(unverified_message));
    let error = messages.is_empty().then(|| {
        unpacked
            .explanation
            .or_else(|| errors.first().copied())
            .unwrap_or(InputError::NotEmail)
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
        sha256,
    }
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

fn signed_message(found: locate::Found<'_>, options: &Options, links: &mut Links) -> MessageReport {
    let (info, mut checks) = cms::verify(&found.signed, found.signature_part());
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
        signed_sha256: Some(hex(&Sha256::digest(&found.signed))),
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
        }
    }
    checks.push(Check::info(CheckId::TrustRevocationNotChecked));
    (chain, checks)
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
