import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { DATABASE_FILE_NAME, type KioskHost } from '../../src/host/kioskHost.js';
import type { KioskConfigInput } from '../../src/host/kioskConfig.js';
import { startCentralReceiver, type CentralReceiver } from '../../tools/central-receiver/server.js';
import { ALWAYS_OPEN_CALENDAR } from '../support/alwaysOpen.js';
import { startHeadlessHost, writeConfig, type RunningHost } from '../support/headlessHost.js';
import { startLoadBalancer, type LoadBalancer } from '../support/loadBalancer.js';
import { manualClock, ok, TEST_PIN } from '../support/queueDriver.js';
import { tempDir } from '../support/tempDir.js';
import { createTestHost } from '../support/testHost.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwawayPostgres.js';

/**
 * The chaos run: a kiosk three days offline, then a network where 30 % of uploads fail
 * (5xx, timeouts, resets — some after central stored the batch), the host killed with SIGKILL in
 * the middle of sending, two receiver instances behind one address — and PostgreSQL must end with
 * every event exactly once, each ticket's events in a valid order.
 */

const TOKEN_SECRET = 'chaos-token-secret-that-is-long-enough-000';
const ADMIN = 'chaos-admin-token-0123456789';
const SITE = { code: 'SMG-KOTA-01', province: 'Jawa Tengah', regency: 'Kota Semarang' };

let postgres: ThrowawayPostgres;
let receivers: CentralReceiver[] = [];
let balancer: LoadBalancer;
let sql: pg.Pool;
let running: RunningHost | undefined;

beforeAll(async () => {
  postgres = await startThrowawayPostgres();
  receivers = [
    await startCentralReceiver({ databaseUrl: postgres.url, tokenSecret: TOKEN_SECRET, adminToken: ADMIN, instance: 'a' }),
    await startCentralReceiver({ databaseUrl: postgres.url, tokenSecret: TOKEN_SECRET, adminToken: ADMIN, instance: 'b', applySchema: false }),
  ];
  balancer = await startLoadBalancer({ upstreams: receivers.map((receiver) => receiver.port) });
  sql = new pg.Pool({ connectionString: postgres.url, max: 2 });
}, 120_000);

afterAll(async () => {
  await running?.kill();
  await sql?.end();
  await balancer?.close();
  for (const receiver of receivers) await receiver.close();
  await postgres?.stop();
});

/** Legal successions of a ticket's events (by seq), from the lifecycle in src/domain/ticketLifecycle.ts. */
const NEXT: Record<string, readonly string[]> = {
  'ticket.issued': ['ticket.called', 'ticket.cancelled', 'ticket.transferred', 'ticket.print_failed'],
  'ticket.transferred': ['ticket.called', 'ticket.cancelled', 'ticket.transferred'],
  'ticket.requeued': ['ticket.called', 'ticket.cancelled', 'ticket.transferred'],
  'ticket.called': ['ticket.recalled', 'ticket.serving', 'ticket.no_show', 'ticket.cancelled', 'ticket.siapkerja_scanned', 'ticket.transferred', 'ticket.requeued'],
  'ticket.recalled': ['ticket.recalled', 'ticket.serving', 'ticket.no_show', 'ticket.cancelled', 'ticket.siapkerja_scanned', 'ticket.transferred', 'ticket.requeued'],
  'ticket.siapkerja_scanned': ['ticket.serving', 'ticket.finished', 'ticket.referred', 'ticket.no_show', 'ticket.siapkerja_scanned'],
  'ticket.serving': ['ticket.finished', 'ticket.referred', 'ticket.siapkerja_scanned', 'ticket.transferred', 'ticket.requeued'],
  'ticket.finished': [],
  'ticket.referred': [],
  'ticket.no_show': [],
  'ticket.cancelled': [],
};

