import { UNSUR_CODES, type AnswerValue, type UnsurCode } from './ikmQuestionnaire.js';

/**
 * The Indeks Kepuasan Masyarakat of PermenPAN-RB 14/2017, computed exactly.
 *
 * NRR_i = S_i / n_i (sum and count of the answers given to unsur i); IKM = Σ NRR_i × 1/9; the
 * converted IKM = IKM × 25, rounded half-up to 2 decimals, then classified by the lower bounds
 * 65.00 / 76.61 / 88.31. Everything is done in integers: with L = lcm(n_1 … n_9), the converted
 * value is 25 × Σ (S_i × L / n_i) / (9 × L), a fraction of BigInts, so no boundary (64.99/65.00,
 * 76.60/76.61, 88.30/88.31) can drift the way a float sum of 0.111-weighted NRRs does.
 *
 * An unsur nobody answered has no NRR; the index needs all nine (the regulation weighs each 1/9 and
 * gives no rule for re-weighting), so it is null until every unsur has at least one answer.
 */

export type IkmResponse = Partial<Record<UnsurCode, AnswerValue>>;
export type Mutu = 'A' | 'B' | 'C' | 'D';

export interface IkmScore {
  respondents: number;
  /** Answers given per unsur. */
  answered: Record<UnsurCode, number>;
  /** NRR per unsur, to 3 decimals for display (the exact value is S/n); null when unanswered. */
  nrr: Record<UnsurCode, number | null>;
  /** The weighted index (1–4), to 4 decimals for display; null unless every unsur was answered. */
  index: number | null;
  /** The converted IKM (25–100), exactly rounded half-up to 2 decimals. */
  ikm: number | null;
  mutu: Mutu | null;
  kinerja: string | null;
}

export class IkmInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IkmInputError';
  }
}

const KINERJA: Record<Mutu, string> = { A: 'Sangat baik', B: 'Baik', C: 'Kurang baik', D: 'Tidak baik' };

export function scoreIkm(responses: readonly IkmResponse[]): IkmScore {
  const sums = Object.fromEntries(UNSUR_CODES.map((code) => [code, 0])) as Record<UnsurCode, number>;
  const counts = Object.fromEntries(UNSUR_CODES.map((code) => [code, 0])) as Record<UnsurCode, number>;
  let respondents = 0;
  for (const [position, response] of responses.entries()) {
    let any = false;
    for (const [key, value] of Object.entries(response)) {
      if (!(UNSUR_CODES as readonly string[]).includes(key)) throw new IkmInputError(`response ${position}: unknown unsur ${key}`);
      if (value === undefined) continue;
      if (value !== 1 && value !== 2 && value !== 3 && value !== 4) throw new IkmInputError(`response ${position}: ${key} must be 1, 2, 3 or 4`);
      sums[key as UnsurCode] += value;
      counts[key as UnsurCode] += 1;
      any = true;
    }
    if (any) respondents += 1;
  }
  return scoreIkmTotals({ respondents, sums, counts });
}

/** Per-unsur sums and answer counts, as SQL `sum()`/`count()` give them over stored responses. */
export interface IkmTotals {
  respondents: number;
  sums: Record<UnsurCode, number>;
  counts: Record<UnsurCode, number>;
}

/** The same score from totals, so a report over many responses aggregates in the database. */
export function scoreIkmTotals(totals: IkmTotals): IkmScore {
  const { respondents, sums, counts } = totals;
  for (const code of UNSUR_CODES) {
    const [sum, count] = [sums[code], counts[code]];
    if (!Number.isSafeInteger(sum) || !Number.isSafeInteger(count) || count < 0 || sum < count || sum > 4 * count) {
      throw new IkmInputError(`${code}: ${sum} is not a sum of ${count} answers of 1–4`);
    }
  }
  if (!Number.isSafeInteger(respondents) || respondents < 0) throw new IkmInputError('respondents must be a whole number ≥ 0');
  const answered = { ...counts };
  const nrr = Object.fromEntries(
    UNSUR_CODES.map((code) => [code, counts[code] === 0 ? null : roundHalfUp(BigInt(sums[code]), BigInt(counts[code]), 3)]),
  ) as Record<UnsurCode, number | null>;
  if (UNSUR_CODES.some((code) => counts[code] === 0)) {
    return { respondents, answered, nrr, index: null, ikm: null, mutu: null, kinerja: null };
  }
  // Σ S_i/n_i over a common denominator L.
  const l = UNSUR_CODES.reduce((acc, code) => lcm(acc, BigInt(counts[code])), 1n);
  const numerator = UNSUR_CODES.reduce((acc, code) => acc + (BigInt(sums[code]) * l) / BigInt(counts[code]), 0n);
  const indexDenominator = 9n * l;
  const ikm = roundHalfUp(25n * numerator, indexDenominator, 2);
  const mutu = ikmMutu(ikm);
  return { respondents, answered, nrr, index: roundHalfUp(numerator, indexDenominator, 4), ikm, mutu, kinerja: KINERJA[mutu] };
}

/** Mutu from a converted IKM already rounded to 2 decimals (compared in hundredths, exactly). */
export function ikmMutu(converted: number): Mutu {
  const hundredths = Math.round(converted * 100);
  if (hundredths >= 8831) return 'A';
  if (hundredths >= 7661) return 'B';
  if (hundredths >= 6500) return 'C';
  return 'D';
}

export function ikmKinerja(mutu: Mutu): string {
  return KINERJA[mutu];
}

/**
 * Krejcie & Morgan's minimum sample for a population N (χ² = 3.841, P = 0.5, d = 0.05), rounded to
 * the nearest whole respondent as their published table is (500 → 217, 50 → 44).
 */
export function krejcieMorganSample(population: number): number {
  if (!Number.isInteger(population) || population < 0) throw new IkmInputError('population must be a whole number ≥ 0');
  if (population === 0) return 0;
  // s = 3.841·N·0.25 / (0.0025·(N−1) + 3.841·0.25), scaled to integers: ×1 000 000.
  const numerator = 960_250n * BigInt(population);
  const denominator = 2_500n * BigInt(population - 1) + 960_250n;
  return Number((2n * numerator + denominator) / (2n * denominator));
}

export function samplingProgress(respondents: number, population: number): { required: number; respondents: number; met: boolean; percent: number } {
  const required = krejcieMorganSample(population);
  return { required, respondents, met: respondents >= required, percent: required === 0 ? 100 : Math.min(100, Math.floor((respondents * 100) / required)) };
}

/** a/b rounded half-up to `decimals` places, computed in integers; returned as a JS number. */
function roundHalfUp(a: bigint, b: bigint, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const scaled = (a * scale * 2n + b) / (2n * b);
  return Number(scaled) / Number(scale);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
