import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/contract/api.js';
import { scoreIkm, type IkmResponse } from '../../src/domain/ikm.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import type { KioskHost } from '../../src/host/kioskHost.js';
import { loginAs, manualClock, ok, refused } from '../support/queueDriver.js';
import { readRows } from '../support/readRows.js';
import { tempDir } from '../support/tempDir.js';
import { createTestHost } from '../support/testHost.js';

type Context = Awaited<ReturnType<typeof loginAs>>;

async function serve(host: KioskHost, officer: Context, deskId: number, userType?: string): Promise<Ticket> {
  const ticket = await ok(host, 'tickets.issue', { deskId, ...(userType ? { userType } : {}) });
  const called = await ok(host, 'queue.callNext', {}, officer);
  expect(called.ticket!.id).toBe(ticket.id);
  await ok(host, 'queue.start', { ticketId: ticket.id }, officer);
  await ok(host, 'queue.finish', { ticketId: ticket.id, services: [servicesForDesk(deskId)[0]!.code] }, officer);
  return ticket;
}

const full = (values: number[]): IkmResponse =>
  Object.fromEntries(values.map((value, index) => [`U${index + 1}`, value])) as IkmResponse;

/**
 * Hand-computed: desk 1 gets (4,4,3,4,3,4,4,2,3) and (3,3,3,4,3,3,4,2,3), desk 2 gets
 * (2,3,2,4,3,3,3,1,2). NRR U1 = (4+3+2)/3 = 3.000, U8 = (2+2+1)/3 = 1.667, U4 = 4.000 …
 * Σ NRR = 3 + 3.3333 + 2.6667 + 4 + 3 + 3.3333 + 3.6667 + 1.6667 + 2.6667 = 27.3333…
 * index = 27.3333/9 = 3.0370, IKM = 75.93 (mutu C, "Kurang baik").
 */
const DESK1 = [full([4, 4, 3, 4, 3, 4, 4, 2, 3]), full([3, 3, 3, 4, 3, 3, 4, 2, 3])];
const DESK2 = [full([2, 3, 2, 4, 3, 3, 3, 1, 2])];

