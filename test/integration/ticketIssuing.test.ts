import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src/contract/api.js';
import { VISITOR_CONSENT_VERSION } from '../../src/contract/vocabulary.js';
import { HeldTransport } from '../support/heldTransport.js';
import { EscPosTicketPrinter } from '../../drivers/printer/escposTicketPrinter.js';
import type { TicketPrinter } from '../../src/devices/ticketPrinter.js';
import { readRows } from '../support/readRows.js';
import { createTestHost } from '../support/testHost.js';
import { tempDir } from '../support/tempDir.js';

const kiosk = { channel: 'kiosk' as const };

async function issue(host: ReturnType<typeof createTestHost>, request: number | Record<string, unknown>) {
  const envelope = await host.dispatch('tickets.issue', typeof request === 'number' ? { deskId: request } : request, kiosk);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as { id: number; number: string; print: { status: string; detail?: string } };
}

describe('issuing tickets on a real SQLite file', () => {
  it('numbers each desk separately: A-001, A-002, B-001', async () => {
    const host = createTestHost(tempDir());
    expect((await issue(host, 1)).number).toBe('A-001');
    expect((await issue(host, 1)).number).toBe('A-002');
    expect((await issue(host, 2)).number).toBe('B-001');
  });

  it('prints every ticket through the simulated printer, bytes and preview', async () => {
    const dataDir = tempDir();
    const host = createTestHost(dataDir);
    await issue(host, 4);
    await issue(host, 4);
    // Paper comes out in the background, after the answer.
    await expect.poll(() => readdirSync(join(dataDir, 'printer')).filter((f) => f.endsWith('.txt'))).toHaveLength(2);
    const files = readdirSync(join(dataDir, 'printer')).sort();
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(2);
    const previews = files.filter((f) => f.endsWith('.txt'));
    expect(previews[0]).toMatch(/^\d{8}T\d{9}Z-D-001\.txt$/);
    expect(readFileSync(join(dataDir, 'printer', previews[0]!), 'utf8')).toContain('D-001');
    expect(readFileSync(join(dataDir, 'printer', previews[1]!), 'utf8')).toContain('D-002');
  });

  it('gives gap-free numbers to simultaneous requests in one process', async () => {
    const host = createTestHost(tempDir());
    const tickets = await Promise.all(Array.from({ length: 25 }, () => issue(host, 3)));
    const numbers = tickets.map((t) => t.number).sort();
    expect(numbers).toEqual(Array.from({ length: 25 }, (_v, i) => `C-${String(i + 1).padStart(3, '0')}`));
  });

  it('restarts numbering on the next service day in the site time zone', async () => {
    let now = new Date('2026-11-23T16:59:00Z'); // 23:59 WIB
    const host = createTestHost(tempDir(), { clock: () => now });
    expect((await issue(host, 1)).number).toBe('A-001');
    now = new Date('2026-11-23T17:01:00Z'); // 00:01 WIB, next day
    expect((await issue(host, 1)).number).toBe('A-001');
    expect((await issue(host, 1)).number).toBe('A-002');
  });

  it('refuses a 1000th number for a desk in one day instead of wrapping round', async () => {
    const dataDir = tempDir();
    const now = new Date('2026-11-23T03:00:00Z');
    const host = createTestHost(dataDir, { clock: () => now });
    const other = new Database(join(dataDir, 'kiosk.sqlite'));
    other
      .prepare(`INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel) VALUES ('2026-11-23', 2, 999, 'B-999', ?, 'kiosk')`)
      .run(now.toISOString());
    other.close();
    await expect(host.dispatch('tickets.issue', { deskId: 2 }, kiosk)).resolves.toMatchObject({
      ok: false,
      error: { code: 'sequence_exhausted' },
    });
    expect((await issue(host, 3)).number).toBe('C-001');
  });

  it('refuses a desk the kiosk type does not offer', async () => {
    const host = createTestHost(tempDir(), { config: { kioskType: 3 } });
    await expect(host.dispatch('tickets.issue', { deskId: 1 }, kiosk)).resolves.toMatchObject({
      ok: false,
      error: { code: 'desk_not_available' },
    });
    const desks = await host.dispatch('desks.list', {}, kiosk);
    expect(desks).toMatchObject({
      ok: true,
      value: {
        desks: [
          { id: 6, letter: 'F', name: 'Jaminan Sosial Tenaga Kerja', waiting: 0, remainingToday: 999 },
          { id: 7, letter: 'G', name: 'Keselamatan dan Kesehatan Kerja (K3)', waiting: 0, remainingToday: 999 },
        ],
      },
    });
  });

  it('queues every ticket for the central API in the same transaction', async () => {
    const dataDir = tempDir();
    const host = createTestHost(dataDir);
    await issue(host, 5);
    await issue(host, 5);
    await host.close();
    const rows = readRows<{ topic: string; payload: string }>(dataDir, "SELECT topic, payload FROM outbox WHERE topic LIKE 'ticket.%' ORDER BY seq");
    expect(rows.map((r) => r.topic)).toEqual(['ticket.issued', 'ticket.issued']);
    expect(JSON.parse(rows[1]!.payload)).toMatchObject({ number: 'E-002', deskId: 5, channel: 'kiosk' });
  });

  it('announces each ticket to subscribers', async () => {
    const host = createTestHost(tempDir());
    const seen: EventMessage[] = [];
    host.events.subscribe((message) => seen.push(message));
    const ticket = await issue(host, 7);
    await expect.poll(() => seen.some((message) => message.event === 'ticket.printed')).toBe(true);
    // The number first; then the first job tells stations that the printer, unknown until now,
    // is online, and how the paper went.
    expect(seen).toMatchObject([
      { event: 'queue.changed', payload: { revision: 1, tickets: [{ number: 'G-001', status: 'waiting' }] } },
      { event: 'ticket.issued', payload: { number: 'G-001', deskId: 7, print: { status: 'pending' } } },
      { event: 'device.status', payload: { id: 'printer', state: 'online' } },
      { event: 'ticket.printed', payload: { ticketId: ticket.id, number: 'G-001', print: { status: 'printed' } } },
    ]);
  });

  it('finishes tickets still printing before closing, and refuses new calls meanwhile', async () => {
    const dataDir = tempDir();
    const transport = new HeldTransport();
    // A driver whose close() does not wait for its queue: only the host's own drain can hold the
    // database open until the ticket's print outcome is recorded.
    const driver = new EscPosTicketPrinter(transport, { timeoutMs: 30_000 });
    const printer: TicketPrinter = {
      print: (job) => driver.print(job),
      probe: () => driver.probe(),
      status: () => driver.status(),
      onStatusChange: (listener) => driver.onStatusChange(listener),
      close: async () => {},
    };
    const host = createTestHost(dataDir, { printer });
    await expect(issue(host, 1)).resolves.toMatchObject({ number: 'A-001', print: { status: 'pending' } });
    await expect.poll(() => transport.started).toEqual(['A-001']);

    let closed = false;
    const closing = host.close().then(() => {
      closed = true;
    });
    await expect(host.dispatch('desks.list', {}, kiosk)).resolves.toMatchObject({ error: { code: 'unavailable' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);

    transport.releaseAll();
    await closing;
    expect(readRows(dataDir, 'SELECT status FROM print_jobs')).toEqual([{ status: 'printed' }]);
  });
});

describe('the visitor identity given at the kiosk', () => {
  it('seals a valid NIK with the ticket for the desk, refuses an invalid one, and never writes it in clear', async () => {
    const dataDir = tempDir();
    const host = createTestHost(dataDir);
    const nik = '3201014501900001';
    const ticket = await issue(host, { deskId: 1, identity: { kind: 'nik', value: nik } });
    const refusedNik = await host.dispatch('tickets.issue', { deskId: 1, identity: { kind: 'nik', value: '3201014501900000' } }, { channel: 'kiosk' });
    expect(refusedNik).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('serial') } });
    const scanned = await issue(host, { deskId: 2, identity: { kind: 'siapkerja-id', value: 'SK2026000123' } });
    await host.close();
    const rows = readRows<{ id: number; siapkerja_sealed: string | null }>(dataDir, 'SELECT id, siapkerja_sealed FROM tickets ORDER BY id');
    expect(rows.map((row) => [row.id, row.siapkerja_sealed !== null])).toEqual([
      [ticket.id, true],
      [scanned.id, true],
    ]);
    // Nowhere in clear: not in the database file, the outbox, the audit trail or the events.
    const files = readdirSync(dataDir).filter((name) => name.startsWith('kiosk.sqlite'));
    for (const name of files) expect(readFileSync(join(dataDir, name)).includes(Buffer.from(nik))).toBe(false);
    expect(JSON.stringify(ticket)).not.toContain(nik);
  });
});

