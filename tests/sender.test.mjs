// What a sender writes travels under a genuine signature: the factory's envelopes whose subject,
// addresses, attachment names, files and HTML carry a trick (crates/pec-factory/src/sender.rs,
// each genuine with the factory's anchors). The page must show each value as the sender's,
// isolated and with its hidden characters marked, say what each file really is before saving a
// program, open nothing from the sender's HTML, label it as the sender's, and accept a portal's
// file only from the page that frames it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { choose, launch, openPage, outputDir, sample, settled, url } from './browser.mjs';
import { portal } from './servers.mjs';

const root = new URL('..', import.meta.url).pathname;
const LINK_HOST = 'mittente.example';
// Characters that change the direction of text or cannot be seen (pec::sender::is_hidden's
// commonest ones): none may reach the page's text as it is.
const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/;

let browser;
let factory;
let portals;
before(async () => {
  execFileSync('cargo', ['build', '--quiet', '-p', 'pec-factory'], { cwd: root, stdio: 'inherit' });
  factory = mkdtempSync(join(tmpdir(), 'pec-factory-'));
  execFileSync(join(root, 'target/debug/pec-factory'), [factory], { stdio: 'ignore' });
  browser = await launch();
  portals = await Promise.all([portal(), portal()]);
});
after(async () => {
  await browser?.close();
  for (const p of portals ?? []) p.server.close();
  if (factory) rmSync(factory, { recursive: true, force: true });
});

const trick = (name) => {
  const file = `sender-${name}.eml`;
  return { name: file, bytes: readFileSync(join(factory, file)) };
};

/** Opens the page at `width`, verifies the trick's file and opens its original message. */
async function shown(name, width = 1280) {
  const page = await openPage(browser, { width, height: 900 });
  await choose(page, [trick(name)]);
  await settled(page, 1);
  await page.locator('.original > summary').click();
  return page;
}

/** Every text node of the results that still holds a hidden character, with its parent. */
const hiddenLeft = (page) => page.evaluate((pattern) => {
  const hidden = new RegExp(pattern);
  const walker = document.createTreeWalker(document.querySelector('.results'), NodeFilter.SHOW_TEXT);
  const left = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (hidden.test(node.data)) left.push(`${node.parentElement.tagName}: ${JSON.stringify(node.data)}`);
  }
  return left;
}, HIDDEN.source);

test('direction controls and invisible characters are marked, every value isolated, look-alike domains flagged, in print too', async () => {
  for (const width of [360, 1280]) {
    const page = await shown('direction', width);
    await page.locator('.details > summary').click();
    assert.deepEqual(await hiddenLeft(page), []);

    const row = (section, label) => page.locator(`${section} .row`).filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
    const subject = row('.facts', 'Oggetto').locator('dd');
    assert.equal(await subject.innerText(), 'Pagamento[U+200B] ricevuto [U+202E]otanimreted non');
    assert.deepEqual(await subject.locator('.hidden-char').allInnerTexts(), ['[U+200B]', '[U+202E]']);
    assert.match(await page.locator('.facts .hidden-note').innerText(), /^I segni come \[U\+202E\]/);

    // The sender's address: flagged in the certified data and in the original's headers, and
    // inside the page's sentence it is a value of its own, the sentence's words around it.
    for (const [section, label] of [['.facts', 'Mittente'], ['.original', 'Da']]) {
      assert.match(await row(section, label).locator('.look-alike').innerText(), /alfabeti diversi/);
    }
    const claim = page.locator('.proof p').first();
    assert.equal(await claim.locator('bdi').first().innerText(), 'mario.rossi@pec.\u0440rova.it');
    // Whatever the value holds, the text after it stays the page's, in the page's direction.
    const order = await claim.evaluate((p) => {
      const bdi = p.querySelector('bdi');
      const value = bdi.getBoundingClientRect();
      let next = bdi.nextSibling;
      while (next && !(next.nodeType === Node.TEXT_NODE && next.data.trim())) next = next.nextSibling;
      const range = document.createRange();
      const letter = next.data.search(/\S/);
      range.setStart(next, letter);
      range.setEnd(next, letter + 1);
      const after = range.getBoundingClientRect();
      return { after: after.left >= value.right - 1 || after.top > value.top, bidi: getComputedStyle(bdi).unicodeBidi };
    });
    assert.deepEqual(order, { after: true, bidi: 'isolate' });

    // Every value of the facts, the original's headers and the attachments is isolated.
    const bare = await page.evaluate(() => [...document.querySelectorAll('.facts dd, .original dd, .attachment-name')]
      .filter((e) => !e.querySelector('bdi')).map((e) => e.innerText));
    assert.deepEqual(bare, []);
    assert.equal(await page.locator('.attachment-name').nth(1).innerText(), 'fattura[U+202E]fdp.exe');
    await page.screenshot({ path: `${outputDir}/sender-direction-${width}.png`, fullPage: true });

    await page.emulateMedia({ media: 'print' });
    const mark = page.locator('.facts .hidden-char').last();
    assert.equal(await mark.isVisible(), true);
    assert.match(await mark.evaluate((e) => getComputedStyle(e).borderTopStyle), /solid/);
    assert.equal(await page.locator('.facts .look-alike').isVisible(), true);
    await page.close();
  }
});