describe('manager reports', () => {
  it('computes the IKM report from stored responses exactly as by hand, per desk and per service', async () => {
    const clock = manualClock('2026-11-10T02:00:00Z');
    const dataDir = tempDir();
    const host = createTestHost(dataDir, { clock: clock.now });
    const desk1 = await loginAs(host, 'officer', 'siti');
    const desk2 = await loginAs(host, 'officer', 'budi');
    const manager = await loginAs(host, 'manager', 'manajer');
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, desk1);
    await ok(host, 'counters.open', { deskId: 2, counterNumber: 1 }, desk2);

    const served: Array<{ ticket: Ticket; answers: IkmResponse }> = [];
    for (const answers of DESK1) served.push({ ticket: await serve(host, desk1, 1, 'pencari_kerja'), answers });
    for (const answers of DESK2) served.push({ ticket: await serve(host, desk2, 2, 'pemberi_kerja'), answers });
    // One served visitor who does not answer: population 4, respondents 3.
    await serve(host, desk1, 1);
    for (const [index, { ticket, answers }] of served.entries()) {
      await ok(host, 'survey.submit', {
        reference: ticket.reference,
        answers,
        profile: index === 0 ? { sex: 'p', ageBand: '20_29', education: 'd4_s1' } : {},
        ...(index === 2 ? { suggestion: 'Ruang tunggu panas — "kipas"?' } : {}),
        input: index === 1 ? 'buttons' : 'touch',
      });
    }

    const report = await ok(host, 'reports.ikm', { period: '2026-11' }, manager);
    expect(report.score).toEqual(scoreIkm([...DESK1, ...DESK2]));
    expect(report.score).toMatchObject({ respondents: 3, index: 3.037, ikm: 75.93, mutu: 'C', kinerja: 'Kurang baik' });
    expect(report.score.nrr).toMatchObject({ U1: 3, U4: 4, U8: 1.667, U9: 2.667 });
    expect(report.ranking[0]).toEqual({ code: 'U8', nrr: 1.667 });
    expect(report.ranking.at(-1)).toEqual({ code: 'U4', nrr: 4 });
    // Desks and services with fewer than three respondents show counts, never answers.
    expect(report.minimumShown).toBe(3);
    expect(report.byDesk.map((row) => [row.deskId, row.score.respondents, row.score.ikm, row.score.nrr.U1, row.score.suppressed])).toEqual([
      [1, 2, null, null, true],
      [2, 1, null, null, true],
    ]);
    expect(report.byService.find((row) => row.code === servicesForDesk(2)[0]!.code)?.score).toMatchObject({ respondents: 1, ikm: null, suppressed: true });
    expect(report.profile.sex).toEqual(expect.arrayContaining([{ key: 'p', count: 1 }, { key: 'unknown', count: 2 }]));
    // 02:00 UTC is 09.00 WIB: the morning session of the sample questionnaire.
    expect(report.profile.session).toEqual([{ key: 'pagi', count: 3 }]);
    expect(report.profile.input).toEqual(expect.arrayContaining([{ key: 'buttons', count: 1 }, { key: 'touch', count: 2 }]));
    expect(report.profile.userType).toEqual(expect.arrayContaining([{ key: 'pencari_kerja', count: 2 }, { key: 'pemberi_kerja', count: 1 }]));
    expect(report.suggestions).toEqual([{ serviceDate: '2026-11-10', deskId: 2, text: 'Ruang tunggu panas — "kipas"?' }]);
    expect(report.sample).toEqual({ population: 4, required: 4, respondents: 3, met: false, percent: 75 });
    expect(report.trend.map((row) => row.key)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(report.trend.at(-1)).toMatchObject({ respondents: 3, ikm: 75.93, mutu: 'C' });

    // One desk's report, the quarter and the year hold the same responses.
    expect((await ok(host, 'reports.ikm', { period: '2026-11', deskId: 2 }, manager)).score).toMatchObject({ respondents: 1, ikm: null, suppressed: true });
    expect((await ok(host, 'reports.ikm', { period: '2026-Q4' }, manager)).score.ikm).toBe(75.93);
    expect((await ok(host, 'reports.ikm', { period: '2026' }, manager)).score.ikm).toBe(75.93);
    expect((await ok(host, 'reports.ikm', { period: '2026-10' }, manager)).score.respondents).toBe(0);

    // An export asked from the screen is made from the report the screen shows, even when a
    // response arrived in between; without that report's time it is made fresh.
    const shown = await ok(host, 'reports.ikm', { period: '2026-11' }, manager);
    clock.advance(60_000);
    const late = await serve(host, desk1, 1);
    await ok(host, 'survey.submit', { reference: late.reference, answers: DESK2[0], input: 'touch' });
    const csvOf = async (generatedAt?: string) =>
      Buffer.from((await ok(host, 'reports.export', { report: 'ikm', period: '2026-11', format: 'csv', ...(generatedAt ? { generatedAt } : {}) }, manager)).base64, 'base64').toString('utf8');
    expect(await csvOf(shown.generatedAt)).toContain("Jumlah responden / Respondents,3\r\n");
    expect(await csvOf()).toContain("Jumlah responden / Respondents,4\r\n");
    // With a third respondent desk 1's answers are shown, as computed by hand from those three.
    const desk1Now = (await ok(host, 'reports.ikm', { period: '2026-11' }, manager)).byDesk.find((row) => row.deskId === 1)!;
    expect(desk1Now.score).toEqual(scoreIkm([...DESK1, DESK2[0]!]));
    expect((await ok(host, 'reports.ikm', { period: '2026-11', deskId: 1 }, manager)).score).toEqual(scoreIkm([...DESK1, DESK2[0]!]));
    await host.close();
  });

  it('publishes an IKM to the board and the outbox in one step, and refuses one without all nine unsur', async () => {
    const clock = manualClock('2026-11-10T02:00:00Z');
    const dataDir = tempDir();
    const host = createTestHost(dataDir, { clock: clock.now });
    const officer = await loginAs(host, 'officer', 'siti');
    const manager = await loginAs(host, 'manager', 'manajer');
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    const partial = await serve(host, officer, 1);
    await ok(host, 'survey.submit', { reference: partial.reference, answers: { U1: 4, U2: 3 }, input: 'touch' });
    expect(await refused(host, 'reports.publishIkm', { period: '2026-11' }, manager)).toMatchObject({
      code: 'illegal_transition',
      message: expect.stringContaining('U3, U4, U5, U6, U7, U8, U9'),
    });
    const report = await ok(host, 'reports.ikm', { period: '2026-11' }, manager);
    expect(report.score).toMatchObject({ respondents: 1, index: null, ikm: null, mutu: null });

    const complete = await serve(host, officer, 1);
    await ok(host, 'survey.submit', { reference: complete.reference, answers: DESK1[0], input: 'touch' });
    const changes: unknown[] = [];
    host.events.subscribe((message) => message.event === 'board.changed' && changes.push(message.payload));
    const publication = await ok(host, 'reports.publishIkm', { period: '2026-11' }, manager);
    const expected = scoreIkm([{ U1: 4, U2: 3 }, DESK1[0]!]);
    expect(publication).toMatchObject({ periodKey: '2026-11', ikm: expected.ikm, mutu: expected.mutu, respondents: 2 });
    expect((await ok(host, 'board.get', {})).ikm).toEqual(publication);
    expect(changes).toHaveLength(1);
    expect((await ok(host, 'reports.ikm', { period: '2026-11' }, manager)).publication).toEqual(publication);

    // Refused: a period that has not begun, a malformed key, and anyone but the manager.
    expect(await refused(host, 'reports.ikm', { period: '2027-01' }, manager)).toMatchObject({ code: 'invalid_input' });
    expect(await refused(host, 'reports.ikm', { period: '2026-13' }, manager)).toMatchObject({ code: 'invalid_input' });
    expect((await refused(host, 'reports.ikm', { period: '2026-11' }, officer)).code).toBe('forbidden');
    expect((await refused(host, 'reports.ikm', { period: '2026-11' })).code).toBe('unauthenticated');
    await host.close();

    const outbox = readRows<{ payload: string }>(dataDir, "SELECT payload FROM outbox WHERE topic = 'ikm.published'");
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ periodKey: '2026-11', ikm: expected.ikm, nrr: expected.nrr });
    expect(readRows(dataDir, "SELECT action FROM audit WHERE action = 'report.ikm_published'")).toHaveLength(1);
  });

  it('keeps the follow-up plan and the board texts, validated, audited', async () => {
    const dataDir = tempDir();
    const host = createTestHost(dataDir);
    const manager = await loginAs(host, 'manager', 'manajer');
    const period = (await ok(host, 'kiosk.info', {})).serviceDate.slice(0, 7);
    const plan = { items: [{ unsur: 'U8', action: 'Pasang kotak saran dan nomor WhatsApp pengaduan', when: 'Desember 2026', responsible: 'Manajer Kios' }], note: 'Dibahas di rapat bulanan.' };
    const saved = await ok(host, 'reports.saveFollowUp', { period, plan }, manager);
    expect(saved).toMatchObject({ ...plan, updatedBy: expect.any(String) });
    expect((await ok(host, 'reports.ikm', { period }, manager)).followUp).toEqual(saved);
    expect(await refused(host, 'reports.saveFollowUp', { period, plan: { items: [{ unsur: 'U10', action: 'x', when: '', responsible: '' }] } }, manager)).toMatchObject({
      code: 'invalid_input',
    });

    const board = await ok(host, 'board.get', {});
    expect(board.maklumat).toMatch(/sanggup menyelenggarakan pelayanan/);
    const texts = { maklumat: 'Kami siap melayani dengan cepat, ramah, dan tanpa biaya.', complaintContact: 'WA 0812-0000-1500 · pengaduan@contoh.go.id', announcement: 'Libur 25 Desember.' };
    expect(await ok(host, 'board.update', texts, manager)).toMatchObject(texts);
    expect(await ok(host, 'board.get', {})).toMatchObject(texts);
    expect(await refused(host, 'board.update', { ...texts, maklumat: 'x'.repeat(1201) }, manager)).toMatchObject({ code: 'invalid_input' });
    await host.close();
    expect(readRows(dataDir, "SELECT action FROM audit WHERE action IN ('report.follow_up', 'board.updated') ORDER BY id")).toEqual([
      { action: 'report.follow_up' },
      { action: 'board.updated' },
    ]);
  });

  it('builds the monthly evaluation of BAB VI: users, services per desk, completion, obstacles', async () => {
    const clock = manualClock('2026-11-10T01:30:00Z'); // 08:30 WIB
    const dataDir = tempDir();
    const host = createTestHost(dataDir, { clock: clock.now });
    const officer = await loginAs(host, 'officer', 'siti');
    const receptionist = await loginAs(host, 'receptionist', 'rina');
    const manager = await loginAs(host, 'manager', 'manajer');
    const technician = await loginAs(host, 'technician', 'teknisi');
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, officer);
    await serve(host, officer, 1, 'pencari_kerja');
    await serve(host, officer, 1, 'pekerja');
    clock.advance(2 * 3_600_000); // 10:30 WIB
    const gone = await ok(host, 'tickets.issue', { deskId: 1 });
    await ok(host, 'queue.callNext', {}, officer);
    await ok(host, 'queue.noShow', { ticketId: gone.id }, officer);
    const cancelled = await ok(host, 'tickets.issue', { deskId: 2, userType: 'pemberi_kerja' });
    await ok(host, 'queue.cancel', { ticketId: cancelled.id, reason: 'salah pilih desk' }, receptionist);
    await ok(host, 'tickets.issue', { deskId: 2, priority: true });
    await ok(host, 'devices.simulate', { device: 'printer', paper: 'out' }, technician);
    await ok(host, 'devices.probe', { device: 'printer' }, technician);
    await ok(host, 'reports.addObstacle', { date: '2026-11-10', text: 'Internet terputus 2 jam' }, manager);
    expect(await refused(host, 'reports.addObstacle', { date: '2026-11-11', text: 'Belum terjadi' }, manager)).toMatchObject({ code: 'invalid_input' });

    const month = await ok(host, 'reports.monthly', { period: '2026-11' }, manager);
    expect(month.users).toMatchObject({ visits: 5, withSiapkerjaId: 0, priority: 1 });
    expect(month.users.byUserType).toEqual([
      { key: 'pekerja', count: 1 },
      { key: 'pemberi_kerja', count: 1 },
      { key: 'pencari_kerja', count: 1 },
      { key: 'unknown', count: 2 },
    ]);
    expect(month.users.byDesk.map((row) => [row.deskId, row.count])).toEqual([
      [1, 3],
      [2, 2],
    ]);
    expect(month.servicesPerDesk).toEqual([
      { deskId: 1, deskName: expect.any(String), served: 2, services: [{ code: servicesForDesk(1)[0]!.code, name: servicesForDesk(1)[0]!.name, count: 2 }] },
    ]);
    expect(month.completion).toEqual({ sameDay: 2, referred: 0, noShow: 1, cancelled: 1, open: 1 });
    // Local hours (WIB): two visits at 08, three at 10.
    expect(month.volumeByHour).toEqual([
      { deskId: 1, hour: 8, count: 2 },
      { deskId: 1, hour: 10, count: 1 },
      { deskId: 2, hour: 10, count: 2 },
    ]);
    expect(month.volumeByDay).toEqual([{ date: '2026-11-10', count: 5 }]);
    expect(month.obstacles).toEqual([
      { id: expect.any(Number), date: '2026-11-10', text: 'Internet terputus 2 jam', source: 'manager' },
      { id: expect.any(Number), date: '2026-11-10', text: 'Printer tiket: kertas habis', source: 'device', device: 'printer' },
    ]);
    await ok(host, 'reports.removeObstacle', { id: month.obstacles[0]!.id }, manager);
    expect((await ok(host, 'reports.monthly', { period: '2026-11' }, manager)).obstacles).toHaveLength(1);
    expect(await refused(host, 'reports.monthly', { period: '2026-Q4' }, manager)).toMatchObject({ code: 'invalid_input' });
    await host.close();
  });
});
