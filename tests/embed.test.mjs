// The viewer inside another site's page: an embedding page (tests/embed/) on origins of its
// own, the viewer (PEC_URL) in its iframe, both directions of the postMessage protocol, and
// everything that must be ignored: origins not listed, malformed messages, no listed origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { drop, launch, outputDir, recordRequests, sample, settled, url } from './browser.mjs';
import { samplePath } from './samples.mjs';
import { portal } from './servers.mjs';

const GENUINE = 'real/aruba-agidca1-consegna-completa.eml';
const TAMPERED = 'tampered/sogei-sdi-edited-1.eml';
const ENVELOPE = 'real/aruba-agidca1-posta-certificata.eml';

const root = new URL('..', import.meta.url).pathname;
/** The real Aruba acceptance and delivery of one sending (../shared/samples/real/README.md). */
const PAIR = ['aruba-agidca1-accettazione.eml', 'aruba-agidca1-consegna-completa.eml'];

let browser;
let listed;
let other;
before(async () => {
  execFileSync('cargo', ['build', '--quiet', '-p', 'pec-cli'], { cwd: root, stdio: 'inherit' });
  browser = await launch();
  [listed, other] = await Promise.all([portal(), portal()]);
});
after(async () => {
  await browser?.close();
  listed?.server.close();
  other?.server.close();
});

/** Opens the embedding page at `origin`, the viewer listing `trusted`; resolves with the page
 * and the viewer's frame once the viewer's engine is loaded. */
async function embedding(origin, { trusted = origin, width = 800, height = 900 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  const address = new URL('/parent.html', origin);
  address.searchParams.set('viewer', url);
  address.searchParams.set('listed', trusted);
  await page.goto(address.href);
  const frame = await (await page.locator('#viewer').elementHandle()).contentFrame();
  await frame.locator('#file-input').waitFor({ state: 'attached' });
  return { page, frame };
}

/** Sends a file to the viewer from the embedding page, as the portal's own chooser does. */
async function send(page, file) {
  await page.locator('#portal-file').setInputFiles(
    { name: file.name, mimeType: 'message/rfc822', buffer: file.bytes },
  );
}

/** Gives a message the viewer should ignore time to be (wrongly) acted upon. */
const grace = () => new Promise((resolve) => setTimeout(resolve, 500));

test('the embedding page sends a receipt and gets the report the viewer offers for download', async () => {
  const { page, frame } = await embedding(listed.origin);
  await page.waitForFunction(() => window.ready);
  const requests = recordRequests(page);
  await send(page, sample(GENUINE));
  await page.waitForFunction(() => window.reports.length === 1);
  const [message] = await page.evaluate(() => window.reports);
  assert.equal(message.type, 'pec-report');
  assert.equal(message.name, 'aruba-agidca1-consegna-completa.eml');
  assert.equal(message.report.file, 'aruba-agidca1-consegna-completa.eml');
  assert.equal(message.report.messages[0].verdict, 'TOTAL-PASSED');

  // The viewer shows it as if it had been dropped, and its download is the very same JSON.
  await settled(frame, 1);
  assert.equal(await frame.locator('.verdict-title').innerText(), 'Ricevuta PEC autentica');
  assert.equal(await frame.locator('.file-name').innerText(), 'aruba-agidca1-consegna-completa.eml');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    frame.getByRole('button', { name: 'Scarica rapporto (JSON)' }).click(),
  ]);
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), 'utf8')), message.report);
  assert.deepEqual(requests.filter((r) => !r.startsWith('blob:')), []);
  await page.close();
});

test('the embedding page gets the dossier of the files sent, as pec-verify --dossier --json writes it', async () => {
  const { page, frame } = await embedding(listed.origin);
  await page.waitForFunction(() => window.ready);
  for (const name of PAIR) await send(page, sample(`real/${name}`));
  await settled(frame, 2);
  await page.waitForFunction(() => window.reports.length === 2 && window.dossiers.at(-1)?.document.files.length === 2);
  const { type, document } = await page.evaluate(() => window.dossiers.at(-1));
  assert.equal(type, 'pec-dossiers');
  // One sending, complete: accepted, and delivered to its one recipient.
  assert.equal(document.dossiers.length, 1);
  const [dossier] = document.dossiers;
  assert.equal(dossier.complete, true);
  assert.equal(dossier.accepted.file, PAIR[0]);
  assert.deepEqual(dossier.recipients.map((r) => [r.address, r.outcome, r.receipt.file]),
    [['l.battistini@pec.it', 'delivered', PAIR[1]]]);
  assert.deepEqual(dossier.problems, []);
  // The whole document is the command line's for the same files, given in the same order,
  // each file's report the one the viewer posted for it.
  const expected = JSON.parse(execFileSync(`${root}target/debug/pec-verify`, ['--dossier', '--json', ...PAIR],
    { cwd: samplePath('real') }).toString());
  assert.deepEqual(document, expected);
  const reports = await page.evaluate(() => window.reports.map((r) => r.report));
  assert.deepEqual(document.files, reports);
  await page.close();
});

test('a file the user drops inside the frame is reported to the embedding page too', async () => {
  const { page, frame } = await embedding(listed.origin);
  await drop(frame, [sample(TAMPERED)]);
  await settled(frame, 1);
  assert.match(await frame.locator('.verdict-title').innerText(), /non autentic/);
  await page.waitForFunction(() => window.reports.length === 1);
  const [message] = await page.evaluate(() => window.reports);
  assert.equal(message.name, 'sogei-sdi-edited-1.eml');
  assert.equal(message.report.messages[0].verdict, 'TOTAL-FAILED');
  await page.close();
});

