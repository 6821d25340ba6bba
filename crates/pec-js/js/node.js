// The module in Node: the wasm read from beside this file and loaded at import, synchronously;
// then the same functions as in a browser.
import { readFileSync } from 'node:fs';
import { initSync } from './pec.js';

initSync({ module: readFileSync(new URL('./pec_bg.wasm', import.meta.url)) });

export { dossier, verify } from './pec.js';
