// The evaluation in the meeting room: building a model in the editor, the panel's declarations, scoring by
// keyboard with undo, the projector view, and the results beside `tenderbench evaluate` on the same file.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { browser, choose, demo, openFile, runCli, shot, waitForText } from '../harness.js';

const tenderFile = path.join(demo('evaluation'), 'ultrasound-demo.tender');

/**
 * `tenderbench evaluate` on a copy of the tender file: the app holds the file itself locked, and the file
 * on disk is complete after every saved edit, so a copy is what the CLI would see.
 */
function evaluate() {
  const copy = `${tenderFile}.copy.tender`;
  copyFileSync(tenderFile, copy);
  return JSON.parse(runCli('evaluate', copy, '--lot', '1'));
}

/** The rows of a table as arrays of cell texts. */
async function rows(selector) {
  const table = await browser.$(selector);
  await table.waitForExist({ timeout: 5000 });
  const out = [];
  for (const row of await table.$$('tbody tr')) {
    const cells = [];
    for (const cell of await row.$$('th, td')) cells.push((await cell.getText()).trim());
    out.push(cells);
  }
  return out;
}

async function go(step) {
  await (await browser.$(`#nav-${step}`)).click();
}

test('a model built in the editor shows the engine’s leaf weights, its warnings and a price curve', async () => {
  await choose('#lang', 'en');
  await openFile(tenderFile);
  await go('evaluation_model');
  // Lot 2 of the demo has no model yet.
  await (await browser.$('#lot-picker')).waitForExist({ timeout: 5000 });
  await (await browser.$('#lot-picker')).selectByIndex(1);
  await (await browser.$('#model-lock')).waitForExist({ timeout: 5000 });

  const add = async (code, name, weight, parent) => {
    if (parent) await (await browser.$(`#add-sub-${parent}`)).click();
    await (await browser.$('#new-criterion-code')).setValue(code);
    await (await browser.$('#new-criterion-name')).setValue(name);
    await (await browser.$('#new-criterion-weight')).setValue(weight);
    await (await browser.$('#add-criterion')).click();
    await (await browser.$(`#weight-${code}`)).waitForExist({ timeout: 5000 });
  };
  // The price leaf first: under best price-quality the engine refuses a tree without one, and shows no
  // leaf weights until it can evaluate the model.
  await add('PRICE', 'Price', '40');
  // Until then the engine says why, in the language of the window.
  await waitForText('#model-problems', 'best_price_quality needs a price leaf');
  await choose('#lang', 'da');
  await waitForText('#model-problems', 'bedste forhold mellem pris og kvalitet kræver et kriterium med en prismodel');
  await choose('#lang', 'en');
  await choose('#price-model-PRICE', 'linear_fixed');
  await (await browser.$('#full-PRICE')).waitForExist({ timeout: 5000 });
  await (await browser.$('#full-PRICE')).setValue('1000000');
  await browser.keys('Tab');
  await (await browser.$('#zero-PRICE')).setValue('2000000');
  await browser.keys('Tab');
  await (await browser.$('#curve-PRICE')).waitForExist({ timeout: 5000 });
  await add('QUALITY', 'Quality', '60');
  await add('Q1', 'Image quality', '70', 'QUALITY');
  await add('Q2', 'Service', '30', 'QUALITY');
  await waitForText('#leaf-PRICE', '40 %');
  await waitForText('#leaf-Q1', '42 %');
  await waitForText('#leaf-Q2', '18 %');

  // A top level that no longer adds up to 100 is flagged, and the leaf weights follow.
  const quality = await browser.$('#weight-QUALITY');
  await quality.setValue('50');
  await browser.keys('Tab');
  await waitForText('#level-warning-top', 'add up to 90');
  await waitForText('#leaf-PRICE', '44.44 %');
  await shot('10-model-editor');

  // Lot 2 cannot be published any more: the demo's bid deadline, 14 September 2026, has passed.
  await (await browser.$('#model-lock')).click();
  await waitForText('#model-error', 'after the bid deadline (14 September 2026)');

  // Lot 1 was published before its bids came in. Its model cannot be edited; unlocking it needs a reason
  // and, since the bids are in, a second confirmation.
  await (await browser.$('#lot-picker')).selectByIndex(0);
  await (await browser.$('#model-unlock')).waitForExist({ timeout: 5000 });
  assert.equal(await (await browser.$('#weight-PRIS')).isEnabled(), false, 'a published model cannot be edited');
  await (await browser.$('#model-unlock')).click();
  await waitForText('#model-error', 'needs a reason');
  await (await browser.$('#unlock-reason')).setValue('Corrigendum 1 changes the quality weight');
  await (await browser.$('#model-unlock')).click();
  await waitForText('#model-error', 'needs a second confirmation');
  await (await browser.$('#model-unlock-confirm')).click();
  await (await browser.$('#model-lock')).waitForExist({ timeout: 5000 });
});