async function simulateDay(host: KioskHost, clock: ReturnType<typeof manualClock>, day: number): Promise<void> {
  const officers = await Promise.all(
    [1, 2, 3].map(async (desk) => {
      const login = await ok(host, 'auth.login', { username: `petugas${desk}`, pin: TEST_PIN }, { channel: 'kiosk' });
      const context = { channel: 'kiosk' as const, sessionToken: login.sessionToken };
      await ok(host, 'counters.open', { deskId: desk, counterNumber: 1 }, context);
      return { desk, context };
    }),
  );
  const reception = await ok(host, 'auth.login', { username: 'resepsionis', pin: TEST_PIN }, { channel: 'kiosk' });
  const receptionist = { channel: 'kiosk' as const, sessionToken: reception.sessionToken };
  const issued: { id: number; reference: string; deskId: number }[] = [];
  for (let index = 0; index < 24; index += 1) {
    const deskId = (index % 3) + 1;
    const ticket = await ok(host, 'tickets.issue', { deskId, userType: index % 4 === 0 ? 'pemberi_kerja' : 'pencari_kerja', priority: index % 7 === 0 });
    issued.push({ id: ticket.id, reference: ticket.reference, deskId });
    clock.advance(60_000);
  }
  await ok(host, 'queue.transfer', { ticketId: issued[2]!.id, toDeskId: 1, note: 'salah meja' }, receptionist);
  let served = 0;
  for (let round = 0; round < 7; round += 1) {
    for (const { desk, context } of officers) {
      const called = await ok(host, 'queue.callNext', {}, context);
      if (!called.ticket) continue;
      const id = called.ticket.id;
      clock.advance(2 * 60_000);
      if ((round + desk + day) % 6 === 0) {
        await ok(host, 'queue.noShow', { ticketId: id }, context);
        continue;
      }
      await ok(host, 'queue.start', { ticketId: id }, context);
      clock.advance(8 * 60_000);
      const service = servicesForDesk(desk)[0]!.code;
      if (round === 3 && desk === 2) {
        await ok(host, 'queue.refer', { ticketId: id, services: [service], referral: { userType: 'pencari_kerja', level: 'dinas_provinsi', followUpDate: '2026-12-10', followUpTime: '09:00', place: 'Kantor Disnaker', whatsapp: '0812 7777 8888' } }, context);
      } else {
        await ok(host, 'queue.finish', { ticketId: id, services: [service] }, context);
        served += 1;
        const ticket = issued.find((candidate) => candidate.id === id);
        if (ticket && served % 3 === 0) {
          await ok(host, 'survey.submit', { reference: ticket.reference, answers: { U1: 3, U2: 4, U3: 3, U4: 3, U5: 4, U6: 3, U7: 3, U8: 2, U9: 4 }, input: 'touch' });
        }
      }
    }
  }
  await ok(host, 'queue.cancel', { ticketId: issued[23]!.id, reason: 'pulang' }, receptionist).catch(() => undefined);
  // Tickets still waiting stay open; the next day's first call ends them (service_day_ended).
}

function kioskRows(dataDir: string): { total: number; unsent: number; ids: Set<string>; held: number } {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    const ids = new Set((db.prepare('SELECT event_id FROM outbox').all() as { event_id: string }[]).map((row) => row.event_id));
    const unsent = (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state <> 'sent'").get() as { n: number }).n;
    const held = (db.prepare('SELECT COUNT(*) AS n FROM survey_responses WHERE forwarded = 0').get() as { n: number }).n;
    return { total: ids.size, unsent, ids, held };
  } finally {
    db.close();
  }
}

async function storedCount(installation: string): Promise<number> {
  const { rows } = await sql.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE installation_id = $1', [installation]);
  return Number(rows[0]!.n);
}

