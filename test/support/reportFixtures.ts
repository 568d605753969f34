import { IkmReportSchema, MonthlyEvaluationSchema, type IkmReport, type MonthlyEvaluation } from '../../src/contract/reports.js';
import { DESKS } from '../../src/domain/desks.js';
import { ikmMutu, ikmKinerja, samplingProgress, scoreIkm, type IkmResponse, type IkmScore } from '../../src/domain/ikm.js';
import { UNSUR_CODES, type AnswerValue, type UnsurCode } from '../../src/domain/ikmQuestionnaire.js';
import { parsePeriodKey, periodsEndingWith } from '../../src/domain/reportPeriod.js';
import { SERVICE_CATALOGUE } from '../../src/domain/serviceCatalogue.js';
import { seededRandom as random } from '../../src/domain/seededRandom.js';

/**
 * A November at a busy Disnaker: report values as the host would produce them, scored by the real
 * `scoreIkm` from seeded answers, and checked against the contract's schemas. The suggestions carry
 * what breaks naive exporters: a comma, a quote, a line break, non-ASCII, and a formula.
 */

export const SITE_NAME = 'Disnaker Kota Bandung';
const PERIOD = parsePeriodKey('2026-11');

export const TRICKY_SUGGESTIONS = {
  comma: 'Petugas ramah, tapi antrean panjang',
  quote: 'Tolong sediakan "nomor antrean" untuk lansia',
  newline: 'Antre lama,\nmohon tambah petugas di jam 10',
  nonAscii: 'Ruang tunggu panas — kipas angin?',
  formula: '=HYPERLINK("http://contoh.invalid/x","klik")',
} as const;


/** Chances of answering 1, 2, 3, 4: waiting time (U3) is the sore point, the service is free (U4). */
const ANSWER_ODDS: Partial<Record<UnsurCode, readonly [number, number, number, number]>> = {
  U3: [0.05, 0.22, 0.5, 0.23],
  U4: [0, 0, 0.12, 0.88],
  U8: [0.03, 0.12, 0.55, 0.3],
};
const USUAL_ODDS = [0.01, 0.07, 0.5, 0.42] as const;

function responses(count: number, seed: number): IkmResponse[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, position) => {
    const response: IkmResponse = {};
    for (const code of UNSUR_CODES) {
      // Now and then a visitor skips the complaint-handling question.
      if (code === 'U8' && position % 13 === 5) continue;
      const odds = ANSWER_ODDS[code] ?? USUAL_ODDS;
      let roll = next();
      let answer = 4;
      for (const [index, chance] of odds.entries()) {
        if (roll < chance) {
          answer = index + 1;
          break;
        }
        roll -= chance;
      }
      response[code] = answer as AnswerValue;
    }
    return response;
  });
}

const deskName = (deskId: number) => DESKS.find((desk) => desk.id === deskId)!.name;
const service = (deskId: number, position: number) => SERVICE_CATALOGUE[deskId]![position]!;

function ranking(score: IkmScore): IkmReport['ranking'] {
  return UNSUR_CODES.flatMap((code) => (score.nrr[code] === null ? [] : [{ code, nrr: score.nrr[code] }])).sort((a, b) => a.nrr - b.nrr || a.code.localeCompare(b.code));
}

