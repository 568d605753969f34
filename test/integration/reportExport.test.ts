import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { ExportFormat, IkmReport, IkmScoreView, MonthlyEvaluation } from '../../src/contract/reports.js';
import { SURVEY_QUESTIONS, UNSUR_CODES } from '../../src/domain/ikmQuestionnaire.js';
import { csvReport } from '../../src/host/reports/csvReport.js';
import { exportReport, type ReportFile } from '../../src/host/reports/reportExport.js';
import { SITE_NAME, TRICKY_SUGGESTIONS, sampleIkmReport, sampleMonthlyEvaluation } from '../support/reportFixtures.js';

/**
 * Every export is read back with a real parser — exceljs for XLSX, csv-parse for CSV, Mozilla's
 * pdf.js for the PDF's text — and compared with the report value it came from. Expectations are
 * built here from the report itself, not from the exporter's tables, so a figure that a renderer
 * drops, re-rounds or shifts to another column fails.
 */

// ── what each table must hold, derived from the report ──────────────────────────────────────────

interface Fixed {
  value: number;
  decimals: 2 | 3 | 4;
}
/** A cell we do not pin down (a label the test need not repeat). */
const ANY = Symbol('any');
/** A label cell, matched by how it starts. */
interface Prefix {
  prefix: string;
}
type Expected = string | number | Fixed | null | typeof ANY | Prefix;
/** Expected rows per worksheet name; each row is matched by its first cell. */
type Expectations = Record<string, Expected[][]>;

const fixed = (value: number | null, decimals: Fixed['decimals']): Fixed | null => (value === null ? null : { value, decimals });
const label = (prefix: string): Prefix => ({ prefix });
const isFixed = (cell: Expected): cell is Fixed => typeof cell === 'object' && cell !== null && 'decimals' in cell;
const isPrefix = (cell: Expected): cell is Prefix => typeof cell === 'object' && cell !== null && 'prefix' in cell;

/** The one way numbers are written as text: a dot, exactly the host's decimals. */
function asText(cell: Fixed | number): string {
  return typeof cell === 'number' ? String(cell) : cell.value.toFixed(cell.decimals);
}

function scoreCells(score: IkmScoreView): Expected[] {
  return [score.respondents, ...UNSUR_CODES.map((code) => fixed(score.nrr[code], 3)), fixed(score.index, 4), fixed(score.ikm, 2), score.mutu];
}

function ikmExpectations(report: IkmReport): Expectations {
  const { score, sample } = report;
  return {
    Ringkasan: [
      [label('Jumlah responden'), score.respondents],
      [label('Nilai indeks'), fixed(score.index, 4)],
      [label('Nilai IKM'), fixed(score.ikm, 2)],
      [label('Mutu pelayanan'), score.mutu],
      [label('Kinerja'), score.kinerja],
      [label('Populasi'), sample.population],
      [label('Sampel minimum'), sample.required],
      [label('Responden dalam sampel'), sample.respondents],
      [label('Capaian sampel'), sample.percent],
      [label('Jumlah saran'), report.suggestionCount],
    ],
    Unsur: UNSUR_CODES.map((code) => [code, ANY, score.answered[code], fixed(score.nrr[code], 3)]),
    Loket: report.byDesk.map((desk) => [desk.deskId, desk.deskName, ...scoreCells(desk.score)]),
    Layanan: report.byService.map((service) => [service.code, service.name, ...scoreCells(service.score)]),
    Saran: report.suggestions.map((suggestion, index) => [index + 1, suggestion.serviceDate, suggestion.deskId, suggestion.text]),
    Tren: report.trend.map((point) => [point.key, ANY, point.respondents, fixed(point.ikm, 2), point.mutu]),
    'Tindak lanjut': (report.followUp?.items ?? []).map((item) => [label(item.unsur), item.action, item.when, item.responsible]),
  };
}

const USER_TYPE_LABELS: Record<string, string> = { pencari_kerja: 'Pencari Kerja', pekerja: 'Pekerja/Buruh', pemberi_kerja: 'Pemberi Kerja', masyarakat: 'Masyarakat' };

