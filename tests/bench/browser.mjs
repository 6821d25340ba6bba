// The browser part of `cargo xtask bench`, in headless Chromium against the static server of
// dist/ (PEC_URL): the engine's time (the page's User Timing measure "pec-verify"), the whole
// path from choosing a file to its verdict on screen, the engine module beside PKI.js
// (peer.mjs), the renderer's peak memory, and the first visit on an emulated phone. It prints one JSON object per line; xtask does the statistics.
//
// usage: node tests/bench/browser.mjs RUNS VISITS PEAK_RUNS PAGE_KEEPS PEAK_FILE FILE...
// (PAGE_KEEPS: the bytes of files one page may keep before the runs go on in a fresh page)
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { launch, openPage, settled, url } from '../browser.mjs';
import { sideBySide } from './peer.mjs';

const [runs, visits, peakRuns, pageKeeps] = process.argv.slice(2, 6).map(Number);
const [peakFile, ...files] = process.argv.slice(6);

/**
 * Chrome DevTools' "Fast 4G" preset (Fast4GConditions in devtools-frontend's
 * front_end/core/sdk/NetworkManager.ts): 9 Mbit/s down and 1.5 Mbit/s up at 90 %, 60 ms RTT
 * times 2.75. Throughputs in bytes per second, latency in milliseconds.
 */
const FAST_4G = {
  offline: false,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
  latency: 60 * 2.75,
  connectionType: 'cellular4g',
};
const CPU_SLOWDOWN = 4;

