import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { callApi, runHeadlessHostToExit, startHeadlessHost, writeConfig } from '../support/headlessHost.js';
import { tempDir } from '../support/tempDir.js';

/** The headless host as the real process `npm run host` starts. */
describe('headless host process', () => {
  it('continues the sequence after being killed between two tickets (SIGKILL)', async () => {
    const dataDir = tempDir();
    const first = await startHeadlessHost(dataDir);
    onTestFinished(() => first.kill());
    expect((await callApi(first.url, 'tickets.issue', { deskId: 1 })).json).toMatchObject({ value: { number: 'A-001' } });
    expect((await callApi(first.url, 'tickets.issue', { deskId: 1 })).json).toMatchObject({ value: { number: 'A-002' } });
    await first.kill();

    const second = await startHeadlessHost(dataDir);
    onTestFinished(() => second.kill());
    expect((await callApi(second.url, 'tickets.issue', { deskId: 1 })).json).toMatchObject({ value: { number: 'A-003' } });
    const health = (await (await fetch(`${second.url}/healthz`)).json()) as { database: { ok: boolean } };
    expect(health.database.ok).toBe(true);
  });

  it('closes the database cleanly and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    await callApi(host.url, 'tickets.issue', { deskId: 2 });
    expect(existsSync(join(dataDir, 'kiosk.sqlite-wal'))).toBe(true);
    expect(await host.stop()).toBe(0);
    // SQLite checkpoints and removes the WAL only when the last connection closes properly.
    expect(existsSync(join(dataDir, 'kiosk.sqlite-wal'))).toBe(false);
  });

  it('never gives the same number twice when two hosts share one database', async () => {
    // Two processes means two SQLite connections: only BEGIN IMMEDIATE keeps their reads of the
    // last number apart (one connection in one process would serialise calls anyway).
    const dataDir = tempDir();
    const first = await startHeadlessHost(dataDir);
    onTestFinished(() => first.kill());
    const second = await startHeadlessHost(dataDir);
    onTestFinished(() => second.kill());
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_v, i) => callApi(i % 2 === 0 ? first.url : second.url, 'tickets.issue', { deskId: 1 })),
    );
    const numbers = answers.map((answer) => (answer.json as { value: { number: string } }).value.number).sort();
    expect(numbers).toEqual(Array.from({ length: 60 }, (_v, i) => `A-${String(i + 1).padStart(3, '0')}`));
  });

  it('serves the renderer and answers on loopback only by default', async () => {
    const host = await startHeadlessHost(tempDir());
    onTestFinished(() => host.kill());
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${host.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    // Deep links (future station screens) fall back to the app, whose assets load from the root.
    const deepLink = await fetch(`${host.url}/station/desk/3`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toMatch(/src="\/assets\/index-[\w-]+\.js"/);
    const missingApi = await fetch(`${host.url}/api/v1/nothing-here`);
    expect(missingApi.status).toBe(404);
  });

  it('uses the configuration file in the data directory', async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { siteName: 'BBPVP Semarang', kioskType: 4, tipe4Desks: [7], timeZone: 'Asia/Makassar' });
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    expect((await callApi(host.url, 'kiosk.info', {})).json).toMatchObject({
      value: { siteName: 'BBPVP Semarang', kioskType: 4, timeZone: 'Asia/Makassar' },
    });
    expect((await callApi(host.url, 'desks.list', {})).json).toMatchObject({ value: { desks: [{ id: 7, letter: 'G' }] } });
  });

  it('refuses to start on an invalid configuration and says which field', async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { kioskType: 9 } as never);
    const { code, output } = await runHeadlessHostToExit(dataDir);
    expect(code).toBe(1);
    expect(output).toMatch(/cannot start: .*kiosk\.config\.json is invalid: kioskType/);
  });

  it('refuses to start on a damaged database and says what to do', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'kiosk.sqlite'), 'garbage '.repeat(1000));
    const { code, output } = await runHeadlessHostToExit(dataDir);
    expect(code).toBe(1);
    expect(output).toMatch(/cannot start: database .* failed its integrity check/);
  });
});
