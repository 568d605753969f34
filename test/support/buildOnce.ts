import { spawnSync } from 'node:child_process';

/** Integration and e2e tests run the built host and renderer, exactly as shipped. */
export default function buildOnce(): void {
  if (process.env.KIOSK_SKIP_BUILD === '1') return;
  // Vitest sets NODE_ENV=test, which would give Vite a development React: build as shipped.
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('build failed');
}
