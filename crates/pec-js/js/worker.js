// The engine in a worker of its own, for `pec-worker.js`: each message asks for one call of
// the module (`verify` or `dossier`), each answer carries its result or the sentence of the
// Error it threw. Files and Blobs are read here, off the page's thread.
import init, { dossier, verify } from './pec.js';

const ready = init();

/** The bytes of a File, a Blob, an ArrayBuffer or a Uint8Array, as the module takes them;
 * anything else is left for the module to refuse with its own sentence. */
async function bytesOf(input) {
  if (input instanceof Blob) return new Uint8Array(await input.arrayBuffer());
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return input;
}

const calls = {
  verify: async (input, options) => verify(await bytesOf(input), options),
  dossier: async (files, options) => dossier(Array.isArray(files)
    ? await Promise.all(files.map(async (f) => ({ name: f?.name, bytes: await bytesOf(f?.bytes) })))
    : files, options),
};

self.onmessage = async ({ data: { id, call, input, options } }) => {
  try {
    await ready;
    self.postMessage({ id, result: await calls[call](input, options) });
  } catch (e) {
    self.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
