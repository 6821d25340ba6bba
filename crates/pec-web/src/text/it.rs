//! The Italian table: the page's first language, in the plain words Italian public
//! administrations use to explain PEC to citizens.

use pec::check::{Ambiguity, Claim, Fault, LayoutProblem};
use pec::kind::{Kind, ReceiptType};
use pec::{Check, CheckId, InputError, Param};

use super::{Fact, Text};

const REVOCATION_NOTE: &str = "La revoca del certificato non è controllata: servirebbe una connessione di rete, e questa pagina per scelta non ne apre nessuna.";

pub const IT: Text = Text {
    switch_label: "English",
    site_name: "Verifica PEC",
    title: "Verifica una ricevuta PEC",
    lead: "Il file non lascia il tuo dispositivo: la verifica avviene tutta nel browser.",
    drop_title: "Trascina qui la ricevuta o la busta PEC (.eml o .msg)",
    drop_hint: "oppure tocca per scegliere il file (anche più di uno)",
    help_title: "Dove trovo il file della ricevuta?",
    help: [
        "Apri la ricevuta nel tuo programma di posta o nella webmail del gestore e salvala come file .eml: cerca «Salva come», «Scarica messaggio originale» o «Mostra originale».",
        "Va bene anche la busta di trasporto: il messaggio «POSTA CERTIFICATA: …» ricevuto dal destinatario.",
        "Una stampa, un PDF o uno screenshot non si possono verificare: la firma del gestore è solo nel file .eml.",
        "Se hai perso la ricevuta, il tuo gestore conserva il registro dei messaggi per 30 mesi e può fornirti una copia.",
    ],
    results_label: "Risultati della verifica",
    verifying: "Verifica in corso…",
    file_label: "File",
    passed: [
        "Messaggio PEC autentico",
        "Ricevuta PEC autentica",
        "Avviso PEC autentico",
    ],
    failed: [
        "Messaggio PEC non autentico",
        "Ricevuta PEC non autentica",
        "Avviso PEC non autentico",
    ],
    indeterminate: "Autenticità non accertata",
    not_pec: "Non è un messaggio PEC",
    failed_advice: "Non fare affidamento su questo file. Se ti serve la prova, chiedi una copia del file .eml originale al mittente o al tuo gestore PEC.",
    indeterminate_advice: "Il contenuto non risulta alterato, ma non è stato possibile stabilire che la firma sia di un gestore PEC. Puoi chiedere conferma al gestore indicato nella ricevuta, che conserva il registro dei messaggi per 30 mesi.",
    proves_heading: "Cosa prova",
    claims_heading: "Cosa dichiara il file (non provato)",
    facts_heading: "Dati certificati dal gestore",
    sender: "Mittente",
    recipients: "Destinatari",
    certified_mailbox: "casella PEC",
    ordinary_mailbox: "casella ordinaria (non PEC): per questo destinatario non arriverà mai una ricevuta di consegna",
    subject: "Oggetto",
    date: "Data e ora",
    provider: "Gestore",
    pec_id: "Identificativo PEC",
    msgid: "Message-ID originale",
    receipt_type: "Tipo di ricevuta",
    delivered_to: "Consegnato a",
    error: "Errore",
    error_detail: "Dettaglio dell'errore",
    received: "Ricezione",
    warnings_heading: "Attenzione",
    warnings_intro: "Questi punti non cambiano l'esito, ma vanno notati. Le intestazioni del messaggio non sono coperte dalla firma: dove differiscono dai dati firmati, valgono i dati firmati.",
    details: "Dettagli della verifica",
    checks_heading: "Controlli eseguiti",
    statuses: ["superato", "non superato", "avviso", "nota"],
    certificate_heading: "Firma e certificato del gestore",
    signer: "Firmatario",
    organization: "Organizzazione",
    email: "Indirizzo del certificato",
    pec_ca: "Autorità di certificazione PEC",
    root: "Autorità radice",
    serial: "Numero di serie",
    validity: "Validità del certificato",
    algorithms: "Algoritmi",
    signing_time: "Data della firma",
    sha1_note: "SHA-1 è un algoritmo datato, ma è ancora quello previsto per la PEC.",
    revocation_note: REVOCATION_NOTE,
    original_heading: "Messaggio originale",
    from: "Da",
    to: "A",
    cc: "Cc",
    text_body: "Testo",
    html_body: "Versione HTML",
    html_note: "Mostrata senza script né immagini esterne.",
    attachments: "Allegati",
    download: "Scarica",
    daticert_heading: "Dati di certificazione (daticert.xml)",
    sha256: "Impronta SHA-256 del file",
    download_json: "Scarica rapporto (JSON)",
    print: "Stampa",
    verified_on: "Verificato il",
    version: "Verifica PEC, versione",
    unnamed: "(senza nome)",
    unknown: "sconosciuto",
    at: "alle",
    on: " il",
    italian_time: "ora italiana",
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    bytes: "byte",
    kind,
    input_error,
    failure,
    check_template: check,
    mbox_message: "messaggio {n} del file mbox",
    attachment_step: "allegato",
    signed_content: "contenuto del file firmato",
    file_signatures_heading: "Firma sul file",
    fact,
    claimed: "Il file dichiara che {clause}, ma non è provato.",
    receipt_proof,
    ordinary_messages: |count| {
        match count {
        1 => "Il file contiene anche un messaggio di posta ordinaria: non è un messaggio PEC e non è stato verificato.".to_owned(),
        n => format!("Il file contiene anche {n} messaggi di posta ordinaria: non sono messaggi PEC e non sono stati verificati."),
    }
    },
    from_to: |from, to| format!("dal {from} al {to}"),
    valid_at_signing: |date| format!("valido alla data della firma: {date}"),
    receipt_name: |receipt| match receipt {
        ReceiptType::Completa => "completa",
        ReceiptType::Breve => "breve",
        ReceiptType::Sintetica => "sintetica",
    },
};

