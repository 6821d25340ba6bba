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

/// Classifies from the signed daticert.xml (the unsigned headers only decide the busta di
/// anomalia, which carries no daticert.xml).
pub fn classify(_daticert: Option<&Daticert>, _headers: &Headers) -> (Classification, Vec<Check>) {
    (Classification::default(), Vec::new())
}
