//! Every string the page shows, in one table per language (`it.rs`, `en.rs`); nothing
//! user-visible is assembled outside this module. Also the language context and its hook.

mod batch;
mod en;
mod it;
mod lists;
mod sentence;
mod tables;

pub use batch::Batch;
pub use lists::Lists;
use pec::kind::{Kind, ReceiptType, Variant};
use pec::locate::{Location, Step};
use pec::{Check, CheckId, InputError, Param, Timestamp, Value};
use sentence::fill;
pub use sentence::{Piece, Sentence};
use tables::{ByReceipt, Checks, Detections, Facts, Failures, InputErrors, Kinds};
use yew::prelude::*;

/// The page's languages; Italian first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    It,
    En,
}

impl Lang {
    pub fn text(self) -> &'static Text {
        match self {
            Self::It => &it::IT,
            Self::En => &en::EN,
        }
    }

    /// The other language, the one the switch offers.
    pub fn other(self) -> Self {
        match self {
            Self::It => Self::En,
            Self::En => Self::It,
        }
    }

    /// The BCP 47 code, for `<html lang>` and for remembering the choice.
    pub fn code(self) -> &'static str {
        match self {
            Self::It => "it",
            Self::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::It, Self::En].into_iter().find(|l| l.code() == code)
    }
}

/// The table of the language the page is in (set by the app's context provider).
#[hook]
pub fn use_text() -> &'static Text {
    use_context::<Lang>().unwrap_or(Lang::It).text()
}

/// What a message is called in the verdict: its noun decides the wording (and, in Italian,
/// the gender).
#[derive(Clone, Copy)]
pub enum Noun {
    /// A busta di trasporto or anomalia: the message itself.
    Message,
    /// Acceptance, taking charge, delivery.
    Receipt,
    /// Notices of non-acceptance, non-delivery, virus.
    Notice,
}

