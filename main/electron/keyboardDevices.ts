import { performance } from 'node:perf_hooks';
import type { Event, Input, WebContents } from 'electron';
import type { KeyFeed } from '../../src/domain/keyboardWedgeDetector.js';

/**
 * Where the window's key downs go: the keyboard-kind devices (wedge scanner, keyboard button
 * panel), combined by the composition root. `feedKey` answers true for a key that belongs to a
 * device. It is called on every key, so devices swapped by the technician take over at once.
 */
export interface KeyboardDeviceHooks {
  feedKey: KeyFeed;
}

/**
 * Feeds the window's keys to the keyboard devices before the page sees them, and keeps from the
 * page what belongs to them.
 *
 * What is withheld, and why no more: a panel key (F13–F16) never means anything to the page, so
 * it is always withheld. A scan is only recognisable by its timing, so its first characters have
 * reached the page before anyone can know they were a scan; from the point the burst is certain
 * (and its suffix, Enter or Tab) they are withheld. The visitor screens have no focused text
 * field, so the few characters that get through fall on nothing. A station page with a text field
 * would see them: such a PC should use a serial or HID POS scanner instead.
 *
 * Returns a function that detaches the listener.
 */
export function attachKeyboardDevices(webContents: WebContents, hooks: KeyboardDeviceHooks): () => void {
  // Key ups of withheld key downs, so the page does not see half a key stroke.
  const withheld = new Set<string>();

  const listener = (event: Event, input: Input): void => {
    if (input.type === 'keyUp') {
      if (withheld.delete(input.code)) event.preventDefault();
      return;
    }
    if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return;
    let consumed: boolean;
    try {
      // One monotonic clock for every key: timing is all the wedge detector has.
      consumed = hooks.feedKey(input.key, performance.now(), { repeat: input.isAutoRepeat, modified: input.control || input.alt || input.meta });
    } catch {
      // A device driver fault must never take the keyboard away from the window.
      consumed = false;
    }
    if (consumed) {
      event.preventDefault();
      withheld.add(input.code);
    }
  };
  webContents.on('before-input-event', listener);
  return () => {
    webContents.off('before-input-event', listener);
  };
}
