import { PULLED_RESOURCE_NAMES, PULLED_RESOURCES, type PulledResource } from '../../central/api.js';
import { CentralEventSchema, PERSONAL_FIELDS, type CentralEvent, type CentralEventType } from '../../central/events.js';
import type { ApplicationStatus, CentralStatus, ForwarderState, PoisonedEvent } from '../../contract/central.js';
import { DomainError } from '../../domain/domainError.js';
import { isServiceOfDesk } from '../../domain/serviceCatalogue.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import {
  cachedResource,
  centralState,
  installationId,
  markOutboxPoison,
  markOutboxSent,
  noteOutboxAttempt,
  noteResourceCheck,
  outboxStats,
  pendingOutbox,
  poisonedOutbox,
  purgeSentOutbox,
  requeuePoison,
  SEALED_KEY,
  setCentralState,
  storeResource,
  type OutboxRow,
} from '../../store/outboxQueries.js';
import { heldSurveyResponses } from '../../store/surveyQueries.js';
import type { FieldCipher } from '../auth/fieldCipher.js';
import type { KioskConfig } from '../kioskConfig.js';
import type { Logger } from '../logger.js';
import { CentralClient, type CallOutcome, type Device } from './centralClient.js';
import type { CentralHttp } from './centralHttp.js';
import { CredentialUnreadable, type CredentialStore } from './credentialStore.js';
import { releaseSurveyResponses } from './surveyRelease.js';

/**
 * Store-and-forward: sends the outbox to central in sequence order, in bounded pages, until it is
 * empty; retries with exponential backoff and full jitter, honouring Retry-After; quarantines an
 * event central (or the kiosk's own contract check) calls invalid, without holding up the rest;
 * gets a new token on 401 and stops, saying "revoked", when the credential itself is refused.
 * Everything it needs to resume after a crash is in SQLite: a batch central stored but whose answer
 * was lost is sent again and answered `duplicate`, which is success.
 */

export interface ForwarderDeps {
  db: KioskDatabase;
  config: KioskConfig;
  credentials: CredentialStore;
  cipher: FieldCipher;
  http: CentralHttp;
  clock: () => Date;
  /** Today's service date in the site's time zone (survey responses of earlier days are released). */
  today: () => string;
  log: Logger;
  version: string;
  /** For tests: randomness of the jitter. */
  random?: () => number;
  /** A pulled resource changed (after it was checked and stored). */
  onResource?: (resource: PulledResource) => void;
}

const BASE_BACKOFF_MS = 1000;
/** After central refused the credential, how long until it is tried again (a technician may re-register sooner). */
const REVOKED_RETRY_MS = 15 * 60_000;
const ROTATE_AFTER_MS = 30 * 24 * 3_600_000;

export class CentralForwarder {
  readonly #deps: ForwarderDeps;
  readonly #client: CentralClient;
  #state: ForwarderState = 'idle';
  #failures = 0;
  /** When to try next, on the monotonic clock (a wall-clock jump must not stall or rush it). */
  #nextAttemptMono: number | null = null;
  /** The same moment on the kiosk's clock, for the technician's screen. */
  #nextAttemptAt: string | null = null;
  /** Shrinks when central refuses a batch as a whole (bisecting to the bad event) or as too large. */
  #batchLimit: number;
  #running: Promise<void> | undefined;
  #stopped = true;
  #wake: (() => void) | undefined;
  #lastPullMono = Number.NEGATIVE_INFINITY;
  #lastPurgeDay = '';
  #revoked = false;
  /** Why the stored credential could not be used, shown as the last error. */
  #credentialProblem: string | undefined;
  /** Callers of syncNow waiting for the end of the next round. */
  #roundWaiters: (() => void)[] = [];

