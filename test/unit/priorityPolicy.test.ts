import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseNext, nextPriorityStreak, queuePositions, type WaitingTicket } from '../../src/domain/priorityPolicy.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 1, minute)).toISOString();
const ticket = (id: number, priority: boolean, minute: number): WaitingTicket => ({ id, priority, queuedAt: at(minute) });

describe('chooseNext', () => {
  const waiting = [ticket(1, false, 0), ticket(2, true, 1), ticket(3, false, 2), ticket(4, true, 3), ticket(5, true, 4)];

  it('returns undefined when nobody waits', () => {
    expect(chooseNext([], 0, { priorityBurst: 2 })).toBeUndefined();
    expect(chooseNext([], 0, { priorityBurst: 0 })).toBeUndefined();
  });

  it('calls the oldest priority ticket first while the streak is below the burst', () => {
    expect(chooseNext(waiting, 0, { priorityBurst: 2 })?.id).toBe(2);
    expect(chooseNext(waiting, 1, { priorityBurst: 2 })?.id).toBe(2);
  });

  it('calls the longest-waiting regular ticket once the burst is used up', () => {
    expect(chooseNext(waiting, 2, { priorityBurst: 2 })?.id).toBe(1);
    expect(chooseNext(waiting, 5, { priorityBurst: 2 })?.id).toBe(1);
  });

  it('keeps calling priority tickets when no regular ticket waits', () => {
    const onlyPriority = waiting.filter((entry) => entry.priority);
    expect(chooseNext(onlyPriority, 7, { priorityBurst: 2 })?.id).toBe(2);
  });

  it('calls regular tickets when no priority ticket waits', () => {
    expect(chooseNext([ticket(3, false, 2), ticket(1, false, 0)], 0, { priorityBurst: 2 })?.id).toBe(1);
  });

  it('with burst 0 is pure first-come order', () => {
    expect(chooseNext(waiting, 0, { priorityBurst: 0 })?.id).toBe(1);
    expect(chooseNext(waiting.slice(1), 0, { priorityBurst: 0 })?.id).toBe(2);
  });

  it('breaks ties on queue time by id', () => {
    expect(chooseNext([ticket(9, true, 0), ticket(4, true, 0)], 0, { priorityBurst: 1 })?.id).toBe(4);
    expect(chooseNext([ticket(9, false, 0), ticket(4, false, 0)], 0, { priorityBurst: 0 })?.id).toBe(4);
  });

  it('compares queue times as instants, not as text', () => {
    const sameMoment = [
      { id: 2, priority: false, queuedAt: '2026-11-23T01:00:00.000Z' },
      { id: 1, priority: false, queuedAt: '2026-11-23T01:00:00Z' },
    ];
    expect(chooseNext(sameMoment, 0, { priorityBurst: 0 })?.id).toBe(1);
    const offsets = [
      { id: 1, priority: false, queuedAt: '2026-11-23T08:30:00+07:00' }, // 01:30Z
      { id: 2, priority: false, queuedAt: '2026-11-23T01:10:00Z' },
    ];
    expect(chooseNext(offsets, 0, { priorityBurst: 0 })?.id).toBe(2);
  });

  it('keeps a transferred ticket in place by its original issue time', () => {
    const transferred = ticket(40, false, -30); // issued at another desk half an hour earlier
    expect(chooseNext([ticket(10, false, 0), transferred], 0, { priorityBurst: 2 })?.id).toBe(40);
  });

  it('sorts an unreadable queue time last instead of failing', () => {
    const broken = { id: 1, priority: false, queuedAt: 'not a time' };
    expect(chooseNext([broken, ticket(2, false, 5)], 0, { priorityBurst: 0 })?.id).toBe(2);
    expect(chooseNext([broken], 0, { priorityBurst: 0 })?.id).toBe(1);
  });
});

describe('nextPriorityStreak', () => {
  it('counts priority calls and resets on a regular call', () => {
    expect(nextPriorityStreak(ticket(1, true, 0), 0)).toBe(1);
    expect(nextPriorityStreak(ticket(1, true, 0), 2)).toBe(3);
    expect(nextPriorityStreak(ticket(1, false, 0), 2)).toBe(0);
  });
});

