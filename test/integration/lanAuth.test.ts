import { resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { methods, WS_CLOSE_TOO_MANY, WS_CLOSE_UNAUTHENTICATED, type MethodName } from '../../src/contract/api.js';
import type { Role } from '../../src/contract/vocabulary.js';
import type { KioskHost } from '../../src/host/kioskHost.js';
import { silentLogger } from '../../src/host/logger.js';
import { startLanServer, type LanServer, type LanServerOptions } from '../../src/lan/lanServer.js';
import { lanAddress, lanCall, openEvents, type Credentials } from '../support/lanClient.js';
import { loginAs, ok, pairStation, TEST_PIN } from '../support/queueDriver.js';
import { tempDir } from '../support/tempDir.js';
import { createTestHost } from '../support/testHost.js';

/**
 * Who may use the LAN API: unpaired callers get nothing but pairing, revoked stations nothing at
 * all, roles are enforced on every method, the events socket wants a hello, and floods are
 * answered 429. The server runs in-process on loopback, in headless mode (127.0.0.1 without a
 * token is the kiosk's own screen; 127.0.0.2… are stations).
 */

interface Setup {
  host: KioskHost;
  server: LanServer;
  url: string;
}

async function setup(options: Partial<LanServerOptions> = {}): Promise<Setup> {
  const host = createTestHost(tempDir());
  const server = await startLanServer({ host, bindAddress: '127.0.0.1', port: 0, kioskOnLoopback: true, log: silentLogger, ...options });
  onTestFinished(() => server.close());
  return { host, server, url: server.url };
}

const ALL_METHODS = Object.keys(methods) as MethodName[];

function accessOf(method: MethodName): 'anyone' | 'station' | readonly Role[] {
  return methods[method].access;
}

async function waitForEventSockets(server: LanServer, count: number): Promise<void> {
  for (let i = 0; i < 200 && server.stats().eventSockets !== count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(server.stats().eventSockets).toBe(count);
}

describe('unpaired callers on the LAN', () => {
  it('walk the contract: every method answers 401 to an unpaired station, pairing only with a code', async () => {
    const { url } = await setup();
    const from = lanAddress(2);
    for (const method of ALL_METHODS) {
      if (accessOf(method) === 'anyone') continue;
      const answer = await lanCall(url, method, {}, { from });
      expect({ method, status: answer.status, json: answer.json }).toMatchObject({
        method,
        status: 401,
        json: { ok: false, error: { code: 'unauthenticated' } },
      });
    }
    expect(ALL_METHODS.filter((method) => accessOf(method) === 'anyone')).toEqual(['stations.pair']);
  });

  it.each([
    ['no input', {}],
    ['a wrong code', { code: '000000', name: 'Meja 9' }],
    ['a malformed code', { code: 'abc', name: 'Meja 9' }],
  ])('stations.pair with %s is refused without a token or a hint', async (_name, input) => {
    const { url } = await setup();
    const answer = await lanCall(url, 'stations.pair', input, { from: lanAddress(2) });
    expect(answer.status).not.toBe(200);
    expect([400, 401, 404]).toContain(answer.status);
    expect(answer.json).toMatchObject({ ok: false, error: { code: expect.stringMatching(/invalid_input|unauthenticated|not_found/) } });
    expect(JSON.stringify(answer.json)).not.toMatch(/token|station\b|"id"/i);
  });

  it('treats a well-formed but unknown token, and a malformed credential, as unauthenticated', async () => {
    const { url } = await setup();
    const unknown = await lanCall(url, 'kiosk.info', {}, { from: lanAddress(2), station: 'A'.repeat(43) });
    expect(unknown).toMatchObject({ status: 401, json: { ok: false, error: { code: 'unauthenticated' } } });
    // From the kiosk's own address too: a garbled credential never falls back to "the kiosk screen".
    for (const credentials of [{ station: 'x'.repeat(101) }, { station: 'tøken' }, { session: 'a b' }] satisfies Credentials[]) {
      const answer = await lanCall(url, 'kiosk.info', {}, credentials);
      expect({ credentials, status: answer.status }).toEqual({ credentials, status: 401 });
    }
  });

  it('serves the pages (one single-page app) to an unpaired station, but no API route', async () => {
    const { url } = await setup({ staticDir: resolve('dist', 'renderer') });
    const from = lanAddress(3);
    for (const path of ['/', '/desk', '/reception', '/display', '/admin']) {
      const page = await fetchFrom(url, path, from);
      expect({ path, status: page.status, type: page.type }).toMatchObject({ path, status: 200, type: expect.stringContaining('text/html') });
    }
    const apiGet = await fetchFrom(url, '/api/v1/kiosk.info', from);
    expect({ status: apiGet.status, type: apiGet.type }).toMatchObject({ status: 404, type: expect.stringContaining('application/json') });
  });

  it('answers health to anyone, and no call', async () => {
    const { url } = await setup();
    const health = await fetchFrom(url, '/healthz', lanAddress(3));
    expect(health.status).toBe(200);
    // The status word only: backlog, devices and versions are for the kiosk machine itself.
    expect(await health.json()).toEqual({ status: expect.stringMatching(/^(ok|degraded)$/) });
    expect(await lanCall(url, 'desks.list', {}, { from: lanAddress(3) })).toMatchObject({ status: 401 });
  });
});

describe('pairing and the station walk', () => {
  it('pairs a station over the LAN with a code a technician made on the kiosk screen', async () => {
    const { host, url } = await setup();
    await host.createStaff({ username: 'teknisi', name: 'Teknisi', role: 'technician', pin: TEST_PIN });
    const login = await lanCall(url, 'auth.login', { username: 'teknisi', pin: TEST_PIN });
    expect(login).toMatchObject({ status: 200, json: { ok: true } });
    const session = (login.json as { value: { sessionToken: string } }).value.sessionToken;
    const pairing = await lanCall(url, 'stations.createPairingCode', { kind: 'reception' }, { session });
    expect(pairing).toMatchObject({ status: 200 });
    const { code } = (pairing.json as { value: { code: string } }).value;

    const paired = await lanCall(url, 'stations.pair', { code, name: 'Resepsionis 1' }, { from: lanAddress(2) });
    expect(paired).toMatchObject({ status: 200, json: { ok: true, value: { station: { name: 'Resepsionis 1', kind: 'reception' } } } });
    const token = (paired.json as { value: { token: string } }).value.token;
    const whoami = await lanCall(url, 'auth.whoami', {}, { from: lanAddress(2), station: token });
    expect(whoami).toMatchObject({ status: 200, json: { value: { station: { name: 'Resepsionis 1' }, local: false } } });
    // A code is used once.
    expect((await lanCall(url, 'stations.pair', { code, name: 'Lagi' }, { from: lanAddress(3) })).status).toBe(401);
  });

  it('walk the contract with a revoked station: every method answers 401, the events socket 4401', async () => {
    const { host, server, url } = await setup({ heartbeatMs: 100 });
    const technician = await loginAs(host, 'technician', 'teknisi');
    const token = await pairStation(host, 'kiosk', technician);
    const from = lanAddress(4);
    expect(await lanCall(url, 'kiosk.info', {}, { from, station: token })).toMatchObject({ status: 200 });
    const listening = await openEvents(url, { from, hello: { hello: { station: token } } });
    await waitForEventSockets(server, 1);

    const listed = await lanCall(url, 'stations.list', {}, { session: technician.sessionToken! });
    const station = (listed.json as { value: { stations: { id: number }[] } }).value.stations[0]!;
    expect(await lanCall(url, 'stations.revoke', { stationId: station.id }, { session: technician.sessionToken! })).toMatchObject({ status: 200 });

    for (const method of ALL_METHODS) {
      const answer = await lanCall(url, method, {}, { from, station: token });
      expect({ method, status: answer.status, json: answer.json }).toMatchObject({
        method,
        status: 401,
        json: { ok: false, error: { code: 'unauthenticated' } },
      });
    }
    // The socket it had open is closed on the next heartbeat; a new one is refused at its hello.
    expect((await listening.closed).code).toBe(WS_CLOSE_UNAUTHENTICATED);
    const events = await openEvents(url, { from, hello: { hello: { station: token } } });
    expect((await events.closed).code).toBe(WS_CLOSE_UNAUTHENTICATED);
  });

  it('walk the contract with roles: a display gets 403 outside its methods, a desk without login 401, an officer 403', async () => {
    const { host, url } = await setup();
    const technician = await loginAs(host, 'technician', 'teknisi');
    const display = await pairStation(host, 'display', technician, 'Layar ruang tunggu');
    const desk = await pairStation(host, 'desk', technician, 'Meja 1');
    const officer = await loginAs(host, 'officer', 'petugas', desk);

    const callers: { name: string; roles: Role[]; credentials: Credentials; refusal: number }[] = [
      { name: 'display', roles: ['display'], credentials: { from: lanAddress(5), station: display }, refusal: 403 },
      { name: 'desk without login', roles: [], credentials: { from: lanAddress(6), station: desk }, refusal: 401 },
      { name: 'officer at a desk', roles: ['officer'], credentials: { from: lanAddress(6), station: desk, session: officer.sessionToken! }, refusal: 403 },
    ];
    for (const caller of callers) {
      for (const method of ALL_METHODS) {
        const access = accessOf(method);
        if (access === 'anyone' || access === 'station') continue;
        if (access.some((role) => caller.roles.includes(role))) continue;
        const answer = await lanCall(url, method, {}, caller.credentials);
        expect({ caller: caller.name, method, status: answer.status }).toEqual({ caller: caller.name, method, status: caller.refusal });
      }
      // And what the caller may do still works over the same transport.
      expect(await lanCall(url, 'auth.whoami', {}, caller.credentials)).toMatchObject({ status: 200 });
    }
  });
});

describe('the events socket', () => {
  it('subscribes the kiosk screen after an empty hello, and a paired station after its token', async () => {
    const { host, server, url } = await setup();
    const technician = await loginAs(host, 'technician', 'teknisi');
    const token = await pairStation(host, 'display', technician);
    const kiosk = await openEvents(url, { hello: { hello: {} } });
    const station = await openEvents(url, { from: lanAddress(2), hello: { hello: { station: token } } });
    await waitForEventSockets(server, 2);
    expect(await lanCall(url, 'tickets.issue', { deskId: 1 })).toMatchObject({ status: 200 });
    const issued = (message: { event: string }) => message.event === 'ticket.issued';
    await expect(kiosk.next(issued)).resolves.toMatchObject({ payload: { number: 'A-001' } });
    await expect(station.next(issued)).resolves.toMatchObject({ payload: { number: 'A-001' } });
  });

  it.each([
    ['an unpaired station', 2, { hello: {} }],
    ['an unknown token', 2, { hello: { station: 'B'.repeat(43) } }],
    ['a hello that is not JSON', 1, 'hello'],
    ['a hello of the wrong shape', 1, { hello: { station: 'x', extra: true } }],
    ['another message first', 1, { subscribe: 'ticket.issued' }],
    ['a credential with spaces', 1, { hello: { session: 'a b' } }],
  ])('closes with 4401 on %s and never sends it an event', async (_name, n, hello) => {
    const { server, url } = await setup();
    const client = await openEvents(url, { from: lanAddress(n), hello });
    expect((await client.closed).code).toBe(WS_CLOSE_UNAUTHENTICATED);
    expect(client.messages).toEqual([]);
    expect(server.stats().eventSockets).toBe(0);
  });

  it('closes with 4401 when no hello comes within the hello timeout', async () => {
    const { url } = await setup({ limits: { helloTimeoutMs: 200 } });
    const started = Date.now();
    const client = await openEvents(url);
    expect((await client.closed).code).toBe(WS_CLOSE_UNAUTHENTICATED);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('caps event sockets per station token at 4', async () => {
    const { host, server, url } = await setup();
    const technician = await loginAs(host, 'technician', 'teknisi');
    const token = await pairStation(host, 'display', technician);
    // Spread over addresses, so only the per-station cap can apply.
    const hello = { hello: { station: token } };
    for (let n = 2; n <= 5; n++) await openEvents(url, { from: lanAddress(n), hello });
    await waitForEventSockets(server, 4);
    const fifth = await openEvents(url, { from: lanAddress(6), hello });
    expect((await fifth.closed).code).toBe(WS_CLOSE_TOO_MANY);
    expect(server.stats().eventSockets).toBe(4);
  });
});

describe('rate limits', () => {
  it('answers the 11th pairing attempt a minute from one address with 429, the envelope and Retry-After', async () => {
    const { url } = await setup();
    const from = lanAddress(7);
    // Five wrong codes, then the host stops hearing this device (429 from the host's own guess
    // limit); the LAN limiter answers the 11th attempt of the minute before the host is asked.
    for (let i = 0; i < 10; i++) {
      expect((await lanCall(url, 'stations.pair', { code: '000000', name: 'x' }, { from })).status).toBe(i < 5 ? 401 : 429);
    }
    const limited = await lanCall(url, 'stations.pair', { code: '000000', name: 'x' }, { from });
    expect(limited).toMatchObject({ status: 429, json: { ok: false, error: { code: 'rate_limited', message: expect.any(String) } } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is counted on its own.
    expect((await lanCall(url, 'stations.pair', { code: '000000', name: 'x' }, { from: lanAddress(8) })).status).toBe(401);
  });

  it('limits login attempts per address', async () => {
    const { host, url } = await setup({ limits: { loginsPerAddress: 3 } });
    const technician = await loginAs(host, 'technician', 'teknisi');
    const desk = await pairStation(host, 'desk', technician);
    const from = lanAddress(9);
    for (let i = 0; i < 3; i++) {
      expect((await lanCall(url, 'auth.login', { username: 'teknisi', pin: '000000' }, { from, station: desk })).status).not.toBe(429);
    }
    expect(await lanCall(url, 'auth.login', { username: 'teknisi', pin: TEST_PIN }, { from, station: desk })).toMatchObject({
      status: 429,
      json: { error: { code: 'rate_limited' } },
    });
  });

  it('limits requests per address, but never the kiosk screen', async () => {
    const { url } = await setup({ limits: { requestsPerAddress: 5 } });
    const from = lanAddress(10);
    for (let i = 0; i < 5; i++) expect((await lanCall(url, 'kiosk.info', {}, { from })).status).toBe(401);
    expect(await lanCall(url, 'kiosk.info', {}, { from })).toMatchObject({ status: 429, json: { error: { code: 'rate_limited' } } });
    expect((await fetchFrom(url, '/healthz', from)).status).toBe(429);
    for (let i = 0; i < 20; i++) expect((await lanCall(url, 'kiosk.info', {})).status).toBe(200);
  });

  it('limits calls and tickets per station token, whatever address they come from', async () => {
    const { host, url } = await setup({ limits: { callsPerStation: 5, ticketsPerStation: 2 } });
    const technician = await loginAs(host, 'technician', 'teknisi');
    const station = await pairStation(host, 'kiosk', technician);
    const issue = (n: number) => lanCall(url, 'tickets.issue', { deskId: 1 }, { from: lanAddress(n), station });
    expect((await issue(11)).status).toBe(200);
    expect((await issue(12)).status).toBe(200);
    expect(await issue(13)).toMatchObject({ status: 429, json: { error: { code: 'rate_limited' } } });
    // Other calls of the station go on until its overall budget (5) is spent.
    expect((await lanCall(url, 'desks.list', {}, { from: lanAddress(14), station })).status).toBe(200);
    expect((await lanCall(url, 'desks.list', {}, { from: lanAddress(15), station })).status).toBe(200);
    expect((await lanCall(url, 'desks.list', {}, { from: lanAddress(16), station })).status).toBe(429);
    // The kiosk screen issues regardless.
    expect((await lanCall(url, 'tickets.issue', { deskId: 1 })).status).toBe(200);
  });

  it('gives report computations one small budget per station, shared by the report methods', async () => {
    const { host, url } = await setup({ limits: { reportsPerStation: 2 } });
    const technician = await loginAs(host, 'technician', 'teknisi');
    const station = await pairStation(host, 'admin', technician);
    const period = (await ok(host, 'kiosk.info', {})).serviceDate.slice(0, 7);
    // Refused for want of a login, but counted all the same: the budget is the station's.
    expect((await lanCall(url, 'reports.ikm', { period }, { from: lanAddress(21), station })).status).not.toBe(429);
    expect((await lanCall(url, 'reports.monthly', { period }, { from: lanAddress(22), station })).status).not.toBe(429);
    expect(await lanCall(url, 'reports.export', { report: 'ikm', period, format: 'csv' }, { from: lanAddress(23), station })).toMatchObject({
      status: 429,
      json: { error: { code: 'rate_limited', message: expect.stringContaining('reports from this station') } },
    });
    // Other calls of the station are not affected.
    expect((await lanCall(url, 'desks.list', {}, { from: lanAddress(24), station })).status).toBe(200);
  });

  it('limits PP/PKB status lookups per station: each one is a live request to central', async () => {
    const { host, url } = await setup({ limits: { lookupsPerStation: 2 } });
    const technician = await loginAs(host, 'technician', 'teknisi');
    const station = await pairStation(host, 'kiosk', technician);
    const lookup = () => lanCall(url, 'agreements.applicationStatus', { number: 'PP/3273/2026/000123' }, { from: lanAddress(31), station });
    // Not registered with central here: answered `unavailable`, yet counted.
    expect((await lookup()).status).toBe(503);
    expect((await lookup()).status).toBe(503);
    expect(await lookup()).toMatchObject({ status: 429, json: { error: { code: 'rate_limited', message: expect.stringContaining('status lookups') } } });
    expect((await lanCall(url, 'desks.list', {}, { from: lanAddress(32), station })).status).toBe(200);
  });
});

async function fetchFrom(url: string, path: string, from = '127.0.0.1'): Promise<{ status: number; type: string; json(): Promise<unknown> }> {
  const { request } = await import('node:http');
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    request({ host: target.hostname, port: target.port, path, localAddress: from, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      const body = new Promise<string>((done) => {
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
      });
      resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', json: async () => JSON.parse(await body) as unknown });
    })
      .on('error', reject)
      .end();
  });
}
