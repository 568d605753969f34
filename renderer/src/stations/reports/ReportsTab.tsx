import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { methods, type Desk } from '../../../../src/contract/api.js';
import { KioskApiError } from '../../../../src/contract/errors.js';
import {
  FollowUpItemSchema,
  FollowUpPlanInputSchema,
  type CountRow,
  type ExportFormat,
  type FollowUpPlan,
  type IkmReport,
  type IkmScoreView,
  type MonthlyEvaluation,
  type Obstacle,
} from '../../../../src/contract/reports.js';
import { UserTypeSchema } from '../../../../src/contract/vocabulary.js';
import { deskById } from '../../../../src/domain/desks.js';
import { AGE_BANDS, EDUCATION_LEVELS, OCCUPATIONS, SURVEY_QUESTIONS, UNSUR_CODES, type UnsurCode } from '../../../../src/domain/ikmQuestionnaire.js';
import { PERIOD_KINDS, period, periodContaining, type PeriodKind, type ReportPeriod } from '../../../../src/domain/reportPeriod.js';
import { ErrorBox, Panel } from '../common.js';
import { downloadFile } from '../downloadFile.js';
import { useAction } from '../hooks.js';
import { useStation } from '../stationContext.js';
import { useStaffI18n, type StaffTranslate } from '../staffI18n.js';
import { ColumnChart, countTicks, Heatmap, HorizontalBarChart, TrendChart, type ChartDatum } from './charts.js';
import './reports.css';

/**
 * The manager's reports: the IKM of a period (PermenPAN-RB 14/2017) with its follow-up plan,
 * publication and exports, and the monthly evaluation of Kepmenaker 225/2023 BAB VI. Every figure
 * is the host's (`reports.ikm`, `reports.monthly`); this screen only formats it — NRR to 3
 * decimals, IKM to 2 — so the screen and the exports cannot disagree.
 */

type View = 'ikm' | 'monthly';
const VIEWS: View[] = ['ikm', 'monthly'];
const QUESTION_BY_CODE = new Map(SURVEY_QUESTIONS.map((question) => [question.code, question]));

export function ReportsTab({ serviceDate }: { serviceDate: string }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const [view, setView] = useState<View>('ikm');
  const desks = useLoad('desks', () => client.call('desks.list', {}).then((answer) => answer.desks));
  return (
    <div className="reports" data-testid="reports">
      <div className="report-views" role="tablist" aria-label={t('admin.tab.reports')}>
        {VIEWS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={view === name}
            className={`admin-tab small ${view === name ? 'selected' : ''}`}
            data-testid={`report-view-${name}`}
            onClick={() => setView(name)}
          >
            {t(`report.view.${name}`)}
          </button>
        ))}
      </div>
      {view === 'ikm' ? <IkmView serviceDate={serviceDate} desks={desks.value ?? []} /> : <MonthlyView serviceDate={serviceDate} desks={desks.value ?? []} />}
    </div>
  );
}

// ── Loading ──────────────────────────────────────────────────────────────────────────────────────

interface Loaded<T> {
  /** The value for the current key (kept while a reload of the same key runs). */
  value: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replaces the value after a change made here (a saved plan, a publication, an obstacle). */
  update(value: T): void;
}

/** Loads once per key; an answer for a key no longer current is dropped. */
function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ key: string; stamp: string; value?: T; error?: unknown }>();
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  const stamp = `${key}#${nonce}`;
  useEffect(() => {
    let current = true;
    loader.current().then(
      (value) => current && setState({ key, stamp, value }),
      (error: unknown) => current && setState((previous) => ({ key, stamp, error, ...(previous?.key === key && previous.value !== undefined ? { value: previous.value } : {}) })),
    );
    return () => {
      current = false;
    };
  }, [key, stamp]);
  const sameKey = state?.key === key;
  return {
    value: sameKey ? state.value : undefined,
    error: state?.stamp === stamp ? state.error : undefined,
    loading: state?.stamp !== stamp,
    reload: () => setNonce((value) => value + 1),
    update: (value) => setState((previous) => (previous ? { ...previous, value, error: undefined } : previous)),
  };
}

/** A report the host cannot give yet (an older host) says so, rather than only "an error occurred". */
function ReportError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useStaffI18n();
  if (error === undefined) return null;
  return (
    <div className="report-error" data-testid="report-error">
      <ErrorBox error={error} />
      <button type="button" className="st-button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}

// ── Formatting ───────────────────────────────────────────────────────────────────────────────────

/** The report's figures as printed: never re-rounded beyond the decimals the report carries. */
function useFigures() {
  const { locale } = useStaffI18n();
  return useMemo(() => {
    const fixed = (decimals: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    const [nrr, ikm, index, count] = [fixed(3), fixed(2), fixed(4), new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })];
    const bound = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    return {
      nrr: (value: number | null) => (value === null ? '–' : nrr.format(value)),
      ikm: (value: number | null) => (value === null ? '–' : ikm.format(value)),
      index: (value: number | null) => (value === null ? '–' : index.format(value)),
      count: (value: number) => count.format(value),
      /** A mutu bound such as 76.61, or a whole number such as 65. */
      bound: (value: number) => bound.format(value),
    };
  }, [locale]);
}

/** Instants in the site's time zone (a station's browser may be set to anything). */
export function useInstantFormat(): (iso: string | null) => string {
  const { locale } = useStaffI18n();
  const { info } = useStation();
  const timeZone = info?.timeZone ?? 'Asia/Jakarta';
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
    return (iso) => (iso === null ? '–' : format.format(new Date(iso)));
  }, [locale, timeZone]);
}

const DATE_STYLES = {
  medium: { dateStyle: 'medium' },
  day: { weekday: 'short', day: 'numeric', month: 'long' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** A service date (YYYY-MM-DD) as a calendar date, without any time zone shift. */
function useDateFormat(style: keyof typeof DATE_STYLES = 'medium'): (date: string) => string {
  const { locale } = useStaffI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { ...DATE_STYLES[style], timeZone: 'UTC' });
    return (date) => format.format(new Date(`${date}T00:00:00Z`));
  }, [locale, style]);
}

function unsurName(code: UnsurCode, language: 'id' | 'en'): string {
  return QUESTION_BY_CODE.get(code)?.unsur[language] ?? code;
}

