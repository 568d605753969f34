import { describe, expect, it } from 'vitest';
import { VISITOR_CONSENT_VERSION } from '../../src/contract/vocabulary.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { loginAs, manualClock, ok } from '../support/queueDriver.js';
import { readRows } from '../support/readRows.js';
import { tempDir } from '../support/tempDir.js';
import { createTestHost } from '../support/testHost.js';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE_NAME } from '../../src/host/kioskHost.js';

/**
 * UU PDP 27/2022: the kiosk keeps a visitor's NIK, SIAPkerja-ID, WhatsApp and a referral's contact
 * only as long as needed — until central has confirmed them plus the retention window — and never
 * drops what central has not yet received.
 */
describe('personal data retention', () => {
  it('purges sealed identity and contact after confirmed delivery plus the window, not before', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-02T02:00:00.000Z');
    const host = createTestHost(dataDir, { clock: clock.now, config: { privacy: { visitorDataDays: 7 } } });
    const officer = await loginAs(host, 'officer', 'siti');
    const ticket = await ok(host, 'tickets.issue', {
      deskId: 1,
      userType: 'pencari_kerja',
      identity: { kind: 'nik', value: '3201014501900001' },
      visitor: { consent: true, consentVersion: VISITOR_CONSENT_VERSION, employmentStatus: 'tidak_bekerja', whatsapp: '081234567890' },
    });
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.start', { ticketId: ticket.id }, officer);
    await ok(host, 'queue.refer', { ticketId: ticket.id, services: [servicesForDesk(1)[0]!.code], referral: { userType: 'pencari_kerja', level: 'dinas_provinsi', followUpDate: '2026-11-05', followUpTime: '10:00', place: 'Kantor', whatsapp: '081234567890' } }, officer);
    await ok(host, 'counters.close', {}, officer);

    const sealed = () => readRows<{ v: string | null; s: string | null }>(dataDir, `SELECT visitor_sealed AS v, siapkerja_sealed AS s FROM tickets WHERE id = ${ticket.id}`)[0]!;
    const contact = () => readRows<{ c: string }>(dataDir, 'SELECT contact_sealed AS c FROM referrals')[0]!.c;

    // Three weeks later, central still unreachable: the ticket's data stays (sealed); the referral's
    // contact, whose follow-up is long past, goes.
    clock.advance(21 * 86_400_000);
    await ok(host, 'kiosk.info', {});
    expect(sealed().v).not.toBeNull();
    expect(sealed().s).not.toBeNull();
    expect(contact()).toBe('');

    // Central confirms the visitor's registration; the next day's first call purges the ticket's copy.
    const db = new Database(join(dataDir, DATABASE_FILE_NAME));
    db.prepare("UPDATE outbox SET state = 'sent', sent_at = ? WHERE topic = 'visitor.registered'").run(clock.now().toISOString());
    db.close();
    clock.advance(86_400_000);
    await ok(host, 'kiosk.info', {});
    expect(sealed()).toEqual({ v: null, s: null });
  });
});
