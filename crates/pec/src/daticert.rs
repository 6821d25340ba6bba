//! daticert.xml: the certification data a provider signs (DTD in the technical rules §4.4).
//! Read with quick-xml, which never fetches or expands what a DOCTYPE declares.
//!
//! Certified data has one reading. Where the DTD allows an element once, a second copy is
//! refused rather than one of the two picked; so is an element inside a text element, an
//! attribute given twice, and a DOCTYPE with an internal subset (a reader that applies it
//! would see attributes this one does not). Text between the elements of a container (`dati`,
//! …) is tolerated: no reader takes it for a value.

use std::borrow::Cow;
use std::fmt;

use quick_xml::Reader;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use serde::Serialize;

use crate::check::{self, Check, CheckId, Fault, Param};
use crate::time::Timestamp;

/// The typed content of a daticert.xml. Text is unescaped and trimmed.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize,
)]
pub struct Daticert {
    /// `postacert/@tipo`, as written (e.g. `avvenuta-consegna`).
    pub tipo: String,
    /// `postacert/@errore`: `nessuno` unless the message reports an error.
    pub errore: String,
    pub mittente: String,
    pub destinatari: Vec<Destinatario>,
    pub risposte: String,
    pub oggetto: Option<String>,
    pub gestore_emittente: String,
    /// `data/giorno` + `data/ora` at `data/@zona`.
    pub data: Option<Timestamp>,
    pub identificativo: String,
    pub msgid: Option<String>,
    /// `ricevuta/@tipo`: completa, breve or sintetica.
    pub ricevuta: Option<String>,
    pub consegna: Option<String>,
    pub ricezione: Vec<String>,
    pub errore_esteso: Option<String>,
}

#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, borsh::BorshSerialize, borsh::BorshDeserialize,
)]
pub struct Destinatario {
    pub address: String,
    /// `certificato` (a PEC mailbox) or `esterno` (an ordinary one).
    pub tipo: String,
}

/// Why a daticert.xml could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DaticertError {
    /// Longer than [`MAX_SIZE`]: refused before any of it is read.
    TooLarge,
    /// Not well-formed XML, or not UTF-8; also a tag with more than [`MAX_ATTRIBUTES`]
    /// attributes, which no element of the DTD comes near.
    Malformed,
    /// The root element is not `postacert`.
    NotDaticert,
    /// The document says two things at once, so neither is certified. `element` is the DTD
    /// element concerned, the tag that repeats an attribute, or `DOCTYPE`.
    Ambiguous { element: String, problem: Ambiguity },
    /// A required element or attribute is absent.
    Missing(&'static str),
    /// An element is present but its value is not in the DTD's format (e.g. a date).
    Invalid(&'static str),
}

/// How a daticert.xml can be read two ways. Another reader (a provider's, a court expert's)
/// may pick the other reading, so none is taken for certified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ambiguity {
    /// An element the DTD allows once appears again in the same parent: which one counts?
    Repeated,
    /// An element inside one the DTD defines as text (or empty): a reader may take the text
    /// around it, the text inside it, or both.
    NestedInText,
    /// One tag gives the same attribute twice: the first or the last value?
    DuplicateAttribute { attribute: String },
    /// A DOCTYPE with an internal subset (`[ … ]`): a reader that applies it adds the default
    /// attributes its `<!ATTLIST>`s declare (e.g. an `errore`), which this reader never does.
    DoctypeSubset,
}

impl Ambiguity {
    /// The coded reason the report's `daticert.unambiguous` check carries.
    pub fn code(&self) -> check::Ambiguity {
        match self {
            Self::Repeated => check::Ambiguity::Repeated,
            Self::NestedInText => check::Ambiguity::NestedInText,
            Self::DuplicateAttribute { .. } => check::Ambiguity::DuplicateAttribute,
            Self::DoctypeSubset => check::Ambiguity::DoctypeSubset,
        }
    }
}

impl fmt::Display for DaticertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge => write!(f, "larger than {MAX_SIZE} bytes"),
            Self::Malformed => f.write_str("not well-formed XML"),
            Self::NotDaticert => f.write_str("not a daticert.xml (no postacert root)"),
            Self::Ambiguous { element, problem } => {
                write!(f, "ambiguous ({}) at {element}", problem.code().as_str())
            }
            Self::Missing(element) => write!(f, "{element} is missing"),
            Self::Invalid(element) => write!(f, "{element} is not valid"),
        }
    }
}

