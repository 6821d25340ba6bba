//! daticert.xml: the certification data a provider signs (DTD in the technical rules §4.4).

use serde::Serialize;

use crate::time::Timestamp;

/// The typed content of a daticert.xml. Text is unescaped and trimmed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Daticert {
    /// `postacert/@tipo`, as written (e.g. `avvenuta-consegna`).
    pub tipo: String,
    /// `postacert/@errore`: `nessuno` unless the message reports an error.
    pub errore: String,
    pub mittente: String,
    pub destinatari: Vec<Destinatario>,
    pub risposte: String,
    pub oggetto: Option<String>,
    pub gestore_emittente: String,
    /// `data/giorno` + `data/ora` at `data/@zona`.
    pub data: Option<Timestamp>,
    pub identificativo: String,
    pub msgid: Option<String>,
    /// `ricevuta/@tipo`: completa, breve or sintetica.
    pub ricevuta: Option<String>,
    pub consegna: Option<String>,
    pub ricezione: Vec<String>,
    pub errore_esteso: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Destinatario {
    pub address: String,
    /// `certificato` (a PEC mailbox) or `esterno` (an ordinary one).
    pub tipo: String,
}

/// Why a daticert.xml could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DaticertError {
    /// Not well-formed XML, or not UTF-8.
    Malformed,
    /// The root element is not `postacert`.
    NotDaticert,
    /// A required element or attribute is absent.
    Missing(&'static str),
}

pub fn parse(_xml: &[u8]) -> Result<Daticert, DaticertError> {
    Err(DaticertError::Malformed)
}
