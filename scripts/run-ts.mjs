// Runs a TypeScript script of this repository under Node: bundles it with esbuild into a temporary
// file (packages stay external, loaded from node_modules) and runs that with the same arguments.
//   scripts/node22 node scripts/run-ts.mjs scripts/openapi.ts --check
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
const dir = mkdtempSync(join(resolve('node_modules'), '.run-ts-'));
let status;
try {
  const outfile = join(dir, 'script.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', outfile, logLevel: 'error' });
  status = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' }).status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
