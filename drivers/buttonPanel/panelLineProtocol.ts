import type { PanelButton, PanelFeedback } from '../../src/devices/buttonPanel.js';

/**
 * The survey button panel's serial line protocol, one command per line, ASCII, 9600 8N1 unless
 * configured otherwise. Simple enough for a microcontroller sketch to speak.
 *
 * Panel → kiosk
 *   `B1`…`B5`   button 1–5 pressed (1–4 the IKM answers from worst to best, 5 back/help).
 *               Also accepted: lower case (`b2`), a bare digit (`2`), spaces around it.
 *               One line per press; the kiosk debounces, so a panel may repeat a held button.
 *   `#…`        a comment (firmware banner, debug): ignored.
 *   anything else is ignored and logged as a problem.
 *
 * Kiosk → panel
 *   `L1`…`L5`   light button n (and only it): the answer was taken
 *   `L0`        all lights off: back to idle
 *   `E`         error beep: the press was refused
 *
 * Lines end in LF; the panel may send CR or CRLF. Empty lines are ignored.
 */

export type PanelLine = { kind: 'press'; button: PanelButton } | { kind: 'ignore' } | { kind: 'unknown'; problem: string };

/** No command is longer; a longer line is noise or a wrong baud rate. */
export const MAX_PANEL_LINE = 32;

export function parsePanelLine(line: string): PanelLine {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'ignore' };
  const press = /^[Bb]?([1-5])$/.exec(text);
  if (press) return { kind: 'press', button: Number(press[1]) as PanelButton };
  return { kind: 'unknown', problem: `the button panel sent a line the kiosk does not know (${describe(text)})` };
}

export function encodeFeedback(signal: PanelFeedback): Uint8Array {
  const command = signal.kind === 'accepted' ? `L${signal.button}` : signal.kind === 'refused' ? 'E' : 'L0';
  return new TextEncoder().encode(`${command}\n`);
}

/** Bytes into lines: any CR or LF ends one; an overlong line is dropped whole and reported. */
export class PanelLineSplitter {
  #line = '';
  #overlong = false;

  push(chunk: Uint8Array): Array<{ line: string } | { problem: string }> {
    const out: Array<{ line: string } | { problem: string }> = [];
    for (const byte of chunk) {
      if (byte === 0x0a || byte === 0x0d) {
        if (this.#overlong) out.push({ problem: `the button panel sent a line longer than ${MAX_PANEL_LINE} characters (wrong baud rate?)` });
        else if (this.#line !== '') out.push({ line: this.#line });
        this.reset();
        continue;
      }
      if (this.#overlong) continue;
      // Latin-1 keeps every byte one character, so noise shows up in the problem as \xNN, never as a decoding error.
      this.#line += String.fromCharCode(byte);
      if (this.#line.length > MAX_PANEL_LINE) this.#overlong = true;
    }
    return out;
  }

  reset(): void {
    this.#line = '';
    this.#overlong = false;
  }
}

/**
 * An unknown line described by its shape, never its content: when device numbering swaps after a
 * reboot the scanner may sit on the panel's port, and its lines are visitors' NIKs.
 */
function describe(text: string): string {
  const classes = [/[0-9]/.test(text) && 'digits', /[A-Za-z]/.test(text) && 'letters', /[^0-9A-Za-z\s]/.test(text) && 'other characters'].filter(Boolean);
  return `${text.length} characters: ${classes.join(', ') || 'blank'}`;
}
