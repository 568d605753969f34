import { EscPosTicketPrinter } from '../../drivers/printer/escposTicketPrinter.js';
import { escPosPreview } from '../../drivers/printer/escposTextDecoder.js';
import { SimulatedPrinterTransport } from '../../drivers/printer/simulatedPrinterTransport.js';
import type { PrinterTransport } from '../../drivers/printer/printerTransport.js';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { TicketPrinter } from '../../src/devices/ticketPrinter.js';
import { createKioskHost, type KioskHost } from '../../src/host/kioskHost.js';
import { KioskConfigSchema, type KioskConfigInput } from '../../src/host/kioskConfig.js';
import { openAllDay } from './alwaysOpen.js';

export interface TestHostOptions {
  config?: KioskConfigInput;
  clock?: () => Date;
  transport?: PrinterTransport;
  /** Replaces the whole printer driver (the transport option is then ignored). */
  printer?: TicketPrinter;
}

/** The real host in-process, on a real SQLite file and the real simulated printer. */
export function createTestHost(dataDir: string, options: TestHostOptions = {}): KioskHost {
  const transport = options.transport ?? new SimulatedPrinterTransport(join(dataDir, 'printer'), escPosPreview);
  const host = createKioskHost({
    dataDir,
    config: KioskConfigSchema.parse(openAllDay(options.config)),
    printer: options.printer ?? new EscPosTicketPrinter(transport),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  onTestFinished(() => host.close());
  return host;
}
