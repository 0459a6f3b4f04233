// Bids in from Excel and the award report out: the import dialog with its diagnostics before anything is
// saved, the bids overview, the report's preview and export, and the open contracting data.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { browser, choose, click, demo, openFile, root, shot, type, waitForText } from '../harness.js';

/** Replaces the test-mode paths of the bids screen. */
async function typePaths(...paths) {
  const field = await browser.$('#bids-test-paths');
  await field.waitForExist({ timeout: 5000 });
  // WebKitWebDriver drops a newline typed with setValue, so the lines are set as the field's value.
  await browser.execute(
    (element, value) => {
      element.value = value;
      element.dispatchEvent(new Event('input', { bubbles: true }));
    },
    field,
    paths.join('\n'),
  );
}

async function importBids(...paths) {
  await typePaths(...paths);
  await click('#bids-import');
  await click('#import-choose');
  await (await browser.$('#import-status')).waitForExist({ timeout: 15000 });
}

test('a bid workbook with an error is refused with its cell, and the corrected one shows on the overview', async () => {
  // The screenshots of this area are taken at full HD, the consultant's usual screen.
  await browser.setWindowSize(1920, 1080);
  const dir = demo('files');
  execFileSync('python3', [
    path.join(root, 'e2e', 'fixtures', 'bid_workbooks.py'),
    path.join(dir, 'bid-lot1-sonoscanas.xlsx'),
    dir,
  ]);
  await choose('#lang', 'da');
  await openFile(path.join(dir, 'ultrasound-demo.tender'));
  await click('#nav-bids');
  await waitForText('#bids-overview', 'Sonoscan A/S');

  await importBids(path.join(dir, 'fjord.xlsx'), path.join(dir, 'nordlys-broken.xlsx'));
  await waitForText('#import-status', 'Intet er gemt');
  const diagnostics = await browser.$('#import-diagnostics');
  const listed = await diagnostics.getText();
  assert.match(listed, /nordlys-broken\.xlsx/);
  assert.match(listed, /Priser!E2/);
  assert.match(listed, /'ca\. 985\.000' er tekst i en talcelle/);
  assert.match(listed, /fjord\.xlsx\s+Ingen problemer fundet/);
  assert.equal(await (await browser.$('#import-confirm')).isExisting(), false, 'an error leaves nothing to confirm');
  await shot('files-01-import-diagnostics');
  await click('#import-close');
  assert.doesNotMatch(await (await browser.$('#bids-overview')).getText(), /Fjord Ultralyd/, 'nothing was saved');

  await importBids(path.join(dir, 'fjord.xlsx'), path.join(dir, 'nordlys.xlsx'));
  await waitForText('#import-status', '2 regneark indlæst');
  await click('#import-close');
  await waitForText('#bids-overview', 'Nordlys Medico ApS');
  const overview = await (await browser.$('#bids-overview')).getText();
  assert.match(overview, /Fjord Ultralyd A\/S/);
  assert.match(overview, /4 af 4 mindstekrav opfyldt/);
  assert.match(overview, /Konditionsmæssigt/);
  await shot('files-02-bids-overview');
});

test('a bid is rejected as abnormally low with the days of the § 169 request, and the rejection is withdrawn', async () => {
  const row = await browser.$('tr*=Fjord Ultralyd A/S');
  await (await row.$('button*=Afvis')).click();
  await (await browser.$('#reject-dialog')).waitForExist({ timeout: 5000 });
  await (await browser.$('#reject-reason')).setValue('Redegørelsen forklarer ikke serviceprisen.');
  await click('#reject-confirm');
  await waitForText('#reject-error', 'Angiv dagen, redegørelsen blev anmodet om.');
  // A date field takes its value as the browser's own picker would set it.
  await browser.execute((element) => {
    element.value = '2026-10-12';
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, await browser.$('#reject-requested'));
  await click('#reject-confirm');
  await (await browser.$('#reject-dialog')).waitForExist({ timeout: 5000, reverse: true });
  await waitForText('#bids-overview', 'anmodede den 12. oktober 2026');
  const rejected = await (await browser.$('tr*=Fjord Ultralyd A/S')).getText();
  assert.match(rejected, /Afvist/);
  assert.match(rejected, /Vurdering: Redegørelsen forklarer ikke serviceprisen\./);
  await shot('files-02b-bid-rejected');

  await (await (await browser.$('tr*=Fjord Ultralyd A/S')).$('button*=Træk afvisningen tilbage')).click();
  await browser.waitUntil(async () => !(await (await browser.$('#bids-overview')).getText()).includes('anmodede den'), {
    timeout: 5000,
    timeoutMsg: 'the withdrawn rejection is still shown',
  });
});

test('the selection result of a tenderer is recorded with its reasons, and the declared subcontracting is shown', async () => {
  const sonoscan = await (await browser.$('tr*=Sonoscan A/S')).getText();
  assert.match(sonoscan, /Underentreprise: 15 % til Medicoteknisk Service ApS/);
  assert.match(sonoscan, /Egnet/);
  const row = await browser.$('tr*=Fjord Ultralyd A/S');
  assert.match(await row.getText(), /Intet resultat af udvælgelsen registreret/);
  await (await row.$('button*=Registrér resultatet af udvælgelsen')).click();
  await (await browser.$('#select-dialog')).waitForExist({ timeout: 5000 });
  await click('#select-not-qualified');
  await click('#select-confirm');
  await waitForText('#select-error', 'Resultatet af udvælgelsen skal have ordregiverens begrundelse.');
  await (await browser.$('#select-reason')).setValue('Omsætningen er under det krævede minimum på 20 mio. kr.');
  await click('#select-confirm');
  await (await browser.$('#select-dialog')).waitForExist({ timeout: 5000, reverse: true });
  const recorded = await (await browser.$('tr*=Fjord Ultralyd A/S')).getText();
  assert.match(recorded, /Ikke egnet/);
  assert.match(recorded, /Omsætningen er under det krævede minimum på 20 mio\. kr\./);
  await shot('files-02c-selection');
});

test('the award report of the scored demo tender is previewed and exported with its letters', async () => {
  const dir = demo('report');
  await openFile(path.join(dir, 'ultrasound-demo.tender'));
  await click('#nav-report');
  await waitForText('#report-preview', 'Tildelingsrapport');
  await waitForText('#report-preview', 'Rangorden');
  await choose('#report-language', 'en');
  await waitForText('#report-preview', 'Award report');
  await waitForText('#report-letters', 'Sonoscan A/S');
  assert.match(await (await browser.$('#report-seal')).getText(), /^tenderbench seal \d+ [0-9a-f]{24}$/);

  const out = path.join(dir, 'exported');
  await (await browser.$('#report-test-path')).setValue(out);
  await click('#report-export');
  await waitForText('#report-result', 'award-report.pdf');
  const shown = await (await browser.$('#report-result')).getText();
  const pages = Number(/\((\d+) (?:sider|pages)\)/.exec(shown)?.[1]);
  const info = execFileSync('pdfinfo', [path.join(out, 'award-report.pdf')], { encoding: 'utf8' });
  assert.equal(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), pages, info);
  assert.ok(pages >= 5, `the demo report has its sections on several pages, not ${pages}`);
  assert.deepEqual(readdirSync(path.join(out, 'letters')).sort(), [
    'lot-1-echohealth-gmbh.pdf',
    'lot-1-medimaging-nordic-aps.pdf',
    'lot-1-sonoscan-a-s.pdf',
    'lot-1-ultralyd-danmark-a-s.pdf',
  ]);
  const award = execFileSync('pdftotext', [path.join(out, 'letters', 'lot-1-sonoscan-a-s.pdf'), '-'], {
    encoding: 'utf8',
  });
  assert.ok(award.includes('Notice of award'), `the winner is told of the award:\n${award}`);
  assert.ok(await (await browser.$('#report-open-folder')).isClickable());
  await shot('files-03-report');
});

