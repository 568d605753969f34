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
import { loadFieldCipher } from '../../src/host/auth/fieldCipher.js';
import { decodeOutboxRow } from '../../src/host/central/forwarder.js';
import type { OutboxRow } from '../../src/store/outboxQueries.js';

/**
 * UU PDP 27/2022: the kiosk keeps a visitor's NIK, SIAPkerja-ID, visit data and a referral's contact
 * only for the retention window the consent screen names; delivery to central removes the outbox's
 * copy at once (centralForwarder.test.ts), and the window removes whatever is left.
 */
describe('personal data retention', () => {
  it('purges sealed identity, visit data and contact after the window, delivered or not', async () => {
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
    const registration = () => JSON.parse(readRows<{ payload: string }>(dataDir, "SELECT payload FROM outbox WHERE topic = 'visitor.registered'")[0]!.payload) as Record<string, unknown>;

    // Within the window everything stays, sealed; the event waits for central with its sealed part.
    clock.advance(5 * 86_400_000);
    await ok(host, 'kiosk.info', {});
    expect(sealed().v).not.toBeNull();
    expect(sealed().s).not.toBeNull();
    expect(contact()).not.toBe('');
    expect(registration()).toHaveProperty('$sealed');

    // Past it — central never reached — the consent screen's promise holds: the ticket's copy and
    // the referral's contact are gone, and the event will reach central without personal data.
    clock.advance(16 * 86_400_000);
    await ok(host, 'kiosk.info', {});
    expect(sealed()).toEqual({ v: null, s: null });
    expect(contact()).toBe('');
    expect(registration()).toMatchObject({ identity: null, whatsapp: null, employmentStatus: null, consentVersion: VISITOR_CONSENT_VERSION });
    expect(registration()).not.toHaveProperty('$sealed');
    const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    const row = db.prepare("SELECT * FROM outbox WHERE topic = 'visitor.registered'").get() as OutboxRow;
    db.close();
    expect(decodeOutboxRow(row, loadFieldCipher(dataDir))).toHaveProperty('event');
  });
});
