// What a user keeps and adjusts: the English page (remembered), the JSON report, an attachment
// of the original message, and a printed report of at most three A4 pages that names every file,
// attachment and wrapped receipt by its SHA-256, as `pec-verify --json` computes them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { choose, launch, openPage, outputDir, recordRequests, sample, settled } from './browser.mjs';

const root = new URL('..', import.meta.url).pathname;
const cli = `${root}target/debug/pec-verify`;

let browser;
before(async () => {
  execFileSync('cargo', ['build', '--quiet', '-p', 'pec-cli'], { cwd: root, stdio: 'inherit' });
  browser = await launch();
});
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

test('printing a completa receipt yields at most three A4 pages (its original message included) with the verdict and without the drop zone', async () => {
  const page = await openPage(browser);
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.drop-zone').isVisible(), false);
  assert.equal(await page.locator('.actions').isVisible(), false);
  assert.equal(await page.locator('.verdict-title').isVisible(), true);
  assert.equal(await page.locator('.checks').isVisible(), true, 'closed details print too');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(`${outputDir}/report.pdf`, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 1 && pages <= 3, `${pages} pages`);
  assert.match(await page.locator('.report').innerText(), /Verificato il\s+\d{1,2} [a-z]+ \d{4}/);
  await page.close();
});

/** The report `pec-verify --json` gives of `bytes` (exit status 1: not every message passed). */
function verified(bytes) {
  try {
    return JSON.parse(execFileSync(cli, ['--json', '-'], { input: bytes }).toString());
  } catch (e) {
    if (e.status !== 1) throw e;
    return JSON.parse(e.stdout.toString());
  }
}

/** A mail forwarding `receipt` as its attachment `name`, as a mail client writes it. */
function forward(receipt, name) {
  const head = ['From: avvocato@example.it', 'To: cliente@example.it', 'Subject: Fwd: ricevuta',
    'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="inoltro"', '', '--inoltro',
    'Content-Type: text/plain; charset=utf-8', '', 'In allegato la ricevuta.', '--inoltro',
    'Content-Type: message/rfc822', `Content-Disposition: attachment; filename="${name}"`, '', ''];
  return Buffer.concat([Buffer.from(head.join('\r\n')), receipt, Buffer.from('\r\n--inoltro--\r\n')]);
}

/** The text the print shows of `locator`: laid out for print media, visible, whole. */
async function printed(locator) {
  assert.equal(await locator.isVisible(), true);
  return locator.innerText();
}

test('the print names the file, each attachment (size and SHA-256) and the receipt, forwarded or not, by their digests', async () => {
  const receipt = sample(GENUINE);
  const expected = verified(receipt.bytes);
  const forwarded = { name: 'inoltro.eml', bytes: forward(receipt.bytes, 'consegna.eml') };
  const wrapped = verified(forwarded.bytes);
  assert.equal(wrapped.messages[0].location, 'attachment 1 (consegna.eml)');
  assert.equal(wrapped.messages[0].signed_sha256, expected.messages[0].signed_sha256);

  const page = await openPage(browser, { width: 360, height: 800 });
  await choose(page, [receipt]);
  await settled(page, 1);
  // On screen, in the attachments list, at phone width: the digest wraps inside the screen.
  await page.locator('.original > summary').click();
  const attachments = expected.messages[0].postacert.attachments;
  assert.ok(attachments.length > 0);
  const items = page.locator('.attachment');
  assert.equal(await items.count(), attachments.length);
  for (const [i, a] of attachments.entries()) {
    assert.equal(await items.nth(i).locator('.attachment-hash code').innerText(), a.sha256);
  }
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 360, `page ${scroll} px wide at 360 px`);
  await page.screenshot({ path: `${outputDir}/hashes-360.png`, fullPage: true });
  await page.locator('.original > summary').click();

  // In print, with the original closed: the file's digest, and each attachment's name, size and
  // digest.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await printed(page.locator('.report .hash code')), expected.sha256);
  assert.equal(await printed(page.locator('.certificate .hash code')), expected.messages[0].signed_sha256);
  for (const [i, a] of attachments.entries()) {
    const item = await printed(items.nth(i));
    assert.ok(item.includes(a.name), item);
    assert.match(item, /Impronta SHA-256: [0-9a-f]{64}/);
    assert.ok(item.includes(a.sha256), item);
    assert.match(item, /2,1 KB/);
  }
  assert.equal(await items.first().locator('button').isVisible(), false, 'no download button in print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(`${outputDir}/report-hashes.pdf`, pdf);
  await page.close();

  // A receipt inside a forward: where it lies and the digest of what its provider signed, the
  // same as that of the receipt on its own, in print, beside the digest of the forward itself.
  const desk = await openPage(browser, { width: 1280, height: 900 });
  await choose(desk, [forwarded]);
  await settled(desk, 1);
  await desk.screenshot({ path: `${outputDir}/hashes-1280.png`, fullPage: true });
  await desk.emulateMedia({ media: 'print' });
  const message = desk.locator('.message').first();
  assert.match(await printed(message.locator('.location')), /consegna\.eml/);
  assert.equal(await printed(message.locator('.certificate .hash code')), expected.messages[0].signed_sha256);
  assert.equal(await printed(desk.locator('.report .hash code')), wrapped.sha256);
  assert.notEqual(wrapped.sha256, expected.sha256);
  writeFileSync(`${outputDir}/report-forwarded.pdf`, await desk.pdf({ format: 'A4', printBackground: true }));
  await desk.close();
});

test('the digest of what was signed is the one the signature carries, for a message kept in an Outlook .msg', async () => {
  // An S/MIME message signed with SHA-256: its message-digest attribute is the SHA-256 of the
  // signed bytes, which the .msg keeps whole.
  const file = sample('msg/outlook-smime-multipart-signed-sha256.msg');
  const [message] = verified(file.bytes).messages;
  const digest = message.checks.find((c) => c.id === 'cms.message-digest');
  assert.equal(message.signature.digest_algorithm, 'sha256');
  assert.equal(digest.params.signed, message.signed_sha256);
  const page = await openPage(browser);
  await choose(page, [file]);
  await settled(page, 1);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await printed(page.locator('.certificate .hash code')), message.signed_sha256);
  await page.close();
});
