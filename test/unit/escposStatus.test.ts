import { describe, expect, it } from 'vitest';
import {
  asbEnableRequest,
  countDleEotRequests,
  describeStatus,
  DLE_EOT_ALL,
  dleEotRequest,
  EscPosReplyParser,
  EscPosStatusError,
  failureReasonOf,
  parseAsbMessage,
  parseDleEotReplies,
  statusHealth,
} from '../../drivers/printer/escposStatus.js';

// Answers as the Epson ESC/POS reference lays them out: fixed bits 0xx1xx10, then the flags.
const HEALTHY = [0x12, 0x12, 0x12, 0x12] as const;

describe('DLE EOT status', () => {
  it('asks with DLE EOT n for n = 1…4', () => {
    expect([...dleEotRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...DLE_EOT_ALL]).toEqual([0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4]);
  });

  it('reads a healthy printer as online', () => {
    const status = parseDleEotReplies(HEALTHY);
    expect(statusHealth(status)).toBe('online');
    expect(describeStatus(status)).toBe('online, paper present');
  });

  it('reads each bit of the four answers', () => {
    expect(parseDleEotReplies([0x1a, 0x12, 0x12, 0x12])).toMatchObject({ offline: true });
    expect(parseDleEotReplies([0x16, 0x12, 0x12, 0x12])).toMatchObject({ drawerPin3High: true });
    expect(parseDleEotReplies([0x32, 0x12, 0x12, 0x12])).toMatchObject({ waitingForOnlineRecovery: true });
    expect(parseDleEotReplies([0x12, 0x16, 0x12, 0x12])).toMatchObject({ coverOpen: true });
    expect(parseDleEotReplies([0x12, 0x1a, 0x12, 0x12])).toMatchObject({ feeding: true });
    expect(parseDleEotReplies([0x12, 0x32, 0x12, 0x12])).toMatchObject({ paperEndStop: true });
    expect(parseDleEotReplies([0x12, 0x52, 0x12, 0x12])).toMatchObject({ errorOccurred: true });
    expect(parseDleEotReplies([0x12, 0x12, 0x16, 0x12])).toMatchObject({ mechanicalError: true });
    expect(parseDleEotReplies([0x12, 0x12, 0x1a, 0x12])).toMatchObject({ autocutterError: true });
    expect(parseDleEotReplies([0x12, 0x12, 0x32, 0x12])).toMatchObject({ unrecoverableError: true });
    expect(parseDleEotReplies([0x12, 0x12, 0x52, 0x12])).toMatchObject({ autoRecoverableError: true });
    expect(parseDleEotReplies([0x12, 0x12, 0x12, 0x1e])).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(parseDleEotReplies([0x12, 0x12, 0x12, 0x72])).toMatchObject({ paperNearEnd: false, paperEnd: true });
  });

  it('maps what a printer out of paper, with its cover open or in error says to the device state', () => {
    // A printer out of paper: offline, stopped at paper end, both roll sensors empty.
    expect(statusHealth(parseDleEotReplies([0x1a, 0x32, 0x12, 0x7e]))).toBe('paper-out');
    expect(statusHealth(parseDleEotReplies([0x12, 0x12, 0x12, 0x1e]))).toBe('paper-near-end');
    // An open cover often makes the paper sensor read empty too; the cover is what to fix first.
    expect(statusHealth(parseDleEotReplies([0x1a, 0x36, 0x12, 0x7e]))).toBe('cover-open');
    expect(statusHealth(parseDleEotReplies([0x1a, 0x52, 0x1a, 0x12]))).toBe('error');
    expect(statusHealth(parseDleEotReplies([0x1a, 0x12, 0x12, 0x12]))).toBe('offline');
    expect(describeStatus(parseDleEotReplies([0x1a, 0x52, 0x1a, 0x12]))).toBe('offline; autocutter error');
  });

  it('refuses a byte that is not a DLE EOT answer rather than guess', () => {
    expect(() => parseDleEotReplies([0x12, 0x10, 0x12, 0x12])).toThrow(EscPosStatusError);
    expect(() => parseDleEotReplies([0x12, 0x12, 0x12, 0x92])).toThrow(/DLE EOT 4/);
  });

  it('says which states stop a job and why', () => {
    expect(failureReasonOf('online')).toBeNull();
    expect(failureReasonOf('paper-near-end')).toBeNull();
    expect(failureReasonOf('unknown')).toBeNull();
    expect(failureReasonOf('paper-out')).toBe('paper-out');
    expect(failureReasonOf('cover-open')).toBe('cover-open');
    expect(failureReasonOf('offline')).toBe('offline');
    expect(failureReasonOf('error')).toBe('error');
  });
});

