import { describe, expect, it } from 'vitest';
import type { ScanInput } from '../../src/devices/barcodeScanner.js';
import type { PanelButton } from '../../src/devices/buttonPanel.js';
import { ButtonDebouncer, keyToButton } from '../../src/domain/buttonDebounce.js';
import { KeyboardButtonPanel } from '../../drivers/buttonPanel/keyboardButtonPanel.js';
import { encodeFeedback, PanelLineSplitter, parsePanelLine } from '../../drivers/buttonPanel/panelLineProtocol.js';
import { SimulatedButtonPanel } from '../../drivers/buttonPanel/simulatedButtonPanel.js';
import { KeyboardWedgeScanner } from '../../drivers/scanner/keyboardWedgeScanner.js';
import { createButtonPanel } from '../../main/node/createButtonPanel.js';
import { createScanner } from '../../main/node/createScanner.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('the button panel line protocol', () => {
  it('reads presses in every tolerated form', () => {
    for (const line of ['B2', 'b2', '2', ' B2 ', 'B2\r']) expect(parsePanelLine(line), line).toEqual({ kind: 'press', button: 2 });
    expect(parsePanelLine('B5')).toEqual({ kind: 'press', button: 5 });
  });

  it('ignores blank lines and comments, and names anything else as unknown', () => {
    expect(parsePanelLine('')).toEqual({ kind: 'ignore' });
    expect(parsePanelLine('# panel v1.2 ready')).toEqual({ kind: 'ignore' });
    for (const line of ['B6', 'B0', 'B12', 'X', 'L2', 'B 2']) expect(parsePanelLine(line).kind, line).toBe('unknown');
    expect(parsePanelLine('\u0001zz')).toEqual({ kind: 'unknown', problem: expect.stringContaining('3 characters: letters, other characters') });
    // A scanner on the panel's port (device numbers swapped): the log learns the shape, not the NIK.
    expect(parsePanelLine('3201014501900001').kind).toBe('unknown');
    expect(JSON.stringify(parsePanelLine('3201014501900001'))).not.toContain('3201');
  });

  it('writes lights and beeps as lines', () => {
    expect(text(encodeFeedback({ kind: 'accepted', button: 3 }))).toBe('L3\n');
    expect(text(encodeFeedback({ kind: 'idle' }))).toBe('L0\n');
    expect(text(encodeFeedback({ kind: 'refused' }))).toBe('E\n');
  });

  it('splits on CR, LF or CRLF across chunks, and drops an overlong line whole', () => {
    const splitter = new PanelLineSplitter();
    expect(splitter.push(bytes('B1\r\nB'))).toEqual([{ line: 'B1' }]);
    expect(splitter.push(bytes('2\n3\r'))).toEqual([{ line: 'B2' }, { line: '3' }]);
    expect(splitter.push(bytes(`${'x'.repeat(100)}\nB4\n`))).toEqual([{ problem: expect.stringMatching(/longer than 32/) }, { line: 'B4' }]);
  });
});

describe('ButtonDebouncer', () => {
  it('drops repeats of one button within the window, counted from its last signal', () => {
    const debouncer = new ButtonDebouncer(150);
    expect(debouncer.accept(2, 0)).toBe(true);
    expect(debouncer.accept(2, 100)).toBe(false);
    // Still chattering at 200 (100 after the last signal): the same press.
    expect(debouncer.accept(2, 200)).toBe(false);
    expect(debouncer.accept(2, 351)).toBe(true);
  });

  it('never drops another button, nor a press after the clock stepped back', () => {
    const debouncer = new ButtonDebouncer(150);
    expect(debouncer.accept(1, 0)).toBe(true);
    expect(debouncer.accept(2, 10)).toBe(true);
    expect(debouncer.accept(1, -5000)).toBe(true);
  });

  it('maps keys to buttons in order, without case, with an optional fifth key', () => {
    expect(keyToButton('F13')).toBe(1);
    expect(keyToButton('F16')).toBe(4);
    expect(keyToButton('f14')).toBe(2);
    expect(keyToButton('F17')).toBeNull();
    expect(keyToButton('F17', ['F13', 'F14', 'F15', 'F16', 'F17'])).toBe(5);
    expect(keyToButton('Enter')).toBeNull();
  });
});

