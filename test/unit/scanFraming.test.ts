import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanInput } from '../../src/devices/barcodeScanner.js';
import { decodeScanBytes, ScanLineFramer } from '../../drivers/scanner/scanFraming.js';
import { SimulatedBarcodeScanner } from '../../drivers/scanner/simulatedBarcodeScanner.js';

const NIK = '3201014501900001';
const bytes = (text: string) => new TextEncoder().encode(text);

describe('ScanLineFramer', () => {
  it('frames a code ending in CR, LF or CRLF when the suffix is a line end', () => {
    const framer = new ScanLineFramer({ suffix: '\r' });
    expect(framer.push(bytes(`${NIK}\r`), 0)).toEqual([{ ok: true, text: NIK }]);
    expect(framer.push(bytes(`${NIK}\n`), 1)).toEqual([{ ok: true, text: NIK }]);
    expect(framer.push(bytes(`${NIK}\r\n${NIK}\r\n`), 2)).toEqual([
      { ok: true, text: NIK },
      { ok: true, text: NIK },
    ]);
    expect(framer.deadline()).toBeNull();
  });

  it('puts a code together from chunks, however it is split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 18 }), { maxLength: 6 }), (cuts) => {
        const framer = new ScanLineFramer();
        const data = bytes(`${NIK}\r\n`);
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), data.length];
        const out = points.slice(1).flatMap((end, index) => framer.push(data.subarray(points[index], end), index));
        expect(out).toEqual([{ ok: true, text: NIK }]);
      }),
    );
  });

  it('takes TAB or a custom suffix exactly', () => {
    const tab = new ScanLineFramer({ suffix: '\t' });
    expect(tab.push(bytes(`${NIK}\t`), 0)).toEqual([{ ok: true, text: NIK }]);
    const custom = new ScanLineFramer({ suffix: '#END' });
    expect(custom.push(bytes(`SIAPKERJA:AB#E`), 0)).toEqual([]);
    expect(custom.push(bytes(`ND${NIK}#END`), 1)).toEqual([
      { ok: true, text: 'SIAPKERJA:AB' },
      { ok: true, text: NIK },
    ]);
  });

  it('strips the prefix, and says so when it is missing', () => {
    const framer = new ScanLineFramer({ prefix: '\x02', suffix: '\x03' });
    expect(framer.push(bytes(`\x02${NIK}\x03`), 0)).toEqual([{ ok: true, text: NIK }]);
    expect(framer.push(bytes(`${NIK}\x03`), 1)).toEqual([{ ok: false, problem: expect.stringMatching(/prefix/) }]);
  });

  it('refuses a line beyond the maximum once, and frames the next code cleanly', () => {
    const framer = new ScanLineFramer({ maxLength: 32 });
    expect(framer.push(bytes(`${'A'.repeat(40)}\r${NIK}\r`), 0)).toEqual([
      { ok: false, problem: expect.stringMatching(/longer than 32/) },
      { ok: true, text: NIK },
    ]);
    // Far past the limit, the line is dropped as it streams in, still with one problem.
    const out = framer.push(bytes(`${'B'.repeat(5000)}\r${NIK}\r`), 1);
    expect(out).toEqual([{ ok: false, problem: expect.stringMatching(/longer than 32/) }, { ok: true, text: NIK }]);
  });

  it('turns control characters and invalid UTF-8 into problems, then carries on', () => {
    const framer = new ScanLineFramer();
    const out = framer.push(Uint8Array.of(0x33, 0x1b, 0x32, 0x0d, 0xff, 0xfe, 0x41, 0x0d, ...bytes(`${NIK}\r`)), 0);
    expect(out).toEqual([
      { ok: false, problem: expect.stringMatching(/control character \(0x1B\)/) },
      { ok: false, problem: expect.stringMatching(/unreadable bytes/) },
      { ok: true, text: NIK },
    ]);
  });

  it('accepts UTF-8 text beyond ASCII (the parser decides what it means)', () => {
    expect(new ScanLineFramer().push(bytes('Ketenagakerjaan – ok\r'), 0)).toEqual([{ ok: true, text: 'Ketenagakerjaan – ok' }]);
  });

  it('drops a partial line after the quiet timeout with a problem, so it cannot spoil the next code', () => {
    const framer = new ScanLineFramer({ quietTimeoutMs: 500 });
    expect(framer.push(bytes('3201'), 1000)).toEqual([]);
    expect(framer.deadline()).toBe(1500);
    expect(framer.expire(1499)).toEqual([]);
    expect(framer.expire(1500)).toEqual([{ ok: false, problem: expect.stringMatching(/without its line end/) }]);
    expect(framer.push(bytes(`${NIK}\r`), 1600)).toEqual([{ ok: true, text: NIK }]);
    // A chunk arriving after the timeout first expires what was left.
    framer.push(bytes('noise'), 2000);
    expect(framer.push(bytes(`${NIK}\r`), 3000)).toEqual([{ ok: false, problem: expect.stringMatching(/without its line end/) }, { ok: true, text: NIK }]);
  });

  it('ends a code by silence when the scanner sends no suffix', () => {
    const framer = new ScanLineFramer({ suffix: '' });
    expect(framer.push(bytes(NIK), 0)).toEqual([]);
    expect(framer.deadline()).toBe(100);
    expect(framer.expire(100)).toEqual([{ ok: true, text: NIK }]);
  });

  it('never throws on random bytes and keeps framing afterwards', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 16, max: 300 }), (noise, maxLength) => {
        const framer = new ScanLineFramer({ maxLength });
        const out: ScanInput[] = framer.push(noise, 0);
        for (const scan of out) if (scan.ok) expect(scan.text.length).toBeLessThanOrEqual(maxLength);
        expect(framer.push(bytes(`\r${NIK}\r`), 1).at(-1)).toEqual({ ok: true, text: NIK });
      }),
    );
  });
});

