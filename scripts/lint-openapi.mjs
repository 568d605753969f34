// The central API's OpenAPI document: first it must be exactly what the zod contract generates
// (src/central → docs/api/central-api.openapi.json), then it must pass Redocly's strict ruleset
// (valid OpenAPI 3.1, every $ref resolves, operation ids, no unused components, error responses).
import { spawnSync } from 'node:child_process';
import { createConfig, lint } from '@redocly/openapi-core';

const FILE = 'docs/api/central-api.openapi.json';
const fresh = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/openapi.ts', '--check'], { stdio: 'inherit' });
if (fresh.status !== 0) process.exit(1);

const config = await createConfig({ extends: ['recommended-strict'] });
const problems = await lint({ ref: FILE, config });
for (const problem of problems) {
  const where = problem.location?.[0]?.pointer ?? '';
  console.error(`${problem.severity} ${problem.ruleId}: ${problem.message} ${where}`);
}
if (problems.length > 0) process.exit(1);
console.log(`${FILE}: generated from src/central, and lints clean (redocly recommended-strict)`);
