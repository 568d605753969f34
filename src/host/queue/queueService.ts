import type {
  CallAnnouncement,
  CounterView,
  Desk,
  DisplayState,
  PauseReason,
  QueueSnapshot,
  Referral,
  ReferralInput,
  ServiceStatus,
  TicketView,
  WaitEstimate,
} from '../../contract/api.js';
import type { EmploymentStatus, UserType } from '../../contract/vocabulary.js';
import { announcementClips, announcementText } from '../../domain/announcement.js';
import { coordinatingLevel } from '../../domain/backOfficeRouting.js';
import { CentralConfigSchema } from '../../central/api.js';
import { CENTRAL_EVENT_TYPES, type CentralEventPayload, type CentralEventType } from '../../central/events.js';
import type { DeskDefinition } from '../../domain/desks.js';
import { DomainError } from '../../domain/domainError.js';
import { chooseNext, nextPriorityStreak, queuePositions, type WaitingTicket } from '../../domain/priorityPolicy.js';
import { isServiceOfDesk } from '../../domain/serviceCatalogue.js';
import type { ServiceCalendar } from '../../domain/serviceCalendar.js';
import { serviceStateAt } from '../../domain/serviceCalendar.js';
import { instantAt, serviceDateAt } from '../../domain/serviceDate.js';
import { nextStatus, type TicketAction } from '../../domain/ticketLifecycle.js';
import { MAX_DAILY_SEQUENCE } from '../../domain/ticketNumber.js';
import { estimateWait } from '../../domain/waitEstimate.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import { otherLiveSessions, staffById } from '../../store/authQueries.js';
import {
  activeCountersAtDesk,
  allCounters,
  calendarOverrides,
  counterAt,
  counterOfOfficer,
  insertAudit,
  insertReferral,
  openCountersAtDesk,
  priorityStreak,
  referralsOfDay,
  saveCalendarOverride,
  saveCounter,
  setPriorityStreak,
  type CounterRow,
} from '../../store/queueQueries.js';
import {
  figuresOfDay,
  lastSequence,
  openTicketsBefore,
  recentCalls,
  recentServiceSeconds,
  saveTicket,
  ticketById,
  ticketsOfDay,
  waitingAtDesk,
  type TicketRow,
} from '../../store/ticketQueries.js';
import { cachedResource, enqueueOutbox } from '../../store/outboxQueries.js';
import { SYSTEM_CALLER, type Caller } from '../auth/caller.js';
import { maskEmail, maskPhone, type FieldCipher } from '../auth/fieldCipher.js';
import type { EventBus } from '../eventBus.js';
import type { KioskConfig } from '../kioskConfig.js';
import { scrubPersonalData } from '../logger.js';
import { counterView, dayFigures, ticketView } from './queueViews.js';
import { QueueRevisions } from './queueRevisions.js';

/** Ticket changes are forwarded under their audit action's name; payloads are checked against the central schema in tests and before sending. */
type TicketEventType = Extract<CentralEventType, `ticket.${string}`>;

export interface SiteDesk extends DeskDefinition {
  dailyCap: number;
}

export interface QueueServiceDeps {
  db: KioskDatabase;
  config: KioskConfig;
  desks: readonly SiteDesk[];
  events: EventBus;
  cipher: FieldCipher;
  clock: () => Date;
}

const CLOSED_TICKETS_IN_SNAPSHOT = 100;
const LAST_CALLS_ON_DISPLAY = 6;
const RECENT_DURATIONS = 20;

/**
 * The queue day: calling, serving, transferring, referring, counters and their pauses. Every
 * change is one IMMEDIATE transaction holding the change, its outbox row and its audit row; the
 * event goes out after the commit, numbered by QueueRevisions.
 */
export class QueueService {
  readonly #deps: QueueServiceDeps;
  readonly revisions: QueueRevisions;