impl Noun {
    pub fn of(kind: Option<Kind>) -> Self {
        match kind {
            Some(Kind::Accettazione | Kind::PresaInCarico | Kind::AvvenutaConsegna) => {
                Self::Receipt
            }
            Some(
                Kind::NonAccettazione
                | Kind::ErroreConsegna
                | Kind::PreavvisoErroreConsegna
                | Kind::RilevazioneVirus,
            ) => Self::Notice,
            _ => Self::Message,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// What a message attests, one per sentence the languages write: the kind, refined by its
/// variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    Accettazione,
    NonAccettazione,
    NonAccettazioneVirus,
    PresaInCarico,
    PostaCertificata,
    AvvenutaConsegna,
    ErroreConsegna,
    ErroreConsegnaVirus,
    Timeout12h,
    Timeout24h,
    RilevazioneVirus,
    BustaAnomalia,
    Unknown,
}

impl Fact {
    pub fn of(kind: Option<Kind>, variant: Option<Variant>) -> Self {
        let virus = variant == Some(Variant::Virus);
        match kind {
            Some(Kind::Accettazione) => Self::Accettazione,
            Some(Kind::NonAccettazione) if virus => Self::NonAccettazioneVirus,
            Some(Kind::NonAccettazione) => Self::NonAccettazione,
            Some(Kind::PresaInCarico) => Self::PresaInCarico,
            Some(Kind::PostaCertificata) => Self::PostaCertificata,
            Some(Kind::AvvenutaConsegna) => Self::AvvenutaConsegna,
            Some(Kind::ErroreConsegna) if virus => Self::ErroreConsegnaVirus,
            Some(Kind::ErroreConsegna) => Self::ErroreConsegna,
            Some(Kind::PreavvisoErroreConsegna) if variant == Some(Variant::Timeout24h) => {
                Self::Timeout24h
            }
            Some(Kind::PreavvisoErroreConsegna) => Self::Timeout12h,
            Some(Kind::RilevazioneVirus) => Self::RilevazioneVirus,
            Some(Kind::BustaAnomalia) => Self::BustaAnomalia,
            None => Self::Unknown,
        }
    }
}

/// What the plain-language proof sentences are made of.
pub struct Proof<'a> {
    pub kind: Option<Kind>,
    pub variant: Option<Variant>,
    pub receipt: Option<ReceiptType>,
    /// The daticert date as a phrase, from [`Text::when`].
    pub when: &'a str,
    pub sender: &'a str,
    pub delivered_to: Option<&'a str>,
    /// TOTAL-PASSED: the file proves it; otherwise it only claims it.
    pub proven: bool,
}

/// The table of one language. Plain strings are fields; sentences built from values are
/// functions of the same table.
pub struct Text {
    pub switch_label: &'static str,
    pub site_name: &'static str,
    /// The document's `<meta name="description">` (its title is `title`).
    pub description: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
    pub drop_title: &'static str,
    pub drop_hint: &'static str,
    pub help_title: &'static str,
    pub help: [&'static str; 4],
    pub results_label: &'static str,
    /// The status region after a batch: files verified, and how many of them have a problem.
    pub batch_status: fn(usize, usize) -> String,
    pub verifying: &'static str,
    /// A file given while others are verified, until its turn comes.
    pub waiting: &'static str,
    /// The status region while several files are verified: how many of them are done.
    pub verifying_count: fn(usize, usize) -> String,
    /// How much of a large file the engine has read ("Letti 8,0 MB di 20,0 MB"), and the
    /// progress bar's name.
    pub read_progress: fn(&str, &str) -> String,
    pub read_label: &'static str,
    pub cancel_verify: &'static str,
    pub cancelled: &'static str,
    pub file_label: &'static str,
    /// Per [`Noun`]: message, receipt, notice.
    pub passed: [&'static str; 3],
    pub failed: [&'static str; 3],
    pub indeterminate: &'static str,
    pub not_pec: &'static str,
    /// What to do, per [`Noun`]: whoever holds a receipt or notice is its sender.
    pub failed_advice: [&'static str; 3],
    pub indeterminate_advice: &'static str,
    pub proves_heading: &'static str,
    pub claims_heading: &'static str,
    pub facts_heading: &'static str,
    /// The same data when the verdict is not TOTAL-PASSED: only what the file says.
    pub declared_heading: &'static str,
    pub sender: &'static str,
    pub recipients: &'static str,
    pub certified_mailbox: &'static str,
    pub ordinary_mailbox: &'static str,
    pub subject: &'static str,
    pub date: &'static str,
    pub provider: &'static str,
    pub pec_id: &'static str,
    pub msgid: &'static str,
    pub receipt_type: &'static str,
    /// On an envelope, the receipt type is the one its sender asked for.
    pub receipt_requested: &'static str,
    pub delivered_to: &'static str,
    pub error: &'static str,
    pub error_detail: &'static str,
    pub received: &'static str,
    pub warnings_heading: &'static str,
    pub warnings_intro: &'static str,
    pub details: &'static str,
    pub checks_heading: &'static str,
    /// pass, fail, warn, info.
    pub statuses: [&'static str; 4],
    pub certificate_heading: &'static str,
    pub signer: &'static str,
    pub organization: &'static str,
    pub email: &'static str,
    pub pec_ca: &'static str,
    pub root: &'static str,
    pub serial: &'static str,
    pub validity: &'static str,
    pub algorithms: &'static str,
    pub signing_time: &'static str,
    pub sha1_note: &'static str,
    pub original_heading: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub cc: &'static str,
    pub text_body: &'static str,
    /// Over everything the sender wrote: what a genuine signature does not prove.
    pub sender_notice: &'static str,
    /// The button that opens the HTML version, the label over it (outside its frame), and
    /// what the page did to it.
    pub html_show: &'static str,
    pub html_label: &'static str,
    pub html_note: &'static str,
    /// Said where a value the sender wrote holds characters shown as markers (`[U+202E]`).
    pub hidden_note: &'static str,
    /// Beside an address whose domain mixes alphabets.
    pub look_alike: &'static str,
    pub attachments: &'static str,
    pub download: &'static str,
    /// What an attachment is: the type its sender declared, the extension the system reads, and
    /// the type its first bytes tell.
    pub declared_type: &'static str,
    pub real_extension: &'static str,
    pub no_extension: &'static str,
    pub detected_type: &'static str,
    pub undetected: &'static str,
    detections: Detections,
    /// An attachment that runs when opened: the warning beside it, and the step before saving it.
    pub runs_warning: &'static str,
    pub save_question: &'static str,
    pub save_anyway: &'static str,
    pub cancel: &'static str,
    /// Under a file name an embedding site gave with the file.
    pub portal_name: &'static str,
    pub daticert_heading: &'static str,
    pub sha256: &'static str,
    /// Beside an attachment's digest.
    pub attachment_sha256: &'static str,
    /// Beside the digest of what the provider signed, which names a receipt however it is
    /// wrapped.
    pub signed_sha256: &'static str,
    pub download_json: &'static str,
    pub print: &'static str,
    pub verified_on: &'static str,
    pub version: &'static str,
    pub unnamed: &'static str,
    /// An algorithm the engine does not implement.
    pub unknown: &'static str,
    /// Joins a date and a time ("alle", "at").
    pub at: &'static str,
    /// Introduce a date inside a sentence (" il ", " on "), and open and close a period
    /// ("dal ", " al "): each plain, then before a day that starts with a vowel ("l'8").
    pub on: [&'static str; 2],
    pub since: [&'static str; 2],
    pub until: [&'static str; 2],
    pub italian_time: &'static str,
    /// Before the tenths of a size ("2,1 KB", "2.1 KB").
    pub decimal: char,
    pub months: [&'static str; 12],
    pub bytes: &'static str,
    kinds: Kinds,
    input_errors: InputErrors,
    failures: Failures,
    /// Templates, not code: they cost the page less.
    pub checks: Checks,
    /// Where a message was found, step by step: message `{n}` of an mbox file, and the word
    /// before an attachment's number and name.
    pub mbox_message: &'static str,
    pub attachment_step: &'static str,
    /// The step into the content of a signed file (`.p7m`).
    pub signed_content: &'static str,
    /// The step to a file of a zip archive, with `{name}`, its path in the archive.
    pub zip_entry: &'static str,
    /// The heading over the signatures on the file itself ([`pec::Report::file_signatures`]).
    pub file_signatures_heading: &'static str,
    /// The heading over the files inside the file that hold no message ([`pec::Report::unread`]).
    pub unread_heading: &'static str,
    facts: Facts,
    /// The sentence for a fact that is not proven, with `{clause}`.
    pub claimed: &'static str,
    /// What a delivery receipt of each type proves about the content, and when its type
    /// is not stated.
    receipt_proofs: ByReceipt,
    receipt_unstated: &'static str,
    receipt_names: ByReceipt,
    /// The mbox messages that are neither signed nor PEC, counted.
    pub ordinary_messages: fn(usize) -> String,
    pub valid_at_signing: fn(&str) -> String,
    /// Said once, under what an envelope proves.
    pub honesty: &'static str,
    pub owner_label: &'static str,
    pub privacy: &'static str,
    pub accessibility: &'static str,
    /// Many files at once: the summary and the dossiers.
    pub batch: Batch,
    /// Revocation lists dropped beside the receipts.
    pub lists: Lists,
}

impl Text {
    pub fn passed(&self, noun: Noun) -> &'static str {
        self.passed[noun.index()]
    }

    pub fn failed(&self, noun: Noun) -> &'static str {
        self.failed[noun.index()]
    }

    pub fn failed_advice(&self, noun: Noun) -> &'static str {
        self.failed_advice[noun.index()]
    }

    /// The verdict's title for `message`, worded for its kind.
    pub fn verdict(&self, message: &pec::MessageReport) -> &'static str {
        let noun = Noun::of(message.classification.kind);
        match message.verdict {
            pec::Verdict::TotalPassed => self.passed(noun),
            pec::Verdict::TotalFailed => self.failed(noun),
            pec::Verdict::Indeterminate => self.indeterminate,
        }
    }

    pub fn kind(&self, kind: Option<Kind>) -> &'static str {
        self.kinds.of(kind)
    }

    pub fn input_error(&self, error: InputError) -> &'static str {
        self.input_errors.of(error)
    }

    /// Why the verdict is not TOTAL-PASSED, from the id of the check that decided it
    /// ([`pec::MessageReport::reason`]).
    pub fn failure(&self, id: CheckId) -> &'static str {
        self.failures.of(id)
    }

    /// What a file's first bytes say it is.
    pub fn detected(&self, detected: Option<pec::filetype::Detected>) -> &'static str {
        detected.map_or(self.undetected, |d| self.detections.of(d))
    }

    pub fn receipt_name(&self, receipt: ReceiptType) -> &'static str {
        self.receipt_names.of(receipt)
    }

