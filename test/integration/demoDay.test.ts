import { describe, expect, it, onTestFinished } from 'vitest';
import { runHeadlessHostToExit, startHeadlessHost } from '../support/headlessHost.js';
import { tempDir } from '../support/tempDir.js';

async function call(url: string, method: string, body: unknown, session?: string) {
  const response = await fetch(`${url}/api/v1/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { 'x-kiosk-session': session } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { ok: boolean; value: Record<string, unknown> };
}

describe('the demo day (--demo)', () => {
  it('fills the day with visitors and officers working through the same API as real stations', { timeout: 60_000 }, async () => {
    const host = await startHeadlessHost(tempDir(), ['--demo']);
    onTestFinished(async () => {
      await host.stop();
    });
    expect(host.output()).toMatch(/listening on/);
    const login = await call(host.url, 'auth.login', { username: 'manajer', pin: '123456' });
    expect(login.ok).toBe(true);
    const session = login.value.sessionToken as string;
    await expect
      .poll(
        async () => {
          const snapshot = await call(host.url, 'queue.snapshot', {}, session);
          const figures = snapshot.value.figures as { issued: number; done: number; noShow: number; referred: number };
          return figures.issued >= 3 && figures.done + figures.noShow + figures.referred >= 1;
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe(true);
    // Every desk has a simulated officer on counter 1; counter 2 is free for a person.
    const snapshot = await call(host.url, 'queue.snapshot', {}, session);
    const counters = snapshot.value.counters as Array<{ counterNumber: number; state: string }>;
    expect(counters.filter((counter) => counter.counterNumber === 1 && counter.state === 'open')).toHaveLength(7);
  });
});

describe('demo data and real data never mix', () => {
  it('refuses --demo on a real kiosk\'s data directory, and a demo directory without --demo', { timeout: 60_000 }, async () => {
    const real = tempDir();
    const host = await startHeadlessHost(real);
    await host.stop();
    const demoOnReal = await runHeadlessHostToExit(real, ['--demo']);
    expect(demoOnReal.code).not.toBe(0);
    expect(demoOnReal.output).toMatch(/real kiosk's data/);

    const demo = tempDir();
    const demoHost = await startHeadlessHost(demo, ['--demo']);
    await demoHost.stop();
    const realOnDemo = await runHeadlessHostToExit(demo);
    expect(realOnDemo.code).not.toBe(0);
    expect(realOnDemo.output).toMatch(/holds a demo day/);
  });
});
