// The engines besides Chromium, each behind its W3C WebDriver server, driven by Selenium's
// JavaScript client (selenium-webdriver): WebKit (Debian's WebKitWebDriver and its MiniBrowser,
// on a display of its own under Xvfb) and Firefox (Debian's firefox-esr, headless, through
// geckodriver from `cargo install`). `cargo xtask setup` installs all of them; a missing one
// fails the suite. Every process started here is ended when the session closes or node exits.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { WebDriver } from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http/index.js';

const children = new Set();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

function start(program, args, options = {}) {
  const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  let stderr = '';
  child.stderr?.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  children.add(child);
  const exited = new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`cannot start ${program}: ${e.message}`)));
    child.on('exit', (code, signal) => { children.delete(child); resolve({ code, signal, stderr }); });
  });
  exited.catch(() => {});
  return { child, exited, stop: () => { child.kill(); return exited; } };
}

/** A free port on the loopback interface. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An X display of its own for WebKit: Xvfb picks a free display number and writes it. The
 * screen is tall enough for a window that shows a whole page at phone width (suite.mjs). */
async function xvfb() {
  const server = start('Xvfb', ['-displayfd', '3', '-screen', '0', '1024x12000x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await Promise.race([
    new Promise((resolve) => server.child.stdio[3].once('data', (d) => resolve(`:${String(d).trim()}`))),
    server.exited.then(({ stderr }) => { throw new Error(`Xvfb exited: ${stderr}`); }),
  ]);
  return { display, stop: server.stop };
}

/** Waits until the WebDriver server at `base` answers its status, for at most 20 seconds. */
async function ready(base, server) {
  const deadline = Date.now() + 20_000;
  let failed = null;
  server.exited.then(({ code, stderr }) => { failed = `exited with ${code}: ${stderr}`; }, (e) => { failed = e.message; });
  while (Date.now() < deadline) {
    if (failed) throw new Error(failed);
    try {
      if ((await fetch(`${base}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no WebDriver server at ${base} after 20 s`);
}

const ENGINES = {
  webkit: {
    name: 'WebKit',
    async server(port) {
      const display = await xvfb();
      const driver = start('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: display.display } });
      return { driver, extra: [display] };
    },
    // WebKitWebDriver prints no version: it comes with the browser, from one source package.
    driverVersion: (browserVersion) => `WebKitWebDriver ${browserVersion}`,
    capabilities: { browserName: 'MiniBrowser' },
  },
  firefox: {
    name: 'Firefox',
    async server(port) {
      const driver = start('geckodriver', ['--port', String(port), '--host', '127.0.0.1']);
      return { driver, extra: [] };
    },
    driverVersion: () => execFileSync('geckodriver', ['--version'], { encoding: 'utf8' }).split('\n')[0].trim(),
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: '/usr/bin/firefox-esr',
        args: ['-headless'],
      },
    },
  },
};

/**
 * Starts `engine` (`webkit` or `firefox`): its driver, a browser session, and what is needed
 * to end both. Resolves with the session, the engine's name, the browser's and the driver's
 * versions.
 */
export async function session(engine) {
  const spec = ENGINES[engine];
  if (!spec) throw new Error(`unknown engine ${engine}: webkit or firefox`);
  const port = await freePort();
  const { driver, extra } = await spec.server(port);
  const stop = async () => {
    await driver.stop();
    for (const helper of extra) await helper.stop();
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await ready(base, driver);
    // Not selenium's Builder: given a server's address, it sends files through an upload
    // endpoint of Selenium's own server, which neither driver has.
    const browser = await WebDriver.createSession(new Executor(new HttpClient(base)), spec.capabilities);
    const capabilities = await browser.getCapabilities();
    return {
      browser,
      name: spec.name,
      version: `${capabilities.getBrowserName()} ${capabilities.getBrowserVersion()}`,
      driverVersion: spec.driverVersion(capabilities.getBrowserVersion()),
      async close() {
        await browser.quit().catch(() => {});
        await stop();
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
