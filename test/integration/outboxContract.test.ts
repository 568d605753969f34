import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CENTRAL_EVENT_TYPES, type CentralEvent } from '../../src/central/events.js';
import { VISITOR_CONSENT_VERSION } from '../../src/contract/vocabulary.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { loadFieldCipher } from '../../src/host/auth/fieldCipher.js';
import { decodeOutboxRow } from '../../src/host/central/forwarder.js';
import { releaseSurveyResponses } from '../../src/host/central/surveyRelease.js';
import { DATABASE_FILE_NAME } from '../../src/host/kioskHost.js';
import type { KioskDatabase } from '../../src/store/kioskDatabase.js';
import type { OutboxRow } from '../../src/store/outboxQueries.js';
import { KIOSK, loginAs, manualClock, ok } from '../support/queueDriver.js';
import { tempDir } from '../support/tempDir.js';
import { createTestHost } from '../support/testHost.js';

const NIK = '3201014501900001';
const ALL_THREES = { U1: 3, U2: 3, U3: 3, U4: 3, U5: 3, U6: 3, U7: 3, U8: 3, U9: 3 };

/**
 * Every kind of fact the kiosk records, driven through the real host, must come out of the outbox
 * as an event that validates against the central contract (the same zod schemas the OpenAPI file
 * is generated from), with its personal fields sealed at rest.
 */
