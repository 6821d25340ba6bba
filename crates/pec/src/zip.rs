//! Zip archives (APPNOTE 6.3), read with `rawzip` (the central directory) and `miniz_oxide`
//! (inflate): each file entry's bytes, stored ones borrowed from the archive, checked against
//! their CRC-32 (`crc`, with one small table). Every bound is checked on the directory before a
//! byte is inflated, so a zip bomb costs nothing.

use std::borrow::Cow;

use rawzip::{CompressionMethod, ZipArchive, ZipFileHeaderRecord, ZipSliceArchive};

/// Entries read from one archive: a case bundle holds hundreds of files.
pub const MAX_ENTRIES: usize = 10_000;

/// How many times its compressed size an entry may declare: mail and its attachments compress
/// less than ten times; deflate reaches a thousand only on repeated bytes, as bombs are made.
pub const MAX_RATIO: u64 = 100;

/// Entries this small are never refused for their ratio (a short run of one byte compresses
/// a hundred times, and costs nothing).
const RATIO_FREE: u64 = 1 << 20;

/// The CRC-32 of APPNOTE 4.4.7 (ISO-HDLC), a byte at a time: one 1 KiB table on the page.
const CRC32: crc::Crc<u32, crc::Table<1>> =
    crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);

/// A file entry of an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Its path in the archive, as the archive names it (the sender's words).
    pub name: String,
    pub bytes: Cow<'a, [u8]>,
}

impl Entry<'_> {
    /// The part that makes an archive an Office document: Office Open XML's content types
    /// (ECMA-376 part 2), OpenDocument's `mimetype` (OASIS ODF 1.2 part 3 §3.3).
    pub fn is_office_part(&self) -> bool {
        self.name == "[Content_Types].xml"
            || (self.name == "mimetype"
                && self
                    .bytes
                    .starts_with(b"application/vnd.oasis.opendocument"))
    }
}

/// Why an archive was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No central directory (the file is cut short), or an entry's data is not what the
    /// directory says (its length, its checksum, its compressed stream).
    Damaged,
    /// More entries, more bytes, or more bytes per compressed byte than the limits, or entries
    /// that share their data: a zip bomb, refused before inflating.
    Bomb,
    /// Entries encrypted, or compressed with a method other than stored and deflate.
    Unsupported,
}

/// Whether `input` starts like a zip archive (a local file header, or the end of an empty one).
pub fn is_zip(input: &[u8]) -> bool {
    input.starts_with(b"PK\x03\x04") || input.starts_with(b"PK\x05\x06")
}

/// The file entries of `input`, in the directory's order, inflating at most `budget` bytes
/// (what is left is returned in it).
pub fn read<'a>(input: &'a [u8], budget: &mut u64) -> Result<Vec<Entry<'a>>, ZipError> {
    let archive = ZipArchive::from_slice(input).map_err(|_| ZipError::Damaged)?;
    if archive.entries_hint() > MAX_ENTRIES as u64 {
        return Err(ZipError::Bomb);
    }
    let records = directory(&archive, input.len() as u64, budget)?;
    records
        .iter()
        .map(|record| entry(input, &archive, record))
        .collect()
}

/// The directory's file entries, once each is within the limits and together they are.
fn directory<'a>(
    archive: &'a ZipSliceArchive<&[u8]>,
    size: u64,
    budget: &mut u64,
) -> Result<Vec<ZipFileHeaderRecord<'a>>, ZipError> {
    let mut records = Vec::new();
    let (mut compressed, mut inflated) = (0u64, 0u64);
    for record in archive.entries() {
        let record = record.map_err(|_| ZipError::Damaged)?;
        if records.len() == MAX_ENTRIES {
            return Err(ZipError::Bomb);
        }
        if record.is_dir() {
            continue;
        }
        let method = record.compression_method();
        if record.flags().is_encrypted()
            || (method != CompressionMethod::STORE && method != CompressionMethod::DEFLATE)
        {
            return Err(ZipError::Unsupported);
        }
        let (packed, unpacked) = (
            record.compressed_size_hint(),
            record.uncompressed_size_hint(),
        );
        if unpacked > packed.saturating_mul(MAX_RATIO).max(RATIO_FREE) {
            return Err(ZipError::Bomb);
        }
        compressed = compressed.saturating_add(packed);
        inflated = inflated.saturating_add(unpacked);
        records.push(record);
    }
    // Entries that share their data (each read again) would multiply the work.
    if compressed > size || inflated > *budget {
        return Err(ZipError::Bomb);
    }
    *budget -= inflated;
    Ok(records)
}

/// One entry's bytes, checked against the size and checksum the directory gives.
fn entry<'a>(
    input: &'a [u8],
    archive: &ZipSliceArchive<&[u8]>,
    record: &ZipFileHeaderRecord<'_>,
) -> Result<Entry<'a>, ZipError> {
    let found = archive
        .get_entry(record.wayfinder())
        .map_err(|_| ZipError::Damaged)?;
    let claim = found.claim_verifier();
    let size = usize::try_from(claim.uncompressed_size).map_err(|_| ZipError::Bomb)?;
    // The entry's data as a slice of the input itself, so a stored entry is borrowed.
    let (start, end) = found.compressed_data_range();
    let data = usize::try_from(start)
        .ok()
        .zip(usize::try_from(end).ok())
        .and_then(|(start, end)| input.get(start..end))
        .ok_or(ZipError::Damaged)?;
    let bytes = if record.compression_method() == CompressionMethod::STORE {
        Cow::Borrowed(data)
    } else {
        let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(data, size)
            .map_err(|_| ZipError::Damaged)?;
        Cow::Owned(inflated)
    };
    if bytes.len() != size || CRC32.checksum(&bytes) != claim.crc {
        return Err(ZipError::Damaged);
    }
    Ok(Entry {
        name: String::from_utf8_lossy(record.file_path().as_bytes()).into_owned(),
        bytes,
    })
}
