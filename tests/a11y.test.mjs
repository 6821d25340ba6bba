// Accessibility: axe-core finds no serious or critical violation on the first screen and on a
// result with its details open. axe is injected, so this test alone bypasses the page's policy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { choose, launch, openPage, sample, settled } from './browser.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser;
let context;
before(async () => {
  browser = await launch();
  context = await browser.newContext({ bypassCSP: true });
});
after(async () => { await browser?.close(); });

async function seriousViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the first screen has no serious accessibility violation', async () => {
  const page = await openPage(browser, { context, width: 360, height: 800 });
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});

test('results with their details open have no serious accessibility violation', async () => {
  const page = await openPage(browser, { context });
  await choose(page, [sample('real/aruba-agidca1-posta-certificata.eml'), sample('tampered/sogei-sdi-rewritten-as-normal-email.eml'),
    sample('unsigned/toniorusso-pec-parser-postacert.eml')]);
  await settled(page, 3);
  for (const summary of await page.locator('.result summary').all()) await summary.click();
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});
