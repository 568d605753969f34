import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ANNOUNCEMENT_GAP_MS,
  Announcer,
  CLIP_GAP_SECONDS,
  MAX_PENDING_ANNOUNCEMENTS,
  type AnnouncementEntry,
  type AnnouncerError,
  type AudioBufferLike,
  type AudioBufferSourceLike,
  type AudioContextLike,
} from '../../renderer/src/display/announcer.js';

/** Every clip lasts this long once "decoded" by the fake context. */
const CLIP_SECONDS = 0.4;

interface Scheduled {
  clip: string;
  start: number;
  end: number;
  stopped: boolean;
}

/** A Web Audio context whose clock follows the (fake) wall clock, recording what was scheduled. */
class FakeAudioContext implements AudioContextLike {
  state = 'suspended';
  readonly destination = {};
  readonly scheduled: Scheduled[] = [];
  decoded: string[] = [];
  closed = false;
  resumeFails = false;
  private readonly origin = Date.now();

  get currentTime(): number {
    return (Date.now() - this.origin) / 1000;
  }

  async resume(): Promise<void> {
    if (this.resumeFails) throw new Error('NotAllowedError');
    this.state = 'running';
  }

  async close(): Promise<void> {
    this.closed = true;
    this.state = 'closed';
  }

  async decodeAudioData(data: ArrayBuffer): Promise<AudioBufferLike> {
    const clip = new TextDecoder().decode(data);
    this.decoded.push(clip);
    return Object.assign({ duration: CLIP_SECONDS }, { clip });
  }

  createBufferSource(): AudioBufferSourceLike {
    const scheduled = this.scheduled;
    let entry: Scheduled | undefined;
    return {
      buffer: null,
      connect: () => undefined,
      start(when = 0) {
        const clip = (this.buffer as unknown as { clip: string }).clip;
        entry = { clip, start: when, end: when + (this.buffer?.duration ?? 0), stopped: false };
        scheduled.push(entry);
      },
      stop() {
        if (entry) entry.stopped = true;
      },
    };
  }
}

let context: FakeAudioContext;
let fetched: string[];
let failing: Set<string>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  context = new FakeAudioContext();
  fetched = [];
  failing = new Set();
  // The body of each fake recording is its own clip id, so the fake decoder knows what it plays.
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    const clip = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
    if (failing.has(clip)) return new Response('{"ok":false}', { status: 404 });
    return new Response(clip, { status: 200 });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function makeAnnouncer() {
  const announcer = new Announcer({ baseUrl: 'http://kiosk.local:8080/', audioContextFactory: () => context });
  const entries: AnnouncementEntry[] = [];
  const errors: AnnouncerError[] = [];
  announcer.onAnnouncement((entry) => entries.push(entry));
  announcer.onError((error) => errors.push(error));
  return { announcer, entries, errors };
}

const CALL_A = ['chime', 'nomor-antrean', 'huruf-a', 'satu'];
const CALL_B = ['chime', 'nomor-antrean', 'huruf-b', 'dua'];

