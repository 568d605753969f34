// Builds everything the kiosk runs, without the Electron binary:
//   dist/renderer/          the React app (Vite)
//   dist/main/headless.mjs  the headless host (Node)
//   dist/main/electron-main.mjs, dist/main/preload.cjs  the Electron shell
//   dist/voice/             the display's voice clips (from assets/voice)
//   dist/printer-logo.pbm   the ticket's logo bitmap (from assets/)
import { cpSync, rmSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const quiet = process.argv.includes('--quiet');
const started = performance.now();

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
  // Sandboxed preloads must be a single CommonJS file that requires nothing but 'electron'.
  esbuild({ ...node, format: 'cjs', packages: undefined, external: ['electron'], entryPoints: ['main/electron/preload.ts'], outfile: 'dist/main/preload.cjs' }),
]);

// The waiting-room voice clips travel with the build, so the headless host and the packaged
// kiosk find them in the same place (dist/voice) without reaching into the source tree.
rmSync('dist/voice', { recursive: true, force: true });
cpSync('assets/voice', 'dist/voice', { recursive: true });
cpSync('assets/printer-logo.pbm', 'dist/printer-logo.pbm');

if (!quiet) console.log(`build: dist/ ready in ${Math.round(performance.now() - started)} ms`);
