//! Zip archives as people hold receipts in them (a webmail's export, a case bundle), written
//! with `rawzip` and `miniz_oxide`: any file stored or deflated, among other files, inside
//! another zip; and the bombs a verifier must refuse before inflating.

use std::io::Write;

use rawzip::{CompressionMethod, DataDescriptorOutput, ZipArchiveWriter};

/// How a file is put in an archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zip {
    /// Stored as it is (method 0).
    Stored,
    /// Deflated (method 8), as most tools write.
    Deflated,
    /// In a folder, after a PDF and a folder entry, as a case bundle holds it.
    Bundled,
    /// Deflated in a zip, stored in another.
    Nested,
}

/// A zip bomb: an archive that declares more than any bundle of receipts needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bomb {
    /// One entry of 64 MiB of zeros, deflated about a thousand times.
    Ratio,
    /// Ten thousand and one empty entries.
    Entries,
    /// 130 entries of 1 MiB of zeros each: 130 MiB inflated in all.
    Size,
    /// Forty-two levels of zips, each holding the next.
    Nested,
}

/// One file of an archive.
pub struct Entry<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub deflated: bool,
}

impl Zip {
    pub const ALL: [Self; 4] = [Self::Stored, Self::Deflated, Self::Bundled, Self::Nested];

    /// The path the file takes in the archive.
    pub fn path(self, name: &str) -> String {
        match self {
            Self::Bundled => format!("causa 42/ricevute/{name}"),
            _ => name.to_owned(),
        }
    }

    /// `file`, named `name`, in an archive of this form.
    pub fn pack(self, name: &str, file: &[u8]) -> Vec<u8> {
        let one = |deflated| {
            archive(&[Entry {
                name,
                bytes: file,
                deflated,
            }])
        };
        match self {
            Self::Stored => one(false),
            Self::Deflated => one(true),
            Self::Bundled => archive_with_folder(&[
                Entry {
                    name: "causa 42/atto.pdf",
                    bytes: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
                    deflated: true,
                },
                Entry {
                    name: &self.path(name),
                    bytes: file,
                    deflated: true,
                },
            ]),
            Self::Nested => archive(&[Entry {
                name: "ricevute.zip",
                bytes: &Self::Deflated.pack(name, file),
                deflated: false,
            }]),
        }
    }
}

impl Bomb {
    pub const ALL: [Self; 4] = [Self::Ratio, Self::Entries, Self::Size, Self::Nested];

    pub fn build(self) -> Vec<u8> {
        match self {
            Self::Ratio => archive(&[Entry {
                name: "zeros.eml",
                bytes: &vec![0; 64 << 20],
                deflated: true,
            }]),
            Self::Entries => {
                let names: Vec<String> = (0..10_001).map(|i| format!("{i}.eml")).collect();
                let entries: Vec<Entry> = names
                    .iter()
                    .map(|name| Entry {
                        name,
                        bytes: b"",
                        deflated: false,
                    })
                    .collect();
                archive(&entries)
            }
            Self::Size => {
                let zeros = vec![0; 1 << 20];
                let names: Vec<String> = (0..130).map(|i| format!("{i}.eml")).collect();
                let entries: Vec<Entry> = names
                    .iter()
                    .map(|name| Entry {
                        name,
                        bytes: &zeros,
                        deflated: true,
                    })
                    .collect();
                archive(&entries)
            }
            Self::Nested => (0..42)
                .fold(b"Subject: fondo\r\n\r\nfondo\r\n".to_vec(), |inner, _| {
                    Zip::Deflated.pack("livello.zip", &inner)
                }),
        }
    }
}

/// An archive of `entries`, in order.
pub fn archive(entries: &[Entry]) -> Vec<u8> {
    write(entries, Shape::Plain)
}

/// `file` stored under a password (its bytes as they are, flagged encrypted, as a verifier
/// sees any password-protected zip).
pub fn encrypted(name: &str, file: &[u8]) -> Vec<u8> {
    let entry = Entry {
        name,
        bytes: file,
        deflated: false,
    };
    write(&[entry], Shape::Encrypted)
}

/// An archive whose entries follow a folder entry (`causa 42/`).
fn archive_with_folder(entries: &[Entry]) -> Vec<u8> {
    write(entries, Shape::Folder)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Plain,
    Folder,
    Encrypted,
}

fn write(entries: &[Entry], shape: Shape) -> Vec<u8> {
    let mut archive = ZipArchiveWriter::new(Vec::new());
    if shape == Shape::Folder {
        archive
            .new_dir("causa 42/")
            .create()
            .expect("a folder entry");
    }
    // Each distinct content is deflated once, however many entries hold it.
    let mut deflated: Option<(&[u8], Vec<u8>)> = None;
    for entry in entries {
        let method = if entry.deflated {
            CompressionMethod::DEFLATE
        } else {
            CompressionMethod::STORE
        };
        let data = if entry.deflated {
            if deflated.as_ref().is_none_or(|(of, _)| *of != entry.bytes) {
                deflated = Some((
                    entry.bytes,
                    miniz_oxide::deflate::compress_to_vec(entry.bytes, 6),
                ));
            }
            deflated
                .as_ref()
                .map(|(_, data)| data.clone())
                .unwrap_or_default()
        } else {
            entry.bytes.to_vec()
        };
        let (mut writer, _) = archive
            .new_file(entry.name)
            .compression_method(method)
            .encrypted(shape == Shape::Encrypted)
            .start()
            .expect("an entry");
        writer.write_all(&data).expect("in memory");
        writer
            .finish(DataDescriptorOutput::new(
                rawzip::crc32(entry.bytes),
                entry.bytes.len() as u64,
            ))
            .expect("an entry");
    }
    archive.finish().expect("in memory")
}
