import type { ExportFormat, IkmReport, MonthlyEvaluation } from '../../contract/reports.js';
import { csvReport } from './csvReport.js';
import { pdfReport } from './pdfReport.js';
import { ikmReportTables, monthlyEvaluationTables, type ReportDocument } from './reportTables.js';
import { xlsxReport } from './xlsxReport.js';

export interface ReportFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

/** A report with its kind, so the kind always names the right shape. */
export type ReportToExport = { kind: 'ikm'; report: IkmReport } | { kind: 'monthly'; report: MonthlyEvaluation };

const MIME_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

const FILE_PREFIX: Record<ReportToExport['kind'], string> = { ikm: 'ikm', monthly: 'evaluasi-bulanan' };

/**
 * One of the manager's reports as a file to download; every format renders the same tables. Either
 * `(kind, report, format)` or `({ kind, report }, format)`: both pair a kind with its own shape.
 */
export function exportReport(kind: 'ikm', report: IkmReport, format: ExportFormat): Promise<ReportFile>;
export function exportReport(kind: 'monthly', report: MonthlyEvaluation, format: ExportFormat): Promise<ReportFile>;
export function exportReport(input: ReportToExport, format: ExportFormat): Promise<ReportFile>;
export function exportReport(
  first: ReportToExport['kind'] | ReportToExport,
  second: IkmReport | MonthlyEvaluation | ExportFormat,
  third?: ExportFormat,
): Promise<ReportFile> {
  // The overloads guarantee the pairing; this rebuilds the union the compiler can narrow.
  if (typeof first === 'string') return exportReportFile({ kind: first, report: second } as ReportToExport, third as ExportFormat);
  return exportReportFile(first, second as ExportFormat);
}

export async function exportReportFile(input: ReportToExport, format: ExportFormat): Promise<ReportFile> {
  const document: ReportDocument = input.kind === 'ikm' ? ikmReportTables(input.report) : monthlyEvaluationTables(input.report);
  const bytes = format === 'xlsx' ? await xlsxReport(document) : format === 'csv' ? csvReport(document) : await pdfReport(document);
  const filename = `${FILE_PREFIX[input.kind]}-${slug(input.report.siteName)}-${input.report.period.key}.${format}`;
  return { filename, mimeType: MIME_TYPES[format], bytes };
}

/** A site name as a safe, readable file-name part: ASCII letters and digits joined by dashes. */
export function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return ascii || 'kios';
}
