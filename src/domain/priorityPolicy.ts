/**
 * Which waiting ticket a desk calls next. Visitors from vulnerable groups (kelompok rentan: elderly,
 * pregnant, disabled) go first, but only in bursts, so a steady stream of them cannot starve the
 * regular queue.
 */

export interface PriorityPolicy {
  /**
   * After this many priority calls in a row at a desk, the next call takes the longest-waiting
   * regular ticket if one is waiting. 0 disables priority: pure first-come order.
   */
  priorityBurst: number;
}

export interface WaitingTicket {
  id: number;
  priority: boolean;
  /** ISO instant; a transferred ticket keeps its original issue time, so it does not lose its place. */
  queuedAt: string;
}

/** Milliseconds of `queuedAt`; an unreadable value sorts last rather than stopping the desk. */
function queuedMs(ticket: WaitingTicket): number {
  const ms = Date.parse(ticket.queuedAt);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/**
 * Earlier queue time first, then lower id. Parsed rather than compared as text, because
 * "…T08:00:00Z" and "…T08:00:00.000Z" are the same moment.
 */
function compareArrival(a: WaitingTicket, b: WaitingTicket): number {
  const byTime = queuedMs(a) - queuedMs(b);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id - b.id;
}

function earliest(tickets: readonly WaitingTicket[], wanted: (ticket: WaitingTicket) => boolean): WaitingTicket | undefined {
  let best: WaitingTicket | undefined;
  for (const ticket of tickets) {
    if (wanted(ticket) && (!best || compareArrival(ticket, best) < 0)) best = ticket;
  }
  return best;
}

/** A burst from configuration as a whole number ≥ 0; a fraction would make "in a row" meaningless. */
function burstOf(policy: PriorityPolicy): number {
  return Number.isFinite(policy.priorityBurst) ? Math.max(0, Math.floor(policy.priorityBurst)) : 0;
}

/** Whether the next call goes to a priority ticket, given who waits and the streak so far. */
function priorityTurn(streak: number, burst: number, regularWaiting: boolean): boolean {
  return !regularWaiting || streak < burst;
}

/** The ticket to call next, or undefined when nobody waits. */
export function chooseNext(waiting: readonly WaitingTicket[], priorityStreak: number, policy: PriorityPolicy): WaitingTicket | undefined {
  const burst = burstOf(policy);
  if (burst === 0) return earliest(waiting, () => true);
  const priority = earliest(waiting, (ticket) => ticket.priority);
  const regular = earliest(waiting, (ticket) => !ticket.priority);
  if (priority && priorityTurn(priorityStreak, burst, regular !== undefined)) return priority;
  return regular ?? priority;
}

/** The desk's streak after calling `chosen`: priority calls count up, a regular call resets it. */
export function nextPriorityStreak(chosen: WaitingTicket, priorityStreak: number): number {
  return chosen.priority ? Math.max(0, priorityStreak) + 1 : 0;
}

/**
 * Ticket ids in the order the desk would call them if nobody else arrived; a ticket's index is the
 * number of people ahead of it. Same outcome as calling `chooseNext` repeatedly, in one sort.
 */
export function queuePositions(waiting: readonly WaitingTicket[], priorityStreak: number, policy: PriorityPolicy): number[] {
  const burst = burstOf(policy);
  if (burst === 0) return [...waiting].sort(compareArrival).map((ticket) => ticket.id);
  const priority = waiting.filter((ticket) => ticket.priority).sort(compareArrival);
  const regular = waiting.filter((ticket) => !ticket.priority).sort(compareArrival);
  const order: number[] = [];
  let streak = priorityStreak;
  let p = 0;
  let r = 0;
  while (p < priority.length || r < regular.length) {
    const next = p < priority.length && priorityTurn(streak, burst, r < regular.length) ? priority[p++] : regular[r++];
    if (!next) break; // unreachable: the loop condition guarantees one list has a ticket left
    order.push(next.id);
    streak = nextPriorityStreak(next, streak);
  }
  return order;
}
