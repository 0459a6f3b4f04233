// The category strategy and the requirements: answer a strategy section and see the Kraljic position, search
// the catalogue, add a parameterised requirement, reorder, delete and undo, and find it all after reopening.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { browser, choose, click, demo, openFile, runCli, shot, waitForText, work } from '../harness.js';

const tenderFile = path.join(work, 'strategy.tender');
const personalCatalogue = path.join(work, 'mit-katalog.json');

const $ = (selector) => browser.$(selector);

/**
 * Waits until the catalogue list shows `n` templates. Every template is listed before a search, so a template
 * can be found and clicked before the search's results arrive; the list then changes under the click.
 */
async function listShows(n) {
  const count = await $('#cat-count');
  await count.waitForExist({ timeout: 5000 });
  await browser.waitUntil(async () => (await count.getText()).startsWith(`${n} of `), {
    timeout: 5000,
    timeoutMsg: `the catalogue list never showed ${n} templates; it shows "${await count.getText()}"`,
  });
}

/** Drags one requirement onto another with the events a mouse drag fires; WebDriver cannot drag natively here. */
async function drag(fromId, toId) {
  await browser.execute(
    (from, to) => {
      const data = new DataTransfer();
      const fire = (element, type) =>
        element.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      const source = document.getElementById(from);
      const target = document.getElementById(to);
      fire(source, 'dragstart');
      fire(target, 'dragover');
      fire(target, 'drop');
      fire(source, 'dragend');
    },
    fromId,
    toId,
  );
}

async function firstRequirement() {
  return (await $('#req-list li')).getAttribute('id');
}

/** Creates a fresh tender with one lot and waits for the overview. */
async function createTender() {
  if (await (await $('#close')).isExisting()) await click('#close');
  await (await $('#test-path')).waitForExist({ timeout: 5000 });
  await choose('#lang', 'en');
  await (await $('#test-path')).setValue(tenderFile);
  await (await $('#new-title')).setValue('Smartphones');
  await (await $('#new-authority')).setValue('Region Syddanmark');
  await click('#create');
  await (await $('#new-lot')).waitForExist({ timeout: 5000 });
  await (await $('#new-lot')).setValue('Smartphones and tablets');
  await click('#add-lot');
  await (await $('[id^="lot-"][id$="-title"]')).waitForExist({ timeout: 5000 });
}

/** Chooses a 1–5 answer or a screening and waits for the app to say it is saved. */
async function answer(question, value) {
  await click(`#q-${question}-${value}`);
  await waitForText(`#q-${question}-note`, 'Saved');
}

test('a strategy section is answered, checked and placed in the Kraljic matrix', async () => {
  await browser.setWindowSize(1920, 1080);
  await createTender();
  await click('#nav-strategy');
  // A new tender still lacks fields: the note and its way to the overview stay on the wizard.
  await waitForText('#strategy-missing', 'Still to fill in');
  await waitForText('#section-progress', 'Section 1 of');
  await waitForText('#kraljic-quadrant', 'Answer at least one');

  await click('#section-tab-market');
  await waitForText('#section-progress', 'Section 2 of');
  // A number the core refuses shows its message; the corrected one is saved as it is typed.
  await (await $('#q-market-suppliers')).setValue('several');
  await waitForText('#q-market-suppliers-note', 'is answered with a number');
  await (await $('#q-market-suppliers')).setValue('4');
  await waitForText('#q-market-suppliers-note', 'Saved');
  await answer('market-concentration', '4');
  await waitForText('#section-progress', '2 of 6 answered');

  await click('#section-next');
  await waitForText('#section-title', 'Risks and supply security');
  await answer('risk-criticality', '5');
  await answer('risk-substitutes', '2');

  await click('#section-tab-importance');
  await answer('importance-core_service', '2');
  // Supply risk (4 + 5 + (6 − 2)) / 3 = 4.33 and profit impact 2, as the core computes them.
  await waitForText('#kraljic-quadrant', 'Supply risk 4.33, profit impact 2: Bottleneck');
  assert.equal(await (await $('rect.active')).getAttribute('data-quadrant'), 'bottleneck');
  assert.ok(await (await $('#kraljic-point')).isExisting());

  await click('#section-tab-sustainability');
  await click('#q-screening-repair-minimum');
  await waitForText('#q-screening-repair-note', 'needs a reason');
  await (await $('#q-screening-repair-reason')).setValue('Our technicians repair the phones');
  await browser.keys('Tab');
  await waitForText('#q-screening-repair-note', 'Saved');
  await click('#section-tab-market');
  await waitForText('#section-title', 'Market');
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === 'section-title');
  await (await $('h1')).scrollIntoView({ block: 'start' });
  await shot('catalogue-01-strategy-wizard');
});

