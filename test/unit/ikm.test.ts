import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IkmInputError, ikmMutu, krejcieMorganSample, samplingProgress, scoreIkm, scoreIkmTotals, type IkmResponse, type IkmTotals } from '../../src/domain/ikm.js';
import { UNSUR_CODES, type AnswerValue } from '../../src/domain/ikmQuestionnaire.js';

const all = (value: AnswerValue): IkmResponse => Object.fromEntries(UNSUR_CODES.map((code) => [code, value]));

describe('scoreIkm', () => {
  it('gives 100.00 (A, Sangat baik) for all fours: the exact 1/9 weight, not 0.111', () => {
    expect(scoreIkm([all(4), all(4)])).toMatchObject({ respondents: 2, index: 4, ikm: 100, mutu: 'A', kinerja: 'Sangat baik' });
    expect(scoreIkm([all(1)])).toMatchObject({ ikm: 25, mutu: 'D', kinerja: 'Tidak baik' });
  });

  it('matches a hand-computed example', () => {
    // Three respondents. Sums per unsur: U1 4+3+3=10, U2 3+3+2=8, U3 3+2+2=7, U4 4+4+4=12,
    // U5 3+3+3=9, U6 4+3+3=10, U7 4+4+3=11, U8 2+2+2=6, U9 3+3+3=9 → Σ S = 82 over n = 3 each.
    // IKM = 82 / 27 = 3.037037…; × 25 = 75.925925… → 75.93 → C, Kurang baik.
    const responses: IkmResponse[] = [
      { U1: 4, U2: 3, U3: 3, U4: 4, U5: 3, U6: 4, U7: 4, U8: 2, U9: 3 },
      { U1: 3, U2: 3, U3: 2, U4: 4, U5: 3, U6: 3, U7: 4, U8: 2, U9: 3 },
      { U1: 3, U2: 2, U3: 2, U4: 4, U5: 3, U6: 3, U7: 3, U8: 2, U9: 3 },
    ];
    const score = scoreIkm(responses);
    expect(score.nrr).toMatchObject({ U1: 3.333, U2: 2.667, U3: 2.333, U4: 4, U8: 2 });
    expect(score).toMatchObject({ respondents: 3, index: 3.037, ikm: 75.93, mutu: 'C', kinerja: 'Kurang baik' });
  });

  it('divides each unsur by its own respondents when some skipped it', () => {
    // U9 answered by one of two: NRR 4, not 2.
    const score = scoreIkm([{ ...all(3), U9: 4 }, { U1: 3, U2: 3, U3: 3, U4: 3, U5: 3, U6: 3, U7: 3, U8: 3 }]);
    expect(score.answered.U9).toBe(1);
    expect(score.nrr.U9).toBe(4);
    // Σ NRR = 8 × 3 + 4 = 28 → 28/9 × 25 = 77.777… → 77.78, B.
    expect(score).toMatchObject({ ikm: 77.78, mutu: 'B' });
  });

  it('has no index until every unsur has an answer', () => {
    expect(scoreIkm([{ U1: 4 }])).toMatchObject({ respondents: 1, ikm: null, mutu: null, nrr: { U1: 4, U2: null } });
    expect(scoreIkm([])).toMatchObject({ respondents: 0, ikm: null });
  });

  it('classifies at the regulation\'s boundaries exactly', () => {
    expect(ikmMutu(64.99)).toBe('D');
    expect(ikmMutu(65)).toBe('C');
    expect(ikmMutu(76.6)).toBe('C');
    expect(ikmMutu(76.61)).toBe('B');
    expect(ikmMutu(88.3)).toBe('B');
    expect(ikmMutu(88.31)).toBe('A');
    // Three respondents of all 3s and two of all 2s: IKM = 117 / 45 = 2.6 exactly → 65.00, C.
    // A float sum with the rounded weight 0.111 gives 64.935 → 64.94, D: one grade lower.
    const at65: IkmResponse[] = [all(3), all(3), all(3), all(2), all(2)];
    expect(scoreIkm(at65)).toMatchObject({ index: 2.6, ikm: 65, mutu: 'C' });
    expect(Math.round(UNSUR_CODES.reduce((sum) => sum + 2.6 * 0.111, 0) * 25 * 100) / 100).toBe(64.94);
  });

  it('rounds half-up at exactly .xx5', () => {
    // 25·ΣS/(9n) never lands exactly on a half-hundredth for the counts a kiosk sees; the NRR
    // display (3 decimals) does: 11/8 = 1.375 stays, 5/3 = 1.6666… → 1.667.
    const nrrTie = scoreIkm([all(1), all(1), all(1), all(1), all(1), all(2), all(2), all(2)]);
    expect(nrrTie.nrr.U1).toBe(1.375); // 11/8 exactly: no rounding
    const thirds = scoreIkm([all(2), all(2), all(1)]);
    expect(thirds.nrr.U1).toBe(1.667);
  });

  it('stays within 25–100, and ignores the order of responses and of questions', () => {
    const answer = fc.constantFrom<AnswerValue>(1, 2, 3, 4);
    const response = fc.record(Object.fromEntries(UNSUR_CODES.map((code) => [code, answer])) as Record<string, fc.Arbitrary<AnswerValue>>, { requiredKeys: [] });
    fc.assert(
      fc.property(
        fc.array(response, { minLength: 1, maxLength: 60 }).chain((responses) =>
          fc.tuple(fc.constant(responses), fc.shuffledSubarray(responses, { minLength: responses.length, maxLength: responses.length }), fc.shuffledSubarray([...UNSUR_CODES], { minLength: 9, maxLength: 9 })),
        ),
        ([responses, reordered, screenOrder]) => {
        const score = scoreIkm(responses as IkmResponse[]);
        if (score.ikm !== null) {
          expect(score.ikm).toBeGreaterThanOrEqual(25);
          expect(score.ikm).toBeLessThanOrEqual(100);
        }
        for (const code of UNSUR_CODES) if (score.nrr[code] !== null) expect(score.nrr[code]).toBeGreaterThanOrEqual(1);
        // Another order of respondents, and each response's answers given in another order of the
        // questions on screen.
        const shuffled = reordered.map((r) => Object.fromEntries(screenOrder.filter((code) => code in r).map((code) => [code, r[code]])));
        expect(scoreIkm(shuffled as IkmResponse[])).toEqual(score);
        // A respondent answering all fours never lowers it.
        const better = scoreIkm([...(responses as IkmResponse[]), all(4)]);
        if (score.ikm !== null && better.ikm !== null) expect(better.ikm).toBeGreaterThanOrEqual(score.ikm);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses answers outside 1–4 and unknown unsur, naming them', () => {
    expect(() => scoreIkm([{ U1: 5 as AnswerValue }])).toThrow(/U1 must be 1, 2, 3 or 4/);
    expect(() => scoreIkm([{ U10: 4 } as IkmResponse])).toThrow(/unknown unsur U10/);
  });
});

describe('Krejcie–Morgan sample', () => {
  it('matches the published table', () => {
    const table: Array<[number, number]> = [[10, 10], [50, 44], [100, 80], [200, 132], [300, 169], [500, 217], [1000, 278], [2000, 322], [5000, 357], [10000, 370], [1000000, 384]];
    for (const [population, sample] of table) expect(krejcieMorganSample(population), String(population)).toBe(sample);
  });

  it('reports progress toward it', () => {
    expect(samplingProgress(139, 1000)).toEqual({ required: 278, respondents: 139, met: false, percent: 50 });
    expect(samplingProgress(300, 1000)).toMatchObject({ met: true, percent: 100 });
  });
});

describe('scoreIkmTotals', () => {
  it('gives what scoreIkm gives for the same responses, summed as SQL would', () => {
    const answer = fc.constantFrom<AnswerValue>(1, 2, 3, 4);
    const response = fc.record(Object.fromEntries(UNSUR_CODES.map((code) => [code, answer])) as Record<string, fc.Arbitrary<AnswerValue>>, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 80 }), (responses) => {
        const answered = responses.filter((r) => Object.keys(r).length > 0) as IkmResponse[];
        const sums = Object.fromEntries(UNSUR_CODES.map((code) => [code, answered.reduce((acc, r) => acc + (r[code] ?? 0), 0)]));
        const counts = Object.fromEntries(UNSUR_CODES.map((code) => [code, answered.filter((r) => r[code] !== undefined).length]));
        expect(scoreIkmTotals({ respondents: answered.length, sums, counts } as IkmTotals)).toEqual(scoreIkm(answered));
      }),
    );
  });

  it('refuses totals no set of 1–4 answers could give', () => {
    const zero = Object.fromEntries(UNSUR_CODES.map((code) => [code, 0])) as IkmTotals['sums'];
    expect(() => scoreIkmTotals({ respondents: 1, sums: { ...zero, U1: 5 }, counts: { ...zero, U1: 1 } })).toThrow(IkmInputError);
    expect(() => scoreIkmTotals({ respondents: 1, sums: { ...zero, U1: 1 }, counts: { ...zero, U1: 2 } })).toThrow(IkmInputError);
    expect(() => scoreIkmTotals({ respondents: -1, sums: zero, counts: zero })).toThrow(IkmInputError);
  });
});
