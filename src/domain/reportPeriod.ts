import { z } from 'zod';

/**
 * The reporting periods of PermenPAN-RB 14/2017 (the survey is run and reported per month, quarter,
 * semester or year) as plain calendar ranges of service dates. A period is named by a key —
 * `2026-11`, `2026-Q4`, `2026-S2`, `2026` — that is stable, sortable within a kind, and what the
 * manager's follow-up plan and a publication are stored under.
 */

export const PERIOD_KINDS = ['month', 'quarter', 'semester', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PeriodKeySchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-S[12])?$/, 'a period such as 2026-11, 2026-Q4, 2026-S2 or 2026');

export interface ReportPeriod {
  key: string;
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, semester 1–2, or 1 for a year. */
  index: number;
  /** First and last service date, inclusive. */
  from: string;
  to: string;
  label: { id: string; en: string };
}

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** No kiosk data predates the service; earlier years are refused rather than scanned. */
const FIRST_YEAR = 2000;
const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, semester: 6, year: 12 };

export function parsePeriodKey(key: string): ReportPeriod {
  PeriodKeySchema.parse(key);
  const year = Number(key.slice(0, 4));
  const rest = key.slice(5);
  if (rest === '') return period('year', year, 1);
  if (rest.startsWith('Q')) return period('quarter', year, Number(rest.slice(1)));
  if (rest.startsWith('S')) return period('semester', year, Number(rest.slice(1)));
  return period('month', year, Number(rest));
}

export function period(kind: PeriodKind, year: number, index: number): ReportPeriod {
  const span = MONTHS_PER[kind];
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > 2200) throw new RangeError(`year ${year} is out of range`);
  if (!Number.isInteger(index) || index < 1 || index > 12 / span) throw new RangeError(`${kind} ${index} does not exist`);
  const firstMonth = (index - 1) * span + 1;
  const lastMonth = firstMonth + span - 1;
  const from = `${year}-${pad(firstMonth)}-01`;
  const to = `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`;
  const key =
    kind === 'year' ? `${year}` : kind === 'month' ? `${year}-${pad(index)}` : `${year}-${kind === 'quarter' ? 'Q' : 'S'}${index}`;
  const label =
    kind === 'month'
      ? { id: `${MONTHS_ID[index - 1]} ${year}`, en: `${MONTHS_EN[index - 1]} ${year}` }
      : kind === 'quarter'
        ? { id: `Triwulan ${['I', 'II', 'III', 'IV'][index - 1]} ${year}`, en: `Q${index} ${year}` }
        : kind === 'semester'
          ? { id: `Semester ${index === 1 ? 'I' : 'II'} ${year}`, en: `${index === 1 ? 'First' : 'Second'} half of ${year}` }
          : { id: `Tahun ${year}`, en: `Year ${year}` };
  return { key, kind, year, index, from, to, label };
}

/** The period of a kind that holds a service date. */
export function periodContaining(kind: PeriodKind, serviceDate: string): ReportPeriod {
  const year = Number(serviceDate.slice(0, 4));
  const month = Number(serviceDate.slice(5, 7));
  return period(kind, year, Math.floor((month - 1) / MONTHS_PER[kind]) + 1);
}

/** The `count` periods of the same kind ending with `last`, oldest first (the trend); none before 2000. */
export function periodsEndingWith(last: ReportPeriod, count: number): ReportPeriod[] {
  const perYear = 12 / MONTHS_PER[last.kind];
  const result: ReportPeriod[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const ordinal = last.year * perYear + (last.index - 1) - back;
    const year = Math.floor(ordinal / perYear);
    if (year >= FIRST_YEAR) result.push(period(last.kind, year, (ordinal % perYear) + 1));
  }
  return result;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
