import { describe, expect, it } from 'vitest';
import {
  INDONESIAN_NUMBER_WORDS,
  MAX_INDONESIAN_NUMBER,
  indonesianNumberText,
  indonesianNumberWords,
} from '../../src/domain/indonesianNumberWords.js';

/**
 * A strict reader of Indonesian cardinals written from the grammar, not from the implementation:
 * it accepts only the standard form (seratus, never "satu ratus"; sebelas, never "satu belas"; no
 * "nol" inside a number), so a round trip checks both the value and the form.
 */
function parseIndonesianNumber(words: readonly string[]): number {
  const digits = ['satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
  let at = 0;
  const peek = (offset = 0) => words[at + offset];
  const digitAt = (offset = 0, min = 1): number | undefined => {
    const value = digits.indexOf(peek(offset) ?? '') + 1;
    return value >= min ? value : undefined;
  };

  /** 1..999, or undefined when nothing of a group is here. */
  const group = (): number | undefined => {
    let value = 0;
    let found = false;
    if (peek() === 'seratus') {
      value += 100;
      at += 1;
      found = true;
    } else if (digitAt(0, 2) !== undefined && peek(1) === 'ratus') {
      value += (digitAt(0, 2) ?? 0) * 100;
      at += 2;
      found = true;
    }
    if (peek() === 'sepuluh' || peek() === 'sebelas') {
      value += peek() === 'sepuluh' ? 10 : 11;
      at += 1;
      return value;
    }
    const tensDigit = digitAt(0, 2);
    if (tensDigit !== undefined && peek(1) === 'belas') {
      at += 2;
      return value + 10 + tensDigit;
    }
    if (tensDigit !== undefined && peek(1) === 'puluh') {
      at += 2;
      value += tensDigit * 10;
      found = true;
    }
    const ones = digitAt();
    // A digit before "ratus", "puluh" or "belas" is out of place here ("satu ratus"): leave it unread.
    if (ones !== undefined && !['ratus', 'puluh', 'belas'].includes(peek(1) ?? '')) {
      at += 1;
      value += ones;
      found = true;
    }
    return found ? value : undefined;
  };

  if (words.length === 1 && words[0] === 'nol') return 0;
  let total = 0;
  if (peek() === 'seribu') {
    total = 1000;
    at += 1;
  } else {
    const start = at;
    const thousands = group();
    if (thousands !== undefined && peek() === 'ribu' && thousands >= 2) {
      total = thousands * 1000;
      at += 1;
    } else {
      at = start;
    }
  }
  const rest = group();
  if (rest !== undefined) total += rest;
  if (at !== words.length || (total === 0 && rest === undefined)) {
    throw new Error(`not a standard Indonesian number: ${words.join(' ')}`);
  }
  return total;
}

describe('indonesianNumberWords', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [2, 'dua'],
    [7, 'tujuh'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [23, 'dua puluh tiga'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [115, 'seratus lima belas'],
    [123, 'seratus dua puluh tiga'],
    [200, 'dua ratus'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1010, 'seribu sepuluh'],
    [1100, 'seribu seratus'],
    [1999, 'seribu sembilan ratus sembilan puluh sembilan'],
    [2000, 'dua ribu'],
    [2024, 'dua ribu dua puluh empat'],
    [10_000, 'sepuluh ribu'],
    [11_000, 'sebelas ribu'],
    [12_345, 'dua belas ribu tiga ratus empat puluh lima'],
    [21_000, 'dua puluh satu ribu'],
    [100_000, 'seratus ribu'],
    [101_000, 'seratus satu ribu'],
    [111_111, 'seratus sebelas ribu seratus sebelas'],
    [200_001, 'dua ratus ribu satu'],
    [999_999, 'sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan'],
  ])('says %i as "%s"', (n, text) => {
    expect(indonesianNumberWords(n)).toEqual(text.split(' '));
    expect(indonesianNumberText(n)).toBe(text);
  });

  it.each([-1, MAX_INDONESIAN_NUMBER + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5])(
    'refuses %s with a RangeError',
    (n) => {
      expect(() => indonesianNumberWords(n)).toThrow(RangeError);
      expect(() => indonesianNumberText(n)).toThrow(RangeError);
    },
  );

  it('the reader used below rejects non-standard forms', () => {
    for (const wrong of ['satu ratus', 'satu belas', 'satu puluh', 'satu ribu', 'seratus nol', 'nol satu', 'ribu', 'puluh dua', 'dua puluh sepuluh', 'seribu ribu', '']) {
      expect(() => parseIndonesianNumber(wrong.split(' ')), wrong).toThrow();
    }
    expect(parseIndonesianNumber(['dua', 'ribu', 'seratus', 'dua', 'belas'])).toBe(2112);
  });

  it('says every number from 0 to 999 999 in the standard form, with known words only', () => {
    const known = new Set(INDONESIAN_NUMBER_WORDS);
    const used = new Set<string>();
    for (let n = 0; n <= MAX_INDONESIAN_NUMBER; n += 1) {
      const words = indonesianNumberWords(n);
      const back = parseIndonesianNumber(words);
      if (back !== n) expect.fail(`${n} was said as "${words.join(' ')}", which reads as ${back}`);
      for (const word of words) {
        if (!known.has(word)) expect.fail(`${n} uses "${word}", not in INDONESIAN_NUMBER_WORDS`);
        used.add(word);
      }
    }
    // Every listed word is needed by some number, so the voice has no clip that is never played.
    expect([...used].sort()).toEqual([...known].sort());
  });
});
