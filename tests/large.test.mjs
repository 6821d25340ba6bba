// A large envelope must not leave the page silent: the busy state shows at once, the page stays
// alive, and the verdict follows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, launch, openPage, sample, settled } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The real envelope with its attachment grown past 20 MB (so the signature no longer holds). */
function large() {
  const text = sample('real/aruba-agidca1-posta-certificata.eml').bytes.toString('latin1');
  const attachment = /Content-Disposition: attachment;[^\n]*\r?\n\r?\n/g;
  assert.ok(attachment.exec(text), 'the envelope has an attachment');
  const line = `${'MDAw'.repeat(19)}\n`;
  const filler = line.repeat(Math.ceil(20_500_000 / line.length));
  const at = attachment.lastIndex;
  return { name: 'grande.eml', bytes: Buffer.from(text.slice(0, at) + filler + text.slice(at), 'latin1') };
}

test('a 20 MB envelope shows it is being verified, then gets its verdict', async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  const file = large();
  assert.ok(file.bytes.length > 20_000_000);
  await choose(page, [file]);
  await page.locator('.result .busy').waitFor();
  assert.match(await page.locator('.result .busy').innerText(), /Verifica in corso/);
  await settled(page, 1);
  assert.match(await page.locator('.result .verdict-title').innerText(), /non autentic/);
  assert.match(await page.locator('.result .verdict').innerText(), /modificato dopo la firma/);
  await page.close();
});
