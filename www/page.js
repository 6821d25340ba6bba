// The page's script besides the engine (crates/pec-web). It reads the address: `lang=it|en`
// sets the language, `embed=1` makes the page the viewer alone for another site's iframe,
// `origin=` (repeatable) lists the embedding pages it speaks the postMessage protocol with
// (README.md, "The viewer in a portal's page"). And once the engine runs, it asks for the page
// to be kept offline (www/sw.js).

// Names shared with the engine, each also a const of crates/pec-web/src/contract.rs under the
// same name (`cargo test -p pec-web` holds the two to each other).
const FILE_INPUT_ID = 'file-input';
const SHELL_ID = 'shell';
const EMBEDDED_CLASS = 'embedded';
const LANG_ATTRIBUTE = 'data-lang';
const REPORT_EVENT = 'pec-report';
const DOSSIERS_EVENT = 'pec-dossiers';
const STARTED_EVENT = 'TrunkApplicationStarted';
const PORTAL_FILE_TYPE = 'application/x-pec-portal-file';

// The postMessage protocol with the embedding page: the `type` of each message (README.md).
const VERIFY_MESSAGE = 'pec-verify';
const REPORT_MESSAGE = 'pec-report';
const DOSSIERS_MESSAGE = 'pec-dossiers';
const READY_MESSAGE = 'pec-ready';
const RESIZE_MESSAGE = 'pec-resize';

// On the root while files are dragged over the page (style.css shows that the page takes them).
const DRAGGING_CLASS = 'dragging';

const params = new URLSearchParams(location.search);
const root = document.documentElement;
const embedded = params.get('embed') === '1';
// Only a page that frames the viewer speaks to it: a page that opened it as a window (whose
// address bar then shows the verifier) is not its parent.
const framed = window.parent !== window;
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

// Files chosen, dropped or sent before the engine runs wait here, in the order given; the page
// as index.html writes it (SHELL_ID) says how many. The engine takes them once it has started.
const waiting = [];
/** What the page before the engine says, once it is gone nothing. */
const tell = (sentence) => {
  const status = document.querySelector(`#${SHELL_ID} [role="status"]`);
  if (status) status.textContent = sentence;
};
const hold = (files) => {
  waiting.push(...files);
  tell(waiting.length === 1
    ? 'Un file in attesa: sarà verificato appena il verificatore è pronto.'
    : `${waiting.length} file in attesa: saranno verificati appena il verificatore è pronto.`);
};
// An engine that cannot run, or whose loading fails (the connection dropped, a file refused),
// is said in so many words instead of "loading" for ever: any error before the engine starts
// is the loading's.
if (typeof WebAssembly !== 'object') {
  tell('Questo browser non può eseguire il verificatore: aggiornalo o usa un browser recente.');
}
addEventListener('error', () => {
  tell('Il verificatore non si è caricato: controlla la connessione e ricarica la pagina.');
});
document.querySelector(`#${SHELL_ID} input[type="file"]`)?.addEventListener('change', ({ target }) => {
  hold([...target.files]);
  target.value = '';
});
// Whether the keyboard's focus is on the first page's drop zone: the engine's drop zone takes
// it over, so that a keyboard user is not sent back to the top of the page.
const shellFocused = () => document.activeElement?.closest?.(`#${SHELL_ID}`) != null;
let focusOnDropZone = false;
addEventListener('focusin', () => { focusOnDropZone = shellFocused(); });

// Files given to the file input as if the user had chosen them: the engine's one way in.
const give = (files) => {
  if (files.length === 0) return;
  const input = document.getElementById(FILE_INPUT_ID);
  if (!input) {
    hold(files);
    return;
  }
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
};

// {type: VERIFY_MESSAGE, name, bytes} from the parent of the framed viewer, at a listed
// origin. Anything else is ignored. The file is typed as the portal's, so the page marks the
// name it came with as the portal's word.
addEventListener('message', ({ origin, source, data }) => {
  if (!framed || source !== window.parent || !origins.includes(origin)
    || data?.type !== VERIFY_MESSAGE || typeof data.name !== 'string'
    || !(data.bytes instanceof ArrayBuffer || data.bytes instanceof Uint8Array)) return;
  give([new File([data.bytes], data.name, { type: PORTAL_FILE_TYPE })]);
});

// The whole page takes dropped files, not only the drop zone: a file dropped beside it would
// otherwise be opened by the browser, and the results lost. Enter and leave pair up over the
// page's elements; the count says when the drag has left the page.
let dragged = 0;
const dragging = (count) => {
  dragged = Math.max(count, 0);
  root.classList.toggle(DRAGGING_CLASS, dragged > 0);
};
addEventListener('dragenter', () => dragging(dragged + 1));
addEventListener('dragleave', () => dragging(dragged - 1));
addEventListener('dragover', (event) => event.preventDefault());
addEventListener('drop', (event) => {
  event.preventDefault();
  dragging(0);
  give([...(event.dataTransfer?.files ?? [])]);
});

// Embedded, the viewer tells the portal the height of its content whenever it changes, so
// that the portal can size the frame instead of scrolling inside it.
if (embedded && origins.length > 0) {
  let height = 0;
  new ResizeObserver(() => {
    const now = Math.ceil(root.getBoundingClientRect().height);
    if (now !== height) post({ type: RESIZE_MESSAGE, height: (height = now) });
  }).observe(root);
}

// The engine's report of each file, sent or dropped, when embedded: the JSON of
// `pec-verify --json`.
addEventListener(REPORT_EVENT, ({ detail }) => {
  const report = JSON.parse(detail);
  post({ type: REPORT_MESSAGE, name: report.file, report });
});

// The dossiers of every file in the viewer, each time all of them are verified: the document
// of `pec-verify --dossier --json` for those files.
addEventListener(DOSSIERS_EVENT, ({ detail }) => {
  post({ type: DOSSIERS_MESSAGE, document: JSON.parse(detail) });
});

addEventListener(STARTED_EVENT, () => {
  // Removing the first page left the focus nowhere (on the body): it goes where it was.
  if (focusOnDropZone && document.activeElement === document.body) {
    document.getElementById(FILE_INPUT_ID)?.focus();
  }
  give(waiting.splice(0));
  post({ type: READY_MESSAGE });
  // After the engine's own loading, so that the worker's copies do not compete with it. Where
  // the browser offers no service worker (plain http, private windows) or refuses one (storage
  // blocked in a frame), the page stays online-only.
  navigator.serviceWorker?.register('/sw.js').catch(() => {});
});
