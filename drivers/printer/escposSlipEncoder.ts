import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Slip } from '../../src/domain/ticketSlip.js';

export interface EscPosOptions {
  /** Characters per line in font A: 48 on 80 mm paper, 32 on 58 mm paper. */
  columns: 32 | 42 | 48;
}

/**
 * Protocol half of the ticket printer: a slip in, ESC/POS bytes out. Text layout, code pages and
 * command bytes are left to ReceiptPrinterEncoder, the field's maintained encoder.
 */
export function encodeSlipAsEscPos(slip: Slip, options: EscPosOptions = { columns: 48 }): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: options.columns });
  // Code page 437 is every ESC/POS printer's power-on default and covers Bahasa Indonesia (plain
  // Latin letters). 'auto' would also cover rarer characters but costs ~20× the encoding time.
  encoder.initialize().codepage('cp437');
  for (const line of slip.lines) {
    switch (line.kind) {
      case 'text':
        encoder.align(line.align ?? 'left').bold(line.bold ?? false).line(line.text).bold(false);
        break;
      case 'big':
        encoder.align('center').size(3, 3).line(line.text).size(1, 1);
        break;
      case 'rule':
        encoder.rule();
        break;
      case 'blank':
        encoder.newline();
        break;
    }
  }
  // Feed past the cutter before cutting, or the last lines stay inside the printer.
  return encoder.newline(4).cut('partial').encode();
}
