import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgreementApplicationSchema,
  CatalogueSchema,
  CentralConfigSchema,
  ContentSchema,
  PairingCodeResponseSchema,
  ProblemSchema,
  RegistrationResponseSchema,
  RotationResponseSchema,
  TokenResponseSchema,
  VacanciesSchema,
  type AgreementApplication,
} from '../../src/central/api.js';
import {
  CentralEventSchema,
  EventBatchResultSchema,
  EventBatchSchema,
  type CentralEvent,
  type CentralEventPayload,
  type CentralEventType,
  type EventBatch,
} from '../../src/central/events.js';
import { SERVICE_CATALOGUE } from '../../src/domain/serviceCatalogue.js';
import { signAccessToken } from '../../tools/central-receiver/accessToken.js';
import { startCentralReceiver, type CentralReceiver } from '../../tools/central-receiver/server.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwawayPostgres.js';

/**
 * The reference central receiver against a real PostgreSQL of its own: registration, tokens,
 * rotation and revocation; batches stored once whatever arrives twice, also when two instances
 * sharing the database get the same batch at the same moment; pulls with ETags; the PP/PKB
 * application lookup; every injected
 * fault seen from the client's side; and the national view's numbers worked out by hand.
 * Requests are checked against the zod contract here while the receiver checks them against the
 * OpenAPI document, so a drift between the two shows up as a failure.
 */

const TOKEN_SECRET = randomBytes(32).toString('base64url');
const ADMIN_TOKEN = `admin-${randomBytes(16).toString('hex')}`;

let database: ThrowawayPostgres;
let receiverA: CentralReceiver;
let receiverB: CentralReceiver;
let sql: pg.Pool;

beforeAll(async () => {
  database = await startThrowawayPostgres();
  const common = { databaseUrl: database.url, tokenSecret: TOKEN_SECRET, adminToken: ADMIN_TOKEN, trustProxy: 1 };
  [receiverA, receiverB] = await Promise.all([
    startCentralReceiver({ ...common, instance: 'receiver-a' }),
    startCentralReceiver({ ...common, instance: 'receiver-b' }),
  ]);
  sql = new pg.Pool({ connectionString: database.url, max: 2 });
  await sql.query(readFileSync('tools/central-receiver/national-view.sql', 'utf8'));
});

afterAll(async () => {
  await Promise.all([receiverA?.close(), receiverB?.close()]);
  await sql?.end();
  await database?.stop();
});

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Headers;
  // The receiver's answers are checked with the contract's schemas where their shape matters.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

interface CallOptions {
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  token?: string;
  /** The client address the receiver sees (X-Forwarded-For; the receivers trust the proxy header). */
  from?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function call(receiver: CentralReceiver, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.from) headers['x-forwarded-for'] = options.from;
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    body = options.rawBody ?? JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(`${receiver.url}${path}`, { method, headers, body, ...(options.signal ? { signal: options.signal } : {}) });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: text && /json/.test(type) ? JSON.parse(text) : text };
}

function expectProblem(answer: Answer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(ProblemSchema.safeParse(answer.body).success).toBe(true);
  expect(answer.body).toMatchObject({ type: 'about:blank', status });
}

const admin = { token: ADMIN_TOKEN };

// ---------------------------------------------------------------------------------------------
// Kiosks and their events
// ---------------------------------------------------------------------------------------------

interface Site {
  code: string;
  name: string;
  province: string;
  regency: string;
}

interface TestKiosk {
  deviceId: string;
  credential: string;
  installationId: string;
  token: string;
  site: Site;
  seq: number;
}

/** Sites of the tests other than the national view's, in a province that view's checks leave out. */
function testSite(): Site {
  return { code: `TEST-${randomBytes(3).toString('hex').toUpperCase()}`, name: 'Kios uji', province: 'Banten', regency: 'Kota Serang' };
}

async function pairingCode(siteCode: string, receiver = receiverA): Promise<string> {
  const answer = await call(receiver, 'POST', '/v1/admin/pairing-codes', { ...admin, body: { siteCode } });
  expect(answer.status).toBe(201);
  return PairingCodeResponseSchema.parse(answer.body).pairingCode;
}

function registration(code: string, site: Site, installationId: string = randomUUID()) {
  return { pairingCode: code, installationId, site, kioskType: 'kios-siapkerja', appVersion: '0.1.0' };
}

async function token(receiver: CentralReceiver, deviceId: string, credential: string): Promise<Answer> {
  return call(receiver, 'POST', '/v1/auth/token', { body: { deviceId, credential } });
}

async function registerKiosk(site: Site = testSite(), receiver = receiverA): Promise<TestKiosk> {
  const installationId = randomUUID();
  const registered = await call(receiver, 'POST', '/v1/devices/register', { body: registration(await pairingCode(site.code, receiver), site, installationId) });
  expect(registered.status).toBe(201);
  const { deviceId, credential } = RegistrationResponseSchema.parse(registered.body);
  const issued = await token(receiver, deviceId, credential);
  expect(issued.status).toBe(200);
  return { deviceId, credential, installationId, token: TokenResponseSchema.parse(issued.body).accessToken, site, seq: 0 };
}

/** A valid event of the contract (checked with the zod schema, so a broken builder fails here, not at the receiver). */
function event<T extends CentralEventType>(kiosk: TestKiosk, type: T, payload: CentralEventPayload<T>, occurredAt: string): CentralEvent {
  kiosk.seq += 1;
  return CentralEventSchema.parse({ id: uuidv7({ msecs: Date.parse(occurredAt) }), seq: kiosk.seq, occurredAt, type, payload }) as CentralEvent;
}

function batch(kiosk: TestKiosk, events: readonly unknown[]): EventBatch {
  return { installationId: kiosk.installationId, sentAt: new Date().toISOString(), events: events as CentralEvent[] };
}

const TICKET_LETTERS = 'ABCDEFG';

function ticketFacts(ticketId: number, serviceDate: string, at: string, deskId = 1) {
  const number = `${TICKET_LETTERS[deskId - 1]}-${String(ticketId % 1000).padStart(3, '0')}`;
  return { ticketId, number, serviceDate, deskId, counterNumber: null, priority: false, userType: 'pencari_kerja' as const, at };
}

