import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, verifyAccessToken } from './accessToken.js';
import { isUniqueViolation, transaction, type Database } from './database.js';

/**
 * Pairing codes, device registration, credentials, access tokens, rotation and revocation, with
 * every row in PostgreSQL: whichever instance answers, it sees what the others wrote.
 */

/** A–Z without I and O, and 2–9: nothing a technician could misread off a screen (0/O, 1/I). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
export const PAIRING_CODE_HOURS = 24;
export const MAX_WRONG_CODES = 5;
export const WRONG_CODE_WINDOW_MINUTES = 15;
/** Serialises registration attempts per address, so the limit holds against parallel guesses too. */
const REGISTRATION_LOCK_SPACE = 0x70616972; // "pair"

export interface Site {
  code: string;
  name: string;
  province: string;
  regency: string;
}

export interface Device {
  deviceId: string;
  installationId: string;
  site: Site;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function pairingCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** 26 base32 characters: 130 bits, of which the 128 of 16 random bytes. */
function deviceId(): string {
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return `kiosk_${out}`;
}

function credential(): string {
  return `kcs_${randomBytes(32).toString('base64url')}`;
}

export async function createPairingCode(db: Database, siteCode: string, note: string | undefined): Promise<{ pairingCode: string; expiresAt: string }> {
  for (;;) {
    const code = pairingCode();
    try {
      const { rows } = await db.query<{ expires_at: Date }>(
        `INSERT INTO pairing_codes (code_hash, site_code, note, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING expires_at`,
        [sha256(code), siteCode, note ?? null, PAIRING_CODE_HOURS],
      );
      return { pairingCode: code, expiresAt: rows[0]!.expires_at.toISOString() };
    } catch (error) {
      // 40 bits of code space: a collision with an existing code is rare, and a new draw fixes it.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

export interface RegistrationRequest {
  pairingCode: string;
  installationId: string;
  site: Site;
  kioskType: string;
  appVersion: string;
}

export type RegistrationOutcome =
  | { ok: true; deviceId: string; credential: string; issuedAt: string }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'wrong_code' | 'installation_registered' };

/**
 * Spends a pairing code for a new device. A wrong, used or expired code counts against the caller's
 * address; any refusal after the code was found rolls back, so the code stays usable.
 */
/** Leaves the registration transaction, rolling it back, with the answer to give. */
class Refused extends Error {
  constructor(readonly outcome: Exclude<RegistrationOutcome, { ok: true }>) {
    super(outcome.reason);
  }
}

/**
 * Wrong codes are counted per IPv4 address and per IPv6 /64: one host holds a whole /64, so counting
 * single IPv6 addresses would give it 2^64 tries.
 */
export function addressBucket(address: string): string {
  const plain = address.replace(/^::ffff:/i, '');
  if (!plain.includes(':')) return plain;
  const [head] = plain.split('::');
  const groups = (head ?? '').split(':').filter((group) => group !== '');
  const full = plain.includes('::') ? [...groups, '0', '0', '0', '0'].slice(0, 4) : plain.split(':').slice(0, 4);
  return `${full.map((group) => group.toLowerCase()).join(':')}::/64`;
}

export async function registerDevice(db: Database, request: RegistrationRequest, clientAddress: string): Promise<RegistrationOutcome> {
  const address = addressBucket(clientAddress);
  const issued = credential();
  const id = deviceId();
  try {
    return await transaction(db, async (client): Promise<RegistrationOutcome> => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REGISTRATION_LOCK_SPACE, address]);
      const recent = await client.query<{ failures: number; retry_after: number | null }>(
        `SELECT count(*)::int AS failures,
                ceil(extract(epoch FROM min(failed_at) + make_interval(mins => $2) - now()))::int AS retry_after
           FROM registration_failures
          WHERE address = $1 AND failed_at > now() - make_interval(mins => $2)`,
        [address, WRONG_CODE_WINDOW_MINUTES],
      );
      const { failures, retry_after: retryAfter } = recent.rows[0]!;
      if (failures >= MAX_WRONG_CODES) return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, retryAfter ?? 1) };

      const spent = await client.query<{ site_code: string }>(
        `UPDATE pairing_codes SET used_at = now(), used_by_device = $2
          WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING site_code`,
        [sha256(request.pairingCode), id],
      );
      const code = spent.rows[0];
      if (!code) {
        await client.query('DELETE FROM registration_failures WHERE failed_at < now() - make_interval(mins => $1)', [WRONG_CODE_WINDOW_MINUTES]);
        await client.query('INSERT INTO registration_failures (address) VALUES ($1)', [address]);
        return { ok: false, reason: 'wrong_code' };
      }
      // Answered exactly like a wrong code and counted as one (after the rollback keeps the code
      // usable): otherwise a valid code would let anyone guess site codes without limit.
      if (code.site_code !== request.site.code) throw new Refused({ ok: false, reason: 'wrong_code' });
      const { rows } = await client.query<{ registered_at: Date }>(
        `INSERT INTO devices (device_id, installation_id, site_code, site_name, province, regency, kiosk_type, app_version, credential_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING registered_at`,
        [id, request.installationId, request.site.code, request.site.name, request.site.province, request.site.regency, request.kioskType, request.appVersion, sha256(issued)],
      );
      return { ok: true, deviceId: id, credential: issued, issuedAt: rows[0]!.registered_at.toISOString() };
    });
  } catch (error) {
    if (error instanceof Refused) {
      if (error.outcome.reason === 'wrong_code') await db.query('INSERT INTO registration_failures (address) VALUES ($1)', [addressBucket(address)]);
      return error.outcome;
    }
    if (isUniqueViolation(error, 'devices_one_live_per_installation')) return { ok: false, reason: 'installation_registered' };
    throw error;
  }
}

