import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../src/host/dispatcher.js';
import { DATABASE_FILE_NAME } from '../../src/host/kioskHost.js';
import { chooseNext, nextPriorityStreak, type WaitingTicket } from '../../src/domain/priorityPolicy.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { canApply, nextStatus, type TicketAction } from '../../src/domain/ticketLifecycle.js';
import type { TicketStatus } from '../../src/contract/vocabulary.js';
import { KIOSK, loginAs, manualClock } from '../support/queueDriver.js';
import { createTestHost } from '../support/testHost.js';
import { tempDir } from '../support/tempDir.js';

const DESKS = [1, 2];
const OFFICERS = 3;
const BURST = 1;

type Step =
  | { kind: 'issue'; desk: number; priority: boolean; byReceptionist: boolean }
  | { kind: 'open'; officer: number; desk: number }
  | { kind: 'callNext' | 'callAndClose' | 'recall' | 'start' | 'noShow' | 'finish' | 'pause' | 'resume' | 'close'; officer: number }
  | { kind: 'transfer'; officer: number; desk: number }
  | { kind: 'cancel'; pick: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('issue' as const), desk: fc.constantFrom(...DESKS), priority: fc.boolean(), byReceptionist: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('open' as const), officer: fc.nat(OFFICERS - 1), desk: fc.constantFrom(...DESKS) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constantFrom('callNext' as const, 'callAndClose' as const, 'callAndClose' as const, 'recall' as const, 'start' as const, 'noShow' as const, 'finish' as const, 'pause' as const, 'resume' as const, 'close' as const),
      officer: fc.nat(OFFICERS - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), officer: fc.nat(OFFICERS - 1), desk: fc.constantFrom(...DESKS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(50) }) },
);

/** Errors a correct host may answer to a random but well-formed action; anything else is a bug. */
const EXPECTED_REFUSALS = new Set(['conflict', 'illegal_transition', 'not_found']);

const AUDIT_ACTION: Record<string, TicketAction | 'issue' | undefined> = {
  'ticket.issued': 'issue',
  'ticket.called': 'call',
  'ticket.recalled': 'recall',
  'ticket.serving': 'start',
  'ticket.finished': 'finish',
  'ticket.no_show': 'no_show',
  'ticket.cancelled': 'cancel',
  'ticket.transferred': 'transfer',
  'ticket.requeued': 'requeue',
};