function ticketIssued(kiosk: TestKiosk, ticketId: number, serviceDate: string, deskId = 1): CentralEvent {
  const at = `${serviceDate}T01:${String(ticketId % 60).padStart(2, '0')}:00Z`;
  return event(kiosk, 'ticket.issued', { ...ticketFacts(ticketId, serviceDate, at, deskId), status: 'waiting', issuedAt: at, channel: 'kiosk' }, at);
}

function ticketFinished(kiosk: TestKiosk, ticketId: number, serviceDate: string, deskId = 1): CentralEvent {
  const at = `${serviceDate}T03:${String(ticketId % 60).padStart(2, '0')}:00Z`;
  return event(kiosk, 'ticket.finished', { ...ticketFacts(ticketId, serviceDate, at, deskId), status: 'done', counterNumber: 1, services: ['D1.U01'] }, at);
}

function counterOpened(kiosk: TestKiosk, at = '2027-01-11T01:00:00Z'): CentralEvent {
  return event(kiosk, 'counter.opened', { deskId: 1, counterNumber: 1, state: 'open', reason: null, at }, at);
}

type Answers = CentralEventPayload<'survey.response'>['answers'];

function allNine(value: 1 | 2 | 3 | 4, overrides: Partial<Record<string, 1 | 2 | 3 | 4 | undefined>> = {}): Answers {
  const answers: Record<string, number> = {};
  for (let unsur = 1; unsur <= 9; unsur += 1) {
    const code = `U${unsur}`;
    const given = code in overrides ? overrides[code] : value;
    if (given !== undefined) answers[code] = given;
  }
  return answers as Answers;
}

function surveyResponse(kiosk: TestKiosk, serviceDate: string, answers: Answers): CentralEvent {
  const day = `${serviceDate}T00:00:00Z`;
  return event(kiosk, 'survey.response', { responseId: randomUUID(), serviceDate, session: null, deskId: null, input: 'touch', answers, profile: {} }, day);
}

async function upload(receiver: CentralReceiver, kiosk: TestKiosk, body: unknown): Promise<Answer> {
  return call(receiver, 'POST', '/v1/events', { token: kiosk.token, body });
}

function statuses(answer: Answer): string[] {
  expect(answer.status).toBe(200);
  return EventBatchResultSchema.parse(answer.body).results.map((result) => result.status);
}

