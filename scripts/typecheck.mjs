// Type-checks each runtime layer against its own environment: the Node side, the renderer with DOM
// types and no Node types, and the Electron shell against the electron package's types.
import { spawnSync } from 'node:child_process';

const projects = ['tsconfig.json', 'renderer/tsconfig.json', 'main/electron/tsconfig.json'];
let failed = 0;
for (const project of projects) {
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`typecheck: ${project} failed`);
  }
}
process.exit(failed === 0 ? 0 : 1);
