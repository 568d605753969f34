import { describe, expect, it } from 'vitest';
import { SimulatedBarcodeScanner } from '../../drivers/scanner/simulatedBarcodeScanner.js';
import type { ScannerScanned, Ticket } from '../../src/contract/api.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import type { KioskHost } from '../../src/host/kioskHost.js';
import { KIOSK, loginAs, manualClock, ok, pairStation, refused } from '../support/queueDriver.js';
import { readRows } from '../support/readRows.js';
import { tempDir } from '../support/tempDir.js';
import { createTestHost } from '../support/testHost.js';

/** Issues a ticket at desk 1 and serves it to the end; returns the ticket (with its reference). */
async function servedTicket(host: KioskHost, officer: Awaited<ReturnType<typeof loginAs>>): Promise<Ticket> {
  const ticket = await ok(host, 'tickets.issue', { deskId: 1 });
  const called = await ok(host, 'queue.callNext', {}, officer);
  await ok(host, 'queue.start', { ticketId: called.ticket!.id }, officer);
  await ok(host, 'queue.finish', { ticketId: called.ticket!.id, services: [servicesForDesk(1)[0]!.code] }, officer);
  return ticket;
}

const ALL_FOURS = { U1: 4, U2: 4, U3: 4, U4: 4, U5: 4, U6: 4, U7: 4, U8: 4, U9: 4 };

