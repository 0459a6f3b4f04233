// The core's refusals in the language of the window: a tender field, the panel and a number the app
// cannot read are each refused in Danish when the window speaks Danish.

import path from 'node:path';
import { test } from 'node:test';
import { browser, choose, click, demo, openFile, shot, type, waitForText } from '../harness.js';

test('three different refusals are shown in Danish in the Danish window', async () => {
  const tenderFile = path.join(demo('messages'), 'ultrasound-demo.tender');
  await choose('#lang', 'da');
  await openFile(tenderFile);

  // A tender field the core refuses.
  await type('#field-cpv_codes', '3311');
  await waitForText('#field-cpv_codes-note', "'3311' er ikke en CPV-kode som 33112200-0.");

  // An evaluator whose name the panel already has.
  await click('#nav-scoring');
  await (await browser.$('#panel summary')).waitForExist({ timeout: 5000 });
  if (!(await (await browser.$('#new-evaluator-name')).isDisplayed())) await (await browser.$('#panel summary')).click();
  await (await browser.$('#new-evaluator-name')).setValue('Birgit Sørensen');
  await click('#add-evaluator');
  await waitForText('#panel-error', 'Der findes allerede en bedømmer med navnet Birgit Sørensen.');

  // A weight the app cannot read as a number, in lot 2, whose model is not published.
  await click('#nav-evaluation_model');
  await (await browser.$('#lot-picker')).waitForExist({ timeout: 5000 });
  await (await browser.$('#lot-picker')).selectByIndex(1);
  await (await browser.$('#model-lock')).waitForExist({ timeout: 5000 });
  await (await browser.$('#new-criterion-code')).setValue('PRIS');
  await (await browser.$('#new-criterion-name')).setValue('Pris');
  await (await browser.$('#new-criterion-weight')).setValue('fyrre');
  await click('#add-criterion');
  await waitForText('#model-error', "PRIS: 'fyrre' er ikke et tal.");
  await shot('messages-01-danish-refusal');
});
