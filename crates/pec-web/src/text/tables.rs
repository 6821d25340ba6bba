//! The sentence tables each language fills in, and the one place that chooses among them.
//! A language is data: a struct literal per table, where a missing sentence does not compile,
//! and no language repeats the choosing.

use pec::check::{Ambiguity, Claim, Fault, LayoutProblem, Revocation};
use pec::filetype::Detected;
use pec::kind::{Kind, ReceiptType};
use pec::{Check, CheckId, InputError, Param, Status};

use super::Fact;

/// The sentence of every check, with `{param}` where one of its details goes (a [`Param`]'s
/// name; coded details choose the sentence instead). Named after the check: `_pass` when it
/// passes, `_fail` otherwise, a bare name whatever its status, and the coded reasons by name.
///
/// [`Param`]: pec::Param
pub struct Checks {
    pub mime_signed_entity: &'static str,
    pub mime_signature_part: &'static str,
    pub mime_boundaries_pass: &'static str,
    pub mime_boundaries_fail: &'static str,
    pub mime_too_deep: &'static str,
    pub mime_unlisted: &'static str,
    pub mime_opaque_signature: &'static str,
    pub mime_incomplete: &'static str,
    pub kind_not_pec: &'static str,
    pub postacert_structure_pass: &'static str,
    pub postacert_structure_fail: &'static str,
    pub cms_parse_pass: &'static str,
    pub cms_parse_not_signed_data: &'static str,
    pub cms_parse_no_signer: &'static str,
    pub cms_parse_fail: &'static str,
    pub cms_signers_pass: &'static str,
    pub cms_signers_fail: &'static str,
    pub cms_algorithm_pass: &'static str,
    pub cms_algorithm_fail: &'static str,
    pub cms_signer_certificate_pass: &'static str,
    pub cms_signer_certificate_fail: &'static str,
    pub cms_content_type_pass: &'static str,
    pub cms_content_type_fail: &'static str,
    pub cms_message_digest_pass: &'static str,
    pub cms_message_digest_absent: &'static str,
    pub cms_message_digest_fail: &'static str,
    pub cms_signature_pass: &'static str,
    pub cms_signature_fail: &'static str,
    pub cms_sha1: &'static str,
    pub cms_signing_time: &'static str,
    pub trust_chain_pass: &'static str,
    pub trust_chain_fail: &'static str,
    pub trust_certificate_signatures_pass: &'static str,
    pub trust_certificate_signatures_fail: &'static str,
    pub trust_pec_ca_pass: &'static str,
    pub trust_pec_ca_fail: &'static str,
    pub trust_validity_pass: &'static str,
    pub trust_validity_fail: &'static str,
    pub trust_key_size_pass: &'static str,
    pub trust_key_size_weak: &'static str,
    pub trust_key_size_fail: &'static str,
    pub trust_ca_basic_constraints_pass: &'static str,
    pub trust_ca_basic_constraints_fail: &'static str,
    pub trust_pec_policy_pass: &'static str,
    pub trust_pec_policy_fail: &'static str,
    pub trust_critical_extensions_pass: &'static str,
    pub trust_critical_extensions_fail: &'static str,
    pub trust_key_usage_pass: &'static str,
    pub trust_key_usage_fail: &'static str,
    pub trust_provider_email_pass: &'static str,
    pub trust_provider_email_fail: &'static str,
    pub trust_name_constraints_pass: &'static str,
    pub trust_name_constraints_unreadable: &'static str,
    pub trust_name_constraints_fail: &'static str,
    pub trust_sender_pass: &'static str,
    pub trust_sender_fail: &'static str,
    pub daticert_present: &'static str,
    pub daticert_unambiguous_pass: &'static str,
    pub daticert_repeated: &'static str,
    pub daticert_nested_in_text: &'static str,
    pub daticert_duplicate_attribute: &'static str,
    pub daticert_doctype_subset: &'static str,
    pub daticert_ambiguous: &'static str,
    pub daticert_tipo_pass: &'static str,
    pub daticert_tipo_fail: &'static str,
    pub daticert_gestore_pass: &'static str,
    pub daticert_gestore_fail: &'static str,
    pub headers_receipt_type_pass: &'static str,
    pub headers_receipt_type_fail: &'static str,
    pub headers_security_pass: &'static str,
    pub headers_security_fail: &'static str,
    pub headers_kind_pass: &'static str,
    pub headers_kind_fail: &'static str,
    pub headers_subject_pass: &'static str,
    pub headers_subject_fail: &'static str,
    pub headers_message_id_pass: &'static str,
    pub headers_riferimento_message_id_fail: &'static str,
    pub headers_message_id_fail: &'static str,
    pub headers_date_pass: &'static str,
    pub headers_date_fail: &'static str,
    pub time_signing_time_pass: &'static str,
    pub time_signing_time_fail: &'static str,
    pub time_future_pass: &'static str,
    pub time_future_fail: &'static str,
    pub time_at_before_signing_pass: &'static str,
    pub time_at_before_signing_fail: &'static str,
    pub postacert_sender_pass: &'static str,
    pub postacert_sender_fail: &'static str,
    pub postacert_recipients_pass: &'static str,
    pub postacert_recipients_fail: &'static str,
    pub postacert_subject_pass: &'static str,
    pub postacert_subject_fail: &'static str,
    pub mime_layout_pass: &'static str,
    pub layout_daticert_repeated: &'static str,
    pub layout_postacert_repeated: &'static str,
    pub layout_postacert_not_last: &'static str,
    pub layout_daticert_after_postacert: &'static str,
    pub layout_postacert_not_message: &'static str,
    pub layout_misplaced: &'static str,
    pub layout_not_pec: &'static str,
    pub unsigned_subject: &'static str,
    pub unsigned_daticert: &'static str,
    pub unsigned_signed: &'static str,
    pub unsigned_header: &'static str,
    pub daticert_well_formed_pass: &'static str,
    pub daticert_too_large: &'static str,
    pub daticert_not_daticert: &'static str,
    pub daticert_missing: &'static str,
    pub daticert_invalid: &'static str,
    pub daticert_malformed: &'static str,
    pub trust_revocation_not_checked: &'static str,
    pub trust_revocation_not_revoked: &'static str,
    pub trust_revocation_revoked_before: &'static str,
    pub trust_revocation_revoked_after: &'static str,
    pub trust_revocation_list_before: &'static str,
    pub trust_revocation_list_after_expiry: &'static str,
    pub trust_revocation_list_not_signed: &'static str,
    pub trust_revocation_list_partial: &'static str,
    pub file_signature_pass_at: &'static str,
    pub file_signature_pass: &'static str,
    pub file_signature_fail: &'static str,
    pub file_qualification_not_checked: &'static str,
}

