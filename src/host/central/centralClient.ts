import type { z } from 'zod';
import {
  AgreementApplicationSchema,
  ProblemSchema,
  PULLED_RESOURCES,
  type Problem,
  RegistrationResponseSchema,
  RotationResponseSchema,
  TimeResponseSchema,
  TokenResponseSchema,
  type PulledResource,
} from '../../central/api.js';
import { EventBatchResultSchema, type EventBatch, type EventBatchResult } from '../../central/events.js';
import { TransportFailure, type CentralHttp, type HttpAnswer } from './centralHttp.js';

/**
 * Calls of the central API (docs/api/central-api.openapi.json), each answer checked against the
 * contract. Every outcome is one of a few kinds the forwarder acts on; nothing here retries.
 */

export type CallOutcome<T> =
  | { kind: 'ok'; value: T; answer: HttpAnswer }
  /** Worth trying again later: network failure, 5xx, 429 (with the server's wish, if it said). */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** The credential or token was refused. */
  | { kind: 'unauthorized'; reason: string }
  /**
   * Central answered 4xx (other than 401, 408, 429). `problem` carries the RFC 9457 body when it
   * had one, so the forwarder can tell "event N is bad" from "something is wrong with the setup".
   */
  | { kind: 'refused'; status: number; reason: string; problem?: Problem };

export type PullAnswer = { notModified: true } | { notModified: false; body: string; etag: string | null };

export interface Device {
  url: string;
  deviceId: string;
  credential: string;
}

export class CentralClient {
  readonly #http: CentralHttp;
  readonly #clock: () => Date;
  #token: { value: string; expiresAt: number } | undefined;

  constructor(http: CentralHttp, clock: () => Date) {
    this.#http = http;
    this.#clock = clock;
  }

  /** Forget the access token (after a 401, or a new registration). */
  dropToken(): void {
    this.#token = undefined;
  }

  async register(url: string, body: unknown): Promise<CallOutcome<z.infer<typeof RegistrationResponseSchema>>> {
    return this.#call('POST', endpoint(url, '/v1/devices/register'), { body }, RegistrationResponseSchema);
  }

  async time(url: string): Promise<CallOutcome<z.infer<typeof TimeResponseSchema>>> {
    return this.#call('GET', endpoint(url, '/v1/time'), {}, TimeResponseSchema);
  }

  async rotate(device: Device): Promise<CallOutcome<z.infer<typeof RotationResponseSchema>>> {
    return this.#authorized(device, (token) => this.#call('POST', endpoint(device.url, '/v1/devices/me/credential'), { token }, RotationResponseSchema));
  }

  async upload(device: Device, batch: EventBatch): Promise<CallOutcome<EventBatchResult>> {
    const body = JSON.stringify(batch);
    return this.#authorized(device, (token) => this.#call('POST', endpoint(device.url, '/v1/events'), { token, raw: body }, EventBatchResultSchema));
  }

  /** One PP/PKB application by number; `refused` with status 404 when central knows none. */
  async agreementApplication(device: Device, number: string): Promise<CallOutcome<z.infer<typeof AgreementApplicationSchema>>> {
    const url = endpoint(device.url, `/v1/agreement-applications/${encodeURIComponent(number)}`);
    return this.#authorized(device, (token) => this.#call('GET', url, { token }, AgreementApplicationSchema));
  }

