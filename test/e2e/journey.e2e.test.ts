import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHeadlessHost, writeConfig } from '../support/headlessHost.js';
import { doneButton, startVisit } from '../support/kioskJourney.js';
import { openPage } from '../support/stationPages.js';
import { checker, writeFindings, type Check } from '../support/visitorA11y.js';
import { tempDir } from '../support/tempDir.js';

/**
 * The visitor's guided journey (Kepmenaker 225/2023 service flow), end to end in Debian's Chromium
 * against the real headless host: one journey per kind of visitor, each ending in a ticket, in
 * portrait (the kiosk as installed, with screenshots) and landscape (a kiosk turned on its side).
 *
 * On every screen it checks what a visitor at the touchscreen needs, not only what the test drives:
 * axe-core's WCAG 2.x A/AA rules, touch targets of at least 72 px, and — in portrait — nothing to
 * touch in the top 160 px, which a visitor standing at a 1920 px-tall screen cannot reach. These
 * are soft assertions: a journey goes on to the end, so one run lists every screen's problems.
 */

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
/** A well-formed NIK (Jawa Barat, born 5 Jan 1990, a woman), and the same with serial 0000, which no NIK has. */
const NIK = '3201014501900001';
const INVALID_NIK = '3201014501900000';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  writeFindings('journey-a11y');
});

/** The NIK, once given, is never on screen whole: not as typed, not spaced, not in the markup. */
async function expectNikHidden(page: Page, where: string): Promise<void> {
  const text = (await page.evaluate('document.body.innerText')) as string;
  expect(text, `${where}: the full NIK on screen`).not.toContain(NIK);
  expect(text.replace(/\s+/g, ''), `${where}: the full NIK on screen, spaced`).not.toContain(NIK);
  expect((await page.evaluate('document.documentElement.outerHTML')) as string, `${where}: the full NIK in the markup`).not.toContain(NIK);
}

async function typeNik(page: Page, nik: string): Promise<void> {
  for (const digit of nik) await page.getByTestId(`nik-key-${digit}`).tap();
}

async function boardToUserType(page: Page, check: Check): Promise<void> {
  await page.getByTestId('info-board').waitFor();
  await page.getByTestId('board-service-state').waitFor();
  await check('information board', 'journey-board');
  await page.getByTestId('board-wake').tap();
  await page.getByTestId('user-type-pencari_kerja').waitFor();
  await check('user type', 'journey-user-type');
}

/** Prints the ticket from the confirm screen and checks the ticket screen; the number shown. */
async function issueAndCheckTicket(page: Page, check: Check, label: string, shot?: string): Promise<string> {
  await page.getByTestId('confirm-issue').tap();
  const number = page.getByTestId('ticket-number');
  await number.waitFor();
  await check(label, shot);
  return (await number.textContent()) ?? '';
}

