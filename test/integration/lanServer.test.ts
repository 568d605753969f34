import { describe, expect, it } from 'vitest';
import { startLanServer, type LanServer, type LanServerOptions } from '../../src/lan/lanServer.js';
import { healthForLan } from '../../src/lan/stationView.js';
import { connect, type Socket } from 'node:net';
import { offlineNetworkPrinter } from '../support/offlineNetworkPrinter.js';
import { readRows } from '../support/readRows.js';
import { silentLogger } from '../../src/host/logger.js';
import { onTestFinished } from 'vitest';
import { createTestHost } from '../support/testHost.js';
import { tempDir } from '../support/tempDir.js';
import { lanAddress, lanCall, openEvents } from '../support/lanClient.js';
import { loginAs, pairStation } from '../support/queueDriver.js';
import type { KioskHost } from '../../src/host/kioskHost.js';

/** As in headless mode: callers from 127.0.0.1 without a token are the kiosk's own screen. */
async function startServer(options: Partial<LanServerOptions> = {}): Promise<LanServer> {
  const host = options.host ?? createTestHost(tempDir());
  const server = await startLanServer({ bindAddress: '127.0.0.1', port: 0, log: silentLogger, kioskOnLoopback: true, ...options, host });
  onTestFinished(() => server.close());
  return server;
}

/** A paired station of kind `kiosk` (it may issue tickets), paired by a technician on the kiosk. */
async function pairedKioskStation(host: KioskHost): Promise<string> {
  const technician = await loginAs(host, 'technician', `teknisi${Math.floor(Math.random() * 1e6)}`);
  return pairStation(host, 'kiosk', technician);
}

