// The types of the engine module `pec.js`: the report `verify` returns (the JSON document of
// `pec-verify --json`, described field by field in the repository's docs/report.md) and the
// document `dossier` returns (`pec-verify --dossier --json`).

/** ETSI EN 319 102-1's words. */
export type Verdict = 'TOTAL-PASSED' | 'TOTAL-FAILED' | 'INDETERMINATE';

/** Why a file holds no PEC message at all. */
export type ErrorCode =
  | 'empty' | 'not-email' | 'unsigned' | 'too-large' | 'msg-unsigned' | 'msg-unreadable'
  | 'incomplete' | 'zip-bomb' | 'zip-unsupported' | 'print' | 'office' | 'crl';

/** What was checked. */
export type CheckId =
  | 'mime.signed-entity'
  | 'mime.unsigned'
  | 'mime.too-deep'
  | 'mime.opaque-signature'
  | 'mime.unlisted'
  | 'mime.signature-part'
  | 'mime.incomplete'
  | 'mime.boundaries'
  | 'mime.layout'
  | 'cms.parse'
  | 'cms.signers'
  | 'cms.algorithm'
  | 'cms.signer-certificate'
  | 'cms.content-type'
  | 'cms.message-digest'
  | 'cms.signature'
  | 'cms.signing-time'
  | 'cms.sha1'
  | 'trust.chain'
  | 'trust.certificate-signatures'
  | 'trust.pec-ca'
  | 'trust.validity'
  | 'trust.key-size'
  | 'trust.ca-basic-constraints'
  | 'trust.pec-policy'
  | 'trust.key-usage'
  | 'trust.provider-email'
  | 'trust.name-constraints'
  | 'trust.critical-extensions'
  | 'trust.sender'
  | 'trust.revocation-not-checked'
  | 'trust.revocation'
  | 'kind.not-pec'
  | 'daticert.well-formed'
  | 'daticert.unambiguous'
  | 'daticert.present'
  | 'daticert.tipo'
  | 'daticert.gestore'
  | 'headers.kind'
  | 'headers.receipt-type'
  | 'headers.security'
  | 'headers.subject'
  | 'headers.riferimento-message-id'
  | 'headers.message-id'
  | 'headers.date'
  | 'time.signing-time'
  | 'time.future'
  | 'time.at-before-signing'
  | 'postacert.sender'
  | 'postacert.recipients'
  | 'postacert.subject'
  | 'postacert.structure'
  | 'file.signature'
  | 'file.qualification-not-checked';

export type Status = 'pass' | 'fail' | 'warn' | 'info';
export type Effect = 'none' | 'failed' | 'indeterminate';

export interface Check {
  id: CheckId;
  status: Status;
  /** The check's details, each a string; left out when there are none. */
  params?: Record<string, string>;
  effect: Effect;
}

export type Kind =
  | 'accettazione' | 'non-accettazione' | 'presa-in-carico' | 'posta-certificata'
  | 'avvenuta-consegna' | 'errore-consegna' | 'preavviso-errore-consegna'
  | 'rilevazione-virus' | 'busta-anomalia';
export type ReceiptType = 'completa' | 'breve' | 'sintetica';

/** A time, RFC 3339 with its offset: `2018-11-13T16:39:27+01:00`. */
export type Time = string;

export interface Recipient {
  address: string;
  /** `certificato` (a PEC mailbox) or `esterno` (an ordinary one). */
  tipo: string;
}

/** The certification data the provider signed (daticert.xml). */
export interface Daticert {
  tipo: string;
  errore: string;
  mittente: string;
  destinatari: Recipient[];
  risposte: string;
  oggetto: string | null;
  gestore_emittente: string;
  data: Time;
  identificativo: string;
  msgid: string | null;
  ricevuta: string | null;
  consegna: string | null;
  ricezione: string[];
  errore_esteso: string | null;
}

export interface Certificate {
  subject: string;
  issuer: string;
  serial: string;
  not_before: Time;
  not_after: Time;
  email: string | null;
  organization: string | null;
}

export interface Signature {
  digest_algorithm: 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'unknown';
  signature_algorithm: 'rsa-pkcs1v15' | 'rsa-pss' | 'ecdsa-p256' | 'unknown';
  signing_time: Time | null;
  signer: Certificate | null;
  chain: string[];
}

