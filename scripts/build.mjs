// Builds everything the kiosk runs, without the Electron binary, after checking the visitor content
// (assets/content/) against its schemas:
//   dist/renderer/          the React app (Vite)
//   dist/main/headless.mjs  the headless host (Node)
//   dist/main/electron-main.mjs, dist/main/preload.cjs  the Electron shell
//   dist/central-receiver/main.mjs  the reference central receiver (tools/central-receiver; reads
//                           the OpenAPI document, schema.sql and fixtures from the repository)
//   dist/voice/             the display's voice clips (from assets/voice)
//   dist/printer-logo.pbm   the ticket's logo bitmap (from assets/)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const quiet = process.argv.includes('--quiet');
const started = performance.now();

// Content files that do not match their schemas stop the build before anything is built, with the
// file and field named. The checker is bundled whole (zod included) into a temporary directory, so
// nothing of it lands in dist/ and ships.
const checkDir = mkdtempSync(join(tmpdir(), 'kiosk-content-check-'));
let contentChecked;
try {
  const checker = join(checkDir, 'check-content.mjs');
  await esbuild({ entryPoints: ['scripts/check-content.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node22', outfile: checker, logLevel: 'error' });
  contentChecked = spawnSync(process.execPath, [checker, 'assets/content'], { stdio: 'inherit' }).status === 0;
} finally {
  rmSync(checkDir, { recursive: true, force: true });
}
if (!contentChecked) {
  console.error('build: stopped, the content in assets/content does not match its schemas');
  process.exit(1);
}

await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn' });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  // Dependencies load from node_modules at run time (better-sqlite3 is native and must not be bundled).
  packages: 'external',
  logLevel: 'warning',
};
await Promise.all([
  esbuild({ ...node, format: 'esm', entryPoints: ['main/node/headless.ts'], outfile: 'dist/main/headless.mjs' }),
  esbuild({ ...node, format: 'esm', entryPoints: ['main/electron/electron-main.ts'], outfile: 'dist/main/electron-main.mjs' }),
  esbuild({ ...node, format: 'esm', entryPoints: ['tools/central-receiver/main.ts'], outfile: 'dist/central-receiver/main.mjs' }),
  // Sandboxed preloads must be a single CommonJS file that requires nothing but 'electron'.
  esbuild({ ...node, format: 'cjs', packages: undefined, external: ['electron'], entryPoints: ['main/electron/preload.ts'], outfile: 'dist/main/preload.cjs' }),
]);

// The waiting-room voice clips travel with the build, so the headless host and the packaged
// kiosk find them in the same place (dist/voice) without reaching into the source tree.
rmSync('dist/voice', { recursive: true, force: true });
cpSync('assets/voice', 'dist/voice', { recursive: true });
cpSync('assets/printer-logo.pbm', 'dist/printer-logo.pbm');

if (!quiet) console.log(`build: dist/ ready in ${Math.round(performance.now() - started)} ms`);
