//! A sending as one proof. A receipt proves one event; what a lawyer files and a citizen asks
//! about is the sending: the envelope, its acceptance and, for each recipient, a delivery or
//! a failure. They share the PEC identifier (`identificativo`, spec §4), so the reports of
//! several files are put together by it: one [`Dossier`] per sending.
//!
//! Only TOTAL-PASSED messages are evidence. Every other message that names a sending is a
//! [`Problem`] of its dossier, as are receipts that contradict each other or the acceptance:
//! nothing is dropped, and nothing unproven counts.

pub mod breve;
pub mod table;

use std::collections::HashMap;

use serde::Serialize;

use crate::check::CheckId;
use crate::daticert::Daticert;
use crate::kind::{Kind, ReceiptType, Variant};
use crate::locate::Location;
use crate::report::{MessageReport, Named, Report, SCHEMA_VERSION, Verdict};
use crate::time::Timestamp;

pub use breve::HashMatch;
use breve::Prints;

/// One file given: its name, its bytes and its report.
#[derive(Clone, Copy)]
pub struct File<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub report: &'a Report,
}

/// One sending, from the files that name its PEC identifier.
#[derive(Clone, Debug, Serialize)]
pub struct Dossier {
    pub identificativo: String,
    /// The sender's own Message-ID, as certified.
    pub msgid: Option<String>,
    pub oggetto: Option<String>,
    pub mittente: String,
    /// The envelope (busta di trasporto), when it is among the files.
    pub sent: Option<Event>,
    pub accepted: Option<Event>,
    /// The non-accettazione: the sender's provider refused the message, which was never sent.
    pub refused: Option<Event>,
    /// Every recipient the sending's certified data names, in its order.
    pub recipients: Vec<Recipient>,
    /// The outcome is known for every recipient with a PEC mailbox (or the message was
    /// refused), and no two receipts contradict each other.
    pub complete: bool,
    pub problems: Vec<Problem>,
}

/// Where a certified event is proven: its certified time, the file and the place in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    pub at: Option<Timestamp>,
    pub file: String,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize)]
pub struct Recipient {
    pub address: String,
    /// `certificato` (a PEC mailbox) or `esterno` (an ordinary one, which sends no receipt).
    pub tipo: String,
    pub outcome: Outcome,
    /// The receipt that decided the outcome; `None` for `unknown` and `no-receipt-expected`.
    pub receipt: Option<Event>,
    /// Why the delivery failed or is late: `errore-esteso`, else `errore`.
    pub error: Option<String>,
    /// What the delivery receipt proves of the content delivered.
    pub content: Option<ContentProof>,
}

names! {
    /// What became of the message for one recipient.
    pub enum Outcome {
        /// A delivery receipt (avvenuta-consegna) for this address.
        Delivered = "delivered",
        /// A non-delivery notice (errore-consegna, or the final 24-hour notice).
        Failed = "failed",
        /// Only the 12-hour notice: neither delivered nor failed yet.
        Pending = "pending",
        /// No receipt for this address among the files.
        Unknown = "unknown",
        /// An ordinary mailbox (`tipo="esterno"`): no receipt will ever exist.
        NoReceiptExpected = "no-receipt-expected",
    }
}

/// What a delivery receipt proves of the content, by its type (spec §8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "receipt", rename_all = "kebab-case")]
pub enum ContentProof {
    /// The receipt carries the original. `same_as_envelope` says whether it is byte for byte
    /// the envelope's, when the envelope is among the files.
    Completa { same_as_envelope: Option<bool> },
    /// Digests in place of the attachments: each compared with the files given.
    Breve { attachments: Vec<HashMatch> },
    /// No content at all.
    Sintetica,
}

names! {
    /// A certified field on which a receipt and the sending disagree.
    pub enum Field {
        Mittente = "mittente",
        Oggetto = "oggetto",
        Msgid = "msgid",
    }
}

impl Field {
    fn of(self, daticert: &Daticert) -> Option<&str> {
        match self {
            Self::Mittente => Some(daticert.mittente.as_str()),
            Self::Oggetto => daticert.oggetto.as_deref(),
            Self::Msgid => daticert.msgid.as_deref(),
        }
        .map(str::trim)
    }
}

