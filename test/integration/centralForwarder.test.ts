import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentralReceiver, type CentralReceiver } from '../../tools/central-receiver/server.js';
import { VISITOR_CONSENT_VERSION } from '../../src/contract/vocabulary.js';
import { DATABASE_FILE_NAME, type KioskHost } from '../../src/host/kioskHost.js';
import type { KioskConfigInput } from '../../src/host/kioskConfig.js';
import { startLoadBalancer } from '../support/loadBalancer.js';
import { loginAs, ok, refused } from '../support/queueDriver.js';
import { tempDir } from '../support/tempDir.js';
import { createTestHost } from '../support/testHost.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwawayPostgres.js';

const TOKEN_SECRET = 'test-token-secret-that-is-long-enough-1234';
const ADMIN = 'test-admin-token-0123456789';
const SITE = { code: 'BDG-KOTA-01', province: 'Jawa Barat', regency: 'Kota Bandung' };
const NIK = '3273014501900002';

let postgres: ThrowawayPostgres;
let receiver: CentralReceiver;
let sql: pg.Pool;

beforeAll(async () => {
  postgres = await startThrowawayPostgres();
  receiver = await startCentralReceiver({ databaseUrl: postgres.url, tokenSecret: TOKEN_SECRET, adminToken: ADMIN, instance: 'a' });
  sql = new pg.Pool({ connectionString: postgres.url, max: 2 });
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await receiver?.close();
  await postgres?.stop();
});