test('a program says what it is beside what its sender declared, and is saved only after a question in the page', async () => {
  for (const width of [360, 1280]) {
    const page = await shown('executables', width);
    const items = page.locator('.attachment');
    assert.equal(await items.count(), 5);
    const real = await page.locator('.attachment-real').allInnerTexts();
    assert.deepEqual(real.map((r) => r.replace(/\s+/g, ' ')), [
      'Estensione reale: .exe · Contenuto, dai primi byte: programma per Windows',
      'Estensione reale: .scr · Contenuto, dai primi byte: documento PDF',
      'Estensione reale: .exe · Contenuto, dai primi byte: documento PDF',
      'Estensione reale: .lnk · Contenuto, dai primi byte: collegamento di Windows (.lnk)',
      'Estensione reale: .pdf · Contenuto, dai primi byte: documento PDF',
    ]);
    assert.match(await items.first().locator('.attachment-meta').innerText(), /^Tipo dichiarato: application\/pdf · 6 byte$/);
    assert.equal(await items.first().locator('.attachment-name').innerText(), 'fattura[U+202E]fdp.exe');
    assert.equal(await page.locator('.attachment.runs').count(), 4);
    assert.equal(await page.locator('.runs-warning').count(), 4);
    assert.match(await page.locator('.runs-warning').first().innerText(), /prova chi l'ha inviato, non che sia sicuro/);
    assert.equal(await items.last().locator('.runs-warning').count(), 0);
    await page.screenshot({ path: `${outputDir}/sender-executables-${width}.png`, fullPage: true });

    const downloads = [];
    page.on('download', (d) => downloads.push(d));
    const exe = items.first();
    const button = exe.getByRole('button', { name: /^Scarica/ });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.click();
    const question = exe.locator('.save-question');
    assert.match(await question.getByRole('alert').innerText(), /Vuoi salvare comunque questo file\?/);
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    await page.screenshot({ path: `${outputDir}/sender-save-question-${width}.png` });
    await question.getByRole('button', { name: 'Annulla' }).click();
    assert.equal(await question.count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Scarica fattura[U+202E]fdp.exe');
    await page.waitForTimeout(300);
    assert.equal(downloads.length, 0, 'a program was saved without a word');

    // From the keyboard: the download button, then the answer.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), 'fattura[U+202E]fdp.exe');
    assert.equal(readFileSync(await download.path()).subarray(0, 2).toString('latin1'), 'MZ');
    assert.equal(await question.count(), 0);

    // A file that runs nothing is saved at once.
    const [pdf] = await Promise.all([page.waitForEvent('download'), items.last().getByRole('button').click()]);
    assert.equal(pdf.suggestedFilename(), 'lettera.pdf');
    await page.close();
  }
});

test("no link of the sender's HTML opens anything, however it is written or clicked, and its address is shown as text", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  const opened = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('page', (p) => opened.push(p));
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('#file-input').waitFor({ state: 'attached' });
  await choose(page, [trick('links')]);
  await settled(page, 1);
  await page.locator('.original > summary').click();
  await page.locator('.sender-html > summary').click();
  const frameElement = page.locator('iframe.body-html');
  assert.equal(await frameElement.getAttribute('sandbox'), '');
  const frame = await (await frameElement.elementHandle()).contentFrame();
  await frame.locator('body').waitFor();

  // Nothing in the frame's document can navigate: no attribute a browser follows is left but
  // the frame's own policy.
  const followed = await frame.evaluate(() => [...document.querySelectorAll('*')]
    .flatMap((e) => [...e.attributes].map((a) => `${e.localName}[${a.name}=${a.value}]`))
    .filter((a) => /\[(?:[\w-]+:)?(href|action|formaction|srcdoc|http-equiv|attributename)=/i.test(a)));
  assert.deepEqual(followed, ['meta[http-equiv=Content-Security-Policy]']);
  const after = (text) => frame.getByText(text, { exact: true }).evaluate((a) => getComputedStyle(a, '::after').content);
  assert.equal(await after('virgolette'), `" <https://${LINK_HOST}/quoted>"`);
  assert.equal(await after('entità'), `" <https://${LINK_HOST}/entity>"`);

  const targets = ['virgolette', 'maiuscole', 'entità', 'attaccato', 'barra', 'relativo', 'svg', 'xlink', 'animazione', 'modulo', 'pulsante'];
  for (const text of targets) {
    const target = frame.getByText(text, { exact: true });
    await target.click();
    await target.click({ modifiers: ['Control'] });
    await target.click({ modifiers: ['Shift'] });
    await target.click({ modifiers: ['Meta'] });
    await target.click({ button: 'middle' });
  }
  const map = frame.locator('img[usemap]');
  await map.click({ modifiers: ['Control'] });
  await map.click({ button: 'middle' });
  // The meta refresh would have fired after a second.
  await page.waitForTimeout(1500);
  assert.deepEqual(requests.filter((r) => r.includes(LINK_HOST)), []);
  assert.deepEqual(opened.map((p) => p.url()), [page.url()]);
  assert.equal(frame.url(), 'about:srcdoc');
  assert.equal(page.url(), `${url}/`);
  await frameElement.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${outputDir}/sender-links-1280.png` });
  await context.close();
});

test("a verdict drawn by the sender's HTML opens only on request, under a label outside its frame saying it is the sender's", async () => {
  for (const width of [360, 1280]) {
    const page = await shown('fake-verdict', width);
    assert.match(await page.locator('.original .sender-notice').innerText(), /^Tutto ciò che segue l'ha scritto il mittente/);
    const preview = page.locator('.sender-html');
    assert.equal(await preview.locator('iframe').isVisible(), false, 'the sender\'s HTML is shown before it is asked for');
    assert.equal(await preview.locator('summary').innerText(), 'Mostra la versione HTML');
    await preview.locator('summary').click();
    const label = preview.locator('.sender-label');
    assert.equal(await label.innerText(), "Il messaggio del mittente, come l'ha scritto il mittente");
    assert.match(await preview.locator('.note').innerText(), /l'ha disegnato il mittente/);
    const frame = preview.locator('iframe');
    assert.equal(await frame.getAttribute('title'), "Il messaggio del mittente, come l'ha scritto il mittente");
    const [above, box] = [await label.boundingBox(), await frame.boundingBox()];
    assert.ok(above.y + above.height <= box.y, 'the label stands above the frame, outside it');
    // The drawing is there, in the frame, and the page has one verdict of its own.
    const drawn = await (await frame.elementHandle()).contentFrame();
    assert.match(await drawn.locator('body').innerText(), /Ricevuta PEC autentica/);
    assert.equal(await page.locator('.verdict').count(), 1);
    assert.equal(await page.locator('.sender-html').evaluate((e) => getComputedStyle(e).borderTopStyle), 'dashed');
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${outputDir}/sender-fake-verdict-${width}.png`, fullPage: true });
    await page.close();
  }
});

