//! The kind of a PEC message (the technical rules' table of receipts and envelopes).

use serde::Serialize;

use crate::check::Check;
use crate::daticert::Daticert;
use crate::report::Headers;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Accettazione,
    NonAccettazione,
    PresaInCarico,
    PostaCertificata,
    AvvenutaConsegna,
    ErroreConsegna,
    PreavvisoErroreConsegna,
    RilevazioneVirus,
    BustaAnomalia,
}

/// A refinement of the kind that changes what the message means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// The virus form (`X-VerificaSicurezza: errore`, `errore="virus"`).
    Virus,
    /// The final 24-hour notice sent as `preavviso-errore-consegna` with a 5.4.1 code.
    Timeout24h,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReceiptType {
    Completa,
    Breve,
    Sintetica,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Classification {
    pub kind: Option<Kind>,
    pub variant: Option<Variant>,
    pub receipt_type: Option<ReceiptType>,
}

impl Kind {
    /// The kind a daticert `tipo` names; `None` for a value outside the DTD.
    pub fn from_tipo(tipo: &str) -> Option<Self> {
        Some(match tipo {
            "accettazione" => Self::Accettazione,
            "non-accettazione" => Self::NonAccettazione,
            "presa-in-carico" => Self::PresaInCarico,
            "posta-certificata" => Self::PostaCertificata,
            "avvenuta-consegna" => Self::AvvenutaConsegna,
            "errore-consegna" => Self::ErroreConsegna,
            "preavviso-errore-consegna" => Self::PreavvisoErroreConsegna,
            "rilevazione-virus" => Self::RilevazioneVirus,
            _ => return None,
        })
    }
}

impl ReceiptType {
    fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        [
            ("completa", Self::Completa),
            ("breve", Self::Breve),
            ("sintetica", Self::Sintetica),
        ]
        .into_iter()
        .find_map(|(name, kind)| name.eq_ignore_ascii_case(text).then_some(kind))
    }
}

/// Classifies from the signed daticert.xml (the unsigned headers only decide the busta di
/// anomalia, which carries no daticert.xml).
pub fn classify(daticert: Option<&Daticert>, headers: &Headers) -> (Classification, Vec<Check>) {
    let header_is = |value: &Option<String>, expected: &str| {
        value
            .as_deref()
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(expected))
    };
    let Some(daticert) = daticert else {
        let anomalia = header_is(&headers.x_trasporto, "errore");
        let classification = Classification {
            kind: anomalia.then_some(Kind::BustaAnomalia),
            ..Classification::default()
        };
        return (classification, Vec::new());
    };

    let kind = Kind::from_tipo(&daticert.tipo);
    let check = Check::pass_or_fail("daticert.tipo", kind.is_some()).with("tipo", &daticert.tipo);
    // The virus forms are told apart by the signed `errore` or, as the rules also define it, by
    // the X-VerificaSicurezza header.
    let virus = daticert.errore == "virus" || header_is(&headers.x_verifica_sicurezza, "errore");
    let variant = match kind {
        Some(Kind::NonAccettazione | Kind::ErroreConsegna) if virus => Some(Variant::Virus),
        // Aruba and Namirial send the final 24-hour failure as a preavviso with code 5.4.1.
        Some(Kind::PreavvisoErroreConsegna)
            if daticert
                .errore_esteso
                .as_deref()
                .is_some_and(|e| e.trim_start().starts_with("5.4.1")) =>
        {
            Some(Variant::Timeout24h)
        }
        _ => None,
    };
    let receipt_type = match kind {
        Some(Kind::AvvenutaConsegna | Kind::PostaCertificata) => daticert
            .ricevuta
            .as_deref()
            .and_then(ReceiptType::parse)
            .or_else(|| {
                headers
                    .x_tipo_ricevuta
                    .as_deref()
                    .and_then(ReceiptType::parse)
            }),
        _ => None,
    };
    (
        Classification {
            kind,
            variant,
            receipt_type,
        },
        vec![check],
    )
}