fn kind(kind: Option<Kind>) -> &'static str {
    match kind {
        Some(Kind::Accettazione) => "Ricevuta di accettazione",
        Some(Kind::NonAccettazione) => "Avviso di non accettazione",
        Some(Kind::PresaInCarico) => "Ricevuta di presa in carico",
        Some(Kind::PostaCertificata) => "Busta di trasporto (messaggio PEC)",
        Some(Kind::AvvenutaConsegna) => "Ricevuta di avvenuta consegna",
        Some(Kind::ErroreConsegna) => "Avviso di mancata consegna",
        Some(Kind::PreavvisoErroreConsegna) => "Preavviso di mancata consegna",
        Some(Kind::RilevazioneVirus) => "Avviso di rilevazione virus",
        Some(Kind::BustaAnomalia) => "Busta di anomalia",
        None => "Messaggio firmato di tipo sconosciuto",
    }
}

fn input_error(error: InputError) -> &'static str {
    match error {
        InputError::Empty => "Il file è vuoto. Salva di nuovo la ricevuta come file .eml.",
        InputError::NotEmail => {
            "Il file non è un messaggio di posta elettronica (forse un PDF, un'immagine o una stampa). Apri la ricevuta PEC nel tuo programma di posta e salvala come file .eml."
        }
        InputError::Unsigned => {
            "Questo messaggio non porta la firma di un gestore PEC: non è una ricevuta né una busta PEC. Salva come .eml il messaggio ricevuto dal gestore (la ricevuta o la busta), non il messaggio originale al suo interno."
        }
        InputError::TooLarge => "Il file è troppo grande per essere esaminato.",
        InputError::MsgUnsigned => {
            "Outlook ha salvato questo messaggio senza la firma del gestore, quindi non si può verificare. Salva di nuovo la ricevuta come file .eml dalla webmail del gestore o da un altro programma di posta; in Outlook, trascina sul desktop il messaggio ricevuto, non una sua copia inoltrata o modificata."
        }
        InputError::MsgUnreadable => {
            "Il file sembra un messaggio di Outlook (.msg), ma non si può leggere: è danneggiato o incompleto. Salva o scarica di nuovo la ricevuta."
        }
    }
}

