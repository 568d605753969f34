import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A PostgreSQL cluster of its own for one test file: initdb into a fresh temporary folder, password
 * authentication (scram-sha-256) even on the socket, listening on 127.0.0.1 only on a free port,
 * its unix socket inside the folder, fsync off (the data dies with the test anyway), and a
 * database `central`. `stop()` kills it (immediate mode) and deletes the folder; a process that
 * exits without calling it still takes the cluster down with it.
 *
 * PostgreSQL refuses to run as root, so as root the folder is handed to the `postgres` system
 * user (the Debian package creates it) and the server tools run through runuser.
 * tools/central-receiver/pg-throwaway.sh does the same from a shell.
 */
export interface ThrowawayPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/central */
  url: string;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const IS_ROOT = process.getuid?.() === 0;
const DATABASE = 'central';

export function postgresBinDir(): string {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (has(dir)) return dir;
  } catch {
    // pg_config comes with libpq-dev, not with the server: look where Debian puts the server.
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    if (has(join(root, version, 'bin'))) return join(root, version, 'bin');
  }
  throw new Error('PostgreSQL server binaries not found (initdb, pg_ctl): run scripts/install-system-deps.sh');
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** As root, as the postgres user; otherwise as ourselves. The folder is the working directory, which that user can read. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return IS_ROOT ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'central-pg-'));
  const data = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  const passwordFile = join(dir, 'password');
  const password = randomBytes(24).toString('hex');
  mkdirSync(socketDir, { mode: 0o700 });
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (IS_ROOT) {
    const { uid, gid } = postgresUser();
    for (const path of [dir, socketDir, passwordFile]) chownSync(path, uid, gid);
  }
  const tool = async (name: string, args: string[]) => {
    const [command, argv] = asServerUser(join(bin, name), args);
    return run(command, argv, { cwd: dir });
  };

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      const [command, argv] = asServerUser(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-s']);
      if (existsSync(join(data, 'postmaster.pid'))) execFileSync(command, argv, { cwd: dir, stdio: 'ignore' });
    } catch {
      // Already down.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);

  try {
    await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port = 0;
    // Another process may take the free port between our check and the server's bind: try again.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      appendFileSync(
        join(data, 'postgresql.conf'),
        [
          '',
          '# throwaway test cluster',
          "listen_addresses = '127.0.0.1'",
          `port = ${port}`,
          `unix_socket_directories = '${socketDir}'`,
          'fsync = off',
          'synchronous_commit = off',
          'full_page_writes = off',
          '',
        ].join('\n'),
      );
      try {
        await tool('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-s', '-l', join(dir, 'server.log')]);
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/${DATABASE}`,
      stop: async () => {
        process.removeListener('exit', stopNow);
        if (stopped) return;
        stopped = true;
        await tool('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-s']).catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}