/// Something in the files that keeps the dossier from being plain evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum Problem {
    /// A message that names this sending but is not TOTAL-PASSED: not evidence (and its time,
    /// being unproven, is not given).
    NotGenuine {
        #[serde(flatten)]
        message: Event,
        verdict: Verdict,
        reason: Option<CheckId>,
    },
    /// A receipt whose outcome or time contradicts an earlier one for the same event.
    Contradicts {
        #[serde(flatten)]
        message: Event,
        address: Option<String>,
    },
    /// A receipt whose certified field is not the sending's.
    Disagrees {
        #[serde(flatten)]
        message: Event,
        field: Field,
    },
    /// A receipt for an address the sending does not name.
    UnexpectedRecipient {
        #[serde(flatten)]
        message: Event,
        address: String,
    },
}

impl Dossier {
    /// The files its events and problems lie in, each once, in the order the dossier tells
    /// them: the files a report of the sending lists.
    pub fn files(&self) -> Vec<&str> {
        let events = self
            .sent
            .iter()
            .chain(&self.accepted)
            .chain(&self.refused)
            .chain(self.recipients.iter().filter_map(|r| r.receipt.as_ref()))
            .chain(self.problems.iter().map(Problem::message));
        let mut seen = std::collections::BTreeSet::new();
        events
            .map(|event| event.file.as_str())
            .filter(|file| seen.insert(*file))
            .collect()
    }
}

impl Problem {
    /// The message the problem is about.
    pub fn message(&self) -> &Event {
        match self {
            Self::NotGenuine { message, .. }
            | Self::Contradicts { message, .. }
            | Self::Disagrees { message, .. }
            | Self::UnexpectedRecipient { message, .. } => message,
        }
    }
}

/// One message of one file, and its certified data.
#[derive(Clone, Copy)]
struct Piece<'a> {
    file: usize,
    message: usize,
    report: &'a MessageReport,
    daticert: &'a Daticert,
}

impl Piece<'_> {
    fn event(&self, files: &[File<'_>]) -> Event {
        Event {
            at: self.daticert.data,
            file: files[self.file].name.to_owned(),
            location: self.report.location.clone(),
        }
    }

    fn kind(&self) -> Option<Kind> {
        self.report.classification.kind
    }

    fn genuine(&self) -> bool {
        self.report.verdict == Verdict::TotalPassed
    }
}

/// The JSON document of `pec-verify --dossier --json`: `{"schema_version", "dossiers": […],
/// "files": […]}`, each file's report as [`Report::to_json`] writes it; described in the
/// repository's `docs/report.md`.
pub fn to_json(dossiers: &[Dossier], files: &[File<'_>]) -> String {
    #[derive(Serialize)]
    struct Document<'a> {
        schema_version: u32,
        dossiers: &'a [Dossier],
        files: Vec<Named<'a>>,
    }
    let document = Document {
        schema_version: SCHEMA_VERSION,
        dossiers,
        files: files.iter().map(|f| f.report.named(f.name)).collect(),
    };
    serde_json::to_string(&document).unwrap_or_default()
}

/// The dossiers of every sending the files name, the earliest first. Messages with no
/// certification data name none: their reports stand alone.
pub fn dossiers<'a>(files: &'a [File<'a>]) -> Vec<Dossier> {
    let mut groups: Vec<Vec<Piece<'_>>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for piece in pieces(files) {
        let id = piece.daticert.identificativo.trim();
        let group = *index.entry(id).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(piece);
    }
    let mut prints = Prints::new(files);
    let mut dossiers: Vec<Dossier> = groups
        .into_iter()
        .map(|group| Sending::new(files, group, &mut prints).dossier())
        .collect();
    // Each dossier's time is found once, not at every comparison: it walks the recipients.
    dossiers.sort_by_cached_key(|d| {
        let at = earliest(d);
        (at.is_none(), at)
    });
    dossiers
}

fn earliest(dossier: &Dossier) -> Option<i64> {
    [&dossier.sent, &dossier.accepted, &dossier.refused]
        .into_iter()
        .flatten()
        .chain(dossier.recipients.iter().filter_map(|r| r.receipt.as_ref()))
        .filter_map(|e| e.at.map(|at| at.unix))
        .min()
}

