import type { CountRow, IkmReport, IkmScoreView, MonthlyEvaluation } from '../../contract/reports.js';
import { SURVEY_QUESTIONS, UNSUR_CODES, type UnsurCode } from '../../domain/ikmQuestionnaire.js';

/**
 * A report as format-neutral sections of tables. Every export (XLSX, CSV, PDF) renders this and
 * nothing else, so a figure cannot differ between formats. Values are the host's, unchanged: the
 * host already rounded NRR (3 decimals), the index (4) and the IKM (2), and nothing here recomputes
 * or re-rounds them. A rounded number travels with its decimals (`Fixed`) because `3.2` must be
 * shown as the NRR `3.200` in every format, which a bare number cannot say.
 */

export interface Fixed {
  readonly value: number;
  readonly decimals: 2 | 3 | 4;
}
/** A whole number is a plain `number`; `null` is "no value" (an unanswered unsur, an absent hour). */
export type Cell = string | number | Fixed | null;

export interface ReportColumn {
  readonly header: string;
  /** Width in characters: the XLSX column width and the PDF's share of the page. */
  readonly width: number;
}

/** A simple chart, drawn by the PDF only; its figures are the section's own. */
export interface ReportChart {
  readonly kind: 'bars' | 'line';
  readonly title: string;
  readonly min: number;
  /** Upper end of the scale; `null` fits it to the largest value. */
  readonly max: number | null;
  /** Reference lines across the chart, such as the mutu boundaries. */
  readonly guides: ReadonlyArray<{ value: number; label: string }>;
  readonly items: ReadonlyArray<{ label: string; value: number | null; text: string }>;
}

export interface ReportSection {
  /** Worksheet name in the XLSX (≤ 31 characters, unique within a report). */
  readonly sheet: string;
  readonly title: string;
  readonly notes: readonly string[];
  readonly columns: readonly ReportColumn[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
  readonly chart?: ReportChart;
}

export interface ReportDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly siteName: string;
  readonly periodLabel: string;
  readonly generatedAt: string;
  readonly sections: readonly ReportSection[];
}

export function isFixed(cell: Cell): cell is Fixed {
  return typeof cell === 'object' && cell !== null;
}

/** How every format writes a number as text: a dot, and exactly the host's decimals. */
export function formatCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  // toFixed picks the decimal nearest the stored double, so it gives back the host's own digits.
  return cell.value.toFixed(cell.decimals);
}

const fixed = (value: number | null, decimals: Fixed['decimals']): Fixed | null => (value === null ? null : { value, decimals });
const nrr = (value: number | null) => fixed(value, 3);
const column = (header: string, width: number): ReportColumn => ({ header, width });

/** "Indonesian / English", once when both are the same. */
function bilingual(label: { id: string; en: string }): string {
  return label.id === label.en ? label.id : `${label.id} / ${label.en}`;
}

/** An instant as a reader wants it; the host's instants are UTC (`Z`). */
function formatInstant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Text from outside (site name, manager's notes, visitor suggestions) minus the characters an XLSX
 * (XML 1.0) cannot hold. Suggestions are already free of them; obstacles and plans are not checked
 * as strictly, and one stray byte would make Excel refuse the whole file.
 */
function text(value: string): string {
  let result = '';
  // Iterating a string yields code points, and a lone surrogate as itself.
  for (const character of value) result += isXmlUnsafe(character.codePointAt(0)!) ? '\uFFFD' : character;
  return result;
}

function isXmlUnsafe(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  return code === 0x7f || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff);
}

const UNSUR_NAMES = new Map(SURVEY_QUESTIONS.map((question) => [question.code, question.unsur]));

function unsurName(code: UnsurCode): { id: string; en: string } {
  return UNSUR_NAMES.get(code) ?? { id: code, en: code };
}

const USER_TYPES: Record<string, string> = {
  pencari_kerja: 'Pencari Kerja',
  pekerja: 'Pekerja/Buruh',
  pemberi_kerja: 'Pemberi Kerja',
  masyarakat: 'Masyarakat',
};

const NOT_GIVEN = 'Tidak diisi / Not given';

