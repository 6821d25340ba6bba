//! The kind of a PEC message (the technical rules' table of receipts and envelopes).

use serde::Serialize;

use crate::check::{Check, CheckId, Param};
use crate::daticert::Daticert;
use crate::headers::Headers;

#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub enum Variant {
    /// The virus form (`X-VerificaSicurezza: errore`, `errore="virus"`).
    Virus,
    /// The final 24-hour notice sent as `preavviso-errore-consegna` with a 5.4.1 code.
    Timeout24h,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub enum ReceiptType {
    Completa,
    Breve,
    Sintetica,
}

#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    borsh::BorshSerialize,
    borsh::BorshDeserialize,
)]
pub struct Classification {
    pub kind: Option<Kind>,
    pub variant: Option<Variant>,
    pub receipt_type: Option<ReceiptType>,
}

/// What the signed entity gives classification to go on.
#[derive(Clone, Copy, Debug)]
pub enum Certified<'a> {
    /// daticert.xml, read.
    Read(&'a Daticert),
    /// The provider's layout holds and has no daticert.xml.
    Absent,
    /// Nothing certified could be read: the layout or daticert.xml failed, and its own check
    /// says why.
    Unread,
    /// Signed by someone who is not a PEC provider, with no daticert.xml: an ordinary signed
    /// e-mail, to which the provider's layout does not apply.
    Ordinary,
}

/// Every kind and its name: daticert's `tipo`, and `busta-anomalia` for the one without daticert.
const NAMES: [(Kind, &str); 9] = [
    (Kind::Accettazione, "accettazione"),
    (Kind::NonAccettazione, "non-accettazione"),
    (Kind::PresaInCarico, "presa-in-carico"),
    (Kind::PostaCertificata, "posta-certificata"),
    (Kind::AvvenutaConsegna, "avvenuta-consegna"),
    (Kind::ErroreConsegna, "errore-consegna"),
    (Kind::PreavvisoErroreConsegna, "preavviso-errore-consegna"),
    (Kind::RilevazioneVirus, "rilevazione-virus"),
    (Kind::BustaAnomalia, "busta-anomalia"),
];

impl Kind {
    /// Every kind, in the rules' order.
    pub fn all() -> impl Iterator<Item = Self> {
        NAMES.iter().map(|&(kind, _)| kind)
    }

    /// The kind a daticert `tipo` names (the busta di anomalia has no daticert, hence no tipo).
    pub fn from_tipo(tipo: &str) -> Option<Self> {
        NAMES
            .iter()
            .find(|(kind, name)| *name == tipo && *kind != Self::BustaAnomalia)
            .map(|(kind, _)| *kind)
    }

    /// The kind's name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        NAMES
            .iter()
            .find(|(kind, _)| *kind == self)
            .map_or("", |(_, name)| name)
    }
}

impl ReceiptType {
    const ALL: [Self; 3] = [Self::Completa, Self::Breve, Self::Sintetica];

    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text))
    }

    /// The name, as in daticert and the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Completa => "completa",
            Self::Breve => "breve",
            Self::Sintetica => "sintetica",
        }
    }
}

impl Variant {
    /// The name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Virus => "virus",
            Self::Timeout24h => "timeout-24h",
        }
    }
}

serialize_as_str!(Kind, Variant, ReceiptType);

