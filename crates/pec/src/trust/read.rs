//! Reading certificates from the files a user hands over: PEM text with any number of
//! `CERTIFICATE` blocks, or one DER certificate.

use super::TrustError;
use crate::certificate::Cert;

const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
const END: &[u8] = b"-----END CERTIFICATE-----";

/// Every `CERTIFICATE` block of a PEM text, ignoring text around them; or one DER certificate.
pub fn read_certificates(input: &[u8]) -> Result<Vec<Cert>, TrustError> {
    if find(input, BEGIN).is_none() {
        return match input.first() {
            Some(0x30) => Cert::from_der(input)
                .map(|c| vec![c])
                .map_err(|e| malformed(1, e)),
            _ => Err(TrustError::NoCertificate),
        };
    }
    let mut certificates = Vec::new();
    let mut rest = input;
    while let Some(block) = find(rest, BEGIN).and_then(|start| rest.get(start..)) {
        let index = certificates.len() + 1;
        let (pem, after) = find(block, END)
            .and_then(|end| block.split_at_checked(end + END.len()))
            .ok_or(TrustError::Malformed {
                index,
                reason: "no END line".to_owned(),
            })?;
        certificates.push(from_pem(pem, index)?);
        rest = after;
    }
    Ok(certificates)
}

/// PEM to DER first, then the one DER decoder the CMS path uses too: decoding straight from
/// PEM would build a second certificate decoder into the page.
fn from_pem(pem: &[u8], index: usize) -> Result<Cert, TrustError> {
    let (_label, der) = pem_rfc7468::decode_vec(pem).map_err(|e| malformed(index, e.into()))?;
    Cert::from_der(&der).map_err(|e| malformed(index, e))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn malformed(index: usize, error: der::Error) -> TrustError {
    TrustError::Malformed {
        index,
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::shared_trust;
    use crate::trust::{PEC_CA_PINS, TrustStore};

    #[test]
    fn unreadable_anchors_are_reported() {
        let mut store = TrustStore::default();
        assert_eq!(store.add_certificates(b""), Err(TrustError::NoCertificate));
        assert_eq!(
            store.add_certificates(b"hello"),
            Err(TrustError::NoCertificate)
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
