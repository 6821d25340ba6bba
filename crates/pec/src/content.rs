//! What a provider signed: the signed entity's daticert.xml and, for envelopes and completa
//! receipts, the original message (`postacert.eml`).

use crate::report::Original;

#[derive(Clone, Debug, Default)]
pub struct Content {
    /// The bytes of the `daticert.xml` part, decoded from its transfer encoding.
    pub daticert: Option<Vec<u8>>,
    /// The parsed `postacert.eml` part.
    pub postacert: Option<Original>,
}

pub fn read(_signed: &[u8]) -> Content {
    Content::default()
}
