import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_CATALOGUE } from '../../src/domain/serviceCatalogue.js';
import type { Database } from './database.js';
import type { ValidationProblem } from './problems.js';
import type { ReceiverFiles } from './receiverFiles.js';

/**
 * What the pull endpoints serve, and the PP/PKB applications the lookup answers from. Each comes
 * from the first of:
 *   1. a replacement set at run time (POST /v1/admin/fixtures/{name}), kept in PostgreSQL so every
 *      instance serves the same bytes and ETag;
 *   2. `<fixturesDir>/<name>.json` when the caller gave a fixtures folder;
 *   3. `tools/central-receiver/fixtures/<name>.json` (the 2027 national holidays in config.json,
 *      sample applications in agreement-applications.json);
 *   4. built from what the kiosk ships: content from assets/content (needs, guides, the JKP
 *      self-assessment, the sample PP/PKB registry), vacancies from the sample feed, the catalogue
 *      from SERVICE_CATALOGUE — so the reference answers are the kiosk's own data.
 */

export const FIXTURE_NAMES = ['config', 'catalogue', 'content', 'vacancies', 'agreement-applications'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export function isFixtureName(name: string): name is FixtureName {
  return (FIXTURE_NAMES as readonly string[]).includes(name);
}

export interface ServedFixture {
  /** The exact bytes served; the ETag is their hash. */
  body: string;
  etag: string;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function shippedDefault(name: FixtureName, files: ReceiverFiles): unknown {
  const content = (file: string) => readJson(join(files.contentDir, file));
  switch (name) {
    case 'content':
      return {
        version: 1,
        needs: content('needs.json'),
        guides: content('guides.json'),
        assessment: content('jkp-assessment.json'),
        ratified: content('ratified-companies.sample.json'),
      };
    case 'vacancies':
      return content('vacancies.sample.json');
    case 'catalogue':
      return {
        version: 1,
        services: Object.keys(SERVICE_CATALOGUE)
          .map(Number)
          .sort((a, b) => a - b)
          .flatMap((desk) => SERVICE_CATALOGUE[desk] ?? [])
          .map(({ code, name: label, nameEn, userTypes }) => ({ code, name: label, nameEn, userTypes: [...userTypes] })),
      };
    case 'config':
    case 'agreement-applications':
      throw new Error(`${join(files.shippedFixturesDir, `${name}.json`)} is missing`);
  }
}

export function loadFixture(name: FixtureName, files: ReceiverFiles, fixturesDir: string | undefined): unknown {
  for (const folder of [fixturesDir, files.shippedFixturesDir]) {
    if (folder === undefined) continue;
    const file = join(folder, `${name}.json`);
    if (existsSync(file)) return readJson(file);
  }
  return shippedDefault(name, files);
}

/** A strong validator: the SHA-256 of the bytes served, quoted as RFC 9110 asks. */
export function serveFixture(value: unknown): ServedFixture {
  const body = JSON.stringify(value);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): a W/ prefix is ignored, `*` matches. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

export class FixtureStore {
  constructor(
    private readonly db: Database,
    private readonly defaults: ReadonlyMap<FixtureName, ServedFixture>,
    private readonly check: (name: FixtureName, value: unknown) => ValidationProblem[],
  ) {}

  async current(name: FixtureName): Promise<ServedFixture> {
    const { rows } = await this.db.query<{ body: string; etag: string }>('SELECT body, etag FROM fixture_overrides WHERE name = $1', [name]);
    const override = rows[0];
    if (override) return override;
    const fallback = this.defaults.get(name);
    if (!fallback) throw new Error(`no fixture ${name}`);
    return fallback;
  }

  /**
   * Serves `value` from now on, on every instance. Checked against the document unless `unchecked`
   * is asked for: tests serve a broken resource on purpose to see the kiosk keep its last good copy.
   */
  async replace(name: FixtureName, value: unknown, options: { unchecked?: boolean } = {}): Promise<{ served: ServedFixture; problems: ValidationProblem[] }> {
    const problems = options.unchecked ? [] : this.check(name, value);
    if (problems.length > 0) return { served: await this.current(name), problems };
    const served = serveFixture(value);
    await this.db.query(
      `INSERT INTO fixture_overrides (name, body, etag, checked) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET body = excluded.body, etag = excluded.etag, checked = excluded.checked, updated_at = now()`,
      [name, served.body, served.etag, !options.unchecked],
    );
    return { served, problems: [] };
  }

  /** Back to the instance's own fixture. */
  async reset(name: FixtureName): Promise<void> {
    await this.db.query('DELETE FROM fixture_overrides WHERE name = $1', [name]);
  }
}
