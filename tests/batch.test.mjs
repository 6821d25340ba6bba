// Many files at once, as a protocol clerk drops them: every shared sample and a series of the
// factory's receipts, one of them twice. The summary counts them as the command line judges
// them, shows each file once, filters and sorts, exports CSV and JSON Lines equal to
// `pec-verify --json`, and clears; the real Aruba acceptance and delivery form one complete
// dossier, printed with its files; each shape of a sending the factory writes gives the
// dossiers the command line gives, the page not trusting the factory's test PKI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { choose, launch, openPage, outputDir, sample } from './browser.mjs';
import { samplePath } from './samples.mjs';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'target/debug/pec-verify');
const FOLDERS = ['real', 'tampered', 'unsigned', 'unverifiable'];
const SERIES = 45;
/** The real Aruba acceptance and delivery of one sending. */
const PAIR = ['real/aruba-agidca1-accettazione.eml', 'real/aruba-agidca1-consegna-completa.eml'];

let browser;
let factory;
/** `pec-factory --sendings`: a folder of files per shape of a sending. */
let sendings;
/** Every file dropped, with the path the command line reads it from. */
let files;
before(async () => {
  execFileSync('cargo', ['build', '--quiet', '-p', 'pec-cli', '-p', 'pec-factory'], { cwd: root, stdio: 'inherit' });
  factory = mkdtempSync(join(tmpdir(), 'pec-series-'));
  execFileSync(join(root, 'target/debug/pec-factory'), ['--series', String(SERIES), factory], { stdio: 'ignore' });
  sendings = mkdtempSync(join(tmpdir(), 'pec-sendings-'));
  execFileSync(join(root, 'target/debug/pec-factory'), ['--sendings', sendings], { stdio: 'ignore' });
  const samples = FOLDERS.flatMap((folder) => readdirSync(samplePath(folder))
    .filter((f) => f.endsWith('.eml')).map((f) => ({ ...sample(`${folder}/${f}`), path: samplePath(`${folder}/${f}`) })));
  const series = readdirSync(factory).filter((f) => f.endsWith('.eml'))
    .map((f) => ({ name: f, bytes: readFileSync(join(factory, f)), path: join(factory, f) }));
  files = [...samples, ...series];
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (factory) rmSync(factory, { recursive: true, force: true });
  if (sendings) rmSync(sendings, { recursive: true, force: true });
});

/** Each file's report as `pec-verify --json` prints it, by path. */
function reports(paths) {
  let out;
  try {
    out = execFileSync(cli, ['--json', ...paths], { maxBuffer: 64 << 20 });
  } catch (e) {
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  return out.toString().trim().split('\n').map((line) => JSON.parse(line));
}

/** The file in one word, from its report: the verdict of its first message that did not
 * pass (else of its first), or not PEC. */
function standing(report) {
  const decisive = report.messages.find((m) => m.verdict !== 'TOTAL-PASSED') ?? report.messages[0];
  if (!decisive) return 'not-pec';
  return { 'TOTAL-PASSED': 'genuine', 'TOTAL-FAILED': 'failed', INDETERMINATE: 'indeterminate' }[decisive.verdict];
}

const WORDS = {
  genuine: ['autentico', 'autentici'],
  failed: ['non autentico', 'non autentici'],
  indeterminate: ['non accertato', 'non accertati'],
  'not-pec': ['non PEC', 'non PEC'],
};

/** A CSV document whose every cell is quoted, as rows of cells. */
function parseCsv(text) {
  return text.trim().split('\r\n').map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replaceAll('""', '"')));
}

const withoutFile = ({ file, ...report }) => report;

