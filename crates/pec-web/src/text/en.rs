//! The English table: the same page for readers without Italian; PEC's own terms stay Italian
//! where the law names them.

use pec::check::{Ambiguity, Claim, Fault, LayoutProblem};
use pec::kind::{Kind, ReceiptType};
use pec::{Check, CheckId, InputError, Param};

use super::{Fact, Text};

const REVOCATION_NOTE: &str = "Certificate revocation is not checked: it would need a network connection, and this page opens none, by design.";

pub const EN: Text = Text {
    switch_label: "Italiano",
    site_name: "PEC verifier",
    title: "Verify a PEC receipt",
    lead: "The file never leaves your device: the check runs entirely in your browser.",
    drop_title: "Drop the PEC receipt or envelope (.eml or .msg) here",
    drop_hint: "or tap to choose the file (several at once work too)",
    help_title: "Where do I find the receipt file?",
    help: [
        "Open the receipt in your mail program or your provider's webmail and save it as an .eml file: look for \"Save as\", \"Download original message\" or \"Show original\".",
        "The transport envelope works too: the \"POSTA CERTIFICATA: …\" message the recipient received.",
        "A printout, a PDF or a screenshot cannot be verified: the provider's signature is only in the .eml file.",
        "If you lost the receipt, your provider keeps the message log for 30 months and can give you a copy.",
    ],
    results_label: "Verification results",
    verifying: "Verifying…",
    file_label: "File",
    passed: [
        "Genuine PEC message",
        "Genuine PEC receipt",
        "Genuine PEC notice",
    ],
    failed: [
        "PEC message NOT genuine",
        "PEC receipt NOT genuine",
        "PEC notice NOT genuine",
    ],
    indeterminate: "Authenticity not established",
    not_pec: "Not a PEC message",
    failed_advice: "Do not rely on this file. If you need the proof, ask the sender or your PEC provider for a copy of the original .eml file.",
    indeterminate_advice: "The content does not appear altered, but the signature could not be shown to come from a PEC provider. You can ask the provider named in the receipt, which keeps the message log for 30 months.",
    proves_heading: "What it proves",
    claims_heading: "What the file claims (not proven)",
    facts_heading: "Data certified by the provider",
    sender: "Sender",
    recipients: "Recipients",
    certified_mailbox: "PEC mailbox",
    ordinary_mailbox: "ordinary (non-PEC) mailbox: no delivery receipt will ever arrive for this recipient",
    subject: "Subject",
    date: "Date and time",
    provider: "Provider",
    pec_id: "PEC identifier",
    msgid: "Original Message-ID",
    receipt_type: "Receipt type",
    delivered_to: "Delivered to",
    error: "Error",
    error_detail: "Error detail",
    received: "Received",
    warnings_heading: "Warning",
    warnings_intro: "These points do not change the outcome but deserve notice. The message headers are not covered by the signature: where they differ from the signed data, the signed data prevails.",
    details: "Verification details",
    checks_heading: "Checks performed",
    statuses: ["passed", "failed", "warning", "note"],
    certificate_heading: "Provider's signature and certificate",
    signer: "Signer",
    organization: "Organisation",
    email: "Certificate address",
    pec_ca: "PEC certification authority",
    root: "Root authority",
    serial: "Serial number",
    validity: "Certificate validity",
    algorithms: "Algorithms",
    signing_time: "Signing time",
    sha1_note: "SHA-1 is a dated algorithm, but it is still the one PEC prescribes.",
    revocation_note: REVOCATION_NOTE,
    original_heading: "Original message",
    from: "From",
    to: "To",
    cc: "Cc",
    text_body: "Text",
    html_body: "HTML version",
    html_note: "Shown without scripts or external images.",
    attachments: "Attachments",
    download: "Download",
    daticert_heading: "Certification data (daticert.xml)",
    sha256: "SHA-256 of the file",
    download_json: "Download report (JSON)",
    print: "Print",
    verified_on: "Verified on",
    version: "PEC verifier, version",
    unnamed: "(unnamed)",
    unknown: "unknown",
    at: "at",
    on: " on",
    italian_time: "Italian time",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    bytes: "bytes",
    kind,
    input_error,
    failure,
    check_template: check,
    mbox_message: "mbox message {n}",
    attachment_step: "attachment",
    signed_content: "signed file content",
    file_signatures_heading: "Signature on the file",
    fact,
    claimed: "The file claims that {clause}, but this is not proven.",
    receipt_proof,
    ordinary_messages: |count| match count {
        1 => {
            "The file also holds an ordinary e-mail: it is not a PEC message and was not verified."
                .to_owned()
        }
        n => format!(
            "The file also holds {n} ordinary e-mails: they are not PEC messages and were not verified."
        ),
    },
    from_to: |from, to| format!("from {from} to {to}"),
    valid_at_signing: |date| format!("valid at the signing time: {date}"),
    receipt_name: |receipt| match receipt {
        ReceiptType::Completa => "completa (full)",
        ReceiptType::Breve => "breve (short)",
        ReceiptType::Sintetica => "sintetica (summary)",
    },
};

