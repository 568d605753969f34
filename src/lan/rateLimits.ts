import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { credentialsFromHeaders } from './callerCredentials.js';
import type { LanLimits } from './lanLimits.js';

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

export interface LanRateLimits {
  /** Every request (call, events upgrade, page, health) from an address other than the kiosk's. */
  checkRequest(request: FastifyRequest): Promise<RateVerdict>;
  /** A call of `method`: the per-station limit and the tight limits of the sensitive methods. */
  checkCall(request: FastifyRequest, method: string): Promise<RateVerdict>;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Rate limits on @fastify/rate-limit's counters (in memory, fixed windows), applied by hand in a
 * fixed order so each request is counted once per limit and answered with the contract's envelope
 * rather than the plugin's own error body. The kiosk's own screen is never limited.
 *
 * `isKioskAddress`: the address is the kiosk machine's own one (headless mode).
 */
export async function registerRateLimits(
  app: FastifyInstance,
  limits: LanLimits,
  isKioskAddress: (address: string) => boolean,
): Promise<LanRateLimits> {
  // global: false — nothing is limited implicitly; the limiters below are called explicitly.
  await app.register(fastifyRateLimit, { global: false, timeWindow: limits.rateWindowMs });

  const kioskScreen = (request: FastifyRequest) => isKioskAddress(request.ip) && stationKey(request) === undefined;
  const byAddress = (max: number): Limiter =>
    app.createRateLimit({ max, timeWindow: limits.rateWindowMs, allowList: (request) => isKioskAddress(request.ip) });
  const byStation = (max: number): Limiter =>
    app.createRateLimit({
      max,
      timeWindow: limits.rateWindowMs,
      keyGenerator: (request) => stationKey(request) ?? '',
      // Calls without a token are unpaired (the host refuses them) or the kiosk: the per-address
      // limit covers the former.
      allowList: (request) => stationKey(request) === undefined,
    });

  const requests = byAddress(limits.requestsPerAddress);
  const stationCalls = byStation(limits.callsPerStation);
  // One budget for every method that computes a report.
  const reports = {
    limiter: app.createRateLimit({
      max: limits.reportsPerStation,
      timeWindow: limits.rateWindowMs,
      keyGenerator: (request) => `reports:${stationKey(request) ?? `address:${request.ip}`}`,
      allowList: kioskScreen,
    }),
    what: 'reports from this station',
  };
  const perMethod = new Map<string, { limiter: Limiter; what: string }>([
    ['reports.ikm', reports],
    ['reports.monthly', reports],
    ['reports.export', reports],
    [
      'agreements.applicationStatus',
      {
        // Each lookup is a request to central: a station must not turn the kiosk into its relay.
        limiter: app.createRateLimit({
          max: limits.lookupsPerStation,
          timeWindow: limits.rateWindowMs,
          keyGenerator: (request) => `lookups:${stationKey(request) ?? `address:${request.ip}`}`,
          allowList: kioskScreen,
        }),
        what: 'status lookups from this station',
      },
    ],
    ['stations.pair', { limiter: byAddress(limits.pairingsPerAddress), what: 'pairing attempts from this address' }],
    ['auth.login', { limiter: byAddress(limits.loginsPerAddress), what: 'login attempts from this address' }],
    [
      'tickets.issue',
      {
        // Per station; an unpaired caller (refused by the host anyway) is counted by address.
        limiter: app.createRateLimit({
          max: limits.ticketsPerStation,
          timeWindow: limits.rateWindowMs,
          keyGenerator: (request) => stationKey(request) ?? `address:${request.ip}`,
          allowList: kioskScreen,
        }),
        what: 'tickets from this station',
      },
    ],
  ]);

  return {
    checkRequest: (request) => verdict(requests, request, 'requests from this address'),
    async checkCall(request, method) {
      const station = await verdict(stationCalls, request, 'calls from this station');
      if (!station.ok) return station;
      const special = perMethod.get(method);
      return special ? verdict(special.limiter, request, special.what) : station;
    },
  };
}

async function verdict(limiter: Limiter, request: FastifyRequest, what: string): Promise<RateVerdict> {
  const result = await limiter(request);
  if (result.isAllowed || !result.isExceeded) return { ok: true };
  const retryAfterSeconds = Math.max(1, result.ttlInSeconds);
  return { ok: false, retryAfterSeconds, message: `too many ${what}; try again in ${retryAfterSeconds} s` };
}

/**
 * The counter key of a station: a digest of its token, so the limiter's memory never holds a
 * usable credential. Undefined when the call carries no (well-formed) token.
 */
function stationKey(request: FastifyRequest): string | undefined {
  const parsed = credentialsFromHeaders(request.headers);
  if (!parsed.ok || parsed.credentials.stationToken === undefined) return undefined;
  return `station:${createHash('sha256').update(parsed.credentials.stationToken).digest('base64url').slice(0, 22)}`;
}