async function storedCount(ids: readonly string[]): Promise<number> {
  const { rows } = await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM events WHERE event_id = ANY($1::uuid[])', [ids]);
  return rows[0]!.count;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

// ---------------------------------------------------------------------------------------------

describe('registration', () => {
  it('spends a pairing code once: one kiosk registers, the same code again is refused', async () => {
    const site = testSite();
    const issued = await call(receiverA, 'POST', '/v1/admin/pairing-codes', { ...admin, body: { siteCode: site.code, note: 'kios lantai 1' } });
    expect(issued.status).toBe(201);
    const { pairingCode: code, expiresAt } = PairingCodeResponseSchema.parse(issued.body);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(Math.abs(Date.parse(expiresAt) - Date.now() - 24 * 3600_000)).toBeLessThan(60_000);

    const registered = await call(receiverA, 'POST', '/v1/devices/register', { body: registration(code, site), from: '198.51.100.1' });
    expect(registered.status).toBe(201);
    expect(registered.headers.get('cache-control')).toBe('no-store');
    const { deviceId, credential } = RegistrationResponseSchema.parse(registered.body);
    expect(deviceId).toMatch(/^kiosk_[a-z2-7]{26}$/);
    expect(credential).toMatch(/^kcs_[A-Za-z0-9_-]{43}$/);

    // Only hashes are stored.
    const { rows } = await sql.query<{ code_hash: Buffer; credential_hash: Buffer; site_code: string; province: string }>(
      'SELECT p.code_hash, d.credential_hash, d.site_code, d.province FROM pairing_codes p JOIN devices d ON d.device_id = p.used_by_device WHERE d.device_id = $1',
      [deviceId],
    );
    expect(rows[0]).toMatchObject({ site_code: site.code, province: 'Banten' });
    expect(rows[0]!.code_hash.equals(sha256(code))).toBe(true);
    expect(rows[0]!.credential_hash.equals(sha256(credential))).toBe(true);

    // Once only, on either instance.
    expectProblem(await call(receiverB, 'POST', '/v1/devices/register', { body: registration(code, site), from: '198.51.100.1' }), 401, 'unauthenticated');
  });

  it('answers 429 after five wrong codes from one address in 15 minutes, counted across instances', async () => {
    const site = testSite();
    const from = '203.0.113.7';
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const receiver = attempt % 2 === 0 ? receiverA : receiverB;
      expectProblem(await call(receiver, 'POST', '/v1/devices/register', { body: registration('ZZZZ-ZZZZ', site), from }), 401, 'unauthenticated');
    }
    const code = await pairingCode(site.code);
    const limited = await call(receiverB, 'POST', '/v1/devices/register', { body: registration(code, site), from });
    expectProblem(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another address is not affected, and the code was not spent by the refused attempt.
    expect((await call(receiverA, 'POST', '/v1/devices/register', { body: registration(code, site), from: '203.0.113.8' })).status).toBe(201);
  });

  it('refuses a second live registration of an installation (409) without spending the code; after revocation it may register again', async () => {
    const kiosk = await registerKiosk();
    const code = await pairingCode(kiosk.site.code);
    const again = await call(receiverA, 'POST', '/v1/devices/register', { body: registration(code, kiosk.site, kiosk.installationId) });
    expectProblem(again, 409, 'conflict');

    expect((await call(receiverA, 'POST', `/v1/admin/devices/${kiosk.deviceId}/revoke`, admin)).status).toBe(204);
    const afterRevocation = await call(receiverB, 'POST', '/v1/devices/register', { body: registration(code, kiosk.site, kiosk.installationId) });
    expect(afterRevocation.status).toBe(201);
    expect(afterRevocation.body.deviceId).not.toBe(kiosk.deviceId);
  });

  it('answers a code issued for another site like a wrong code (401), and malformed requests with 400, each problem with its path', async () => {
    const code = await pairingCode('TEST-OTHER');
    expectProblem(await call(receiverA, 'POST', '/v1/devices/register', { body: registration(code, testSite()), from: '198.51.100.77' }), 401, 'unauthenticated');

    const malformed = await call(receiverA, 'POST', '/v1/devices/register', {
      body: { ...registration('abcd-1234', testSite()), installationId: 'not-a-uuid', extra: 1 },
    });
    expectProblem(malformed, 400, 'invalid_request');
    const paths = (malformed.body.errors as Array<{ path: string }>).map((entry) => entry.path);
    expect(paths).toEqual(expect.arrayContaining(['/pairingCode', '/installationId', '/extra']));
  });

  it('keeps ministry operations behind the admin token: none → 401, a device token → 403', async () => {
    const kiosk = await registerKiosk();
    const unauthenticated = await call(receiverA, 'POST', '/v1/admin/pairing-codes', { body: { siteCode: 'TEST-X' } });
    expectProblem(unauthenticated, 401, 'unauthenticated');
    expect(unauthenticated.headers.get('www-authenticate')).toBe('Bearer');
    expectProblem(await call(receiverA, 'POST', '/v1/admin/pairing-codes', { token: 'wrong-admin-token', body: { siteCode: 'TEST-X' } }), 401, 'unauthenticated');
    expectProblem(await call(receiverA, 'POST', '/v1/admin/pairing-codes', { token: kiosk.token, body: { siteCode: 'TEST-X' } }), 403, 'forbidden');
  });
});

describe('tokens and revocation', () => {
  it('gives a 15-minute token for the right credential only', async () => {
    const kiosk = await registerKiosk();
    const issued = await token(receiverB, kiosk.deviceId, kiosk.credential);
    expect(TokenResponseSchema.parse(issued.body).expiresIn).toBe(900);
    expectProblem(await token(receiverA, kiosk.deviceId, `kcs_${randomBytes(32).toString('base64url')}`), 401, 'unauthenticated');
    expectProblem(await token(receiverA, 'kiosk_aaaaaaaaaaaaaaaaaaaaaaaaaa', kiosk.credential), 401, 'unauthenticated');
    // A token from one instance works on the other: they share only the secret and the database.
    expect((await call(receiverA, 'GET', '/v1/config', { token: issued.body.accessToken })).status).toBe(200);
  });

  it('refuses expired, forged and missing tokens', async () => {
    const kiosk = await registerKiosk();
    const payload = { deviceId: kiosk.deviceId, credentialGeneration: 1 };
    const expired = signAccessToken(TOKEN_SECRET, { ...payload, exp: Math.floor(Date.now() / 1000) - 1 });
    expectProblem(await call(receiverA, 'GET', '/v1/config', { token: expired }), 401, 'unauthenticated');
    const forged = signAccessToken('another-secret-another-secret-another-secret', { ...payload, exp: Math.floor(Date.now() / 1000) + 600 });
    expectProblem(await call(receiverA, 'GET', '/v1/config', { token: forged }), 401, 'unauthenticated');
    expectProblem(await call(receiverA, 'GET', '/v1/config'), 401, 'unauthenticated');
    const valid = signAccessToken(TOKEN_SECRET, { ...payload, exp: Math.floor(Date.now() / 1000) + 600 });
    expect((await call(receiverA, 'GET', '/v1/config', { token: valid })).status).toBe(200);
  });

  it('stops a revoked device at once: its live token, its credential; unknown devices are 404', async () => {
    const kiosk = await registerKiosk();
    expect((await call(receiverB, 'GET', '/v1/time', { token: kiosk.token })).status).toBe(200);
    expect((await call(receiverB, 'POST', `/v1/admin/devices/${kiosk.deviceId}/revoke`, admin)).status).toBe(204);
    expectProblem(await call(receiverA, 'GET', '/v1/config', { token: kiosk.token }), 401, 'unauthenticated');
    expectProblem(await upload(receiverA, kiosk, batch(kiosk, [counterOpened(kiosk)])), 401, 'unauthenticated');
    expectProblem(await token(receiverA, kiosk.deviceId, kiosk.credential), 401, 'unauthenticated');
    expectProblem(await call(receiverA, 'POST', '/v1/admin/devices/kiosk_doesnotexist0000000000/revoke', admin), 404, 'not_found');
    expectProblem(await call(receiverA, 'POST', `/v1/admin/devices/${'x'.repeat(65)}/revoke`, admin), 400, 'invalid_request');
  });

  it('rotates a credential: the old one works until the new one is first used, then it and its tokens stop', async () => {
    const kiosk = await registerKiosk();
    const rotated = await call(receiverA, 'POST', '/v1/devices/me/credential', { token: kiosk.token });
    expect(rotated.status).toBe(200);
    const { credential: fresh } = RotationResponseSchema.parse(rotated.body);
    expect(fresh).not.toBe(kiosk.credential);

    // Before the new credential is used, the old one still gets tokens, and old tokens still work.
    expect((await token(receiverB, kiosk.deviceId, kiosk.credential)).status).toBe(200);
    expect((await call(receiverB, 'GET', '/v1/config', { token: kiosk.token })).status).toBe(200);

    const first = await token(receiverB, kiosk.deviceId, fresh);
    expect(first.status).toBe(200);
    expectProblem(await token(receiverA, kiosk.deviceId, kiosk.credential), 401, 'unauthenticated');
    expectProblem(await call(receiverA, 'GET', '/v1/config', { token: kiosk.token }), 401, 'unauthenticated');
    expect((await call(receiverA, 'GET', '/v1/config', { token: first.body.accessToken })).status).toBe(200);
  });

  it('keeps the credential the kiosk holds when rotation answers are lost twice', async () => {
    const kiosk = await registerKiosk();
    const lost = RotationResponseSchema.parse((await call(receiverA, 'POST', '/v1/devices/me/credential', { token: kiosk.token })).body).credential;
    const second = RotationResponseSchema.parse((await call(receiverB, 'POST', '/v1/devices/me/credential', { token: kiosk.token })).body).credential;
    expect((await token(receiverA, kiosk.deviceId, kiosk.credential)).status).toBe(200);
    expectProblem(await token(receiverA, kiosk.deviceId, lost), 401, 'unauthenticated');
    expect((await token(receiverA, kiosk.deviceId, second)).status).toBe(200);
    expectProblem(await token(receiverA, kiosk.deviceId, kiosk.credential), 401, 'unauthenticated');
  });
});

describe('event batches', () => {
  it('stores valid events, rejects invalid ones with the reason, and answers duplicates as such, in batch order', async () => {
    const kiosk = await registerKiosk();
    const issued = ticketIssued(kiosk, 1, '2027-01-11');
    const opened = counterOpened(kiosk);
    const badDesk = { ...counterOpened(kiosk), payload: { deskId: 9, counterNumber: 1, state: 'open', reason: null, at: '2027-01-11T01:00:00Z' } };
    const finished = ticketFinished(kiosk, 1, '2027-01-11');
    const unknownType = { id: uuidv7(), seq: ++kiosk.seq, occurredAt: '2027-01-11T01:00:00Z', type: 'ticket.teleported', payload: {} };
    const base = counterOpened(kiosk);
    const sneaky = { ...base, payload: { ...base.payload, nik: '3171234567890001' } };
    const events = [issued, opened, badDesk, finished, unknownType, sneaky];

    const first = await upload(receiverA, kiosk, batch(kiosk, events));
    expect(statuses(first)).toEqual(['stored', 'stored', 'rejected', 'stored', 'rejected', 'rejected']);
    expect(first.body.results.map((result: { id: string }) => result.id)).toEqual(events.map((entry) => entry.id));
    expect(first.body.results[2].error).toMatchObject({ code: 'invalid_event', message: expect.stringContaining('/payload/deskId') });
    expect(first.body.results[4].error.message).toMatch(/type/);
    expect(first.body.results[5].error.message).toContain('/payload/nik: is not allowed');

    // The same batch again, to the other instance: nothing new.
    expect(statuses(await upload(receiverB, kiosk, batch(kiosk, events)))).toEqual(['duplicate', 'duplicate', 'rejected', 'duplicate', 'rejected', 'rejected']);

    const { rows } = await sql.query<{ event_id: string; device_id: string; installation_id: string; seq: string; type: string; occurred_at: Date; payload: unknown }>(
      'SELECT event_id, device_id, installation_id, seq, type, occurred_at, payload FROM events WHERE installation_id = $1 ORDER BY seq',
      [kiosk.installationId],
    );
    expect(rows.map((row) => [row.event_id, row.seq, row.type])).toEqual([
      [issued.id, String(issued.seq), 'ticket.issued'],
      [opened.id, String(opened.seq), 'counter.opened'],
      [finished.id, String(finished.seq), 'ticket.finished'],
    ]);
    expect(rows[0]).toMatchObject({ device_id: kiosk.deviceId, payload: issued.payload });
    expect(rows[0]!.occurred_at.toISOString()).toBe(new Date(issued.occurredAt).toISOString());
  });

  it('answers an id repeated inside one batch as stored, then duplicate', async () => {
    const kiosk = await registerKiosk();
    const once = counterOpened(kiosk);
    expect(statuses(await upload(receiverA, kiosk, batch(kiosk, [once, once])))).toEqual(['stored', 'duplicate']);
    expect(await storedCount([once.id])).toBe(1);
  });

  it('rejects an id another installation holds (a copied kiosk database) instead of calling it a duplicate', async () => {
    const original = await registerKiosk();
    const copy = await registerKiosk();
    const event = counterOpened(original);
    expect(statuses(await upload(receiverA, original, batch(original, [event])))).toEqual(['stored']);
    const answer = await upload(receiverA, copy, batch(copy, [event]));
    expect(answer.body).toMatchObject({ results: [{ id: event.id, status: 'rejected', error: { code: 'id_conflict' } }] });
    expect(statuses(await upload(receiverA, original, batch(original, [event])))).toEqual(['duplicate']);
  });

  it('rejects an event PostgreSQL cannot hold instead of failing its whole batch', async () => {
    const kiosk = await registerKiosk();
    const at = '2027-01-11T01:00:00Z';
    const fine = counterOpened(kiosk);
    const nul = event(kiosk, 'board.updated', { maklumat: 'Maklumat\u0000', complaintContact: '', announcement: '', updatedAt: at }, at);
    const yearZero = { ...counterOpened(kiosk), occurredAt: '0000-01-01T00:00:00Z' };
    const answer = await upload(receiverA, kiosk, batch(kiosk, [fine, nul, yearZero]));
    expect(statuses(answer)).toEqual(['stored', 'rejected', 'rejected']);
    expect(answer.body.results[1].error).toMatchObject({ code: 'invalid_event', message: expect.stringMatching(/^cannot be stored/) });
    expect(await storedCount([fine.id, nul.id, yearZero.id])).toBe(1);
  });

  it('keeps both facts when one installation reuses a seq under a new id, and lists the conflict', async () => {
    const kiosk = await registerKiosk();
    const original = counterOpened(kiosk);
    const reused = { ...counterOpened(kiosk), seq: original.seq };
    expect(statuses(await upload(receiverA, kiosk, batch(kiosk, [original, reused])))).toEqual(['stored', 'stored']);
    const { rows } = await sql.query<{ event_ids: string[] }>('SELECT event_ids FROM receiver_seq_conflicts WHERE installation_id = $1', [kiosk.installationId]);
    expect(rows).toEqual([{ event_ids: [original.id, reused.id] }]);
  });

  it('answers 400 problem+json to a batch whose envelope cannot be read, 401 to another installation’s, 413 beyond 4 MiB', async () => {
    const kiosk = await registerKiosk();
    const good = batch(kiosk, [counterOpened(kiosk)]);
    EventBatchSchema.parse(good);
    const cases: Array<[string, CallOptions, string[]]> = [
      ['not JSON', { rawBody: '{"installationId":' }, []],
      ['not JSON as text/plain', { rawBody: JSON.stringify(good), contentType: 'text/plain' }, []],
      ['no body', {}, []],
      ['no installation', { body: { ...good, installationId: undefined } }, ['/installationId']],
      ['events not a list', { body: { ...good, events: {} } }, ['/events']],
      ['no events', { body: { ...good, events: [] } }, ['/events']],
      ['an event without id', { body: { ...good, events: [{ ...good.events[0], id: undefined }] } }, ['/events/0/id']],
      ['an event with a non-v7 id', { body: { ...good, events: [{ ...good.events[0], id: randomUUID() }] } }, ['/events/0/id']],
      ['an event with seq 0', { body: { ...good, events: [{ ...good.events[0], seq: 0 }] } }, ['/events/0/seq']],
      ['an unknown field', { body: { ...good, extra: true } }, ['/extra']],
      ['more than 500 events', { body: { ...good, events: Array.from({ length: 501 }, () => good.events[0]) } }, ['/events']],
    ];
    for (const [label, options, paths] of cases) {
      const answer = await call(receiverA, 'POST', '/v1/events', { token: kiosk.token, ...options });
      expect({ label, status: answer.status }).toEqual({ label, status: 400 });
      expectProblem(answer, 400, 'invalid_request');
      const given = ((answer.body.errors ?? []) as Array<{ path: string }>).map((entry) => entry.path);
      for (const path of paths) expect({ label, given }).toEqual({ label, given: expect.arrayContaining([path]) });
    }
    // A batch of another installation is not this credential's to send: 401, so the kiosk registers again rather than quarantining good events.
    const foreign = await call(receiverA, 'POST', '/v1/events', { token: kiosk.token, body: { ...good, installationId: randomUUID() } });
    expectProblem(foreign, 401, 'unauthenticated');
    expect(foreign.body.errors).toEqual([{ path: '/installationId', message: expect.any(String) }]);
    const huge = await call(receiverA, 'POST', '/v1/events', { token: kiosk.token, body: { ...good, padding: 'x'.repeat(4 * 1024 * 1024 + 1) } });
    expectProblem(huge, 413, 'payload_too_large');
    expect(await storedCount([good.events[0]!.id])).toBe(0);
  });

  it('stores each event exactly once when two instances get the same batches at the same moment', async () => {
    const kiosk = await registerKiosk();
    for (let round = 0; round < 4; round += 1) {
      const events = Array.from({ length: 200 }, (_, index) => ticketIssued(kiosk, round * 200 + index + 1, '2027-01-12'));
      const body = batch(kiosk, events);
      const answers = await Promise.all([upload(receiverA, kiosk, body), upload(receiverB, kiosk, body), upload(receiverA, kiosk, body), upload(receiverB, kiosk, body)]);
      const perAnswer = answers.map(statuses);
      for (const [index] of events.entries()) {
        const column = perAnswer.map((row) => row[index]);
        expect(column.filter((status) => status === 'stored')).toHaveLength(1);
        expect(column.filter((status) => status === 'duplicate')).toHaveLength(3);
      }
      expect(await storedCount(events.map((entry) => entry.id))).toBe(200);
    }
    const { rows } = await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM events WHERE installation_id = $1', [kiosk.installationId]);
    expect(rows[0]!.count).toBe(800);
  });
});

describe('pulled resources', () => {
  it('serves the fixtures built from the kiosk’s own shipped files, each valid for the contract', async () => {
    const kiosk = await registerKiosk();
    const pull = async (path: string) => {
      const answer = await call(receiverA, 'GET', path, { token: kiosk.token });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      return answer.body as unknown;
    };
    const config = CentralConfigSchema.parse(await pull('/v1/config'));
    expect(config.holidays.every((holiday) => holiday.date.startsWith('2027-'))).toBe(true);
    expect(config.holidays.map((holiday) => holiday.date)).toEqual(expect.arrayContaining(['2027-01-01', '2027-08-17', '2027-12-25']));
    const catalogue = CatalogueSchema.parse(await pull('/v1/catalogue'));
    expect(catalogue.services.map((service) => service.code)).toEqual(Object.values(SERVICE_CATALOGUE).flatMap((entries) => entries.map((entry) => entry.code)));
    const content = await pull('/v1/content');
    expect(ContentSchema.safeParse(content).success).toBe(true);
    expect((content as { needs: unknown }).needs).toEqual(JSON.parse(readFileSync('assets/content/needs.json', 'utf8')));
    const vacancies = await pull('/v1/vacancies');
    expect(VacanciesSchema.safeParse(vacancies).success).toBe(true);
    expect(vacancies).toEqual(JSON.parse(readFileSync('assets/content/vacancies.sample.json', 'utf8')));
  });

  it('answers 304 to a matching If-None-Match, a new ETag when the fixture changes (on every instance), and can serve an invalid body on purpose', async () => {
    const kiosk = await registerKiosk();
    const first = await call(receiverA, 'GET', '/v1/config', { token: kiosk.token });
    const etag = first.headers.get('etag')!;
    expect((await call(receiverB, 'GET', '/v1/config', { token: kiosk.token })).headers.get('etag')).toBe(etag);

    const notModified = await call(receiverB, 'GET', '/v1/config', { token: kiosk.token, headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect((await call(receiverA, 'GET', '/v1/config', { token: kiosk.token, headers: { 'if-none-match': `"other", W/${etag}` } })).status).toBe(304);

    try {
      const changed = { ...first.body, announcement: 'Kantor tutup pada 2 Januari 2027.' };
      const replaced = await call(receiverA, 'POST', '/v1/admin/fixtures/config', { ...admin, body: changed });
      expect(replaced.status).toBe(200);
      expect(replaced.body.etag).not.toBe(etag);
      const fresh = await call(receiverB, 'GET', '/v1/config', { token: kiosk.token, headers: { 'if-none-match': etag } });
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('etag')).toBe(replaced.body.etag);
      expect(CentralConfigSchema.parse(fresh.body).announcement).toBe('Kantor tutup pada 2 Januari 2027.');

      const broken = { version: 2, holidays: 'none' };
      expectProblem(await call(receiverA, 'POST', '/v1/admin/fixtures/config', { ...admin, body: broken }), 400, 'invalid_request');
      await expect(receiverA.setFixture('config', broken)).rejects.toThrow(/does not match/);
      const { etag: brokenEtag } = await receiverA.setFixture('config', broken, { unchecked: true });
      const served = await call(receiverB, 'GET', '/v1/config', { token: kiosk.token });
      expect(served.headers.get('etag')).toBe(brokenEtag);
      expect(CentralConfigSchema.safeParse(served.body).success).toBe(false);
    } finally {
      expect((await call(receiverA, 'DELETE', '/v1/admin/fixtures/config', admin)).status).toBe(204);
    }
    expect((await call(receiverB, 'GET', '/v1/config', { token: kiosk.token, headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('tells the time without a token, and names the instance on every answer', async () => {
    const before = Date.now();
    const answer = await call(receiverB, 'GET', '/v1/time');
    expect(answer.status).toBe(200);
    expect(Math.abs(Date.parse(answer.body.serverTime) - before)).toBeLessThan(5_000);
    expect(answer.headers.get('x-receiver-instance')).toBe('receiver-b');
    expectProblem(await call(receiverA, 'GET', '/v1/nothing-here'), 404, 'not_found');
    expect((await call(receiverA, 'GET', '/healthz')).body).toEqual({ status: 'ok', instance: 'receiver-a' });
  });
});

describe('PP/PKB application lookup', () => {
  const path = (number: string) => `/v1/agreement-applications/${encodeURIComponent(number)}`;
  const shipped = JSON.parse(readFileSync('tools/central-receiver/fixtures/agreement-applications.json', 'utf8')) as { applications: AgreementApplication[] };

  it('answers each sample application by its URL-encoded number, as the contract says, and never for a cache', async () => {
    const kiosk = await registerKiosk();
    // One sample per status at least, PP and PKB both, so a kiosk can be shown every answer.
    expect(new Set(shipped.applications.map((application) => application.status))).toEqual(new Set(AgreementApplicationSchema.shape.status.options));
    expect(new Set(shipped.applications.map((application) => application.kind))).toEqual(new Set(['pp', 'pkb']));
    for (const [index, application] of shipped.applications.entries()) {
      const answer = await call(index % 2 === 0 ? receiverA : receiverB, 'GET', path(application.number), { token: kiosk.token });
      expect(answer.status, application.number).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(AgreementApplicationSchema.parse(answer.body)).toEqual(application);
    }
  });

  it('answers 404 for an unknown number, 400 for one the document refuses, 401 without a valid device token, 403 to none', async () => {
    const kiosk = await registerKiosk();
    const known = shipped.applications[0]!.number;
    expectProblem(await call(receiverA, 'GET', path('PP/3273/2026/999999'), { token: kiosk.token }), 404, 'not_found');
    // The number as typed, not as central writes it, is another number: the kiosk sends it in capitals.
    expectProblem(await call(receiverA, 'GET', path(known.toLowerCase()), { token: kiosk.token }), 404, 'not_found');
    const tooLong = await call(receiverA, 'GET', path(`PP/${'1'.repeat(70)}`), { token: kiosk.token });
    expectProblem(tooLong, 400, 'invalid_request');
    expect(tooLong.body.errors[0].path).toBe('/path/number');
    for (const token of [undefined, 'not-a-token', ADMIN_TOKEN]) {
      const answer = await call(receiverA, 'GET', path(known), token === undefined ? {} : { token });
      expectProblem(answer, 401, 'unauthenticated');
      expect(answer.body).not.toHaveProperty('company');
    }
    // A revoked device learns nothing more.
    expect((await call(receiverA, 'POST', `/v1/admin/devices/${kiosk.deviceId}/revoke`, admin)).status).toBe(204);
    expectProblem(await call(receiverB, 'GET', path(known), { token: kiosk.token }), 401, 'unauthenticated');
  });

  it('looks up in a fixture replaced at run time, on every instance, refusing one that breaks the document; faults can target the lookup', async () => {
    const kiosk = await registerKiosk();
    const added: AgreementApplication = { ...shipped.applications[1]!, number: 'PKB/3273/2027/000001', status: 'diajukan', statusDate: '2027-01-04' };
    try {
      await receiverA.setFixture('agreement-applications', { applications: [...shipped.applications, added] });
      expect((await call(receiverB, 'GET', path(added.number), { token: kiosk.token })).body).toEqual(added);
      await expect(receiverA.setFixture('agreement-applications', { applications: [{ ...added, status: 'hilang' }] })).rejects.toThrow(/applications\/0\/status/);
      await expect(receiverA.setFixture('agreement-applications', { applications: [added, added] })).rejects.toThrow(/listed twice/);
      expectProblem(await call(receiverA, 'POST', '/v1/admin/fixtures/agreement-applications', { ...admin, body: [added] }), 400, 'invalid_request');
    } finally {
      await receiverA.resetFixture('agreement-applications');
    }
    expectProblem(await call(receiverB, 'GET', path(added.number), { token: kiosk.token }), 404, 'not_found');

    receiverA.setFaults({ rate: 1, kinds: ['5xx'], targets: ['applications'] });
    try {
      expectProblem(await call(receiverA, 'GET', path(shipped.applications[0]!.number), { token: kiosk.token }), 503, 'unavailable');
      // Only the lookup: the pulls and the other instance answer.
      expect((await call(receiverA, 'GET', '/v1/config', { token: kiosk.token })).status).toBe(200);
      expect((await call(receiverB, 'GET', path(shipped.applications[0]!.number), { token: kiosk.token })).status).toBe(200);
    } finally {
      receiverA.setFaults({ rate: 0 });
    }
  });
});

describe('fault injection', () => {
  const off = () => receiverA.setFaults({ rate: 0 });

  it('5xx and 429 answer problems with Retry-After, and store nothing', async () => {
    const kiosk = await registerKiosk();
    try {
      for (const [kind, status, code] of [
        ['5xx', 503, 'unavailable'],
        ['429', 429, 'rate_limited'],
      ] as const) {
        receiverA.setFaults({ rate: 1, kinds: [kind] });
        const events = [counterOpened(kiosk)];
        const answer = await upload(receiverA, kiosk, batch(kiosk, events));
        expectProblem(answer, status, code);
        expect(answer.headers.get('retry-after')).toBe('1');
        expect(answer.headers.get('x-receiver-instance')).toBe('receiver-a');
        expect(await storedCount(events.map((entry) => entry.id))).toBe(0);
      }
    } finally {
      off();
    }
  });

  it('slow answers normally after the delay', async () => {
    const kiosk = await registerKiosk();
    receiverA.setFaults({ rate: 1, kinds: ['slow'], slowMs: 300 });
    try {
      const started = performance.now();
      expect(statuses(await upload(receiverA, kiosk, batch(kiosk, [counterOpened(kiosk)])))).toEqual(['stored']);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      off();
    }
  });

  it('timeout holds the request until the client gives up, or drops it after timeoutMs', async () => {
    const kiosk = await registerKiosk();
    try {
      receiverA.setFaults({ rate: 1, kinds: ['timeout'], timeoutMs: 60_000 });
      const events = [counterOpened(kiosk)];
      await expect(call(receiverA, 'POST', '/v1/events', { token: kiosk.token, body: batch(kiosk, events), signal: AbortSignal.timeout(400) })).rejects.toThrow(
        /abort|timeout/i,
      );
      receiverA.setFaults({ rate: 1, kinds: ['timeout'], timeoutMs: 200 });
      await expect(upload(receiverA, kiosk, batch(kiosk, events))).rejects.toThrow(/fetch failed/);
      expect(await storedCount(events.map((entry) => entry.id))).toBe(0);
      expect(receiverA.stats().faults.injected.timeout).toBeGreaterThanOrEqual(2);
    } finally {
      off();
    }
  });

  it('reset drops the connection before or after storing; a resend finds the latter as duplicates', async () => {
    const kiosk = await registerKiosk();
    const before = receiverA.stats().faults.injected;
    const batches = Array.from({ length: 12 }, () => batch(kiosk, [counterOpened(kiosk), counterOpened(kiosk)]));
    receiverA.setFaults({ rate: 1, kinds: ['reset'], seed: 7 });
    try {
      for (const body of batches) await expect(upload(receiverA, kiosk, body)).rejects.toThrow(/fetch failed/);
    } finally {
      off();
    }
    const after = receiverA.stats().faults.injected;
    const resetBefore = after.reset_before - before.reset_before;
    const resetAfter = after.reset_after - before.reset_after;
    expect(resetBefore + resetAfter).toBe(12);
    expect(resetBefore).toBeGreaterThan(0);
    expect(resetAfter).toBeGreaterThan(0);

    let duplicates = 0;
    for (const body of batches) {
      const answered = statuses(await upload(receiverA, kiosk, body));
      expect(new Set(answered).size).toBe(1);
      if (answered[0] === 'duplicate') duplicates += 1;
    }
    expect(duplicates).toBe(resetAfter);
    expect(await storedCount(batches.flatMap((body) => body.events.map((entry) => entry.id)))).toBe(24);
  });

  it('is set through the admin endpoint, can target pulls, and is counted in the stats', async () => {
    const kiosk = await registerKiosk();
    expectProblem(await call(receiverA, 'POST', '/v1/admin/faults', { ...admin, body: { rate: 2 } }), 400, 'invalid_request');
    expectProblem(await call(receiverA, 'POST', '/v1/admin/faults', { body: { rate: 0 } }), 401, 'unauthenticated');
    const set = await call(receiverA, 'POST', '/v1/admin/faults', { ...admin, body: { rate: 1, kinds: ['5xx'], targets: ['pull'], seed: 1 } });
    expect(set.body).toMatchObject({ rate: 1, kinds: ['5xx'], targets: ['pull'], seed: 1 });
    try {
      expectProblem(await call(receiverA, 'GET', '/v1/content', { token: kiosk.token }), 503, 'unavailable');
      expect(statuses(await upload(receiverA, kiosk, batch(kiosk, [counterOpened(kiosk)])))).toEqual(['stored']);
      expect((await call(receiverB, 'GET', '/v1/content', { token: kiosk.token })).status).toBe(200);
    } finally {
      expect((await call(receiverA, 'POST', '/v1/admin/faults', { ...admin, body: { rate: 0 } })).status).toBe(200);
    }
    const stats = await call(receiverA, 'GET', '/v1/admin/stats', admin);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ instance: 'receiver-a', faults: { settings: { rate: 0 } } });
    expect(stats.body.requests.total).toBeGreaterThan(0);
    expect(stats.body.requests.byRoute['POST /v1/events']).toBeGreaterThan(0);
    expect(stats.body.faults.injected['5xx']).toBeGreaterThanOrEqual(2);
    expect(stats.body.events.stored).toBeGreaterThan(0);
    expect(receiverB.stats().faults.injected['5xx']).toBe(0);
  });
});

describe('the national view', () => {
  it('gives IKM per site and per province per month, and ticket volume per day, as worked out by hand', async () => {
    const pusat = await registerKiosk({ code: 'NAT-JKT-PUSAT', name: 'Kios SIAPkerja Jakarta Pusat', province: 'DKI Jakarta', regency: 'Kota Jakarta Pusat' });
    const selatan = await registerKiosk({ code: 'NAT-JKT-SELATAN', name: 'Kios SIAPkerja Jakarta Selatan', province: 'DKI Jakarta', regency: 'Kota Jakarta Selatan' }, receiverB);
    const bandung = await registerKiosk({ code: 'NAT-BDG', name: 'Kios SIAPkerja Bandung', province: 'Jawa Barat', regency: 'Kota Bandung' });

    // Survey responses, January 2027. Answers per unsur (U1…U9):
    //   Jakarta Pusat:   all 4 | all 3 | all 2 but U4 = 4
    //     U4: (4+3+4)/3 = 11/3; the other eight: (4+3+2)/3 = 3
    //     IKM = (8×3 + 11/3) / 9 × 25 = 2075/27 = 76.8518… → 76.85, mutu B
    //   Jakarta Selatan: all 4 but U8 skipped | all 3
    //     U8: 3/1 = 3; the other eight: 7/2 = 3.5;  IKM = (8×3.5 + 3) / 9 × 25 = 86.111… → 86.11, B
    //   Bandung:         U1…U8 = 4, U9 skipped → no IKM (not all nine unsur answered)
    //   DKI Jakarta (both sites, 5 respondents):
    //     U4: (4+3+4+4+3)/5 = 3.6; U8: (4+3+2+3)/4 = 3; the other seven: (4+3+2+4+3)/5 = 3.2
    //     IKM = (7×3.2 + 3.6 + 3) / 9 × 25 = 29/9 × 25 = 80.555… → 80.56, B
    // February 2027, Jakarta Pusat: one response, all 1 → IKM 25.00, mutu D.
    // Responses of a day arrive shuffled and in one batch after the day, as the kiosk sends them.
    statuses(
      await upload(receiverA, pusat, batch(pusat, [surveyResponse(pusat, '2027-01-11', allNine(3)), surveyResponse(pusat, '2027-01-11', allNine(2, { U4: 4 })), surveyResponse(pusat, '2027-01-11', allNine(4))])),
    );
    statuses(await upload(receiverA, pusat, batch(pusat, [surveyResponse(pusat, '2027-02-01', allNine(1))])));
    statuses(await upload(receiverB, selatan, batch(selatan, [surveyResponse(selatan, '2027-01-12', allNine(4, { U8: undefined })), surveyResponse(selatan, '2027-01-12', allNine(3))])));
    statuses(await upload(receiverA, bandung, batch(bandung, [surveyResponse(bandung, '2027-01-13', allNine(4, { U9: undefined }))])));

    // Tickets. 2027-01-11: Pusat issues 1–3 and finishes 1–2, Selatan issues 1–2 and finishes both,
    // Bandung issues 1 and finishes it; 2027-01-12: Pusat issues 4, finishes none.
    const ticketBatches: Array<[TestKiosk, CentralEvent[]]> = [
      [pusat, [ticketIssued(pusat, 1, '2027-01-11'), ticketIssued(pusat, 2, '2027-01-11'), ticketIssued(pusat, 3, '2027-01-11', 2), ticketFinished(pusat, 1, '2027-01-11'), ticketFinished(pusat, 2, '2027-01-11')]],
      [pusat, [ticketIssued(pusat, 4, '2027-01-12'), counterOpened(pusat, '2027-01-12T01:00:00Z')]],
      [selatan, [ticketIssued(selatan, 1, '2027-01-11'), ticketIssued(selatan, 2, '2027-01-11'), ticketFinished(selatan, 1, '2027-01-11'), ticketFinished(selatan, 2, '2027-01-11')]],
      [bandung, [ticketIssued(bandung, 1, '2027-01-11'), ticketFinished(bandung, 1, '2027-01-11')]],
    ];
    for (const [kiosk, events] of ticketBatches) expect(new Set(statuses(await upload(receiverA, kiosk, batch(kiosk, events))))).toEqual(new Set(['stored']));
    // A resent batch changes nothing.
    const [resendKiosk, resendEvents] = ticketBatches[0]!;
    expect(new Set(statuses(await upload(receiverB, resendKiosk, batch(resendKiosk, resendEvents))))).toEqual(new Set(['duplicate']));

    const provinces = ['DKI Jakarta', 'Jawa Barat'];
    const bySite = await sql.query(
      `SELECT site_code, site_name, province, regency, month, respondents::int, ikm::text, mutu, nrr
         FROM national_ikm_site_month WHERE province = ANY($1) ORDER BY site_code, month`,
      [provinces],
    );
    expect(bySite.rows).toEqual([
      { site_code: 'NAT-BDG', site_name: 'Kios SIAPkerja Bandung', province: 'Jawa Barat', regency: 'Kota Bandung', month: '2027-01', respondents: 1, ikm: null, mutu: null, nrr: { U1: 4, U2: 4, U3: 4, U4: 4, U5: 4, U6: 4, U7: 4, U8: 4 } },
      {
        site_code: 'NAT-JKT-PUSAT',
        site_name: 'Kios SIAPkerja Jakarta Pusat',
        province: 'DKI Jakarta',
        regency: 'Kota Jakarta Pusat',
        month: '2027-01',
        respondents: 3,
        ikm: '76.85',
        mutu: 'B',
        nrr: { U1: 3, U2: 3, U3: 3, U4: 3.667, U5: 3, U6: 3, U7: 3, U8: 3, U9: 3 },
      },
      { site_code: 'NAT-JKT-PUSAT', site_name: 'Kios SIAPkerja Jakarta Pusat', province: 'DKI Jakarta', regency: 'Kota Jakarta Pusat', month: '2027-02', respondents: 1, ikm: '25.00', mutu: 'D', nrr: allNine(1) },
      {
        site_code: 'NAT-JKT-SELATAN',
        site_name: 'Kios SIAPkerja Jakarta Selatan',
        province: 'DKI Jakarta',
        regency: 'Kota Jakarta Selatan',
        month: '2027-01',
        respondents: 2,
        ikm: '86.11',
        mutu: 'B',
        nrr: { U1: 3.5, U2: 3.5, U3: 3.5, U4: 3.5, U5: 3.5, U6: 3.5, U7: 3.5, U8: 3, U9: 3.5 },
      },
    ]);

    const byProvince = await sql.query(
      'SELECT province, month, sites::int, respondents::int, ikm::text, mutu, nrr FROM national_ikm_province_month WHERE province = ANY($1) ORDER BY province, month',
      [provinces],
    );
    expect(byProvince.rows).toEqual([
      { province: 'DKI Jakarta', month: '2027-01', sites: 2, respondents: 5, ikm: '80.56', mutu: 'B', nrr: { U1: 3.2, U2: 3.2, U3: 3.2, U4: 3.6, U5: 3.2, U6: 3.2, U7: 3.2, U8: 3, U9: 3.2 } },
      { province: 'DKI Jakarta', month: '2027-02', sites: 1, respondents: 1, ikm: '25.00', mutu: 'D', nrr: allNine(1) },
      { province: 'Jawa Barat', month: '2027-01', sites: 1, respondents: 1, ikm: null, mutu: null, nrr: { U1: 4, U2: 4, U3: 4, U4: 4, U5: 4, U6: 4, U7: 4, U8: 4 } },
    ]);

    const volumeBySite = await sql.query(
      `SELECT site_code, to_char(service_date, 'YYYY-MM-DD') AS day, issued::int, finished::int
         FROM national_volume_site_day WHERE province = ANY($1) ORDER BY site_code, service_date`,
      [provinces],
    );
    expect(volumeBySite.rows).toEqual([
      { site_code: 'NAT-BDG', day: '2027-01-11', issued: 1, finished: 1 },
      { site_code: 'NAT-JKT-PUSAT', day: '2027-01-11', issued: 3, finished: 2 },
      { site_code: 'NAT-JKT-PUSAT', day: '2027-01-12', issued: 1, finished: 0 },
      { site_code: 'NAT-JKT-SELATAN', day: '2027-01-11', issued: 2, finished: 2 },
    ]);
    const volumeByProvince = await sql.query(
      `SELECT province, to_char(service_date, 'YYYY-MM-DD') AS day, sites::int, issued::int, finished::int
         FROM national_volume_province_day WHERE province = ANY($1) ORDER BY province, service_date`,
      [provinces],
    );
    expect(volumeByProvince.rows).toEqual([
      { province: 'DKI Jakarta', day: '2027-01-11', sites: 2, issued: 5, finished: 4 },
      { province: 'DKI Jakarta', day: '2027-01-12', sites: 1, issued: 1, finished: 0 },
      { province: 'Jawa Barat', day: '2027-01-11', sites: 1, issued: 1, finished: 1 },
    ]);

    // Every seq of these kiosks arrived: no gaps.
    const gaps = await sql.query('SELECT * FROM receiver_seq_gaps WHERE installation_id = ANY($1::uuid[])', [[pusat.installationId, selatan.installationId, bandung.installationId]]);
    expect(gaps.rows).toEqual([]);
  });
});
