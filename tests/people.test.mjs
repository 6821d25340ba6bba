// The page as people meet it: on a narrow phone with a comune's long addresses, through a
// screen reader, with a keyboard, dropping a file anywhere, reading a file that failed and its
// print. The long names come from the test factory (a genuine message built with them) and the
// longest real samples.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { choose, launch, openPage, outputDir, sample, settled } from './browser.mjs';

const root = new URL('..', import.meta.url).pathname;
const GENUINE = 'real/aruba-agidca1-consegna-completa.eml';
const ENVELOPE = 'real/aruba-agidca1-posta-certificata.eml';
const TAMPERED = 'tampered/sogei-sdi-edited-1.eml';
const OTHER_TAMPERED = 'tampered/sogei-sdi-anonymised-1.eml';
const LONGEST_NAME = 'unsigned/toniorusso-pec-parser-postacertnoattach.eml';

let browser;
let factory;
let longNames;
before(async () => {
  execFileSync('cargo', ['build', '--quiet', '-p', 'pec-factory'], { cwd: root, stdio: 'inherit' });
  factory = mkdtempSync(join(tmpdir(), 'pec-factory-'));
  execFileSync(join(root, 'target/debug/pec-factory'), [factory], { stdio: 'ignore' });
  longNames = { name: 'long-names.eml', bytes: readFileSync(join(factory, 'long-names.eml')) };
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (factory) rmSync(factory, { recursive: true, force: true });
});

/** Every element wider than the screen or reaching past its right edge, by tag and class. */
const overflowing = (page) => page.evaluate(() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter((e) => !e.closest('.visually-hidden') && e.getBoundingClientRect().right > width + 0.5)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
  return { scroll: document.documentElement.scrollWidth, width, wide };
});

const openAll = (page) => page.evaluate(() => {
  for (const details of document.querySelectorAll('details')) details.open = true;
});

for (const width of [320, 360]) {
  test(`at ${width} px the longest addresses and file names wrap and nothing overflows`, async () => {
    const page = await openPage(browser, { width, height: 800 });
    await choose(page, [longNames, sample(ENVELOPE), sample(GENUINE), sample(TAMPERED), sample(LONGEST_NAME)]);
    await settled(page, 5);
    await openAll(page);
    const { scroll, wide } = await overflowing(page);
    assert.deepEqual(wide, [], `page ${scroll} px wide at ${width} px`);
    assert.ok(scroll <= width, `page ${scroll} px wide at ${width} px`);
    // The verdict itself is never clipped.
    for (const title of await page.locator('.verdict-title').all()) {
      assert.ok(await title.evaluate((e) => e.scrollWidth <= e.clientWidth), await title.innerText());
    }
    assert.match(await page.locator('.result').last().innerText(),
      /protocollo\.generale@pec\.comune\.castelnuovodigarfagnana\.lu\.it/);
    await page.screenshot({ path: `${outputDir}/people-long-${width}.png`, fullPage: true });
    await page.close();
  });
}

test('the data of a file that failed is declared by the file, not certified, on screen and in print', async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  await choose(page, [sample(TAMPERED)]);
  await settled(page, 2);
  const [failed, genuine] = await page.locator('.result .facts').all();
  assert.equal(await failed.locator('h4').innerText(), 'Dati dichiarati dal file (non verificati)');
  assert.equal(await genuine.locator('h4').innerText(), 'Dati certificati dal gestore');
  for (const media of ['screen', 'print']) {
    await page.emulateMedia({ media });
    const look = (facts) => facts.evaluate((e) => `${getComputedStyle(e).borderTopStyle} ${getComputedStyle(e).backgroundColor}`);
    assert.match(await look(failed), /^dashed rgb\(255, 243, 214\)$/, media);
    assert.doesNotMatch(await look(genuine), /dashed/, media);
  }
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: `${outputDir}/people-failed-360.png`, fullPage: true });
  await page.close();
});

test('a screen reader hears one short status: the file, its verdict and reason; for a batch, the count', async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  // One live region on the page, not the cards.
  const live = () => page.locator('[aria-live], [role="status"], [role="alert"]');
  assert.equal(await live().count(), 1);
  await choose(page, [sample(TAMPERED)]);
  await settled(page, 1);
  assert.equal(await live().count(), 1);
  assert.equal(await live().innerText(),
    'sogei-sdi-edited-1.eml: Messaggio PEC non autentico. Il contenuto è stato modificato dopo la firma del gestore.');
  await choose(page, [sample(GENUINE), sample(OTHER_TAMPERED), sample(LONGEST_NAME)]);
  await settled(page, 4);
  assert.equal(await live().innerText(), 'File verificati: 3; con problemi: 2.');
  // A file already on the page is shown once, and the status speaks of the files shown.
  await choose(page, [sample(TAMPERED), sample(ENVELOPE)]);
  await settled(page, 5);
  assert.equal(await live().innerText(), `${ENVELOPE.split('/').pop()}: Messaggio PEC autentico. 1 file era già nell'elenco: è mostrato una volta sola.`);
  // A drop of only files already there says so, and nothing else.
  await choose(page, [sample(GENUINE)]);
  await page.waitForFunction(() => document.querySelector('[role="status"]').textContent.includes('già'));
  assert.equal(await live().innerText(), "1 file era già nell'elenco: è mostrato una volta sola.");
  await page.close();
});

/** Drags `name` over the page and drops it on `selector`; whether the browser was told not
 * to open it, and whether the page showed the drag. */
