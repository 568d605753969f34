import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stateless access tokens: `<payload>.<signature>`, both base64url, the payload JSON and the
 * signature HMAC-SHA256 over the payload's text with a secret every receiver instance shares. Any
 * instance can check a token without asking another; the device row is still read on every request
 * (see deviceAuth.ts), so a revocation or a retired credential takes effect at once.
 */
export interface AccessTokenPayload {
  deviceId: string;
  /** Unix seconds. */
  exp: number;
  /** Which credential obtained the token; a retired credential's tokens stop working with it. */
  credentialGeneration: number;
}

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** HMAC-SHA256 wants at least its output size of key; shorter secrets are refused at start. */
export const MIN_TOKEN_SECRET_LENGTH = 32;

function signature(secret: string, encodedPayload: string): Buffer {
  return createHmac('sha256', secret).update(encodedPayload).digest();
}

export function signAccessToken(secret: string, payload: AccessTokenPayload): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${signature(secret, encoded).toString('base64url')}`;
}

export type TokenCheck = { ok: true; payload: AccessTokenPayload } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Signature first, so nothing of an unsigned payload is parsed or trusted. */
export function verifyAccessToken(secret: string, token: string, nowSeconds = Math.floor(Date.now() / 1000)): TokenCheck {
  const match = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(match[2], 'base64url');
  const expected = signature(secret, match[1]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { deviceId, exp, credentialGeneration } = (payload ?? {}) as Partial<AccessTokenPayload>;
  if (typeof deviceId !== 'string' || !Number.isSafeInteger(exp) || !Number.isSafeInteger(credentialGeneration)) {
    return { ok: false, reason: 'malformed' };
  }
  if ((exp as number) <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, payload: { deviceId, exp: exp as number, credentialGeneration: credentialGeneration as number } };
}
