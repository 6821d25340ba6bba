// What every engine's suite serves or writes besides the page: the page's address (PEC_URL, the
// static server of `cargo xtask test`), an embedding portal on an origin of its own, the page
// behind a server whose network and build a test controls, and where screenshots go.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export const url = process.env.PEC_URL ?? 'http://127.0.0.1:8080';
export const outputDir = new URL('./output/', import.meta.url).pathname;
mkdirSync(outputDir, { recursive: true });

// What marks the new build's page (the page sets its own title, in its language).
export const NEW_BUILD = '2';

async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

/** Serves tests/embed/ on a free port: an origin of its own. */
export async function portal() {
  const server = createServer((request, response) => {
    const name = new URL(request.url, 'http://x').pathname.slice(1);
    if (!['parent.html', 'parent.js'].includes(name)) return response.writeHead(404).end();
    const type = name.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    response.writeHead(200, { 'Content-Type': type }).end(readFileSync(new URL(`./embed/${name}`, import.meta.url)));
  });
  return { server, origin: await listen(server) };
}

/**
 * The page (PEC_URL) on an origin of its own, whose network the test controls: `build = 2`
 * serves a new build (another page, hence another worker version, as `cargo xtask build` would
 * write), `down = true` fails every request as a lost network does. `script`, a file's URL, is
 * served beside the page and loaded by it first, right after its policy (so under it).
 */
export async function site({ script } = {}) {
  const state = { build: 1, down: false };
  const extra = script && `/${script.pathname.split('/').pop()}`;
  const server = createServer(async (request, response) => {
    if (state.down) return request.socket.destroy();
    const path = new URL(request.url, url).pathname;
    if (path === extra) {
      return response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(script));
    }
    const upstream = await fetch(new URL(request.url, url));
    let body = Buffer.from(await upstream.arrayBuffer());
    if (extra && (path === '/' || path === '/index.html')) {
      const page = body.toString();
      const policy = /<meta [^>]*http-equiv="?Content-Security-Policy"?[^>]*>/;
      assert.match(page, policy);
      body = Buffer.from(page.replace(policy, (meta) => `${meta}<script src="${extra}"></script>`));
    }
    if (state.build === 2 && (path === '/' || path === '/index.html')) {
      body = Buffer.from(body.toString().replace('<html ', `<html data-build="${NEW_BUILD}" `));
    }
    if (state.build === 2 && path === '/sw.js') {
      body = Buffer.from(body.toString().replace(/'pec-verify-(\w+)'/, "'pec-verify-$1-2'"));
    }
    response.writeHead(upstream.status, {
      'Content-Type': upstream.headers.get('content-type') ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    }).end(body);
  });
  return { server, state, origin: await listen(server) };
}
