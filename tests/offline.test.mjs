// The page offline and installable: once visited it verifies with the network gone, a new build
// takes over at the next visit, and Chromium finds the manifest valid and the page installable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drop, launch, launchWithProfile, sample, settled, url } from './browser.mjs';
import { NEW_BUILD, site } from './servers.mjs';

const GENUINE = 'real/aruba-agidca1-consegna-completa.eml';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Opens the page and waits until its service worker controls it. */
async function openControlled(context, origin) {
  const page = await context.newPage();
  await page.goto(origin);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
}

async function reload(page) {
  await page.reload();
  await page.locator('#file-input').waitFor({ state: 'attached' });
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

/** Polls the page's cache names until `done` holds, for at most ten seconds. */
async function cachesUntil(page, done) {
  for (let tries = 0; tries < 100; tries += 1) {
    const names = await cacheNames(page);
    if (done(names)) return names;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return cacheNames(page);
}

async function goOffline(context, { state }) {
  await context.setOffline(true);
  // Chromium's offline emulation does not reach service workers: the server goes down too.
  state.down = true;
}

test('once visited, the page verifies a receipt with the network gone', async () => {
  const server = await site();
  const context = await browser.newContext();
  const page = await openControlled(context, server.origin);
  // The worker would serve it from its cache, yet the page itself still opens no connection.
  const fetched = await page.evaluate(() => fetch('/').then(() => 'fetched', () => 'refused'));
  assert.equal(fetched, 'refused');
  await goOffline(context, server);
  await reload(page);
  await drop(page, [sample(GENUINE)]);
  await settled(page, 1);
  assert.equal(await page.locator('.verdict-title').innerText(), 'Ricevuta PEC autentica');
  // Embedded too: the viewer's address is the same page.
  await page.goto(`${server.origin}/?embed=1&lang=en`);
  await page.locator('#file-input').waitFor({ state: 'attached' });
  assert.equal(await page.locator('.drop-title').innerText(), 'Drag the PEC receipt or envelope (.eml or .msg) here');
  await context.close();
  server.server.close();
});

test('a new build is shown at the next visit and replaces the kept one', async () => {
  const server = await site();
  const context = await browser.newContext();
  const page = await openControlled(context, server.origin);
  const [first] = await cacheNames(page);
  assert.match(first, /^pec-verify-\w+$/);
  const build = () => page.locator('html').getAttribute('data-build');

  server.state.build = 2;
  await reload(page);
  assert.equal(await build(), NEW_BUILD);
  // The new worker installs, takes over and deletes the old build's cache.
  assert.deepEqual(await cachesUntil(page, (names) => !names.includes(first)), [`${first}-2`]);

  await goOffline(context, server);
  await reload(page);
  assert.equal(await build(), NEW_BUILD, 'offline, the old build came back');
  await drop(page, [sample(GENUINE)]);
  await settled(page, 1);
  assert.equal(await page.locator('.verdict-title').innerText(), 'Ricevuta PEC autentica');
  await context.close();
  server.server.close();
});

/** Chromium's installability errors for the page, in a fresh profile; `manifest` replaces the
 * page's own when given. */
async function installabilityErrors(manifest) {
  const profile = mkdtempSync(join(tmpdir(), 'pec-profile-'));
  const context = await launchWithProfile(profile);
  try {
    if (manifest) {
      await context.route('**/manifest.webmanifest', (route) => route.fulfill({
        contentType: 'application/manifest+json', body: JSON.stringify(manifest),
      }));
    }
    const page = await openControlled(context, url);
    const cdp = await context.newCDPSession(page);
    const { errors, data } = await cdp.send('Page.getAppManifest');
    const { installabilityErrors: found } = await cdp.send('Page.getInstallabilityErrors');
    return { manifest: { errors, parsed: JSON.parse(data) }, errors: found.map((e) => e.errorId) };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

test('the manifest is valid and Chromium finds the page installable', async () => {
  const { manifest, errors } = await installabilityErrors();
  assert.deepEqual(manifest.errors, []);
  assert.equal(manifest.parsed.name, 'Verifica ricevuta PEC');
  assert.equal(manifest.parsed.display, 'standalone');
  assert.deepEqual(errors, []);
  // The same check on the manifest without its icon does find an error: it is not blind.
  const broken = await installabilityErrors({ ...manifest.parsed, icons: [] });
  assert.ok(broken.errors.some((id) => /icon/.test(id)), broken.errors.join(', '));
});
