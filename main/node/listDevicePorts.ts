import { readdir } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { DevicePorts } from '../../src/contract/api.js';
import { nodeHidHost, type HidHost } from '../../drivers/hid/hidDevice.js';

/**
 * What the technician can choose from on the device screen: serial ports, HID devices and USB
 * printer files. Never throws: a source that cannot be listed (no permission on /dev/hidraw*, a
 * native module that did not load) is named in `problems` and the others are still listed.
 */
export async function listDevicePorts(options: { hid?: HidHost; usbPrinterDir?: string } = {}): Promise<DevicePorts> {
  const problems: string[] = [];
  const [serial, hid, usbPrinters] = await Promise.all([
    listSerial().catch((error: unknown) => {
      problems.push(`serial ports could not be listed: ${message(error)}`);
      return [];
    }),
    listHid(options.hid ?? nodeHidHost).catch((error: unknown) => {
      problems.push(`HID devices could not be listed: ${message(error)}`);
      return [];
    }),
    listUsbPrinters(options.usbPrinterDir ?? '/dev/usb').catch((error: unknown) => {
      problems.push(`USB printers could not be listed: ${message(error)}`);
      return [];
    }),
  ]);
  return { serial, hid, usbPrinters, problems };
}

async function listSerial(): Promise<DevicePorts['serial']> {
  const ports = await SerialPort.list();
  return ports
    .map((port) => ({
      path: port.path,
      ...(port.manufacturer ? { manufacturer: port.manufacturer } : {}),
      ...(port.vendorId ? { vendorId: port.vendorId } : {}),
      ...(port.productId ? { productId: port.productId } : {}),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

async function listHid(host: HidHost): Promise<DevicePorts['hid']> {
  const devices = await host.devices();
  const seen = new Set<string>();
  const out: DevicePorts['hid'] = [];
  // One row per device and usage page: a composite device lists each interface once, not per collection.
  for (const device of devices) {
    const key = `${device.vendorId}:${device.productId}:${device.usagePage ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      vendorId: device.vendorId,
      productId: device.productId,
      ...(device.product ? { product: device.product } : {}),
      ...(device.manufacturer ? { manufacturer: device.manufacturer } : {}),
      ...(device.usagePage !== undefined ? { usagePage: device.usagePage } : {}),
    });
  }
  return out;
}

/** The usblp driver's device files; no directory means no USB printer (or no usblp), not a fault. */
async function listUsbPrinters(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => /^lp\d{1,2}$/.test(name))
    .sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)))
    .map((name) => `${dir}/${name}`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
