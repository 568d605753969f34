import type { z } from 'zod';
import type { Caller } from '../auth/caller.js';
import type { EventBus } from '../eventBus.js';
import type { KioskConfig } from '../kioskConfig.js';
import type {
  FollowUpPlan,
  FollowUpPlanInputSchema,
  IkmPublication,
  IkmReport,
  MonthlyEvaluation,
  Obstacle,
} from '../../contract/reports.js';
import { DESKS } from '../../domain/desks.js';
import { DomainError } from '../../domain/domainError.js';
import { samplingProgress, scoreIkmTotals, type IkmScore, type IkmTotals } from '../../domain/ikm.js';
import { UNSUR_CODES } from '../../domain/ikmQuestionnaire.js';
import { parsePeriodKey, periodsEndingWith, type ReportPeriod } from '../../domain/reportPeriod.js';
import { SERVICE_CATALOGUE } from '../../domain/serviceCatalogue.js';
import { serviceDateAt, utcOffsetMinutes } from '../../domain/serviceDate.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import {
  addTotals,
  deleteObstacle,
  deviceIncidents,
  followUpOf,
  ikmTotals,
  ikmTotalsByDesk,
  ikmTotalsByService,
  insertObstacle,
  insertPublication,
  latestPublication,
  managerObstacles,
  monthTicketFigures,
  profileTallies,
  saveFollowUp,
  servedVisitors,
  suggestions,
} from '../../store/reportQueries.js';
import { enqueueOutbox } from '../../store/outboxQueries.js';

export interface ReportServiceDeps {
  db: KioskDatabase;
  config: KioskConfig;
  events: EventBus;
  clock: () => Date;
  /** The site's desk names (a desk no longer offered keeps its decree name in old reports). */
  deskNames: ReadonlyMap<number, string>;
  /** Writes an audit row inside the caller's transaction. */
  audit: (caller: Caller, action: string, detail?: Record<string, unknown>) => void;
  /** Called after a publication commits, so the information board can announce it. */
  onPublished: () => void;
}

/** Suggestions shown and exported per report; the count says how many there were in all. */
const SUGGESTION_LIMIT = 200;
/**
 * The smallest group whose answers a breakdown shows. With fewer, a manager who knows who was
 * served at a desk could read one visitor's answers; the site-wide figure is shown from the first
 * response, as the regulation's report and the kiosk's own tests need.
 */
export const MINIMUM_SHOWN = 3;

/** Reports held for export: a few managers' screens at most. */
const SHOWN_REPORTS = 16;
/** Periods in the trend, the reported one last. */
const TREND_LENGTH = 6;

const SERVICE_NAMES = new Map<string, string>(Object.values(SERVICE_CATALOGUE).flatMap((entries) => entries.map((entry) => [entry.code, entry.name] as const)));

/**
 * The manager's reports: the IKM report in PermenPAN-RB 14/2017's structure, and the monthly
 * evaluation of Kepmenaker 225/2023 BAB VI. Figures come from the database at the time of the call;
 * an export asked from a screen renders the very value that screen shows (`forExport`).
 */
export class ReportService {
  readonly #deps: ReportServiceDeps;
  /** The reports last shown, by kind, period and desk: an export of what is on screen uses the same value. */
  readonly #shown = new Map<string, IkmReport | MonthlyEvaluation>();

  constructor(deps: ReportServiceDeps) {
    this.#deps = deps;
  }

  ikm(periodKey: string, deskId?: number): IkmReport {
    const report = this.#computeIkm(periodKey, deskId);
    this.#remember(`ikm:${report.period.key}:${deskId ?? ''}`, report);
    return report;
  }

  monthly(periodKey: string): MonthlyEvaluation {
    const report = this.#computeMonthly(periodKey);
    this.#remember(`monthly:${report.period.key}`, report);
    return report;
  }

