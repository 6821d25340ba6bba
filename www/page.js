// The page's script besides the engine (crates/pec-web): once the engine runs, it asks for the
// page to be kept offline (www/sw.js).
addEventListener('TrunkApplicationStarted', () => {
  // After the engine's own loading, so that the worker's copies do not compete with it. Where
  // the browser offers no service worker (plain http, private windows) or refuses one (storage
  // blocked in a frame), the page stays online-only.
  navigator.serviceWorker?.register('/sw.js').catch(() => {});
});
