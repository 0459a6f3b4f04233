// Tests in the real Tenderbench window: the built app under X (Xvfb in CI), driven over WebDriver by
// tauri-driver and WebKitWebDriver. Run through scripts/app-test.sh, which builds the app first.
//
// TENDERBENCH_E2E=1 makes the start screen take file paths from a text field instead of the OS dialogs,
// which WebDriver cannot reach. XDG_CONFIG_HOME points at a scratch folder so the recent list of the
// person running the tests is left alone.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const application = path.resolve(process.env.TENDERBENCH_APP ?? path.join(targetDir, 'debug', 'tenderbench-app'));
const artifacts = path.join(root, 'artifacts');
const screenshots = path.join(artifacts, 'screenshots');
const work = mkdtempSync(path.join(tmpdir(), 'tenderbench-e2e-'));
const PORT = 4444;

let driver;
let browser;

async function waitForDriver() {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/status`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('tauri-driver did not start within 10 s');
}

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  const log = openSync(path.join(artifacts, 'tauri-driver.log'), 'w');
  driver = spawn(path.join(root, 'e2e', 'node_modules', '.bin', 'tauri-driver'), ['--port', String(PORT)], {
    stdio: ['ignore', log, log],
    env: { ...process.env, TENDERBENCH_E2E: '1', XDG_CONFIG_HOME: path.join(work, 'config') },
  });
  await waitForDriver();
  browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'error',
    capabilities: { 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application } },
  });
});

after(async () => {
  await browser?.deleteSession();
  driver?.kill();
});

const shot = (name) => browser.saveScreenshot(path.join(screenshots, `${name}.png`));

/** Types into an input and leaves it, which is when the app saves. */
async function type(selector, value) {
  const input = await browser.$(selector);
  await input.setValue(value);
  await browser.keys('Tab');
}

async function waitForText(selector, expected) {
  const element = await browser.$(selector);
  await element.waitForExist({ timeout: 5000 });
  await browser.waitUntil(async () => (await element.getText()).includes(expected), {
    timeout: 5000,
    timeoutMsg: `${selector} never showed "${expected}"; it shows "${await element.getText()}"`,
  });
}

async function openFile(file) {
  if (await (await browser.$('#close')).isExisting()) await (await browser.$('#close')).click();
  await (await browser.$('#test-path')).waitForExist({ timeout: 5000 });
  await (await browser.$('#test-path')).setValue(file);
  await (await browser.$('#open')).click();
}

const tenderFile = path.join(work, 'scanners.tender');

test('a tender created in the app keeps its edited title after closing and reopening', async () => {
  await (await browser.$('#test-path')).waitForExist({ timeout: 10000 });
  await (await browser.$('#lang')).selectByAttribute('value', 'en');
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
  await (await browser.$('#lang')).selectByAttribute('value', 'da');
  await waitForText('h1', 'Evaluér et udbud');
  assert.equal(await (await browser.$('#open')).getText(), 'Åbn udbudsfil…');

  await openFile(tenderFile);
  await waitForText('#nav-strategy', 'Strategi');
  await type('#field-estimated_value', '1234567,89');
  await waitForText('#field-estimated_value-note', '1.234.567,89 kr.');
  await type('#field-bid_deadline', '2026-11-22');
  await waitForText('#field-bid_deadline-note', '22. november 2026');
  await type('#field-currency', 'kr');
  await waitForText('#field-currency-note', 'Skriv en valutakode');
  await shot('04-danish');
});
