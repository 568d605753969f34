import PDFDocument from 'pdfkit';
import { formatCell, type Cell, type ReportChart, type ReportDocument, type ReportSection } from './reportTables.js';

/**
 * The report as an A4 PDF for printing and filing: title, then each section's chart (if any) and
 * table, with page breaks that repeat the table's header row. Only the PDF's built-in Helvetica is
 * used — no font file to ship or fetch — so text is limited to the Windows-1252 repertoire
 * (`toWinAnsi`). The dates in the file are the report's own, so one report gives the same bytes.
 */
export async function pdfReport(document: ReportDocument): Promise<Buffer> {
  const generated = new Date(document.generatedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { top: 48, bottom: 52, left: 40, right: 40 },
    bufferPages: true,
    lang: 'id-ID',
    info: {
      Title: toWinAnsi(`${document.title} — ${document.periodLabel}`),
      Author: toWinAnsi(document.siteName),
      Subject: toWinAnsi(document.subtitle),
      Creator: 'Kios SIAPkerja',
      Producer: 'Kios SIAPkerja',
      CreationDate: generated,
      ModDate: generated,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });

  drawTitle(pdf, document);
  for (const section of document.sections) drawSection(pdf, section);
  drawFooters(pdf, document);
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

type Pdf = InstanceType<typeof PDFDocument>;

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b8c2cf';
const HEADER_FILL = '#e8eef6';
const BAR = '#2f6db5';
const CELL_PADDING = 3;

const left = (pdf: Pdf) => pdf.page.margins.left;
const contentWidth = (pdf: Pdf) => pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
const bottom = (pdf: Pdf) => pdf.page.height - pdf.page.margins.bottom;

/** Starts a new page unless `height` more points fit on this one. */
function ensureSpace(pdf: Pdf, height: number): void {
  if (pdf.y + height > bottom(pdf)) pdf.addPage();
}

function drawTitle(pdf: Pdf, document: ReportDocument): void {
  const x = left(pdf);
  const width = contentWidth(pdf);
  pdf.fillColor(INK).font(BOLD).fontSize(16).text(toWinAnsi(document.title), x, pdf.y, { width });
  pdf.fillColor(MUTED).font(FONT).fontSize(9).text(toWinAnsi(document.subtitle), { width });
  pdf.moveDown(0.6);
  pdf.fillColor(INK).font(BOLD).fontSize(12).text(toWinAnsi(document.siteName), { width });
  pdf.font(FONT).fontSize(10).text(`Periode / Period: ${toWinAnsi(document.periodLabel)}`, { width });
  pdf.moveDown(0.8);
}

function drawSection(pdf: Pdf, section: ReportSection): void {
  // Keep a heading with at least the start of what it heads.
  ensureSpace(pdf, 70);
  pdf.moveDown(0.6);
  const x = left(pdf);
  const width = contentWidth(pdf);
  pdf.fillColor(INK).font(BOLD).fontSize(11).text(toWinAnsi(section.title), x, pdf.y, { width });
  pdf.font(ITALIC).fontSize(7.5).fillColor(MUTED);
  for (const note of section.notes) pdf.text(toWinAnsi(note), x, pdf.y, { width });
  pdf.moveDown(0.4);
  if (section.chart) drawChart(pdf, section.chart);
  drawTable(pdf, section);
}

// ── tables ──────────────────────────────────────────────────────────────────────────────────────

function drawTable(pdf: Pdf, section: ReportSection): void {
  const x0 = left(pdf);
  const widths = fitWidths(
    section.columns.map((column) => column.width),
    contentWidth(pdf),
  );
  // Score tables have fifteen columns: a smaller size keeps them on a portrait page.
  const size = section.columns.length > 8 ? 6.5 : 8;
  const header = section.columns.map((column) => toWinAnsi(column.header));
  // A column of figures is right-aligned throughout, its header and empty cells included.
  const aligns = section.columns.map((_, index) => (section.rows.some((row) => isNumeric(row[index] ?? null)) ? ('right' as const) : ('left' as const)));

  const measure = (texts: readonly string[], font: string) => {
    pdf.font(font).fontSize(size);
    return Math.max(...texts.map((text, index) => pdf.heightOfString(text || ' ', { width: widths[index]! - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
  };
  const drawRow = (texts: readonly string[], font: string, height: number, fill?: string) => {
    const y = pdf.y;
    if (fill) pdf.rect(x0, y, sum(widths), height).fill(fill);
    pdf.font(font).fontSize(size).fillColor(INK);
    let x = x0;
    texts.forEach((text, index) => {
      const width = widths[index]!;
      pdf.text(text, x + CELL_PADDING, y + CELL_PADDING, { width: width - 2 * CELL_PADDING, align: aligns[index] ?? 'left' });
      x += width;
    });
    pdf
      .moveTo(x0, y + height)
      .lineTo(x0 + sum(widths), y + height)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    pdf.x = x0;
    pdf.y = y + height;
  };

  const headerHeight = measure(header, BOLD);
  const drawHeader = () => drawRow(header, BOLD, headerHeight, HEADER_FILL);
  const rows = section.rows.map((cells) => cells.map(cellText));
  ensureSpace(pdf, headerHeight + (rows[0] ? measure(rows[0], FONT) : 0));
  drawHeader();
  for (const row of rows) {
    const height = measure(row, FONT);
    if (pdf.y + height > bottom(pdf)) {
      pdf.addPage();
      drawHeader();
    }
    drawRow(row, FONT, height);
  }
  if (rows.length === 0) {
    pdf.font(ITALIC).fontSize(size).fillColor(MUTED).text('(tidak ada data / no data)', x0 + CELL_PADDING, pdf.y + CELL_PADDING);
  }
  pdf.x = x0;
  pdf.moveDown(0.5);
}

function cellText(cell: Cell): string {
  return cell === null ? '–' : toWinAnsi(formatCell(cell));
}

function isNumeric(cell: Cell): boolean {
  return cell !== null && typeof cell !== 'string';
}

/** Points per character of a width hint: enough for the 8-point font, so short tables stay compact. */
const POINTS_PER_CHARACTER = 6;

/** Column widths from their hints, shrunk in proportion when they would overflow the page. */
function fitWidths(hints: readonly number[], available: number): number[] {
  const scale = Math.min(POINTS_PER_CHARACTER, available / sum(hints));
  return hints.map((hint) => hint * scale);
}

function sum(values: readonly number[]): number {
  return values.reduce((acc, value) => acc + value, 0);
}

// ── charts ──────────────────────────────────────────────────────────────────────────────────────

function drawChart(pdf: Pdf, chart: ReportChart): void {
  if (chart.kind === 'bars') drawBars(pdf, chart);
  else drawLine(pdf, chart);
  pdf.x = left(pdf);
  pdf.moveDown(0.6);
}

function drawChartTitle(pdf: Pdf, title: string): void {
  pdf.fillColor(INK).font(BOLD).fontSize(8.5).text(toWinAnsi(title), left(pdf), pdf.y, { width: contentWidth(pdf) });
  pdf.moveDown(0.3);
}

function drawBars(pdf: Pdf, chart: ReportChart): void {
  const barHeight = 10;
  const step = 15;
  const labelWidth = 180;
  const valueWidth = 40;
  ensureSpace(pdf, 30 + chart.items.length * step + 14);
  drawChartTitle(pdf, chart.title);
  const x0 = left(pdf);
  const plotX = x0 + labelWidth;
  const plotWidth = contentWidth(pdf) - labelWidth - valueWidth;
  const values = chart.items.flatMap((item) => (item.value === null ? [] : [item.value]));
  const scale = axisScale(chart.min, chart.max ?? Math.max(chart.min + 1, ...values));
  const xOf = (value: number) => plotX + ((value - scale.min) / (scale.max - scale.min)) * plotWidth;
  const top = pdf.y;
  const plotHeight = chart.items.length * step;

  pdf.lineWidth(0.4).strokeColor(RULE);
  for (const tick of scale.ticks) pdf.moveTo(xOf(tick), top).lineTo(xOf(tick), top + plotHeight).stroke();
  chart.items.forEach((item, index) => {
    const y = top + index * step;
    pdf.font(FONT).fontSize(7.5).fillColor(INK);
    pdf.text(fitText(pdf, toWinAnsi(item.label), labelWidth - 8), x0, y + 1.5, { width: labelWidth - 8, lineBreak: false });
    const end = item.value === null ? plotX : xOf(Math.min(item.value, scale.max));
    if (item.value !== null && end > plotX) pdf.rect(plotX, y, end - plotX, barHeight).fill(BAR);
    pdf.font(FONT).fontSize(7.5).fillColor(INK).text(toWinAnsi(item.text), end + 4, y + 1.5, { width: valueWidth, lineBreak: false });
  });
  pdf.font(FONT).fontSize(6.5).fillColor(MUTED);
  for (const tick of scale.ticks) pdf.text(formatTick(tick, scale.step), xOf(tick) - 15, top + plotHeight + 2, { width: 30, align: 'center', lineBreak: false });
  pdf.x = x0;
  pdf.y = top + plotHeight + 14;
}

function drawLine(pdf: Pdf, chart: ReportChart): void {
  const plotHeight = 120;
  ensureSpace(pdf, 30 + plotHeight + 16);
  drawChartTitle(pdf, chart.title);
  const x0 = left(pdf);
  const axisWidth = 30;
  const plotX = x0 + axisWidth;
  const plotWidth = contentWidth(pdf) - axisWidth - 10;
  const top = pdf.y + 6;
  const values = chart.items.flatMap((item) => (item.value === null ? [] : [item.value]));
  const scale = axisScale(chart.min, chart.max ?? Math.max(chart.min + 1, ...values));
  const yOf = (value: number) => top + plotHeight * (1 - (value - scale.min) / (scale.max - scale.min));
  const xOf = (index: number) => plotX + ((index + 0.5) * plotWidth) / Math.max(1, chart.items.length);

  pdf.lineWidth(0.4).strokeColor(RULE);
  pdf.font(FONT).fontSize(6.5).fillColor(MUTED);
  for (const tick of scale.ticks) {
    pdf.moveTo(plotX, yOf(tick)).lineTo(plotX + plotWidth, yOf(tick)).stroke();
    pdf.text(formatTick(tick, scale.step), x0, yOf(tick) - 3, { width: axisWidth - 4, align: 'right', lineBreak: false });
  }
  for (const guide of chart.guides.filter((entry) => entry.value > scale.min && entry.value < scale.max)) {
    pdf.save().dash(2, { space: 2 }).strokeColor('#c0504d').moveTo(plotX, yOf(guide.value)).lineTo(plotX + plotWidth, yOf(guide.value)).stroke().restore();
    pdf.fillColor('#c0504d').text(toWinAnsi(guide.label), plotX + plotWidth - 50, yOf(guide.value) - 8, { width: 50, align: 'right', lineBreak: false });
  }

  // A period without a value breaks the line rather than bridging it.
  pdf.lineWidth(1.2).strokeColor(BAR);
  chart.items.forEach((item, index) => {
    const previous = chart.items[index - 1];
    if (item.value !== null && previous && previous.value !== null) {
      pdf.moveTo(xOf(index - 1), yOf(previous.value)).lineTo(xOf(index), yOf(item.value)).stroke();
    }
  });
  chart.items.forEach((item, index) => {
    const x = xOf(index);
    if (item.value !== null) pdf.circle(x, yOf(item.value), 2.2).fill(BAR);
    const labelY = item.value === null ? top + plotHeight - 12 : yOf(item.value) - 11;
    pdf.font(FONT).fontSize(7).fillColor(INK).text(toWinAnsi(item.text), x - 25, labelY, { width: 50, align: 'center', lineBreak: false });
    pdf.fontSize(7).fillColor(MUTED).text(toWinAnsi(item.label), x - 30, top + plotHeight + 4, { width: 60, align: 'center', lineBreak: false });
  });
  pdf.x = x0;
  pdf.y = top + plotHeight + 16;
}

interface AxisScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** About four round steps (1, 2 or 5 × 10ⁿ) from `min`, the top rounded up to a step. */
function axisScale(min: number, max: number): AxisScale {
  const raw = (max - min) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? 10 * magnitude;
  const top = min + Math.ceil((max - min) / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = min; tick <= top + step / 2; tick += step) ticks.push(Number(tick.toFixed(6)));
  return { min, max: top, step, ticks };
}

function formatTick(value: number, step: number): string {
  return Number.isInteger(step) ? String(value) : value.toFixed(1);
}

/** The label cut with an ellipsis to fit `width` at the current font. */
function fitText(pdf: Pdf, text: string, width: number): string {
  if (pdf.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && pdf.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

// ── text ────────────────────────────────────────────────────────────────────────────────────────

/** The characters of Windows-1252's 0x80–0x9F row, which the standard fonts also carry. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text as the built-in fonts can show it: lines end in LF, a tab is a space, and a character
 * outside Windows-1252 (an emoji in a suggestion, say) becomes `?` — pdfkit would otherwise write
 * it as a wrong glyph code without a word.
 */
export function toWinAnsi(value: string): string {
  let result = '';
  for (const character of value.replace(/\r\n?/g, '\n').replaceAll('\t', ' ')) {
    const code = character.codePointAt(0)!;
    const printable = code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(character);
    result += printable ? character : '?';
  }
  return result;
}

// ── footers ─────────────────────────────────────────────────────────────────────────────────────

function drawFooters(pdf: Pdf, document: ReportDocument): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    pdf.switchToPage(index);
    // Below the bottom margin pdfkit would open a new page for the text; lift the margin meanwhile.
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - 32;
    const x = left(pdf);
    const width = contentWidth(pdf);
    pdf.font(FONT).fontSize(7).fillColor(MUTED);
    pdf.text(toWinAnsi(`Kios SIAPkerja · ${document.siteName} · ${document.periodLabel}`), x, y, { width: width - 120, lineBreak: false });
    pdf.text(`Halaman ${index + 1} dari ${range.count} / Page ${index + 1} of ${range.count}`, x + width - 120, y, { width: 120, align: 'right', lineBreak: false });
    pdf.page.margins.bottom = margin;
  }
}