    pub fn status(&self, status: pec::Status) -> &'static str {
        match status {
            pec::Status::Pass => self.statuses[0],
            pec::Status::Fail => self.statuses[1],
            pec::Status::Warn => self.statuses[2],
            pec::Status::Info => self.statuses[3],
        }
    }

    /// "2 maggio 2019 alle 10:11:12, ora italiana (UTC+2)": every instant in one time zone,
    /// Italy's, whatever offset it was written with.
    pub fn date_time(&self, at: Timestamp, seconds: bool) -> String {
        let at = italian(at);
        let ((year, month, day), (hour, minute, second)) = at.civil();
        let month = month
            .checked_sub(1)
            .and_then(|m| self.months.get(m as usize))
            .copied()
            .unwrap_or_default();
        let time = if seconds {
            format!("{hour:02}:{minute:02}:{second:02}")
        } else {
            format!("{hour:02}:{minute:02}")
        };
        let hours = at.offset_minutes / 60;
        format!(
            "{day} {month} {year} {} {time}, {} (UTC+{hours})",
            self.at, self.italian_time
        )
    }

    /// " il 2 maggio 2019 alle 10:11, ora italiana (UTC+2)", to end a clause; "" without a
    /// date.
    pub fn when(&self, at: Option<Timestamp>) -> String {
        at.map(|at| format!("{}{}", elided(self.on, at), self.date_time(at, false)))
            .unwrap_or_default()
    }

