import { describe, expect, it } from 'vitest';
import { estimateWait, MAX_PLAUSIBLE_SERVICE_SECONDS, RECENT_SAMPLE_SIZE } from '../../src/domain/waitEstimate.js';

const base = { peopleAhead: 3, openCounters: 1, recentServiceSeconds: [] as number[], defaultServiceSeconds: 600 };

describe('estimateWait', () => {
  it('is zero minutes when nobody is ahead', () => {
    expect(estimateWait({ ...base, peopleAhead: 0, recentServiceSeconds: [300] })).toEqual({
      peopleAhead: 0,
      minutes: 0,
      basis: 'recent',
      countersAssumed: false,
    });
  });

  it('uses the default duration while the day has no service durations', () => {
    expect(estimateWait(base)).toEqual({ peopleAhead: 3, minutes: 30, basis: 'default', countersAssumed: false });
  });

  it('uses the median of recent durations, not the mean', () => {
    // Median 300 s; one long consultation (3 h) does not drag the estimate up.
    expect(estimateWait({ ...base, recentServiceSeconds: [240, 300, 10_800, 360, 300] })).toMatchObject({ minutes: 15, basis: 'recent' });
  });

  it('averages the two middle values of an even sample', () => {
    expect(estimateWait({ ...base, peopleAhead: 1, recentServiceSeconds: [120, 240] })).toMatchObject({ minutes: 3 });
  });

  it('rounds up to whole minutes', () => {
    expect(estimateWait({ ...base, peopleAhead: 1, recentServiceSeconds: [61] }).minutes).toBe(2);
    expect(estimateWait({ ...base, peopleAhead: 1, recentServiceSeconds: [60] }).minutes).toBe(1);
    expect(estimateWait({ ...base, peopleAhead: 1, recentServiceSeconds: [1] }).minutes).toBe(1);
  });

  it('divides the work among open counters', () => {
    expect(estimateWait({ ...base, peopleAhead: 6, openCounters: 3, recentServiceSeconds: [300] })).toEqual({
      peopleAhead: 6,
      minutes: 10,
      basis: 'recent',
      countersAssumed: false,
    });
  });

  it('assumes one counter when none is open, and says so', () => {
    expect(estimateWait({ ...base, openCounters: 0 })).toEqual({ peopleAhead: 3, minutes: 30, basis: 'default', countersAssumed: true });
    expect(estimateWait({ ...base, openCounters: -2 }).countersAssumed).toBe(true);
  });

  it('ignores zero, negative, unreadable and absurd durations', () => {
    const noisy = [0, -5, Number.NaN, Number.POSITIVE_INFINITY, MAX_PLAUSIBLE_SERVICE_SECONDS + 1, 120];
    expect(estimateWait({ ...base, peopleAhead: 1, recentServiceSeconds: noisy })).toMatchObject({ minutes: 2, basis: 'recent' });
    expect(estimateWait({ ...base, recentServiceSeconds: [0, -1, 5 * 3600] })).toMatchObject({ minutes: 30, basis: 'default' });
    expect(estimateWait({ ...base, peopleAhead: 1, recentServiceSeconds: [MAX_PLAUSIBLE_SERVICE_SECONDS] }).minutes).toBe(240);
  });

  it('uses only the newest 20 valid durations (the input is newest first)', () => {
    const newest = Array.from({ length: RECENT_SAMPLE_SIZE }, () => 60);
    const older = Array.from({ length: 30 }, () => 1200);
    expect(estimateWait({ ...base, peopleAhead: 1, recentServiceSeconds: [...newest, ...older] }).minutes).toBe(1);
    // Invalid entries do not take a place in the sample.
    expect(estimateWait({ ...base, peopleAhead: 1, recentServiceSeconds: [0, 0, ...newest, ...older] }).minutes).toBe(1);
  });

  it('does not reorder the caller’s durations', () => {
    const recent = [300, 100, 200];
    estimateWait({ ...base, recentServiceSeconds: recent });
    expect(recent).toEqual([300, 100, 200]);
  });

  it('treats a nonsensical number of people ahead as nobody', () => {
    expect(estimateWait({ ...base, peopleAhead: -1 })).toMatchObject({ peopleAhead: 0, minutes: 0 });
  });
});
