//! Every string the page shows, in one table per language (`it.rs`, `en.rs`); nothing
//! user-visible is assembled outside this module. Also the language context and its hook.

mod en;
mod it;

use pec::kind::{Kind, ReceiptType, Variant};
use pec::{Check, InputError, Timestamp};
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
    pub title: &'static str,
    pub lead: &'static str,
    pub drop_title: &'static str,
    pub drop_hint: &'static str,
    pub help_title: &'static str,
    pub help: [&'static str; 4],
    pub results_label: &'static str,
    pub verifying: &'static str,
    pub file_label: &'static str,
    /// Per [`Noun`]: message, receipt, notice.
    pub passed: [&'static str; 3],
    pub failed: [&'static str; 3],
    pub indeterminate: &'static str,
    pub not_pec: &'static str,
    pub failed_advice: &'static str,
    pub indeterminate_advice: &'static str,
    pub proves_heading: &'static str,
    pub claims_heading: &'static str,
    pub facts_heading: &'static str,
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
    pub revocation_note: &'static str,
    pub original_heading: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub cc: &'static str,
    pub text_body: &'static str,
    pub html_body: &'static str,
    pub html_note: &'static str,
    pub attachments: &'static str,
    pub download: &'static str,
    pub daticert_heading: &'static str,
    pub sha256: &'static str,
    pub download_json: &'static str,
    pub print: &'static str,
    pub verified_on: &'static str,
    pub version: &'static str,
    pub unnamed: &'static str,
    /// Joins a date and a time ("alle", "at").
    pub at: &'static str,
    /// Introduces a date inside a sentence (" il", " on").
    pub on: &'static str,
    pub italian_time: &'static str,
    pub months: [&'static str; 12],
    pub bytes: &'static str,
    pub kind: fn(Option<Kind>) -> &'static str,
    pub input_error: fn(InputError) -> &'static str,
    /// Why the verdict is not TOTAL-PASSED, from the check that decided it.
    pub failure: fn(&Check) -> &'static str,
    /// The sentence for a check, with `{param}` where a parameter goes (`{id}` and `{status}`
    /// for the generic sentence of an unknown id). Templates, not code: they cost the page less.
    pub check_template: fn(&Check) -> &'static str,
    /// What each [`Fact`] attests: a clause template and its consequence.
    pub fact: fn(Fact) -> (&'static str, &'static str),
    /// The sentence for a fact that is not proven, with `{clause}`.
    pub claimed: &'static str,
    /// What a delivery receipt of each type proves about the content.
    pub receipt_proof: fn(Option<ReceiptType>) -> &'static str,
    pub from_to: fn(&str, &str) -> String,
    /// The mbox messages that are neither signed nor PEC, counted.
    pub ordinary_messages: fn(usize) -> String,
    pub valid_at_signing: fn(&str) -> String,
    pub receipt_name: fn(ReceiptType) -> &'static str,
}

impl Text {
    pub fn passed(&self, noun: Noun) -> &'static str {
        self.passed[noun.index()]
    }

    pub fn failed(&self, noun: Noun) -> &'static str {
        self.failed[noun.index()]
    }

    pub fn status(&self, status: pec::Status) -> &'static str {
        match status {
            pec::Status::Pass => self.statuses[0],
            pec::Status::Fail => self.statuses[1],
            pec::Status::Warn => self.statuses[2],
            pec::Status::Info => self.statuses[3],
        }
    }

    /// "2 maggio 2019 alle 10:11:12 (ora italiana)": the instant in the offset it was written
    /// with, named "ora italiana" for +01:00 and +02:00 (daticert times are Italian local time).
    pub fn date_time(&self, at: Timestamp, seconds: bool) -> String {
        let text = at.rfc3339();
        let field = |range: std::ops::Range<usize>| text.get(range).unwrap_or_default();
        let month = field(5..7).parse::<usize>().unwrap_or(1);
        let day = field(8..10).trim_start_matches('0');
        let time = if seconds {
            field(11..19)
        } else {
            field(11..16)
        };
        let zone = match at.offset_minutes {
            60 | 120 => self.italian_time.to_owned(),
            _ => format!("UTC{}", field(19..text.len()).replace('Z', "")),
        };
        let month = month
            .checked_sub(1)
            .and_then(|m| self.months.get(m))
            .copied();
        let month = month.unwrap_or_default();
        format!("{day} {month} {} {} {time} ({zone})", field(0..4), self.at)
    }

    /// " il 2 maggio 2019 alle 10:11 (ora italiana)", to end a clause; "" without a date.
    pub fn when(&self, at: Option<Timestamp>) -> String {
        at.map(|at| format!("{} {}", self.on, self.date_time(at, false)))
            .unwrap_or_default()
    }

    /// A sentence for any check, from its id and params; times are written as dates.
    pub fn check(&self, check: &Check) -> String {
        fill((self.check_template)(check), |name| match name {
            "id" => check.id.to_owned(),
            "status" => self.status(check.status).to_owned(),
            name => self.param_time(param(check, name)),
        })
    }

    /// What the message proves, as sentences; when it is not proven, the one sentence that
    /// says what the file claims.
    pub fn proof(&self, p: &Proof<'_>) -> Vec<String> {
        let fact = Fact::of(p.kind, p.variant);
        let (template, consequence) = (self.fact)(fact);
        let clause = fill(template, |name| match name {
            "when" => p.when.to_owned(),
            "sender" => p.sender.to_owned(),
            "to" => p.delivered_to.map(|a| format!(" {a}")).unwrap_or_default(),
            _ => String::new(),
        });
        if !p.proven {
            return vec![fill(self.claimed, |_| clause.clone())];
        }
        let mut sentences = vec![sentence(&clause), consequence.to_owned()];
        if fact == Fact::AvvenutaConsegna {
            sentences.push((self.receipt_proof)(p.receipt).to_owned());
        }
        sentences
    }

    /// A check parameter that holds an RFC 3339 time, written as a date; other values as they are.
    pub fn param_time(&self, value: &str) -> String {
        Timestamp::parse_rfc3339(value)
            .map_or_else(|| value.to_owned(), |t| self.date_time(t, true))
    }

    /// "930 byte", "12.5 KB", "1.2 MB". Integer arithmetic: float formatting would cost the
    /// page kilobytes of code.
    pub fn size(&self, bytes: usize) -> String {
        let (unit, scale) = match bytes {
            0..1024 => return format!("{bytes} {}", self.bytes),
            1024..1_048_576 => ("KB", 1024),
            _ => ("MB", 1_048_576),
        };
        let tenths = (bytes * 10 + scale / 2) / scale;
        format!("{}.{} {unit}", tenths / 10, tenths % 10)
    }
}

/// `template` with every `{name}` replaced by `value(name)`.
fn fill(template: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&value(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    out + rest
}

/// A check parameter, "" when absent.
fn param<'a>(check: &'a Check, name: &str) -> &'a str {
    check.params.get(name).map_or("", String::as_str)
}

/// The first letter upper-cased: clauses become sentences. Every clause starts with an ASCII
/// letter, and Unicode case tables would cost the page kilobytes.
fn sentence(clause: &str) -> String {
    let mut text = clause.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text + "."
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_the_core_emits_has_its_own_sentences_in_both_languages() {
        for lang in [Lang::It, Lang::En] {
            for id in pec::check::IDS {
                for check in [Check::pass(id), Check::fail(id)] {
                    let template = (lang.text().check_template)(&check);
                    assert!(
                        !template.contains("{id}"),
                        "{lang:?} has no sentence for {id} ({:?})",
                        check.status
                    );
                }
            }
        }
    }
}
