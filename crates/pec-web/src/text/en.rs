//! The English table: the same page for readers without Italian; PEC's own terms stay Italian
//! where the law names them.

use pec::kind::{Kind, ReceiptType};
use pec::{Check, InputError};

use super::{Fact, Text};

const REVOCATION_NOTE: &str = "Certificate revocation is not checked: it would need a network connection, and this page opens none, by design.";

pub const EN: Text = Text {
    switch_label: "Italiano",
    site_name: "PEC verifier",
    title: "Verify a PEC receipt",
    lead: "The file never leaves your device: the check runs entirely in your browser.",
    drop_title: "Drop the PEC receipt or envelope (.eml) here",
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
    }
}

fn failure(check: &Check) -> &'static str {
    match check.id {
        "cms.message-digest" => "The content was changed after the provider signed it.",
        "cms.signature" | "trust.certificate-signatures" => "The signature is not valid.",
        "mime.boundaries" | "mime.layout" => {
            "The certification data cannot be relied on: the signed content is not laid out as a provider writes it."
        }
        "mime.unsigned" => {
            "This part looks like a PEC message, but it carries no provider signature."
        }
        "mime.too-deep" => {
            "A part of the file is nested too deeply to be examined: save the receipt itself as an .eml file."
        }
        "mime.unlisted" => "The file holds too many parts that cannot be verified.",
        "mime.opaque-signature" => "This part is signed in a form this version cannot verify yet.",
        "cms.parse" | "mime.signature-part" | "cms.signer-certificate" | "cms.content-type" => {
            "The provider's signature is missing or damaged."
        }
        "cms.algorithm" => "The signature uses an unsupported algorithm.",
        "cms.signers" => {
            "The message carries more than one signature, while a PEC message is signed by its provider alone: authenticity cannot be established."
        }
        "trust.key-size" => {
            "A key in the provider's certificate chain is too short to vouch for the signature: authenticity cannot be established."
        }
        "trust.validity" => "The provider's certificate was not valid at the signing time.",
        "trust.chain"
        | "trust.pec-ca"
        | "trust.pec-policy"
        | "trust.key-usage"
        | "trust.name-constraints"
        | "trust.ca-basic-constraints"
        | "trust.provider-email" => {
            "The signature is intact, but not from a recognised PEC provider."
        }
        "trust.critical-extensions" => {
            "A provider certificate carries a critical extension this tool cannot assess: authenticity cannot be established."
        }
        "cms.signing-time" | "time.signing-time" => {
            "The signing time is missing or disagrees with the certified one: the certificate cannot be judged."
        }
        "time.future" => {
            "The signature claims to be made after the time of verification: its date cannot be relied on."
        }
        "time.at-before-signing" => {
            "The chosen time of verification is before the signature: the message did not exist yet."
        }
        "daticert.present" | "daticert.well-formed" | "daticert.tipo" => {
            "The certification data (daticert.xml) is missing or unreadable."
        }
        "daticert.unambiguous" => {
            "The certification data (daticert.xml) is ambiguous: it can be read two ways, and such data is not certified."
        }
        _ => "One of the checks failed: see the details.",
    }
}