/// Why the message did not pass, from the check that decided it. The checks of the last arm
/// only pass, warn or inform: they never decide a verdict, and get the general sentence.
fn failure(id: CheckId) -> &'static str {
    match id {
        CheckId::CmsMessageDigest => "Il contenuto è stato modificato dopo la firma del gestore.",
        CheckId::CmsSignature | CheckId::TrustCertificateSignatures => "La firma non è valida.",
        CheckId::MimeBoundaries | CheckId::MimeLayout => {
            "I dati di certificazione non sono affidabili: il contenuto firmato non ha la struttura che scrive il gestore."
        }
        CheckId::MimeUnsigned => {
            "Questa parte sembra un messaggio PEC, ma non porta la firma di un gestore."
        }
        CheckId::MimeTooDeep => {
            "Una parte del file è annidata troppo in profondità per essere esaminata: salva direttamente la ricevuta come file .eml."
        }
        CheckId::MimeUnlisted => "Il file contiene troppe parti che non si possono verificare.",
        CheckId::MimeOpaqueSignature => {
            "Questa parte è firmata, ma la firma non si può leggere: è cifrata o danneggiata."
        }
        CheckId::CmsParse
        | CheckId::MimeSignaturePart
        | CheckId::CmsSignerCertificate
        | CheckId::CmsContentType => "La firma del gestore è mancante o danneggiata.",
        CheckId::CmsAlgorithm => "La firma usa un algoritmo non supportato.",
        CheckId::CmsSigners => {
            "Il messaggio porta più di una firma, mentre una PEC è firmata solo dal gestore: l'autenticità non può essere accertata."
        }
        CheckId::TrustKeySize => {
            "Una chiave della catena di certificati del gestore è troppo corta per garantire la firma: l'autenticità non può essere accertata."
        }
        CheckId::TrustValidity => {
            "Il certificato del gestore non era valido alla data della firma."
        }
        CheckId::TrustChain
        | CheckId::TrustPecCa
        | CheckId::TrustPecPolicy
        | CheckId::TrustKeyUsage
        | CheckId::TrustNameConstraints
        | CheckId::TrustCaBasicConstraints
        | CheckId::TrustProviderEmail => {
            "La firma è integra, ma non risulta di un gestore PEC riconosciuto."
        }
        CheckId::TrustCriticalExtensions => {
            "Un certificato del gestore contiene un'estensione critica che questo strumento non sa valutare: l'autenticità non può essere accertata."
        }
        CheckId::CmsSigningTime | CheckId::TimeSigningTime => {
            "La data della firma manca o non concorda con quella certificata: non si può giudicare il certificato."
        }
        CheckId::TimeFuture => {
            "La firma risulta apposta dopo il momento della verifica: la sua data non è attendibile."
        }
        CheckId::TimeAtBeforeSigning => {
            "Il momento scelto per la verifica precede la firma: allora il messaggio non esisteva ancora."
        }
        CheckId::DaticertPresent | CheckId::DaticertWellFormed | CheckId::DaticertTipo => {
            "I dati di certificazione (daticert.xml) mancano o non sono leggibili."
        }
        CheckId::DaticertUnambiguous => {
            "I dati di certificazione (daticert.xml) sono ambigui: si possono leggere in due modi, e dati così non sono certificati."
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
        | CheckId::FileQualificationNotChecked => {
            "Uno dei controlli non è stato superato: vedi i dettagli."
        }
    }
}

