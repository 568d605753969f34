import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface HostArgs {
  dataDir: string;
  /** Overrides the configuration file's `lan.port`; 0 picks a free port. */
  port: number | undefined;
  /** Listen on every interface, for stations on the site LAN. */
  lan: boolean;
  /** Fills the day with simulated visitors and officers, so every station shows something. */
  demo: boolean;
  /** `ROLE:USERNAME:NAME`: create a staff account (PIN read from standard input) and exit. */
  addStaff: { role: 'receptionist' | 'officer' | 'manager' | 'technician'; username: string; name: string } | undefined;
  help: boolean;
}

export const HOST_USAGE = `Usage: npm run host -- [--data-dir DIR] [--port PORT] [--lan]

  --data-dir DIR  where the database, configuration and printer output live (default ./data)
  --port PORT     port of the web UI and LAN API (default 8080; 0 picks a free one)
  --lan           listen on all interfaces instead of 127.0.0.1 only
  --demo          a demo day: staff with known PINs, simulated visitors and officers
  --add-staff ROLE:USERNAME:NAME
                  create a staff account (role receptionist, officer, manager or technician);
                  the PIN (6–8 digits) is read from standard input; then exit
  --help          show this text`;

export function parseHostArgs(argv: string[]): HostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      lan: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      'add-staff': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port must be 0–65535, got "${values.port}"`);
  }
  let addStaff: HostArgs['addStaff'];
  if (values['add-staff'] !== undefined) {
    const match = /^(receptionist|officer|manager|technician):([a-z0-9._-]{3,40}):(.{1,60})$/i.exec(values['add-staff']);
    if (!match) throw new Error('--add-staff must be ROLE:USERNAME:NAME, e.g. technician:teknisi:Budi Santoso');
    addStaff = { role: match[1]!.toLowerCase() as NonNullable<HostArgs['addStaff']>['role'], username: match[2]!, name: match[3]!.trim() };
  }
  return {
    dataDir: resolve(values['data-dir'] ?? 'data'),
    port,
    lan: values.lan ?? false,
    demo: values.demo ?? false,
    addStaff,
    help: values.help ?? false,
  };
}