describe('store-and-forward under chaos', () => {
  it('three days offline, 30 % faults, SIGKILL mid-batch, two receivers: every event once, in a valid order per ticket', async () => {
    const dataDir = tempDir();
    const central: KioskConfigInput['central'] = { url: balancer.url, site: SITE, intervalSeconds: 1, pullMinutes: 60, batchSize: 10, timeoutSeconds: 2, maxBackoffSeconds: 2 };
    const config: KioskConfigInput = { siteName: 'Disnaker Kota Semarang', kioskType: 1, central, calendar: ALWAYS_OPEN_CALENDAR };

    // Registered while the line was up…
    // Three days ending the day before yesterday (WIB), so the released survey days are past on
    // the real clock the headless host runs on, whatever the date of the run.
    const start = new Date(Date.now() - 6 * 86_400_000);
    const clock = manualClock(`${start.toISOString().slice(0, 10)}T01:30:00.000Z`);
    const host = createTestHost(dataDir, { clock: clock.now, config });
    await host.createStaff({ username: 'teknisi', name: 'Teknisi', role: 'technician', pin: TEST_PIN });
    for (const desk of [1, 2, 3]) await host.createStaff({ username: `petugas${desk}`, name: `Petugas ${desk}`, role: 'officer', pin: TEST_PIN });
    await host.createStaff({ username: 'resepsionis', name: 'Resepsionis', role: 'receptionist', pin: TEST_PIN });
    const login = await ok(host, 'auth.login', { username: 'teknisi', pin: TEST_PIN }, { channel: 'kiosk' });
    const technician = { channel: 'kiosk' as const, sessionToken: login.sessionToken };
    const codeAnswer = await fetch(`${balancer.url}/v1/admin/pairing-codes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ siteCode: SITE.code }),
    });
    const { pairingCode } = (await codeAnswer.json()) as { pairingCode: string };
    await ok(host, 'central.register', { pairingCode }, technician);

    // …then three service days with the uplink down.
    balancer.setOffline(true);
    for (let day = 0; day < 3; day += 1) {
      await simulateDay(host, clock, day);
      clock.advance(24 * 3_600_000);
    }
    const relogin = await ok(host, 'auth.login', { username: 'teknisi', pin: TEST_PIN }, { channel: 'kiosk' });
    const offlineStatus = await ok(host, 'central.status', {}, { channel: 'kiosk', sessionToken: relogin.sessionToken });
    expect(offlineStatus).toMatchObject({ state: expect.stringMatching(/backing_off|sending/), lastError: { message: expect.stringMatching(/reset|refused/) } });
    expect(offlineStatus.oldestPendingAgeSeconds).toBeGreaterThan(2 * 86_400);
    await host.close();

    const installation = (() => {
      const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
      try {
        return (db.prepare("SELECT value FROM central_state WHERE key = 'installation_id'").get() as { value: string }).value;
      } finally {
        db.close();
      }
    })();
    const offline = kioskRows(dataDir);
    expect(offline.total).toBeGreaterThan(250);

    // The line comes back, bad: 30 % of uploads fail in every way, on both instances.
    balancer.setOffline(false);
    for (const receiver of receivers) receiver.setFaults({ rate: 0.3, kinds: ['5xx', 'timeout', 'reset', 'slow'], slowMs: 400, timeoutMs: 4000, seed: receiver.instance === 'a' ? 7 : 11 });
    writeConfig(dataDir, config);
    running = await startHeadlessHost(dataDir);

    // SIGKILL while batches are in flight: some events stored, the rest not yet.
    await expect.poll(() => storedCount(installation), { timeout: 60_000, interval: 100 }).toBeGreaterThan(60);
    await running.kill();
    const atKill = await storedCount(installation);
    const pendingAtKill = kioskRows(dataDir);
    expect(atKill).toBeLessThan(pendingAtKill.total + pendingAtKill.held);

    // Restarted, it resumes from SQLite and drains everything, survey responses included.
    running = await startHeadlessHost(dataDir);
    await expect
      .poll(
        async () => {
          const rows = kioskRows(dataDir);
          return rows.unsent === 0 && rows.held === 0 && (await storedCount(installation)) === rows.total;
        },
        { timeout: 150_000, interval: 500 },
      )
      .toBe(true);
    await running.stop();
    running = undefined;

    const final = kioskRows(dataDir);
    const { rows: stored } = await sql.query<{ event_id: string; seq: string; type: string; payload: { ticketId?: number } }>(
      'SELECT event_id, seq, type, payload FROM events WHERE installation_id = $1 ORDER BY seq',
      [installation],
    );
    // Exactly once: the same ids, no more, no fewer.
    expect(stored).toHaveLength(final.total);
    expect(new Set(stored.map((row) => row.event_id))).toEqual(final.ids);
    // The sequence is dense: nothing missing in between.
    expect(stored.map((row) => Number(row.seq))).toEqual(stored.map((_row, index) => Number(stored[0]!.seq) + index));

    // Each ticket's events, by seq, follow the lifecycle: issued first, nothing after an end.
    const byTicket = new Map<number, string[]>();
    for (const row of stored) {
      if (!row.type.startsWith('ticket.') || row.payload.ticketId === undefined) continue;
      byTicket.set(row.payload.ticketId, [...(byTicket.get(row.payload.ticketId) ?? []), row.type]);
    }
    expect(byTicket.size).toBeGreaterThanOrEqual(72);
    for (const [ticketId, types] of byTicket) {
      expect(types[0], `ticket ${ticketId}: ${types.join(' → ')}`).toBe('ticket.issued');
      for (let index = 1; index < types.length; index += 1) {
        expect(NEXT[types[index - 1]!] ?? [], `ticket ${ticketId}: ${types.join(' → ')}`).toContain(types[index]);
      }
    }
    const responses = (() => {
      const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM survey_responses').get() as { n: number }).n;
      } finally {
        db.close();
      }
    })();
    expect(responses).toBeGreaterThan(5);
    const { rows: surveyRows } = await sql.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE installation_id = $1 AND type = 'survey.response'", [installation]);
    expect(Number(surveyRows[0]!.n)).toBe(responses);

    // The faults really happened, and both instances carried the load.
    const stats = receivers.map((receiver) => receiver.stats());
    const injected = stats.reduce((sum, stat) => sum + Object.values(stat.faults.injected).reduce((a, b) => a + b, 0), 0);
    expect(injected).toBeGreaterThanOrEqual(4);
    for (const stat of stats) expect(stat.requests.total, stat.instance).toBeGreaterThan(5);
  }, 300_000);
});