/** Waits until `count` events sockets have said hello and receive events. */
async function eventSockets(server: LanServer, count: number): Promise<void> {
  for (let i = 0; i < 200 && server.stats().eventSockets < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(server.stats().eventSockets).toBe(count);
}

/** A raw request with a chosen Host header (fetch will not let us set one). */
async function requestWithHost(port: number, hostHeader: string, path = '/healthz', headers: Record<string, string> = {}) {
  const { request } = await import('node:http');
  return new Promise<number>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host: hostHeader, ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

async function post(url: string, path: string, body: string, contentType = 'application/json') {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('LAN API over HTTP', () => {
  it('issues a ticket with POST /api/v1/tickets.issue', async () => {
    const { url } = await startServer();
    const { status, json } = await post(url, '/api/v1/tickets.issue', '{"deskId":1}');
    expect(status).toBe(200);
    // The number comes back at once; the paper follows as a `ticket.printed` event.
    expect(json).toMatchObject({ ok: true, value: { number: 'A-001', print: { status: 'pending' } } });
  });

  it.each([
    ['malformed JSON', '/api/v1/tickets.issue', '{"deskId":', 'application/json', 400, 'invalid_input'],
    ['a wrong type', '/api/v1/tickets.issue', '{"deskId":"A"}', 'application/json', 400, 'invalid_input'],
    ['a non-JSON content type', '/api/v1/tickets.issue', '{"deskId":1}', 'text/plain', 400, 'invalid_input'],
    ['a form post', '/api/v1/tickets.issue', 'deskId=1', 'application/x-www-form-urlencoded', 400, 'invalid_input'],
    ['an unknown method', '/api/v1/tickets.cancelAll', '{}', 'application/json', 404, 'unknown_method'],
    ['an oversized body', '/api/v1/tickets.issue', `{"deskId":1,"pad":"${'x'.repeat(20_000)}"}`, 'application/json', 413, 'payload_too_large'],
  ])('answers %s with a typed error and keeps running', async (_name, path, body, type, status, code) => {
    const { url } = await startServer();
    const bad = await post(url, path, body, type);
    expect(bad.status).toBe(status);
    expect(bad.json).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    const good = await post(url, '/api/v1/tickets.issue', '{"deskId":2}');
    expect(good.json).toMatchObject({ ok: true, value: { number: 'B-001' } });
  });

  it('lists where the input was wrong', async () => {
    const { url } = await startServer();
    const { json } = await post(url, '/api/v1/tickets.issue', '{"deskId":9}');
    expect(json).toMatchObject({ error: { issues: [{ path: 'deskId' }] } });
  });

  it('reports health: status, version, database, devices, sync backlog', async () => {
    const { url } = await startServer();
    await post(url, '/api/v1/tickets.issue', '{"deskId":1}');
    // The ticket prints in the background; its job tells the kiosk the printer is online.
    await expect.poll(async () => ((await (await fetch(`${url}/healthz`)).json()) as { devices: Array<{ state: string }> }).devices[0]?.state).toBe('online');
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: { ok: true, schemaVersion: expect.any(Number) },
      devices: [{ id: 'printer', driver: 'escpos/simulator', state: 'online' }],
      // The ticket, and the printer's first status change, waiting: no central address configured.
      sync: { state: 'not_configured', backlog: 2, poisoned: 0, lastSuccessAt: null },
    });
  });

  it('refuses foreign Host names while bound to loopback (DNS rebinding)', async () => {
    const { port } = await startServer();
    expect(await requestWithHost(port, 'attacker.example:80')).toBe(403);
    expect(await requestWithHost(port, `localhost:${port}`)).toBe(200);
  });

  it('in LAN mode answers IP addresses and configured names only', async () => {
    const { port } = await startServer({ lanAccess: true, allowedHostnames: ['kios.bbpvp.local'] });
    expect(await requestWithHost(port, `192.168.10.5:${port}`)).toBe(200);
    expect(await requestWithHost(port, `[fe80::1]:${port}`)).toBe(200);
    expect(await requestWithHost(port, `KIOS.bbpvp.local:${port}`)).toBe(200);
    expect(await requestWithHost(port, `rebind.attacker.example:${port}`)).toBe(403);
  });

  it('refuses WebSocket upgrades with a foreign Host and still shuts down cleanly', async () => {
    const server = await startServer();
    const upgrade = {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    };
    for (let i = 0; i < 5; i++) {
      // Refused either with a 403 or by closing the connection; never upgraded (101).
      const status = await requestWithHost(server.port, 'attacker.example', '/api/v1/events', upgrade).catch(() => 0);
      expect([0, 403]).toContain(status);
    }
    // A leaked upgrade socket would keep close() from ever returning.
    await expect(server.close()).resolves.toBeUndefined();
  });

  it('answers a plain GET of the events path with an envelope', async () => {
    const { url } = await startServer();
    const response = await fetch(`${url}/api/v1/events`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('records loopback calls as the kiosk itself in headless mode, paired stations as stations', async () => {
    const dataDir = tempDir();
    const host = createTestHost(dataDir);
    const station = await pairedKioskStation(host);
    const server = await startServer({ host });
    expect(await lanCall(server.url, 'tickets.issue', { deskId: 1 })).toMatchObject({ status: 200 });
    expect(await lanCall(server.url, 'tickets.issue', { deskId: 1 }, { from: lanAddress(2), station })).toMatchObject({ status: 200 });
    // The kiosk machine with a station token is that station, not the kiosk screen.
    expect(await lanCall(server.url, 'tickets.issue', { deskId: 1 }, { station })).toMatchObject({ status: 200 });
    await server.close();
    await host.close();
    expect(readRows(dataDir, 'SELECT number, channel FROM tickets ORDER BY id')).toEqual([
      { number: 'A-001', channel: 'kiosk' },
      { number: 'A-002', channel: 'lan' },
      { number: 'A-003', channel: 'lan' },
    ]);
  });

  it('without kiosk-on-loopback (the Electron shell), loopback callers are unpaired stations', async () => {
    const { url } = await startServer({ kioskOnLoopback: false });
    const answer = await lanCall(url, 'tickets.issue', { deskId: 1 });
    expect(answer).toMatchObject({ status: 401, json: { ok: false, error: { code: 'unauthenticated' } } });
  });

  it('answers stations without printer addresses or paths, and the kiosk machine with them', async () => {
    const offline = offlineNetworkPrinter();
    const host = createTestHost(tempDir(), { transport: offline });
    const station = await pairedKioskStation(host);
    const { app } = await startServer({ host });
    const issue = (remoteAddress: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/api/v1/tickets.issue', payload: { deskId: 1 }, remoteAddress, headers });
    const fromStation = await issue('192.168.10.31', { authorization: `Bearer ${station}` });
    expect(fromStation.json()).toMatchObject({ ok: true, value: { number: 'A-001', print: { status: 'pending' } } });
    expect(fromStation.body).not.toContain('10.1.2.3');
    await expect.poll(() => host.health().devices[0]?.state).toBe('offline');
    // The reprint list carries the job's technician detail: to the kiosk machine only.
    const receptionist = await loginAs(host, 'receptionist', 'rina');
    const listFor = (remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/v1/tickets.needingReprint', payload: {}, remoteAddress, headers: { 'x-kiosk-session': receptionist.sessionToken ?? '' } });
    const forKiosk = await listFor('127.0.0.1');
    expect(forKiosk.json()).toMatchObject({ value: { tickets: [{ number: 'A-001', print: { status: 'failed', reason: 'offline', detail: expect.stringContaining('10.1.2.3') } }] } });

    const stationHealth = await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '192.168.10.31' });
    expect(stationHealth.json()).toEqual({ status: 'degraded' });
    expect(stationHealth.body).not.toContain('10.1.2.3');
    const kioskHealth = await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '127.0.0.1' });
    expect(kioskHealth.body).toContain('10.1.2.3');
  });

  it('keeps printer addresses out of events pushed to stations', async () => {
    const offline = offlineNetworkPrinter();
    const host = createTestHost(tempDir(), { transport: offline });
    const token = await pairedKioskStation(host);
    const server = await startServer({ host });
    // 127.0.0.2 is loopback to the machine but not the kiosk's own address: a station, as far as
    // the server can tell.
    const station = await openEvents(server.url, { from: lanAddress(2), hello: { hello: { station: token } } });
    await eventSockets(server, 1);
    await post(server.url, '/api/v1/tickets.issue', '{"deskId":1}');
    await station.next((message) => message.event === 'ticket.issued');
    await station.next((message) => message.event === 'device.status');
    await station.next((message) => message.event === 'ticket.printed');
    expect(station.messages.map((text) => (JSON.parse(text) as { event: string }).event).sort()).toEqual([
      'device.status',
      'queue.changed',
      'ticket.issued',
      'ticket.printed',
    ]);
    expect(station.messages.join('')).not.toContain('10.1.2.3');
  });

  it('sends the same event text to every station and the detailed text to the kiosk machine', async () => {
    const offline = offlineNetworkPrinter();
    const host = createTestHost(tempDir(), { transport: offline });
    const token = await pairedKioskStation(host);
    const server = await startServer({ host });
    const stations = await Promise.all([2, 3, 4].map((n) => openEvents(server.url, { from: lanAddress(n), hello: { hello: { station: token } } })));
    const kiosk = await openEvents(server.url, { hello: { hello: {} } });
    await eventSockets(server, 4);
    await post(server.url, '/api/v1/tickets.issue', '{"deskId":1}');
    const isDevice = (message: { event: string }) => message.event === 'device.status';
    await Promise.all([...stations, kiosk].map((client) => client.next(isDevice)));
    const deviceText = (messages: string[]) => messages.find((text) => text.includes('"device.status"'));
    const stationTexts = new Set(stations.map((client) => deviceText(client.messages)));
    expect(stationTexts.size).toBe(1);
    expect([...stationTexts][0]).not.toContain('10.1.2.3');
    expect(deviceText(kiosk.messages)).toContain('10.1.2.3');
  });

  it('drops a station that stops answering pings', async () => {
    const { port } = await startServer({ heartbeatMs: 100 });
    const socket = await silentWebSocket(port);
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  });

  it('shuts down at once even when a station has gone silent', { timeout: 10_000 }, async () => {
    const server = await startServer();
    await silentWebSocket(server.port);
    // ws would wait 30 s for a silent peer to answer the close handshake; the kiosk must not.
    await expect(server.close()).resolves.toBeUndefined();
  });

  it('shows stations the health status word only', () => {
    const health = healthForLan({
      status: 'degraded',
      version: '1.0.0',
      database: { ok: false, schemaVersion: 1, error: 'disk I/O error at /var/lib/kiosk/kiosk.sqlite' },
      devices: [{ id: 'printer', driver: 'escpos/tcp', state: 'offline', since: '2026-11-23T02:00:00.000Z', detail: 'printer 10.1.2.3:9100: ECONNREFUSED' }],
      sync: { state: 'backing_off', backlog: 3, poisoned: 0, oldestPendingAgeSeconds: 60, lastSuccessAt: null, lastError: { at: '2026-11-23T02:00:00.000Z', message: 'refused: connection refused' } },
      uptimeSeconds: 5,
    });
    expect(health).toEqual({ status: 'degraded' });
  });

  it('pushes ticket events to WebSocket subscribers after their hello', async () => {
    const server = await startServer();
    const { url } = server;
    // The browser's own WebSocket, as the kiosk screen uses it.
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/events`);
    onTestFinished(() => socket.close());
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    socket.send(JSON.stringify({ hello: {} }));
    await eventSockets(server, 1);
    const message = new Promise<unknown>((resolve) => {
      socket.onmessage = (event) => {
        const parsed = JSON.parse(String(event.data)) as { event: string };
        if (parsed.event === 'ticket.issued') resolve(parsed);
      };
    });
    await post(url, '/api/v1/tickets.issue', '{"deskId":6}');
    expect(await message).toMatchObject({ event: 'ticket.issued', payload: { number: 'F-001' } });
  });

  it('closes WebSockets opened from a foreign origin', async () => {
    const { url } = await startServer();
    const { WebSocket: NodeWebSocket } = await import('ws');
    const socket = new NodeWebSocket(`${url.replace('http', 'ws')}/api/v1/events`, { origin: 'http://attacker.example' });
    const code = await new Promise<number>((resolve) => socket.on('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(1008);
  });
});

/**
 * A WebSocket station that completes the handshake and then never reads or answers again, like a
 * station whose network cable was pulled.
 */
async function silentWebSocket(port: number): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port });
  onTestFinished(() => {
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.write(
    [
      'GET /api/v1/events HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      '',
      '',
    ].join('\r\n'),
  );
  const response = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
  expect(response).toMatch(/^HTTP\/1\.1 101/);
  // Read and ignore everything: a raw socket answers neither pings nor the close handshake.
  socket.on('data', () => undefined);
  return socket;
}
