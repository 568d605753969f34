// Measures each durable queue operation inside the host (no HTTP), beside a bare better-sqlite3
// one-row commit with the same pragmas. Bundled and run by scripts/bench.mjs.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EscPosTicketPrinter } from '../../drivers/printer/escposTicketPrinter.js';
import { escPosPreview } from '../../drivers/printer/escposTextDecoder.js';
import { SimulatedPrinterTransport } from '../../drivers/printer/simulatedPrinterTransport.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { createKioskHost } from '../../src/host/kioskHost.js';
import { KioskConfigSchema } from '../../src/host/kioskConfig.js';

const SAMPLES = Number(process.argv[2] ?? 300);
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const calendar = { weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: [], overrides: [] };

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-ops-'));
  try {
    const bare = new Database(join(dir, 'bare.sqlite'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const insert = bare.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = bare.transaction((value: string) => insert.run(value));
    const bareTimes: number[] = [];
    for (let i = 0; i < SAMPLES + 20; i++) {
      const started = performance.now();
      commit.immediate(`row ${i}`);
      if (i >= 20) bareTimes.push(performance.now() - started);
    }
    bare.close();

    const dataDir = join(dir, 'host');
    const host = createKioskHost({
      dataDir,
      config: KioskConfigSchema.parse({ calendar }),
      printer: new EscPosTicketPrinter(new SimulatedPrinterTransport(join(dataDir, 'printer'), escPosPreview)),
    });
    await host.createStaff({ username: 'bench', name: 'Bench', role: 'officer', pin: '123456' });
    const kiosk = { channel: 'kiosk' as const };
    const must = async (method: string, input: unknown, context: object) => {
      const envelope = await host.dispatch(method, input, context as typeof kiosk);
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
      return envelope.value as Record<string, unknown>;
    };
    const login = await must('auth.login', { username: 'bench', pin: '123456' }, kiosk);
    const officer = { ...kiosk, sessionToken: login.sessionToken as string };
    await must('counters.open', { deskId: 1, counterNumber: 1 }, officer);
    const service = servicesForDesk(1)[0]!.code;
    const times = { issue: [] as number[], issueNoPaper: [] as number[], call: [] as number[], finish: [] as number[] };
    const timed = async (bucket: number[], record: boolean, run: () => Promise<Record<string, unknown>>) => {
      const started = performance.now();
      const value = await run();
      if (record) bucket.push(performance.now() - started);
      return value;
    };
    for (let i = 0; i < SAMPLES + 20; i++) {
      const record = i >= 20;
      await timed(times.issue, record, () => must('tickets.issue', { deskId: 1 }, kiosk));
      const called = await timed(times.call, record, () => must('queue.callNext', {}, officer));
      const id = (called.ticket as { id: number }).id;
      await must('queue.start', { ticketId: id }, officer);
      await timed(times.finish, record, () => must('queue.finish', { ticketId: id, services: [service] }, officer));
    }
    await host.close();

    // The same host with a printer that confirms every job at once: what the number itself
    // costs, with no encoding or simulator files in the background.
    const status = { id: 'printer' as const, driver: 'none', state: 'online' as const, since: new Date().toISOString() };
    const paperless = createKioskHost({
      dataDir: join(dir, 'paperless'),
      config: KioskConfigSchema.parse({ calendar }),
      printer: {
        print: async () => ({ status: 'printed' as const }),
        probe: async () => status,
        status: () => status,
        onStatusChange: () => () => undefined,
        close: async () => undefined,
      },
    });
    for (let i = 0; i < SAMPLES + 20; i++) {
      const started = performance.now();
      const envelope = await paperless.dispatch('tickets.issue', { deskId: 1 + (i % 7) }, kiosk);
      if (!envelope.ok) throw new Error(envelope.error.message);
      if (i >= 20) times.issueNoPaper.push(performance.now() - started);
    }
    await paperless.close();
    console.log(JSON.stringify({ bare: bareTimes, ...times }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
