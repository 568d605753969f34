import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { x as extractTar } from 'tar';
import { describe, expect, it, onTestFinished } from 'vitest';
import { VISITOR_CONSENT_VERSION } from '../../src/contract/vocabulary.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { buildDiagnosticsBundle, DIAGNOSTICS_LOG_BYTES, type DiagnosticsBundle } from '../../src/host/diagnostics/diagnosticsBundle.js';
import type { KioskConfig } from '../../src/host/kioskConfig.js';
import { DATABASE_FILE_NAME } from '../../src/host/kioskHost.js';
import { createKioskLogger } from '../../src/host/logger.js';
import { openKioskDatabase } from '../../src/store/kioskDatabase.js';
import { APP_VERSION } from '../../src/version.js';
import { loginAs, manualClock, ok, pairStation, TEST_PIN } from '../support/queueDriver.js';
import { readRows } from '../support/readRows.js';
import { tempDir } from '../support/tempDir.js';
import { createTestHost } from '../support/testHost.js';

// Monday 23 November 2026, 09:00 WIB.
const MONDAY_9 = '2026-11-23T02:00:00.000Z';
/** A well-formed NIK (Kota Bandung, born 17 Aug 1985, a woman) no other test uses. */
const NIK = '3273015708850007';
const PHONE_FORMS = ['081234567890', '6281234567890', '+6281234567890', '0812 3456 7890', '0812-3456-7890', '+62 812 3456 7890'];
const EMAIL = 'budi.santoso@contoh.id';
const SIAPKERJA_ID = 'SK-2026-000777';
const TECHNICIAN_PIN = '583917';
const NOTE = 'catatan-rahasia-QX7';

/** Unpacks a bundle with node-tar, as the helpdesk would, and returns each file's path and text. */
async function unpack(bundle: DiagnosticsBundle): Promise<Map<string, string>> {
  const dir = tempDir('kiosk-diagnostics-');
  const archive = join(dir, bundle.filename);
  writeFileSync(archive, Buffer.from(bundle.base64, 'base64'));
  const out = join(dir, 'out');
  mkdirSync(out);
  await extractTar({ file: archive, cwd: out });
  const files = new Map<string, string>();
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) walk(child);
      else files.set(relative(out, child), readFileSync(child, 'utf8'));
    }
  };
  walk(out);
  return files;
}

function json<T = Record<string, unknown>>(files: Map<string, string>, path: string): T {
  const text = files.get(path);
  if (text === undefined) throw new Error(`${path} is not in the bundle`);
  return JSON.parse(text) as T;
}

/** Log files as a kiosk leaves them: a week and more of days, an old build's unscrubbed line, one huge day. */
function writeLogHistory(logDir: string): void {
  mkdirSync(logDir, { recursive: true });
  for (let day = 13; day <= 21; day += 1) {
    writeFileSync(join(logDir, `kiosk-2026-11-${day}.log`), `${JSON.stringify({ time: `2026-11-${day}T01:00:00.000Z`, level: 'info', message: `day ${day}` })}\n`);
  }
  // Written by a build before the scrubber knew these shapes: the bundle must scrub them again.
  writeFileSync(
    join(logDir, 'kiosk-2026-11-20.log'),
    [
      JSON.stringify({ time: '2026-11-20T01:00:00.000Z', level: 'error', message: `lookup of ${NIK} failed`, reason: `${EMAIL} / 0812-3456-7890 / +6281234567890` }),
      `raw text: nik 3273 0157 0885 0007, wa ${PHONE_FORMS[0]}, ${EMAIL.toUpperCase()}`,
      '',
    ].join('\n'),
  );
  const filler = `${JSON.stringify({ time: '2026-11-22T01:00:00.000Z', level: 'info', message: 'ticket issued', number: 'A-001' })}\n`;
  const lines = Math.ceil((DIAGNOSTICS_LOG_BYTES * 1.5) / filler.length);
  writeFileSync(join(logDir, 'kiosk-2026-11-22.log'), `FIRST LINE\n${filler.repeat(lines)}${JSON.stringify({ message: 'LAST LINE', reason: NIK })}\n`);
  writeFileSync(join(logDir, 'notes.txt'), `not a log: ${NIK}\n`);
}

