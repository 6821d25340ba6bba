// The shared real samples (PEC_SHARED, read in place) and what the page must say of each: one
// list for every engine's suite, Chromium's (verdicts.test.mjs) and the others' (engines/).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const shared = process.env.PEC_SHARED ?? new URL('../../shared', import.meta.url).pathname;

/** Where a sample is, `path` from the samples folder: `real/…`, `tampered/…`. */
export const samplePath = (path) => join(shared, 'samples', path);

export function sample(path) {
  return { name: path.split('/').pop(), bytes: readFileSync(samplePath(path)) };
}

/** The `.eml` files of one folder of the samples: `real`, `tampered`, … */
export const samplesIn = (dir) => readdirSync(join(shared, 'samples', dir)).filter((f) => f.endsWith('.eml'));

/** Every genuine sample: its verdict title and what its proof says. */
export const GENUINE = [
  ['aruba-agidca1-accettazione.eml', /Ricevuta PEC autentica/,
    /ha accettato il messaggio per la spedizione il 13 novembre 2018 alle 16:39, ora italiana \(UTC\+1\)\.[\s\S]*Prova la spedizione, non la consegna/],
  ['aruba-agidca1-consegna-completa.eml', /Ricevuta PEC autentica/,
    /Il messaggio è stato consegnato nella casella del destinatario l\.battistini@pec\.it il 13 novembre 2018 alle 16:39, ora italiana \(UTC\+1\)\.[\s\S]*La consegna vale anche se il messaggio non è stato letto\.[\s\S]*completa[\s\S]*prova anche il contenuto/],
  ['aruba-agidca1-posta-certificata.eml', /Messaggio PEC autentico/,
    /Questo messaggio PEC è stato spedito da sviluppo@pec\.datamanagementitalia\.it il 18 agosto 2023 alle 17:37, ora italiana \(UTC\+2\)/],
  ['aruba-digitpaca1-posta-certificata.eml', /Messaggio PEC autentico/,
    /Questo messaggio PEC è stato spedito da \S+ (?:il |l')\d{1,2} [a-z]+ \d{4} alle \d\d:\d\d, ora italiana \(UTC\+[12]\)/],
  ['sogei-agidca1-posta-certificata-sdi.eml', /Messaggio PEC autentico/,
    /Questo messaggio PEC è stato spedito da \S+ (?:il |l')\d{1,2} [a-z]+ \d{4} alle \d\d:\d\d, ora italiana \(UTC\+[12]\)/],
];

/** The genuine samples whose provider key is 1024 bits (the DigitPA era): genuine, but weak
 * today, and the page says so in its warnings. */
export const weakKey = (name) => name.includes('digitpa');
export const WEAK_KEY_WARNING = /1024/;

/** What every tampered sample's result says: its verdict title, the reason, and a proof that
 * only tells what the file claims. */
export const TAMPERED = {
  title: /non autentic/,
  detail: /Il contenuto è stato modificato dopo la firma del gestore/,
  proof: /^Cosa dichiara il file \(non provato\)\n[\s\S]*ma non è provato/,
};
