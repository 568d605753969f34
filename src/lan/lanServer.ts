import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { LAN_API_PREFIX, LAN_EVENTS_PATH, type Envelope } from '../contract/api.js';
import { httpStatusByCode, type ApiError } from '../contract/errors.js';
import type { KioskHost } from '../host/kioskHost.js';
import type { Logger } from '../host/logger.js';
import { healthForLan, withoutTechnicianDetail } from './stationView.js';

export interface LanServerOptions {
  host: KioskHost;
  /** 127.0.0.1 unless LAN access is switched on. */
  bindAddress: string;
  port: number;
  /** The built renderer, served at `/` so browser stations need nothing installed. */
  staticDir?: string;
  /**
   * Headless mode: the kiosk screen itself is a browser on this machine, so loopback callers are
   * the kiosk (channel `kiosk`); everyone else is a station (`lan`).
   */
  kioskOnLoopback?: boolean;
  /** Answer stations on the LAN; defaults to true unless bound to a loopback address. */
  lanAccess?: boolean;
  /** LAN mode: host names stations may use besides IP addresses (DNS-rebinding defence). */
  allowedHostnames?: readonly string[];
  /** How often stations are pinged; one that has not answered the previous ping is dropped. */
  heartbeatMs?: number;
  log: Logger;
}

export interface LanServer {
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

const BODY_LIMIT_BYTES = 16 * 1024;
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', 'localhost']);
/** A station that stops answering pings is dropped after at most twice this long. */
const DEFAULT_HEARTBEAT_MS = 30_000;
/** A station that cannot keep up with events is dropped rather than buffered without limit. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Content-Security-Policy for the renderer: nothing but this origin, no inline script. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * HTTP + WebSocket transport of the contract for browser stations and the headless kiosk:
 * `POST /api/v1/<method>` with a JSON body answers an envelope; `GET /api/v1/events` upgrades to a
 * WebSocket that pushes host events; `GET /healthz` reports status.
 */
export async function startLanServer(options: LanServerOptions): Promise<LanServer> {
  const { host, bindAddress, port, staticDir, log } = options;
  const loopbackOnly = !(options.lanAccess ?? !LOOPBACK_ADDRESSES.has(bindAddress));
  const allowedHostnames = new Set((options.allowedHostnames ?? []).map((name) => name.toLowerCase()));
  // 503s while closing would not be envelopes; host.dispatch already answers `unavailable` then.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, return503OnClosing: false });
  // JSON only: a text/plain POST is what a foreign web page can send without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  // Registered before the Host check so that a refused upgrade is still cleaned up by the plugin.
  await app.register(fastifyWebsocket, { options: { maxPayload: BODY_LIMIT_BYTES } });
  // The plugin closes station sockets politely, and ws then waits up to 30 s for each answer; a
  // station that lost its network never answers. Shutdown must not wait for it.
  app.addHook('preClose', (done) => {
    for (const client of app.websocketServer.clients) client.terminate();
    done();
  });

  // Only known Host names are answered, so a web page opened in any browser on the kiosk or the
  // site network cannot reach the API through DNS rebinding: loopback names when bound to
  // loopback; IP addresses and the configured names when LAN access is on.
  app.addHook('onRequest', async (request, reply) => {
    if (!isAllowedHost(request.headers.host, loopbackOnly, allowedHostnames)) {
      return sendError(reply, { code: 'forbidden', message: 'host name not allowed' });
    }
    return undefined;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Content-Security-Policy', RENDERER_CSP);
    return payload;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, { code: 'payload_too_large', message: `request body over ${BODY_LIMIT_BYTES} bytes` });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, { code: 'invalid_input', message: 'content-type must be application/json' });
    }
    if (status >= 400 && status < 500) {
      return sendError(reply, { code: 'invalid_input', message: error.message });
    }
    log.error('lan request failed', { error: error.message });
    return sendError(reply, { code: 'internal', message: 'internal error; the kiosk log has details' });
  });

  app.get('/healthz', async (request, reply) => {
    const health = host.health();
    const body = isLoopbackAddress(request.ip) ? health : healthForLan(health);
    return reply.code(health.database.ok ? 200 : 503).send(body);
  });

  app.post<{ Params: { method: string } }>(`${LAN_API_PREFIX}/:method`, async (request, reply) => {
    const local = isLoopbackAddress(request.ip);
    const channel = options.kioskOnLoopback && local ? 'kiosk' : 'lan';
    const envelope = await host.dispatch(request.params.method, request.body, { channel });
    return sendEnvelope(reply, local ? envelope : withoutTechnicianDetail(envelope));
  });

  const alive = new WeakSet<object>();
  app.route({
    method: 'GET',
    url: LAN_EVENTS_PATH,
    handler: (_request, reply) =>
      sendError(reply, { code: 'invalid_input', message: 'this endpoint speaks WebSocket only' }),
    wsHandler: (socket, request) => {
      // Browsers always send Origin on WebSocket upgrades; a foreign one is a cross-site page.
      const origin = request.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, request)) {
        socket.close(1008, 'origin not allowed');
        return;
      }
      alive.add(socket);
      socket.on('pong', () => alive.add(socket));
      const local = isLoopbackAddress(request.ip);
      const unsubscribe = host.events.subscribe((message) => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.terminate();
          return;
        }
        socket.send(JSON.stringify(local ? message : withoutTechnicianDetail(message)));
      });
      socket.on('close', unsubscribe);
      // Stations only listen; anything they send is ignored rather than parsed.
      socket.on('message', () => undefined);
    },
  });

  // Stations that lost power or network never say goodbye: ping, and drop those that do not answer.
  const heartbeat = setInterval(() => {
    for (const client of app.websocketServer.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  heartbeat.unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  if (staticDir && existsSync(staticDir)) {
    await app.register(fastifyStatic, { root: staticDir, prefix: '/', index: ['index.html'] });
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith(LAN_API_PREFIX) && staticDir && existsSync(staticDir)) {
      return reply.sendFile('index.html');
    }
    return sendError(reply, { code: 'unknown_method', message: `no route ${request.method} ${request.url.slice(0, 80)}` });
  });

  await app.listen({ host: bindAddress, port });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = bindAddress === '0.0.0.0' || bindAddress === '::' ? '127.0.0.1' : bindAddress;
  return {
    url: `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${boundPort}`,
    port: boundPort,
    app,
    close: () => app.close(),
  };
}

function sendEnvelope(reply: FastifyReply, envelope: Envelope): FastifyReply {
  if (envelope.ok) return reply.code(200).send(envelope);
  return reply.code(httpStatusByCode[envelope.error.code]).send(envelope);
}

function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  return sendEnvelope(reply, { ok: false, error });
}

function isAllowedHost(hostHeader: string | undefined, loopbackOnly: boolean, allowed: ReadonlySet<string>): boolean {
  if (!hostHeader) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (LOOPBACK_ADDRESSES.has(hostname)) return true;
  if (loopbackOnly) return false;
  return isIP(hostname) !== 0 || allowed.has(hostname);
}

function isLoopbackAddress(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function sameOrigin(origin: string, request: FastifyRequest): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