/** A message's own headers: not signed, for comparison only. */
export interface Headers {
  from: string | null;
  to: string[];
  cc: string[];
  subject: string | null;
  date: Time | null;
  message_id: string | null;
  x_ricevuta: string | null;
  x_trasporto: string | null;
  x_tipo_ricevuta: string | null;
  x_riferimento_message_id: string | null;
  x_verifica_sicurezza: string | null;
}

export interface Attachment {
  name: string | null;
  content_type: string;
  size: number;
  sha256: string;
  extension: string | null;
  detected_type: string | null;
  executable: boolean;
}

/** The original message (postacert.eml), as signed. */
export interface Original {
  sha256: string;
  headers: Headers;
  text: string | null;
  /** Never render it outside a sandbox. */
  html: string | null;
  attachments: Attachment[];
}

export interface Message {
  verdict: Verdict;
  /** The check that decided the verdict; `null` exactly when it is TOTAL-PASSED. */
  reason: CheckId | null;
  location: string;
  /** SHA-256 of the bytes the provider signed; `null` for an unverified part. */
  signed_sha256: string | null;
  kind: Kind | null;
  variant: 'virus' | 'timeout-24h' | null;
  receipt_type: ReceiptType | null;
  daticert: Daticert | null;
  signature: Signature | null;
  headers: Headers;
  postacert: Original | null;
  checks: Check[];
}

export interface FileSignature {
  location: string;
  signer: Certificate | null;
  signing_time: Time | null;
  checks: Check[];
}

export interface Report {
  schema_version: number;
  file: string;
  /** An English sentence; decide on `error_code`. */
  error: string | null;
  error_code: ErrorCode | null;
  messages: Message[];
  file_signatures: FileSignature[];
  ordinary_messages: number;
  sha256: string;
  /** The files inside the file that hold no message to verify, each with why. */
  unread: Unread[];
}

export interface Unread {
  /** Where it lies, as a message's `location`. */
  location: string;
  error_code: ErrorCode;
  /** An English sentence. */
  error: string;
}

export interface Event {
  at: Time | null;
  file: string;
  location: string;
}

export type ContentProof =
  | { receipt: 'completa'; same_as_envelope: boolean | null }
  | { receipt: 'sintetica' }
  | { receipt: 'breve'; attachments: { name: string; outcome: 'matches' | 'does-not-match' | 'no-file' | 'unreadable'; file: string | null; encoding: string | null }[] };

export interface DossierRecipient {
  address: string;
  tipo: string;
  outcome: 'delivered' | 'failed' | 'pending' | 'unknown' | 'no-receipt-expected';
  receipt: Event | null;
  error: string | null;
  content: ContentProof | null;
}

export type Problem = Event & (
  | { problem: 'not-genuine'; verdict: Verdict; reason: CheckId | null }
  | { problem: 'contradicts'; address: string | null }
  | { problem: 'disagrees'; field: 'mittente' | 'oggetto' | 'msgid' }
  | { problem: 'unexpected-recipient'; address: string }
);

export interface Dossier {
  identificativo: string;
  msgid: string | null;
  oggetto: string | null;
  mittente: string;
  sent: Event | null;
  accepted: Event | null;
  refused: Event | null;
  recipients: DossierRecipient[];
  complete: boolean;
  problems: Problem[];
}

export interface DossierDocument {
  schema_version: number;
  dossiers: Dossier[];
  files: Report[];
}

export interface VerifyOptions {
  /** Extra trust anchors: PEM text, or an array of PEM texts. */
  trust?: string | string[];
  /** Certificate revocation lists of the PEC CAs (DER bytes or PEM text, or an array of them):
   * each judges the provider certificates its CA issued, once that CA's key is found to have
   * signed it (check `trust.revocation`). */
  crl?: Uint8Array | string | (Uint8Array | string)[];
  /** Judge certificate validity at this time (RFC 3339) instead of the signing time. */
  at?: string;
  /** The report's `file`; by default `"-"`. */
  name?: string;
}

export type DossierOptions = Omit<VerifyOptions, 'name'>;

/** Loads the wasm: by default `pec_bg.wasm` beside this module; or the bytes or module given. */
export default function init(
  input?: { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module },
): Promise<unknown>;
/** Loads the wasm from its bytes or compiled module, synchronously. */
export function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;

/** Verifies every signed PEC message in `bytes`. Throws an Error for bytes of another type or
 * an unusable option. */
export function verify(bytes: Uint8Array, options?: VerifyOptions): Report;
/** Verifies each file and puts them together by sending. */
export function dossier(files: { name: string; bytes: Uint8Array }[], options?: DossierOptions): DossierDocument;