/** Kinerja is the host's word (Bahasa Indonesia); in English it is named from the mutu. */
function kinerjaText(score: Pick<IkmScoreView, 'mutu' | 'kinerja'>, language: 'id' | 'en', t: StaffTranslate): string {
  if (score.mutu === null || score.kinerja === null) return '–';
  return language === 'id' ? score.kinerja : t(`report.kinerja.${score.mutu}`);
}

/** A short axis label for a period key: "Nov 26", "TW IV 26", "S2 26", "2026". */
function shortPeriodLabel(key: string, locale: string, t: StaffTranslate): string {
  const year = key.slice(0, 4);
  const rest = key.slice(5);
  if (rest === '') return year;
  if (rest.startsWith('Q')) return t('report.shortQuarter', { quarter: rest.slice(1), year: year.slice(2) });
  if (rest.startsWith('S')) return t('report.shortSemester', { semester: rest.slice(1), year: year.slice(2) });
  return new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${key}-01T00:00:00Z`));
}

// ── Period picker ────────────────────────────────────────────────────────────────────────────────

const PERIODS_PER_YEAR: Record<PeriodKind, number> = { month: 12, quarter: 4, semester: 2, year: 1 };

function shifted(current: ReportPeriod, by: number): ReportPeriod | undefined {
  const perYear = PERIODS_PER_YEAR[current.kind];
  const ordinal = current.year * perYear + current.index - 1 + by;
  try {
    return period(current.kind, Math.floor(ordinal / perYear), (ordinal % perYear) + 1);
  } catch {
    return undefined;
  }
}

function PeriodPicker({ value, onChange, kinds, serviceDate }: { value: ReportPeriod; onChange(next: ReportPeriod): void; kinds: readonly PeriodKind[]; serviceDate: string }) {
  const { t, language } = useStaffI18n();
  const serviceYear = Number(serviceDate.slice(0, 4));
  const years: number[] = [];
  for (let year = Math.min(value.year, serviceYear - 4); year <= Math.max(value.year, serviceYear); year += 1) years.push(year);
  const previous = shifted(value, -1);
  const next = shifted(value, 1);
  const choose = (kind: PeriodKind) => {
    // Keep looking at "now" when the period shown holds the service date, else at the period's start.
    const anchor = serviceDate >= value.from && serviceDate <= value.to ? serviceDate : value.from;
    onChange(periodContaining(kind, anchor));
  };
  return (
    <div className="period-picker" data-testid="period-picker" data-period={value.key}>
      {kinds.length > 1 && (
        <div className="period-kinds" role="radiogroup" aria-label={t('report.periodKind')}>
          {kinds.map((kind) => (
            <button key={kind} type="button" role="radio" aria-checked={value.kind === kind} className={`chip ${value.kind === kind ? 'selected' : ''}`} data-testid={`period-kind-${kind}`} onClick={() => choose(kind)}>
              {t(`report.kind.${kind}`)}
            </button>
          ))}
        </div>
      )}
      <div className="period-which">
        <button type="button" className="st-button" disabled={!previous} aria-label={t('report.previousPeriod')} data-testid="period-previous" onClick={() => previous && onChange(previous)}>
          ‹
        </button>
        {value.kind !== 'year' && (
          <select
            className="st-input"
            value={value.index}
            aria-label={t(`report.kind.${value.kind}`)}
            data-testid="period-index"
            onChange={(event) => onChange(period(value.kind, value.year, Number(event.target.value)))}
          >
            {Array.from({ length: PERIODS_PER_YEAR[value.kind] }, (_, at) => period(value.kind, value.year, at + 1)).map((option) => (
              <option key={option.key} value={option.index}>
                {option.label[language].replace(/\s*\d{4}$/, '').replace(/ of$/, '')}
              </option>
            ))}
          </select>
        )}
        <select className="st-input" value={value.year} aria-label={t('report.year')} data-testid="period-year" onChange={(event) => onChange(period(value.kind, Number(event.target.value), value.index))}>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
        <button type="button" className="st-button" disabled={!next} aria-label={t('report.nextPeriod')} data-testid="period-next" onClick={() => next && onChange(next)}>
          ›
        </button>
        <strong className="period-label" data-testid="period-label">
          {value.label[language]}
        </strong>
      </div>
    </div>
  );
}

// ── Exports ──────────────────────────────────────────────────────────────────────────────────────

const FORMATS: ExportFormat[] = ['xlsx', 'csv', 'pdf'];

/** XLSX / CSV / PDF of the report on screen: the host renders the same value into the file. */
function ExportButtons({ report, periodKey, deskId, generatedAt }: { report: 'ikm' | 'monthly'; periodKey: string; deskId?: number; generatedAt: string }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  const [file, setFile] = useState<{ url: string; filename: string }>();
  // The previous file's URL is released when a new one replaces it, and when the page goes.
  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);

  const download = async (format: ExportFormat) => {
    const answer = await action.run(format, () => client.call('reports.export', { report, period: periodKey, format, generatedAt, ...(deskId ? { deskId } : {}) }));
    if (answer) setFile(downloadFile(answer));
  };

  return (
    <div className="report-export" data-testid={`report-export-${report}`}>
      <span className="st-muted">{t('report.export')}</span>
      {FORMATS.map((format) => (
        <button key={format} type="button" className="st-button" disabled={action.busy !== undefined} data-testid={`export-${format}`} onClick={() => void download(format)}>
          {action.busy === format ? t('common.wait') : t(`report.export.${format}`)}
        </button>
      ))}
      {file && (
        <a className="st-link export-link" href={file.url} download={file.filename} data-testid="export-link">
          {t('report.exportAgain', { filename: file.filename })}
        </a>
      )}
      <ErrorBox error={action.error} onClose={action.clearError} />
    </div>
  );
}

// ── IKM ──────────────────────────────────────────────────────────────────────────────────────────

function DeskFilter({ desks, value, onChange }: { desks: readonly Desk[]; value: number | undefined; onChange(deskId: number | undefined): void }) {
  const { t, deskName } = useStaffI18n();
  return (
    <label className="st-field inline desk-filter">
      <span>{t('report.deskFilter')}</span>
      <select className="st-input" value={value ?? ''} data-testid="report-desk-filter" onChange={(event) => onChange(event.target.value ? Number(event.target.value) : undefined)}>
        <option value="">{t('report.allDesks')}</option>
        {desks.map((desk) => (
          <option key={desk.id} value={desk.id}>
            {desk.letter} · {deskName(desk.id)}
          </option>
        ))}
      </select>
    </label>
  );
}

function IkmView({ serviceDate, desks }: { serviceDate: string; desks: readonly Desk[] }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const [selected, setSelected] = useState(() => periodContaining('month', serviceDate));
  const [deskId, setDeskId] = useState<number>();
  const report = useLoad(`${selected.key}|${deskId ?? ''}`, () => client.call('reports.ikm', { period: selected.key, ...(deskId ? { deskId } : {}) }));
  return (
    <div className="report-body">
      <Panel
        title={t('report.ikm.heading')}
        testId="report-ikm-panel"
        actions={
          <button type="button" className="st-button" data-testid="report-refresh" onClick={report.reload}>
            {t('common.refresh')}
          </button>
        }
      >
        <p className="st-hint">{t('report.ikm.lead')}</p>
        <PeriodPicker value={selected} onChange={setSelected} kinds={PERIOD_KINDS} serviceDate={serviceDate} />
        <DeskFilter desks={desks} value={deskId} onChange={setDeskId} />
      </Panel>
      <ReportError error={report.error} onRetry={report.reload} />
      {!report.value ? (
        report.loading && <p className="station-loading">{t('common.loading')}</p>
      ) : (
        <IkmReportView key={report.value.period.key} report={report.value} deskId={deskId} loading={report.loading} onChange={report.update} />
      )}
    </div>
  );
}

function IkmReportView({ report, deskId, loading, onChange }: { report: IkmReport; deskId: number | undefined; loading: boolean; onChange(report: IkmReport): void }) {
  const { t, language, locale, deskName } = useStaffI18n();
  const figures = useFigures();
  const format = useInstantFormat();
  const { score } = report;
  const weakest = report.ranking[0]?.code;
  const strongest = report.ranking.length > 1 ? report.ranking[report.ranking.length - 1]?.code : undefined;
  const tone = (code: UnsurCode): ChartDatum['tone'] => (code === weakest ? 'weak' : code === strongest ? 'strong' : undefined);
  const toneText = (code: UnsurCode) => (code === weakest ? ` ▼ ${t('report.weakest')}` : code === strongest ? ` ▲ ${t('report.strongest')}` : '');

  return (
    <div className={`report-sections ${loading ? 'reloading' : ''}`} data-testid="report-ikm" data-period={report.period.key} aria-busy={loading}>
      <p className="st-muted report-meta" data-testid="report-meta">
        {t('report.meta', { site: report.siteName, period: report.period.label[language], time: format(report.generatedAt) })}
        {deskId !== undefined && ` · ${t('report.deskOnly')}`}
      </p>
      <div className="report-summary">
        <IkmFigure score={score} />
        <SampleFigure sample={report.sample} />
        <PublishPanel report={report} deskFiltered={deskId !== undefined} onPublished={(publication) => onChange({ ...report, publication })} />
      </div>

      <div className="report-grid">
        <Panel title={t('report.nrrHeading')} testId="report-nrr-panel">
          <HorizontalBarChart
            title={t('report.nrrChart', { period: report.period.label[language] })}
            testId="report-nrr-chart"
            data={UNSUR_CODES.map((code) => ({
              key: code,
              label: `${code} · ${unsurName(code, language)}${toneText(code)}`,
              value: score.nrr[code],
              display: score.nrr[code] === null ? t('report.noAnswers') : figures.nrr(score.nrr[code]),
              tone: tone(code),
              testId: `report-nrr-bar-${code}`,
            }))}
            min={1}
            max={4}
            ticks={[1, 2, 3, 4]}
            tickText={String}
            headers={[t('report.unsur'), t('report.nrr')]}
          />
        </Panel>
        <Panel title={t('report.unsurHeading')} testId="report-unsur-panel">
          <table className="st-table compact" data-testid="report-unsur-table">
            <thead>
              <tr>
                <th>{t('report.code')}</th>
                <th>{t('report.unsur')}</th>
                <th className="num">{t('report.answered')}</th>
                <th className="num">{t('report.nrr')}</th>
              </tr>
            </thead>
            <tbody>
              {UNSUR_CODES.map((code) => (
                <tr key={code} className={tone(code) ?? ''} data-testid="report-unsur-row" data-code={code} data-tone={tone(code) ?? ''}>
                  <td>
                    <strong>{code}</strong>
                  </td>
                  <td>
                    {unsurName(code, language)}
                    {code === weakest && <span className="tag weak" data-testid="report-weakest">{t('report.weakest')}</span>}
                    {code === strongest && <span className="tag ok" data-testid="report-strongest">{t('report.strongest')}</span>}
                  </td>
                  <td className="num">{figures.count(score.answered[code])}</td>
                  <td className="num" data-testid={`report-nrr-${code}`} data-value={score.nrr[code] ?? ''}>
                    {score.nrr[code] === null ? <span className="st-muted">{t('report.noAnswers')}</span> : figures.nrr(score.nrr[code])}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="st-hint">{t('report.nrrNote')}</p>
        </Panel>
      </div>

      <Panel title={t('report.trendHeading')} testId="report-trend-panel">
        {report.trend.length === 0 ? (
          <p className="st-muted">{t('report.noTrend')}</p>
        ) : (
          <TrendChart
            title={t('report.trendChart')}
            testId="report-trend-chart"
            width={1100}
            tickText={figures.bound}
            headers={[t('report.period'), t('report.ikm')]}
            data={report.trend.map((point) => ({
              key: point.key,
              label: shortPeriodLabel(point.key, locale, t),
              longLabel: `${point.label[language]} (${t('report.respondentsCount', { count: figures.count(point.respondents) })})`,
              value: point.ikm,
              display: point.ikm === null ? '–' : `${figures.ikm(point.ikm)} ${point.mutu ?? ''}`.trim(),
              testId: `report-trend-${point.key}`,
            }))}
          />
        )}
        <p className="st-hint">{t('report.bandsNote')}</p>
      </Panel>

      <div className="report-grid">
        <Panel title={t('report.byDesk')} testId="report-by-desk">
          <ScoreTable rows={report.byDesk.map((row) => ({ key: String(row.deskId), label: deskName(row.deskId), score: row.score, testId: `report-desk-${row.deskId}` }))} empty={t('report.noRows')} />
        </Panel>
        <Panel title={t('report.byService')} testId="report-by-service">
          <ScoreTable rows={report.byService.map((row) => ({ key: row.code, label: `${row.code} · ${row.name}`, score: row.score, testId: `report-service-${row.code}` }))} empty={t('report.noRows')} />
          <p className="st-hint">{t('report.byServiceNote')}</p>
        </Panel>
      </div>

      <Panel title={t('report.profileHeading')} testId="report-profile">
        <div className="profile-grid">
          {PROFILE_FIELDS.map((field) => (
            <ProfileTally key={field} field={field} rows={report.profile[field]} />
          ))}
        </div>
      </Panel>

      <Panel title={t('report.suggestionsHeading')} testId="report-suggestions">
        <p className="st-muted" data-testid="report-suggestion-count" data-count={report.suggestionCount}>
          {report.suggestionCount > report.suggestions.length
            ? t('report.suggestionsShown', { shown: figures.count(report.suggestions.length), total: figures.count(report.suggestionCount) })
            : t('report.suggestionsTotal', { total: figures.count(report.suggestionCount) })}
        </p>
        {report.suggestions.length > 0 && <Suggestions suggestions={report.suggestions} />}
      </Panel>

      <FollowUpEditor periodKey={report.period.key} periodLabel={report.period.label[language]} plan={report.followUp} weakest={weakest} onSaved={(followUp) => onChange({ ...report, followUp })} />

      <Panel title={t('report.exportHeading')} testId="report-ikm-export">
        <p className="st-hint">{t('report.exportLead')}</p>
        <ExportButtons report="ikm" periodKey={report.period.key} deskId={deskId} generatedAt={report.generatedAt} />
      </Panel>
    </div>
  );
}

function IkmFigure({ score }: { score: IkmScoreView }) {
  const { t, language } = useStaffI18n();
  const figures = useFigures();
  const missing = UNSUR_CODES.filter((code) => score.answered[code] === 0 || score.nrr[code] === null);
  return (
    <section className={`report-figure ikm-figure mutu-${score.mutu ?? 'none'}`} data-testid="report-ikm-figure" aria-label={t('report.ikm')}>
      <span className="report-figure-label">{t('report.ikmLong')}</span>
      {score.ikm === null ? (
        <>
          <strong className="ikm-value insufficient" data-testid="report-ikm-value" data-value="">
            {t('report.notEnoughData')}
          </strong>
          <p className="ikm-missing" data-testid="report-ikm-missing" data-codes={score.suppressed ? '' : missing.join(',')}>
            {score.respondents === 0
              ? t('report.noRespondents')
              : score.suppressed
                ? t('report.suppressed')
              : t('report.missingUnsur', { list: missing.map((code) => `${code} ${unsurName(code, language)}`).join(', ') })}
          </p>
        </>
      ) : (
        <strong className="ikm-value" data-testid="report-ikm-value" data-value={score.ikm}>
          {figures.ikm(score.ikm)}
        </strong>
      )}
      <dl className="figure-list">
        <div>
          <dt>{t('report.mutu')}</dt>
          <dd>
            <span className={`mutu-badge mutu-${score.mutu ?? 'none'}`} data-testid="report-mutu" data-value={score.mutu ?? ''}>
              {score.mutu ?? '–'}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('report.kinerja')}</dt>
          <dd data-testid="report-kinerja">{kinerjaText(score, language, t)}</dd>
        </div>
        <div>
          <dt>{t('report.index')}</dt>
          <dd data-testid="report-index" data-value={score.index ?? ''}>
            {figures.index(score.index)}
          </dd>
        </div>
        <div>
          <dt>{t('report.respondents')}</dt>
          <dd data-testid="report-respondents" data-value={score.respondents}>
            {figures.count(score.respondents)}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function SampleFigure({ sample }: { sample: IkmReport['sample'] }) {
  const { t } = useStaffI18n();
  const figures = useFigures();
  return (
    <section className="report-figure" data-testid="report-sample" aria-label={t('report.sampleHeading')}>
      <span className="report-figure-label">{t('report.sampleHeading')}</span>
      <dl className="figure-list">
        <div>
          <dt>{t('report.population')}</dt>
          <dd data-testid="report-sample-population" data-value={sample.population}>
            {figures.count(sample.population)}
          </dd>
        </div>
        <div>
          <dt>{t('report.sampleRequired')}</dt>
          <dd data-testid="report-sample-required" data-value={sample.required}>
            {figures.count(sample.required)}
          </dd>
        </div>
        <div>
          <dt>{t('report.respondents')}</dt>
          <dd data-testid="report-sample-respondents" data-value={sample.respondents}>
            {figures.count(sample.respondents)}
          </dd>
        </div>
      </dl>
      <div className="sample-progress">
        <div className="sample-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={sample.percent} aria-label={t('report.sampleProgress')}>
          <span className={`sample-bar-fill ${sample.met ? 'met' : ''}`} style={{ width: `${sample.percent}%` }} />
        </div>
        <strong data-testid="report-sample-percent" data-value={sample.percent}>
          {sample.percent}%
        </strong>
      </div>
      <p className={`sample-verdict ${sample.met ? 'met' : 'unmet'}`} data-testid="report-sample-met" data-met={sample.met}>
        {sample.met ? `✓ ${t('report.sampleMet')}` : `✗ ${t('report.sampleNotMet', { more: figures.count(Math.max(0, sample.required - sample.respondents)) })}`}
      </p>
      <p className="st-hint">{t('report.sampleNote')}</p>
    </section>
  );
}

function PublishPanel({ report, deskFiltered, onPublished }: { report: IkmReport; deskFiltered: boolean; onPublished(publication: NonNullable<IkmReport['publication']>): void }) {
  const { t, language } = useStaffI18n();
  const { client } = useStation();
  const figures = useFigures();
  const format = useInstantFormat();
  const action = useAction();
  const [done, setDone] = useState(false);
  const publication = report.publication;
  const insufficient = !deskFiltered && report.score.ikm === null;
  return (
    <section className="report-figure" data-testid="report-publish" aria-label={t('report.publishHeading')}>
      <span className="report-figure-label">{t('report.publishHeading')}</span>
      <p className="st-hint">{t('report.publishLead', { period: report.period.label[language] })}</p>
      {deskFiltered && <p className="st-hint">{t('report.publishWholeSite')}</p>}
      {publication ? (
        <p className="st-notice publication" data-testid="report-publication" data-period={publication.periodKey} data-value={publication.ikm}>
          {t('report.publishedNow', {
            period: publication.periodLabel[language],
            ikm: figures.ikm(publication.ikm),
            mutu: publication.mutu,
            kinerja: kinerjaText(publication, language, t),
            time: format(publication.publishedAt),
          })}
        </p>
      ) : (
        <p className="st-muted" data-testid="report-not-published">
          {t('report.notPublished')}
        </p>
      )}
      <ErrorBox error={action.error} onClose={action.clearError} />
      {done && (
        <p className="print-ok" role="status" data-testid="publish-result">
          {t('report.publishDone')}
        </p>
      )}
      <button
        type="button"
        className="st-button primary wide"
        disabled={action.busy !== undefined || insufficient}
        data-testid="publish-ikm"
        onClick={() =>
          void action.run('publish', () => client.call('reports.publishIkm', { period: report.period.key })).then((published) => {
            if (!published) return;
            setDone(true);
            onPublished(published);
          })
        }
      >
        {action.busy === 'publish' ? t('common.wait') : publication?.periodKey === report.period.key ? t('report.republish') : t('report.publish')}
      </button>
      {insufficient && <p className="st-hint">{t('report.publishNeedsIkm')}</p>}
    </section>
  );
}

function ScoreTable({ rows, empty }: { rows: Array<{ key: string; label: string; score: IkmScoreView; testId: string }>; empty: string }) {
  const { t, language } = useStaffI18n();
  const figures = useFigures();
  if (rows.length === 0) return <p className="st-muted">{empty}</p>;
  return (
    <table className="st-table compact">
      <thead>
        <tr>
          <th>{t('report.name')}</th>
          <th className="num">{t('report.respondents')}</th>
          <th className="num">{t('report.ikm')}</th>
          <th>{t('report.mutu')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid={row.testId}>
            <td>{row.label}</td>
            <td className="num">{figures.count(row.score.respondents)}</td>
            <td className="num" data-testid={`${row.testId}-ikm`} data-value={row.score.ikm ?? ''}>
              {row.score.ikm === null ? <span className="st-muted">{t(row.score.suppressed ? 'report.suppressedShort' : 'report.notEnoughData')}</span> : figures.ikm(row.score.ikm)}
            </td>
            <td>
              {row.score.mutu ? (
                <span className={`mutu-badge small mutu-${row.score.mutu}`} title={kinerjaText(row.score, language, t)}>
                  {row.score.mutu}
                </span>
              ) : (
                '–'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const PROFILE_FIELDS = ['session', 'sex', 'ageBand', 'education', 'occupation', 'userType', 'input'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

function isOneOf<T extends string>(options: readonly T[], key: string): key is T {
  return (options as readonly string[]).includes(key);
}

/** A tally key in words; a code this screen does not know is shown as it came. */
function profileKeyText(field: ProfileField, key: string, t: StaffTranslate): string {
  if (key === 'unknown') return t('report.profile.unknown');
  switch (field) {
    case 'sex':
      return isOneOf(['l', 'p'] as const, key) ? t(`report.sex.${key}`) : key;
    case 'ageBand':
      return isOneOf(AGE_BANDS, key) ? t(`report.age.${key}`) : key;
    case 'education':
      return isOneOf(EDUCATION_LEVELS, key) ? t(`report.education.${key}`) : key;
    case 'occupation':
      return isOneOf(OCCUPATIONS, key) ? t(`report.occupation.${key}`) : key;
    case 'userType':
      return isOneOf(UserTypeSchema.options, key) ? t(`userType.${key}`) : key;
    case 'input':
      return isOneOf(['touch', 'buttons'] as const, key) ? t(`report.input.${key}`) : key;
    case 'session':
      return isOneOf(['pagi', 'siang'] as const, key) ? t(`report.session.${key}`) : key;
  }
}

function ProfileTally({ field, rows }: { field: ProfileField; rows: readonly CountRow[] }) {
  const { t } = useStaffI18n();
  const figures = useFigures();
  return (
    <table className="st-table compact profile-table" data-testid={`report-profile-${field}`}>
      <caption>{t(`report.profile.${field}`)}</caption>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td className="st-muted">–</td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <td>{profileKeyText(field, row.key, t)}</td>
              <td className="num">{figures.count(row.count)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** Visitors' words: React text nodes only, never markup. */
function Suggestions({ suggestions }: { suggestions: IkmReport['suggestions'] }) {
  const { deskName } = useStaffI18n();
  const date = useDateFormat();
  return (
    <ol className="suggestions">
      {suggestions.map((suggestion, index) => (
        <li key={index} data-testid="report-suggestion">
          <span className="suggestion-meta">
            {date(suggestion.serviceDate)} · {deskName(suggestion.deskId)}
          </span>
          <span className="suggestion-text">{suggestion.text}</span>
        </li>
      ))}
    </ol>
  );
}

// ── Follow-up plan ───────────────────────────────────────────────────────────────────────────────

interface DraftItem {
  unsur: UnsurCode;
  action: string;
  when: string;
  responsible: string;
}

const ITEM_LIMITS = {
  action: FollowUpItemSchema.shape.action.maxLength ?? 300,
  when: FollowUpItemSchema.shape.when.maxLength ?? 60,
  responsible: FollowUpItemSchema.shape.responsible.maxLength ?? 80,
};
const NOTE_LIMIT = FollowUpPlanInputSchema.shape.note.unwrap().maxLength ?? 2000;
/** The schema's `.max()` on the list of actions (arrays have no `maxLength` getter). */
const MAX_ITEMS =
  FollowUpPlanInputSchema.shape.items.def.checks
    ?.map((check) => check._zod.def)
    .find((def): def is z.core.$ZodCheckMaxLengthDef => def.check === 'max_length')?.maximum ?? 20;
const OBSTACLE_TEXT = methods['reports.addObstacle'].input.shape.text;
const OBSTACLE_MIN = OBSTACLE_TEXT.minLength ?? 3;
const OBSTACLE_MAX = OBSTACLE_TEXT.maxLength ?? 500;

/** The host's issue paths (`plan.items.2.action`, `plan.note`), without the `plan.` prefix. */
function issuePaths(error: unknown): Set<string> {
  const paths = new Set<string>();
  if (error instanceof KioskApiError) for (const issue of error.issues ?? []) paths.add(issue.path.replace(/^plan\./, ''));
  return paths;
}

function FollowUpEditor({ periodKey, periodLabel, plan, weakest, onSaved }: { periodKey: string; periodLabel: string; plan: FollowUpPlan | null; weakest: UnsurCode | undefined; onSaved(plan: FollowUpPlan): void }) {
  const { t, language } = useStaffI18n();
  const { client } = useStation();
  const format = useInstantFormat();
  const action = useAction();
  const [items, setItems] = useState<DraftItem[]>(() => plan?.items.map((item) => ({ ...item })) ?? []);
  const [note, setNote] = useState(plan?.note ?? '');
  const [saved, setSaved] = useState(false);
  const issues = issuePaths(action.error);

  const change = (index: number, part: Partial<DraftItem>) => {
    setSaved(false);
    setItems(items.map((item, at) => (at === index ? { ...item, ...part } : item)));
  };
  const field = (index: number, part: 'action' | 'when' | 'responsible') => (
    <label className="st-field">
      <span>{t(`followUp.${part}`)}</span>
      <input
        className="st-input"
        value={items[index]?.[part] ?? ''}
        maxLength={ITEM_LIMITS[part]}
        aria-invalid={issues.has(`items.${index}.${part}`)}
        data-testid={`followup-${part}-${index}`}
        onChange={(event) => change(index, { [part]: event.target.value })}
      />
      {issues.has(`items.${index}.${part}`) && (
        <span className="field-issue" data-testid="followup-issue">
          {t(`followUp.issue.${part}`, { max: ITEM_LIMITS[part] })}
        </span>
      )}
    </label>
  );

  return (
    <Panel title={t('followUp.heading', { period: periodLabel })} testId="followup-panel">
      <p className="st-hint">{t('followUp.lead')}</p>
      {plan && (
        <p className="st-muted" data-testid="followup-updated">
          {t('followUp.updated', { time: format(plan.updatedAt), name: plan.updatedBy })}
        </p>
      )}
      {items.length === 0 && <p className="st-muted">{t('followUp.empty')}</p>}
      {items.map((item, index) => (
        <fieldset key={index} className="st-fieldset followup-row" data-testid="followup-row">
          <legend>{t('followUp.item', { number: index + 1 })}</legend>
          <div className="followup-fields">
            <label className="st-field">
              <span>{t('report.unsur')}</span>
              <select className="st-input" value={item.unsur} data-testid={`followup-unsur-${index}`} onChange={(event) => change(index, { unsur: event.target.value as UnsurCode })}>
                {UNSUR_CODES.map((code) => (
                  <option key={code} value={code}>
                    {code} · {unsurName(code, language)}
                  </option>
                ))}
              </select>
              {issues.has(`items.${index}.unsur`) && <span className="field-issue">{t('followUp.issue.unsur')}</span>}
            </label>
            {field(index, 'action')}
            {field(index, 'when')}
            {field(index, 'responsible')}
            <button
              type="button"
              className="st-button followup-remove"
              data-testid={`followup-remove-${index}`}
              onClick={() => {
                setSaved(false);
                setItems(items.filter((_, at) => at !== index));
              }}
            >
              {t('followUp.remove')}
            </button>
          </div>
        </fieldset>
      ))}
      {issues.has('items') && <span className="field-issue">{t('followUp.issue.items', { max: MAX_ITEMS })}</span>}
      <div className="row-buttons">
        <button
          type="button"
          className="st-button"
          disabled={items.length >= MAX_ITEMS}
          data-testid="followup-add"
          onClick={() => {
            setSaved(false);
            setItems([...items, { unsur: weakest ?? 'U1', action: '', when: '', responsible: '' }]);
          }}
        >
          {t('followUp.add')}
        </button>
      </div>
      <label className="st-field">
        <span>{t('followUp.note')}</span>
        <textarea className="st-input" rows={3} value={note} maxLength={NOTE_LIMIT} aria-invalid={issues.has('note')} data-testid="followup-note" onChange={(event) => { setSaved(false); setNote(event.target.value); }} />
        <span className="char-count">{t('common.charCount', { count: note.trim().length, max: NOTE_LIMIT })}</span>
        {issues.has('note') && <span className="field-issue">{t('followUp.issue.note', { max: NOTE_LIMIT })}</span>}
      </label>
      <ErrorBox error={action.error} onClose={action.clearError} />
      {saved && (
        <p className="print-ok" role="status" data-testid="followup-saved">
          {t('followUp.saved')}
        </p>
      )}
      <div className="form-buttons">
        <button
          type="button"
          className="st-button primary"
          disabled={action.busy !== undefined}
          data-testid="followup-save"
          onClick={() =>
            void action.run('save', () => client.call('reports.saveFollowUp', { period: periodKey, plan: { items, note } })).then((result) => {
              if (!result) return;
              setItems(result.items.map((item) => ({ ...item })));
              setNote(result.note);
              setSaved(true);
              onSaved(result);
            })
          }
        >
          {action.busy === 'save' ? t('common.wait') : t('followUp.save')}
        </button>
      </div>
    </Panel>
  );
}

// ── Monthly evaluation ───────────────────────────────────────────────────────────────────────────

function MonthlyView({ serviceDate, desks }: { serviceDate: string; desks: readonly Desk[] }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const [month, setMonth] = useState(() => periodContaining('month', serviceDate));
  const evaluation = useLoad(month.key, () => client.call('reports.monthly', { period: month.key }));
  return (
    <div className="report-body">
      <Panel
        title={t('monthly.heading')}
        testId="report-monthly-panel"
        actions={
          <button type="button" className="st-button" data-testid="report-refresh" onClick={evaluation.reload}>
            {t('common.refresh')}
          </button>
        }
      >
        <p className="st-hint">{t('monthly.lead')}</p>
        <PeriodPicker value={month} onChange={setMonth} kinds={['month']} serviceDate={serviceDate} />
      </Panel>
      <ReportError error={evaluation.error} onRetry={evaluation.reload} />
      {!evaluation.value ? (
        evaluation.loading && <p className="station-loading">{t('common.loading')}</p>
      ) : (
        <MonthlyReportView evaluation={evaluation.value} desks={desks} serviceDate={serviceDate} loading={evaluation.loading} onChange={evaluation.update} />
      )}
    </div>
  );
}

function Stat({ label, value, testId, note }: { label: string; value: number; testId: string; note?: ReactNode }) {
  const figures = useFigures();
  return (
    <div className="stat" data-testid={testId} data-value={value}>
      <span className="stat-value">{figures.count(value)}</span>
      <span className="stat-label">{label}</span>
      {note && <span className="stat-note">{note}</span>}
    </div>
  );
}

const COMPLETION = ['sameDay', 'referred', 'noShow', 'cancelled', 'open'] as const;

function MonthlyReportView({
  evaluation,
  desks,
  serviceDate,
  loading,
  onChange,
}: {
  evaluation: MonthlyEvaluation;
  desks: readonly Desk[];
  serviceDate: string;
  loading: boolean;
  onChange(evaluation: MonthlyEvaluation): void;
}) {
  const { t, language, deskName } = useStaffI18n();
  const figures = useFigures();
  const format = useInstantFormat();
  const dayLabel = useDateFormat('day');
  const { users, completion } = evaluation;
  const letter = (deskId: number) => desks.find((desk) => desk.id === deskId)?.letter ?? deskById(deskId)?.letter ?? String(deskId);
  const maxDesk = Math.max(0, ...users.byDesk.map((row) => row.count));

  // Heatmap: the desks the report names, over the service hours (07–16) widened to any hour with visits.
  const heatDesks = [...new Set([...users.byDesk.map((row) => row.deskId), ...evaluation.volumeByHour.map((cell) => cell.deskId)])].sort((a, b) => a - b);
  const visitHours = evaluation.volumeByHour.filter((cell) => cell.count > 0).map((cell) => cell.hour);
  const hours: number[] = [];
  for (let hour = Math.min(7, ...visitHours); hour <= Math.max(16, ...visitHours); hour += 1) hours.push(hour);
  const byCell = new Map(evaluation.volumeByHour.map((cell) => [`${cell.deskId}:${cell.hour}`, cell.count]));

  // Visits per day: every day of the month in its place; a day the report does not list has no column.
  const byDay = new Map(evaluation.volumeByDay.map((day) => [day.date, day.count]));
  const lastDay = Number(evaluation.period.to.slice(8, 10));
  const days = Array.from({ length: lastDay }, (_, at) => `${evaluation.period.from.slice(0, 8)}${String(at + 1).padStart(2, '0')}`);

  return (
    <div className={`report-sections ${loading ? 'reloading' : ''}`} data-testid="report-monthly" data-period={evaluation.period.key} aria-busy={loading}>
      <p className="st-muted report-meta" data-testid="report-meta">
        {t('report.meta', { site: evaluation.siteName, period: evaluation.period.label[language], time: format(evaluation.generatedAt) })}
      </p>

      <Panel title={t('monthly.usersHeading')} testId="monthly-users">
        <div className="stats">
          <Stat label={t('monthly.visits')} value={users.visits} testId="monthly-visits" />
          <Stat label={t('monthly.withSiapkerjaId')} value={users.withSiapkerjaId} testId="monthly-siapkerja-id" />
          <Stat label={t('monthly.priority')} value={users.priority} testId="monthly-priority" />
        </div>
        <p className="st-hint">{t('monthly.siapkerjaNote')}</p>
        <div className="report-grid">
          <table className="st-table compact" data-testid="monthly-user-types">
            <caption>{t('monthly.byUserType')}</caption>
            <tbody>
              {users.byUserType.length === 0 ? (
                <tr>
                  <td className="st-muted">–</td>
                </tr>
              ) : (
                users.byUserType.map((row) => (
                  <tr key={row.key} data-key={row.key}>
                    <td>{profileKeyText('userType', row.key, t)}</td>
                    <td className="num">{figures.count(row.count)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          <table className="st-table compact" data-testid="monthly-by-desk">
            <caption>{t('monthly.byDesk')}</caption>
            <tbody>
              {users.byDesk.map((row) => (
                <tr key={row.deskId} data-desk={row.deskId}>
                  <td>
                    {letter(row.deskId)} · {deskName(row.deskId)}
                  </td>
                  <td className="num" data-testid={`monthly-desk-visits-${row.deskId}`} data-value={row.count}>
                    {figures.count(row.count)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      <div className="report-grid">
        <Panel title={t('monthly.volumeHeading')} testId="monthly-volume">
          {users.byDesk.length === 0 ? (
            <p className="st-muted">{t('monthly.noVisits')}</p>
          ) : (
            <HorizontalBarChart
              title={t('monthly.volumeChart', { period: evaluation.period.label[language] })}
              testId="monthly-volume-chart"
              data={users.byDesk.map((row) => ({ key: String(row.deskId), label: `${letter(row.deskId)} · ${deskName(row.deskId)}`, value: row.count, display: figures.count(row.count) }))}
              min={0}
              max={countTicks(maxDesk).at(-1) ?? 1}
              ticks={countTicks(maxDesk)}
              tickText={(tick) => figures.count(tick)}
              headers={[t('report.desk'), t('monthly.visits')]}
            />
          )}
        </Panel>
        <Panel title={t('monthly.completionHeading')} testId="monthly-completion">
          <div className="stats">
            {COMPLETION.map((key) => (
              <Stat key={key} label={t(`monthly.completion.${key}`)} value={completion[key]} testId={`monthly-completion-${key}`} />
            ))}
          </div>
          <p className="st-hint">{t('monthly.completionNote')}</p>
        </Panel>
      </div>

      <Panel title={t('monthly.heatmapHeading')} testId="monthly-heatmap-panel">
        {heatDesks.length === 0 ? (
          <p className="st-muted">{t('monthly.noVisits')}</p>
        ) : (
          <Heatmap
            title={t('monthly.heatmapChart', { period: evaluation.period.label[language] })}
            testId="monthly-heatmap"
            width={1100}
            rows={heatDesks.map((deskId) => ({ key: String(deskId), label: letter(deskId), longLabel: `${letter(deskId)} · ${deskName(deskId)}` }))}
            hours={hours}
            count={(deskId, hour) => byCell.get(`${deskId}:${hour}`) ?? 0}
            hourText={(hour) => `${String(hour).padStart(2, '0')}`}
            rowHeader={t('report.desk')}
          />
        )}
        <p className="st-hint">{t('monthly.heatmapNote')}</p>
      </Panel>

      <Panel title={t('monthly.byDayHeading')} testId="monthly-by-day-panel">
        <ColumnChart
          title={t('monthly.byDayChart', { period: evaluation.period.label[language] })}
          testId="monthly-by-day"
          width={1100}
          headers={[t('monthly.date'), t('monthly.visits')]}
          data={days.map((date) => {
            const count = byDay.get(date);
            return { key: date, label: String(Number(date.slice(8))), longLabel: dayLabel(date), value: count ?? null, display: count === undefined ? '–' : figures.count(count) };
          })}
        />
      </Panel>

      <Panel title={t('monthly.servicesHeading')} testId="monthly-services">
        {evaluation.servicesPerDesk.length === 0 ? (
          <p className="st-muted">{t('monthly.noVisits')}</p>
        ) : (
          <table className="st-table compact">
            <thead>
              <tr>
                <th>{t('report.desk')}</th>
                <th className="num">{t('monthly.served')}</th>
                <th>{t('monthly.services')}</th>
              </tr>
            </thead>
            <tbody>
              {evaluation.servicesPerDesk.map((row) => (
                <tr key={row.deskId} data-testid="monthly-services-desk" data-desk={row.deskId}>
                  <td>
                    {letter(row.deskId)} · {deskName(row.deskId)}
                  </td>
                  <td className="num" data-testid={`monthly-served-${row.deskId}`} data-value={row.served}>
                    {figures.count(row.served)}
                  </td>
                  <td>
                    {row.services.length === 0 ? (
                      <span className="st-muted">–</span>
                    ) : (
                      <ul className="service-counts">
                        {row.services.map((service) => (
                          <li key={service.code} data-testid={`monthly-service-${row.deskId}-${service.code}`} data-value={service.count}>
                            <span>{service.name}</span> <strong>{figures.count(service.count)}</strong>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="st-hint">{t('monthly.servicesNote')}</p>
      </Panel>

      <ObstaclesPanel evaluation={evaluation} serviceDate={serviceDate} onChange={(obstacles) => onChange({ ...evaluation, obstacles })} />

      <Panel title={t('report.exportHeading')} testId="report-monthly-export">
        <p className="st-hint">{t('report.exportLead')}</p>
        <ExportButtons report="monthly" periodKey={evaluation.period.key} generatedAt={evaluation.generatedAt} />
      </Panel>
    </div>
  );
}

function ObstaclesPanel({ evaluation, serviceDate, onChange }: { evaluation: MonthlyEvaluation; serviceDate: string; onChange(obstacles: Obstacle[]): void }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const date = useDateFormat();
  const action = useAction();
  const { from, to } = evaluation.period;
  const [day, setDay] = useState(serviceDate >= from && serviceDate <= to ? serviceDate : from);
  const [text, setText] = useState('');
  const issues = new Set(action.error instanceof KioskApiError ? (action.error.issues ?? []).map((issue) => issue.path) : []);
  const obstacles = [...evaluation.obstacles].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);

  return (
    <Panel title={t('monthly.obstaclesHeading')} testId="monthly-obstacles">
      <p className="st-hint">{t('monthly.obstaclesLead')}</p>
      {obstacles.length === 0 ? (
        <p className="st-muted">{t('monthly.noObstacles')}</p>
      ) : (
        <ul className="obstacles">
          {obstacles.map((obstacle) => (
            <li key={`${obstacle.source}-${obstacle.id}`} className={`obstacle ${obstacle.source}`} data-testid="obstacle-row" data-source={obstacle.source} data-id={obstacle.id}>
              <span className="obstacle-date">{date(obstacle.date)}</span>
              {obstacle.source === 'device' && (
                <span className="tag device" data-testid="obstacle-device">
                  {t('monthly.deviceIncident')}
                  {obstacle.device ? `: ${obstacle.device}` : ''}
                </span>
              )}
              <span className="obstacle-text">{obstacle.text}</span>
              {obstacle.source === 'manager' && (
                <button
                  type="button"
                  className="st-button"
                  disabled={action.busy !== undefined}
                  data-testid={`obstacle-remove-${obstacle.id}`}
                  onClick={() =>
                    void action.run('remove', () => client.call('reports.removeObstacle', { id: obstacle.id })).then((done) => {
                      if (done) onChange(evaluation.obstacles.filter((entry) => !(entry.source === 'manager' && entry.id === obstacle.id)));
                    })
                  }
                >
                  {t('monthly.removeObstacle')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className="obstacle-form"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run('add', () => client.call('reports.addObstacle', { date: day, text: text.trim() })).then((added) => {
            if (!added) return;
            setText('');
            onChange([...evaluation.obstacles, added]);
          });
        }}
      >
        <label className="st-field">
          <span>{t('monthly.obstacleDate')}</span>
          <input className="st-input" type="date" value={day} min={from} max={to} required data-testid="obstacle-date" onChange={(event) => setDay(event.target.value)} />
          {issues.has('date') && <span className="field-issue">{t('monthly.issue.date')}</span>}
        </label>
        <label className="st-field obstacle-text-field">
          <span>{t('monthly.obstacleText')}</span>
          <input className="st-input" value={text} maxLength={OBSTACLE_MAX} data-testid="obstacle-text" onChange={(event) => setText(event.target.value)} />
          <span className="char-count">{t('common.charCount', { count: text.trim().length, max: OBSTACLE_MAX })}</span>
          {issues.has('text') && <span className="field-issue">{t('monthly.issue.text', { min: OBSTACLE_MIN, max: OBSTACLE_MAX })}</span>}
        </label>
        <button type="submit" className="st-button primary" disabled={action.busy !== undefined || text.trim().length < OBSTACLE_MIN || text.trim().length > OBSTACLE_MAX || !day} data-testid="obstacle-add">
          {t('monthly.addObstacle')}
        </button>
      </form>
      <ErrorBox error={action.error} onClose={action.clearError} />
    </Panel>
  );
}
