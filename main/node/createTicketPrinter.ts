import { join } from 'node:path';
import { EscPosTicketPrinter } from '../../drivers/printer/escposTicketPrinter.js';
import { escPosPreview } from '../../drivers/printer/escposTextDecoder.js';
import { SimulatedPrinterTransport } from '../../drivers/printer/simulatedPrinterTransport.js';
import { TcpPrinterTransport } from '../../drivers/printer/tcpPrinterTransport.js';
import type { TicketPrinter } from '../../src/devices/ticketPrinter.js';
import type { PrinterConfig } from '../../src/host/kioskConfig.js';

/** Device wiring shared by both run modes: configuration in, a driver out. */
export function createTicketPrinter(config: PrinterConfig, dataDir: string): TicketPrinter {
  switch (config.kind) {
    case 'simulator':
      return new EscPosTicketPrinter(new SimulatedPrinterTransport(join(dataDir, 'printer'), escPosPreview));
    case 'tcp':
      return new EscPosTicketPrinter(
        new TcpPrinterTransport({ host: config.host, port: config.port, timeoutMs: config.timeoutMs }),
      );
  }
}