fn pieces<'a>(files: &'a [File<'a>]) -> impl Iterator<Item = Piece<'a>> {
    files.iter().enumerate().flat_map(|(file, f)| {
        f.report
            .messages
            .iter()
            .enumerate()
            .filter_map(move |(message, report)| {
                let daticert = report.daticert.as_ref()?;
                Some(Piece {
                    file,
                    message,
                    report,
                    daticert,
                })
            })
    })
}

/// The pieces of one sending, sorted into evidence and problems.
struct Sending<'a, 'p> {
    files: &'a [File<'a>],
    identificativo: &'a str,
    evidence: Vec<Piece<'a>>,
    problems: Vec<Problem>,
    prints: &'p mut Prints<'a>,
}

impl<'a, 'p> Sending<'a, 'p> {
    /// `group` is never empty: every piece in it names the sending.
    fn new(files: &'a [File<'a>], group: Vec<Piece<'a>>, prints: &'p mut Prints<'a>) -> Self {
        let identificativo = group
            .first()
            .map_or("", |p| p.daticert.identificativo.trim());
        let (evidence, forged): (Vec<_>, Vec<_>) = group.into_iter().partition(Piece::genuine);
        let problems = forged
            .iter()
            .map(|p| Problem::NotGenuine {
                message: Event {
                    at: None,
                    ..p.event(files)
                },
                verdict: p.report.verdict,
                reason: p.report.reason,
            })
            .collect();
        Self {
            files,
            identificativo,
            evidence,
            problems,
            prints,
        }
    }

    fn dossier(mut self) -> Dossier {
        let sent = self.single(Kind::PostaCertificata);
        let accepted = self.single(Kind::Accettazione);
        let refused = self.single(Kind::NonAccettazione);
        let reference = accepted.or(sent).or(self.evidence.first().copied());
        if let Some(reference) = reference {
            self.disagreements(reference);
        }
        let recipients = self.recipients(reference, sent);
        let settled = recipients
            .iter()
            .filter(|r| r.tipo != "esterno")
            .all(|r| matches!(r.outcome, Outcome::Delivered | Outcome::Failed));
        let contradicted = self
            .problems
            .iter()
            .any(|p| matches!(p, Problem::Contradicts { .. }));
        let certified = |f: fn(&Daticert) -> Option<String>| reference.and_then(|r| f(r.daticert));
        Dossier {
            identificativo: self.identificativo.to_owned(),
            msgid: certified(|d| d.msgid.clone()),
            oggetto: certified(|d| d.oggetto.clone()),
            mittente: certified(|d| Some(d.mittente.clone())).unwrap_or_default(),
            sent: sent.map(|p| p.event(self.files)),
            accepted: accepted.map(|p| p.event(self.files)),
            refused: refused.map(|p| p.event(self.files)),
            complete: !contradicted && (refused.is_some() || (accepted.is_some() && settled)),
            recipients,
            problems: self.problems,
        }
    }

    /// The first piece of `kind`; a later one at another time contradicts it.
    fn single(&mut self, kind: Kind) -> Option<Piece<'a>> {
        let mut of_kind = self.evidence.iter().filter(|p| p.kind() == Some(kind));
        let first = *of_kind.next()?;
        let later: Vec<Problem> = of_kind
            .filter(|p| p.daticert.data != first.daticert.data)
            .map(|p| Problem::Contradicts {
                message: p.event(self.files),
                address: None,
            })
            .collect();
        self.problems.extend(later);
        Some(first)
    }

    /// Every receipt whose sender, subject or msgid is not the reference's.
    fn disagreements(&mut self, reference: Piece<'a>) {
        for piece in &self.evidence {
            for &field in Field::ALL {
                if field.of(piece.daticert) != field.of(reference.daticert) {
                    self.problems.push(Problem::Disagrees {
                        message: piece.event(self.files),
                        field,
                    });
                }
            }
        }
    }

    /// The recipients the reference names (or, without one, every receipt), each with its
    /// outcome; receipts for an address not among them are problems.
    fn recipients(
        &mut self,
        reference: Option<Piece<'a>>,
        sent: Option<Piece<'a>>,
    ) -> Vec<Recipient> {
        let named = reference.map_or_else(Vec::new, |r| r.daticert.destinatari.clone());
        // Hashed: a sending to thousands of recipients is looked up once per recipient.
        let mut by_address: HashMap<String, Vec<Receipt<'a>>> = HashMap::new();
        for receipt in self.evidence.iter().filter_map(Receipt::of) {
            by_address
                .entry(key(receipt.address))
                .or_default()
                .push(receipt);
        }
        let recipients = named
            .into_iter()
            .map(|d| {
                let own = by_address.remove(&key(&d.address)).unwrap_or_default();
                self.recipient(d.address, d.tipo, &own, sent)
            })
            .collect();
        // What is left names an address the sending does not: by address, as always listed.
        let mut left: Vec<_> = by_address.into_iter().collect();
        left.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for receipt in left.into_iter().flat_map(|(_, receipts)| receipts) {
            self.problems.push(Problem::UnexpectedRecipient {
                message: receipt.piece.event(self.files),
                address: receipt.address.to_owned(),
            });
        }
        recipients
    }

    fn recipient(
        &mut self,
        address: String,
        tipo: String,
        receipts: &[Receipt<'a>],
        sent: Option<Piece<'a>>,
    ) -> Recipient {
        let mut finals = receipts.iter().filter(|r| r.outcome != Outcome::Pending);
        let decided = finals.next().or_else(|| receipts.first()).copied();
        for other in finals {
            if decided.is_some_and(|d| (d.outcome, d.at()) != (other.outcome, other.at())) {
                self.problems.push(Problem::Contradicts {
                    message: other.piece.event(self.files),
                    address: Some(address.clone()),
                });
            }
        }
        let outcome = match decided {
            Some(receipt) => receipt.outcome,
            None if tipo == "esterno" => Outcome::NoReceiptExpected,
            None => Outcome::Unknown,
        };
        Recipient {
            address,
            tipo,
            outcome,
            receipt: decided.map(|r| r.piece.event(self.files)),
            error: decided.as_ref().and_then(Receipt::error),
            content: decided
                .filter(|r| r.outcome == Outcome::Delivered)
                .and_then(|r| self.content(r.piece, sent)),
        }
    }

    fn content(&mut self, delivery: Piece<'a>, sent: Option<Piece<'a>>) -> Option<ContentProof> {
        let original = |p: Piece<'a>| p.report.postacert.as_ref().map(|o| o.sha256.as_str());
        Some(match delivery.report.classification.receipt_type? {
            ReceiptType::Completa => ContentProof::Completa {
                same_as_envelope: sent
                    .and_then(original)
                    .map(|envelope| original(delivery) == Some(envelope)),
            },
            ReceiptType::Breve => ContentProof::Breve {
                attachments: {
                    let hashes = self.hashes(delivery);
                    self.prints.proofs(&hashes)
                },
            },
            ReceiptType::Sintetica => ContentProof::Sintetica,
        })
    }

    /// The `.hash` parts of a breve receipt's original: each attachment's name and digest.
    fn hashes(&self, delivery: Piece<'a>) -> Vec<(String, Vec<u8>)> {
        let file = &self.files[delivery.file];
        let Some(original) = &delivery.report.postacert else {
            return Vec::new();
        };
        original
            .attachments
            .iter()
            .enumerate()
            .filter_map(|(index, attachment)| {
                let name = attachment.name.as_deref()?.strip_suffix(".hash")?;
                let bytes = crate::attachment(file.bytes, file.report, delivery.message, index)?;
                Some((name.to_owned(), bytes))
            })
            .collect()
    }
}

