// The types of `pec-worker.js`: the engine module in a worker of its own, off the page's thread.
import type { DossierDocument, DossierOptions, Report, VerifyOptions } from './pec.js';

export type { DossierDocument, Report } from './pec.js';

/** What the worker reads: a File or Blob (read in the worker) or bytes (copied to it). */
export type Input = File | Blob | Uint8Array | ArrayBuffer;

/** Cancels the call: it rejects with an AbortError, and the calls after it go on. */
export interface Cancellable {
  signal?: AbortSignal;
}

/** `verify` in the worker; a File names the report after itself unless `name` is given. */
export function verifyInWorker(input: Input, options?: VerifyOptions & Cancellable): Promise<Report>;
/** `dossier` in the worker. */
export function dossierInWorker(
  files: { name: string; bytes: Input }[],
  options?: DossierOptions & Cancellable,
): Promise<DossierDocument>;
