import { existsSync, readFileSync } from 'node:fs';
import { withoutStatusRequests } from '../../drivers/printer/escposLogo.js';
import { readPbm, type MonoBitmap } from '../../drivers/printer/monoBitmap.js';
import type { DeviceConfig, DeviceKind } from '../../src/contract/api.js';
import type { KeyFeed } from '../../src/domain/keyboardWedgeDetector.js';
import type { DeviceFactory, DeviceSet } from '../../src/host/devices/deviceService.js';
import type { Logger } from '../../src/host/logger.js';
import { createTicketPrinter } from './createTicketPrinter.js';
import { listDevicePorts } from './listDevicePorts.js';
import { createButtonPanel } from './createButtonPanel.js';
import { createScanner } from './createScanner.js';

/** Keys for the keyboard-kind devices, fed by whoever owns the keyboard (the Electron window). */
export interface KeyboardSinks {
  /** Returns true when the key belongs to a device and must not reach the page. */
  feedKey: KeyFeed;
}

export interface KioskDevices {
  devices: DeviceSet;
  factory: DeviceFactory;
  keyboard: KeyboardSinks;
}

/**
 * Device wiring shared by both run modes: the configuration's device sections in, drivers out,
 * plus the factory the technician's device screen uses to swap them while the kiosk runs.
 */
export function createKioskDevices(config: DeviceConfig, dataDir: string, options: { logoFile?: string; log?: Logger } = {}): KioskDevices {
  const logo = loadLogo(options.logoFile, options.log);
  let keyboardScanner: KeyFeed | undefined;
  let keyboardButtons: KeyFeed | undefined;

  const create = (next: DeviceConfig, kinds: ReadonlySet<DeviceKind>): Partial<DeviceSet> => {
    const created: Partial<DeviceSet> & { simulators: DeviceSet['simulators'] } = { simulators: {} };
    if (kinds.has('printer')) {
      const printer = createTicketPrinter(next.printer, dataDir, logo ? { logo } : {});
      created.printer = printer.printer;
      if (printer.simulator) created.simulators.printer = printer.simulator;
    }
    if (kinds.has('scanner')) {
      const scanner = createScanner(next.scanner, options.log ? { log: options.log } : {});
      created.scanner = scanner?.scanner ?? null;
      if (scanner?.simulator) created.simulators.scanner = scanner.simulator;
      keyboardScanner = scanner?.feedKey;
    }
    if (kinds.has('buttons')) {
      const buttons = createButtonPanel(next.buttons, options.log ? { log: options.log } : {});
      created.buttons = buttons?.panel ?? null;
      if (buttons?.simulator) created.simulators.buttons = buttons.simulator;
      keyboardButtons = buttons?.feedKey;
    }
    return created;
  };

  const initial = create(config, new Set<DeviceKind>(['printer', 'scanner', 'buttons']));
  return {
    devices: { printer: initial.printer!, scanner: initial.scanner ?? null, buttons: initial.buttons ?? null, simulators: initial.simulators ?? {} },
    factory: { create, listPorts: listDevicePorts },
    keyboard: {
      feedKey(key, at, flags) {
        // Both see every key: a panel key is withheld from the page, a scan is told by timing.
        const button = keyboardButtons?.(key, at, flags) ?? false;
        const scan = keyboardScanner?.(key, at, flags) ?? false;
        return button || scan;
      },
    },
  };
}

function loadLogo(file: string | undefined, log: Logger | undefined): MonoBitmap | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    const logo = readPbm(readFileSync(file));
    // The driver cleans it again per paper width; this only tells the technician when it cannot.
    withoutStatusRequests(logo, '80mm');
    return logo;
  } catch (error) {
    // A damaged logo must not stop tickets: they print without it.
    log?.warn('printer logo not loaded', { error: (error as Error).message });
    return undefined;
  }
}
