// The service worker that keeps the page for visits without a network. `cargo xtask build`
// (crates/xtask/src/offline.rs) writes in this build's version and the files it keeps.
//
// Install: keep every file of the build (the page, its script, engine, style, manifest, icon),
// revalidated with the server so that none comes from a stale HTTP cache; take over at once.
// Activate: delete the other builds' caches and control the open pages.
// Fetch: the page itself network-first, so a new build shows at the next visit and the kept one
// without a network; the build's other files cache-first (their names carry their hash);
// anything else is left to the network. A dropped file never passes through here: the page
// reads it in place.
const CACHE = 'pec-verify-OFFLINE_VERSION';
const FILES = OFFLINE_FILES;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names
      .filter((name) => name.startsWith('pec-verify-') && name !== CACHE)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const kept = caches.open(CACHE);
  if (request.mode === 'navigate') {
    // Every address of the page (?embed=1 included) is the one page, kept as './'.
    event.respondWith(fetch(request).catch(() => kept.then((cache) => cache.match('./'))));
  } else {
    event.respondWith(kept.then((cache) => cache.match(request)).then((file) => file ?? fetch(request)));
  }
});