fn check(c: &Check) -> &'static str {
    let ok = c.is_pass();
    match c.id {
        CheckId::FileSignature if ok && c.value(Param::SigningTime).is_some() => {
            "Il file è firmato da {certificate} il {signing_time}, e la firma è integra: il file non è cambiato da allora. La firma dice chi ha firmato il file e quando, non se i messaggi PEC al suo interno sono autentici: quelli sono verificati qui per conto loro."
        }
        CheckId::FileSignature if ok => {
            "Il file è firmato da {certificate}, e la firma è integra: il file non è cambiato da allora. La firma dice chi ha firmato il file, non se i messaggi PEC al suo interno sono autentici: quelli sono verificati qui per conto loro."
        }
        CheckId::FileSignature => {
            "La firma sul file non è integra: il file è stato modificato dopo la firma, o la firma è danneggiata. Chi ha firmato il file non è accertato; i messaggi PEC al suo interno sono verificati qui per conto loro."
        }
        CheckId::FileQualificationNotChecked => {
            "Non è stato verificato se il certificato di chi ha firmato il file sia qualificato (elenchi di fiducia europei): servirebbe una connessione, e questa verifica non ne fa."
        }
        CheckId::MimeSignedEntity => "Il file contiene un messaggio firmato (S/MIME).",
        CheckId::MimeSignaturePart => "La parte con la firma (smime.p7s) manca o non è leggibile.",
        CheckId::MimeBoundaries if ok => {
            "I separatori delle parti firmate seguono le regole MIME: ogni programma di posta ne legge le stesse parti."
        }
        CheckId::MimeBoundaries => {
            "I separatori delle parti firmate sono ambigui: un programma di posta potrebbe leggerne parti diverse. Dati così non sono certificati."
        }
        CheckId::MimeLayout => layout(c),
        CheckId::MimeUnsigned => unsigned(c),
        CheckId::MimeTooDeep => {
            "Nel file {count} messaggi sono inoltrati oltre {limit} livelli e non sono stati esaminati."
        }
        CheckId::MimeUnlisted => {
            "Nel file ci sono altre {count} parti che sembrano messaggi PEC senza poter essere verificate: sono elencate solo le prime {limit}."
        }
        CheckId::MimeOpaqueSignature => {
            "Questa parte è in forma S/MIME opaca (application/pkcs7-mime), ma non contiene una firma leggibile con il suo contenuto: è cifrata o danneggiata."
        }
        CheckId::PostacertStructure if ok => {
            "Il messaggio originale segue le regole MIME: ogni programma di posta ne mostra le stesse parti."
        }
        CheckId::PostacertStructure => {
            "Il messaggio originale contiene separatori ambigui: un programma di posta potrebbe mostrarne testo o allegati diversi da quelli elencati qui."
        }
        CheckId::CmsParse if ok => "La firma è leggibile.",
        CheckId::CmsParse => match c.fault() {
            Some(Fault::NotSignedData) => {
                "La parte della firma non contiene una firma (SignedData), ma un altro tipo di dati."
            }
            Some(Fault::NoSigner) => "La firma non indica alcun firmatario.",
            _ => "La firma non è leggibile: i suoi dati non hanno la struttura prevista (CMS).",
        },
        CheckId::CmsSigners if ok => "La firma ha un solo firmatario, come previsto per la PEC.",
        CheckId::CmsSigners => {
            "La firma ha {count} firmatari, mentre un messaggio PEC ne ha uno solo: il gestore."
        }
        CheckId::CmsAlgorithm if ok => "Gli algoritmi della firma sono supportati.",
        CheckId::CmsAlgorithm => "Algoritmo non supportato: {algorithm}.",
        CheckId::CmsSignerCertificate => {
            if ok {
                "La firma contiene il certificato del gestore."
            } else {
                "La firma non contiene il certificato del firmatario."
            }
        }
        CheckId::CmsContentType => {
            if ok {
                "Il tipo del contenuto firmato è corretto."
            } else {
                "Il tipo del contenuto firmato non corrisponde a quello dichiarato."
            }
        }
        CheckId::CmsMessageDigest if ok => {
            "L'impronta del contenuto corrisponde a quella firmata: il contenuto non è stato modificato."
        }
        CheckId::CmsMessageDigest if c.fault().is_some() => {
            "La firma non contiene l'impronta del contenuto (messageDigest): non si può verificare che il contenuto sia integro."
        }
        CheckId::CmsMessageDigest => {
            "L'impronta del contenuto ({computed}) non corrisponde a quella firmata ({signed}): il contenuto è stato modificato dopo la firma."
        }
        CheckId::CmsSignature => {
            if ok {
                "La firma del gestore è valida."
            } else {
                "La firma non è valida."
            }
        }
        CheckId::CmsSha1 => {
            "Impronta calcolata con SHA-1: un algoritmo datato, ma ancora quello previsto per la PEC."
        }
        CheckId::CmsSigningTime => {
            "La firma non indica quando è stata apposta: la validità del certificato non si può giudicare."
        }
        CheckId::TrustChain if ok => {
            "La catena di certificati arriva a un'autorità radice nota: {root}."
        }
        CheckId::TrustChain => {
            "La catena di certificati non arriva a un'autorità radice nota {issuer}."
        }
        CheckId::TrustCertificateSignatures if ok => {
            "Ogni certificato della catena è firmato dall'autorità superiore."
        }
        CheckId::TrustCertificateSignatures => {
            "La firma del certificato {certificate} non è valida o non è verificabile."
        }
        CheckId::TrustPecCa if ok => {
            "Il certificato è emesso da un'autorità riconosciuta per la PEC: {ca}."
        }
        CheckId::TrustPecCa => {
            "Il certificato non è emesso da un'autorità riconosciuta per la PEC (AgID CA1, DigitPA CA1): può essere una firma qualsiasi, non di un gestore PEC."
        }
        CheckId::TrustValidity if ok => "Tutti i certificati erano validi alla data della firma.",
        CheckId::TrustValidity => {
            "Il certificato {certificate} non era valido alla data della firma ({at}): valido dal {not_before} al {not_after}."
        }
        CheckId::TrustKeySize if ok => "Le chiavi dei certificati hanno una lunghezza adeguata.",
        CheckId::TrustKeySize if c.status == pec::Status::Warn => {
            "La chiave del certificato {certificate} è RSA a {bits} bit: era ammessa quando è stato emesso, ma oggi è considerata debole."
        }
        CheckId::TrustKeySize => {
            "La chiave del certificato {certificate} è RSA a soli {bits} bit: troppo corta per garantire chi ha firmato."
        }
        CheckId::TrustCaBasicConstraints if ok => {
            "Le autorità della catena sono abilitate a emettere certificati."
        }
        CheckId::TrustCaBasicConstraints => {
            "Il certificato {certificate} non è abilitato a emettere certificati."
        }
        CheckId::TrustPecPolicy => {
            if ok {
                "Il certificato riporta la politica dei gestori PEC."
            } else {
                "Il certificato non riporta la politica dei gestori PEC."
            }
        }
        CheckId::TrustCriticalExtensions if ok => {
            "I certificati non contengono estensioni critiche sconosciute."
        }
        CheckId::TrustCriticalExtensions => {
            "Il certificato «{certificate}» contiene un'estensione critica sconosciuta ({extension}): va respinto."
        }
        CheckId::TrustKeyUsage if ok => "Il certificato è abilitato alla firma.",
        CheckId::TrustKeyUsage => "Il certificato non è abilitato all'uso richiesto ({missing}).",
        CheckId::TrustProviderEmail if ok => {
            "Il certificato indica l'indirizzo di posta del gestore: {email}."
        }
        CheckId::TrustProviderEmail => {
            "Il certificato {certificate} non indica un indirizzo di posta come nome alternativo (SAN): non è un certificato di gestore PEC."
        }
        CheckId::TrustNameConstraints if ok => {
            "Il gestore è tra quelli che l'autorità PEC può certificare."
        }
        CheckId::TrustNameConstraints if c.fault().is_some() => {
            "I vincoli sui nomi dell'autorità {ca} non sono leggibili: non si può stabilire quali gestori possa certificare."
        }
        CheckId::TrustNameConstraints => {
            "Il gestore non è tra quelli ammessi dall'autorità {ca} ({name})."
        }
        CheckId::TrustSender if ok => {
            "Il mittente del messaggio coincide con l'indirizzo del certificato del gestore."
        }
        CheckId::TrustSender => {
            "Il mittente nell'intestazione (non firmata) è «{header}», ma il certificato del gestore è per «{certificate}»."
        }
        CheckId::TrustRevocationNotChecked => REVOCATION_NOTE,
        CheckId::DaticertPresent => "Mancano i dati di certificazione (daticert.xml).",
        CheckId::DaticertWellFormed => unreadable_daticert(c),
        CheckId::DaticertUnambiguous if ok => {
            "I dati di certificazione (daticert.xml) si leggono in un solo modo."
        }
        CheckId::DaticertUnambiguous => match c.ambiguity() {
            Some(Ambiguity::Repeated) => {
                "I dati di certificazione sono ambigui: l'elemento «{element}» compare più volte. Dati così non sono certificati."
            }
            Some(Ambiguity::NestedInText) => {
                "I dati di certificazione sono ambigui: l'elemento «{element}», che dovrebbe contenere solo testo, ne contiene un altro. Dati così non sono certificati."
            }
            Some(Ambiguity::DuplicateAttribute) => {
                "I dati di certificazione sono ambigui: l'attributo «{attribute}» compare più volte nell'elemento «{element}». Dati così non sono certificati."
            }
            Some(Ambiguity::DoctypeSubset) => {
                "I dati di certificazione sono ambigui: la dichiarazione DOCTYPE contiene definizioni proprie, che possono aggiungere valori non scritti nel testo. Dati così non sono certificati."
            }
            None => {
                "I dati di certificazione sono ambigui (elemento «{element}»). Dati così non sono certificati."
            }
        },
        CheckId::DaticertTipo if ok => "Tipo di messaggio certificato: {tipo}.",
        CheckId::DaticertTipo => "Tipo di messaggio sconosciuto: «{tipo}».",
        CheckId::DaticertGestore if ok => {
            "Il gestore nei dati certificati («{daticert}») coincide con l'organizzazione del certificato («{certificate}»)."
        }
        CheckId::DaticertGestore => {
            "Il gestore nei dati certificati («{daticert}») è diverso dall'organizzazione del certificato («{certificate}»)."
        }
        CheckId::HeadersReceiptType if ok => {
            "L'intestazione X-TipoRicevuta indica lo stesso tipo di ricevuta dei dati certificati."
        }
        CheckId::HeadersReceiptType => {
            "L'intestazione X-TipoRicevuta (non firmata) indica «{header}», ma i dati certificati indicano «{daticert}» (vuoto: non indicato). Vale il dato certificato."
        }
        CheckId::HeadersSecurity if ok => {
            "L'intestazione X-VerificaSicurezza concorda con i dati certificati."
        }
        CheckId::HeadersSecurity => {
            "L'intestazione X-VerificaSicurezza (non firmata) indica «{header}», ma i dati certificati indicano «{daticert}» (vuoto: nessun virus). Vale il dato certificato."
        }
        CheckId::HeadersKind if ok => "L'intestazione {header} indica lo stesso tipo firmato.",
        CheckId::HeadersKind => {
            "L'intestazione {header} (non firmata) indica «{value}», ma il tipo firmato è «{daticert}»."
        }
        CheckId::HeadersSubject if ok => "L'oggetto coincide con quello firmato.",
        CheckId::HeadersSubject => {
            "L'oggetto nell'intestazione (non firmata) è «{header}», ma quello firmato è «{daticert}»."
        }
        CheckId::HeadersRiferimentoMessageId | CheckId::HeadersMessageId if ok => {
            "L'identificativo nell'intestazione coincide con quello firmato."
        }
        CheckId::HeadersRiferimentoMessageId => {
            "L'intestazione X-Riferimento-Message-ID (non firmata) è «{header}», ma l'identificativo firmato è «{daticert}»."
        }
        CheckId::HeadersMessageId => {
            "L'intestazione Message-ID (non firmata) è «{header}», ma l'identificativo PEC firmato è «{daticert}»."
        }
        CheckId::HeadersDate if ok => "La data nell'intestazione concorda con quella firmata.",
        CheckId::HeadersDate => {
            "La data nell'intestazione (non firmata) è {time}, ma quella firmata è {daticert}."
        }
        CheckId::TimeSigningTime if ok => {
            "L'ora della firma concorda con quella dei dati certificati."
        }
        CheckId::TimeSigningTime => {
            "L'ora della firma ({time}) e quella dei dati certificati ({daticert}) differiscono di oltre 10 minuti."
        }
        CheckId::TimeFuture if ok => {
            "L'ora della firma non è successiva al momento della verifica."
        }
        CheckId::TimeFuture => {
            "L'ora della firma ({signing_time}) è successiva al momento della verifica ({now}): una firma non può venire dal futuro."
        }
        CheckId::TimeAtBeforeSigning if ok => {
            "Il momento scelto per la verifica ({at}) non precede la firma."
        }
        CheckId::TimeAtBeforeSigning => {
            "Il momento scelto per la verifica ({at}) precede la firma ({signing_time}): allora il messaggio non esisteva ancora."
        }
        CheckId::PostacertSender if ok => {
            "Il mittente del messaggio originale coincide con quello certificato."
        }
        CheckId::PostacertSender => {
            "Il mittente del messaggio originale è «{postacert}», ma quello certificato è «{daticert}»."
        }
        CheckId::PostacertRecipients if ok => {
            "I destinatari certificati compaiono nel messaggio originale."
        }
        CheckId::PostacertRecipients => {
            "Destinatari certificati assenti dal messaggio originale: {missing}."
        }
        CheckId::PostacertSubject if ok => {
            "L'oggetto del messaggio originale coincide con quello certificato."
        }
        CheckId::PostacertSubject => {
            "L'oggetto del messaggio originale è «{postacert}», ma quello certificato è «{daticert}»."
        }
    }
}

