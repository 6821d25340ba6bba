// The forms people hold receipts in, dropped on the page: an Outlook .msg, a signed .eml.p7m
// and a case bundle (.zip) give the card the .eml itself gives, each message placed where it
// lies, and every other file of the bundle gets its answer (a PDF is a print). The messages are
// the test factory's: the page does not trust its test PKI, so each is "not established" in
// every form alike; the real Outlook files are ordinary signed e-mail, signed but not PEC.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { card, choose, launch, openPage, outputDir, sample, settled } from './browser.mjs';
import { writeFactory } from './factory.mjs';

const KIND = 'avvenuta-consegna-completa';

let browser;
let factory;
const made = (name) => factory.file(name);
before(async () => {
  factory = writeFactory();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  factory?.remove();
});

test('a receipt as .msg, .eml.p7m and in a zip gets the card of its .eml, and the PDF beside it an answer', async () => {
  const page = await openPage(browser, { width: 1280, height: 900 });
  const forms = ['eml', 'msg', 'eml.p7m', 'zip'].map((ext) => made(`${KIND}.${ext}`));
  await choose(page, forms);
  await settled(page, forms.length);
  const verdict = async (name) => card(page, `${KIND}.${name}`).locator('.verdict-title').first().innerText();
  const eml = await verdict('eml');
  assert.match(eml, /non accertat/i);
  for (const ext of ['msg', 'eml.p7m', 'zip']) assert.equal(await verdict(ext), eml, ext);
  // The signature on the .p7m is reported apart.
  assert.match(await card(page, `${KIND}.eml.p7m`).locator('.file-signatures').first().innerText(), /firma/i);
  // Where the message lies in the bundle, and the PDF beside it.
  const zip = card(page, `${KIND}.zip`);
  assert.match(await zip.textContent(), new RegExp(`dell'archivio zip`));
  const unread = zip.locator('.unread');
  assert.match(await unread.locator('h3').innerText(), /^Altri file contenuti, senza un messaggio da verificare$/);
  const items = await unread.locator('li').allInnerTexts();
  assert.equal(items.length, 1, items.join('\n'));
  assert.match(items[0], /\.pdf» dell'archivio zip: Questo è un PDF o un'immagine/);
  assert.equal(await unread.locator('li').getAttribute('data-error'), 'print');
  await zip.screenshot({ path: `${outputDir}/forms-zip-1280.png` });
  await page.close();
});

test('the real Outlook files are signed e-mail, but not PEC, as their .eml twins', async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  const twins = ['outlook-smime-multipart-signed-sha512', 'outlook-smime-opaque-signed'];
  const files = twins.flatMap((t) => [sample(`msg/${t}.msg`), sample(`msg/${t}.eml`)]);
  await choose(page, files);
  await settled(page, files.length);
  for (const twin of twins) {
    const [msg, eml] = await Promise.all(['msg', 'eml'].map((ext) => card(page, `${twin}.${ext}`).locator('.verdict-title').first().innerText()));
    assert.equal(msg, eml, twin);
    assert.match(await card(page, `${twin}.msg`).textContent(), /non risulta di un gestore PEC|non è un messaggio PEC/i, twin);
  }
  await page.close();
});