describe('queue under random actions from several stations (fast-check)', () => {
  it('never duplicates or loses a number, never makes an illegal transition, and honours the priority policy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 20, maxLength: 80 }), async (steps) => {
        const dataDir = tempDir();
        const clock = manualClock('2026-11-23T02:00:00.000Z');
        const host = createTestHost(dataDir, { clock: clock.now, config: { queue: { priorityBurst: BURST } } });
        const receptionist = await loginAs(host, 'receptionist', 'resepsionis');
        const officers: CallContext[] = [];
        for (let i = 0; i < OFFICERS; i++) officers.push(await loginAs(host, 'officer', `petugas${i}`));

        // A model of each desk's waiting line and priority streak, to check every call's choice.
        const waiting = new Map<number, WaitingTicket[]>(DESKS.map((desk) => [desk, []]));
        const streak = new Map<number, number>(DESKS.map((desk) => [desk, 0]));
        const current = new Map<number, { id: number; desk: number; status: TicketStatus } | undefined>();
        const issued: number[] = [];
        const removeWaiting = (id: number) => {
          for (const list of waiting.values()) {
            const index = list.findIndex((ticket) => ticket.id === id);
            if (index >= 0) list.splice(index, 1);
          }
        };

        for (const step of steps) {
          clock.advance(30_000);
          let envelope;
          if (step.kind === 'issue') {
            envelope = await host.dispatch('tickets.issue', { deskId: step.desk, priority: step.priority }, step.byReceptionist ? receptionist : KIOSK);
            if (envelope.ok) {
              const ticket = envelope.value as { id: number; issuedAt: string };
              issued.push(ticket.id);
              waiting.get(step.desk)!.push({ id: ticket.id, priority: step.priority, queuedAt: ticket.issuedAt });
            }
          } else if (step.kind === 'cancel') {
            const all = [...waiting.values()].flat();
            const target = all[step.pick % Math.max(1, all.length)];
            if (!target) continue;
            envelope = await host.dispatch('queue.cancel', { ticketId: target.id, reason: 'pengunjung pulang' }, receptionist);
            if (envelope.ok) removeWaiting(target.id);
          } else {
            const officer = officers[step.officer]!;
            const mine = current.get(step.officer);
            switch (step.kind) {
              case 'open':
                envelope = await host.dispatch('counters.open', { deskId: step.desk, counterNumber: step.officer + 1 }, officer);
                break;
              case 'callNext':
              case 'callAndClose': {
                envelope = await host.dispatch('queue.callNext', {}, officer);
                if (envelope.ok) {
                  const who = await host.dispatch('auth.whoami', {}, officer);
                  const desk = (who.ok ? (who.value as { counter: { deskId: number } }).counter.deskId : 0);
                  const chosen = (envelope.value as { ticket: { id: number } | null }).ticket;
                  const expected = chooseNext(waiting.get(desk)!, streak.get(desk)!, { priorityBurst: BURST });
                  expect(chosen?.id).toBe(expected?.id);
                  if (expected) {
                    streak.set(desk, nextPriorityStreak(expected, streak.get(desk)!));
                    removeWaiting(expected.id);
                    current.set(step.officer, { id: expected.id, desk, status: 'called' });
                    // A quick visit keeps calls coming, so priority streaks actually build up.
                    if (step.kind === 'callAndClose') {
                      const closed = await host.dispatch('queue.noShow', { ticketId: expected.id }, officer);
                      expect(closed.ok).toBe(true);
                      current.set(step.officer, undefined);
                    }
                  }
                }
                break;
              }
              case 'transfer':
                if (!mine) continue;
                envelope = await host.dispatch('queue.transfer', { ticketId: mine.id, toDeskId: step.desk }, officer);
                if (envelope.ok) {
                  const view = envelope.value as { id: number; priority: boolean; queuedAt: string };
                  waiting.get(step.desk)!.push({ id: view.id, priority: view.priority, queuedAt: view.queuedAt });
                  current.set(step.officer, undefined);
                }
                break;
              case 'pause':
                envelope = await host.dispatch('counters.pause', { reason: 'istirahat' }, officer);
                break;
              case 'resume':
                envelope = await host.dispatch('counters.resume', {}, officer);
                break;
              case 'close':
                envelope = await host.dispatch('counters.close', {}, officer);
                break;
              default: {
                if (!mine) continue;
                const method = { recall: 'queue.recall', start: 'queue.start', noShow: 'queue.noShow', finish: 'queue.finish' }[step.kind];
                const input = step.kind === 'finish' ? { ticketId: mine.id, services: [servicesForDesk(mine.desk)[0]!.code] } : { ticketId: mine.id };
                envelope = await host.dispatch(method, input, officer);
                if (envelope.ok && (step.kind === 'noShow' || step.kind === 'finish')) current.set(step.officer, undefined);
              }
            }
          }
          if (envelope && !envelope.ok) {
            expect(EXPECTED_REFUSALS.has(envelope.error.code), `${step.kind}: ${envelope.error.code} ${envelope.error.message}`).toBe(true);
          }
        }

        await host.close();
        const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
        try {
          const tickets = db.prepare('SELECT id, number, status FROM tickets ORDER BY id').all() as Array<{ id: number; number: string; status: TicketStatus }>;
          // No lost ticket, no duplicate number.
          expect(tickets.map((ticket) => ticket.id)).toEqual(issued);
          expect(new Set(tickets.map((ticket) => ticket.number)).size).toBe(tickets.length);
          // Replaying each ticket's audit trail through the lifecycle table is legal and ends where the row is.
          const audit = db.prepare("SELECT ticket_id, action FROM audit WHERE ticket_id IS NOT NULL ORDER BY id").all() as Array<{ ticket_id: number; action: string }>;
          for (const ticket of tickets) {
            let status: TicketStatus | undefined;
            for (const entry of audit.filter((row) => row.ticket_id === ticket.id)) {
              const action = AUDIT_ACTION[entry.action];
              if (action === 'issue') {
                expect(status).toBeUndefined();
                status = 'waiting';
              } else if (action) {
                expect(canApply(status!, action), `${ticket.number}: ${entry.action} from ${status}`).toBe(true);
                status = nextStatus(status!, action);
              }
            }
            expect(status).toBe(ticket.status);
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});
