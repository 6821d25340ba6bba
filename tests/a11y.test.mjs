// Accessibility: axe-core finds no WCAG 2.1 A or AA violation, whatever its impact, on the first
// screen, on results with their details open, in English, and in the embedded viewer. axe is
// injected, so this test alone bypasses the page's policy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { choose, launch, openPage, sample, settled, url } from './browser.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const RESULTS = [sample('real/aruba-agidca1-posta-certificata.eml'), sample('tampered/sogei-sdi-rewritten-as-normal-email.eml'),
  sample('unsigned/toniorusso-pec-parser-postacert.eml')];
let browser;
let context;
before(async () => {
  browser = await launch();
  context = await browser.newContext({ bypassCSP: true });
});
after(async () => { await browser?.close(); });

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function withResults(page) {
  await choose(page, RESULTS);
  await settled(page, RESULTS.length);
  for (const summary of await page.locator('.result summary').all()) await summary.click();
}

test('the first screen has no A or AA violation', async () => {
  const page = await openPage(browser, { context, width: 360, height: 800 });
  assert.deepEqual(await violations(page), []);
  await page.close();
});

test('results with their details open have no A or AA violation', async () => {
  const page = await openPage(browser, { context });
  await withResults(page);
  assert.deepEqual(await violations(page), []);
  await page.close();
});

test('the English page, with results, has no A or AA violation', async () => {
  const page = await openPage(browser, { context, width: 360, height: 800 });
  await page.locator('.lang-switch').click();
  await withResults(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(await violations(page), []);
  await page.close();
});

test('the embedded viewer, empty and with results, has no A or AA violation', async () => {
  const page = await context.newPage({ viewport: { width: 360, height: 800 } });
  await page.goto(`${url}/?embed=1&lang=it`);
  await page.locator('#file-input').waitFor({ state: 'attached' });
  assert.deepEqual(await violations(page), []);
  await withResults(page);
  assert.deepEqual(await violations(page), []);
  await page.close();
});
