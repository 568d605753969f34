import { hostname } from 'node:os';
import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { MIN_TOKEN_SECRET_LENGTH, verifyAccessToken } from './accessToken.js';
import { applicationFixtureProblems, indexApplications } from './agreementApplications.js';
import { applySchema, isDatabaseUnavailable, openDatabase, type Database } from './database.js';
import {
  authenticateDevice,
  createPairingCode,
  isAdminToken,
  issueToken,
  registerDevice,
  revokeDevice,
  rotateCredential,
  type Device,
  type RegistrationRequest,
} from './deviceAuth.js';
import { storeEvents, type ValidEvent } from './eventStore.js';
import { FAULT_SETTINGS_SCHEMA, FaultInjector, type FaultAction, type FaultSettings, type FaultTarget } from './faults.js';
import { FixtureStore, etagMatches, isFixtureName, loadFixture, serveFixture, type FixtureName, type ServedFixture } from './fixtures.js';
import { compileLocalSchema, loadCentralApiDocument, validationProblems, type CentralApiDocument, type DocumentOperation } from './openApiValidator.js';
import { ProblemError, problem, sendProblem, type ValidationProblem } from './problems.js';
import { locateReceiverFiles, type ReceiverFiles } from './receiverFiles.js';

/**
 * The reference central receiver: every operation of docs/api/central-api.openapi.json over
 * Fastify, with PostgreSQL holding all state, so instances behind a load balancer share nothing but
 * the database and the token secret. Run it with `npm run receiver` (main.ts) or, in tests,
 * `startCentralReceiver`.
 */

export interface CentralReceiverOptions {
  databaseUrl: string;
  /** Default 127.0.0.1: put TLS and the public address in front of it (a proxy or load balancer). */
  host?: string;
  /** Default 0: any free port (see `port` of the result). */
  port?: number;
  /** HMAC key of the access tokens, the same for every instance; at least 32 characters. */
  tokenSecret: string;
  /** The ministry operator's bearer token for /v1/admin/*; at least 16 characters. */
  adminToken: string;
  /** Names this instance in the X-Receiver-Instance header and in its stats. */
  instance?: string;
  faults?: FaultSettings;
  /** A folder whose `<name>.json` (config, catalogue, content, vacancies, agreement-applications) replace the shipped fixtures. */
  fixturesDir?: string;
  /**
   * How many proxies stand in front (a load balancer: 1). The client address is then taken that many
   * hops from the right of X-Forwarded-For — never the leftmost entry, which the client writes.
   */
  trustProxy?: number;
  /** Apply schema.sql at start (default true). */
  applySchema?: boolean;
  /** Fastify's logger; off by default (tests). */
  logger?: FastifyServerOptions['logger'];
  poolSize?: number;
  files?: ReceiverFiles;
}

export interface ReceiverStats {
  instance: string;
  requests: { total: number; byRoute: Record<string, number> };
  faults: { settings: FaultSettings; injected: Record<FaultAction, number> };
  events: { stored: number; duplicate: number; rejected: number };
}

export interface CentralReceiver {
  url: string;
  port: number;
  instance: string;
  /** Stops listening, drops held connections, ends the database pool. Safe to call twice. */
  close(): Promise<void>;
  setFaults(settings: FaultSettings): void;
  stats(): ReceiverStats;
  /** Serves `value` as the named resource (or, for agreement-applications, looks up in it) on every instance; refused when it does not match the document, unless `unchecked`. */
  setFixture(name: FixtureName, value: unknown, options?: { unchecked?: boolean }): Promise<{ etag: string }>;
  /** Back to the fixture each instance loaded at start. */
  resetFixture(name: FixtureName): Promise<void>;
}

const KIB = 1024;
const MIB = 1024 * KIB;
/** 500 events of a few KiB each, with room; anything bigger is not a kiosk's batch. */
const EVENTS_BODY_LIMIT = 4 * MIB;
const FIXTURE_BODY_LIMIT = 8 * MIB;
const DEFAULT_BODY_LIMIT = 64 * KIB;
const DATABASE_RETRY_AFTER_SECONDS = 5;
const MIN_ADMIN_TOKEN_LENGTH = 16;

/** uploadEvents checks its body itself: one bad event must not turn the whole batch into a 400. */
const VALIDATES_OWN_BODY = new Set(['uploadEvents']);

