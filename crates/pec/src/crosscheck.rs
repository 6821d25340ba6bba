//! Cross-checks between what is signed (daticert.xml, the certificate, postacert.eml) and what
//! is not (the outer headers). The unsigned side never wins: a disagreement is a warning that
//! names both values. Two signed times that disagree leave the verdict indeterminate, because
//! certificate validity is judged at one of them.

use x509_cert::Certificate;

use crate::certificate;
use crate::check::{Check, CheckId, Param};
use crate::cms::SignatureInfo;
use crate::content::Original;
use crate::daticert::Daticert;
use crate::headers::Headers;
use crate::kind::{Classification, Kind, ReceiptType, Variant};
use crate::time::Timestamp;

/// How far apart two times written by the same provider for the same event may be.
const TOLERANCE_SECONDS: i64 = 10 * 60;

/// Everything the cross-checks compare.
pub struct Facts<'a> {
    pub headers: &'a Headers,
    pub daticert: Option<&'a Daticert>,
    pub classification: &'a Classification,
    pub signature: Option<&'a SignatureInfo>,
    pub postacert: Option<&'a Original>,
}

pub fn run(facts: &Facts<'_>) -> Vec<Check> {
    let mut checks = Vec::new();
    let headers = facts.headers;
    if let Some(kind) = facts.classification.kind {
        checks.push(kind_header(kind, headers));
        if let Some(d) = facts.daticert {
            checks.push(subject(kind, facts.classification.variant, d, headers));
        }
        checks.extend(receipt_type_header(facts.classification, headers));
        checks.extend(security_header(facts.classification, headers));
    }
    let Some(d) = facts.daticert else {
        return checks;
    };
    checks.extend(ids(d, facts));
    if let Some(data) = d.data {
        if let Some(date) = headers.date {
            checks.push(times(CheckId::HeadersDate, date, data, Check::warn));
        }
        if let Some(signed) = facts.signature.and_then(|s| s.signing_time) {
            checks.push(times(
                CheckId::TimeSigningTime,
                signed,
                data,
                Check::indeterminate,
            ));
        }
    }
    let signer = facts.signature.and_then(|s| s.signer.as_ref());
    checks.extend(signer.and_then(|signer| gestore(d, signer)));
    if let Some(original) = facts.postacert {
        checks.extend(postacert(d, &original.headers));
    }
    checks
}

/// The message ids of the headers against daticert's: the original's, and for an envelope
/// the PEC identifier.
fn ids(d: &Daticert, facts: &Facts<'_>) -> Vec<Check> {
    let headers = facts.headers;
    let original = d.msgid.as_ref().map(|msgid| {
        same_id(
            CheckId::HeadersRiferimentoMessageId,
            &headers.x_riferimento_message_id,
            msgid,
        )
    });
    let envelope = (facts.classification.kind == Some(Kind::PostaCertificata)).then(|| {
        same_id(
            CheckId::HeadersMessageId,
            &headers.message_id,
            &d.identificativo,
        )
    });
    original.into_iter().chain(envelope).collect()
}

/// daticert's provider against the signer certificate's organisation, when it names one.
fn gestore(d: &Daticert, signer: &Certificate) -> Option<Check> {
    let org = certificate::organization(signer)?;
    let same = loose(&org).contains(&loose(&d.gestore_emittente))
        || loose(&d.gestore_emittente).contains(&loose(&org));
    Some(
        Check::pass_or_warn(
            CheckId::DaticertGestore,
            same && !d.gestore_emittente.is_empty(),
        )
        .with(Param::Daticert, d.gestore_emittente.clone())
        .with(Param::Certificate, org),
    )
}

/// The outer From against the addresses of the signer's certificate. The From header is not
/// signed: a mismatch is worth showing, not a verdict. Reported with the trust checks, where
/// the certificate is judged.
pub fn sender(signer: &Certificate, from: Option<&str>) -> Check {
    let emails = certificate::emails(signer);
    let in_certificate = emails.join(", ");
    match from.map(str::trim) {
        Some(from) if emails.iter().any(|email| email.eq_ignore_ascii_case(from)) => {
            Check::pass(CheckId::TrustSender)
        }
        Some(from) => Check::warn(CheckId::TrustSender)
            .with(Param::Certificate, in_certificate)
            .with(Param::Header, from),
        None => Check::warn(CheckId::TrustSender).with(Param::Certificate, in_certificate),
    }
}