    /// "dal 1 gennaio 2024 … all'8 marzo 2027 …", with times.
    pub fn period(&self, from: Timestamp, until: Timestamp) -> String {
        format!(
            "{}{}{}{}",
            elided(self.since, from),
            self.date_time(from, true),
            elided(self.until, until),
            self.date_time(until, true)
        )
    }

    /// The sentence for a check, its details filled in; times are written as dates.
    pub fn check(&self, check: &Check) -> Sentence {
        fill(self.checks.template(check), |name| {
            Param::ALL
                .iter()
                .find(|p| p.as_str() == name)
                .and_then(|&p| check.value(p))
                .map(|value| self.value(value))
                .unwrap_or_default()
        })
    }

    /// A detail as the sentences show it: a time as a date, text from the file as a value,
    /// anything else as it is.
    fn value(&self, value: &Value) -> Sentence {
        match value {
            Value::Time(at) => Sentence::own(self.date_time(*at, true)),
            Value::Text(text) => Sentence::value(text),
            Value::Reason(reason) => Sentence::own(self.lists.reason(*reason)),
            other => Sentence::own(other.to_string()),
        }
    }

    /// Where in the file a message was found, step by step.
    pub fn location(&self, location: &Location) -> Sentence {
        let mut out = Sentence::default();
        for (index, step) in location.0.iter().enumerate() {
            if index > 0 {
                out.push(Sentence::own(" › "));
            }
            out.push(self.step(step));
        }
        out
    }

    /// "allegato 1 (ricevuta.eml)", "messaggio 2 del file mbox".
    fn step(&self, step: &Step) -> Sentence {
        match step {
            Step::MboxMessage(n) => fill(self.mbox_message, |_| Sentence::own(n.to_string())),
            Step::Attachment { number, name } => {
                let number = number.map(|n| format!(" {n}")).unwrap_or_default();
                let mut out = Sentence::own(format!("{}{number}", self.attachment_step));
                if let Some(name) = name {
                    out.push(Sentence::own(" ("));
                    out.push(Sentence::value(name));
                    out.push(Sentence::own(")"));
                }
                out
            }
            Step::SignedContent => Sentence::own(self.signed_content),
            Step::ZipEntry(name) => fill(self.zip_entry, |_| Sentence::value(name)),
        }
    }

