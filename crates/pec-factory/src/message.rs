//! PEC messages of every kind of the technical rules' table, laid out as Aruba's real ones
//! (S/MIME multipart/signed over text, daticert.xml and postacert.eml), with the knobs that break them.
//!
//! One builder: [`Message::new`] fills in a realistic message of a [`Kind`]; its public fields
//! are the knobs; [`Message::build`] renders the `.eml` bytes. [`Failure`] names the knob
//! settings each verifier failure comes from.

use der::{Decode, Encode};
use x509_cert::Certificate;

use crate::Digest;
use crate::encoding::{
    base64_lines, header_text, hex, quoted_printable, replace_first, xml_escape,
};
use crate::layout::{Injection, Layout, Parts};
use crate::pki::{ABUSIVO, ALTRA, Issuer, KeyAlgorithm, Leaf, PROVA};
use crate::smime::{self, Ber, Signature};
use crate::time::{Instant, utc};

/// The kind of receipt the sender asked for (`ricevuta/@tipo`, `X-TipoRicevuta`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ricevuta {
    Completa,
    Breve,
    Sintetica,
}

impl Ricevuta {
    pub fn name(self) -> &'static str {
        match self {
            Self::Completa => "completa",
            Self::Breve => "breve",
            Self::Sintetica => "sintetica",
        }
    }
}

/// Why a delivery failed (`postacert/@errore` of an errore-consegna).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErroreConsegna {
    NoDest,
    NoDominio,
    Altro,
    Virus,
}

impl ErroreConsegna {
    pub fn name(self) -> &'static str {
        match self {
            Self::NoDest => "no-dest",
            Self::NoDominio => "no-dominio",
            Self::Altro => "altro",
            Self::Virus => "virus",
        }
    }
}

/// A row of the technical rules' table of PEC messages (RFC 6109 §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Accettazione,
    NonAccettazione,
    NonAccettazioneVirus,
    PresaInCarico,
    PostaCertificata(Ricevuta),
    AvvenutaConsegna(Ricevuta),
    ErroreConsegna(ErroreConsegna),
    /// The 12-hour notice.
    PreavvisoErroreConsegna,
    /// The final 24-hour notice Aruba and Namirial send as a preavviso with code 5.4.1.
    PreavvisoErroreConsegna24h,
    RilevazioneVirus,
    /// The busta di anomalia: no daticert.xml.
    BustaAnomalia,
}

/// What of the original message a kind carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Original {
    None,
    /// `postacert.eml`, whole.
    Whole,
    /// `postacert.eml` with every file replaced by its `.hash` (ricevuta breve).
    Hashes,
}

impl Kind {
    pub const ALL: [Self; 18] = [
        Self::Accettazione,
        Self::NonAccettazione,
        Self::NonAccettazioneVirus,
        Self::PresaInCarico,
        Self::PostaCertificata(Ricevuta::Completa),
        Self::PostaCertificata(Ricevuta::Breve),
        Self::PostaCertificata(Ricevuta::Sintetica),
        Self::AvvenutaConsegna(Ricevuta::Completa),
        Self::AvvenutaConsegna(Ricevuta::Breve),
        Self::AvvenutaConsegna(Ricevuta::Sintetica),
        Self::ErroreConsegna(ErroreConsegna::NoDest),
        Self::ErroreConsegna(ErroreConsegna::NoDominio),
        Self::ErroreConsegna(ErroreConsegna::Altro),
        Self::ErroreConsegna(ErroreConsegna::Virus),
        Self::PreavvisoErroreConsegna,
        Self::PreavvisoErroreConsegna24h,
        Self::RilevazioneVirus,
        Self::BustaAnomalia,
    ];

    /// A file-name friendly name: `avvenuta-consegna-breve`, `errore-consegna-no-dest`.
    pub fn name(self) -> String {
        match self {
            Self::PostaCertificata(r) | Self::AvvenutaConsegna(r) => {
                format!("{}-{}", self.header().1, r.name())
            }
            Self::ErroreConsegna(e) => format!("errore-consegna-{}", e.name()),
            Self::NonAccettazioneVirus => "non-accettazione-virus".into(),
            Self::PreavvisoErroreConsegna24h => "preavviso-errore-consegna-24h".into(),
            Self::BustaAnomalia => "busta-anomalia".into(),
            _ => self.header().1.into(),
        }
    }

