import type { PanelButton, PanelFeedback } from '../../src/devices/buttonPanel.js';
import { DEFAULT_PANEL_KEYS, keyToButton } from '../../src/domain/buttonDebounce.js';
import type { KeyFlags } from '../../src/domain/keyboardWedgeDetector.js';
import { ButtonPanelBase, type DriverLog } from './buttonPanelBase.js';

/**
 * A button panel that is a keyboard sending F13–F16 (or configured keys). Whoever owns the
 * keyboard feeds it every key. It has no lights, and a keyboard cannot be asked whether it is
 * plugged in, so it is `unknown` until its first press.
 */
export class KeyboardButtonPanel extends ButtonPanelBase {
  readonly #keys: readonly string[];
  #closed = false;

  constructor(options: { keys?: readonly string[]; debounceMs?: number; log?: DriverLog; clock?: () => Date } = {}) {
    const keys = options.keys ?? DEFAULT_PANEL_KEYS;
    super({
      driver: 'buttons/keyboard',
      state: 'unknown',
      detail: `keys ${keys.join(', ')}: no press yet (a keyboard cannot be asked whether it is plugged in)`,
      debounceMs: options.debounceMs,
      log: options.log,
      clock: options.clock,
    });
    this.#keys = keys;
  }

  /**
   * One key press (key down only). A panel key is always consumed, even when it is dropped as a
   * repeat: the page must never see survey keys. Modifier combinations are someone's shortcut.
   */
  feedKey(key: string, timestampMs: number, flags: KeyFlags = {}): boolean {
    if (this.#closed || flags.modified === true) return false;
    const button = keyToButton(key, this.#keys);
    if (button === null) return false;
    if (flags.repeat !== true && this.signalPress(button as PanelButton, timestampMs)) {
      this.setStatus('online', `keys ${this.#keys.join(', ')}`);
    }
    return true;
  }

  feedback(_signal: PanelFeedback): void {
    // No lights on a keyboard: the screen shows the answer.
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