function monthlyExpectations(report: MonthlyEvaluation): Expectations {
  const served = new Map(report.servicesPerDesk.map((desk) => [desk.deskId, desk.served]));
  const hourDesks = [...new Set(report.volumeByHour.map((row) => row.deskId))].sort((a, b) => a - b);
  const hours = [...new Set(report.volumeByHour.map((row) => row.hour))].sort((a, b) => a - b);
  const volume = (deskId: number, hour: number) => report.volumeByHour.find((row) => row.deskId === deskId && row.hour === hour)?.count ?? null;
  return {
    Ringkasan: [
      [label('Jumlah kunjungan'), report.users.visits],
      [label('Dengan SIAPkerja-ID'), report.users.withSiapkerjaId],
      [label('Prioritas'), report.users.priority],
      [label('Jumlah kendala'), report.obstacles.length],
    ],
    Pengguna: report.users.byUserType.map((row) => [USER_TYPE_LABELS[row.key]!, row.count]),
    Loket: report.users.byDesk.map((desk) => [desk.deskId, desk.deskName, desk.count, served.get(desk.deskId) ?? null]),
    Layanan: report.servicesPerDesk.flatMap((desk) => desk.services.map((service) => [desk.deskId, desk.deskName, service.code, service.name, service.count])),
    Penyelesaian: [
      [label('Selesai'), report.completion.sameDay],
      [label('Dirujuk'), report.completion.referred],
      [label('Tidak hadir'), report.completion.noShow],
      [label('Dibatalkan'), report.completion.cancelled],
      [label('Belum selesai'), report.completion.open],
    ],
    'Per jam': hours.map((hour) => [`${String(hour).padStart(2, '0')}.00`, ...hourDesks.map((deskId) => volume(deskId, hour))]),
    'Per hari': report.volumeByDay.map((row) => [row.date, row.count]),
    Kendala: report.obstacles.map((obstacle) => [obstacle.date, ANY, obstacle.text]),
  };
}

/**
 * The row for an expectation: among rows whose first cell matches, the one agreeing on the most
 * cells (a desk has one row per service). The caller then checks every cell of it.
 */
function rowFor<T>(rows: T[][], expected: Expected[], matches: (cell: T | undefined, wanted: Expected) => boolean, where: string): T[] {
  const candidates = rows.filter((candidate) => matches(candidate[0], expected[0]!));
  expect(candidates.length, `${where}: no row for ${show(expected[0]!)}`).toBeGreaterThan(0);
  const agreement = (row: T[]) => expected.filter((cell, index) => cell !== ANY && matches(row[index], cell)).length;
  return candidates.reduce((best, row) => (agreement(row) > agreement(best) ? row : best));
}

/** A cell as the failure message names it. */
function show(cell: Expected): string {
  if (cell === ANY) return '*';
  if (cell === null) return 'null';
  if (isPrefix(cell)) return `${cell.prefix}…`;
  if (isFixed(cell)) return asText(cell);
  return String(cell);
}

// ── readers ─────────────────────────────────────────────────────────────────────────────────────

interface SheetTable {
  title: string;
  headerRow: number;
  header: string[];
  rows: ExcelJS.Cell[][];
}

async function readXlsx(bytes: Buffer): Promise<{ workbook: ExcelJS.Workbook; tables: Map<string, SheetTable> }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const tables = new Map<string, SheetTable>();
  for (const sheet of workbook.worksheets) {
    // The frozen pane ends at the header row: that is where the table starts.
    const view = sheet.views[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
    const headerRow = view?.ySplit ?? 0;
    const width = sheet.getRow(headerRow).cellCount;
    const rows: ExcelJS.Cell[][] = [];
    for (let number = headerRow + 1; number <= sheet.rowCount; number += 1) {
      const row = sheet.getRow(number);
      rows.push(Array.from({ length: width }, (_, index) => row.getCell(index + 1)));
    }
    tables.set(sheet.name, {
      title: String(sheet.getCell('A1').value),
      headerRow,
      header: Array.from({ length: width }, (_, index) => String(sheet.getRow(headerRow).getCell(index + 1).value)),
      rows,
    });
  }
  return { workbook, tables };
}

interface CsvSection {
  title: string;
  header: string[];
  rows: string[][];
}

function readCsv(bytes: Buffer): { top: string; sections: CsvSection[] } {
  const records = parse(bytes, { bom: true, record_delimiter: '\r\n', relax_column_count: true, skip_empty_lines: false }) as string[][];
  const blocks: string[][][] = [[]];
  for (const record of records) {
    if (record.length === 1 && record[0] === '') blocks.push([]);
    else blocks.at(-1)!.push(record);
  }
  const [topBlock, ...sectionBlocks] = blocks;
  const sections = sectionBlocks.map((block) => {
    // Title, then one-cell notes, then the header: the first row of more than one cell.
    const headerIndex = block.findIndex((record) => record.length > 1);
    return { title: block[0]![0]!, header: block[headerIndex]!, rows: block.slice(headerIndex + 1) };
  });
  return { top: topBlock![0]![0]!, sections };
}

interface PdfText {
  lines: string[];
  /** All text, whitespace collapsed, in reading order. */
  flat: string;
  info: Record<string, unknown>;
}

