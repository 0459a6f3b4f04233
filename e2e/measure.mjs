// Not a test: measures a build given as TENDERBENCH_APP. Run under xvfb-run with TENDERBENCH_E2E=1.
//
// Prints the time from launch to the start screen, and with TENDERBENCH_MEASURE_TENDER (a tender file, for
// example from `tenderbench bench scoring --keep FILE`) the time to open its scoring screen, the time from
// a score keystroke to the updated total on screen, and the memory of the app and its WebKit processes
// with that tender open. Without it, memory is measured with a new, empty tender.
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { remote } from 'webdriverio';

const application = process.env.TENDERBENCH_APP;
const tender = process.env.TENDERBENCH_MEASURE_TENDER;
const work = mkdtempSync(path.join(tmpdir(), 'tb-measure-'));
const driver = spawn('node_modules/.bin/tauri-driver', ['--port', '4455', '--native-port', '4456'], {
  stdio: 'ignore',
  env: { ...process.env, TENDERBENCH_E2E: '1', XDG_CONFIG_HOME: work },
});
for (;;) {
  try {
    if ((await fetch('http://127.0.0.1:4455/status')).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 50));
}
const started = performance.now();
const browser = await remote({
  hostname: '127.0.0.1',
  port: 4455,
  logLevel: 'error',
  capabilities: { 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application } },
});
await (await browser.$('#create')).waitForExist({ timeout: 20000, interval: 20 });
console.log(`launch to start screen: ${(performance.now() - started).toFixed(0)} ms`);
await browser.setWindowSize(1920, 1080);
await (await browser.$('#test-path')).waitForExist({ timeout: 5000 });

/**
 * Prints the memory of the app and its WebKit processes, summed, after three seconds of rest: resident
 * (each process counts the shared libraries it maps, so they count once per process) and proportional
 * (each shared page divided among the processes that map it).
 */
async function memory(when) {
  await new Promise((r) => setTimeout(r, 3000));
  const app = execSync(`pgrep -f -n '^${application}'`).toString().trim();
  const pids = [app, ...execSync(`pgrep -P ${app}`).toString().trim().split('\n')];
  const mb = (pid, field) =>
    Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]) / 1024;
  const parts = pids.map((pid, i) => [i === 0 ? 'app' : readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), pid]);
  for (const field of ['Rss', 'Pss']) {
    const each = parts.map(([name, pid]) => [name, mb(pid, field)]);
    const total = each.reduce((sum, [, value]) => sum + value, 0);
    const list = each.map(([name, value]) => `${name} ${value.toFixed(0)}`).join(', ');
    console.log(`memory ${when}, ${field === 'Rss' ? 'resident' : 'proportional'}: ${total.toFixed(0)} MB (${list})`);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (tender) {
  await (await browser.$('#test-path')).setValue(tender);
  await (await browser.$('#open')).click();
  await (await browser.$('#nav-scoring')).waitForExist({ timeout: 10000 });
  const opening = performance.now();
  await (await browser.$('#nav-scoring')).click();
  await (await browser.$('#totals')).waitForExist({ timeout: 120000, interval: 20 });
  console.log(`scoring screen with the whole grid: ${(performance.now() - opening).toFixed(0)} ms`);
  await memory('on the scoring screen');
  // Timed inside the page: from the keydown of a digit and Enter to the moment the totals table changed.
  // The timing function is put into the page once, so the edits do not each bring a new script for the
  // page to compile and keep, which would count in the memory measured after them.
  await browser.execute(() => {
    window.timeEdit = (nth) =>
      new Promise((done) => {
        // Measured requirements are scored by their formula, so only the others take a typed score.
        const typeable = [...document.querySelectorAll('#scoring-grid td[id$="-0"]:not(.measured)')];
        const cell = typeable[nth % typeable.length];
        const totals = document.getElementById('totals');
        const before = totals.textContent;
        // A click puts the grid's cursor on the cell, as the consultant would.
        cell.click();
        cell.focus();
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (totals.textContent !== before) {
            observer.disconnect();
            done(performance.now() - t0);
          }
        });
        observer.observe(totals, { subtree: true, childList: true, characterData: true });
        setTimeout(() => {
          observer.disconnect();
          done(-1);
        }, 1000);
        // The digit farthest from the cell's score. One requirement moves a total by a few thousandths, so
        // only some edits change the totals' two decimals; the others are not counted.
        const digit = Number(cell.textContent.trim() || 0) >= 5 ? '0' : '9';
        for (const key of [digit, 'Enter']) cell.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      });
  });
  const timings = [];
  for (let i = 0; i < 60; i++) {
    const ms = await browser.executeAsync((nth, done) => window.timeEdit(nth).then(done), i);
    if (ms >= 0) timings.push(ms);
  }
  console.log(
    `score keystroke to updated total on screen: median ${median(timings).toFixed(1)} ms, ` +
      `max ${Math.max(...timings).toFixed(1)} ms over ${timings.length} edits that changed the totals shown`,
  );
} else {
  await (await browser.$('#test-path')).setValue(path.join(work, 'm.tender'));
  await (await browser.$('#new-title')).setValue('Scannere');
  await (await browser.$('#new-authority')).setValue('Region Syddanmark');
  await (await browser.$('#create')).click();
  await (await browser.$('#field-title')).waitForExist({ timeout: 5000 });
}
await memory(tender ? 'after the edits' : 'with a new, empty tender');
if (tender) {
  // The web process's JavaScript heap grows with the edits' garbage and shrinks again at rest.
  await new Promise((r) => setTimeout(r, 57000));
  await memory('a minute after the edits');
}
await browser.deleteSession();
driver.kill();