function print(record) {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

/**
 * Chooses `path` through the file input of `page` (its `count`-th choice) and returns the whole
 * page path in ms, from the `change` event to the frame that paints the verdict, the engine's
 * "pec-verify" measure for it (its time in the page's worker), the "pec-worker" one (from
 * handing the file to the worker to its report back), and the verdict's class.
 */
async function chooseTimed(page, path, count) {
  await page.evaluate((count) => {
    window.benchVerdictShown = new Promise((resolve) => {
      let start;
      addEventListener('change', (e) => { start = e.timeStamp; }, { capture: true, once: true });
      // The same bytes chosen again are verified, then shown once: the file is done when the
      // engine has measured it and no card is busy.
      const results = document.querySelector('.results');
      const observer = new MutationObserver(() => {
        const done = performance.getEntriesByName('pec-verify', 'measure').length === count
          && !results.querySelector('.result[aria-busy="true"]');
        if (done) {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        }
      });
      observer.observe(results, { subtree: true, childList: true, attributes: true });
    });
  }, count);
  await page.locator('#file-input').setInputFiles(path);
  return page.evaluate(async (count) => {
    const wholePath = await window.benchVerdictShown;
    const engine = performance.getEntriesByName('pec-verify', 'measure').map((e) => e.duration);
    if (engine.length !== count) throw new Error(`${count} files, ${engine.length} "pec-verify" measures`);
    const worker = performance.getEntriesByName('pec-worker', 'measure').at(-1).duration;
    const verdict = document.querySelector('.result .verdict')?.className ?? '';
    return { page: wholePath, engine: engine.at(-1), worker, verdict: verdict.replace('verdict', '').trim() };
  }, count);
}

/** Fresh pages whose first choice is timed apart: the code not yet warm, the provider's
 * certificate links not yet verified (the engine remembers them for the page's life). */
const FIRSTS = 10;

/** The worker's warm-up on each fresh page (its User Timing measure "pec-warm-up"), in ms. */
const warmUps = [];

/** RUNS measured choices of `path`, each page warmed up by one choice first, timed apart. */
async function timeFile(browser, path) {
  const bytes = statSync(path).size;
  const perPage = Math.max(1, Math.min(runs, Math.floor(pageKeeps / bytes) - 1));
  const engine = [];
  const page = [];
  const worker = [];
  const verdicts = new Set();
  const first = [];
  while (engine.length < runs || first.length < FIRSTS) {
    const context = await browser.newContext();
    const tab = await openPage(browser, { context });
    warmUps.push(await tab.evaluate(() => performance.getEntriesByName('pec-warm-up', 'measure')[0].duration));
    first.push((await chooseTimed(tab, path, 1)).engine);
    for (let i = 0; i < perPage && engine.length < runs; i += 1) {
      const run = await chooseTimed(tab, path, i + 2);
      engine.push(run.engine);
      page.push(run.page);
      worker.push(run.worker);
      verdicts.add(run.verdict);
    }
    await context.close();
  }
  const file = basename(path);
  print({ measure: 'engine', file, bytes, verdicts: [...verdicts], values: engine });
  print({ measure: 'first', file, bytes, verdicts: [...verdicts], values: first });
  print({ measure: 'worker', file, bytes, verdicts: [...verdicts], values: worker });
  print({ measure: 'page', file, bytes, verdicts: [...verdicts], values: page });
}

/** VmHWM of a process, in bytes. */
function peakRss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** The largest peak resident set of the browser's renderer processes, in bytes. */
async function rendererPeak(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  const renderers = processInfo.filter((p) => p.type === 'renderer');
  if (renderers.length === 0) throw new Error('no renderer process');
  return Math.max(...renderers.map((p) => peakRss(p.id)));
}

/**
 * The renderer's peak memory after verifying `path` on a fresh page of a fresh browser, and
 * before the file was chosen. The page's renderer is the largest; any other is a spare one.
 */
async function pagePeak(path) {
  const values = [];
  const before = [];
  const verdicts = new Set();
  for (let i = 0; i < peakRuns; i += 1) {
    const browser = await launch();
    try {
      const page = await openPage(browser, { context: await browser.newContext() });
      before.push(await rendererPeak(browser));
      await page.locator('#file-input').setInputFiles(path);
      await settled(page, 1);
      verdicts.add(await page.locator('.result .verdict').getAttribute('class'));
      values.push(await rendererPeak(browser));
    } finally {
      await browser.close();
    }
  }
  const verdictList = [...verdicts].map((v) => v.replace('verdict', '').trim());
  print({ measure: 'peak', file: basename(path), bytes: statSync(path).size, verdicts: verdictList, values, before });
}

/**
 * First visits on a new context each (cold cache), at Fast 4G with the CPU 4× slower: the bytes
 * received (headers included), the time from navigation start until the page takes files (its
 * first paint: index.html's drop zone holds them for the engine) and until the drop zone works,
 * that is the app is mounted with its file input in the page.
 */
async function firstVisits(browser) {
  // One unthrottled visit first: the server compresses each file at its first request.
  await (await openPage(browser)).close();
  const transfer = [];
  const usable = [];
  const takesFiles = [];
  const ready = [];
  let responses = [];
  for (let i = 0; i < visits; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FAST_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const received = new Map();
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const encoding = Object.entries(response.headers)
        .find(([name]) => name.toLowerCase() === 'content-encoding')?.[1] ?? 'identity';
      received.set(requestId, { url: response.url.replace(url, ''), encoding, bytes: 0 });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const response = received.get(requestId);
      if (response) response.bytes = encodedDataLength;
    });
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.getElementById('file-input')) {
          window.benchUsable = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    usable.push(await (await page.waitForFunction(() => window.benchUsable)).jsonValue());
    // The page as index.html writes it takes files from its first paint on.
    takesFiles.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime));
    ready.push(await (await page.waitForFunction(
      () => performance.getEntriesByName('pec-engine-ready')[0]?.startTime,
    )).jsonValue());
    await page.waitForLoadState('networkidle');
    responses = [...received.values()];
    transfer.push(responses.reduce((sum, r) => sum + r.bytes, 0));
    await context.close();
  }
  print({ measure: 'transfer', values: transfer, responses, network: FAST_4G, cpuSlowdown: CPU_SLOWDOWN });
  print({ measure: 'takes-files', values: takesFiles });
  print({ measure: 'usable', values: usable });
  print({ measure: 'ready', values: ready });
}

const browser = await launch();
try {
  for (const path of files) await timeFile(browser, path);
  print({ measure: 'warm-up', values: warmUps });
  await sideBySide(browser, files.filter((f) => f.includes('/real/')), runs, print);
  await firstVisits(browser);
} finally {
  await browser.close();
}
await pagePeak(peakFile);
