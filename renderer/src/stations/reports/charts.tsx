import { useId, type ReactNode } from 'react';

/**
 * Small SVG charts for the manager's reports, with no chart library: bars, a trend over periods with
 * the IKM's mutu bands, a desk × hour heatmap and columns. Every chart is an image with a title and a
 * description for screen readers, followed by a visually hidden table of the same numbers.
 *
 * Charts never compute figures: each datum carries the text to print (`display`), formatted by the
 * caller from the report's own value, and `value` only places the mark.
 */

export interface ChartDatum {
  key: string;
  label: string;
  /** Where the mark goes; null draws none (no data). */
  value: number | null;
  /** The figure as printed, e.g. "3,250" or "–". */
  display: string;
  /** A weakest or strongest item, drawn in its own colour (and named in its label). */
  tone?: 'weak' | 'strong';
  testId?: string;
}

/** Lower bounds of the mutu on the converted IKM scale (25–100), as `ikmMutu` in src/domain/ikm.ts. */
export const MUTU_BANDS = [
  { mutu: 'A', from: 88.31, to: 100 },
  { mutu: 'B', from: 76.61, to: 88.31 },
  { mutu: 'C', from: 65, to: 76.61 },
  { mutu: 'D', from: 25, to: 65 },
] as const;

/** The default drawing width (viewBox units); a chart across a whole page passes a wider one. */
const WIDTH = 640;
const NAVY = '#0b3c78';
const WEAK = '#b3261e';
const STRONG = '#1b7f3b';
const GRID = '#d5dceb';
const MUTED = '#55617a';
const TEXT = '#14213d';
const BAND_FILL: Record<(typeof MUTU_BANDS)[number]['mutu'], string> = { A: '#e3f3e8', B: '#eef5dc', C: '#fdf1d8', D: '#fbe3e1' };

function toneColour(tone: ChartDatum['tone']): string {
  return tone === 'weak' ? WEAK : tone === 'strong' ? STRONG : NAVY;
}

/** Round steps (1, 2, 5 × 10ⁿ) from 0 to at least `max`, for count axes. */
export function countTicks(max: number): number[] {
  const top = Math.max(1, max);
  const raw = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? magnitude * 10);
  const ticks: number[] = [];
  for (let tick = 0; tick < top + step; tick += step) ticks.push(tick);
  return ticks;
}

