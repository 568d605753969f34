import ExcelJS from 'exceljs';
import { isFixed, type Cell, type ReportDocument, type ReportSection } from './reportTables.js';

/**
 * The report as an Excel workbook, one worksheet per section. Numbers are numeric cells whose
 * format shows the host's decimals, so a manager can sum or chart them; text is always a string
 * cell — exceljs makes a formula only from a `{ formula }` value, so a suggestion that reads
 * `=HYPERLINK(…)` stays the visitor's words.
 */
export async function xlsxReport(document: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const generated = new Date(document.generatedAt);
  workbook.creator = 'Kios SIAPkerja';
  workbook.lastModifiedBy = 'Kios SIAPkerja';
  workbook.title = `${document.title} — ${document.periodLabel}`;
  workbook.company = document.siteName;
  workbook.created = generated;
  workbook.modified = generated;
  for (const section of document.sections) addSheet(workbook, section);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const NUMBER_FORMATS = { 2: '0.00', 3: '0.000', 4: '0.0000' } as const;
/** Columns at least this wide hold prose (suggestions, actions) and wrap. */
const PROSE_WIDTH = 40;

function addSheet(workbook: ExcelJS.Workbook, section: ReportSection): void {
  const sheet = workbook.addWorksheet(section.sheet);
  const titleRow = sheet.addRow([section.title]);
  titleRow.font = { bold: true, size: 13 };
  for (const note of section.notes) sheet.addRow([note]).font = { italic: true, color: { argb: 'FF555555' } };

  const header = sheet.addRow(section.columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  for (const cells of section.rows) {
    const row = sheet.addRow([]);
    row.alignment = { vertical: 'top' };
    cells.forEach((cell, index) => {
      const target = row.getCell(index + 1);
      writeCell(target, cell);
      if ((section.columns[index]?.width ?? 0) >= PROSE_WIDTH) target.alignment = { vertical: 'top', wrapText: true };
    });
  }

  // exceljs leaves out a width equal to its default of 9, so hints avoid exactly 9.
  section.columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: header.number, activeCell: `A${header.number + 1}` }];
  if (section.rows.length > 0) sheet.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: section.columns.length } };
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: section.columns.length > 6 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${header.number}:${header.number}`,
  };
}

function writeCell(target: ExcelJS.Cell, cell: Cell): void {
  if (cell === null) return;
  if (typeof cell === 'string') {
    target.value = cell;
    return;
  }
  if (isFixed(cell)) {
    target.value = cell.value;
    target.numFmt = NUMBER_FORMATS[cell.decimals];
    return;
  }
  target.value = cell;
  target.numFmt = '0';
}
