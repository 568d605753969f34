import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { LAN_API_PREFIX, type Envelope } from '../contract/api.js';
import { httpStatusByCode, type ApiError } from '../contract/errors.js';
import type { KioskHost } from '../host/kioskHost.js';
import type { Logger } from '../host/logger.js';
import { callContext, credentialsFromHeaders, isOwnLoopback, normalizeAddress } from './callerCredentials.js';
import { guardConnections, type ConnectionGuard } from './connectionGuard.js';
import { EventFanOut } from './eventFanOut.js';
import { registerEventsEndpoint } from './eventsEndpoint.js';
import { lanLimits, type LanLimits } from './lanLimits.js';
import { registerRateLimits, type RateVerdict } from './rateLimits.js';
import { registerVoiceRoutes, type VoiceRoutesOptions } from './voiceClips.js';
import { healthForLan, withoutTechnicianDetail } from './stationView.js';

/** What the LAN server needs of the host: nothing more, so tests and the shells can pass any host. */
export type LanHost = Pick<KioskHost, 'dispatch' | 'events' | 'health' | 'authorizeEvents'>;

export interface LanServerOptions {
  host: LanHost;
  /** 127.0.0.1 unless LAN access is switched on. */
  bindAddress: string;
  port: number;
  /** The built renderer, served at `/` so browser stations need nothing installed. */
  staticDir?: string;
  /** The display's voice clips at `/voice/<clip>`: the shipped set and a site's own recordings. */
  voice?: VoiceRoutesOptions;
  /**
   * Headless mode: the kiosk screen itself is a browser on this machine, so callers from the
   * machine's own loopback address (127.0.0.1, ::1) without a station token are the kiosk
   * (channel `kiosk`), exempt from caps and rate limits; everyone else is a station (`lan`).
   */
  kioskOnLoopback?: boolean;
  /** Answer stations on the LAN; defaults to true unless bound to a loopback address. */
  lanAccess?: boolean;
  /** LAN mode: host names stations may use besides IP addresses (DNS-rebinding defence). */
  allowedHostnames?: readonly string[];
  /** How often stations are pinged; one that has not answered the previous ping is dropped. */
  heartbeatMs?: number;
  /** Timeouts, connection caps and rate limits; the defaults suit a site LAN (see lanLimits.ts). */
  limits?: Partial<LanLimits>;
  log: Logger;
}

export interface LanServer {
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  /**
   * For diagnostics and tests: connections held from non-kiosk addresses, connections refused so
   * far, and events sockets that said hello and receive events.
   */
  stats(): ReturnType<ConnectionGuard['stats']> & { eventSockets: number };
  close(): Promise<void>;
}

const BODY_LIMIT_BYTES = 16 * 1024;
const LOOPBACK_NAMES = new Set(['127.0.0.1', '::1', 'localhost']);
/** A station that stops answering pings is dropped after at most twice this long. */
const DEFAULT_HEARTBEAT_MS = 30_000;
/** A station that cannot keep up with events is dropped rather than buffered without limit. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Content-Security-Policy for the renderer: nothing but this origin, no inline script. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * HTTP + WebSocket transport of the contract for browser stations and the headless kiosk:
 * `POST /api/v1/<method>` with a JSON body answers an envelope; `GET /api/v1/events` upgrades to a
 * WebSocket that pushes host events; `GET /healthz` reports status. Who may call what is the
 * host's decision; this server turns credentials into a call context and keeps floods, slow
 * clients and piles of idle sockets away from the host and from the kiosk's own screen.
 */
