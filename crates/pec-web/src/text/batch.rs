//! The words for many files at once: the summary over the cards, its table and its controls,
//! and the dossier of each sending; and the head of the report a card prints. Declared here, written in each language's table; the
//! sentences are templates filled from the core's values, chosen by exhaustive matches.

use pec::Verdict;
use pec::dossier::breve::Outcome as HashOutcome;
use pec::dossier::{ContentProof, Field, HashMatch, Outcome, Problem};
use pec::report::Standing;

use super::sentence::fill;
use super::{Sentence, Text};

pub struct Batch {
    pub summary_heading: &'static str,
    /// Per [`Standing`], singular and plural: "1 autentico", "52 autentici".
    pub standings: [[&'static str; 2]; 4],
    /// Revocation lists among the files, singular and plural: not receipts, and no problem.
    pub lists: [&'static str; 2],
    /// `{count}` files dropped again, each shown once.
    pub repeated: [&'static str; 2],
    pub only_problems: &'static str,
    pub by_date: &'static str,
    pub export_csv: &'static str,
    pub export_jsonl: &'static str,
    pub clear: &'static str,
    /// The table's columns: file, result, kind, date, sender → recipients.
    pub columns: [&'static str; 5],
    /// Said in the table for a file being verified, and for one waiting its turn.
    pub pending: &'static str,
    pub waiting: &'static str,
    pub dossiers_heading: &'static str,
    pub dossier_heading: &'static str,
    pub complete: &'static str,
    pub incomplete: &'static str,
    pub sent: &'static str,
    pub accepted: &'static str,
    pub refused: &'static str,
    pub missing_acceptance: &'static str,
    /// Per [`Outcome`]; `{address}`.
    pub outcomes: [&'static str; 5],
    /// Per [`Problem`], a message that is not genuine by its verdict (failed, indeterminate)
    /// first; `{file}`, `{address}`, `{field}`.
    pub problems: [&'static str; 5],
    /// Per [`Field`].
    pub fields: [&'static str; 3],
    /// A completa receipt's original: the same as the envelope's, not the same, no envelope.
    pub completa: [&'static str; 3],
    pub sintetica: &'static str,
    /// Per attachment of a breve receipt, per [`HashOutcome`]; `{name}`, `{file}`.
    pub breve: [&'static str; 4],
    /// Where a proof lies: `{file}`.
    pub in_file: &'static str,
    /// The print of a card: the report to attach to a filing, and how it was verified.
    pub report_title: &'static str,
    pub print_dossier: &'static str,
    /// Over the files a dossier stands on, each with its SHA-256.
    pub files_heading: &'static str,
    /// Before the date of verification ("Verificato l'8 …"), and the version's phrase after it.
    pub verified: &'static str,
    pub with_version: &'static str,
    pub page_address: &'static str,
    pub method: &'static str,
    /// Under the table when a file is not genuine: its data are only what it declares.
    pub declared_note: &'static str,
}

impl Batch {
    /// "52 autentici, 14 non autentici, 3 non PEC, 1 elenco di revoca": every standing with
    /// at least one file, then the revocation lists, which have no standing.
    pub fn counts(&self, counts: [usize; 4], lists: usize) -> String {
        let parts: Vec<String> = counts
            .iter()
            .zip(&self.standings)
            .chain([(&lists, &self.lists)])
            .filter(|(n, _)| **n > 0)
            .map(|(n, words)| format!("{n} {}", words[usize::from(*n != 1)]))
            .collect();
        parts.join(", ")
    }

    pub fn standing(&self, standing: Standing) -> &'static str {
        let index = match standing {
            Standing::Genuine => 0,
            Standing::Failed => 1,
            Standing::Indeterminate => 2,
            Standing::NotPec => 3,
        };
        self.standings[index][0]
    }

    pub fn repeated(&self, count: usize) -> Sentence {
        fill(self.repeated[usize::from(count != 1)], |_| {
            Sentence::own(count.to_string())
        })
    }

    /// What became of the message for `address`.
    pub fn outcome(&self, outcome: Outcome, address: &str) -> Sentence {
        let template = match outcome {
            Outcome::Delivered => self.outcomes[0],
            Outcome::Failed => self.outcomes[1],
            Outcome::Pending => self.outcomes[2],
            Outcome::Unknown => self.outcomes[3],
            Outcome::NoReceiptExpected => self.outcomes[4],
        };
        fill(template, |_| Sentence::value(address))
    }

    /// Why a message of the files does not count, or counts against the others.
    pub fn problem(&self, problem: &Problem) -> Sentence {
        let event = problem.message();
        let (template, address, field) = match problem {
            Problem::NotGenuine { verdict, .. } => {
                let failed = *verdict == Verdict::TotalFailed;
                (self.problems[usize::from(!failed)], None, None)
            }
            Problem::Contradicts { address, .. } => (self.problems[2], address.as_deref(), None),
            Problem::Disagrees { field, .. } => (self.problems[3], None, Some(*field)),
            Problem::UnexpectedRecipient { address, .. } => {
                (self.problems[4], Some(address.as_str()), None)
            }
        };
        fill(template, |name| match name {
            "file" => Sentence::value(&event.file),
            "address" => Sentence::value(address.unwrap_or_default()),
            "field" => Sentence::own(field.map(|f| self.field(f)).unwrap_or_default()),
            _ => Sentence::default(),
        })
    }

    fn field(&self, field: Field) -> &'static str {
        match field {
            Field::Mittente => self.fields[0],
            Field::Oggetto => self.fields[1],
            Field::Msgid => self.fields[2],
        }
    }

    /// What a delivery receipt proves of the content delivered, a sentence per attachment for
    /// a breve one.
    pub fn content(&self, proof: &ContentProof) -> Vec<Sentence> {
        match proof {
            ContentProof::Completa { same_as_envelope } => {
                let index = match same_as_envelope {
                    Some(true) => 0,
                    Some(false) => 1,
                    None => 2,
                };
                vec![Sentence::own(self.completa[index])]
            }
            ContentProof::Breve { attachments } => {
                attachments.iter().map(|a| self.hash_match(a)).collect()
            }
            ContentProof::Sintetica => vec![Sentence::own(self.sintetica)],
        }
    }

    fn hash_match(&self, found: &HashMatch) -> Sentence {
        let template = match found.outcome {
            HashOutcome::Matches => self.breve[0],
            HashOutcome::DoesNotMatch => self.breve[1],
            HashOutcome::NoFile => self.breve[2],
            HashOutcome::Unreadable => self.breve[3],
        };
        fill(template, |name| match name {
            "name" => Sentence::value(&found.name),
            "file" => Sentence::value(found.file.as_deref().unwrap_or_default()),
            _ => Sentence::default(),
        })
    }
}

impl Text {
    /// Where a proof lies, after its date: " (file ricevuta.eml)".
    pub fn in_file(&self, file: &str) -> Sentence {
        fill(self.batch.in_file, |_| Sentence::value(file))
    }
}

#[cfg(test)]
mod tests {
    use pec::dossier::Event;
    use pec::locate::Location;

    use super::*;
    use crate::text::Lang;

    #[test]
    fn counts_name_every_standing_present_in_the_singular_or_the_plural() {
        let b = &Lang::It.text().batch;
        assert_eq!(
            b.counts([52, 14, 0, 3], 0),
            "52 autentici, 14 non autentici, 3 non PEC"
        );
        assert_eq!(b.counts([1, 0, 1, 0], 0), "1 autentico, 1 non accertato");
        assert_eq!(b.counts([2, 0, 0, 0], 1), "2 autentici, 1 elenco di revoca");
        assert_eq!(
            b.counts([1, 0, 0, 0], 2),
            "1 autentico, 2 elenchi di revoca"
        );
        assert_eq!(
            Lang::En.text().batch.counts([0, 2, 0, 1], 1),
            "2 not genuine, 1 not PEC, 1 revocation list"
        );
        assert_eq!(
            b.repeated(1).to_string(),
            "1 file era già nell'elenco: è mostrato una volta sola."
        );
    }

    #[test]
    fn every_sentence_of_a_dossier_is_filled_in_both_languages() {
        let message = Event {
            at: None,
            file: "ricevuta.eml".into(),
            location: Location::default(),
        };
        let problems = [
            Problem::NotGenuine {
                message: message.clone(),
                verdict: pec::Verdict::TotalFailed,
                reason: None,
            },
            Problem::NotGenuine {
                message: message.clone(),
                verdict: pec::Verdict::Indeterminate,
                reason: None,
            },
            Problem::Contradicts {
                message: message.clone(),
                address: None,
            },
            Problem::Disagrees {
                message: message.clone(),
                field: Field::Oggetto,
            },
            Problem::UnexpectedRecipient {
                message,
                address: "x@pec.it".into(),
            },
        ];
        for lang in [Lang::It, Lang::En] {
            let b = &lang.text().batch;
            let mut sentences: Vec<Sentence> = problems.iter().map(|p| b.problem(p)).collect();
            sentences.extend(Outcome::ALL.iter().map(|&o| b.outcome(o, "x@pec.it")));
            for outcome in HashOutcome::ALL {
                let found = HashMatch {
                    name: "fattura.pdf".into(),
                    outcome: *outcome,
                    file: Some("fattura.pdf".into()),
                    encoding: None,
                };
                let breve = ContentProof::Breve {
                    attachments: vec![found],
                };
                sentences.extend(b.content(&breve));
            }
            for sentence in &sentences {
                let text = sentence.to_string();
                assert!(!text.contains('{'), "{text}");
                // What the file says is a value of the sentence, kept apart from its words.
                assert!(
                    sentence
                        .values()
                        .iter()
                        .any(|v| ["ricevuta.eml", "x@pec.it", "fattura.pdf"].contains(v)),
                    "{text}"
                );
            }
        }
    }
}
