// Not a test: measures time from launch to the start screen and memory with a tender open, for a build given
// as TENDERBENCH_APP. Run under xvfb-run with TENDERBENCH_E2E=1.
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { remote } from 'webdriverio';

const application = process.env.TENDERBENCH_APP;
const work = mkdtempSync(path.join(tmpdir(), 'tb-measure-'));
const driver = spawn('node_modules/.bin/tauri-driver', ['--port', '4455'], {
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
  hostname: '127.0.0.1', port: 4455, logLevel: 'error',
  capabilities: { 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application } },
});
await (await browser.$('#create')).waitForExist({ timeout: 20000, interval: 20 });
console.log(`launch to start screen: ${(performance.now() - started).toFixed(0)} ms`);
await (await browser.$('#test-path')).waitForExist({ timeout: 5000 });
await (await browser.$('#test-path')).setValue(path.join(work, 'm.tender'));
await (await browser.$('#new-title')).setValue('Scannere');
await (await browser.$('#new-authority')).setValue('Region Syddanmark');
await (await browser.$('#create')).click();
await (await browser.$('#field-title')).waitForExist({ timeout: 5000 });
await new Promise((r) => setTimeout(r, 3000));
const app = execSync(`pgrep -f -n '^${application}'`).toString().trim();
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
let total = rss(app);
console.log(`app ${app}: ${rss(app).toFixed(0)} MB`);
for (const child of execSync(`pgrep -P ${app}`).toString().trim().split('\n')) {
  const name = readFileSync(`/proc/${child}/comm`, 'utf8').trim();
  console.log(`${name} ${child}: ${rss(child).toFixed(0)} MB`);
  total += rss(child);
}
console.log(`total with a tender open: ${total.toFixed(0)} MB`);
await browser.deleteSession();
driver.kill();