export async function startLanServer(options: LanServerOptions): Promise<LanServer> {
  const { host, bindAddress, port, staticDir, log } = options;
  const limits = lanLimits(options.limits);
  const kioskOnLoopback = options.kioskOnLoopback ?? false;
  const isKioskAddress = (address: string) => kioskOnLoopback && isOwnLoopback(normalizeAddress(address));
  const loopbackOnly = !(options.lanAccess ?? !LOOPBACK_NAMES.has(bindAddress));
  const allowedHostnames = new Set((options.allowedHostnames ?? []).map((name) => name.toLowerCase()));
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // 503s while closing would not be envelopes; host.dispatch already answers `unavailable` then.
    return503OnClosing: false,
    // Slow or silent clients are cut off rather than held: Node's defaults let 4 000 half-sent
    // requests stay open for minutes.
    connectionTimeout: limits.idleSocketTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
  });
  const guard = guardConnections(app.server, {
    maxPerAddress: limits.maxSocketsPerAddress,
    maxTotal: limits.maxSocketsTotal,
    isExempt: isKioskAddress,
    log,
  });
  // JSON only: a text/plain POST is what a foreign web page can send without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  // Registered before the Host check so that a refused upgrade is still cleaned up by the plugin.
  // No per-message compression: it would compress every event once per socket.
  await app.register(fastifyWebsocket, { options: { maxPayload: BODY_LIMIT_BYTES, perMessageDeflate: false } });
  // The plugin closes station sockets politely, and ws then waits up to 30 s for each answer; a
  // station that lost its network never answers. Shutdown must not wait for it.
  app.addHook('preClose', (done) => {
    for (const client of app.websocketServer.clients) client.terminate();
    done();
  });

  const rateLimits = await registerRateLimits(app, limits, isKioskAddress);
  // First of all: a flood is counted and refused before any other work.
  app.addHook('onRequest', async (request, reply) => {
    const verdict = await rateLimits.checkRequest(request);
    return verdict.ok ? undefined : sendRateLimited(reply, verdict);
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
    const body = isOwnLoopback(request.ip) ? health : healthForLan(health);
    return reply.code(health.database.ok ? 200 : 503).send(body);
  });

  app.post<{ Params: { method: string } }>(`${LAN_API_PREFIX}/:method`, {
    // Before the body is read: a limited caller costs no parsing.
    onRequest: async (request, reply) => {
      const verdict = await rateLimits.checkCall(request, request.params.method);
      return verdict.ok ? undefined : sendRateLimited(reply, verdict);
    },
    handler: async (request, reply) => {
      const parsed = credentialsFromHeaders(request.headers);
      if (!parsed.ok) return sendError(reply, { code: 'unauthenticated', message: parsed.message });
      const address = normalizeAddress(request.ip);
      const context = callContext(address, parsed.credentials, kioskOnLoopback);
      const envelope = await host.dispatch(request.params.method, request.body, context);
      return sendEnvelope(reply, isOwnLoopback(address) ? envelope : withoutTechnicianDetail(envelope));
    },
  });

  const fanOut = new EventFanOut(host.events, MAX_BUFFERED_BYTES);
  app.addHook('onClose', async () => fanOut.close());
  const eventsEndpoint = registerEventsEndpoint(app, { host, fanOut, limits, kioskOnLoopback, isKioskAddress, sendError, log });

  // Stations that lost power or network never say goodbye: ping, and drop those that do not answer.
  // The same beat closes the event sockets of stations revoked since they said hello.
  const alive = new WeakSet<object>();
  app.websocketServer.on('connection', (socket) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
  });
  const heartbeat = setInterval(() => {
    for (const client of app.websocketServer.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
    eventsEndpoint.reauthorize();
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  heartbeat.unref();
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    guard.stop();
  });

  // Pages and their assets are public: an unpaired station must load the pairing screen. The
  // pages (/, /desk, /reception, /display, /admin) are one single-page app, hence the fallback.
  if (options.voice) registerVoiceRoutes(app, options.voice);
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
    stats: () => ({ ...guard.stats(), eventSockets: fanOut.size }),
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

function sendRateLimited(reply: FastifyReply, verdict: Exclude<RateVerdict, { ok: true }>): FastifyReply {
  reply.header('Retry-After', String(verdict.retryAfterSeconds));
  return sendError(reply, { code: 'rate_limited', message: verdict.message });
}

function isAllowedHost(hostHeader: string | undefined, loopbackOnly: boolean, allowed: ReadonlySet<string>): boolean {
  if (!hostHeader) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (LOOPBACK_NAMES.has(hostname)) return true;
  if (loopbackOnly) return false;
  return isIP(hostname) !== 0 || allowed.has(hostname);
}