    /// What the message proves, as sentences; when it is not proven, the one sentence that
    /// says what the file claims.
    pub fn proof(&self, p: &Proof<'_>) -> Vec<Sentence> {
        let fact = Fact::of(p.kind, p.variant);
        let (template, consequence) = self.facts.of(fact);
        let clause = fill(template, |name| match name {
            "when" => Sentence::own(p.when),
            "sender" => Sentence::value(p.sender),
            "to" => p.delivered_to.map_or_else(Sentence::default, |a| {
                let mut to = Sentence::own(" ");
                to.push(Sentence::value(a));
                to
            }),
            _ => Sentence::default(),
        });
        if !p.proven {
            return vec![fill(self.claimed, |_| clause.clone())];
        }
        let mut sentences = vec![clause.capitalised(), Sentence::own(consequence)];
        if fact == Fact::PostaCertificata {
            sentences.push(Sentence::own(self.honesty));
        }
        if fact == Fact::AvvenutaConsegna {
            let proof = p
                .receipt
                .map_or(self.receipt_unstated, |r| self.receipt_proofs.of(r));
            sentences.push(Sentence::own(proof));
        }
        sentences
    }

    /// "930 byte", "12,5 KB", "1,2 MB". Integer arithmetic: float formatting would cost the
    /// page kilobytes of code.
    pub fn size(&self, bytes: usize) -> String {
        let (unit, scale) = match bytes {
            0..1024 => return format!("{bytes} {}", self.bytes),
            1024..1_048_576 => ("KB", 1024),
            _ => ("MB", 1_048_576),
        };
        let tenths = (bytes * 10 + scale / 2) / scale;
        format!("{}{}{} {unit}", tenths / 10, self.decimal, tenths % 10)
    }

    /// What the status region says of one file: its name, the verdict and the reason.
    pub fn file_status(&self, name: &str, verdict: &str, reason: Option<&str>) -> Sentence {
        let reason = reason.map(|r| format!(" {r}")).unwrap_or_default();
        let mut out = Sentence::value(name);
        out.push(Sentence::own(format!(": {verdict}.{reason}")));
        out
    }
}

