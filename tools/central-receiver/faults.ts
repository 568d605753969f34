/**
 * Fault injection for chaos tests of the kiosk's forwarder. Per instance, in memory, on purpose:
 * a test makes one instance of several misbehave, or all of them, through each one's admin endpoint.
 *
 *   5xx      answer 503 unavailable with Retry-After: 1
 *   429      answer 429 rate_limited with Retry-After: 1
 *   timeout  never answer: the socket is held until the client gives up (or timeoutMs passes, or the
 *            receiver closes); nothing is stored
 *   reset    destroy the connection without an answer — half the time before the batch is stored,
 *            half the time after: stored, but the kiosk never heard (it must resend, and gets
 *            `duplicate`)
 *   slow     wait slowMs, then answer normally
 */
import { seededRandom } from '../../src/domain/seededRandom.js';

export const FAULT_KINDS = ['5xx', 'timeout', 'reset', 'slow', '429'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const FAULT_TARGETS = ['events', 'pull', 'applications'] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];
export type FaultAction = '5xx' | '429' | 'timeout' | 'slow' | 'reset_before' | 'reset_after';

export interface FaultSettings {
  /** Share of requests that get a fault, 0–1; 0 turns injection off. */
  rate: number;
  /** Drawn uniformly; all kinds when absent. */
  kinds?: FaultKind[];
  slowMs?: number;
  timeoutMs?: number;
  /** Same seed, same sequence of faults: a failing chaos run can be replayed. */
  seed?: number;
  /** Which endpoints misbehave (uploads, the pulls, the PP/PKB application lookup); `events` only when absent. */
  targets?: FaultTarget[];
}

/** The JSON Schema of a settings body (POST /v1/admin/faults). */
export const FAULT_SETTINGS_SCHEMA = {
  type: 'object',
  required: ['rate'],
  additionalProperties: false,
  properties: {
    rate: { type: 'number', minimum: 0, maximum: 1 },
    kinds: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...FAULT_KINDS] } },
    slowMs: { type: 'integer', minimum: 0, maximum: 600_000 },
    timeoutMs: { type: 'integer', minimum: 0, maximum: 3_600_000 },
    seed: { type: 'integer', minimum: 0, maximum: 4_294_967_295 },
    targets: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...FAULT_TARGETS] } },
  },
} as const;

export const DEFAULT_SLOW_MS = 2_000;
export const DEFAULT_TIMEOUT_MS = 30_000;


export class FaultInjector {
  private current: Required<Omit<FaultSettings, 'seed'>> & { seed: number } = { rate: 0, kinds: [...FAULT_KINDS], slowMs: DEFAULT_SLOW_MS, timeoutMs: DEFAULT_TIMEOUT_MS, seed: 0, targets: ['events'] };
  private random: () => number = Math.random;
  readonly injected: Record<FaultAction, number> = { '5xx': 0, '429': 0, timeout: 0, slow: 0, reset_before: 0, reset_after: 0 };

  constructor(settings?: FaultSettings) {
    if (settings) this.set(settings);
  }

  set(settings: FaultSettings): void {
    if (!(settings.rate >= 0 && settings.rate <= 1)) throw new RangeError('fault rate must be between 0 and 1');
    const seed = settings.seed ?? Math.floor(Math.random() * 4_294_967_296);
    this.current = {
      rate: settings.rate,
      kinds: settings.kinds && settings.kinds.length > 0 ? [...settings.kinds] : [...FAULT_KINDS],
      slowMs: settings.slowMs ?? DEFAULT_SLOW_MS,
      timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      seed,
      targets: settings.targets && settings.targets.length > 0 ? [...settings.targets] : ['events'],
    };
    this.random = seededRandom(seed);
  }

  settings(): FaultSettings {
    return { ...this.current, kinds: [...this.current.kinds], targets: [...this.current.targets] };
  }

  get slowMs(): number {
    return this.current.slowMs;
  }

  get timeoutMs(): number {
    return this.current.timeoutMs;
  }

  /** The fault for this request, or null; counted as injected when drawn. */
  draw(target: FaultTarget): FaultAction | null {
    const { rate, kinds, targets } = this.current;
    if (rate <= 0 || !targets.includes(target) || this.random() >= rate) return null;
    const kind = kinds[Math.floor(this.random() * kinds.length)] ?? kinds[0]!;
    const action: FaultAction = kind === 'reset' ? (this.random() < 0.5 ? 'reset_before' : 'reset_after') : kind;
    this.injected[action] += 1;
    return action;
  }
}
