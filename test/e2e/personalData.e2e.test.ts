import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { x as extractTar } from 'tar';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHeadlessHost, writeConfig } from '../support/headlessHost.js';
import { doneButton, takeTicketAt, toDeskList } from '../support/kioskJourney.js';
import { TEST_PIN } from '../support/queueDriver.js';
import { addStaff, api, login, openPage } from '../support/stationPages.js';
import { tempDir } from '../support/tempDir.js';

/**
 * UU PDP 27/2022, end to end: a visitor gives a NIK on the kiosk's keypad and a WhatsApp number
 * with consent, an officer refers the visit to the back office with an e-mail address and a note,
 * and transfers another with the contact typed into the transfer note. The screens show masks
 * only; then, with the host stopped, not one byte of the data directory — the SQLite file and its
 * WAL, every log, the printer's output — nor the technician's diagnostics bundle holds the NIK,
 * the number in any way it is written, or the address in clear.
 */

/** A well-formed NIK (Kota Bandung, born 17 Aug 1985, a woman) used by no other test. */
const NIK = '3273015708850007';
const NIK_MASKED = /^3273\D{8}0007$/;
/** The WhatsApp number as the visitor types it on the kiosk, and as the officer types it at the desk. */
const PHONE_TYPED = '081234567890';
const PHONE_AT_DESK = '+62 812-3456-7890';
/** Every form of the number someone could search a file for: after 0, 62 or +62, grouped or not. */
const PHONE_FORMS = ['081234567890', '6281234567890', '+6281234567890', '81234567890', '0812 3456 7890', '0812-3456-7890', '+62 812-3456-7890', '+62 812 3456 7890'];
const EMAIL = 'budi.santoso@contoh.id';
const PORTRAIT = { width: 1080, height: 1920 };
const DESK_VIEW = { width: 1280, height: 1000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** `8 1 2 3`-tolerant: the digits in order with at most a few separator characters between them. */
function spacedDigits(digits: string): RegExp {
  return new RegExp([...digits].join(String.raw`[\s.\-()–]{0,3}`));
}

const NEEDLES: Array<{ name: string; bytes: Buffer }> = [
  { name: 'the NIK', bytes: Buffer.from(NIK) },
  ...PHONE_FORMS.map((form) => ({ name: `the phone as ${form}`, bytes: Buffer.from(form) })),
  { name: 'the e-mail', bytes: Buffer.from(EMAIL) },
  { name: 'the e-mail in capitals', bytes: Buffer.from(EMAIL.toUpperCase()) },
  { name: 'the e-mail’s name', bytes: Buffer.from('budi.santoso') },
];
const SPACED = [
  { name: 'the NIK, spaced', pattern: spacedDigits(NIK) },
  { name: 'the phone, spaced', pattern: spacedDigits('81234567890') },
];

/** Every file under a directory, with its bytes, read at this moment. */
function filesUnder(root: string): Array<{ path: string; bytes: Buffer }> {
  const found: Array<{ path: string; bytes: Buffer }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) found.push({ path: relative(root, path), bytes: readFileSync(path) });
    }
  };
  walk(root);
  return found;
}

/** Each needle, in each file: a list of "file: what" for every hit (empty is the pass). */
function personalDataIn(files: Array<{ path: string; bytes: Buffer }>): string[] {
  const hits: string[] = [];
  for (const file of files) {
    for (const needle of NEEDLES) if (file.bytes.includes(needle.bytes)) hits.push(`${file.path}: ${needle.name}`);
    // latin1 keeps one character per byte, so a pattern over the text is a pattern over the bytes.
    const text = file.bytes.toString('latin1');
    for (const { name, pattern } of SPACED) if (pattern.test(text)) hits.push(`${file.path}: ${name}`);
  }
  return hits;
}

/** What the page shows and holds: the full values must be in neither. */
async function expectNothingWhole(page: Page, where: string): Promise<void> {
  const text = (await page.evaluate('document.body.innerText')) as string;
  const html = (await page.evaluate('document.documentElement.outerHTML')) as string;
  for (const value of [NIK, PHONE_TYPED, EMAIL]) {
    expect(text.replace(/\s+/g, ''), `${where}: ${value} on screen`).not.toContain(value);
    expect(html, `${where}: ${value} in the markup`).not.toContain(value);
  }
}

