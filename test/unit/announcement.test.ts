import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  VOICE_CLIP_IDS,
  announcementClips,
  announcementText,
  isVoiceClipId,
  type AnnouncementInput,
} from '../../src/domain/announcement.js';
import { DESKS } from '../../src/domain/desks.js';
import clipTexts from '../../assets/voice/clip-texts.json' with { type: 'json' };
import manifest from '../../assets/voice/id/manifest.json' with { type: 'json' };

const VOICE_DIR = join(import.meta.dirname, '../../assets/voice/id');

const call = (overrides: Partial<AnnouncementInput> = {}): AnnouncementInput => ({
  letter: 'A',
  sequence: 123,
  deskId: 3,
  counterNumber: 1,
  multipleCounters: false,
  ...overrides,
});

/** The header of a PCM WAV file, read here rather than trusted from the render script's own checks. */
function readWav(file: string): { channels: number; sampleRate: number; bits: number; seconds: number; peak: number } {
  const data = readFileSync(file);
  expect(data.toString('latin1', 0, 4)).toBe('RIFF');
  expect(data.toString('latin1', 8, 12)).toBe('WAVE');
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number } | undefined;
  while (offset + 8 <= data.length) {
    const id = data.toString('latin1', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      expect(data.readUInt16LE(body), 'PCM').toBe(1);
      format = { channels: data.readUInt16LE(body + 2), sampleRate: data.readUInt32LE(body + 4), bits: data.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format) throw new Error(`${file}: data before fmt`);
      const samples = Math.floor(Math.min(size, data.length - body) / 2);
      let peak = 0;
      for (let i = 0; i < samples; i += 1) peak = Math.max(peak, Math.abs(data.readInt16LE(body + i * 2)));
      return { ...format, seconds: samples / format.channels / format.sampleRate, peak: peak / 32768 };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

describe('announcementClips', () => {
  it('calls A-123 to desk 3 in the order the sentence is spoken', () => {
    expect(announcementClips(call())).toEqual([
      'chime',
      'nomor-antrean',
      'huruf-a',
      'seratus',
      'dua',
      'puluh',
      'tiga',
      'silakan-menuju',
      'desk-layanan',
      'tiga',
    ]);
    expect(announcementText(announcementClips(call()))).toBe(
      'Nomor antrean A seratus dua puluh tiga, silakan menuju Desk Layanan tiga',
    );
  });

  it('names the counter only when the desk has more than one', () => {
    const clips = announcementClips(call({ letter: 'F', sequence: 7, deskId: 6, counterNumber: 12, multipleCounters: true }));
    expect(clips).toEqual([
      'chime',
      'nomor-antrean',
      'huruf-f',
      'tujuh',
      'silakan-menuju',
      'desk-layanan',
      'enam',
      'loket',
      'dua',
      'belas',
    ]);
    expect(announcementText(clips)).toBe('Nomor antrean F tujuh, silakan menuju Desk Layanan enam, loket dua belas');
    expect(announcementClips(call({ counterNumber: 12, multipleCounters: false }))).not.toContain('loket');
  });

  it('speaks the sequence as a number, without the printed leading zeros', () => {
    expect(announcementClips(call({ sequence: 1 })).slice(3, -3)).toEqual(['satu']);
    expect(announcementClips(call({ sequence: 10 })).slice(3, -3)).toEqual(['sepuluh']);
    expect(announcementClips(call({ sequence: 999 })).slice(3, -3)).toEqual([
      'sembilan', 'ratus', 'sembilan', 'puluh', 'sembilan',
    ]);
  });

  it('gives the same clips for a recall: the call is a pure function of the ticket and desk', () => {
    expect(announcementClips(call())).toEqual(announcementClips(call()));
  });

  it.each<[string, Partial<AnnouncementInput>]>([
    ['a lower-case letter', { letter: 'a' }],
    ['two letters', { letter: 'AB' }],
    ['no letter', { letter: '' }],
    ['a digit as letter', { letter: '1' }],
    ['sequence 0', { sequence: 0 }],
    ['sequence 1000', { sequence: 1000 }],
    ['a fractional sequence', { sequence: 1.5 }],
    ['desk 0', { deskId: 0 }],
    ['desk 8', { deskId: 8 }],
    ['counter 0', { counterNumber: 0, multipleCounters: true }],
    ['counter 100', { counterNumber: 100, multipleCounters: true }],
    ['a NaN counter on a single-counter desk', { counterNumber: Number.NaN }],
  ])('refuses %s with a RangeError', (_name, overrides) => {
    expect(() => announcementClips(call(overrides))).toThrow(RangeError);
  });
});

describe('announcementText', () => {
  it('captions every clip, and refuses unknown ones', () => {
    expect(announcementText(['chime'])).toBe('');
    expect(announcementText(['huruf-z', 'nol'])).toBe('Z nol');
    for (const clip of VOICE_CLIP_IDS) expect(() => announcementText([clip])).not.toThrow();
    expect(() => announcementText(['huruf-a', '../etc/passwd'])).toThrow(RangeError);
  });
});

describe('VOICE_CLIP_IDS', () => {
  it('are unique lower-case kebab ASCII ids', () => {
    expect(new Set(VOICE_CLIP_IDS).size).toBe(VOICE_CLIP_IDS.length);
    for (const clip of VOICE_CLIP_IDS) expect(clip).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(isVoiceClipId('huruf-a')).toBe(true);
    expect(isVoiceClipId('huruf-a.wav')).toBe(false);
    expect(Object.isFrozen(VOICE_CLIP_IDS)).toBe(true);
  });

  it('hold every clip any ticket A-001..G-999 at any desk and counter 1..20 can need', () => {
    const needed = new Set<string>();
    for (const { letter } of DESKS) {
      for (let sequence = 1; sequence <= 999; sequence += 1) {
        for (const { id: deskId } of DESKS) {
          for (let counterNumber = 1; counterNumber <= 20; counterNumber += 1) {
            for (const clip of announcementClips({ letter, sequence, deskId, counterNumber, multipleCounters: true })) {
              needed.add(clip);
            }
          }
        }
      }
    }
    const missing = [...needed].filter((clip) => !isVoiceClipId(clip));
    expect(missing).toEqual([]);
    // Unused here: letters beyond the seven desks, and number words no ticket, desk or counter
    // reaches (zero, thousands); they are kept so the voice covers all of indonesianNumberWords.
    const unused = VOICE_CLIP_IDS.filter((clip) => !needed.has(clip));
    expect(unused.filter((clip) => !/^huruf-[h-z]$/.test(clip))).toEqual(['nol', 'seribu', 'ribu']);
  });
});

describe('shipped voice clips (assets/voice/id)', () => {
  it('have a playable mono 16-bit WAV for every clip id, and no stray files', () => {
    for (const clip of VOICE_CLIP_IDS) {
      const file = join(VOICE_DIR, `${clip}.wav`);
      expect(existsSync(file), file).toBe(true);
      const wav = readWav(file);
      expect(wav.channels, clip).toBe(1);
      expect(wav.bits, clip).toBe(16);
      expect([16_000, 22_050], clip).toContain(wav.sampleRate);
      expect(wav.seconds, clip).toBeGreaterThan(0.1);
      expect(wav.seconds, clip).toBeLessThan(2);
      expect(wav.peak, `${clip} is silent`).toBeGreaterThan(0.1);
    }
    const wavs = readdirSync(VOICE_DIR).filter((name) => name.endsWith('.wav'));
    expect(wavs.sort()).toEqual(VOICE_CLIP_IDS.map((clip) => `${clip}.wav`).sort());
  });

  it('are listed in manifest.json with their file and the text from clip-texts.json', () => {
    const entries = manifest.clips as Record<string, { file: string; text: string }>;
    const texts = clipTexts.clips as Record<string, { text: string; phonemes?: string }>;
    expect(Object.keys(entries).sort()).toEqual([...VOICE_CLIP_IDS].sort());
    // The chime is synthesised, every other clip is spoken from the one text table.
    expect(Object.keys(texts).sort()).toEqual(VOICE_CLIP_IDS.filter((clip) => clip !== 'chime').sort());
    for (const clip of VOICE_CLIP_IDS) {
      expect(entries[clip]?.file).toBe(`${clip}.wav`);
      expect(entries[clip]?.text).toBe(clip === 'chime' ? '' : texts[clip]?.text);
    }
  });

  it('say each number word and letter as written', () => {
    const texts = clipTexts.clips as Record<string, { text: string }>;
    for (const clip of VOICE_CLIP_IDS) {
      if (clip.startsWith('huruf-')) expect(texts[clip]?.text).toBe(clip.slice('huruf-'.length));
      else if (!['chime', 'nomor-antrean', 'silakan-menuju', 'desk-layanan'].includes(clip)) expect(texts[clip]?.text).toBe(clip);
    }
    expect(texts['desk-layanan']?.text).toBe('Desk Layanan');
  });
});
