import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src/contract/api.js';
import { DATABASE_FILE_NAME } from '../../src/host/kioskHost.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { KIOSK, loginAs, manualClock, ok, pairStation, refused } from '../support/queueDriver.js';
import { createTestHost } from '../support/testHost.js';
import { tempDir } from '../support/tempDir.js';

// Monday 23 November 2026, 09:00 WIB.
const MONDAY_9 = '2026-11-23T02:00:00.000Z';

async function setUp(config = {}) {
  const dataDir = tempDir();
  const clock = manualClock(MONDAY_9);
  const host = createTestHost(dataDir, { clock: clock.now, config });
  const officer = await loginAs(host, 'officer', 'siti');
  const receptionist = await loginAs(host, 'receptionist', 'rina');
  const events: EventMessage[] = [];
  host.events.subscribe((message) => events.push(message));
  const rows = (sql: string, ...params: unknown[]) => {
    const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  };
  return { dataDir, clock, host, officer, receptionist, events, rows };
}

describe('a queue day', () => {
  it('issues, calls, serves with services, finishes, and counts it in the day', async () => {
    const { host, officer, clock, events, rows } = await setUp();
    const ticket = await ok(host, 'tickets.issue', { deskId: 4, userType: 'pencari_kerja' });
    expect(ticket).toMatchObject({ number: 'D-001', estimate: { peopleAhead: 0 } });

    await ok(host, 'counters.open', { deskId: 4, counterNumber: 2 }, officer);
    clock.advance(5 * 60_000);
    const called = await ok(host, 'queue.callNext', {}, officer);
    expect(called.ticket).toMatchObject({ id: ticket.id, status: 'called', counterNumber: 2 });
    const announcement = events.find((event) => event.event === 'queue.called')?.payload as { clips: string[]; recall: boolean };
    expect(announcement.clips).toEqual(['chime', 'nomor-antrean', 'huruf-d', 'satu', 'silakan-menuju', 'desk-layanan', 'empat']);

    await ok(host, 'queue.recall', { ticketId: ticket.id }, officer);
    expect(events.filter((event) => event.event === 'queue.called')).toHaveLength(2);
    await ok(host, 'queue.start', { ticketId: ticket.id }, officer);
    clock.advance(12 * 60_000);
    const service = servicesForDesk(4, 'pencari_kerja')[0]!.code;
    const done = await ok(host, 'queue.finish', { ticketId: ticket.id, services: [service], siapkerjaId: 'SK-2026-000123' }, officer);
    expect(done).toMatchObject({ status: 'done', services: [service], hasSiapkerjaId: true });

    const snapshot = await ok(host, 'queue.snapshot', {}, officer);
    expect(snapshot.figures).toMatchObject({ issued: 1, done: 1, waiting: 0, averageWaitSeconds: 300, averageServiceSeconds: 720 });
    expect(snapshot.counters).toEqual([expect.objectContaining({ deskId: 4, counterNumber: 2, state: 'open', currentTicketId: null })]);

    // Revisions count up without gaps, so a station can tell it missed nothing.
    const revisions = events.filter((event) => event.event === 'queue.changed').map((event) => (event.payload as { revision: number }).revision);
    expect(revisions).toEqual(revisions.map((_r, index) => index + 1));

    // One audit row and one outbox row per step, none holding the scanned ID.
    const audit = rows('SELECT action, staff_id FROM audit WHERE ticket_id = ? ORDER BY id', ticket.id).map((row) => row.action);
    expect(audit).toEqual(['ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.serving', 'ticket.finished']);
    const outbox = rows("SELECT topic, payload FROM outbox WHERE topic LIKE 'ticket.%' ORDER BY seq");
    expect(outbox.map((row) => row.topic)).toEqual(audit);
    expect(JSON.stringify(rows('SELECT * FROM tickets'))).not.toContain('SK-2026-000123');
    expect(JSON.stringify(outbox)).not.toContain('SK-2026');
  });

  it('refuses illegal transitions with a typed error', async () => {
    const { host, officer } = await setUp();
    const ticket = await ok(host, 'tickets.issue', { deskId: 1 });
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    expect(await refused(host, 'queue.start', { ticketId: ticket.id }, officer)).toMatchObject({ code: 'conflict' });
    await ok(host, 'queue.callNext', {}, officer);
    const service = servicesForDesk(1)[0]!.code;
    expect(await refused(host, 'queue.finish', { ticketId: ticket.id, services: [service] }, officer)).toMatchObject({ code: 'illegal_transition' });
    expect(await refused(host, 'queue.callNext', {}, officer)).toMatchObject({ code: 'conflict' });
    await ok(host, 'queue.start', { ticketId: ticket.id }, officer);
    expect(await refused(host, 'queue.start', { ticketId: ticket.id }, officer)).toMatchObject({ code: 'illegal_transition' });
    expect(await refused(host, 'queue.noShow', { ticketId: ticket.id }, officer)).toMatchObject({ code: 'illegal_transition' });
    expect(await refused(host, 'queue.finish', { ticketId: ticket.id, services: ['NOT-A-SERVICE'] }, officer)).toMatchObject({ code: 'invalid_input' });
  });

  it('transfers keep the original issue time, so the visitor does not go to the back of the line', async () => {
    const { host, officer, clock } = await setUp();
    const early = await ok(host, 'tickets.issue', { deskId: 1 });
    clock.advance(60_000);
    const later = await ok(host, 'tickets.issue', { deskId: 2 });
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    const moved = await ok(host, 'queue.transfer', { ticketId: early.id, toDeskId: 2, note: 'butuh sertifikasi' }, officer);
    expect(moved).toMatchObject({ deskId: 2, status: 'waiting', transferredFrom: 1, queuedAt: early.issuedAt, number: 'A-001' });
    const other = await loginAs(host, 'officer', 'budi');
    await ok(host, 'counters.open', { deskId: 2, counterNumber: 1 }, other);
    expect((await ok(host, 'queue.callNext', {}, other)).ticket?.id).toBe(early.id);
    await ok(host, 'queue.noShow', { ticketId: early.id }, other);
    expect((await ok(host, 'queue.callNext', {}, other)).ticket?.id).toBe(later.id);
  });

  it('refers to the back office with the level from the guideline, contact encrypted and masked', async () => {
    const { host, officer, rows } = await setUp();
    const ticket = await ok(host, 'tickets.issue', { deskId: 6, userType: 'pemberi_kerja' });
    await ok(host, 'counters.open', { deskId: 6, counterNumber: 1 }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.start', { ticketId: ticket.id }, officer);
    const missingScope = await refused(host, 'queue.refer', {
      ticketId: ticket.id,
      referral: { userType: 'pemberi_kerja', followUpDate: '2026-11-25', followUpTime: '10:00', place: 'Ruang 2', whatsapp: '0812 3456 7890' },
    }, officer);
    expect(missingScope.code).toBe('invalid_input');
    const noContact = await refused(host, 'queue.refer', {
      ticketId: ticket.id,
      referral: { userType: 'pemberi_kerja', employerScope: 'nasional', followUpDate: '2026-11-25', followUpTime: '10:00', place: 'Ruang 2' },
    }, officer);
    expect(noContact).toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: 'referral.whatsapp' })] });
    const { referral, ticket: referred } = await ok(host, 'queue.refer', {
      ticketId: ticket.id,
      referral: {
        userType: 'pemberi_kerja',
        employerScope: 'nasional',
        followUpDate: '2026-11-25',
        followUpTime: '10:00',
        onlineLink: 'https://meet.example.go.id/abc',
        whatsapp: '0812 3456 7890',
        email: 'hrd@contoh.co.id',
      },
    }, officer);
    expect(referred.status).toBe('referred');
    expect(referral).toMatchObject({ level: 'kementerian', contactMasked: '0812-****-890 · h***@contoh.co.id' });
    const stored = JSON.stringify(rows('SELECT * FROM referrals')) + JSON.stringify(rows('SELECT * FROM outbox')) + JSON.stringify(rows('SELECT * FROM audit'));
    expect(stored).not.toContain('3456 7890');
    expect(stored).not.toContain('hrd@contoh');
  });

  it('pauses a counter with a reason and refuses calls until it resumes', async () => {
    const { host, officer } = await setUp();
    await ok(host, 'tickets.issue', { deskId: 3 });
    await ok(host, 'counters.open', { deskId: 3, counterNumber: 1 }, officer);
    expect(await ok(host, 'counters.pause', { reason: 'ishoma' }, officer)).toMatchObject({ state: 'paused', pauseReason: 'ishoma' });
    expect(await refused(host, 'queue.callNext', {}, officer)).toMatchObject({ code: 'conflict' });
    expect(await refused(host, 'counters.pause', { reason: 'rapat' }, officer)).toMatchObject({ code: 'illegal_transition' });
    await ok(host, 'counters.resume', {}, officer);
    expect((await ok(host, 'queue.callNext', {}, officer)).ticket).not.toBeNull();
  });

  it('calls priority tickets first but lets a regular one through after the burst', async () => {
    const { host, officer, clock } = await setUp({ queue: { priorityBurst: 2 } });
    const order: string[] = [];
    const regular = await ok(host, 'tickets.issue', { deskId: 5 });
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      await ok(host, 'tickets.issue', { deskId: 5, priority: true });
    }
    await ok(host, 'counters.open', { deskId: 5, counterNumber: 1 }, officer);
    for (let i = 0; i < 4; i++) {
      const { ticket } = await ok(host, 'queue.callNext', {}, officer);
      order.push(`${ticket!.number}${ticket!.priority ? '*' : ''}`);
      await ok(host, 'queue.noShow', { ticketId: ticket!.id }, officer);
    }
    expect(order).toEqual(['E-002*', 'E-003*', regular.number, 'E-004*']);
  });

  it('uses site letters and stops at the daily cap', async () => {
    const { host } = await setUp({ desks: [{ id: 1, letter: 'V', dailyCap: 2 }] });
    expect((await ok(host, 'tickets.issue', { deskId: 1 })).number).toBe('V-001');
    expect((await ok(host, 'tickets.issue', { deskId: 1 })).number).toBe('V-002');
    expect(await refused(host, 'tickets.issue', { deskId: 1 })).toMatchObject({ code: 'daily_cap_reached' });
    expect((await ok(host, 'desks.list', {})).desks.find((desk) => desk.id === 1)).toMatchObject({ letter: 'V', remainingToday: 0 });
  });

  it('keeps the service hours: closed at 01:51 on a Tuesday, the receptionist may still issue, an override opens', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-23T18:51:00.000Z'); // Tuesday 01:51 WIB
    const { DEFAULT_SERVICE_CALENDAR } = await import('../../src/domain/serviceCalendar.js');
    const host = createTestHost(dataDir, { clock: clock.now, config: { calendar: DEFAULT_SERVICE_CALENDAR } });
    const info = await ok(host, 'kiosk.info', {});
    expect(info.service).toMatchObject({ state: 'closed', nextOpening: '2026-11-24T01:00:00.000Z' });
    expect(await refused(host, 'tickets.issue', { deskId: 1 })).toMatchObject({ code: 'service_closed' });
    const receptionist = await loginAs(host, 'receptionist', 'rina');
    expect((await ok(host, 'tickets.issue', { deskId: 1 }, receptionist)).number).toBe('A-001');
    const technician = await loginAs(host, 'technician', 'tek');
    await ok(host, 'calendar.setOverride', { date: '2026-11-24', sessions: [{ start: '00:00', end: '24:00' }], note: 'Job fair' }, technician);
    expect((await ok(host, 'tickets.issue', { deskId: 1 })).number).toBe('A-002');
  });

  it('locks an account after five wrong PINs, and a revoked station loses its session', async () => {
    const { host } = await setUp();
    const technician = await loginAs(host, 'technician', 'tek');
    const token = await pairStation(host, 'desk', technician);
    const officer = await loginAs(host, 'officer', 'andi', token);
    expect((await ok(host, 'auth.whoami', {}, officer)).staff).toMatchObject({ role: 'officer' });
    for (let i = 0; i < 4; i++) {
      expect(await refused(host, 'auth.login', { username: 'andi', pin: '000000' }, { channel: 'lan', stationToken: token })).toMatchObject({ code: 'unauthenticated' });
    }
    expect(await refused(host, 'auth.login', { username: 'andi', pin: '000000' }, { channel: 'lan', stationToken: token })).toMatchObject({ code: 'locked_out' });
    expect(await refused(host, 'auth.login', { username: 'andi', pin: '246810' }, { channel: 'lan', stationToken: token })).toMatchObject({ code: 'locked_out' });
    const { stations } = await ok(host, 'stations.list', {}, technician);
    await ok(host, 'stations.revoke', { stationId: stations[0]!.id }, technician);
    expect(await refused(host, 'auth.whoami', {}, officer)).toMatchObject({ code: 'unauthenticated' });
    expect(await refused(host, 'queue.snapshot', {}, officer)).toMatchObject({ code: 'unauthenticated' });
  });

  it('keeps roles apart: a receptionist cannot call, an officer cannot pair, a display cannot log in', async () => {
    const { host, officer, receptionist } = await setUp();
    expect(await refused(host, 'queue.callNext', {}, receptionist)).toMatchObject({ code: 'forbidden' });
    expect(await refused(host, 'stations.createPairingCode', { kind: 'desk' }, officer)).toMatchObject({ code: 'forbidden' });
    expect(await refused(host, 'queue.snapshot', {}, KIOSK)).toMatchObject({ code: 'unauthenticated' });
    const technician = await loginAs(host, 'technician', 'tek');
    const display = await pairStation(host, 'display', technician);
    expect(await refused(host, 'auth.login', { username: 'siti', pin: '246810' }, { channel: 'lan', stationToken: display })).toMatchObject({ code: 'forbidden' });
    expect(await ok(host, 'display.state', {}, { channel: 'lan', stationToken: display })).toMatchObject({ nowServing: [] });
    expect(await refused(host, 'queue.snapshot', {}, { channel: 'lan', stationToken: display })).toMatchObject({ code: 'forbidden' });
    expect(await refused(host, 'tickets.issue', { deskId: 1 }, { channel: 'lan' })).toMatchObject({ code: 'unauthenticated' });
  });
});