/** A job seeker with an account mistypes the NIK, corrects it, and looks for a vacancy: desk D. */
async function jobSeekerWithNik(page: Page, check: Check): Promise<string> {
  await boardToUserType(page, check);
  await page.getByTestId('user-type-pencari_kerja').tap();
  await page.getByTestId('account-yes').waitFor();
  await check('account question', 'journey-account');
  await page.getByTestId('account-yes').tap();

  await page.getByTestId('identify').waitFor();
  await check('identify: the keypad');
  // Serial 0000: well formed in length, but no NIK ends so.
  await typeNik(page, INVALID_NIK);
  expect((await page.getByTestId('nik-display').textContent())?.replace(/\s+/g, '')).toBe(INVALID_NIK);
  await page.getByTestId('nik-submit').tap();
  await page.getByTestId('nik-error').waitFor();
  expect(await page.getByTestId('identity-masked').count()).toBe(0);
  expect(await page.getByTestId('identify-continue').count()).toBe(0);
  await check('identify: invalid NIK', 'journey-identify');
  // The last digit corrected.
  await page.getByTestId('nik-key-back').tap();
  await page.getByTestId('nik-key-1').tap();
  expect((await page.getByTestId('nik-display').textContent())?.replace(/\s+/g, '')).toBe(NIK);
  await page.getByTestId('nik-submit').tap();
  const masked = page.getByTestId('identity-masked');
  await masked.waitFor();
  expect(await page.getByTestId('nik-error').count()).toBe(0);
  const shown = ((await masked.textContent()) ?? '').replace(/\s+/g, '');
  // The province and regency, and the serial, stay for the visitor to recognise; the middle goes.
  expect(shown).toMatch(/^3201\D{8}0001$/);
  await expectNikHidden(page, 'identify');
  await check('identify: NIK taken, masked');
  await page.getByTestId('identify-continue').tap();

  // The visit's data, only after consent: employment status and a WhatsApp number, shown masked later.
  await page.getByTestId('consent').waitFor();
  await check('consent (UU PDP)', 'journey-consent');
  await page.getByTestId('consent-agree').tap();
  await page.getByTestId('visit-data-continue').tap();
  expect(await page.getByTestId('visit-data-problem').textContent()).toBeTruthy();
  await page.getByTestId('visit-status-belum_pernah_bekerja').tap();
  for (const key of '08123456') await page.getByTestId(`wa-key-${key}`).tap();
  await page.getByTestId('visit-data-continue').tap();
  // Too short for a number: said so, and nothing moves on.
  expect(await page.getByTestId('visit-data-problem').textContent()).toContain('WhatsApp');
  for (const key of '7890') await page.getByTestId(`wa-key-${key}`).tap();
  // Typing on clears the message about the number as it was.
  expect(await page.getByTestId('visit-data-problem').count()).toBe(0);
  await check('visit data', 'journey-visit-data');
  await page.getByTestId('visit-data-continue').tap();

  await page.getByTestId('needs').waitFor();
  expect(await page.getByTestId('need-cari-lowongan').count()).toBe(1);
  await expectNikHidden(page, 'needs');
  await check('needs (job seeker)', 'journey-needs');
  await page.getByTestId('need-cari-lowongan').tap();

  await page.getByTestId('guide').waitFor();
  expect(await page.getByTestId('guide').getAttribute('data-guide')).toBe('data-diri');
  await check('guide: data-diri');
  await page.getByTestId('guide-continue').tap();

  await page.getByTestId('desk-choice').waitFor();
  expect(await page.locator('[data-testid^="desk-choice-"]').count()).toBe(1);
  expect(await page.getByTestId('desk-choice-4').locator('[data-testid="desk-services"] li').count()).toBeGreaterThan(0);
  await check('desk choice: one desk (vacancies)');
  await page.getByTestId('desk-choice-4').tap();

  await page.getByTestId('confirm').waitFor();
  expect(((await page.getByTestId('confirm-account').textContent()) ?? '').replace(/\s+/g, '')).toBe(shown);
  expect(await page.getByTestId('confirm-need').textContent()).toContain('Mencari lowongan pekerjaan');
  expect(await page.getByTestId('confirm-visitData').textContent()).toBe('Belum pernah bekerja · WA 0812••••7890');
  expect(await page.getByTestId('confirm-desk').textContent()).toContain('D');
  await expectNikHidden(page, 'confirm');
  await check('confirm (job seeker, NIK)', 'journey-confirm');

  await page.getByTestId('confirm-issue').tap();
  await page.getByTestId('ticket-number').waitFor();
  const prepare = page.getByTestId('ticket-prepare');
  await prepare.waitFor();
  expect(await prepare.locator('li').count()).toBeGreaterThan(0);
  expect(await prepare.textContent()).toContain('KTP');
  await expectNikHidden(page, 'ticket');
  await check('ticket with what to prepare', 'journey-ticket');
  return (await page.getByTestId('ticket-number').textContent()) ?? '';
}