/** The frame every chart shares: a visible caption, the SVG image, and the hidden table of numbers. */
function ChartFigure({
  title,
  summary,
  width,
  height,
  testId,
  table,
  children,
}: {
  title: string;
  summary: string;
  width: number;
  height: number;
  testId?: string;
  table: { headers: string[]; rows: string[][] };
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-caption">{title}</figcaption>
      {/* Scales with its panel, but never so far that its text outgrows the page's. */}
      <svg className="chart-svg" viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: Math.round(width * 1.4) }} role="img" aria-label={title} aria-describedby={`${id}-desc`} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {children}
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            {table.headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, at) => (at === 0 ? <th key={at} scope="row">{cell}</th> : <td key={at}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function summaryOf(data: readonly ChartDatum[]): string {
  return data.map((datum) => `${datum.label}: ${datum.display}`).join('; ');
}

/**
 * Horizontal bars, one row per datum: the label above its bar, the figure at its end. `min`–`max`
 * is the axis (1–4 for NRR, 0–n for counts).
 */
export function HorizontalBarChart({
  title,
  data,
  min,
  max,
  ticks,
  tickText,
  headers,
  testId,
  width = WIDTH,
}: {
  title: string;
  data: readonly ChartDatum[];
  min: number;
  max: number;
  ticks: readonly number[];
  tickText(tick: number): string;
  /** Column headers of the hidden table: item, figure. */
  headers: [string, string];
  testId?: string;
  width?: number;
}) {
  const rowHeight = 52;
  const top = 8;
  const axis = 28;
  const left = 4;
  const right = width - 100;
  const height = top + data.length * rowHeight + axis;
  const span = max - min || 1;
  const x = (value: number) => left + ((Math.min(max, Math.max(min, value)) - min) / span) * (right - left);
  return (
    <ChartFigure title={title} summary={summaryOf(data)} width={width} height={height} testId={testId} table={{ headers, rows: data.map((datum) => [datum.label, datum.display]) }}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={top} y2={height - axis + 4} stroke={GRID} strokeWidth={1} />
          <text x={x(tick)} y={height - 6} textAnchor="middle" fontSize={14} fill={MUTED}>
            {tickText(tick)}
          </text>
        </g>
      ))}
      {data.map((datum, index) => {
        const y = top + index * rowHeight;
        const colour = toneColour(datum.tone);
        return (
          <g key={datum.key} data-testid={datum.testId} data-value={datum.value ?? ''}>
            <text x={left} y={y + 16} fontSize={16} fill={datum.tone ? colour : TEXT} fontWeight={datum.tone ? 700 : 400}>
              {datum.label}
            </text>
            {datum.value !== null && <rect x={left} y={y + 24} width={Math.max(2, x(datum.value) - left)} height={18} rx={3} fill={colour} />}
            <text x={datum.value === null ? left : x(datum.value) + 6} y={y + 39} fontSize={16} fontWeight={700} fill={datum.value === null ? MUTED : colour}>
              {datum.display}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}

/**
 * IKM over periods on the 25–100 scale, over the four mutu bands: a line through the periods that
 * have an IKM (a period without one breaks the line), or columns.
 */
export function TrendChart({
  title,
  data,
  variant = 'line',
  headers,
  testId,
  width = WIDTH,
  tickText = String,
}: {
  title: string;
  /** `label` is printed under the axis; keep it short. */
  data: readonly (ChartDatum & { longLabel?: string })[];
  variant?: 'line' | 'column';
  headers: [string, string];
  testId?: string;
  width?: number;
  /** The mutu bounds on the axis (25, 65, 76.61, 88.31, 100) in the page's number format. */
  tickText?(tick: number): string;
}) {
  const height = 300;
  const top = 26;
  const bottom = height - 32;
  const left = 48;
  const right = width - 30;
  const y = (value: number) => bottom - ((Math.min(100, Math.max(25, value)) - 25) / 75) * (bottom - top);
  const slot = (right - left) / Math.max(1, data.length);
  const cx = (index: number) => left + slot * (index + 0.5);
  const segments: string[] = [];
  let path = '';
  data.forEach((datum, index) => {
    if (datum.value === null) {
      if (path) segments.push(path);
      path = '';
      return;
    }
    path += `${path ? ' L' : 'M'} ${cx(index).toFixed(1)} ${y(datum.value).toFixed(1)}`;
  });
  if (path) segments.push(path);
  return (
    <ChartFigure
      title={title}
      summary={data.map((datum) => `${datum.longLabel ?? datum.label}: ${datum.display}`).join('; ')}
      width={width}
      height={height}
      testId={testId}
      table={{ headers, rows: data.map((datum) => [datum.longLabel ?? datum.label, datum.display]) }}
    >
      {MUTU_BANDS.map((band) => (
        <g key={band.mutu}>
          <rect x={left} y={y(band.to)} width={right - left} height={y(band.from) - y(band.to)} fill={BAND_FILL[band.mutu]} />
          <text x={right + 8} y={(y(band.to) + y(band.from)) / 2 + 6} fontSize={16} fontWeight={700} fill={MUTED}>
            {band.mutu}
          </text>
        </g>
      ))}
      {[25, 65, 76.61, 88.31, 100].map((tick) => (
        <g key={tick}>
          <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} stroke={GRID} strokeWidth={1} />
          <text x={left - 6} y={y(tick) + 5} textAnchor="end" fontSize={13} fill={MUTED}>
            {tickText(tick)}
          </text>
        </g>
      ))}
      {variant === 'line' && segments.map((segment) => <path key={segment} d={segment} fill="none" stroke={NAVY} strokeWidth={3} />)}
      {data.map((datum, index) => (
        <g key={datum.key} data-testid={datum.testId} data-value={datum.value ?? ''}>
          {datum.value !== null &&
            (variant === 'line' ? (
              <circle cx={cx(index)} cy={y(datum.value)} r={6} fill={NAVY} stroke="#fff" strokeWidth={2} />
            ) : (
              <rect x={cx(index) - Math.min(28, slot * 0.35)} y={y(datum.value)} width={Math.min(56, slot * 0.7)} height={bottom - y(datum.value)} fill={NAVY} rx={3} />
            ))}
          <text x={cx(index)} y={datum.value === null ? bottom - 8 : y(datum.value) - 12} textAnchor="middle" fontSize={16} fontWeight={700} fill={datum.value === null ? MUTED : TEXT}>
            {datum.display}
          </text>
          <text x={cx(index)} y={height - 10} textAnchor="middle" fontSize={14} fill={MUTED}>
            {datum.label}
          </text>
        </g>
      ))}
    </ChartFigure>
  );
}

/** Columns from zero, e.g. visits per day; `label` under each column, `display` over it when not zero. */
export function ColumnChart({
  title,
  data,
  headers,
  testId,
  width = WIDTH,
}: {
  title: string;
  data: readonly (ChartDatum & { longLabel?: string })[];
  headers: [string, string];
  testId?: string;
  width?: number;
}) {
  const height = 260;
  const top = 24;
  const bottom = height - 28;
  const left = 44;
  const right = width - 8;
  const max = Math.max(0, ...data.map((datum) => datum.value ?? 0));
  const ticks = countTicks(max);
  const axisTop = ticks[ticks.length - 1] ?? 1;
  const y = (value: number) => bottom - (value / axisTop) * (bottom - top);
  const slot = (right - left) / Math.max(1, data.length);
  const barWidth = Math.max(3, Math.min(36, slot * 0.7));
  const labelEvery = slot < 28 ? 2 : 1;
  return (
    <ChartFigure
      title={title}
      summary={data.map((datum) => `${datum.longLabel ?? datum.label}: ${datum.display}`).join('; ')}
      width={width}
      height={height}
      testId={testId}
      table={{ headers, rows: data.map((datum) => [datum.longLabel ?? datum.label, datum.display]) }}
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} stroke={GRID} strokeWidth={1} />
          <text x={left - 6} y={y(tick) + 5} textAnchor="end" fontSize={14} fill={MUTED}>
            {tick}
          </text>
        </g>
      ))}
      {data.map((datum, index) => {
        const x = left + slot * index + (slot - barWidth) / 2;
        return (
          <g key={datum.key} data-testid={datum.testId} data-value={datum.value ?? ''}>
            {datum.value !== null && datum.value > 0 && (
              <>
                <rect x={x} y={y(datum.value)} width={barWidth} height={bottom - y(datum.value)} fill={toneColour(datum.tone)} rx={2} />
                <text x={x + barWidth / 2} y={y(datum.value) - 5} textAnchor="middle" fontSize={14} fontWeight={600} fill={TEXT}>
                  {datum.display}
                </text>
              </>
            )}
            {index % labelEvery === 0 && (
              <text x={x + barWidth / 2} y={height - 8} textAnchor="middle" fontSize={14} fill={MUTED}>
                {datum.label}
              </text>
            )}
          </g>
        );
      })}
    </ChartFigure>
  );
}

