// What a user keeps and adjusts: the English page (remembered), the JSON report, an attachment
// of the original message, and a printed report of one or two A4 pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { choose, launch, openPage, outputDir, recordRequests, sample, settled } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const GENUINE = 'real/aruba-agidca1-consegna-completa.eml';
const ENVELOPE = 'real/aruba-agidca1-posta-certificata.eml';

test('the English switch translates the page and is remembered after a reload', async () => {
  const context = await browser.newContext();
  const page = await openPage(browser, { context });
  await page.locator('.lang-switch').click();
  assert.equal(await page.locator('h1').innerText(), 'Verify a PEC receipt');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.locator('#file-input').waitFor({ state: 'attached' });
  assert.equal(await page.locator('h1').innerText(), 'Verify a PEC receipt');
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  assert.equal(await page.locator('.verdict-title').innerText(), 'Genuine PEC receipt');
  assert.match(await page.locator('.proof').innerText(),
    /The message was delivered to the recipient's mailbox l\.battistini@pec\.it on 13 November 2018 at 16:39, Italian time \(UTC\+1\)\./);
  await page.locator('.lang-switch').click();
  assert.equal(await page.locator('.verdict-title').innerText(), 'Ricevuta PEC autentica');
  await context.close();
});

test('"Scarica rapporto (JSON)" saves the same JSON as pec-verify --json', async () => {
  const page = await openPage(browser);
  const requests = recordRequests(page);
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Scarica rapporto (JSON)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'aruba-agidca1-consegna-completa.eml.json');
  const saved = readFileSync(await download.path(), 'utf8');
  const json = JSON.parse(saved);
  assert.equal(json.file, 'aruba-agidca1-consegna-completa.eml');
  assert.equal(json.messages[0].verdict, 'TOTAL-PASSED');
  // The command line built by the native tests, when there is one, must agree byte for byte.
  const cli = ['release', 'debug'].map((p) => new URL(`../target/${p}/pec-verify`, import.meta.url).pathname)
    .find(existsSync);
  if (cli) {
    const expected = execFileSync(cli, ['--json', '-'], { input: sample(GENUINE).bytes }).toString().trim();
    assert.equal(saved, expected.replace('"file":"-"', `"file":"${json.file}"`));
  }
  assert.deepEqual(requests.filter((r) => !r.startsWith('blob:')), []);
  await page.close();
});

test('an attachment of the original message downloads with its name and bytes', async () => {
  const page = await openPage(browser);
  await choose(page, [sample(ENVELOPE)]);
  await settled(page, 1);
  await page.locator('.original > summary').click();
  const item = page.locator('.attachment').first();
  assert.match(await item.innerText(), /xdcr_2022_02_00583\.txt[\s\S]*text\/plain/);
  const [download] = await Promise.all([page.waitForEvent('download'), item.locator('button').click()]);
  assert.equal(download.suggestedFilename(), 'xdcr_2022_02_00583.txt');
  const bytes = readFileSync(await download.path());
  assert.match(bytes.toString('latin1'), /^31902060058320220/);
  await page.close();
});

test('printing yields one or two A4 pages with the verdict and without the drop zone', async () => {
  const page = await openPage(browser);
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.drop-zone').isVisible(), false);
  assert.equal(await page.locator('.actions').isVisible(), false);
  assert.equal(await page.locator('.verdict-title').isVisible(), true);
  assert.equal(await page.locator('.checks').isVisible(), true, 'closed details print too');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
  assert.match(await page.locator('.report').innerText(), /Verificato il\s+\d{1,2} [a-z]+ \d{4}/);
  writeFileSync(`${outputDir}/report.pdf`, pdf);
  await page.close();
});
