import { ReconnectingHidDevice, type HidHost } from '../hid/hidDevice.js';
import { BarcodeScannerBase, type DriverLog } from './barcodeScannerBase.js';
import { HID_POS_USAGE_PAGE, HidPosReportParser, type HidPosOptions } from './hidPosReports.js';

export interface HidPosBarcodeScannerOptions extends HidPosOptions {
  vendorId: number;
  productId: number;
  host: HidHost;
  log?: DriverLog;
  clock?: () => Date;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * A scanner in USB HID POS mode: no keyboard in between, so nothing reaches the page and no
 * timing guesswork. Its HID POS interface (usage page 0x8C) is opened; an unplugged scanner is
 * offline and is found again by polling the device list.
 */
export class HidPosBarcodeScanner extends BarcodeScannerBase {
  readonly #device: ReconnectingHidDevice;

  constructor(options: HidPosBarcodeScannerOptions) {
    const device = new ReconnectingHidDevice({
      host: options.host,
      vendorId: options.vendorId,
      productId: options.productId,
      usagePage: HID_POS_USAGE_PAGE,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.minBackoffMs !== undefined ? { minBackoffMs: options.minBackoffMs } : {}),
      ...(options.maxBackoffMs !== undefined ? { maxBackoffMs: options.maxBackoffMs } : {}),
    });
    const initial = device.status();
    super({ driver: 'scanner/hid', state: initial.state, detail: initial.detail, framer: new HidPosReportParser(options), log: options.log, clock: options.clock });
    this.#device = device;
    device.onData((report) => this.pushBytes(report));
    device.onStatusChange((status) => {
      this.resetFraming();
      this.setStatus(status.state, status.detail, status.since);
    });
  }

  async close(): Promise<void> {
    this.stopTimers();
    await this.#device.close();
  }
}
