//! `pec-verify`: the core's report for each file, as text, JSON Lines or CSV; with `--dossier`,
//! one dossier per sending the files make up.
//! Exit status: 0 all TOTAL-PASSED (with `--dossier`: every dossier complete), 1 anything
//! else, 2 usage error or unreadable path.

mod batch;
mod dossier;
mod progress;

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;
use pec::report::FileSignatureReport;
use pec::{CheckId, Options, Report, Status, Timestamp, Verdict};

#[derive(Parser)]
#[command(
    name = "pec-verify",
    version,
    about = "Verify Italian PEC receipts and envelopes (.eml, Outlook .msg, signed .p7m)"
)]
struct Args {
    /// Print one JSON document per file (JSON Lines); with --dossier, one for all files.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print one CSV line per file under a header (for a spreadsheet): the file, its SHA-256,
    /// genuine or not and why, and the certified data of the message that speaks for it.
    #[arg(long, conflicts_with = "dossier")]
    csv: bool,
    /// Put the files together by sending: the envelope, its acceptance and each recipient's
    /// delivery or failure. Exits 0 only when every sending is complete.
    #[arg(long)]
    dossier: bool,
    /// Judge certificate validity at this time (RFC 3339) instead of the signing time.
    #[arg(long, value_name = "RFC3339")]
    at: Option<Timestamp>,
    /// Extra trust anchors (PEM or DER): self-signed certificates become roots, others PEC CAs.
    #[arg(long, value_name = "PEM")]
    trust: Vec<PathBuf>,
    /// Certificate revocation lists (PEM or DER) of the PEC CAs, as downloaded from them: each
    /// judges the provider certificates its CA issued, once that CA's key is found to have
    /// signed it. Without one, revocation is not checked.
    #[arg(long, value_name = "CRL")]
    crl: Vec<PathBuf>,
    /// Files to verify; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut options = Options {
        at: args.at,
        now: now(),
        ..Options::default()
    };
    let trust = load(&args.trust, "trust", |file| {
        options
            .trust
            .add_certificates(file)
            .map(drop)
            .map_err(|e| e.to_string())
    });
    let crls = trust.and_then(|()| {
        load(&args.crl, "CRL", |file| {
            let lists = pec::trust::read_crls(file).map_err(|e| e.to_string())?;
            options.crls.extend(lists);
            Ok(())
        })
    });
    if let Err(e) = crls {
        eprintln!("pec-verify: {e}");
        return ExitCode::from(2);
    }

    if args.dossier {
        return dossier::run(&args.files, &options, args.json);
    }
    let (mut all_passed, mut unreadable) = (true, false);
    let mut out = io::stdout().lock();
    if args.csv && write!(out, "{}", pec::dossier::table::header()).is_err() {
        return ExitCode::from(2);
    }
    let written = |name: &str, _, report: Report| {
        let text = if args.csv {
            pec::dossier::table::row(name, &report)
        } else if args.json {
            report.to_json(name) + "\n"
        } else {
            render(name, &report) + "\n"
        };
        (report.all_passed(), text)
    };
    batch::run(&args.files, &options, written, |(name, result)| {
        let Some((passed, text)) = readable(&name, result) else {
            unreadable = true;
            return false;
        };
        all_passed &= passed;
        unreadable = out.write_all(text.as_bytes()).is_err();
        !unreadable
    });
    if unreadable {
        return ExitCode::from(2);
    }
    status(all_passed)
}

/// Reads each of `paths` and hands its bytes to `add`; the first that cannot be read or used,
/// with why.
fn load(
    paths: &[PathBuf],
    what: &str,
    mut add: impl FnMut(&[u8]) -> Result<(), String>,
) -> Result<(), String> {
    for path in paths {
        std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|file| add(&file))
            .map_err(|e| format!("cannot use {what} file {}: {e}", path.display()))?;
    }
    Ok(())
}