const GENUINE = sample('real/aruba-agidca1-consegna-completa.eml');
const GIVEN_NAME = 'Contratto firmato da Mario Rossi — verificato.eml';

/** Posts the genuine receipt under GIVEN_NAME, from the page `from`, to the window it opened
 * (`opened`) or to its framed viewer. */
const give = (from, target) => from.evaluate(([target, name, data]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const receiver = target === 'opened' ? globalThis.opened : document.getElementById('viewer').contentWindow;
  receiver.postMessage({ type: 'pec-verify', name, bytes }, '*');
}, [target, GIVEN_NAME, GENUINE.bytes.toString('base64')]);

test('the viewer opened as a window by another page takes no file from it, and a framed viewer only from its parent, naming the portal as the source of the name', async () => {
  const [listed, attacker] = portals;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const address = new URL('/parent.html', attacker.origin);
  address.searchParams.set('viewer', url);
  await page.goto(address.href);

  // Opened as a window, listing the opener's origin: the address bar shows the verifier.
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((viewer) => { globalThis.opened = window.open(viewer); }, `${url}/?embed=1&origin=${encodeURIComponent(attacker.origin)}`),
  ]);
  await popup.locator('#file-input').waitFor({ state: 'attached' });
  await give(page, 'opened');
  await popup.waitForTimeout(500);
  assert.equal(await popup.locator('.result').count(), 0, 'a window that opened the viewer gave it a file');
  await popup.close();

  // Framed by a listed portal: a window of the same origin that is not the parent is ignored.
  const portalPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const framing = new URL('/parent.html', listed.origin);
  framing.searchParams.set('viewer', url);
  await portalPage.goto(framing.href);
  const frame = await (await portalPage.locator('#viewer').elementHandle()).contentFrame();
  await frame.locator('#file-input').waitFor({ state: 'attached' });
  await portalPage.waitForFunction(() => window.ready);
  const [sibling] = await Promise.all([
    portalPage.waitForEvent('popup'),
    portalPage.evaluate((origin) => { window.open(`${origin}/parent.js`); }, listed.origin),
  ]);
  await sibling.waitForLoadState('domcontentloaded');
  await sibling.evaluate(([name, data]) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    opener.document.getElementById('viewer').contentWindow.postMessage({ type: 'pec-verify', name, bytes }, '*');
  }, [GIVEN_NAME, GENUINE.bytes.toString('base64')]);
  await portalPage.waitForTimeout(500);
  assert.equal(await frame.locator('.result').count(), 0, 'a window other than the parent gave the viewer a file');
  await sibling.close();

  // From the parent itself the file is verified, and its name is marked as the portal's.
  await give(portalPage, 'framed');
  await settled(frame, 1);
  assert.equal(await frame.locator('.file-name').innerText(), GIVEN_NAME);
  assert.equal(await frame.locator('.portal-name').innerText(), 'Nome del file indicato dal sito che mostra questa pagina, non verificato.');
  assert.equal(await frame.locator('.verdict-title').innerText(), 'Ricevuta PEC autentica');
  await portalPage.screenshot({ path: `${outputDir}/sender-portal-name-1280.png`, fullPage: true });
  // A file the user drops in the viewer is theirs: its name is not marked.
  // (Another file: the same bytes again would be shown once.)
  const own = sample('real/aruba-agidca1-accettazione.eml');
  await frame.locator('#file-input').setInputFiles({ name: 'mia.eml', mimeType: 'message/rfc822', buffer: own.bytes });
  await settled(frame, 2);
  assert.equal(await frame.locator('.portal-name').count(), 1);
  await page.close();
  await portalPage.close();
});
