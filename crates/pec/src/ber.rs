//! BER to DER for CMS: mail clients and signing tools write SignedData with indefinite lengths
//! and strings in pieces, which BER allows (RFC 5652 §1.2 asks only the signed attributes for
//! DER). Those become definite lengths and one primitive string; everything else is copied as
//! read, so DER comes out as it went in, and signed attributes sent in DER stay as signed.
//!
//! Two walks of the same reader: the first checks the encoding and measures every constructed
//! value's DER length, the second writes with those lengths. The work is linear in the input,
//! the nesting is bounded by [`MAX_DEPTH`] and the memory by one length per constructed value.

/// How deep values may nest. A SignedData nests about a dozen deep (names in certificates in
/// the certificate set); the bound keeps a hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 48;

/// Why bytes are not a BER value this step can make DER.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BerError {
    /// The input ends inside a value.
    Truncated,
    /// A length that BER does not allow here, or one too long for the input.
    Length,
    /// Values nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A string in pieces of another type, or a bit string in pieces.
    Piece,
    /// Bytes after the value.
    Trailing,
}

/// `input`, one BER value, in DER as far as lengths and strings go.
pub fn to_der(input: &[u8]) -> Result<Vec<u8>, BerError> {
    let mut measure = Measure::default();
    let total = whole(input, &mut measure)?;
    let mut write = Write {
        lengths: measure.lengths.into_iter(),
        out: Vec::with_capacity(total),
    };
    whole(input, &mut write)?;
    Ok(write.out)
}

/// The one value of `input`, walked with `pass`; its DER size.
fn whole(input: &[u8], pass: &mut impl Pass) -> Result<usize, BerError> {
    let mut reader = Reader(input);
    let size = reader.value(pass, 0)?.ok_or(BerError::Length)?;
    if !reader.0.is_empty() {
        return Err(BerError::Trailing);
    }
    Ok(size)
}

/// What a walk does with what it reads.
trait Pass {
    /// A constructed value starts, with this (DER) tag; its content follows.
    fn open(&mut self, tag: &[u8]);
    /// The constructed value opened last ends, its DER content `size` bytes long.
    fn close(&mut self, size: usize);
    /// A primitive value, its content copied as it is.
    fn primitive(&mut self, tag: &[u8], content: &[u8]);
    /// A piece of a string's content.
    fn bytes(&mut self, bytes: &[u8]);
}

/// The first walk: every constructed value's DER content length, in the order they open.
#[derive(Default)]
struct Measure {
    lengths: Vec<usize>,
    open: Vec<usize>,
}

impl Pass for Measure {
    fn open(&mut self, _tag: &[u8]) {
        self.open.push(self.lengths.len());
        self.lengths.push(0);
    }

    fn close(&mut self, size: usize) {
        if let Some(slot) = self.open.pop().and_then(|i| self.lengths.get_mut(i)) {
            *slot = size;
        }
    }

    fn primitive(&mut self, _tag: &[u8], _content: &[u8]) {}

    fn bytes(&mut self, _bytes: &[u8]) {}
}

/// The second walk: the DER bytes, each header with the length the first walk measured.
struct Write {
    lengths: std::vec::IntoIter<usize>,
    out: Vec<u8>,
}

impl Pass for Write {
    fn open(&mut self, tag: &[u8]) {
        let size = self.lengths.next().unwrap_or_default();
        self.out.extend_from_slice(tag);
        self.out.extend_from_slice(&der_length(size));
    }

    fn close(&mut self, _size: usize) {}

    fn primitive(&mut self, tag: &[u8], content: &[u8]) {
        self.out.extend_from_slice(tag);
        self.out.extend_from_slice(&der_length(content.len()));
        self.out.extend_from_slice(content);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }
}

/// The length octets of DER (X.690 §10.1): the short form below 128, else the fewest bytes.
fn der_length(size: usize) -> Vec<u8> {
    if size < 0x80 {
        return vec![size as u8];
    }
    let bytes = size.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count();
    let mut length = vec![0x80 | (bytes.len() - skip) as u8];
    length.extend_from_slice(&bytes[skip..]);
    length
}

/// The DER size of a header with `tag` for content of `size` bytes.
fn header_size(tag: &[u8], size: usize) -> usize {
    let length = match size {
        0..0x80 => 1,
        _ => 1 + (usize::BITS - size.leading_zeros()).div_ceil(8) as usize,
    };
    tag.len() + length
}