/// Why a message did not pass, one sentence per group of checks that can decide it.
pub struct Failures {
    pub modified: &'static str,
    pub invalid_signature: &'static str,
    pub layout: &'static str,
    pub unsigned: &'static str,
    pub too_deep: &'static str,
    pub unlisted: &'static str,
    pub opaque: &'static str,
    pub incomplete: &'static str,
    pub not_pec: &'static str,
    pub damaged: &'static str,
    pub algorithm: &'static str,
    pub signers: &'static str,
    pub key_size: &'static str,
    pub validity: &'static str,
    pub not_pec_provider: &'static str,
    pub critical_extension: &'static str,
    pub signing_time: &'static str,
    pub future: &'static str,
    pub at_before_signing: &'static str,
    pub daticert_unreadable: &'static str,
    pub daticert_ambiguous: &'static str,
    pub revoked: &'static str,
    pub general: &'static str,
}

/// What each kind of message is called.
pub struct Kinds {
    pub accettazione: &'static str,
    pub non_accettazione: &'static str,
    pub presa_in_carico: &'static str,
    pub posta_certificata: &'static str,
    pub avvenuta_consegna: &'static str,
    pub errore_consegna: &'static str,
    pub preavviso_errore_consegna: &'static str,
    pub rilevazione_virus: &'static str,
    pub busta_anomalia: &'static str,
    pub unknown: &'static str,
}

/// Why a file holds no message to verify.
pub struct InputErrors {
    pub empty: &'static str,
    pub not_email: &'static str,
    pub unsigned: &'static str,
    pub too_large: &'static str,
    pub msg_unsigned: &'static str,
    pub msg_unreadable: &'static str,
    pub incomplete: &'static str,
    pub zip_bomb: &'static str,
    pub zip_unsupported: &'static str,
    pub print: &'static str,
    pub office: &'static str,
    pub crl: &'static str,
}

