// A large envelope must not leave the page silent or frozen: the engine runs in a worker, the
// busy state shows at once with how much is read, the page's thread stays free, the verdict
// follows; a file given meanwhile waits its turn, and either can be cancelled.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { card, choose, launch, openPage, outputDir, sample, settled } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The real envelope with its attachment grown past 20 MB (so the signature no longer holds):
 * its head and tail, around the attachment's filler. */
function parts() {
  const text = sample('real/aruba-agidca1-posta-certificata.eml').bytes.toString('latin1');
  const attachment = /Content-Disposition: attachment;[^\n]*\r?\n\r?\n/g;
  assert.ok(attachment.exec(text), 'the envelope has an attachment');
  const at = attachment.lastIndex;
  return { head: text.slice(0, at), tail: text.slice(at) };
}

const LINE = `${'MDAw'.repeat(19)}\n`;
const FILLER = 20_500_000;

function large() {
  const { head, tail } = parts();
  const filler = LINE.repeat(Math.ceil(FILLER / LINE.length));
  return { name: 'grande.eml', bytes: Buffer.from(head + filler + tail, 'latin1') };
}

/** Makes the large envelope in the page, as `window.large` (giving 20 MB through the test's
 * driver is itself a long task of the page's thread, which is not the page's doing). */
async function makeLarge(page) {
  const { head, tail } = parts();
  const latin1 = (text) => Buffer.from(text, 'latin1').toString('base64');
  const size = await page.evaluate(({ head, tail, line, size }) => {
    const bytes = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    // Bytes, not a 20 MB string: nothing for the collector to free while the page is watched.
    const one = new TextEncoder().encode(line);
    const filler = new Uint8Array(Math.ceil(size / one.length) * one.length);
    for (let at = 0; at < filler.length; at += one.length) filler.set(one, at);
    window.large = new File([bytes(head), filler, bytes(tail)], 'grande.eml', { type: 'message/rfc822' });
    return window.large.size;
  }, { head: latin1(head), tail: latin1(tail), line: LINE, size: FILLER });
  return size;
}

/** Gives `window.large` to the file input, as a choice of the user. */
function giveLarge(page) {
  return page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(window.large);
    const input = document.getElementById('file-input');
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Watches the page: its long tasks (as the browser counts them, from 50 ms) and every value
 * the progress bar of a card takes. */
function watch(page) {
  return page.evaluate(() => {
    window.watched = { tasks: [], read: [], max: [] };
    new PerformanceObserver((list) => {
      window.watched.tasks.push(...list.getEntries().map((e) => e.duration));
    }).observe({ type: 'longtask' });
    new MutationObserver(() => {
      const bar = document.querySelector('.result progress');
      if (bar) {
        window.watched.read.push(Number(bar.getAttribute('value')));
        window.watched.max.push(Number(bar.getAttribute('max')));
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

test('a 20 MB envelope is verified off the page\'s thread, shows how much is read, then gets its verdict', async (t) => {
  const page = await openPage(browser, { width: 360, height: 800 });
  const size = await makeLarge(page);
  assert.ok(size > 20_000_000);
  // Let the tasks of loading and making the file pass before measuring.
  await page.waitForTimeout(1000);
  await watch(page);
  await giveLarge(page);
  await page.locator('.result .busy').waitFor();
  assert.match(await page.locator('.result .busy').innerText(), /Verifica in corso/);
  await page.screenshot({ path: join(outputDir, 'large-busy-360.png') });
  await settled(page, 1);
  assert.match(await page.locator('.result .verdict-title').innerText(), /non autentic/);
  assert.match(await page.locator('.result .verdict').innerText(), /modificato dopo la firma/);
  const { tasks, read, max } = await page.evaluate(() => window.watched);
  t.diagnostic(`longest task ${Math.max(0, ...tasks)} ms; progress seen at ${read.join(', ')} of ${max[0]}`);
  assert.ok(Math.max(0, ...tasks) < 100, `the page's longest task took ${Math.max(...tasks)} ms`);
  assert.ok(max.every((m) => m === size), `the bar's end is the file's size: ${max}`);
  assert.ok(read.length > 1 && read.includes(size), `read: ${read}`);
  assert.deepEqual(read, [...read].sort((a, b) => a - b), 'the bar only moves forward');
  await page.close();
});

test('a file given during a verification waits its turn; a cancelled one goes, and the next is verified', async () => {
  const page = await openPage(browser);
  const genuine = sample('real/aruba-agidca1-accettazione.eml');
  // Cancelled while it runs: the card goes, the status says so, the focus is on the drop zone.
  await choose(page, [large()]);
  await page.getByRole('button', { name: 'Annulla la verifica' }).click();
  await page.locator('.result').waitFor({ state: 'detached' });
  assert.equal(await page.locator('[role="status"]').innerText(), 'Verifica annullata.');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file-input');
  // The engine goes on with a new worker: the next file gets its verdict.
  await choose(page, [genuine]);
  await settled(page, 1);
  assert.match(await page.locator('.result .verdict-title').innerText(), /autentica/);
  // Given while the large one runs, a file waits and is verified after it; the status counts.
  const after = sample('real/aruba-agidca1-consegna-completa.eml');
  await choose(page, [large(), { ...after, name: 'dopo.eml' }]);
  // Each card says which: the large one is being verified, the other waits its turn.
  await card(page, 'dopo.eml').locator('.busy', { hasText: 'In attesa: sarà verificato dopo i file precedenti.' }).waitFor();
  assert.equal(await card(page, 'grande.eml').locator('.busy').innerText(), 'Verifica in corso…');
  const row = (name) => page.locator('.summary tr', { has: page.locator('a', { hasText: name }) }).locator('td').nth(1);
  assert.equal(await row('dopo.eml').innerText(), 'in attesa…');
  assert.equal(await row('grande.eml').innerText(), 'verifica in corso…');
  await page.screenshot({ path: join(outputDir, 'queue-1280.png') });
  await page.waitForFunction(() => /di 2 file verificati/.test(document.querySelector('[role="status"]').textContent));
  await settled(page, 3);
  assert.match(await card(page, 'dopo.eml').locator('.verdict-title').innerText(), /autentica/);
  assert.equal(await page.locator('.result').count(), 3);
  assert.match(await card(page, 'grande.eml').locator('.verdict-title').innerText(), /non autentic/);
  // Cancelled while it waits: only it goes; the one running gets its verdict (and, the same
  // bytes as the large file already there, is shown once).
  const queued = sample('real/aruba-agidca1-posta-certificata.eml');
  await choose(page, [large(), { ...queued, name: 'in-coda.eml' }]);
  await card(page, 'in-coda.eml').getByRole('button', { name: 'Annulla la verifica' }).click();
  await settled(page, 3);
  assert.equal(await card(page, 'in-coda.eml').count(), 0);
  assert.match(await page.locator('[role="status"]').innerText(), /già nell'elenco/);
  assert.match(await page.locator('[role="status"]').innerText(), /Verifica annullata\./);
  await page.close();
});
