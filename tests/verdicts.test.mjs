// What each kind of file tells a user: the verdict in words, what a genuine message proves,
// why a tampered one fails, and what to drop instead of a file that is not a PEC message.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, drop, launch, openPage, outputDir, recordRequests, settled } from './browser.mjs';
import { GENUINE, TAMPERED, WEAK_KEY_WARNING, sample, samplesIn, weakKey } from './samples.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Verifies one file and returns its result card. */
async function verify(page, file) {
  await choose(page, [file]);
  await settled(page, 1);
  return page.locator('.result').first();
}

test('every shared real sample has its expected verdict and proof', () => {
  assert.deepEqual(GENUINE.map(([name]) => name).sort(), samplesIn('real').sort());
});

for (const [name, verdict, proof] of GENUINE) {
  test(`genuine ${name}: verdict and what it proves`, async () => {
    const page = await openPage(browser);
    const requests = recordRequests(page);
    const result = await verify(page, sample(`real/${name}`));
    assert.match(await result.locator('.verdict-title').innerText(), verdict);
    assert.equal(await result.locator('.proof h4').innerText(), 'Cosa prova');
    assert.match(await result.locator('.proof').innerText(), proof);
    if (weakKey(name)) {
      assert.match(await result.locator('.warnings').innerText(), WEAK_KEY_WARNING);
    } else {
      assert.equal(await result.locator('.warnings').count(), 0);
    }
    assert.deepEqual(requests, []);
    await page.close();
  });
}

test('the certified facts of a delivery receipt', async () => {
  const page = await openPage(browser);
  const facts = (await verify(page, sample('real/aruba-agidca1-consegna-completa.eml'))).locator('.facts');
  const text = await facts.innerText();
  for (const expected of [/Mittente\s+l\.battistini@pec\.it/, /l\.battistini@pec\.it casella PEC/,
    /Oggetto\s+IT03339130126_00009\.xml/, /13 novembre 2018 alle 16:39:27, ora italiana \(UTC\+1\)/,
    /Gestore\s+ARUBA PEC S\.p\.A\./, /opec288\.20181113163926\.01838\.310\.1\.63@pec\.aruba\.it/,
    /Message-ID originale\s+<1542123565/, /Tipo di ricevuta\s+completa/, /Consegnato a\s+l\.battistini@pec\.it/]) {
    assert.match(text, expected);
  }
  await page.close();
});

test('every tampered sample says the content was changed after signing, and proves nothing', async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  for (const name of samplesIn('tampered')) {
    await page.reload();
    const result = await verify(page, sample(`tampered/${name}`));
    assert.match(await result.locator('.verdict-title').innerText(), TAMPERED.title, name);
    assert.match(await result.locator('.verdict-detail').innerText(), TAMPERED.detail, name);
    assert.match(await result.locator('.proof').innerText(), TAMPERED.proof, name);
  }
  await page.close();
});

test('a receipt without its signature part says the signature is missing', async () => {
  const page = await openPage(browser);
  const result = await verify(page, sample('unverifiable/danzipie-go-pec-accettazione.eml'));
  assert.match(await result.locator('.verdict-title').innerText(), /Ricevuta PEC non autentica/);
  assert.match(await result.locator('.verdict-detail').innerText(), /firma del gestore è mancante o danneggiata/);
  await page.close();
});

test('unsigned headers that disagree with the signed data are named in a warning', async () => {
  const page = await openPage(browser);
  const result = await verify(page, sample('tampered/sogei-sdi-rewritten-as-normal-email.eml'));
  const warnings = await result.locator('.warnings').innerText();
  assert.match(warnings, /L'oggetto nell'intestazione \(non firmata\) è «Normal email», ma quello firmato è «POSTA CERTIFICATA: Invio File 7339338 \(SIMULAZIONE\)»/);
  assert.match(warnings, /X-Riferimento-Message-ID[\s\S]*some\.address\.it[\s\S]*pec\.fatturapa\.it/);
  await page.close();
});

test('an ordinary e-mail is explained, not verified', async () => {
  const page = await openPage(browser);
  const result = await verify(page, sample('unsigned/toniorusso-pec-parser-postacert.eml'));
  assert.match(await result.locator('.verdict').innerText(), /Non è un messaggio PEC[\s\S]*non porta la firma di un gestore PEC/);
  await page.close();
});

