import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultKioskConfig, KioskConfigSchema } from '../../src/host/kioskConfig.js';
import { ConfigError, loadKioskConfig } from '../../src/host/loadKioskConfig.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
function dataDirWith(content?: string): string {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  if (content !== undefined) writeFileSync(join(dir, 'kiosk.config.json'), content);
  return dir;
}

describe('kiosk configuration', () => {
  it('runs with no file: Tipe 1, WIB, simulated printer, loopback only', () => {
    expect(loadKioskConfig(dataDirWith())).toEqual(defaultKioskConfig());
    expect(defaultKioskConfig()).toMatchObject({
      kioskType: 1,
      timeZone: 'Asia/Jakarta',
      printer: { kind: 'simulator' },
      lan: { enabled: false },
    });
  });

  it('reads a valid file and fills defaults', () => {
    const config = loadKioskConfig(
      dataDirWith(JSON.stringify({ siteName: 'BBPVP Serang', kioskType: 4, tipe4Desks: [7], printer: { kind: 'tcp', host: '10.0.0.5' } })),
    );
    expect(config).toMatchObject({ siteName: 'BBPVP Serang', kioskType: 4, tipe4Desks: [7], printer: { port: 9100 } });
  });

  it.each([
    ['broken JSON', '{ "kioskType": ', /not valid JSON/],
    ['an unknown kiosk type', '{ "kioskType": 5 }', /kioskType/],
    ['a desk outside Tipe 4', '{ "kioskType": 4, "tipe4Desks": [1] }', /tipe4Desks/],
    ['a time zone outside Indonesia', '{ "timeZone": "Europe/Paris" }', /timeZone/],
    ['a misspelt key', '{ "kioskTipe": 2 }', /kioskTipe|unrecognized/i],
  ])('explains %s with the file and the field', (_name, content, pattern) => {
    const dataDir = dataDirWith(content);
    expect(() => loadKioskConfig(dataDir)).toThrow(ConfigError);
    expect(() => loadKioskConfig(dataDir)).toThrow(pattern);
    expect(() => loadKioskConfig(dataDir)).toThrow(/kiosk\.config\.json/);
  });

  it('requires a printer host for a network printer', () => {
    expect(KioskConfigSchema.safeParse({ printer: { kind: 'tcp' } }).success).toBe(false);
  });
});