test('the catalogue is searched in Danish and a template is added with N = 8 years', async () => {
  await click('#nav-requirements');
  await (await $('#cat-search')).waitForExist({ timeout: 5000 });
  await (await $('#cat-search')).setValue('reservedele smartphones');
  await listShows(3);
  await click('#tpl-LEV-008');
  await waitForText('#cat-preview', 'Spare parts for smartphones and tablets must be available');
  await waitForText('#cat-preview', 'Reservedele til smartphones');
  assert.equal(await (await $('#param-years')).getValue(), '7');
  await (await $('#param-years')).setValue('8');
  await click('#cat-add');
  await waitForText('#cat-added', 'Added as K-001');
  await waitForText('#req-K-001-text', 'at least 8 years');

  // Filters narrow the list: English words with the IT category still find the GPP template.
  await (await $('#cat-search')).setValue('spare parts');
  await listShows(14);
  await choose('#cat-category', 'it');
  await listShows(7);
  await click('#tpl-LEV-007');
  await click('#cat-add');
  await waitForText('#cat-added', 'Added as K-002');
  // The repair screening proposes templates from the catalogue.
  await (await $('#proposals li')).waitForExist({ timeout: 5000 });
  await (await $('h1')).scrollIntoView({ block: 'start' });
  await shot('catalogue-02-browser');
});

test('requirements are reordered, edited, deleted with undo and saved to a personal catalogue', async () => {
  await click('#req-K-002-up');
  await browser.waitUntil(async () => (await (await $('#req-list li')).getAttribute('id')) === 'req-K-002', {
    timeoutMsg: 'K-002 did not move to the top',
  });
  // The moved requirement keeps the focus (on its ↓ button, ↑ being disabled at the top), so the keyboard
  // can move it on.
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === 'req-K-002-down', {
    timeoutMsg: 'the focus did not stay on the moved requirement',
  });
  await browser.keys(['Alt', 'ArrowDown']);
  await browser.waitUntil(async () => (await (await $('#req-list li')).getAttribute('id')) === 'req-K-001', {
    timeoutMsg: 'Alt+ArrowDown did not move K-002 back down',
  });

  await choose('#req-K-001-kind', 'award');
  await click('#req-K-001-edit');
  await (await $('#req-K-001-title_en')).setValue('Spare parts for phones');
  await click('#req-K-001-save');
  await waitForText('#req-K-001', 'Spare parts for phones');

  await click('#req-K-002-delete');
  await waitForText('#undo-bar', 'Deleted K-002');
  assert.equal(await (await $('#req-K-002')).isExisting(), false);
  await click('#undo-delete');
  await (await $('#req-K-002')).waitForExist({ timeout: 5000 });
  assert.equal(await (await $('#undo-bar')).isExisting(), false);

  await drag('req-K-002', 'req-K-001');
  await browser.waitUntil(async () => (await firstRequirement()) === 'req-K-002', { timeoutMsg: 'drag did not move K-002' });
  await drag('req-K-001', 'req-K-002');
  await browser.waitUntil(async () => (await firstRequirement()) === 'req-K-001', { timeoutMsg: 'drag did not move K-001' });

  await (await $('#catalogue-test-path')).setValue(personalCatalogue);
  await click('#req-K-001-keep');
  await (await $('#keep-id')).setValue('MIN-RESERVEDELE');
  await click('#keep-it');
  await click('#keep-save');
  await waitForText('#catalogue-saved', 'version 2, templates: 1');
  assert.ok(existsSync(personalCatalogue));
  assert.match(readFileSync(personalCatalogue, 'utf8'), /mindst 8 år/);
  // The personal catalogue is browsed like the built-in one, from the same test-mode path.
  await click('#cat-personal');
  await (await $('#tpl-MIN-RESERVEDELE')).waitForExist({ timeout: 5000 });
  await waitForText('#cat-count', '1 of 1 templates');
  await click('#cat-builtin');
  await waitForText('#cat-count', 'of 122 templates');
  await (await $('#req-list')).scrollIntoView({ block: 'start' });
  await shot('catalogue-03-requirement-list');
});