    /// daticert's `tipo`; `None` for the busta di anomalia, which has no daticert.
    pub fn tipo(self) -> Option<&'static str> {
        match self {
            Self::BustaAnomalia => None,
            _ => Some(self.header().1),
        }
    }

    /// daticert's `errore`.
    pub fn errore(self) -> &'static str {
        match self {
            Self::NonAccettazioneVirus | Self::RilevazioneVirus => "virus",
            Self::ErroreConsegna(e) => e.name(),
            Self::NonAccettazione
            | Self::PreavvisoErroreConsegna
            | Self::PreavvisoErroreConsegna24h => "altro",
            _ => "nessuno",
        }
    }

    /// The header that names the kind, and its value.
    pub fn header(self) -> (&'static str, &'static str) {
        let ricevuta = |value| ("X-Ricevuta", value);
        match self {
            Self::Accettazione => ricevuta("accettazione"),
            Self::NonAccettazione | Self::NonAccettazioneVirus => ricevuta("non-accettazione"),
            Self::PresaInCarico => ricevuta("presa-in-carico"),
            Self::PostaCertificata(_) => ("X-Trasporto", "posta-certificata"),
            Self::AvvenutaConsegna(_) => ricevuta("avvenuta-consegna"),
            Self::ErroreConsegna(_) => ricevuta("errore-consegna"),
            Self::PreavvisoErroreConsegna | Self::PreavvisoErroreConsegna24h => {
                ricevuta("preavviso-errore-consegna")
            }
            Self::RilevazioneVirus => ricevuta("rilevazione-virus"),
            Self::BustaAnomalia => ("X-Trasporto", "errore"),
        }
    }

    pub fn subject_prefix(self) -> &'static str {
        match self {
            Self::Accettazione => "ACCETTAZIONE: ",
            Self::NonAccettazione => "AVVISO DI NON ACCETTAZIONE: ",
            Self::NonAccettazioneVirus => "AVVISO DI NON ACCETTAZIONE PER VIRUS: ",
            Self::PresaInCarico => "PRESA IN CARICO: ",
            Self::PostaCertificata(_) => "POSTA CERTIFICATA: ",
            Self::AvvenutaConsegna(_) => "CONSEGNA: ",
            Self::ErroreConsegna(ErroreConsegna::Virus) => "AVVISO DI MANCATA CONSEGNA PER VIRUS: ",
            Self::ErroreConsegna(_) => "AVVISO DI MANCATA CONSEGNA: ",
            Self::PreavvisoErroreConsegna | Self::PreavvisoErroreConsegna24h => {
                "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: "
            }
            Self::RilevazioneVirus => "PROBLEMA DI SICUREZZA: ",
            Self::BustaAnomalia => "ANOMALIA MESSAGGIO: ",
        }
    }

    /// The virus forms carry `X-VerificaSicurezza: errore`.
    fn virus_header(self) -> bool {
        matches!(
            self,
            Self::NonAccettazioneVirus | Self::ErroreConsegna(ErroreConsegna::Virus)
        )
    }

    /// Signed by the recipient's provider rather than the sender's.
    fn by_recipient_provider(self) -> bool {
        matches!(
            self,
            Self::PresaInCarico
                | Self::BustaAnomalia
                | Self::RilevazioneVirus
                | Self::AvvenutaConsegna(_)
                | Self::ErroreConsegna(
                    ErroreConsegna::NoDest | ErroreConsegna::NoDominio | ErroreConsegna::Altro
                )
        )
    }

    fn original(self) -> Original {
        match self {
            Self::PostaCertificata(_)
            | Self::AvvenutaConsegna(Ricevuta::Completa)
            | Self::BustaAnomalia => Original::Whole,
            Self::AvvenutaConsegna(Ricevuta::Breve) => Original::Hashes,
            _ => Original::None,
        }
    }

    fn ricevuta(self) -> Option<Ricevuta> {
        match self {
            Self::PostaCertificata(r) | Self::AvvenutaConsegna(r) => Some(r),
            _ => None,
        }
    }

    /// The title and the sentence of the human-readable part.
    fn wording(self) -> (&'static str, &'static str) {
        match self {
            Self::Accettazione => (
                "Ricevuta di accettazione",
                "è stato accettato dal sistema ed inoltrato.",
            ),
            Self::NonAccettazione => (
                "Avviso di non accettazione",
                "non è stato accettato dal sistema a causa di un errore formale.",
            ),
            Self::NonAccettazioneVirus => (
                "Avviso di non accettazione per virus",
                "non è stato accettato perché contiene un virus informatico.",
            ),
            Self::PresaInCarico => (
                "Ricevuta di presa in carico",
                "è stato preso in carico dal gestore di posta certificata del destinatario.",
            ),
            Self::PostaCertificata(_) => (
                "Messaggio di posta certificata",
                "è stato inviato come posta certificata: il messaggio originale è incluso in allegato.",
            ),
            Self::AvvenutaConsegna(_) => (
                "Ricevuta di avvenuta consegna",
                "è stato correttamente consegnato al destinatario.",
            ),
            Self::ErroreConsegna(ErroreConsegna::Virus) => (
                "Avviso di mancata consegna per virus",
                "non è stato consegnato perché contiene un virus informatico.",
            ),
            Self::ErroreConsegna(_) => (
                "Avviso di mancata consegna",
                "non è stato consegnato al destinatario.",
            ),
            Self::PreavvisoErroreConsegna => (
                "Avviso di mancata consegna per superamento dei tempi massimi",
                "non è stato consegnato nelle prime 12 ore dall'invio.",
            ),
            Self::PreavvisoErroreConsegna24h => (
                "Avviso di mancata consegna per superamento dei tempi massimi",
                "non è stato consegnato entro 24 ore dall'invio: la consegna non è più possibile.",
            ),
            Self::RilevazioneVirus => (
                "Avviso di rilevazione virus",
                "contiene un virus informatico ed è stato bloccato.",
            ),
            Self::BustaAnomalia => (
                "Anomalia nel messaggio",
                "è stato ricevuto ma non può essere certificato: il messaggio originale è incluso in allegato.",
            ),
        }
    }

    /// daticert's `errore-esteso`, in AgID nota 12's "X.Y.Z - gestore - descrizione" form.
    fn errore_esteso(self, gestore: &str) -> Option<String> {
        let (code, text) = match self {
            Self::NonAccettazione => ("5.7.1", "destinatario non valido"),
            Self::NonAccettazioneVirus | Self::RilevazioneVirus => ("5.7.0", "virus rilevato"),
            Self::ErroreConsegna(ErroreConsegna::NoDest) => ("5.1.1", "casella inesistente"),
            Self::ErroreConsegna(ErroreConsegna::NoDominio) => ("5.1.2", "dominio inesistente"),
            Self::ErroreConsegna(ErroreConsegna::Altro) => ("5.2.2", "casella piena"),
            Self::ErroreConsegna(ErroreConsegna::Virus) => ("5.7.0", "virus rilevato"),
            Self::PreavvisoErroreConsegna => ("4.4.7", "consegna non ancora avvenuta"),
            Self::PreavvisoErroreConsegna24h => ("5.4.1", "tempo massimo di consegna superato"),
            _ => return None,
        };
        Some(format!("{code} - {gestore} - {text}"))
    }
}