fn kind(kind: Option<Kind>) -> &'static str {
    match kind {
        Some(Kind::Accettazione) => "Acceptance receipt (accettazione)",
        Some(Kind::NonAccettazione) => "Non-acceptance notice (non accettazione)",
        Some(Kind::PresaInCarico) => "Taking-charge receipt (presa in carico)",
        Some(Kind::PostaCertificata) => "Transport envelope (PEC message)",
        Some(Kind::AvvenutaConsegna) => "Delivery receipt (avvenuta consegna)",
        Some(Kind::ErroreConsegna) => "Non-delivery notice (mancata consegna)",
        Some(Kind::PreavvisoErroreConsegna) => {
            "Delivery delay notice (preavviso di mancata consegna)"
        }
        Some(Kind::RilevazioneVirus) => "Virus detection notice",
        Some(Kind::BustaAnomalia) => "Anomaly envelope (busta di anomalia)",
        None => "Signed message of unknown kind",
    }
}

fn input_error(error: InputError) -> &'static str {
    match error {
        InputError::Empty => "The file is empty. Save the receipt again as an .eml file.",
        InputError::NotEmail => {
            "The file is not an e-mail message (perhaps a PDF, an image or a printout). Open the PEC receipt in your mail program and save it as an .eml file."
        }
        InputError::Unsigned => {
            "This message carries no PEC provider signature: it is neither a PEC receipt nor an envelope. Save as .eml the message you received from the provider (the receipt or the envelope), not the original message inside it."
        }
        InputError::TooLarge => "The file is too large to be examined.",
        InputError::MsgUnsigned => {
            "Outlook saved this message without the provider's signature, so it cannot be verified. Save the receipt again as an .eml file from the provider's webmail or another mail program; in Outlook, drag the message you received to the desktop, not a forwarded or edited copy."
        }
        InputError::MsgUnreadable => {
            "The file looks like an Outlook message (.msg) but cannot be read: it is damaged or incomplete. Save or download the receipt again."
        }
    }
}

