//! Path search: every path from a signer towards a root of the store, each link's signature
//! verified once, and the ranking that picks the path to judge.

use super::TrustStore;
use crate::algorithm::SignatureError;
use crate::certificate::{self, Cert, Links};

/// Longest path tried: leaf, a few intermediates, root.
const MAX_DEPTH: usize = 6;
/// Issuer candidates tried in all, so crafted certificate sets cannot make the search explode.
const MAX_CANDIDATES: usize = 64;

/// The first link of a path whose signature does not verify: the certificate and why.
pub(super) type BadLink<'a> = Option<(&'a Cert, SignatureError)>;

/// The best path from `signer` among the certificates of `pool` and `store`, judged at `at`;
/// `None` only if the search found no path at all (it always records the signer's own).
pub(super) fn best<'a>(
    store: &'a TrustStore,
    signer: &'a Cert,
    pool: &'a [Cert],
    at: i64,
    links: &mut Links,
) -> Option<Assessment<'a>> {
    let candidates: Vec<&Cert> = pool
        .iter()
        .chain(&store.intermediates)
        .chain(&store.roots)
        .collect();
    let mut paths = Vec::new();
    let mut budget = MAX_CANDIDATES;
    let mut search = Search {
        candidates: &candidates,
        store,
        found: &mut paths,
        budget: &mut budget,
        links,
    };
    search.extend(&mut vec![signer], None);
    paths
        .into_iter()
        .map(|path| Assessment::of(path, store, at))
        .max_by_key(Assessment::rank)
}

/// The search for paths from a signer to a root.
struct Search<'a, 's> {
    candidates: &'s [&'a Cert],
    store: &'s TrustStore,
    /// Every path found, with its first bad link.
    found: &'s mut Vec<(Vec<&'a Cert>, BadLink<'a>)>,
    /// Issuer candidates still to try.
    budget: &'s mut usize,
    links: &'s mut Links,
}

impl<'a> Search<'a, '_> {
    /// Records every path from `path` up to a root of the store, and the dead ends, each with
    /// its first bad link. Each link is verified once, as the path grows; none past a bad one.
    fn extend(&mut self, path: &mut Vec<&'a Cert>, bad_link: BadLink<'a>) {
        let Some(&last) = path.last() else { return };
        let issuers: Vec<&'a Cert> = self
            .candidates
            .iter()
            .copied()
            .filter(|c| {
                certificate::same_name(&c.tbs_certificate.subject, &last.tbs_certificate.issuer)
                    && !path.contains(c)
            })
            .collect();
        // Every prefix is a candidate: a look-alike CA may name a real one as its issuer, and
        // the intact path that stops at the look-alike is the one that tells the truth.
        self.found.push((path.clone(), bad_link));
        if self.store.is_root(last) || path.len() >= MAX_DEPTH {
            return;
        }
        for issuer in issuers {
            if *self.budget == 0 {
                return;
            }
            *self.budget -= 1;
            let link =
                bad_link.or_else(|| self.links.verify(last, issuer).err().map(|e| (last, e)));
            path.push(issuer);
            self.extend(path, link);
            path.pop();
        }
    }
}

/// What a candidate path is worth, for choosing among several and for reporting.
pub(super) struct Assessment<'a> {
    /// From the signer up.
    pub path: Vec<&'a Cert>,
    /// The path ends at a root of the store.
    pub complete: bool,
    pub bad_link: BadLink<'a>,
    /// The first certificate above the signer whose key is a PEC CA pin.
    pub pinned: Option<&'a Cert>,
    all_valid: bool,
}

impl<'a> Assessment<'a> {
    fn of((path, bad_link): (Vec<&'a Cert>, BadLink<'a>), store: &TrustStore, at: i64) -> Self {
        let complete = path.last().is_some_and(|&last| store.is_root(last));
        let pinned = path.iter().skip(1).copied().find(|ca| {
            certificate::spki_sha256(ca).is_some_and(|pin| store.pec_ca_pins.contains(&pin))
        });
        let all_valid = path.iter().all(|cert| valid_at(cert, at));
        Self {
            path,
            complete,
            bad_link,
            pinned,
            all_valid,
        }
    }

    // A path with verified links and no broken one comes first: it says who really issued the
    // certificate, even when it ends at an unknown CA rather than at a known root. A lone leaf
    // proves nothing, so a leaf whose claimed issuer did not sign it still fails on that link.
    fn rank(&self) -> (bool, bool, bool, bool, bool) {
        let intact = self.bad_link.is_none();
        (
            intact && self.path.len() > 1,
            self.complete,
            intact,
            self.pinned.is_some(),
            self.all_valid,
        )
    }
}

/// Within the certificate's validity period, both ends included.
pub(super) fn valid_at(cert: &x509_cert::Certificate, at: i64) -> bool {
    let (not_before, not_after) = certificate::validity(cert);
    (not_before..=not_after).contains(&at)
}

#[cfg(test)]
mod tests {
    use der::asn1::BitString;
    use x509_cert::Certificate;

    use super::*;
    use crate::testutil::signed_samples;

    #[test]
    fn the_best_path_runs_from_the_signer_through_the_pinned_ca_to_a_root() {
        let store = TrustStore::pec();
        for (sample, info) in signed_samples() {
            let signer = info.signer.as_ref().unwrap();
            let at = info.signing_time.unwrap().unix;
            let mut links = Links::default();
            let best = best(&store, signer, &info.certificates, at, &mut links).unwrap();
            assert_eq!(best.path.len(), 3, "{}", sample.name);
            assert!(best.path[0] == signer && store.is_root(best.path[2]));
            assert!(best.complete && best.bad_link.is_none() && best.all_valid);
            assert!(best.pinned.is_some_and(|ca| ca == best.path[1]));
        }
    }

    #[test]
    fn a_link_that_does_not_verify_is_the_bad_one() {
        let (_, info) = signed_samples().remove(0);
        let mut forged = Certificate::clone(info.signer.as_ref().unwrap());
        let mut bytes = forged.signature.raw_bytes().to_vec();
        bytes[10] ^= 1;
        forged.signature = BitString::from_bytes(&bytes).unwrap();
        let forged = Cert::try_from(forged).unwrap();
        let at = info.signing_time.unwrap().unix;
        let store = TrustStore::pec();
        let mut links = Links::default();
        let best = best(&store, &forged, &info.certificates, at, &mut links).unwrap();
        assert!(matches!(
            best.bad_link,
            Some((cert, SignatureError::Invalid)) if *cert == forged
        ));
    }
}