impl DaticertError {
    /// The check that reports this error: ambiguous data fails `daticert.unambiguous`, any
    /// other error `daticert.well-formed`; either way the message fails, nothing being read.
    pub fn check(self) -> Check {
        let unreadable =
            |fault: Fault| Check::fail(CheckId::DaticertWellFormed).with(Param::Error, fault);
        match self {
            Self::Ambiguous { element, problem } => {
                let check = Check::fail(CheckId::DaticertUnambiguous)
                    .with(Param::Element, element)
                    .with(Param::Problem, problem.code());
                match problem {
                    Ambiguity::DuplicateAttribute { attribute } => {
                        check.with(Param::Attribute, attribute)
                    }
                    _ => check,
                }
            }
            Self::TooLarge => unreadable(Fault::TooLarge).with(Param::Limit, MAX_SIZE),
            Self::Malformed => unreadable(Fault::Malformed),
            Self::NotDaticert => unreadable(Fault::NotDaticert),
            Self::Missing(element) => unreadable(Fault::Missing).with(Param::Element, element),
            Self::Invalid(element) => unreadable(Fault::Invalid).with(Param::Element, element),
        }
    }
}

/// daticert.xml as signed, and the check that says whether it could be read as certified data.
pub fn read(xml: &[u8]) -> (Option<Daticert>, Check) {
    match parse(xml) {
        Ok(d) => (Some(d), Check::pass(CheckId::DaticertWellFormed)),
        Err(error) => (None, error.check()),
    }
}

/// Real daticert.xml files are 1 to 3 KB; one for a message to many recipients lists them all,
/// at some 70 bytes each. A megabyte holds over ten thousand, and bounds what a crafted file
/// can cost before a byte of it is read.
pub const MAX_SIZE: usize = 1 << 20;

/// The DTD nests three levels; anything far deeper is not a daticert and is refused before it
/// can cost memory.
const MAX_DEPTH: usize = 16;

/// No element of the DTD has more than two attributes. A tag with more than this many is not
/// a daticert's and is refused as malformed: the bound keeps the duplicate check (each
/// attribute against the earlier ones) constant per tag, where quick-xml's own check is
/// quadratic in the count.
pub const MAX_ATTRIBUTES: usize = 8;

/// Parses a daticert.xml; the error names the first thing that makes it unusable. The time
/// taken grows in proportion to the input, whatever its shape.
pub fn parse(xml: &[u8]) -> Result<Daticert, DaticertError> {
    if xml.len() > MAX_SIZE {
        return Err(DaticertError::TooLarge);
    }
    let text = decode(xml)?;
    // Text is not trimmed event by event but once an element's text is whole, so that a
    // comment or CDATA section inside it cannot swallow the spaces on either side.
    let mut reader = Reader::from_str(&text);
    reader.config_mut().check_end_names = true;
    let mut walk = Walk::default();
    loop {
        match reader.read_event().map_err(|_| DaticertError::Malformed)? {
            Event::Eof => return walk.finish(),
            event => walk.event(event)?,
        }
    }
}

/// The document as text. Providers write UTF-8; an ISO-8859-1 declaration is honoured because
/// each of its bytes is the Unicode code point of the same value.
fn decode(xml: &[u8]) -> Result<Cow<'_, str>, DaticertError> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    let mut reader = Reader::from_reader(xml);
    let latin1 = match reader.read_event() {
        Ok(Event::Decl(decl)) => decl
            .encoding()
            .and_then(Result::ok)
            .is_some_and(|encoding| {
                ["iso-8859-1", "iso_8859-1", "latin1", "latin-1"]
                    .iter()
                    .any(|name| name.as_bytes().eq_ignore_ascii_case(&encoding))
            }),
        _ => false,
    };
    if latin1 {
        Ok(Cow::Owned(xml.iter().map(|&b| char::from(b)).collect()))
    } else {
        std::str::from_utf8(xml)
            .map(Cow::Borrowed)
            .map_err(|_| DaticertError::Malformed)
    }
}

/// The refusal of a document that reads two ways, at `element`.
fn ambiguous(element: &str, problem: Ambiguity) -> DaticertError {
    DaticertError::Ambiguous {
        element: element.to_owned(),
        problem,
    }
}

/// The reading of a document, one event at a time: the open elements and the text of the
/// innermost one.
#[derive(Default)]
struct Walk {
    builder: Builder,
    path: Vec<Place>,
    text: String,
}