/** A job seeker gives the NIK on the keypad and a WhatsApp number with consent; takes D-001. */
async function visitorWithNikAndWhatsapp(kiosk: Page): Promise<void> {
  await kiosk.getByTestId('info-board').waitFor();
  await kiosk.getByTestId('board-wake').tap();
  await kiosk.getByTestId('user-type-pencari_kerja').tap();
  await kiosk.getByTestId('account-yes').tap();
  for (const digit of NIK) await kiosk.getByTestId(`nik-key-${digit}`).tap();
  await kiosk.getByTestId('nik-submit').tap();
  const masked = kiosk.getByTestId('identity-masked');
  await masked.waitFor();
  expect(((await masked.textContent()) ?? '').replace(/\s+/g, '')).toMatch(NIK_MASKED);
  await expectNothingWhole(kiosk, 'identify');
  await kiosk.getByTestId('identify-continue').tap();

  await kiosk.getByTestId('consent').waitFor();
  await kiosk.getByTestId('consent-agree').tap();
  await kiosk.getByTestId('visit-status-belum_pernah_bekerja').tap();
  for (const key of PHONE_TYPED) await kiosk.getByTestId(`wa-key-${key}`).tap();
  await kiosk.getByTestId('visit-data-continue').tap();

  await kiosk.getByTestId('needs').waitFor();
  await kiosk.getByTestId('need-cari-lowongan').tap();
  await kiosk.getByTestId('guide-continue').tap();
  await kiosk.getByTestId('desk-choice-4').tap();
  await kiosk.getByTestId('confirm').waitFor();
  expect(((await kiosk.getByTestId('confirm-account').textContent()) ?? '').replace(/\s+/g, '')).toMatch(NIK_MASKED);
  expect(await kiosk.getByTestId('confirm-visitData').textContent()).toBe('Belum pernah bekerja · WA 0812••••7890');
  await expectNothingWhole(kiosk, 'confirm');
  await kiosk.getByTestId('confirm-issue').tap();
  await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('D-001');
  await expectNothingWhole(kiosk, 'ticket');
}

