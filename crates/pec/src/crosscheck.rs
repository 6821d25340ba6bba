//! Cross-checks between what is signed (daticert.xml, the certificate, postacert.eml) and what
//! is not (the outer headers). The unsigned side never wins: a disagreement is a warning that
//! names both values.

use crate::check::Check;
use crate::daticert::Daticert;
use crate::kind::Classification;
use crate::report::{Headers, Original, SignatureReport};

/// Everything the cross-checks compare.
pub struct Facts<'a> {
    pub headers: &'a Headers,
    pub daticert: Option<&'a Daticert>,
    pub classification: &'a Classification,
    pub signature: Option<&'a SignatureReport>,
    pub postacert: Option<&'a Original>,
}

pub fn run(_facts: &Facts<'_>) -> Vec<Check> {
    Vec::new()
}
