//! The provider's signature and certificate: signer, organisation, PEC CA and root, validity
//! judged at the signing time, algorithms, the digest of what was signed (which names the
//! receipt however it is wrapped), and what is known of its revocation.

use pec::MessageReport;
use pec::algorithm::{DigestAlgorithm, SignatureAlgorithm};
use yew::prelude::*;

use super::written::{address, sentence};
use super::{hash_row, row, text_row};
use crate::text::Text;

pub fn certificate(t: &Text, message: &MessageReport) -> Html {
    let Some(signature) = &message.signature else {
        return Html::default();
    };
    let valid_at_signing = message
        .checks
        .iter()
        .any(|c| c.id == pec::CheckId::TrustValidity && c.is_pass());
    let revocation = message.checks.iter().find(|c| {
        matches!(
            c.id,
            pec::CheckId::TrustRevocation | pec::CheckId::TrustRevocationNotChecked
        )
    });
    let signing_time = signature.signing_time.map(|at| t.date_time(at, true));
    let chain = &signature.chain;
    let sha1 = signature.digest_algorithm == Some(DigestAlgorithm::Sha1);
    let digest = signature
        .digest_algorithm
        .map_or(t.unknown, DigestAlgorithm::name);
    let scheme = signature
        .signature_algorithm
        .map_or(t.unknown, SignatureAlgorithm::name);
    html! {
        <section class="certificate">
            <h4>{ t.certificate_heading }</h4>
            <dl>
                if let Some(signer) = &signature.signer {
                    { text_row(t.signer, &signer.subject) }
                    if let Some(org) = &signer.organization { { text_row(t.organization, org) } }
                    if let Some(email) = &signer.email { { row(t.email, address(t, email)) } }
                    { text_row(t.pec_ca, chain.get(1).unwrap_or(&signer.issuer)) }
                    if chain.len() > 2 {
                        if let Some(root) = chain.last() { { text_row(t.root, root) } }
                    }
                    { text_row(t.serial, &signer.serial) }
                    <div class="row">
                        <dt>{ t.validity }</dt>
                        <dd>
                            { t.period(signer.not_before, signer.not_after) }
                            if valid_at_signing {
                                if let Some(at) = &signing_time {
                                    <br /><strong class="valid">{ "✓ " }{ (t.valid_at_signing)(at) }</strong>
                                }
                            }
                        </dd>
                    </div>
                }
                if let Some(at) = &signing_time { { text_row(t.signing_time, at) } }
                <div class="row">
                    <dt>{ t.algorithms }</dt>
                    <dd>
                        { format!("{digest} · {scheme}") }
                        if sha1 { <br /><span class="note">{ t.sha1_note }</span> }
                    </dd>
                </div>
                if let Some(digest) = &message.signed_sha256 {
                    { hash_row(t.signed_sha256.into(), digest) }
                }
            </dl>
            { for revocation.map(|check| html! { <p class="note">{ sentence(&t.check(check)) }</p> }) }
        </section>
    }
}