describe('SimulatedButtonPanel', () => {
  it('presses through the same debounce as a real panel', () => {
    const panel = new SimulatedButtonPanel();
    const presses: PanelButton[] = [];
    panel.onPress((button) => presses.push(button));
    panel.press(2);
    panel.press(2);
    panel.press(3);
    expect(presses).toEqual([2, 3]);
  });

  it('delivers nothing while unplugged, and remembers its lights', () => {
    const panel = new SimulatedButtonPanel({ debounceMs: 0 });
    const presses: PanelButton[] = [];
    panel.onPress((button) => presses.push(button));
    panel.setConnected(false);
    panel.press(1);
    expect(panel.status()).toMatchObject({ id: 'buttons', driver: 'buttons/simulator', state: 'offline' });
    panel.setConnected(true);
    panel.press(1);
    panel.feedback({ kind: 'accepted', button: 1 });
    expect(presses).toEqual([1]);
    expect(panel.lastFeedback()).toEqual({ kind: 'accepted', button: 1 });
  });
});

describe('KeyboardButtonPanel', () => {
  it('turns panel keys into presses, withholds them from the page, and ignores other keys', () => {
    const panel = new KeyboardButtonPanel();
    const presses: PanelButton[] = [];
    panel.onPress((button) => presses.push(button));
    expect(panel.status().state).toBe('unknown');
    expect(panel.feedKey('F14', 1000)).toBe(true);
    expect(panel.feedKey('F14', 1030, { repeat: true })).toBe(true);
    expect(panel.feedKey('F14', 1060)).toBe(true);
    expect(panel.feedKey('F16', 1100)).toBe(true);
    expect(panel.feedKey('a', 1200)).toBe(false);
    expect(panel.feedKey('F13', 1300, { modified: true })).toBe(false);
    expect(presses).toEqual([2, 4]);
    expect(panel.status()).toMatchObject({ driver: 'buttons/keyboard', state: 'online' });
  });
});

describe('KeyboardWedgeScanner', () => {
  it('delivers a scan ended by its suffix and withholds the suffix', () => {
    const scanner = new KeyboardWedgeScanner({ maxKeyGapMs: 35 });
    const seen: ScanInput[] = [];
    scanner.onScan((scan) => seen.push(scan));
    const consumed = [...'SIAPKERJA:AB12CD34', 'Enter'].map((key, index) => scanner.feedKey(key, 500 + index * 3));
    expect(seen).toEqual([{ ok: true, text: 'SIAPKERJA:AB12CD34' }]);
    expect(consumed.at(-1)).toBe(true);
    expect(scanner.status()).toMatchObject({ driver: 'scanner/keyboard-wedge', state: 'online' });
  });

  it('ends a scan without suffix by the silence after it', async () => {
    const scanner = new KeyboardWedgeScanner({ maxKeyGapMs: 20, suffix: '' });
    const scan = new Promise<ScanInput>((resolve) => scanner.onScan(resolve));
    [...'3201014501900001'].forEach((key, index) => scanner.feedKey(key, index * 2));
    expect(await scan).toEqual({ ok: true, text: '3201014501900001' });
    await scanner.close();
  });
});

describe('device factories', () => {
  it('make nothing for kind none', () => {
    expect(createScanner({ kind: 'none' })).toBeNull();
    expect(createButtonPanel({ kind: 'none' })).toBeNull();
  });

  it('give simulators their levers and keyboard devices their key feed', async () => {
    const simulated = createScanner({ kind: 'simulator', deliverTo: 'kiosk' });
    expect(simulated?.simulator).toBe(simulated?.scanner);
    const wedge = createScanner({ kind: 'keyboard-wedge', deliverTo: 'kiosk', prefix: '', suffix: '\r', maxKeyGapMs: 35 });
    expect(wedge?.feedKey?.('a', 0)).toBe(false);
    expect(wedge?.scanner.status().driver).toBe('scanner/keyboard-wedge');
    const keys = createButtonPanel({ kind: 'keyboard', keys: ['F13', 'F14', 'F15', 'F16', 'F12'] });
    expect(keys?.feedKey?.('F12', 0)).toBe(true);
    const panel = createButtonPanel({ kind: 'simulator' });
    expect(panel?.simulator).toBe(panel?.panel);
    await Promise.all([simulated?.scanner.close(), wedge?.scanner.close(), keys?.panel.close(), panel?.panel.close()]);
  });
});