/// `X-Ricevuta` or `X-Trasporto` names the same kind as the signed daticert.xml.
fn kind_header(kind: Kind, headers: &Headers) -> Check {
    let (name, value, expected) = match kind {
        Kind::PostaCertificata => ("X-Trasporto", &headers.x_trasporto, "posta-certificata"),
        Kind::BustaAnomalia => ("X-Trasporto", &headers.x_trasporto, "errore"),
        _ => ("X-Ricevuta", &headers.x_ricevuta, kind.as_str()),
    };
    let found = value.as_deref().map(str::trim).unwrap_or_default();
    Check::pass_or_warn(CheckId::HeadersKind, found.eq_ignore_ascii_case(expected))
        .with(Param::Header, name)
        .with(Param::Value, found)
        .with(Param::Daticert, expected)
}

/// `X-TipoRicevuta` names the receipt type daticert.xml certifies (or none when it states none).
fn receipt_type_header(classification: &Classification, headers: &Headers) -> Option<Check> {
    if !matches!(
        classification.kind,
        Some(Kind::PostaCertificata | Kind::AvvenutaConsegna)
    ) {
        return None;
    }
    let header = headers.x_tipo_ricevuta.as_deref()?.trim();
    let signed = classification.receipt_type;
    Some(
        Check::pass_or_warn(
            CheckId::HeadersReceiptType,
            signed.is_some() && ReceiptType::parse(header) == signed,
        )
        .with(Param::Header, header)
        .with(Param::Daticert, signed.map_or("", ReceiptType::as_str)),
    )
}

/// `X-VerificaSicurezza: errore` goes with the virus forms daticert.xml certifies, and only
/// with them.
fn security_header(classification: &Classification, headers: &Headers) -> Option<Check> {
    let header = headers.x_verifica_sicurezza.as_deref().map(str::trim);
    let virus = classification.variant == Some(Variant::Virus);
    if header.is_none() && !virus {
        return None;
    }
    let flagged = header.is_some_and(|h| h.eq_ignore_ascii_case("errore"));
    Some(
        Check::pass_or_warn(CheckId::HeadersSecurity, flagged == virus)
            .with(Param::Header, header.unwrap_or_default())
            .with(Param::Daticert, if virus { "virus" } else { "" }),
    )
}

/// The Subject a provider writes: the kind's prefix, then the original subject.
fn subject_prefix(kind: Kind, variant: Option<Variant>) -> &'static str {
    match (kind, variant) {
        (Kind::Accettazione, _) => "ACCETTAZIONE: ",
        (Kind::NonAccettazione, Some(Variant::Virus)) => "AVVISO DI NON ACCETTAZIONE PER VIRUS: ",
        (Kind::NonAccettazione, _) => "AVVISO DI NON ACCETTAZIONE: ",
        (Kind::PostaCertificata, _) => "POSTA CERTIFICATA: ",
        (Kind::PreavvisoErroreConsegna, _) => "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: ",
        (Kind::PresaInCarico, _) => "PRESA IN CARICO: ",
        (Kind::BustaAnomalia, _) => "ANOMALIA MESSAGGIO: ",
        (Kind::RilevazioneVirus, _) => "PROBLEMA DI SICUREZZA: ",
        (Kind::ErroreConsegna, Some(Variant::Virus)) => "AVVISO DI MANCATA CONSEGNA PER VIRUS: ",
        (Kind::ErroreConsegna, _) => "AVVISO DI MANCATA CONSEGNA: ",
        (Kind::AvvenutaConsegna, _) => "CONSEGNA: ",
    }
}

