import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostArgs } from '../../main/node/hostArgs.js';

describe('headless host arguments', () => {
  it('defaults to ./data, the configured port and loopback only', () => {
    expect(parseHostArgs([])).toEqual({ dataDir: resolve('data'), port: undefined, lan: false, demo: false, addStaff: undefined, help: false });
  });

  it('reads --data-dir, --port and --lan', () => {
    expect(parseHostArgs(['--data-dir', '/srv/kiosk', '--port', '0', '--lan'])).toEqual({
      dataDir: '/srv/kiosk',
      port: 0,
      lan: true,
      demo: false,
      addStaff: undefined,
      help: false,
    });
  });

  it('reads --demo and --add-staff ROLE:USERNAME:NAME', () => {
    expect(parseHostArgs(['--demo'])).toMatchObject({ demo: true });
    expect(parseHostArgs(['--add-staff', 'technician:teknisi:Budi Santoso'])).toMatchObject({
      addStaff: { role: 'technician', username: 'teknisi', name: 'Budi Santoso' },
    });
    expect(() => parseHostArgs(['--add-staff', 'root:x:y'])).toThrow(/ROLE:USERNAME:NAME/);
  });

  it.each([['--port', 'http'], ['--port', '70000'], ['--port', '-1'], ['--bogus']])('refuses %s %s', (...argv) => {
    expect(() => parseHostArgs(argv.filter(Boolean))).toThrow();
  });
});