describe('automatic status back (GS a)', () => {
  it('enables online/offline, error and paper sensor items', () => {
    expect([...asbEnableRequest()]).toEqual([0x1d, 0x61, 0x0e]);
  });

  it('reads the four-byte message', () => {
    expect(statusHealth(parseAsbMessage(Uint8Array.of(0x10, 0, 0, 0)))).toBe('online');
    expect(parseAsbMessage(Uint8Array.of(0x38, 0, 0, 0))).toMatchObject({ offline: true, coverOpen: true });
    expect(parseAsbMessage(Uint8Array.of(0x50, 0, 0, 0))).toMatchObject({ feeding: true });
    expect(parseAsbMessage(Uint8Array.of(0x10, 0x01, 0, 0))).toMatchObject({ waitingForOnlineRecovery: true });
    expect(parseAsbMessage(Uint8Array.of(0x10, 0x04, 0, 0))).toMatchObject({ mechanicalError: true });
    expect(parseAsbMessage(Uint8Array.of(0x10, 0x08, 0, 0))).toMatchObject({ autocutterError: true });
    expect(parseAsbMessage(Uint8Array.of(0x10, 0x20, 0, 0))).toMatchObject({ unrecoverableError: true });
    expect(parseAsbMessage(Uint8Array.of(0x10, 0x40, 0, 0))).toMatchObject({ autoRecoverableError: true });
    expect(statusHealth(parseAsbMessage(Uint8Array.of(0x10, 0, 0x03, 0)))).toBe('paper-near-end');
    expect(statusHealth(parseAsbMessage(Uint8Array.of(0x18, 0, 0x0f, 0)))).toBe('paper-out');
  });

  it('refuses what is not an ASB message', () => {
    expect(() => parseAsbMessage(Uint8Array.of(0x12, 0, 0, 0))).toThrow(EscPosStatusError);
    expect(() => parseAsbMessage(Uint8Array.of(0x10, 0x10, 0, 0))).toThrow(EscPosStatusError);
    expect(() => parseAsbMessage(Uint8Array.of(0x10, 0, 0))).toThrow(/4 bytes/);
  });
});

describe('the reply stream', () => {
  it('tells DLE EOT answers, ASB messages and flow control apart, across chunks', () => {
    const parser = new EscPosReplyParser();
    expect(parser.push(Uint8Array.of(0x12, 0x10, 0x00))).toEqual([{ kind: 'dle-eot', byte: 0x12 }]);
    // XOFF may come between an ASB message's bytes.
    expect(parser.push(Uint8Array.of(0x13, 0x0c))).toEqual([{ kind: 'flow-control', byte: 0x13 }]);
    expect(parser.push(Uint8Array.of(0x00, 0x1a, 0x11))).toEqual([
      { kind: 'asb', message: Uint8Array.of(0x10, 0x00, 0x0c, 0x00) },
      { kind: 'dle-eot', byte: 0x1a },
      { kind: 'flow-control', byte: 0x11 },
    ]);
  });

  it('drops a broken ASB message and reads on', () => {
    const parser = new EscPosReplyParser();
    expect(parser.push(Uint8Array.of(0x10, 0x00, 0x12, 0x01))).toEqual([
      { kind: 'other', byte: 0x10 },
      { kind: 'other', byte: 0x00 },
      { kind: 'dle-eot', byte: 0x12 },
      { kind: 'other', byte: 0x01 },
    ]);
  });

  it('counts DLE EOT requests hidden in data, as an Epson printer would answer them', () => {
    expect(countDleEotRequests(Uint8Array.of(0x1b, 0x40, 0x41))).toBe(0);
    expect(countDleEotRequests(Uint8Array.of(0x10, 0x10, 0x04, 0x01, 0x10, 0x04, 0x05, 0x10, 0x04, 0x04))).toBe(2);
  });
});
