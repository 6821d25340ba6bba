//! Certificate revocation lists shaped like AgID CA1's: a v2 list with its number, signed by
//! the PEC CA, with knobs for the lists a verifier must not believe or cannot use.

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280::{
    ID_CE_CRL_NUMBER, ID_CE_CRL_REASONS, ID_CE_DELTA_CRL_INDICATOR, ID_CE_INVALIDITY_DATE,
    ID_CE_ISSUING_DISTRIBUTION_POINT,
};
use const_oid::db::rfc5912::SHA_256_WITH_RSA_ENCRYPTION;
use der::asn1::{BitString, GeneralizedTime, Ia5String, OctetString, Uint};
use der::{Any, Encode};
use sha2::{Digest as _, Sha256};
use spki::AlgorithmIdentifierOwned;
use std::str::FromStr;

use x509_cert::Version;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint;
use x509_cert::ext::pkix::crl::{BaseCrlNumber, CrlNumber, CrlReason};
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;

use crate::Digest;
use crate::pki::{Issuer, Leaf, pki};
use crate::time::x509;

/// The name of the real PEC CA since 2018, for lists forged in its name.
pub const AGID_CA1: &str = "CN=AgID CA1,OU=Area Soluzioni per la Pubblica Amministrazione,\
                            O=Agenzia per l'Italia Digitale,L=Roma,C=IT";

/// Which lists a CA publishes besides the whole one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every certificate of the CA.
    Whole,
    /// Every end-entity certificate of the CA, at the address its certificates name (an issuing
    /// distribution point that narrows nothing else): as whole as `Whole` for a receipt.
    EndEntitiesAtPoint,
    /// A delta list: only the changes since a base list (a critical extension says so).
    Delta,
    /// Only the CA certificates it issued (an issuing distribution point says so).
    CaCertificatesOnly,
}

/// One certificate the list names.
#[derive(Clone, Debug)]
pub struct Revoked {
    pub serial: SerialNumber,
    pub at: i64,
    pub reason: Option<CrlReason>,
    /// When the key is known to have been compromised, earlier than `at`.
    pub invalid_since: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct Crl {
    /// The CA whose key signs the list, under the PEC CA's name either way: the rogue CA's key
    /// makes a list the PEC CA never signed.
    pub signer: Issuer,
    /// Names this issuer instead (RFC 4514, as `CN=…,C=IT`): a list in the name of a real CA
    /// signed by a key of the factory's, which no real CA holds.
    pub in_name_of: Option<&'static str>,
    pub this_update: i64,
    pub next_update: i64,
    pub revoked: Vec<Revoked>,
    pub scope: Scope,
    /// A revocation date changed after signing.
    pub tampered: bool,
}

impl Crl {
    /// A whole list of the PEC CA issued at `this_update` that revokes nothing, valid a week.
    pub fn new(this_update: i64) -> Self {
        Self {
            signer: Issuer::PecCa,
            in_name_of: None,
            this_update,
            next_update: this_update + 7 * 86_400,
            revoked: Vec::new(),
            scope: Scope::Whole,
            tampered: false,
        }
    }

    /// The list also names `leaf`'s certificate, revoked at `at` for `reason`.
    pub fn revoking(mut self, leaf: &Leaf, at: i64, reason: Option<CrlReason>) -> Self {
        self.revoked.push(Revoked {
            serial: leaf.certificate().tbs_certificate.serial_number,
            at,
            reason,
            invalid_since: None,
        });
        self
    }

