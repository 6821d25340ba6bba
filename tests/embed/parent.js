// An embedding page, the example of README.md ("The viewer in a portal's page"): the viewer
// in an iframe, the portal's own file chooser sending files to it, every report it posts kept
// in `window.reports` and every dossier document in `window.dossiers`, and the frame sized to the height the viewer says its content has
// (every height kept in `window.heights`). `?viewer=URL` is the viewer's address; `?listed=ORIGIN` the origin
// the viewer is told to trust, this page's own unless given (the tests list another one).
const params = new URLSearchParams(location.search);
const viewer = new URL(params.get('viewer'));
const listed = params.get('listed') ?? location.origin;
const frame = document.getElementById('viewer');
window.ready = false;
window.reports = [];
window.dossiers = [];
window.heights = [];

// Listen before the viewer loads: it says `pec-ready` once, as soon as it can receive.
addEventListener('message', (event) => {
  if (event.origin !== viewer.origin || event.source !== frame.contentWindow) return;
  if (event.data?.type === 'pec-ready') window.ready = true;
  if (event.data?.type === 'pec-report') window.reports.push(event.data);
  if (event.data?.type === 'pec-dossiers') window.dossiers.push(event.data);
  if (event.data?.type === 'pec-resize' && Number.isFinite(event.data.height)) {
    window.heights.push(event.data.height);
    frame.style.height = `${event.data.height}px`;
  }
});
frame.src = `${viewer.origin}/?embed=1&lang=it&origin=${encodeURIComponent(listed)}`;

document.getElementById('portal-file').addEventListener('change', async (event) => {
  for (const file of event.target.files) {
    const bytes = await file.arrayBuffer();
    frame.contentWindow.postMessage({ type: 'pec-verify', name: file.name, bytes }, viewer.origin, [bytes]);
  }
});