test('a page whose origin is not listed can neither send files nor receive reports', async () => {
  // The embedding page at `other` embeds a viewer told to trust `listed` only.
  const { page, frame } = await embedding(other.origin, { trusted: listed.origin });
  await send(page, sample(GENUINE));
  await grace();
  assert.equal(await frame.locator('.result').count(), 0, 'a file from an unlisted origin was shown');
  await drop(frame, [sample(ENVELOPE)]);
  await settled(frame, 1);
  await grace();
  assert.equal(await frame.locator('.file-name').innerText(), 'aruba-agidca1-posta-certificata.eml');
  assert.deepEqual(await page.evaluate(() => [window.ready, window.reports, window.dossiers, window.heights]),
    [false, [], [], []]);
  await page.close();
});

test('malformed messages from the listed origin are ignored, and the viewer keeps working', async () => {
  const { page, frame } = await embedding(listed.origin);
  await page.waitForFunction(() => window.ready);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.evaluate(() => {
    const viewer = document.getElementById('viewer').contentWindow;
    const bytes = new TextEncoder().encode('From: a@b\r\n\r\nx');
    for (const message of [
      null, 42, 'pec-verify', [], {}, { type: 'pec-verify' },
      { type: 'pec-verify', name: 'a.eml' },
      { type: 'pec-verify', name: 'a.eml', bytes: 'From: a@b' },
      { type: 'pec-verify', name: 'a.eml', bytes: Array.from(bytes) },
      { type: 'pec-verify', name: 'a.eml', bytes: new Blob([bytes]) },
      { type: 'pec-verify', name: 7, bytes },
      { type: 'PEC-VERIFY', name: 'a.eml', bytes },
      { type: 'pec-report', name: 'a.eml', report: {} },
    ]) viewer.postMessage(message, '*');
  });
  await grace();
  assert.equal(await frame.locator('.result').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.reports), []);
  // A Uint8Array is as good as an ArrayBuffer.
  await page.evaluate(() => {
    const bytes = new TextEncoder().encode('not an e-mail at all');
    document.getElementById('viewer').contentWindow.postMessage({ type: 'pec-verify', name: 'note.txt', bytes }, '*');
  });
  await settled(frame, 1);
  await page.waitForFunction(() => window.reports.length === 1);
  assert.equal(await page.evaluate(() => window.reports[0].report.error_code !== null), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('without a listed origin the viewer accepts no message and posts nothing', async () => {
  const page = await browser.newPage();
  const parent = new URL('/parent.html', listed.origin);
  parent.searchParams.set('viewer', url);
  await page.goto(parent.href);
  // The same page, its viewer re-addressed without origin=.
  const frame = await (await page.locator('#viewer').elementHandle()).contentFrame();
  await frame.goto(`${url}/?embed=1`);
  await frame.locator('#file-input').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    const bytes = new TextEncoder().encode('x');
    document.getElementById('viewer').contentWindow.postMessage({ type: 'pec-verify', name: 'a.eml', bytes }, '*');
  });
  await grace();
  assert.equal(await frame.locator('.result').count(), 0);
  await drop(frame, [sample(GENUINE)]);
  await settled(frame, 1);
  await grace();
  assert.deepEqual(await page.evaluate(() => [window.reports, window.dossiers]), [[], []]);
  await page.close();
});

test('the viewer tells the embedding page its height, which sizes the frame to it', async () => {
  const { page, frame } = await embedding(listed.origin, { width: 360, height: 700 });
  await page.waitForFunction(() => window.ready && window.heights.length > 0);
  const empty = await page.evaluate(() => window.heights.at(-1));
  await send(page, sample(ENVELOPE));
  await settled(frame, 1);
  await frame.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  await page.waitForFunction((empty) => window.heights.at(-1) > empty + 1000, empty);
  // Once the last height arrives, the frame is as tall as the viewer's content, which no
  // longer scrolls inside it.
  let inner;
  for (const started = Date.now(); Date.now() - started < 5000;) {
    inner = await frame.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    if (inner <= 1) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(inner <= 1, `the viewer still scrolls ${inner} px inside its frame`);
  const [height, last] = await page.evaluate(() => [document.getElementById('viewer').getBoundingClientRect().height, window.heights.at(-1)]);
  assert.ok(Math.abs(height - last) < 1, `frame ${height} px, last height ${last} px`);
  assert.ok((await page.evaluate(() => window.heights)).every(Number.isInteger));
  await page.close();
});

test('embedded, the viewer keeps the privacy line and a heading for screen readers only', async () => {
  const { page, frame } = await embedding(listed.origin, { width: 360, height: 700 });
  assert.equal(await frame.locator('.lead').isVisible(), true);
  assert.match(await frame.locator('.lead').innerText(), /non lascia il tuo dispositivo/);
  const heading = frame.getByRole('heading', { level: 1 });
  assert.equal(await heading.textContent(), 'Verifica una ricevuta PEC');
  assert.deepEqual(await heading.boundingBox().then((b) => [b.width, b.height]), [1, 1]);
  await page.close();
});

test('the embedded viewer at phone and tablet width: no site chrome, the same verdict', async () => {
  for (const width of [360, 800]) {
    const { page, frame } = await embedding(listed.origin, { width, height: 900 });
    assert.equal(await frame.locator('.site-header').isVisible(), false);
    assert.equal(await frame.locator('.site-footer').isVisible(), false);
    const zone = await frame.locator('.drop-zone').boundingBox();
    assert.ok(zone.width <= width && zone.height >= 44, `drop zone ${zone.width}x${zone.height}`);
    await page.screenshot({ path: `${outputDir}/embed-empty-${width}.png` });
    await send(page, sample(GENUINE));
    await settled(frame, 1);
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `the viewer is ${overflow} px wider than its frame`);
    await page.screenshot({ path: `${outputDir}/embed-genuine-${width}.png` });
    await page.close();
  }
});