/** An mbox with a genuine receipt and, after it, an unsigned forgery that claims delivery. */
function withForgery() {
  const forged = 'From: posta-certificata@pec.aruba.it\nSubject: CONSEGNA: IT03339130126_00009.xml\n'
    + 'X-Ricevuta: avvenuta-consegna\nContent-Type: multipart/mixed; boundary="f"\n\n'
    + '--f\nContent-Type: text/plain\n\nConsegnato.\n'
    + '--f\nContent-Type: application/xml; name="daticert.xml"\n\n<postacert tipo="avvenuta-consegna"/>\n--f--\n';
  const bytes = Buffer.concat([
    Buffer.from('From posta-certificata@pec.aruba.it Tue Nov 13 16:40:00 2018\n'),
    sample('real/aruba-agidca1-accettazione.eml').bytes,
    Buffer.from(`\nFrom posta-certificata@pec.aruba.it Tue Nov 13 16:41:00 2018\n${forged}`),
  ]);
  return { name: 'ricevute.mbox', bytes };
}

test('an unsigned forgery beside a genuine receipt gets its own verdict', async () => {
  const page = await openPage(browser);
  const result = await verify(page, withForgery());
  const titles = await result.locator('.verdict-title').allInnerTexts();
  assert.deepEqual(titles, ['Ricevuta PEC autentica', 'Messaggio PEC non autentico']);
  const forged = result.locator('.message').nth(1);
  assert.equal(await forged.locator('.location').innerText(), 'messaggio 2 del file mbox');
  assert.match(await forged.locator('.verdict-detail').innerText(), /sembra un messaggio PEC, ma non porta la firma di un gestore/);
  // Nothing it claims is shown as what it proves.
  assert.equal(await forged.locator('.proof').count(), 0);
  await page.close();
});

test('a PDF is a print and random bytes are not e-mail: the page says to save the .eml instead', async () => {
  const page = await openPage(browser);
  const pdf = { name: 'ricevuta.pdf', bytes: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1') };
  const noise = { name: 'rumore.eml', bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)) };
  await drop(page, [pdf, noise]);
  await settled(page, 2);
  const verdict = (name) => page.locator('.result', { hasText: name }).locator('.verdict').innerText();
  assert.match(await verdict('ricevuta.pdf'),
    /Non è un messaggio PEC[\s\S]*Questo è un PDF o un'immagine: la stampa o la scansione di una ricevuta non si può verificare[\s\S]*come file \.eml/);
  assert.match(await verdict('rumore.eml'),
    /Non è un messaggio PEC[\s\S]*non è un messaggio di posta elettronica[\s\S]*salvala come file \.eml/);
  await page.close();
});

test('an empty file says it is empty', async () => {
  const page = await openPage(browser);
  const result = await verify(page, { name: 'vuoto.eml', bytes: Buffer.alloc(0) });
  assert.match(await result.locator('.verdict').innerText(), /Il file è vuoto/);
  await page.close();
});

test('several files at once: each its own result, newest first', async () => {
  const page = await openPage(browser);
  await drop(page, [sample('real/aruba-agidca1-accettazione.eml'), sample('tampered/sogei-sdi-edited-1.eml')]);
  await settled(page, 2);
  await drop(page, [sample('real/aruba-agidca1-consegna-completa.eml')]);
  await settled(page, 3);
  const names = await page.locator('.result .file-name').allInnerTexts();
  assert.deepEqual(names, ['aruba-agidca1-consegna-completa.eml', 'sogei-sdi-edited-1.eml', 'aruba-agidca1-accettazione.eml']);
  const verdicts = await page.locator('.result .verdict-title').allInnerTexts();
  assert.deepEqual(verdicts, ['Ricevuta PEC autentica', 'Messaggio PEC non autentico', 'Ricevuta PEC autentica']);
  await page.close();
});

test('screenshots of genuine, tampered and not-a-PEC results at phone and desktop width', async () => {
  const cases = [
    ['genuine', 'real/aruba-agidca1-consegna-completa.eml'],
    ['tampered', 'tampered/sogei-sdi-rewritten-as-normal-email.eml'],
    ['not-pec', 'unsigned/toniorusso-pec-parser-postacert.eml'],
    ['forgery-beside-genuine', withForgery()],
  ];
  for (const width of [360, 1280]) {
    for (const [label, path] of cases) {
      const page = await openPage(browser, { width, height: 800 });
      const result = await verify(page, typeof path === 'string' ? sample(path) : path);
      for (const details of await result.locator('details').all()) {
        await details.locator('summary').first().click();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${label} at ${width}px overflows by ${overflow}px`);
      await page.screenshot({ path: `${outputDir}/${label}-${width}.png`, fullPage: true });
      await page.close();
    }
  }
});
