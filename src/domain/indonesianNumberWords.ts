/**
 * Indonesian cardinal numbers as separate word tokens, so the waiting-room display can speak a
 * number by chaining one recorded clip per word. Tokens are lower-case and ASCII: each one doubles
 * as a voice clip id.
 */

export const MAX_INDONESIAN_NUMBER = 999_999;

/** 0..9; index = digit. "nol" is only ever spoken for zero itself, never inside a larger number. */
export const INDONESIAN_DIGIT_WORDS = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
] as const;

/** Every token `indonesianNumberWords` can return. */
export const INDONESIAN_NUMBER_WORDS: readonly string[] = [
  ...INDONESIAN_DIGIT_WORDS,
  'sepuluh',
  'sebelas',
  'belas',
  'puluh',
  'seratus',
  'ratus',
  'seribu',
  'ribu',
];

export function indonesianNumberWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_INDONESIAN_NUMBER) {
    throw new RangeError(`number out of range 0..${MAX_INDONESIAN_NUMBER}: ${n}`);
  }
  if (n === 0) return ['nol'];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  // "se-" replaces "satu" only when the group is exactly one thousand: 1000 is "seribu", but
  // 11 000 is "sebelas ribu" and 101 000 "seratus satu ribu".
  if (thousands === 1) words.push('seribu');
  else if (thousands > 1) words.push(...belowThousand(thousands), 'ribu');
  words.push(...belowThousand(rest));
  return words;
}

export function indonesianNumberText(n: number): string {
  return indonesianNumberWords(n).join(' ');
}

/** 0 gives no words: inside a larger number a zero group is silent. */
function belowThousand(n: number): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const words: string[] = [];
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(digit(hundreds), 'ratus');
  words.push(...belowHundred(rest));
  return words;
}

function belowHundred(n: number): string[] {
  if (n === 0) return [];
  if (n < 10) return [digit(n)];
  if (n === 10) return ['sepuluh'];
  if (n === 11) return ['sebelas'];
  if (n < 20) return [digit(n - 10), 'belas'];
  const ones = n % 10;
  const tens = [digit(Math.floor(n / 10)), 'puluh'];
  return ones === 0 ? tens : [...tens, digit(ones)];
}

function digit(d: number): string {
  const word = INDONESIAN_DIGIT_WORDS[d];
  if (word === undefined) throw new RangeError(`not a digit: ${d}`);
  return word;
}
