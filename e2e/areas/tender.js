// The tender file itself: create, edit, reopen, refuse a newer file, and the Danish formats.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { browser, choose, openFile, shot, type, waitForText, work } from '../harness.js';

const tenderFile = path.join(work, 'scanners.tender');

test('a tender created in the app keeps its edited title after closing and reopening', async () => {
  await (await browser.$('#test-path')).waitForExist({ timeout: 10000 });
  await choose('#lang', 'en');
  await (await browser.$('#test-path')).setValue(tenderFile);
  await (await browser.$('#new-title')).setValue('Scanners');
  await (await browser.$('#new-authority')).setValue('Region Syddanmark');
  await (await browser.$('#create')).click();

  const title = await browser.$('#field-title');
  await title.waitForExist({ timeout: 5000 });
  assert.equal(await title.getValue(), 'Scanners');
  await type('#field-title', 'Ultrasound scanners');
  await waitForText('#field-title-note', 'Saved');
  await shot('01-title-edited');

  await openFile(tenderFile);
  await (await browser.$('#field-title')).waitForExist({ timeout: 5000 });
  assert.equal(await (await browser.$('#field-title')).getValue(), 'Ultrasound scanners');
  await shot('02-reopened');
});

test('a file from a newer Tenderbench is refused with the "too new" message', async () => {
  // The format version is the SQLite header's user_version, a big-endian integer at byte 60.
  const bytes = readFileSync(tenderFile);
  bytes.writeInt32BE(99, 60);
  const newer = path.join(work, 'newer.tender');
  writeFileSync(newer, bytes);

  await openFile(newer);
  await waitForText('#start-error', 'newer version of Tenderbench');
  await shot('03-too-new');
});

test('switching to Danish shows Danish labels, amounts and dates', async () => {
  await choose('#lang', 'da');
  await waitForText('h1', 'Evaluér et udbud');
  assert.equal(await (await browser.$('#open')).getText(), 'Åbn udbudsfil…');

  await openFile(tenderFile);
  await waitForText('#nav-strategy', 'Strategi');
  await type('#field-estimated_value', '1234567,89');
  await waitForText('#field-estimated_value-note', '1.234.567,89 kr.');
  await type('#field-bid_deadline', '2026-11-22');
  await waitForText('#field-bid_deadline-note', '22. november 2026');
  await type('#field-currency', 'kr');
  await waitForText('#field-currency-note', 'er ikke en valutakode');
  await shot('04-danish');
});
