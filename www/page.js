// The page's script besides the engine (crates/pec-web). It reads the address: `lang=it|en`
// sets the language, `embed=1` makes the page the viewer alone for another site's iframe,
// `origin=` (repeatable) lists the embedding pages it speaks the postMessage protocol with
// (README.md, "The viewer in a portal's page"). And once the engine runs, it asks for the page
// to be kept offline (www/sw.js).
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

// Read by the engine as it starts (crates/pec-web/src/components/app.rs, embed.rs); the style
// sheet drops the site's chrome from the embedded page.
if (['it', 'en'].includes(params.get('lang'))) root.dataset.lang = params.get('lang');
if (embedded) root.classList.add('embedded');

// {type: "pec-verify", name, bytes} from a listed origin: given to the file input as if the
// user had chosen it. Anything else is ignored.
addEventListener('message', ({ origin, data }) => {
  const input = document.getElementById('file-input');
  if (!origins.includes(origin) || !input || data?.type !== 'pec-verify'
    || typeof data.name !== 'string'
    || !(data.bytes instanceof ArrayBuffer || data.bytes instanceof Uint8Array)) return;
  const transfer = new DataTransfer();
  transfer.items.add(new File([data.bytes], data.name));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
});

// The engine's report of each file, sent or dropped, when embedded: the JSON of
// `pec-verify --json`.
addEventListener('pec-report', ({ detail }) => {
  const report = JSON.parse(detail);
  post({ type: 'pec-report', name: report.file, report });
});

addEventListener('TrunkApplicationStarted', () => {
  post({ type: 'pec-ready' });
  // After the engine's own loading, so that the worker's copies do not compete with it. Where
  // the browser offers no service worker (plain http, private windows) or refuses one (storage
  // blocked in a frame), the page stays online-only.
  navigator.serviceWorker?.register('/sw.js').catch(() => {});
});