describe('queuePositions', () => {
  it('orders a mixed queue by bursts of priority', () => {
    const waiting = [
      ticket(1, false, 0),
      ticket(2, false, 1),
      ticket(3, true, 2),
      ticket(4, true, 3),
      ticket(5, true, 4),
      ticket(6, false, 5),
    ];
    expect(queuePositions(waiting, 0, { priorityBurst: 2 })).toEqual([3, 4, 1, 5, 2, 6]);
    expect(queuePositions(waiting, 2, { priorityBurst: 2 })).toEqual([1, 3, 4, 2, 5, 6]);
    expect(queuePositions(waiting, 0, { priorityBurst: 1 })).toEqual([3, 1, 4, 2, 5, 6]);
    expect(queuePositions(waiting, 0, { priorityBurst: 0 })).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('is empty for an empty queue and does not reorder its input', () => {
    expect(queuePositions([], 0, { priorityBurst: 2 })).toEqual([]);
    const waiting = [ticket(2, false, 1), ticket(1, false, 0)];
    queuePositions(waiting, 0, { priorityBurst: 2 });
    expect(waiting.map((entry) => entry.id)).toEqual([2, 1]);
  });
});

describe('priority policy properties', () => {
  /** Distinct ids; queue times drawn from a small range so ties are common. */
  const waitingLists = fc.uniqueArray(
    fc.record({ id: fc.integer({ min: 1, max: 10_000 }), priority: fc.boolean(), minute: fc.integer({ min: 0, max: 15 }) }),
    { selector: (entry) => entry.id, maxLength: 40 },
  );
  const toTickets = (list: { id: number; priority: boolean; minute: number }[]) => list.map((entry) => ticket(entry.id, entry.priority, entry.minute));
  const bursts = fc.integer({ min: 0, max: 5 });
  const streaks = fc.integer({ min: 0, max: 6 });

  /** Calls everyone by repeated chooseNext; records who waited at each call. */
  function callAll(waiting: WaitingTicket[], streak: number, priorityBurst: number) {
    const remaining = [...waiting];
    const calls: { chosen: WaitingTicket; streakBefore: number; regularWaiting: boolean }[] = [];
    let current = streak;
    for (;;) {
      const chosen = chooseNext(remaining, current, { priorityBurst });
      if (!chosen) break;
      calls.push({ chosen, streakBefore: current, regularWaiting: remaining.some((entry) => !entry.priority) });
      remaining.splice(remaining.indexOf(chosen), 1);
      current = nextPriorityStreak(chosen, current);
    }
    return calls;
  }

  const arrivalOrder = (a: WaitingTicket, b: WaitingTicket) => Date.parse(a.queuedAt) - Date.parse(b.queuedAt) || a.id - b.id;
  const isSorted = (tickets: WaitingTicket[]) => tickets.every((entry, index) => index === 0 || arrivalOrder(tickets[index - 1]!, entry) < 0);

  it('(a) never calls more than priorityBurst priority tickets in a row while a regular ticket waits', () => {
    fc.assert(
      fc.property(waitingLists, fc.integer({ min: 1, max: 5 }), streaks, (list, burst, streak) => {
        for (const call of callAll(toTickets(list), streak, burst)) {
          if (call.chosen.priority && call.regularWaiting) {
            expect(nextPriorityStreak(call.chosen, call.streakBefore)).toBeLessThanOrEqual(burst);
          }
        }
      }),
    );
  });

  it('(a) also gives priority its turn: a waiting priority ticket is not passed over below the burst', () => {
    fc.assert(
      fc.property(waitingLists, fc.integer({ min: 1, max: 5 }), streaks, (list, burst, streak) => {
        const tickets = toTickets(list);
        const chosen = chooseNext(tickets, streak, { priorityBurst: burst });
        if (tickets.some((entry) => entry.priority) && streak < burst) expect(chosen?.priority).toBe(true);
      }),
    );
  });

  it('(b) serves each class first-come first-served, and everyone with burst 0', () => {
    fc.assert(
      fc.property(waitingLists, bursts, streaks, (list, burst, streak) => {
        const called = callAll(toTickets(list), streak, burst).map((call) => call.chosen);
        expect(isSorted(called.filter((entry) => entry.priority))).toBe(true);
        expect(isSorted(called.filter((entry) => !entry.priority))).toBe(true);
        if (burst === 0) expect(isSorted(called)).toBe(true);
      }),
    );
  });

  it('(c) queuePositions is a permutation of the ids, in the order repeated chooseNext calls them', () => {
    fc.assert(
      fc.property(waitingLists, bursts, streaks, (list, burst, streak) => {
        const tickets = toTickets(list);
        const order = queuePositions(tickets, streak, { priorityBurst: burst });
        expect([...order].sort((a, b) => a - b)).toEqual(tickets.map((entry) => entry.id).sort((a, b) => a - b));
        expect(order).toEqual(callAll(tickets, streak, burst).map((call) => call.chosen.id));
      }),
    );
  });
});