/// Why the message did not pass, from the check that decided it. The checks of the last arm
/// only pass, warn or inform: they never decide a verdict, and get the general sentence.
fn failure(id: CheckId) -> &'static str {
    match id {
        CheckId::CmsMessageDigest => "The content was changed after the provider signed it.",
        CheckId::CmsSignature | CheckId::TrustCertificateSignatures => {
            "The signature is not valid."
        }
        CheckId::MimeBoundaries | CheckId::MimeLayout => {
            "The certification data cannot be relied on: the signed content is not laid out as a provider writes it."
        }
        CheckId::MimeUnsigned => {
            "This part looks like a PEC message, but it carries no provider signature."
        }
        CheckId::MimeTooDeep => {
            "A part of the file is nested too deeply to be examined: save the receipt itself as an .eml file."
        }
        CheckId::MimeUnlisted => "The file holds too many parts that cannot be verified.",
        CheckId::MimeOpaqueSignature => {
            "This part is signed, but its signature cannot be read: it is encrypted or damaged."
        }
        CheckId::CmsParse
        | CheckId::MimeSignaturePart
        | CheckId::CmsSignerCertificate
        | CheckId::CmsContentType => "The provider's signature is missing or damaged.",
        CheckId::CmsAlgorithm => "The signature uses an unsupported algorithm.",
        CheckId::CmsSigners => {
            "The message carries more than one signature, while a PEC message is signed by its provider alone: authenticity cannot be established."
        }
        CheckId::TrustKeySize => {
            "A key in the provider's certificate chain is too short to vouch for the signature: authenticity cannot be established."
        }
        CheckId::TrustValidity => "The provider's certificate was not valid at the signing time.",
        CheckId::TrustChain
        | CheckId::TrustPecCa
        | CheckId::TrustPecPolicy
        | CheckId::TrustKeyUsage
        | CheckId::TrustNameConstraints
        | CheckId::TrustCaBasicConstraints
        | CheckId::TrustProviderEmail => {
            "The signature is intact, but not from a recognised PEC provider."
        }
        CheckId::TrustCriticalExtensions => {
            "A provider certificate carries a critical extension this tool cannot assess: authenticity cannot be established."
        }
        CheckId::CmsSigningTime | CheckId::TimeSigningTime => {
            "The signing time is missing or disagrees with the certified one: the certificate cannot be judged."
        }
        CheckId::TimeFuture => {
            "The signature claims to be made after the time of verification: its date cannot be relied on."
        }
        CheckId::TimeAtBeforeSigning => {
            "The chosen time of verification is before the signature: the message did not exist yet."
        }
        CheckId::DaticertPresent | CheckId::DaticertWellFormed | CheckId::DaticertTipo => {
            "The certification data (daticert.xml) is missing or unreadable."
        }
        CheckId::DaticertUnambiguous => {
            "The certification data (daticert.xml) is ambiguous: it can be read two ways, and such data is not certified."
        }
        CheckId::MimeSignedEntity
        | CheckId::CmsSha1
        | CheckId::TrustSender
        | CheckId::TrustRevocationNotChecked
        | CheckId::DaticertGestore
        | CheckId::HeadersKind
        | CheckId::HeadersReceiptType
        | CheckId::HeadersSecurity
        | CheckId::HeadersSubject
        | CheckId::HeadersRiferimentoMessageId
        | CheckId::HeadersMessageId
        | CheckId::HeadersDate
        | CheckId::PostacertSender
        | CheckId::PostacertRecipients
        | CheckId::PostacertSubject
        | CheckId::PostacertStructure
        | CheckId::FileSignature
        | CheckId::FileQualificationNotChecked => "One of the checks failed: see the details.",
    }
}

