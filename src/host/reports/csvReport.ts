import { formatCell, type Cell, type ReportDocument } from './reportTables.js';

/**
 * The report as one RFC 4180 CSV file: CRLF line ends, fields quoted only when they must be, quotes
 * doubled. Sections follow each other, each after a blank line and its title row. UTF-8 with a byte
 * order mark, without which Excel reads the file as the machine's ANSI code page and mangles
 * "—" or "é".
 */
export function csvReport(document: ReportDocument): Buffer {
  const lines: string[] = [csvLine([`${document.title} — ${document.siteName} — ${document.periodLabel}`])];
  for (const section of document.sections) {
    lines.push('', csvLine([section.title]));
    for (const note of section.notes) lines.push(csvLine([note]));
    lines.push(csvLine(section.columns.map((column) => column.header)));
    for (const row of section.rows) lines.push(csvLine(row));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',');
}

/** Text a spreadsheet would run as a formula (OWASP's list): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: Cell): string {
  // Numbers go out as numbers; only text can smuggle a formula.
  if (typeof cell !== 'string') return formatCell(cell);
  const guarded = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}
