// The page's script besides the engine (crates/pec-web). It reads the address: `lang=it|en`
// sets the language, `embed=1` makes the page the viewer alone for another site's iframe,
// `origin=` (repeatable) lists the embedding pages it speaks the postMessage protocol with
// (README.md, "The viewer in a portal's page"). And once the engine runs, it asks for the page
// to be kept offline (www/sw.js).

// Names shared with the engine, each also a const of crates/pec-web/src/contract.rs under the
// same name (`cargo test -p pec-web` holds the two to each other).
const FILE_INPUT_ID = 'file-input';
const EMBEDDED_CLASS = 'embedded';
const LANG_ATTRIBUTE = 'data-lang';
const REPORT_EVENT = 'pec-report';
const STARTED_EVENT = 'TrunkApplicationStarted';

// The postMessage protocol with the embedding page: the `type` of each message (README.md).
const VERIFY_MESSAGE = 'pec-verify';
const REPORT_MESSAGE = 'pec-report';
const READY_MESSAGE = 'pec-ready';

const params = new URLSearchParams(location.search);
const root = document.documentElement;
const embedded = params.get('embed') === '1';
// Exactly as browsers write MessageEvent.origin: scheme, host, port; never `*` or `null`.
const origins = embedded ? params.getAll('origin').filter((origin) => {
  try {
    return new URL(origin).origin === origin;
  } catch {
    return false;
  }
}) : [];
// Addressed to each listed origin: the browser delivers a message only where the parent's
// origin is that one, so nothing reaches a page that is not listed. No origin, no message.
const post = (message) => origins.forEach((origin) => parent.postMessage(message, origin));

// Read by the engine as it starts, which knows its languages and ignores any other code; the
// style sheet drops the site's chrome from the embedded page.
if (params.has('lang')) root.setAttribute(LANG_ATTRIBUTE, params.get('lang'));
if (embedded) root.classList.add(EMBEDDED_CLASS);

// {type: VERIFY_MESSAGE, name, bytes} from a listed origin: given to the file input as if the
// user had chosen it. Anything else is ignored.
addEventListener('message', ({ origin, data }) => {
  const input = document.getElementById(FILE_INPUT_ID);
  if (!origins.includes(origin) || !input || data?.type !== VERIFY_MESSAGE
    || typeof data.name !== 'string'
    || !(data.bytes instanceof ArrayBuffer || data.bytes instanceof Uint8Array)) return;
  const transfer = new DataTransfer();
  transfer.items.add(new File([data.bytes], data.name));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
});

// The engine's report of each file, sent or dropped, when embedded: the JSON of
// `pec-verify --json`.
addEventListener(REPORT_EVENT, ({ detail }) => {
  const report = JSON.parse(detail);
  post({ type: REPORT_MESSAGE, name: report.file, report });
});

addEventListener(STARTED_EVENT, () => {
  post({ type: READY_MESSAGE });
  // After the engine's own loading, so that the worker's copies do not compete with it. Where
  // the browser offers no service worker (plain http, private windows) or refuses one (storage
  // blocked in a frame), the page stays online-only.
  navigator.serviceWorker?.register('/sw.js').catch(() => {});
});