/// What each [`Fact`] attests: a clause (with `{when}`, `{sender}`, `{to}`) and what follows
/// from it.
pub struct Facts {
    pub accettazione: (&'static str, &'static str),
    pub non_accettazione: (&'static str, &'static str),
    pub non_accettazione_virus: (&'static str, &'static str),
    pub presa_in_carico: (&'static str, &'static str),
    pub posta_certificata: (&'static str, &'static str),
    pub avvenuta_consegna: (&'static str, &'static str),
    pub errore_consegna: (&'static str, &'static str),
    pub errore_consegna_virus: (&'static str, &'static str),
    pub timeout_12h: (&'static str, &'static str),
    pub timeout_24h: (&'static str, &'static str),
    pub rilevazione_virus: (&'static str, &'static str),
    pub busta_anomalia: (&'static str, &'static str),
    pub unknown: (&'static str, &'static str),
}

/// What a file is, by its first bytes ([`Detected`]).
pub struct Detections {
    pub pdf: &'static str,
    pub zip: &'static str,
    pub office_legacy: &'static str,
    pub executable: &'static str,
    pub elf: &'static str,
    pub shortcut: &'static str,
    pub script: &'static str,
    pub png: &'static str,
    pub jpeg: &'static str,
    pub gif: &'static str,
    pub xml: &'static str,
    pub html: &'static str,
    pub rtf: &'static str,
    pub der: &'static str,
}

/// One sentence or name per receipt type.
pub struct ByReceipt {
    pub completa: &'static str,
    pub breve: &'static str,
    pub sintetica: &'static str,
}