test('an evaluator declares before scoring, and a keyboard score moves the totals and is undone', async () => {
  await go('scoring');
  // Everyone in the demo's panel has declared, so the panel starts folded.
  await (await browser.$('#panel summary')).waitForExist({ timeout: 5000 });
  if (!(await (await browser.$('#new-evaluator-name')).isDisplayed())) await (await browser.$('#panel summary')).click();
  await (await browser.$('#new-evaluator-name')).setValue('Karin Lund');
  await (await browser.$('#new-evaluator-role')).setValue('Sonographer');
  await (await browser.$('#add-evaluator')).click();
  await waitForText('#panel', 'Karin Lund');
  const option = async () => (await browser.$('#layer')).$('option=Karin Lund (no declaration yet)');
  assert.equal(await (await option()).isEnabled(), false, 'an undeclared evaluator cannot be chosen to score');
  const row = await browser.$('tr*=Karin Lund');
  await (await row.$('button*=Declare no conflict')).click();
  await (await (await browser.$('#layer')).$('option=Karin Lund')).waitForExist({ timeout: 5000 });

  // The grid's first two rows are the demo's measured requirements, scored by their functions; T-01 is
  // the third.
  const before = await rows('#totals');
  await (await browser.$('#cell-2-0')).click();
  await browser.keys(['0', 'Enter']);
  await browser.waitUntil(async () => JSON.stringify(await rows('#totals')) !== JSON.stringify(before), {
    timeout: 5000,
    timeoutMsg: 'the totals did not change after a score was typed',
  });
  assert.equal(await (await browser.$('#cell-2-0')).getText(), '0');
  await shot('11-scoring');

  await (await browser.$('#cell-3-0')).click();
  await browser.keys(['Control', 'z']);
  await browser.keys('Control');
  await browser.waitUntil(async () => JSON.stringify(await rows('#totals')) === JSON.stringify(before), {
    timeout: 5000,
    timeoutMsg: 'undo did not restore the totals',
  });
});

test('a consensus score is refused without the panel’s justification and saved with it', async () => {
  await (await browser.$('#layer')).selectByIndex(0);
  await (await browser.$('#cell-2-0')).click();
  const justification = await browser.$('#justification');
  await justification.waitForExist({ timeout: 5000 });
  const agreed = await (await browser.$('#cell-2-0')).getText();
  assert.notEqual(await justification.getValue(), '', 'the demo’s consensus score shows its justification');
  // Emptied by keyboard, as the consultant would: the field saves what is typed into it.
  await justification.click();
  await browser.keys(['Control', 'a']);
  await browser.keys('Control');
  await browser.keys('Backspace');
  await (await browser.$('#cell-2-0')).click();
  await browser.keys(['9', 'Enter']);
  await waitForText('#scoring-error', "needs the panel's justification");
  assert.equal(await (await browser.$('#cell-2-0')).getText(), agreed, 'the refused score was not saved');

  await justification.setValue('The panel agreed on 9 after the second test scan.');
  await (await browser.$('#cell-2-0')).click();
  await browser.keys(['9', 'Enter']);
  await browser.waitUntil(async () => (await (await browser.$('#cell-2-0')).getText()).trim() === '9', {
    timeout: 5000,
    timeoutMsg: 'the justified consensus score was not saved',
  });
  await (await browser.$('#scoring-error')).waitForExist({ timeout: 5000, reverse: true });
  await browser.keys(['Control', 'z']);
  await browser.keys('Control');
  await browser.waitUntil(async () => (await (await browser.$('#cell-2-0')).getText()).trim() === agreed.trim(), {
    timeout: 5000,
    timeoutMsg: 'undo did not restore the agreed score',
  });
});

test('the projector hides prices until revealed and never shows an evaluator', async () => {
  await (await browser.$('#cell-0-0')).click();
  await browser.keys('F5');
  const projector = await browser.$('#projector');
  await projector.waitForExist({ timeout: 5000 });
  await (await browser.$('#prices-hidden')).waitForExist({ timeout: 5000 });
  const hidden = await projector.getText();
  for (const name of ['Lene Bach', 'Jonas Holm', 'Birgit Sørensen', 'Karin Lund']) {
    assert.ok(!hidden.includes(name), `the projector shows evaluator ${name}`);
  }
  assert.ok(!/kr\.|DKK/.test(hidden), `the projector shows a price before it is revealed: ${hidden}`);
  await shot('12-projector-prices-hidden');

  await (await browser.$('#reveal-prices')).click();
  await browser.waitUntil(async () => /DKK|kr\./.test(await projector.getText()), {
    timeout: 5000,
    timeoutMsg: 'the prices were not shown after revealing them',
  });
  const revealed = await projector.getText();
  for (const name of ['Lene Bach', 'Jonas Holm', 'Birgit Sørensen', 'Karin Lund']) {
    assert.ok(!revealed.includes(name), `the projector shows evaluator ${name}`);
  }
  await shot('13-projector-prices-revealed');
  await browser.keys('Escape');
  await projector.waitForExist({ timeout: 5000, reverse: true });
});