test('after closing and reopening, the answers and the requirement with N = 8 are as left', async () => {
  await openFile(tenderFile);
  await click('#nav-strategy');
  await click('#section-tab-market');
  await (await $('#q-market-concentration-4')).waitForExist({ timeout: 5000 });
  assert.equal(await (await $('#q-market-concentration-4')).isSelected(), true);
  assert.equal(await (await $('#q-market-suppliers')).getValue(), '4');
  await waitForText('#kraljic-quadrant', 'Bottleneck');
  await click('#section-tab-sustainability');
  assert.equal(await (await $('#q-screening-repair-reason')).getValue(), 'Our technicians repair the phones');

  await click('#nav-requirements');
  await waitForText('#req-K-001-text', 'at least 8 years');
  await waitForText('#req-K-001', 'Spare parts for phones');
  assert.equal(await (await $('#req-K-001-kind')).getValue(), 'award');
  const order = [];
  for (const li of await browser.$$('#req-list > li')) order.push(await li.getAttribute('id'));
  assert.deepEqual(order, ['req-K-001', 'req-K-002']);
});

test('the suggested weights go into an unpublished model, and a published one refuses them', async () => {
  const file = path.join(demo('strategy-demo'), 'ultrasound-demo.tender');
  // Lot 1's model is published (locked); lot 2 gets an unpublished model with a price and a quality criterion.
  const model = path.join(work, 'lot2-model.json');
  writeFileSync(
    model,
    JSON.stringify({
      scale: { min: '0', max: '10' },
      award_method: 'best_price_quality',
      criteria: [
        { id: 'PRIS', name: 'Pris', weight: '50', price: { model: 'linear_fixed', full_points_at: '1000000', zero_points_at: '2000000' } },
        { id: 'KVALITET', name: 'Kvalitet', weight: '50', children: [{ id: 'KV-1', name: 'Brugervenlighed', weight: '100' }] },
      ],
    }),
  );
  runCli('import-model', file, model, '--lot', '2');
  await openFile(file);
  await click('#nav-strategy');
  // Ratings 5, 3, 2, 1 give 46, 27, 18 and 9 % by the core's largest-remainder rule.
  await waitForText('#weight-quality', '46 %');
  await waitForText('#weight-supply_security', '9 %');
  await waitForText('#weights', 'The model is published and locked');
  await waitForText('#kraljic-quadrant', 'Strategic');

  // The core guessed quality → KVALITET and efficiency → PRIS; sustainability and supply security go to
  // KVALITET too, so KVALITET gets 46 + 18 + 9 = 73 and PRIS 27.
  const lot2 = (await (await $('[id^="accept-weights-"]')).getAttribute('id')).replace('accept-weights-', '');
  assert.equal(await (await $(`#target-${lot2}-quality`)).getValue(), 'KVALITET');
  assert.equal(await (await $(`#target-${lot2}-efficiency`)).getValue(), 'PRIS');
  await choose(`#target-${lot2}-sustainability`, 'KVALITET');
  await choose(`#target-${lot2}-supply_security`, 'KVALITET');
  await click(`#accept-weights-${lot2}`);
  await waitForText('#weights', 'The weights are now in the evaluation model.');
  await waitForText(`#target-${lot2}-quality option[value="KVALITET"]`, 'KVALITET Kvalitet (73)');
  await waitForText(`#target-${lot2}-quality option[value="PRIS"]`, 'PRIS Pris (27)');
});
