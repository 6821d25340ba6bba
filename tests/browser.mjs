// Shared set-up of the end-to-end tests: Debian's Chromium driven by playwright-core, the page
// served statically by `cargo xtask test` (PEC_URL), the samples read from ../shared (PEC_SHARED).
import { chromium } from 'playwright-core';
import { url } from './servers.mjs';

export { sample } from './samples.mjs';
export { outputDir, url } from './servers.mjs';

// As root Chromium needs --no-sandbox; without the background-networking flags it keeps
// calling home, which this closed network refuses.
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
}

/** A browser context with a profile in `dir`: a fresh context is incognito, where Chromium
 * installs nothing, so installability is checked in one of these. */
export function launchWithProfile(dir) {
  return chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: FLAGS });
}

/** Waits until every dropped file of the page has its result (no card is busy). */
export async function settled(page, count) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('.result').length === n
      && !document.querySelector('.result[aria-busy="true"]'),
    count,
  );
}

/** Opens the page and waits until the drop zone works (the engine is loaded) */
export async function openPage(browser, { width = 1280, height = 800, context } = {}) {
  const page = await (context ?? browser).newPage({ viewport: { width, height } });
  // The drop zone working is what counts, not the load event of every last resource.
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('#file-input').waitFor({ state: 'attached' });
  // and its worker started: from then on the page makes no request.
  await page.waitForFunction(() => performance.getEntriesByName('pec-engine-ready').length > 0);
  return page;
}

/** The result card of the file named `name`. */
export const card = (page, name) => page.locator('.result', { has: page.locator('.file-name', { hasText: name }) });

/** Drops files on the drop zone through a real `drop` event carrying a DataTransfer. */
export async function drop(page, files) {
  const payload = files.map((f) => ({ name: f.name, data: f.bytes.toString('base64') }));
  await page.locator('.drop-zone').evaluate((zone, files) => {
    const transfer = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], f.name, { type: 'message/rfc822' }));
    }
    zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }, payload);
}

/** Chooses files through the file input, as a user does on a phone. */
export async function choose(page, files) {
  await page.locator('#file-input').setInputFiles(
    files.map((f) => ({ name: f.name, mimeType: 'message/rfc822', buffer: f.bytes })),
  );
}

/** Every request the page makes from now on. */
export function recordRequests(page) {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  return requests;
}