impl Walk {
    fn event(&mut self, event: Event<'_>) -> Result<(), DaticertError> {
        use DaticertError::Malformed;
        match event {
            Event::Start(start) => {
                let place = self.builder.start(self.path.last().copied(), &start)?;
                self.path.push(place);
                if self.path.len() > MAX_DEPTH {
                    return Err(Malformed);
                }
                self.text.clear();
            }
            Event::Empty(start) => {
                let place = self.builder.start(self.path.last().copied(), &start)?;
                self.builder.end(place, "");
            }
            Event::Text(text) => {
                // Unescaped wherever it is, so that an undefined entity is malformed anywhere.
                let text = text.unescape().map_err(|_| Malformed)?;
                self.push_text(&text);
            }
            Event::CData(data) => {
                self.push_text(std::str::from_utf8(&data).map_err(|_| Malformed)?)
            }
            Event::End(_) => {
                let place = self.path.pop().ok_or(Malformed)?;
                self.builder.end(place, self.text.trim());
                self.text.clear();
            }
            Event::DocType(doctype) if has_internal_subset(&doctype) => {
                return Err(ambiguous("DOCTYPE", Ambiguity::DoctypeSubset));
            }
            // The declaration, comments, processing instructions and a DOCTYPE without an
            // internal subset carry no certification data.
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) | Event::Eof => {}
        }
        Ok(())
    }

    /// Keeps text only inside an element the DTD defines as text; elsewhere nobody reads it.
    fn push_text(&mut self, text: &str) {
        if self.path.last().is_some_and(|place| place.holds_text()) {
            self.text.push_str(text);
        }
    }

    fn finish(self) -> Result<Daticert, DaticertError> {
        if !self.path.is_empty() {
            return Err(DaticertError::Malformed);
        }
        self.builder.finish()
    }
}

/// Whether a DOCTYPE (the text after `<!DOCTYPE`, e.g. `postacert SYSTEM "daticert.dtd"`)
/// has an internal subset: a `[` outside its quoted literals.
fn has_internal_subset(doctype: &[u8]) -> bool {
    let mut quote = None;
    doctype.iter().any(|&byte| {
        match quote {
            Some(open) if byte == open => quote = None,
            Some(_) => {}
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            None => return byte == b'[',
        }
        false
    })
}

/// An element of the DTD, known by its place in the tree: `mittente` is one only inside
/// `postacert/intestazione`. Anything else is `Other`, and ignored with all it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Postacert,
    Intestazione,
    Mittente,
    Destinatari,
    Risposte,
    Oggetto,
    Dati,
    GestoreEmittente,
    Data,
    Giorno,
    Ora,
    Identificativo,
    Msgid,
    Ricevuta,
    Consegna,
    Ricezione,
    ErroreEsteso,
    Other,
}

impl Place {
    fn name(self) -> &'static str {
        match self {
            Self::Postacert => "postacert",
            Self::Intestazione => "intestazione",
            Self::Mittente => "mittente",
            Self::Destinatari => "destinatari",
            Self::Risposte => "risposte",
            Self::Oggetto => "oggetto",
            Self::Dati => "dati",
            Self::GestoreEmittente => "gestore-emittente",
            Self::Data => "data",
            Self::Giorno => "giorno",
            Self::Ora => "ora",
            Self::Identificativo => "identificativo",
            Self::Msgid => "msgid",
            Self::Ricevuta => "ricevuta",
            Self::Consegna => "consegna",
            Self::Ricezione => "ricezione",
            Self::ErroreEsteso => "errore-esteso",
            Self::Other => "",
        }
    }

    /// The place of a child element called `name`.
    fn child(self, name: &[u8]) -> Self {
        use Place::*;
        let children: &[Self] = match self {
            Postacert => &[Intestazione, Dati],
            Intestazione => &[Mittente, Destinatari, Risposte, Oggetto],
            Dati => &[
                GestoreEmittente,
                Data,
                Identificativo,
                Msgid,
                Ricevuta,
                Consegna,
                Ricezione,
                ErroreEsteso,
            ],
            Data => &[Giorno, Ora],
            _ => &[],
        };
        children
            .iter()
            .copied()
            .find(|child| child.name().as_bytes() == name)
            .unwrap_or(Other)
    }

    /// `#PCDATA` (or `EMPTY`) in the DTD: no element belongs inside.
    fn holds_text(self) -> bool {
        !matches!(
            self,
            Self::Postacert | Self::Intestazione | Self::Dati | Self::Data | Self::Other
        )
    }

    /// At most once in its parent, by the DTD. The root is kept single apart, as XML requires.
    fn once(self) -> bool {
        !matches!(
            self,
            Self::Postacert | Self::Destinatari | Self::Ricezione | Self::Other
        )
    }
}