const CONSTRUCTED: u8 = 0x20;
const BIT_STRING: u8 = 0x03;

/// The universal string types BER may send in pieces (X.690 §8.7, §8.23): OCTET STRING and
/// the character strings. A BIT STRING in pieces (a count of unused bits in each) is refused.
fn is_string(tag: u8) -> bool {
    matches!(tag, 0x04 | 0x0C | 0x12..=0x16 | 0x19..=0x1E)
}

/// A length as read: definite, or indefinite (ended by two zero bytes).
enum Length {
    Definite(usize),
    Indefinite,
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> Result<&'a [u8], BerError> {
        if count > self.0.len() {
            return Err(BerError::Truncated);
        }
        let (taken, rest) = self.0.split_at(count);
        self.0 = rest;
        Ok(taken)
    }

    fn byte(&mut self) -> Result<u8, BerError> {
        Ok(self.take(1)?[0])
    }

    /// The identifier octets (X.690 §8.1.2): one, or more for tag numbers above 30 (at most
    /// four, numbers far beyond any CMS tag).
    fn tag(&mut self) -> Result<&'a [u8], BerError> {
        let start = self.0;
        let mut count = 1;
        if self.byte()? & 0x1F == 0x1F {
            while self.byte()? & 0x80 != 0 {
                count += 1;
                if count > 4 {
                    return Err(BerError::Length);
                }
            }
            count += 1;
        }
        Ok(&start[..count])
    }

    fn length(&mut self) -> Result<Length, BerError> {
        let first = self.byte()?;
        if first < 0x80 {
            return Ok(Length::Definite(usize::from(first)));
        }
        if first == 0x80 {
            return Ok(Length::Indefinite);
        }
        let count = usize::from(first & 0x7F);
        if count > 4 {
            return Err(BerError::Length);
        }
        let size = self
            .take(count)?
            .iter()
            .fold(0usize, |size, &b| size << 8 | usize::from(b));
        if size > self.0.len() {
            return Err(BerError::Truncated);
        }
        Ok(Length::Definite(size))
    }

    /// Walks one value with `pass` and returns its DER size, or `None` at an end-of-contents
    /// marker, which only the content of an indefinite length may hold.
    fn value(&mut self, pass: &mut impl Pass, depth: usize) -> Result<Option<usize>, BerError> {
        if depth > MAX_DEPTH {
            return Err(BerError::TooDeep);
        }
        let tag = self.tag()?;
        let length = self.length()?;
        if tag == [0] {
            return match length {
                Length::Definite(0) => Ok(None),
                _ => Err(BerError::Length),
            };
        }
        let constructed = tag[0] & CONSTRUCTED != 0;
        let size = match (constructed, length) {
            (false, Length::Definite(size)) => {
                pass.primitive(tag, self.take(size)?);
                return Ok(Some(header_size(tag, size) + size));
            }
            (false, Length::Indefinite) => return Err(BerError::Length),
            (true, length) if tag.len() == 1 && is_string(tag[0] & !CONSTRUCTED) => {
                let primitive = [tag[0] & !CONSTRUCTED];
                pass.open(&primitive);
                let size = self.content(length, depth, |reader, depth| {
                    reader.piece(pass, primitive[0], depth)
                })?;
                pass.close(size);
                header_size(&primitive, size) + size
            }
            (true, _) if tag == [CONSTRUCTED | BIT_STRING] => return Err(BerError::Piece),
            (true, length) => {
                pass.open(tag);
                let size =
                    self.content(length, depth, |reader, depth| reader.value(pass, depth))?;
                pass.close(size);
                header_size(tag, size) + size
            }
        };
        Ok(Some(size))
    }

    /// The content of a constructed value of `length`, read element by element with `element`
    /// (`None` at an end-of-contents marker); the sum of their DER sizes.
    fn content(
        &mut self,
        length: Length,
        depth: usize,
        mut element: impl FnMut(&mut Self, usize) -> Result<Option<usize>, BerError>,
    ) -> Result<usize, BerError> {
        let mut size = 0usize;
        match length {
            Length::Definite(count) => {
                let mut inner = Reader(self.take(count)?);
                while !inner.0.is_empty() {
                    size += element(&mut inner, depth + 1)?.ok_or(BerError::Length)?;
                }
            }
            Length::Indefinite => {
                while let Some(element_size) = element(self, depth + 1)? {
                    size += element_size;
                }
            }
        }
        Ok(size)
    }

    /// One piece of a string of type `string`, itself primitive or in pieces; its content's
    /// size (the pieces' headers go away).
    fn piece(
        &mut self,
        pass: &mut impl Pass,
        string: u8,
        depth: usize,
    ) -> Result<Option<usize>, BerError> {
        if depth > MAX_DEPTH {
            return Err(BerError::TooDeep);
        }
        let tag = self.tag()?;
        let length = self.length()?;
        match (tag, length) {
            ([0], Length::Definite(0)) => Ok(None),
            ([t], Length::Definite(size)) if *t == string => {
                pass.bytes(self.take(size)?);
                Ok(Some(size))
            }
            ([t], length) if *t == string | CONSTRUCTED => self
                .content(length, depth, |reader, depth| {
                    reader.piece(pass, string, depth)
                })
                .map(Some),
            _ => Err(BerError::Piece),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_comes_out_as_it_went_in() {
        let (_, _, p7s) = crate::testutil::real().remove(0);
        assert_eq!(to_der(&p7s).unwrap(), p7s);
    }

    #[test]
    fn indefinite_lengths_become_definite() {
        // SEQUENCE (indefinite) { INTEGER 1, SEQUENCE (indefinite) { NULL } }
        let ber = [0x30, 0x80, 2, 1, 1, 0x30, 0x80, 5, 0, 0, 0, 0, 0];
        assert_eq!(to_der(&ber).unwrap(), [0x30, 7, 2, 1, 1, 0x30, 2, 5, 0]);
    }

    #[test]
    fn strings_in_pieces_become_one_string() {
        // [0] (indefinite) { OCTET STRING in pieces: "ab", { "c" }, "" }
        let ber = [
            0xA0, 0x80, 0x24, 0x80, 4, 2, b'a', b'b', 0x24, 3, 4, 1, b'c', 4, 0, 0, 0, 0, 0,
        ];
        assert_eq!(to_der(&ber).unwrap(), [0xA0, 5, 4, 3, b'a', b'b', b'c']);
    }

    #[test]
    fn long_contents_get_minimal_lengths() {
        let mut ber = vec![0x24, 0x80];
        for _ in 0..300 {
            ber.extend_from_slice(&[4, 1, b'x']);
        }
        ber.extend_from_slice(&[0, 0]);
        let der = to_der(&ber).unwrap();
        assert_eq!(der[..4], [4, 0x82, 0x01, 0x2C]);
        assert_eq!(der.len(), 304);
        // A non-minimal definite length is rewritten too.
        assert_eq!(to_der(&[4, 0x81, 1, b'x']).unwrap(), [4, 1, b'x']);
    }

    #[test]
    fn what_is_not_ber_is_refused() {
        for (input, error) in [
            (&[][..], BerError::Truncated),
            (&[0x30, 0x80, 5, 0], BerError::Truncated),
            (&[0x30, 3, 5, 0], BerError::Truncated),
            (&[4, 0x80, 0, 0], BerError::Length),
            (&[0x30, 2, 0, 0], BerError::Length),
            (&[0x30, 0x85, 0, 0, 0, 0, 1], BerError::Length),
            (&[0x23, 0x80, 3, 1, 0, 0, 0], BerError::Piece),
            (&[0x24, 0x80, 0x0C, 1, b'x', 0, 0], BerError::Piece),
            (&[5, 0, 5, 0], BerError::Trailing),
            (&[0, 0], BerError::Length),
        ] {
            assert_eq!(to_der(input), Err(error), "{input:02x?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = |levels: usize| {
            let mut ber = [0x30, 0x80].repeat(levels);
            ber.extend_from_slice(&[5, 0]);
            ber.extend_from_slice(&[0, 0].repeat(levels));
            ber
        };
        assert!(to_der(&deep(MAX_DEPTH)).is_ok());
        assert_eq!(to_der(&deep(MAX_DEPTH + 1)), Err(BerError::TooDeep));
        assert_eq!(to_der(&deep(100_000)), Err(BerError::TooDeep));
        let pieces = |levels: usize| {
            let mut ber = [0x24, 0x80].repeat(levels);
            ber.extend_from_slice(&[0, 0].repeat(levels));
            ber
        };
        assert!(to_der(&pieces(MAX_DEPTH)).is_ok());
        assert_eq!(to_der(&pieces(100_000)), Err(BerError::TooDeep));
    }
}
