//! The words for certificate revocation lists (CRLs) dropped beside the receipts: the card a
//! list gets, and why a certificate was revoked. Declared here, written in each language's table.

use pec::check::RevocationReason;
use pec::trust::CrlReport;

use super::sentence::fill;
use super::{Sentence, Text};

pub struct Lists {
    pub heading: &'static str,
    pub issuer: &'static str,
    pub issued: &'static str,
    pub next_update: &'static str,
    pub revoked: &'static str,
    /// Said of a list that covers only part of its CA's certificates.
    pub partial: &'static str,
    /// How a list is used, with `{ca}`.
    pub use_note: &'static str,
    /// Per [`RevocationReason`], as a clause that ends "revoked on …": ", per compromissione
    /// della chiave".
    pub reasons: [&'static str; 9],
}

impl Lists {
    pub fn reason(&self, reason: RevocationReason) -> &'static str {
        let index = RevocationReason::ALL
            .iter()
            .position(|r| *r == reason)
            .unwrap_or_default();
        self.reasons.get(index).copied().unwrap_or_default()
    }

    /// How `list` is used, its issuer's name a value from the file.
    pub fn use_note(&self, list: &CrlReport) -> Sentence {
        fill(self.use_note, |_| Sentence::value(&list.issuer))
    }
}

impl Text {
    /// A list's dates as the card shows them.
    pub fn list_dates(&self, list: &CrlReport) -> (String, Option<String>) {
        (
            self.date_time(list.this_update, false),
            list.next_update.map(|at| self.date_time(at, false)),
        )
    }
}
