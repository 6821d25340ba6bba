// The page behind Debian's nginx with deploy/nginx (run by `cargo xtask test` with PEC_URL set
// to it): the policy as a real header too, framing only for the listed portals, compression.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launch, url } from '../browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the policy of the page is sent as a header too, with the frame ancestors listed', async () => {
  const response = await fetch(url);
  const html = await response.text();
  const meta = html.match(/content="(default-src 'none'[^"]*)"/)?.[1];
  assert.ok(meta, 'the page carries its policy');
  assert.equal(response.headers.get('content-security-policy'), `${meta}; frame-ancestors 'self' http://127.0.0.1:*`);
  assert.equal(response.headers.get('x-frame-options'), null);
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
});

test('text and the engine travel compressed, brotli first', async () => {
  const wasm = (await (await fetch(url)).text()).match(/\/pec-web-[0-9a-f]{16}_bg\.wasm/)?.[0];
  assert.ok(wasm);
  for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip']]) {
    const response = await fetch(new URL(wasm, url), { headers: { 'Accept-Encoding': accept } });
    assert.equal(response.headers.get('content-encoding'), encoding, accept);
    assert.match(response.headers.get('vary') ?? '', /Accept-Encoding/);
  }
});

test('a page not listed cannot frame the viewer', async () => {
  // localhost is another host than 127.0.0.1: not among the listed frame ancestors.
  const server = createServer((request, response) => response.writeHead(200, { 'Content-Type': 'text/html' })
    .end(`<!doctype html><title>portale</title><iframe src="${url}/?embed=1"></iframe>`));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const page = await browser.newPage();
  const blocked = new Promise((resolve) => page.on('console', (m) => {
    if (/frame-ancestors/.test(m.text())) resolve(m.text());
  }));
  await page.goto(`http://localhost:${server.address().port}/`);
  assert.match(await blocked, /frame-ancestors/);
  const frame = page.frames().find((f) => f.url().startsWith(url));
  assert.equal(await frame?.locator('#file-input').count().catch(() => 0) ?? 0, 0);
  await page.close();
  server.close();
});