impl Checks {
    /// The sentence for `c`, with `{param}` where one of its details goes. One arm per check,
    /// so that a new check without sentences does not compile.
    pub fn template(&self, c: &Check) -> &'static str {
        let ok = c.is_pass();
        let two = |pass, fail| if ok { pass } else { fail };
        match c.id {
            CheckId::FileSignature if ok && c.value(Param::SigningTime).is_some() => {
                self.file_signature_pass_at
            }
            CheckId::FileSignature => two(self.file_signature_pass, self.file_signature_fail),
            CheckId::FileQualificationNotChecked => self.file_qualification_not_checked,
            CheckId::MimeSignedEntity => self.mime_signed_entity,
            CheckId::MimeSignaturePart => self.mime_signature_part,
            CheckId::MimeBoundaries => two(self.mime_boundaries_pass, self.mime_boundaries_fail),
            CheckId::MimeLayout => self.layout(c.layout_problem()),
            CheckId::MimeUnsigned => self.unsigned(c.claim()),
            CheckId::MimeTooDeep => self.mime_too_deep,
            CheckId::MimeUnlisted => self.mime_unlisted,
            CheckId::MimeOpaqueSignature => self.mime_opaque_signature,
            CheckId::MimeIncomplete => self.mime_incomplete,
            CheckId::KindNotPec => self.kind_not_pec,
            CheckId::PostacertStructure => {
                two(self.postacert_structure_pass, self.postacert_structure_fail)
            }
            CheckId::CmsParse => two(self.cms_parse_pass, self.cms_parse(c.fault())),
            CheckId::CmsSigners => two(self.cms_signers_pass, self.cms_signers_fail),
            CheckId::CmsAlgorithm => two(self.cms_algorithm_pass, self.cms_algorithm_fail),
            CheckId::CmsSignerCertificate => two(
                self.cms_signer_certificate_pass,
                self.cms_signer_certificate_fail,
            ),
            CheckId::CmsContentType => two(self.cms_content_type_pass, self.cms_content_type_fail),
            CheckId::CmsMessageDigest => match c.fault() {
                _ if ok => self.cms_message_digest_pass,
                Some(_) => self.cms_message_digest_absent,
                None => self.cms_message_digest_fail,
            },
            CheckId::CmsSignature => two(self.cms_signature_pass, self.cms_signature_fail),
            CheckId::CmsSha1 => self.cms_sha1,
            CheckId::CmsSigningTime => self.cms_signing_time,
            CheckId::TrustChain => two(self.trust_chain_pass, self.trust_chain_fail),
            CheckId::TrustCertificateSignatures => two(
                self.trust_certificate_signatures_pass,
                self.trust_certificate_signatures_fail,
            ),
            CheckId::TrustPecCa => two(self.trust_pec_ca_pass, self.trust_pec_ca_fail),
            CheckId::TrustValidity => two(self.trust_validity_pass, self.trust_validity_fail),
            CheckId::TrustKeySize => match c.status {
                Status::Pass => self.trust_key_size_pass,
                Status::Warn => self.trust_key_size_weak,
                Status::Fail | Status::Info => self.trust_key_size_fail,
            },
            CheckId::TrustCaBasicConstraints => two(
                self.trust_ca_basic_constraints_pass,
                self.trust_ca_basic_constraints_fail,
            ),
            CheckId::TrustPecPolicy => two(self.trust_pec_policy_pass, self.trust_pec_policy_fail),
            CheckId::TrustCriticalExtensions => two(
                self.trust_critical_extensions_pass,
                self.trust_critical_extensions_fail,
            ),
            CheckId::TrustKeyUsage => two(self.trust_key_usage_pass, self.trust_key_usage_fail),
            CheckId::TrustProviderEmail => two(
                self.trust_provider_email_pass,
                self.trust_provider_email_fail,
            ),
            CheckId::TrustNameConstraints => match c.fault() {
                _ if ok => self.trust_name_constraints_pass,
                Some(_) => self.trust_name_constraints_unreadable,
                None => self.trust_name_constraints_fail,
            },
            CheckId::TrustSender => two(self.trust_sender_pass, self.trust_sender_fail),
            CheckId::TrustRevocationNotChecked => self.trust_revocation_not_checked,
            CheckId::TrustRevocation => self.revocation(c.revocation()),
            CheckId::DaticertPresent => self.daticert_present,
            CheckId::DaticertWellFormed => {
                two(self.daticert_well_formed_pass, self.daticert(c.fault()))
            }
            CheckId::DaticertUnambiguous => two(
                self.daticert_unambiguous_pass,
                self.ambiguity(c.ambiguity()),
            ),
            CheckId::DaticertTipo => two(self.daticert_tipo_pass, self.daticert_tipo_fail),
            CheckId::DaticertGestore => two(self.daticert_gestore_pass, self.daticert_gestore_fail),
            CheckId::HeadersReceiptType => two(
                self.headers_receipt_type_pass,
                self.headers_receipt_type_fail,
            ),
            CheckId::HeadersSecurity => two(self.headers_security_pass, self.headers_security_fail),
            CheckId::HeadersKind => two(self.headers_kind_pass, self.headers_kind_fail),
            CheckId::HeadersSubject => two(self.headers_subject_pass, self.headers_subject_fail),
            CheckId::HeadersRiferimentoMessageId => two(
                self.headers_message_id_pass,
                self.headers_riferimento_message_id_fail,
            ),
            CheckId::HeadersMessageId => {
                two(self.headers_message_id_pass, self.headers_message_id_fail)
            }
            CheckId::HeadersDate => two(self.headers_date_pass, self.headers_date_fail),
            CheckId::TimeSigningTime => {
                two(self.time_signing_time_pass, self.time_signing_time_fail)
            }
            CheckId::TimeFuture => two(self.time_future_pass, self.time_future_fail),
            CheckId::TimeAtBeforeSigning => two(
                self.time_at_before_signing_pass,
                self.time_at_before_signing_fail,
            ),
            CheckId::PostacertSender => two(self.postacert_sender_pass, self.postacert_sender_fail),
            CheckId::PostacertRecipients => two(
                self.postacert_recipients_pass,
                self.postacert_recipients_fail,
            ),
            CheckId::PostacertSubject => {
                two(self.postacert_subject_pass, self.postacert_subject_fail)
            }
        }
    }

    fn layout(&self, problem: Option<LayoutProblem>) -> &'static str {
        match problem {
            None => self.mime_layout_pass,
            Some(LayoutProblem::DaticertRepeated) => self.layout_daticert_repeated,
            Some(LayoutProblem::PostacertRepeated) => self.layout_postacert_repeated,
            Some(LayoutProblem::PostacertNotLast) => self.layout_postacert_not_last,
            Some(LayoutProblem::DaticertAfterPostacert) => self.layout_daticert_after_postacert,
            Some(LayoutProblem::PostacertNotMessage) => self.layout_postacert_not_message,
            Some(LayoutProblem::DaticertNested | LayoutProblem::PostacertNested) => {
                self.layout_misplaced
            }
            Some(LayoutProblem::NotMime | LayoutProblem::NotMultipart) => self.layout_not_pec,
        }
    }

    fn revocation(&self, finding: Option<Revocation>) -> &'static str {
        match finding {
            Some(Revocation::NotRevoked) => self.trust_revocation_not_revoked,
            Some(Revocation::RevokedBeforeSigning) => self.trust_revocation_revoked_before,
            Some(Revocation::RevokedAfterSigning) => self.trust_revocation_revoked_after,
            Some(Revocation::ListBeforeSigning) => self.trust_revocation_list_before,
            Some(Revocation::ListAfterExpiry) => self.trust_revocation_list_after_expiry,
            Some(Revocation::ListNotSigned) => self.trust_revocation_list_not_signed,
            Some(Revocation::ListPartial) | None => self.trust_revocation_list_partial,
        }
    }

    fn unsigned(&self, claim: Option<Claim>) -> &'static str {
        match claim {
            Some(Claim::Subject) => self.unsigned_subject,
            Some(Claim::Daticert) => self.unsigned_daticert,
            Some(Claim::Signed) => self.unsigned_signed,
            Some(Claim::Header) | None => self.unsigned_header,
        }
    }

    fn cms_parse(&self, fault: Option<Fault>) -> &'static str {
        match fault {
            Some(Fault::NotSignedData) => self.cms_parse_not_signed_data,
            Some(Fault::NoSigner) => self.cms_parse_no_signer,
            _ => self.cms_parse_fail,
        }
    }

    fn daticert(&self, fault: Option<Fault>) -> &'static str {
        match fault {
            Some(Fault::TooLarge) => self.daticert_too_large,
            Some(Fault::NotDaticert) => self.daticert_not_daticert,
            Some(Fault::Missing) => self.daticert_missing,
            Some(Fault::Invalid) => self.daticert_invalid,
            Some(
                Fault::Malformed
                | Fault::NotDer
                | Fault::NotSignedData
                | Fault::NoSigner
                | Fault::NoMessageDigest
                | Fault::UnreadableExtension,
            )
            | None => self.daticert_malformed,
        }
    }

    fn ambiguity(&self, ambiguity: Option<Ambiguity>) -> &'static str {
        match ambiguity {
            Some(Ambiguity::Repeated) => self.daticert_repeated,
            Some(Ambiguity::NestedInText) => self.daticert_nested_in_text,
            Some(Ambiguity::DuplicateAttribute) => self.daticert_duplicate_attribute,
            Some(Ambiguity::DoctypeSubset) => self.daticert_doctype_subset,
            None => self.daticert_ambiguous,
        }
    }
}

