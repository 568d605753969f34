import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { tempDir } from './tempDir.js';

export interface PtyPair {
  /** The end the kiosk's driver opens. */
  kiosk: string;
  /** The end the test plays the device on. */
  device: string;
  stop(): Promise<void>;
}

/**
 * A null-modem cable in software: two linked pseudo-terminals from socat, stopped when the test
 * ends. (Modem lines do not work on PTYs; nothing here uses them.)
 */
export async function ptyPair(dir = tempDir()): Promise<PtyPair> {
  const kiosk = join(dir, 'kiosk');
  const device = join(dir, 'device');
  const socat: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${kiosk}`, `pty,raw,echo=0,link=${device}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let log = '';
    socat.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      // Both links exist once socat says it starts transferring.
      if (log.includes('starting data transfer loop')) resolve();
    });
    socat.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
  });
  const stop = async () => {
    if (socat.exitCode === null && socat.signalCode === null) socat.kill('SIGTERM');
    await exited;
  };
  onTestFinished(stop);
  return { kiosk, device, stop };
}