const dropOn = (page, selector, file) => page.evaluate(([selector, name, data]) => {
  const target = document.querySelector(selector);
  const transfer = new DataTransfer();
  transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
  const fire = (type) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  fire('dragenter');
  const over = !fire('dragover');
  const shown = document.documentElement.classList.contains('dragging');
  const kept = !fire('drop');
  return { over, shown, kept, after: document.documentElement.classList.contains('dragging') };
}, [selector, file.name, file.bytes.toString('base64')]);

test('a file dropped anywhere on the page is verified, and the page shows it takes it', async () => {
  const page = await openPage(browser, { width: 360, height: 640 });
  assert.deepEqual(await dropOn(page, 'h1', sample(GENUINE)), { over: true, shown: true, kept: true, after: false });
  await settled(page, 1);
  assert.deepEqual(await dropOn(page, '.site-footer', sample(TAMPERED)), { over: true, shown: true, kept: true, after: false });
  await settled(page, 2);
  // With long results the drop zone stays at hand at the top of the screen.
  await openAll(page);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const zone = await page.locator('.drop-zone').boundingBox();
  assert.ok(zone.y >= 0 && zone.y + zone.height <= 640, `drop zone at ${zone.y}`);
  assert.deepEqual(await dropOn(page, '.result:last-child .checks', sample(ENVELOPE)), { over: true, shown: true, kept: true, after: false });
  await settled(page, 3);
  await page.screenshot({ path: `${outputDir}/people-scrolled-360.png` });
  await page.close();
});

test('the focus ring has at least 3:1 contrast with the background it is drawn on', async () => {
  const page = await openPage(browser, { width: 1280, height: 800 });
  await choose(page, [sample(ENVELOPE)]);
  await settled(page, 1);
  const seen = new Set();
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const focused = document.activeElement;
      // Past the last element, the focus leaves the page for the browser's own controls.
      if (focused === document.body) return null;
      // The file input is hidden: its label, the drop zone, shows the ring.
      const element = focused.closest('.drop-zone') ?? focused;
      const style = getComputedStyle(element);
      const rgb = (color) => color.match(/[\d.]+/g).map(Number);
      const luminance = ([r, g, b]) => {
        const channel = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      };
      // The ring is drawn outside the element: on its parent's background.
      let behind = element.parentElement;
      while (behind && rgb(getComputedStyle(behind).backgroundColor)[3] === 0) behind = behind.parentElement;
      const background = behind ? rgb(getComputedStyle(behind).backgroundColor) : [255, 255, 255];
      const [light, dark] = [luminance(rgb(style.outlineColor)), luminance(background)].sort((a, b) => b - a);
      return {
        name: `${element.tagName.toLowerCase()}.${element.className} ${(element.innerText ?? '').slice(0, 30)}`,
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        contrast: (light + 0.05) / (dark + 0.05),
      };
    });
    if (!ring || seen.has(ring.name)) continue;
    seen.add(ring.name);
    assert.notEqual(ring.style, 'none', ring.name);
    assert.ok(ring.width >= 2, `${ring.name}: ${ring.width} px`);
    assert.ok(ring.contrast >= 3, `${ring.name}: ${ring.contrast.toFixed(2)}:1`);
  }
  // The drop zone, the language switch, the summaries, the buttons and the footer's link.
  assert.ok(seen.size >= 6, [...seen].join('\n'));
  await page.close();
});

test('disclosures show a chevron, on screen and in print', async () => {
  const page = await openPage(browser);
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  const chevron = (summary) => summary.evaluate((e) => {
    const before = getComputedStyle(e, '::before');
    return `${before.borderRightWidth} ${before.borderBottomWidth} ${before.transform}`;
  });
  const summary = page.locator('.result .details summary');
  const closed = await chevron(summary);
  assert.match(closed, /^2px 2px matrix/);
  await summary.click();
  assert.notEqual(await chevron(summary), closed, 'the chevron turns when open');
  await summary.click();
  await page.emulateMedia({ media: 'print' });
  assert.match(await chevron(summary), /^2px 2px matrix/);
  assert.notEqual(await chevron(summary), closed, 'in print, where every section is open, it points down');
  await page.emulateMedia({ media: 'screen' });
  await page.close();
});

test('plain Italian: sizes with a comma, the receipt requested, no blank frame, inline styles without errors', async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await choose(page, [sample(GENUINE)]);
  await settled(page, 1);
  await page.locator('.original > summary').click();
  assert.match(await page.locator('.attachment-meta').first().innerText(), /2,1 KB$/);
  // The receipt's original has an empty HTML body: no empty frame for it.
  assert.equal(await page.locator('.original iframe').count(), 0);
  await choose(page, [sample(ENVELOPE)]);
  await settled(page, 2);
  const envelope = page.locator('.result').first();
  assert.match(await envelope.locator('.facts').innerText(), /Ricevuta richiesta dal mittente\s+completa/);
  assert.match(await envelope.locator('.proof').innerText(), /non che il contenuto sia veritiero/);
  await envelope.locator('.original > summary').click();
  await envelope.locator('.sender-html > summary').click();
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const font = await frame.locator('span').first().evaluate((e) => getComputedStyle(e).fontFamily);
  assert.match(font, /Arial/, 'the mail\'s inline style applies in its frame');
  assert.deepEqual(errors, []);
  await page.close();
});

test('in English the title and description are English too', async () => {
  const page = await openPage(browser);
  await page.locator('.lang-switch').click();
  assert.equal(await page.title(), 'Verify a PEC receipt');
  assert.match(await page.locator('meta[name="description"]').getAttribute('content'), /^Check whether a PEC receipt/);
  await page.locator('.lang-switch').click();
  assert.equal(await page.title(), 'Verifica una ricevuta PEC');
  await page.close();
});