/** A worker laid off, without an account yet: the activation guide, then JKP at desk F. */
async function workerWithoutAccount(page: Page, check: Check): Promise<string> {
  await boardToUserType(page, check);
  await page.getByTestId('user-type-pekerja').tap();
  await page.getByTestId('account-no').tap();

  const guide = page.getByTestId('guide');
  await guide.waitFor();
  expect(await guide.getAttribute('data-guide')).toBe('aktivasi-akun');
  // The visitor makes the account on their own phone, through the QR code.
  expect(await guide.locator('svg.qr-code').count()).toBe(1);
  await check('guide: account activation (QR)');
  await page.getByTestId('guide-continue').tap();
  // Saying no to the visit data changes nothing about the service.
  await page.getByTestId('consent-decline').tap();

  await page.getByTestId('needs').waitFor();
  await check('needs (worker)');
  await page.getByTestId('need-jkp-phk').tap();
  await page.getByTestId('guide').waitFor();
  expect(await page.getByTestId('guide').getAttribute('data-guide')).toBe('data-diri');
  await page.getByTestId('guide-continue').tap();

  await page.getByTestId('desk-choice').waitFor();
  expect(await page.getByTestId('desk-choice-6').count()).toBe(1);
  expect(await page.getByTestId('desk-choice-4').count()).toBe(1);
  await check('desk choice: two desks (JKP)', 'journey-desk-choice');
  await page.getByTestId('desk-choice-6').tap();

  await page.getByTestId('confirm').waitFor();
  expect(await page.getByTestId('confirm-account').textContent()).toBe('Belum punya akun');
  expect(await page.getByTestId('confirm-visitData').textContent()).toBe('Tidak dicatat');
  expect(await page.getByTestId('confirm-need').textContent()).toContain('JKP');
  await check('confirm (worker, no account)');
  const number = await issueAndCheckTicket(page, check, 'ticket (JKP)');
  expect(await page.getByTestId('ticket-prepare').locator('li').count()).toBeGreaterThan(0);
  return number;
}

/** An employer reports (wajib lapor): the scope question routes the follow-up; changes the need there and back. */
async function employerWajibLapor(page: Page, check: Check): Promise<string> {
  await startVisit(page, 'pemberi_kerja');
  expect(await page.getByTestId('need-wajib-lapor').count()).toBe(1);
  expect(await page.getByTestId('need-cari-lowongan').count()).toBe(0);
  await check('needs (employer)');

  const chooseWajibLapor = async () => {
    await page.getByTestId('need-wajib-lapor').tap();
    await page.getByTestId('guide').waitFor();
    expect(await page.getByTestId('guide').getAttribute('data-guide')).toBe('wajib-lapor');
  };
  await chooseWajibLapor();
  await check('guide: wajib lapor, scope not yet answered');
  await page.getByTestId('scope-provinsi').tap();
  await expect.poll(() => page.getByTestId('guide-routing').textContent()).toContain('Dinas Provinsi');
  expect(await page.getByTestId('scope-provinsi').getAttribute('aria-pressed')).toBe('true');
  await check('guide: wajib lapor, routed', 'journey-guide');
  await page.getByTestId('guide-continue').tap();
  await page.getByTestId('desk-choice').waitFor();
  await check('desk choice: every desk (wajib lapor)');
  await page.getByTestId('desk-choice-4').tap();
  await page.getByTestId('confirm').waitFor();
  expect(await page.getByTestId('confirm-need').textContent()).toContain('Wajib lapor');
  await check('confirm (employer)');

  // Changes the need to PP/PKB at desk F …
  await page.getByTestId('confirm-change-need').tap();
  await page.getByTestId('needs').waitFor();
  await page.getByTestId('need-pp-pkb').tap();
  await page.getByTestId('guide').waitFor();
  expect(await page.getByTestId('guide').getAttribute('data-guide')).toBe('pp-pkb');
  await check('guide: PP/PKB');
  await page.getByTestId('guide-continue').tap();
  await page.getByTestId('desk-choice').waitFor();
  await page.getByTestId('desk-choice-6').tap();
  await page.getByTestId('confirm').waitFor();
  expect(await page.getByTestId('confirm-need').textContent()).toContain('PP');
  expect(await page.getByTestId('confirm-desk').textContent()).toContain('F');

  // … and back to wajib lapor: the scope answer is remembered for this visit.
  await page.getByTestId('confirm-change-need').tap();
  await page.getByTestId('needs').waitFor();
  await chooseWajibLapor();
  expect(await page.getByTestId('guide-routing').textContent()).toContain('Dinas Provinsi');
  await page.getByTestId('guide-continue').tap();
  await page.getByTestId('desk-choice').waitFor();
  await page.getByTestId('desk-choice-4').tap();
  await page.getByTestId('confirm').waitFor();
  expect(await page.getByTestId('confirm-need').textContent()).toContain('Wajib lapor');
  expect(await page.getByTestId('confirm-desk').textContent()).toContain('D');
  const number = await issueAndCheckTicket(page, check, 'ticket (wajib lapor)');
  expect(await page.getByTestId('ticket-prepare').locator('li').count()).toBeGreaterThan(0);
  return number;
}

