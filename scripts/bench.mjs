// `npm run bench`: speed figures for the kiosk, each beside a baseline measured in the same run on
// the same machine, so the table says what our code costs rather than what the machine is like.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import WebSocket from 'ws';

const STARTS = 5;
const CLIENTS = 8;
const RATE_MS = 3000;
const OPS = 300;
const STATIONS = 20;
const CALLS = 150;
const PIN = '123456';
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const OPEN_CALENDAR = { weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: [], overrides: [] };

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const dirs = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  dirs.push(dir);
  return dir;
};
/** A data directory whose kiosk is open around the clock, so the bench runs at any hour. */
const openDataDir = () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'kiosk.config.json'), JSON.stringify({ calendar: OPEN_CALENDAR }));
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

// The same framework, one route answering an envelope: the floor for any route of ours.
const BARE_FASTIFY = `const app = require('fastify')({ logger: false });
app.post('/api/v1/noop', async () => ({ ok: true, value: {} }));
app.get('/healthz', async () => ({ status: 'ok' }));
app.listen({ host: '127.0.0.1', port: 0 }).then(() => console.log('listening on http://127.0.0.1:' + app.server.address().port));
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));`;

async function startTimes(args) {
  const times = [];
  for (let i = 0; i < STARTS; i++) {
    const server = await timeStart(typeof args === 'function' ? args() : args);
    times.push(server.ms);
    await server.stop();
  }
  return times;
}

async function post(url, method, body, session) {
  const response = await fetch(`${url}/api/v1/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { 'x-kiosk-session': session } : {}) },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!json.ok) throw new Error(`${method} failed: ${JSON.stringify(json.error)}`);
  return json.value;
}

/** Requests per second with CLIENTS callers each waiting for its answer before the next. */
async function rate(url, method, session) {
  const warmEnd = performance.now() + 500;
  while (performance.now() < warmEnd) await post(url, method, {}, session);
  let count = 0;
  const end = performance.now() + RATE_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        await post(url, method, {}, session);
        count += 1;
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value) => `${value.toFixed(2)} ms`;
const perSecond = (value) => `${Math.round(value)} req/s`;
const ratio = (value, target, higherIsBetter) => {
  const met = higherIsBetter ? value >= target : value <= target;
  return `${value.toFixed(2)} (target ${higherIsBetter ? '≥' : '≤'} ${target}) ${met ? 'met' : 'MISSED'}`;
};

async function createOfficer(dataDir, username) {
  const child = spawnSync(process.execPath, ['dist/main/headless.mjs', '--data-dir', dataDir, '--add-staff', `officer:${username}:Bench ${username}`], { input: `${PIN}\n` });
  if (child.status !== 0) throw new Error(`add-staff failed: ${child.stderr}`);
}

/** Time from an officer's call to its announcement arriving at each of STATIONS listening stations. */
async function callToDisplay(url) {
  const sockets = await Promise.all(
    Array.from({ length: STATIONS }, () =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/events`);
        socket.once('open', () => {
          socket.send(JSON.stringify({ hello: {} }));
          resolve(socket);
        });
        socket.once('error', reject);
      }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  const login = await post(url, 'auth.login', { username: 'caller', pin: PIN });
  const session = login.sessionToken;
  await post(url, 'counters.open', { deskId: 2, counterNumber: 1 }, session);
  const samples = [];
  for (let i = 0; i < CALLS; i++) {
    await post(url, 'tickets.issue', { deskId: 2 });
    const arrivals = sockets.map(
      (socket) =>
        new Promise((resolve) => {
          const onMessage = (data) => {
            if (JSON.parse(String(data)).event === 'queue.called') {
              socket.off('message', onMessage);
              resolve(performance.now());
            }
          };
          socket.on('message', onMessage);
        }),
    );
    const started = performance.now();
    const called = await post(url, 'queue.callNext', {}, session);
    for (const arrived of await Promise.all(arrivals)) samples.push(arrived - started);
    await post(url, 'queue.noShow', { ticketId: called.ticket.id }, session);
  }
  for (const socket of sockets) socket.terminate();
  return samples;
}