/// What each kind of message attests: a clause (with `{when}`, `{sender}`, `{to}`) and what
/// follows from it.
fn fact(fact: Fact) -> (&'static str, &'static str) {
    match fact {
        Fact::Accettazione => (
            "il gestore del mittente ha accettato il messaggio per la spedizione{when}",
            "Prova la spedizione, non la consegna: la consegna è attestata dalla ricevuta di avvenuta consegna.",
        ),
        Fact::NonAccettazione => (
            "il gestore del mittente non ha accettato il messaggio{when}",
            "Il messaggio non è entrato nel circuito PEC e non è stato spedito.",
        ),
        Fact::NonAccettazioneVirus => (
            "il gestore del mittente non ha accettato il messaggio{when} perché conteneva un virus",
            "Il messaggio non è entrato nel circuito PEC e non è stato spedito.",
        ),
        Fact::PresaInCarico => (
            "il gestore del destinatario ha ricevuto il messaggio dal gestore del mittente{when}",
            "È un avviso tra gestori: non prova la consegna nella casella del destinatario.",
        ),
        Fact::PostaCertificata => (
            "questo messaggio PEC è stato spedito da {sender}{when}",
            "Mittente, data e contenuto (testo e allegati) sono quelli certificati dal gestore del mittente.",
        ),
        Fact::AvvenutaConsegna => (
            "il messaggio è stato consegnato nella casella del destinatario{to}{when}",
            "La consegna vale anche se il messaggio non è stato letto.",
        ),
        Fact::ErroreConsegna => (
            "il messaggio non è stato consegnato al destinatario{when}",
            "La mancata consegna è definitiva.",
        ),
        Fact::ErroreConsegnaVirus => (
            "il messaggio non è stato consegnato al destinatario perché conteneva un virus{when}",
            "La mancata consegna è definitiva.",
        ),
        Fact::Timeout12h => (
            "il gestore ha comunicato{when} di non essere riuscito a consegnare il messaggio entro 12 ore dall'invio",
            "Non è un esito definitivo: possono ancora seguire la ricevuta di consegna o l'avviso di mancata consegna.",
        ),
        Fact::Timeout24h => (
            "il gestore ha comunicato{when} che il messaggio non è stato consegnato entro 24 ore dall'invio",
            "La mancata consegna è definitiva.",
        ),
        Fact::RilevazioneVirus => (
            "il gestore del destinatario ha rilevato un virus nel messaggio e non lo ha consegnato{when}",
            "È un avviso tra gestori.",
        ),
        Fact::BustaAnomalia => (
            "un messaggio è arrivato, ma il gestore non ha potuto certificarlo (per esempio perché spedito da una casella di posta ordinaria)",
            "Non ha il valore di un messaggio PEC.",
        ),
        Fact::Unknown => (
            "il file contiene un messaggio firmato di tipo sconosciuto",
            "Non si può dire che cosa attesti.",
        ),
    }
}