/// The attributes of one tag, each name given once.
struct Attributes<'a>(Vec<Attribute<'a>>);

impl<'a> Attributes<'a> {
    fn read(start: &'a BytesStart<'_>) -> Result<Self, DaticertError> {
        let mut all = start.attributes();
        // quick-xml's duplicate check has no bound; this one stops at MAX_ATTRIBUTES.
        all.with_checks(false);
        let mut found: Vec<Attribute<'a>> = Vec::new();
        for attribute in all {
            let attribute = attribute.map_err(|_| DaticertError::Malformed)?;
            if found.len() == MAX_ATTRIBUTES {
                return Err(DaticertError::Malformed);
            }
            if found.iter().any(|earlier| earlier.key == attribute.key) {
                let attribute = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
                let element = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                return Err(ambiguous(
                    &element,
                    Ambiguity::DuplicateAttribute { attribute },
                ));
            }
            found.push(attribute);
        }
        Ok(Self(found))
    }

    /// The value of attribute `key`, unescaped and trimmed.
    fn get(&self, key: &str) -> Result<Option<String>, DaticertError> {
        self.0
            .iter()
            .find(|attribute| attribute.key.as_ref() == key.as_bytes())
            .map(|attribute| {
                attribute
                    .unescape_value()
                    .map(|value| value.trim().to_owned())
                    .map_err(|_| DaticertError::Malformed)
            })
            .transpose()
    }
}

/// Fills a [`Daticert`] from elements as they close; what the DTD does not define is ignored.
#[derive(Default)]
struct Builder {
    root_seen: bool,
    /// The [`Place`]s met so far, one bit each, to refuse a second copy of a single element.
    /// Their parents are single too, so one set serves the whole document.
    seen: u32,
    daticert: Daticert,
    tipo: Option<String>,
    mittente: Option<String>,
    risposte: Option<String>,
    gestore_emittente: Option<String>,
    identificativo: Option<String>,
    /// The `tipo` of the `destinatari` element being read.
    destinatario_tipo: String,
    zona: Option<String>,
    giorno: Option<String>,
    ora: Option<String>,
}

impl Builder {
    /// Places an opening tag inside `parent` (`None`: it is the root) and reads its attributes.
    fn start(
        &mut self,
        parent: Option<Place>,
        start: &BytesStart<'_>,
    ) -> Result<Place, DaticertError> {
        let place = self.place(parent, start.name().as_ref())?;
        let attributes = Attributes::read(start)?;
        match place {
            Place::Postacert => {
                self.tipo = attributes.get("tipo")?;
                self.daticert.errore = attributes
                    .get("errore")?
                    .unwrap_or_else(|| "nessuno".into());
            }
            Place::Destinatari => {
                self.destinatario_tipo = attributes
                    .get("tipo")?
                    .unwrap_or_else(|| "certificato".into());
            }
            Place::Data => self.zona = attributes.get("zona")?,
            Place::Ricevuta => self.daticert.ricevuta = attributes.get("tipo")?,
            _ => {}
        }
        Ok(place)
    }

    /// Where element `name` stands inside `parent`. Refuses a second root, a second copy of an
    /// element the DTD allows once, and any element inside a text element.
    fn place(&mut self, parent: Option<Place>, name: &[u8]) -> Result<Place, DaticertError> {
        let place = match parent {
            None if self.root_seen => return Err(DaticertError::Malformed),
            None if name == b"postacert" => {
                self.root_seen = true;
                Place::Postacert
            }
            None => return Err(DaticertError::NotDaticert),
            Some(parent) if parent.holds_text() => {
                return Err(ambiguous(parent.name(), Ambiguity::NestedInText));
            }
            Some(parent) => parent.child(name),
        };
        let bit = 1 << place as u32;
        if place.once() {
            if self.seen & bit != 0 {
                return Err(ambiguous(place.name(), Ambiguity::Repeated));
            }
            self.seen |= bit;
        }
        Ok(place)
    }

    /// Stores the text of an element that has just closed (each single one closes once).
    fn end(&mut self, place: Place, text: &str) {
        let value = || Some(text.to_owned());
        let d = &mut self.daticert;
        match place {
            Place::Mittente => self.mittente = value(),
            Place::Destinatari => d.destinatari.push(Destinatario {
                address: text.to_owned(),
                tipo: std::mem::take(&mut self.destinatario_tipo),
            }),
            Place::Risposte => self.risposte = value(),
            Place::Oggetto => d.oggetto = value(),
            Place::GestoreEmittente => self.gestore_emittente = value(),
            Place::Identificativo => self.identificativo = value(),
            Place::Msgid => d.msgid = value(),
            Place::Consegna => d.consegna = value(),
            Place::Ricezione => d.ricezione.push(text.to_owned()),
            Place::ErroreEsteso => d.errore_esteso = value(),
            Place::Giorno => self.giorno = value(),
            Place::Ora => self.ora = value(),
            Place::Postacert
            | Place::Intestazione
            | Place::Dati
            | Place::Data
            | Place::Ricevuta
            | Place::Other => {}
        }
    }