fn check(c: &Check) -> &'static str {
    let ok = c.is_pass();
    match c.id {
        CheckId::FileSignature if ok && c.value(Param::SigningTime).is_some() => {
            "The file is signed by {certificate} on {signing_time}, and the signature is intact: the file has not changed since. It says who signed the file and when, not whether the PEC messages inside are genuine: those are verified here on their own."
        }
        CheckId::FileSignature if ok => {
            "The file is signed by {certificate}, and the signature is intact: the file has not changed since. It says who signed the file, not whether the PEC messages inside are genuine: those are verified here on their own."
        }
        CheckId::FileSignature => {
            "The signature on the file is not intact: the file was changed after it was signed, or the signature is damaged. Who signed the file is not established; the PEC messages inside are verified here on their own."
        }
        CheckId::FileQualificationNotChecked => {
            "Whether the certificate of whoever signed the file is qualified (EU trusted lists) was not checked: that would take a connection, and this verifier makes none."
        }
        CheckId::MimeSignedEntity => "The file holds a signed message (S/MIME).",
        CheckId::MimeSignaturePart => "The signature part (smime.p7s) is missing or unreadable.",
        CheckId::MimeBoundaries if ok => {
            "The boundaries of the signed parts follow the MIME rules: every mail client reads the same parts."
        }
        CheckId::MimeBoundaries => {
            "The boundaries of the signed parts are ambiguous: a mail client could read other parts. Such data is not certified."
        }
        CheckId::MimeLayout => layout(c),
        CheckId::MimeUnsigned => unsigned(c),
        CheckId::MimeTooDeep => {
            "{count} messages in the file are forwarded more than {limit} levels deep and were not examined."
        }
        CheckId::MimeUnlisted => {
            "The file holds {count} more parts that look like PEC messages and cannot be verified: only the first {limit} are listed."
        }
        CheckId::MimeOpaqueSignature => {
            "This part is opaque S/MIME (application/pkcs7-mime), but holds no readable signature with its content: it is encrypted or damaged."
        }
        CheckId::PostacertStructure if ok => {
            "The original message follows the MIME rules: every mail client shows the same parts."
        }
        CheckId::PostacertStructure => {
            "The original message holds ambiguous boundaries: a mail client could show other text or attachments than those listed here."
        }
        CheckId::CmsParse if ok => "The signature is readable.",
        CheckId::CmsParse => match c.fault() {
            Some(Fault::NotSignedData) => {
                "The signature part holds no signature (SignedData) but another kind of data."
            }
            Some(Fault::NoSigner) => "The signature names no signer.",
            _ => {
                "The signature is unreadable: its data does not have the expected structure (CMS)."
            }
        },
        CheckId::CmsSigners if ok => "The signature has a single signer, as PEC requires.",
        CheckId::CmsSigners => {
            "The signature has {count} signers, while a PEC message has exactly one: its provider."
        }
        CheckId::CmsAlgorithm if ok => "The signature's algorithms are supported.",
        CheckId::CmsAlgorithm => "Unsupported algorithm: {algorithm}.",
        CheckId::CmsSignerCertificate => {
            if ok {
                "The signature carries the provider's certificate."
            } else {
                "The signature does not carry the signer's certificate."
            }
        }
        CheckId::CmsContentType => {
            if ok {
                "The signed content type is correct."
            } else {
                "The signed content type does not match the declared one."
            }
        }
        CheckId::CmsMessageDigest if ok => {
            "The content's digest matches the signed one: the content was not changed."
        }
        CheckId::CmsMessageDigest if c.fault().is_some() => {
            "The signature carries no digest of the content (messageDigest): the content's integrity cannot be checked."
        }
        CheckId::CmsMessageDigest => {
            "The content's digest ({computed}) does not match the signed one ({signed}): the content was changed after signing."
        }
        CheckId::CmsSignature => {
            if ok {
                "The provider's signature is valid."
            } else {
                "The signature is not valid."
            }
        }
        CheckId::CmsSha1 => {
            "Digest computed with SHA-1: a dated algorithm, but still the one PEC prescribes."
        }
        CheckId::CmsSigningTime => {
            "The signature does not say when it was made: the certificate's validity cannot be judged."
        }
        CheckId::TrustChain if ok => "The certificate chain reaches a known root: {root}.",
        CheckId::TrustChain => "The certificate chain reaches no known root {issuer}.",
        CheckId::TrustCertificateSignatures if ok => {
            "Every certificate in the chain is signed by its issuer."
        }
        CheckId::TrustCertificateSignatures => {
            "The signature on certificate {certificate} is invalid or cannot be checked."
        }
        CheckId::TrustPecCa if ok => {
            "The certificate is issued by a recognised PEC authority: {ca}."
        }
        CheckId::TrustPecCa => {
            "The certificate is not issued by a recognised PEC authority (AgID CA1, DigitPA CA1): it may be any signature, not a PEC provider's."
        }
        CheckId::TrustValidity if ok => "Every certificate was valid at the signing time.",
        CheckId::TrustValidity => {
            "Certificate {certificate} was not valid at the signing time ({at}): valid from {not_before} to {not_after}."
        }
        CheckId::TrustKeySize if ok => "The certificates' keys are long enough.",
        CheckId::TrustKeySize if c.status == pec::Status::Warn => {
            "The key of certificate {certificate} is {bits}-bit RSA: accepted when it was issued, but weak by today's standards."
        }
        CheckId::TrustKeySize => {
            "The key of certificate {certificate} is only {bits}-bit RSA: too short to vouch for who signed."
        }
        CheckId::TrustCaBasicConstraints if ok => "The chain's authorities may issue certificates.",
        CheckId::TrustCaBasicConstraints => "Certificate {certificate} may not issue certificates.",
        CheckId::TrustPecPolicy => {
            if ok {
                "The certificate carries the PEC provider policy."
            } else {
                "The certificate does not carry the PEC provider policy."
            }
        }
        CheckId::TrustCriticalExtensions if ok => {
            "No certificate carries an unknown critical extension."
        }
        CheckId::TrustCriticalExtensions => {
            "The certificate \"{certificate}\" carries an unknown critical extension ({extension}): it must be rejected."
        }
        CheckId::TrustKeyUsage if ok => "The certificate may be used for signing.",
        CheckId::TrustKeyUsage => "The certificate lacks the required usage ({missing}).",
        CheckId::TrustProviderEmail if ok => {
            "The certificate names the provider's mail address: {email}."
        }
        CheckId::TrustProviderEmail => {
            "Certificate {certificate} names no mail address as a subject alternative name (SAN): it is not a PEC provider certificate."
        }
        CheckId::TrustNameConstraints if ok => "The provider is one the PEC authority may certify.",
        CheckId::TrustNameConstraints if c.fault().is_some() => {
            "The name constraints of authority {ca} are unreadable: which providers it may certify cannot be told."
        }
        CheckId::TrustNameConstraints => {
            "The provider is not one authority {ca} may certify ({name})."
        }
        CheckId::TrustSender if ok => {
            "The message's sender matches the provider certificate's address."
        }
        CheckId::TrustSender => {
            "The sender in the (unsigned) header is \"{header}\", but the provider's certificate is for \"{certificate}\"."
        }
        CheckId::TrustRevocationNotChecked => REVOCATION_NOTE,
        CheckId::DaticertPresent => "The certification data (daticert.xml) is missing.",
        CheckId::DaticertWellFormed => unreadable_daticert(c),
        CheckId::DaticertUnambiguous if ok => {
            "The certification data (daticert.xml) has a single reading."
        }
        CheckId::DaticertUnambiguous => match c.ambiguity() {
            Some(Ambiguity::Repeated) => {
                "The certification data is ambiguous: the element \"{element}\" appears more than once. Such data is not certified."
            }
            Some(Ambiguity::NestedInText) => {
                "The certification data is ambiguous: the element \"{element}\", meant to hold only text, holds another element. Such data is not certified."
            }
            Some(Ambiguity::DuplicateAttribute) => {
                "The certification data is ambiguous: the attribute \"{attribute}\" appears more than once on the element \"{element}\". Such data is not certified."
            }
            Some(Ambiguity::DoctypeSubset) => {
                "The certification data is ambiguous: its DOCTYPE declaration carries definitions of its own, which can add values not written in the text. Such data is not certified."
            }
            None => {
                "The certification data is ambiguous (element \"{element}\"). Such data is not certified."
            }
        },
        CheckId::DaticertTipo if ok => "Certified message kind: {tipo}.",
        CheckId::DaticertTipo => "Unknown message kind: \"{tipo}\".",
        CheckId::DaticertGestore if ok => {
            "The provider in the certified data (\"{daticert}\") matches the certificate's organisation (\"{certificate}\")."
        }
        CheckId::DaticertGestore => {
            "The provider in the certified data (\"{daticert}\") differs from the certificate's organisation (\"{certificate}\")."
        }
        CheckId::HeadersReceiptType if ok => {
            "The X-TipoRicevuta header names the same receipt type as the certified data."
        }
        CheckId::HeadersReceiptType => {
            "The X-TipoRicevuta header (not signed) says \"{header}\", but the certified data says \"{daticert}\" (empty: not stated). The certified data holds."
        }
        CheckId::HeadersSecurity if ok => {
            "The X-VerificaSicurezza header agrees with the certified data."
        }
        CheckId::HeadersSecurity => {
            "The X-VerificaSicurezza header (not signed) says \"{header}\", but the certified data says \"{daticert}\" (empty: no virus). The certified data holds."
        }
        CheckId::HeadersKind if ok => "The {header} header names the same kind as the signed data.",
        CheckId::HeadersKind => {
            "The (unsigned) {header} header says \"{value}\", but the signed kind is \"{daticert}\"."
        }
        CheckId::HeadersSubject if ok => "The subject matches the signed one.",
        CheckId::HeadersSubject => {
            "The subject in the (unsigned) header is \"{header}\", but the signed one is \"{daticert}\"."
        }
        CheckId::HeadersRiferimentoMessageId | CheckId::HeadersMessageId if ok => {
            "The identifier in the header matches the signed one."
        }
        CheckId::HeadersRiferimentoMessageId => {
            "The (unsigned) X-Riferimento-Message-ID header is \"{header}\", but the signed identifier is \"{daticert}\"."
        }
        CheckId::HeadersMessageId => {
            "The (unsigned) Message-ID header is \"{header}\", but the signed PEC identifier is \"{daticert}\"."
        }
        CheckId::HeadersDate if ok => "The header's date agrees with the signed one.",
        CheckId::HeadersDate => {
            "The date in the (unsigned) header is {time}, but the signed one is {daticert}."
        }
        CheckId::TimeSigningTime if ok => "The signing time agrees with the certified time.",
        CheckId::TimeSigningTime => {
            "The signing time ({time}) and the certified time ({daticert}) are more than 10 minutes apart."
        }
        CheckId::TimeFuture if ok => "The signing time is not later than the time of verification.",
        CheckId::TimeFuture => {
            "The signing time ({signing_time}) is later than the time of verification ({now}): a signature cannot come from the future."
        }
        CheckId::TimeAtBeforeSigning if ok => {
            "The chosen time of verification ({at}) is not before the signature."
        }
        CheckId::TimeAtBeforeSigning => {
            "The chosen time of verification ({at}) is before the signature ({signing_time}): the message did not exist yet."
        }
        CheckId::PostacertSender if ok => {
            "The original message's sender matches the certified one."
        }
        CheckId::PostacertSender => {
            "The original message's sender is \"{postacert}\", but the certified one is \"{daticert}\"."
        }
        CheckId::PostacertRecipients if ok => {
            "The certified recipients appear in the original message."
        }
        CheckId::PostacertRecipients => {
            "Certified recipients missing from the original message: {missing}."
        }
        CheckId::PostacertSubject if ok => {
            "The original message's subject matches the certified one."
        }
        CheckId::PostacertSubject => {
            "The original message's subject is \"{postacert}\", but the certified one is \"{daticert}\"."
        }
    }
}