  constructor(deps: QueueServiceDeps) {
    this.#deps = deps;
    this.revisions = new QueueRevisions(deps.events);
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  /** The configured calendar with the overrides set on this kiosk; read once, refreshed on change. */
  calendar(): ServiceCalendar {
    this.#calendar ??= this.#loadCalendar();
    return this.#calendar;
  }

  #calendar: ServiceCalendar | undefined;

  #loadCalendar(): ServiceCalendar {
    const base = this.#deps.config.calendar;
    const stored = calendarOverrides(this.#deps.db).map((row) => ({
      date: row.date,
      sessions: JSON.parse(row.sessions) as ServiceCalendar['overrides'][number]['sessions'],
      note: row.note,
    }));
    const storedDates = new Set(stored.map((override) => override.date));
    // National holidays and cuti bersama announced by central join the site's own.
    const siteHolidays = new Set(base.holidays.map((holiday) => holiday.date));
    const national = centralHolidays(this.#deps.db).filter((holiday) => !siteHolidays.has(holiday.date));
    return {
      ...base,
      holidays: [...base.holidays, ...national],
      overrides: [...base.overrides.filter((override) => !storedDates.has(override.date)), ...stored],
    };
  }

  /** Central sent new settings (holidays): the calendar is read again on next use. */
  forgetCalendar(): void {
    this.#calendar = undefined;
  }

  serviceStatus(now = this.#deps.clock()): ServiceStatus {
    const state = serviceStateAt(now, this.calendar(), this.#deps.config.timeZone);
    return {
      state: state.state,
      serviceDate: state.serviceDate,
      today: state.today,
      ...(state.holiday !== undefined ? { holiday: state.holiday } : {}),
      ...(state.override !== undefined ? { override: state.override } : {}),
      ...(state.closesAt ? { closesAt: state.closesAt.toISOString() } : {}),
      ...(state.nextOpening ? { nextOpening: state.nextOpening.toISOString() } : {}),
    };
  }

  desk(deskId: number): SiteDesk {
    const desk = this.#deps.desks.find((candidate) => candidate.id === deskId);
    if (!desk) throw new DomainError('desk_not_available', `desk ${deskId} is not offered by this Tipe ${this.#deps.config.kioskType} kiosk`);
    return desk;
  }

  /** People ahead of a new ticket at a desk and the estimated wait, from today's service times. */
  estimateFor(deskId: number, serviceDate: string, newTicket?: { id: number; priority: boolean; queuedAt: string }): WaitEstimate {
    const { db, config } = this.#deps;
    const waiting: WaitingTicket[] = waitingAtDesk(db, serviceDate, deskId).map((row) => ({
      id: row.id,
      priority: row.priority === 1,
      queuedAt: row.queued_at,
    }));
    const probe = newTicket ?? { id: Number.MAX_SAFE_INTEGER, priority: false, queuedAt: '9999-12-31T00:00:00.000Z' };
    if (!waiting.some((ticket) => ticket.id === probe.id)) waiting.push(probe);
    const order = queuePositions(waiting, priorityStreak(db, serviceDate, deskId), { priorityBurst: config.queue.priorityBurst });
    const estimate = estimateWait({
      peopleAhead: Math.max(0, order.indexOf(probe.id)),
      openCounters: openCountersAtDesk(db, deskId),
      recentServiceSeconds: recentServiceSeconds(db, serviceDate, deskId, RECENT_DURATIONS),
      defaultServiceSeconds: config.queue.defaultServiceMinutes * 60,
    });
    return { peopleAhead: estimate.peopleAhead, minutes: estimate.minutes, approximate: estimate.countersAssumed };
  }

  deskList(now = this.#deps.clock()): Desk[] {
    const serviceDate = serviceDateAt(now, this.#deps.config.timeZone);
    return this.#deps.desks.map((desk) => {
      const estimate = this.estimateFor(desk.id, serviceDate);
      return {
        id: desk.id,
        letter: desk.letter,
        name: desk.name,
        waiting: waitingAtDesk(this.#deps.db, serviceDate, desk.id).length,
        openCounters: openCountersAtDesk(this.#deps.db, desk.id),
        estimate,
        remainingToday: Math.max(0, desk.dailyCap - lastSequence(this.#deps.db, serviceDate, desk.id)),
      };
    });
  }

  /**
   * Every station asks for this on connect and after each gap, and the receptionist's page on a
   * timer: it is built once per revision and minute (the service state moves with the clock) and
   * shared until either changes.
   */
  snapshot(): QueueSnapshot {
    const now = this.#deps.clock();
    const key = `${this.revisions.epoch}:${this.revisions.revision}:${Math.floor(now.getTime() / 60_000)}`;
    if (this.#snapshotCache?.key !== key) this.#snapshotCache = { key, value: this.#buildSnapshot(now) };
    return this.#snapshotCache.value;
  }

  #snapshotCache: { key: string; value: QueueSnapshot } | undefined;

  #buildSnapshot(now: Date): QueueSnapshot {
    const { db } = this.#deps;
    const serviceDate = serviceDateAt(now, this.#deps.config.timeZone);
    const rows = ticketsOfDay(db, serviceDate, CLOSED_TICKETS_IN_SNAPSHOT);
    const figureRows = figuresOfDay(db, serviceDate);
    const longestWaiting = (deskId?: number) =>
      rows.find((row) => row.status === 'waiting' && (deskId === undefined || row.queue_desk_id === deskId))?.id ?? null;
    return {
      epoch: this.revisions.epoch,
      revision: this.revisions.revision,
      serviceDate,
      service: this.serviceStatus(now),
      desks: this.deskList(now),
      tickets: rows.map(ticketView),
      counters: this.#counterViews(allCounters(db)),
      figures: dayFigures(figureRows, longestWaiting()),
      figuresByDesk: this.#deps.desks.map((desk) => ({
        deskId: desk.id,
        ...dayFigures(
          figureRows.filter((row) => row.desk_id === desk.id),
          longestWaiting(desk.id),
        ),
      })),
    };
  }

  displayState(): DisplayState {
    const { db, config } = this.#deps;
    const now = this.#deps.clock();
    const serviceDate = serviceDateAt(now, config.timeZone);
    const counters = allCounters(db).filter((counter) => counter.state !== 'closed');
    return {
      epoch: this.revisions.epoch,
      revision: this.revisions.revision,
      siteName: config.siteName,
      timeZone: config.timeZone,
      service: this.serviceStatus(now),
      nowServing: counters.map((counter) => {
        const current = counter.current_ticket_id ? ticketById(db, counter.current_ticket_id) : undefined;
        const showing = current && (current.status === 'called' || current.status === 'serving');
        return { deskId: counter.desk_id, counterNumber: counter.counter_number, number: showing ? current.number : null, state: counter.state };
      }),
      lastCalls: recentCalls(db, serviceDate, LAST_CALLS_ON_DISPLAY).map((row) => this.#announcement(row, row.call_count > 1)),
      runningText: config.display.runningText,
    };
  }

  referrals(serviceDate?: string): Referral[] {
    const date = serviceDate ?? serviceDateAt(this.#deps.clock(), this.#deps.config.timeZone);
    return referralsOfDay(this.#deps.db, date).map((row) => ({
      id: row.id,
      ticketNumber: row.number,
      deskId: row.desk_id,
      level: row.level as Referral['level'],
      userType: row.user_type as Referral['userType'],
      followUpDate: row.follow_up_date,
      followUpTime: row.follow_up_time,
      place: row.place,
      onlineLink: row.online_link,
      contactMasked: row.contact_masked,
      createdAt: row.created_at,
    }));
  }

  counterOf(caller: Caller): CounterView | null {
    if (!caller.staff) return null;
    const row = counterOfOfficer(this.#deps.db, caller.staff.id);
    return row ? this.#counterViews([row])[0] ?? null : null;
  }

  // ── counters ─────────────────────────────────────────────────────────────────────────────

  openCounter(deskId: number, counterNumber: number, caller: Caller): CounterView {
    const officer = requireStaff(caller);
    this.desk(deskId);
    return this.#changeCounter(caller, 'counter.opened', () => {
      const mine = counterOfOfficer(this.#deps.db, officer.id);
      if (mine && (mine.desk_id !== deskId || mine.counter_number !== counterNumber)) {
        throw new DomainError('conflict', `you are signed on at desk ${mine.desk_id} counter ${mine.counter_number}; close it first`);
      }
      const existing = counterAt(this.#deps.db, deskId, counterNumber);
      if (existing && existing.state !== 'closed' && existing.officer_id !== officer.id) {
        throw new DomainError('conflict', `desk ${deskId} counter ${counterNumber} is taken by another officer`);
      }
      if (mine) return mine;
      return { desk_id: deskId, counter_number: counterNumber, state: 'open', officer_id: officer.id, pause_reason: null, current_ticket_id: null, since: this.#now() };
    });
  }

  closeCounter(caller: Caller): CounterView {
    return this.#changeCounter(caller, 'counter.closed', (counter) => {
      this.#assertIdle(counter, 'close the counter');
      return { ...counter, state: 'closed', officer_id: null, pause_reason: null, current_ticket_id: null, since: this.#now() };
    });
  }

  pauseCounter(reason: PauseReason, caller: Caller): CounterView {
    return this.#changeCounter(caller, 'counter.paused', (counter) => {
      if (counter.state === 'paused') throw new DomainError('illegal_transition', 'the counter is already paused');
      this.#assertIdle(counter, 'pause');
      return { ...counter, state: 'paused', pause_reason: reason, since: this.#now() };
    }, { reason });
  }

  resumeCounter(caller: Caller): CounterView {
    return this.#changeCounter(caller, 'counter.resumed', (counter) => {
      if (counter.state !== 'paused') throw new DomainError('illegal_transition', 'the counter is not paused');
      return { ...counter, state: 'open', pause_reason: null, since: this.#now() };
    });
  }

  /** Logging out leaves no counter open with nobody behind it, unless a visitor is still there. */
  closeCounterOnLogout(caller: Caller): void {
    if (!caller.staff) return;
    const counter = counterOfOfficer(this.#deps.db, caller.staff.id);
    if (!counter || this.#currentTicket(counter)) return;
    // Logged in elsewhere too (a second PC at the counter): that login still works the counter.
    if (otherLiveSessions(this.#deps.db, caller.staff.id, caller.sessionId ?? 0, this.#now()) > 0) return;
    this.closeCounter(caller);
  }

  // ── tickets ──────────────────────────────────────────────────────────────────────────────

  callNext(caller: Caller): TicketView | null {
    const { db, config } = this.#deps;
    const result = this.#transaction(caller, () => {
      const counter = this.#myCounter(caller);
      if (counter.state === 'paused') throw new DomainError('conflict', 'the counter is paused; resume it first');
      this.#assertIdle(counter, 'call the next visitor');
      const serviceDate = this.#serviceDate();
      const waiting = waitingAtDesk(db, serviceDate, counter.desk_id).map((row) => ({ id: row.id, priority: row.priority === 1, queuedAt: row.queued_at }));
      const streak = priorityStreak(db, serviceDate, counter.desk_id);
      const chosen = chooseNext(waiting, streak, { priorityBurst: config.queue.priorityBurst });
      if (!chosen) return undefined;
      setPriorityStreak(db, serviceDate, counter.desk_id, nextPriorityStreak(chosen, streak));
      const row = ticketById(db, chosen.id) as TicketRow;
      const now = this.#now();
      const called: TicketRow = {
        ...row,
        status: nextStatus(row.status, 'call'),
        called_at: now,
        counter_number: counter.counter_number,
        officer_id: caller.staff?.id ?? null,
        call_count: row.call_count + 1,
      };
      saveTicket(db, called);
      const updatedCounter: CounterRow = { ...counter, current_ticket_id: called.id };
      saveCounter(db, updatedCounter);
      this.#record(caller, 'ticket.called', called, { priority: called.priority === 1 });
      return { ticket: called, counter: updatedCounter };
    });
    if (!result) return null;
    this.#publish([result.ticket], [result.counter]);
    this.#announce(result.ticket, false);
    return ticketView(result.ticket);
  }

  recall(ticketId: number, caller: Caller): TicketView {
    const ticket = this.#actOnCurrent(ticketId, 'recall', caller, (row, now) => ({ ...row, called_at: now, call_count: row.call_count + 1 }));
    this.#announce(ticket, true);
    return ticketView(ticket);
  }

  start(ticketId: number, caller: Caller): TicketView {
    return ticketView(this.#actOnCurrent(ticketId, 'start', caller, (row, now) => ({ ...row, serving_at: now })));
  }

  noShow(ticketId: number, caller: Caller): TicketView {
    return ticketView(this.#actOnCurrent(ticketId, 'no_show', caller, (row, now) => ({ ...row, finished_at: now }), { clearCounter: true }));
  }

  finish(ticketId: number, services: readonly string[], siapkerjaId: string | undefined, caller: Caller): TicketView {
    const codes = this.#checkedServices(ticketId, services);
    return ticketView(
      this.#actOnCurrent(
        ticketId,
        'finish',
        caller,
        (row, now) => {
          // Inside the finish's transaction: the identity reaches central with the service or not at all.
          if (siapkerjaId) this.recordVisitor(row, { identity: { kind: 'siapkerja_id', value: siapkerjaId } });
          return {
            ...row,
            finished_at: now,
            services: JSON.stringify(codes),
            siapkerja_sealed: siapkerjaId ? this.#deps.cipher.seal(siapkerjaId) : row.siapkerja_sealed,
          };
        },
        { clearCounter: true, detail: { services: codes } },
      ),
    );
  }

  attachSiapkerjaId(ticketId: number, siapkerjaId: string, caller: Caller): TicketView {
    const { db } = this.#deps;
    const ticket = this.#transaction(caller, () => {
      const counter = this.#myCounter(caller);
      const row = this.#ticketAtCounter(ticketId, counter);
      if (row.status !== 'called' && row.status !== 'serving') {
        throw new DomainError('illegal_transition', `cannot attach a SIAPkerja-ID to a ticket that is ${row.status}`);
      }
      const updated = { ...row, siapkerja_sealed: this.#deps.cipher.seal(siapkerjaId) };
      saveTicket(db, updated);
      this.#record(caller, 'ticket.siapkerja_scanned', updated, {});
      this.recordVisitor(updated, { identity: { kind: 'siapkerja_id', value: siapkerjaId } });
      return updated;
    });
    this.#publish([ticket], []);
    return ticketView(ticket);
  }

  transfer(ticketId: number, toDeskId: number, note: string | undefined, caller: Caller): TicketView {
    const { db } = this.#deps;
    this.desk(toDeskId);
    const result = this.#transaction(caller, () => {
      const row = ticketById(db, ticketId);
      if (!row || row.service_date !== this.#serviceDate()) throw new DomainError('not_found', `no ticket ${ticketId} today`);
      if (row.queue_desk_id === toDeskId) throw new DomainError('conflict', `ticket ${row.number} is already at desk ${toDeskId}`);
      let counter: CounterRow | undefined;
      if (caller.roles.has('officer') && !caller.roles.has('receptionist')) {
        counter = this.#myCounter(caller);
        this.#ticketAtCounter(ticketId, counter);
      } else if (row.status !== 'waiting') {
        // Moving a visitor who is already at a desk is that officer's decision.
        throw new DomainError('conflict', `ticket ${row.number} is already called; the desk officer transfers it`);
      }
      const moved: TicketRow = {
        ...row,
        status: nextStatus(row.status, 'transfer'),
        queue_desk_id: toDeskId,
        transferred_from: row.queue_desk_id,
        called_at: null,
        serving_at: null,
        counter_number: null,
        officer_id: null,
        // Calls count per desk: the first call at the new desk is no recall.
        call_count: 0,
      };
      saveTicket(db, moved);
      const counters: CounterRow[] = [];
      const holding = counter ?? allCounters(db).find((candidate) => candidate.current_ticket_id === row.id);
      if (holding) {
        const cleared = { ...holding, current_ticket_id: null };
        saveCounter(db, cleared);
        counters.push(cleared);
      }
      this.#record(caller, 'ticket.transferred', moved, { from: row.queue_desk_id, to: toDeskId }, note);
      return { moved, counters };
    });
    this.#publish([result.moved], result.counters);
    return ticketView(result.moved);
  }

  refer(ticketId: number, services: readonly string[], input: ReferralInput, caller: Caller): { ticket: TicketView; referral: Referral } {
    const { db, cipher } = this.#deps;
    const level = coordinatingLevel({
      userType: input.userType,
      ...(input.employerScope ? { employerScope: input.employerScope } : {}),
      ...(input.level ? { chosenLevel: input.level } : {}),
    });
    if (input.followUpDate < this.#serviceDate()) {
      throw new DomainError('invalid_input', 'the follow-up date is in the past');
    }
    const codes = services.length > 0 ? this.#checkedServices(ticketId, services) : [];
    const contact = { ...(input.whatsapp ? { whatsapp: input.whatsapp } : {}), ...(input.email ? { email: input.email } : {}) };
    const masked = [input.whatsapp ? maskPhone(input.whatsapp) : undefined, input.email ? maskEmail(input.email) : undefined]
      .filter(Boolean)
      .join(' · ');
    let referralId = 0;
    const ticket = this.#actOnCurrent(
      ticketId,
      'refer',
      caller,
      (row, now) => {
        const referral = insertReferral(db, {
          ticket_id: row.id,
          level,
          user_type: input.userType,
          employer_scope: input.employerScope ?? null,
          follow_up_date: input.followUpDate,
          follow_up_time: input.followUpTime,
          place: input.place ?? null,
          online_link: input.onlineLink ?? null,
          contact_sealed: cipher.seal(JSON.stringify(contact)),
          contact_masked: masked,
          note_sealed: input.note ? cipher.seal(input.note) : null,
          created_by: caller.staff?.id ?? null,
          created_at: now,
        });
        referralId = referral.id;
        return { ...row, finished_at: now, user_type: row.user_type ?? input.userType, services: JSON.stringify(codes) };
      },
      { clearCounter: true, detail: () => ({ referralId, level }) },
    );
    const referral = this.referrals(ticket.service_date).find((candidate) => candidate.id === referralId);
    if (!referral) throw new Error('referral not found after commit');
    return { ticket: ticketView(ticket), referral };
  }

  cancel(ticketId: number, reason: string, caller: Caller): TicketView {
    const { db } = this.#deps;
    const result = this.#transaction(caller, () => {
      const row = ticketById(db, ticketId);
      if (!row || row.service_date !== this.#serviceDate()) throw new DomainError('not_found', `no ticket ${ticketId} today`);
      if (!caller.roles.has('receptionist')) this.#ticketAtCounter(ticketId, this.#myCounter(caller));
      const cancelled: TicketRow = { ...row, status: nextStatus(row.status, 'cancel'), finished_at: this.#now() };
      saveTicket(db, cancelled);
      const counters: CounterRow[] = [];
      const holding = allCounters(db).find((candidate) => candidate.current_ticket_id === row.id);
      if (holding) {
        const cleared = { ...holding, current_ticket_id: null };
        saveCounter(db, cleared);
        counters.push(cleared);
      }
      this.#record(caller, 'ticket.cancelled', cancelled, {}, reason);
      return { cancelled, counters };
    });
    this.#publish([result.cancelled], result.counters);
    return ticketView(result.cancelled);
  }

  setCalendarOverride(date: string, sessions: ServiceCalendar['overrides'][number]['sessions'], note: string, caller: Caller): ServiceStatus {
    for (const [index, session] of sessions.entries()) {
      const previous = sessions[index - 1];
      if (session.start >= session.end || (previous && previous.end > session.start)) {
        throw new DomainError('invalid_input', 'sessions must be in order, each ending after it starts, without overlap');
      }
    }
    this.#transaction(caller, () => {
      saveCalendarOverride(this.#deps.db, { date, sessions: JSON.stringify(sessions), note, set_by: caller.staff?.id ?? null, set_at: this.#now() });
      this.#audit(caller, 'calendar.override', { detail: { date, sessions, note } });
    });
    this.#calendar = undefined;
    // Stations show the service state: a new revision makes them (and the snapshot cache) refresh.
    this.#publish([], []);
    return this.serviceStatus();
  }

  /** For the issuing path: the visitor's ID from the kiosk, sealed, inside its transaction. */
  attachIdentityAtIssue(row: TicketRow, value: string): void {
    row.siapkerja_sealed = this.#deps.cipher.seal(value);
    saveTicket(this.#deps.db, row);
  }

  /** For the issuing path: the visit's data given with consent, sealed, inside its transaction. */
  attachVisitorDataAtIssue(row: TicketRow, data: string, consentVersion: string, consentAt: string): void {
    row.visitor_sealed = this.#deps.cipher.seal(data);
    row.consent_version = consentVersion;
    row.consent_at = consentAt;
    saveTicket(this.#deps.db, row);
  }

  /** For the issuing path: audit inside its transaction. */
  recordIssue(caller: Caller, row: TicketRow): void {
    this.#record(caller, 'ticket.issued', row, { issuedAt: row.issued_at, channel: row.channel });
  }

  publishIssued(row: TicketRow): void {
    this.#publish([row], []);
  }

  /**
   * Writes an audit row, and its `audit.recorded` event for central (who and what, never the
   * detail, which may hold free text); call inside the transaction of the change it records.
   * Ticket and counter changes do not come here: they travel as their own events.
   */
  audit(caller: Caller, action: string, detail?: Record<string, unknown>): void {
    this.#audit(caller, action, detail ? { detail } : {});
    // An action that is a central event of its own (a device's health) is not sent twice.
    if ((CENTRAL_EVENT_TYPES as readonly string[]).includes(action)) return;
    const ticketId = typeof detail?.ticketId === 'number' ? detail.ticketId : null;
    enqueueOutbox(
      this.#deps.db,
      'audit.recorded',
      {
        action,
        at: this.#now(),
        serviceDate: this.#serviceDate(),
        staffId: caller.staff?.id ?? null,
        stationId: caller.station?.id ?? null,
        channel: caller.channel,
        deskId: null,
        ticketId,
      },
      this.#now(),
    );
  }

  /**
   * The visitor's identity and visit data for central's SIAPkerja records (UU PDP 27/2022: sealed
   * in the outbox until sent, removed from it once central has it). Inside the change's transaction.
   */
  recordVisitor(row: TicketRow, given: { identity?: { kind: 'nik' | 'siapkerja_id'; value: string }; employmentStatus?: EmploymentStatus; whatsapp?: string; consentVersion?: string; consentAt?: string }): void {
    const personal = { identity: given.identity ?? null, whatsapp: given.whatsapp ?? null, employmentStatus: given.employmentStatus ?? null };
    enqueueOutbox(
      this.#deps.db,
      'visitor.registered',
      {
        ticketId: row.id,
        serviceDate: row.service_date,
        userType: (row.user_type as UserType | null) ?? null,
        ...personal,
        consentVersion: given.consentVersion ?? null,
        consentAt: given.consentAt ?? null,
        at: this.#now(),
      },
      this.#now(),
      { personal: { fields: personal, seal: (plain) => this.#deps.cipher.seal(plain) } },
    );
  }

  /** A manager or receptionist frees a counter whose officer went away; its visitor goes back in line. */
  releaseCounter(deskId: number, counterNumber: number, caller: Caller): CounterView {
    const counter = counterAt(this.#deps.db, deskId, counterNumber);
    if (!counter || counter.state === 'closed') throw new DomainError('illegal_transition', `desk ${deskId} counter ${counterNumber} is not open`);
    return this.#release(counter, caller);
  }

  /** An account disabled or given a new PIN leaves no counter held in its name. */
  releaseCountersOf(staffId: number, caller: Caller): void {
    const counter = counterOfOfficer(this.#deps.db, staffId);
    if (counter) this.#release(counter, caller);
  }

  #release(counter: CounterRow, caller: Caller): CounterView {
    const { db } = this.#deps;
    const result = this.#transaction(caller, () => {
      const tickets: TicketRow[] = [];
      const current = this.#currentTicket(counter);
      if (current) {
        const requeued: TicketRow = {
          ...current,
          status: nextStatus(current.status, 'requeue'),
          called_at: null,
          serving_at: null,
          counter_number: null,
          officer_id: null,
          call_count: 0,
        };
        saveTicket(db, requeued);
        this.#record(caller, 'ticket.requeued', requeued, {});
        tickets.push(requeued);
      }
      const closed: CounterRow = { ...counter, state: 'closed', officer_id: null, pause_reason: null, current_ticket_id: null, since: this.#now() };
      saveCounter(db, closed);
      this.#audit(caller, 'counter.released', { deskId: closed.desk_id, counterNumber: closed.counter_number });
      enqueueOutbox(db, 'counter.closed', { deskId: closed.desk_id, counterNumber: closed.counter_number, state: 'closed', reason: 'released', at: this.#now() }, this.#now());
      return { closed, tickets };
    });
    this.#publish(result.tickets, [result.closed]);
    return this.#counterViews([result.closed])[0] as CounterView;
  }

  #rolledOverFor: string | undefined;

  /**
   * A new service day starts clean: tickets of earlier days that never ended are cancelled (with
   * their audit and outbox rows, so the central API hears how they ended) and counters opened on an
   * earlier day are closed. Runs at start-up and on the first call of each day.
   */
  rollOver(): void {
    const today = this.#serviceDate();
    if (this.#rolledOverFor === today) return;
    const { db, config } = this.#deps;
    const dayStart = instantAt(today, 0, config.timeZone).toISOString();
    const staleTickets = openTicketsBefore(db, today);
    const staleCounters = allCounters(db).filter((counter) => counter.state !== 'closed' && counter.since < dayStart);
    if (staleTickets.length > 0 || staleCounters.length > 0) {
      const changed = this.#transaction(SYSTEM_CALLER, () => {
        const now = this.#now();
        const tickets = staleTickets.map((row) => {
          const ended: TicketRow = { ...row, status: nextStatus(row.status, 'cancel'), finished_at: now };
          saveTicket(db, ended);
          this.#record(SYSTEM_CALLER, 'ticket.cancelled', ended, { reason: 'service_day_ended' });
          return ended;
        });
        const counters = staleCounters.map((counter) => {
          const closed: CounterRow = { ...counter, state: 'closed', officer_id: null, pause_reason: null, current_ticket_id: null, since: now };
          saveCounter(db, closed);
          this.#audit(SYSTEM_CALLER, 'counter.closed', { deskId: closed.desk_id, counterNumber: closed.counter_number, detail: { reason: 'service_day_ended' } });
          return closed;
        });
        return { tickets, counters };
      });
      this.#publish(changed.tickets, changed.counters);
    }
    this.#rolledOverFor = today;
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  #now(): string {
    return this.#deps.clock().toISOString();
  }

  #serviceDate(): string {
    return serviceDateAt(this.#deps.clock(), this.#deps.config.timeZone);
  }

  #transaction<T>(caller: Caller, body: () => T): T {
    void caller;
    return this.#deps.db.transaction(body).immediate();
  }

  #myCounter(caller: Caller): CounterRow {
    const officer = requireStaff(caller);
    const counter = counterOfOfficer(this.#deps.db, officer.id);
    if (!counter) throw new DomainError('conflict', 'open a counter first (choose desk and counter number)');
    return counter;
  }

  #currentTicket(counter: CounterRow): TicketRow | undefined {
    if (counter.current_ticket_id === null) return undefined;
    const row = ticketById(this.#deps.db, counter.current_ticket_id);
    return row && (row.status === 'called' || row.status === 'serving') ? row : undefined;
  }

  #assertIdle(counter: CounterRow, doing: string): void {
    const current = this.#currentTicket(counter);
    if (current) throw new DomainError('conflict', `ticket ${current.number} is still at this counter; finish it or mark it no-show before you ${doing}`);
  }

  #ticketAtCounter(ticketId: number, counter: CounterRow): TicketRow {
    const row = ticketById(this.#deps.db, ticketId);
    if (!row || row.service_date !== this.#serviceDate()) throw new DomainError('not_found', `no ticket ${ticketId} today`);
    if (counter.current_ticket_id !== ticketId || row.queue_desk_id !== counter.desk_id) {
      throw new DomainError('conflict', `ticket ${row.number} is not at your counter`);
    }
    return row;
  }

  #checkedServices(ticketId: number, services: readonly string[]): string[] {
    const row = ticketById(this.#deps.db, ticketId);
    if (!row) throw new DomainError('not_found', `no ticket ${ticketId}`);
    const unique = [...new Set(services)];
    const foreign = unique.filter((code) => !isServiceOfDesk(row.queue_desk_id, code));
    if (foreign.length > 0) {
      throw new DomainError('invalid_input', `not services of desk ${row.queue_desk_id}: ${foreign.join(', ').slice(0, 120)}`);
    }
    return unique;
  }

  /** One lifecycle step on the ticket at the caller's own counter. */
  #actOnCurrent(
    ticketId: number,
    action: TicketAction,
    caller: Caller,
    change: (row: TicketRow, now: string) => TicketRow,
    options: { clearCounter?: boolean; detail?: Record<string, unknown> | (() => Record<string, unknown>) } = {},
  ): TicketRow {
    const { db } = this.#deps;
    const result = this.#transaction(caller, () => {
      const counter = this.#myCounter(caller);
      const row = this.#ticketAtCounter(ticketId, counter);
      const updated = change({ ...row, status: nextStatus(row.status, action) }, this.#now());
      saveTicket(db, updated);
      let counterRow: CounterRow | undefined;
      if (options.clearCounter) {
        counterRow = { ...counter, current_ticket_id: null };
        saveCounter(db, counterRow);
      }
      const detail = typeof options.detail === 'function' ? options.detail() : (options.detail ?? {});
      this.#record(caller, `ticket.${action === 'no_show' ? 'no_show' : ACTION_PAST[action]}`, updated, detail);
      return { updated, counterRow };
    });
    this.#publish([result.updated], result.counterRow ? [result.counterRow] : []);
    return result.updated;
  }

  #changeCounter(
    caller: Caller,
    action: string,
    change: (counter: CounterRow) => CounterRow,
    detail: Record<string, unknown> = {},
  ): CounterView {
    const { db } = this.#deps;
    const row = this.#transaction(caller, () => {
      const current = action === 'counter.opened' ? (counterOfOfficer(db, requireStaff(caller).id) as CounterRow) : this.#myCounter(caller);
      const next = change(current);
      saveCounter(db, next);
      this.#audit(caller, action, { deskId: next.desk_id, counterNumber: next.counter_number, detail });
      enqueueOutbox(db, action as CentralEventType & `counter.${string}`, { deskId: next.desk_id, counterNumber: next.counter_number, state: next.state, reason: next.pause_reason as PauseReason | null, at: this.#now() }, this.#now());
      return next;
    });
    const [view] = this.#counterViews([row]);
    this.#publish([], view ? [row] : []);
    return view as CounterView;
  }

  /**
   * The audit row and the outbox row of one ticket change. Free text an officer typed (a note, a
   * reason) may hold a visitor's name or number: it stays in the kiosk's audit trail only, scrubbed
   * of NIK-, phone- and e-mail-shaped text, and never goes to the central API.
   */
  #record(caller: Caller, action: string, row: TicketRow, detail: Record<string, unknown>, note?: string): void {
    const auditDetail = note ? { ...detail, note: scrubPersonalData(note) } : detail;
    this.#audit(caller, action, { ticketId: row.id, deskId: row.queue_desk_id, counterNumber: row.counter_number, detail: auditDetail });
    // The central API gets facts, never personal data: no SIAPkerja-ID, no contact.
    enqueueOutbox(
      this.#deps.db,
      action as TicketEventType,
      {
        ticketId: row.id,
        number: row.number,
        serviceDate: row.service_date,
        deskId: row.queue_desk_id,
        status: row.status,
        counterNumber: row.counter_number,
        priority: row.priority === 1,
        userType: row.user_type,
        at: this.#now(),
        ...detail,
      } as CentralEventPayload<TicketEventType>,
      this.#now(),
    );
  }

  #audit(
    caller: Caller,
    action: string,
    fields: { ticketId?: number; deskId?: number; counterNumber?: number | null; detail?: Record<string, unknown> },
  ): void {
    insertAudit(this.#deps.db, {
      at: this.#now(),
      service_date: this.#serviceDate(),
      action,
      ticket_id: fields.ticketId ?? null,
      desk_id: fields.deskId ?? null,
      counter_number: fields.counterNumber ?? null,
      staff_id: caller.staff?.id ?? null,
      station_id: caller.station?.id ?? null,
      channel: caller.channel,
      detail: fields.detail && Object.keys(fields.detail).length > 0 ? JSON.stringify(fields.detail) : null,
    });
  }

  #counterViews(rows: readonly CounterRow[]): CounterView[] {
    return rows.map((row) => counterView(row, row.officer_id ? (staffById(this.#deps.db, row.officer_id)?.name ?? null) : null));
  }

  #publish(tickets: readonly TicketRow[], counters: readonly CounterRow[]): void {
    this.revisions.publish(tickets.map(ticketView), this.#counterViews(counters));
  }

  #announcement(row: TicketRow, recall: boolean): CallAnnouncement {
    const counterNumber = row.counter_number ?? 1;
    const clips = announcementClips({
      letter: row.number.slice(0, 1),
      sequence: row.seq,
      deskId: row.queue_desk_id,
      counterNumber,
      multipleCounters: activeCountersAtDesk(this.#deps.db, row.queue_desk_id) > 1,
    });
    return {
      ticketId: row.id,
      number: row.number,
      deskId: row.queue_desk_id,
      counterNumber,
      recall,
      calledAt: row.called_at ?? this.#now(),
      clips,
      text: announcementText(clips),
    };
  }

  #announce(row: TicketRow, recall: boolean): void {
    this.#deps.events.emit('queue.called', this.#announcement(row, recall));
  }
}

const ACTION_PAST: Record<TicketAction, string> = {
  call: 'called',
  recall: 'recalled',
  start: 'serving',
  finish: 'finished',
  refer: 'referred',
  no_show: 'no_show',
  cancel: 'cancelled',
  transfer: 'transferred',
  requeue: 'requeued',
};


function requireStaff(caller: Caller): NonNullable<Caller['staff']> {
  if (!caller.staff) throw new DomainError('unauthenticated', 'log in first');
  return caller.staff;
}

export function siteDesks(config: KioskConfig, enabled: readonly DeskDefinition[]): SiteDesk[] {
  return enabled.map((desk) => {
    const setting = config.desks.find((candidate) => candidate.id === desk.id);
    return { ...desk, letter: setting?.letter ?? desk.letter, dailyCap: setting?.dailyCap ?? MAX_DAILY_SEQUENCE };
  });
}

export type { UserType };

/** The holidays of central's configuration, if the kiosk holds a good copy (the puller checked it). */
function centralHolidays(db: KioskDatabase): { date: string; name: string }[] {
  const body = cachedResource(db, 'config')?.body;
  if (!body) return [];
  const parsed = CentralConfigSchema.safeParse(JSON.parse(body));
  return parsed.success ? parsed.data.holidays : [];
}
