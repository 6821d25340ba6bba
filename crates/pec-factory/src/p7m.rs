//! Signed files (`.p7m`, CAdES with the content attached) as lawyers deposit receipts: the
//! receipt's `.eml` inside a SignedData of their own signature, in DER or base64, possibly
//! signed again.

use base64ct::{Base64, Encoding};

use crate::Digest;
use crate::pki::{ABUSIVO, Issuer, KeyAlgorithm, Leaf};
use crate::smime::{self, Signature};
use crate::time::utc;

/// The form of the signed file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum P7m {
    /// DER, as most signing tools write it.
    Der,
    /// Base64 of the DER, as some tools write it.
    Base64,
    /// A signed file signed again (a second signer's turn, as signing tools nest).
    Nested,
    /// DER whose signature value no longer matches: a broken signature on the file.
    BrokenSignature,
}

impl P7m {
    pub const ALL: [Self; 4] = [Self::Der, Self::Base64, Self::Nested, Self::BrokenSignature];

    /// The signing time of the file's signature: a month after the factory's messages.
    pub fn signing_time() -> i64 {
        utc(2024, 4, 15, 8, 0, 0)
    }

    /// The certificate that signs the files: not a PEC provider's (another CA, no PEC policy).
    pub fn signer() -> Leaf {
        Leaf {
            issuer: Issuer::RogueCa,
            pec_policy: false,
            ..Leaf::new(ABUSIVO, KeyAlgorithm::Rsa2048)
        }
    }

    /// `file` (an `.eml`) signed in this form.
    pub fn sign(self, file: &[u8]) -> Vec<u8> {
        match self {
            Self::Der => der(file, false),
            Self::Base64 => {
                let encoded = Base64::encode_string(&der(file, false));
                let lines: Vec<&str> = encoded
                    .as_bytes()
                    .chunks(64)
                    .map(|line| std::str::from_utf8(line).unwrap_or_default())
                    .collect();
                (lines.join("\r\n") + "\r\n").into_bytes()
            }
            Self::Nested => der(&der(file, false), false),
            Self::BrokenSignature => der(file, true),
        }
    }
}

fn der(content: &[u8], corrupt: bool) -> Vec<u8> {
    let signer = P7m::signer();
    smime::sign_attached(
        content,
        &[Signature {
            digest: Digest::Sha256,
            signing_time: Some(P7m::signing_time()),
            key: signer.key(),
            signer: signer.certificate(),
            chain: vec![signer.issuer_certificate()],
            corrupt_value: corrupt,
            corrupt_message_digest: false,
        }],
    )
}