  /** A conditional GET: `notModified` when central still has the copy the kiosk holds. */
  async pull(device: Device, resource: PulledResource, etag: string | null): Promise<CallOutcome<PullAnswer>> {
    return this.#authorized(device, async (token): Promise<CallOutcome<PullAnswer>> => {
      const url = endpoint(device.url, PULLED_RESOURCES[resource].path);
      let answer: HttpAnswer;
      try {
        answer = await this.#http.request('GET', url, { headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag } : {}) } });
      } catch (error) {
        return transportOutcome(error);
      }
      if (answer.status === 304) return { kind: 'ok', value: { notModified: true }, answer };
      if (answer.status === 200) {
        const tag = answer.headers.etag;
        return { kind: 'ok', value: { notModified: false, body: answer.body, etag: typeof tag === 'string' ? tag : null }, answer };
      }
      return statusOutcome(answer, this.#clock);
    });
  }

  /** Runs a call with a valid access token, fetching one first, and once more after a 401. */
  async #authorized<T>(device: Device, call: (token: string) => Promise<CallOutcome<T>>): Promise<CallOutcome<T>> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const token = await this.#accessToken(device);
      if (token.kind !== 'ok') return token;
      const outcome = await call(token.value);
      if (outcome.kind !== 'unauthorized') return outcome;
      // The token may have expired early or the receiver restarted with a new key: one fresh try.
      this.#token = undefined;
    }
    return { kind: 'unauthorized', reason: 'central refused a fresh token' };
  }

  async #accessToken(device: Device): Promise<CallOutcome<string>> {
    const now = this.#clock().getTime();
    if (this.#token && this.#token.expiresAt > now) {
      return { kind: 'ok', value: this.#token.value, answer: { status: 200, headers: {}, body: '' } };
    }
    const outcome = await this.#call('POST', endpoint(device.url, '/v1/auth/token'), { body: { deviceId: device.deviceId, credential: device.credential } }, TokenResponseSchema);
    // The token endpoint judging the credential malformed is the credential's fault, never the
    // events'; any other refusal there (a gateway's 403/404) is the way to central, to retry.
    if (outcome.kind === 'refused') {
      return outcome.status === 400 || outcome.status === 422 ? { kind: 'unauthorized', reason: `token refused: ${outcome.reason}` } : { kind: 'retry', reason: outcome.reason };
    }
    if (outcome.kind !== 'ok') return outcome;
    // Renewed a minute early, so a token never expires in the middle of a batch.
    this.#token = { value: outcome.value.accessToken, expiresAt: now + Math.max(0, outcome.value.expiresIn - 60) * 1000 };
    return { kind: 'ok', value: outcome.value.accessToken, answer: outcome.answer };
  }

  async #call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    url: string,
    options: { body?: unknown; raw?: string; token?: string },
    schema: S,
  ): Promise<CallOutcome<z.infer<S>>> {
    let answer: HttpAnswer;
    try {
      answer = await this.#http.request(method, url, {
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
        ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      return transportOutcome(error);
    }
    if (answer.status >= 200 && answer.status < 300) {
      let json: unknown;
      try {
        json = JSON.parse(answer.body);
      } catch {
        return { kind: 'retry', reason: `central answered ${answer.status} with a body that is not JSON` };
      }
      const parsed = schema.safeParse(json);
      // An answer that breaks the contract is central's fault, and may be a proxy's error page:
      // try again later rather than believing it.
      if (!parsed.success) return { kind: 'retry', reason: `central's answer does not match the contract: ${parsed.error.issues[0]?.message ?? ''}`.slice(0, 300) };
      return { kind: 'ok', value: parsed.data, answer };
    }
    return statusOutcome(answer, this.#clock);
  }
}

function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

function transportOutcome(error: unknown): { kind: 'retry'; reason: string } {
  if (error instanceof TransportFailure) return { kind: 'retry', reason: `${error.kind}: ${error.message}` };
  return { kind: 'retry', reason: (error as Error).message.slice(0, 200) };
}

function statusOutcome(answer: HttpAnswer, clock: () => Date): Exclude<CallOutcome<never>, { kind: 'ok' }> {
  const problem = problemOf(answer);
  const reason = problemText(answer.status, problem);
  if (answer.status === 401) return { kind: 'unauthorized', reason };
  // Only 4xx is the request's own fault; a redirect or anything odd is the path to central.
  if (answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429) {
    return { kind: 'refused', status: answer.status, reason, ...(problem ? { problem } : {}) };
  }
  const retryAfterMs = retryAfter(answer.headers['retry-after'], clock);
  return { kind: 'retry', reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

function problemOf(answer: HttpAnswer): Problem | undefined {
  try {
    const parsed = ProblemSchema.safeParse(JSON.parse(answer.body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // not JSON: a proxy's page
    return undefined;
  }
}

function problemText(status: number, problem: Problem | undefined): string {
  if (!problem) return `HTTP ${status}`;
  const first = problem.errors?.[0];
  return `${status} ${problem.code}: ${problem.detail ?? problem.title}${first ? ` (${first.path} ${first.message})` : ''}`.slice(0, 300);
}

/** Retry-After in seconds or as an HTTP date (RFC 9110), capped at an hour. */
export function retryAfter(header: string | string[] | undefined, clock: () => Date): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 3600) * 1000;
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.min(Math.max(0, date - clock().getTime()), 3_600_000);
  return undefined;
}
