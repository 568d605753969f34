import { describe, expect, it } from 'vitest';
import { startLanServer, type LanServer } from '../../src/lan/lanServer.js';
import { silentLogger } from '../../src/host/logger.js';
import { onTestFinished } from 'vitest';
import { createTestHost } from '../support/testHost.js';
import { tempDir } from '../support/tempDir.js';

async function startServer(): Promise<LanServer> {
  const host = createTestHost(tempDir());
  const server = await startLanServer({ host, bindAddress: '127.0.0.1', port: 0, log: silentLogger });
  onTestFinished(() => server.close());
  return server;
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
    expect(json).toMatchObject({ ok: true, value: { number: 'A-001', print: { status: 'printed' } } });
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
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: { ok: true, schemaVersion: 1 },
      devices: [{ id: 'printer', kind: 'escpos/simulator', state: 'ready' }],
      sync: { backlog: 1 },
    });
  });

  it('refuses foreign Host names while bound to loopback (DNS rebinding)', async () => {
    const { port } = await startServer();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/healthz', headers: { host: 'attacker.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it('pushes ticket events to WebSocket subscribers', async () => {
    const { url } = await startServer();
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/events`);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const message = new Promise<unknown>((resolve) => {
      socket.onmessage = (event) => {
        const parsed = JSON.parse(String(event.data)) as { event: string };
        if (parsed.event === 'ticket.issued') resolve(parsed);
      };
    });
    await post(url, '/api/v1/tickets.issue', '{"deskId":6}');
    expect(await message).toMatchObject({ event: 'ticket.issued', payload: { number: 'F-001' } });
    socket.close();
  });

  it('closes WebSockets opened from a foreign origin', async () => {
    const { url } = await startServer();
    const { WebSocket: NodeWebSocket } = await import('ws');
    const socket = new NodeWebSocket(`${url.replace('http', 'ws')}/api/v1/events`, { origin: 'http://attacker.example' });
    const code = await new Promise<number>((resolve) => socket.on('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(1008);
  });
});