/// A receipt that says what became of the message for one address (`consegna`).
#[derive(Clone, Copy)]
struct Receipt<'a> {
    piece: Piece<'a>,
    address: &'a str,
    outcome: Outcome,
}

impl<'a> Receipt<'a> {
    fn of(piece: &Piece<'a>) -> Option<Self> {
        let outcome = match (piece.kind()?, piece.report.classification.variant) {
            (Kind::AvvenutaConsegna, _) => Outcome::Delivered,
            (Kind::ErroreConsegna, _) => Outcome::Failed,
            (Kind::PreavvisoErroreConsegna, Some(Variant::Timeout24h)) => Outcome::Failed,
            (Kind::PreavvisoErroreConsegna, _) => Outcome::Pending,
            _ => return None,
        };
        Some(Self {
            piece: *piece,
            address: piece.daticert.consegna.as_deref()?.trim(),
            outcome,
        })
    }

    fn at(&self) -> Option<i64> {
        self.piece.daticert.data.map(|at| at.unix)
    }

    fn error(&self) -> Option<String> {
        let d = self.piece.daticert;
        d.errore_esteso
            .clone()
            .or_else(|| (d.errore != "nessuno" && !d.errore.is_empty()).then(|| d.errore.clone()))
    }
}

/// An address as compared: mailbox names are matched without regard to case.
fn key(address: &str) -> String {
    address.trim().to_ascii_lowercase()
}