const STANDARD_FONTS = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function readPdf(bytes: Buffer): Promise<PdfText> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, standardFontDataUrl: STANDARD_FONTS });
  const pdf = await task.promise;
  const lines: string[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    // Items on one baseline are one line of the page; cells of a table row share their first baseline.
    const byBaseline = new Map<number, Array<{ x: number; text: string }>>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const y = Math.round(item.transform[5] as number);
      byBaseline.set(y, [...(byBaseline.get(y) ?? []), { x: item.transform[4] as number, text: item.str }]);
    }
    for (const y of [...byBaseline.keys()].sort((a, b) => b - a)) {
      lines.push(
        byBaseline
          .get(y)!
          .sort((a, b) => a.x - b.x)
          .map((item) => item.text)
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    }
  }
  const { info } = await pdf.getMetadata();
  await task.destroy();
  return { lines, flat: collapse(lines.join(' ')), info: info as Record<string, unknown> };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

// ── comparisons per format ──────────────────────────────────────────────────────────────────────

function checkXlsx(tables: Map<string, SheetTable>, expectations: Expectations): void {
  const NUMBER_FORMAT = { 2: '0.00', 3: '0.000', 4: '0.0000' } as const;
  const keyMatches = (cell: ExcelJS.Cell | undefined, key: Expected) =>
    isPrefix(key) ? typeof cell?.value === 'string' && cell.value.startsWith(key.prefix) : cell?.value === (isFixed(key) ? key.value : key);
  for (const [sheet, rows] of Object.entries(expectations)) {
    const table = tables.get(sheet);
    expect(table, `worksheet ${sheet}`).toBeDefined();
    for (const expected of rows) {
      const actual = rowFor(table!.rows, expected, keyMatches, sheet);
      expected.forEach((cell, index) => {
        const where = `${sheet} ${show(expected[0]!)} column ${table!.header[index]}`;
        const target = actual[index]!;
        if (cell === ANY) return;
        if (isPrefix(cell)) expect(String(target.value), where).toMatch(new RegExp(`^${cell.prefix}`));
        else if (cell === null) expect(target.value ?? null, where).toBeNull();
        else if (typeof cell === 'string') {
          expect(target.type, where).toBe(ExcelJS.ValueType.String);
          expect(target.value, where).toBe(cell);
        } else {
          // A number is a numeric cell showing the host's decimals, never text.
          expect(target.type, where).toBe(ExcelJS.ValueType.Number);
          expect(target.value, where).toBe(isFixed(cell) ? cell.value : cell);
          expect(target.numFmt, where).toBe(isFixed(cell) ? NUMBER_FORMAT[cell.decimals] : '0');
        }
      });
    }
  }
}

/** What a text cell becomes in the CSV: the formula guard's leading apostrophe. */
const guarded = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function checkCsv(sections: Map<string, CsvSection>, expectations: Expectations): void {
  const keyMatches = (cell: string | undefined, key: Expected) =>
    isPrefix(key) ? cell?.startsWith(key.prefix) === true : cell === (typeof key === 'string' ? guarded(key) : show(key));
  for (const [sheet, rows] of Object.entries(expectations)) {
    const section = sections.get(sheet);
    expect(section, `CSV section for ${sheet}`).toBeDefined();
    for (const expected of rows) {
      const actual = rowFor(section!.rows, expected, keyMatches, `CSV ${sheet}`);
      expected.forEach((cell, index) => {
        const where = `CSV ${sheet} ${show(expected[0]!)} column ${section!.header[index]}`;
        if (cell === ANY) return;
        if (isPrefix(cell)) expect(actual[index], where).toMatch(new RegExp(`^${cell.prefix}`));
        else if (cell === null) expect(actual[index], where).toBe('');
        else if (typeof cell === 'string') expect(actual[index], where).toBe(guarded(cell));
        else expect(actual[index], where).toBe(asText(cell));
      });
    }
  }
}

/**
 * In the PDF a row is found as a line: the row's cells are top-aligned, so the first line of every
 * cell — a figure whole, a long text's first word — is on one baseline, in column order.
 */
function checkPdf(pdf: PdfText, expectations: Expectations): void {
  for (const [sheet, rows] of Object.entries(expectations)) {
    for (const expected of rows) {
      const [first, ...rest] = expected;
      const tokens = rest.flatMap((cell): string[] => {
        if (cell === ANY || isPrefix(cell)) return [];
        if (cell === null) return ['–'];
        if (typeof cell === 'string') return [cell.split(/\s+/)[0]!];
        return [asText(cell)];
      });
      const line = pdf.lines.find((candidate) => {
        const words = candidate.split(' ');
        const starts = isPrefix(first!) ? candidate.startsWith(first.prefix) : words[0] === (typeof first === 'string' ? first.split(/\s+/)[0] : show(first!));
        return starts && inOrder(words.slice(1), tokens);
      });
      expect(line, `PDF ${sheet}: a line "${show(first!)} … ${tokens.join(' ')}"`).toBeDefined();
    }
  }
}