const PROFILE_ASPECTS: ReadonlyArray<{ field: keyof IkmReport['profile']; label: string; values: Record<string, string> }> = [
  { field: 'session', label: 'Jam survei / Survey time', values: { pagi: '08.00–12.00', siang: '12.00–17.00' } },
  { field: 'sex', label: 'Jenis kelamin / Sex', values: { l: 'Laki-laki / Male', p: 'Perempuan / Female' } },
  {
    field: 'ageBand',
    label: 'Usia / Age',
    values: {
      under_20: 'Di bawah 20 tahun / Under 20',
      '20_29': '20–29 tahun / years',
      '30_39': '30–39 tahun / years',
      '40_49': '40–49 tahun / years',
      '50_59': '50–59 tahun / years',
      '60_plus': '60 tahun ke atas / 60 and over',
    },
  },
  {
    field: 'education',
    label: 'Pendidikan / Education',
    values: { sd: 'SD', smp: 'SMP', sma: 'SMA/SMK', d1_d3: 'D1–D3', d4_s1: 'D4/S1', s2: 'S2', s3: 'S3' },
  },
  {
    field: 'occupation',
    label: 'Pekerjaan / Occupation',
    values: {
      pns: 'PNS / Civil servant',
      tni: 'TNI',
      polri: 'POLRI',
      swasta: 'Pegawai swasta / Private employee',
      wirausaha: 'Wirausaha / Self-employed',
      lainnya: 'Lainnya / Other',
    },
  },
  { field: 'userType', label: 'Jenis pengguna / User type', values: USER_TYPES },
  { field: 'input', label: 'Cara mengisi / Answered on', values: { touch: 'Layar sentuh / Touchscreen', buttons: 'Panel tombol / Button panel' } },
];

function categoryLabel(values: Record<string, string>, key: string): string {
  if (key === 'unknown') return NOT_GIVEN;
  return values[key] ?? text(key);
}

/** The lower bounds of mutu C, B and A on the converted scale (see `ikmMutu`). */
const MUTU_GUIDES = [
  { value: 65, label: 'C 65.00' },
  { value: 76.61, label: 'B 76.61' },
  { value: 88.31, label: 'A 88.31' },
];

const SCORE_COLUMNS: readonly ReportColumn[] = [
  column('Responden / Respondents', 14),
  ...UNSUR_CODES.map((code) => column(code, 7)),
  column('Indeks / Index', 10),
  column('IKM', 8),
  column('Mutu / Grade', 8),
];

function scoreCells(score: IkmScoreView): Cell[] {
  return [score.respondents, ...UNSUR_CODES.map((code) => nrr(score.nrr[code])), fixed(score.index, 4), fixed(score.ikm, 2), score.mutu];
}

const SCORE_NOTE =
  'U1–U9: NRR per unsur (1–4); IKM kosong bila ada unsur tanpa jawaban, atau bila respondennya terlalu sedikit untuk ditampilkan tanpa mengenali mereka / U1–U9: element NRR (1–4); IKM is empty while an element has no answers, or when too few respondents to show without identifying them';

