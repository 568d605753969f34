// The manager's reports over a year of data — 100 000 survey responses and 100 000 tickets — beside
// a plain `SELECT count(*)` over the same rows in the same database, in the same run.
// Standalone (prints a table; `--json` adds the rows as one JSON line at the end).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKS } from '../../src/domain/desks.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { EventBus } from '../../src/host/eventBus.js';
import { KioskConfigSchema } from '../../src/host/kioskConfig.js';
import { exportReportFile } from '../../src/host/reports/reportExport.js';
import { ReportService } from '../../src/host/reports/reportService.js';
import { openKioskDatabase } from '../../src/store/kioskDatabase.js';

const RESPONSES = 100_000;
const TICKETS = 100_000;
const RUNS = 5;
const USER_TYPES = ['pencari_kerja', 'pekerja', 'pemberi_kerja', 'masyarakat', null];
const STATUSES = ['done', 'done', 'done', 'done', 'referred', 'no_show', 'cancelled'];

/** A small deterministic generator, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function workingDays(year: number): string[] {
  const days: string[] = [];
  for (let date = new Date(Date.UTC(year, 0, 1)); date.getUTCFullYear() === year; date.setUTCDate(date.getUTCDate() + 1)) {
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeMs(run: () => unknown | Promise<unknown>): Promise<number> {
  await run(); // warm the statement cache and the page cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-reports-'));
  try {
    const { db } = openKioskDatabase(join(dir, 'kiosk.sqlite'));
    const next = random(2026);
    const days = workingDays(2026);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const insertTicket = db.prepare(
      `INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel, priority, user_type, queue_desk_id, queued_at, status, services, finished_at)
       VALUES (@date, @desk, @seq, @number, @at, 'kiosk', @priority, @userType, @desk, @at, @status, @services, @at)`,
    );
    const insertResponse = db.prepare(
      `INSERT INTO survey_responses (submitted_at, service_date, desk_id, services, user_type, input, U1, U2, U3, U4, U5, U6, U7, U8, U9, sex, age_band, education, suggestion)
       VALUES (@at, @date, @desk, @services, @userType, @input, @U1, @U2, @U3, @U4, @U5, @U6, @U7, @U8, @U9, @sex, @age, @education, @suggestion)`,
    );
    const answer = () => 1 + Math.floor(next() * 4);
    db.transaction(() => {
      const perDay = Math.ceil(TICKETS / days.length);
      let made = 0;
      for (const date of days) {
        const seqs = new Map<number, number>();
        for (let i = 0; i < perDay && made < TICKETS; i++, made++) {
          const desk = pick(DESKS).id;
          const seq = (seqs.get(desk) ?? 0) + 1;
          seqs.set(desk, seq);
          const hour = 1 + Math.floor(next() * 8);
          insertTicket.run({
            date,
            desk,
            seq,
            number: `${DESKS[desk - 1]!.letter}-${String(seq).padStart(3, '0')}`,
            at: `${date}T${String(hour).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}:00.000Z`,
            priority: next() < 0.1 ? 1 : 0,
            userType: pick(USER_TYPES),
            status: pick(STATUSES),
            services: JSON.stringify([pick(servicesForDesk(desk)).code]),
          });
        }
      }
      for (let i = 0; i < RESPONSES; i++) {
        const date = days[Math.floor((i * days.length) / RESPONSES)]!;
        const desk = pick(DESKS).id;
        insertResponse.run({
          at: `${date}T03:00:00.000Z`,
          date,
          desk,
          services: JSON.stringify([pick(servicesForDesk(desk)).code]),
          userType: pick(USER_TYPES),
          input: next() < 0.5 ? 'touch' : 'buttons',
          U1: answer(), U2: answer(), U3: answer(), U4: answer(), U5: answer(), U6: answer(), U7: answer(), U8: answer(), U9: answer(),
          sex: pick(['l', 'p', null]),
          age: pick(['20_29', '30_39', '40_49', null]),
          education: pick(['sma', 'd4_s1', null]),
          suggestion: next() < 0.05 ? 'Mohon tambah kursi di ruang tunggu' : null,
        });
      }
    })();
    db.pragma('optimize');

    const config = KioskConfigSchema.parse({ siteName: 'Bench' });
    const reports = new ReportService({
      db,
      config,
      events: new EventBus(),
      clock: () => new Date('2026-12-31T08:00:00Z'),
      deskNames: new Map(DESKS.map((desk) => [desk.id, desk.name] as const)),
      audit: () => undefined,
      onPublished: () => undefined,
    });
    const countResponses = db.prepare("SELECT count(*) FROM survey_responses WHERE service_date BETWEEN '2026-01-01' AND '2026-12-31'");
    const countMonthResponses = db.prepare("SELECT count(*) FROM survey_responses WHERE service_date BETWEEN '2026-11-01' AND '2026-11-30'");
    const countMonthTickets = db.prepare("SELECT count(*) FROM tickets WHERE service_date BETWEEN '2026-11-01' AND '2026-11-30'");

    const yearIkm = await timeMs(() => reports.ikm('2026'));
    const yearCount = await timeMs(() => countResponses.get());
    const onePass = db.prepare(
      `SELECT count(*), ${['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map((code) => `sum(${code}), count(${code})`).join(', ')} FROM survey_responses WHERE service_date BETWEEN '2026-01-01' AND '2026-12-31'`,
    );
    const yearOnePass = await timeMs(() => onePass.get());
    const monthIkm = await timeMs(() => reports.ikm('2026-11'));
    const monthCount = await timeMs(() => countMonthResponses.get());
    const monthly = await timeMs(() => reports.monthly('2026-11'));
    const monthTickets = await timeMs(() => countMonthTickets.get());
    const yearReport = reports.ikm('2026');
    const xlsx = await timeMs(() => exportReportFile({ kind: 'ikm', report: yearReport }, 'xlsx'));
    const pdf = await timeMs(() => exportReportFile({ kind: 'ikm', report: yearReport }, 'pdf'));
    db.close();

    const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
    const ratio = (value: number) => `${value.toFixed(1)}×`;
    const samples = `median of ${RUNS}; ${RESPONSES.toLocaleString('en')} responses, ${TICKETS.toLocaleString('en')} tickets`;
    const rows = [
      ['reports.ikm, a year (all unsur, desks, services, profile, trend)', ms(yearIkm), `SELECT count(*) over the year's responses: ${ms(yearCount)}`, ratio(yearIkm / yearCount), samples],
      ['one SQL pass summing the nine unsur over the year (the floor of any IKM)', ms(yearOnePass), `SELECT count(*) over the year's responses: ${ms(yearCount)}`, ratio(yearOnePass / yearCount), samples],
      ['reports.ikm, one month', ms(monthIkm), `SELECT count(*) over the month's responses: ${ms(monthCount)}`, ratio(monthIkm / monthCount), samples],
      ['reports.monthly (BAB VI evaluation), one month', ms(monthly), `SELECT count(*) over the month's tickets: ${ms(monthTickets)}`, ratio(monthly / monthTickets), samples],
      ['export the year IKM report to XLSX', ms(xlsx), `reports.ikm itself: ${ms(yearIkm)}`, ratio(xlsx / yearIkm), `median of ${RUNS}`],
      ['export the year IKM report to PDF', ms(pdf), `reports.ikm itself: ${ms(yearIkm)}`, ratio(pdf / yearIkm), `median of ${RUNS}`],
    ];
    if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
    else for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
