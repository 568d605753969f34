import type * as NodeHidModule from 'node-hid';

/**
 * USB HID devices (a HID POS scanner, a HID button board) behind a small interface, so the
 * protocols above it are tested with a fake and node-hid stays in one file. node-hid is loaded on
 * first use: a machine where its native module cannot load loses HID devices, not the kiosk.
 */

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  /** OS path of one interface (`/dev/hidraw3`); a composite device has one per interface. */
  path?: string | undefined;
  product?: string | undefined;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/** One open HID interface. Input reports arrive with the report id first when the device numbers them. */
export interface HidDevice {
  onData(listener: (report: Uint8Array) => void): void;
  /** Read failures; an unplugged device reports one here. */
  onError(listener: (error: Error) => void): void;
  /** An output report: the report id first (0 when the device does not number its reports). */
  write(report: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface HidHost {
  devices(): Promise<HidDeviceInfo[]>;
  open(device: HidDeviceInfo): Promise<HidDevice>;
}

type NodeHid = typeof NodeHidModule;
let nodeHid: Promise<NodeHid> | null = null;

function loadNodeHid(): Promise<NodeHid> {
  nodeHid ??= import('node-hid').catch((error: unknown) => {
    nodeHid = null;
    throw new Error(`the HID library could not be loaded: ${(error as Error).message}`);
  });
  return nodeHid;
}

/** The real thing: hidapi through node-hid's asynchronous API (reads off the main thread). */
export const nodeHidHost: HidHost = {
  async devices() {
    const hid = await loadNodeHid();
    return (await hid.devicesAsync()).map((device) => ({
      vendorId: device.vendorId,
      productId: device.productId,
      path: device.path,
      product: device.product,
      manufacturer: device.manufacturer,
      serialNumber: device.serialNumber,
      usagePage: device.usagePage,
      usage: device.usage,
    }));
  },
  async open(device) {
    const hid = await loadNodeHid();
    const handle = device.path ? await hid.HIDAsync.open(device.path) : await hid.HIDAsync.open(device.vendorId, device.productId);
    let closed = false;
    return {
      onData: (listener) => handle.on('data', (data: Buffer) => listener(new Uint8Array(data))),
      onError: (listener) => handle.on('error', (error: unknown) => listener(error instanceof Error ? error : new Error(String(error)))),
      write: async (report) => {
        await handle.write(Buffer.from(report));
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await handle.close();
      },
    };
  },
};

export interface HidLineStatus {
  state: 'unknown' | 'online' | 'offline' | 'error';
  since: Date;
  detail: string;
}

export interface HidSelector {
  vendorId: number;
  productId: number;
  /** Among a composite device's interfaces, the one with this usage page (0x8C for HID POS). */
  usagePage?: number;
}

export interface ReconnectingHidOptions extends HidSelector {
  host: HidHost;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  clock?: () => Date;
}

export const HID_MIN_BACKOFF_MS = 500;
export const HID_MAX_BACKOFF_MS = 30_000;

/**
 * A HID device that stays wanted: found by vendor and product id, opened, and after an unplug
 * (a read error) or while absent, looked for again with exponential backoff. hidapi has no
 * portable plug event, so polling the device list is the way to notice it is back.
 */
export class ReconnectingHidDevice {
  readonly #options: ReconnectingHidOptions;
  readonly #clock: () => Date;
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #dataListeners = new Set<(report: Uint8Array) => void>();
  readonly #statusListeners = new Set<(status: HidLineStatus) => void>();
  #status: HidLineStatus;
  #device: HidDevice | null = null;
  #connecting = false;
  #closed = false;
  #backoffMs: number;
  #retry: NodeJS.Timeout | null = null;

  constructor(options: ReconnectingHidOptions) {
    this.#options = options;
    this.#clock = options.clock ?? (() => new Date());
    this.#minBackoffMs = options.minBackoffMs ?? HID_MIN_BACKOFF_MS;
    this.#maxBackoffMs = options.maxBackoffMs ?? HID_MAX_BACKOFF_MS;
    this.#backoffMs = this.#minBackoffMs;
    this.#status = { state: 'unknown', since: this.#clock(), detail: `${this.#name()}: looking for the device` };
    void this.#connect();
  }

  status(): HidLineStatus {
    return this.#status;
  }

  onStatusChange(listener: (status: HidLineStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  onData(listener: (report: Uint8Array) => void): () => void {
    this.#dataListeners.add(listener);
    return () => this.#dataListeners.delete(listener);
  }

  /** Rejects when the device is absent; callers that only signal (LEDs) ignore that. */
  async write(report: Uint8Array): Promise<void> {
    if (!this.#device) throw new Error(`${this.#name()} is not connected`);
    await this.#device.write(report);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    const device = this.#device;
    this.#device = null;
    await device?.close().catch(() => undefined);
    this.#dataListeners.clear();
    this.#statusListeners.clear();
  }

  async #connect(): Promise<void> {
    if (this.#closed || this.#device || this.#connecting) return;
    this.#connecting = true;
    try {
      const matching = (await this.#options.host.devices()).filter((device) => device.vendorId === this.#options.vendorId && device.productId === this.#options.productId);
      const found = pick(matching, this.#options.usagePage);
      if (!found) {
        if (matching.length === 0) this.#setStatus('offline', `${this.#name()}: not found (unplugged?)`);
        else this.#setStatus('error', `${this.#name()}: no interface with usage page 0x${hex4(this.#options.usagePage ?? 0)}; the device is in another mode`);
        this.#scheduleRetry();
        return;
      }
      let device: HidDevice;
      try {
        device = await this.#options.host.open(found);
      } catch (error) {
        this.#setStatus('error', `${this.#name()}: cannot be opened (${(error as Error).message}); on Linux check the udev rule for /dev/hidraw*`);
        this.#scheduleRetry();
        return;
      }
      if (this.#closed) {
        await device.close().catch(() => undefined);
        return;
      }
      this.#device = device;
      this.#backoffMs = this.#minBackoffMs;
      device.onData((report) => {
        if (this.#device !== device) return;
        for (const listener of this.#dataListeners) listener(report);
      });
      device.onError((error) => this.#lost(device, error));
      this.#setStatus('online', `${this.#name()}${found.product ? ` (${found.product})` : ''}`);
    } catch (error) {
      this.#setStatus('error', `${this.#name()}: the device list could not be read (${(error as Error).message})`);
      this.#scheduleRetry();
    } finally {
      this.#connecting = false;
    }
  }

  #lost(device: HidDevice, error: Error): void {
    if (this.#device !== device) return;
    this.#device = null;
    void device.close().catch(() => undefined);
    if (this.#closed) return;
    this.#setStatus('offline', `${this.#name()}: disconnected (${error.message})`);
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#retry) return;
    const wait = this.#backoffMs;
    this.#backoffMs = Math.min(this.#backoffMs * 2, this.#maxBackoffMs);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.#connect();
    }, wait);
    this.#retry.unref();
  }

  #name(): string {
    return `HID ${hex4(this.#options.vendorId)}:${hex4(this.#options.productId)}`;
  }

  #setStatus(state: HidLineStatus['state'], detail: string): void {
    if (this.#closed || (state === this.#status.state && detail === this.#status.detail)) return;
    this.#status = { state, since: this.#clock(), detail };
    for (const listener of this.#statusListeners) listener(this.#status);
  }
}

/**
 * The interface to open. With a usage page wanted, an interface that reports another page is
 * never taken: a scanner in keyboard mode would otherwise be read as garbage. An OS that reports
 * no usage pages gets the benefit of the doubt.
 */
function pick(matching: readonly HidDeviceInfo[], usagePage: number | undefined): HidDeviceInfo | undefined {
  if (usagePage === undefined) return matching[0];
  return matching.find((device) => device.usagePage === usagePage) ?? matching.find((device) => device.usagePage === undefined);
}

export function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