/// What daticert.xml certifies (every element of the DTD), also the source of the headers,
/// the text and postacert.eml, so they agree unless a knob says otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub tipo: String,
    pub errore: String,
    pub mittente: String,
    /// (address, `certificato` | `esterno`).
    pub destinatari: Vec<(String, String)>,
    pub risposte: String,
    pub oggetto: String,
    pub gestore_emittente: String,
    pub data: Instant,
    pub identificativo: String,
    /// The client's original Message-ID, with its angle brackets.
    pub msgid: String,
    pub ricevuta: Option<Ricevuta>,
    pub consegna: Option<String>,
    pub ricezione: Vec<String>,
    pub errore_esteso: Option<String>,
}

/// A file of the original message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// How daticert.xml is written into the signed entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DaticertPart {
    Written,
    /// Left out (before signing).
    Absent,
    /// Cut in the middle of an element (before signing): not well-formed XML.
    Truncated,
}

/// A change made after signing, to the bytes the signature covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The time in the human-readable text.
    Text,
    /// The certified time in daticert.xml, a day earlier.
    Daticert,
    /// One byte of the first file of postacert.eml.
    Attachment,
    /// One bit of the signed entity's byte at this offset (modulo its length).
    Byte(usize),
}

/// A PEC message to build. [`Message::new`] fills every field realistically; change any of them
/// to make the message say something else or break it.
#[derive(Clone, Debug)]
pub struct Message {
    pub kind: Kind,
    pub facts: Facts,
    /// The provider certificate that signs.
    pub signer: Leaf,
    pub digest: Digest,
    /// The CMS signingTime (Unix seconds).
    pub signing_time: i64,
    /// The files of the original message.
    pub attachments: Vec<Attachment>,
    /// Outer header changes, made last: `Some` replaces (or adds) the header, `None` removes it.
    pub headers: Vec<(String, Option<String>)>,
    pub daticert: DaticertPart,
    pub edit: Option<Edit>,
    pub corrupt_signature_value: bool,
    pub corrupt_message_digest: bool,
    /// The CMS names and carries another provider's certificate instead of the signer's.
    pub swap_signer_certificate: bool,
    /// The direct parts of the signed entity.
    pub layout: Layout,
    /// What the sender wrote into the original message to fool a reader, if anything.
    pub injection: Option<Injection>,
    /// daticert.xml as written into the signed entity instead of the one the facts make
    /// (start from [`daticert_xml`]): signed like a genuine one, so it reaches the verifier's
    /// reading of the certified data. Used as it is, whatever the facts or an [`Edit`] say;
    /// [`DaticertPart`] still decides whether it is left out or truncated.
    pub daticert_xml: Option<String>,
    /// A second SignerInfo over the same content and attributes, by this certificate (carried
    /// too): a PEC message has one signer.
    pub extra_signer: Option<Leaf>,
    /// Flip a bit of the second SignerInfo's signature value.
    pub corrupt_extra_signature: bool,
    /// Sign no signingTime attribute: nothing then says when the certificates must be valid.
    pub omit_signing_time: bool,
    /// When the sender sent the original: the `Date` of postacert.eml, the same in the envelope
    /// and in every receipt that carries it, however much later the receipt comes.
    pub sent: Instant,
    /// The SignedData in BER instead of DER, as mail clients write it.
    pub ber: Option<Ber>,
    /// The original's HTML body, as the sender wrote it, beside its text (a
    /// `multipart/alternative`); `None` for text alone.
    pub original_html: Option<String>,
}

/// The factory's default message time: Friday 15 March 2024, 10:30:00 in Italy (CET).
pub fn default_time() -> Instant {
    Instant {
        unix: utc(2024, 3, 15, 9, 30, 0),
        zone_minutes: 60,
    }
}

impl Message {
    /// A realistic message of `kind`, signed with RSA and SHA-256 by the provider the rules
    /// name for it.
    pub fn new(kind: Kind) -> Self {
        let gestore = if kind.by_recipient_provider() {
            ALTRA
        } else {
            PROVA
        };
        let data = default_time();
        let recipient = "protocollo@pec.altra.it".to_owned();
        let facts = Facts {
            tipo: kind.tipo().unwrap_or_default().to_owned(),
            errore: kind.errore().to_owned(),
            mittente: "mario.rossi@pec.prova.it".into(),
            destinatari: vec![
                (recipient.clone(), "certificato".into()),
                ("anna.bianchi@example.com".into(), "esterno".into()),
            ],
            risposte: "mario.rossi@pec.prova.it".into(),
            oggetto: "Richiesta di rettifica: Città di Roma, fattura 42/2024".into(),
            gestore_emittente: gestore.organization.into(),
            data,
            identificativo: format!("opec210.{}.01234.567.1.42@{}", data.stamp(), PROVA.domain),
            msgid: "<a1b2c3d4e5.20240315@client.prova.it>".into(),
            ricevuta: kind.ricevuta(),
            consegna: matches!(
                kind,
                Kind::AvvenutaConsegna(_)
                    | Kind::ErroreConsegna(_)
                    | Kind::PreavvisoErroreConsegna
                    | Kind::PreavvisoErroreConsegna24h
            )
            .then(|| recipient.clone()),
            ricezione: if kind == Kind::PresaInCarico {
                vec![recipient]
            } else {
                Vec::new()
            },
            errore_esteso: kind.errore_esteso(gestore.organization),
        };
        Self {
            kind,
            facts,
            signer: Leaf::new(gestore, KeyAlgorithm::Rsa2048),
            digest: Digest::Sha256,
            signing_time: data.unix,
            attachments: vec![
                Attachment {
                    name: "IT01234567890_00042.xml".into(),
                    content_type: "application/xml".into(),
                    bytes: b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FatturaElettronica versione=\"FPR12\">\n  <Numero>42/2024</Numero>\n  <ImportoTotaleDocumento>1220.00</ImportoTotaleDocumento>\n</FatturaElettronica>\n".to_vec(),
                },
                Attachment {
                    name: "lettera di accompagnamento.pdf".into(),
                    content_type: "application/pdf".into(),
                    bytes: document(3000),
                },
            ],
            headers: Vec::new(),
            daticert: DaticertPart::Written,
            edit: None,
            corrupt_signature_value: false,
            corrupt_message_digest: false,
            swap_signer_certificate: false,
            layout: Layout::Certified,
            injection: None,
            daticert_xml: None,
            extra_signer: None,
            corrupt_extra_signature: false,
            omit_signing_time: false,
            sent: data,
            ber: None,
            original_html: None,
        }
    }