export function sampleIkmReport(): IkmReport {
  const byDesk = new Map<number, IkmResponse[]>([
    [1, responses(64, 11)],
    [2, responses(31, 12)],
    [4, responses(88, 14)],
    [6, responses(45, 16)],
  ]);
  const all = [...byDesk.values()].flat();
  const score = scoreIkm(all);
  // A rarely used service: nobody answered U8, so it has no IKM; U1 is 16 / 5 = 3.200.
  const rare = scoreIkm([3, 3, 3, 4, 3].map((u1) => ({ U1: u1 as AnswerValue, U2: 3, U3: 3, U4: 4, U5: 3, U6: 4, U7: 4, U9: 3 })));
  const population = 412;
  const trendIkm = [null, 78.42, 80.15, 82.67, 81.9];
  const trendRespondents = [0, 151, 170, 166, 190];

  const report: IkmReport = {
    period: PERIOD,
    minimumShown: 3,
    siteName: SITE_NAME,
    generatedAt: '2026-12-02T03:15:00.000Z',
    score,
    ranking: ranking(score),
    byDesk: [...byDesk].map(([deskId, rows]) => ({ deskId, deskName: deskName(deskId), score: scoreIkm(rows) })),
    byService: [
      { code: service(1, 2).code, name: service(1, 2).name, score: scoreIkm(byDesk.get(1)!.slice(0, 40)) },
      { code: service(4, 0).code, name: service(4, 0).name, score: scoreIkm(byDesk.get(4)!.slice(10, 80)) },
      { code: service(6, 1).code, name: service(6, 1).name, score: scoreIkm(byDesk.get(6)!) },
      { code: service(2, 3).code, name: service(2, 3).name, score: rare },
    ],
    profile: {
      session: [
        { key: 'pagi', count: 150 },
        { key: 'siang', count: 78 },
      ],
      sex: [
        { key: 'l', count: 121 },
        { key: 'p', count: 98 },
        { key: 'unknown', count: 9 },
      ],
      ageBand: [
        { key: 'under_20', count: 14 },
        { key: '20_29', count: 97 },
        { key: '30_39', count: 61 },
        { key: '40_49', count: 33 },
        { key: '50_59', count: 15 },
        { key: '60_plus', count: 3 },
        { key: 'unknown', count: 5 },
      ],
      education: [
        { key: 'smp', count: 12 },
        { key: 'sma', count: 118 },
        { key: 'd1_d3', count: 31 },
        { key: 'd4_s1', count: 58 },
        { key: 's2', count: 4 },
        { key: 'unknown', count: 5 },
      ],
      occupation: [
        { key: 'swasta', count: 88 },
        { key: 'wirausaha', count: 35 },
        { key: 'pns', count: 6 },
        { key: 'lainnya', count: 92 },
        { key: 'unknown', count: 7 },
      ],
      userType: [
        { key: 'pencari_kerja', count: 131 },
        { key: 'pekerja', count: 52 },
        { key: 'pemberi_kerja', count: 19 },
        { key: 'masyarakat', count: 26 },
      ],
      input: [
        { key: 'touch', count: 201 },
        { key: 'buttons', count: 27 },
      ],
    },
    suggestions: [
      { serviceDate: '2026-11-27', deskId: 4, text: TRICKY_SUGGESTIONS.formula },
      { serviceDate: '2026-11-26', deskId: 1, text: TRICKY_SUGGESTIONS.nonAscii },
      { serviceDate: '2026-11-19', deskId: 4, text: TRICKY_SUGGESTIONS.newline },
      { serviceDate: '2026-11-12', deskId: 6, text: TRICKY_SUGGESTIONS.quote },
      { serviceDate: '2026-11-05', deskId: 2, text: TRICKY_SUGGESTIONS.comma },
      { serviceDate: '2026-11-03', deskId: 4, text: 'Mantap, pelayanan cepat dan jelas. Terima kasih Kios SIAPkerja!' },
    ],
    suggestionCount: 6,
    trend: periodsEndingWith(PERIOD, 6).map((period, index) => {
      const ikm = index < trendIkm.length ? trendIkm[index]! : score.ikm;
      return {
        key: period.key,
        label: period.label,
        respondents: index < trendRespondents.length ? trendRespondents[index]! : score.respondents,
        ikm,
        mutu: ikm === null ? null : ikmMutu(ikm),
      };
    }),
    sample: { population, ...samplingProgress(score.respondents, population) },
    followUp: {
      items: [
        { unsur: 'U3', action: 'Tambah satu petugas loket 4 pada jam 09.00–11.00', when: 'Desember 2026', responsible: 'Kepala Seksi Penempatan' },
        { unsur: 'U8', action: 'Pasang papan alur pengaduan, dengan nomor WhatsApp', when: 'Minggu ke-2 Desember', responsible: 'Koordinator Kios' },
      ],
      note: 'Dibahas dalam rapat evaluasi 1 Desember 2026, dihadiri "tim kios".',
      updatedAt: '2026-12-01T08:40:00.000Z',
      updatedBy: 'Rina Wulandari',
    },
    publication: null,
  };
  if (score.ikm !== null && score.mutu !== null) {
    report.publication = {
      periodKey: PERIOD.key,
      periodLabel: PERIOD.label,
      ikm: score.ikm,
      mutu: score.mutu,
      kinerja: ikmKinerja(score.mutu),
      respondents: score.respondents,
      publishedAt: '2026-12-01T09:00:00.000Z',
    };
  }
  return IkmReportSchema.parse(report);
}