describe('the edges of a queue day', () => {
  it('checks at most five PINs of a burst of concurrent guesses, and locks the account', async () => {
    const { host } = await setUp();
    await loginAs(host, 'officer', 'andi');
    const guesses = Array.from({ length: 12 }, (_v, i) => host.dispatch('auth.login', { username: 'andi', pin: String(100000 + i) }, KIOSK));
    const right = host.dispatch('auth.login', { username: 'andi', pin: '246810' }, KIOSK);
    const answers = await Promise.all([...guesses, right]);
    const codes = answers.map((answer) => (answer.ok ? 'ok' : answer.error.code));
    expect(codes.filter((code) => code === 'unauthenticated').length).toBeLessThanOrEqual(4);
    expect(codes.at(-1)).toBe('locked_out');
    expect(await refused(host, 'auth.login', { username: 'andi', pin: '246810' })).toMatchObject({ code: 'locked_out' });
  });

  it('starts a new day clean: yesterday\'s open tickets are cancelled and its counters closed', async () => {
    const { host, clock, rows } = await setUp();
    clock.set('2026-11-23T09:20:00.000Z'); // Monday 16:20 WIB
    // The morning's login went idle long ago; the officer logs in again for the late shift.
    const officer = { ...KIOSK, sessionToken: (await ok(host, 'auth.login', { username: 'siti', pin: '246810' })).sessionToken };
    const late = await ok(host, 'tickets.issue', { deskId: 1 });
    await ok(host, 'tickets.issue', { deskId: 1 });
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    clock.set('2026-11-24T01:00:00.000Z'); // Tuesday 08:00 WIB
    const display = await ok(host, 'display.state', {});
    expect(display.nowServing).toEqual([]);
    expect(rows("SELECT status FROM tickets ORDER BY id").map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
    expect(rows("SELECT topic, payload FROM outbox WHERE topic = 'ticket.cancelled'")).toHaveLength(2);
    expect(rows('SELECT state FROM counters')).toEqual([{ state: 'closed' }]);
    // Yesterday's login has gone idle too; the officer logs in for the new day.
    expect(await refused(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer)).toMatchObject({ code: 'unauthenticated' });
    const morning = { ...KIOSK, sessionToken: (await ok(host, 'auth.login', { username: 'siti', pin: '246810' })).sessionToken };
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, morning);
    expect((await ok(host, 'queue.callNext', {}, morning)).ticket).toBeNull();
    expect((await ok(host, 'tickets.issue', { deskId: 1 })).number).toBe('A-001');
    expect(late.serviceDate).toBe('2026-11-23');
  });

  it('lets a manager release a counter whose officer left, and disabling an officer frees theirs', async () => {
    const { host, officer } = await setUp();
    const manager = await loginAs(host, 'manager', 'mira');
    const ticket = await ok(host, 'tickets.issue', { deskId: 2 });
    await ok(host, 'counters.open', { deskId: 2, counterNumber: 3 }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    expect(await ok(host, 'counters.release', { deskId: 2, counterNumber: 3 }, manager)).toMatchObject({ state: 'closed', currentTicketId: null });
    const snapshot = await ok(host, 'queue.snapshot', {}, manager);
    expect(snapshot.tickets.find((view) => view.id === ticket.id)).toMatchObject({ status: 'waiting', queuedAt: ticket.issuedAt, calls: 0 });

    const other = await loginAs(host, 'officer', 'dodi');
    await ok(host, 'counters.open', { deskId: 2, counterNumber: 1 }, other);
    await ok(host, 'queue.callNext', {}, other);
    const { staff } = await ok(host, 'staff.list', {}, manager);
    await ok(host, 'staff.setDisabled', { staffId: staff.find((member) => member.username === 'dodi')!.id, disabled: true }, manager);
    expect((await ok(host, 'queue.snapshot', {}, manager)).counters.find((counter) => counter.counterNumber === 1)).toMatchObject({ state: 'closed' });
    expect(await refused(host, 'queue.callNext', {}, other)).toMatchObject({ code: 'unauthenticated' });
  });

  it('keeps typed notes and reasons out of the central API, and scrubbed in the audit trail', async () => {
    const { host, officer, receptionist, rows } = await setUp();
    const first = await ok(host, 'tickets.issue', { deskId: 1 });
    const second = await ok(host, 'tickets.issue', { deskId: 1 });
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.transfer', { ticketId: first.id, toDeskId: 3, note: 'Bu Ani WA 0812 3456 7890' }, officer);
    await ok(host, 'queue.cancel', { ticketId: second.id, reason: 'NIK 3171234567890001 pulang' }, receptionist);
    const outbox = JSON.stringify(rows('SELECT payload FROM outbox'));
    expect(outbox).not.toContain('Ani');
    expect(outbox).not.toContain('pulang');
    const audit = JSON.stringify(rows('SELECT detail FROM audit'));
    expect(audit).toContain('Bu Ani WA');
    expect(audit).not.toContain('3456 7890');
    expect(audit).not.toContain('3171234567890001');
  });

  it('answers an unknown user name exactly like a known one, lockout included', async () => {
    const { host } = await setUp();
    await loginAs(host, 'officer', 'andi');
    const answers = async (username: string) => {
      const codes: string[] = [];
      for (let i = 0; i < 6; i++) codes.push((await refused(host, 'auth.login', { username, pin: '000000' })).code);
      return codes;
    };
    expect(await answers('nobody')).toEqual(await answers('andi'));
  });

  it('closes an idle counter when its officer logs out, unless they are still logged in elsewhere', async () => {
    const { host, officer } = await setUp();
    await ok(host, 'counters.open', { deskId: 3, counterNumber: 2 }, officer);
    const secondPc = { ...KIOSK, sessionToken: (await ok(host, 'auth.login', { username: 'siti', pin: '246810' })).sessionToken };
    await ok(host, 'auth.logout', {}, officer);
    expect((await ok(host, 'auth.whoami', {}, secondPc)).counter).toMatchObject({ state: 'open' });
    await ok(host, 'auth.logout', {}, secondPc);
    const manager = await loginAs(host, 'manager', 'mira');
    expect((await ok(host, 'queue.snapshot', {}, manager)).counters).toEqual([expect.objectContaining({ deskId: 3, counterNumber: 2, state: 'closed' })]);
  });

  it('cancels a visitor who left in the middle of service', async () => {
    const { host, officer } = await setUp();
    const ticket = await ok(host, 'tickets.issue', { deskId: 7 });
    await ok(host, 'counters.open', { deskId: 7, counterNumber: 1 }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.start', { ticketId: ticket.id }, officer);
    expect(await ok(host, 'queue.cancel', { ticketId: ticket.id, reason: 'pengunjung pergi' }, officer)).toMatchObject({ status: 'cancelled' });
    expect((await ok(host, 'auth.whoami', {}, officer)).counter).toMatchObject({ currentTicketId: null });
  });

  it('does not hear a device that guessed five wrong pairing codes, while others still pair', async () => {
    const { host } = await setUp();
    const technician = await loginAs(host, 'technician', 'tek');
    const { code } = await ok(host, 'stations.createPairingCode', { kind: 'desk' }, technician);
    const guesser = { channel: 'lan' as const, address: '10.0.0.66' };
    for (let i = 0; i < 5; i++) {
      const wrong = String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
      expect(await refused(host, 'stations.pair', { code: wrong, name: 'x' }, guesser)).toMatchObject({ code: 'unauthenticated' });
    }
    expect(await refused(host, 'stations.pair', { code, name: 'x' }, guesser)).toMatchObject({ code: 'rate_limited' });
    expect(await ok(host, 'stations.pair', { code, name: 'Desk 2' }, { channel: 'lan', address: '10.0.0.7' })).toMatchObject({ station: { kind: 'desk' } });
  });
});
