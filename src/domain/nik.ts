/**
 * The NIK (Nomor Induk Kependudukan), the 16-digit population number on every KTP, checked for
 * its structure as Dukcapil assigns it: PP KK DD DDMMYY SSSS — province, regency/city, district,
 * date of birth (women add 40 to the day), and a serial. A NIK that passes is well formed, not
 * necessarily issued: only Dukcapil can say that, and the kiosk never asks it.
 *
 * Problems never repeat the number itself: they travel to screens, events and logs.
 */

/**
 * The 38 provinces by Kemendagri code, including the four carved out of Papua in 2022. A NIK keeps
 * the code it was issued with, so people of the new Papua provinces may still carry 91 or 92.
 */
export const PROVINCES: Readonly<Record<string, string>> = {
  '11': 'Aceh',
  '12': 'Sumatera Utara',
  '13': 'Sumatera Barat',
  '14': 'Riau',
  '15': 'Jambi',
  '16': 'Sumatera Selatan',
  '17': 'Bengkulu',
  '18': 'Lampung',
  '19': 'Kepulauan Bangka Belitung',
  '21': 'Kepulauan Riau',
  '31': 'DKI Jakarta',
  '32': 'Jawa Barat',
  '33': 'Jawa Tengah',
  '34': 'DI Yogyakarta',
  '35': 'Jawa Timur',
  '36': 'Banten',
  '51': 'Bali',
  '52': 'Nusa Tenggara Barat',
  '53': 'Nusa Tenggara Timur',
  '61': 'Kalimantan Barat',
  '62': 'Kalimantan Tengah',
  '63': 'Kalimantan Selatan',
  '64': 'Kalimantan Timur',
  '65': 'Kalimantan Utara',
  '71': 'Sulawesi Utara',
  '72': 'Sulawesi Tengah',
  '73': 'Sulawesi Selatan',
  '74': 'Sulawesi Tenggara',
  '75': 'Gorontalo',
  '76': 'Sulawesi Barat',
  '81': 'Maluku',
  '82': 'Maluku Utara',
  '91': 'Papua',
  '92': 'Papua Barat',
  '93': 'Papua Selatan',
  '94': 'Papua Tengah',
  '95': 'Papua Pegunungan',
  '96': 'Papua Barat Daya',
};

export type NikProblemCode = 'nik_length' | 'nik_digits' | 'nik_province' | 'nik_regency' | 'nik_district' | 'nik_birth_date' | 'nik_serial';

export type NikCheck =
  | {
      ok: true;
      nik: string;
      province: { code: string; name: string };
      /** `YYYY-MM-DD`; the century is a guess (see `validateNik`). */
      birthDate: string;
      sex: 'female' | 'male';
    }
  | { ok: false; code: NikProblemCode; problem: string };

export const NIK_LENGTH = 16;

/**
 * Checks a NIK's structure. Surrounding spaces are forgiven (a person typing, a scanner's
 * padding); anything inside is not.
 *
 * The NIK carries only two digits of the year, so the century is a best guess: the most recent
 * year that does not put the birth after `today`. A person born in 1925 therefore reads as 2025
 * when that date has passed; the kiosk uses the date for nothing where that matters.
 */
export function validateNik(text: string, options: { today?: Date } = {}): NikCheck {
  const nik = typeof text === 'string' ? text.trim() : '';
  if (!/^\d*$/.test(nik)) return fail('nik_digits', 'A NIK contains digits only (0–9), with no letters, spaces or punctuation.');
  if (nik.length !== NIK_LENGTH) {
    return fail('nik_length', `A NIK has ${NIK_LENGTH} digits; this one has ${nik.length}.`);
  }

  const provinceCode = nik.slice(0, 2);
  const provinceName = PROVINCES[provinceCode];
  if (provinceName === undefined) return fail('nik_province', 'The first two digits of a NIK must be a province code; these are not one.');
  if (nik.slice(2, 4) === '00') return fail('nik_regency', 'Digits 3–4 of a NIK are the regency or city and cannot be 00.');
  if (nik.slice(4, 6) === '00') return fail('nik_district', 'Digits 5–6 of a NIK are the district (kecamatan) and cannot be 00.');

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const twoDigitYear = Number(nik.slice(10, 12));
  const sex = rawDay > 40 ? 'female' : 'male';
  const day = sex === 'female' ? rawDay - 40 : rawDay;
  const today = options.today ?? new Date();
  const year = guessYear(twoDigitYear, month, day, today);
  if (!isCalendarDate(year, month, day)) {
    return fail('nik_birth_date', 'Digits 7–12 of a NIK are the date of birth (DDMMYY, women add 40 to the day); these are not a real date.');
  }

  if (nik.slice(12) === '0000') return fail('nik_serial', 'The last four digits of a NIK are a serial number and cannot be 0000.');

  return { ok: true, nik, province: { code: provinceCode, name: provinceName }, birthDate: `${year}-${pad(month)}-${pad(day)}`, sex };
}

/** `3201••••••••0001`: enough for a person to recognise their own number, not enough to use it. */
export function maskNik(nik: string): string {
  const chars = [...nik];
  if (chars.length < 12) return '•'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'•'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}

function guessYear(twoDigitYear: number, month: number, day: number, today: Date): number {
  const thisYear = today.getUTCFullYear();
  const candidate = Math.floor(thisYear / 100) * 100 + twoDigitYear;
  const todayKey = thisYear * 10_000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return candidate * 10_000 + month * 100 + day > todayKey ? candidate - 100 : candidate;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC keeps time zones out of it.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function fail(code: NikProblemCode, problem: string): NikCheck {
  return { ok: false, code, problem };
}
