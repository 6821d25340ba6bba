// The engine as a JavaScript module (dist/engine/), as a portal uses it: the README's example
// runs as a portal page of the served origin, and the module's reports equal what
// `pec-verify --json` prints for the same bytes and options. The module may fetch its wasm and
// nothing else.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, recordRequests, sample, url } from './browser.mjs';
import { writeFactory } from './factory.mjs';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'target/debug/pec-verify');
const PORTAL = `${url}/portal.html`;
const ENGINE = [`${url}/engine/pec.js`, `${url}/engine/pec_bg.wasm`];
const SAMPLES = join(process.env.PEC_SHARED ?? join(root, '../shared'), 'samples');
const SAMPLE_FOLDERS = ['real', 'tampered', 'unsigned', 'unverifiable'];

let browser;
let written;
let factory;
before(async () => {
  // The reference: the command line and the test factory, built from this tree.
  written = writeFactory(['pec-cli']);
  factory = written.dir;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  written?.remove();
});

/** The README's example page, copied from the README as a portal developer would. */
function readmeExample() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('## The engine as a JavaScript module')[1] ?? '';
  const html = section.match(/```html\n([\s\S]*?)```/)?.[1];
  assert.ok(html?.includes('/engine/pec.js'), 'the README shows how to import the module');
  return html;
}

/**
 * A page of the served origin holding the README's example (the test answers its request, so
 * nothing test-only is in dist/), with the engine loaded; and every request it makes.
 */
