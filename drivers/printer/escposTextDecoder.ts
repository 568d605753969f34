/**
 * Parser half of the protocol, the other way round: ESC/POS bytes back to the text a printer
 * would put on paper. The simulator writes this as a preview, and tests read tickets through it.
 * It never touches a port. Unknown commands are an error, so a change in what we send is noticed.
 */
export interface DecodedEscPos {
  text: string;
  /** Names of the commands met, in order (e.g. `init`, `bold`, `size`, `cut`). */
  commands: string[];
  cut: boolean;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;

// Fixed-length commands: prefix byte, command byte → [name, total length in bytes].
const FIXED: Record<number, Record<number, [string, number]>> = {
  [ESC]: {
    0x40: ['init', 2],
    0x21: ['mode', 3],
    0x2d: ['underline', 3],
    0x32: ['line-spacing-default', 2],
    0x33: ['line-spacing', 3],
    0x45: ['bold', 3],
    0x47: ['double-strike', 3],
    0x4a: ['feed-dots', 3],
    0x4d: ['font', 3],
    0x61: ['align', 3],
    0x64: ['feed-lines', 3],
    0x70: ['pulse', 5],
    0x74: ['codepage', 3],
    0x7b: ['upside-down', 3],
  },
  [GS]: {
    0x21: ['size', 3],
    0x42: ['invert', 3],
    0x48: ['barcode-text', 3],
    0x66: ['barcode-font', 3],
    0x68: ['barcode-height', 3],
    0x77: ['barcode-width', 3],
  },
  [FS]: {
    0x2e: ['kanji-off', 2],
  },
};

// Code page 437 upper half, the printer default and the one the encoder picks for Indonesian text.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ';

export class EscPosDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EscPosDecodeError';
  }
}

/** The simulator's preview of an ESC/POS job. */
export function escPosPreview(bytes: Uint8Array): string {
  return decodeEscPos(bytes).text;
}

export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  const commands: string[] = [];
  let text = '';
  let cut = false;
  let codepage = 0;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte === ESC || byte === GS || byte === FS) {
      const command = bytes[i + 1];
      if (command === undefined) throw new EscPosDecodeError(`truncated command at byte ${i}`);
      if (byte === GS && command === 0x56) {
        // GS V m: m 0/1/48/49 is a plain cut; 65/66 carry one more byte (feed before cut).
        const mode = bytes[i + 2];
        if (mode === undefined) throw new EscPosDecodeError(`truncated cut at byte ${i}`);
        commands.push('cut');
        cut = true;
        i += mode === 65 || mode === 66 ? 4 : 3;
        continue;
      }
      if (byte === GS && command === 0x28 && bytes[i + 2] === 0x6b) {
        // GS ( k pL pH …: 2D symbol (QR) function, length-prefixed.
        const length = (bytes[i + 3] ?? 0) + (bytes[i + 4] ?? 0) * 256;
        commands.push('symbol');
        i += 5 + length;
        continue;
      }
      const known = FIXED[byte]?.[command];
      if (!known) {
        throw new EscPosDecodeError(
          `unknown command 0x${byte.toString(16)} 0x${command.toString(16)} at byte ${i}`,
        );
      }
      const [name, length] = known;
      if (i + length > bytes.length) throw new EscPosDecodeError(`truncated ${name} at byte ${i}`);
      if (name === 'codepage') codepage = bytes[i + 2]!;
      commands.push(name);
      i += length;
      continue;
    }
    if (byte === 0x0a) text += '\n';
    else if (byte === 0x0d) {
      // CR after LF only returns the carriage; it adds nothing to the paper.
    } else if (byte < 0x20) {
      throw new EscPosDecodeError(`unexpected control byte 0x${byte.toString(16)} at byte ${i}`);
    } else if (byte < 0x80) text += String.fromCharCode(byte);
    else text += codepage === 0 ? CP437_HIGH[byte - 0x80] : '?';
    i += 1;
  }
  return { text, commands, cut };
}