    /// The same message with `destinatari` (address and `certificato` or `esterno`) as its
    /// recipients.
    pub fn to(mut self, destinatari: &[(&str, &str)]) -> Self {
        self.facts.destinatari = destinatari
            .iter()
            .map(|&(address, tipo)| (address.to_owned(), tipo.to_owned()))
            .collect();
        self
    }

    /// The receipt of the same sending about `recipient` (its `consegna`, for the kinds that
    /// name one), certified and signed `minutes` after the message was sent: the receipts of
    /// one sending share its identifiers, its original and its recipients.
    pub fn about(mut self, recipient: &str, minutes: i64) -> Self {
        if self.facts.consegna.is_some() {
            self.facts.consegna = Some(recipient.to_owned());
        }
        self.facts.data.unix += minutes * 60;
        self.signing_time += minutes * 60;
        self
    }

    /// The `index`-th of a series of distinct genuine messages, as a provider's day of traffic:
    /// every kind in turn, each round signed with the next of RSA and SHA-256, RSA and SHA-1,
    /// ECDSA and SHA-256, each message with its own PEC identifier and client Message-ID.
    pub fn nth_of_series(index: usize) -> Self {
        const SIGNATURES: [(KeyAlgorithm, Digest); 3] = [
            (KeyAlgorithm::Rsa2048, Digest::Sha256),
            (KeyAlgorithm::Rsa2048, Digest::Sha1),
            (KeyAlgorithm::EcdsaP256, Digest::Sha256),
        ];
        let kind = Kind::ALL[index % Kind::ALL.len()];
        let (algorithm, digest) = SIGNATURES[index / Kind::ALL.len() % SIGNATURES.len()];
        let mut message = Self::new(kind).signed_with(algorithm, digest);
        let facts = &mut message.facts;
        facts.identificativo = format!(
            "opec210.{}.{index:05}.567.1.42@{}",
            facts.data.stamp(),
            PROVA.domain
        );
        facts.msgid = format!("<a1b2c3d4e5.{index}.20240315@client.prova.it>");
        message
    }

    /// A posta-certificata envelope whose original message carries `total` bytes of files: the
    /// invoice and a covering letter that makes up the rest. The large messages a verifier
    /// must stay quick and frugal on (PEC providers accept up to 100 MB).
    pub fn large_envelope(total: usize) -> Self {
        let mut message = Self::new(Kind::PostaCertificata(Ricevuta::Completa));
        let invoice = message.attachments.first().map_or(0, |a| a.bytes.len());
        if let Some(letter) = message.attachments.get_mut(1) {
            letter.bytes = document(total.saturating_sub(invoice));
        }
        message
    }

    /// The `.eml` bytes of a [`Message::large_envelope`] whose file is `size` bytes long, give
    /// or take a line: files travel in base64, so they carry about 3/4 of it.
    pub fn large_envelope_file(size: usize) -> Vec<u8> {
        // 57 bytes of a file become a base64 line of 76 characters and a CRLF.
        let first = Self::large_envelope(size * 57 / 78).build();
        let excess = first.len().saturating_sub(size);
        Self::large_envelope((size - excess) * 57 / 78).build()
    }

    /// The same message signed with another key algorithm and digest.
    pub fn signed_with(mut self, algorithm: KeyAlgorithm, digest: Digest) -> Self {
        self.signer.algorithm = algorithm;
        self.digest = digest;
        self
    }

    /// The `.eml` bytes: signed, then edited if a knob says so.
    pub fn build(&self) -> Vec<u8> {
        let signed = self.entity(&self.facts, &self.attachments);
        let p7s = self.p7s(&signed);
        let shipped = match self.edit {
            None => signed,
            Some(Edit::Text) => {
                let (_, ora, _) = self.facts.data.daticert();
                replace_first(&signed, ora.as_bytes(), b"08:00:00")
            }
            Some(Edit::Daticert) => {
                let mut facts = self.facts.clone();
                facts.data.unix -= 86_400;
                self.entity(&facts, &self.attachments)
            }
            Some(Edit::Attachment) => {
                let mut attachments = self.attachments.clone();
                if let Some(byte) = attachments.first_mut().and_then(|a| a.bytes.first_mut()) {
                    *byte ^= 0x01;
                }
                self.entity(&self.facts, &attachments)
            }
            Some(Edit::Byte(offset)) => {
                let mut bytes = signed;
                let at = offset % bytes.len().max(1);
                if let Some(byte) = bytes.get_mut(at) {
                    *byte ^= 0x01;
                }
                bytes
            }
        };
        self.envelope(&shipped, &p7s)
    }

    /// The same message with no signature: the outer headers over the entity the provider would
    /// have signed. What a forger writes with a text editor.
    pub fn build_unsigned(&self) -> Vec<u8> {
        let signed = self.build();
        let end = signed
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map_or(0, |at| at + 2);
        let mut out: Vec<u8> = signed[..end]
            .split_inclusive(|&b| b == b'\n')
            .filter(|line| {
                !line.starts_with(b"Content-Type:") && !line.starts_with(b"MIME-Version:")
            })
            .flatten()
            .copied()
            .collect();
        out.extend_from_slice(&self.entity(&self.facts, &self.attachments));
        out
    }