/// What each kind of message attests: a clause (with `{when}`, `{sender}`, `{to}`) and what
/// follows from it.
fn fact(fact: Fact) -> (&'static str, &'static str) {
    match fact {
        Fact::Accettazione => (
            "the sender's provider accepted the message for sending{when}",
            "It proves sending, not delivery: delivery is proven by the delivery receipt.",
        ),
        Fact::NonAccettazione => (
            "the sender's provider refused the message{when}",
            "The message never entered the PEC system and was not sent.",
        ),
        Fact::NonAccettazioneVirus => (
            "the sender's provider refused the message because it contained a virus{when}",
            "The message never entered the PEC system and was not sent.",
        ),
        Fact::PresaInCarico => (
            "the recipient's provider received the message from the sender's provider{when}",
            "It is a notice between providers: it does not prove delivery to the recipient's mailbox.",
        ),
        Fact::PostaCertificata => (
            "this PEC message was sent by {sender}{when}",
            "Sender, time and content (text and attachments) are those certified by the sender's provider.",
        ),
        Fact::AvvenutaConsegna => (
            "the message was delivered to the recipient's mailbox{to}{when}",
            "Delivery counts even if the message has not been read.",
        ),
        Fact::ErroreConsegna => (
            "the message was not delivered to the recipient{when}",
            "The failure is final.",
        ),
        Fact::ErroreConsegnaVirus => (
            "the message was not delivered to the recipient because it contained a virus{when}",
            "The failure is final.",
        ),
        Fact::Timeout12h => (
            "the provider reported{when} that it could not deliver the message within 12 hours of sending",
            "This is not final: a delivery receipt or a non-delivery notice may still follow.",
        ),
        Fact::Timeout24h => (
            "the provider reported{when} that the message was not delivered within 24 hours of sending",
            "The failure is final.",
        ),
        Fact::RilevazioneVirus => (
            "the recipient's provider found a virus in the message and did not deliver it{when}",
            "It is a notice between providers.",
        ),
        Fact::BustaAnomalia => (
            "a message arrived, but the provider could not certify it (for instance because it came from an ordinary mailbox)",
            "It does not have the value of a PEC message.",
        ),
        Fact::Unknown => (
            "the file holds a signed message of unknown kind",
            "What it attests cannot be said.",
        ),
    }
}

