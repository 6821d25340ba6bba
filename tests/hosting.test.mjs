// What the web host must get right for the page, whichever serves it (the project's own
// server, or nginx with deploy/nginx when PEC_HOST=nginx): the types and the caching that keep a
// first visit to one download of each file, the service worker's revalidation included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, url } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Trunk's files carry their content's hash in their name. */
const HASHED = /\/[a-z0-9-]+-[0-9a-f]{16}(_bg\.wasm|\.js|\.css)$/;

test('a first visit downloads each file of the build once, the service worker included', async () => {
  const context = await browser.newContext();
  const downloads = new Map();
  const pending = [];
  context.on('requestfinished', (request) => pending.push((async () => {
    const response = await request.response();
    const { responseBodySize } = await request.sizes();
    if (response?.status() === 200 && responseBodySize > 0) {
      const path = new URL(request.url()).pathname;
      downloads.set(path, (downloads.get(path) ?? 0) + 1);
    }
  })()));
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The worker has kept the whole build once its cache holds the page's own script.
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    if (names.length === 0) return false;
    const kept = await (await caches.open(names[0])).keys();
    return kept.some((r) => r.url.endsWith('.wasm'));
  });
  await Promise.all(pending);
  const twice = [...downloads].filter(([, count]) => count > 1);
  assert.deepEqual(twice, [], `downloaded more than once: ${JSON.stringify(twice)}`);
  assert.ok([...downloads.keys()].some((p) => p.endsWith('_bg.wasm')), JSON.stringify([...downloads]));
  await context.close();
});

test('files have their own types, and only the hashed ones are kept without asking', async () => {
  const index = await fetch(url);
  const html = await index.text();
  const files = [...html.matchAll(/(?:href|src)="?(\/[^"\s>]+)/g)].map((m) => m[1])
    .filter((path) => !path.startsWith('//'));
  const expected = [
    ['/', 'text/html', 'no-cache'],
    ['/sw.js', 'javascript', 'no-cache'],
    ['/manifest.webmanifest', 'application/manifest+json', 'no-cache'],
    ...files.filter((f) => HASHED.test(f)).map((f) => [f, f.endsWith('.wasm') ? 'application/wasm'
      : f.endsWith('.css') ? 'text/css' : 'javascript', 'immutable']),
  ];
  assert.ok(expected.some(([f]) => f.endsWith('_bg.wasm')), 'the page lists its wasm');
  for (const [path, type, caching] of expected) {
    const response = await fetch(new URL(path, url));
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get('content-type') ?? '', new RegExp(type.replace('+', '\\+')), path);
    assert.match(response.headers.get('cache-control') ?? '', new RegExp(caching), path);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    const tag = response.headers.get('etag');
    assert.ok(tag, `${path} has a validator`);
    const again = await fetch(new URL(path, url), { headers: { 'If-None-Match': tag } });
    assert.equal(again.status, 304, `${path} revalidates without a body`);
  }
});
