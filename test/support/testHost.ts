import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { EscPosTicketPrinter } from '../../drivers/printer/escposTicketPrinter.js';
import { escPosPreview } from '../../drivers/printer/escposTextDecoder.js';
import type { PrinterTransport } from '../../drivers/printer/printerTransport.js';
import { SimulatedPrinterTransport } from '../../drivers/printer/simulatedPrinterTransport.js';
import type { BarcodeScanner } from '../../src/devices/barcodeScanner.js';
import type { ButtonPanel } from '../../src/devices/buttonPanel.js';
import type { SimulatorControls } from '../../src/devices/simulatorControls.js';
import type { TicketPrinter } from '../../src/devices/ticketPrinter.js';
import { createKioskHost, type KioskHost } from '../../src/host/kioskHost.js';
import { KioskConfigSchema, type KioskConfigInput } from '../../src/host/kioskConfig.js';
import { openAllDay } from './alwaysOpen.js';

export interface TestHostOptions {
  config?: KioskConfigInput;
  clock?: () => Date;
  /** A printer transport under the real ESC/POS driver (default: the simulated printer). */
  transport?: PrinterTransport;
  /** Replaces the whole printer driver (the transport option is then ignored). */
  printer?: TicketPrinter;
  scanner?: BarcodeScanner;
  buttons?: ButtonPanel;
  simulators?: SimulatorControls;
}

/** The real host in-process, on a real SQLite file and the real simulated printer. */
export function createTestHost(dataDir: string, options: TestHostOptions = {}): KioskHost {
  const simulated = options.transport || options.printer ? undefined : new SimulatedPrinterTransport(join(dataDir, 'printer'), escPosPreview);
  const transport = options.transport ?? simulated!;
  const printer = options.printer ?? new EscPosTicketPrinter(transport, { timeoutMs: 2000 });
  // As in the run modes: a lever pulled on the simulator shows in the printer's status at once.
  simulated?.onStateChange(() => void printer.probe());
  const host = createKioskHost({
    dataDir,
    config: KioskConfigSchema.parse(openAllDay(options.config)),
    printer,
    scanner: options.scanner ?? null,
    buttons: options.buttons ?? null,
    simulators: { ...(simulated ? { printer: simulated } : {}), ...options.simulators },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  onTestFinished(() => host.close());
  return host;
}