/// Classifies from the signed daticert.xml alone. Without one, the message is a busta di
/// anomalia when its unsigned `X-Trasporto: errore` says so, which certifies nothing (an
/// anomalia has no value of a PEC message); any other signed message without daticert.xml
/// fails `daticert.present`, or `kind.not-pec` when its signer is no PEC provider.
pub fn classify(certified: Certified<'_>, headers: &Headers) -> (Classification, Vec<Check>) {
    let header_is = |value: &Option<String>, expected: &str| {
        value
            .as_deref()
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(expected))
    };
    let daticert = match certified {
        Certified::Read(daticert) => daticert,
        Certified::Ordinary => {
            return (
                Classification::default(),
                vec![Check::indeterminate(CheckId::KindNotPec)],
            );
        }
        Certified::Absent | Certified::Unread => {
            let anomalia = header_is(&headers.x_trasporto, "errore");
            let classification = Classification {
                kind: anomalia.then_some(Kind::BustaAnomalia),
                ..Classification::default()
            };
            // Only a busta di anomalia is signed without certification data.
            let checks = match certified {
                Certified::Absent if !anomalia => vec![Check::fail(CheckId::DaticertPresent)],
                _ => Vec::new(),
            };
            return (classification, checks);
        }
    };

    let kind = Kind::from_tipo(&daticert.tipo);
    let check = Check::pass_or_fail(CheckId::DaticertTipo, kind.is_some())
        .with(Param::Tipo, &daticert.tipo);
    // Only what is signed decides: the virus forms by daticert's `errore`, the receipt type by
    // its `ricevuta`. The X-VerificaSicurezza and X-TipoRicevuta headers are compared with them
    // (crosscheck), never used in their place.
    let variant = match kind {
        Some(Kind::NonAccettazione | Kind::ErroreConsegna) if daticert.errore == "virus" => {
            Some(Variant::Virus)
        }
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
        Some(Kind::AvvenutaConsegna | Kind::PostaCertificata) => {
            daticert.ricevuta.as_deref().and_then(ReceiptType::parse)
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Status;
    use crate::report::Verdict;

    fn daticert(tipo: &str, errore: &str) -> Daticert {
        Daticert {
            tipo: tipo.into(),
            errore: errore.into(),
            ..Daticert::default()
        }
    }

    fn kind_of(d: &Daticert, headers: &Headers) -> (Option<Kind>, Option<Variant>) {
        let (c, _) = classify(Certified::Read(d), headers);
        (c.kind, c.variant)
    }

    #[test]
    fn every_tipo_of_the_dtd_is_a_kind() {
        for (tipo, kind) in [
            ("accettazione", Kind::Accettazione),
            ("non-accettazione", Kind::NonAccettazione),
            ("presa-in-carico", Kind::PresaInCarico),
            ("posta-certificata", Kind::PostaCertificata),
            ("avvenuta-consegna", Kind::AvvenutaConsegna),
            ("errore-consegna", Kind::ErroreConsegna),
            ("preavviso-errore-consegna", Kind::PreavvisoErroreConsegna),
            ("rilevazione-virus", Kind::RilevazioneVirus),
        ] {
            let (c, checks) = classify(
                Certified::Read(&daticert(tipo, "nessuno")),
                &Headers::default(),
            );
            assert_eq!(
                c,
                Classification {
                    kind: Some(kind),
                    variant: None,
                    receipt_type: None
                }
            );
            assert_eq!(
                checks,
                [Check::pass(CheckId::DaticertTipo).with(Param::Tipo, tipo)]
            );
        }
    }

    #[test]
    fn an_unknown_tipo_fails() {
        let (c, checks) = classify(
            Certified::Read(&daticert("Accettazione ", "nessuno")),
            &Headers::default(),
        );
        assert_eq!(c.kind, None);
        assert_eq!(checks[0].status, Status::Fail);
        assert_eq!(checks[0].params[&Param::Tipo].to_string(), "Accettazione ");
        assert_eq!(Verdict::from_checks(&checks), Verdict::TotalFailed);
    }

    #[test]
    fn virus_variants() {
        let none = Headers::default();
        let flagged = Headers {
            x_verifica_sicurezza: Some("errore".into()),
            ..Headers::default()
        };
        let virus = (Some(Kind::NonAccettazione), Some(Variant::Virus));
        assert_eq!(
            kind_of(&daticert("non-accettazione", "virus"), &none),
            virus
        );
        // The unsigned header alone decides nothing.
        assert_eq!(
            kind_of(&daticert("non-accettazione", "altro"), &flagged),
            (Some(Kind::NonAccettazione), None)
        );
        assert_eq!(
            kind_of(&daticert("errore-consegna", "virus"), &none),
            (Some(Kind::ErroreConsegna), Some(Variant::Virus))
        );
        assert_eq!(
            kind_of(&daticert("errore-consegna", "no-dest"), &none),
            (Some(Kind::ErroreConsegna), None)
        );
        // Only the two failure kinds have a virus form.
        assert_eq!(
            kind_of(&daticert("accettazione", "nessuno"), &flagged),
            (Some(Kind::Accettazione), None)
        );
    }

    #[test]
    fn a_5_4_1_preavviso_is_the_final_24_hour_notice() {
        let mut d = daticert("preavviso-errore-consegna", "altro");
        d.errore_esteso = Some(" 5.4.1 - Aruba Pec S.p.A. - tempo massimo superato".into());
        let final_notice = (
            Some(Kind::PreavvisoErroreConsegna),
            Some(Variant::Timeout24h),
        );
        assert_eq!(kind_of(&d, &Headers::default()), final_notice);
        d.errore_esteso = Some("4.4.7 - Gestore - consegna non ancora avvenuta".into());
        assert_eq!(kind_of(&d, &Headers::default()).1, None);
        d.errore_esteso = None;
        assert_eq!(kind_of(&d, &Headers::default()).1, None);
    }

    #[test]
    fn receipt_type_from_daticert_alone() {
        let header = Headers {
            x_tipo_ricevuta: Some("Sintetica".into()),
            ..Headers::default()
        };
        let mut d = daticert("avvenuta-consegna", "nessuno");
        d.ricevuta = Some("completa".into());
        assert_eq!(
            classify(Certified::Read(&d), &header).0.receipt_type,
            Some(ReceiptType::Completa)
        );
        // Not stated where it is signed: not stated, whatever the header says.
        d.ricevuta = None;
        assert_eq!(classify(Certified::Read(&d), &header).0.receipt_type, None);
        let accettazione = daticert("accettazione", "nessuno");
        assert_eq!(
            classify(Certified::Read(&accettazione), &header)
                .0
                .receipt_type,
            None
        );
    }

    #[test]
    fn busta_di_anomalia_has_no_daticert() {
        let anomalia = Headers {
            x_trasporto: Some("errore".into()),
            ..Headers::default()
        };
        let (c, checks) = classify(Certified::Unread, &anomalia);
        assert_eq!(c.kind, Some(Kind::BustaAnomalia));
        assert!(checks.is_empty());
        // With a daticert the signed tipo decides, whatever the header says.
        let (c, _) = classify(
            Certified::Read(&daticert("posta-certificata", "nessuno")),
            &anomalia,
        );
        assert_eq!(c.kind, Some(Kind::PostaCertificata));
        assert_eq!(
            classify(Certified::Unread, &Headers::default()).0,
            Classification::default()
        );
    }
}