describe('IKM survey responses', () => {
  it('takes one anonymous response per served ticket and refuses a second, politely', async () => {
    const dataDir = tempDir();
    const host = createTestHost(dataDir);
    const officer = await loginAs(host, 'officer', 'siti');
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    const ticket = await servedTicket(host, officer);

    const answer = { reference: ticket.reference, answers: { ...ALL_FOURS, U4: 3 }, profile: { sex: 'p', ageBand: '30_39' }, suggestion: 'Antrean lancar', input: 'buttons' };
    expect(await ok(host, 'survey.check', { reference: ticket.reference })).toEqual({ number: ticket.number, deskId: 1, state: 'open' });
    expect(await ok(host, 'survey.submit', answer)).toEqual({ ok: true });
    expect(await ok(host, 'survey.check', { reference: ticket.reference })).toMatchObject({ state: 'answered' });
    expect(await refused(host, 'survey.submit', answer)).toMatchObject({ code: 'conflict', message: expect.stringContaining('terima kasih') });

    await host.close();
    const [row] = readRows<Record<string, unknown>>(dataDir, 'SELECT * FROM survey_responses');
    expect(row).toMatchObject({ desk_id: 1, input: 'buttons', U1: 4, U4: 3, U9: 4, sex: 'p', age_band: '30_39', suggestion: 'Antrean lancar' });
    // Anonymous: no ticket in the row, and the time only to the hour.
    expect(Object.keys(row!)).not.toContain('ticket_id');
    expect(String(row!.submitted_at)).toMatch(/T\d{2}:00:00\.000Z$/);
    // Not in the outbox yet: responses leave after their service day, shuffled (surveyRelease).
    expect(readRows(dataDir, "SELECT payload FROM outbox WHERE topic = 'survey.response'")).toEqual([]);
    expect(readRows(dataDir, 'SELECT forwarded FROM survey_responses')).toEqual([{ forwarded: 0 }]);
    expect(readRows(dataDir, "SELECT action FROM audit WHERE action LIKE 'survey%'")).toEqual([]);
  });

  it('refuses a ticket not yet served, a forged reference, skipped-everything and out-of-range answers', async () => {
    const host = createTestHost(tempDir());
    const waiting = await ok(host, 'tickets.issue', { deskId: 2 });
    expect(await ok(host, 'survey.check', { reference: waiting.reference })).toMatchObject({ state: 'not_served' });
    expect(await refused(host, 'survey.check', { reference: `${waiting.reference}x` })).toMatchObject({ code: 'invalid_input' });
    expect(await refused(host, 'survey.submit', { reference: waiting.reference, answers: ALL_FOURS, input: 'touch' })).toMatchObject({ code: 'illegal_transition' });
    expect(await refused(host, 'survey.submit', { reference: waiting.reference.replace('B-001', 'B-002'), answers: ALL_FOURS, input: 'touch' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused(host, 'survey.submit', { reference: waiting.reference, answers: {}, input: 'touch' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused(host, 'survey.submit', { reference: waiting.reference, answers: { U1: 5 }, input: 'touch' })).toMatchObject({ code: 'invalid_input' });
    // By position is not a thing: an answer must name its unsur.
    expect(await refused(host, 'survey.submit', { reference: waiting.reference, answers: { 1: 4 }, input: 'touch' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused(host, 'survey.submit', { reference: waiting.reference, answers: ALL_FOURS, input: 'touch', suggestion: 'x'.repeat(501) })).toMatchObject({ code: 'invalid_input' });
  });

  it('is open to the kiosk screen and paired kiosk stations only', async () => {
    const host = createTestHost(tempDir());
    const technician = await loginAs(host, 'technician', 'teknisi');
    const desk = await pairStation(host, 'desk', technician);
    const error = await refused(host, 'survey.submit', { reference: 'KS1.x', answers: ALL_FOURS, input: 'touch' }, { channel: 'lan', stationToken: desk, address: '192.168.10.7' });
    expect(['unauthenticated', 'forbidden']).toContain(error.code);
    const kioskStation = await pairStation(host, 'kiosk', technician);
    expect(await refused(host, 'survey.submit', { reference: 'KS1.x', answers: ALL_FOURS, input: 'touch' }, { channel: 'lan', stationToken: kioskStation, address: '192.168.10.8' })).toMatchObject({
      code: 'invalid_input',
    });
    expect(KIOSK.channel).toBe('kiosk');
  });

  it('forgets which tickets answered once their day is over, and closes their survey', async () => {
    const clock = manualClock('2026-11-23T03:00:00Z');
    const dataDir = tempDir();
    const host = createTestHost(dataDir, { clock: clock.now });
    const officer = await loginAs(host, 'officer', 'siti');
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    const ticket = await servedTicket(host, officer);
    await ok(host, 'survey.submit', { reference: ticket.reference, answers: ALL_FOURS, input: 'touch' });
    expect(readRows(dataDir, 'SELECT ticket_id FROM survey_tickets')).toHaveLength(1);
    clock.set('2026-11-24T03:00:00Z');
    expect(await refused(host, 'survey.submit', { reference: ticket.reference, answers: ALL_FOURS, input: 'touch' })).toMatchObject({ code: 'not_found' });
    expect(readRows(dataDir, 'SELECT ticket_id FROM survey_tickets')).toEqual([]);
    expect(readRows(dataDir, 'SELECT id FROM survey_responses')).toHaveLength(1);
  });
});

describe('survey invitations from the desk', () => {
  it('lets the officer who served a ticket open its survey on the kiosk screen, once', async () => {
    const host = createTestHost(tempDir());
    const events: Array<{ event: string; payload: unknown }> = [];
    host.events.subscribe((message) => events.push(message));
    const officer = await loginAs(host, 'officer', 'siti');
    const other = await loginAs(host, 'officer', 'budi');
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    await ok(host, 'counters.open', { deskId: 2, counterNumber: 1 }, other);
    const ticket = await ok(host, 'tickets.issue', { deskId: 1 });
    expect(await refused(host, 'survey.invite', { ticketId: ticket.id }, officer)).toMatchObject({ code: 'illegal_transition' });
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.start', { ticketId: ticket.id }, officer);
    await ok(host, 'queue.finish', { ticketId: ticket.id, services: [servicesForDesk(1)[0]!.code] }, officer);
    expect(await refused(host, 'survey.invite', { ticketId: ticket.id }, other)).toMatchObject({ code: 'forbidden' });

    const { inviteId } = await ok(host, 'survey.invite', { ticketId: ticket.id }, officer);
    const invited = events.find((message) => message.event === 'survey.invited');
    // The event names the ticket's number, never the reference that answers for it.
    expect(invited?.payload).toMatchObject({ inviteId, number: ticket.number, deskId: 1 });
    expect(JSON.stringify(invited?.payload)).not.toContain(ticket.reference);

    const technician = await loginAs(host, 'technician', 'teknisi');
    // A desk PC cannot take it; the kiosk screen or a paired survey (kiosk) station can, once.
    const deskStation = await pairStation(host, 'desk', technician);
    expect((await refused(host, 'survey.claimInvite', { inviteId }, { channel: 'lan', stationToken: deskStation, address: '192.168.10.8' })).code).toMatch(/forbidden|unauthenticated/);
    const claimed = await ok(host, 'survey.claimInvite', { inviteId });
    expect(claimed).toEqual({ reference: ticket.reference, number: ticket.number, deskId: 1 });
    expect(await refused(host, 'survey.claimInvite', { inviteId })).toMatchObject({ code: 'not_found' });
    const lanKiosk = await pairStation(host, 'kiosk', technician);
    const second = await ok(host, 'survey.invite', { ticketId: ticket.id }, officer);
    expect(await ok(host, 'survey.claimInvite', { inviteId: second.inviteId }, { channel: 'lan', stationToken: lanKiosk, address: '192.168.10.9' })).toMatchObject({ number: ticket.number });
    expect(await ok(host, 'survey.submit', { reference: claimed.reference, answers: ALL_FOURS, input: 'touch' })).toEqual({ ok: true });
  });

  it('recognises a ticket\'s QR at the kiosk scanner and hands the kiosk screen its reference', async () => {
    const scanner = new SimulatedBarcodeScanner();
    const host = createTestHost(tempDir(), { scanner, simulators: { scanner } });
    const scans: ScannerScanned[] = [];
    host.events.subscribe((message) => message.event === 'scanner.scanned' && scans.push(message.payload as ScannerScanned));
    const ticket = await ok(host, 'tickets.issue', { deskId: 3 });
    scanner.scan(`${ticket.reference}\r`);
    expect(scans[0]).toMatchObject({ deliverTo: 'kiosk', result: { ok: true, kind: 'ticket', masked: 'C-001' } });
    expect(await ok(host, 'scanner.claim', { scanId: scans[0]!.scanId })).toEqual({ kind: 'ticket', value: ticket.reference });
  });
});
