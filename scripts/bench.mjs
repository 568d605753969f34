// `npm run bench`: speed figures for the kiosk, each beside a baseline measured in the same run on
// the same machine, so the table says what our code costs rather than what the machine is like.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STARTS = 5;
const WARMUP = 30;
const REQUESTS = 400;

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const dirs = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  dirs.push(dir);
  return dir;
};

/** Spawns a server process, resolves with its URL and the ms until it first answered /healthz. */
async function timeStart(args) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  for (;;) {
    const response = await fetch(`${url}/healthz`).catch(() => undefined);
    if (response?.ok) {
      await response.arrayBuffer();
      break;
    }
  }
  return { url, ms: performance.now() - started, stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

const BARE_SERVER = `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{"status":"ok"}'); })
  .listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port); });
process.on('SIGTERM', () => process.exit(0));`;

async function startTimes(args) {
  const times = [];
  for (let i = 0; i < STARTS; i++) {
    const server = await timeStart(typeof args === 'function' ? args() : args);
    times.push(server.ms);
    await server.stop();
  }
  return times;
}

async function latencies(url, method, bodyFor) {
  const times = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bodyFor(i)),
    });
    const json = await response.json();
    if (!json.ok) throw new Error(`${method} failed: ${JSON.stringify(json.error)}`);
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  return times;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(2)} ms`;

try {
  const baselineStarts = await startTimes(['-e', BARE_SERVER]);
  const hostStarts = await startTimes(() => ['dist/main/headless.mjs', '--data-dir', tempDir(), '--port', '0']);

  const host = await timeStart(['dist/main/headless.mjs', '--data-dir', tempDir(), '--port', '0']);
  const noop = await latencies(host.url, 'kiosk.info', () => ({}));
  const issue = await latencies(host.url, 'tickets.issue', (i) => ({ deskId: (i % 7) + 1 }));
  await host.stop();

  const rows = [
    ['host start-up to first /healthz (fresh data dir)', `p50 ${fmt(percentile(hostStarts, 50))}`, `bare Node HTTP server: p50 ${fmt(percentile(baselineStarts, 50))}`, `${STARTS} starts`],
    ['tickets.issue over the LAN API, p50', fmt(percentile(issue, 50)), `kiosk.info (no-op route): ${fmt(percentile(noop, 50))}`, `${REQUESTS} sequential`],
    ['tickets.issue over the LAN API, p99', fmt(percentile(issue, 99)), `kiosk.info (no-op route): ${fmt(percentile(noop, 99))}`, `${REQUESTS} sequential`],
  ];
  console.log('\n| measure | kiosk | baseline (same run) | samples |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\ntickets.issue includes the SQLite transaction with synchronous=FULL (an fsync) and the simulated printer writing two files.');
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
