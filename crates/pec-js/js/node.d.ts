// The types of the module in Node, where it is ready at import: `verify` and `dossier` as in
// `pec.js`, and every type of the report.
export { dossier, verify } from './pec.js';
export type * from './pec.js';
