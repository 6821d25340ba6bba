//! Reading what a user hands over to judge trust with: PEM text with any number of blocks
//! (`CERTIFICATE`, `X509 CRL`), or one DER object.

use super::{Object, TrustError};
use crate::certificate::Cert;

/// Every `CERTIFICATE` block of a PEM text, ignoring text around them; or one DER certificate.
pub fn read_certificates(input: &[u8]) -> Result<Vec<Cert>, TrustError> {
    read_all(input, Object::Certificate, Cert::from_der)
}

/// Every block of `object`'s label in a PEM text, ignoring text around them; or one DER
/// object. Each is made DER first, then read by `decode`, the one DER decoder the rest of the
/// core uses too: decoding straight from PEM would build a second decoder into the page.
pub(crate) fn read_all<T>(
    input: &[u8],
    object: Object,
    decode: fn(&[u8]) -> der::Result<T>,
) -> Result<Vec<T>, TrustError> {
    let (begin, end) = object.boundaries();
    let malformed = |index, reason: String| TrustError::Malformed {
        object,
        index,
        reason,
    };
    if find(input, begin.as_bytes()).is_none() {
        return match input.first() {
            Some(0x30) => decode(input)
                .map(|c| vec![c])
                .map_err(|e| malformed(1, e.to_string())),
            _ => Err(TrustError::NotFound(object)),
        };
    }
    let mut found = Vec::new();
    let mut rest = input;
    while let Some(block) = find(rest, begin.as_bytes()).and_then(|start| rest.get(start..)) {
        let index = found.len() + 1;
        let (pem, after) = find(block, end.as_bytes())
            .and_then(|at| block.split_at_checked(at + end.len()))
            .ok_or_else(|| malformed(index, "no END line".to_owned()))?;
        let (_label, der) =
            pem_rfc7468::decode_vec(pem).map_err(|e| malformed(index, e.to_string()))?;
        found.push(decode(&der).map_err(|e| malformed(index, e.to_string()))?);
        rest = after;
    }
    Ok(found)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::shared_trust;
    use crate::trust::{PEC_CA_PINS, TrustStore};

    #[test]
    fn unreadable_anchors_are_reported() {
        let mut store = TrustStore::default();
        assert_eq!(
            store.add_certificates(b""),
            Err(TrustError::NotFound(Object::Certificate))
        );
        assert_eq!(
            store.add_certificates(b"hello"),
            Err(TrustError::NotFound(Object::Certificate))
        );
        let pem = shared_trust("digitpa-ca1.pem");
        let truncated = &pem[..pem.len() - 40];
        assert!(matches!(
            store.add_certificates(truncated),
            Err(TrustError::Malformed { index: 1, .. })
        ));
        let mut garbled = pem.clone();
        garbled[100] = b'!';
        assert!(matches!(
            store.add_certificates(&garbled),
            Err(TrustError::Malformed { index: 1, .. })
        ));
        assert!(store.roots.is_empty() && store.intermediates.is_empty());
        // DER is accepted too.
        let der = der::Encode::to_der(&*read_certificates(&pem).unwrap()[0]).unwrap();
        assert_eq!(store.add_certificates(&der), Ok(1));
        assert_eq!(store.pec_ca_pins, vec![PEC_CA_PINS[1]]);
    }
}
