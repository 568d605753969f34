/**
 * What to do when the kiosk's page dies or hangs, Electron-free so it is unit-tested under Node.
 * A crash or a hang brings the page back to the welcome screen; a page that keeps crashing is not
 * reloaded for ever — the whole app is relaunched (and, past that, the service manager restarts it:
 * packaging/linux/kios-siapkerja.service).
 */

export type RecoveryAction = 'ignore' | 'reload' | 'relaunch';

export interface RecoveryLimits {
  /** Reloads allowed within `windowMs` before the app is relaunched instead. */
  maxReloads: number;
  windowMs: number;
  /** How long a page may stay unresponsive before its process is killed (and it is then reloaded). */
  hangMs: number;
}

export const DEFAULT_RECOVERY_LIMITS: RecoveryLimits = { maxReloads: 3, windowMs: 5 * 60_000, hangMs: 15_000 };

/** Electron's `render-process-gone` reasons; a clean exit is the app closing the page itself. */
export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | (string & {});

export class RendererRecovery {
  readonly #limits: RecoveryLimits;
  readonly #now: () => number;
  #reloads: number[] = [];

  constructor(now: () => number, limits: RecoveryLimits = DEFAULT_RECOVERY_LIMITS) {
    this.#now = now;
    this.#limits = limits;
  }

  /** The page's process is gone. */
  onGone(reason: GoneReason): RecoveryAction {
    if (reason === 'clean-exit') return 'ignore';
    // A binary whose integrity check failed will fail again: only a fresh start (or a technician) helps.
    if (reason === 'integrity-failure' || reason === 'launch-failed') return 'relaunch';
    return this.#reloadOrRelaunch();
  }

  get hangMs(): number {
    return this.#limits.hangMs;
  }

  #reloadOrRelaunch(): RecoveryAction {
    const now = this.#now();
    this.#reloads = this.#reloads.filter((at) => now - at < this.#limits.windowMs);
    if (this.#reloads.length >= this.#limits.maxReloads) return 'relaunch';
    this.#reloads.push(now);
    return 'reload';
  }
}
