// The page in an engine other than Chromium, through WebDriver: it loads with no console
// error, gives every real sample and every tampered one what Chromium gives them
// (tests/samples.mjs), blocks connections after start-up, verifies offline after one visit,
// answers the portal that embeds it, and is photographed at phone width. `webkit.mjs` and
// `firefox.mjs` run it; `cargo xtask test` runs both.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { By, until } from 'selenium-webdriver';
import { session } from './drivers.mjs';
import { GENUINE, TAMPERED, WEAK_KEY_WARNING, samplePath, samplesIn, weakKey } from '../samples.mjs';
import { outputDir, portal, site } from '../servers.mjs';

const CONSOLE_ERRORS = new URL('./console-errors.js', import.meta.url);
const GENUINE_SAMPLE = 'real/aruba-agidca1-consegna-completa.eml';
const PHONE = { width: 360, height: 800 };

/**
 * Neither engine's window can be as narrow as a phone (MiniBrowser's toolbar keeps it at 447 px
 * or more, Firefox's headless window at 500), so at phone width the page is the document of a
 * 360 px frame, which lays it out at that width just the same. The screenshot is the window's,
 * cut to the frame: WebKitGTK's element screenshots come out black in places once its window
 * has been resized.
 */
const PHONE_FRAME = (origin, { width, height }) => `data:text/html,<body style="margin:0">
  <iframe id="phone" src="${origin}/" style="display:block;border:0;width:${width}px;height:${height}px"></iframe>`;