    fn finish(self) -> Result<Daticert, DaticertError> {
        use DaticertError::{Invalid, Missing};
        if !self.root_seen {
            return Err(DaticertError::NotDaticert);
        }
        if self.daticert.destinatari.is_empty() {
            return Err(Missing("destinatari"));
        }
        let (zona, giorno, ora) = match (self.zona, self.giorno, self.ora) {
            (Some(zona), Some(giorno), Some(ora)) => (zona, giorno, ora),
            (None, None, None) => return Err(Missing("data")),
            (None, _, _) => return Err(Missing("zona")),
            (_, None, _) => return Err(Missing("giorno")),
            (_, _, None) => return Err(Missing("ora")),
        };
        Ok(Daticert {
            tipo: self.tipo.ok_or(Missing("tipo"))?,
            mittente: self.mittente.ok_or(Missing("mittente"))?,
            // Required by the DTD but certifying nothing: its absence is no reason to reject.
            risposte: self.risposte.unwrap_or_default(),
            gestore_emittente: self.gestore_emittente.ok_or(Missing("gestore-emittente"))?,
            identificativo: self.identificativo.ok_or(Missing("identificativo"))?,
            data: Some(timestamp(&giorno, &ora, &zona).ok_or(Invalid("data"))?),
            ..self.daticert
        })
    }
}