    /// The DER SignedData: the provider's SignerInfo, then any extra one.
    fn p7s(&self, signed: &[u8]) -> Vec<u8> {
        let named = if self.swap_signer_certificate {
            let other = if self.signer.gestore == ALTRA {
                PROVA
            } else {
                ALTRA
            };
            Leaf::new(other, self.signer.algorithm)
        } else {
            self.signer.clone()
        };
        let der = named.der();
        let named = Certificate::from_der(&der).expect("a certificate just encoded");
        let signing_time = (!self.omit_signing_time).then_some(self.signing_time);
        let mut signatures = vec![Signature {
            digest: self.digest,
            signing_time,
            key: self.signer.key(),
            signer: named.clone(),
            chain: vec![self.signer.issuer_certificate()],
            corrupt_value: self.corrupt_signature_value,
            corrupt_message_digest: self.corrupt_message_digest,
        }];
        signatures.extend(self.extra_signer.as_ref().map(|extra| Signature {
            digest: self.digest,
            signing_time,
            key: extra.key(),
            signer: extra.certificate(),
            chain: vec![extra.issuer_certificate()],
            corrupt_value: self.corrupt_extra_signature,
            corrupt_message_digest: false,
        }));
        let p7s = smime::sign(signed, &signatures);
        // The SignedData encodes the decoded certificate: put back the bytes its issuer signed
        // (they differ with `Leaf::unsorted_rdn`).
        let encoded = named.to_der().expect("an encodable certificate");
        let p7s = replace_first(&p7s, &encoded, &der);
        match self.ber {
            Some(ber) => ber.encode(&p7s),
            None => p7s,
        }
    }

    /// Boundaries derive from the identifiers, never from the edited facts, so an edit after
    /// signing changes only the bytes it means to.
    fn boundary(&self, n: u32) -> String {
        let seed = self.facts.identificativo.len() as u64 * 7919 + u64::from(n);
        format!("----------=_1710495000-{:05}-{}", seed % 100_000, 1410 + n)
    }

    /// The signed entity: text, daticert.xml and, for envelopes and completa or breve
    /// receipts, postacert.eml. CRLF throughout.
    fn entity(&self, facts: &Facts, attachments: &[Attachment]) -> Vec<u8> {
        let mixed = self.boundary(0);
        let daticert =
            (self.kind.tipo().is_some() && self.daticert != DaticertPart::Absent).then(|| {
                let mut xml = self
                    .daticert_xml
                    .clone()
                    .unwrap_or_else(|| daticert_xml(facts));
                if self.daticert == DaticertPart::Truncated {
                    xml.truncate(xml.len() / 2);
                }
                daticert_part(&xml)
            });
        let forged_daticert = daticert_part(&daticert_xml(&forged(facts)));
        let original = self.kind.original();
        let postacert = (original != Original::None).then(|| {
            let injected = self
                .injection
                .map(|injection| injection.text(&mixed, ORIGINAL_BOUNDARY, &forged_daticert));
            format!(
                "Content-Type: message/rfc822; name=\"postacert.eml\"\r\n\
                 Content-Disposition: inline; filename=\"postacert.eml\"\r\n\
                 Content-Transfer-Encoding: 7bit\r\n\r\n{}",
                self.original(facts, attachments, original == Original::Hashes, injected)
            )
        });
        let parts = Parts {
            text: self.alternative(facts, None),
            text_with_daticert: self.alternative(facts, daticert.as_deref()),
            daticert,
            forged_daticert,
            postacert,
        };
        let mut out = format!(
            "Content-Type: multipart/mixed; boundary=\"{mixed}\"\r\n\
             Content-Transfer-Encoding: binary\r\n\
             MIME-Version: 1.0\r\n\r\n"
        );
        for part in self.layout.parts(&parts) {
            out.push_str(&format!("--{mixed}\r\n{part}\r\n"));
        }
        out.push_str(&format!("--{mixed}--\r\n"));
        out.into_bytes()
    }

    /// The human-readable text as a `multipart/alternative` part, with `inside` (a part) after
    /// the text and the HTML when given.
    fn alternative(&self, facts: &Facts, inside: Option<&str>) -> String {
        let alternative = self.boundary(1);
        let (title, _) = self.kind.wording();
        let mut out = format!(
            "Content-Type: multipart/alternative;\r\n boundary=\"{alternative}\"\r\n\
             Content-Transfer-Encoding: binary\r\n\r\n"
        );
        for (subtype, body) in [
            ("plain", self.text(facts)),
            ("html", self.html(facts, title)),
        ] {
            out.push_str(&format!(
                "--{alternative}\r\n\
                 Content-Type: text/{subtype}; charset=\"iso-8859-1\"\r\n\
                 Content-Disposition: inline\r\n\
                 Content-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n",
                quoted_printable(&body)
            ));
        }
        if let Some(part) = inside {
            out.push_str(&format!("--{alternative}\r\n{part}\r\n"));
        }
        out.push_str(&format!("--{alternative}--\r\n"));
        out
    }

