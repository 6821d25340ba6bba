// The engine off the page's thread: `verifyInWorker` and `dossierInWorker` give what `verify`
// and `dossier` of `pec.js` give, as promises, from a module worker (`worker.js`, beside this
// file with `pec.js` and `pec_bg.wasm`). Calls run one at a time, in the order made; a call
// whose `signal` aborts stops at once (the worker is ended, and the calls after it go on in a
// new one).

let worker = null;
let next = 0;
/** The calls not answered yet, by id, in the order made: what to send again after an abort. */
const pending = new Map();

function start() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data: { id, result, error } }) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    call.signal?.removeEventListener('abort', call.onAbort);
    if (error === undefined) call.resolve(result);
    else call.reject(new Error(error));
  };
  // A worker that cannot start (its script or the wasm refused) fails every call waiting.
  worker.onerror = (event) => {
    event.preventDefault();
    const reason = new Error(`The engine's worker stopped: ${event.message || 'it could not be loaded'}.`);
    stop();
    for (const call of pending.values()) call.reject(reason);
    pending.clear();
  };
}

function stop() {
  worker?.terminate();
  worker = null;
}

function send(id, call) {
  if (!worker) start();
  worker.postMessage({ id, call: call.name, input: call.input, options: call.options });
}

function abort(id) {
  const call = pending.get(id);
  if (!call) return;
  pending.delete(id);
  stop();
  call.reject(call.signal.reason ?? new DOMException('The verification was cancelled.', 'AbortError'));
  for (const [other, waiting] of pending) send(other, waiting);
}

function run(name, input, options = {}) {
  const { signal, ...rest } = options ?? {};
  if (signal?.aborted) {
    return Promise.reject(signal.reason ?? new DOMException('The verification was cancelled.', 'AbortError'));
  }
  const id = next++;
  return new Promise((resolve, reject) => {
    const onAbort = () => abort(id);
    const call = { name, input, options: rest, signal, onAbort, resolve, reject };
    pending.set(id, call);
    signal?.addEventListener('abort', onAbort, { once: true });
    send(id, call);
  });
}

/**
 * `verify(bytes, options)` of `pec.js`, in the worker: `input` is a File, a Blob, an ArrayBuffer
 * or a Uint8Array (a File or Blob is read in the worker; the others are copied to it). A File
 * names the report after itself unless `options.name` is given. `options.signal`, an
 * AbortSignal, cancels the call.
 */
export function verifyInWorker(input, options = {}) {
  const named = input instanceof File && options?.name === undefined ? { ...options, name: input.name } : options;
  return run('verify', input, named);
}

/** `dossier(files, options)` of `pec.js`, in the worker: each file `{ name, bytes }`, `bytes` as
 * `verifyInWorker` takes them. */
export function dossierInWorker(files, options = {}) {
  return run('dossier', files, options);
}
