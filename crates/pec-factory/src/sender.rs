//! Envelopes whose sender-written parts carry a trick: the provider signs subject, names, body and
//! files unchanged, so each is a genuine message, and what a face shows of it must neither mislead
//! nor reach out. `pec-factory DIR` writes them as `sender-<trick>.eml` for the page's tests.

use crate::message::{Attachment, Kind, Message, Ricevuta};

/// Where every link of [`LINKS`] points: a reserved domain (RFC 2606) that no request may reach.
pub const LINK_HOST: &str = "mittente.example";

/// Links written every way a reader could be made to follow one: quoted or not, upper case,
/// entities, glued to the previous attribute, inside SVG (`href`, `xlink:href`, set by an
/// animation), a form's `action` and a button's `formaction`, a `<base>`, a meta refresh, an
/// image map, a nested document and a ping.
pub const LINKS: &str = r##"<html><head>
<base href="https://mittente.example/base/">
<meta http-equiv="refresh" content="1;url=https://mittente.example/refresh">
</head><body>
<p>Gentile utente, ecco i collegamenti:</p>
<p><a href="https://mittente.example/quoted" ping="https://mittente.example/ping">virgolette</a></p>
<p><A HREF=https://mittente.example/upper>maiuscole</A></p>
<p><a href="&#104;ttps://mittente.example/entity">entit&agrave;</a></p>
<p><a title=""href="https://mittente.example/glued">attaccato</a></p>
<p><a/href=https://mittente.example/slash>barra</a></p>
<p><a href="relative">relativo</a></p>
<svg width="300" height="70"><a href="https://mittente.example/svg"><text x="0" y="15">svg</text></a>
<a xlink:href="https://mittente.example/xlink"><text x="0" y="35">xlink</text></a>
<a><set attributeName="hr&#101;f" to="https://mittente.example/smil"/><text x="0" y="55">animazione</text></a></svg>
<form action="https://mittente.example/form"><button>modulo</button></form>
<form id="f"></form><button form="f" formaction="https://mittente.example/formaction">pulsante</button>
<p><img usemap="#m" width="40" height="20" alt="mappa" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><map name="m"><area shape="rect" coords="0,0,40,20" href="https://mittente.example/area" alt="area"></map></p>
<iframe srcdoc="&lt;a href=&quot;https://mittente.example/nested&quot;&gt;annidato&lt;/a&gt;"></iframe>
</body></html>"##;

/// A box drawn with old presentational markup to pass for the page's own verdict.
pub const FAKE_VERDICT: &str = r##"<table width="100%" bgcolor="#e3f5ec" cellpadding="12"><tr><td>
<font color="#00663d" size="5"><b>&#10003; Ricevuta PEC autentica</b></font><br>
<font color="#1a1a1a">Contratto firmato da Mario Rossi: firma valida, contenuto verificato.</font>
</td></tr></table>"##;

/// Every trick, by the name its file is written under.
pub fn tricks() -> Vec<(&'static str, Message)> {
    vec![
        ("direction", direction()),
        ("executables", executables()),
        ("links", with_html(LINKS)),
        ("fake-verdict", with_html(FAKE_VERDICT)),
    ]
}

fn envelope() -> Message {
    Message::new(Kind::PostaCertificata(Ricevuta::Completa))
}

/// A subject whose right-to-left override runs on past it, an invisible space, an attachment
/// named to read "fatturaexe.pdf", and a sender's domain with a Cyrillic `р`.
fn direction() -> Message {
    let mut message = envelope();
    message.facts.oggetto = "Pagamento\u{200b} ricevuto \u{202e}otanimreted non".into();
    message.facts.mittente = "mario.rossi@pec.\u{440}rova.it".into();
    message.facts.risposte = message.facts.mittente.clone();
    message.attachments[1].name = "fattura\u{202e}fdp.exe".into();
    message
}

/// Programs under every disguise, and one honest PDF.
fn executables() -> Message {
    let file = |name: &str, content_type: &str, bytes: &[u8]| Attachment {
        name: name.into(),
        content_type: content_type.into(),
        bytes: bytes.to_vec(),
    };
    let mut message = envelope();
    message.attachments = vec![
        file(
            "fattura\u{202e}fdp.exe",
            "application/pdf",
            b"MZ\x90\0\x03\0",
        ),
        file("inv.pdf.scr", "application/pdf", b"%PDF-1.7\n"),
        file(
            &format!("report.pdf{}.exe", " ".repeat(70)),
            "application/pdf",
            b"%PDF-1.7\n",
        ),
        file(
            "avvio.lnk",
            "application/octet-stream",
            b"L\0\0\0\x01\x14\x02\0",
        ),
        file("lettera.pdf", "application/pdf", b"%PDF-1.7\n%%EOF\n"),
    ];
    message
}

fn with_html(html: &str) -> Message {
    let mut message = envelope();
    message.original_html = Some(html.into());
    message
}