impl Failures {
    /// Why the message did not pass, from the check that decided it. The checks of the last
    /// arm only pass, warn or inform: they never decide a verdict, and get the general sentence.
    pub fn of(&self, id: CheckId) -> &'static str {
        match id {
            CheckId::CmsMessageDigest => self.modified,
            CheckId::CmsSignature | CheckId::TrustCertificateSignatures => self.invalid_signature,
            CheckId::MimeBoundaries | CheckId::MimeLayout => self.layout,
            CheckId::MimeUnsigned => self.unsigned,
            CheckId::MimeTooDeep => self.too_deep,
            CheckId::MimeUnlisted => self.unlisted,
            CheckId::MimeOpaqueSignature => self.opaque,
            CheckId::MimeIncomplete => self.incomplete,
            CheckId::KindNotPec => self.not_pec,
            CheckId::CmsParse
            | CheckId::MimeSignaturePart
            | CheckId::CmsSignerCertificate
            | CheckId::CmsContentType => self.damaged,
            CheckId::CmsAlgorithm => self.algorithm,
            CheckId::CmsSigners => self.signers,
            CheckId::TrustKeySize => self.key_size,
            CheckId::TrustValidity => self.validity,
            CheckId::TrustChain
            | CheckId::TrustPecCa
            | CheckId::TrustPecPolicy
            | CheckId::TrustKeyUsage
            | CheckId::TrustNameConstraints
            | CheckId::TrustCaBasicConstraints
            | CheckId::TrustProviderEmail => self.not_pec_provider,
            CheckId::TrustCriticalExtensions => self.critical_extension,
            CheckId::CmsSigningTime | CheckId::TimeSigningTime => self.signing_time,
            CheckId::TimeFuture => self.future,
            CheckId::TimeAtBeforeSigning => self.at_before_signing,
            CheckId::DaticertPresent | CheckId::DaticertWellFormed | CheckId::DaticertTipo => {
                self.daticert_unreadable
            }
            CheckId::DaticertUnambiguous => self.daticert_ambiguous,
            CheckId::TrustRevocation => self.revoked,
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
            | CheckId::FileQualificationNotChecked => self.general,
        }
    }
}

