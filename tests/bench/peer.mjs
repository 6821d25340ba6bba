// The benchmark's side-by-side line: the engine module (dist/engine/pec.js, every PEC check)
// against PKI.js (the signature of the CMS alone: no chain, no PEC rules), on the same files in
// the same page of Chromium, round by round, as a ratio. PKI.js is bundled here by esbuild and
// served, with the page, by the test's own routes: nothing of it goes into dist/.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { build } from 'esbuild';
import { url } from '../browser.mjs';

/** Calls timed together in each round: a page's clock ticks in 0.1 ms steps. */
const REPEAT = 10;

const root = new URL('../..', import.meta.url).pathname;

async function bundle() {
  const result = await build({
    stdin: { contents: "export { ContentInfo, SignedData } from 'pkijs';", resolveDir: root },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
  });
  return result.outputFiles[0].text;
}

/** In the page: the content and the CMS of a top-level multipart/signed message, CRLF. */
function signedParts(bytes) {
  const text = new TextDecoder('latin1').decode(bytes).replace(/\r?\n/g, '\r\n');
  const head = text.slice(0, text.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)[1];
  const parts = text.split(`\r\n--${boundary}`);
  const first = text.indexOf(`--${boundary}\r\n`) + boundary.length + 4;
  const content = text.slice(first, text.indexOf(`\r\n--${boundary}`, first));
  const signature = parts[2].slice(parts[2].indexOf('\r\n\r\n') + 4).replace(/[^A-Za-z0-9+/=]/g, '');
  const latin1 = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  return { content: latin1(content), der: Uint8Array.from(atob(signature), (c) => c.charCodeAt(0)) };
}

/** `rounds` rounds on each file: the engine's time and PKI.js's per call, and their ratio. */
export async function sideBySide(browser, files, rounds, print) {
  const page = await browser.newPage();
  const peer = await bundle();
  await page.route(`${url}/bench-peer.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="it"><meta charset="utf-8"><title>peer</title>',
  }));
  await page.route(`${url}/bench-pkijs.js`, (route) => route.fulfill({
    contentType: 'text/javascript; charset=utf-8', body: peer,
  }));
  await page.goto(`${url}/bench-peer.html`);
  await page.addScriptTag({ content: `window.signedParts = ${signedParts};` });
  for (const path of files) {
    const bytes = readFileSync(path);
    const measured = await page.evaluate(async ({ base64, rounds, repeat }) => {
      const { default: init, verify } = await import('/engine/pec.js');
      const { ContentInfo, SignedData } = await import('/bench-pkijs.js');
      await init();
      const input = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const { content, der } = window.signedParts(input);
      const engine = () => verify(input).messages[0].verdict;
      const pkijs = () => {
        const info = ContentInfo.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.length));
        return new SignedData({ schema: info.content }).verify({ signer: 0, data: content.buffer });
      };
      const verdict = engine();
      const intact = await pkijs();
      const times = { engine: [], peer: [] };
      for (let r = 0; r < rounds; r += 1) {
        let start = performance.now();
        for (let k = 0; k < repeat; k += 1) engine();
        times.engine.push((performance.now() - start) / repeat);
        start = performance.now();
        for (let k = 0; k < repeat; k += 1) await pkijs();
        times.peer.push((performance.now() - start) / repeat);
      }
      return { verdict, intact, ...times };
    }, { base64: bytes.toString('base64'), rounds, repeat: REPEAT });
    if (measured.verdict !== 'TOTAL-PASSED' || measured.intact !== true) {
      throw new Error(`${basename(path)}: the engine says ${measured.verdict}, PKI.js ${measured.intact}`);
    }
    print({
      measure: 'peer',
      file: basename(path),
      bytes: bytes.length,
      repeat: REPEAT,
      values: measured.peer.map((p, i) => p / measured.engine[i]),
      engine: measured.engine,
      peer: measured.peer,
    });
  }
  await page.close();
}
