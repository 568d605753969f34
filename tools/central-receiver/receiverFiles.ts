import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the receiver finds the files it serves and checks against. They live in the repository,
 * not in the bundle: the OpenAPI document is the contract under test, and the fixtures are built
 * from the kiosk's own shipped content, so a copy baked into dist/ could drift from both.
 *
 * The repository root is the first of: `RECEIVER_ROOT`, the working directory, and the folders
 * above this module (tools/central-receiver/ when run from source, dist/central-receiver/ when
 * bundled) that holds `docs/api/central-api.openapi.json`.
 */
export interface ReceiverFiles {
  root: string;
  openApiDocument: string;
  schemaSql: string;
  nationalViewSql: string;
  /** The receiver's own fixtures (config.json); always consulted after a caller's fixtures folder. */
  shippedFixturesDir: string;
  /** The kiosk's visitor content, which the content and vacancies fixtures are built from. */
  contentDir: string;
}

const MARKER = join('docs', 'api', 'central-api.openapi.json');

export function locateReceiverFiles(env: NodeJS.ProcessEnv = process.env): ReceiverFiles {
  const candidates: string[] = [];
  if (env.RECEIVER_ROOT) candidates.push(resolve(env.RECEIVER_ROOT));
  candidates.push(process.cwd());
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    candidates.push(folder);
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  const root = candidates.find((candidate) => existsSync(join(candidate, MARKER)));
  if (!root) {
    throw new Error(`central receiver: cannot find ${MARKER}; run it from the repository root or set RECEIVER_ROOT (looked in ${candidates.join(', ')})`);
  }
  const own = join(root, 'tools', 'central-receiver');
  return {
    root,
    openApiDocument: join(root, MARKER),
    schemaSql: join(own, 'schema.sql'),
    nationalViewSql: join(own, 'national-view.sql'),
    shippedFixturesDir: join(own, 'fixtures'),
    contentDir: join(root, 'assets', 'content'),
  };
}