/** Whether `wanted` appears in `words` in this order, other words allowed between. */
function inOrder(words: readonly string[], wanted: readonly string[]): boolean {
  let position = 0;
  for (const word of words) if (position < wanted.length && word === wanted[position]) position += 1;
  return position === wanted.length;
}

// ── the tests ───────────────────────────────────────────────────────────────────────────────────

const FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'pdf'];
const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' } as const;

const cases = [
  { kind: 'ikm', prefix: 'ikm', sample: sampleIkmReport, expectations: () => ikmExpectations(sampleIkmReport()) },
  { kind: 'monthly', prefix: 'evaluasi-bulanan', sample: sampleMonthlyEvaluation, expectations: () => monthlyExpectations(sampleMonthlyEvaluation()) },
] as const;

function exportCase(kind: 'ikm' | 'monthly', format: ExportFormat): Promise<ReportFile> {
  return kind === 'ikm' ? exportReport('ikm', sampleIkmReport(), format) : exportReport('monthly', sampleMonthlyEvaluation(), format);
}

describe.each(cases)('the $kind report', ({ kind, prefix, expectations }) => {
  it.each(FORMATS)('is named by site and period, with its MIME type (%s)', async (format) => {
    const file = await exportCase(kind, format);
    expect(file.filename).toBe(`${prefix}-disnaker-kota-bandung-2026-11.${format}`);
    expect(file.mimeType).toBe(MIME[format]);
    expect(file.bytes.length).toBeGreaterThan(500);
  });

  it('XLSX: every figure is a numeric cell equal to the report value, text cells are strings', async () => {
    const { workbook, tables } = await readXlsx((await exportCase(kind, 'xlsx')).bytes);
    checkXlsx(tables, expectations());
    for (const sheet of workbook.worksheets) {
      const table = tables.get(sheet.name)!;
      expect(table.headerRow, `${sheet.name}: frozen header`).toBeGreaterThan(0);
      expect(sheet.views[0]?.state, sheet.name).toBe('frozen');
      sheet.getRow(table.headerRow).eachCell((cell) => expect(cell.font?.bold, `${sheet.name} header ${String(cell.value)}`).toBe(true));
      table.header.forEach((_, index) => expect(sheet.getColumn(index + 1).width, `${sheet.name} column ${index + 1}`).toBeGreaterThan(4));
      // Nothing anywhere is a formula: visitor text stays text.
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula)));
    }
  });

  it('CSV: UTF-8 with BOM and CRLF, every figure equal to the report value', async () => {
    const bytes = (await exportCase(kind, 'csv')).bytes;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { top, sections } = readCsv(bytes);
    expect(top).toContain(SITE_NAME);
    // Sections come in the workbook's sheet order, under the same titles.
    const { workbook, tables } = await readXlsx((await exportCase(kind, 'xlsx')).bytes);
    expect(sections.map((section) => section.title)).toEqual(workbook.worksheets.map((sheet) => tables.get(sheet.name)!.title));
    const bySheet = new Map(workbook.worksheets.map((sheet, index) => [sheet.name, sections[index]!]));
    workbook.worksheets.forEach((sheet) => expect(bySheet.get(sheet.name)!.header, sheet.name).toEqual(tables.get(sheet.name)!.header));
    checkCsv(bySheet, expectations());
  });

  it('PDF: the title, and every figure in its row', async () => {
    const pdf = await readPdf((await exportCase(kind, 'pdf')).bytes);
    expect(pdf.flat).toContain(SITE_NAME);
    expect(pdf.flat).toContain('November 2026');
    checkPdf(pdf, expectations());
  });

  it('PDF: the same report gives the same bytes, dated by the report', async () => {
    const [first, second] = await Promise.all([exportCase(kind, 'pdf'), exportCase(kind, 'pdf')]);
    expect(first.bytes.equals(second.bytes)).toBe(true);
    const report = kind === 'ikm' ? sampleIkmReport() : sampleMonthlyEvaluation();
    const stamp = `D:${report.generatedAt.slice(0, 19).replace(/[-T:]/g, '')}`;
    expect((await readPdf(first.bytes)).info.CreationDate).toMatch(new RegExp(`^${stamp}`));
  });
});

