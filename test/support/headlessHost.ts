import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskConfigInput } from '../../src/host/kioskConfig.js';
import { guidelineWeekOpenToday } from './alwaysOpen.js';

export interface RunningHost {
  url: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM and wait: the host drains and exits 0. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait: a power cut, as far as the process can tell. */
  kill(): Promise<void>;
}

export function writeConfig(dataDir: string, config: KioskConfigInput): void {
  writeFileSync(join(dataDir, 'kiosk.config.json'), JSON.stringify(guidelineWeekOpenToday(config), null, 2));
}

/** Spawns `dist/main/headless.mjs` on a data directory, collecting what it prints. */
function spawnHost(dataDir: string, extraArgs: string[] = []) {
  if (!existsSync(join(dataDir, 'kiosk.config.json'))) writeConfig(dataDir, {});
  const child = spawn(process.execPath, ['dist/main/headless.mjs', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Starts the host as the real process and waits for its "listening on" line. */
export async function startHeadlessHost(dataDir: string, extraArgs: string[] = []): Promise<RunningHost> {
  const { child, output } = spawnHost(dataDir, extraArgs);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output()}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output()}`));
    });
  });

  const exited = once(child, 'exit');
  return {
    url,
    process: child,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs the host to completion (for start-up failures) and returns its exit code and output. */
export async function runHeadlessHostToExit(dataDir: string, extraArgs: string[] = []): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnHost(dataDir, extraArgs);
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output: output() };
}

export async function callApi(url: string, method: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}/api/v1/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}
