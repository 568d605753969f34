import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

/**
 * The one HTTP path to central: TLS verified always (the system's authorities plus an optional
 * ministry CA file), a deadline on every request, bounded answers, keep-alive. Any failure below
 * HTTP — refused, reset, timed out, a bad certificate — comes back as a `TransportFailure`, so the
 * forwarder decides on kinds, not on error strings.
 */

export type TransportFailureKind = 'refused' | 'reset' | 'timeout' | 'tls' | 'dns' | 'too_large' | 'other';

export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportFailure';
  }
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface CentralHttpOptions {
  /** PEM file of extra authorities (added to the system's, never replacing them). */
  caFile?: string | undefined;
  timeoutMs: number;
  /** Answers larger than this are refused (a pulled content file is a few hundred KiB). */
  maxAnswerBytes?: number;
}

export interface CentralHttp {
  request(method: 'GET' | 'POST', url: string, options: { headers?: Record<string, string>; body?: string }): Promise<HttpAnswer>;
  close(): void;
}

const DEFAULT_MAX_ANSWER = 16 * 1024 * 1024;

export function createCentralHttp(options: CentralHttpOptions): CentralHttp {
  const ca = options.caFile ? [...rootCertificates, readFileSync(options.caFile, 'utf8')] : undefined;
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4, ...(ca ? { ca } : {}) });
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const maxAnswer = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER;

  return {
    request(method, url, { headers = {}, body }) {
      return new Promise<HttpAnswer>((resolve, reject) => {
        const target = new URL(url);
        const secure = target.protocol === 'https:';
        const transport = secure ? https : http;
        let settled = false;
        const fail = (failure: TransportFailure) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          reject(failure);
        };
        const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
        const req = transport.request(
          target,
          {
            method,
            agent: secure ? httpsAgent : httpAgent,
            headers: {
              accept: 'application/json, application/problem+json',
              ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
              ...headers,
            },
            // Certificates are always verified; there is deliberately no switch to turn that off.
            rejectUnauthorized: true,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > maxAnswer) {
                res.destroy();
                fail(new TransportFailure('too_large', `answer larger than ${maxAnswer} bytes`));
                return;
              }
              chunks.push(chunk);
            });
            res.on('error', (error) => fail(classify(error)));
            res.on('aborted', () => fail(new TransportFailure('reset', 'the answer was cut off')));
            res.on('end', () => {
              if (settled) return;
              if (!res.complete) {
                fail(new TransportFailure('reset', 'the answer was cut off'));
                return;
              }
              settled = true;
              clearTimeout(deadline);
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
            });
          },
        );
        // One deadline for the whole exchange: a receiver that accepts and then says nothing must
        // not hold the forwarder.
        const deadline = setTimeout(() => {
          fail(new TransportFailure('timeout', `no answer within ${options.timeoutMs} ms`));
          req.destroy();
        }, options.timeoutMs);
        deadline.unref();
        req.on('error', (error) => fail(classify(error)));
        req.end(payload);
      });
    },
    close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}

function classify(error: Error & { code?: string }): TransportFailure {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return new TransportFailure('refused', 'connection refused');
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || error.message === 'socket hang up') {
    return new TransportFailure('reset', 'connection reset');
  }
  if (code === 'ETIMEDOUT') return new TransportFailure('timeout', 'connection timed out');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportFailure('dns', `name not resolved (${code})`);
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return new TransportFailure('tls', `TLS: ${code}`);
  }
  return new TransportFailure('other', code || error.message.slice(0, 120));
}
