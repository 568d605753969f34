// `npm start`: the Electron kiosk when its binary is installed, otherwise the same host headless.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Looked up without require('electron'), which would try to download the binary.
function electronBinary() {
  const pathFile = join('node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join('node_modules', 'electron', 'dist');
  const binary = join(base, relative);
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const args = process.argv.slice(2);
let child;
if (binary) {
  child = spawn(binary, ['.', ...args], { stdio: 'inherit' });
} else {
  console.log('kiosk: Electron binary not installed (it cannot be downloaded here); starting the headless host instead.');
  child = spawn(process.execPath, ['dist/main/headless.mjs', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