/// What a delivery receipt of each type proves about the content.
fn receipt_proof(receipt: Option<ReceiptType>) -> &'static str {
    match receipt {
        Some(ReceiptType::Completa) => {
            "La ricevuta è completa: contiene il messaggio originale con gli allegati, quindi prova anche il contenuto consegnato."
        }
        Some(ReceiptType::Breve) => {
            "La ricevuta è breve: contiene le impronte degli allegati al posto dei file, quindi prova il contenuto solo insieme ai file originali."
        }
        Some(ReceiptType::Sintetica) => {
            "La ricevuta è sintetica: non contiene il messaggio, quindi non prova il contenuto consegnato."
        }
        None => "Il tipo di ricevuta non è indicato: il contenuto consegnato non è provato.",
    }
}

/// The provider's layout of the signed parts, or what is wrong with it.
fn layout(c: &Check) -> &'static str {
    match c.layout_problem() {
        None => {
            "Le parti firmate sono disposte come le scrive il gestore: testo, dati di certificazione, messaggio originale."
        }
        Some(LayoutProblem::DaticertRepeated) => {
            "Il contenuto firmato contiene più di un file daticert.xml: i dati di certificazione sono ambigui e non sono certificati."
        }
        Some(LayoutProblem::PostacertRepeated) => {
            "Il contenuto firmato contiene più di un messaggio originale (postacert.eml): il contenuto è ambiguo e non è certificato."
        }
        Some(LayoutProblem::PostacertNotLast) => {
            "Dopo il messaggio originale (postacert.eml) ci sono altre parti, che il gestore non scrive: il contenuto non è certificato."
        }
        Some(LayoutProblem::DaticertAfterPostacert) => {
            "Il file daticert.xml viene dopo il messaggio originale, dove può averlo scritto solo il mittente: i dati non sono certificati."
        }
        Some(LayoutProblem::PostacertNotMessage) => {
            "La parte postacert.eml non è un messaggio di posta: il contenuto non è certificato."
        }
        Some(LayoutProblem::DaticertNested | LayoutProblem::PostacertNested) => {
            "Un file daticert.xml o postacert.eml compare dove il gestore non lo scrive: i dati non sono certificati."
        }
        Some(LayoutProblem::NotMime | LayoutProblem::NotMultipart) => {
            "Il contenuto firmato non ha la forma di un messaggio PEC (testo, dati di certificazione, messaggio originale)."
        }
    }
}