/** Spreads `total` over the weights, the remainder on the first, dropping zeros (SQL has no zero rows). */
function spread(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((acc, weight) => acc + weight, 0);
  const parts = weights.map((weight) => Math.floor((total * weight) / weightSum));
  parts[0]! += total - parts.reduce((acc, part) => acc + part, 0);
  return parts;
}

export function sampleMonthlyEvaluation(): MonthlyEvaluation {
  const visitsByDesk: Array<[number, number]> = [
    [1, 96],
    [2, 58],
    [4, 171],
    [6, 87],
  ];
  const hourWeights = [3, 5, 6, 4, 0, 4, 3, 2];
  const volumeByHour = visitsByDesk.flatMap(([deskId, count]) =>
    spread(count, deskId === 2 ? [3, 5, 6, 4, 0, 4, 3, 0] : hourWeights)
      .map((visits, offset) => ({ deskId, hour: 8 + offset, count: visits }))
      .filter((row) => row.count > 0),
  );
  const serviceDays = Array.from({ length: 30 }, (_, day) => `2026-11-${String(day + 1).padStart(2, '0')}`).filter((date) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  });
  const dayCounts = spread(412, serviceDays.map((_, index) => 18 + (index % 5)));

  const evaluation: MonthlyEvaluation = {
    period: PERIOD,
    siteName: SITE_NAME,
    generatedAt: '2026-12-02T03:20:00.000Z',
    users: {
      visits: 412,
      byUserType: [
        { key: 'pencari_kerja', count: 236 },
        { key: 'pekerja', count: 88 },
        { key: 'pemberi_kerja', count: 41 },
        { key: 'masyarakat', count: 47 },
      ],
      byDesk: visitsByDesk.map(([deskId, count]) => ({ deskId, deskName: deskName(deskId), count })),
      withSiapkerjaId: 203,
      priority: 19,
    },
    servicesPerDesk: [
      { deskId: 1, served: 90, services: [service(1, 2), service(1, 7), service(1, 0)].map((entry, index) => ({ code: entry.code, name: entry.name, count: [44, 31, 27][index]! })) },
      { deskId: 2, served: 55, services: [service(2, 1), service(2, 2)].map((entry, index) => ({ code: entry.code, name: entry.name, count: [36, 22][index]! })) },
      { deskId: 4, served: 160, services: [service(4, 0), service(4, 1), service(4, 2)].map((entry, index) => ({ code: entry.code, name: entry.name, count: [97, 58, 19][index]! })) },
      { deskId: 6, served: 80, services: [service(6, 0), service(6, 1)].map((entry, index) => ({ code: entry.code, name: entry.name, count: [51, 33][index]! })) },
    ].map((desk) => ({ ...desk, deskName: deskName(desk.deskId) })),
    completion: { sameDay: 371, referred: 14, noShow: 17, cancelled: 8, open: 2 },
    volumeByHour,
    volumeByDay: serviceDays.map((date, index) => ({ date, count: dayCounts[index]! })),
    obstacles: [
      { id: 3, date: '2026-11-09', text: 'Jaringan internet putus 2 jam, layanan SIAPkerja daring tertunda', source: 'manager' },
      { id: 11, date: '2026-11-12', text: 'Printer tiket: kertas habis (2×)', source: 'device', device: 'printer' },
      { id: 4, date: '2026-11-20', text: '-- AC ruang tunggu mati; teknisi datang "besok"', source: 'manager' },
    ],
  };
  return MonthlyEvaluationSchema.parse(evaluation);
}
