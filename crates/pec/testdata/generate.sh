#!/bin/sh
# Regenerates the CMS test signatures: an ECDSA P-256 signer found by subject key identifier,
# one signature with signed attributes and one without. Run from this directory.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/key.pem"
openssl req -new -x509 -key "$tmp/key.pem" -out "$tmp/cert.pem" -days 3650 -sha256 \
    -subj "/C=IT/O=Test PEC/CN=Posta Certificata Test" \
    -addext "subjectAltName=email:posta-certificata@pec.test.invalid"
printf 'Content-Type: text/plain\r\n\r\nPEC\r\n' > content.txt
openssl cms -sign -binary -md sha256 -keyid -in content.txt -signer "$tmp/cert.pem" \
    -inkey "$tmp/key.pem" -outform DER -out ecdsa-keyid.p7s
openssl cms -sign -binary -md sha256 -keyid -noattr -in content.txt -signer "$tmp/cert.pem" \
    -inkey "$tmp/key.pem" -outform DER -out ecdsa-noattr.p7s
