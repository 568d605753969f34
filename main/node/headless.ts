import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKioskHost, DATABASE_FILE_NAME } from '../../src/host/kioskHost.js';
import { loadKioskConfig } from '../../src/host/loadKioskConfig.js';
import { createKioskLogger } from '../../src/host/logger.js';
import { startLanServer } from '../../src/lan/lanServer.js';
import { createKioskDevices } from './createDevices.js';
import { DEMO_MARKER, DEMO_STAFF, startDemoDay } from './demoDay.js';
import { HOST_USAGE, parseHostArgs } from './hostArgs.js';

/**
 * Composition root of the headless run mode: the same host the Electron shell runs, with the
 * renderer and the LAN API served over HTTP. Used on machines without the Electron binary, by
 * the end-to-end tests, and by benchmarks.
 */
async function main(): Promise<void> {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`kiosk: ${(error as Error).message}\n${HOST_USAGE}`);
    process.exit(64);
  }
  if (args.help) {
    console.log(HOST_USAGE);
    return;
  }

  checkDemoMarker(args.dataDir, args.demo);
  const log = createKioskLogger(join(args.dataDir, 'logs'));
  const config = loadKioskConfig(args.dataDir);
  const lanEnabled = args.lan || config.lan.enabled;
  const here = dirname(fileURLToPath(import.meta.url));
  const { devices, factory } = createKioskDevices(config, args.dataDir, { logoFile: join(here, '..', 'printer-logo.pbm'), log });
  const host = createKioskHost({ dataDir: args.dataDir, config, ...devices, deviceFactory: factory, log });
  if (args.addStaff) {
    const pin = (await readStdin()).trim();
    try {
      await host.createStaff({ ...args.addStaff, pin: /^\d{6,8}$/.test(pin) ? pin : '' });
    } finally {
      await host.close();
    }
    console.log(`created ${args.addStaff.role} account "${args.addStaff.username}"`);
    return;
  }
  const server = await startLanServer({
    host,
    bindAddress: lanEnabled ? '0.0.0.0' : '127.0.0.1',
    port: args.port ?? config.lan.port,
    staticDir: join(here, '..', 'renderer'),
    voice: { assetsDir: join(here, '..', 'voice'), overrideDir: join(args.dataDir, 'voice') },
    kioskOnLoopback: true,
    allowedHostnames: config.lan.hostnames,
    log,
  });
  if (lanEnabled) log.info('LAN access is on: stations must be paired with a code from a technician');
  // Staff and counters of a demo day exist before anyone is told the host is there.
  const demo = args.demo ? await startDemoDay(host, log) : undefined;
  // The one line scripts and technicians look for.
  console.log(`Kios SIAPkerja host listening on ${server.url}`);
  if (demo) {
    console.log(`demo day: stations at ${server.url}/desk, /reception, /display, /admin; staff (PIN 123456): ${DEMO_STAFF.map((staff) => staff.username).join(', ')}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    demo?.stop();
    // Side by side: stations being dropped must not hold up finishing the tickets in flight.
    const results = await Promise.allSettled([server.close(), host.close()]);
    const failures = results.filter((result) => result.status === 'rejected');
    for (const failure of failures) log.error('shutdown incomplete', { error: String(failure.reason) });
    process.exit(failures.length === 0 ? 0 : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * A demo day leaves staff with known PINs and an all-day opening behind, so it never runs on a
 * real kiosk's data, and a demo's data never runs as a real kiosk.
 */
function checkDemoMarker(dataDir: string, demo: boolean): void {
  const marker = join(dataDir, DEMO_MARKER);
  const hasData = existsSync(join(dataDir, DATABASE_FILE_NAME));
  if (demo) {
    if (hasData && !existsSync(marker)) {
      throw new Error(`${dataDir} holds a real kiosk's data; run the demo with another --data-dir`);
    }
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(marker, 'This data directory holds a demo day (staff with known PINs). Never use it for a real kiosk.\n');
  } else if (existsSync(marker)) {
    throw new Error(`${dataDir} holds a demo day (staff with known PINs); start it with --demo, or use another --data-dir`);
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 100) process.stdin.destroy();
    });
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('close', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

main().catch((error: unknown) => {
  // Start-up failures (damaged database, invalid configuration, port in use) end here with one
  // readable line and a non-zero exit, so a supervisor or technician sees why.
  console.error(`kiosk: cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
