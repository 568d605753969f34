import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { LAN_API_PREFIX, LAN_EVENTS_PATH, type Envelope } from '../contract/api.js';
import { httpStatusByCode, type ApiError } from '../contract/errors.js';
import type { KioskHost } from '../host/kioskHost.js';
import type { Logger } from '../host/logger.js';

export interface LanServerOptions {
  host: KioskHost;
  /** 127.0.0.1 unless LAN access is switched on. */
  bindAddress: string;
  port: number;
  /** The built renderer, served at `/` so browser stations need nothing installed. */
  staticDir?: string;
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
  const loopbackOnly = LOOPBACK_ADDRESSES.has(bindAddress);
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, return503OnClosing: true });
  // JSON only: a text/plain POST is what a foreign web page can send without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  // Bound to loopback, only loopback Host names are answered: a web page the kiosk browser might
  // open cannot reach the API through DNS rebinding.
  app.addHook('onRequest', async (request, reply) => {
    if (loopbackOnly && !isLoopbackHost(request.headers.host)) {
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

  await app.register(fastifyWebsocket, { options: { maxPayload: BODY_LIMIT_BYTES } });

  app.get('/healthz', async (_request, reply) => {
    const health = host.health();
    return reply.code(health.database.ok ? 200 : 503).send(health);
  });

  app.post<{ Params: { method: string } }>(`${LAN_API_PREFIX}/:method`, async (request, reply) => {
    const envelope = await host.dispatch(request.params.method, request.body, { channel: 'lan' });
    return sendEnvelope(reply, envelope);
  });

  app.get(LAN_EVENTS_PATH, { websocket: true }, (socket, request) => {
    // Browsers always send Origin on WebSocket upgrades; a foreign one is a cross-site page.
    const origin = request.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, request)) {
      socket.close(1008, 'origin not allowed');
      return;
    }
    const unsubscribe = host.events.subscribe((message) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    });
    socket.on('close', unsubscribe);
    // Stations only listen; anything they send is ignored rather than parsed.
    socket.on('message', () => undefined);
  });

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

function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  try {
    const hostname = new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '');
    return LOOPBACK_ADDRESSES.has(hostname);
  } catch {
    return false;
  }
}

function sameOrigin(origin: string, request: FastifyRequest): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
