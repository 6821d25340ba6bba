//! The message headers a verifier reads, as the MIME reader found them: the outer ones (not
//! signed) and those of the original message (signed with it).

use serde::Serialize;

use crate::time::Timestamp;

/// The message headers a verifier compares (either the unsigned outer ones or those of
/// `postacert.eml`). Addresses are bare (`user@example.it`), ids keep their angle brackets.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize,
)]
pub struct Headers {
    pub from: Option<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: Option<String>,
    pub date: Option<Timestamp>,
    pub message_id: Option<String>,
    pub x_ricevuta: Option<String>,
    pub x_trasporto: Option<String>,
    pub x_tipo_ricevuta: Option<String>,
    pub x_riferimento_message_id: Option<String>,
    pub x_verifica_sicurezza: Option<String>,
}
