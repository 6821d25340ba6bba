//! Sendings as a sender keeps their files: one message to two PEC mailboxes and an ordinary one,
//! its envelope, acceptance and receipts, each file named as a user would name it, in every
//! shape a dossier must tell apart ([`Shape`]).

use crate::{Edit, ErroreConsegna, Kind, Message, Ricevuta};

pub const ANNA: &str = "anna@pec.altra.it";
pub const LUCA: &str = "luca@pec.altra.it";
/// An ordinary mailbox (`tipo="esterno"`), which sends no receipt.
pub const ORDINARY: &str = "carlo@example.com";

/// A file as the user keeps it: its name and its bytes.
pub type File = (String, Vec<u8>);

/// A message of the sending to Anna, Luca and the ordinary mailbox.
pub fn of_sending(kind: Kind) -> Message {
    Message::new(kind).to(&[
        (ANNA, "certificato"),
        (LUCA, "certificato"),
        (ORDINARY, "esterno"),
    ])
}

/// The receipt of `kind` about `recipient`, `minutes` after the sending, named after both.
pub fn receipt(kind: Kind, recipient: &str, minutes: i64) -> File {
    let name = format!("{}-{recipient}.eml", kind.name());
    (name, of_sending(kind).about(recipient, minutes).build())
}

pub fn envelope() -> File {
    let message = of_sending(Kind::PostaCertificata(Ricevuta::Completa));
    ("busta.eml".into(), message.build())
}

pub fn acceptance() -> File {
    (
        "accettazione.eml".into(),
        of_sending(Kind::Accettazione).build(),
    )
}

/// The breve receipt about Anna, and the original files the sender attached.
pub fn breve() -> (File, Vec<File>) {
    let message = of_sending(Kind::AvvenutaConsegna(Ricevuta::Breve)).about(ANNA, 1);
    let originals = message
        .attachments
        .iter()
        .map(|a| (format!("originali/{}", a.name), a.bytes.clone()))
        .collect();
    (("breve.eml".into(), message.build()), originals)
}

/// The shapes of a sending a dossier must tell apart; every one has the ordinary mailbox among
/// its recipients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The envelope, the acceptance, a completa delivery for each PEC mailbox.
    AllDelivered,
    /// Anna's delivery, Luca's non-delivery.
    OneFailed,
    /// Anna's delivery, the 12-hour notice for Luca, then the 24-hour one.
    Notices,
    /// A breve delivery for Anna with the files the sender attached, a completa one for Luca.
    BreveWithOriginals,
    /// The same without the attached files.
    BreveAlone,
    /// Anna's delivery, and Luca's with its attachment changed after signing.
    Tampered,
    /// Every PEC mailbox delivered, and the acceptance of another sending among the files.
    TwoSendings,
}

impl Shape {
    pub const ALL: [Self; 7] = [
        Self::AllDelivered,
        Self::OneFailed,
        Self::Notices,
        Self::BreveWithOriginals,
        Self::BreveAlone,
        Self::Tampered,
        Self::TwoSendings,
    ];

    /// The folder `pec-factory --sendings` writes its files in.
    pub fn name(self) -> &'static str {
        match self {
            Self::AllDelivered => "all-delivered",
            Self::OneFailed => "one-failed",
            Self::Notices => "notices",
            Self::BreveWithOriginals => "breve-with-originals",
            Self::BreveAlone => "breve-alone",
            Self::Tampered => "tampered",
            Self::TwoSendings => "two-sendings",
        }
    }

    /// Its files, in the order a user gives them.
    pub fn files(self) -> Vec<File> {
        let completa = Kind::AvvenutaConsegna(Ricevuta::Completa);
        let anna = receipt(completa, ANNA, 1);
        let luca = receipt(completa, LUCA, 2);
        match self {
            Self::AllDelivered => vec![envelope(), acceptance(), anna, luca],
            Self::OneFailed => vec![
                acceptance(),
                anna,
                receipt(Kind::ErroreConsegna(ErroreConsegna::NoDest), LUCA, 2),
            ],
            Self::Notices => vec![
                acceptance(),
                anna,
                receipt(Kind::PreavvisoErroreConsegna, LUCA, 12 * 60),
                receipt(Kind::PreavvisoErroreConsegna24h, LUCA, 24 * 60),
            ],
            Self::BreveWithOriginals | Self::BreveAlone => {
                let (breve, originals) = breve();
                let mut files = vec![acceptance(), breve, luca];
                if self == Self::BreveWithOriginals {
                    files.extend(originals);
                }
                files
            }
            Self::Tampered => {
                let mut tampered = of_sending(completa).about(LUCA, 2);
                tampered.edit = Some(Edit::Attachment);
                vec![
                    acceptance(),
                    anna,
                    ("manomessa.eml".into(), tampered.build()),
                ]
            }
            Self::TwoSendings => {
                let mut other = of_sending(Kind::Accettazione).about(ANNA, 600);
                other.facts.identificativo = "opec210.altro.42@pec.prova.it".into();
                vec![
                    acceptance(),
                    anna,
                    luca,
                    ("altro-invio.eml".into(), other.build()),
                ]
            }
        }
    }
}