describe('the visit data a visitor gives with consent', () => {
  it('seals it with the ticket, keeps the proof of consent, refuses an outdated consent, and purges it after the retention window', async () => {
    const dataDir = tempDir();
    let now = new Date('2026-11-02T02:00:00Z');
    const host = createTestHost(dataDir, { clock: () => now, config: { privacy: { visitorDataDays: 30 } } });
    const visitor = { consent: true, consentVersion: VISITOR_CONSENT_VERSION, employmentStatus: 'terkena_phk', whatsapp: '0812 3456 7890' };
    const ticket = await issue(host, { deskId: 6, userType: 'pekerja', visitor });
    const outdated = await host.dispatch('tickets.issue', { deskId: 6, visitor: { ...visitor, consentVersion: '2020-01' } }, { channel: 'kiosk' });
    expect(outdated).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('consent') } });
    const noConsent = await host.dispatch('tickets.issue', { deskId: 6, visitor: { ...visitor, consent: false } }, { channel: 'kiosk' });
    expect(noConsent).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(ticket)).not.toContain('3456');

    // 31 days on, the first call of the day purges it; the proof of consent stays.
    now = new Date('2026-12-03T02:00:00Z');
    await issue(host, 1);
    await host.close();
    const [row] = readRows<{ visitor_sealed: string | null; consent_version: string; consent_at: string }>(dataDir, `SELECT visitor_sealed, consent_version, consent_at FROM tickets WHERE id = ${ticket.id}`);
    expect(row).toEqual({ visitor_sealed: null, consent_version: VISITOR_CONSENT_VERSION, consent_at: '2026-11-02T02:00:00.000Z' });
    for (const name of readdirSync(dataDir).filter((file) => file.startsWith('kiosk.sqlite'))) {
      expect(readFileSync(join(dataDir, name)).includes(Buffer.from('3456 7890'))).toBe(false);
    }
  });

  it('holds the sealed data until the window ends', async () => {
    const dataDir = tempDir();
    const host = createTestHost(dataDir);
    const ticket = await issue(host, { deskId: 4, visitor: { consent: true, consentVersion: VISITOR_CONSENT_VERSION, employmentStatus: 'belum_pernah_bekerja' } });
    await host.close();
    const [row] = readRows<{ visitor_sealed: string | null }>(dataDir, `SELECT visitor_sealed FROM tickets WHERE id = ${ticket.id}`);
    expect(row!.visitor_sealed).toMatch(/\S{20,}/);
    expect(row!.visitor_sealed).not.toContain('belum_pernah_bekerja');
  });
});
