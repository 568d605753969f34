/**
 * One physical press of a survey button is one answer. Contacts bounce, panels repeat a held
 * button and keyboards auto-repeat, so every transport's presses pass through here first.
 */

/** The same numbering as the ButtonPanel port: 1–4 the IKM answers, 5 the back/help key. */
export type PanelButtonNumber = 1 | 2 | 3 | 4 | 5;

/** Wide enough for contact bounce and a panel's repeat of a held key, short of a deliberate second press. */
export const DEFAULT_DEBOUNCE_MS = 150;

/** What a keyboard panel sends by default: keys no ordinary keyboard has, so nobody types them by accident. */
export const DEFAULT_PANEL_KEYS: readonly string[] = ['F13', 'F14', 'F15', 'F16'];

export class ButtonDebouncer {
  readonly #windowMs: number;
  readonly #lastSeen = new Map<PanelButtonNumber, number>();

  constructor(windowMs = DEFAULT_DEBOUNCE_MS) {
    this.#windowMs = windowMs;
  }

  /**
   * True when this press is a new one. The window runs from the last signal of the same button,
   * accepted or not, so a button that keeps chattering (or is held on a repeating panel) counts
   * once. Another button is always a new press.
   */
  accept(button: PanelButtonNumber, timestampMs: number): boolean {
    const last = this.#lastSeen.get(button);
    this.#lastSeen.set(button, timestampMs);
    // A clock that went backwards (NTP step) must not swallow presses for the size of the step.
    return last === undefined || timestampMs - last > this.#windowMs || timestampMs < last;
  }

  reset(): void {
    this.#lastSeen.clear();
  }
}

/**
 * The button a keyboard key stands for: the configured keys are buttons 1, 2, … in order (a fifth
 * key is the back/help button). Key names compare without case, as `KeyboardEvent.key` gives
 * `F13` and a configuration may say `f13`.
 */
export function keyToButton(key: string, keys: readonly string[] = DEFAULT_PANEL_KEYS): PanelButtonNumber | null {
  const wanted = key.toLowerCase();
  const index = keys.slice(0, 5).findIndex((candidate) => candidate.toLowerCase() === wanted);
  return index === -1 ? null : ((index + 1) as PanelButtonNumber);
}
