// The engine module off the page's thread, as a portal uses it: the README's worker example,
// `verifyInWorker` and `dossierInWorker` giving what `verify`, `dossier` and `pec-verify --json`
// give, a 20 MB envelope verified with no long task on the page's thread (where `verify` on the
// same bytes makes one), and a cancelled call that stops while the next ones still run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, sample, url } from './browser.mjs';
import { samplePath } from './samples.mjs';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'target/debug/pec-verify');
const PORTAL = `${url}/portal-worker.html`;
const LARGE = `${url}/large-envelope.eml`;

let browser;
let scratch;
let large;
before(async () => {
  execFileSync('cargo', ['build', '--quiet', '-p', 'pec-cli', '-p', 'pec-factory'], { cwd: root, stdio: 'inherit' });
  scratch = mkdtempSync(join(tmpdir(), 'pec-worker-'));
  execFileSync(join(root, 'target/debug/pec-factory'), ['--envelope', String(20_000_000), join(scratch, 'large.eml')], { stdio: 'ignore' });
  large = readFileSync(join(scratch, 'large.eml'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The README's example of the worker, as a portal developer would copy it. */
function readmeExample() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split("### Off the page's thread")[1] ?? '';
  const html = section.match(/```html\n([\s\S]*?)```/)?.[1];
  assert.ok(html?.includes('/engine/pec-worker.js'), 'the README shows how to use the worker');
  return html;
}

/** A page of the served origin holding the README's example (the test answers its request
 * and the large file's, so nothing test-only is in dist/). */
async function openPortal() {
  const page = await browser.newPage();
  await page.route(PORTAL, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="it"><meta charset="utf-8"><title>Portale</title>${readmeExample()}`,
  }));
  await page.route(LARGE, (route) => route.fulfill({ contentType: 'message/rfc822', body: large }));
  await page.goto(PORTAL);
  return page;
}

function pecVerify(args) {
  try {
    return JSON.parse(execFileSync(cli, ['--json', ...args], { maxBuffer: 64 << 20 }).toString());
  } catch (e) {
    if (e.status !== 1) throw e;
    return JSON.parse(e.stdout.toString());
  }
}

/** `verifyInWorker` on a File of `bytes` named `name`; a rejection as `{ rejected: message }`. */
function verifyInWorker(page, name, bytes, options) {
  return page.evaluate(async ([name, base64, options]) => {
    const { verifyInWorker } = await import('/engine/pec-worker.js');
    const file = new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name);
    try {
      return await verifyInWorker(file, options);
    } catch (e) {
      return { rejected: e instanceof Error ? e.message : `not an Error: ${e}` };
    }
  }, [name, Buffer.from(bytes).toString('base64'), options]);
}

test("the README's worker example shows each file's verdict", async () => {
  const page = await openPortal();
  for (const [path, shown] of [
    ['real/aruba-agidca1-consegna-completa.eml', 'TOTAL-PASSED'],
    ['tampered/sogei-sdi-edited-1.eml', 'TOTAL-FAILED'],
  ]) {
    const { name, bytes } = sample(path);
    await page.locator('#receipt').setInputFiles({ name, mimeType: 'message/rfc822', buffer: bytes });
    await page.waitForFunction((text) => document.getElementById('verdict').textContent === text, shown);
  }
  await page.close();
});

test('verifyInWorker gives the report of pec-verify --json, named after the file', async () => {
  const page = await openPortal();
  for (const path of ['real/aruba-agidca1-accettazione.eml', 'real/aruba-digitpaca1-posta-certificata.eml',
    'tampered/sogei-sdi-edited-1.eml', 'unsigned/toniorusso-pec-parser-postacert.eml']) {
    const file = samplePath(path);
    const { name, bytes } = sample(path);
    const report = await verifyInWorker(page, name, bytes, {});
    assert.equal(report.file, name);
    assert.deepEqual({ ...report, file: file }, pecVerify([file]), path);
    assert.deepEqual(await verifyInWorker(page, name, bytes, { name: file }), pecVerify([file]), path);
  }
  // Refused options reject with the sentence `verify` throws.
  const { bytes } = sample('real/aruba-agidca1-accettazione.eml');
  assert.deepEqual(await verifyInWorker(page, 'x.eml', bytes, { at: 'ieri' }), {
    rejected: 'Cannot use options.at: not an RFC 3339 time: "ieri" (expected YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM).',
  });
  assert.deepEqual(await verifyInWorker(page, 'x.eml', bytes, { trusts: [] }), {
    rejected: 'Unknown option "trusts": the options are trust, crl, at and name.',
  });
  await page.close();
});

test('dossierInWorker puts files together as dossier() does', async () => {
  const page = await openPortal();
  const paths = ['real/aruba-agidca1-accettazione.eml', 'real/aruba-agidca1-consegna-completa.eml'];
  const files = paths.map((path) => ({ name: path, base64: sample(path).bytes.toString('base64') }));
  const [inWorker, inPage] = await page.evaluate(async (files) => {
    const { dossierInWorker } = await import('/engine/pec-worker.js');
    const { default: init, dossier } = await import('/engine/pec.js');
    await init();
    const given = files.map(({ name, base64 }) => ({ name, bytes: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) }));
    return [await dossierInWorker(given.map(({ name, bytes }) => ({ name, bytes: new Blob([bytes]) }))), dossier(given)];
  }, files);
  assert.deepEqual(inWorker, inPage);
  assert.equal(inWorker.dossiers[0].complete, true);
  await page.close();
});

/** The page's long tasks (over 50 ms, as the browser counts them) while `run` runs in it. */
function longTasks(page, run) {
  return page.evaluate(async (run) => {
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const blob = await (await fetch('/large-envelope.eml')).blob();
    const engine = await import('/engine/pec-worker.js');
    const { default: init, verify } = await import('/engine/pec.js');
    await init();
    // Let the tasks of loading pass before measuring.
    await new Promise((resolve) => setTimeout(resolve, 300));
    tasks.length = 0;
    const verdict = run === 'worker'
      ? (await engine.verifyInWorker(blob)).messages[0].verdict
      : verify(new Uint8Array(await blob.arrayBuffer())).messages[0].verdict;
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    return { verdict, longest: Math.max(0, ...tasks) };
  }, run);
}

test("a 20 MB envelope verified in the worker leaves the page's thread free", async (t) => {
  const page = await openPortal();
  const inWorker = await longTasks(page, 'worker');
  const onThread = await longTasks(page, 'thread');
  t.diagnostic(`longest task: ${onThread.longest} ms with verify, ${inWorker.longest} ms with verifyInWorker`);
  assert.equal(inWorker.verdict, onThread.verdict);
  assert.ok(onThread.longest > 100, `on the page's thread verify makes a long task (${onThread.longest} ms)`);
  assert.ok(inWorker.longest < 100, `with the worker the longest task is ${inWorker.longest} ms`);
  await page.close();
});

test('a cancelled call rejects at once and the calls after it still get their reports', async () => {
  const page = await openPortal();
  const { bytes } = sample('real/aruba-agidca1-accettazione.eml');
  const outcome = await page.evaluate(async (base64) => {
    const { verifyInWorker } = await import('/engine/pec-worker.js');
    const small = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))]);
    const blob = await (await fetch('/large-envelope.eml')).blob();
    const controller = new AbortController();
    const started = performance.now();
    const cancelled = verifyInWorker(blob, { signal: controller.signal })
      .then(() => 'resolved', (e) => ({ name: e.name, after: performance.now() - started }));
    const queued = verifyInWorker(small);
    setTimeout(() => controller.abort(), 20);
    const before = new AbortController();
    before.abort();
    const refused = await verifyInWorker(small, { signal: before.signal }).then(() => 'resolved', (e) => e.name);
    return { cancelled: await cancelled, queued: (await queued).messages[0].verdict, refused, full: await verifyInWorker(blob).then((r) => r.messages[0].verdict) };
  }, bytes.toString('base64'));
  assert.equal(outcome.cancelled.name, 'AbortError');
  assert.equal(outcome.queued, 'TOTAL-PASSED');
  assert.equal(outcome.refused, 'AbortError');
  assert.equal(outcome.full, pecVerify([join(scratch, 'large.eml')]).messages[0].verdict);
  await page.close();
});