  /**
   * The report for a file: the one the screen shows (same `generatedAt`) when it is still held,
   * otherwise a fresh one — so a file never differs from the screen it was asked from.
   */
  forExport(kind: 'ikm', periodKey: string, deskId: number | undefined, generatedAt: string | undefined): IkmReport;
  forExport(kind: 'monthly', periodKey: string, deskId: undefined, generatedAt: string | undefined): MonthlyEvaluation;
  forExport(kind: 'ikm' | 'monthly', periodKey: string, deskId: number | undefined, generatedAt: string | undefined): IkmReport | MonthlyEvaluation {
    const key = kind === 'ikm' ? `ikm:${periodKey}:${deskId ?? ''}` : `monthly:${periodKey}`;
    const shown = this.#shown.get(key);
    if (shown && generatedAt !== undefined && shown.generatedAt === generatedAt) return shown;
    return kind === 'ikm' ? this.#computeIkm(periodKey, deskId) : this.#computeMonthly(periodKey);
  }

  #remember(key: string, report: IkmReport | MonthlyEvaluation): void {
    this.#shown.delete(key);
    this.#shown.set(key, report);
    while (this.#shown.size > SHOWN_REPORTS) this.#shown.delete(this.#shown.keys().next().value as string);
  }

  #computeIkm(periodKey: string, deskId?: number): IkmReport {
    const { db, config, clock } = this.#deps;
    const period = this.#period(periodKey);
    const filter = { from: period.from, to: period.to, deskId };
    const desks = ikmTotalsByDesk(db, filter);
    // A desk's own report is a breakdown too.
    const shown = (totals: IkmTotals) => (deskId === undefined ? scoreIkmTotals(totals) : withheldBelowMinimum(scoreIkmTotals(totals)));
    const score = shown(addTotals(desks.map((desk) => desk.totals)));
    const profile = profileTallies(db, filter, utcOffsetMinutes(config.timeZone));
    const suggestionRows = suggestions(db, filter, SUGGESTION_LIMIT);
    const population = servedVisitors(db, filter);
    const trend = periodsEndingWith(period, TREND_LENGTH).map((past) => {
      const pastScore = past.key === period.key ? score : shown(ikmTotals(db, { from: past.from, to: past.to, deskId }));
      return { key: past.key, label: past.label, respondents: pastScore.respondents, ikm: pastScore.ikm, mutu: pastScore.mutu };
    });
    return {
      period: periodView(period),
      minimumShown: MINIMUM_SHOWN,
      siteName: config.siteName,
      generatedAt: clock().toISOString(),
      score,
      ranking: ranking(score),
      byDesk: desks.map((row) => ({ deskId: row.deskId, deskName: this.#deskName(row.deskId), score: withheldBelowMinimum(scoreIkmTotals(row.totals)) })),
      byService: ikmTotalsByService(db, filter).map((row) => ({
        code: row.code,
        name: SERVICE_NAMES.get(row.code) ?? row.code,
        score: withheldBelowMinimum(scoreIkmTotals(row.totals)),
      })),
      profile,
      suggestions: suggestionRows.rows,
      suggestionCount: suggestionRows.total,
      trend,
      sample: { population, ...samplingProgress(score.respondents, population) },
      // A desk's report shares the period's plan and publication: both are the site's.
      followUp: this.followUp(period.key),
      publication: this.publication(period.key),
    };
  }

  #computeMonthly(periodKey: string): MonthlyEvaluation {
    const { db, config, clock } = this.#deps;
    const period = this.#period(periodKey);
    if (period.kind !== 'month') throw new DomainError('invalid_input', 'the monthly evaluation is for one month, e.g. 2026-11');
    const figures = monthTicketFigures(db, period.from, period.to, utcOffsetMinutes(config.timeZone));
    const status = (name: string) => figures.byStatus.find((row) => row.status === name)?.count ?? 0;
    const servedDesks = new Set([...figures.servedByDesk.map((row) => row.deskId), ...figures.servicesByDesk.map((row) => row.deskId)]);
    const obstacles: Obstacle[] = [
      ...managerObstacles(db, period.from, period.to).map((row) => ({ id: row.id, date: row.date, text: row.text, source: 'manager' as const })),
      ...deviceIncidents(db, period.from, period.to).map((row) => ({
        id: row.id,
        date: row.date,
        text: `${DEVICE_LABEL[row.device] ?? row.device}: ${STATE_LABEL[row.state] ?? row.state}${row.count > 1 ? ` (${row.count}×)` : ''}`,
        source: 'device' as const,
        device: row.device,
      })),
    ].sort((a, b) => a.date.localeCompare(b.date) || (a.source === b.source ? a.id - b.id : a.source === 'manager' ? -1 : 1));
    return {
      period: periodView(period),
      siteName: config.siteName,
      generatedAt: clock().toISOString(),
      users: {
        visits: figures.visits,
        byUserType: figures.byUserType,
        byDesk: figures.byDesk.map((row) => ({ deskId: row.deskId, deskName: this.#deskName(row.deskId), count: row.count })),
        withSiapkerjaId: figures.withSiapkerjaId,
        priority: figures.priority,
      },
      servicesPerDesk: [...servedDesks]
        .sort((a, b) => a - b)
        .map((deskId) => ({
          deskId,
          deskName: this.#deskName(deskId),
          served: figures.servedByDesk.find((row) => row.deskId === deskId)?.count ?? 0,
          services: figures.servicesByDesk
            .filter((row) => row.deskId === deskId)
            .map((row) => ({ code: row.code, name: SERVICE_NAMES.get(row.code) ?? row.code, count: row.count })),
        })),
      completion: {
        sameDay: status('done'),
        referred: status('referred'),
        noShow: status('no_show'),
        cancelled: status('cancelled'),
        open: status('waiting') + status('called') + status('serving'),
      },
      volumeByHour: figures.byHour,
      volumeByDay: figures.byDay,
      obstacles,
    };
  }

  followUp(periodKey: string): FollowUpPlan | null {
    const row = followUpOf(this.#deps.db, periodKey);
    if (!row) return null;
    const plan = JSON.parse(row.plan) as Pick<FollowUpPlan, 'items' | 'note'>;
    return { items: plan.items, note: plan.note, updatedAt: row.updated_at, updatedBy: row.updated_by_name ?? '—' };
  }

  saveFollowUp(periodKey: string, plan: z.output<typeof FollowUpPlanInputSchema>, caller: Caller): FollowUpPlan {
    const { db, clock } = this.#deps;
    const period = this.#period(periodKey);
    db.transaction(() => {
      saveFollowUp(db, { period_key: period.key, plan: JSON.stringify({ items: plan.items, note: plan.note }), updated_at: clock().toISOString(), updated_by: caller.staff?.id ?? null });
      this.#deps.audit(caller, 'report.follow_up', { period: period.key, items: plan.items.length });
    }).immediate();
    return this.followUp(period.key)!;
  }

  addObstacle(date: string, text: string, caller: Caller): Obstacle {
    const { db, config, clock } = this.#deps;
    const now = clock();
    if (date > serviceDateAt(now, config.timeZone)) throw new DomainError('invalid_input', 'an obstacle is recorded on or after the day it happened');
    const id = db.transaction(() => {
      const inserted = insertObstacle(db, { date, text, created_at: now.toISOString(), created_by: caller.staff?.id ?? null });
      this.#deps.audit(caller, 'report.obstacle_added', { obstacleId: inserted, date });
      return inserted;
    }).immediate();
    return { id, date, text, source: 'manager' };
  }

  removeObstacle(id: number, caller: Caller): { ok: true } {
    const { db } = this.#deps;
    db.transaction(() => {
      const removed = deleteObstacle(db, id);
      if (!removed) throw new DomainError('not_found', `no obstacle ${id}`);
      this.#deps.audit(caller, 'report.obstacle_removed', { obstacleId: id, date: removed.date });
    }).immediate();
    return { ok: true };
  }

  publication(periodKey?: string): IkmPublication | null {
    const row = latestPublication(this.#deps.db, periodKey);
    return row ? (JSON.parse(row.payload) as IkmPublication) : null;
  }

  /** The period's IKM goes on the information board and to central, in one transaction. */
  publish(periodKey: string, caller: Caller): IkmPublication {
    const { db, clock } = this.#deps;
    const period = this.#period(periodKey);
    const now = clock();
    const publication = db
      .transaction(() => {
        // Scored inside the transaction: what is published is what the table held at that moment.
        const score = scoreIkmTotals(ikmTotals(db, { from: period.from, to: period.to }));
        if (score.ikm === null || score.mutu === null || score.kinerja === null) {
          const missing = UNSUR_CODES.filter((code) => score.answered[code] === 0);
          throw new DomainError('illegal_transition', `the IKM of ${period.label.en} cannot be published yet: no answers for ${missing.join(', ')}`);
        }
        const value: IkmPublication = {
          periodKey: period.key,
          periodLabel: period.label,
          ikm: score.ikm,
          mutu: score.mutu,
          kinerja: score.kinerja,
          respondents: score.respondents,
          publishedAt: now.toISOString(),
        };
        insertPublication(db, { period_key: period.key, payload: JSON.stringify(value), published_at: value.publishedAt, published_by: caller.staff?.id ?? null });
        enqueueOutbox(db, 'ikm.published', { ...value, nrr: score.nrr, answered: score.answered, index: score.index }, value.publishedAt);
        this.#deps.audit(caller, 'report.ikm_published', { period: period.key, ikm: value.ikm, mutu: value.mutu, respondents: value.respondents });
        return value;
      })
      .immediate();
    this.#deps.onPublished();
    return publication;
  }

  #period(key: string): ReportPeriod {
    let period: ReportPeriod;
    try {
      period = parsePeriodKey(key);
    } catch (error) {
      throw new DomainError('invalid_input', (error as Error).message);
    }
    const today = serviceDateAt(this.#deps.clock(), this.#deps.config.timeZone);
    if (period.from > today) throw new DomainError('invalid_input', `${period.label.en} has not started yet`);
    return period;
  }

  #deskName(deskId: number): string {
    return this.#deps.deskNames.get(deskId) ?? DESKS.find((desk) => desk.id === deskId)?.name ?? `Desk ${deskId}`;
  }
}

function withheldBelowMinimum(score: IkmScore): IkmScore & { suppressed?: true } {
  if (score.respondents === 0 || score.respondents >= MINIMUM_SHOWN) return score;
  const nrr = Object.fromEntries(UNSUR_CODES.map((code) => [code, null])) as IkmScore['nrr'];
  return { ...score, nrr, index: null, ikm: null, mutu: null, kinerja: null, suppressed: true };
}

function periodView(period: ReportPeriod): IkmReport['period'] {
  return { key: period.key, kind: period.kind, year: period.year, index: period.index, from: period.from, to: period.to, label: period.label };
}

/** Answered unsur, weakest first; equal NRRs keep code order so the list is stable. */
function ranking(score: IkmScore): IkmReport['ranking'] {
  return UNSUR_CODES.flatMap((code) => (score.nrr[code] === null ? [] : [{ code, nrr: score.nrr[code] }])).sort(
    (a, b) => a.nrr - b.nrr || a.code.localeCompare(b.code),
  );
}

const DEVICE_LABEL: Record<string, string> = { printer: 'Printer tiket', scanner: 'Pemindai SIAPkerja-ID', buttons: 'Panel tombol survei' };
const STATE_LABEL: Record<string, string> = { offline: 'terputus', 'paper-out': 'kertas habis', 'cover-open': 'penutup terbuka', error: 'galat' };