interface Call {
  request: FastifyRequest;
  body: unknown;
  params: Record<string, string>;
  device: Device | null;
}

interface Answer {
  status: number;
  body?: unknown;
  /** A pulled resource's stored bytes, checked when they were set (or deliberately not). */
  raw?: string;
  headers?: Record<string, string>;
}

type OperationHandler = (call: Call) => Promise<Answer>;

export async function startCentralReceiver(options: CentralReceiverOptions): Promise<CentralReceiver> {
  if (options.tokenSecret.length < MIN_TOKEN_SECRET_LENGTH) throw new Error(`central receiver: the token secret must have at least ${MIN_TOKEN_SECRET_LENGTH} characters`);
  if (options.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) throw new Error(`central receiver: the admin token must have at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
  const files = options.files ?? locateReceiverFiles();
  const document = loadCentralApiDocument(files.openApiDocument);
  const instance = options.instance ?? `${hostname()}-${process.pid}`;
  const db = openDatabase(options.databaseUrl, options.poolSize);
  try {
    if (options.applySchema !== false) await applySchema(db, files.schemaSql);
    const receiver = new Receiver(options, files, document, db, instance);
    return await receiver.start();
  } catch (error) {
    await db.end().catch(() => {});
    throw error;
  }
}

class Receiver {
  private readonly app: FastifyInstance;
  private readonly faults: FaultInjector;
  private readonly fixtures: FixtureStore;
  private readonly fixtureByOperation = new Map<string, FixtureName>();
  /** The applications fixture indexed by number, for the bytes with this ETag. */
  private applications: { etag: string; byNumber: ReadonlyMap<string, unknown> } | undefined;
  private readonly held = new Set<Socket>();
  private readonly shutdown = new AbortController();
  private readonly counts = { total: 0, byRoute: {} as Record<string, number> };
  private readonly eventCounts = { stored: 0, duplicate: 0, rejected: 0 };
  private closing: Promise<void> | null = null;

  constructor(
    private readonly options: CentralReceiverOptions,
    files: ReceiverFiles,
    private readonly document: CentralApiDocument,
    private readonly db: Database,
    private readonly instance: string,
  ) {
    this.faults = new FaultInjector(options.faults);
    const defaults = new Map<FixtureName, ServedFixture>();
    const responseOf = new Map<FixtureName, DocumentOperation>();
    const validateApplication = document.operations.find((operation) => operation.operationId === 'getAgreementApplication')?.response;
    const check = (name: FixtureName, value: unknown): ValidationProblem[] => {
      if (name === 'agreement-applications') return validateApplication ? applicationFixtureProblems(value, validateApplication) : [];
      const validate = responseOf.get(name)?.response;
      return validate && !validate(value) ? validationProblems(validate.errors) : [];
    };
    const load = (name: FixtureName) => {
      const value = loadFixture(name, files, options.fixturesDir);
      const problems = check(name, value);
      if (problems.length > 0) {
        throw new Error(`central receiver: the ${name} fixture does not match the document: ${problems.slice(0, 5).map((p) => `${p.path} ${p.message}`).join('; ')}`);
      }
      defaults.set(name, serveFixture(value));
    };
    for (const operation of document.operations.filter((candidate) => candidate.etag)) {
      const name = operation.path.replace(/^\/v1\//, '');
      if (!isFixtureName(name)) throw new Error(`central receiver: no fixture for the pulled resource ${operation.path}`);
      responseOf.set(name, operation);
      this.fixtureByOperation.set(operation.operationId, name);
      load(name);
    }
    if (validateApplication) load('agreement-applications');
    this.fixtures = new FixtureStore(db, defaults, check);
    const hops: number | undefined = options.trustProxy;
    this.app = Fastify({
      logger: options.logger ?? false,
      // The hop count as a trust function (the form Fastify's types accept): trust the nearest `hops` proxies.
      ...(hops === undefined ? {} : { trustProxy: (_address: string, hop: number) => hop < hops }),
      bodyLimit: DEFAULT_BODY_LIMIT,
      // Held (timeout fault) and keep-alive sockets must not keep close() waiting.
      forceCloseConnections: true,
      return503OnClosing: true,
    });
  }

  async start(): Promise<CentralReceiver> {
    const { app } = this;
    // An empty body on a POST that declares none is no body, not broken JSON.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (body === '') {
        done(null, undefined);
        return;
      }
      parseJson(request, body as string, done);
    });
    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-receiver-instance', this.instance);
      const route = `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
      this.counts.total += 1;
      this.counts.byRoute[route] = (this.counts.byRoute[route] ?? 0) + 1;
    });
    app.setErrorHandler((error, request, reply) => this.answerError(error, request, reply));
    app.setNotFoundHandler((_request, reply) => sendProblem(reply, problem('not_found', 'no such operation in this API')));

    const handlers = this.handlers();
    const documented = new Set(this.document.operations.map((operation) => operation.operationId));
    const missing = [...documented].filter((id) => !handlers.has(id));
    const extra = [...handlers.keys()].filter((id) => !documented.has(id));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(`central receiver and document disagree: not implemented ${JSON.stringify(missing)}, not documented ${JSON.stringify(extra)}`);
    }
    for (const operation of this.document.operations) {
      const handler = handlers.get(operation.operationId)!;
      app.route({
        method: operation.method,
        url: operation.routePath,
        bodyLimit: operation.operationId === 'uploadEvents' ? EVENTS_BODY_LIMIT : DEFAULT_BODY_LIMIT,
        handler: (request, reply) => this.run(operation, handler, request, reply),
      });
    }
    this.adminExtras();

    await app.listen({ host: this.options.host ?? '127.0.0.1', port: this.options.port ?? 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('central receiver: not listening on TCP');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
      url: `http://${host}:${address.port}`,
      port: address.port,
      instance: this.instance,
      close: () => this.close(),
      setFaults: (settings) => this.faults.set(settings),
      stats: () => this.stats(),
      setFixture: async (name, value, fixtureOptions) => {
        const { served, problems } = await this.fixtures.replace(name, value, fixtureOptions);
        if (problems.length > 0) throw new Error(`the ${name} fixture does not match the document: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
        return { etag: served.etag };
      },
      resetFixture: (name) => this.fixtures.reset(name),
    };
  }

  private stats(): ReceiverStats {
    return {
      instance: this.instance,
      requests: { total: this.counts.total, byRoute: { ...this.counts.byRoute } },
      faults: { settings: this.faults.settings(), injected: { ...this.faults.injected } },
      events: { ...this.eventCounts },
    };
  }

  private close(): Promise<void> {
    this.closing ??= (async () => {
      this.shutdown.abort();
      for (const socket of this.held) socket.destroy();
      await this.app.close();
      await this.db.end();
    })();
    return this.closing;
  }

  /** Faults first (a failing load balancer answers before anything else), then auth, input, the handler. */
  private async run(operation: DocumentOperation, handler: OperationHandler, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const target: FaultTarget | null =
      operation.operationId === 'uploadEvents' ? 'events' : operation.etag ? 'pull' : operation.operationId === 'getAgreementApplication' ? 'applications' : null;
    const fault = target ? this.faults.draw(target) : null;
    switch (fault) {
      case '5xx':
        throw new ProblemError('unavailable', 'fault injected by the reference receiver', { retryAfterSeconds: 1 });
      case '429':
        throw new ProblemError('rate_limited', 'fault injected by the reference receiver', { retryAfterSeconds: 1 });
      case 'timeout':
        return this.hold(request, reply);
      case 'reset_before':
        return this.reset(request, reply);
      case 'slow':
        await delay(this.faults.slowMs, undefined, { signal: this.shutdown.signal });
        break;
      default:
        break;
    }
    let answer: Answer;
    try {
      answer = await this.answer(operation, handler, request);
    } catch (error) {
      if (fault === 'reset_after') return this.reset(request, reply);
      throw error;
    }
    if (fault === 'reset_after') return this.reset(request, reply);
    return this.send(operation, answer, reply);
  }

  private async answer(operation: DocumentOperation, handler: OperationHandler, request: FastifyRequest): Promise<Answer> {
    const device = operation.auth === 'device' ? await this.requireDevice(request) : null;
    if (operation.auth === 'admin') this.requireAdmin(request);
    const params = (request.params ?? {}) as Record<string, string>;
    const problems: ValidationProblem[] = [];
    for (const parameter of operation.parameters) {
      const value =
        parameter.in === 'path' ? params[parameter.name] : parameter.in === 'header' ? request.headers[parameter.name.toLowerCase()] : (request.query as Record<string, unknown>)[parameter.name];
      const where = `/${parameter.in}/${parameter.name}`;
      if (value === undefined) {
        if (parameter.required) problems.push({ path: where, message: 'is required' });
      } else if (!parameter.validate(value)) {
        problems.push(...validationProblems(parameter.validate.errors, where));
      }
    }
    if (operation.requestBody && !VALIDATES_OWN_BODY.has(operation.operationId)) {
      if (request.body === undefined) problems.push({ path: '/', message: 'a JSON body is required' });
      else if (!operation.requestBody(request.body)) problems.push(...validationProblems(operation.requestBody.errors));
    }
    if (problems.length > 0) throw new ProblemError('invalid_request', `the request does not match ${operation.operationId} in the document`, { errors: problems });
    return handler({ request, body: request.body, params, device });
  }

  /** Our own answers are held to the document too, so the receiver cannot drift from what it publishes. */
  private send(operation: DocumentOperation, answer: Answer, reply: FastifyReply): FastifyReply {
    for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
    reply.code(answer.status);
    if (answer.raw !== undefined) return reply.type('application/json; charset=utf-8').send(answer.raw);
    if (answer.body === undefined) return reply.send();
    if (answer.status === operation.successStatus && operation.response && !operation.response(answer.body)) {
      const problems = validationProblems(operation.response.errors);
      throw new Error(`${operation.operationId}: the receiver's answer does not match the document: ${JSON.stringify(problems.slice(0, 5))}`);
    }
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer.body));
  }

  private hold(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    reply.hijack();
    const socket = request.raw.socket;
    this.held.add(socket);
    const timer = setTimeout(() => socket.destroy(), this.faults.timeoutMs);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      this.held.delete(socket);
    });
    return reply;
  }

  private reset(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    reply.hijack();
    request.raw.socket.destroy();
    return reply;
  }

  private bearer(request: FastifyRequest): string | null {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([\x21-\x7e]{1,2000})$/i.exec(header) : null;
    return match?.[1] ?? null;
  }

  private async requireDevice(request: FastifyRequest): Promise<Device> {
    const token = this.bearer(request);
    if (!token) throw new ProblemError('unauthenticated', 'a bearer access token from POST /v1/auth/token is required');
    const device = await authenticateDevice(this.db, this.options.tokenSecret, token);
    if (!device) throw new ProblemError('unauthenticated', 'the access token is invalid or expired, or its device was revoked or its credential retired');
    return device;
  }

  private requireAdmin(request: FastifyRequest): void {
    const token = this.bearer(request);
    if (!token) throw new ProblemError('unauthenticated', 'the ministry operator token is required');
    if (isAdminToken(this.options.adminToken, token)) return;
    const check = verifyAccessToken(this.options.tokenSecret, token);
    if (check.ok || check.reason === 'expired') throw new ProblemError('forbidden', 'a device cannot call ministry operations');
    throw new ProblemError('unauthenticated', 'the ministry operator token is wrong');
  }

  private handlers(): Map<string, OperationHandler> {
    const handlers = new Map<string, OperationHandler>([
      ['registerDevice', (call) => this.registerDevice(call)],
      ['issueToken', (call) => this.issueToken(call)],
      ['rotateCredential', (call) => this.rotateCredential(call)],
      ['uploadEvents', (call) => this.uploadEvents(call)],
      ['getTime', async () => ({ status: 200, body: { serverTime: new Date().toISOString() } })],
      ['createPairingCode', (call) => this.createPairingCode(call)],
      ['revokeDevice', (call) => this.revokeDevice(call)],
      ['getAgreementApplication', (call) => this.agreementApplication(call)],
    ]);
    for (const [operationId, name] of this.fixtureByOperation) handlers.set(operationId, (call) => this.pull(name, call));
    return handlers;
  }

  private async registerDevice({ request, body }: Call): Promise<Answer> {
    const outcome = await registerDevice(this.db, body as RegistrationRequest, request.ip);
    if (outcome.ok) {
      const { deviceId, credential, issuedAt } = outcome;
      return { status: 201, body: { deviceId, credential, issuedAt }, headers: { 'cache-control': 'no-store' } };
    }
    switch (outcome.reason) {
      case 'rate_limited':
        throw new ProblemError('rate_limited', 'too many wrong pairing codes from this address', { retryAfterSeconds: outcome.retryAfterSeconds });
      case 'wrong_code':
        throw new ProblemError('unauthenticated', 'the pairing code is wrong, used or expired');
      case 'installation_registered':
        throw new ProblemError('conflict', 'this installation is registered already; the ministry revokes its device before it registers again');
    }
  }

  private async issueToken({ body }: Call): Promise<Answer> {
    const { deviceId, credential } = body as { deviceId: string; credential: string };
    const token = await issueToken(this.db, this.options.tokenSecret, deviceId, credential);
    if (!token) throw new ProblemError('unauthenticated', 'unknown or revoked device, or wrong credential');
    return { status: 200, body: token, headers: { 'cache-control': 'no-store' } };
  }

  private async rotateCredential({ device }: Call): Promise<Answer> {
    const rotated = await rotateCredential(this.db, device!.deviceId);
    if (!rotated) throw new ProblemError('unauthenticated', 'the device was revoked');
    return { status: 200, body: rotated, headers: { 'cache-control': 'no-store' } };
  }

  private async createPairingCode({ body }: Call): Promise<Answer> {
    const { siteCode, note } = body as { siteCode: string; note?: string };
    return { status: 201, body: await createPairingCode(this.db, siteCode, note) };
  }

  private async revokeDevice({ params }: Call): Promise<Answer> {
    if (!(await revokeDevice(this.db, params.deviceId ?? ''))) throw new ProblemError('not_found', 'no such device');
    return { status: 204 };
  }

  private async pull(name: FixtureName, { request }: Call): Promise<Answer> {
    const served = await this.fixtures.current(name);
    // no-cache: a cache in between may keep the body but must ask again, with the ETag.
    const headers = { etag: served.etag, 'cache-control': 'no-cache' };
    const ifNoneMatch = request.headers['if-none-match'];
    if (etagMatches(typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined, served.etag)) return { status: 304, headers };
    return { status: 200, raw: served.body, headers };
  }

  private async agreementApplication({ params }: Call): Promise<Answer> {
    const served = await this.fixtures.current('agreement-applications');
    if (this.applications?.etag !== served.etag) this.applications = { etag: served.etag, byNumber: indexApplications(served.body) };
    // The router has already decoded the number's %2F back into slashes.
    const application = this.applications.byNumber.get(params.number ?? '');
    if (application === undefined) throw new ProblemError('not_found', 'central knows no PP/PKB application with this number');
    // A status of the moment: neither the kiosk nor anything in between may keep it.
    return { status: 200, body: application, headers: { 'cache-control': 'no-store' } };
  }

  private async uploadEvents({ body, device }: Call): Promise<Answer> {
    const { document } = this;
    if (!document.validateBatchEnvelope(body)) {
      throw new ProblemError('invalid_request', 'the batch envelope does not match UploadEventsRequest', { errors: validationProblems(document.validateBatchEnvelope.errors) });
    }
    const batch = body as { installationId: string; sentAt: string; events: Array<{ id: string; seq: number; type: string }> };
    // The credential belongs to another installation (say, a kiosk database replaced while its
    // credential was kept). 401, not 400: nothing in the events is wrong, and a kiosk answered 400
    // would quarantine them one by one; a 401 makes it ask for a new registration instead.
    if (batch.installationId.toLowerCase() !== device!.installationId.toLowerCase()) {
      throw new ProblemError('unauthenticated', 'this device is registered for another installation; register this one with a new pairing code', {
        errors: [{ path: '/installationId', message: 'is not the installation this device registered' }],
      });
    }
    type Result = { id: string; status: 'stored' | 'duplicate' | 'rejected'; error?: { code: string; message: string } };
    const results: Array<Result | null> = [];
    const valid: ValidEvent[] = [];
    const firstAt = new Map<string, number>();
    for (const [index, event] of batch.events.entries()) {
      const why = document.eventProblem(event);
      if (why !== null) {
        results.push({ id: event.id, status: 'rejected', error: { code: 'invalid_event', message: why } });
        continue;
      }
      results.push(null);
      if (!firstAt.has(event.id)) {
        firstAt.set(event.id, index);
        valid.push(event as ValidEvent);
      }
    }
    const { inserted, unstorable, foreign } = await storeEvents(this.db, { deviceId: device!.deviceId, installationId: device!.installationId, sentAt: batch.sentAt }, valid);
    const answered = results.map((result, index): Result => {
      if (result) return result;
      const id = batch.events[index]!.id;
      const why = unstorable.get(id);
      if (why !== undefined) return { id, status: 'rejected', error: { code: 'invalid_event', message: why } };
      if (foreign.has(id)) return { id, status: 'rejected', error: { code: 'id_conflict', message: 'another installation holds an event with this id (a copied kiosk database?)' } };
      return { id, status: inserted.has(id) && firstAt.get(id) === index ? 'stored' : 'duplicate' };
    });
    for (const result of answered) this.eventCounts[result.status] += 1;
    return { status: 200, body: { results: answered } };
  }

  /** The receiver's own controls for tests and operators, outside the contract, all behind the admin token. */
  private adminExtras(): void {
    const { app } = this;
    const validateFaults = compileLocalSchema(FAULT_SETTINGS_SCHEMA);
    app.post('/v1/admin/faults', async (request, reply) => {
      this.requireAdmin(request);
      if (!validateFaults(request.body)) throw new ProblemError('invalid_request', 'not fault settings', { errors: validationProblems(validateFaults.errors) });
      this.faults.set(request.body as FaultSettings);
      return reply.code(200).send(this.faults.settings());
    });
    app.get('/v1/admin/stats', async (request, reply) => {
      this.requireAdmin(request);
      return reply.code(200).send(this.stats());
    });
    app.post<{ Params: { name: string }; Querystring: { unchecked?: string } }>('/v1/admin/fixtures/:name', { bodyLimit: FIXTURE_BODY_LIMIT }, async (request, reply) => {
      this.requireAdmin(request);
      const { name } = request.params;
      if (!isFixtureName(name)) throw new ProblemError('not_found', 'no such fixture');
      if (request.body === undefined) throw new ProblemError('invalid_request', 'a JSON body is required');
      const unchecked = request.query.unchecked === 'true' || request.query.unchecked === '1';
      const { served, problems } = await this.fixtures.replace(name, request.body, { unchecked });
      if (problems.length > 0) throw new ProblemError('invalid_request', `the body does not match the ${name} schema of the document`, { errors: problems });
      return reply.code(200).send({ name, etag: served.etag, checked: !unchecked });
    });
    app.delete<{ Params: { name: string } }>('/v1/admin/fixtures/:name', async (request, reply) => {
      this.requireAdmin(request);
      const { name } = request.params;
      if (!isFixtureName(name)) throw new ProblemError('not_found', 'no such fixture');
      await this.fixtures.reset(name);
      return reply.code(204).send();
    });
    app.get('/healthz', async (_request, reply) => {
      await this.db.query('SELECT 1');
      return reply.code(200).send({ status: 'ok', instance: this.instance });
    });
  }

  private answerError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    if (reply.sent || request.raw.socket.destroyed) return reply;
    if (error instanceof ProblemError) return sendProblem(reply, error.problem, error.retryAfterSeconds);
    const { code, statusCode, message } = (error ?? {}) as { code?: string; statusCode?: number; message?: string };
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) return sendProblem(reply, problem('payload_too_large', 'the body is larger than this operation accepts'));
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || statusCode === 415) return sendProblem(reply, problem('invalid_request', 'send the body as application/json'));
    if (statusCode === 400) return sendProblem(reply, problem('invalid_request', `the body is not readable JSON: ${message ?? ''}`.trim()));
    if (isDatabaseUnavailable(error)) return sendProblem(reply, problem('unavailable', 'the receiver cannot reach its database'), DATABASE_RETRY_AFTER_SECONDS);
    if (error instanceof Error && error.name === 'AbortError') return sendProblem(reply, problem('unavailable', 'the receiver is shutting down'), 1);
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return sendProblem(reply, problem('invalid_request', message));
    request.log.error({ err: error }, 'central receiver: unexpected error');
    return sendProblem(reply, problem('internal'));
  }
}