async function pairingCode(): Promise<string> {
  const response = await fetch(`${receiver.url}/v1/admin/pairing-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ siteCode: SITE.code }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { pairingCode: string }).pairingCode;
}

function kiosk(url: string | null, extra: KioskConfigInput['central'] = {}): { host: KioskHost; dataDir: string } {
  const dataDir = tempDir();
  const host = createTestHost(dataDir, { config: { siteName: 'Disnaker Kota Bandung', central: { url, site: SITE, intervalSeconds: 1, pullMinutes: 1, timeoutSeconds: 3, maxBackoffSeconds: 2, ...extra } } });
  return { host, dataDir };
}

async function storedFor(installation: string): Promise<number> {
  const { rows } = await sql.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE installation_id = $1', [installation]);
  return Number(rows[0]!.n);
}

function installationOf(dataDir: string): string {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return (db.prepare("SELECT value FROM central_state WHERE key = 'installation_id'").get() as { value: string }).value;
  } finally {
    db.close();
  }
}

describe('forwarding to the central receiver (PostgreSQL)', () => {
  it('registers with a pairing code, delivers the outbox once, then drops the personal part it held', async () => {
    const { host, dataDir } = kiosk(receiver.url);
    const technician = await loginAs(host, 'technician', 'teknisi');
    expect(await ok(host, 'central.status', {}, technician)).toMatchObject({ state: 'not_registered', credentialStorage: 'none' });
    await ok(host, 'tickets.issue', {
      deskId: 1,
      userType: 'pencari_kerja',
      identity: { kind: 'nik', value: NIK },
      visitor: { consent: true, consentVersion: VISITOR_CONSENT_VERSION, employmentStatus: 'tidak_bekerja', whatsapp: '0813 1111 2222' },
    });
    expect(await refused(host, 'central.register', { pairingCode: 'AAAA-BBBB' }, technician)).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('pairing code') });

    const registered = await ok(host, 'central.register', { pairingCode: await pairingCode() }, technician);
    expect(registered).toMatchObject({ deviceId: expect.stringMatching(/^kiosk_/), credentialStorage: 'owner-only-file' });
    // The credential file is the owner's alone.
    expect(statSync(join(dataDir, 'secrets', 'central-credential')).mode & 0o077).toBe(0);

    const installation = installationOf(dataDir);
    await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).backlog, { timeout: 15_000 }).toBe(0);
    const status = await ok(host, 'central.status', {}, technician);
    expect(status).toMatchObject({ state: 'idle', poisoned: 0, lastSuccessAt: expect.any(String), oldestPendingAt: null });
    const stored = await storedFor(installation);
    expect(stored).toBeGreaterThanOrEqual(3);

    // Central has the NIK and the number (it is the ministry's register)…
    const { rows } = await sql.query<{ payload: { identity: { value: string }; whatsapp: string } }>("SELECT payload FROM events WHERE installation_id = $1 AND type = 'visitor.registered'", [installation]);
    expect(rows[0]?.payload).toMatchObject({ identity: { value: NIK }, whatsapp: '+6281311112222' });
    // …and the kiosk's outbox no longer holds even the sealed copy.
    await host.close();
    const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    const payload = (db.prepare("SELECT payload FROM outbox WHERE topic = 'visitor.registered'").get() as { payload: string }).payload;
    db.close();
    expect(payload).not.toContain('$sealed');
    expect(JSON.parse(payload)).not.toHaveProperty('identity');

    // Re-sending what central holds (an answer lost on the way, a restored backup) is harmless:
    // every event comes back `duplicate`, the rows are marked sent again, nothing is stored twice.
    const again = kiosk(receiver.url);
    await again.host.close();
    const reopen = new Database(join(dataDir, DATABASE_FILE_NAME));
    reopen.prepare("UPDATE outbox SET state = 'pending', sent_at = NULL WHERE topic <> 'visitor.registered'").run();
    reopen.close();
    const resent = createTestHost(dataDir, { config: { siteName: 'Disnaker Kota Bandung', central: { url: receiver.url, site: SITE, intervalSeconds: 1, pullMinutes: 60 } } });
    const duplicatesBefore = receiver.stats().events.duplicate;
    const resentTechnician = await loginAs(resent, 'technician', 'teknisi2');
    await expect.poll(async () => (await ok(resent, 'central.status', {}, resentTechnician)).backlog, { timeout: 15_000 }).toBe(0);
    expect(receiver.stats().events.duplicate - duplicatesBefore).toBeGreaterThanOrEqual(stored - 1);
    await resent.close();
    const check = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    const outbox = check.prepare("SELECT COUNT(*) AS n, SUM(state = 'sent') AS sent FROM outbox").get() as { n: number; sent: number };
    check.close();
    expect(outbox.sent).toBe(outbox.n);
    expect(await storedFor(installation)).toBe(outbox.n);
  });

  it('quarantines an event that breaks the contract without holding the rest, and resends it after a fix', async () => {
    const { host, dataDir } = kiosk(receiver.url);
    const technician = await loginAs(host, 'technician', 'teknisi');
    await ok(host, 'central.register', { pairingCode: await pairingCode() }, technician);
    await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).backlog, { timeout: 15_000 }).toBe(0);

    // A row the contract refuses (a desk 9 does not exist), between two good ones.
    const db = new Database(join(dataDir, DATABASE_FILE_NAME));
    const insert = db.prepare('INSERT INTO outbox (event_id, topic, payload, occurred_at) VALUES (?, ?, ?, ?)');
    const now = new Date().toISOString();
    insert.run('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01', 'device.status', JSON.stringify({ device: 'printer', driver: 'escpos/tcp', state: 'online', since: now }), now);
    insert.run('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a02', 'counter.opened', JSON.stringify({ deskId: 9, counterNumber: 1, state: 'open', reason: null, at: now }), now);
    insert.run('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a03', 'device.status', JSON.stringify({ device: 'printer', driver: 'escpos/tcp', state: 'offline', since: now }), now);
    db.close();
    await ok(host, 'central.syncNow', {}, technician);
    await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).backlog, { timeout: 15_000 }).toBe(0);
    expect(await ok(host, 'central.status', {}, technician)).toMatchObject({ poisoned: 1 });
    const [poison] = (await ok(host, 'central.poisoned', {}, technician)).events;
    expect(poison).toMatchObject({ type: 'counter.opened', error: expect.stringContaining('deskId') });
    const { rows } = await sql.query<{ event_id: string }>("SELECT event_id FROM events WHERE event_id IN ('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a03')");
    expect(rows).toHaveLength(2);

    // The fix (here: the row corrected), then the technician's resend.
    const fix = new Database(join(dataDir, DATABASE_FILE_NAME));
    fix.prepare("UPDATE outbox SET payload = json_set(payload, '$.deskId', 1) WHERE seq = ?").run(poison!.seq);
    fix.close();
    expect(await ok(host, 'central.resend', { seqs: [poison!.seq] }, technician)).toEqual({ requeued: 1 });
    await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).poisoned, { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await sql.query("SELECT 1 FROM events WHERE event_id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a02'")).rowCount, { timeout: 15_000 }).toBe(1);
  });

  it('says "revoked" when the ministry revokes the device, and resumes after a new registration', async () => {
    const { host, dataDir } = kiosk(receiver.url);
    const technician = await loginAs(host, 'technician', 'teknisi');
    const { deviceId } = await ok(host, 'central.register', { pairingCode: await pairingCode() }, technician);
    await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).backlog, { timeout: 15_000 }).toBe(0);
    const revoke = await fetch(`${receiver.url}/v1/admin/devices/${deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(revoke.status).toBe(204);

    await ok(host, 'tickets.issue', { deskId: 1 });
    await ok(host, 'central.syncNow', {}, technician);
    await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).state, { timeout: 15_000 }).toBe('revoked');
    const status = await ok(host, 'central.status', {}, technician);
    expect(status.backlog).toBeGreaterThan(0);
    expect(status.lastError?.message).toMatch(/credential refused/);

    // A revoked installation may register again (with a new code from the ministry): the backlog drains.
    await ok(host, 'central.register', { pairingCode: await pairingCode() }, technician);
    await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).backlog, { timeout: 15_000 }).toBe(0);
    expect((await ok(host, 'central.status', {}, technician)).state).not.toBe('revoked');
    expect(installationOf(dataDir)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('backs off while central is away and honours Retry-After on 429', async () => {
    const balancer = await startLoadBalancer({ upstreams: [receiver.port] });
    try {
      const { host } = kiosk(balancer.url);
      const technician = await loginAs(host, 'technician', 'teknisi');
      await ok(host, 'central.register', { pairingCode: await pairingCode() }, technician);
      await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).backlog, { timeout: 15_000 }).toBe(0);

      balancer.setOffline(true);
      await ok(host, 'tickets.issue', { deskId: 2 });
      await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).state, { timeout: 15_000 }).toBe('backing_off');
      const away = await ok(host, 'central.status', {}, technician);
      expect(away).toMatchObject({ backlog: expect.any(Number), nextAttemptAt: expect.any(String), lastError: { message: expect.stringMatching(/reset|refused/) } });
      expect(away.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(0);

      balancer.setOffline(false);
      receiver.setFaults({ rate: 1, kinds: ['429'] });
      await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).lastError?.message ?? '', { timeout: 15_000 }).toMatch(/429/);
      const limited = await ok(host, 'central.status', {}, technician);
      // Retry-After: 1 — the next try is at least a second after the refusal.
      expect(Date.parse(limited.nextAttemptAt!) - Date.parse(limited.lastError!.at)).toBeGreaterThanOrEqual(1000);
      receiver.setFaults({ rate: 0 });
      await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).backlog, { timeout: 15_000 }).toBe(0);
    } finally {
      receiver.setFaults({ rate: 0 });
      await balancer.close();
    }
  });

  it('treats a gateway answering 404 as the way to central being wrong: nothing quarantined, the error shown, delivery once it is fixed', async () => {
    const gateway = createServer((_request, response) => {
      response.statusCode = 404;
      response.setHeader('content-type', 'text/html');
      response.end('<h1>Not Found</h1>');
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', () => resolve()));
    const gatewayPort = (gateway.address() as AddressInfo).port;
    const balancer = await startLoadBalancer({ upstreams: [receiver.port] });
    try {
      const { host } = kiosk(balancer.url);
      const technician = await loginAs(host, 'technician', 'teknisi');
      await ok(host, 'central.register', { pairingCode: await pairingCode() }, technician);
      await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).backlog, { timeout: 15_000 }).toBe(0);

      balancer.setUpstreams([gatewayPort]);
      for (let index = 0; index < 5; index += 1) await ok(host, 'tickets.issue', { deskId: 3 });
      await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).lastError?.message ?? '', { timeout: 15_000 }).toMatch(/404/);
      const status = await ok(host, 'central.status', {}, technician);
      expect(status).toMatchObject({ state: 'backing_off', poisoned: 0 });
      expect(status.backlog).toBeGreaterThanOrEqual(5);

      balancer.setUpstreams([receiver.port]);
      await ok(host, 'central.syncNow', {}, technician);
      await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).backlog, { timeout: 15_000 }).toBe(0);
      expect((await ok(host, 'central.status', {}, technician)).poisoned).toBe(0);
    } finally {
      await balancer.close();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
    }
  });

  it('keeps serving visitors with a damaged credential file, and says what to do', async () => {
    const { host, dataDir } = kiosk(receiver.url);
    const technician = await loginAs(host, 'technician', 'teknisi');
    await ok(host, 'central.register', { pairingCode: await pairingCode() }, technician);
    await host.close();
    writeFileSync(join(dataDir, 'secrets', 'central-credential'), '\0\0\0garbage');
    const restarted = createTestHost(dataDir, { config: { siteName: 'Disnaker Kota Bandung', central: { url: receiver.url, site: SITE, intervalSeconds: 1 } } });
    expect(await ok(restarted, 'tickets.issue', { deskId: 1 })).toMatchObject({ number: expect.stringMatching(/^A-\d{3}$/) });
    const again = await loginAs(restarted, 'technician', 'teknisi2');
    await expect.poll(async () => (await ok(restarted, 'central.status', {}, again)).lastError?.message ?? '', { timeout: 15_000 }).toMatch(/cannot be read.*register the kiosk again/);
    expect((await ok(restarted, 'central.status', {}, again)).state).toBe('not_registered');
  });

  it('pulls content and vacancies with ETags, serves them to the screens, and keeps the last good copy when central sends a bad one', async () => {
    const { host } = kiosk(receiver.url);
    const technician = await loginAs(host, 'technician', 'teknisi');
    expect((await ok(host, 'content.get', {})).sources).toEqual({ content: 'shipped', vacancies: 'shipped' });
    await ok(host, 'central.register', { pairingCode: await pairingCode() }, technician);
    await expect.poll(async () => (await ok(host, 'content.get', {})).sources, { timeout: 15_000 }).toEqual({ content: 'central', vacancies: 'central' });

    const current = await ok(host, 'content.get', {});
    const fresh = { ...current.vacancies, source: 'SIAPkerja pusat (uji)', vacancies: current.vacancies.vacancies.slice(0, 1) };
    await receiver.setFixture('vacancies', fresh);
    await ok(host, 'central.syncNow', {}, technician);
    await expect.poll(async () => (await ok(host, 'content.get', {})).vacancies.source, { timeout: 15_000 }).toBe('SIAPkerja pusat (uji)');
    expect((await ok(host, 'content.get', {})).vacancies.vacancies).toHaveLength(1);

    await receiver.setFixture('vacancies', { version: 1, vacancies: 'not a list' }, { unchecked: true });
    await ok(host, 'central.syncNow', {}, technician);
    await expect.poll(async () => (await ok(host, 'central.status', {}, technician)).pulls.find((pull) => pull.resource === 'vacancies')?.lastError ?? '', { timeout: 15_000 }).toMatch(/refused/);
    expect((await ok(host, 'content.get', {})).vacancies.source).toBe('SIAPkerja pusat (uji)');
    await receiver.resetFixture('vacancies');

    // A national holiday central announces for today closes the kiosk's queue for visitors.
    expect((await ok(host, 'kiosk.info', {})).service.state).toBe('open');
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await ok(host, 'board.get', {})).nationalAnnouncement).toBe('Layanan Kios SIAPkerja tidak dipungut biaya.');
    await receiver.setFixture('config', { version: 1, holidays: [{ date: today, name: 'Libur nasional (uji)' }], announcement: 'Layanan tutup pada hari libur nasional.' });
    await ok(host, 'central.syncNow', {}, technician);
    await expect.poll(async () => (await ok(host, 'kiosk.info', {})).service.state, { timeout: 15_000 }).toBe('closed');
    // …and the ministry's announcement reaches the information board.
    expect((await ok(host, 'board.get', {})).nationalAnnouncement).toBe('Layanan tutup pada hari libur nasional.');
    await receiver.resetFixture('config');
  });

  it('verifies TLS: refuses an unknown authority, trusts the ministry CA when configured', async () => {
    const dir = tempDir();
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
    const balancer = await startLoadBalancer({ upstreams: [receiver.port], tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') } });
    try {
      const untrusting = kiosk(balancer.url);
      const technician = await loginAs(untrusting.host, 'technician', 'teknisi');
      expect(await refused(untrusting.host, 'central.register', { pairingCode: await pairingCode() }, technician)).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/tls/i) });

      const trusting = kiosk(balancer.url, { caFile: cert });
      const other = await loginAs(trusting.host, 'technician', 'teknisi');
      expect(await ok(trusting.host, 'central.register', { pairingCode: await pairingCode() }, other)).toMatchObject({ deviceId: expect.stringMatching(/^kiosk_/) });
      await expect.poll(async () => (await ok(trusting.host, 'central.status', {}, other)).backlog, { timeout: 15_000 }).toBe(0);
    } finally {
      await balancer.close();
    }
  });
});
