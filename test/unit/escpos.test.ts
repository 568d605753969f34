import { describe, expect, it } from 'vitest';
import { encodeSlipAsEscPos } from '../../drivers/printer/escposSlipEncoder.js';
import { decodeEscPos, EscPosDecodeError } from '../../drivers/printer/escposTextDecoder.js';
import { buildTicketSlip } from '../../src/domain/ticketSlip.js';

const slip = buildTicketSlip({
  siteName: 'BBPVP Bekasi',
  ticketNumber: 'D-017',
  deskName: 'Informasi Pasar Kerja dan Penempatan Tenaga Kerja',
  issuedAt: new Date('2026-11-23T02:05:00Z'),
  timeZone: 'Asia/Jakarta',
});

describe('ESC/POS ticket encoding', () => {
  const bytes = encodeSlipAsEscPos(slip);
  const decoded = decodeEscPos(bytes);

  it('starts by resetting the printer and ends with a cut', () => {
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    expect(decoded.commands[0]).toBe('init');
    expect(decoded.commands.at(-1)).toBe('cut');
    expect(decoded.cut).toBe(true);
  });

  it('prints the number large and the rest of the slip as text', () => {
    expect(decoded.commands).toContain('size');
    expect(decoded.text).toContain('D-017');
    expect(decoded.text).toContain('BBPVP Bekasi');
    expect(decoded.text).toContain('23-11-2026 09:05 WIB');
    expect(decoded.text).toContain('Silakan menunggu panggilan petugas.');
  });

  it('keeps every line within the paper width', () => {
    const narrow = decodeEscPos(encodeSlipAsEscPos(slip, { columns: 32 }));
    for (const line of narrow.text.split('\n')) expect(line.length).toBeLessThanOrEqual(32);
  });

  it('round-trips non-ASCII text through code page 437', () => {
    const accented = decodeEscPos(
      encodeSlipAsEscPos({ lines: [{ kind: 'text', text: 'Café ½ jam' }] }),
    );
    expect(accented.text).toContain('Café');
    expect(accented.text).toContain('½');
  });
});

describe('ESC/POS decoder', () => {
  it('rejects commands it does not know, so a change in what we send is noticed', () => {
    expect(() => decodeEscPos(Uint8Array.of(0x1b, 0x99, 0x00))).toThrow(EscPosDecodeError);
  });

  it('rejects truncated commands', () => {
    expect(() => decodeEscPos(Uint8Array.of(0x41, 0x1d, 0x21))).toThrow(/truncated/);
    expect(() => decodeEscPos(Uint8Array.of(0x1b))).toThrow(/truncated/);
  });
});