fn check(c: &Check) -> &'static str {
    let ok = c.is_pass();
    match c.id {
        "mime.signed-entity" => "The file holds a signed message (S/MIME).",
        "mime.signature-part" => "The signature part (smime.p7s) is missing or unreadable.",
        "mime.boundaries" if ok => {
            "The boundaries of the signed parts follow the MIME rules: every mail client reads the same parts."
        }
        "mime.boundaries" => {
            "The boundaries of the signed parts are ambiguous: a mail client could read other parts. Such data is not certified."
        }
        "mime.layout" => layout(c),
        "mime.unsigned" => unsigned(c),
        "mime.too-deep" => {
            "{count} messages in the file are forwarded more than {limit} levels deep and were not examined."
        }
        "mime.unlisted" => {
            "The file holds {count} more parts that look like PEC messages and cannot be verified: only the first {limit} are listed."
        }
        "mime.opaque-signature" => {
            "This part is signed as opaque S/MIME (application/pkcs7-mime), which this version cannot verify yet."
        }
        "postacert.structure" if ok => {
            "The original message follows the MIME rules: every mail client shows the same parts."
        }
        "postacert.structure" => {
            "The original message holds ambiguous boundaries: a mail client could show other text or attachments than those listed here."
        }
        "cms.parse" if ok => "The signature is readable.",
        "cms.parse" => "The signature is unreadable ({error}).",
        "cms.signers" if ok => "The signature has a single signer, as PEC requires.",
        "cms.signers" => {
            "The signature has {count} signers, while a PEC message has exactly one: its provider."
        }
        "cms.algorithm" if ok => "The signature's algorithms are supported.",
        "cms.algorithm" => "Unsupported algorithm: {algorithm}.",
        "cms.signer-certificate" => {
            if ok {
                "The signature carries the provider's certificate."
            } else {
                "The signature does not carry the signer's certificate."
            }
        }
        "cms.content-type" => {
            if ok {
                "The signed content type is correct."
            } else {
                "The signed content type does not match the declared one."
            }
        }
        "cms.message-digest" if ok => {
            "The content's digest matches the signed one: the content was not changed."
        }
        "cms.message-digest" if c.params.contains_key("error") => {
            "The content's digest cannot be checked ({error})."
        }
        "cms.message-digest" => {
            "The content's digest ({computed}) does not match the signed one ({signed}): the content was changed after signing."
        }
        "cms.signature" => {
            if ok {
                "The provider's signature is valid."
            } else {
                "The signature is not valid."
            }
        }
        "cms.sha1" => {
            "Digest computed with SHA-1: a dated algorithm, but still the one PEC prescribes."
        }
        "cms.signing-time" => {
            "The signature does not say when it was made: the certificate's validity cannot be judged."
        }
        "trust.chain" if ok => "The certificate chain reaches a known root: {root}.",
        "trust.chain" => "The certificate chain reaches no known root {issuer}.",
        "trust.certificate-signatures" if ok => {
            "Every certificate in the chain is signed by its issuer."
        }
        "trust.certificate-signatures" => {
            "The signature on certificate {certificate} is invalid or cannot be checked."
        }
        "trust.pec-ca" if ok => "The certificate is issued by a recognised PEC authority: {ca}.",
        "trust.pec-ca" => {
            "The certificate is not issued by a recognised PEC authority (AgID CA1, DigitPA CA1): it may be any signature, not a PEC provider's."
        }
        "trust.validity" if ok => "Every certificate was valid at the signing time.",
        "trust.validity" => {
            "Certificate {certificate} was not valid at the signing time ({at}): valid from {not_before} to {not_after}."
        }
        "trust.key-size" if ok => "The certificates' keys are long enough.",
        "trust.key-size" if c.status == pec::Status::Warn => {
            "The key of certificate {certificate} is {bits}-bit RSA: accepted when it was issued, but weak by today's standards."
        }
        "trust.key-size" => {
            "The key of certificate {certificate} is only {bits}-bit RSA: too short to vouch for who signed."
        }
        "trust.ca-basic-constraints" if ok => "The chain's authorities may issue certificates.",
        "trust.ca-basic-constraints" => "Certificate {certificate} may not issue certificates.",
        "trust.pec-policy" => {
            if ok {
                "The certificate carries the PEC provider policy."
            } else {
                "The certificate does not carry the PEC provider policy."
            }
        }
        "trust.critical-extensions" if ok => {
            "No certificate carries an unknown critical extension."
        }
        "trust.critical-extensions" => {
            "The certificate \"{certificate}\" carries an unknown critical extension ({extension}): it must be rejected."
        }
        "trust.key-usage" if ok => "The certificate may be used for signing.",
        "trust.key-usage" => "The certificate lacks the required usage ({missing}).",
        "trust.provider-email" if ok => {
            "The certificate names the provider's mail address: {email}."
        }
        "trust.provider-email" => {
            "Certificate {certificate} names no mail address as a subject alternative name (SAN): it is not a PEC provider certificate."
        }
        "trust.name-constraints" if ok => "The provider is one the PEC authority may certify.",
        "trust.name-constraints" => {
            "The provider is not one authority {ca} may certify ({name}{error})."
        }
        "trust.sender" if ok => "The message's sender matches the provider certificate's address.",
        "trust.sender" => {
            "The sender in the (unsigned) header is \"{header}\", but the provider's certificate is for \"{certificate}\"."
        }
        "trust.revocation-not-checked" => REVOCATION_NOTE,
        "daticert.present" => "The certification data (daticert.xml) is missing.",
        "daticert.well-formed" if ok => "The certification data (daticert.xml) is readable.",
        "daticert.well-formed" if c.params.get("error").is_some_and(|e| e == "too-large") => {
            "The certification data (daticert.xml) is too large to be examined."
        }
        "daticert.well-formed" => "The certification data (daticert.xml) is unreadable ({error}).",
        "daticert.unambiguous" if ok => {
            "The certification data (daticert.xml) has a single reading."
        }
        "daticert.unambiguous" => match c.params.get("problem").map(String::as_str) {
            Some("repeated") => {
                "The certification data is ambiguous: the element \"{element}\" appears more than once. Such data is not certified."
            }
            Some("nested-in-text") => {
                "The certification data is ambiguous: the element \"{element}\", meant to hold only text, holds another element. Such data is not certified."
            }
            Some("duplicate-attribute") => {
                "The certification data is ambiguous: the attribute \"{attribute}\" appears more than once on the element \"{element}\". Such data is not certified."
            }
            Some("doctype-subset") => {
                "The certification data is ambiguous: its DOCTYPE declaration carries definitions of its own, which can add values not written in the text. Such data is not certified."
            }
            _ => {
                "The certification data is ambiguous (element \"{element}\"). Such data is not certified."
            }
        },
        "daticert.tipo" if ok => "Certified message kind: {tipo}.",
        "daticert.tipo" => "Unknown message kind: \"{tipo}\".",
        "daticert.gestore" if ok => {
            "The provider in the certified data (\"{daticert}\") matches the certificate's organisation (\"{certificate}\")."
        }
        "daticert.gestore" => {
            "The provider in the certified data (\"{daticert}\") differs from the certificate's organisation (\"{certificate}\")."
        }
        "headers.receipt-type" if ok => {
            "The X-TipoRicevuta header names the same receipt type as the certified data."
        }
        "headers.receipt-type" => {
            "The X-TipoRicevuta header (not signed) says \"{header}\", but the certified data says \"{daticert}\" (empty: not stated). The certified data holds."
        }
        "headers.security" if ok => {
            "The X-VerificaSicurezza header agrees with the certified data."
        }
        "headers.security" => {
            "The X-VerificaSicurezza header (not signed) says \"{header}\", but the certified data says \"{daticert}\" (empty: no virus). The certified data holds."
        }
        "headers.kind" if ok => "The {header} header names the same kind as the signed data.",
        "headers.kind" => {
            "The (unsigned) {header} header says \"{value}\", but the signed kind is \"{daticert}\"."
        }
        "headers.subject" if ok => "The subject matches the signed one.",
        "headers.subject" => {
            "The subject in the (unsigned) header is \"{header}\", but the signed one is \"{daticert}\"."
        }
        "headers.riferimento-message-id" | "headers.message-id" if ok => {
            "The identifier in the header matches the signed one."
        }
        "headers.riferimento-message-id" => {
            "The (unsigned) X-Riferimento-Message-ID header is \"{header}\", but the signed identifier is \"{daticert}\"."
        }
        "headers.message-id" => {
            "The (unsigned) Message-ID header is \"{header}\", but the signed PEC identifier is \"{daticert}\"."
        }
        "headers.date" if ok => "The header's date agrees with the signed one.",
        "headers.date" => {
            "The date in the (unsigned) header is {time}, but the signed one is {daticert}."
        }
        "time.signing-time" if ok => "The signing time agrees with the certified time.",
        "time.signing-time" => {
            "The signing time ({time}) and the certified time ({daticert}) are more than 10 minutes apart."
        }
        "time.future" if ok => "The signing time is not later than the time of verification.",
        "time.future" => {
            "The signing time ({signing_time}) is later than the time of verification ({now}): a signature cannot come from the future."
        }
        "time.at-before-signing" if ok => {
            "The chosen time of verification ({at}) is not before the signature."
        }
        "time.at-before-signing" => {
            "The chosen time of verification ({at}) is before the signature ({signing_time}): the message did not exist yet."
        }
        "postacert.sender" if ok => "The original message's sender matches the certified one.",
        "postacert.sender" => {
            "The original message's sender is \"{postacert}\", but the certified one is \"{daticert}\"."
        }
        "postacert.recipients" if ok => "The certified recipients appear in the original message.",
        "postacert.recipients" => {
            "Certified recipients missing from the original message: {missing}."
        }
        "postacert.subject" if ok => "The original message's subject matches the certified one.",
        "postacert.subject" => {
            "The original message's subject is \"{postacert}\", but the certified one is \"{daticert}\"."
        }
        _ => "Check \"{id}\": {status}.",
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
    match c.params.get("problem").map(String::as_str) {
        None => {
            "The signed parts are laid out as a provider writes them: text, certification data, original message."
        }
        Some("daticert-repeated") => {
            "The signed content holds more than one daticert.xml: the certification data is ambiguous and not certified."
        }
        Some("postacert-repeated") => {
            "The signed content holds more than one original message (postacert.eml): the content is ambiguous and not certified."
        }
        Some("postacert-not-last") => {
            "Other parts follow the original message (postacert.eml), which a provider never writes: the content is not certified."
        }
        Some("daticert-after-postacert") => {
            "daticert.xml comes after the original message, where only the sender can have written it: the data is not certified."
        }
        Some("postacert-not-message") => {
            "The postacert.eml part is not an e-mail message: the content is not certified."
        }
        Some("daticert-nested" | "postacert-nested") => {
            "A daticert.xml or postacert.eml part appears where a provider never writes one: the data is not certified."
        }
        Some(_) => {
            "The signed content is not shaped as a PEC message (text, certification data, original message)."
        }
    }
}

/// Why an unsigned part looks like a PEC message.
fn unsigned(c: &Check) -> &'static str {
    match c.params.get("claim").map(String::as_str) {
        Some("subject") => {
            "This part has the subject of a PEC message but carries no provider signature: what it says is not certified."
        }
        Some("daticert") => {
            "This part holds a daticert.xml outside any signature: that data is not certified."
        }
        Some("multipart-signed") => {
            "This part presents itself as a signed message, but its parts are missing: there is nothing to verify."
        }
        _ => {
            "This part has the headers of a PEC message but carries no provider signature: what it says is not certified."
        }
    }
}