impl Kinds {
    pub fn of(&self, kind: Option<Kind>) -> &'static str {
        match kind {
            Some(Kind::Accettazione) => self.accettazione,
            Some(Kind::NonAccettazione) => self.non_accettazione,
            Some(Kind::PresaInCarico) => self.presa_in_carico,
            Some(Kind::PostaCertificata) => self.posta_certificata,
            Some(Kind::AvvenutaConsegna) => self.avvenuta_consegna,
            Some(Kind::ErroreConsegna) => self.errore_consegna,
            Some(Kind::PreavvisoErroreConsegna) => self.preavviso_errore_consegna,
            Some(Kind::RilevazioneVirus) => self.rilevazione_virus,
            Some(Kind::BustaAnomalia) => self.busta_anomalia,
            None => self.unknown,
        }
    }
}

impl InputErrors {
    pub fn of(&self, error: InputError) -> &'static str {
        match error {
            InputError::Empty => self.empty,
            InputError::NotEmail => self.not_email,
            InputError::Unsigned => self.unsigned,
            InputError::TooLarge => self.too_large,
            InputError::MsgUnsigned => self.msg_unsigned,
            InputError::MsgUnreadable => self.msg_unreadable,
            InputError::Incomplete => self.incomplete,
            InputError::ZipBomb => self.zip_bomb,
            InputError::ZipUnsupported => self.zip_unsupported,
            InputError::Print => self.print,
            InputError::Office => self.office,
            InputError::Crl => self.crl,
        }
    }
}

impl Facts {
    pub fn of(&self, fact: Fact) -> (&'static str, &'static str) {
        match fact {
            Fact::Accettazione => self.accettazione,
            Fact::NonAccettazione => self.non_accettazione,
            Fact::NonAccettazioneVirus => self.non_accettazione_virus,
            Fact::PresaInCarico => self.presa_in_carico,
            Fact::PostaCertificata => self.posta_certificata,
            Fact::AvvenutaConsegna => self.avvenuta_consegna,
            Fact::ErroreConsegna => self.errore_consegna,
            Fact::ErroreConsegnaVirus => self.errore_consegna_virus,
            Fact::Timeout12h => self.timeout_12h,
            Fact::Timeout24h => self.timeout_24h,
            Fact::RilevazioneVirus => self.rilevazione_virus,
            Fact::BustaAnomalia => self.busta_anomalia,
            Fact::Unknown => self.unknown,
        }
    }
}

impl ByReceipt {
    pub fn of(&self, receipt: ReceiptType) -> &'static str {
        match receipt {
            ReceiptType::Completa => self.completa,
            ReceiptType::Breve => self.breve,
            ReceiptType::Sintetica => self.sintetica,
        }
    }
}

impl Detections {
    pub fn of(&self, detected: Detected) -> &'static str {
        match detected {
            Detected::Pdf => self.pdf,
            Detected::Zip => self.zip,
            Detected::OfficeLegacy => self.office_legacy,
            Detected::Executable => self.executable,
            Detected::Elf => self.elf,
            Detected::Shortcut => self.shortcut,
            Detected::Script => self.script,
            Detected::Png => self.png,
            Detected::Jpeg => self.jpeg,
            Detected::Gif => self.gif,
            Detected::Xml => self.xml,
            Detected::Html => self.html,
            Detected::Rtf => self.rtf,
            Detected::Der => self.der,
        }
    }
}
