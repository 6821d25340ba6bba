//! daticert.xml: the certification data a provider signs (DTD in the technical rules §4.4).
//! Read with quick-xml, which never fetches or expands what a DOCTYPE declares.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde::Serialize;

use crate::time::Timestamp;

/// The typed content of a daticert.xml. Text is unescaped and trimmed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
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

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Destinatario {
    pub address: String,
    /// `certificato` (a PEC mailbox) or `esterno` (an ordinary one).
    pub tipo: String,
}

/// Why a daticert.xml could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DaticertError {
    /// Not well-formed XML, or not UTF-8.
    Malformed,
    /// The root element is not `postacert`.
    NotDaticert,
    /// A required element or attribute is absent.
    Missing(&'static str),
    /// An element is present but its value is not in the DTD's format (e.g. a date).
    Invalid(&'static str),
}

/// The DTD nests three levels; anything far deeper is not a daticert and is refused before it
/// can cost memory.
const MAX_DEPTH: usize = 16;

/// Parses a daticert.xml; the error names the first thing that makes it unusable.
pub fn parse(xml: &[u8]) -> Result<Daticert, DaticertError> {
    let text = decode(xml)?;
    let mut reader = Reader::from_str(&text);
    let config = reader.config_mut();
    config.trim_text(true);
    config.check_end_names = true;

    let mut builder = Builder::default();
    let mut path: Vec<String> = Vec::new();
    let mut buffer = String::new();
    loop {
        match reader.read_event().map_err(|_| DaticertError::Malformed)? {
            Event::Start(start) => {
                let name = builder.start(&path, &start)?;
                path.push(name);
                if path.len() > MAX_DEPTH {
                    return Err(DaticertError::Malformed);
                }
                buffer.clear();
            }
            Event::Empty(start) => {
                let name = builder.start(&path, &start)?;
                builder.end(&path, &name, "");
            }
            Event::Text(text) => {
                buffer.push_str(&text.unescape().map_err(|_| DaticertError::Malformed)?);
            }
            Event::CData(data) => {
                let data = std::str::from_utf8(&data).map_err(|_| DaticertError::Malformed)?;
                buffer.push_str(data);
            }
            Event::End(_) => {
                let name = path.pop().ok_or(DaticertError::Malformed)?;
                builder.end(&path, &name, buffer.trim());
                buffer.clear();
            }
            Event::Eof if path.is_empty() => break,
            Event::Eof => return Err(DaticertError::Malformed),
            // The declaration, comments, processing instructions and any DOCTYPE carry no
            // certification data; a DOCTYPE's entities are never expanded (an entity reference
            // in text fails to unescape and makes the document malformed).
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    builder.finish()
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

/// Fills a [`Daticert`] from elements as they close; what the DTD does not define is ignored.
#[derive(Default)]
struct Builder {
    root_seen: bool,
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
    /// Reads the attributes of an opening tag and returns its name.
    fn start(&mut self, path: &[String], start: &BytesStart<'_>) -> Result<String, DaticertError> {
        let name = std::str::from_utf8(start.name().as_ref())
            .map_err(|_| DaticertError::Malformed)?
            .to_owned();
        let attribute = |key: &str| -> Result<Option<String>, DaticertError> {
            for attribute in start.attributes() {
                let attribute = attribute.map_err(|_| DaticertError::Malformed)?;
                if attribute.key.as_ref() == key.as_bytes() {
                    let value = attribute
                        .unescape_value()
                        .map_err(|_| DaticertError::Malformed)?;
                    return Ok(Some(value.trim().to_owned()));
                }
            }
            Ok(None)
        };
        let parent = path.last().map(String::as_str);
        match (parent, name.as_str()) {
            (None, _) if self.root_seen => return Err(DaticertError::Malformed),
            (None, "postacert") => {
                self.root_seen = true;
                self.tipo = attribute("tipo")?;
                self.daticert.errore = attribute("errore")?.unwrap_or_else(|| "nessuno".into());
            }
            (None, _) => return Err(DaticertError::NotDaticert),
            (Some("intestazione"), "destinatari") => {
                self.destinatario_tipo = attribute("tipo")?.unwrap_or_else(|| "certificato".into());
            }
            (Some("dati"), "data") => self.zona = attribute("zona")?,
            (Some("dati"), "ricevuta") if self.daticert.ricevuta.is_none() => {
                self.daticert.ricevuta = attribute("tipo")?;
            }
            _ => {}
        }
        Ok(name)
    }

    /// Stores the text of an element that has just closed.
    fn end(&mut self, path: &[String], name: &str, text: &str) {
        let set = |slot: &mut Option<String>| {
            slot.get_or_insert_with(|| text.to_owned());
        };
        let d = &mut self.daticert;
        let parents: Vec<&str> = path.iter().map(String::as_str).collect();
        match (parents.as_slice(), name) {
            (["postacert", "intestazione"], "mittente") => set(&mut self.mittente),
            (["postacert", "intestazione"], "destinatari") => d.destinatari.push(Destinatario {
                address: text.to_owned(),
                tipo: std::mem::take(&mut self.destinatario_tipo),
            }),
            (["postacert", "intestazione"], "risposte") => set(&mut self.risposte),
            (["postacert", "intestazione"], "oggetto") => set(&mut d.oggetto),
            (["postacert", "dati"], "gestore-emittente") => set(&mut self.gestore_emittente),
            (["postacert", "dati"], "identificativo") => set(&mut self.identificativo),
            (["postacert", "dati"], "msgid") => set(&mut d.msgid),
            (["postacert", "dati"], "consegna") => set(&mut d.consegna),
            (["postacert", "dati"], "ricezione") => d.ricezione.push(text.to_owned()),
            (["postacert", "dati"], "errore-esteso") => set(&mut d.errore_esteso),
            (["postacert", "dati", "data"], "giorno") => set(&mut self.giorno),
            (["postacert", "dati", "data"], "ora") => set(&mut self.ora),
            _ => {}
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
        assert_eq!(parse(external.as_bytes()), Err(DaticertError::Malformed));
        let internal = format!(
            "<!DOCTYPE postacert [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>{}",
            body.replace("Gestore di prova S.p.A.", "&b;")
        );
        assert_eq!(parse(internal.as_bytes()), Err(DaticertError::Malformed));
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
    fn hostile_nesting_is_refused_quickly() {
        let depth = 200_000;
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
