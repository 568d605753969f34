import type { BarcodeScanner } from '../../src/devices/barcodeScanner.js';
import type { ScannerSimulatorControls } from '../../src/devices/simulatorControls.js';
import type { KeyFeed } from '../../src/domain/keyboardWedgeDetector.js';
import type { ScannerConfig } from '../../src/host/kioskConfig.js';
import { nodeHidHost, type HidHost } from '../../drivers/hid/hidDevice.js';
import type { DriverLog } from '../../drivers/scanner/barcodeScannerBase.js';
import { HidPosBarcodeScanner } from '../../drivers/scanner/hidPosBarcodeScanner.js';
import { KeyboardWedgeScanner } from '../../drivers/scanner/keyboardWedgeScanner.js';
import { SerialBarcodeScanner } from '../../drivers/scanner/serialBarcodeScanner.js';
import { SimulatedBarcodeScanner } from '../../drivers/scanner/simulatedBarcodeScanner.js';

export interface CreatedScanner {
  scanner: BarcodeScanner;
  /** Present for the simulator: the technician's levers. */
  simulator?: ScannerSimulatorControls;
  /** Present for a keyboard wedge: the window that owns the keyboard feeds it every key down. */
  feedKey?: KeyFeed;
}

export interface DeviceFactoryOptions {
  log?: DriverLog;
  /** node-hid unless a test brings its own. */
  hid?: HidHost;
}

/** Device wiring shared by both run modes: scanner configuration in, a driver out (or none). */
export function createScanner(config: ScannerConfig, options: DeviceFactoryOptions = {}): CreatedScanner | null {
  const log = options.log;
  switch (config.kind) {
    case 'none':
      return null;
    case 'simulator': {
      const scanner = new SimulatedBarcodeScanner(log ? { log } : {});
      return { scanner, simulator: scanner };
    }
    case 'serial':
      return { scanner: new SerialBarcodeScanner({ path: config.path, baudRate: config.baudRate, prefix: config.prefix, suffix: config.suffix, ...(log ? { log } : {}) }) };
    case 'hid':
      return { scanner: new HidPosBarcodeScanner({ vendorId: config.vendorId, productId: config.productId, host: options.hid ?? nodeHidHost, ...(log ? { log } : {}) }) };
    case 'keyboard-wedge': {
      const scanner = new KeyboardWedgeScanner({ maxKeyGapMs: config.maxKeyGapMs, prefix: config.prefix, suffix: config.suffix, ...(log ? { log } : {}) });
      return { scanner, feedKey: (key, timestampMs, flags) => scanner.feedKey(key, timestampMs, flags) };
    }
  }
}