    pub fn der(&self) -> Vec<u8> {
        let (ca, signing_key) = pki().issuer(self.signer);
        let algorithm = AlgorithmIdentifierOwned {
            oid: SHA_256_WITH_RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        };
        let tbs = TbsCertList {
            version: Version::V2,
            signature: algorithm.clone(),
            issuer: self.in_name_of.map_or_else(
                || ca.tbs_certificate.subject.clone(),
                |name| Name::from_str(name).expect("a valid name"),
            ),
            this_update: x509(self.this_update),
            next_update: Some(x509(self.next_update)),
            revoked_certificates: (!self.revoked.is_empty())
                .then(|| self.revoked.iter().map(entry).collect()),
            crl_extensions: Some(self.extensions()),
        };
        let tbs_der = tbs.to_der().expect("an encodable list");
        let signature = signing_key.sign_prehash(Digest::Sha256, &Sha256::digest(&tbs_der));
        let mut list = CertificateList {
            tbs_cert_list: tbs,
            signature_algorithm: algorithm,
            signature: BitString::from_bytes(&signature).expect("a signature"),
        };
        if self.tampered {
            if let Some(first) = list
                .tbs_cert_list
                .revoked_certificates
                .as_mut()
                .and_then(|r| r.first_mut())
            {
                first.revocation_date = x509(self.this_update);
            } else {
                list.tbs_cert_list.this_update = x509(self.this_update + 1);
            }
        }
        list.to_der().expect("an encodable list")
    }

    /// The list as PEM text (`X509 CRL`), as CAs publish it beside the DER.
    pub fn pem(&self) -> String {
        der::pem::encode_string("X509 CRL", der::pem::LineEnding::LF, &self.der())
            .expect("an encodable list")
    }

    fn extensions(&self) -> Vec<Extension> {
        let mut extensions = vec![extension(ID_CE_CRL_NUMBER, false, &CrlNumber(number(42)))];
        match self.scope {
            Scope::Whole => {}
            Scope::EndEntitiesAtPoint => extensions.push(extension(
                ID_CE_ISSUING_DISTRIBUTION_POINT,
                true,
                &IssuingDistributionPoint {
                    distribution_point: Some(DistributionPointName::FullName(vec![
                        GeneralName::UniformResourceIdentifier(
                            Ia5String::new("http://crl.example/test-pec-ca1.crl")
                                .expect("an ASCII address"),
                        ),
                    ])),
                    only_contains_user_certs: true,
                    ..point()
                },
            )),
            Scope::Delta => extensions.push(extension(
                ID_CE_DELTA_CRL_INDICATOR,
                true,
                &BaseCrlNumber(number(41)),
            )),
            Scope::CaCertificatesOnly => extensions.push(extension(
                ID_CE_ISSUING_DISTRIBUTION_POINT,
                true,
                &IssuingDistributionPoint {
                    only_contains_ca_certs: true,
                    ..point()
                },
            )),
        }
        extensions
    }
}

/// An issuing distribution point that says nothing.
fn point() -> IssuingDistributionPoint {
    IssuingDistributionPoint {
        distribution_point: None,
        only_contains_user_certs: false,
        only_contains_ca_certs: false,
        only_some_reasons: None,
        indirect_crl: false,
        only_contains_attribute_certs: false,
    }
}

fn number(n: u8) -> Uint {
    Uint::new(&[n]).expect("a number")
}

fn entry(revoked: &Revoked) -> RevokedCert {
    let mut extensions = Vec::new();
    if let Some(reason) = revoked.reason {
        extensions.push(extension(ID_CE_CRL_REASONS, false, &reason));
    }
    if let Some(since) = revoked.invalid_since {
        let time = GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(
            since.unsigned_abs(),
        ))
        .expect("a GeneralizedTime");
        extensions.push(extension(ID_CE_INVALIDITY_DATE, false, &time));
    }
    RevokedCert {
        serial_number: revoked.serial.clone(),
        revocation_date: x509(revoked.at),
        crl_entry_extensions: (!extensions.is_empty()).then_some(extensions),
    }
}

fn extension(oid: ObjectIdentifier, critical: bool, value: &impl Encode) -> Extension {
    Extension {
        extn_id: oid,
        critical,
        extn_value: OctetString::new(value.to_der().expect("an encodable extension"))
            .expect("an octet string"),
    }
}
