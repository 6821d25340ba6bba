// The page as a user meets it: load, drop or choose a file, read the verdict; and the page's
// promise that nothing leaves the device.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, drop, launch, openPage, outputDir, recordRequests, sample, settled } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const GENUINE = 'real/aruba-agidca1-consegna-completa.eml';
const TAMPERED = 'tampered/sogei-sdi-edited-1.eml';
const UNSIGNED = 'unsigned/toniorusso-pec-parser-postacert.eml';

test('a dropped genuine receipt is verified without a single network request', async () => {
  const page = await openPage(browser);
  const requests = recordRequests(page);
  await drop(page, [sample(GENUINE)]);
  const result = page.locator('.result').first();
  await result.locator('.verdict').waitFor();
  assert.match(await result.locator('.verdict-title').innerText(), /Ricevuta PEC autentica/);
  assert.match(await result.locator('.kind').innerText(), /avvenuta consegna/i);
  assert.equal(await result.locator('.file-name').innerText(), 'aruba-agidca1-consegna-completa.eml');
  assert.deepEqual(requests, []);
  await page.screenshot({ path: `${outputDir}/genuine-1280.png`, fullPage: true });
  await page.close();
});

test('a tampered receipt chosen through the file input says it was changed after signing', async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  const requests = recordRequests(page);
  await choose(page, [sample(TAMPERED)]);
  const verdict = page.locator('.result .verdict').first();
  await verdict.waitFor();
  assert.match(await verdict.locator('.verdict-title').innerText(), /non autentico/);
  assert.match(await verdict.locator('.verdict-detail').innerText(), /modificato dopo la firma del gestore/);
  assert.deepEqual(requests, []);
  await page.screenshot({ path: `${outputDir}/tampered-touch-360.png`, fullPage: true });
  await page.close();
});

test('an ordinary e-mail is explained, not verified', async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  await choose(page, [sample(UNSIGNED)]);
  const verdict = page.locator('.result .verdict').first();
  await verdict.waitFor();
  assert.match(await verdict.innerText(), /Non è un messaggio PEC/);
  assert.match(await verdict.innerText(), /non porta la firma di un gestore PEC/);
  await page.close();
});

test('the first screen at phone and desktop width', async () => {
  for (const [width, height] of [[360, 800], [1280, 800]]) {
    const page = await openPage(browser, { width, height });
    const zone = await page.locator('.drop-zone').boundingBox();
    assert.ok(zone.width <= width && zone.height >= 44, `drop zone ${zone.width}x${zone.height}`);
    await page.screenshot({ path: `${outputDir}/home-${width}.png`, fullPage: true });
    await page.close();
  }
});

test("the engine's worker, where every file is verified, can open no connection either", async () => {
  const page = await openPage(browser);
  const workers = page.workers();
  assert.equal(workers.length, 1, 'the engine runs in one worker');
  const fetched = await workers[0].evaluate(() => fetch('/index.html').then(() => 'loaded', (e) => `blocked: ${e}`));
  assert.match(fetched, /^blocked/);
  const sent = await workers[0].evaluate(() => new Promise((resolve) => {
    try {
      const socket = new WebSocket(`ws://${location.host}/`);
      socket.onopen = () => resolve('open');
      socket.onerror = () => resolve('blocked');
    } catch (e) {
      resolve(`blocked: ${e}`);
    }
  }));
  assert.match(sent, /^blocked/);
  await page.close();
});

test("a fresh page's worker warms up once before it is ready, and shows nothing of it", async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  const warmUps = () => page.evaluate(() => performance.getEntriesByName('pec-warm-up', 'measure')
    .map((m) => m.duration));
  const [took] = await warmUps();
  assert.ok(took > 0, `warm-up ${took} ms`);
  assert.equal(await page.locator('.result').count(), 0, 'no card for the warm-up receipt');
  assert.equal(await page.locator('[role="status"]').textContent(), '', 'nothing said of it');
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  assert.equal(await page.locator('.result .message').first().getAttribute('data-verdict'), 'TOTAL-PASSED');
  assert.equal((await warmUps()).length, 1, 'one warm-up for the page');
  await page.close();
});

test('once loaded, the page can open no connection and runs no injected script', async () => {
  const page = await openPage(browser);
  const policies = await page.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll(
    (metas) => metas.map((m) => m.content),
  );
  assert.ok(policies.some((p) => /connect-src 'none'/.test(p)), policies.join('\n'));
  // Inline styles are allowed for the sandboxed frame of HTML mail; inline script never.
  const scripts = policies.map((p) => /script-src[^;]*/.exec(p)?.[0] ?? '');
  assert.ok(policies.every((p) => !p.includes("'unsafe-eval'")));
  assert.ok(scripts.every((s) => !s.includes("'unsafe-inline'")), scripts.join('\n'));
  const fetched = await page.evaluate(() => fetch('/index.html').then(() => 'loaded', (e) => `blocked: ${e}`));
  assert.match(fetched, /^blocked/);
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 50));
    return window.injected === true;
  });
  assert.equal(ran, false);
  await page.close();
});
