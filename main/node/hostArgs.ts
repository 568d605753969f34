import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface HostArgs {
  dataDir: string;
  /** Overrides the configuration file's `lan.port`; 0 picks a free port. */
  port: number | undefined;
  /** Listen on every interface, for stations on the site LAN. */
  lan: boolean;
  help: boolean;
}

export const HOST_USAGE = `Usage: npm run host -- [--data-dir DIR] [--port PORT] [--lan]

  --data-dir DIR  where the database, configuration and printer output live (default ./data)
  --port PORT     port of the web UI and LAN API (default 8080; 0 picks a free one)
  --lan           listen on all interfaces instead of 127.0.0.1 only
  --help          show this text`;

export function parseHostArgs(argv: string[]): HostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      lan: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port must be 0–65535, got "${values.port}"`);
  }
  return {
    dataDir: resolve(values['data-dir'] ?? 'data'),
    port,
    lan: values.lan ?? false,
    help: values.help ?? false,
  };
}