  constructor(deps: ForwarderDeps) {
    this.#deps = deps;
    this.#client = new CentralClient(deps.http, deps.clock);
    this.#batchLimit = deps.config.central.batchSize;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#running = this.#loop().catch((error: unknown) => {
      this.#deps.log.error('forwarder stopped', { error: (error as Error).message });
    });
  }

  /** Waits for the round in progress (a request ends within its timeout). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
    for (const waiter of this.#roundWaiters.splice(0)) waiter();
    this.#deps.http.close();
  }

  /** Try now: skips the current wait (the technician's "send now", a new registration). */
  kick(): void {
    this.#nextAttemptMono = null;
    this.#nextAttemptAt = null;
    this.#lastPullMono = Number.NEGATIVE_INFINITY;
    this.#wake?.();
  }

  /** One pass now, for the technician's button: resolves when that pass has ended (at most `timeoutMs`). */
  async syncNow(timeoutMs = 30_000): Promise<void> {
    if (this.#stopped) {
      this.#lastPullMono = Number.NEGATIVE_INFINITY;
      this.#nextAttemptMono = null;
      this.#nextAttemptAt = null;
      await this.#round();
      return;
    }
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.#roundWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.kick();
    await done;
  }

  async register(input: { url?: string | undefined; pairingCode: string }): Promise<void> {
    const { config, credentials, db, log, version } = this.#deps;
    const url = input.url ?? config.central.url;
    if (!url) throw new DomainError('invalid_input', 'no central address: give one, or set central.url in the configuration');
    const site = config.central.site;
    if (!site) throw new DomainError('invalid_input', 'set central.site (code, province, regency) in the configuration before registering');
    const outcome = await this.#client.register(url, {
      pairingCode: input.pairingCode,
      installationId: installationId(db),
      site: { code: site.code, name: config.siteName, province: site.province, regency: site.regency },
      kioskType: `tipe-${config.kioskType}`,
      appVersion: version,
    });
    if (outcome.kind === 'ok') {
      credentials.save({ url, deviceId: outcome.value.deviceId, credential: outcome.value.credential, registeredAt: outcome.value.issuedAt });
      this.#client.dropToken();
      this.#revoked = false;
      this.#failures = 0;
      log.info('registered with central', { url });
      this.kick();
      return;
    }
    if (outcome.kind === 'retry') throw new DomainError('unavailable', `central could not be reached: ${outcome.reason}`);
    if (outcome.kind === 'unauthorized') throw new DomainError('invalid_input', 'central did not accept the pairing code (wrong, already used or expired)');
    if (outcome.status === 409) throw new DomainError('conflict', 'central says this kiosk is registered already; ask the ministry to revoke the old registration first');
    throw new DomainError('invalid_input', `central refused the registration: ${outcome.reason}`);
  }

  /**
   * A PP/PKB application's status, asked of central while the visitor waits. Not cached: it is
   * live data about one company, and an old answer shown as current would mislead.
   */
  async applicationStatus(number: string): Promise<ApplicationStatus> {
    const device = this.#device();
    if (!device || this.#revoked) throw new DomainError('unavailable', 'this kiosk is not connected to central SIAPkerja yet; ask at the desk');
    const outcome = await this.#client.agreementApplication(device, number);
    if (outcome.kind === 'ok') return { found: true, application: outcome.value };
    if (outcome.kind === 'refused' && outcome.status === 404) return { found: false };
    throw new DomainError('unavailable', 'central SIAPkerja cannot be reached right now; try again later or ask at the desk');
  }

  poisoned(limit = 200): PoisonedEvent[] {
    return poisonedOutbox(this.#deps.db, limit).map((row) => ({
      seq: row.seq,
      id: row.event_id,
      type: row.topic,
      occurredAt: row.occurred_at,
      poisonedAt: row.poisoned_at ?? row.occurred_at,
      error: row.last_error ?? '',
    }));
  }

  resend(seqs: readonly number[]): number {
    const requeued = requeuePoison(this.#deps.db, seqs);
    if (requeued > 0) this.kick();
    return requeued;
  }

  status(): CentralStatus {
    const { db, credentials, clock } = this.#deps;
    const stats = outboxStats(db);
    const device = this.#device();
    const lastErrorAt = centralState(db, 'last_error_at');
    const skew = centralState(db, 'clock_skew_seconds');
    const now = clock().getTime();
    return {
      state: this.#publicState(device),
      url: device?.url ?? this.#deps.config.central.url,
      deviceId: device?.deviceId ?? null,
      credentialStorage: device ? credentials.kind : 'none',
      backlog: stats.backlog,
      poisoned: stats.poisoned,
      heldSurveyResponses: heldSurveyResponses(db),
      oldestPendingAt: stats.oldestPendingAt,
      oldestPendingAgeSeconds: stats.oldestPendingAt ? Math.max(0, Math.round((now - Date.parse(stats.oldestPendingAt)) / 1000)) : null,
      lastSuccessAt: centralState(db, 'last_success_at') ?? null,
      lastError: this.#credentialProblem
        ? { at: clock().toISOString(), message: this.#credentialProblem }
        : lastErrorAt
          ? { at: lastErrorAt, message: centralState(db, 'last_error') ?? '' }
          : null,
      nextAttemptAt: this.#nextAttemptAt,
      clockSkewSeconds: skew === undefined ? null : Number(skew),
      pulls: PULLED_RESOURCE_NAMES.map((resource) => {
        const row = cachedResource(db, resource);
        return {
          resource,
          source: row?.body ? 'central' : 'shipped',
          fetchedAt: row?.fetched_at ?? null,
          checkedAt: row?.checked_at ?? null,
          lastError: row?.last_error ?? null,
        };
      }),
    };
  }

  #publicState(device: Device | undefined): ForwarderState {
    if (!device) return this.#deps.config.central.url ? 'not_registered' : 'not_configured';
    if (this.#revoked) return 'revoked';
    return this.#state;
  }

  #device(): Device | undefined {
    try {
      const stored = this.#deps.credentials.load();
      this.#credentialProblem = undefined;
      return stored ? { url: stored.url, deviceId: stored.deviceId, credential: stored.credential } : undefined;
    } catch (error) {
      const message = error instanceof CredentialUnreadable ? error.message : 'the central device credential cannot be read; register the kiosk again';
      if (this.#credentialProblem !== message) this.#deps.log.error('device credential unreadable', { error: message });
      this.#credentialProblem = message;
      return undefined;
    }
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      let waitMs: number;
      try {
        waitMs = await this.#round();
      } catch (error) {
        // A bug or a database problem must not end forwarding for good: note it, back off.
        this.#deps.log.error('forwarding round failed', { error: (error as Error).message });
        waitMs = this.#backoff((error as Error).message.slice(0, 200));
      }
      for (const waiter of this.#roundWaiters.splice(0)) waiter();
      if (this.#stopped) break;
      if (waitMs > 0) await this.#sleep(waitMs);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  /** One round: returns how long to wait before the next. */
  async #round(): Promise<number> {
    const { db, config } = this.#deps;
    const idleMs = config.central.intervalSeconds * 1000;
    const now = performance.now();
    if (this.#nextAttemptMono !== null && now < this.#nextAttemptMono) return this.#nextAttemptMono - now;
    this.#housekeeping();
    const device = this.#device();
    if (!device) return idleMs;

    if (now - this.#lastPullMono >= config.central.pullMinutes * 60_000) {
      this.#lastPullMono = now;
      await this.#pullAll(device);
      await this.#rotateIfDue(device);
    }

    const rows = pendingOutbox(db, 0, this.#batchLimit);
    if (rows.length === 0) {
      this.#state = 'idle';
      return idleMs;
    }
    this.#state = 'sending';
    const outcome = await this.#send(device, rows);
    if (outcome === 'progress') {
      this.#failures = 0;
      this.#nextAttemptMono = null;
      this.#nextAttemptAt = null;
      this.#state = 'idle';
      return 0;
    }
    if (outcome === 'revoked') {
      // A gateway's stray 401 must not end forwarding for good: try the credential again, slowly.
      this.#schedule(Math.max(REVOKED_RETRY_MS, config.central.maxBackoffSeconds * 1000));
      return this.#nextAttemptMono! - performance.now();
    }
    return this.#backoff(outcome.reason, outcome.retryAfterMs);
  }

  /** Releases finished days' survey responses and, once a day, purges delivered rows. */
  #housekeeping(): void {
    const { db, today, config, clock } = this.#deps;
    const day = today();
    releaseSurveyResponses(db, day, config.timeZone);
    if (this.#lastPurgeDay !== day) {
      this.#lastPurgeDay = day;
      const before = new Date(clock().getTime() - config.central.keepSentDays * 86_400_000).toISOString();
      purgeSentOutbox(db, before);
    }
  }

  #backoff(reason: string, retryAfterMs?: number): number {
    const { db, clock, config } = this.#deps;
    this.#failures += 1;
    const cap = config.central.maxBackoffSeconds * 1000;
    const exponential = Math.min(cap, BASE_BACKOFF_MS * 2 ** Math.min(this.#failures - 1, 20));
    // Full jitter: a fleet that lost the network together must not come back in step.
    const jittered = Math.round((this.#deps.random ?? Math.random)() * exponential);
    const waitMs = Math.max(retryAfterMs ?? 0, jittered, 200);
    const at = clock();
    this.#schedule(waitMs, at);
    this.#state = 'backing_off';
    try {
      setCentralState(db, 'last_error', reason.slice(0, 300));
      setCentralState(db, 'last_error_at', at.toISOString());
    } catch (error) {
      // A full or locked disk must not end the loop; the next round tries again.
      this.#deps.log.error('forwarder bookkeeping not written', { error: (error as Error).message });
    }
    if (this.#failures === 1 || this.#failures % 10 === 0) this.#deps.log.warn('central not reached', { reason: reason.slice(0, 200), attempt: this.#failures, ms: waitMs });
    return waitMs;
  }

  #schedule(waitMs: number, from: Date = this.#deps.clock()): void {
    this.#nextAttemptMono = performance.now() + waitMs;
    this.#nextAttemptAt = new Date(from.getTime() + waitMs).toISOString();
  }

  async #send(device: Device, rows: OutboxRow[]): Promise<'progress' | 'revoked' | { reason: string; retryAfterMs?: number }> {
    const { db, clock, log } = this.#deps;
    const events: CentralEvent[] = [];
    const seqById = new Map<string, number>();
    for (const row of rows) {
      const decoded = decodeOutboxRow(row, this.#deps.cipher);
      if ('problem' in decoded) {
        // The kiosk's own contract check failed: a bug on this side. Quarantined, visible, never sent.
        markOutboxPoison(db, row.seq, `invalid on the kiosk: ${decoded.problem}`, clock().toISOString());
        log.error('outbox event does not match the central contract', { kind: row.topic, reason: decoded.problem.slice(0, 200) });
        continue;
      }
      events.push(decoded.event);
      seqById.set(decoded.event.id, row.seq);
    }
    if (events.length === 0) return 'progress';

    const outcome = await this.#client.upload(device, { installationId: installationId(db), sentAt: clock().toISOString(), events });
    return this.#settle(outcome, events, seqById);
  }

  #settle(
    outcome: CallOutcome<{ results: { id: string; status: 'stored' | 'duplicate' | 'rejected'; error?: { code: string; message: string } | undefined }[] }>,
    events: CentralEvent[],
    seqById: Map<string, number>,
  ): 'progress' | 'revoked' | { reason: string; retryAfterMs?: number } {
    const { db, clock, log, config } = this.#deps;
    const now = clock().toISOString();
    if (outcome.kind === 'ok') {
      const delivered: number[] = [];
      let rejected = 0;
      for (const result of outcome.value.results) {
        const seq = seqById.get(result.id);
        if (seq === undefined) continue;
        if (result.status === 'rejected') {
          rejected += 1;
          markOutboxPoison(db, seq, `central rejected it: ${result.error?.code ?? ''} ${result.error?.message ?? ''}`.trim(), now);
        } else {
          delivered.push(seq);
        }
      }
      markOutboxSent(db, delivered, now);
      this.#revoked = false;
      if (rejected > 0) log.warn('central rejected events; quarantined', { count: rejected });
      setCentralState(db, 'last_success_at', now);
      // Back to full-size batches once central accepts again.
      this.#batchLimit = Math.min(config.central.batchSize, this.#batchLimit * 2);
      // Events central did not answer for stay pending and go again next round.
      return delivered.length + rejected > 0 ? 'progress' : { reason: 'central answered none of the events in the batch' };
    }
    if (outcome.kind === 'unauthorized') {
      this.#revoked = true;
      this.#state = 'revoked';
      setCentralState(db, 'last_error', `credential refused: ${outcome.reason}`.slice(0, 300));
      setCentralState(db, 'last_error_at', now);
      log.error('central refused the device credential; register the kiosk again', { reason: outcome.reason.slice(0, 200) });
      return 'revoked';
    }
    if (outcome.kind === 'refused') {
      if (outcome.status === 413) {
        if (events.length > 1) {
          // Too large for central: smaller batches (a bounded number of halvings, then full size again).
          this.#batchLimit = Math.max(1, Math.floor(events.length / 2));
          return 'progress';
        }
        markOutboxPoison(db, seqById.get(events[0]!.id) ?? 0, `central refused it as too large: ${outcome.reason}`, now);
        return 'progress';
      }
      // Central names the events it cannot take (`/events/3/...`): only those are quarantined.
      const named = new Set(
        (outcome.problem?.errors ?? []).flatMap((error) => {
          const match = /^\/events\/(\d+)(\/|$)/.exec(error.path);
          return match ? [Number(match[1])] : [];
        }),
      );
      const culprits = [...named].filter((index) => index < events.length);
      if ((outcome.status === 400 || outcome.status === 422) && culprits.length > 0) {
        for (const index of culprits) markOutboxPoison(db, seqById.get(events[index]!.id) ?? 0, `central refused it: ${outcome.reason}`, now);
        return 'progress';
      }
      // Anything else (a gateway's 403 or 404, a moved path, 409, 415) says the way to central is
      // wrong, not the events: nothing is quarantined, the error shows, and the kiosk keeps trying.
      noteOutboxAttempt(db, [...seqById.values()], outcome.reason);
      return { reason: outcome.reason };
    }
    noteOutboxAttempt(db, [...seqById.values()], outcome.reason);
    return { reason: outcome.reason, ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) };
  }

  async #pullAll(device: Device): Promise<void> {
    const { db, clock, log } = this.#deps;
    await this.#checkClock(device);
    for (const resource of PULLED_RESOURCE_NAMES) {
      const row = cachedResource(db, resource);
      const outcome = await this.#client.pull(device, resource, row?.body ? row.etag : null);
      const at = clock().toISOString();
      if (outcome.kind !== 'ok') {
        noteResourceCheck(db, resource, at, outcome.reason);
        if (outcome.kind === 'unauthorized') return;
        continue;
      }
      if (outcome.value.notModified) {
        noteResourceCheck(db, resource, at, null);
        continue;
      }
      const problem = checkResource(resource, outcome.value.body);
      if (problem) {
        // The last good copy stays in use; the technician sees why the new one was refused.
        noteResourceCheck(db, resource, at, `refused: ${problem}`);
        log.warn('central sent a resource that does not match the contract; kept the last good copy', { kind: resource, reason: problem.slice(0, 200) });
        continue;
      }
      storeResource(db, resource, outcome.value.etag, outcome.value.body, at);
      log.info('central resource updated', { kind: resource });
      this.#deps.onResource?.(resource);
    }
  }

  async #checkClock(device: Device): Promise<void> {
    const { clock, db } = this.#deps;
    const sent = clock().getTime();
    const outcome = await this.#client.time(device.url);
    if (outcome.kind !== 'ok') return;
    const received = clock().getTime();
    const skew = ((sent + received) / 2 - Date.parse(outcome.value.serverTime)) / 1000;
    setCentralState(db, 'clock_skew_seconds', skew.toFixed(1));
    if (Math.abs(skew) > 120) this.#deps.log.warn('kiosk clock differs from central', { ms: Math.round(skew * 1000) });
  }

  /** A credential older than 30 days is exchanged for a new one (the old works until the new is used). */
  async #rotateIfDue(device: Device): Promise<void> {
    const { credentials, clock, log } = this.#deps;
    const stored = credentials.load();
    if (!stored || clock().getTime() - Date.parse(stored.registeredAt) < ROTATE_AFTER_MS) return;
    const outcome = await this.#client.rotate(device);
    if (outcome.kind !== 'ok') return;
    credentials.save({ ...stored, credential: outcome.value.credential, registeredAt: outcome.value.issuedAt });
    this.#client.dropToken();
    log.info('device credential rotated', {});
  }
}

/** A pulled body must match the contract, and a catalogue must name only services the kiosk knows. */
export function checkResource(resource: PulledResource, body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'not JSON';
  }
  const parsed = PULLED_RESOURCES[resource].schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim().slice(0, 300);
  }
  if (resource === 'catalogue') {
    const unknown = (parsed.data as { services: { code: string }[] }).services.filter((service) => !isServiceOfDesk(Number(service.code[1]), service.code));
    if (unknown.length > 0) return `services this kiosk does not know: ${unknown.map((service) => service.code).slice(0, 5).join(', ')}`;
  }
  return undefined;
}

/** An outbox row as the event central receives: personal fields unsealed, checked against the contract. */
export function decodeOutboxRow(row: OutboxRow, cipher: FieldCipher): { event: CentralEvent } | { problem: string } {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(row.payload) as Record<string, unknown>;
    const sealed = payload[SEALED_KEY];
    if (typeof sealed === 'string') {
      delete payload[SEALED_KEY];
      Object.assign(payload, JSON.parse(cipher.open(sealed)) as Record<string, unknown>);
    } else if (PERSONAL_FIELDS[row.topic as CentralEventType] && row.state !== 'pending') {
      return { problem: 'personal data already removed' };
    }
  } catch (error) {
    return { problem: `unreadable payload (${(error as Error).message.slice(0, 100)})` };
  }
  const parsed = CentralEventSchema.safeParse({ id: row.event_id, seq: row.seq, type: row.topic, occurredAt: row.occurred_at, payload });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim().slice(0, 300) };
  }
  return { event: parsed.data as CentralEvent };
}
