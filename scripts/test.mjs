// `npm test`: every check the project has, in order, then one line `N passed, N failed`.
// Checks that are not test suites (lint, boundaries, typecheck, build) count as one each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const node = process.execPath;
const REPORT = 'test-output/vitest.json';
let passed = 0;
let failed = 0;

function step(name, args) {
  console.log(`\n── ${name} ──`);
  const result = spawnSync(node, args, { stdio: 'inherit' });
  const ok = result.status === 0;
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? '✓' : '✗'} ${name}`);
  return ok;
}

step('lint (eslint)', ['node_modules/eslint/bin/eslint.js', '.']);
step('layer boundaries (dependency-cruiser)', [
  'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs',
  'src', 'main', 'renderer', 'drivers', 'tools', 'test',
  '--config', '.dependency-cruiser.cjs',
]);
step('typecheck (node, renderer, electron)', ['scripts/typecheck.mjs']);
step('central API document (generated, linted)', ['scripts/lint-openapi.mjs']);
const built = step('build (renderer, host, electron shell)', ['scripts/build.mjs', '--quiet']);

console.log('\n── unit, integration and end-to-end tests (vitest) ──');
if (!built) {
  console.log('skipped: the build failed, and integration and e2e tests run the built host');
  failed += 1;
} else {
  mkdirSync('test-output', { recursive: true });
  rmSync(REPORT, { force: true });
  const result = spawnSync(
    node,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`],
    { stdio: 'inherit', env: { ...process.env, KIOSK_SKIP_BUILD: '1' } },
  );
  try {
    const report = JSON.parse(readFileSync(REPORT, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A suite that fails to load has no failed test of its own; count it so it cannot hide.
    const brokenSuites = report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0);
    failed += brokenSuites.length;
    if (result.status !== 0 && report.numFailedTests === 0 && brokenSuites.length === 0) failed += 1;
  } catch {
    console.log('vitest wrote no report');
    failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
