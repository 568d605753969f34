import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import type { SerialPort } from 'serialport';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHeadlessHost, writeConfig } from '../support/headlessHost.js';
import { ptyPair } from '../support/ptyPair.js';
import { toDeskList } from '../support/kioskJourney.js';
import { addStaff, api, login, openPage, screenshot } from '../support/stationPages.js';
import { serialDevice } from '../support/serialDevice.js';
import { tempDir } from '../support/tempDir.js';
import { checker, writeFindings } from '../support/visitorA11y.js';

/**
 * The IKM survey end to end against the real headless host: a desk finishes a ticket and opens the
 * survey on the kiosk; one visitor answers with the button panel (a serial device on a socat PTY),
 * another by touch after scanning their ticket's QR; the manager's IKM moves as computed by hand;
 * a second response for a ticket is refused; the published result reaches the information board.
 */
const KIOSK_VIEWPORT = { width: 1080, height: 1920 };
const STATION_VIEWPORT = { width: 1440, height: 1000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  writeFindings('survey-a11y');
});


/** The officer serves the next visitor at desk 1 on the desk console and ticks one service. */
async function serveNext(desk: Page, number: string): Promise<void> {
  await desk.getByTestId('call-next').click();
  await expect.poll(() => desk.getByTestId('current-ticket').getAttribute('data-number')).toBe(number);
  await desk.getByTestId('start').click();
  await desk.getByTestId('finish').click();
  await desk.locator('[data-testid^="service-D1."]').first().check();
  await desk.getByTestId('finish-submit').click();
  await expect.poll(() => desk.getByTestId('survey-prompt').count()).toBe(1);
}

/** A visitor presses at a human pace: the panel driver drops repeats of a button within 150 ms as contact bounce. */
async function press(panel: SerialPort, button: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 250));
  panel.write(`B${button}\n`);
}

async function currentUnsur(kiosk: Page): Promise<string | null> {
  return kiosk.getByTestId('survey-question').getAttribute('data-unsur');
}

