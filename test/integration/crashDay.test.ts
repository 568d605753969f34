import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { createKioskHost, DATABASE_FILE_NAME } from '../../src/host/kioskHost.js';
import { KioskConfigSchema } from '../../src/host/kioskConfig.js';
import { SimulatedPrinterTransport } from '../../drivers/printer/simulatedPrinterTransport.js';
import { EscPosTicketPrinter } from '../../drivers/printer/escposTicketPrinter.js';
import { escPosPreview } from '../../drivers/printer/escposTextDecoder.js';
import { openAllDay } from '../support/alwaysOpen.js';
import { startHeadlessHost, writeConfig } from '../support/headlessHost.js';
import { TEST_PIN } from '../support/queueDriver.js';
import { tempDir } from '../support/tempDir.js';

interface Answer {
  ok: boolean;
  value?: unknown;
  error?: { code: string };
}

async function call(url: string, method: string, body: unknown, session?: string): Promise<Answer> {
  const response = await fetch(`${url}/api/v1/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { 'x-kiosk-session': session } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Answer;
}

/** A day's work from the kiosk and two desks, until the process dies under it. */
async function workUntilKilled(url: string, officers: string[], stopAfterMs: number): Promise<void> {
  const deadline = Date.now() + stopAfterMs;
  const visitor = (async () => {
    while (Date.now() < deadline) await call(url, 'tickets.issue', { deskId: 1 + Math.floor(Math.random() * 2), priority: Math.random() < 0.2 });
  })();
  const desks = officers.map(async (session, index) => {
    while (Date.now() < deadline) {
      const next = await call(url, 'queue.callNext', {}, session);
      const ticket = (next.value as { ticket: { id: number } | null } | undefined)?.ticket;
      if (!ticket) continue;
      await call(url, 'queue.start', { ticketId: ticket.id }, session);
      await call(url, 'queue.finish', { ticketId: ticket.id, services: [servicesForDesk(index + 1)[0]!.code] }, session);
    }
  });
  await Promise.allSettled([visitor, ...desks]);
}

describe('the host killed (SIGKILL) at random points of a busy day', () => {
  it('restarts consistent every time and never reuses a number', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, {});
    // Staff accounts exist before the day starts.
    const setup = createKioskHost({
      dataDir,
      config: KioskConfigSchema.parse(openAllDay()),
      printer: new EscPosTicketPrinter(new SimulatedPrinterTransport(join(dataDir, 'printer'), escPosPreview)),
    });
    for (const username of ['petugas1', 'petugas2']) await setup.createStaff({ username, name: username, role: 'officer', pin: TEST_PIN });
    await setup.close();

    const numbersSeen = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const host = await startHeadlessHost(dataDir);
      onTestFinished(() => host.kill());
      const officers: string[] = [];
      for (const [index, username] of ['petugas1', 'petugas2'].entries()) {
        const login = await call(host.url, 'auth.login', { username, pin: TEST_PIN });
        const session = (login.value as { sessionToken: string }).sessionToken;
        // After a crash the officer is still signed on at the counter; opening it again is a no-op.
        const opened = await call(host.url, 'counters.open', { deskId: index + 1, counterNumber: 1 }, session);
        expect(opened.ok, JSON.stringify(opened)).toBe(true);
        // A visitor left at the counter by the crash is finished first.
        const who = await call(host.url, 'auth.whoami', {}, session);
        const left = (who.value as { counter: { currentTicketId: number | null } }).counter.currentTicketId;
        if (left) {
          await call(host.url, 'queue.start', { ticketId: left }, session);
          await call(host.url, 'queue.finish', { ticketId: left, services: [servicesForDesk(index + 1)[0]!.code] }, session);
        }
        officers.push(session);
      }
      const killAfter = 150 + Math.floor(Math.random() * 600);
      const work = workUntilKilled(host.url, officers, 5_000);
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      await host.kill();
      await work;

      const db = new Database(join(dataDir, DATABASE_FILE_NAME));
      try {
        expect(db.pragma('quick_check', { simple: true })).toBe('ok');
        const tickets = db.prepare('SELECT id, number, status FROM tickets').all() as Array<{ id: number; number: string; status: string }>;
        expect(new Set(tickets.map((ticket) => ticket.number)).size).toBe(tickets.length);
        for (const ticket of tickets) numbersSeen.add(ticket.number);
        // Every ticket has its issue fact in the audit trail and the outbox: nothing half-written.
        const audited = db.prepare("SELECT COUNT(DISTINCT ticket_id) AS n FROM audit WHERE action = 'ticket.issued'").get() as { n: number };
        const forwarded = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'ticket.issued'").get() as { n: number };
        expect(audited.n).toBe(tickets.length);
        expect(forwarded.n).toBe(tickets.length);
        // Every status change has its audit row: the counts per status agree.
        const finished = db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE status = 'done'").get() as { n: number };
        const finishedAudit = db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'ticket.finished'").get() as { n: number };
        expect(finishedAudit.n).toBe(finished.n);
        // A counter holds a ticket only while it is called or being served.
        const dangling = db
          .prepare("SELECT COUNT(*) AS n FROM counters c JOIN tickets t ON t.id = c.current_ticket_id WHERE t.status NOT IN ('called', 'serving')")
          .get() as { n: number };
        expect(dangling.n).toBe(0);
      } finally {
        db.close();
      }
    }
    // Numbers continue after the last one committed, whatever was in flight when the power went.
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    const next = await call(host.url, 'tickets.issue', { deskId: 1 });
    expect(numbersSeen.has((next.value as { number: string }).number)).toBe(false);
    expect(numbersSeen.size).toBeGreaterThan(5);
  });
});