/// What a delivery receipt of each type proves about the content.
fn receipt_proof(receipt: Option<ReceiptType>) -> &'static str {
    match receipt {
        Some(ReceiptType::Completa) => {
            "This is a full (completa) receipt: it contains the original message and its attachments, so it also proves the content delivered."
        }
        Some(ReceiptType::Breve) => {
            "This is a short (breve) receipt: it holds digests in place of the attachments, so it proves the content only together with the original files."
        }
        Some(ReceiptType::Sintetica) => {
            "This is a summary (sintetica) receipt: it does not contain the message, so it does not prove the content delivered."
        }
        None => "The receipt type is not stated: the content delivered is not proven.",
    }
}

/// The provider's layout of the signed parts, or what is wrong with it.
fn layout(c: &Check) -> &'static str {
    match c.layout_problem() {
        None => {
            "The signed parts are laid out as a provider writes them: text, certification data, original message."
        }
        Some(LayoutProblem::DaticertRepeated) => {
            "The signed content holds more than one daticert.xml: the certification data is ambiguous and not certified."
        }
        Some(LayoutProblem::PostacertRepeated) => {
            "The signed content holds more than one original message (postacert.eml): the content is ambiguous and not certified."
        }
        Some(LayoutProblem::PostacertNotLast) => {
            "Other parts follow the original message (postacert.eml), which a provider never writes: the content is not certified."
        }
        Some(LayoutProblem::DaticertAfterPostacert) => {
            "daticert.xml comes after the original message, where only the sender can have written it: the data is not certified."
        }
        Some(LayoutProblem::PostacertNotMessage) => {
            "The postacert.eml part is not an e-mail message: the content is not certified."
        }
        Some(LayoutProblem::DaticertNested | LayoutProblem::PostacertNested) => {
            "A daticert.xml or postacert.eml part appears where a provider never writes one: the data is not certified."
        }
        Some(LayoutProblem::NotMime | LayoutProblem::NotMultipart) => {
            "The signed content is not shaped as a PEC message (text, certification data, original message)."
        }
    }
}