export function ikmReportTables(report: IkmReport): ReportDocument {
  const periodLabel = bilingual(report.period.label);
  const { score, sample } = report;
  const weakest = report.ranking[0];
  const strongest = report.ranking.at(-1);
  const rankOf = new Map(report.ranking.map((entry, position) => [entry.code, position + 1]));
  const publication = report.publication;

  const summary: ReportSection = {
    sheet: 'Ringkasan',
    title: 'Ringkasan / Summary',
    notes:
      score.suppressed === true
        ? [`Jawaban tidak ditampilkan: kurang dari ${report.minimumShown} responden / Answers withheld: fewer than ${report.minimumShown} respondents`]
        : score.ikm === null
          ? ['IKM belum dapat dihitung: setiap unsur perlu dijawab / The IKM needs answers to all nine elements']
          : [],
    columns: [column('Butir / Item', 44), column('Nilai / Value', 40)],
    rows: [
      ['Lokasi layanan / Service point', text(report.siteName)],
      ['Periode / Period', periodLabel],
      ['Tanggal layanan / Service dates', `${report.period.from} s.d. ${report.period.to}`],
      ['Jumlah responden / Respondents', score.respondents],
      ['Nilai indeks (1–4) / Index (1–4)', fixed(score.index, 4)],
      ['Nilai IKM (25–100) / IKM (25–100)', fixed(score.ikm, 2)],
      ['Mutu pelayanan / Service grade', score.mutu],
      ['Kinerja unit pelayanan / Unit performance', score.kinerja],
      ['Unsur terlemah / Weakest element', weakest ? `${weakest.code} ${unsurName(weakest.code).id}` : null],
      ['Unsur terkuat / Strongest element', strongest ? `${strongest.code} ${unsurName(strongest.code).id}` : null],
      ['Populasi (pengunjung terlayani) / Population (visitors served)', sample.population],
      ['Sampel minimum (Krejcie–Morgan) / Minimum sample', sample.required],
      ['Responden dalam sampel / Respondents in the sample', sample.respondents],
      ['Capaian sampel (%) / Sample progress (%)', sample.percent],
      ['Sampel memadai / Sample adequate', sample.met ? 'Ya / Yes' : 'Belum / Not yet'],
      ['Jumlah saran / Suggestions', report.suggestionCount],
      [
        'Publikasi / Publication',
        publication ? `Dipublikasikan / Published ${formatInstant(publication.publishedAt)}` : 'Belum dipublikasikan / Not published',
      ],
      ['Dibuat / Generated', formatInstant(report.generatedAt)],
    ],
  };

  const unsur: ReportSection = {
    sheet: 'Unsur',
    title: 'Nilai per unsur / Score per element',
    notes: ['Peringkat 1 = NRR terendah / Rank 1 = lowest NRR'],
    columns: [column('Kode / Code', 8), column('Unsur / Element', 46), column('Jawaban / Answers', 10), column('NRR', 8), column('Peringkat / Rank', 10)],
    rows: UNSUR_CODES.map((code) => [code, bilingual(unsurName(code)), score.answered[code], nrr(score.nrr[code]), rankOf.get(code) ?? null]),
    chart: {
      kind: 'bars',
      title: 'NRR per unsur (skala 1–4) / NRR per element (scale 1–4)',
      min: 1,
      max: 4,
      guides: [],
      items: UNSUR_CODES.map((code) => ({ label: `${code} ${unsurName(code).id}`, value: score.nrr[code], text: formatCell(nrr(score.nrr[code])) || '–' })),
    },
  };

  const desks: ReportSection = {
    sheet: 'Loket',
    title: 'IKM per loket / IKM per desk',
    notes: [SCORE_NOTE],
    columns: [column('Loket / Desk', 7), column('Nama loket / Desk name', 28), ...SCORE_COLUMNS],
    rows: report.byDesk.map((desk) => [desk.deskId, text(desk.deskName), ...scoreCells(desk.score)]),
  };

  const services: ReportSection = {
    sheet: 'Layanan',
    title: 'IKM per layanan / IKM per service',
    notes: [SCORE_NOTE, 'Satu respons dihitung untuk setiap layanan yang diterima / One response counts for every service it covered'],
    columns: [column('Kode / Code', 10), column('Layanan / Service', 28), ...SCORE_COLUMNS],
    rows: report.byService.map((service) => [text(service.code), text(service.name), ...scoreCells(service.score)]),
  };

  const profile: ReportSection = {
    sheet: 'Profil',
    title: 'Profil responden / Respondent profile',
    notes: [],
    columns: [column('Aspek / Aspect', 28), column('Kategori / Category', 36), column('Jumlah / Count', 10)],
    rows: PROFILE_ASPECTS.flatMap((aspect) => report.profile[aspect.field].map((row): Cell[] => [aspect.label, categoryLabel(aspect.values, row.key), row.count])),
  };

  const suggestions: ReportSection = {
    sheet: 'Saran',
    title: 'Saran pengunjung / Visitor suggestions',
    notes: [
      'Teks pengunjung, apa adanya / Visitor text, as written',
      ...(report.suggestionCount > report.suggestions.length
        ? [`${report.suggestions.length} saran terbaru dari ${report.suggestionCount} / The newest ${report.suggestions.length} of ${report.suggestionCount} suggestions`]
        : []),
    ],
    columns: [column('No.', 5), column('Tanggal layanan / Service date', 14), column('Loket / Desk', 7), column('Saran / Suggestion', 70)],
    rows: report.suggestions.map((suggestion, position) => [position + 1, suggestion.serviceDate, suggestion.deskId, text(suggestion.text)]),
  };

  const trend: ReportSection = {
    sheet: 'Tren',
    title: 'Tren IKM / IKM trend',
    notes: [],
    columns: [column('Periode / Period', 10), column('Label', 30), column('Responden / Respondents', 12), column('IKM', 8), column('Mutu / Grade', 8)],
    rows: report.trend.map((point) => [point.key, bilingual(point.label), point.respondents, fixed(point.ikm, 2), point.mutu]),
    chart: {
      kind: 'line',
      title: 'Tren IKM (25–100) / IKM trend (25–100)',
      min: trendFloor(report.trend.map((point) => point.ikm)),
      max: 100,
      guides: MUTU_GUIDES,
      items: report.trend.map((point) => ({ label: point.key, value: point.ikm, text: formatCell(fixed(point.ikm, 2)) || '–' })),
    },
  };

  const plan = report.followUp;
  const followUp: ReportSection = {
    sheet: 'Tindak lanjut',
    title: 'Rencana tindak lanjut / Follow-up plan',
    notes: plan
      ? [...(plan.note ? [text(plan.note)] : []), `Diperbarui / Updated ${formatInstant(plan.updatedAt)} oleh / by ${text(plan.updatedBy)}`]
      : ['Belum ada rencana tindak lanjut / No follow-up plan yet'],
    columns: [column('Unsur / Element', 30), column('Rencana tindakan / Action', 50), column('Waktu / When', 16), column('Penanggung jawab / Responsible', 24)],
    rows: (plan?.items ?? []).map((item) => [`${item.unsur} ${unsurName(item.unsur).id}`, text(item.action), text(item.when), text(item.responsible)]),
  };

  return {
    title: 'Laporan Survei Kepuasan Masyarakat (IKM)',
    subtitle: 'Public Satisfaction Survey (IKM) Report — PermenPAN-RB 14/2017',
    siteName: text(report.siteName),
    periodLabel,
    generatedAt: report.generatedAt,
    sections: [summary, unsur, desks, services, profile, suggestions, trend, followUp],
  };
}

