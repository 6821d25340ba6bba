// A receipt whose original message is hostile: script in the subject, the attachment's name and
// the HTML body, and a remote tracking image. Nothing may run, nothing may load, and the payload
// is shown as the text it is.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launch, openPage, recordRequests, sample, settled, choose } from './browser.mjs';

let browser;
let server;
const hits = [];
before(async () => {
  browser = await launch();
  server = createServer((req, res) => { hits.push(req.url); res.end(); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
});
after(async () => { await browser?.close(); server?.close(); });

const SUBJECT = '<script>window.pwned = "subject"</script><img src=x onerror="window.pwned = \'subject img\'">';
const FILE_NAME = '<img src=x onerror="window.pwned = \'name\'">.txt';

/** The real envelope with its original message made hostile (the signature then fails). */
function hostile(port) {
  const pixel = `http://127.0.0.1:${port}/pixel.png`;
  const html = `<p>Ciao</p><script>parent.postMessage("ran", "*")</script>`
    + `<img src="${pixel}"><img src=x onerror="parent.postMessage('ran', '*')">`
    + `<a href="${pixel}">link</a><style>body{background:url(${pixel})}</style>`;
  let text = sample('real/aruba-agidca1-posta-certificata.eml').bytes.toString('latin1');
  text = text.replace('Subject: [XDCR] xdcr_2022_02_00583.txt', `Subject: ${SUBJECT}`);
  text = text.replace(
    /(Content-Type: text\/html; charset=utf-8\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n)[A-Za-z0-9+/=\r\n]+?(\r?\n\r?\n)/,
    (_, head, tail) => head + Buffer.from(html).toString('base64') + tail,
  );
  text = text.replaceAll('"=?utf-8?Q?xdcr=5F2022=5F02=5F00583.txt?="', `"${FILE_NAME.replaceAll('"', "'")}"`);
  assert.ok(text.includes(Buffer.from(html).toString('base64')), 'the HTML body was replaced');
  return { name: 'ostile.eml', bytes: Buffer.from(text, 'latin1') };
}

test('a hostile original message runs nothing, loads nothing and is shown literally', async () => {
  const page = await openPage(browser);
  const requests = recordRequests(page);
  const answered = [];
  page.on('response', (r) => answered.push(r.url()));
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.evaluate(() => window.addEventListener('message', () => { window.frameRan = true; }));
  await choose(page, [hostile(server.address().port)]);
  await settled(page, 1);
  const original = page.locator('.original');
  await original.locator(':scope > summary').click();
  await original.locator('.sender-html > summary').click();
  await page.locator('iframe.body-html').waitFor();
  await page.waitForTimeout(500);

  assert.match(await original.innerText(), /<script>window\.pwned = "subject"<\/script>/);
  assert.equal(await original.locator('.attachment-name').innerText(), FILE_NAME.replaceAll('"', "'"));
  const frame = page.locator('iframe.body-html');
  assert.equal(await frame.getAttribute('sandbox'), '');
  assert.match(await frame.getAttribute('srcdoc'), /^<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;/);
  assert.equal(await page.evaluate(() => window.pwned ?? null), null);
  assert.equal(await page.evaluate(() => window.frameRan ?? null), null);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(hits, []);
  // Chromium's speculative preload can announce an image request that the frame's policy then
  // blocks before it leaves the browser: what must never happen is a request that is answered.
  assert.deepEqual(answered, [], `answered: ${answered}; announced: ${requests}`);
  // The page never turns receipt content into markup.
  assert.equal(await page.locator('.result script, .result img').count(), 0);
  await page.close();
});
