//! What an attachment really is. Its name and its declared type are the sender's words (an
//! `.exe` can be declared `application/pdf`, and `fattura.pdf<70 spaces>.exe` looks like a
//! PDF in a narrow column), so the extension is read as the operating system will read it,
//! the type from the first bytes, and anything that runs when opened is said to.

use crate::sender;

names! {
    /// A file type told by its first bytes.
    pub enum Detected {
        Pdf = "pdf",
        Zip = "zip",
        OfficeLegacy = "ole-compound",
        Executable = "executable",
        Elf = "elf",
        Shortcut = "windows-shortcut",
        Script = "script",
        Png = "png",
        Jpeg = "jpeg",
        Gif = "gif",
        Xml = "xml",
        Html = "html",
        Rtf = "rtf",
        Der = "der",
    }
}

/// The first bytes of every Compound File Binary file (MS-CFB §2.2): Outlook's `.msg`, old
/// Office documents.
pub const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether an attachment is a file that holds files to search, as the unpacking reads
/// them: an Outlook message (a Compound File), a zip archive, or DER (a signed file).
pub fn holds_files(bytes: &[u8]) -> bool {
    matches!(
        Detected::of(bytes),
        Some(Detected::OfficeLegacy | Detected::Zip | Detected::Der)
    )
}

/// Magic numbers, at offset 0.
const MAGIC: [(&[u8], Detected); 12] = [
    (b"%PDF-", Detected::Pdf),
    (b"PK\x03\x04", Detected::Zip),
    (&COMPOUND_FILE, Detected::OfficeLegacy),
    (b"MZ", Detected::Executable),
    (b"\x7fELF", Detected::Elf),
    (b"L\0\0\0\x01\x14\x02\0", Detected::Shortcut),
    (b"#!", Detected::Script),
    (b"\x89PNG\r\n\x1a\n", Detected::Png),
    (b"\xff\xd8\xff", Detected::Jpeg),
    (b"GIF8", Detected::Gif),
    (b"{\\rtf", Detected::Rtf),
    (b"<?xml", Detected::Xml),
];

/// Extensions Windows or macOS runs (or hands to an interpreter) when the file is opened.
const RUNS: [&str; 38] = [
    "exe",
    "scr",
    "com",
    "pif",
    "cpl",
    "msi",
    "msp",
    "msc",
    "bat",
    "cmd",
    "hta",
    "js",
    "jse",
    "vbs",
    "vbe",
    "wsf",
    "wsh",
    "ps1",
    "psm1",
    "jar",
    "lnk",
    "url",
    "scf",
    "reg",
    "inf",
    "dll",
    "sys",
    "app",
    "command",
    "sh",
    "iso",
    "img",
    "vhd",
    "vhdx",
    "appx",
    "msix",
    "library-ms",
    "settingcontent-ms",
];

impl Detected {
    /// The type of `bytes`, when their first bytes say.
    pub fn of(bytes: &[u8]) -> Option<Self> {
        if let Some(&(_, detected)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
            return Some(detected);
        }
        let head = &bytes[..bytes.len().min(512)];
        let text = String::from_utf8_lossy(head)
            .trim_start()
            .to_ascii_lowercase();
        if text.starts_with("<!doctype html") || text.starts_with("<html") {
            return Some(Self::Html);
        }
        // A DER SEQUENCE with a definite length, as a certificate or a CMS signature starts.
        (bytes.first() == Some(&0x30) && matches!(bytes.get(1), Some(0x80..=0x84)))
            .then_some(Self::Der)
    }

    /// A print or a scan: a document or a picture, never a message.
    pub fn is_print(self) -> bool {
        matches!(self, Self::Pdf | Self::Png | Self::Jpeg | Self::Gif)
    }

    /// Runs code when opened.
    pub fn runs(self) -> bool {
        matches!(
            self,
            Self::Executable | Self::Elf | Self::Shortcut | Self::Script
        )
    }
}

/// The extension of `name` as the operating system reads it: after the last dot, once the
/// characters a file system drops or a reader does not see are gone (Windows strips trailing
/// dots and spaces), in lower case. `None` when there is none.
pub fn extension(name: &str) -> Option<String> {
    let seen: String = name.chars().filter(|&c| !sender::is_hidden(c)).collect();
    let trimmed = seen.trim_end_matches(['.', ' ']);
    let (stem, extension) = trimmed.rsplit_once('.')?;
    (!stem.is_empty() && !extension.is_empty() && !extension.contains(['/', '\\']))
        .then(|| extension.trim().to_lowercase())
}

/// Opening the file runs something: by its extension, or by its first bytes.
pub fn runs(name: Option<&str>, bytes: &[u8]) -> bool {
    let by_name = name
        .and_then(extension)
        .is_some_and(|e| RUNS.contains(&e.as_str()));
    by_name || Detected::of(bytes).is_some_and(Detected::runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_is_the_one_the_system_reads() {
        let padded = format!("report.pdf{}.exe", " ".repeat(70));
        let cases = [
            ("fattura.pdf", Some("pdf")),
            ("inv.pdf.scr", Some("scr")),
            (padded.as_str(), Some("exe")),
            ("fattura\u{202e}fdp.exe", Some("exe")),
            ("trailing.exe. . ", Some("exe")),
            ("LETTERA.PDF", Some("pdf")),
            (".bashrc", None),
            ("senza estensione", None),
        ];
        for (name, expected) in cases {
            assert_eq!(extension(name).as_deref(), expected, "{name:?}");
        }
    }

    #[test]
    fn executables_are_told_by_name_and_by_bytes() {
        assert!(runs(Some("inv.pdf.scr"), b"%PDF-1.7"));
        assert!(runs(Some("fattura.pdf"), b"MZ\x90\0"));
        assert!(runs(Some("x.LNK"), b""));
        assert!(runs(None, b"#!/bin/sh\n"));
        assert!(!runs(Some("fattura.pdf"), b"%PDF-1.7"));
        assert!(!runs(
            Some("IT01234567890_00042.xml"),
            b"<?xml version=\"1.0\"?>"
        ));
    }

    #[test]
    fn types_are_told_by_their_first_bytes() {
        assert_eq!(Detected::of(b"%PDF-1.4\n"), Some(Detected::Pdf));
        assert_eq!(Detected::of(b"PK\x03\x04rest"), Some(Detected::Zip));
        assert_eq!(Detected::of(b"  <!DOCTYPE html><p>"), Some(Detected::Html));
        assert_eq!(Detected::of(b"\x30\x82\x01\x00"), Some(Detected::Der));
        assert_eq!(Detected::of(b"plain words"), None);
        assert_eq!(Detected::of(b""), None);
    }
}