describe('decodeScanBytes', () => {
  it('counts characters, not bytes, against the maximum', () => {
    expect(decodeScanBytes(bytes('é'.repeat(10)), 10)).toEqual({ ok: true, text: 'é'.repeat(10) });
    expect(decodeScanBytes(bytes('é'.repeat(11)), 10)).toMatchObject({ ok: false });
  });
});

describe('SimulatedBarcodeScanner', () => {
  it('delivers a scan through the same framing as a real scanner', () => {
    const scanner = new SimulatedBarcodeScanner();
    const seen: ScanInput[] = [];
    scanner.onScan((scan) => seen.push(scan));
    scanner.scan(NIK);
    scanner.scan('A'.repeat(300));
    scanner.scan('bad\u001bcode');
    scanner.scan(NIK);
    expect(seen).toEqual([
      { ok: true, text: NIK },
      { ok: false, problem: expect.stringMatching(/longer than 256/) },
      { ok: false, problem: expect.stringMatching(/control character/) },
      { ok: true, text: NIK },
    ]);
  });

  it('delivers nothing while unplugged and reports it', () => {
    const scanner = new SimulatedBarcodeScanner();
    const seen: ScanInput[] = [];
    const states: string[] = [];
    scanner.onScan((scan) => seen.push(scan));
    scanner.onStatusChange((status) => states.push(status.state));
    expect(scanner.status()).toMatchObject({ id: 'scanner', driver: 'scanner/simulator', state: 'online' });
    scanner.setConnected(false);
    scanner.scan(NIK);
    scanner.setConnected(true);
    scanner.scan(NIK);
    expect(states).toEqual(['offline', 'online']);
    expect(seen).toEqual([{ ok: true, text: NIK }]);
  });

  it('keeps scanning when a listener throws', () => {
    const scanner = new SimulatedBarcodeScanner({ log: { warn: () => undefined } });
    const seen: ScanInput[] = [];
    scanner.onScan(() => {
      throw new Error('listener bug');
    });
    scanner.onScan((scan) => seen.push(scan));
    scanner.scan(NIK);
    scanner.scan(NIK);
    expect(seen).toHaveLength(2);
  });
});