/** Zooms the trend onto its values (in steps of 5, never below the scale's 25) so changes show. */
function trendFloor(values: ReadonlyArray<number | null>): number {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return 25;
  return Math.max(25, Math.floor((Math.min(...present) - 5) / 5) * 5);
}

const COMPLETION_LABELS: ReadonlyArray<[keyof MonthlyEvaluation['completion'], string]> = [
  ['sameDay', 'Selesai di hari yang sama / Completed the same day'],
  ['referred', 'Dirujuk ke back office / Referred to the back office'],
  ['noShow', 'Tidak hadir saat dipanggil / No-show'],
  ['cancelled', 'Dibatalkan / Cancelled'],
  ['open', 'Belum selesai / Still open'],
];

export function monthlyEvaluationTables(report: MonthlyEvaluation): ReportDocument {
  const periodLabel = bilingual(report.period.label);
  const { users } = report;

  const summary: ReportSection = {
    sheet: 'Ringkasan',
    title: 'Ringkasan / Summary',
    notes: [],
    columns: [column('Butir / Item', 44), column('Nilai / Value', 40)],
    rows: [
      ['Lokasi layanan / Service point', text(report.siteName)],
      ['Periode / Period', periodLabel],
      ['Tanggal layanan / Service dates', `${report.period.from} s.d. ${report.period.to}`],
      ['Jumlah kunjungan (tiket) / Visits (tickets)', users.visits],
      ['Dengan SIAPkerja-ID / With a SIAPkerja-ID', users.withSiapkerjaId],
      ['Prioritas (kelompok rentan) / Priority (vulnerable groups)', users.priority],
      ['Jumlah kendala / Obstacles', report.obstacles.length],
      ['Dibuat / Generated', formatInstant(report.generatedAt)],
    ],
  };

  const userTypes: ReportSection = {
    sheet: 'Pengguna',
    title: 'Pengguna per jenis / Users by type',
    notes: [],
    columns: [column('Jenis pengguna / User type', 30), column('Kunjungan / Visits', 12)],
    rows: users.byUserType.map((row: CountRow) => [categoryLabel(USER_TYPES, row.key), row.count]),
  };

  const deskIds = [...new Set([...users.byDesk.map((desk) => desk.deskId), ...report.servicesPerDesk.map((desk) => desk.deskId)])].sort((a, b) => a - b);
  const visitsOf = new Map(users.byDesk.map((desk) => [desk.deskId, desk]));
  const servedOf = new Map(report.servicesPerDesk.map((desk) => [desk.deskId, desk]));
  const deskName = (deskId: number) => text(visitsOf.get(deskId)?.deskName ?? servedOf.get(deskId)?.deskName ?? `Loket ${deskId}`);

  const desks: ReportSection = {
    sheet: 'Loket',
    title: 'Kunjungan dan layanan per loket / Visits and services per desk',
    notes: ['Dilayani = selesai atau dirujuk / Served = completed or referred'],
    columns: [column('Loket / Desk', 7), column('Nama loket / Desk name', 44), column('Kunjungan / Visits', 12), column('Dilayani / Served', 12)],
    rows: deskIds.map((deskId) => [deskId, deskName(deskId), visitsOf.get(deskId)?.count ?? null, servedOf.get(deskId)?.served ?? null]),
    chart: {
      kind: 'bars',
      title: 'Kunjungan per loket / Visits per desk',
      min: 0,
      max: null,
      guides: [],
      items: users.byDesk.map((desk) => ({ label: `${desk.deskId} ${text(desk.deskName)}`, value: desk.count, text: String(desk.count) })),
    },
  };

  const services: ReportSection = {
    sheet: 'Layanan',
    title: 'Layanan per loket / Services per desk',
    notes: [],
    columns: [column('Loket / Desk', 7), column('Nama loket / Desk name', 26), column('Kode / Code', 10), column('Layanan / Service', 50), column('Jumlah / Count', 10)],
    rows: report.servicesPerDesk.flatMap((desk) => desk.services.map((service): Cell[] => [desk.deskId, text(desk.deskName), text(service.code), text(service.name), service.count])),
  };

  const completion: ReportSection = {
    sheet: 'Penyelesaian',
    title: 'Penyelesaian layanan / Service completion',
    notes: [],
    columns: [column('Status', 50), column('Jumlah / Count', 10)],
    rows: COMPLETION_LABELS.map(([key, label]) => [label, report.completion[key]]),
  };

  const hourDesks = [...new Set(report.volumeByHour.map((row) => row.deskId))].sort((a, b) => a - b);
  const hours = [...new Set(report.volumeByHour.map((row) => row.hour))].sort((a, b) => a - b);
  const volume = new Map(report.volumeByHour.map((row) => [`${row.deskId}:${row.hour}`, row.count]));
  const byHour: ReportSection = {
    sheet: 'Per jam',
    title: 'Volume per jam dan loket / Volume by hour and desk',
    notes: ['Jam pengambilan tiket, waktu setempat / Hour the ticket was taken, local time'],
    columns: [column('Jam / Hour', 10), ...hourDesks.map((deskId) => column(`Loket ${deskId} / Desk ${deskId}`, 14))],
    rows: hours.map((hour) => [`${String(hour).padStart(2, '0')}.00`, ...hourDesks.map((deskId) => volume.get(`${deskId}:${hour}`) ?? null)]),
  };

  const byDay: ReportSection = {
    sheet: 'Per hari',
    title: 'Volume per hari / Volume by day',
    notes: [],
    columns: [column('Tanggal / Date', 14), column('Kunjungan / Visits', 16)],
    rows: report.volumeByDay.map((row) => [row.date, row.count]),
  };

  const obstacles: ReportSection = {
    sheet: 'Kendala',
    title: 'Kendala / Obstacles',
    notes: report.obstacles.length === 0 ? ['Tidak ada kendala tercatat / No obstacles recorded'] : [],
    columns: [column('Tanggal / Date', 14), column('Sumber / Source', 18), column('Uraian / Description', 70)],
    rows: report.obstacles.map((obstacle) => [obstacle.date, obstacle.source === 'manager' ? 'Manajer / Manager' : 'Perangkat / Device', text(obstacle.text)]),
  };

  return {
    title: 'Evaluasi Bulanan Kios SIAPkerja',
    subtitle: 'Monthly Evaluation — Kepmenaker 225/2023 BAB VI',
    siteName: text(report.siteName),
    periodLabel,
    generatedAt: report.generatedAt,
    sections: [summary, userTypes, desks, services, completion, byHour, byDay, obstacles],
  };
}