describe('the outbox speaks the central contract', () => {
  it('turns a full day into valid events, in sequence, with personal data sealed at rest', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const host = createTestHost(dataDir, { clock: clock.now, config: { kioskType: 1 } });
    const officer = await loginAs(host, 'officer', 'siti');
    const receptionist = await loginAs(host, 'receptionist', 'rina');
    const manager = await loginAs(host, 'manager', 'maya');
    const technician = await loginAs(host, 'technician', 'teknisi');

    const first = await ok(host, 'tickets.issue', {
      deskId: 4,
      userType: 'pencari_kerja',
      identity: { kind: 'nik', value: NIK },
      visitor: { consent: true, consentVersion: VISITOR_CONSENT_VERSION, employmentStatus: 'terkena_phk', whatsapp: '0812 3456 7890' },
    });
    const second = await ok(host, 'tickets.issue', { deskId: 4, userType: 'pemberi_kerja', priority: true });
    const third = await ok(host, 'tickets.issue', { deskId: 4, userType: 'pekerja' }, receptionist);
    const fourth = await ok(host, 'tickets.issue', { deskId: 4, userType: 'masyarakat' });
    await ok(host, 'tickets.reprint', { ticketId: third.id }, receptionist);

    await ok(host, 'counters.open', { deskId: 4, counterNumber: 1 }, officer);
    await ok(host, 'counters.pause', { reason: 'istirahat' }, officer);
    await ok(host, 'counters.resume', {}, officer);
    const service = servicesForDesk(4, 'pencari_kerja')[0]!.code;

    const calledPriority = await ok(host, 'queue.callNext', {}, officer);
    expect(calledPriority.ticket?.id).toBe(second.id);
    await ok(host, 'queue.recall', { ticketId: second.id }, officer);
    await ok(host, 'queue.start', { ticketId: second.id }, officer);
    await ok(
      host,
      'queue.refer',
      {
        ticketId: second.id,
        referral: { userType: 'pemberi_kerja', employerScope: 'kabupaten_kota', followUpDate: '2026-11-30', followUpTime: '10:00', place: 'Ruang rapat 2', email: 'hrd@contoh.co.id' },
      },
      officer,
    );
    const calledFirst = await ok(host, 'queue.callNext', {}, officer);
    expect(calledFirst.ticket?.id).toBe(first.id);
    await ok(host, 'queue.attachSiapkerjaId', { ticketId: first.id, siapkerjaId: 'SK-2026-000777' }, officer);
    await ok(host, 'queue.start', { ticketId: first.id }, officer);
    clock.advance(10 * 60_000);
    await ok(host, 'queue.finish', { ticketId: first.id, services: [service] }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.noShow', { ticketId: third.id }, officer);
    await ok(host, 'queue.transfer', { ticketId: fourth.id, toDeskId: 5, note: 'ke meja 5' }, receptionist);
    const fifth = await ok(host, 'tickets.issue', { deskId: 1 });
    await ok(host, 'queue.cancel', { ticketId: fifth.id, reason: 'salah ambil' }, receptionist);
    await ok(host, 'counters.close', {}, officer);

    await ok(host, 'survey.submit', { reference: first.reference, answers: ALL_THREES, input: 'touch', suggestion: 'Ruang tunggu nyaman' });
    await ok(host, 'board.update', { maklumat: 'Kami siap melayani.', complaintContact: 'Pengaduan 1500-630', announcement: 'Libur 25 Desember' }, manager);
    await ok(host, 'reports.publishIkm', { period: '2026-11' }, manager);
    await ok(host, 'devices.simulate', { device: 'printer', paper: 'out' }, technician);
    await ok(host, 'tickets.issue', { deskId: 1 }, receptionist);
    await host.close();

    const db = new Database(join(dataDir, DATABASE_FILE_NAME)) as KioskDatabase;
    try {
      // The responses of the 23rd wait for their day to end; on the 24th they are released.
      expect(db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'survey.response'").get()).toEqual({ n: 0 });
      expect(releaseSurveyResponses(db, '2026-11-23', 'Asia/Jakarta')).toBe(0);
      expect(releaseSurveyResponses(db, '2026-11-24', 'Asia/Jakarta')).toBe(1);

      const rows = db.prepare('SELECT * FROM outbox ORDER BY seq').all() as OutboxRow[];
      const cipher = loadFieldCipher(dataDir);
      const events: CentralEvent[] = [];
      for (const row of rows) {
        const decoded = decodeOutboxRow(row, cipher);
        expect(decoded, `${row.topic} #${row.seq}`).not.toHaveProperty('problem');
        if ('event' in decoded) events.push(decoded.event);
      }
      const types = new Set(events.map((event) => event.type));
      for (const expected of [
        'ticket.issued',
        'ticket.called',
        'ticket.recalled',
        'ticket.serving',
        'ticket.finished',
        'ticket.referred',
        'ticket.no_show',
        'ticket.cancelled',
        'ticket.transferred',
        'ticket.siapkerja_scanned',
        'counter.opened',
        'counter.paused',
        'counter.resumed',
        'counter.closed',
        'visitor.registered',
        'survey.response',
        'board.updated',
        'audit.recorded',
        'ikm.published',
        'device.status',
        'ticket.print_failed',
      ]) {
        expect(types, expected).toContain(expected);
      }
      expect([...types].every((type) => (CENTRAL_EVENT_TYPES as string[]).includes(type))).toBe(true);

      // Sequence: strictly increasing without gaps, ids unique UUIDv7.
      expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => events[0]!.seq + index));
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);

      // The visitor's identity and WhatsApp go to central (in E.164), yet are sealed in the file.
      const registered = events.filter((event) => event.type === 'visitor.registered');
      expect(registered[0]!.payload).toMatchObject({ ticketId: first.id, identity: { kind: 'nik', value: NIK }, whatsapp: '+6281234567890', employmentStatus: 'terkena_phk' });
      expect(registered.some((event) => event.type === 'visitor.registered' && event.payload.identity?.value === 'SK-2026-000777')).toBe(true);
      const fileBytes = readFileSync(join(dataDir, DATABASE_FILE_NAME)).toString('latin1');
      for (const secret of [NIK, '81234567890', 'SK-2026-000777', 'hrd@contoh.co.id']) expect(fileBytes).not.toContain(secret);

      // The survey response carries no ticket, no time finer than its day, and (one response that
      // day) neither its desk nor its session; its suggestion is scrubbed.
      const response = events.find((event) => event.type === 'survey.response');
      expect(JSON.stringify(response)).not.toContain(first.number);
      expect(response?.occurredAt).toBe('2026-11-23T00:00:00.000Z');
      expect(response?.payload).toMatchObject({ serviceDate: '2026-11-23', deskId: null, session: null, suggestion: 'Ruang tunggu nyaman' });
      expect(response?.payload).not.toHaveProperty('services');
    } finally {
      db.close();
    }
    expect(KIOSK.channel).toBe('kiosk');
  });
});
