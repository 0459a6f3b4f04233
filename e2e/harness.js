// Starts the real Tenderbench window under tauri-driver and WebKitWebDriver once for the whole suite, and
// holds the helpers the area modules in areas/ share.
//
// TENDERBENCH_E2E=1 makes the start screen take file paths from a text field instead of the OS dialogs,
// which WebDriver cannot reach. XDG_CONFIG_HOME points at a scratch folder so the recent list of the
// person running the tests is left alone. E2E_PORT moves the driver's two ports (E2E_PORT and the next one),
// so two checkouts can run their suites at the same time.

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const application = path.resolve(process.env.TENDERBENCH_APP ?? path.join(targetDir, 'debug', 'tenderbench-app'));
/** The command-line binary built beside the app, used to prepare fixture tenders and to compare results. */
export const cli = path.join(path.dirname(application), 'tenderbench');
const artifacts = path.join(root, 'artifacts');
const screenshots = path.join(artifacts, 'screenshots');
/** A scratch folder for this run's files. */
export const work = mkdtempSync(path.join(tmpdir(), 'tenderbench-e2e-'));
const PORT = Number(process.env.E2E_PORT ?? 4444);

let driver;
/** The WebDriver session on the app window; set before the first test runs. */
export let browser;

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
  mkdirSync(path.join(screenshots, 'after'), { recursive: true });
  const log = openSync(path.join(artifacts, 'tauri-driver.log'), 'w');
  const ports = ['--port', String(PORT), '--native-port', String(PORT + 1)];
  driver = spawn(path.join(root, 'e2e', 'node_modules', '.bin', 'tauri-driver'), ports, {
    stdio: ['ignore', log, log],
    env: { ...process.env, TENDERBENCH_E2E: '1', XDG_CONFIG_HOME: path.join(work, 'config') },
  });
  await waitForDriver();
  browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'error',
    // Every command answers within a second or two; one that has not answered in 30 s has hung, and is
    // not retried: waiting the default two minutes three times over would stall the whole suite.
    connectionRetryTimeout: 30000,
    connectionRetryCount: 0,
    capabilities: { 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application } },
  });
  // The size of the projected screen in a meeting room, which the screenshots are kept at.
  await browser.setWindowSize(1920, 1080);
});

// The window as each test left it, so a failure can be seen as well as read.
afterEach(async (t) => {
  const name = t.name.replace(/[^\w]+/g, '-').slice(0, 60);
  if (browser) await screenshot(path.join(screenshots, 'after', `${name}.png`)).catch(() => {});
});

after(async () => {
  await browser?.deleteSession();
  driver?.kill();
});

export const shot = (name) => screenshot(path.join(screenshots, `${name}.png`));

/**
 * Saves a screenshot of the window in focus. WebKitWebDriver takes it after the page's next rendering
 * update, and where the app runs without compositing (no GPU, as under Xvfb) a page at rest has none: so
 * the page repaints one almost transparent pixel on every frame until the screenshot is in.
 */
async function screenshot(file) {
  await browser.execute(() => {
    const pixel = document.createElement('div');
    pixel.id = 'e2e-repaint';
    pixel.style.cssText = 'position: fixed; left: 0; top: 0; width: 1px; height: 1px; opacity: 0.01; pointer-events: none';
    document.body.append(pixel);
    let frame = 0;
    const paint = () => {
      if (!pixel.isConnected) return;
      pixel.style.background = frame++ % 2 ? '#000' : '#fff';
      requestAnimationFrame(paint);
    };
    requestAnimationFrame(paint);
  });
  try {
    await browser.saveScreenshot(file);
  } finally {
    await browser.execute(() => document.getElementById('e2e-repaint')?.remove());
  }
}

/** Types into an input and leaves it, which is when the app saves. */
export async function type(selector, value) {
  const input = await browser.$(selector);
  await input.setValue(value);
  await browser.keys('Tab');
}

/**
 * An element ready for a person's click: in view and clickable. WebKitWebDriver does not reliably scroll an
 * element below the fold into view before clicking it (or, for a select, its option).
 */
async function inView(selector) {
  const element = await browser.$(selector);
  await element.waitForExist({ timeout: 5000 });
  await element.scrollIntoView({ block: 'center' });
  await element.waitForClickable({ timeout: 5000 });
  return element;
}

export async function click(selector) {
  await (await inView(selector)).click();
}

/** Picks the option with the given value in a select. */
export async function choose(selector, value) {
  await (await inView(selector)).selectByAttribute('value', value);
}

export async function waitForText(selector, expected) {
  const element = await browser.$(selector);
  await element.waitForExist({ timeout: 5000 });
  await browser.waitUntil(async () => (await element.getText()).includes(expected), {
    timeout: 5000,
    timeoutMsg: `${selector} never showed "${expected}"; it shows "${await element.getText()}"`,
  });
}

/** Opens a tender file through the start screen, closing the one that is open first. */
export async function openFile(file) {
  if (await (await browser.$('#close')).isExisting()) await (await browser.$('#close')).click();
  await (await browser.$('#test-path')).waitForExist({ timeout: 5000 });
  await (await browser.$('#test-path')).setValue(file);
  await (await browser.$('#open')).click();
}

/** Runs the command-line binary and returns its standard output. */
export function runCli(...args) {
  return execFileSync(cli, args, { encoding: 'utf8' });
}

/**
 * Writes the demo tender (two lots; lot 1 with a published model, four bidders, a panel and scores) and its
 * bid workbooks into a fresh folder under `work`, and returns the folder. `options` go to `tenderbench demo`,
 * as `--stage quality-agreed` for the tender with its prices still sealed.
 */
export function demo(name, ...options) {
  const dir = path.join(work, name);
  runCli('demo', dir, ...options);
  return dir;
}