async function saved(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('sixty-odd files: counted, each shown once, filtered, sorted, exported and cleared', async () => {
  assert.ok(files.length >= 60, `${files.length} files`);
  const expected = reports(files.map((f) => f.path));
  const again = { ...files[0], name: `copia di ${files[0].name}` };
  const page = await openPage(browser, { width: 1280, height: 900 });
  await choose(page, [...files, again]);
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n
    && !document.querySelector('[aria-busy="true"]'), files.length, { timeout: 120_000 });

  // The counts, as the command line judges the same files.
  const count = (s) => expected.filter((r) => standing(r) === s).length;
  const counts = Object.keys(WORDS).filter((s) => count(s) > 0)
    .map((s) => `${count(s)} ${WORDS[s][Number(count(s) !== 1)]}`).join(', ');
  assert.equal(await page.locator('.summary .counts').innerText(), counts);
  assert.match(await page.locator('.summary').innerText(), /1 file era già nell'elenco: è mostrato una volta sola\./);

  // One row per file, each with its standing, linking to its card.
  const rows = page.locator('.summary tbody tr');
  assert.equal(await rows.count(), files.length);
  const shown = new Map();
  for (const row of await rows.all()) {
    const link = row.locator('a');
    const card = page.locator(await link.getAttribute('href'));
    assert.equal(await card.locator('.file-name').innerText(), await link.innerText());
    shown.set(await link.innerText(), await row.locator('.standing').innerText());
  }
  files.forEach((f, i) => assert.equal(shown.get(f.name), WORDS[standing(expected[i])][0], f.name));
  await page.screenshot({ path: `${outputDir}/batch-1280.png` });

  // Only the problems: the cards and the rows of the files that are not genuine.
  await page.getByLabel('Mostra solo i file con problemi').check();
  const problems = files.length - count('genuine');
  assert.equal(await page.locator('.result:visible').count(), problems);
  assert.equal(await rows.count(), problems);
  await page.getByLabel('Mostra solo i file con problemi').uncheck();

  // By certified date: the earliest certified file first.
  await page.getByLabel('Ordina per data certificata').check();
  const dated = expected.map((r, i) => [files[i].name, standing(r) === 'not-pec' ? null
    : (r.messages.find((m) => m.verdict !== 'TOTAL-PASSED') ?? r.messages[0]).daticert?.data])
    .filter(([, at]) => at).sort((a, b) => Date.parse(a[1]) - Date.parse(b[1]));
  assert.equal(await rows.first().locator('a').innerText(), dated[0][0]);

  // The exports hold every file, as the command line reports it.
  const csv = await saved(page, 'Esporta in CSV');
  assert.equal(csv.name, 'verifica-pec.csv');
  assert.ok(csv.text.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets');
  const [header, ...lines] = parseCsv(csv.text.slice(1));
  assert.deepEqual(header.slice(0, 4), ['file', 'sha256', 'standing', 'reason']);
  assert.deepEqual(lines.map((l) => l[0]), files.map((f) => f.name));
  lines.forEach((l, i) => {
    assert.equal(l[1], expected[i].sha256);
    assert.equal(l[2], standing(expected[i]), l[0]);
  });
  const jsonl = await saved(page, 'Esporta in JSON Lines');
  assert.equal(jsonl.name, 'verifica-pec.jsonl');
  const exported = jsonl.text.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(exported.map((r) => r.file), files.map((f) => f.name));
  assert.deepEqual(exported.map(withoutFile), expected.map(withoutFile));

  await page.getByRole('button', { name: "Svuota l'elenco" }).click();
  assert.equal(await page.locator('.result').count(), 0);
  assert.equal(await page.locator('.summary').count(), 0);
  await page.close();
});

for (const width of [360, 1280]) {
  test(`at ${width} px the Aruba acceptance and delivery make one complete dossier`, async () => {
    const page = await openPage(browser, { width, height: 900 });
    await choose(page, PAIR.map(sample));
    await page.waitForFunction(() => document.querySelectorAll('.result').length === 2
      && !document.querySelector('[aria-busy="true"]'));
    const dossier = page.locator('.dossier');
    assert.equal(await dossier.count(), 1);
    assert.match(await dossier.getAttribute('class'), /\bcomplete\b/);
    const text = await dossier.innerText();
    assert.match(text, /^Fascicolo dell'invio: /);
    assert.match(text, /Fascicolo completo/);
    assert.match(text, /Accettato dal gestore del mittente il 13 novembre 2018 alle 16:39, ora italiana \(UTC\+1\) \(file aruba-agidca1-accettazione\.eml\)/);
    assert.match(text, /Consegnato a l\.battistini@pec\.it il 13 novembre 2018 alle 16:39, ora italiana \(UTC\+1\) \(file aruba-agidca1-consegna-completa\.eml\)/);
    // The files it stands on, each with its SHA-256 as the command line computes it.
    const pair = reports(PAIR.map(samplePath));
    const rows = dossier.locator('.dossier-files .row');
    assert.deepEqual(await rows.locator('dt').allInnerTexts(), PAIR.map((p) => p.split('/')[1]));
    assert.deepEqual(await rows.locator('code').allInnerTexts(), pair.map((r) => r.sha256));
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `page ${scroll} px wide at ${width} px`);
    await page.screenshot({ path: `${outputDir}/dossier-${width}.png`, fullPage: true });
    await page.close();
  });
}

for (const onlyProblems of [false, true]) {
test(`printing a dossier prints it with the cards of its files, and nothing else${onlyProblems ? ', even those the view of only problems leaves out' : ''}`, async () => {
  const page = await openPage(browser, { width: 1280, height: 900 });
  await choose(page, [...PAIR, 'real/sogei-agidca1-posta-certificata-sdi.eml'].map(sample));
  await page.waitForFunction(() => document.querySelectorAll('.result').length === 3
    && !document.querySelector('[aria-busy="true"]'));
  if (onlyProblems) {
    await page.getByLabel('Mostra solo i file con problemi').check();
    assert.equal(await page.locator('.result:visible').count(), 0, 'every file is genuine');
  }
  // The print dialog, stood in for: the parts marked while it is open, marked again for a
  // PDF of what print media shows.
  await page.evaluate(() => {
    window.print = () => {
      window.marked = { body: document.body.className, targets: [...document.querySelectorAll('.print-target')] };
    };
  });
  await page.locator('.dossier', { hasText: 'aruba-agidca1-accettazione.eml' })
    .getByRole('button', { name: 'Stampa il fascicolo' }).click();
  assert.equal(await page.locator('.print-target').count(), 0, 'marked only while printing');
  await page.evaluate(() => {
    document.body.className = window.marked.body;
    window.marked.targets.forEach((t) => t.classList.add('print-target'));
  });
  await page.emulateMedia({ media: 'print' });
  const shown = await page.locator('.dossier, .result').evaluateAll((parts) => parts
    .filter((p) => p.checkVisibility()).map((p) => p.querySelector('h2').innerText));
  assert.equal(shown.length, 3, shown.join(' | '));
  assert.match(shown[0], /^Fascicolo dell'invio: /);
  assert.deepEqual(shown.slice(1).sort(), PAIR.map((p) => p.split('/')[1]).sort());
  // One head, the dossier's.
  const heads = await page.locator('.report-head').evaluateAll((hs) => hs.filter((h) => h.checkVisibility()).length);
  assert.equal(heads, 1);
  writeFileSync(`${outputDir}/dossier${onlyProblems ? '-only-problems' : ''}.pdf`, await page.pdf({ format: 'A4', printBackground: true }));
  await page.close();
});
}

test('a dossier says what is missing, and that a file which is not genuine does not count', async () => {
  const page = await openPage(browser);
  await choose(page, ['real/aruba-agidca1-accettazione.eml', 'real/aruba-agidca1-posta-certificata.eml',
    'tampered/sogei-sdi-edited-1.eml'].map(sample));
  await page.waitForFunction(() => document.querySelectorAll('.result').length === 3
    && !document.querySelector('[aria-busy="true"]'));
  const accepted = page.locator('.dossier', { hasText: 'aruba-agidca1-accettazione.eml' });
  assert.match(await accepted.getAttribute('class'), /\bincomplete\b/);
  assert.match(await accepted.innerText(), /Manca la ricevuta di consegna per l\.battistini@pec\.it/);
  // Known only from a tampered file: no certified subject or sender, and the file is no proof.
  const forged = page.locator('.dossier', { hasText: 'sogei-sdi-edited-1.eml' });
  assert.equal(await forged.locator('h2').innerText(), "Fascicolo dell'invio");
  assert.match(await forged.innerText(), /sogei-sdi-edited-1\.eml non è autentico: non conta come prova\. Il contenuto è stato modificato dopo la firma del gestore\./);
  assert.match(await forged.innerText(), /Manca la ricevuta di accettazione/);
  await page.close();
});

/** A pattern that matches `text` and nothing longer. */
const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** `pec-verify --dossier --json` of `paths`, relative to `cwd`: as the page, without the
 * factory's anchors. */
function dossierOf(cwd, paths) {
  try {
    return JSON.parse(execFileSync(cli, ['--dossier', '--json', ...paths], { cwd, maxBuffer: 64 << 20 }));
  } catch (e) {
    if (e.status !== 1) throw e;
    return JSON.parse(e.stdout);
  }
}

test('each shape of a sending from the factory gives the dossiers of the command line, its files not trusted', async () => {
  const shapes = readdirSync(sendings, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  assert.equal(shapes.length, 7, shapes.join(', '));
  for (const shape of shapes) {
    const dir = join(sendings, shape);
    const paths = readdirSync(dir, { recursive: true }).filter((p) => !p.endsWith('originali')).sort();
    const given = paths.map((p) => ({ name: p.split('/').pop(), bytes: readFileSync(join(dir, p)) }));
    const expected = dossierOf(dir, paths);
    const page = await openPage(browser, { width: 1280, height: 900 });
    await choose(page, given);
    await page.waitForFunction((n) => document.querySelectorAll('.result').length === n
      && !document.querySelector('[aria-busy="true"]'), given.length);

    // Each file's verdict as the command line gives it: the factory's signer is not trusted,
    // a receipt changed after signing fails.
    const card = (file) => page.locator('.result', { has: page.locator('.file-name', { hasText: exactly(file) }) });
    for (const report of expected.files) {
      assert.deepEqual(await card(report.file.split('/').pop()).locator('.message').evaluateAll((ms) => ms.map((m) => m.dataset.verdict)),
        report.messages.map((m) => m.verdict), `${shape}/${report.file}`);
    }
    const tampered = expected.files.find((r) => r.file === 'manomessa.eml');
    if (tampered) {
      assert.equal(tampered.messages[0].verdict, 'TOTAL-FAILED');
      assert.equal(await card('manomessa.eml').locator('.verdict-detail').innerText(),
        'Il contenuto è stato modificato dopo la firma del gestore.');
    }

    // One dossier per sending (two for two sendings), none complete, every PEC file listed as
    // a file that does not count, by its verdict and with the reason its card gives; the
    // original files of a breve receipt in none.
    const lead = (p) => (p.verdict === 'TOTAL-FAILED' ? `${p.file} non è autentico`
      : `L'autenticità di ${p.file} non è accertata`);
    const dossiers = page.locator('.dossier');
    assert.equal(await dossiers.count(), expected.dossiers.length, shape);
    assert.equal(expected.dossiers.length, shape === 'two-sendings' ? 2 : 1, shape);
    for (const [i, dossier] of expected.dossiers.entries()) {
      const shown = dossiers.nth(i);
      assert.equal(dossier.complete, false, shape);
      assert.match(await shown.getAttribute('class'), /\bincomplete\b/);
      assert.match(await shown.innerText(), /Manca la ricevuta di accettazione/);
      assert.ok(dossier.problems.every((p) => p.problem === 'not-genuine'), shape);
      const reasons = await Promise.all(dossier.problems.map((p) => card(p.file).locator('.verdict-detail').innerText()));
      assert.deepEqual(await shown.locator('.dossier-problems li').allInnerTexts(),
        dossier.problems.map((p, j) => `${lead(p)}: non conta come prova. ${reasons[j]}`), shape);
    }
    const listed = expected.dossiers.flatMap((d) => d.problems.map((p) => p.file)).sort();
    const pec = expected.files.filter((r) => r.messages.some((m) => m.daticert)).map((r) => r.file).sort();
    assert.deepEqual(listed, pec, shape);
    if (shape === 'breve-with-originals') {
      assert.ok(expected.files.some((r) => r.file.startsWith('originali/') && r.error_code), 'the originals are no PEC file');
    }
    await page.close();
  }
});