describe('Announcer', () => {
  it('records calls without sound until unlocked, and then plays them', async () => {
    const { announcer, entries } = makeAnnouncer();
    expect(announcer.soundAllowed).toBe(false);
    announcer.announce(CALL_A);
    await vi.advanceTimersByTimeAsync(0);
    expect(entries).toEqual([{ clips: CALL_A, startedAt: expect.any(Number), played: false }]);
    expect(fetched).toEqual([]);

    expect(await announcer.unlock()).toBe(true);
    expect(announcer.soundAllowed).toBe(true);
    announcer.announce(CALL_A);
    await vi.advanceTimersByTimeAsync(0);
    expect(entries[1]).toMatchObject({ clips: CALL_A, played: true });
    expect(fetched[0]).toBe('http://kiosk.local:8080/voice/chime');
    expect(context.scheduled.map((s) => s.clip)).toEqual(CALL_A);
  });

  it('chains the clips of a call with a short gap, and never overlaps two calls', async () => {
    const { announcer, entries } = makeAnnouncer();
    await announcer.unlock();
    announcer.announce(CALL_A);
    announcer.announce(CALL_B);
    await vi.advanceTimersByTimeAsync(0);
    // The second call waits for the first to finish.
    expect(entries).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(entries.map((entry) => entry.clips)).toEqual([CALL_A, CALL_B]);

    const played = context.scheduled;
    expect(played.map((s) => s.clip)).toEqual([...CALL_A, ...CALL_B]);
    for (let i = 1; i < CALL_A.length; i += 1) {
      expect(played[i]!.start - played[i - 1]!.end).toBeCloseTo(CLIP_GAP_SECONDS, 6);
    }
    const lastOfA = played[CALL_A.length - 1]!;
    const firstOfB = played[CALL_A.length]!;
    expect(firstOfB.start - lastOfA.end).toBeGreaterThanOrEqual(ANNOUNCEMENT_GAP_MS / 1000);
    expect(firstOfB.start - lastOfA.end).toBeLessThan(ANNOUNCEMENT_GAP_MS / 1000 + 0.6);
  });

  it('fetches and decodes each clip once, and announces a recall again', async () => {
    const { announcer, entries } = makeAnnouncer();
    await announcer.unlock();
    announcer.announce(CALL_A);
    announcer.announce(CALL_A);
    announcer.announce(CALL_B);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(entries.map((entry) => [entry.clips, entry.played])).toEqual([
      [CALL_A, true],
      [CALL_A, true],
      [CALL_B, true],
    ]);
    const unique = [...new Set([...CALL_A, ...CALL_B])];
    expect(fetched).toHaveLength(unique.length);
    expect([...context.decoded].sort()).toEqual([...unique].sort());
    expect(context.scheduled).toHaveLength(CALL_A.length * 2 + CALL_B.length);
  });

  it('skips a clip that fails to load, reports it, finishes the call and retries the clip later', async () => {
    const { announcer, entries, errors } = makeAnnouncer();
    await announcer.unlock();
    failing.add('huruf-a');
    announcer.announce(CALL_A);
    announcer.announce(CALL_B);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(entries.map((entry) => entry.played)).toEqual([true, true]);
    expect(context.scheduled.map((s) => s.clip)).toEqual(['chime', 'nomor-antrean', 'satu', ...CALL_B]);
    expect(errors).toEqual([expect.objectContaining({ reason: 'clip_failed', clip: 'huruf-a' })]);

    failing.clear();
    announcer.announce(CALL_A);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(context.scheduled.slice(-CALL_A.length).map((s) => s.clip)).toEqual(CALL_A);
  });

  it('marks a call whose every clip failed as not played', async () => {
    const { announcer, entries } = makeAnnouncer();
    await announcer.unlock();
    failing.add('x');
    announcer.announce(['x']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(entries).toEqual([{ clips: ['x'], startedAt: expect.any(Number), played: false }]);
  });

  it(`keeps at most ${MAX_PENDING_ANNOUNCEMENTS} calls waiting, dropping the oldest`, async () => {
    const { announcer, entries, errors } = makeAnnouncer();
    await announcer.unlock();
    const calls = Array.from({ length: MAX_PENDING_ANNOUNCEMENTS + 6 }, (_, i) => ['chime', `n${i}`]);
    for (const call of calls) announcer.announce(call);
    await vi.advanceTimersByTimeAsync(120_000);
    // The first was already playing; of the 25 behind it the 5 oldest were dropped.
    expect(errors.map((error) => error.reason)).toEqual(Array(5).fill('queue_full'));
    expect(errors.map((error) => error.clips)).toEqual(calls.slice(1, 6));
    expect(entries.map((entry) => entry.clips)).toEqual([calls[0], ...calls.slice(6)]);
  });

  it('says unlock failed when the browser refuses sound, and stays silent', async () => {
    const { announcer, entries, errors } = makeAnnouncer();
    context.resumeFails = true;
    expect(await announcer.unlock()).toBe(false);
    expect(errors[0]).toMatchObject({ reason: 'audio_unavailable' });
    announcer.announce(CALL_A);
    await vi.advanceTimersByTimeAsync(0);
    expect(entries).toEqual([{ clips: CALL_A, startedAt: expect.any(Number), played: false }]);
  });

  it('still records calls in a browser without Web Audio', async () => {
    const announcer = new Announcer({ baseUrl: '' });
    const entries: AnnouncementEntry[] = [];
    const errors: AnnouncerError[] = [];
    announcer.onAnnouncement((entry) => entries.push(entry));
    announcer.onError((error) => errors.push(error));
    expect(await announcer.unlock()).toBe(false);
    announcer.announce(CALL_A);
    await vi.advanceTimersByTimeAsync(0);
    expect(entries).toEqual([{ clips: CALL_A, startedAt: expect.any(Number), played: false }]);
    expect(errors).toEqual([expect.objectContaining({ reason: 'audio_unavailable' })]);
  });

  it('stops the rest of a call if the browser suspends sound midway', async () => {
    const { announcer, entries } = makeAnnouncer();
    await announcer.unlock();
    announcer.announce(CALL_A);
    announcer.announce(CALL_B);
    await vi.advanceTimersByTimeAsync(300);
    context.state = 'suspended';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(context.scheduled.slice(0, CALL_A.length).every((s) => s.stopped)).toBe(true);
    expect(entries.map((entry) => entry.played)).toEqual([true, false]);
  });

  it('dispose stops playback, drops waiting calls and closes the context', async () => {
    const { announcer, entries } = makeAnnouncer();
    await announcer.unlock();
    announcer.announce(CALL_A);
    announcer.announce(CALL_B);
    await vi.advanceTimersByTimeAsync(100);
    announcer.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(entries).toHaveLength(1);
    expect(context.scheduled.every((s) => s.stopped)).toBe(true);
    expect(context.closed).toBe(true);
    expect(announcer.soundAllowed).toBe(false);
    announcer.announce(CALL_A);
    await vi.advanceTimersByTimeAsync(1000);
    expect(entries).toHaveLength(1);
  });
});
