// Draining a 50 000-event backlog to the reference receiver (its own process, PostgreSQL behind it,
// all on loopback), beside a bare loop that POSTs the same batches to the same receiver without
// the kiosk's outbox — SQLite reads, unsealing, contract checks, bookkeeping — in the same run.
// Standalone (prints a table; `--json` adds the rows as one JSON line at the end).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { loadFieldCipher } from '../../src/host/auth/fieldCipher.js';
import { createCentralHttp } from '../../src/host/central/centralHttp.js';
import { createFileCredentialStore, PLAIN_OWNER_ONLY } from '../../src/host/central/credentialStore.js';
import { CentralForwarder } from '../../src/host/central/forwarder.js';
import { KioskConfigSchema } from '../../src/host/kioskConfig.js';
import { silentLogger } from '../../src/host/logger.js';
import { openKioskDatabase } from '../../src/store/kioskDatabase.js';
import { enqueueOutbox, outboxBacklog } from '../../src/store/outboxQueries.js';
import { startThrowawayPostgres } from '../../test/support/throwawayPostgres.js';

const EVENTS = 50_000;
const BATCH = 200;
const TOKEN_SECRET = 'bench-token-secret-that-is-long-enough-00';
const ADMIN = 'bench-admin-token-0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function peakRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

function ticketPayload(index: number, at: string) {
  return {
    ticketId: index + 1,
    number: `A-${String((index % 999) + 1).padStart(3, '0')}`,
    serviceDate: at.slice(0, 10),
    deskId: 1,
    status: 'waiting' as const,
    counterNumber: null,
    priority: false,
    userType: 'pencari_kerja' as const,
    at,
    issuedAt: at,
    channel: 'kiosk' as const,
  };
}

const postgres = await startThrowawayPostgres();
const dirs: string[] = [];
const port = await freePort();
const receiver = spawn(process.execPath, ['dist/central-receiver/main.mjs'], {
  env: { ...process.env, DATABASE_URL: postgres.url, RECEIVER_PORT: String(port), RECEIVER_TOKEN_SECRET: TOKEN_SECRET, RECEIVER_ADMIN_TOKEN: ADMIN, RECEIVER_LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = `http://127.0.0.1:${port}`;
try {
  for (let tries = 0; ; tries += 1) {
    const answer = await fetch(`${url}/healthz`).catch(() => undefined);
    if (answer?.ok) break;
    if (tries > 200) throw new Error('the receiver did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
  const code = async () => ((await (await fetch(`${url}/v1/admin/pairing-codes`, { method: 'POST', headers: admin, body: JSON.stringify({ siteCode: 'BENCH-01' }) })).json()) as { pairingCode: string }).pairingCode;

  // ── the kiosk's forwarder ────────────────────────────────────────────────────────────────
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-forward-'));
  dirs.push(dataDir);
  const { db } = openKioskDatabase(join(dataDir, 'kiosk.sqlite'));
  const at = new Date().toISOString();
  db.transaction(() => {
    for (let index = 0; index < EVENTS; index += 1) enqueueOutbox(db, 'ticket.issued', ticketPayload(index, at), at);
  }).immediate();
  const config = KioskConfigSchema.parse({ central: { url, site: { code: 'BENCH-01', province: 'DKI Jakarta', regency: 'Jakarta Pusat' }, batchSize: BATCH, pullMinutes: 1440 } });
  const forwarder = new CentralForwarder({
    db,
    config,
    credentials: createFileCredentialStore(join(dataDir, 'secrets', 'central-credential'), PLAIN_OWNER_ONLY),
    cipher: loadFieldCipher(dataDir),
    http: createCentralHttp({ timeoutMs: 30_000 }),
    clock: () => new Date(),
    today: () => at.slice(0, 10),
    log: silentLogger,
    version: 'bench',
  });
  await forwarder.register({ pairingCode: await code() });
  global.gc?.();
  const forwardRss = peakRss();
  const forwardStarted = performance.now();
  forwarder.start();
  while (outboxBacklog(db) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  const forwardMs = performance.now() - forwardStarted;
  const forwardPeak = forwardRss.stop();
  await forwarder.stop();
  db.close();

  // ── the bare loop: the same batches, built in advance, POSTed one after another ────────────
  const bareInstallation = crypto.randomUUID();
  const registration = (await (
    await fetch(`${url}/v1/devices/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingCode: await code(), installationId: bareInstallation, site: { code: 'BENCH-01', name: 'Bench', province: 'DKI Jakarta', regency: 'Jakarta Pusat' }, kioskType: 'tipe-1', appVersion: 'bench' }),
    })
  ).json()) as { deviceId: string; credential: string };
  const token = (
    (await (await fetch(`${url}/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId: registration.deviceId, credential: registration.credential }) })).json()) as { accessToken: string }
  ).accessToken;
  global.gc?.();
  const bareRss = peakRss();
  const bareStarted = performance.now();
  for (let start = 0; start < EVENTS; start += BATCH) {
    const events = [];
    for (let index = start; index < Math.min(EVENTS, start + BATCH); index += 1) {
      events.push({ id: uuidv7(), seq: index + 1, type: 'ticket.issued', occurredAt: at, payload: ticketPayload(index, at) });
    }
    const answer = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ installationId: bareInstallation, sentAt: new Date().toISOString(), events }),
    });
    if (answer.status !== 200) throw new Error(`bare loop: HTTP ${answer.status}`);
    await answer.arrayBuffer();
  }
  const bareMs = performance.now() - bareStarted;
  const barePeak = bareRss.stop();

  const forwardRate = EVENTS / (forwardMs / 1000);
  const bareRate = EVENTS / (bareMs / 1000);
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const rows = [
    [
      `drain a ${EVENTS.toLocaleString('en')}-event backlog to the receiver (PostgreSQL), events/s`,
      `${Math.round(forwardRate).toLocaleString('en')}/s (${(forwardMs / 1000).toFixed(1)} s)`,
      `bare POST loop, same batches: ${Math.round(bareRate).toLocaleString('en')}/s`,
      `${(forwardRate / bareRate).toFixed(2)}× (want ≥ 0.5×)`,
      `${EVENTS / BATCH} batches of ${BATCH}`,
    ],
    ['peak RSS while draining', mib(forwardPeak), `bare POST loop: ${mib(barePeak)}`, `${(forwardPeak / barePeak).toFixed(2)}×`, 'sampled every 20 ms'],
  ];
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows));
  } else {
    console.log('| measure | kiosk | baseline (same run) | ratio | samples |');
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  }
} finally {
  receiver.kill('SIGTERM');
  await postgres.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
