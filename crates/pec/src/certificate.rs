//! Reading what a certificate says: names, e-mail, validity, for reports and cross-checks.

use x509_cert::Certificate;

use crate::report::CertificateReport;
use crate::time::Timestamp;

pub fn describe(_cert: &Certificate) -> CertificateReport {
    CertificateReport {
        subject: String::new(),
        issuer: String::new(),
        serial: String::new(),
        not_before: Timestamp::utc(0),
        not_after: Timestamp::utc(0),
        email: None,
        organization: None,
    }
}
