import { deskById } from './desks.js';
import { MAX_DAILY_SEQUENCE } from './ticketNumber.js';
import { INDONESIAN_NUMBER_WORDS, indonesianNumberWords } from './indonesianNumberWords.js';

/**
 * The waiting-room call, spoken offline by chaining short recorded clips:
 * "Nomor antrean A seratus dua puluh tiga, silakan menuju Desk Layanan tiga[, loket dua]".
 * A clip id names one word or fixed phrase; the same ids name the files the LAN server serves, so a
 * site can replace any single recording without touching the others.
 */

export interface AnnouncementInput {
  /** The ticket's desk letter, A–Z. */
  letter: string;
  /** The ticket's daily sequence, 1..999. */
  sequence: number;
  /** The desk the visitor goes to, 1..7. */
  deskId: number;
  /** Which counter (loket) of that desk; spoken only when the desk has more than one. */
  counterNumber: number;
  multipleCounters: boolean;
}

export const MAX_COUNTER_NUMBER = 99;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

/** Every clip any announcement can need, in a stable order (the render script and the server use it). */
export const VOICE_CLIP_IDS: readonly string[] = Object.freeze([
  'chime',
  'nomor-antrean',
  ...LETTERS.map((letter) => `huruf-${letter}`),
  ...INDONESIAN_NUMBER_WORDS,
  'silakan-menuju',
  'desk-layanan',
  'loket',
]);

const KNOWN_CLIPS: ReadonlySet<string> = new Set(VOICE_CLIP_IDS);

export function isVoiceClipId(value: string): boolean {
  return KNOWN_CLIPS.has(value);
}

export function announcementClips(input: AnnouncementInput): string[] {
  const { letter, sequence, deskId, counterNumber, multipleCounters } = input;
  if (typeof letter !== 'string' || !/^[A-Z]$/.test(letter)) {
    throw new RangeError(`ticket letter must be one of A–Z: ${String(letter)}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) {
    throw new RangeError(`ticket sequence out of range 1..${MAX_DAILY_SEQUENCE}: ${sequence}`);
  }
  if (!Number.isInteger(deskId) || deskById(deskId) === undefined) {
    throw new RangeError(`unknown desk: ${deskId}`);
  }
  // Checked even when not spoken: a bad counter number is a caller's bug worth seeing early.
  if (!Number.isInteger(counterNumber) || counterNumber < 1 || counterNumber > MAX_COUNTER_NUMBER) {
    throw new RangeError(`counter number out of range 1..${MAX_COUNTER_NUMBER}: ${counterNumber}`);
  }
  const clips = [
    'chime',
    'nomor-antrean',
    `huruf-${letter.toLowerCase()}`,
    // Spoken as a number ("seratus dua puluh tiga"), not digit by digit: that is how Indonesian
    // queue systems call, and the leading zeros of the printed "A-123"/"A-007" are not spoken.
    ...indonesianNumberWords(sequence),
    'silakan-menuju',
    'desk-layanan',
    ...indonesianNumberWords(deskId),
  ];
  if (multipleCounters) clips.push('loket', ...indonesianNumberWords(counterNumber));
  return clips;
}

/**
 * What the clips say, as a sentence for the on-screen caption (deaf and hard-of-hearing visitors
 * read what the others hear). The chime has no words.
 */
export function announcementText(clips: readonly string[]): string {
  const parts: string[] = [];
  for (const clip of clips) {
    if (!KNOWN_CLIPS.has(clip)) throw new RangeError(`unknown voice clip: ${clip}`);
    const text = captionOf(clip);
    if (text === '') continue;
    // The pauses the voice makes before "silakan menuju" and "loket" are commas in writing.
    if ((clip === 'silakan-menuju' || clip === 'loket') && parts.length > 0) {
      parts[parts.length - 1] += ',';
    }
    parts.push(text);
  }
  const sentence = parts.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function captionOf(clip: string): string {
  if (clip === 'chime') return '';
  if (clip === 'desk-layanan') return 'Desk Layanan';
  if (clip.startsWith('huruf-')) return clip.slice('huruf-'.length).toUpperCase();
  return clip.replace(/-/g, ' ');
}