async function openPortal() {
  const page = await browser.newPage();
  const requests = recordRequests(page);
  await page.route(PORTAL, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="it"><meta charset="utf-8"><title>Portale</title>${readmeExample()}`,
  }));
  await page.goto(PORTAL);
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((r) => r.name.endsWith('/engine/pec_bg.wasm')));
  return { page, requests };
}

/** The portal loaded the page, the module and its wasm, once each, and nothing else. */
function assertOnlyTheEngineLoaded(requests) {
  assert.deepEqual([...requests].sort(), [PORTAL, ...ENGINE].sort());
}

/** `verify(bytes, options)` of the module in `page`; a thrown Error as `{ thrown: message }`. */
function verifyInPage(page, bytes, options) {
  return page.evaluate(async ([base64, options]) => {
    const { verify } = await import('/engine/pec.js');
    const bytes = base64 === null ? null : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    try {
      return verify(bytes, options);
    } catch (e) {
      return { thrown: e instanceof Error ? e.message : `not an Error: ${e}` };
    }
  }, [bytes === null ? null : Buffer.from(bytes).toString('base64'), options]);
}

/** What `pec-verify --json ARGS` prints, parsed; `input` is its standard input (for `-`). */
function pecVerify(args, input) {
  let out;
  try {
    out = execFileSync(cli, ['--json', ...args], { input, maxBuffer: 64 << 20 });
  } catch (e) {
    // Exit status 1 means "not every message is TOTAL-PASSED": the JSON is still the report.
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  return JSON.parse(out.toString());
}

/** Every sample, as its path under the samples folder. */
function samples() {
  return SAMPLE_FOLDERS.flatMap((folder) => readdirSync(join(SAMPLES, folder))
    .filter((f) => f.endsWith('.eml')).map((f) => `${folder}/${f}`));
}

test("the README's example shows each file's verdict, or why it is not a PEC message", async () => {
  const { page, requests } = await openPortal();
  const cases = [
    ['real/aruba-agidca1-consegna-completa.eml', 'TOTAL-PASSED'],
    ['tampered/sogei-sdi-edited-1.eml', 'TOTAL-FAILED'],
    ['unsigned/toniorusso-pec-parser-postacertnoattach.eml',
      'This e-mail carries no PEC provider signature: it is not a PEC receipt or envelope. Save the receipt itself (the message from your provider) as an .eml file.'],
  ];
  for (const [path, shown] of cases) {
    const { name, bytes } = sample(path);
    await page.locator('#receipt').setInputFiles({ name, mimeType: 'message/rfc822', buffer: bytes });
    await page.waitForFunction((text) => document.getElementById('verdict').textContent === text, shown);
  }
  assertOnlyTheEngineLoaded(requests);
  await page.close();
});

test('every sample gets the report pec-verify --json prints, named as the file or as "-"', async () => {
  const { page, requests } = await openPortal();
  const paths = samples();
  assert.ok(paths.length >= 20, `the shared samples are there (${paths.length})`);
  for (const path of paths) {
    const { bytes } = sample(path);
    const file = join(SAMPLES, path);
    assert.deepEqual(await verifyInPage(page, bytes, { name: file }), pecVerify([file]), path);
    assert.deepEqual(await verifyInPage(page, bytes), pecVerify(['-'], bytes), path);
  }
  assertOnlyTheEngineLoaded(requests);
  await page.close();
});

test('the verification time is used as --at uses it', async () => {
  const { page, requests } = await openPortal();
  const path = 'real/aruba-agidca1-consegna-completa.eml';
  const file = join(SAMPLES, path);
  const at = '2030-01-01T00:00:00+01:00';
  const later = await verifyInPage(page, sample(path).bytes, { at, name: file });
  assert.deepEqual(later, pecVerify(['--at', at, file]));
  assert.equal(later.messages[0].verdict, 'TOTAL-FAILED', 'the certificate had expired by 2030');
  assert.ok(later.messages[0].checks.some((c) => c.id === 'trust.validity' && c.status === 'fail'));
  assertOnlyTheEngineLoaded(requests);
  await page.close();
});

test("the factory's anchors make its messages TOTAL-PASSED in every form, as with --trust", async () => {
  const { page, requests } = await openPortal();
  const anchors = ['test-root.pem', 'test-pec-ca.pem'].map((f) => join(factory, f));
  const pems = anchors.map((f) => readFileSync(f, 'utf8'));
  // The genuine ones, in every form the factory writes (.eml, Outlook's .msg, a signed
  // .eml.p7m, a case bundle's .zip): not the ways to fail, nor the attacks on what is certified.
  const forms = ['.eml', '.msg', '.eml.p7m', '.zip'];
  const messages = readdirSync(factory)
    .filter((f) => forms.some((form) => f.endsWith(form)) && !/^(fail|attack|bomb)-/.test(f));
  assert.ok(messages.length >= 10, `the factory wrote its messages (${messages.length})`);
  for (const message of messages) {
    const bytes = readFileSync(join(factory, message));
    const untrusted = await verifyInPage(page, bytes);
    assert.equal(untrusted.messages[0].verdict, 'INDETERMINATE', message);
    const trusted = await verifyInPage(page, bytes, { trust: pems });
    assert.equal(trusted.messages[0].verdict, 'TOTAL-PASSED', message);
    assert.deepEqual(trusted, pecVerify([...anchors.flatMap((a) => ['--trust', a]), '-'], bytes), message);
    // One PEM text with both certificates is the same trust.
    assert.deepEqual(await verifyInPage(page, bytes, { trust: pems.join('\n') }), trusted, message);
  }
  assertOnlyTheEngineLoaded(requests);
  await page.close();
});

test('revocation lists, as bytes or PEM text, judge as --crl does', async () => {
  const { page, requests } = await openPortal();
  const anchors = ['test-root.pem', 'test-pec-ca.pem'].map((f) => join(factory, f));
  const trust = anchors.map((f) => readFileSync(f, 'utf8'));
  const message = readFileSync(join(factory, 'accettazione.eml'));
  const cases = [['crl-not-revoked.crl', 'not-revoked', 'TOTAL-PASSED'], ['crl-revoked.crl', 'revoked-before-signing', 'TOTAL-FAILED']];
  for (const [file, finding, verdict] of cases) {
    const list = readFileSync(join(factory, file));
    const reference = pecVerify([...anchors.flatMap((a) => ['--trust', a]), '--crl', join(factory, file), '-'], message);
    const [asBytes, asText] = await page.evaluate(async ([message, list, trust]) => {
      const { verify } = await import('/engine/pec.js');
      const bytes = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const crl = bytes(list);
      const pem = crl[0] !== 0x30 ? verify(bytes(message), { trust, crl: new TextDecoder().decode(crl) }) : null;
      return [verify(bytes(message), { trust, crl: [crl] }), pem];
    }, [message.toString('base64'), list.toString('base64'), trust]);
    assert.deepEqual(asBytes, reference, file);
    assert.equal(asBytes.messages[0].verdict, verdict, file);
    const check = asBytes.messages[0].checks.find((c) => c.id === 'trust.revocation');
    assert.equal(check?.params.finding, finding, file);
    // PEM text reads as PEM; DER only as bytes.
    if (asText !== null) assert.deepEqual(asText, reference, file);
  }
  assertOnlyTheEngineLoaded(requests);
  await page.close();
});

test('empty, random and oversized bytes get the report pec-verify prints, never an exception', async () => {
  const { page, requests } = await openPortal();
  const empty = await verifyInPage(page, new Uint8Array());
  assert.equal(empty.error, 'The file is empty.');
  assert.deepEqual(empty, pecVerify(['-'], Buffer.alloc(0)));

  // Deterministic noise: a linear congruential generator, so a failure can be replayed.
  const noise = new Uint8Array(1 << 16);
  for (let i = 0, x = 2024; i < noise.length; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    noise[i] = x >>> 24;
  }
  const random = await verifyInPage(page, noise);
  assert.equal(random.error_code, 'not-email');
  assert.deepEqual(random, pecVerify(['-'], Buffer.from(noise)));

  // Over the core's 128 MiB, built in the page rather than sent to it.
  const size = 129 << 20;
  const huge = await page.evaluate(async (size) => {
    const { verify } = await import('/engine/pec.js');
    return verify(new Uint8Array(size).fill(0x41));
  }, size);
  assert.equal(huge.error_code, 'too-large');
  assert.deepEqual(huge, pecVerify(['-'], Buffer.alloc(size, 0x41)));
  assertOnlyTheEngineLoaded(requests);
  await page.close();
});

test('unusable arguments throw an Error that says what is wrong', async () => {
  const { page, requests } = await openPortal();
  const { bytes } = sample('real/aruba-agidca1-accettazione.eml');
  const cases = [
    [{ trust: ['not a certificate'] }, /^Cannot use options\.trust\[0\]: no certificate found \(expected PEM or DER\)\.$/],
    [{ trust: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }, /^Cannot use options\.trust\[0\]: certificate 1 cannot be read: /],
    [{ trust: [42] }, /^options\.trust must be PEM text or an array of PEM texts\.$/],
    [{ at: 'ieri' }, /^Cannot use options\.at: not an RFC 3339 time: "ieri" \(expected YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM\)\.$/],
    [{ at: '2019-05-02' }, /^Cannot use options\.at: not an RFC 3339 time: "2019-05-02"/],
    [{ at: 1556784672 }, /^options\.at must be an RFC 3339 time\.$/],
    [{ name: 7 }, /^options\.name must be a string\.$/],
    [{ crl: 42 }, /^options\.crl must be a Uint8Array or PEM text, or an array of them\.$/],
    [{ crl: ['hello'] }, /^Cannot use options\.crl\[0\]: no CRL found \(expected PEM or DER\)\.$/],
    [{ trusts: [] }, /^Unknown option "trusts": the options are trust, crl, at and name\.$/],
    ['2019-05-02T10:11:12Z', /^The options must be an object: \{ trust, crl, at, name \}, each optional\.$/],
  ];
  for (const [options, message] of cases) {
    const result = await verifyInPage(page, bytes, options);
    assert.match(result.thrown ?? `no exception: ${JSON.stringify(result).slice(0, 80)}`, message, JSON.stringify(options));
  }
  for (const notBytes of [null, 'text']) {
    const result = await page.evaluate(async (value) => {
      const { verify } = await import('/engine/pec.js');
      try { verify(value); return 'no exception'; } catch (e) { return e.message; }
    }, notBytes);
    assert.equal(result, 'The bytes to verify must be a Uint8Array.');
  }
  // A refused call leaves the module working.
  assert.equal((await verifyInPage(page, bytes)).messages[0].verdict, 'TOTAL-PASSED');
  assertOnlyTheEngineLoaded(requests);
  await page.close();
});

/** `dossier(files, options)` of the module in `page`, each file `{ name, bytes }`; a thrown
 * Error as `{ thrown: message }`. */
function dossierInPage(page, files, options) {
  const sent = files.map(({ name, bytes }) => ({ name, base64: Buffer.from(bytes).toString('base64') }));
  return page.evaluate(async ([files, options]) => {
    const { dossier } = await import('/engine/pec.js');
    const given = files.map(({ name, base64 }) => ({
      name, bytes: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)),
    }));
    try {
      return dossier(given, options);
    } catch (e) {
      return { thrown: e instanceof Error ? e.message : `not an Error: ${e}` };
    }
  }, [sent, options]);
}

test('dossier() puts files together by sending as pec-verify --dossier --json does', async () => {
  const { page, requests } = await openPortal();
  const paths = ['real/aruba-agidca1-accettazione.eml', 'real/aruba-agidca1-consegna-completa.eml',
    'real/aruba-agidca1-posta-certificata.eml'];
  const files = paths.map((path) => ({ name: path, bytes: sample(path).bytes }));
  const document = await dossierInPage(page, files);
  const cwd = SAMPLES;
  let out;
  try {
    out = execFileSync(cli, ['--dossier', '--json', ...paths], { cwd });
  } catch (e) {
    assert.equal(e.status, 1, 'the envelope alone is an incomplete sending');
    out = e.stdout;
  }
  assert.deepEqual(document, JSON.parse(out.toString()));
  assert.equal(document.dossiers.length, 2);
  assert.equal(document.dossiers[0].complete, true);
  assert.equal(document.dossiers[0].recipients[0].outcome, 'delivered');

  for (const [args, message] of [
    [['not an array'], /^The files must be an array of \{ name, bytes \}, bytes a Uint8Array\.$/],
    [[[{ name: 'x.eml' }]], /^The files must be an array of \{ name, bytes \}, bytes a Uint8Array\.$/],
    [[[], { name: 'x' }], /^Unknown option "name": the options are trust, crl and at\.$/],
  ]) {
    const result = await page.evaluate(async (args) => {
      const { dossier } = await import('/engine/pec.js');
      try { dossier(...args); return 'no exception'; } catch (e) { return e.message; }
    }, args);
    assert.match(result, message);
  }
  assertOnlyTheEngineLoaded(requests);
  await page.close();
});
