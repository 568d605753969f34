import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyboardWedgeDetector, type WedgeKeyResult, type WedgeOptions } from '../../src/domain/keyboardWedgeDetector.js';

const NIK = '3201014501900001';

/** Types `keys` starting at `start`, `gapMs` apart; returns each key's result and the time after. */
function type(detector: KeyboardWedgeDetector, keys: string[], start: number, gapMs: number): { results: WedgeKeyResult[]; end: number } {
  const results = keys.map((key, index) => detector.feed(key, start + index * gapMs));
  return { results, end: start + (keys.length - 1) * gapMs };
}

const scans = (results: WedgeKeyResult[]) => results.flatMap((result) => (result.scan ? [result.scan] : []));
const chars = (text: string) => [...text];
const make = (options: Partial<WedgeOptions> = {}) => new KeyboardWedgeDetector({ maxKeyGapMs: 35, ...options });

describe('KeyboardWedgeDetector', () => {
  it('takes a fast burst ending in Enter as a scan and withholds the Enter', () => {
    const detector = make();
    const { results } = type(detector, [...chars(NIK), 'Enter'], 1000, 4);
    expect(scans(results)).toEqual([{ ok: true, text: NIK }]);
    expect(results.at(-1)?.consumed).toBe(true);
  });

  it('lets the first characters through and withholds the rest once the burst is certain', () => {
    const detector = make({ minLength: 6 });
    const { results } = type(detector, [...chars(NIK), 'Enter'], 0, 4);
    expect(results.map((result) => result.consumed)).toEqual([false, false, false, false, false, ...Array<boolean>(12).fill(true)]);
  });

  it('does not take a person typing for a scanner, however long the text', () => {
    const detector = make();
    const { results } = type(detector, [...chars(NIK), 'Enter'], 0, 120);
    expect(scans(results)).toEqual([]);
    expect(results.every((result) => !result.consumed)).toBe(true);
  });

  it('does not take a person’s key rollover (a few keys close together) for a scan', () => {
    const detector = make();
    const fast = type(detector, chars('the'), 0, 10);
    const slow = type(detector, [...chars(' cat'), 'Enter'], fast.end + 150, 150);
    expect(scans([...fast.results, ...slow.results])).toEqual([]);
    const short = type(detector, [...chars('abcde'), 'Enter'], 10_000, 5);
    expect(scans(short.results)).toEqual([]);
    expect(short.results.at(-1)?.consumed).toBe(false);
  });

  it('splits a burst at a gap longer than the limit: each part is judged alone', () => {
    const detector = make();
    const first = type(detector, chars('32010145'), 0, 5);
    const second = type(detector, [...chars('01900001'), 'Enter'], first.end + 80, 5);
    expect(scans([...first.results, ...second.results])).toEqual([
      { ok: true, text: '32010145' },
      { ok: true, text: '01900001' },
    ]);
    const short = make();
    const head = type(short, chars('abc'), 0, 5);
    expect(scans(type(short, [...chars('0190000'), 'Enter'], head.end + 80, 5).results)).toEqual([{ ok: true, text: '0190000' }]);
  });

  it('ends a scan without a suffix by a quiet gap, seen by the next key or by flush', () => {
    const detector = make({ suffix: '' });
    const { end } = type(detector, chars(NIK), 0, 3);
    expect(detector.deadline()).toBe(end + 36);
    expect(detector.flush(end + 30)).toBeNull();
    expect(detector.flush(end + 36)).toEqual({ ok: true, text: NIK });
    expect(detector.deadline()).toBeNull();

    const again = type(detector, chars(NIK), 1000, 3);
    const next = detector.feed('x', again.end + 500);
    expect(next).toEqual({ scan: { ok: true, text: NIK }, consumed: false });
  });

  it('takes a burst whose configured suffix never came, ended by silence', () => {
    const detector = make({ suffix: '\r' });
    const { end } = type(detector, chars(NIK), 0, 3);
    expect(detector.flush(end + 100)).toEqual({ ok: true, text: NIK });
  });

  it('takes Tab as the suffix when configured, and a stray Enter as the end of a fast burst', () => {
    const tab = make({ suffix: '\t' });
    const tabbed = type(tab, [...chars(NIK), 'Tab'], 0, 3);
    expect(scans(tabbed.results)).toEqual([{ ok: true, text: NIK }]);
    expect(tabbed.results.at(-1)?.consumed).toBe(true);
    const entered = type(tab, [...chars(NIK), 'Enter'], 1000, 3);
    expect(scans(entered.results)).toEqual([{ ok: true, text: NIK }]);
  });

  it('handles CRLF as one Enter, and a printable multi-key suffix', () => {
    const crlf = make({ suffix: '\r\n' });
    expect(scans(type(crlf, [...chars(NIK), 'Enter'], 0, 3).results)).toEqual([{ ok: true, text: NIK }]);
    const hash = make({ suffix: '##' });
    const { results } = type(hash, [...chars(NIK), '#', '#'], 0, 3);
    expect(scans(results)).toEqual([{ ok: true, text: NIK }]);
    expect(results.at(-1)?.consumed).toBe(true);
  });

  it('strips a prefix and ignores bursts without it', () => {
    const detector = make({ prefix: '~' });
    expect(scans(type(detector, ['~', ...chars(NIK), 'Enter'], 0, 3).results)).toEqual([{ ok: true, text: NIK }]);
    expect(scans(type(detector, [...chars(NIK), 'Enter'], 1000, 3).results)).toEqual([]);
  });

  it('ignores Shift (scanners press it for capitals) but breaks on auto-repeat, shortcuts and named keys', () => {
    const detector = make();
    const keys = ['Shift', 'S', 'Shift', 'K', ...chars('-12345678'), 'Enter'];
    expect(scans(type(detector, keys, 0, 2).results)).toEqual([{ ok: true, text: 'SK-12345678' }]);

    const repeat = make();
    const held = Array.from({ length: 20 }, (_, index) => repeat.feed('a', 500 + index * 30, { repeat: index > 0 }));
    held.push(repeat.feed('Enter', 500 + 20 * 30));
    expect(scans(held)).toEqual([]);

    const shortcut = make();
    const withCtrl = [...chars('abcdefgh').map((key, index) => shortcut.feed(key, index * 3, { modified: index === 4 })), shortcut.feed('Enter', 30)];
    expect(scans(withCtrl)).toEqual([]);

    const arrows = make();
    expect(scans(type(arrows, ['a', 'b', 'c', 'ArrowLeft', 'd', 'e', 'f', 'Enter'], 0, 3).results)).toEqual([]);
  });

  it('refuses an overlong burst once, then scans again', () => {
    const detector = make({ maxLength: 32 });
    const long = type(detector, [...chars('A'.repeat(100)), 'Enter'], 0, 2);
    expect(scans(long.results)).toEqual([{ ok: false, problem: expect.stringMatching(/longer than 32/) }]);
    expect(scans(type(detector, [...chars(NIK), 'Enter'], long.end + 100, 2).results)).toEqual([{ ok: true, text: NIK }]);
  });

  it('never finds a scan in keys typed slower than the gap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...chars('abc123XYZ-'), 'Enter', 'Tab', 'Shift', 'Backspace'), fc.integer({ min: 36, max: 400 })), { maxLength: 200 }),
        (keys) => {
          const detector = make({ minLength: 2 });
          let at = 0;
          for (const [key, gap] of keys) {
            at += gap;
            const result = detector.feed(key, at);
            expect(result.scan).toBeNull();
            expect(result.consumed).toBe(false);
          }
          expect(detector.flush(at + 1000)).toBeNull();
        },
      ),
    );
  });
});