/// Whether `subject` starts as a provider writes the Subject of some PEC message (in capitals,
/// as providers write it: an ordinary "Consegna: documenti" is not one).
pub fn is_provider_subject(subject: &str) -> bool {
    Kind::all()
        .flat_map(|kind| [None, Some(Variant::Virus)].map(|variant| subject_prefix(kind, variant)))
        .any(|prefix| subject.starts_with(prefix))
}

fn subject(kind: Kind, variant: Option<Variant>, d: &Daticert, headers: &Headers) -> Check {
    let expected = format!(
        "{}{}",
        subject_prefix(kind, variant),
        d.oggetto.as_deref().unwrap_or_default()
    );
    let found = headers.subject.clone().unwrap_or_default();
    Check::pass_or_warn(
        CheckId::HeadersSubject,
        squash(&found).eq_ignore_ascii_case(&squash(&expected)),
    )
    .with(Param::Header, found)
    .with(Param::Daticert, expected)
}

/// Message ids compared without angle brackets and spaces.
fn same_id(id: CheckId, header: &Option<String>, signed: &str) -> Check {
    let bare = |s: &str| {
        s.trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .trim()
            .to_owned()
    };
    let found = header.as_deref().unwrap_or_default();
    Check::pass_or_warn(id, !signed.trim().is_empty() && bare(found) == bare(signed))
        .with(Param::Header, found)
        .with(Param::Daticert, signed)
}

fn times(id: CheckId, other: Timestamp, data: Timestamp, disagree: fn(CheckId) -> Check) -> Check {
    let check = if (other.unix - data.unix).abs() <= TOLERANCE_SECONDS {
        Check::pass(id)
    } else {
        disagree(id)
    };
    check.with(Param::Time, other).with(Param::Daticert, data)
}

/// The original message (signed too) against daticert.xml.
fn postacert(d: &Daticert, original: &Headers) -> Vec<Check> {
    let from = original.from.clone().unwrap_or_default();
    let sender = Check::pass_or_warn(
        CheckId::PostacertSender,
        from.eq_ignore_ascii_case(d.mittente.trim()),
    )
    .with(Param::Postacert, from)
    .with(Param::Daticert, d.mittente.clone());
    let listed = |address: &str| {
        original
            .to
            .iter()
            .chain(&original.cc)
            .any(|a| a.trim().eq_ignore_ascii_case(address.trim()))
    };
    let missing: Vec<&str> = d
        .destinatari
        .iter()
        .map(|r| r.address.as_str())
        .filter(|a| !listed(a))
        .collect();
    let recipients = Check::pass_or_warn(CheckId::PostacertRecipients, missing.is_empty())
        .with(Param::Missing, missing.join(", "));
    let found = original.subject.clone().unwrap_or_default();
    let oggetto = d.oggetto.clone().unwrap_or_default();
    let subject = Check::pass_or_warn(
        CheckId::PostacertSubject,
        squash(&found) == squash(&oggetto),
    )
    .with(Param::Postacert, found)
    .with(Param::Daticert, oggetto);
    vec![sender, recipients, subject]
}

/// Whitespace runs as one space, trimmed: folding and re-encoding change nothing else.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-case letters and digits only, for names written differently ("ARUBA PEC S.p.A.").
fn loose(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Effect, Status};
    use crate::testutil::signed_samples;

    #[test]
    fn the_sender_header_is_compared_not_trusted() {
        for (sample, info) in signed_samples() {
            let signer = info.signer.as_ref().unwrap();
            assert!(
                sender(signer, sample.from.as_deref()).is_pass(),
                "{}",
                sample.name
            );
        }
        let (_, info) = signed_samples().remove(0);
        let signer = info.signer.as_ref().unwrap();
        assert!(sender(signer, Some("POSTA-CERTIFICATA@PEC.ARUBA.IT")).is_pass());
        let check = sender(signer, Some("someone@example.com"));
        assert_eq!((check.status, check.effect), (Status::Warn, Effect::None));
        assert_eq!(
            check.params[&Param::Certificate].to_string(),
            "posta-certificata@pec.aruba.it"
        );
        assert_eq!(
            check.params[&Param::Header].to_string(),
            "someone@example.com"
        );
        assert_eq!(sender(signer, None).status, Status::Warn);
    }
}