/** Gzipped size of what the visitor's page loads: the entry script, its preloads and CSS, not station chunks. */
function visitorBundle() {
  const html = readFileSync('dist/renderer/index.html', 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
  const all = readdirSync('dist/renderer/assets').filter((name) => name.endsWith('.js') || name.endsWith('.css'));
  const size = (list) => list.reduce((total, file) => total + gzipSync(readFileSync(join('dist/renderer', file))).length, 0);
  return { visitor: size(files), all: size(all.map((name) => `assets/${name}`)), files: files.length, chunks: all.length };
}

try {
  const baselineStarts = await startTimes(['-e', BARE_SERVER]);
  const hostStarts = await startTimes(() => ['dist/main/headless.mjs', '--data-dir', tempDir(), '--port', '0']);

  const fastify = await timeStart(['-e', BARE_FASTIFY]);
  const bareRate = await rate(fastify.url, 'noop');
  await fastify.stop();

  const dataDir = openDataDir();
  await createOfficer(dataDir, 'reader');
  await createOfficer(dataDir, 'caller');
  const host = await timeStart(['dist/main/headless.mjs', '--data-dir', dataDir, '--port', '0']);
  const noopRate = await rate(host.url, 'kiosk.info');
  const reader = (await post(host.url, 'auth.login', { username: 'reader', pin: PIN })).sessionToken;
  for (let i = 0; i < 40; i++) await post(host.url, 'tickets.issue', { deskId: 1 + (i % 7) });
  const snapshotRate = await rate(host.url, 'queue.snapshot', reader);
  const displayRate = await rate(host.url, 'display.state');
  const fanOut = await callToDisplay(host.url);
  await host.stop();

  // Inside the project, so the bundle resolves its packages from node_modules.
  const opsBundle = 'dist/bench/durableOps.mjs';
  await esbuild({ entryPoints: ['scripts/bench/durableOps.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', outfile: opsBundle, logLevel: 'error' });
  const opsRun = spawnSync(process.execPath, [opsBundle, String(OPS)], { encoding: 'utf8' });
  if (opsRun.status !== 0) throw new Error(`durable ops bench failed: ${opsRun.stderr}`);
  const ops = JSON.parse(opsRun.stdout.trim().split('\n').at(-1));
  const bareP50 = percentile(ops.bare, 50);
  const bundle = visitorBundle();
  // Device benches print their own rows (`--json`: the rows as the last line).
  const deviceRows = [];
  for (const name of ['escposEncode', 'cameraDecode', 'reports', 'forwarding']) {
    const outfile = `dist/bench/${name}.mjs`;
    await esbuild({ entryPoints: [`scripts/bench/${name}.ts`], bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', outfile, logLevel: 'error' });
    const run = spawnSync(process.execPath, [outfile, '--json'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`${name} bench failed: ${run.stderr}`);
    deviceRows.push(...JSON.parse(run.stdout.trim().split('\n').at(-1)));
  }

  const rows = [
    ['host start-up to first /healthz (fresh data dir)', `p50 ${ms(percentile(hostStarts, 50))}`, `bare Node HTTP server: p50 ${ms(percentile(baselineStarts, 50))}`, '—', `${STARTS} starts`],
    ['no-op route kiosk.info, throughput', perSecond(noopRate), `bare Fastify route: ${perSecond(bareRate)}`, ratio(noopRate / bareRate, 0.8, true), `${CLIENTS} clients × ${RATE_MS / 1000} s`],
    ['read: queue.snapshot (40 tickets), throughput', perSecond(snapshotRate), `kiosk.info: ${perSecond(noopRate)}`, ratio(snapshotRate / noopRate, 0.5, true), `${CLIENTS} clients × ${RATE_MS / 1000} s`],
    ['read: display.state, throughput', perSecond(displayRate), `kiosk.info: ${perSecond(noopRate)}`, ratio(displayRate / noopRate, 0.5, true), `${CLIENTS} clients × ${RATE_MS / 1000} s`],
    ['tickets.issue in the host, p50 (simulated printer printing in the background)', ms(percentile(ops.issue, 50)), `bare SQLite one-row commit, synchronous=FULL: ${ms(bareP50)}`, ratio(percentile(ops.issue, 50) / bareP50, 2, false), `${OPS} sequential`],
    ['tickets.issue in the host, p50, printer confirming at once', ms(percentile(ops.issueNoPaper, 50)), `bare commit: ${ms(bareP50)}`, ratio(percentile(ops.issueNoPaper, 50) / bareP50, 2, false), `${OPS} sequential`],
    ['queue.callNext in the host, p50', ms(percentile(ops.call, 50)), `bare commit: ${ms(bareP50)}`, ratio(percentile(ops.call, 50) / bareP50, 2, false), `${OPS} sequential`],
    ['queue.finish in the host, p50', ms(percentile(ops.finish, 50)), `bare commit: ${ms(bareP50)}`, ratio(percentile(ops.finish, 50) / bareP50, 2, false), `${OPS} sequential`],
    ['call → display event, p99, 20 stations listening', ms(percentile(fanOut, 99)), `p50 ${ms(percentile(fanOut, 50))}`, '—', `${CALLS} calls × ${STATIONS} stations`],
    ['visitor page bundle (gzip)', `${(bundle.visitor / 1024).toFixed(1)} KiB`, `every chunk incl. stations: ${(bundle.all / 1024).toFixed(1)} KiB`, '—', `${bundle.files} files of ${bundle.chunks}`],
    ...deviceRows,
  ];
  console.log('\n| measure | kiosk | baseline (same run) | ratio | samples |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\nThroughput is measured over HTTP from this machine, so client cost is in both columns of a row.');
  console.log('Durable operations are timed inside the host (no HTTP), against the same SQLite settings.');
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