/** A member of the public who knows the desk: the desk list, desk B, confirm. */
async function publicKnowsDesk(page: Page, check: Check): Promise<string> {
  await startVisit(page, 'masyarakat');
  await check('needs (public)');
  await page.getByTestId('need-know-desk').tap();
  await page.locator('button[data-desk]').first().waitFor();
  await check('desk list');
  await page.locator('button[data-desk="2"]').tap();
  await page.getByTestId('confirm').waitFor();
  expect(await page.getByTestId('confirm-need').textContent()).toBe('Pilihan sendiri');
  expect(await page.getByTestId('confirm-desk').textContent()).toContain('B');
  await check('confirm (own desk)');
  return issueAndCheckTicket(page, check, 'ticket (own desk)');
}

async function openKiosk(viewport: { width: number; height: number }): Promise<Page> {
  const host = await startHeadlessHost(tempDir());
  onTestFinished(() => host.kill());
  return openPage(browser, host.url, viewport);
}

describe('the visitor journey, for each kind of visitor', () => {
  it('a job seeker with an account: a mistyped NIK corrected, shown masked, a vacancy at desk D', { timeout: 120_000 }, async () => {
    const page = await openKiosk(PORTRAIT);
    expect(await jobSeekerWithNik(page, checker(page, 'portrait'))).toBe('D-001');
  });

  it('a worker without an account: the activation guide and its QR, then JKP at desk F', { timeout: 120_000 }, async () => {
    const page = await openKiosk(PORTRAIT);
    expect(await workerWithoutAccount(page, checker(page, 'portrait'))).toBe('F-001');
  });

  it('an employer: wajib lapor routed by operating scope, the need changed and changed back', { timeout: 120_000 }, async () => {
    const page = await openKiosk(PORTRAIT);
    expect(await employerWajibLapor(page, checker(page, 'portrait'))).toBe('D-001');
  });

  it('a member of the public who knows the desk: desk B through the confirm screen', { timeout: 120_000 }, async () => {
    const page = await openKiosk(PORTRAIT);
    expect(await publicKnowsDesk(page, checker(page, 'portrait'))).toBe('B-001');
  });

  it('the same journeys on a landscape screen, one visitor after another', { timeout: 240_000 }, async () => {
    const page = await openKiosk(LANDSCAPE);
    const check = checker(page, 'landscape');
    const next = async () => {
      await doneButton(page).tap();
      await page.getByTestId('info-board').waitFor();
    };
    expect(await jobSeekerWithNik(page, check)).toBe('D-001');
    await next();
    expect(await workerWithoutAccount(page, check)).toBe('F-001');
    await next();
    expect(await employerWajibLapor(page, check)).toBe('D-002');
    await next();
    expect(await publicKnowsDesk(page, check)).toBe('B-001');
  });

  it('self-service before the queue: vacancy search on the on-screen keyboard, the JKP self-assessment, the PP/PKB lookup', { timeout: 120_000 }, async () => {
    const page = await openKiosk(PORTRAIT);
    const check = checker(page, 'portrait');
    await page.getByTestId('board-wake').tap();
    await page.getByTestId('user-type-pencari_kerja').tap();
    await page.getByTestId('account-yes').tap();
    await page.getByTestId('identify-skip').tap();
    await page.getByTestId('consent-decline').tap();
    await page.getByTestId('need-cari-lowongan').tap();
    await page.getByTestId('guide-continue').tap();
    await page.getByTestId('self-service-vacancy-search').tap();
    const all = Number((await page.getByTestId('vacancy-count').textContent())?.match(/\d+/)?.[0]);
    await page.getByTestId('vacancy-keyword').tap();
    for (const key of 'operator') await page.getByTestId(`osk-key-${key}`).tap();
    await check('vacancy search: typing', 'journey-vacancy-typing');
    await page.getByTestId('osk-done').tap();
    const found = Number((await page.getByTestId('vacancy-count').textContent())?.match(/\d+/)?.[0]);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(all);
    for (const title of await page.getByTestId('vacancy-result').locator('.choice-title').allTextContents()) expect(title.toLowerCase()).toContain('operator');
    await page.getByTestId('vacancy-result').first().locator('button').first().tap();
    await page.getByTestId('vacancy-qr').locator('svg.qr-code').waitFor();
    await check('vacancy search: a vacancy with its QR', 'journey-vacancy');
    await page.getByTestId('tool-done').tap();
    await page.getByTestId('desk-choice').waitFor();

    // The JKP self-assessment: someone who resigned is told at once, without the other questions.
    await page.getByTestId('journey-back').tap();
    await page.getByTestId('need-jkp-phk').tap();
    await page.getByTestId('guide-continue').tap();
    await page.getByTestId('self-service-jkp-assessment').tap();
    await page.getByTestId('jkp-question').waitFor();
    await check('JKP self-assessment: a question', 'journey-jkp');
    while ((await page.getByTestId('jkp-result').count()) === 0) {
      await page.getByTestId('jkp-question').locator('button').last().tap();
    }
    await check('JKP self-assessment: the result');
    expect(await page.getByTestId('jkp-result').textContent()).toBeTruthy();
    await page.getByTestId('tool-done').tap();
    await expect.poll(async () => (await page.getByTestId('confirm').count()) + (await page.getByTestId('desk-choice').count())).toBe(1);
    if ((await page.getByTestId('desk-choice').count()) === 1) await page.locator('[data-testid^="desk-choice-"]').first().tap();
    // And the visit ends, as every journey does, in a ticket.
    await page.getByTestId('confirm-issue').tap();
    await expect.poll(() => page.getByTestId('ticket-number').textContent()).toMatch(/^[A-G]-001$/);
  });

  it('the ratified PP/PKB lookup for a member of the public, and the reading aids', { timeout: 120_000 }, async () => {
    const page = await openKiosk(PORTRAIT);
    const check = checker(page, 'portrait');
    await page.getByTestId('board-wake').tap();
    await page.getByTestId('large-text').tap();
    await page.getByTestId('high-contrast').tap();
    await check('user type, larger text and high contrast', 'journey-aids');
    await page.getByTestId('user-type-masyarakat').tap();
    await page.getByTestId('account-yes').tap();
    await page.getByTestId('identify-skip').tap();
    // Whether an employer's PP/PKB is in force is what a worker asks; employers check their own
    // application by number instead (applicationStatus.e2e).
    await page.getByTestId('need-hubungan-industrial').tap();
    await page.getByTestId('self-service-ratified-search').tap();
    for (const key of 'contoh') await page.getByTestId(`osk-key-${key}`).tap();
    await page.getByTestId('osk-done').tap();
    await expect.poll(() => page.getByTestId('ratified-result').count()).toBeGreaterThan(0);
    await check('PP/PKB lookup', 'journey-ratified');
  });

  it('forgets a half-typed NIK after the idle countdown: gone from the screen and from the next visit', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { idleSeconds: 15 });
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    const page = await openPage(browser, host.url, PORTRAIT);
    await page.getByTestId('board-wake').tap();
    await page.getByTestId('user-type-pekerja').tap();
    await page.getByTestId('account-yes').tap();
    await typeNik(page, '32010145');
    await page.getByTestId('idle-countdown').waitFor({ timeout: 20_000 });
    await page.getByTestId('info-board').waitFor({ timeout: 20_000 });
    expect((await page.evaluate('document.documentElement.outerHTML')) as string).not.toMatch(/3201\s?0145/);
    // The next visitor finds nothing of it: no digits, no user type carried over.
    await page.getByTestId('board-wake').tap();
    expect(await page.getByTestId('user-type-pekerja').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('user-type-masyarakat').tap();
    await page.getByTestId('account-yes').tap();
    expect(await page.getByTestId('nik-display').textContent()).toBe('—');
  });
});

