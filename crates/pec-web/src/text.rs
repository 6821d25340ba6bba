//! Every string the page shows, in one table per language; nothing user-visible is assembled
//! elsewhere.

use pec::kind::Kind;

pub struct Text {
    pub site_name: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
    pub drop_title: &'static str,
    pub drop_hint: &'static str,
    pub results_label: &'static str,
    pub verifying: &'static str,
    pub passed: &'static str,
    pub failed: &'static str,
    pub indeterminate: &'static str,
    pub not_pec: &'static str,
    pub signed_by: &'static str,
}

pub const IT: Text = Text {
    site_name: "Verifica PEC",
    title: "Verifica una ricevuta PEC",
    lead: "Il file non lascia il tuo dispositivo: la verifica avviene tutta nel browser.",
    drop_title: "Trascina qui la ricevuta o la busta PEC (.eml)",
    drop_hint: "oppure tocca per scegliere il file",
    results_label: "Risultati della verifica",
    verifying: "Verifica in corso…",
    passed: "Messaggio PEC autentico",
    failed: "Messaggio PEC non autentico",
    indeterminate: "Autenticità non accertata",
    not_pec: "Non è un messaggio PEC",
    signed_by: "Firmato da",
};

impl Text {
    /// What an input error means, and what to drop instead.
    pub fn input_error(&self, error: pec::InputError) -> &'static str {
        match error {
            pec::InputError::Empty => "Il file è vuoto.",
            pec::InputError::NotEmail => {
                "Il file non è un messaggio di posta elettronica. Apri la ricevuta PEC nel tuo programma di posta e salvala come file .eml."
            }
            pec::InputError::Unsigned => {
                "Questo messaggio non porta la firma di un gestore PEC: non è una ricevuta né una busta PEC. Salva come .eml il messaggio ricevuto dal gestore (la ricevuta o la busta), non il messaggio originale al suo interno."
            }
            pec::InputError::TooDeep => {
                "Il messaggio contiene troppi livelli di messaggi inoltrati per essere esaminato."
            }
            pec::InputError::TooLarge => "Il file è troppo grande per essere esaminato.",
        }
    }

    /// The sentence for the first decisive failed check, by its id.
    pub fn failure(&self, check_id: &str) -> &'static str {
        match check_id {
            "cms.message-digest" => "Il contenuto è stato modificato dopo la firma del gestore.",
            "cms.signature" | "trust.certificate-signatures" => "La firma non è valida.",
            "cms.parse" | "mime.signature-part" | "cms.signer-certificate" => {
                "La firma del gestore è mancante o danneggiata."
            }
            "trust.validity" => "Il certificato del gestore non era valido alla data della firma.",
            "trust.chain" | "trust.pec-ca" => {
                "La firma è integra, ma non risulta apposta da un gestore PEC riconosciuto."
            }
            "daticert.present" | "daticert.well-formed" | "daticert.tipo" => {
                "I dati di certificazione (daticert.xml) mancano o non sono leggibili."
            }
            _ => "Uno dei controlli non è stato superato: vedi i dettagli.",
        }
    }

    pub fn kind(&self, kind: Option<Kind>) -> &'static str {
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
}