export interface HeatmapRow {
  key: string;
  /** Short label drawn at the left (e.g. the desk's letter). */
  label: string;
  /** Full name, for the hidden table. */
  longLabel: string;
}

/** Rows × hours, each cell shaded by its count against the largest, the count printed in it. */
export function Heatmap({
  title,
  rows,
  hours,
  count,
  hourText,
  rowHeader,
  testId,
  width = WIDTH,
}: {
  title: string;
  rows: readonly HeatmapRow[];
  hours: readonly number[];
  count(rowKey: string, hour: number): number;
  hourText(hour: number): string;
  rowHeader: string;
  testId?: string;
  width?: number;
}) {
  const left = 56;
  const top = 28;
  const cellHeight = 40;
  const height = top + rows.length * cellHeight + 4;
  const cellWidth = (width - left - 4) / Math.max(1, hours.length);
  const max = Math.max(1, ...rows.flatMap((row) => hours.map((hour) => count(row.key, hour))));
  const summary = rows.map((row) => `${row.longLabel}: ${hours.map((hour) => `${hourText(hour)} ${count(row.key, hour)}`).join(', ')}`).join('; ');
  return (
    <ChartFigure
      title={title}
      summary={summary}
      width={width}
      height={height}
      testId={testId}
      table={{ headers: [rowHeader, ...hours.map(hourText)], rows: rows.map((row) => [row.longLabel, ...hours.map((hour) => String(count(row.key, hour)))]) }}
    >
      {hours.map((hour, index) => (
        <text key={hour} x={left + cellWidth * (index + 0.5)} y={top - 9} textAnchor="middle" fontSize={14} fill={MUTED}>
          {hourText(hour)}
        </text>
      ))}
      {rows.map((row, rowIndex) => (
        <g key={row.key}>
          <text x={left - 10} y={top + rowIndex * cellHeight + cellHeight / 2 + 6} textAnchor="end" fontSize={17} fontWeight={700} fill={TEXT}>
            {row.label}
          </text>
          {hours.map((hour, index) => {
            const value = count(row.key, hour);
            const share = value / max;
            return (
              <g key={hour} data-testid={testId ? `${testId}-cell-${row.key}-${hour}` : undefined} data-value={value}>
                <rect
                  x={left + cellWidth * index + 1}
                  y={top + rowIndex * cellHeight + 1}
                  width={cellWidth - 2}
                  height={cellHeight - 2}
                  rx={3}
                  fill={value === 0 ? '#f2f5fa' : NAVY}
                  fillOpacity={value === 0 ? 1 : 0.15 + 0.85 * share}
                />
                {value > 0 && (
                  <text
                    x={left + cellWidth * (index + 0.5)}
                    y={top + rowIndex * cellHeight + cellHeight / 2 + 6}
                    textAnchor="middle"
                    fontSize={cellWidth < 30 ? 12 : 15}
                    fontWeight={600}
                    fill={share > 0.5 ? '#fff' : TEXT}
                  >
                    {value}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}
    </ChartFigure>
  );
}
