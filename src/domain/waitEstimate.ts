/**
 * "About N minutes" for a visitor: how long the people ahead will take at the counters now open.
 * A rough figure by design; the screen says it is an estimate.
 */

export interface WaitEstimateInput {
  peopleAhead: number;
  openCounters: number;
  /** Service durations in seconds, newest first (as the store returns them). */
  recentServiceSeconds: readonly number[];
  /** Used until the day has enough real durations, e.g. early in the morning. */
  defaultServiceSeconds: number;
}

export interface WaitEstimate {
  peopleAhead: number;
  /** Whole minutes, rounded up; 0 when nobody is ahead. */
  minutes: number;
  basis: 'recent' | 'default';
  /** No counter is open, so one was assumed; the figure is shakier than usual. */
  countersAssumed: boolean;
}

/** Only the newest durations reflect the current staff and the kind of requests coming in. */
export const RECENT_SAMPLE_SIZE = 20;
/**
 * Longer than any real desk visit: such a value is a ticket left open over lunch or a clock
 * mistake, and would swamp the estimate.
 */
export const MAX_PLAUSIBLE_SERVICE_SECONDS = 4 * 60 * 60;

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** Median rather than mean, so one long consultation does not double everyone's estimate. */
export function estimateWait(input: WaitEstimateInput): WaitEstimate {
  const peopleAhead = Number.isFinite(input.peopleAhead) ? Math.max(0, Math.floor(input.peopleAhead)) : 0;
  const sample = input.recentServiceSeconds
    .filter((seconds) => Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_PLAUSIBLE_SERVICE_SECONDS)
    .slice(0, RECENT_SAMPLE_SIZE)
    .sort((a, b) => a - b);
  const basis = sample.length > 0 ? 'recent' : 'default';
  const perVisitSeconds = basis === 'recent' ? median(sample) : Math.max(0, input.defaultServiceSeconds);
  const countersAssumed = !(input.openCounters >= 1);
  const counters = countersAssumed ? 1 : Math.floor(input.openCounters);
  const minutes = peopleAhead === 0 ? 0 : Math.ceil((peopleAhead * perVisitSeconds) / counters / 60);
  return { peopleAhead, minutes, basis, countersAssumed };
}