    fn recipients_line(facts: &Facts) -> String {
        facts
            .destinatari
            .iter()
            .map(|(address, _)| address.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The human-readable text, Aruba's wording.
    fn text(&self, facts: &Facts) -> String {
        let (title, outcome) = self.kind.wording();
        let (giorno, ora, zona) = facts.data.daticert();
        let recipients: String = facts
            .destinatari
            .iter()
            .map(|(address, tipo)| {
                let kind = if tipo == "esterno" {
                    "posta ordinaria"
                } else {
                    "posta certificata"
                };
                format!("{address} (\"{kind}\")\n")
            })
            .collect();
        let mut text = format!(
            "-- {title} --\n\n\
             Il giorno {giorno} alle ore {ora} ({zona}) il messaggio con Oggetto\n\
             \"{}\" inviato da \"{}\"\ned indirizzato a:\n{recipients}{outcome}\n\
             Identificativo del messaggio: {}\n",
            facts.oggetto, facts.mittente, facts.identificativo
        );
        if let Some(errore) = &facts.errore_esteso {
            text.push_str(&format!("Errore: {errore}\n"));
        }
        if self.kind.tipo().is_some() {
            text.push_str(
                "L'allegato daticert.xml contiene informazioni di servizio sulla trasmissione\n",
            );
        }
        text
    }

    fn html(&self, facts: &Facts, title: &str) -> String {
        let body = xml_escape(&self.text(facts)).replace('\n', "<br>\n");
        format!(
            "<html>\n<head><title>{title}</title></head>\n<body>\n<h3>{title}</h3>\n<hr><br>\n{body}</body>\n</html>\n"
        )
    }

    /// postacert.eml: the original as the sender's provider forwarded it, with the PEC id as
    /// Message-ID and the client's one in X-Riferimento-Message-ID (§2.2.1).
    fn original(
        &self,
        facts: &Facts,
        attachments: &[Attachment],
        hashes: bool,
        injected: Option<String>,
    ) -> String {
        let boundary = ORIGINAL_BOUNDARY;
        let mut out = format!(
            "Date: {}\r\nFrom: {}\r\nReply-To: {}\r\nTo: {}\r\nSubject: {}\r\n\
             Message-ID: <{}>\r\nX-Riferimento-Message-ID: {}\r\n",
            self.sent.rfc5322(),
            facts.mittente,
            facts.risposte,
            Self::recipients_line(facts),
            header_text(&facts.oggetto),
            facts.identificativo,
            facts.msgid
        );
        if let Some(ricevuta) = facts.ricevuta {
            out.push_str(&format!("X-TipoRicevuta: {}\r\n", ricevuta.name()));
        }
        out.push_str(&format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n\
             --{boundary}\r\n{}",
            self.original_body()
        ));
        if let Some(text) = injected {
            out.push_str(&format!(
                "\r\n--{boundary}\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\n\
                 Content-Transfer-Encoding: 7bit\r\n\r\n{text}"
            ));
        }
        for file in attachments {
            let encoded = base64_lines(&file.bytes, 76);
            let part = if hashes {
                // Ricevuta breve (§3.3.2.2): the SHA-1 of the part as transmitted.
                let name = format!("{}.hash", file.name);
                format!(
                    "Content-Type: text/plain; name=\"{name}\"\r\n\
                     Content-Disposition: attachment; filename=\"{name}\"\r\n\r\n{}\r\n",
                    hex(&Digest::Sha1.hash(encoded.as_bytes()))
                )
            } else {
                format!(
                    "Content-Type: {}; name=\"{}\"\r\n\
                     Content-Disposition: attachment; filename=\"{}\"\r\n\
                     Content-Transfer-Encoding: base64\r\n\r\n{encoded}",
                    file.content_type, file.name, file.name
                )
            };
            out.push_str(&format!("\r\n--{boundary}\r\n{part}"));
        }
        out.push_str(&format!("\r\n--{boundary}--\r\n"));
        out
    }

    /// The original's body part: its text, and its HTML beside it when the sender wrote one.
    fn original_body(&self) -> String {
        let text = format!(
            "Content-Type: text/plain; charset=\"iso-8859-1\"\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\r\n{}",
            quoted_printable(
                "Buongiorno,\nin allegato la fattura e la lettera di accompagnamento.\nCordiali saluti,\nMario Rossi\n"
            )
        );
        let Some(html) = &self.original_html else {
            return text;
        };
        let alternative = ALTERNATIVE_BOUNDARY;
        format!(
            "Content-Type: multipart/alternative; boundary=\"{alternative}\"\r\n\r\n\
             --{alternative}\r\n{text}\r\n--{alternative}\r\n\
             Content-Type: text/html; charset=\"utf-8\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--{alternative}--\r\n",
            base64_lines(html.as_bytes(), 76)
        )
    }

    /// The outer message: unsigned headers around the `multipart/signed` body.
    fn envelope(&self, entity: &[u8], p7s: &[u8]) -> Vec<u8> {
        let facts = &self.facts;
        let kind = self.kind;
        let boundary = format!(
            "----{}",
            hex(&Digest::Sha1.hash(facts.identificativo.as_bytes()))[..32].to_ascii_uppercase()
        );
        let provider = &self.signer.email;
        let from = match kind {
            Kind::PostaCertificata(_) => {
                format!("\"Per conto di: {}\" <{provider}>", facts.mittente)
            }
            _ => provider.clone(),
        };
        let to = match kind {
            Kind::PostaCertificata(_) | Kind::BustaAnomalia => Self::recipients_line(facts),
            // Provider-to-provider notices go to the sender's provider.
            Kind::PresaInCarico | Kind::RilevazioneVirus => PROVA.address(),
            _ => facts.mittente.clone(),
        };
        let message_id = match kind {
            Kind::PostaCertificata(_) => format!("<{}>", facts.identificativo),
            _ => format!(
                "<opec210.{}.{:05}.{}@{}>",
                facts.data.stamp(),
                kind.name().len() * 1013,
                kind.errore().len(),
                self.signer.gestore.domain
            ),
        };
        let (kind_header, kind_value) = kind.header();
        let mut headers: Vec<(String, String)> = vec![
            (
                "Subject".into(),
                header_text(&format!("{}{}", kind.subject_prefix(), facts.oggetto)),
            ),
            ("X-Riferimento-Message-ID".into(), facts.msgid.clone()),
            ("Date".into(), facts.data.rfc5322()),
            ("To".into(), to),
            (kind_header.into(), kind_value.into()),
        ];
        if let Some(ricevuta) = facts.ricevuta.filter(|_| kind_header == "X-Trasporto") {
            headers.push(("X-TipoRicevuta".into(), ricevuta.name().into()));
        }
        if kind.virus_header() {
            headers.push(("X-VerificaSicurezza".into(), "errore".into()));
        }
        headers.extend([
            ("From".into(), from),
            ("MIME-Version".into(), "1.0".into()),
            (
                "Content-Type".into(),
                format!(
                    "multipart/signed; protocol=\"application/x-pkcs7-signature\"; micalg=\"{}\"; boundary=\"{boundary}\"",
                    self.digest.micalg()
                ),
            ),
            ("Message-ID".into(), message_id),
        ]);
        for (name, value) in &self.headers {
            let position = headers
                .iter()
                .position(|(n, _)| n.eq_ignore_ascii_case(name));
            match (position, value) {
                (Some(i), Some(value)) => headers[i].1 = value.clone(),
                (None, Some(value)) => headers.insert(0, (name.clone(), value.clone())),
                (Some(i), None) => drop(headers.remove(i)),
                (None, None) => {}
            }
        }

        let mut out = Vec::with_capacity(entity.len() + p7s.len() * 2 + 2048);
        for (name, value) in &headers {
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        out.extend_from_slice(
            format!("\r\nThis is an S/MIME signed message\r\n\r\n--{boundary}\r\n").as_bytes(),
        );
        out.extend_from_slice(entity);
        out.extend_from_slice(
            format!(
                "\r\n--{boundary}\r\n\
                 Content-Type: application/x-pkcs7-signature; name=\"smime.p7s\"\r\n\
                 Content-Transfer-Encoding: base64\r\n\
                 Content-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n{}\r\n--{boundary}--\r\n",
                base64_lines(p7s, 64)
            )
            .as_bytes(),
        );
        out
    }
}

/// `len` bytes standing for a binary document: the same bytes for the same length.
fn document(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| u8::try_from(i * 7 % 251).unwrap_or_default())
        .collect()
}

/// The boundary of the original message's `multipart/mixed`.
const ORIGINAL_BOUNDARY: &str = "===============4203945863124700612==";

/// The boundary of its text and HTML, when the sender wrote both.
const ALTERNATIVE_BOUNDARY: &str = "===============7718093524046118395==";

/// daticert.xml as a part of the signed entity, headers and base64 body.
fn daticert_part(xml: &str) -> String {
    format!(
        "Content-Type: application/xml; name=\"daticert.xml\"\r\n\
         Content-Disposition: inline; filename=\"daticert.xml\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{}",
        base64_lines(xml.as_bytes(), 60)
    )
}

/// What a forger would have daticert.xml say: delivered, a day earlier, from someone else.
pub fn forged(facts: &Facts) -> Facts {
    let mut forged = facts.clone();
    forged.tipo = "avvenuta-consegna".into();
    forged.errore = "nessuno".into();
    forged.mittente = "falso.mittente@pec.prova.it".into();
    forged.data.unix -= 86_400;
    forged.consegna = forged
        .destinatari
        .first()
        .map(|(address, _)| address.clone());
    forged
}

/// daticert.xml as providers write it: UTF-8, no DOCTYPE, four-space indentation.
pub fn daticert_xml(facts: &Facts) -> String {
    let element =
        |name: &str, value: &str| format!("        <{name}>{}</{name}>\n", xml_escape(value));
    let mut intestazione = element("mittente", &facts.mittente);
    for (address, tipo) in &facts.destinatari {
        intestazione.push_str(&format!(
            "        <destinatari tipo=\"{tipo}\">{}</destinatari>\n",
            xml_escape(address)
        ));
    }
    intestazione.push_str(&element("risposte", &facts.risposte));
    intestazione.push_str(&element("oggetto", &facts.oggetto));

    let (giorno, ora, zona) = facts.data.daticert();
    let mut dati = element("gestore-emittente", &facts.gestore_emittente);
    dati.push_str(&format!(
        "        <data zona=\"{zona}\">\n            <giorno>{giorno}</giorno>\n            <ora>{ora}</ora>\n        </data>\n"
    ));
    dati.push_str(&element("identificativo", &facts.identificativo));
    dati.push_str(&element("msgid", &facts.msgid));
    if let Some(ricevuta) = facts.ricevuta {
        dati.push_str(&format!(
            "        <ricevuta tipo=\"{}\" />\n",
            ricevuta.name()
        ));
    }
    if let Some(consegna) = &facts.consegna {
        dati.push_str(&element("consegna", consegna));
    }
    for ricezione in &facts.ricezione {
        dati.push_str(&element("ricezione", ricezione));
    }
    if let Some(errore) = &facts.errore_esteso {
        dati.push_str(&element("errore-esteso", errore));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <postacert tipo=\"{}\" errore=\"{}\">\n    <intestazione>\n{intestazione}    </intestazione>\n    <dati>\n{dati}    </dati>\n</postacert>\n",
        xml_escape(&facts.tipo),
        xml_escape(&facts.errore)
    )
}

/// Each way a message can fail verification, as knob settings on a completa delivery receipt
/// (it has every part: text, daticert.xml, postacert.eml with files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    EditedText,
    EditedDaticert,
    EditedAttachment,
    EditedByte,
    SignatureValue,
    MessageDigest,
    SwappedSignerCertificate,
    RogueCa,
    LeafExpired,
    LeafNotYetValid,
    CaExpired,
    NoPecPolicy,
    FromNotSan,
    NameConstraints,
    NoDaticert,
    MalformedDaticert,
    UnknownTipo,
    XRicevutaContradicts,
    SigningTimeAway,
    UnknownCriticalExtension,
}

