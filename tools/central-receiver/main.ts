// The reference central receiver as a process: `npm run receiver` (see docs/INTEGRATOR.md).
//   DATABASE_URL            postgres://user:password@host:port/database (required)
//   RECEIVER_TOKEN_SECRET   HMAC key of access tokens, ≥ 32 characters, the same on every instance (required)
//   RECEIVER_ADMIN_TOKEN    the ministry operator's bearer token, ≥ 16 characters (required)
//   RECEIVER_PORT           default 8787;  RECEIVER_HOST  default 127.0.0.1
//   RECEIVER_INSTANCE       name in X-Receiver-Instance and stats; default <hostname>-<pid>
//   RECEIVER_FIXTURES_DIR   a folder of <name>.json replacing the shipped fixtures
//   RECEIVER_TRUST_PROXY    the number of proxies in front (1 behind a load balancer): the client address is
//                           taken that many hops from the right of X-Forwarded-For
//   RECEIVER_FAULTS         fault settings as JSON, e.g. {"rate":0.3,"kinds":["5xx","reset"],"seed":42}
//   RECEIVER_ROOT           the repository root, when not started from it
//   RECEIVER_LOG_LEVEL      Fastify/pino level, default info (request lines; never bodies)
import { startCentralReceiver } from './server.js';
import type { FaultSettings } from './faults.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`central receiver: set ${name} (see tools/central-receiver/main.ts)`);
    process.exit(2);
  }
  return value;
}

const env = process.env;
const port = Number(env.RECEIVER_PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`central receiver: RECEIVER_PORT ${env.RECEIVER_PORT} is not a port`);
  process.exit(2);
}
let faults: FaultSettings | undefined;
try {
  faults = env.RECEIVER_FAULTS ? (JSON.parse(env.RECEIVER_FAULTS) as FaultSettings) : undefined;
} catch {
  console.error('central receiver: RECEIVER_FAULTS is not JSON');
  process.exit(2);
}

try {
  const receiver = await startCentralReceiver({
    databaseUrl: required('DATABASE_URL'),
    tokenSecret: required('RECEIVER_TOKEN_SECRET'),
    adminToken: required('RECEIVER_ADMIN_TOKEN'),
    host: env.RECEIVER_HOST ?? '127.0.0.1',
    port,
    ...(env.RECEIVER_INSTANCE ? { instance: env.RECEIVER_INSTANCE } : {}),
    ...(env.RECEIVER_FIXTURES_DIR ? { fixturesDir: env.RECEIVER_FIXTURES_DIR } : {}),
    ...(faults ? { faults } : {}),
    trustProxy: env.RECEIVER_TRUST_PROXY ? Number(env.RECEIVER_TRUST_PROXY) : undefined,
    logger: { level: env.RECEIVER_LOG_LEVEL ?? 'info' },
  });
  console.error(`central receiver ${receiver.instance} listening on ${receiver.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`central receiver: ${signal}, closing`);
    receiver.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('central receiver: close failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  console.error('central receiver: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
