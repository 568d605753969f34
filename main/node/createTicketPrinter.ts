import { join } from 'node:path';
import { EscPosTicketPrinter } from '../../drivers/printer/escposTicketPrinter.js';
import { escPosPreview } from '../../drivers/printer/escposTextDecoder.js';
import type { MonoBitmap } from '../../drivers/printer/monoBitmap.js';
import { SerialPrinterTransport } from '../../drivers/printer/serialPrinterTransport.js';
import { SimulatedPrinterTransport } from '../../drivers/printer/simulatedPrinterTransport.js';
import { TcpPrinterTransport } from '../../drivers/printer/tcpPrinterTransport.js';
import { UsbLpPrinterTransport } from '../../drivers/printer/usbLpPrinterTransport.js';
import type { PrinterConfig } from '../../src/contract/deviceConfig.js';
import type { PrinterSimulatorControls } from '../../src/devices/simulatorControls.js';
import type { TicketPrinter } from '../../src/devices/ticketPrinter.js';

/** The simulator answers at once; this only bounds a bug. */
const SIMULATOR_TIMEOUT_MS = 2000;

export interface CreatedTicketPrinter {
  printer: TicketPrinter;
  /** The technician's levers, when the printer is the simulator. */
  simulator?: PrinterSimulatorControls;
}

/**
 * Device wiring shared by both run modes: configuration in, a driver out. Every kind goes through
 * the same ESC/POS driver, status queries included, so the simulator fails a job on "paper out"
 * exactly as a real printer would.
 */
export function createTicketPrinter(config: PrinterConfig, dataDir: string, options: { logo?: MonoBitmap } = {}): CreatedTicketPrinter {
  const common = { paper: config.paper, ...(options.logo ? { logo: options.logo } : {}) };
  switch (config.kind) {
    case 'simulator': {
      const transport = new SimulatedPrinterTransport(join(dataDir, 'printer'), escPosPreview);
      const printer = new EscPosTicketPrinter(transport, { ...common, status: 'dle-eot', timeoutMs: SIMULATOR_TIMEOUT_MS });
      // A lever pulled on the device screen shows there at once, as a printer with ASB would.
      transport.onStateChange(() => void printer.probe());
      return { printer, simulator: transport };
    }
    case 'tcp':
      return {
        printer: new EscPosTicketPrinter(new TcpPrinterTransport({ host: config.host, port: config.port }), {
          ...common,
          status: config.status,
          timeoutMs: config.timeoutMs,
        }),
      };
    case 'serial':
      return {
        printer: new EscPosTicketPrinter(new SerialPrinterTransport({ path: config.path, baudRate: config.baudRate }), {
          ...common,
          status: config.status,
          timeoutMs: config.timeoutMs,
        }),
      };
    case 'usb-lp':
      return {
        printer: new EscPosTicketPrinter(new UsbLpPrinterTransport({ path: config.path }), { ...common, status: config.status, timeoutMs: config.timeoutMs }),
      };
  }
}