impl Failure {
    pub const ALL: [Self; 20] = [
        Self::EditedText,
        Self::EditedDaticert,
        Self::EditedAttachment,
        Self::EditedByte,
        Self::SignatureValue,
        Self::MessageDigest,
        Self::SwappedSignerCertificate,
        Self::RogueCa,
        Self::LeafExpired,
        Self::LeafNotYetValid,
        Self::CaExpired,
        Self::NoPecPolicy,
        Self::FromNotSan,
        Self::NameConstraints,
        Self::NoDaticert,
        Self::MalformedDaticert,
        Self::UnknownTipo,
        Self::XRicevutaContradicts,
        Self::SigningTimeAway,
        Self::UnknownCriticalExtension,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::EditedText => "edited-text",
            Self::EditedDaticert => "edited-daticert",
            Self::EditedAttachment => "edited-attachment",
            Self::EditedByte => "edited-byte",
            Self::SignatureValue => "signature-value",
            Self::MessageDigest => "message-digest",
            Self::SwappedSignerCertificate => "swapped-signer-certificate",
            Self::RogueCa => "rogue-ca",
            Self::LeafExpired => "leaf-expired",
            Self::LeafNotYetValid => "leaf-not-yet-valid",
            Self::CaExpired => "ca-expired",
            Self::NoPecPolicy => "no-pec-policy",
            Self::FromNotSan => "from-not-san",
            Self::NameConstraints => "name-constraints",
            Self::NoDaticert => "no-daticert",
            Self::MalformedDaticert => "malformed-daticert",
            Self::UnknownTipo => "unknown-tipo",
            Self::XRicevutaContradicts => "x-ricevuta-contradicts",
            Self::SigningTimeAway => "signing-time-away",
            Self::UnknownCriticalExtension => "unknown-critical-extension",
        }
    }

    /// A completa delivery receipt broken this way.
    pub fn message(self) -> Message {
        let mut message = Message::new(Kind::AvvenutaConsegna(Ricevuta::Completa));
        self.apply(&mut message);
        message
    }

    pub fn apply(self, message: &mut Message) {
        let signer = &mut message.signer;
        match self {
            Self::EditedText => message.edit = Some(Edit::Text),
            Self::EditedDaticert => message.edit = Some(Edit::Daticert),
            Self::EditedAttachment => message.edit = Some(Edit::Attachment),
            Self::EditedByte => message.edit = Some(Edit::Byte(1000)),
            Self::SignatureValue => message.corrupt_signature_value = true,
            Self::MessageDigest => message.corrupt_message_digest = true,
            Self::SwappedSignerCertificate => message.swap_signer_certificate = true,
            Self::RogueCa => signer.issuer = Issuer::RogueCa,
            Self::LeafExpired => {
                signer.not_before = utc(2019, 1, 1, 0, 0, 0);
                signer.not_after = utc(2022, 1, 1, 0, 0, 0);
            }
            Self::LeafNotYetValid => {
                signer.not_before = utc(2024, 6, 1, 0, 0, 0);
                signer.not_after = utc(2027, 6, 1, 0, 0, 0);
            }
            Self::CaExpired => signer.issuer = Issuer::ExpiredPecCa,
            Self::NoPecPolicy => signer.pec_policy = false,
            Self::FromNotSan => message
                .headers
                .push(("From".into(), Some("avvisi@pec.altra.it".into()))),
            Self::NameConstraints => {
                *signer = Leaf::new(ABUSIVO, signer.algorithm);
                message.facts.gestore_emittente = ABUSIVO.organization.into();
            }
            Self::NoDaticert => message.daticert = DaticertPart::Absent,
            Self::MalformedDaticert => message.daticert = DaticertPart::Truncated,
            Self::UnknownTipo => message.facts.tipo = "consegna-avvenuta".into(),
            Self::XRicevutaContradicts => message
                .headers
                .push(("X-Ricevuta".into(), Some("accettazione".into()))),
            Self::SigningTimeAway => message.signing_time -= 3 * 86_400,
            Self::UnknownCriticalExtension => signer.unknown_critical_extension = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_envelope_carries_exactly_the_bytes_asked_for() {
        for total in [1_000_000, 20_000_000] {
            let message = Message::large_envelope(total);
            assert_eq!(message.kind, Kind::PostaCertificata(Ricevuta::Completa));
            let carried: usize = message.attachments.iter().map(|a| a.bytes.len()).sum();
            assert_eq!(carried, total);
        }
    }

    #[test]
    fn a_large_envelope_file_has_the_size_asked_for() {
        for size in [1_000_000, 5_000_000] {
            let file = Message::large_envelope_file(size);
            assert!(file.len().abs_diff(size) < 100, "{} for {size}", file.len());
        }
    }

    #[test]
    fn a_series_goes_through_every_kind_and_signature_with_its_own_identifiers() {
        let series: Vec<Message> = (0..3 * Kind::ALL.len())
            .map(Message::nth_of_series)
            .collect();
        for kind in Kind::ALL {
            let signatures: Vec<_> = series
                .iter()
                .filter(|m| m.kind == kind)
                .map(|m| (m.signer.algorithm, m.digest))
                .collect();
            assert_eq!(
                signatures,
                [
                    (KeyAlgorithm::Rsa2048, Digest::Sha256),
                    (KeyAlgorithm::Rsa2048, Digest::Sha1),
                    (KeyAlgorithm::EcdsaP256, Digest::Sha256),
                ]
            );
        }
        let mut ids: Vec<_> = series.iter().map(|m| &m.facts.identificativo).collect();
        let mut msgids: Vec<_> = series.iter().map(|m| &m.facts.msgid).collect();
        ids.sort();
        ids.dedup();
        msgids.sort();
        msgids.dedup();
        assert_eq!((ids.len(), msgids.len()), (series.len(), series.len()));
    }
}
