// Revocation lists (CRLs) dropped beside the receipts, as a lawyer does who downloaded the PEC
// CA's list: the list gets a card of its own, and every receipt on the page, dropped before or
// after it, says what the lists show of its provider's certificate. A list forged in AgID CA1's
// name, from the test factory, is not believed: the genuine receipt stays genuine and warns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { card, choose, launch, openPage, outputDir, sample, settled } from './browser.mjs';
import { writeFactory } from './factory.mjs';

const GENUINE = 'real/aruba-agidca1-consegna-completa.eml';
const NOT_CHECKED = /La revoca del certificato non è controllata/;
const FORGED = /Un elenco di revoca \(CRL\) dice di essere di CN=AgID CA1.*ma non è firmato con la sua chiave/s;

let browser;
let factory;
const list = (name) => factory.file(name);
before(async () => {
  factory = writeFactory();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  factory?.remove();
});

test('a list dropped after a receipt changes its revocation line, and clearing takes it away', async () => {
  const page = await openPage(browser, { width: 1280, height: 900 });
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  const receipt = card(page, 'aruba-agidca1-consegna-completa.eml');
  assert.match(await receipt.textContent(), NOT_CHECKED);

  await choose(page, [list('crl-forged-agid-ca1.crl')]);
  await settled(page, 2);
  const crl = card(page, 'crl-forged-agid-ca1.crl');
  const shown = await crl.locator('.crl').innerText();
  assert.match(shown, /Elenco di revoca dei certificati \(CRL\)/);
  assert.match(shown, /A nome di\s+CN=AgID CA1,OU=Area Soluzioni per la Pubblica Amministrazione/);
  assert.match(shown, /Certificati revocati\s+0/);
  assert.equal(await crl.locator('.verdict').count(), 0, 'a list gets no verdict of its own');
  // Counted as a list, not as a file that is no PEC message, and with no note on declared data.
  assert.equal(await page.locator('.summary .counts').innerText(), '1 autentico, 1 elenco di revoca');
  assert.equal(await page.locator('.summary .note').count(), 0);
  const listRow = page.locator('.summary tr', { has: page.getByRole('link', { name: 'crl-forged-agid-ca1.crl' }) });
  assert.equal(await listRow.locator('.standing').innerText(), 'elenco di revoca');
  // The receipt verified before the list now says what the list is worth, and stays genuine.
  await page.waitForFunction(() => /non è firmato con la sua chiave/.test(document.body.textContent));
  const text = await receipt.textContent();
  assert.match(text, FORGED);
  assert.doesNotMatch(text, NOT_CHECKED);
  assert.match(await receipt.locator('.verdict-title').first().innerText(), /autentic/i);
  assert.doesNotMatch(await receipt.locator('.verdict-title').first().innerText(), /non autentic/i);
  await page.screenshot({ path: `${outputDir}/revocation-1280.png`, fullPage: true });

  await page.getByRole('button', { name: "Svuota l'elenco" }).click();
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  assert.match(await card(page, 'aruba-agidca1-consegna-completa.eml').textContent(), NOT_CHECKED);
  await page.close();
});

test("a list of another CA says nothing of a receipt, and a phone shows the list's card whole", async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  await choose(page, [list('crl-not-revoked.crl'), sample(GENUINE)]);
  await settled(page, 2);
  assert.match(await card(page, 'aruba-agidca1-consegna-completa.eml').textContent(), NOT_CHECKED);
  const shown = await card(page, 'crl-not-revoked.crl').locator('.crl').innerText();
  assert.match(shown, /A nome di\s+CN=Test PEC CA1/);
  assert.match(shown, /Emesso\s+16 marzo 2024 alle 10:30/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page ${width} px wide`);
  await card(page, 'crl-not-revoked.crl').screenshot({ path: `${outputDir}/revocation-card-360.png` });
  await page.close();
});