describe('personal data at rest (UU PDP 27/2022)', () => {
  it('a NIK, a WhatsApp number and an e-mail address go in; the screens show masks; no file and no diagnostics bundle holds them in clear', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { siteName: 'BBPVP Bekasi' });
    for (const spec of ['technician:teknisi:Teknisi', 'officer:petugas:Siti Petugas', 'manager:manajer:Rina Manajer']) addStaff(dataDir, spec);
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());

    // The visitor, at the kiosk; then a second visitor who only takes a number.
    const kiosk = await openPage(browser, `${host.url}/`, PORTRAIT);
    await visitorWithNikAndWhatsapp(kiosk);
    await doneButton(kiosk).tap();
    await toDeskList(kiosk);
    expect(await takeTicketAt(kiosk, 4)).toBe('D-002');

    // The officer refers D-001 to the back office with the number and an e-mail address, and a note
    // that repeats the NIK; the confirmation shows the contact masked.
    const desk = await openPage(browser, `${host.url}/desk`, DESK_VIEW);
    await login(desk, 'petugas');
    await desk.getByTestId('open-desk-4').click();
    await desk.getByTestId('open-counter-submit').click();
    await desk.getByTestId('call-next').click();
    await expect.poll(() => desk.getByTestId('current-ticket').getAttribute('data-number')).toBe('D-001');
    await desk.getByTestId('start').click();
    await expect.poll(() => desk.getByTestId('current-ticket').getAttribute('data-status')).toBe('serving');
    await desk.getByTestId('refer').click();
    await desk.getByTestId('refer-level-dinas_provinsi').check();
    await desk.getByTestId('refer-place').fill('Ruang Back Office, lantai 2');
    await desk.getByTestId('refer-whatsapp').fill(PHONE_AT_DESK);
    await desk.getByTestId('refer-email').fill(EMAIL);
    await desk.getByTestId('refer-note').fill(`Pemohon NIK ${NIK}, WA ${PHONE_TYPED}`);
    await desk.getByTestId('refer-submit').click();
    const done = desk.getByTestId('refer-done');
    await done.waitFor();
    const confirmation = (await done.textContent()) ?? '';
    // maskPhone keeps the first four digits as typed: 6281-… for +62 812…, 0812-… for 0812….
    expect(confirmation).toContain('0812-****-890 · b***@contoh.id');
    await expectNothingWhole(desk, 'desk: referral confirmation');
    await desk.getByTestId('refer-done-ok').click();

    // D-002 is transferred with the contact typed into the free-text note, as an officer might.
    await desk.getByTestId('call-next').click();
    await expect.poll(() => desk.getByTestId('current-ticket').getAttribute('data-number')).toBe('D-002');
    await desk.getByTestId('transfer').click();
    await desk.getByTestId('transfer-desk-2').click();
    await desk.getByTestId('transfer-note').fill(`hubungi ${PHONE_AT_DESK} / ${EMAIL} / NIK ${NIK}`);
    await desk.getByTestId('transfer-submit').click();
    await expect.poll(() => desk.getByTestId('current-ticket').getAttribute('data-status')).toBe('none');

    // The manager's list of referrals shows the contact masked too.
    const admin = await openPage(browser, `${host.url}/admin`, DESK_VIEW);
    await login(admin, 'manajer');
    await admin.getByTestId('admin-tab-referrals').click();
    await expect.poll(() => admin.getByTestId('referral-contact').first().textContent()).toBe('0812-****-890 · b***@contoh.id');
    await expectNothingWhole(admin, 'admin: referrals');

    // The technician's diagnostics bundle, fetched while the kiosk runs (wired in kioskHost as
    // `diagnostics.bundle`); its absence is reported at the end, after the data directory is checked.
    const technician = (await api(host.url, 'auth.login', { username: 'teknisi', pin: TEST_PIN })).sessionToken as string;
    let bundle: { filename: string; base64: string } | undefined;
    let bundleProblem: unknown;
    try {
      bundle = (await api(host.url, 'diagnostics.bundle', {}, { 'x-kiosk-session': technician })) as unknown as { filename: string; base64: string };
    } catch (error) {
      bundleProblem = error;
    }

    // While running: the WAL holds the day's pages.
    const running = filesUnder(dataDir);
    expect(running.map((file) => file.path)).toEqual(expect.arrayContaining(['kiosk.sqlite', 'kiosk.sqlite-wal']));
    expect(personalDataIn(running), 'personal data in the data directory while the kiosk runs').toEqual([]);

    // Stopped cleanly: everything checkpointed, logs flushed.
    expect(await host.stop()).toBe(0);
    const stopped = filesUnder(dataDir);
    const names = stopped.map((file) => file.path);
    expect(names).toEqual(expect.arrayContaining(['kiosk.sqlite']));
    expect(names.some((name) => name.startsWith('logs/kiosk-'))).toBe(true);
    expect(names.some((name) => name.startsWith('printer/'))).toBe(true);
    expect(personalDataIn(stopped), 'personal data in the data directory after a clean stop').toEqual([]);

    // The bundle, unpacked as the helpdesk would.
    expect(bundleProblem, 'diagnostics.bundle answered').toBeUndefined();
    expect(bundle!.filename).toMatch(/^kios-diagnostik-bbpvp-bekasi-\d{8}T\d{6}\.tar\.gz$/);
    const unpacked = tempDir('kiosk-bundle-');
    const archive = join(unpacked, bundle!.filename);
    writeFileSync(archive, Buffer.from(bundle!.base64, 'base64'));
    mkdirSync(join(unpacked, 'out'));
    await extractTar({ file: archive, cwd: join(unpacked, 'out') });
    const inBundle = filesUnder(join(unpacked, 'out'));
    expect(inBundle.map((file) => file.path)).toEqual(expect.arrayContaining(['manifest.json', 'config.json', 'outbox.json', 'audit.json']));
    expect(personalDataIn(inBundle), 'personal data in the diagnostics bundle').toEqual([]);
  });
});
