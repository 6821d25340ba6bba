// The npm package as a portal developer gets it: `cargo xtask package` packs it, npm installs
// the tarball into a scratch project, and the package README's examples run there: in Node
// (its report equal to `pec-verify --json`'s), type-checked by TypeScript, and in Chromium
// from the installed files as they are, through esbuild, and in its worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { launch, sample } from './browser.mjs';
import { samplePath } from './samples.mjs';

const root = new URL('..', import.meta.url).pathname;
const bin = (tool) => join(root, 'node_modules/.bin', tool);
const GENUINE = 'real/aruba-agidca1-consegna-completa.eml';

let browser;
let project;
let server;
let origin;
before(async () => {
  execFileSync('cargo', ['build', '--quiet', '-p', 'pec-cli'], { cwd: root, stdio: 'inherit' });
  execFileSync('cargo', ['xtask', 'package'], { cwd: root, stdio: 'ignore' });
  const tarball = readdirTarball();
  project = mkdtempSync(join(tmpdir(), 'pec-npm-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'portale', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: project, stdio: 'ignore' });
  server = createServer((request, response) => {
    const path = join(project, decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm' };
    let body;
    try {
      body = readFileSync(path);
    } catch {
      return response.writeHead(404).end();
    }
    return response.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

function readdirTarball() {
  const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
  return join(root, 'target/npm', `pec-verify-${version}.tgz`);
}

/** The code block of the package README that follows `heading`. */
function example(heading, language) {
  const readme = readFileSync(join(project, 'node_modules/pec-verify/README.md'), 'utf8');
  const code = readme.split(`## ${heading}`)[1]?.match(new RegExp('```' + language + '\\n([\\s\\S]*?)```'))?.[1];
  assert.ok(code, `the README has a ${language} example under "${heading}"`);
  return code;
}

function pecVerify(args) {
  try {
    return JSON.parse(execFileSync(join(root, 'target/debug/pec-verify'), ['--json', ...args]).toString());
  } catch (e) {
    if (e.status !== 1) throw e;
    return JSON.parse(e.stdout.toString());
  }
}

test("the README's Node example runs, and its report is pec-verify --json's", () => {
  copyFileSync(samplePath(GENUINE), join(project, 'ricevuta.eml'));
  writeFileSync(join(project, 'example.mjs'), example('Node', 'js'));
  const printed = execFileSync('node', ['example.mjs'], { cwd: project }).toString();
  assert.equal(printed, 'TOTAL-PASSED avvenuta-consegna 2018-11-13T16:39:27+01:00\n');
  writeFileSync(join(project, 'report.mjs'), `import { readFileSync } from 'node:fs';
import { verify } from 'pec-verify';
process.stdout.write(JSON.stringify(verify(new Uint8Array(readFileSync(process.argv[2])), { name: process.argv[2] })));`);
  for (const path of [GENUINE, 'tampered/sogei-sdi-edited-1.eml', 'unsigned/toniorusso-pec-parser-postacert.eml']) {
    const file = samplePath(path);
    const report = JSON.parse(execFileSync('node', ['report.mjs', file], { cwd: project }).toString());
    assert.deepEqual(report, pecVerify([file]), path);
  }
});

test('TypeScript checks code written against the declarations, and refuses a wrong field', () => {
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [] },
    files: ['check.ts'],
  }));
  const good = `import { verify, type Report, type CheckId } from 'pec-verify';
import { verifyInWorker } from 'pec-verify/worker';
const report: Report = verify(new Uint8Array(), { name: 'x.eml', at: '2024-01-01T00:00:00Z' });
const reason: CheckId | null = report.messages[0]?.reason ?? null;
const subject: string | null | undefined = report.messages[0]?.daticert?.oggetto;
const later: Promise<Report> = verifyInWorker(new Blob([]), { signal: new AbortController().signal });
export { reason, subject, later };
`;
  writeFileSync(join(project, 'check.ts'), good);
  try {
    execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: project, stdio: 'pipe' });
  } catch (e) {
    assert.fail(e.stdout.toString());
  }
  writeFileSync(join(project, 'check.ts'), `${good}export const wrong: number = report.messages[0].verdict;\n`);
  assert.throws(() => execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: project, stdio: 'pipe' }),
    (e) => /error TS2322: Type '.*' is not assignable to type 'number'/.test(e.stdout.toString()));
});

/** Opens `page` of the scratch project, chooses the genuine sample and waits for `#verdict`. */
async function verdictOn(page) {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${origin}/${page}`);
  const { name, bytes } = sample(GENUINE);
  await tab.locator('input[type=file]').setInputFiles({ name, mimeType: 'message/rfc822', buffer: bytes });
  await tab.waitForFunction(() => document.querySelector('output').textContent !== '');
  const shown = await tab.locator('output').textContent();
  await tab.close();
  assert.deepEqual(errors, []);
  return shown;
}

const shell = (script) => `<!doctype html><meta charset="utf-8"><title>Portale</title><input type="file"><output></output>${script}`;

test("the README's browser example runs from the installed files as they are", async () => {
  writeFileSync(join(project, 'plain.html'), shell(example('A browser, with the module as it is', 'html')));
  assert.equal(await verdictOn('plain.html'), 'TOTAL-PASSED');
});

test("the README's bundler example runs through esbuild, the wasm copied beside the bundle", async () => {
  const entry = `${example('A browser, through a bundler', 'js')}
document.querySelector('input').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  const report = verify(new Uint8Array(await file.arrayBuffer()), { name: file.name });
  document.querySelector('output').textContent = report.messages.map((m) => m.verdict).join(', ');
});
`;
  writeFileSync(join(project, 'entry.js'), entry);
  mkdirSync(join(project, 'bundle'), { recursive: true });
  execFileSync(bin('esbuild'), ['entry.js', '--bundle', '--format=esm', '--platform=browser', '--outfile=bundle/app.js'], { cwd: project, stdio: 'pipe' });
  assert.doesNotMatch(readFileSync(join(project, 'bundle/app.js'), 'utf8'), /node:fs/, 'the browser build, not the Node entry');
  copyFileSync(join(project, 'node_modules/pec-verify/pec_bg.wasm'), join(project, 'bundle/pec_bg.wasm'));
  writeFileSync(join(project, 'bundled.html'), shell('<script type="module" src="/bundle/app.js"></script>'));
  assert.equal(await verdictOn('bundled.html'), 'TOTAL-PASSED');
});

test("the README's worker example runs from the installed files", async () => {
  const script = `<script type="module">
  import { verifyInWorker } from '/node_modules/pec-verify/pec-worker.js';
  document.querySelector('input').addEventListener('change', async (event) => {
    const report = await verifyInWorker(event.target.files[0]);
    document.querySelector('output').textContent = report.file + ' ' + report.messages[0].verdict;
  });
</script>`;
  assert.match(example('Off the page', 'js'), /verifyInWorker\(file, \{ signal: controller\.signal \}\)/);
  writeFileSync(join(project, 'worker.html'), shell(script));
  assert.equal(await verdictOn('worker.html'), 'aruba-agidca1-consegna-completa.eml TOTAL-PASSED');
});