/// The word of `pair` that goes before the day of `at`: the second before 1, 8 and 11, the
/// days whose names start with a vowel ("l'8", "dall'11").
fn elided(pair: [&'static str; 2], at: Timestamp) -> &'static str {
    let ((_, _, day), _) = italian(at).civil();
    pair[usize::from(matches!(day, 1 | 8 | 11))]
}

/// `at` in Italian time: CET, or CEST from 01:00 UTC on the last Sunday of March to 01:00 UTC
/// on the last Sunday of October.
fn italian(at: Timestamp) -> Timestamp {
    const DAY: i64 = 86_400;
    let ((year, _, _), _) = Timestamp::utc(at.unix).civil();
    let last_sunday = |month| {
        Timestamp::from_civil((year, month, 31), (1, 0, 0), 0).map(|end| {
            // 1 January 1970 was a Thursday: four days after a Sunday.
            end.unix - (end.unix.div_euclid(DAY) + 4).rem_euclid(7) * DAY
        })
    };
    let summer = matches!((last_sunday(3), last_sunday(10)),
        (Some(start), Some(end)) if (start..end).contains(&at.unix));
    Timestamp {
        unix: at.unix,
        offset_minutes: if summer { 120 } else { 60 },
    }
}

#[cfg(test)]
mod tests {
    use pec::Status;
    use pec::check::{Ambiguity, Claim, Fault, LayoutProblem, Revocation, RevocationReason};

    use super::*;

    const LANGS: [Lang; 2] = [Lang::It, Lang::En];

    /// The details that choose a sentence rather than fill one: never a placeholder.
    const CODED: [Param; 4] = [Param::Problem, Param::Claim, Param::Error, Param::Finding];

    /// The coded reasons a check of `id` can carry, each as the detail that holds it; `None`
    /// for none.
    fn codes(id: CheckId) -> Vec<Option<(Param, Value)>> {
        let mut codes = vec![None];
        for &param in id.params() {
            let values: Vec<Value> = match param {
                Param::Problem if id == CheckId::MimeLayout => {
                    LayoutProblem::ALL.iter().map(|&p| p.into()).collect()
                }
                Param::Problem => Ambiguity::ALL.iter().map(|&a| a.into()).collect(),
                Param::Claim => Claim::ALL.iter().map(|&c| c.into()).collect(),
                Param::Error => Fault::ALL.iter().map(|&f| f.into()).collect(),
                Param::Finding => Revocation::ALL.iter().map(|&f| f.into()).collect(),
                Param::Reason => RevocationReason::ALL.iter().map(|&r| r.into()).collect(),
                _ => Vec::new(),
            };
            codes.extend(values.into_iter().map(|value| Some((param, value))));
        }
        codes
    }

    /// Every check a face can meet: each id at each status and with each coded reason, with
    /// its other details all given or none.
    fn every_check() -> Vec<Check> {
        let mut checks = Vec::new();
        for &id in CheckId::ALL {
            for status in [Status::Pass, Status::Fail, Status::Warn, Status::Info] {
                for code in codes(id) {
                    let mut bare = match status {
                        Status::Pass => Check::pass(id),
                        Status::Fail => Check::fail(id),
                        Status::Warn => Check::warn(id),
                        Status::Info => Check::info(id),
                    };
                    if let Some((param, value)) = code {
                        bare = bare.with(param, value);
                    }
                    let mut full = bare.clone();
                    for &param in id.params().iter().filter(|p| !CODED.contains(p)) {
                        full = full.with(param, Timestamp::utc(0));
                    }
                    checks.extend([bare, full]);
                }
            }
        }
        checks
    }

    fn placeholders(template: &str) -> Vec<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_sentence_names_only_details_its_check_carries() {
        for lang in LANGS {
            for check in every_check() {
                let template = lang.text().checks.template(&check);
                for name in placeholders(template) {
                    let param = Param::ALL.iter().find(|p| p.as_str() == name);
                    assert!(
                        param.is_some_and(|p| check.id.params().contains(p) && !CODED.contains(p)),
                        "{lang:?}, {}: {{{name}}} in {template:?}",
                        check.id
                    );
                }
                let sentence = lang.text().check(&check).to_string();
                assert!(
                    !sentence.trim().is_empty() && !sentence.contains('{'),
                    "{sentence}"
                );
            }
        }
    }

    #[test]
    fn a_revocation_says_when_and_why_in_each_language() {
        let revoked = |reason: Option<RevocationReason>| {
            let check = Check::fail(CheckId::TrustRevocation)
                .with(Param::Finding, Revocation::RevokedBeforeSigning)
                .with(Param::Ca, "CN=AgID CA1")
                .with(Param::Time, Timestamp::utc(1_700_000_000));
            match reason {
                Some(reason) => check.with(Param::Reason, reason),
                None => check,
            }
        };
        let key = Some(RevocationReason::KeyCompromise);
        let it = Lang::It.text().check(&revoked(key)).to_string();
        assert!(
            it.contains("in data 14 novembre 2023 alle 23:13:20, ora italiana (UTC+1), per compromissione della chiave."),
            "{it}"
        );
        let en = Lang::En.text().check(&revoked(key)).to_string();
        assert!(
            en.contains("(UTC+1), because its key was compromised."),
            "{en}"
        );
        let unstated = Lang::It.text().check(&revoked(None)).to_string();
        assert!(
            unstated.contains("(UTC+1). La firma non vale."),
            "{unstated}"
        );
        assert_eq!(
            Lang::It.text().check(&revoked(None)).values(),
            ["CN=AgID CA1"]
        );
    }

    #[test]
    fn times_are_written_as_dates_in_each_language() {
        let check = Check::indeterminate(CheckId::TimeFuture)
            .with(
                Param::SigningTime,
                Timestamp::parse_rfc3339("2030-01-02T03:04:05+01:00").unwrap(),
            )
            .with(Param::Now, Timestamp::utc(1_700_000_000));
        let it = Lang::It.text().check(&check).to_string();
        assert!(
            it.contains("2 gennaio 2030 alle 03:04:05, ora italiana (UTC+1)"),
            "{it}"
        );
        // The verifier's clock, in UTC, is written in Italian time too.
        let en = Lang::En.text().check(&check).to_string();
        assert!(
            en.contains("14 November 2023 at 23:13:20, Italian time (UTC+1)"),
            "{en}"
        );
    }

    #[test]
    fn one_time_zone_with_its_offset_summer_and_winter() {
        let at = |text| Timestamp::parse_rfc3339(text).unwrap();
        let t = Lang::It.text();
        // A New York Date header in July, and the hour before and after the change of March.
        assert_eq!(
            t.date_time(at("2024-07-04T09:00:00-04:00"), false),
            "4 luglio 2024 alle 15:00, ora italiana (UTC+2)"
        );
        assert_eq!(
            t.date_time(at("2024-03-31T00:59:59Z"), true),
            "31 marzo 2024 alle 01:59:59, ora italiana (UTC+1)"
        );
        assert_eq!(
            t.date_time(at("2024-03-31T01:00:00Z"), true),
            "31 marzo 2024 alle 03:00:00, ora italiana (UTC+2)"
        );
        assert_eq!(
            t.date_time(at("2024-10-27T01:00:00Z"), false),
            "27 ottobre 2024 alle 02:00, ora italiana (UTC+1)"
        );
    }

    #[test]
    fn italian_elides_the_article_before_1_8_and_11() {
        let at = |text| Some(Timestamp::parse_rfc3339(text).unwrap());
        let t = Lang::It.text();
        assert!(
            t.when(at("2018-12-08T10:00:00+01:00"))
                .starts_with(" l'8 dicembre")
        );
        assert!(
            t.when(at("2018-12-11T10:00:00+01:00"))
                .starts_with(" l'11 dicembre")
        );
        assert!(
            t.when(at("2018-12-01T10:00:00+01:00"))
                .starts_with(" l'1 dicembre")
        );
        assert!(
            t.when(at("2018-12-18T10:00:00+01:00"))
                .starts_with(" il 18 dicembre")
        );
        let period = t.period(
            Timestamp::parse_rfc3339("2024-01-08T00:00:00+01:00").unwrap(),
            Timestamp::parse_rfc3339("2027-01-20T00:00:00+01:00").unwrap(),
        );
        assert!(period.starts_with("dall'8 gennaio"), "{period}");
        assert!(period.contains(" al 20 gennaio 2027"), "{period}");
        let en = Lang::En.text().when(at("2018-12-08T10:00:00+01:00"));
        assert!(en.starts_with(" on 8 December"), "{en}");
    }

    #[test]
    fn sizes_have_each_language_s_decimal_mark() {
        assert_eq!(Lang::It.text().size(2150), "2,1 KB");
        assert_eq!(Lang::En.text().size(2150), "2.1 KB");
        assert_eq!(Lang::It.text().size(900), "900 byte");
    }

    #[test]
    fn locations_are_worded_in_each_language() {
        let location = Location(vec![
            Step::MboxMessage(2),
            Step::Attachment {
                number: Some(1),
                name: Some("r.eml".into()),
            },
            Step::Attachment {
                number: None,
                name: None,
            },
            Step::ZipEntry("causa/ricevute.zip".into()),
        ]);
        assert_eq!(
            Lang::It.text().location(&location).to_string(),
            "messaggio 2 del file mbox › allegato 1 (r.eml) › allegato › file «causa/ricevute.zip» dell'archivio zip"
        );
        assert_eq!(
            Lang::En.text().location(&location).to_string(),
            "mbox message 2 › attachment 1 (r.eml) › attachment › file \"causa/ricevute.zip\" of the zip archive"
        );
    }

    #[test]
    fn the_failures_that_decide_verdicts_have_reasons_of_their_own() {
        for lang in LANGS {
            let general = lang.text().failure(CheckId::HeadersDate);
            let own = [
                CheckId::CmsMessageDigest,
                CheckId::CmsSignature,
                CheckId::TrustChain,
                CheckId::TrustValidity,
                CheckId::MimeLayout,
                CheckId::MimeUnsigned,
                CheckId::DaticertUnambiguous,
                CheckId::TimeFuture,
            ];
            for id in own {
                assert_ne!(lang.text().failure(id), general, "{lang:?}: {id}");
            }
        }
    }
}