/// 0 when the files say what was asked of them, 1 otherwise.
fn status(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// A file's bytes and report; `None`, with the reason on standard error, when it could not be
/// read.
fn readable<T>(name: &str, result: io::Result<T>) -> Option<T> {
    result
        .map_err(|e| eprintln!("pec-verify: cannot read {name}: {e}"))
        .ok()
}

/// The system clock, the moment of verification; `None` if it reads before 1970.
fn now() -> Option<Timestamp> {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    Some(Timestamp::utc(i64::try_from(since_epoch.as_secs()).ok()?))
}

fn read_input(path: &PathBuf) -> io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

/// A signature on the file itself: intact or not, whose and when as it says; never a verdict.
fn file_signature(signature: &FileSignatureReport) -> String {
    let intact = signature
        .checks
        .iter()
        .any(|c| c.id == CheckId::FileSignature && c.status == Status::Pass);
    let place = if signature.location.is_empty() {
        String::new()
    } else {
        format!(" in {}", signature.location)
    };
    let who = signature
        .signer
        .as_ref()
        .map_or("an unknown signer", |s| s.subject.as_str());
    let when = signature
        .signing_time
        .map(|t| format!(" at {}", t.rfc3339()))
        .unwrap_or_default();
    format!(
        "  file signature{place}: {} by {who}{when} (qualification not checked against the EU trusted lists)",
        if intact { "intact" } else { "NOT intact" }
    )
}

/// The readable form: each message's verdict, kind, signer and certified facts, then every
/// check that is not a plain pass.
fn render(name: &str, report: &Report) -> String {
    let mut lines = vec![name.to_owned()];
    if let Some(error) = report.error {
        lines.push(format!("  {}", error.sentence()));
    }
    lines.extend(report.unread.iter().map(|unread| {
        format!(
            "  {}: {}",
            visible(&unread.location.to_string()),
            unread.error.sentence()
        )
    }));
    lines.extend(report.file_signatures.iter().map(file_signature));
    for message in &report.messages {
        let class = &message.classification;
        let mut kind = class.kind.map_or("unknown kind", |k| k.as_str()).to_owned();
        if let Some(receipt) = class.receipt_type {
            kind += &format!(" ({})", receipt.as_str());
        }
        if let Some(variant) = class.variant {
            kind += &format!(" [{}]", variant.as_str());
        }
        let place = if message.location.is_empty() {
            String::new()
        } else {
            format!(" in {}", visible(&message.location.to_string()))
        };
        lines.push(format!("  {}  {kind}{place}", message.verdict.as_str()));
        if let Some(reason) = message.reason {
            lines.push(format!("    decided by {reason}"));
        }
        if let Some(signature) = &message.signature {
            let signer = signature.signer.as_ref();
            let who = signer.and_then(|s| s.organization.as_deref().or(Some(&s.subject)));
            let when = signature
                .signing_time
                .map(|t| format!(" at {}", t.rfc3339()));
            lines.push(format!(
                "    signed by {}{}",
                visible(who.unwrap_or("an unknown signer")),
                when.unwrap_or_default()
            ));
        }
        if let Some(d) = &message.daticert {
            // What a message that did not pass says is a claim, not a certified fact.
            let label = match message.verdict {
                Verdict::TotalPassed => "certified",
                _ => "claims (not certified)",
            };
            let to: Vec<String> = d.destinatari.iter().map(|r| address(&r.address)).collect();
            let at = d
                .data
                .map(|t| format!(", {}", t.rfc3339()))
                .unwrap_or_default();
            lines.push(format!(
                "    {label}: from {} to {}{at}",
                address(&d.mittente),
                to.join(", ")
            ));
        }
        let attachments = message.postacert.iter().flat_map(|o| &o.attachments);
        for attachment in attachments.filter(|a| a.executable) {
            let name = attachment.name.as_deref().unwrap_or("(no name)");
            lines.push(format!(
                "    attachment {:?} runs as a program when opened (.{}): the signature says who sent it, not that it is safe",
                visible(name),
                attachment.extension.as_deref().unwrap_or("?")
            ));
        }
        // What a revocation list says is shown whatever it says.
        let shown = |c: &&pec::Check| c.status != Status::Pass || c.id == CheckId::TrustRevocation;
        for check in message.checks.iter().filter(shown) {
            let params: Vec<String> = check
                .params
                .iter()
                .map(|(k, v)| format!("{k}={:?}", v.to_string()))
                .collect();
            lines.push(format!(
                "    {:<4}  {}  {}",
                check.status.as_str(),
                check.id,
                params.join(" ")
            ));
        }
    }
    if report.ordinary_messages > 0 {
        lines.push(format!(
            "  and {} ordinary e-mail(s): not PEC, not verified",
            report.ordinary_messages
        ));
    }
    lines
        .iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A value from the file as a terminal shows it: characters that turn the text around or
/// cannot be seen written as `[U+202E]`.
fn visible(text: &str) -> String {
    pec::sender::visible(text).into_owned()
}

/// An address from the file, [`visible`], and flagged when its domain mixes alphabets.
fn address(text: &str) -> String {
    let shown = visible(text);
    if pec::sender::mixed_scripts(text) {
        shown + " (its domain mixes alphabets: a look-alike?)"
    } else {
        shown
    }
}
