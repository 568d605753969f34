import { spawnSync } from 'node:child_process';

/** Integration and e2e tests run the built host and renderer, exactly as shipped. */
export default function buildOnce(): void {
  if (process.env.KIOSK_SKIP_BUILD === '1') return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}