interface CredentialRow {
  credential_hash: Buffer;
  credential_generation: number;
  previous_credential_hash: Buffer | null;
  previous_generation: number | null;
  revoked_at: Date | null;
}

const NO_HASH = Buffer.alloc(32);

function sameHash(a: Buffer, b: Buffer | null): boolean {
  const other = b?.length === a.length ? b : NO_HASH;
  return timingSafeEqual(a, other) && other !== NO_HASH;
}

/**
 * The credential for a token. Both stored hashes are compared, whether or not the device exists,
 * so the answer's timing says nothing about which part was wrong. The first use of a rotated
 * credential retires the previous one (and the tokens it obtained).
 */
export async function issueToken(db: Database, secret: string, deviceId: string, presented: string): Promise<{ accessToken: string; expiresIn: number } | null> {
  const hash = sha256(presented);
  const { rows } = await db.query<CredentialRow>(
    `SELECT credential_hash, credential_generation, previous_credential_hash, previous_generation, revoked_at
       FROM devices WHERE device_id = $1`,
    [deviceId],
  );
  const row = rows[0];
  const current = sameHash(hash, row?.credential_hash ?? null);
  const previous = sameHash(hash, row?.previous_credential_hash ?? null);
  if (!row || row.revoked_at !== null || (!current && !previous)) return null;
  let generation = row.credential_generation;
  if (current && row.previous_credential_hash !== null) {
    await db.query(
      `UPDATE devices SET previous_credential_hash = NULL, previous_generation = NULL
        WHERE device_id = $1 AND credential_generation = $2`,
      [deviceId, row.credential_generation],
    );
  } else if (!current) {
    generation = row.previous_generation ?? generation;
  }
  const exp = Math.floor(Date.now() / 1000) + ACCESS_TOKEN_TTL_SECONDS;
  return { accessToken: signAccessToken(secret, { deviceId, exp, credentialGeneration: generation }), expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/**
 * The device behind a bearer token: signature and expiry, then the row — revoked, or obtained with
 * a credential since retired, is refused. One query per request, and no state in the instance.
 */
export async function authenticateDevice(db: Database, secret: string, token: string): Promise<Device | null> {
  const check = verifyAccessToken(secret, token);
  if (!check.ok) return null;
  const { rows } = await db.query<{
    installation_id: string;
    site_code: string;
    site_name: string;
    province: string;
    regency: string;
    credential_generation: number;
    previous_credential_hash: Buffer | null;
    previous_generation: number | null;
    revoked_at: Date | null;
  }>(
    `SELECT installation_id, site_code, site_name, province, regency, credential_generation,
            previous_credential_hash, previous_generation, revoked_at
       FROM devices WHERE device_id = $1`,
    [check.payload.deviceId],
  );
  const row = rows[0];
  if (!row || row.revoked_at !== null) return null;
  const generation = check.payload.credentialGeneration;
  const live = generation === row.credential_generation || (row.previous_credential_hash !== null && generation === row.previous_generation);
  if (!live) return null;
  return {
    deviceId: check.payload.deviceId,
    installationId: row.installation_id,
    site: { code: row.site_code, name: row.site_name, province: row.province, regency: row.regency },
  };
}

/**
 * A new credential. When the last rotation's credential was never used, the one kept as previous
 * stays: it is the one the kiosk is known to hold, so repeated rotations whose answers were lost
 * cannot lock it out.
 */
export async function rotateCredential(db: Database, deviceId: string): Promise<{ credential: string; issuedAt: string } | null> {
  const issued = credential();
  const { rows } = await db.query<{ rotated_at: Date }>(
    `UPDATE devices
        SET previous_credential_hash = COALESCE(previous_credential_hash, credential_hash),
            previous_generation = COALESCE(previous_generation, credential_generation),
            credential_hash = $2,
            credential_generation = credential_generation + 1,
            rotated_at = now()
      WHERE device_id = $1 AND revoked_at IS NULL
      RETURNING rotated_at`,
    [deviceId, sha256(issued)],
  );
  const row = rows[0];
  return row ? { credential: issued, issuedAt: row.rotated_at.toISOString() } : null;
}

/** False when no such device; revoking twice keeps the first time. */
export async function revokeDevice(db: Database, deviceId: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE device_id = $1', [deviceId]);
  return (rowCount ?? 0) > 0;
}

/** Constant-time comparison of the ministry operator's bearer token (hashed first: equal lengths). */
export function isAdminToken(expected: string, presented: string): boolean {
  return timingSafeEqual(sha256(expected), sha256(presented));
}