describe('the IKM report in detail', () => {
  const report = sampleIkmReport();

  it('has the figures the fixture was built to exercise', () => {
    // Guards the fixture itself: trailing zeros to keep, an unanswered unsur, a trend gap.
    expect(report.byService.some((service) => service.score.nrr.U8 === null && service.score.ikm === null)).toBe(true);
    expect(report.byService.some((service) => service.score.nrr.U1 === 3.2)).toBe(true);
    expect(report.trend.some((point) => point.ikm === null)).toBe(true);
    expect(report.suggestions.map((suggestion) => suggestion.text)).toEqual(expect.arrayContaining(Object.values(TRICKY_SUGGESTIONS)));
  });

  it('keeps every suggestion exactly in XLSX, as a string cell, the formula one too', async () => {
    const { tables } = await readXlsx((await exportReport('ikm', report, 'xlsx')).bytes);
    const cells = tables.get('Saran')!.rows.map((row) => row[3]!);
    expect(cells.map((cell) => cell.value)).toEqual(report.suggestions.map((suggestion) => suggestion.text));
    const formulaLike = cells.find((cell) => cell.value === TRICKY_SUGGESTIONS.formula)!;
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
    expect(formulaLike.formula).toBeUndefined();
  });

  it('guards the formula-like suggestion in CSV and keeps the others exactly', async () => {
    const bytes = (await exportReport('ikm', report, 'csv')).bytes;
    const raw = bytes.toString('utf8');
    expect(raw).toContain(`"'=HYPERLINK(""http://contoh.invalid/x"",""klik"")"`);
    expect(raw).not.toMatch(/(^|,)=HYPERLINK/m);
    const { sections } = readCsv(bytes);
    const suggestions = sections.find((section) => section.title.startsWith('Saran'))!.rows.map((row) => row[3]);
    expect(suggestions).toEqual([
      `'${TRICKY_SUGGESTIONS.formula}`,
      TRICKY_SUGGESTIONS.nonAscii,
      TRICKY_SUGGESTIONS.newline,
      TRICKY_SUGGESTIONS.quote,
      TRICKY_SUGGESTIONS.comma,
      report.suggestions[5]!.text,
    ]);
  });

  it('prints every suggestion in the PDF, line breaks aside', async () => {
    const pdf = await readPdf((await exportReport('ikm', report, 'pdf')).bytes);
    for (const suggestion of report.suggestions) expect(pdf.flat).toContain(collapse(suggestion.text));
    for (const question of SURVEY_QUESTIONS) expect(pdf.flat, question.code).toContain(question.unsur.id);
  });
});

describe('the monthly evaluation in detail', () => {
  it('guards an obstacle that starts with a minus in CSV', async () => {
    const evaluation = sampleMonthlyEvaluation();
    const { sections } = readCsv((await exportReport('monthly', evaluation, 'csv')).bytes);
    const texts = sections.find((section) => section.title.startsWith('Kendala'))!.rows.map((row) => row[2]);
    expect(texts).toEqual(evaluation.obstacles.map((obstacle) => (obstacle.text.startsWith('-') ? `'${obstacle.text}` : obstacle.text)));
    expect(texts).toContain("'-- AC ruang tunggu mati; teknisi datang \"besok\"");
  });
});

describe('the CSV formula guard', () => {
  it('prefixes text starting with = + - @ tab or CR, and leaves numbers alone', () => {
    const bytes = csvReport({
      title: 'T',
      subtitle: '',
      siteName: 'S',
      periodLabel: 'P',
      generatedAt: '2026-12-01T00:00:00.000Z',
      sections: [
        {
          sheet: 'X',
          title: 'X',
          notes: [],
          columns: [
            { header: 'text', width: 10 },
            { header: 'number', width: 10 },
          ],
          rows: [
            ['=1+1', -5],
            ['+62 812', { value: -1.5, decimals: 2 }],
            ['-2', 0],
            ['@SUM(A1)', 1],
            ['\tx', 2],
            ['\rx', 3],
            ['a=b', 4],
            [' =1', 5],
          ],
        },
      ],
    });
    const [section] = readCsv(bytes).sections;
    expect(section!.rows).toEqual([
      ["'=1+1", '-5'],
      ["'+62 812", '-1.50'],
      ["'-2", '0'],
      ["'@SUM(A1)", '1'],
      ["'\tx", '2'],
      ["'\rx", '3'],
      ['a=b', '4'],
      [' =1', '5'],
    ]);
    // The CR cell must be quoted, or it would end the record.
    expect(bytes.toString('utf8')).toContain(`"'\rx",3\r\n`);
  });
});
