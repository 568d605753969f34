/**
 * Every limit the LAN server enforces, in one place so the values can be read side by side and
 * tests can shorten or lower them. The kiosk's own screen (loopback in headless mode) is exempt
 * from the caps and rate limits: nothing a station or an intruder on the LAN does may starve it.
 */
export interface LanLimits {
  /** A request head must be complete within this; a client that sends headers slowly is cut off. */
  headersTimeoutMs: number;
  /** The whole request (head and body, at most 16 KiB) must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /**
   * A socket with no traffic at all in either direction (connected and silent) is closed after
   * this. Longer than the slowest legitimate answer: issuing waits for the printer (5 s default).
   */
  idleSocketTimeoutMs: number;
  /**
   * How often Node checks the header and request timeouts; its default of 30 s would let a
   * half-sent request live six times the header timeout.
   */
  timeoutCheckIntervalMs: number;

  /** Open TCP connections from one address; the next one is destroyed at once. */
  maxSocketsPerAddress: number;
  /** Open TCP connections from all addresses but the kiosk's own; keeps file descriptors for it. */
  maxSocketsTotal: number;

  /** Event WebSockets from one address (counted from the upgrade, before the hello). */
  maxEventSocketsPerAddress: number;
  /** Event WebSockets of one paired station (a few tabs, a reload in progress). */
  maxEventSocketsPerStation: number;
  /** The events socket's first message, the hello with credentials, must come within this. */
  helloTimeoutMs: number;

  /** Window of every rate limit below. */
  rateWindowMs: number;
  /** Requests of any kind (calls, events upgrades, pages) from one address per window. */
  requestsPerAddress: number;
  /** Calls made with one station token per window. */
  callsPerStation: number;
  /** `stations.pair` from one address per window: codes are six digits, guessing must be slow. */
  pairingsPerAddress: number;
  /** `auth.login` from one address per window: PINs are short, guessing must be slow. */
  loginsPerAddress: number;
  /** `tickets.issue` per station per window: a receptionist issues a handful a minute at most. */
  ticketsPerStation: number;
  /**
   * Reports computed (`reports.ikm`, `reports.monthly`, `reports.export` together) per station per
   * window: a year's report holds SQLite for a few hundred milliseconds, the queue must not wait on a
   * station that asks for them in a loop.
   */
  reportsPerStation: number;
  /** PP/PKB status lookups per station per window: each one is a live request to central. */
  lookupsPerStation: number;
}

export const DEFAULT_LAN_LIMITS: Readonly<LanLimits> = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  idleSocketTimeoutMs: 30_000,
  timeoutCheckIntervalMs: 1_000,

  maxSocketsPerAddress: 64,
  maxSocketsTotal: 1_024,

  maxEventSocketsPerAddress: 8,
  maxEventSocketsPerStation: 4,
  helloTimeoutMs: 5_000,

  rateWindowMs: 60_000,
  requestsPerAddress: 600,
  callsPerStation: 300,
  pairingsPerAddress: 10,
  loginsPerAddress: 10,
  ticketsPerStation: 30,
  reportsPerStation: 20,
  lookupsPerStation: 20,
};

/** The defaults with the given overrides; refuses combinations Node or the caps cannot honour. */
export function lanLimits(overrides: Partial<LanLimits> = {}): LanLimits {
  const limits: LanLimits = { ...DEFAULT_LAN_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`LAN limit ${name} must be a positive integer, got ${String(value)}`);
  }
  // Node refuses a header timeout longer than the request timeout.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error('LAN limit headersTimeoutMs must not exceed requestTimeoutMs');
  }
  return limits;
}