describe('IKM survey, end to end', () => {
  it('button panel and touch responses move the manager IKM exactly; a second response is refused; the board shows the published result', { timeout: 180_000 }, async () => {
    const scanner = await ptyPair();
    const buttons = await ptyPair();
    const dataDir = tempDir();
    writeConfig(dataDir, {
      siteName: 'BBPVP Bekasi',
      idleSeconds: 15,
      scanner: { kind: 'serial', path: scanner.kiosk, baudRate: 9600, deliverTo: 'kiosk' },
      buttons: { kind: 'serial', path: buttons.kiosk, baudRate: 9600 },
    });
    addStaff(dataDir, 'officer:petugas1:Siti Petugas');
    addStaff(dataDir, 'manager:manajer:Manajer Kios');
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    await expect
      .poll(async () => ((await (await fetch(`${host.url}/healthz`)).json()) as { devices: Array<{ id: string; state: string }> }).devices.map((device) => `${device.id}:${device.state}`), {
        timeout: 15_000,
      })
      .toEqual(expect.arrayContaining(['scanner:online', 'buttons:online']));
    const panel = await serialDevice(buttons.device);
    const scannerEnd = await serialDevice(scanner.device);

    const first = await api(host.url, 'tickets.issue', { deskId: 1 });
    const second = await api(host.url, 'tickets.issue', { deskId: 1 });
    const kiosk = await openPage(browser, host.url, KIOSK_VIEWPORT);
    const check = checker(kiosk, 'portrait');
    await expect.poll(() => kiosk.getByTestId('info-board').count()).toBe(1);

    const desk = await openPage(browser, `${host.url}/desk`, STATION_VIEWPORT);
    await login(desk, 'petugas1');
    await desk.getByTestId('open-desk-1').click();
    await desk.getByTestId('open-counter-submit').click();

    const manager = await openPage(browser, `${host.url}/admin`, STATION_VIEWPORT);
    await login(manager, 'manajer');
    await manager.getByTestId('admin-tab-reports').click();
    await expect.poll(() => manager.getByTestId('report-respondents').textContent()).toContain('0');

    // Visitor 1: the officer opens the survey on the kiosk; every answer by button press over the PTY.
    await serveNext(desk, 'A-001');
    await desk.getByTestId('survey-invite').click();
    await expect.poll(() => desk.getByTestId('survey-invited').count()).toBe(1);
    await expect.poll(() => kiosk.getByTestId('survey').getAttribute('data-step'), { timeout: 10_000 }).toBe('question');
    expect(await kiosk.getByTestId('survey').textContent()).toContain('A-001');
    // Screen order U1…U7, U9, U8 — the answers must land on their codes, not their positions.
    const byButtons: Array<[string, number]> = [
      ['U1', 4], ['U2', 4], ['U3', 3], ['U4', 4], ['U5', 3], ['U6', 4], ['U7', 4], ['U9', 3], ['U8', 2],
    ];
    for (const [index, [unsur, value]] of byButtons.entries()) {
      await expect.poll(() => currentUnsur(kiosk)).toBe(unsur);
      if (index === 3) {
        // 5 goes back a question, and the visitor answers it again.
        await press(panel, 5);
        await expect.poll(() => currentUnsur(kiosk)).toBe('U3');
        await press(panel, 3);
        await expect.poll(() => currentUnsur(kiosk)).toBe('U4');
      }
      if (index === 0) await screenshot(kiosk, 'kiosk-survey-question');
      await press(panel, value);
    }
    await expect.poll(() => kiosk.getByTestId('survey').getAttribute('data-step')).toBe('profile');
    await press(panel, 4);
    await expect.poll(() => kiosk.getByTestId('survey').getAttribute('data-step')).toBe('suggestion');
    await press(panel, 4);
    await expect.poll(() => kiosk.getByTestId('survey-thanks').count(), { timeout: 10_000 }).toBe(1);
    await check('survey: thanks', 'kiosk-survey-thanks');
    await kiosk.getByTestId('survey-close').tap();

    // By hand: 4+4+3+4+3+4+4+2+3 = 31; 31 / 9 × 25 = 86.11, mutu B.
    await manager.getByTestId('report-refresh').click();
    await expect.poll(() => manager.getByTestId('report-ikm-value').textContent()).toContain('86,11');
    expect(await manager.getByTestId('report-mutu').textContent()).toContain('B');

    // Visitor 2 scans the ticket's QR at the kiosk scanner and answers by touch, with a profile and a suggestion.
    await serveNext(desk, 'A-002');
    scannerEnd.write(`${String(second.reference)}\r`);
    await expect.poll(() => kiosk.getByTestId('survey').getAttribute('data-step'), { timeout: 10_000 }).toBe('question');
    const byTouch: Array<[string, number]> = [
      ['U1', 3], ['U2', 3], ['U3', 3], ['U4', 4], ['U5', 3], ['U6', 3], ['U7', 4], ['U9', 2], ['U8', 1],
    ];
    for (const [index, [unsur, value]] of byTouch.entries()) {
      await expect.poll(() => currentUnsur(kiosk)).toBe(unsur);
      if (index === 1) await check('survey: a question');
      await kiosk.getByTestId(`survey-answer-${value}`).tap();
    }
    await kiosk.getByTestId('survey-profile-sex-p').tap();
    await kiosk.getByTestId('survey-profile-ageBand-30_39').tap();
    await kiosk.getByTestId('survey-profile-education-sma').tap();
    await check('survey: profile', 'kiosk-survey-profile');
    await kiosk.getByTestId('survey-next').tap();
    await kiosk.getByTestId('survey-osk').waitFor();
    await check('survey: suggestion with the on-screen keyboard', 'kiosk-survey-suggestion');
    await kiosk.getByTestId('survey-suggestion').fill('<b>Ruang tunggu</b> panas, mohon kipas angin');
    await kiosk.getByTestId('survey-send').tap();
    await expect.poll(() => kiosk.getByTestId('survey-thanks').count(), { timeout: 10_000 }).toBe(1);

    // The same ticket again: refused politely, before any question.
    await kiosk.getByTestId('survey-close').tap();
    scannerEnd.write(`${String(second.reference)}\r`);
    await expect.poll(() => kiosk.getByTestId('survey-refused').getAttribute('data-reason'), { timeout: 10_000 }).toBe('answered');
    await kiosk.getByTestId('survey-close').tap();
    // A survey station's own keyboard-wedge scanner (a burst of keys) is refused the same way.
    // The burst is dispatched in the page in one go: a scanner's keys come faster than anything a
    // loaded test machine can type through the browser protocol.
    await kiosk.evaluate(`for (const key of ${JSON.stringify([...String(second.reference), 'Enter'])}) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))`);
    await expect.poll(() => kiosk.getByTestId('survey-refused').getAttribute('data-reason'), { timeout: 10_000 }).toBe('answered');
    expect(await kiosk.getByTestId('survey-refused').textContent()).toContain('A-002');
    await check('survey: refused, already answered');
    await kiosk.getByTestId('survey-close').tap();
    // And straight through the API, as a tampered screen would try.
    const again = await fetch(`${host.url}/api/v1/survey.submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reference: first.reference, answers: { U1: 1 }, input: 'touch' }),
    });
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('conflict');

    // By hand, both: NRR U1 3.5, U2 3.5, U3 3, U4 4, U5 3, U6 3.5, U7 4, U8 1.5, U9 2.5;
    // Σ = 28.5; 28.5 / 9 × 25 = 79.1666… → 79.17, mutu B.
    await manager.getByTestId('report-refresh').click();
    await expect.poll(() => manager.getByTestId('report-ikm-value').textContent()).toContain('79,17');
    expect(await manager.getByTestId('report-nrr-U8').textContent()).toContain('1,500');
    expect(await manager.getByTestId('report-nrr-U9').textContent()).toContain('2,500');
    expect(await manager.getByTestId('report-respondents').textContent()).toContain('2');
    // The suggestion is text, never markup.
    expect(await manager.getByText('<b>Ruang tunggu</b> panas, mohon kipas angin').count()).toBe(1);
    await screenshot(manager, 'station-manager-ikm-report', { fullPage: true });

    // The exports carry the figures the screen shows: the XLSX summary and the CSV, downloaded from the page.
    const screenIkm = Number(await manager.getByTestId('report-ikm-value').getAttribute('data-value'));
    expect(screenIkm).toBe(79.17);
    const download = async (format: 'xlsx' | 'csv') => {
      const [file] = await Promise.all([manager.waitForEvent('download'), manager.getByTestId(`export-${format}`).first().click()]);
      return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
    };
    const xlsx = await download('xlsx');
    expect(xlsx.name).toBe(`ikm-bbpvp-bekasi-${String(first.serviceDate).slice(0, 7)}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet('Ringkasan')!;
    const summaryRows = summary.getSheetValues().filter(Boolean) as unknown[][];
    expect(summaryRows.find((row) => String(row[1]).startsWith('Nilai IKM'))?.[2]).toBe(screenIkm);
    const unsurRows = workbook.getWorksheet('Unsur')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(unsurRows.find((row) => row[1] === 'U8')).toContain(1.5);
    const csv = parse((await download('csv')).bytes, { bom: true, relax_column_count: true }) as string[][];
    expect(csv.find((row) => row[0]?.startsWith('Nilai IKM'))?.[1]).toBe('79.17');
    expect(csv.some((row) => row.includes('<b>Ruang tunggu</b> panas, mohon kipas angin'))).toBe(true);

    // Published, it reaches the information board the kiosk shows when idle.
    await manager.getByTestId('publish-ikm').click();
    await expect.poll(() => manager.getByTestId('report-publication').count(), { timeout: 10_000 }).toBe(1);
    // The board editor shows what was just published beside the texts the manager edits.
    await manager.getByTestId('admin-tab-board').click();
    await expect.poll(() => manager.getByTestId('board-ikm').count()).toBe(1);
    await screenshot(manager, 'station-manager-board', { fullPage: true });
    await manager.getByTestId('admin-tab-reports').click();
    await expect.poll(() => kiosk.getByTestId('info-board').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => kiosk.getByTestId('board-ikm-value').textContent()).toBe('79,17');
    expect(await kiosk.getByTestId('board-ikm-mutu').textContent()).toContain('B');
    await check('information board with the published IKM', 'kiosk-information-board');
    // A touch on the board starts the next visitor's journey, down to the desk list.
    await toDeskList(kiosk);
    await expect.poll(() => kiosk.locator('button[data-desk="1"]').count()).toBe(1);

    // The month's evaluation (BAB VI) counts the same day: two visits, both served the same day.
    await manager.getByTestId('report-view-monthly').click();
    await expect.poll(() => manager.getByTestId('monthly-visits').getAttribute('data-value')).toBe('2');
    expect(await manager.getByTestId('monthly-completion-sameDay').getAttribute('data-value')).toBe('2');
    await screenshot(manager, 'station-manager-monthly', { fullPage: true });
  });
});