/// `giorno` dd/mm/yyyy and `ora` hh:mm:ss, local time at `zona` (`+hhmm`; `+hh:mm` tolerated).
fn timestamp(giorno: &str, ora: &str, zona: &str) -> Option<Timestamp> {
    fn three(text: &str, separator: char) -> Option<[u32; 3]> {
        let mut fields = text.split(separator);
        let mut out = [0; 3];
        for slot in &mut out {
            let field = fields.next()?;
            if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *slot = field.parse().ok()?;
        }
        fields.next().is_none().then_some(out)
    }
    let [day, month, year] = three(giorno, '/')?;
    let [hour, minute, second] = three(ora, ':')?;
    let (sign, digits) = match zona.split_at_checked(1)? {
        ("+", rest) => (1, rest.replace(':', "")),
        ("-", rest) => (-1, rest.replace(':', "")),
        _ => return None,
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..)?.parse().ok()?;
    if minutes >= 60 {
        return None;
    }
    Timestamp::from_civil(
        (i64::from(year), month, day),
        (hour, minute, second),
        sign * (hours * 60 + minutes),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A daticert with `dati_extra` appended inside `dati` and `attributes` on the root.
    fn xml(attributes: &str, dati_extra: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<postacert {attributes}>
  <intestazione>
    <mittente>mario.rossi@pec.example.it</mittente>
    <destinatari tipo="certificato">anna@pec.example.it</destinatari>
    <destinatari tipo="esterno">luca@example.com</destinatari>
    <destinatari>ufficio@pec.example.it</destinatari>
    <risposte>mario.rossi@pec.example.it</risposte>
    <oggetto>Fattura &lt;12&gt; &amp; allegati</oggetto>
  </intestazione>
  <dati>
    <gestore-emittente>Gestore di prova S.p.A.</gestore-emittente>
    <data zona="-0130"><giorno>29/02/2024</giorno><ora>23:30:00</ora></data>
    <identificativo>opec1.20240229@pec.example.it</identificativo>
    <msgid>&lt;abc@client.example.it&gt;</msgid>
    {dati_extra}
  </dati>
</postacert>"#
        )
    }

    #[test]
    fn reads_every_element() {
        let extra = "<ricevuta tipo=\"breve\"/><consegna>anna@pec.example.it</consegna>\
                     <ricezione>anna@pec.example.it</ricezione><ricezione> luca@example.com </ricezione>\
                     <errore-esteso>5.4.1 - Gestore - timeout</errore-esteso>";
        let d = parse(xml(r#"tipo="presa-in-carico""#, extra).as_bytes()).unwrap();
        assert_eq!(d.tipo, "presa-in-carico");
        assert_eq!(d.errore, "nessuno");
        assert_eq!(d.mittente, "mario.rossi@pec.example.it");
        let recipients: Vec<(&str, &str)> = d
            .destinatari
            .iter()
            .map(|r| (r.address.as_str(), r.tipo.as_str()))
            .collect();
        assert_eq!(
            recipients,
            [
                ("anna@pec.example.it", "certificato"),
                ("luca@example.com", "esterno"),
                ("ufficio@pec.example.it", "certificato")
            ]
        );
        assert_eq!(d.risposte, "mario.rossi@pec.example.it");
        assert_eq!(d.oggetto.as_deref(), Some("Fattura <12> & allegati"));
        assert_eq!(d.gestore_emittente, "Gestore di prova S.p.A.");
        assert_eq!(d.data.unwrap().rfc3339(), "2024-02-29T23:30:00-01:30");
        assert_eq!(d.identificativo, "opec1.20240229@pec.example.it");
        assert_eq!(d.msgid.as_deref(), Some("<abc@client.example.it>"));
        assert_eq!(d.ricevuta.as_deref(), Some("breve"));
        assert_eq!(d.consegna.as_deref(), Some("anna@pec.example.it"));
        assert_eq!(d.ricezione, ["anna@pec.example.it", "luca@example.com"]);
        assert_eq!(
            d.errore_esteso.as_deref(),
            Some("5.4.1 - Gestore - timeout")
        );
    }

    #[test]
    fn keeps_the_errore_and_an_unknown_tipo_as_written() {
        let d = parse(xml(r#"tipo="errore-consegna" errore="no-dest""#, "").as_bytes()).unwrap();
        assert_eq!(d.errore, "no-dest");
        // Judging the tipo is the classification's job.
        let d = parse(xml(r#"tipo="ricevuta-strana""#, "").as_bytes()).unwrap();
        assert_eq!(d.tipo, "ricevuta-strana");
    }

    #[test]
    fn reports_what_is_missing() {
        let full = xml(r#"tipo="accettazione""#, "");
        for (element, expected) in [
            (
                "<mittente>mario.rossi@pec.example.it</mittente>",
                "mittente",
            ),
            (
                "<gestore-emittente>Gestore di prova S.p.A.</gestore-emittente>",
                "gestore-emittente",
            ),
            (
                "<identificativo>opec1.20240229@pec.example.it</identificativo>",
                "identificativo",
            ),
            ("<giorno>29/02/2024</giorno>", "giorno"),
            (r#" zona="-0130""#, "zona"),
            (r#"tipo="accettazione""#, "tipo"),
        ] {
            let without = full.replace(element, "");
            assert_eq!(
                parse(without.as_bytes()),
                Err(DaticertError::Missing(expected))
            );
        }
        let no_data = full.replace(
            r#"<data zona="-0130"><giorno>29/02/2024</giorno><ora>23:30:00</ora></data>"#,
            "",
        );
        assert_eq!(
            parse(no_data.as_bytes()),
            Err(DaticertError::Missing("data"))
        );
        let no_recipients = full
            .lines()
            .filter(|line| !line.contains("<destinatari"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            parse(no_recipients.as_bytes()),
            Err(DaticertError::Missing("destinatari"))
        );
    }

    #[test]
    fn rejects_dates_outside_the_format() {
        let full = xml(r#"tipo="accettazione""#, "");
        for (good, bad) in [
            ("29/02/2024", "30/02/2024"),
            ("29/02/2024", "2024-02-29"),
            ("23:30:00", "23:30"),
            ("-0130", "+01"),
            ("-0130", "+0160"),
        ] {
            let broken = full.replace(good, bad);
            assert_eq!(
                parse(broken.as_bytes()),
                Err(DaticertError::Invalid("data")),
                "{bad}"
            );
        }
        let colon = full.replace("-0130", "+02:00");
        assert_eq!(
            parse(colon.as_bytes())
                .unwrap()
                .data
                .unwrap()
                .offset_minutes,
            120
        );
    }

    #[test]
    fn rejects_what_is_not_a_daticert() {
        let full = xml(r#"tipo="accettazione""#, "");
        assert_eq!(parse(b"<fattura/>"), Err(DaticertError::NotDaticert));
        assert_eq!(parse(b""), Err(DaticertError::NotDaticert));
        for broken in [
            full.replace("</dati>", ""),
            full.replace("</mittente>", "</mitente>"),
            full.replace("&lt;12&gt;", "&bogus;"),
            format!("{full}<postacert/>"),
        ] {
            assert_eq!(parse(broken.as_bytes()), Err(DaticertError::Malformed));
        }
        let mut not_utf8 = full.into_bytes();
        not_utf8.extend_from_slice(b"<!-- \xff\xfe -->");
        assert_eq!(parse(&not_utf8), Err(DaticertError::Malformed));
    }

    #[test]
    fn never_expands_entities_a_doctype_declares() {
        let full = xml(r#"tipo="accettazione""#, "");
        let body = full.split_once("?>").unwrap().1;
        let external = format!(
            "<!DOCTYPE postacert [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{}",
            body.replace("mario.rossi@pec.example.it</mittente>", "&xxe;</mittente>")
        );
        // Refused as ambiguous for its internal subset, before the entity is even met (it
        // would be malformed, never expanded, if that came first).
        let subset = Err(ambiguous("DOCTYPE", Ambiguity::DoctypeSubset));
        assert_eq!(parse(external.as_bytes()), subset);
        let internal = format!(
            "<!DOCTYPE postacert [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>{}",
            body.replace("Gestore di prova S.p.A.", "&b;")
        );
        assert_eq!(parse(internal.as_bytes()), subset);
        // A DOCTYPE alone, as the DTD's own copy would produce, is tolerated.
        let declared = format!("<!DOCTYPE postacert SYSTEM \"daticert.dtd\">{body}");
        assert_eq!(
            parse(declared.as_bytes()).unwrap().mittente,
            "mario.rossi@pec.example.it"
        );
    }

    #[test]
    fn honours_an_iso_8859_1_declaration() {
        let latin1 = xml(r#"tipo="accettazione""#, "")
            .replace("UTF-8", "ISO-8859-1")
            .replace("Fattura", "Attivit\u{e0}")
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect::<Vec<u8>>();
        let d = parse(&latin1).unwrap();
        assert_eq!(d.oggetto.as_deref(), Some("Attivit\u{e0} <12> & allegati"));
    }

    #[test]
    fn refuses_a_second_copy_of_an_element_the_dtd_allows_once() {
        let extra = "<ricevuta tipo=\"breve\"/><consegna>anna@pec.example.it</consegna>\
                     <errore-esteso>5.4.1 - Gestore - timeout</errore-esteso>";
        let full = xml(r#"tipo="errore-consegna""#, extra);
        let block = |name: &str| {
            let start = full.find(&format!("<{name}")).unwrap();
            let close = format!("</{name}>");
            let end = full[start..].find(&close).map_or_else(
                || start + full[start..].find("/>").unwrap() + 2,
                |at| start + at + close.len(),
            );
            full[start..end].to_owned()
        };
        for name in [
            "intestazione",
            "mittente",
            "risposte",
            "oggetto",
            "dati",
            "gestore-emittente",
            "data",
            "giorno",
            "ora",
            "identificativo",
            "msgid",
            "ricevuta",
            "consegna",
            "errore-esteso",
        ] {
            let once = block(name);
            // The copy says something else, as a forged one would.
            let forged = [
                ("example.it", "forged.it"),
                ("abc", "xyz"),
                ("Fattura", "Ricevuta"),
                ("Gestore", "Falso"),
                ("29", "28"),
                ("23:30", "22:30"),
                ("breve", "completa"),
                ("5.4.1", "5.1.1"),
            ]
            .iter()
            .fold(once.clone(), |text, (from, to)| text.replace(from, to));
            assert_ne!(forged, once);
            let twice = full.replacen(&once, &format!("{once}{forged}"), 1);
            assert_eq!(
                parse(twice.as_bytes()),
                Err(ambiguous(name, Ambiguity::Repeated)),
                "{name}"
            );
        }
    }

    #[test]
    fn an_element_of_the_dtd_elsewhere_is_ignored_not_repeated() {
        let full = xml(
            r#"tipo="accettazione""#,
            "<estensione><mittente>altro@example.com</mittente><dati/></estensione>",
        );
        let d = parse(full.as_bytes()).unwrap();
        assert_eq!(d.mittente, "mario.rossi@pec.example.it");
    }

    #[test]
    fn refuses_an_element_inside_a_text_element() {
        let full = xml(r#"tipo="accettazione""#, "<ricevuta tipo=\"breve\"/>");
        for (from, to, element) in [
            (
                "<oggetto>Fattura",
                "<oggetto>Fattura<mittente>x@example.com</mittente>",
                "oggetto",
            ),
            ("<mittente>mario", "<mittente>mario<b/>", "mittente"),
            (
                "<ricevuta tipo=\"breve\"/>",
                "<ricevuta tipo=\"breve\"><x/></ricevuta>",
                "ricevuta",
            ),
            ("<giorno>29", "<giorno><i>29</i>", "giorno"),
        ] {
            let nested = full.replacen(from, to, 1);
            assert_eq!(
                parse(nested.as_bytes()),
                Err(ambiguous(element, Ambiguity::NestedInText)),
                "{to}"
            );
        }
    }

    #[test]
    fn refuses_an_attribute_given_twice_on_any_tag() {
        let duplicate = |element: &str, attribute: &str| {
            Err(ambiguous(
                element,
                Ambiguity::DuplicateAttribute {
                    attribute: attribute.into(),
                },
            ))
        };
        let root = xml(r#"tipo="accettazione" tipo="non-accettazione""#, "");
        assert_eq!(parse(root.as_bytes()), duplicate("postacert", "tipo"));
        let recipient = xml(r#"tipo="accettazione""#, "").replace(
            r#"tipo="esterno">"#,
            r#"tipo="esterno" tipo="certificato">"#,
        );
        assert_eq!(
            parse(recipient.as_bytes()),
            duplicate("destinatari", "tipo")
        );
        let unknown = xml(r#"tipo="accettazione""#, r#"<nota a="1" b="2" a="3"/>"#);
        assert_eq!(parse(unknown.as_bytes()), duplicate("nota", "a"));
    }

    #[test]
    fn refuses_a_tag_with_more_attributes_than_any_daticert_has() {
        let attributes =
            |count: usize| -> String { (0..count).map(|i| format!(" a{i}=\"{i}\"")).collect() };
        let most = xml(
            r#"tipo="accettazione""#,
            &format!("<nota{}/>", attributes(8)),
        );
        assert!(parse(most.as_bytes()).is_ok());
        let more = xml(
            r#"tipo="accettazione""#,
            &format!("<nota{}/>", attributes(9)),
        );
        assert_eq!(parse(more.as_bytes()), Err(DaticertError::Malformed));
    }

    #[test]
    fn refuses_a_doctype_that_declares_attribute_defaults() {
        let full = xml(r#"tipo="errore-consegna""#, "");
        let body = full.split_once("?>").unwrap().1;
        // A reader that applies the subset reads errore="no-dest"; this one would read nessuno.
        let defaults =
            format!("<!DOCTYPE postacert [<!ATTLIST postacert errore CDATA \"no-dest\">]>{body}");
        assert_eq!(
            parse(defaults.as_bytes()),
            Err(ambiguous("DOCTYPE", Ambiguity::DoctypeSubset))
        );
        let empty = format!("<!DOCTYPE postacert [ ]>{body}");
        assert!(parse(empty.as_bytes()).is_err());
        // A bracket inside a quoted system identifier opens no subset.
        let quoted = format!("<!DOCTYPE postacert SYSTEM \"daticert[1].dtd\">{body}");
        assert!(parse(quoted.as_bytes()).is_ok());
    }

    #[test]
    fn keeps_the_spaces_around_a_comment_inside_text() {
        let full = xml(r#"tipo="accettazione""#, "")
            .replace("Fattura &lt;12&gt;", "Fattura <!-- n. --> <![CDATA[<12>]]>");
        let d = parse(full.as_bytes()).unwrap();
        assert_eq!(d.oggetto.as_deref(), Some("Fattura  <12> & allegati"));
    }

    #[test]
    fn refuses_what_is_too_large_before_reading_it() {
        let full = xml(r#"tipo="accettazione""#, "");
        let padding = MAX_SIZE - full.len() - "<!---->".len();
        let largest = format!("{full}<!--{}-->", " ".repeat(padding));
        assert_eq!(largest.len(), MAX_SIZE);
        assert!(parse(largest.as_bytes()).is_ok());
        let over = format!("{full}<!--{}-->", " ".repeat(padding + 1));
        assert_eq!(parse(over.as_bytes()), Err(DaticertError::TooLarge));
        // Refused by its length alone: not even UTF-8 is looked at.
        assert_eq!(
            parse(&vec![0xff; MAX_SIZE + 1]),
            Err(DaticertError::TooLarge)
        );
    }

    #[test]
    fn hostile_nesting_is_refused_quickly() {
        // Under MAX_SIZE, so that it is the depth bound that refuses it.
        let depth = 100_000;
        let deep = format!(
            "<postacert>{}{}</postacert>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        );
        assert_eq!(parse(deep.as_bytes()), Err(DaticertError::Malformed));
        let unclosed = format!("<postacert>{}", "<a>".repeat(depth));
        assert_eq!(parse(unclosed.as_bytes()), Err(DaticertError::Malformed));
    }
}
