// Before the engine arrives (on a slow phone connection, seconds): the page as index.html writes
// it already shows the drop zone, says the verifier is loading, and holds the files chosen or
// dropped meanwhile; once the engine runs, it verifies them, and its page replaces the first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { drop, launch, outputDir, sample, settled, url } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const GENUINE = 'real/aruba-agidca1-consegna-completa.eml';
const TAMPERED = 'tampered/sogei-sdi-edited-1.eml';

/** A page whose engine (the wasm) is held back until `release()` is called. */
async function heldBack(width) {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  let asked;
  const engineAsked = new Promise((resolve) => { asked = resolve; });
  await page.route('**/*.wasm', async (route) => {
    asked();
    await released;
    await route.continue();
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await engineAsked;
  return { page, release };
}

test('files chosen and dropped before the engine arrives wait for it, then are verified', async () => {
  const { page, release } = await heldBack(360);
  const status = page.locator('#shell [role="status"]');
  assert.equal(await page.locator('h1').innerText(), 'Verifica una ricevuta PEC');
  assert.equal(await page.locator('.drop-zone').isVisible(), true);
  assert.equal(await status.innerText(), 'Il verificatore si sta caricando…');

  const genuine = sample(GENUINE);
  await page.locator('#shell input[type="file"]').setInputFiles(
    [{ name: genuine.name, mimeType: 'message/rfc822', buffer: genuine.bytes }],
  );
  assert.equal(await status.innerText(), 'Un file in attesa: sarà verificato appena il verificatore è pronto.');
  const tampered = sample(TAMPERED);
  await drop(page, [tampered]);
  assert.equal(await status.innerText(), '2 file in attesa: saranno verificati appena il verificatore è pronto.');
  await page.screenshot({ path: `${outputDir}/early-360.png` });

  release();
  await settled(page, 2);
  assert.equal(await page.locator('#shell').count(), 0, 'the engine\'s page replaces the first');
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('.drop-zone').count(), 1);
  const verdict = (name) => page.locator('.result', { has: page.locator('.file-name', { hasText: name }) })
    .locator('.message').first().getAttribute('data-verdict');
  assert.equal(await verdict(genuine.name), 'TOTAL-PASSED');
  assert.equal(await verdict(tampered.name), 'TOTAL-FAILED');
  // Files were waiting: the worker took them at once, with no warm-up first.
  assert.equal(await page.evaluate(() => performance.getEntriesByName('pec-warm-up').length), 0);
  await page.close();
});

test('the page before the engine looks like the engine\'s, at phone and desktop width', async () => {
  for (const width of [320, 1280]) {
    const { page, release } = await heldBack(width);
    const before = await page.locator('.drop-zone').boundingBox();
    await page.screenshot({ path: `${outputDir}/early-shell-${width}.png` });
    release();
    await page.locator('#file-input').waitFor({ state: 'attached' });
    const after = await page.locator('.drop-zone').boundingBox();
    // The drop zone does not jump as the engine's page takes over.
    assert.ok(Math.abs(before.y - after.y) <= 2 && Math.abs(before.height - after.height) <= 2,
      `${width} px: ${JSON.stringify(before)} then ${JSON.stringify(after)}`);
    await page.close();
  }
});

test('an engine that fails to load is said so, not "loading" for ever', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await page.route('**/*.wasm', (route) => route.abort('connectionreset'));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => !document.querySelector('#shell [role="status"]').textContent.includes('caricando'));
  assert.equal(await page.locator('#shell [role="status"]').innerText(),
    'Il verificatore non si è caricato: controlla la connessione e ricarica la pagina.');
  await page.close();
});

test('the keyboard focus on the drop zone stays on it when the engine arrives', async () => {
  const { page, release } = await heldBack(360);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('#shell .drop-zone') != null), true,
    'the first Tab reaches the drop zone');
  release();
  await page.locator('#file-input').waitFor({ state: 'attached' });
  await page.waitForFunction(() => document.activeElement?.id === 'file-input');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.drop-zone') != null), true);
  await page.close();
});