/// Why an unsigned part looks like a PEC message.
fn unsigned(c: &Check) -> &'static str {
    match c.claim() {
        Some(Claim::Subject) => {
            "This part has the subject of a PEC message but carries no provider signature: what it says is not certified."
        }
        Some(Claim::Daticert) => {
            "This part holds a daticert.xml outside any signature: that data is not certified."
        }
        Some(Claim::Signed) => {
            "This part presents itself as a signed message, but its parts are missing: there is nothing to verify."
        }
        Some(Claim::Header) | None => {
            "This part has the headers of a PEC message but carries no provider signature: what it says is not certified."
        }
    }
}

/// Why daticert.xml could not be read, or that it could.
fn unreadable_daticert(c: &Check) -> &'static str {
    match c.fault() {
        _ if c.is_pass() => "The certification data (daticert.xml) is readable.",
        Some(Fault::TooLarge) => {
            "The certification data (daticert.xml) is too large to be examined."
        }
        Some(Fault::NotDaticert) => "The daticert.xml file holds no PEC certification data.",
        Some(Fault::Missing) => {
            "The certification data (daticert.xml) lacks \"{element}\", which is required."
        }
        Some(Fault::Invalid) => {
            "In the certification data (daticert.xml) the value of \"{element}\" is not in the expected format."
        }
        Some(
            Fault::Malformed
            | Fault::NotDer
            | Fault::NotSignedData
            | Fault::NoSigner
            | Fault::NoMessageDigest
            | Fault::UnreadableExtension,
        )
        | None => {
            "The certification data (daticert.xml) is unreadable: it is not a well-formed XML document."
        }
    }
}