test('the open contracting data is refused until the tender names its OCID prefix, then passes the validator', async () => {
  const dir = demo('open-data');
  await openFile(path.join(dir, 'ultrasound-demo.tender'));
  await click('#nav-report');
  const out = path.join(dir, 'exported');
  await (await browser.$('#report-test-path')).setValue(out);
  await click('#ocds-export');
  await waitForText('#ocds-error', 'ocid_prefix');
  assert.equal(existsSync(path.join(out, 'release-package.json')), false, 'a refused export writes nothing');

  await click('#nav-overview');
  await type('#field-ocid_prefix', 'OCDS-T3ND3R');
  await waitForText('#field-ocid_prefix-note', 'Gemt');
  assert.equal(await (await browser.$('#field-ocid_prefix')).getValue(), 'ocds-t3nd3r', 'stored as the registry lists it');
  await click('#nav-report');
  await (await browser.$('#report-test-path')).setValue(out);
  await click('#ocds-export');
  await waitForText('#ocds-result', 'ocds-t3nd3r-RSD-2026-0412');
  await waitForText('#ocds-result', 'tilbud: 4, tildelinger: 1');
  const validator = path.join(root, '.venv-ocds', 'bin', 'python');
  const verdict = execFileSync(validator, [path.join(root, 'tests', 'ocds', 'validate.py'), path.join(out, 'release-package.json')], {
    encoding: 'utf8',
  });
  assert.match(verdict, /valid: 0 problem\(s\) in 1 release\(s\)/);
  await shot('files-04-open-data');
});

test('the model step shows the published documents, takes a question by keyboard and exports the list without who asked', async () => {
  const dir = demo('documents');
  await openFile(path.join(dir, 'ultrasound-demo.tender'));
  await click('#nav-evaluation_model');
  await waitForText('#documents-published', 'SHA-256');
  assert.match(await (await browser.$('#document-0 summary')).getText(), /Tildelingskriterier og evaluering/);

  // The demo's tender deadline is 14 September 2026, so a question received on the 10th is too late.
  await browser.execute((element) => {
    element.value = '2026-09-10';
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, await browser.$('#question-received'));
  await (await browser.$('#question-from')).setValue('EchoHealth GmbH');
  await (await browser.$('#question-text')).setValue('Kan leveringstiden forlænges?');
  await browser.keys('Enter');
  await waitForText('#question-1', 'modtaget efter 7. september 2026');
  await waitForText('#questions-last-day', '7. september 2026');

  await browser.execute((element) => {
    element.value = '2026-09-11';
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, await browser.$('#answer-1-on'));
  await (await browser.$('#answer-1-text')).setValue('Nej, leveringstiden er 12 uger.');
  await browser.keys('Enter');
  await waitForText('#question-1', 'Nej, leveringstiden er 12 uger.');
  await shot('files-05-documents-and-questions');

  const out = path.join(dir, 'qa');
  await (await browser.$('#documents-test-path')).setValue(out);
  await click('#questions-export');
  await waitForText('#documents-written', 'questions-and-answers.pdf');
  const published = execFileSync('pdftotext', [path.join(out, 'questions-and-answers.pdf'), '-'], { encoding: 'utf8' });
  assert.match(published, /Kan leveringstiden forlænges\?/);
  assert.doesNotMatch(published, /EchoHealth/, 'the published list names no one');
});
