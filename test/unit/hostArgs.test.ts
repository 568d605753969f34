import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostArgs } from '../../main/node/hostArgs.js';

describe('headless host arguments', () => {
  it('defaults to ./data, the configured port and loopback only', () => {
    expect(parseHostArgs([])).toEqual({ dataDir: resolve('data'), port: undefined, lan: false, help: false });
  });

  it('reads --data-dir, --port and --lan', () => {
    expect(parseHostArgs(['--data-dir', '/srv/kiosk', '--port', '0', '--lan'])).toEqual({
      dataDir: '/srv/kiosk',
      port: 0,
      lan: true,
      help: false,
    });
  });

  it.each([['--port', 'http'], ['--port', '70000'], ['--port', '-1'], ['--bogus']])('refuses %s %s', (...argv) => {
    expect(() => parseHostArgs(argv.filter(Boolean))).toThrow();
  });
});