/// Why an unsigned part looks like a PEC message.
fn unsigned(c: &Check) -> &'static str {
    match c.claim() {
        Some(Claim::Subject) => {
            "Questa parte ha l'oggetto di un messaggio PEC, ma non porta la firma di un gestore: ciò che dice non è certificato."
        }
        Some(Claim::Daticert) => {
            "Questa parte contiene un file daticert.xml fuori da ogni firma: quei dati non sono certificati."
        }
        Some(Claim::Signed) => {
            "Questa parte si presenta come un messaggio firmato, ma le sue parti mancano: non c'è nulla da verificare."
        }
        Some(Claim::Header) | None => {
            "Questa parte ha le intestazioni di un messaggio PEC, ma non porta la firma di un gestore: ciò che dice non è certificato."
        }
    }
}

/// Why daticert.xml could not be read, or that it could.
fn unreadable_daticert(c: &Check) -> &'static str {
    match c.fault() {
        _ if c.is_pass() => "I dati di certificazione (daticert.xml) sono leggibili.",
        Some(Fault::TooLarge) => {
            "I dati di certificazione (daticert.xml) sono troppo grandi per essere esaminati."
        }
        Some(Fault::NotDaticert) => "Il file daticert.xml non contiene dati di certificazione PEC.",
        Some(Fault::Missing) => {
            "Nei dati di certificazione (daticert.xml) manca «{element}», che è obbligatorio."
        }
        Some(Fault::Invalid) => {
            "Nei dati di certificazione (daticert.xml) il valore di «{element}» non è nel formato previsto."
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
            "I dati di certificazione (daticert.xml) non sono leggibili: non sono un documento XML ben formato."
        }
    }
}