test('the projector window on a second screen follows the consultant’s grid', async () => {
  const main = await browser.getWindowHandle();
  await (await browser.$('#open-projector-window')).click();
  await (await browser.$('#projector-window-note')).waitForExist({ timeout: 5000 });
  await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, {
    timeout: 10000,
    timeoutMsg: 'no projector window opened',
  });
  const projector = (await browser.getWindowHandles()).find((h) => h !== main);
  await browser.switchToWindow(projector);
  await browser.setWindowSize(1920, 1080);
  await waitForText('#projector-window', 'Prices are hidden');
  const first = await (await browser.$('#projector-window')).getText();
  for (const name of ['Lene Bach', 'Jonas Holm', 'Birgit Sørensen', 'Karin Lund']) {
    assert.ok(!first.includes(name), `the projector window shows evaluator ${name}`);
  }
  await shot('15-projector-window');

  // The consultant moves on and reveals the prices from their own window; the wall follows.
  await browser.switchToWindow(main);
  await (await browser.$('#cell-0-0')).click();
  await browser.keys('ArrowDown');
  await (await browser.$('#reveal-prices-window')).click();
  await browser.switchToWindow(projector);
  await browser.waitUntil(async () => /DKK|kr\./.test(await (await browser.$('#projector-window')).getText()), {
    timeout: 5000,
    timeoutMsg: 'the projector window did not show the revealed prices',
  });
  const second = await (await browser.$('#projector-window')).getText();
  assert.notEqual(second.split('\n')[0], first.split('\n')[0], 'the projector window did not follow the row');
  await shot('16-projector-window-prices');
  await browser.closeWindow();
  await browser.switchToWindow(main);
});

test('the results screen ranks as `tenderbench evaluate` does, with robustness and what-if', async () => {
  const cli = evaluate();
  await go('result');
  const shown = await rows('#ranking');
  assert.deepEqual(
    shown.map((r) => [r[0], r[1]]),
    cli.ranking.map((b) => [String(b.rank), b.bid]),
  );
  // The screen shows the core's total rounded half away from zero to 2 decimals.
  for (const [i, bid] of cli.ranking.entries()) {
    const rounded = (Math.round(Number(bid.total) * 100) / 100).toString();
    assert.equal(shown[i][2], rounded, `total of ${bid.bid}`);
  }

  await (await browser.$('#run-robustness')).scrollIntoView();
  await (await browser.$('#run-robustness')).click();
  await (await browser.$('#weight-ranges li')).waitForExist({ timeout: 15000 });
  await (await browser.$('#win-shares li')).waitForExist({ timeout: 5000 });

  // Dragging the price weight up and the others down makes the bid with the most price points win, and
  // saves nothing.
  await browser.execute(() => {
    for (const slider of document.querySelectorAll('#what-if input[type=range]')) {
      slider.value = slider.id === 'what-if-PRIS' ? '100' : '1';
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  const cheapest = [...cli.ranking].sort((a, b) => Number(b.points.PRIS) - Number(a.points.PRIS))[0].bid;
  await browser.waitUntil(async () => (await rows('#ranking'))[0][1] === cheapest, {
    timeout: 5000,
    timeoutMsg: `with the price weight at 100, ${cheapest} did not come first`,
  });
  await shot('14-results');
  assert.deepEqual(evaluate().ranking.map((b) => b.bid), cli.ranking.map((b) => b.bid), 'what-if saved its weights');
});

test('before the prices are opened no price, life-cycle cost or price point shows, and opening them is logged', async () => {
  const sealedFile = path.join(demo('sealed', '--stage', 'quality-agreed'), 'ultrasound-demo.tender');
  await openFile(sealedFile);
  const money = /kr\.|DKK/;
  const page = async () => (await browser.$('main')).getText();

  await go('bids');
  await waitForText('#bids-overview', 'Sonoscan A/S');
  assert.match(await (await browser.$('#bids-overview')).getText(), /Sealed/);
  assert.doesNotMatch(await page(), money, 'the bids screen shows a price while the prices are sealed');
  await go('scoring');
  await waitForText('#totals-heading', 'Quality points (prices sealed)');
  assert.doesNotMatch(await page(), money, 'the scoring screen shows a price while the prices are sealed');
  await go('result');
  await waitForText('#results-sealed', 'The prices of the lot are sealed');
  assert.doesNotMatch(await page(), money, 'the results screen shows a price while the prices are sealed');
  assert.match(await (await browser.$('#nav-result')).getText(), /In progress/, 'no result while the prices are sealed');
  await shot('15-prices-sealed');

  await go('scoring');
  await (await browser.$('#open-prices')).waitForExist({ timeout: 5000 });
  await (await browser.$('#open-prices')).click();
  await waitForText('#totals-heading', 'Totals');
  await go('bids');
  await waitForText('#bids-overview', 'DKK');
  await go('result');
  await (await browser.$('#ranking')).waitForExist({ timeout: 5000 });

  const copy = `${sealedFile}.copy.tender`;
  copyFileSync(sealedFile, copy);
  const logged = execFileSync(
    'python3',
    ['-c', 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT entity, new_value FROM audit_log WHERE field = \'prices revealed\'").fetchall())', copy],
    { encoding: 'utf8' },
  );
  assert.match(logged, /lot 1.*every consensus score agreed/);
});