export function run(engine) {
  let s;
  let browser;
  let page;
  let listed;
  let other;
  before(async () => {
    s = await session(engine);
    browser = s.browser;
    console.log(`${s.name}: ${s.version}, ${s.driverVersion}`);
    [page, listed, other] = await Promise.all([site({ script: CONSOLE_ERRORS }), portal(), portal()]);
  });
  after(async () => {
    await s?.close();
    for (const server of [page, listed, other]) server?.server.close();
  });

  const script = (source, ...args) => browser.executeScript(source, ...args);
  const text = (selector) => script(
    'return Array.from(document.querySelectorAll(arguments[0]), (e) => e.innerText)',
    selector,
  );
  const waitFor = (source, what, ...args) => browser.wait(
    async () => Boolean(await script(source, ...args)), 15_000, `waited 15 s for ${what}`,
  );

  /** Opens `address` and waits until the drop zone works (the engine is loaded). */
  async function open(address) {
    await browser.get(address);
    await browser.wait(until.elementLocated(By.id('file-input')), 15_000, 'the drop zone never came');
  }

  /** Chooses a sample through the file input, as a user does on a phone; resolves once the
   * page shows `count` results, none busy, and returns the texts of the newest one. */
  async function choose(path, count) {
    await browser.findElement(By.id('file-input')).sendKeys(samplePath(path));
    await waitFor(
      `return document.querySelectorAll('.result').length === arguments[0]
        && !document.querySelector('.result[aria-busy="true"]')`,
      `${count} results`, count,
    );
    return script(`const card = document.querySelector('.result');
      const of = (s) => card.querySelector(s)?.innerText ?? null;
      return { title: of('.verdict-title'), detail: of('.verdict-detail'), proof: of('.proof'),
        warnings: of('.warnings') };`);
  }

  test('the page loads with no console error', async () => {
    await open(page.origin);
    // Once the engine runs, the page registers its worker, which takes over at once: by then
    // everything the page does at start-up is done.
    await waitFor('return navigator.serviceWorker.controller !== null', 'the service worker');
    assert.deepEqual(await script('return window.consoleErrors'), []);
    assert.equal(await script('return document.documentElement.lang'), 'it');
  });

  test('the engine has what the page relies on, so no fallback is in play', async () => {
    await open(page.origin);
    // Each of these has a fallback or a requirement in the page: without a service worker the
    // page stays online-only (www/page.js); the others it cannot do without. Module workers are
    // for the engine's move into a worker. When an engine lacks one, this names it.
    const features = await script(`let moduleWorkers = false;
      try {
        new Worker('data:,', { get type() { moduleWorkers = true; return 'module'; } }).terminate();
      } catch {
        // The policy refuses the worker itself; the option was read, or not, before.
      }
      return {
        serviceWorker: 'serviceWorker' in navigator && isSecureContext,
        dataTransfer: typeof DataTransfer === 'function' && new DataTransfer().items !== undefined,
        webAssembly: typeof WebAssembly.instantiateStreaming === 'function',
        moduleWorkers,
      };`);
    assert.deepEqual(features, { serviceWorker: true, dataTransfer: true, webAssembly: true, moduleWorkers: true });
  });

  test('every real sample is genuine, with what it proves', async () => {
    await open(page.origin);
    const names = samplesIn('real');
    assert.deepEqual(names.toSorted(), GENUINE.map(([name]) => name).toSorted());
    for (const [index, name] of names.entries()) {
      const [, verdict, proof] = GENUINE.find(([known]) => known === name);
      const result = await choose(`real/${name}`, index + 1);
      assert.match(result.title, verdict, name);
      assert.match(result.proof, proof, name);
      if (weakKey(name)) assert.match(result.warnings, WEAK_KEY_WARNING, name);
      else assert.equal(result.warnings, null, name);
    }
    assert.deepEqual(await script('return window.consoleErrors'), []);
  });

  test('every tampered sample says the content was changed after signing', async () => {
    await open(page.origin);
    for (const [index, name] of samplesIn('tampered').entries()) {
      const result = await choose(`tampered/${name}`, index + 1);
      assert.match(result.title, TAMPERED.title, name);
      assert.match(result.detail, TAMPERED.detail, name);
      assert.match(result.proof, TAMPERED.proof, name);
    }
  });

  test('once started, the page can open no connection', async () => {
    await open(page.origin);
    const policies = await script(`return Array.from(
      document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]'), (m) => m.content)`);
    assert.ok(policies.some((p) => /connect-src 'none'/.test(p)), policies.join('\n'));
    const fetched = await browser.executeAsyncScript(`const done = arguments[0];
      fetch('/index.html').then(() => done('loaded'), (e) => done('blocked: ' + e))`);
    assert.match(fetched, /^blocked/);
    // The console listener hears what the browser reports: it is not blind.
    assert.ok((await script('return window.consoleErrors')).some((e) => /connect-src/.test(e)));
  });

  test('once visited, the page verifies a receipt with the network gone', async () => {
    const offline = await site();
    try {
      await open(offline.origin);
      await waitFor('return navigator.serviceWorker.controller !== null', 'the service worker');
      offline.state.down = true;
      // A new visit: a reload through geckodriver did not go through the service worker.
      await browser.get(offline.origin);
      await browser.wait(until.elementLocated(By.id('file-input')), 15_000, 'offline, the page never came');
      const result = await choose(GENUINE_SAMPLE, 1);
      assert.equal(result.title, 'Ricevuta PEC autentica');
    } finally {
      offline.server.close();
    }
  });

  test('the embedded viewer answers its listed origin, and only it', async () => {
    const embedding = async (origin, trusted) => {
      const address = new URL('/parent.html', origin);
      address.searchParams.set('viewer', page.origin);
      address.searchParams.set('listed', trusted);
      await browser.get(address.href);
      await browser.switchTo().frame(await browser.findElement(By.id('viewer')));
      await browser.wait(until.elementLocated(By.id('file-input')), 15_000, 'the viewer never came');
      await browser.switchTo().defaultContent();
    };
    const send = async (path) => browser.findElement(By.id('portal-file')).sendKeys(samplePath(path));

    await embedding(listed.origin, listed.origin);
    await waitFor('return window.ready', 'pec-ready');
    await send(GENUINE_SAMPLE);
    await waitFor('return window.reports.length === 1', 'the report');
    const [message] = await script('return window.reports');
    assert.equal(message.name, 'aruba-agidca1-consegna-completa.eml');
    assert.equal(message.report.messages[0].verdict, 'TOTAL-PASSED');
    await browser.switchTo().frame(await browser.findElement(By.id('viewer')));
    assert.deepEqual(await text('.verdict-title'), ['Ricevuta PEC autentica']);
    await browser.switchTo().defaultContent();
    // Every real sample, sent the same way: each of its messages is TOTAL-PASSED.
    const names = samplesIn('real');
    for (const [index, name] of names.entries()) {
      await send(`real/${name}`);
      await waitFor('return window.reports.length === arguments[0]', `the report of ${name}`, index + 2);
    }
    const reports = (await script('return window.reports')).slice(1);
    assert.deepEqual(reports.map((r) => r.name), names);
    for (const { name, report } of reports) {
      assert.ok(report.messages.length > 0, name);
      assert.deepEqual(report.messages.map((m) => m.verdict).filter((v) => v !== 'TOTAL-PASSED'), [], name);
    }

    // A page at another origin embeds a viewer told to trust `listed`: it is not heard.
    await embedding(other.origin, listed.origin);
    await send(GENUINE_SAMPLE);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(await script('return [window.ready, window.reports]'), [false, []]);
    await browser.switchTo().frame(await browser.findElement(By.id('viewer')));
    assert.deepEqual(await text('.result'), []);
    await browser.switchTo().defaultContent();
  });

  test('at phone width: no overflow, and a screenshot of each screen', async () => {
    const shots = [['home', null], ['genuine', GENUINE_SAMPLE], ['tampered', 'tampered/sogei-sdi-rewritten-as-normal-email.eml']];
    for (const [label, path] of shots) {
      writeFileSync(join(outputDir, `${engine}-${label}-${PHONE.width}.png`), await atPhoneWidth(path));
    }
  });

  /** The page at phone width with `path` verified (none: the first screen), every detail
   * open; checks that nothing is wider than the screen and returns a PNG of the whole page. */
  async function atPhoneWidth(path) {
    const { width, height } = PHONE;
    await browser.manage().window().setRect({ width: 800, height: height + 200 });
    await browser.get(PHONE_FRAME(page.origin, PHONE));
    await browser.switchTo().frame(await browser.findElement(By.id('phone')));
    await browser.wait(until.elementLocated(By.id('file-input')), 15_000, 'the page never came');
    if (path) {
      await choose(path, 1);
      await script("document.querySelectorAll('.result details').forEach((d) => { d.open = true; })");
    }
    assert.equal(await script('return innerWidth'), width);
    const overflow = await script('return document.documentElement.scrollWidth - innerWidth');
    assert.ok(overflow <= 0, `${path ?? 'the first screen'} at ${width} px overflows by ${overflow} px`);
    const full = Math.max(height, await script('return document.documentElement.scrollHeight'));
    await browser.switchTo().defaultContent();
    await script('document.getElementById("phone").style.height = arguments[0] + "px"', full);
    // The window's own chrome (toolbar, borders) is what outer and inner heights differ by.
    const chrome = await script('return outerHeight - innerHeight');
    await browser.manage().window().setRect({ width: 800, height: full + chrome });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(await script('return innerHeight') >= full, 'the window cannot hold the whole page');
    return crop(Buffer.from(await browser.takeScreenshot(), 'base64'), width, full);
  }
}

/** The top-left `width` × `height` pixels of a PNG. */
function crop(png, width, height) {
  const source = PNG.sync.read(png);
  const target = new PNG({ width, height });
  PNG.bitblt(source, target, 0, 0, width, height, 0, 0);
  return PNG.sync.write(target);
}