describe('the diagnostics bundle', () => {
  it('holds the manifest, configuration, health, devices, outbox, audit and the last week of logs, and no secret or personal data', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const clock = manualClock(MONDAY_9);
    writeLogHistory(join(dataDir, 'logs'));
    const host = createTestHost(dataDir, { clock: clock.now, config: { siteName: 'BBPVP Bekasi', lan: { hostnames: ['kios.bbpvp.local'] } } });
    const log = createKioskLogger(join(dataDir, 'logs'), clock.now, () => undefined);

    await host.createStaff({ username: 'teknisi', name: 'Teknisi', role: 'technician', pin: TECHNICIAN_PIN });
    const { sessionToken: technicianSession } = await ok(host, 'auth.login', { username: 'teknisi', pin: TECHNICIAN_PIN });
    const technician = { channel: 'kiosk' as const, sessionToken: technicianSession };
    const stationToken = await pairStation(host, 'desk', technician, 'Desk 4 PC');
    const officer = await loginAs(host, 'officer', 'siti', stationToken);

    // A day's activity with every kind of personal data the kiosk takes in.
    const visitor = { consent: true, consentVersion: VISITOR_CONSENT_VERSION, employmentStatus: 'belum_pernah_bekerja', whatsapp: PHONE_FORMS[3] };
    const first = await ok(host, 'tickets.issue', { deskId: 4, userType: 'pencari_kerja', identity: { kind: 'nik', value: NIK }, visitor });
    const second = await ok(host, 'tickets.issue', { deskId: 4, userType: 'pencari_kerja' });
    const third = await ok(host, 'tickets.issue', { deskId: 4 });
    log.info('ticket issued', { number: first.number, deskId: 4 });
    log.error('lookup failed', { error: `no account for ${NIK}`, reason: `${EMAIL} ${PHONE_FORMS[1]}` });
    await ok(host, 'counters.open', { deskId: 4, counterNumber: 1 }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.start', { ticketId: first.id }, officer);
    await ok(
      host,
      'queue.refer',
      {
        ticketId: first.id,
        referral: { userType: 'pencari_kerja', level: 'dinas_provinsi', followUpDate: '2026-11-25', followUpTime: '10:00', place: 'Ruang 2', whatsapp: PHONE_FORMS[5], email: EMAIL, note: `${NOTE} ${NIK}` },
      },
      officer,
    );
    clock.advance(60_000);
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.start', { ticketId: second.id }, officer);
    await ok(host, 'queue.finish', { ticketId: second.id, services: [servicesForDesk(4, 'pencari_kerja')[0]!.code], siapkerjaId: SIAPKERJA_ID }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.transfer', { ticketId: third.id, toDeskId: 2, note: NOTE }, officer);
    await ok(host, 'counters.pause', { reason: 'ishoma' }, officer);

    // The printer's status reaches the audit trail on its own time: let it, so the counts hold still.
    await ok(host, 'devices.probe', { device: 'printer' }, technician);
    await expect.poll(() => readRows<{ n: number }>(dataDir, "SELECT COUNT(*) AS n FROM audit WHERE action = 'device.status'")[0]!.n).toBe(1);

    const { db } = openKioskDatabase(join(dataDir, DATABASE_FILE_NAME));
    onTestFinished(() => {
      db.close();
    });
    const bundle = await buildDiagnosticsBundle({
      dataDir,
      config: host.config,
      health: () => host.health(),
      devices: () => ok(host, 'devices.overview', {}, technician),
      db,
      clock: clock.now,
      version: APP_VERSION,
    });
    expect(bundle.filename).toBe('kios-diagnostik-bbpvp-bekasi-20261123T020100.tar.gz');
    expect(bundle.mimeType).toBe('application/gzip');
    const files = await unpack(bundle);

    // The newest seven daily logs (today's included), and nothing else from the data directory.
    const expectedLogs = ['17', '18', '19', '20', '21', '22', '23'].map((day) => `logs/kiosk-2026-11-${day}.log`);
    expect([...files.keys()].sort()).toEqual(['audit.json', 'config.json', 'devices.json', 'health.json', 'manifest.json', 'outbox.json', ...expectedLogs].sort());

    const manifest = json<{
      version: string;
      created: string;
      node: string;
      platform: { os: string };
      uptimeSeconds: { process: number; system: number };
      database: { userVersion: number; rowCounts: Record<string, number>; pageSize: number; pageCount: number; files: Record<string, number | null> };
      logs: Array<{ name: string; truncated: boolean }>;
      problems: string[];
    }>(files, 'manifest.json');
    expect(manifest).toMatchObject({ version: APP_VERSION, created: '2026-11-23T02:01:00.000Z', node: process.version, platform: { os: process.platform }, problems: [] });
    const userVersion = readRows<{ user_version: number }>(dataDir, 'PRAGMA user_version')[0]!.user_version;
    expect(manifest.database.userVersion).toBe(userVersion);
    expect(manifest.database.files['kiosk.sqlite']).toBeGreaterThan(0);
    expect(manifest.database.pageCount * manifest.database.pageSize).toBeGreaterThan(0);
    for (const table of ['tickets', 'audit', 'outbox', 'referrals', 'staff', 'stations', 'sessions']) {
      expect(manifest.database.rowCounts[table], table).toBe(readRows<{ n: number }>(dataDir, `SELECT COUNT(*) AS n FROM ${table}`)[0]!.n);
    }
    expect(manifest.database.rowCounts.tickets).toBe(3);
    expect(manifest.database.rowCounts.referrals).toBe(1);
    expect(manifest.logs.find((entry) => entry.name === 'kiosk-2026-11-22.log')).toMatchObject({ truncated: true });

    const outbox = json<{ byState: Record<string, number>; byTopic: Array<{ topic: string; state: string; count: number }>; oldestPendingAt: string | null }>(files, 'outbox.json');
    const byTopic = readRows<{ topic: string; state: string; count: number }>(dataDir, 'SELECT topic, state, COUNT(*) AS count FROM outbox GROUP BY topic, state ORDER BY topic, state');
    expect(outbox.byTopic.map(({ topic, state, count }) => ({ topic, state, count }))).toEqual(byTopic);
    expect(outbox.byState.pending).toBe(byTopic.reduce((sum, row) => sum + row.count, 0));
    expect(outbox.oldestPendingAt).toBe(readRows<{ at: string }>(dataDir, "SELECT MIN(occurred_at) AS at FROM outbox WHERE state = 'pending'")[0]!.at);
    expect(files.get('outbox.json')).not.toContain('payload');

    const audit = json<{ rows: Array<Record<string, unknown>> }>(files, 'audit.json');
    const auditCount = readRows<{ n: number }>(dataDir, 'SELECT COUNT(*) AS n FROM audit')[0]!.n;
    expect(audit.rows).toHaveLength(auditCount);
    for (const row of audit.rows) expect(Object.keys(row).sort()).toEqual(['action', 'at', 'channel', 'deskId', 'id', 'staffId', 'stationId']);
    expect(audit.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['ticket.issued', 'ticket.referred', 'ticket.transferred', 'counter.paused']));

    const config = json<KioskConfig>(files, 'config.json');
    expect(config).toMatchObject({ siteName: 'BBPVP Bekasi', lan: { hostnames: ['kios.bbpvp.local'] } });
    expect(json(files, 'health.json')).toMatchObject({ version: APP_VERSION, database: { ok: true } });
    expect(json(files, 'devices.json')).toHaveProperty('devices');

    // The logs: scrubbed again (the old build's line included), the huge one cut to its tail at a line.
    const oldBuild = files.get('logs/kiosk-2026-11-20.log')!;
    expect(oldBuild).toContain('lookup of [NIK] failed');
    expect(oldBuild).toContain('[email]');
    expect(oldBuild).toContain('[phone]');
    const huge = files.get('logs/kiosk-2026-11-22.log')!;
    expect(Buffer.byteLength(huge)).toBeLessThanOrEqual(DIAGNOSTICS_LOG_BYTES);
    expect(huge).not.toContain('FIRST LINE');
    expect(huge.startsWith('{"time":')).toBe(true);
    expect(huge.trimEnd().split('\n').at(-1)).toBe(JSON.stringify({ message: 'LAST LINE', reason: '[NIK]' }));
    expect(files.get('logs/kiosk-2026-11-23.log')).toContain('"number":"D-001"');

    // Nothing secret, nothing personal, in any file of the bundle.
    const everything = [...files.values()].join('\n');
    const fieldKey = readFileSync(join(dataDir, 'secrets', 'field.key'));
    const referenceKey = readFileSync(join(dataDir, 'secrets', 'ticket-reference.key'));
    const secrets = [
      ...[fieldKey, referenceKey].flatMap((key) => [key.toString('hex'), key.toString('base64'), key.toString('base64url')]),
      stationToken,
      createHash('sha256').update(stationToken).digest('hex'),
      technicianSession,
      officer.sessionToken!,
      TECHNICIAN_PIN,
      TEST_PIN,
    ];
    for (const secret of secrets) expect(everything.includes(secret), `a secret (${secret.slice(0, 6)}…) in the bundle`).toBe(false);
    const sealed = readRows<{ value: string }>(
      dataDir,
      "SELECT siapkerja_sealed AS value FROM tickets WHERE siapkerja_sealed IS NOT NULL UNION ALL SELECT visitor_sealed FROM tickets WHERE visitor_sealed IS NOT NULL",
    );
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    for (const { value } of sealed) expect(everything).not.toContain(value.slice(3, 30));
    const personal = [NIK, ...PHONE_FORMS, '81234567890', EMAIL, EMAIL.toUpperCase(), 'budi.santoso', SIAPKERJA_ID, NOTE];
    for (const value of personal) expect(everything.includes(value), `${value} in the bundle`).toBe(false);
    expect(everything.replace(/[\s.\-()]/g, '')).not.toContain('81234567890');
    expect(everything.replace(/[\s.\-()]/g, '')).not.toContain(NIK);
  });

  it('redacts credential-like settings wherever they are, keeps the LAN hostnames, and builds with no logs at all', async () => {
    const dataDir = tempDir();
    const clock = manualClock(MONDAY_9);
    const host = createTestHost(dataDir, { clock: clock.now });
    const { db } = openKioskDatabase(join(dataDir, DATABASE_FILE_NAME));
    onTestFinished(() => {
      db.close();
    });
    // Settings a later version (or a hand-edited file) might carry: each must leave the kiosk redacted.
    const config = {
      ...host.config,
      siteName: 'Disnaker Kota Bandung — Layanan Terpadu',
      lan: { ...host.config.lan, hostnames: ['kios.bbpvp.local', 'kios-2.bbpvp.local'] },
      central: {
        ...host.config.central,
        url: 'https://kios:s3cr3t-pass@central.kemnaker.go.id/api?access_token=tok-123&region=jabar',
        site: { code: 'JKT-PUSAT-01', province: 'DKI Jakarta', regency: 'Jakarta Pusat' },
        apiToken: 'tok-abc-123',
        clientSecret: 'cs-999',
        credentials: { username: 'kios', password: 'pw-777' },
        privateKeyPem: '-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----',
        authorizationHeader: 'Bearer eyJhbGciOi',
        stationPin: '583917',
        hmacKey: null,
      },
    } as unknown as KioskConfig;
    const bundle = await buildDiagnosticsBundle({ dataDir, config, health: () => host.health(), devices: () => ({ printer: 'ok' }), db, clock: clock.now, version: APP_VERSION });
    expect(bundle.filename).toBe('kios-diagnostik-jkt-pusat-01-20261123T020000.tar.gz');
    const files = await unpack(bundle);
    expect([...files.keys()].filter((path) => path.startsWith('logs/'))).toEqual([]);
    const text = files.get('config.json')!;
    for (const secret of ['s3cr3t-pass', 'tok-123', 'tok-abc-123', 'cs-999', 'pw-777', 'MIIEv', 'eyJhbGciOi', '583917']) expect(text).not.toContain(secret);
    const redacted = json<{ lan: { hostnames: string[]; port: number }; printer: unknown; central: Record<string, unknown> }>(files, 'config.json');
    expect(redacted.lan).toMatchObject({ hostnames: ['kios.bbpvp.local', 'kios-2.bbpvp.local'], port: host.config.lan.port });
    expect(redacted.printer).toEqual(JSON.parse(JSON.stringify(host.config.printer)));
    expect(redacted.central).toMatchObject({
      apiToken: '[redacted]',
      clientSecret: '[redacted]',
      credentials: '[redacted]',
      privateKeyPem: '[redacted]',
      authorizationHeader: '[redacted]',
      stationPin: '[redacted]',
      // Unset stays unset, so "not configured" can still be told apart.
      hmacKey: null,
      site: { code: 'JKT-PUSAT-01', province: 'DKI Jakarta', regency: 'Jakarta Pusat' },
    });
    const url = new URL(redacted.central.url as string);
    expect(url.host).toBe('central.kemnaker.go.id');
    expect(url.password).toBe('');
    expect(url.searchParams.get('access_token')).toBe('[redacted]');
    expect(url.searchParams.get('region')).toBe('jabar');
    expect(json(files, 'devices.json')).toEqual({ printer: 'ok' });
  });

  it('still builds when a part fails, and says which', async () => {
    const dataDir = tempDir();
    const clock = manualClock(MONDAY_9);
    const host = createTestHost(dataDir, { clock: clock.now });
    const { db } = openKioskDatabase(join(dataDir, DATABASE_FILE_NAME));
    onTestFinished(() => {
      db.close();
    });
    const bundle = await buildDiagnosticsBundle({
      dataDir,
      config: host.config,
      health: () => host.health(),
      devices: () => Promise.reject(new Error(`printer at /dev/usb/lp0 for ${NIK} did not answer`)),
      db,
      clock: clock.now,
      version: APP_VERSION,
    });
    const files = await unpack(bundle);
    expect(json(files, 'devices.json')).toEqual({ error: 'printer at /dev/usb/lp0 for [NIK] did not answer' });
    expect(json<{ problems: string[] }>(files, 'manifest.json').problems).toEqual(['devices: printer at /dev/usb/lp0 for [NIK] did not answer']);
  });
});
